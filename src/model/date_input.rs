//! The NHS.UK date input: day, month and year typed in three boxes, read
//! here so an impossible or half-typed date is named, never dropped.

use super::date::Date;

/// One of the three boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    pub const ALL: [DatePart; 3] = [DatePart::Day, DatePart::Month, DatePart::Year];

    /// The box's label, and the end of its id ("start-date-day").
    pub fn label(self) -> &'static str {
        match self {
            DatePart::Day => "Day",
            DatePart::Month => "Month",
            DatePart::Year => "Year",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DatePart::Day => "day",
            DatePart::Month => "month",
            DatePart::Year => "year",
        }
    }
}

/// What was typed, box by box, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// What is wrong with a typed date: the words for the error summary and the
/// field, and which boxes to mark (the first is the one to focus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    pub message: String,
    pub parts: Vec<DatePart>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl DateParts {
    pub fn new(day: &str, month: &str, year: &str) -> DateParts {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    /// The boxes filled in from a stored "YYYY-MM-DD" (empty when it is
    /// not a date, so nothing stored is shown as something else).
    pub fn from_iso(stored: &str) -> DateParts {
        match Date::parse(stored.trim()) {
            Some(d) => DateParts {
                day: d.day.to_string(),
                month: d.month.to_string(),
                year: d.year.to_string(),
            },
            None => DateParts::default(),
        }
    }

    pub fn get(&self, part: DatePart) -> &str {
        match part {
            DatePart::Day => &self.day,
            DatePart::Month => &self.month,
            DatePart::Year => &self.year,
        }
    }

    pub fn set(&mut self, part: DatePart, value: String) {
        match part {
            DatePart::Day => self.day = value,
            DatePart::Month => self.month = value,
            DatePart::Year => self.year = value,
        }
    }

    pub fn is_blank(&self) -> bool {
        DatePart::ALL.iter().all(|&p| self.get(p).trim().is_empty())
    }

    /// The date typed: `Ok(None)` when every box is empty, `Ok(Some)` for a
    /// real date, otherwise the problem, named after the question (`name`,
    /// "Date of assessment") as the NHS.UK pattern words it. A month may be
    /// a number or its name ("Feb", "February").
    pub fn read(&self, name: &str) -> Result<Option<Date>, DateProblem> {
        if self.is_blank() {
            return Ok(None);
        }
        let missing: Vec<DatePart> = DatePart::ALL
            .into_iter()
            .filter(|&p| self.get(p).trim().is_empty())
            .collect();
        if !missing.is_empty() {
            let words: Vec<&str> = missing
                .iter()
                .map(|p| match p {
                    DatePart::Day => "day",
                    DatePart::Month => "month",
                    DatePart::Year => "year",
                })
                .collect();
            return Err(DateProblem {
                message: format!("{name} must include a {}", words.join(" and ")),
                parts: missing,
            });
        }
        let year = self.year.trim();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateProblem {
                message: format!("{name}: the year must have 4 numbers, for example 2027"),
                parts: vec![DatePart::Year],
            });
        }
        let real = || DateProblem {
            message: format!("{name} must be a real date, for example 15 1 2027"),
            parts: DatePart::ALL.to_vec(),
        };
        let day: u8 = number(&self.day).ok_or_else(real)?;
        let month = month(&self.month).ok_or_else(real)?;
        let iso = format!("{year}-{month:02}-{day:02}");
        Date::parse(&iso).map(Some).ok_or_else(real)
    }
}

fn number(s: &str) -> Option<u8> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month(s: &str) -> Option<u8> {
    if let Some(n) = number(s) {
        return Some(n);
    }
    // ASCII: month names are, and it keeps the Unicode case tables out of the build.
    let word = s.trim().trim_end_matches('.').to_ascii_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .map(|i| i as u8 + 1)
}

/// What to do with a target date as it is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetEntry {
    /// Every box empty: the target date is cleared.
    Clear,
    /// A real date today or later (or a past one already confirmed): save.
    Save(Date),
    /// A real date that has passed: ask before saving it.
    Confirm(Date),
    /// Not a date: say so and save nothing.
    Problem(DateProblem),
}

/// Reads a target date typed on `today`; `confirmed` is a past date the
/// person has said they mean.
pub fn target_entry(
    parts: &DateParts,
    name: &str,
    today: Date,
    confirmed: Option<Date>,
) -> TargetEntry {
    match parts.read(name) {
        Err(problem) => TargetEntry::Problem(problem),
        Ok(None) => TargetEntry::Clear,
        Ok(Some(d)) if d < today && confirmed != Some(d) => TargetEntry::Confirm(d),
        Ok(Some(d)) => TargetEntry::Save(d),
    }
}

/// The question asked about a past target date.
pub fn past_target_question(date: Date, today: Date) -> String {
    let ago = today.days() - date.days();
    let when = match ago {
        1 => "yesterday".to_string(),
        n if n < 60 => format!("{n} days ago"),
        n if n < 730 => format!("about {} months ago", n / 30),
        n => format!("about {} years ago", n / 365),
    };
    format!(
        "{} has already passed ({when}). Is this the target date you mean?",
        date.long()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(d: &str, m: &str, y: &str) -> Result<Option<Date>, DateProblem> {
        DateParts::new(d, m, y).read("Date of assessment")
    }

    #[test]
    fn a_real_date_is_read_as_typed() {
        let want = Date::parse("2027-02-03");
        assert_eq!(read("3", "2", "2027").unwrap(), want);
        assert_eq!(read(" 03 ", "02", "2027").unwrap(), want);
        assert_eq!(read("3", "Feb", "2027").unwrap(), want);
        assert_eq!(read("3", "february", "2027").unwrap(), want);
        assert_eq!(read("29", "2", "2028").unwrap(), Date::parse("2028-02-29"));
        assert_eq!(read("", " ", "").unwrap(), None, "blank is no date");
    }

    #[test]
    fn an_impossible_date_is_named_not_dropped() {
        for (d, m, y) in [
            ("31", "2", "2027"),
            ("29", "2", "2027"),
            ("31", "4", "2027"),
            ("0", "1", "2027"),
            ("12", "13", "2027"),
            ("x", "1", "2027"),
            ("1", "Ju", "2027"),
            ("1.5", "1", "2027"),
            ("123", "1", "2027"),
        ] {
            let p = read(d, m, y).unwrap_err();
            assert_eq!(
                p.message, "Date of assessment must be a real date, for example 15 1 2027",
                "{d}/{m}/{y}"
            );
            assert_eq!(p.parts, DatePart::ALL);
        }
    }

    #[test]
    fn a_half_typed_date_says_what_is_missing() {
        let p = read("31", "2", "").unwrap_err();
        assert_eq!(p.message, "Date of assessment must include a year");
        assert_eq!(p.parts, [DatePart::Year]);
        let p = read("", "2", "").unwrap_err();
        assert_eq!(p.message, "Date of assessment must include a day and year");
        assert_eq!(p.parts, [DatePart::Day, DatePart::Year]);
        let p = read("31", "2", "27").unwrap_err();
        assert_eq!(
            p.message,
            "Date of assessment: the year must have 4 numbers, for example 2027"
        );
        assert_eq!(p.parts, [DatePart::Year]);
    }

    #[test]
    fn stored_dates_fill_the_boxes() {
        assert_eq!(
            DateParts::from_iso("2027-03-09"),
            DateParts::new("9", "3", "2027")
        );
        assert_eq!(DateParts::from_iso("soon"), DateParts::default());
        let p = DateParts::from_iso("2027-03-09");
        assert_eq!(p.read("x").unwrap(), Date::parse("2027-03-09"));
    }

    #[test]
    fn a_past_target_date_is_asked_about_once() {
        let today = Date::parse("2026-12-03").unwrap();
        let name = "Target date for 1.1";
        let past = DateParts::new("1", "10", "2020");
        let d = Date::parse("2020-10-01").unwrap();
        assert_eq!(
            target_entry(&past, name, today, None),
            TargetEntry::Confirm(d)
        );
        assert_eq!(
            target_entry(&past, name, today, Some(d)),
            TargetEntry::Save(d)
        );
        let other = Date::parse("2020-10-02");
        assert_eq!(
            target_entry(&past, name, today, other),
            TargetEntry::Confirm(d)
        );
        let soon = DateParts::new("3", "12", "2026");
        assert_eq!(
            target_entry(&soon, name, today, None),
            TargetEntry::Save(today),
            "today has not passed"
        );
        assert_eq!(
            target_entry(&DateParts::default(), name, today, None),
            TargetEntry::Clear
        );
        assert!(matches!(
            target_entry(&DateParts::new("31", "2", "2027"), name, today, None),
            TargetEntry::Problem(_)
        ));
        assert_eq!(
            past_target_question(d, today),
            "1 October 2020 has already passed (about 6 years ago). Is this the target date you mean?"
        );
        assert_eq!(
            past_target_question(Date::parse("2026-12-02").unwrap(), today),
            "2 December 2026 has already passed (yesterday). Is this the target date you mean?"
        );
    }
}
