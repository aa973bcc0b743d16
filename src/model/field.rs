//! One field of an assessment, named as data: to list conflicts and changes,
//! and to read or write any field the same way.

use super::answer::{ElementAnswer, Progress, Rating, Stamped};
use super::assessment::Assessment;
use super::clock::{Dot, Pen, Stamp, Timestamp};
use super::date::Date;
use super::profile::{OrgType, Profile};
use std::collections::BTreeMap;

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

/// How a value is written into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// An edit, unless the field already holds just this value.
    Set,
    /// An edit even if it is shown already: settles other versions.
    Force,
    /// A version beside the live ones, superseding none (to be asked about).
    Beside,
}

/// One live version of a field: its value, when it was written, its dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldVersion {
    pub value: FieldValue,
    pub at: Option<Timestamp>,
    pub dot: Dot,
}

fn versions_of<T: FieldType>(s: &Stamped<T>) -> Vec<FieldVersion> {
    s.versions()
        .into_iter()
        .rev()
        .map(|v| FieldVersion {
            value: v.value.wrap(),
            at: v.changed_at,
            dot: v.dot,
        })
        .collect()
}

fn write<T: FieldType>(s: &mut Stamped<T>, value: &FieldValue, pen: &mut Pen, how: How) -> bool {
    match (T::unwrap(value), how) {
        (Some(v), How::Force) => {
            s.set_forced(v, pen);
            true
        }
        (Some(v), How::Beside) => {
            s.add_concurrent(v, pen);
            true
        }
        (Some(v), How::Set) => s.set(v, pen),
        (None, _) => false,
    }
}

/// Writes into one field of an assessment's parts (borrowed apart from its
/// context, which `pen` holds).
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_into(
    field: &Field,
    name: &mut Stamped<String>,
    profile: &mut Profile,
    answers: &mut BTreeMap<String, ElementAnswer>,
    commentary: &mut Stamped<String>,
    value: &FieldValue,
    pen: &mut Pen,
    how: How,
) -> bool {
    fn entry<'a>(
        answers: &'a mut BTreeMap<String, ElementAnswer>,
        id: &str,
    ) -> &'a mut ElementAnswer {
        answers.entry(id.to_string()).or_default()
    }
    match field {
        Field::Name => write(name, value, pen, how),
        Field::Organisation => write(&mut profile.organisation, value, pen, how),
        Field::OrgType => write(&mut profile.org_type, value, pen, how),
        Field::CompletedBy => write(&mut profile.completed_by, value, pen, how),
        Field::AssessedOn => write(&mut profile.assessed_on, value, pen, how),
        Field::Commentary => write(commentary, value, pen, how),
        Field::Rating(id) => write(&mut entry(answers, id).rating, value, pen, how),
        Field::Note(id) => write(&mut entry(answers, id).note, value, pen, how),
        Field::Progress(id) => write(&mut entry(answers, id).progress, value, pen, how),
        Field::ActionToDate(id) => write(&mut entry(answers, id).action_to_date, value, pen, how),
        Field::NextSteps(id) => write(&mut entry(answers, id).next_steps, value, pen, how),
        Field::Owner(id) => write(&mut entry(answers, id).owner, value, pen, how),
        Field::TargetDate(id) => write(&mut entry(answers, id).target_date, value, pen, how),
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

    /// A value of this field as a person reads it: dates as NHS.UK writes
    /// them ("28 February 2027", never "2027-02-28"), an empty answer said
    /// plainly.
    pub fn shown(&self, value: &FieldValue) -> String {
        let words = value.words();
        let is_date = matches!(self, Field::AssessedOn | Field::TargetDate(_));
        match Date::parse(&words) {
            _ if words.is_empty() && is_date => "(no date)".into(),
            _ if words.is_empty() => "(empty)".into(),
            Some(d) if is_date => d.long(),
            _ => words,
        }
    }

    pub fn label(&self) -> String {
        match self.element() {
            // Our own English words: ASCII, so no Unicode case tables.
            Some(id) => format!("{id} {}", self.what().to_ascii_lowercase()),
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
    pub fn versions(&self, a: &Assessment) -> Vec<FieldVersion> {
        let blank = ElementAnswer::default();
        let ans = self
            .element()
            .and_then(|id| a.answers.get(id))
            .unwrap_or(&blank);
        on_field!(self, a, ans, |s| versions_of(s))
    }

    /// The live versions' values, each once (two versions can agree).
    pub fn values(&self, a: &Assessment) -> Vec<FieldVersion> {
        let mut out: Vec<FieldVersion> = Vec::new();
        for v in self.versions(a) {
            if !out.iter().any(|o| o.value == v.value) {
                out.push(v);
            }
        }
        out
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
        let how = if force { How::Force } else { How::Set };
        a.write(self, value, stamp, how)
    }

    /// Writes `value` beside the live versions, superseding none.
    pub(crate) fn set_beside(&self, a: &mut Assessment, value: &FieldValue, stamp: &Stamp) {
        a.write(self, value, stamp, How::Beside);
    }
}

/// An assessment's fields named as data: here, not in `assessment.rs`, so
/// the assessment needs nothing of this module (no import cycle).
impl Assessment {
    /// The fields holding two or more different versions, to settle, in
    /// the order the checklists ask them.
    pub fn conflicted(&self) -> Vec<Field> {
        Field::all(self.answers.keys().cloned())
            .into_iter()
            .filter(|f| f.is_conflicted(self))
            .collect()
    }

    /// How many fields hold two or more different versions.
    pub fn conflicted_fields(&self) -> usize {
        self.conflicted().len()
    }

    /// Writes `value` into `field` as this copy's next edit (`force`: even
    /// if it is shown already, to settle other versions).
    pub(crate) fn write(
        &mut self,
        field: &Field,
        value: &FieldValue,
        stamp: &Stamp,
        how: How,
    ) -> bool {
        let Assessment {
            seen,
            actor,
            name,
            profile,
            answers,
            commentary,
            ..
        } = self;
        let mut pen = Pen {
            seen,
            writer: actor.id(),
            at: stamp.at,
        };
        let changed = write_into(
            field, name, profile, answers, commentary, value, &mut pen, how,
        );
        self.answers.retain(|_, x| !x.is_empty());
        if changed {
            self.touched_at = self.touched_at.max(stamp.at);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn any_field_reads_and_writes_the_same_way() {
        let stamp = Stamp::at(5);
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

    #[test]
    fn dates_are_shown_as_people_write_them() {
        let date = FieldValue::Text("2027-02-28".into());
        assert_eq!(Field::AssessedOn.shown(&date), "28 February 2027");
        assert_eq!(
            Field::TargetDate("1.1".into()).shown(&date),
            "28 February 2027"
        );
        assert_eq!(
            Field::Owner("1.1".into()).shown(&date),
            "2027-02-28",
            "text stays as typed"
        );
        let empty = FieldValue::Text(String::new());
        assert_eq!(Field::AssessedOn.shown(&empty), "(no date)");
        assert_eq!(Field::Owner("1.1".into()).shown(&empty), "(empty)");
        assert_eq!(
            Field::Rating("1.1".into()).shown(&FieldValue::Rating(Rating::InPlace)),
            "In place"
        );
    }
}
