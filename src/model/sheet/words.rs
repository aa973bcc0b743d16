//! What a spreadsheet's words mean: headers to fields, cell text to
//! ratings, progress levels and dates, and the fingerprints that tell an
//! edited cell from one left as exported.

use crate::model::answer::{Progress, Rating};
use crate::model::date::Date;
use crate::model::field::FieldValue;
use crate::model::profile::OrgType;

/// Lower case, every run of punctuation or space one space, trimmed:
/// " Action-to  DATE " → "action to date".
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '+' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn has(words: &str, word: &str) -> bool {
    words.split(' ').any(|w| w == word)
}

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Element,
    Recommendation,
    Rating,
    Note,
    Progress,
    ActionToDate,
    NextSteps,
    Owner,
    TargetDate,
    /// Ours, but worked out from other cells (pillar, statement, overdue).
    Derived,
}

impl Column {
    pub fn from_header(header: &str) -> Option<Column> {
        let w = words(header);
        let any = |list: &[&str]| list.iter().any(|x| has(&w, x));
        Some(if any(&["overdue", "pillar", "statement"]) {
            Column::Derived
        } else if any(&["element", "elements"]) {
            Column::Element
        } else if any(&["recommendation", "recommendations"]) {
            Column::Recommendation
        } else if w.contains("what tells us") || any(&["evidence", "note", "notes"]) {
            Column::Note
        } else if any(&["rating", "rag", "status"]) {
            Column::Rating
        } else if any(&["action", "actions"]) {
            Column::ActionToDate
        } else if any(&["next"]) {
            Column::NextSteps
        } else if any(&["progress"]) {
            Column::Progress
        } else if any(&["owner", "lead", "responsible"]) {
            Column::Owner
        } else if any(&["target", "due", "deadline"]) {
            Column::TargetDate
        } else {
            return None;
        })
    }

    /// Holds one of the values an import reads.
    pub fn is_value(self) -> bool {
        !matches!(
            self,
            Column::Element | Column::Recommendation | Column::Derived
        )
    }
}

/// Whether a header is one the app writes, word for word.
pub fn is_own_header(header: &str) -> bool {
    use super::{PROGRESS_HEADER, SELF_ASSESSMENT_HEADER};
    let w = words(header);
    PROGRESS_HEADER
        .iter()
        .chain(SELF_ASSESSMENT_HEADER.iter())
        .chain(["Self-assessment statement"].iter())
        .any(|h| words(h) == w)
}

/// A label in the "about" rows above the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AboutLabel {
    Name,
    Organisation,
    OrgType,
    CompletedBy,
    AssessedOn,
    Id,
    Check,
}

impl AboutLabel {
    pub fn from_label(label: &str) -> Option<AboutLabel> {
        let w = words(label);
        Some(if w.starts_with("assessment id") {
            AboutLabel::Id
        } else if w.starts_with("export check") {
            AboutLabel::Check
        } else if w == "assessment" || w == "assessment name" {
            AboutLabel::Name
        } else if w.starts_with("type of organisation") || w.starts_with("organisation type") {
            AboutLabel::OrgType
        } else if w == "organisation" || w == "organisation name" {
            AboutLabel::Organisation
        } else if w == "completed by" || w == "who completed it" {
            AboutLabel::CompletedBy
        } else if w == "date of assessment" || w == "assessed on" {
            AboutLabel::AssessedOn
        } else {
            return None;
        })
    }
}

pub const RATING_WORDS: &str = "use In place, Work in progress or Not in place";
pub const PROGRESS_WORDS: &str = "use No progress, Moderate progress or Significant progress";
pub const DATE_WORDS: &str = "write it as a date, such as 31/03/2027";

pub fn rating(text: &str) -> Option<Rating> {
    Some(match words(text).as_str() {
        "" | "not yet assessed" | "not assessed" | "not yet rated" => Rating::NotAssessed,
        "in place" | "green" | "yes" => Rating::InPlace,
        "work in progress" | "in progress" | "wip" | "partly in place" | "amber" | "partly" => {
            Rating::WorkInProgress
        }
        "not in place" | "red" | "no" => Rating::NotInPlace,
        _ => return None,
    })
}

pub fn progress(text: &str) -> Option<Progress> {
    Some(match words(text).as_str() {
        "" | "not yet recorded" | "not recorded" => Progress::NotRecorded,
        "no progress" | "none" | "no" => Progress::NoProgress,
        "moderate progress" | "moderate" | "some progress" | "some" => Progress::Moderate,
        "significant progress" | "significant" => Progress::Significant,
        _ => return None,
    })
}

pub fn org_type(text: &str) -> Option<Option<OrgType>> {
    let w = words(text);
    if w.is_empty() || w == "not given" {
        return Some(None);
    }
    OrgType::ALL
        .into_iter()
        .find(|t| words(t.label()) == w || words(t.key()) == w)
        .map(Some)
}

/// A date as the app stores it ("YYYY-MM-DD", or empty), from what a
/// spreadsheet may hold: ISO text (perhaps with a time), UK day/month/year,
/// "1 March 2027", or an Excel serial day number.
pub fn date(text: &str, number: Option<f64>) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    if let Some(n) = number.or_else(|| t.parse::<f64>().ok()) {
        return from_serial(n).map(|d| d.to_string());
    }
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some(d) = Date::parse(head) {
        return Some(d.to_string());
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts.as_slice() {
        let y = y.split(' ').next().unwrap_or(y);
        let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse::<u16>().ok()?);
        let y = if y < 100 { 2000 + y } else { y };
        return checked(y, m, d);
    }
    let w: Vec<String> = words(t).split(' ').map(String::from).collect();
    if let [d, m, y] = w.as_slice() {
        let month = MONTHS
            .iter()
            .position(|name| name.starts_with(m.as_str()) && m.len() >= 3)?;
        return checked(y.parse().ok()?, month as u8 + 1, d.parse().ok()?);
    }
    None
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

fn checked(y: u16, m: u8, d: u8) -> Option<String> {
    Date::parse(&format!("{y:04}-{m:02}-{d:02}")).map(|d| d.to_string())
}

/// Excel's day numbers (1900 system): 1 is 1900-01-01, and Excel counts a
/// 29 February 1900 that never was, so from 61 on day 0 is 1899-12-30.
pub fn from_serial(n: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let n = n.floor() as i64;
    let days = if n < 61 { n - 1 } else { n - 2 }; // days since 1900-01-01
                                                   // Days since 1970-01-01, then the civil date (Howard Hinnant's method).
    let z = days - 25_567 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Some(Date { year, month, day })
}

/// Text as compared and stored: line ends as "\n", no control characters
/// (XML cannot hold them), no space at either end.
pub fn clean_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    kept.trim().to_string()
}

/// Undoes the CSV export's guard against formulas (`'=…` → `=…`).
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A value as one string for its fingerprint.
pub fn key(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => clean_text(t),
        FieldValue::Rating(r) => r.key().into(),
        FieldValue::Progress(p) => p.key().into(),
        FieldValue::OrgType(t) => t.map(|t| t.key()).unwrap_or_default().into(),
    }
}

/// A value's fingerprint (see `short_hash`).
pub fn fingerprint(value: &FieldValue) -> String {
    short_hash(&key(value))
}

/// FNV-1a, 32 bits, in base 36: short, and the same in every build.
pub fn short_hash(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(hash % 36) as usize]);
        hash /= 36;
        if hash == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_by_their_words() {
        assert_eq!(Column::from_header("Element"), Some(Column::Element));
        assert_eq!(
            Column::from_header("  action TO date "),
            Some(Column::ActionToDate)
        );
        assert_eq!(Column::from_header("Target date"), Some(Column::TargetDate));
        assert_eq!(
            Column::from_header("What tells us this"),
            Some(Column::Note)
        );
        assert_eq!(Column::from_header("PROGRESS"), Some(Column::Progress));
        assert_eq!(Column::from_header("Next steps"), Some(Column::NextSteps));
        assert_eq!(
            Column::from_header("Self-assessment statement"),
            Some(Column::Derived)
        );
        assert_eq!(Column::from_header("Comments from Sam"), None);
        assert_eq!(
            AboutLabel::from_label("Type of organisation"),
            Some(AboutLabel::OrgType)
        );
        assert_eq!(
            AboutLabel::from_label("Organisation"),
            Some(AboutLabel::Organisation)
        );
        assert_eq!(
            AboutLabel::from_label("Assessment id (used when importing)"),
            Some(AboutLabel::Id)
        );
    }

    #[test]
    fn values_are_matched_by_words_and_obvious_variants() {
        assert_eq!(rating(" in PLACE "), Some(Rating::InPlace));
        assert_eq!(rating("Work-in-progress"), Some(Rating::WorkInProgress));
        assert_eq!(rating(""), Some(Rating::NotAssessed));
        assert_eq!(rating("Mostly"), None);
        assert_eq!(progress("Significant"), Some(Progress::Significant));
        assert_eq!(progress("moderate progress"), Some(Progress::Moderate));
        assert_eq!(progress("Nearly"), None);
        assert_eq!(org_type("acute TRUST"), Some(Some(OrgType::AcuteTrust)));
        assert_eq!(org_type("a bakery"), None);
    }

    #[test]
    fn dates_come_in_many_shapes() {
        assert_eq!(date("2027-03-31", None).unwrap(), "2027-03-31");
        assert_eq!(
            date("2027-03-31T00:00:00.000Z", None).unwrap(),
            "2027-03-31"
        );
        assert_eq!(date("31/03/2027", None).unwrap(), "2027-03-31");
        assert_eq!(date("1 March 2027", None).unwrap(), "2027-03-01");
        assert_eq!(date("46477", None).unwrap(), "2027-03-31");
        assert_eq!(date("46477.5", Some(46477.5)).unwrap(), "2027-03-31");
        assert_eq!(date("  ", None).unwrap(), "");
        assert_eq!(date("next spring", None), None);
        assert_eq!(date("31/02/2027", None), None);
        assert_eq!(from_serial(1.0).unwrap().to_string(), "1900-01-01");
        assert_eq!(from_serial(61.0).unwrap().to_string(), "1900-03-01");
        assert_eq!(from_serial(45658.0).unwrap().to_string(), "2025-01-01");
    }

    #[test]
    fn text_is_cleaned_and_guards_undone() {
        assert_eq!(clean_text("  a\r\nb\u{1} "), "a\nb");
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'quoted'"), "'quoted'");
        let a = FieldValue::Text("Board paper ".into());
        let b = FieldValue::Text("Board paper".into());
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&FieldValue::Text("x".into())));
    }
}
