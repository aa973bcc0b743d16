//! Importing a colleague's file into the open assessment, as operations on
//! the workspace: open as new, replace, merge (with conflicts to settle),
//! and undo. Each is a step forward made of new edits, never a restore of
//! an old copy, so it holds in every tab and after every later merge.

use super::answer::Timestamp;
use super::assessment::{Assessment, Edit};
use super::clock::Stamp;
use super::field::{Field, FieldValue};
use super::rounds::Round;
use super::workspace::Workspace;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    New,
    Replace,
    Merge,
}

/// One field an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub before: FieldValue,
    pub after: FieldValue,
}

/// What an import did, to show it and to undo exactly that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub kind: ImportKind,
    /// The assessments added (new) or the one changed.
    pub assessments: Vec<String>,
    pub changes: Vec<Change>,
    pub rounds_added: Vec<String>,
    pub rounds_removed: Vec<Round>,
}

/// A field both sides changed, to different values, since the version they
/// share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: Field,
    pub ours: FieldValue,
    pub ours_at: Option<Timestamp>,
    pub theirs: FieldValue,
    pub theirs_at: Option<Timestamp>,
}

/// What undoing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Undone {
    pub reverted: usize,
    /// Fields changed again since the import, which undo leaves alone.
    pub kept: usize,
}

fn element_ids<'a>(list: impl IntoIterator<Item = &'a Assessment>) -> BTreeSet<String> {
    list.into_iter()
        .flat_map(|a| a.answers.keys().cloned())
        .collect()
}

/// Every field whose shown value differs between two copies.
pub fn changes(before: &Assessment, after: &Assessment) -> Vec<Change> {
    Field::all(element_ids([before, after]))
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (field.get(before), field.get(after));
            (b != a).then_some(Change {
                field,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// Theirs, under our id, so the two merge as copies of one assessment.
fn as_ours(theirs: &Assessment, ours: &Assessment) -> Assessment {
    let mut theirs = theirs.clone();
    theirs.id = ours.id.clone();
    theirs
}

/// The conflicts merging `theirs` into `ours` would raise: fields where
/// each has a version the other has not seen, with different values.
pub fn conflicts(ours: &Assessment, theirs: &Assessment) -> Vec<Conflict> {
    let merged = ours.merged(&as_ours(theirs, ours));
    Field::all(element_ids([ours, theirs]))
        .into_iter()
        .filter(|field| *field != Field::Name && field.is_conflicted(&merged))
        .filter_map(|field| {
            let (o, t) = (field.get(ours), field.get(theirs));
            let at = |a: &Assessment| field.versions(a).first().and_then(|v| v.1);
            let (ours_at, theirs_at) = (at(ours), at(theirs));
            (o != t).then_some(Conflict {
                ours_at,
                theirs_at,
                ours: o,
                theirs: t,
                field,
            })
        })
        .collect()
}

fn record(kind: ImportKind, before: &Assessment, after: &Assessment) -> ImportRecord {
    let had: BTreeSet<&str> = before.rounds.iter().map(|r| r.id.as_str()).collect();
    let has: BTreeSet<&str> = after.rounds.iter().map(|r| r.id.as_str()).collect();
    ImportRecord {
        kind,
        assessments: vec![after.id.clone()],
        changes: changes(before, after),
        rounds_added: has.difference(&had).map(|id| id.to_string()).collect(),
        rounds_removed: before
            .rounds
            .iter()
            .filter(|r| !has.contains(r.id.as_str()))
            .cloned()
            .collect(),
    }
}

impl Workspace {
    /// Adds each as a new assessment under a new id; opens the last. One
    /// whose name is already taken here is named "… (from file, `today`)",
    /// so the two are told apart (its own clock keeps it a rename, not a
    /// conflict, when the same file is merged later).
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
                copy.name.set(name, stamp);
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

    /// Makes the open assessment hold exactly what `theirs` holds, as new
    /// edits that follow both sides, so no copy of the old answers can
    /// come back through a later merge.
    pub fn replace_current(&mut self, theirs: &Assessment, stamp: &Stamp) -> ImportRecord {
        let before = self.current().clone();
        let theirs = as_ours(theirs, &before);
        let mut after = before.merged(&theirs);
        for field in Field::all(element_ids([&before, &theirs])) {
            let wanted = field.get(&theirs);
            if field.get(&after) != wanted || field.is_conflicted(&after) {
                field.set(&mut after, &wanted, stamp, true);
            }
        }
        let keep: BTreeSet<&str> = theirs.rounds.iter().map(|r| r.id.as_str()).collect();
        let extra: Vec<String> = after
            .rounds
            .iter()
            .filter(|r| !keep.contains(r.id.as_str()))
            .map(|r| r.id.clone())
            .collect();
        for id in extra {
            after.apply(Edit::DeleteRound(id), stamp);
        }
        after.touched_at = after.touched_at.max(stamp.at);
        let done = record(ImportKind::Replace, &before, &after);
        *self.current_mut() = after;
        done
    }

    /// Merges `theirs` into the open assessment: what only they changed is
    /// taken, what only we changed is kept, and each conflict is settled by
    /// `choices` (the value to keep) as a new edit that follows both.
    pub fn merge_current(
        &mut self,
        theirs: &Assessment,
        choices: &[(Field, FieldValue)],
        stamp: &Stamp,
    ) -> ImportRecord {
        let before = self.current().clone();
        let mut after = before.merged(&as_ours(theirs, &before));
        // The name is each person's own label for their copy (a colleague's
        // may say "from file"): a merge leaves ours as it is.
        after.name = before.name.clone();
        for (field, value) in choices {
            field.set(&mut after, value, stamp, true);
        }
        let done = record(ImportKind::Merge, &before, &after);
        if !done.changes.is_empty() || !choices.is_empty() {
            after.touched_at = after.touched_at.max(stamp.at);
        }
        *self.current_mut() = after;
        done
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
        a.rounds
            .sort_by(|x, y| (x.taken_at, &x.id).cmp(&(y.taken_at, &y.id)));
        a.touched_at = a.touched_at.max(stamp.at);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Progress, Rating, WriterId};

    fn by(name: &str, t: i64) -> Stamp {
        Stamp::new(WriterId::named(name), t)
    }

    fn shared() -> Assessment {
        let s = by("priya", 1_000);
        let mut a = Assessment::new("a1", "Main site", &s);
        a.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
        a.apply(Edit::Rating("1.2".into(), Rating::NotInPlace), &s);
        a.apply(Edit::Note("1.1".into(), "Draft".into()), &s);
        a
    }

    /// Priya sends her file to the chair, who changes two ratings and a
    /// note; meanwhile Priya edits that note too.
    #[test]
    fn the_colleague_round_trip_asks_exactly_one_question() {
        let base = shared();
        let mut priya = Workspace::fresh("x", &by("priya", 0));
        priya.add(base.clone());
        let mut chair = base.clone();
        let c = by("chair", 1_000 - 86_400_000); // their clock is a day behind
        chair.apply(Edit::Name("Main site (from file, 3 June 2027)".into()), &c);
        chair.apply(Edit::Rating("1.1".into(), Rating::InPlace), &c);
        chair.apply(Edit::Rating("1.2".into(), Rating::WorkInProgress), &c);
        chair.apply(Edit::Note("1.1".into(), "Chair's note".into()), &c);
        priya.apply(
            Edit::Note("1.1".into(), "Priya's note".into()),
            &by("priya", 9_000),
        );

        let found = conflicts(priya.current(), &chair);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, Field::Note("1.1".into()));
        assert_eq!(found[0].ours, FieldValue::Text("Priya's note".into()));
        assert_eq!(found[0].theirs, FieldValue::Text("Chair's note".into()));

        let done = priya.merge_current(
            &chair,
            &[(found[0].field.clone(), found[0].theirs.clone())],
            &by("priya", 9_100),
        );
        let a = priya.current();
        assert_eq!(a.rating("1.1"), Rating::InPlace, "only they changed it");
        assert_eq!(a.rating("1.2"), Rating::WorkInProgress);
        assert_eq!(a.answer("1.1").note.value, "Chair's note");
        assert_eq!(done.changes.len(), 3, "{:?}", done.changes);
        assert_eq!(a.name.value, "Main site", "a merge leaves our name");
        assert!(
            conflicts(a, &chair).is_empty(),
            "merging again asks nothing"
        );
        let again = priya.clone();
        priya.merge_current(&chair, &[], &by("priya", 9_200));
        assert_eq!(priya.current(), again.current(), "and changes nothing");
    }

    #[test]
    fn edits_on_different_fields_merge_without_a_question() {
        let base = shared();
        let mut ours = Workspace::fresh("x", &by("a", 0));
        ours.add(base.clone());
        let mut theirs = base.clone();
        theirs.apply(
            Edit::Progress("2.1".into(), Progress::Moderate),
            &by("b", 5),
        );
        ours.apply(Edit::Owner("2.1".into(), "EDI lead".into()), &by("a", 5));
        assert!(conflicts(ours.current(), &theirs).is_empty());
        ours.merge_current(&theirs, &[], &by("a", 6));
        assert_eq!(
            ours.current().answer("2.1").progress.value,
            Progress::Moderate
        );
        assert_eq!(ours.current().answer("2.1").owner.value, "EDI lead");
    }

    #[test]
    fn replace_holds_against_the_old_copy_and_undo_holds_too() {
        let mut w = Workspace::fresh("x", &by("tab1", 0));
        let mut mine = shared();
        mine.apply(
            Edit::SaveRound {
                id: "r-old".into(),
                name: "Old".into(),
            },
            &by("tab1", 2),
        );
        w.add(mine);
        let other_tab = w.clone();
        let mut file = Assessment::new("f", "Their copy", &by("them", 5));
        file.apply(Edit::Rating("3.1".into(), Rating::InPlace), &by("them", 5));
        let done = w.replace_current(&file, &by("tab1", 10));
        let check = |w: &Workspace| {
            let a = w.current();
            assert_eq!(a.rating("1.1"), Rating::NotAssessed);
            assert_eq!(a.answer("1.1").note.value, "");
            assert_eq!(a.rating("3.1"), Rating::InPlace);
            assert_eq!(a.name.value, "Their copy");
            assert!(a.rounds.is_empty());
        };
        check(&w);
        check(&w.merged(&other_tab));
        check(&other_tab.merged(&w));
        assert_eq!(done.rounds_removed.len(), 1);

        // Another tab edits after the import; then undo.
        let mut tab2 = w.merged(&other_tab);
        tab2.apply(
            Edit::Rating("3.1".into(), Rating::WorkInProgress),
            &by("tab2", 11),
        );
        w = w.merged(&tab2);
        let mut ids = 0;
        let undone = w.undo_import(&done, &by("tab1", 12), || {
            ids += 1;
            format!("new-{ids}")
        });
        assert_eq!(undone.kept, 1, "the later edit stays");
        let a = w.current();
        assert_eq!(a.rating("1.1"), Rating::NotInPlace);
        assert_eq!(a.answer("1.1").note.value, "Draft");
        assert_eq!(a.rating("3.1"), Rating::WorkInProgress);
        assert_eq!(a.name.value, "Main site");
        assert_eq!(a.rounds.len(), 1, "the removed round is back");
        for stale in [&other_tab, &tab2] {
            assert_eq!(w.merged(stale).current(), w.current(), "undo holds");
            assert_eq!(stale.merged(&w).current(), w.current());
        }
    }

    #[test]
    fn an_imported_name_that_clashes_is_told_apart() {
        let mut w = Workspace::fresh("x", &by("a", 0));
        w.add(shared());
        let mut ids = 0;
        let mut id = || {
            ids += 1;
            format!("copy-{ids}")
        };
        w.import_new(&[shared()], "3 June 2027", &by("a", 1), &mut id);
        w.import_new(&[shared()], "3 June 2027", &by("a", 1), &mut id);
        let names: Vec<&str> = w
            .assessments
            .iter()
            .map(|a| a.name.value.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "My organisation’s assessment",
                "Main site",
                "Main site (from file, 3 June 2027)",
                "Main site (from file, 3 June 2027) 2"
            ]
        );
    }

    #[test]
    fn undoing_an_import_as_new_deletes_it_everywhere() {
        let mut w = Workspace::fresh("x", &by("a", 0));
        let before = w.clone();
        let done = w.import_new(&[shared()], "3 June 2027", &by("a", 1), || "copy".into());
        assert_eq!(w.current, "copy");
        let other_tab = w.clone();
        w.undo_import(&done, &by("a", 3), || "unused".into());
        assert!(w.get("copy").is_none());
        assert!(w.merged(&other_tab).get("copy").is_none());
        assert_eq!(w.merged(&before).assessments.len(), 1);
    }
}
