//! Starting an assessment: the organisation's name and type and the date,
//! asked first (each may be skipped), name the assessment, and so the
//! files exported from it.

use super::date::Date;
use super::date_input::{DatePart, DateParts};
use super::limits::{fits, MAX_SHORT_CHARS};
use super::profile::OrgType;

/// What the start page asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartDetails {
    pub organisation: String,
    pub org_type: Option<OrgType>,
    /// As typed in the day, month and year boxes.
    pub assessed_on: DateParts,
}

/// The id of the date of assessment's boxes ("start-date-day", …).
pub const START_DATE: &str = "start-date";
/// What the start page calls the date, in its messages.
const DATE_NAME: &str = "Date of assessment";

/// A problem with one answer: which question (`question`, the id of its
/// group, for the message beside it), the box to go to (`field`, linked
/// from the error summary), which date boxes to mark, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartError {
    pub question: &'static str,
    pub field: String,
    pub parts: Vec<DatePart>,
    pub message: String,
}

impl StartDetails {
    /// Every problem, in the order the fields appear; empty when all is well.
    pub fn problems(&self) -> Vec<StartError> {
        let mut out = Vec::new();
        if !fits(self.organisation.trim(), MAX_SHORT_CHARS) {
            out.push(StartError {
                question: "start-organisation",
                field: "start-organisation".into(),
                parts: Vec::new(),
                message: "Organisation name must be 300 characters or fewer".into(),
            });
        }
        if let Err(p) = self.assessed_on.read(DATE_NAME) {
            let first = p.parts.first().copied().unwrap_or(DatePart::Day);
            out.push(StartError {
                question: START_DATE,
                field: format!("{START_DATE}-{}", first.key()),
                parts: p.parts,
                message: p.message,
            });
        }
        out
    }

    /// The date given, when it is a real one.
    pub(super) fn date(&self) -> Option<Date> {
        self.assessed_on.read(DATE_NAME).ok().flatten()
    }

    /// "Leeds Community Healthcare, June 2027": the organisation, then the
    /// month of the assessment; `None` when neither is given.
    pub fn name(&self) -> Option<String> {
        let org = self.organisation.trim();
        let when = self.date().map(Date::month_year);
        match (org.is_empty(), when) {
            (false, Some(when)) => Some(format!("{org}, {when}")),
            (false, None) => Some(org.to_string()),
            (true, Some(when)) => Some(format!("Assessment, {when}")),
            (true, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stamp, Workspace, DEFAULT_NAME};

    fn details(org: &str, date: &str) -> StartDetails {
        let mut parts = date.splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        StartDetails {
            organisation: org.into(),
            org_type: Some(OrgType::ALL[0]),
            assessed_on: DateParts::new(d.unwrap_or(""), m.unwrap_or(""), y.unwrap_or("")),
        }
    }

    #[test]
    fn the_name_comes_from_the_organisation_and_the_month() {
        assert_eq!(
            details(" Leeds Trust ", "2027-06-03").name().unwrap(),
            "Leeds Trust, June 2027"
        );
        assert_eq!(details("Leeds Trust", "").name().unwrap(), "Leeds Trust");
        assert_eq!(
            details("", "2027-06-03").name().unwrap(),
            "Assessment, June 2027"
        );
        assert_eq!(details("  ", "").name(), None);
    }

    #[test]
    fn bad_answers_are_named_and_change_nothing() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("a", &s);
        let before = w.clone();
        let bad = details(&"x".repeat(301), "2027-02-30");
        let fields: Vec<String> = bad.problems().iter().map(|p| p.field.clone()).collect();
        assert_eq!(fields, ["start-organisation", "start-date-day"]);
        assert!(!w.begin(&bad, "b".into(), &s));
        assert_eq!(w, before);
    }

    #[test]
    fn an_impossible_or_half_typed_date_stops_the_start_and_says_why() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("a", &s);
        let before = w.clone();
        let mut d = details("Northshire Trust", "");
        d.assessed_on = DateParts::new("31", "2", "2027");
        let p = d.problems();
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].message,
            "Date of assessment must be a real date, for example 15 1 2027"
        );
        assert_eq!(p[0].question, START_DATE);
        assert!(!w.begin(&d, "b".into(), &s));
        d.assessed_on = DateParts::new("31", "2", "");
        let p = d.problems();
        assert_eq!(p[0].message, "Date of assessment must include a year");
        assert_eq!(p[0].field, "start-date-year");
        assert_eq!(p[0].parts, [DatePart::Year]);
        assert!(!w.begin(&d, "b".into(), &s));
        assert_eq!(w, before, "nothing is saved, not even the name");
        d.assessed_on = DateParts::new("28", "Feb", "2027");
        assert!(w.begin(&d, "b".into(), &s));
        assert_eq!(w.current().profile.assessed_on.value, "2027-02-28");
        assert_eq!(w.current().name.value, "Northshire Trust, February 2027");
    }

    #[test]
    fn a_blank_assessment_is_used_otherwise_a_new_one_opens() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("a", &s);
        assert!(w.begin(&details("Leeds Trust", "2027-06-03"), "b".into(), &s));
        assert_eq!(w.assessments.len(), 1);
        let a = w.current();
        assert_eq!(
            (a.id.as_str(), a.name.value.as_str()),
            ("a", "Leeds Trust, June 2027")
        );
        assert_eq!(a.profile.organisation.value, "Leeds Trust");
        assert_eq!(a.profile.assessed_on.value, "2027-06-03");
        assert_eq!(a.profile.org_type.value, Some(OrgType::ALL[0]));
        // The open one now has content: the same details start a new one,
        // with a distinct name.
        assert!(w.begin(&details("Leeds Trust", "2027-06-20"), "b".into(), &s));
        assert_eq!(w.assessments.len(), 2);
        assert_eq!(w.current().id, "b");
        assert_eq!(w.current().name.value, "Leeds Trust, June 2027 (2)");
        // Skipping every question still starts one, under the usual name.
        assert!(w.begin(&StartDetails::default(), "c".into(), &s));
        assert_eq!(w.current().id, "c");
        assert_eq!(w.current().name.value, DEFAULT_NAME);
    }
}
