//! One element's answers, each field stamped with when it last changed.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (as `Date.now()` gives in the browser).
pub type Timestamp = i64;

/// The traffic-light self-assessment rating.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    #[default]
    NotAssessed,
    InPlace,
    WorkInProgress,
    NotInPlace,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::InPlace,
        Rating::WorkInProgress,
        Rating::NotInPlace,
        Rating::NotAssessed,
    ];

    /// The words shown wherever the rating appears (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Rating::InPlace => "In place",
            Rating::WorkInProgress => "Work in progress",
            Rating::NotInPlace => "Not in place",
            Rating::NotAssessed => "Not yet assessed",
        }
    }

    /// Stable token for ids, CSS classes and files.
    pub fn key(self) -> &'static str {
        match self {
            Rating::InPlace => "in_place",
            Rating::WorkInProgress => "work_in_progress",
            Rating::NotInPlace => "not_in_place",
            Rating::NotAssessed => "not_assessed",
        }
    }

    /// How far from "In place": 0, 1 or 2; `None` when not assessed.
    pub fn distance(self) -> Option<u32> {
        match self {
            Rating::InPlace => Some(0),
            Rating::WorkInProgress => Some(1),
            Rating::NotInPlace => Some(2),
            Rating::NotAssessed => None,
        }
    }
}

/// Progress on a recommendation, as in the publication's progress checklist.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    #[default]
    NotRecorded,
    NoProgress,
    Moderate,
    Significant,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NoProgress,
        Progress::Moderate,
        Progress::Significant,
        Progress::NotRecorded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Progress::NoProgress => "No progress",
            Progress::Moderate => "Moderate progress",
            Progress::Significant => "Significant progress",
            Progress::NotRecorded => "Not yet recorded",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Progress::NoProgress => "no_progress",
            Progress::Moderate => "moderate",
            Progress::Significant => "significant",
            Progress::NotRecorded => "not_recorded",
        }
    }
}

/// A value and when it last changed (`None`: never touched).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
}

impl<T: PartialEq> Stamped<T> {
    pub fn new(value: T, at: Timestamp) -> Self {
        Stamped {
            value,
            changed_at: Some(at),
        }
    }

    /// Sets the value and stamps it; returns whether anything changed.
    pub fn set(&mut self, value: T, at: Timestamp) -> bool {
        if self.value == value {
            return false;
        }
        self.value = value;
        self.changed_at = Some(at);
        true
    }
}

impl<T: Clone + Ord> Stamped<T> {
    /// The newer of two versions of a field. Equal times fall back to the
    /// larger value, so merging is deterministic and order-independent.
    pub fn merged(&self, other: &Stamped<T>) -> Stamped<T> {
        let pick_other = match (self.changed_at, other.changed_at) {
            (a, b) if a != b => b > a,
            _ => other.value > self.value,
        };
        if pick_other {
            other.clone()
        } else {
            self.clone()
        }
    }
}

/// Everything recorded for one element (keyed by its id, e.g. "1.1").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElementAnswer {
    pub rating: Stamped<Rating>,
    /// "What tells us this": evidence for the rating.
    pub note: Stamped<String>,
    pub progress: Stamped<Progress>,
    pub action_to_date: Stamped<String>,
    pub next_steps: Stamped<String>,
    /// A role or a name.
    pub owner: Stamped<String>,
    /// "YYYY-MM-DD", or empty.
    pub target_date: Stamped<String>,
}

impl ElementAnswer {
    pub fn merged(&self, other: &ElementAnswer) -> ElementAnswer {
        ElementAnswer {
            rating: self.rating.merged(&other.rating),
            note: self.note.merged(&other.note),
            progress: self.progress.merged(&other.progress),
            action_to_date: self.action_to_date.merged(&other.action_to_date),
            next_steps: self.next_steps.merged(&other.next_steps),
            owner: self.owner.merged(&other.owner),
            target_date: self.target_date.merged(&other.target_date),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == ElementAnswer::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_a_field_stamps_it_only_when_it_changes() {
        let mut field: Stamped<Rating> = Stamped::default();
        assert_eq!(field.changed_at, None);
        assert!(field.set(Rating::InPlace, 10));
        assert_eq!(field, Stamped::new(Rating::InPlace, 10));
        assert!(!field.set(Rating::InPlace, 20), "same value: no new time");
        assert_eq!(field.changed_at, Some(10));
        assert!(
            field.set(Rating::NotAssessed, 30),
            "users can go back to not assessed"
        );
        assert_eq!(field, Stamped::new(Rating::NotAssessed, 30));
    }

    #[test]
    fn the_newer_field_wins_and_ties_are_deterministic() {
        let old = Stamped::new("old".to_string(), 1);
        let new = Stamped::new("new".to_string(), 2);
        assert_eq!(old.merged(&new), new);
        assert_eq!(new.merged(&old), new);
        let untouched: Stamped<String> = Stamped::default();
        assert_eq!(untouched.merged(&old), old);
        let a = Stamped::new("a".to_string(), 5);
        let b = Stamped::new("b".to_string(), 5);
        assert_eq!(a.merged(&b), b.merged(&a));
    }

    #[test]
    fn labels_are_words() {
        let labels: Vec<_> = Rating::ALL.iter().map(|r| r.label()).collect();
        assert_eq!(
            labels,
            [
                "In place",
                "Work in progress",
                "Not in place",
                "Not yet assessed"
            ]
        );
        let labels: Vec<_> = Progress::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            [
                "No progress",
                "Moderate progress",
                "Significant progress",
                "Not yet recorded"
            ]
        );
    }
}
