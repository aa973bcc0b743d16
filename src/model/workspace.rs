//! All the assessments kept in one browser, and which one is open.
//!
//! Merging two copies (two tabs, or storage and a tab) never looks at a
//! time: fields merge by what each copy has seen, deleted assessments stay
//! deleted unless a delete was undone (a later life), and "Delete all data"
//! starts a new generation that every older copy gives way to.

use super::assessment::{Assessment, Edit};
use super::clock::Stamp;
use super::field::{Field, FieldValue};
use super::merge::{as_ours, element_ids, questions, record, unanswered};
use super::merge::{ImportKind, ImportRecord, MergeMode, Undone};
use super::replicas::{merge_replicas, FolderMerge, Replica};
use super::rounds::Round;
use super::start::StartDetails;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Invariant once loaded: `current` names one of `assessments`, and there is
/// at least one (`ensure_one` restores that after a merge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub assessments: Vec<Assessment>,
    pub current: String,
    /// Deleted assessments: id and the life that was deleted, so another
    /// tab's or an old copy cannot bring it back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<String, u64>,
    /// For each assessment exported from this browser, how many edits it had
    /// seen then: the reminder that this browser holds the only copy.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exported: BTreeMap<String, u64>,
    /// Raised by "Delete all data": a copy of an older generation (another
    /// tab, not yet told) gives way entirely and is never written back.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub generation: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A deleted assessment and where it was, for "Undo".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub assessment: Assessment,
    pub index: usize,
}

pub const DEFAULT_NAME: &str = "My organisation’s assessment";

impl Workspace {
    pub fn fresh(id: impl Into<String>, stamp: &Stamp) -> Self {
        let first = Assessment::new(id, DEFAULT_NAME, stamp);
        Workspace {
            current: first.id.clone(),
            assessments: vec![first],
            deleted: BTreeMap::new(),
            exported: BTreeMap::new(),
            generation: 0,
        }
    }

    /// Everything deleted: a fresh workspace of the next generation.
    pub fn cleared(&self, id: impl Into<String>, stamp: &Stamp) -> Self {
        Workspace {
            generation: self.generation + 1,
            ..Workspace::fresh(id, stamp)
        }
    }

    pub fn current(&self) -> &Assessment {
        self.get(&self.current).unwrap_or(&self.assessments[0])
    }

    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.assessments.iter().position(|a| a.id == id)
    }

    /// The open assessment, to change it.
    pub fn current_mut(&mut self) -> &mut Assessment {
        let i = self.position(&self.current).unwrap_or(0);
        &mut self.assessments[i]
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Assessment> {
        self.assessments.iter_mut().find(|a| a.id == id)
    }

    /// Applies an edit to the open assessment.
    pub fn apply(&mut self, edit: Edit, stamp: &Stamp) -> bool {
        self.current_mut().apply(edit, stamp)
    }

    /// Adds an empty assessment and opens it.
    pub fn create(&mut self, id: impl Into<String>, name: impl Into<String>, stamp: &Stamp) {
        let assessment = Assessment::new(id, name, stamp);
        self.current = assessment.id.clone();
        self.assessments.push(assessment);
    }

    /// Adds an assessment (from a file) and opens it. An id deleted here
    /// comes back as its next life: importing it is asking for it.
    pub fn add(&mut self, mut assessment: Assessment) {
        if let Some(&life) = self.deleted.get(&assessment.id) {
            assessment.life = assessment.life.max(life + 1);
        }
        self.current = assessment.id.clone();
        match self.position(&assessment.id) {
            Some(i) => self.assessments[i].merge_from(&assessment),
            None => self.assessments.push(assessment),
        }
    }

    /// Copies an assessment, answers and all, under a new id, and opens it.
    pub fn duplicate(&mut self, source: &str, id: impl Into<String>, stamp: &Stamp) -> bool {
        let Some(original) = self.get(source) else {
            return false;
        };
        // A clone is a fork: the copy writes as a new writer, so the two
        // histories never name two values with one edit.
        let mut copy = original.clone();
        copy.id = id.into();
        copy.life = 0;
        let name = format!("Copy of {}", original.name.value);
        copy.apply(Edit::Name(name), stamp);
        copy.created_at = stamp.at;
        copy.touched_at = stamp.at;
        self.current = copy.id.clone();
        self.assessments.push(copy);
        true
    }

    pub fn rename(&mut self, id: &str, name: String, stamp: &Stamp) -> bool {
        match self.get_mut(id) {
            Some(a) => a.apply(Edit::Name(name), stamp),
            None => false,
        }
    }

    pub fn switch(&mut self, id: &str) -> bool {
        let exists = self.get(id).is_some();
        if exists {
            self.current = id.to_string();
        }
        exists
    }

    /// Removes an assessment, returning it and its place for undo. Deleting
    /// the last one leaves a fresh empty one (with `replacement_id`).
    pub fn delete(
        &mut self,
        id: &str,
        replacement_id: impl Into<String>,
        stamp: &Stamp,
    ) -> Option<Deleted> {
        let i = self.position(id)?;
        let removed = self.assessments.remove(i);
        let life = self.deleted.entry(removed.id.clone()).or_insert(0);
        *life = (*life).max(removed.life);
        if self.assessments.is_empty() {
            self.create(replacement_id, DEFAULT_NAME, stamp);
        }
        if self.current == removed.id {
            self.current = self.assessments[i.min(self.assessments.len() - 1)]
                .id
                .clone();
        }
        Some(Deleted {
            assessment: removed,
            index: i,
        })
    }

    /// Undoes a delete as a step forward: the assessment's next life, so
    /// every copy that saw the delete sees this too. Opens it.
    pub fn restore(&mut self, deleted: Deleted, stamp: &Stamp) {
        let Deleted {
            mut assessment,
            index,
        } = deleted;
        let gone = self.deleted.get(&assessment.id).copied().unwrap_or(0);
        assessment.life = assessment.life.max(gone) + 1;
        assessment.touched_at = assessment.touched_at.max(stamp.at);
        // An untouched placeholder made by deleting the last one goes again.
        if let [only] = self.assessments.as_slice() {
            if !only.has_content() && only.edits_seen() <= 1 && only.id != assessment.id {
                let id = only.id.clone();
                self.assessments.clear();
                self.deleted.insert(id, 0);
            }
        }
        self.current = assessment.id.clone();
        match self.position(&assessment.id) {
            Some(i) => self.assessments[i].merge_from(&assessment),
            None => {
                let index = index.min(self.assessments.len());
                self.assessments.insert(index, assessment);
            }
        }
    }

    /// Records that these assessments were exported now.
    pub fn mark_exported<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> bool {
        let mut changed = false;
        for id in ids {
            if let Some(seen) = self.get(id).map(Assessment::edits_seen) {
                changed |= self.exported.insert(id.to_string(), seen) != Some(seen);
            }
        }
        changed
    }

    /// True when an assessment has changes that no exported file holds.
    pub fn needs_export(&self, id: &str) -> bool {
        let Some(a) = self.get(id) else { return false };
        match self.exported.get(id) {
            Some(&seen) => a.edits_seen() > seen,
            None => a.has_content(),
        }
    }

    /// Both copies combined, as a new copy (each assessment a new writer).
    pub fn merged(&self, other: &Workspace) -> Workspace {
        let mut merged = self.clone();
        merged.merge_from(other);
        merged
    }

    /// Takes in another copy of the workspace (say, another tab's):
    /// assessments matched by id and merged field by field; a deleted life
    /// stays deleted; the newer generation wins outright. Keeps our
    /// `current` when it still exists, and our copies' writers. May leave no
    /// assessments: see `ensure_one`.
    pub fn merge_from(&mut self, other: &Workspace) {
        if other.generation != self.generation {
            if other.generation > self.generation {
                let current = self.current.clone();
                *self = other.clone();
                if self.get(&current).is_some() {
                    self.current = current;
                }
            }
            return;
        }
        for (id, &life) in &other.deleted {
            let entry = self.deleted.entry(id.clone()).or_insert(life);
            *entry = (*entry).max(life);
        }
        for theirs in &other.assessments {
            match self.position(&theirs.id) {
                Some(i) => self.assessments[i].merge_from(theirs),
                None => self.assessments.push(theirs.clone()),
            }
        }
        let deleted = &self.deleted;
        self.assessments
            .retain(|a| deleted.get(&a.id).is_none_or(|&life| a.life > life));
        for (id, &seen) in &other.exported {
            let entry = self.exported.entry(id.clone()).or_insert(seen);
            *entry = (*entry).max(seen);
        }
        if !self.assessments.iter().any(|a| a.id == self.current) {
            self.current = self
                .assessments
                .first()
                .map(|a| a.id.clone())
                .unwrap_or_default();
        }
    }

    /// How many answers in the open assessment hold two versions.
    pub fn conflicted_fields(&self) -> usize {
        self.current().conflicted_fields()
    }

    /// After a merge left nothing (each copy deleted the other's last
    /// assessment), starts a fresh one. Returns whether it had to.
    pub fn ensure_one(&mut self, id: impl Into<String>, stamp: &Stamp) -> bool {
        if self.assessments.is_empty() {
            self.create(id, DEFAULT_NAME, stamp);
            return true;
        }
        if self.get(&self.current).is_none() {
            self.current = self.assessments[0].id.clone();
        }
        false
    }
}

/// Importing: new, replace, merge and undo (the decisions are `merge.rs`'s).
impl Workspace {
    /// Adds each as a new assessment under a new id; opens the last. Each
    /// is a fork (its own writer from here on) that keeps its history, so
    /// merging the original file into it later asks only about real
    /// differences. One whose name is already taken here is named "… (from
    /// file, `today`)", so the two are told apart.
    pub fn import_new(
        &mut self,
        incoming: &[Assessment],
        today: &str,
        stamp: &Stamp,
        mut new_id: impl FnMut() -> String,
    ) -> ImportRecord {
        let mut ids = Vec::new();
        for a in incoming {
            let mut copy = a.clone();
            copy.id = new_id();
            copy.life = 0;
            // An empty placeholder (a fresh browser's first assessment) does
            // not count: there is nothing to tell apart.
            let taken = |w: &Workspace, name: &str| {
                w.assessments
                    .iter()
                    .any(|x| x.name.value == name && (x.has_content() || x.edits_seen() > 1))
            };
            if taken(self, &copy.name.value) {
                let base = format!("{} (from file, {today})", copy.name.value);
                let mut name = base.clone();
                let mut n = 2;
                while taken(self, &name) {
                    name = format!("{base} {n}");
                    n += 1;
                }
                copy.apply(Edit::Name(name), stamp);
            }
            ids.push(copy.id.clone());
            self.add(copy);
        }
        ImportRecord {
            kind: ImportKind::New,
            assessments: ids,
            changes: Vec::new(),
            rounds_added: Vec::new(),
            rounds_removed: Vec::new(),
        }
    }

    /// Makes the open assessment hold exactly what `theirs` holds, rounds
    /// included, as new edits that follow both sides, so no copy of the old
    /// answers can come back through a later merge. A round of theirs that
    /// was deleted here comes back under a new id (a deleted id never
    /// returns).
    pub fn replace_current(
        &mut self,
        theirs: &Assessment,
        stamp: &Stamp,
        mut new_id: impl FnMut() -> String,
    ) -> ImportRecord {
        let before = self.current().clone();
        let theirs = as_ours(theirs, &before);
        let mut after = before.merged(&theirs);
        for field in Field::all(element_ids([&before, &theirs])) {
            let wanted = field.get(&theirs);
            let versions = field.values(&theirs);
            if versions.len() > 1 {
                // Theirs holds two versions: so does the result, to settle.
                field.set(&mut after, &versions[0].value, stamp, true);
                for v in &versions[1..] {
                    field.set_beside(&mut after, &v.value, stamp);
                }
            } else if field.get(&after) != wanted || field.is_conflicted(&after) {
                field.set(&mut after, &wanted, stamp, true);
            }
        }
        let keep: BTreeSet<&str> =
            super::order::set_of(theirs.rounds.iter().map(|r| r.id.as_str()));
        let extra: Vec<String> = after
            .rounds
            .iter()
            .filter(|r| !keep.contains(r.id.as_str()))
            .map(|r| r.id.clone())
            .collect();
        for id in extra {
            after.apply(Edit::DeleteRound(id), stamp);
        }
        for round in &theirs.rounds {
            match after.rounds.iter().position(|r| r.id == round.id) {
                Some(i) => {
                    if after.rounds[i].name.value != round.name.value
                        || after.rounds[i].name.is_conflicted()
                    {
                        let id = after.rounds[i].id.clone();
                        after.apply(
                            Edit::RenameRound(id.clone(), round.name.value.clone()),
                            stamp,
                        );
                        if after.rounds[i].name.is_conflicted() {
                            after.apply(Edit::RenameRound(id, round.name.value.clone()), stamp);
                        }
                    }
                }
                None => {
                    let mut back = round.clone();
                    back.id = new_id();
                    after.rounds.push(back);
                }
            }
        }
        Round::in_order(&mut after.rounds);
        after.touched_at = after.touched_at.max(stamp.at);
        let done = record(ImportKind::Replace, &before, &after);
        *self.current_mut() = after;
        done
    }

    /// Merges `theirs` into the open assessment. `Causal`: what only they
    /// changed is taken, what only we changed is kept. `EveryDifference`:
    /// an answer only they have is taken. Either way each question is
    /// settled by `choices` (the value to keep) as a new edit that follows
    /// both; the model refuses to go ahead while one is unanswered, and
    /// returns them.
    pub fn merge_current(
        &mut self,
        theirs: &Assessment,
        mode: MergeMode,
        choices: &[(Field, FieldValue)],
        stamp: &Stamp,
    ) -> Result<ImportRecord, Vec<Field>> {
        let before = self.current().clone();
        let asked = questions(&before, theirs, mode);
        let missing = unanswered(&asked, choices);
        if !missing.is_empty() {
            return Err(missing);
        }
        let theirs = as_ours(theirs, &before);
        let mut after = before.clone();
        match mode {
            MergeMode::Causal => after.merge_from(&theirs),
            MergeMode::EveryDifference => {
                // Their history is seen from here on, so a later merge of
                // their file is a three-way merge; what they hold that we
                // lack is written as our edits, after it.
                after.seen.join_in(theirs.seen());
                for field in Field::all(element_ids([&theirs])) {
                    let others = field.values(&theirs);
                    let mine = field.values(&before);
                    // Where both hold the same values under different
                    // edits, ours are written again after theirs: having
                    // joined their history, we must hold what it ends in,
                    // or a later three-way merge finds every version seen
                    // and superseded and keeps none (a value with no edit,
                    // lost on reload; found by the workspace property test).
                    let same = !mine.is_empty()
                        && mine.len() == others.len()
                        && mine
                            .iter()
                            .all(|m| others.iter().any(|o| o.value == m.value));
                    let unheld = field
                        .versions(&theirs)
                        .iter()
                        .any(|t| !field.versions(&before).iter().any(|v| v.dot == t.dot));
                    let write = if mine.is_empty() {
                        &others
                    } else if same && unheld {
                        &mine
                    } else {
                        continue;
                    };
                    if let Some((first, rest)) = write.split_first() {
                        field.set(&mut after, &first.value, stamp, true);
                        for v in rest {
                            field.set_beside(&mut after, &v.value, stamp);
                        }
                    }
                }
                after.merge_rounds_from(&theirs);
            }
        }
        // The name is each person's own label for their copy (a colleague's
        // may say "from file"): a merge leaves ours as it is.
        after.name = before.name.clone();
        for (field, value) in choices {
            if asked.iter().any(|q| &q.field == field) {
                field.set(&mut after, value, stamp, true);
            }
        }
        let done = record(ImportKind::Merge, &before, &after);
        if !done.changes.is_empty() || !choices.is_empty() {
            after.touched_at = after.touched_at.max(stamp.at);
        }
        *self.current_mut() = after;
        Ok(done)
    }

    /// Undoes an import as new edits (like `git revert`): each field it
    /// changed goes back, unless it has been changed again since; rounds it
    /// added go, rounds it removed come back; assessments it added are
    /// deleted.
    pub fn undo_import(
        &mut self,
        done: &ImportRecord,
        stamp: &Stamp,
        mut new_id: impl FnMut() -> String,
    ) -> Undone {
        let mut result = Undone::default();
        if done.kind == ImportKind::New {
            for id in &done.assessments {
                if self.delete(id, new_id(), stamp).is_some() {
                    result.reverted += 1;
                }
            }
            return result;
        }
        let Some(id) = done.assessments.first() else {
            return result;
        };
        let Some(a) = self.get_mut(id) else {
            return result;
        };
        for change in &done.changes {
            if change.field.get(a) == change.after {
                change.field.set(a, &change.before, stamp, true);
                result.reverted += 1;
            } else {
                result.kept += 1;
            }
        }
        for round in &done.rounds_added {
            a.apply(Edit::DeleteRound(round.clone()), stamp);
        }
        for round in &done.rounds_removed {
            let mut back = round.clone();
            back.id = new_id();
            a.rounds.push(back);
        }
        Round::in_order(&mut a.rounds);
        a.touched_at = a.touched_at.max(stamp.at);
        result
    }
}

/// Bringing in a shared folder's files (`replicas.rs` sorts them).
impl Workspace {
    /// Merges every good replica of the open assessment into it as one
    /// import that can be undone. Nothing is asked: what two people changed
    /// at once stays as two versions, shown where the answer lives.
    pub fn merge_folder(&mut self, replicas: &[Replica]) -> (ImportRecord, FolderMerge) {
        let before = self.current().clone();
        let mut after = before.clone();
        let done = merge_replicas(&mut after, replicas);
        let record = record(ImportKind::Merge, &before, &after);
        *self.current_mut() = after;
        (record, done)
    }
}

/// Starting an assessment from the start questions (`start.rs` checks them).
impl Workspace {
    /// Starts an assessment with these details: in the open one if nothing
    /// has been done in it yet, otherwise in a new one (`id`), which opens.
    /// Its name comes from the details, made distinct from the others'.
    /// `false`, changing nothing, when the details have problems.
    pub fn begin(&mut self, details: &StartDetails, id: String, stamp: &Stamp) -> bool {
        if !details.problems().is_empty() {
            return false;
        }
        let current = self.current();
        let blank = !current.has_content() && current.name.value == DEFAULT_NAME;
        if !blank {
            self.create(id, DEFAULT_NAME, stamp);
        }
        let wanted = details.name().unwrap_or_else(|| DEFAULT_NAME.to_string());
        let name = self.distinct_name(&wanted);
        let org = details.organisation.trim().to_string();
        let date = details.date().map(|d| d.to_string()).unwrap_or_default();
        for edit in [
            Edit::Name(name),
            Edit::Organisation(org),
            Edit::OrgType(details.org_type),
            Edit::AssessedOn(date),
        ] {
            self.apply(edit, stamp);
        }
        true
    }

    /// `wanted`, or "wanted (2)", "(3)"… if another assessment has it.
    fn distinct_name(&self, wanted: &str) -> String {
        let current = self.current.clone();
        let taken = |name: &str| {
            self.assessments
                .iter()
                .any(|a| a.id != current && a.name.value == name)
        };
        if !taken(wanted) {
            return wanted.to_string();
        }
        (2..)
            .map(|n| format!("{wanted} ({n})"))
            .find(|name| !taken(name))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;

    fn at(t: i64) -> Stamp {
        Stamp::at(t)
    }

    fn other(t: i64) -> Stamp {
        Stamp::at(t)
    }

    fn ws() -> Workspace {
        Workspace::fresh("a", &at(1))
    }

    #[test]
    fn create_rename_duplicate_switch() {
        let mut w = ws();
        w.create("b", "North site", &at(2));
        assert_eq!(w.current, "b");
        assert!(w.rename("b", "North site 2027".into(), &at(3)));
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(4));
        assert!(w.duplicate("b", "c", &at(5)));
        assert_eq!(w.current().name.value, "Copy of North site 2027");
        assert_eq!(
            w.current().rating("1.1"),
            Rating::InPlace,
            "answers are copied"
        );
        assert!(w.switch("a"));
        assert!(!w.switch("zzz"));
        assert_eq!(w.current().id, "a");
        assert_eq!(w.assessments.len(), 3);
    }

    #[test]
    fn delete_can_be_undone_and_the_undo_holds_in_every_copy() {
        let mut w = ws();
        w.create("b", "B", &at(2));
        w.apply(Edit::Note("2.1".into(), "Training hub live".into()), &at(3));
        let other_tab = w.clone();
        let removed = w.delete("b", "unused", &at(10)).unwrap();
        assert_eq!(w.assessments.len(), 1);
        assert_eq!(w.current, "a");
        let after_delete = w.clone();
        assert!(
            after_delete.merged(&other_tab).get("b").is_none(),
            "stays deleted"
        );
        assert!(
            other_tab.merged(&after_delete).get("b").is_none(),
            "in either order"
        );
        w.restore(removed, &at(11));
        assert_eq!(w.current, "b");
        assert_eq!(
            w.get("b").unwrap().answer("2.1").note.value,
            "Training hub live"
        );
        for copy in [&other_tab, &after_delete] {
            assert!(w.merged(copy).get("b").is_some(), "the undo holds");
            assert!(copy.merged(&w).get("b").is_some());
        }
    }

    #[test]
    fn deleting_the_last_assessment_leaves_a_fresh_one() {
        let mut w = ws();
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(2));
        let removed = w.delete("a", "fresh", &at(5)).unwrap();
        assert_eq!(w.assessments.len(), 1);
        assert_eq!(w.current, "fresh");
        w.restore(removed, &at(6));
        assert_eq!(w.assessments.len(), 1, "the untouched placeholder goes");
        assert_eq!(w.current, "a");
        assert!(w.delete("nope", "x", &at(7)).is_none());
    }

    #[test]
    fn an_edit_in_a_stale_tab_does_not_bring_back_a_deleted_assessment() {
        let mut one = ws();
        one.create("b", "B", &at(2));
        let mut stale = one.clone();
        one.delete("b", "x", &at(10));
        stale.switch("b");
        stale.apply(
            Edit::Rating("3.1".into(), Rating::InPlace),
            &other(99_999_999),
        );
        assert!(one.merged(&stale).get("b").is_none());
        assert!(stale.merged(&one).get("b").is_none());
    }

    #[test]
    fn merging_two_tabs_keeps_edits_from_both() {
        let mut one = ws();
        let mut two = one.clone();
        one.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(10));
        two.apply(Edit::Rating("1.2".into(), Rating::NotInPlace), &other(11));
        let merged = one.merged(&two);
        assert_eq!(merged.current().rating("1.1"), Rating::InPlace);
        assert_eq!(merged.current().rating("1.2"), Rating::NotInPlace);
        assert_eq!(merged.assessments, two.merged(&one).assessments);
        assert_eq!(merged.merged(&two), merged);
    }

    #[test]
    fn delete_all_holds_against_every_older_copy() {
        let mut w = ws();
        w.apply(Edit::Note("1.1".into(), "private".into()), &at(2));
        let stale = w.clone();
        let cleared = w.cleared("new", &at(3));
        for merged in [cleared.merged(&stale), stale.merged(&cleared)] {
            assert_eq!(merged.assessments.len(), 1);
            assert_eq!(merged.assessments[0].id, "new");
            assert!(merged.assessments[0].answers.is_empty());
        }
    }

    #[test]
    fn export_reminders_follow_changes_not_clocks() {
        let mut w = ws();
        assert!(!w.needs_export("a"), "nothing entered yet");
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(5));
        assert!(w.needs_export("a"));
        w.mark_exported(["a"]);
        assert!(!w.needs_export("a"));
        w.apply(Edit::Note("1.1".into(), "More".into()), &at(-1_000_000));
        assert!(w.needs_export("a"), "even with a clock set back");
    }

    #[test]
    fn a_merge_that_leaves_nothing_starts_afresh() {
        let mut one = ws();
        one.create("b", "B", &at(2));
        let mut two = one.clone();
        one.delete("a", "x1", &at(3));
        one.delete("x1", "x2", &at(3));
        two.delete("b", "y", &at(4));
        let mut merged = one.merged(&two);
        merged.ensure_one("fresh", &at(5));
        assert!(!merged.assessments.is_empty());
        assert!(merged.get(&merged.current).is_some());
    }
}
