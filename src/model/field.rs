//! One field of an assessment, named as data: to list conflicts and changes,
//! and to read or write any field the same way.

use super::answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp};
use super::assessment::{Assessment, OrgType};
use super::clock::Stamp;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Organisation,
    OrgType,
    CompletedBy,
    AssessedOn,
    Commentary,
    Rating(String),
    Note(String),
    Progress(String),
    ActionToDate(String),
    NextSteps(String),
    Owner(String),
    TargetDate(String),
}

/// A field's value, whatever its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Rating(Rating),
    Progress(Progress),
    OrgType(Option<OrgType>),
}

impl FieldValue {
    /// The words shown for it ("" for an empty text).
    pub fn words(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Rating(r) => r.label().into(),
            FieldValue::Progress(p) => p.label().into(),
            FieldValue::OrgType(t) => t.map(|t| t.label()).unwrap_or("Not given").into(),
        }
    }
}

/// The value types fields hold.
pub trait FieldType: Clone + Default + Ord {
    fn wrap(self) -> FieldValue;
    fn unwrap(value: &FieldValue) -> Option<Self>;
}

macro_rules! field_type {
    ($t:ty, $variant:ident) => {
        impl FieldType for $t {
            fn wrap(self) -> FieldValue {
                FieldValue::$variant(self)
            }
            fn unwrap(value: &FieldValue) -> Option<Self> {
                match value {
                    FieldValue::$variant(v) => Some(v.clone()),
                    _ => None,
                }
            }
        }
    };
}
field_type!(String, Text);
field_type!(Rating, Rating);
field_type!(Progress, Progress);
field_type!(Option<OrgType>, OrgType);

/// Runs `$body` with `$s` bound to the field's `Stamped` (shared or mut).
macro_rules! on_field {
    ($field:expr, $a:expr, $ans:expr, |$s:ident| $body:expr) => {
        match $field {
            Field::Name => {
                let $s = &$a.name;
                $body
            }
            Field::Organisation => {
                let $s = &$a.profile.organisation;
                $body
            }
            Field::OrgType => {
                let $s = &$a.profile.org_type;
                $body
            }
            Field::CompletedBy => {
                let $s = &$a.profile.completed_by;
                $body
            }
            Field::AssessedOn => {
                let $s = &$a.profile.assessed_on;
                $body
            }
            Field::Commentary => {
                let $s = &$a.commentary;
                $body
            }
            Field::Rating(_) => {
                let $s = &$ans.rating;
                $body
            }
            Field::Note(_) => {
                let $s = &$ans.note;
                $body
            }
            Field::Progress(_) => {
                let $s = &$ans.progress;
                $body
            }
            Field::ActionToDate(_) => {
                let $s = &$ans.action_to_date;
                $body
            }
            Field::NextSteps(_) => {
                let $s = &$ans.next_steps;
                $body
            }
            Field::Owner(_) => {
                let $s = &$ans.owner;
                $body
            }
            Field::TargetDate(_) => {
                let $s = &$ans.target_date;
                $body
            }
        }
    };
}

macro_rules! on_field_mut {
    ($field:expr, $a:expr, |$s:ident| $body:expr) => {{
        let a: &mut Assessment = $a;
        match $field {
            Field::Name => {
                let $s = &mut a.name;
                $body
            }
            Field::Organisation => {
                let $s = &mut a.profile.organisation;
                $body
            }
            Field::OrgType => {
                let $s = &mut a.profile.org_type;
                $body
            }
            Field::CompletedBy => {
                let $s = &mut a.profile.completed_by;
                $body
            }
            Field::AssessedOn => {
                let $s = &mut a.profile.assessed_on;
                $body
            }
            Field::Commentary => {
                let $s = &mut a.commentary;
                $body
            }
            Field::Rating(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().rating;
                $body
            }
            Field::Note(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().note;
                $body
            }
            Field::Progress(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().progress;
                $body
            }
            Field::ActionToDate(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().action_to_date;
                $body
            }
            Field::NextSteps(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().next_steps;
                $body
            }
            Field::Owner(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().owner;
                $body
            }
            Field::TargetDate(id) => {
                let $s = &mut a.answers.entry(id.clone()).or_default().target_date;
                $body
            }
        }
    }};
}

fn versions_of<T: FieldType>(s: &Stamped<T>) -> Vec<(FieldValue, Option<Timestamp>)> {
    s.versions()
        .into_iter()
        .rev()
        .map(|v| (v.value.wrap(), v.changed_at))
        .collect()
}

fn write<T: FieldType>(s: &mut Stamped<T>, value: &FieldValue, stamp: &Stamp, force: bool) -> bool {
    match T::unwrap(value) {
        Some(v) if force => {
            s.set_forced(v, stamp);
            true
        }
        Some(v) => s.set(v, stamp),
        None => false,
    }
}

impl Field {
    /// Every field of an assessment with answers for these elements.
    pub fn all(element_ids: impl IntoIterator<Item = String>) -> Vec<Field> {
        let mut fields = vec![
            Field::Name,
            Field::Organisation,
            Field::OrgType,
            Field::CompletedBy,
            Field::AssessedOn,
            Field::Commentary,
        ];
        for id in element_ids {
            fields.extend([
                Field::Rating(id.clone()),
                Field::Note(id.clone()),
                Field::Progress(id.clone()),
                Field::ActionToDate(id.clone()),
                Field::NextSteps(id.clone()),
                Field::Owner(id.clone()),
                Field::TargetDate(id),
            ]);
        }
        fields
    }

    /// The element the field belongs to, if any.
    pub fn element(&self) -> Option<&str> {
        match self {
            Field::Rating(id)
            | Field::Note(id)
            | Field::Progress(id)
            | Field::ActionToDate(id)
            | Field::NextSteps(id)
            | Field::Owner(id)
            | Field::TargetDate(id) => Some(id),
            _ => None,
        }
    }

    /// What the field is, in the words of the checklists.
    pub fn what(&self) -> &'static str {
        match self {
            Field::Name => "Assessment name",
            Field::Organisation => "Organisation name",
            Field::OrgType => "Type of organisation",
            Field::CompletedBy => "Who completed it",
            Field::AssessedOn => "Date of assessment",
            Field::Commentary => "Commentary for the board",
            Field::Rating(_) => "Rating",
            Field::Note(_) => "What tells us this",
            Field::Progress(_) => "Progress",
            Field::ActionToDate(_) => "Action to date",
            Field::NextSteps(_) => "Next steps",
            Field::Owner(_) => "Owner",
            Field::TargetDate(_) => "Target date",
        }
    }

    /// On the progress checklist (rather than the self-assessment).
    pub fn is_progress(&self) -> bool {
        matches!(
            self,
            Field::Progress(_)
                | Field::ActionToDate(_)
                | Field::NextSteps(_)
                | Field::Owner(_)
                | Field::TargetDate(_)
        )
    }

    pub fn label(&self) -> String {
        match self.element() {
            Some(id) => format!("{id} {}", self.what().to_lowercase()),
            None => self.what().into(),
        }
    }

    pub fn get(&self, a: &Assessment) -> FieldValue {
        let blank = ElementAnswer::default();
        let ans = self
            .element()
            .and_then(|id| a.answers.get(id))
            .unwrap_or(&blank);
        on_field!(self, a, ans, |s| FieldType::wrap(Clone::clone(&s.value)))
    }

    /// Every live version, the shown one first, with when each was written.
    pub fn versions(&self, a: &Assessment) -> Vec<(FieldValue, Option<Timestamp>)> {
        let blank = ElementAnswer::default();
        let ans = self
            .element()
            .and_then(|id| a.answers.get(id))
            .unwrap_or(&blank);
        on_field!(self, a, ans, |s| versions_of(s))
    }

    pub fn is_conflicted(&self, a: &Assessment) -> bool {
        let blank = ElementAnswer::default();
        let ans = self
            .element()
            .and_then(|id| a.answers.get(id))
            .unwrap_or(&blank);
        on_field!(self, a, ans, |s| s.is_conflicted())
    }

    /// Writes `value` as a new edit (`force`: even if it is already shown,
    /// to settle concurrent versions). False if nothing changed or the value
    /// is of another type.
    pub fn set(&self, a: &mut Assessment, value: &FieldValue, stamp: &Stamp, force: bool) -> bool {
        let changed = on_field_mut!(self, a, |s| write(s, value, stamp, force));
        a.answers.retain(|_, x| !x.is_empty());
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WriterId;

    #[test]
    fn any_field_reads_and_writes_the_same_way() {
        let stamp = Stamp::new(WriterId::named("w"), 5);
        let mut a = Assessment::new("a", "Main", &stamp);
        let f = Field::Progress("2.1".into());
        assert_eq!(f.get(&a), FieldValue::Progress(Progress::NotRecorded));
        assert!(f.set(
            &mut a,
            &FieldValue::Progress(Progress::Moderate),
            &stamp,
            false
        ));
        assert_eq!(a.answer("2.1").progress.value, Progress::Moderate);
        assert!(
            !f.set(&mut a, &FieldValue::Text("x".into()), &stamp, false),
            "wrong type"
        );
        assert!(!f.set(
            &mut a,
            &FieldValue::Progress(Progress::Moderate),
            &stamp,
            false
        ));
        assert!(f.set(
            &mut a,
            &FieldValue::Progress(Progress::Moderate),
            &stamp,
            true
        ));
        assert_eq!(f.label(), "2.1 progress");
        assert!(f.is_progress() && !Field::Rating("1.1".into()).is_progress());
        assert_eq!(Field::all(["1.1".to_string()]).len(), 13);
        assert_eq!(FieldValue::OrgType(None).words(), "Not given");
    }
}
