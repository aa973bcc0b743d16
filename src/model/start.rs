//! Starting an assessment: the organisation's name and type and the date,
//! asked first (each may be skipped), name the assessment, and so the
//! files exported from it.

use super::date::Date;
use super::limits::{fits, MAX_SHORT_CHARS};
use super::profile::OrgType;

/// What the start page asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartDetails {
    pub organisation: String,
    pub org_type: Option<OrgType>,
    /// "YYYY-MM-DD", or empty.
    pub assessed_on: String,
}

/// A problem with one answer: the field's id and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartError {
    pub field: &'static str,
    pub message: &'static str,
}

impl StartDetails {
    /// Every problem, in the order the fields appear; empty when all is well.
    pub fn problems(&self) -> Vec<StartError> {
        let mut out = Vec::new();
        if !fits(self.organisation.trim(), MAX_SHORT_CHARS) {
            out.push(StartError {
                field: "start-organisation",
                message: "Organisation name must be 300 characters or fewer",
            });
        }
        let date = self.assessed_on.trim();
        if !date.is_empty() && Date::parse(date).is_none() {
            out.push(StartError {
                field: "start-date",
                message: "Date of assessment must be a real date, for example 15 January 2027",
            });
        }
        out
    }

    /// "Leeds Community Healthcare, June 2027": the organisation, then the
    /// month of the assessment; `None` when neither is given.
    pub fn name(&self) -> Option<String> {
        let org = self.organisation.trim();
        let when = Date::parse(self.assessed_on.trim()).map(Date::month_year);
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
        StartDetails {
            organisation: org.into(),
            org_type: Some(OrgType::ALL[0]),
            assessed_on: date.into(),
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
        let fields: Vec<&str> = bad.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["start-organisation", "start-date"]);
        assert!(!w.begin(&bad, "b".into(), &s));
        assert_eq!(w, before);
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
