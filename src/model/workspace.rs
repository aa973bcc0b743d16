//! All the assessments kept in one browser, and which one is open.

use super::answer::Timestamp;
use super::assessment::{Assessment, Edit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Invariant: never empty, and `current` names one of `assessments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub assessments: Vec<Assessment>,
    pub current: String,
    /// Deleted assessment ids and when, so a merge with an older copy (another
    /// tab, an old file) does not bring them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<String, Timestamp>,
    /// When each assessment was last exported from this browser, for the
    /// reminder that this browser holds the only copy.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exported: BTreeMap<String, Timestamp>,
}

pub const DEFAULT_NAME: &str = "My organisation’s assessment";

impl Workspace {
    pub fn fresh(id: impl Into<String>, now: Timestamp) -> Self {
        let first = Assessment::new(id, DEFAULT_NAME, now);
        Workspace {
            current: first.id.clone(),
            assessments: vec![first],
            deleted: BTreeMap::new(),
            exported: BTreeMap::new(),
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

    /// Applies an edit to the open assessment.
    pub fn apply(&mut self, edit: Edit, now: Timestamp) -> bool {
        self.current_mut().apply(edit, now)
    }

    /// Adds an empty assessment and opens it.
    pub fn create(&mut self, id: impl Into<String>, name: impl Into<String>, now: Timestamp) {
        let assessment = Assessment::new(id, name, now);
        self.current = assessment.id.clone();
        self.assessments.push(assessment);
    }

    /// Copies an assessment, answers and all, under a new id, and opens it.
    pub fn duplicate(&mut self, source: &str, id: impl Into<String>, now: Timestamp) -> bool {
        let Some(original) = self.get(source) else {
            return false;
        };
        let mut copy = original.clone();
        copy.id = id.into();
        copy.name
            .set(format!("Copy of {}", original.name.value), now);
        copy.created_at = now;
        copy.touched_at = now;
        self.current = copy.id.clone();
        self.assessments.push(copy);
        true
    }

    pub fn rename(&mut self, id: &str, name: String, now: Timestamp) -> bool {
        match self.position(id) {
            Some(i) => self.assessments[i].apply(Edit::Name(name), now),
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
        now: Timestamp,
    ) -> Option<(Assessment, usize)> {
        let i = self.position(id)?;
        let removed = self.assessments.remove(i);
        self.deleted.insert(removed.id.clone(), now);
        if self.assessments.is_empty() {
            self.assessments
                .push(Assessment::new(replacement_id, DEFAULT_NAME, now));
        }
        if self.current == removed.id {
            self.current = self.assessments[i.min(self.assessments.len() - 1)]
                .id
                .clone();
        }
        Some((removed, i))
    }

    /// Undoes a delete: puts the assessment back where it was and opens it.
    pub fn restore(&mut self, mut assessment: Assessment, index: usize, now: Timestamp) {
        self.deleted.remove(&assessment.id);
        assessment.touched_at = assessment.touched_at.max(now);
        // An untouched placeholder made by deleting the last one goes again.
        if self.assessments.len() == 1
            && self.assessments[0].touched_at == self.assessments[0].created_at
            && self.assessments[0].answers.is_empty()
        {
            self.assessments.clear();
        }
        self.current = assessment.id.clone();
        let index = index.min(self.assessments.len());
        self.assessments.insert(index, assessment);
    }

    /// Records that these assessments were exported at `now`.
    pub fn mark_exported<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        now: Timestamp,
    ) -> bool {
        for id in ids {
            self.exported.insert(id.to_string(), now);
        }
        true
    }

    /// True when an assessment has changes that no exported file holds.
    pub fn needs_export(&self, id: &str) -> bool {
        let Some(a) = self.get(id) else { return false };
        match self.exported.get(id) {
            Some(&at) => a.touched_at > at,
            None => a.touched_at > a.created_at,
        }
    }

    /// Combines two copies of the workspace (say, two tabs): assessments are
    /// matched by id and merged field by field, newest wins; deletions stand
    /// unless the assessment changed after them. Keeps our `current`.
    pub fn merged(&self, other: &Workspace) -> Workspace {
        let mut deleted = self.deleted.clone();
        for (id, at) in &other.deleted {
            let entry = deleted.entry(id.clone()).or_insert(*at);
            *entry = (*entry).max(*at);
        }
        let mut assessments: Vec<Assessment> = Vec::new();
        for ours in &self.assessments {
            match other.get(&ours.id) {
                Some(theirs) => assessments.push(ours.merged(theirs)),
                None => assessments.push(ours.clone()),
            }
        }
        for theirs in &other.assessments {
            if self.get(&theirs.id).is_none() {
                assessments.push(theirs.clone());
            }
        }
        assessments.retain(|a| deleted.get(&a.id).is_none_or(|&at| a.touched_at > at));
        for a in &assessments {
            deleted.remove(&a.id);
        }
        if assessments.is_empty() {
            // Both sides deleted everything: keep the most recent.
            let newest = self
                .assessments
                .iter()
                .chain(&other.assessments)
                .max_by_key(|a| (a.touched_at, a.id.clone()))
                .expect("workspaces are never empty")
                .clone();
            deleted.remove(&newest.id);
            assessments.push(newest);
        }
        let mut exported = self.exported.clone();
        for (id, at) in &other.exported {
            let entry = exported.entry(id.clone()).or_insert(*at);
            *entry = (*entry).max(*at);
        }
        let current = if assessments.iter().any(|a| a.id == self.current) {
            self.current.clone()
        } else {
            assessments[0].id.clone()
        };
        Workspace {
            assessments,
            current,
            deleted,
            exported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;

    fn ws() -> Workspace {
        Workspace::fresh("a", 1)
    }

    #[test]
    fn create_rename_duplicate_switch() {
        let mut w = ws();
        w.create("b", "North site", 2);
        assert_eq!(w.current, "b");
        assert!(w.rename("b", "North site 2027".into(), 3));
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), 4);
        assert!(w.duplicate("b", "c", 5));
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
    fn delete_can_be_undone_exactly() {
        let mut w = ws();
        w.create("b", "B", 2);
        w.apply(Edit::Note("2.1".into(), "Training hub live".into()), 3);
        let before = w.clone();
        let (removed, index) = w.delete("b", "unused", 10).unwrap();
        assert_eq!(w.assessments.len(), 1);
        assert_eq!(w.current, "a");
        w.restore(removed, index, 11);
        assert_eq!(w.current, "b");
        assert_eq!(
            w.get("b").unwrap().answers,
            before.get("b").unwrap().answers
        );
        assert!(w.deleted.is_empty());
    }

    #[test]
    fn deleting_the_last_assessment_leaves_a_fresh_one() {
        let mut w = ws();
        let (removed, index) = w.delete("a", "fresh", 5).unwrap();
        assert_eq!(w.assessments.len(), 1);
        assert_eq!(w.current, "fresh");
        w.restore(removed, index, 6);
        assert_eq!(w.assessments.len(), 1, "the untouched placeholder goes");
        assert_eq!(w.current, "a");
        assert!(w.delete("nope", "x", 7).is_none());
    }

    #[test]
    fn merging_two_tabs_keeps_newer_edits_from_both() {
        let mut one = ws();
        let mut two = one.clone();
        one.apply(Edit::Rating("1.1".into(), Rating::InPlace), 10);
        two.apply(Edit::Rating("1.2".into(), Rating::NotInPlace), 11);
        two.apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), 5);
        let merged = one.merged(&two);
        assert_eq!(merged.current().rating("1.1"), Rating::InPlace);
        assert_eq!(merged.current().rating("1.2"), Rating::NotInPlace);
        assert_eq!(merged.assessments, two.merged(&one).assessments);
        assert_eq!(merged.merged(&two), merged);
    }

    #[test]
    fn export_reminders_follow_changes() {
        let mut w = ws();
        assert!(!w.needs_export("a"), "nothing entered yet");
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), 5);
        assert!(w.needs_export("a"));
        w.mark_exported(["a"], 6);
        assert!(!w.needs_export("a"));
        w.apply(Edit::Note("1.1".into(), "More".into()), 7);
        assert!(w.needs_export("a"));
        let mut other = w.clone();
        other.mark_exported(["a"], 9);
        assert_eq!(w.merged(&other).exported.get("a"), Some(&9));
    }

    #[test]
    fn deletions_survive_a_merge_with_an_older_copy() {
        let mut one = ws();
        one.create("b", "B", 2);
        let old_copy = one.clone();
        one.delete("b", "x", 10);
        let merged = one.merged(&old_copy);
        assert!(merged.get("b").is_none());
        assert_eq!(old_copy.merged(&one).assessments, merged.assessments);
    }

    #[test]
    fn a_change_after_a_deletion_brings_it_back() {
        let mut one = ws();
        one.create("b", "B", 2);
        let mut other = one.clone();
        one.delete("b", "x", 10);
        other.switch("b");
        other.apply(Edit::Rating("3.1".into(), Rating::InPlace), 20);
        let merged = one.merged(&other);
        assert_eq!(merged.get("b").unwrap().rating("3.1"), Rating::InPlace);
        assert!(merged.deleted.is_empty());
    }
}
