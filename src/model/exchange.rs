//! The shared file: what "Export" writes and "Import" reads, the checks an
//! imported file must pass before anything changes, and merging an imported
//! assessment into an open one with conflicts for the user to settle.
//!
//! One set of types (`ExportFile` wraps the model's `Assessment`) serves both
//! directions. The format is documented in docs/file-format.md.

use super::answer::{ElementAnswer, Stamped, Timestamp};
use super::assessment::Assessment;
use super::limits::{MAX_FILE_BYTES, MAX_ROUNDS, MAX_SHORT_CHARS, MAX_TEXT_CHARS};
use crate::content::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Identifies our files among other JSON.
pub const FILE_FORMAT: &str = "health-and-care-lgbtq-inclusion-framework";
/// Bump when the file's shape changes; keep reading every older version.
/// Version 2 added each field's clock (`dot`, `seen`, `concurrent`) and an
/// assessment's `life`; a version 1 file reads as the same shape without them.
/// Version 3 keeps the history once per assessment (`writers`, a writer
/// table with counts) and one dot per field version (`[writer, count]`),
/// instead of a clock per field; versions 1 and 2 are read (see `wire.rs`).
pub const FILE_VERSION: u64 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u64,
    /// The app version that wrote it, shown before importing.
    pub app_version: String,
    pub exported_at: Timestamp,
    pub assessments: Vec<Assessment>,
}

/// Why a file was refused. Each has a message for the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: u64,
    },
    NotText,
    Truncated,
    NotJson {
        line: usize,
        column: usize,
    },
    NotOurs,
    TooNew {
        version: u64,
    },
    WrongShape(String),
    NoAssessments,
    DuplicateIds,
    UnknownElement(String),
    TooLong {
        place: String,
        chars: usize,
        limit: usize,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => write!(f, "The file is empty"),
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is {} – it must be smaller than {}",
                human_size(*bytes),
                human_size(MAX_FILE_BYTES)
            ),
            ImportError::NotText => write!(f, "The file is not a text file: choose a .json, .xlsx or .csv file exported from this app"),
            ImportError::Truncated => write!(f, "The file is incomplete: it ends too early, perhaps because it was not fully downloaded or was cut when emailed"),
            ImportError::NotJson { line, column } => write!(f, "The file is not a JSON file exported from this app (it could not be read at line {line}, column {column})"),
            ImportError::NotOurs => write!(f, "The file is JSON but not one exported from this app"),
            ImportError::TooNew { version } => write!(f, "The file was made by a newer version of this app (file version {version}); this version reads up to {FILE_VERSION}. Reload the page to get the latest version"),
            ImportError::WrongShape(detail) => write!(f, "The file is not in the expected format: {detail}"),
            ImportError::NoAssessments => write!(f, "The file holds no assessments"),
            ImportError::DuplicateIds => write!(f, "The file holds the same assessment twice"),
            ImportError::UnknownElement(id) => write!(f, "The file has answers for element {id}, which is not in the framework"),
            ImportError::TooLong { place, chars, limit } => write!(f, "The text for {place} is too long ({chars} characters; the limit is {limit})"),
        }
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Pretty-printed JSON for the given assessments.
pub fn export(assessments: &[Assessment], app_version: &str, now: Timestamp) -> String {
    let file = ExportFile {
        format: FILE_FORMAT.into(),
        version: FILE_VERSION,
        app_version: app_version.into(),
        exported_at: now,
        assessments: assessments.to_vec(),
    };
    serde_json::to_string_pretty(&file).expect("plain data always serialises")
}

/// A file name that says what the file holds: organisation (or assessment
/// name) and date, e.g. `northshire-nhs-trust-lgbtq-inclusion-2027-01-15`.
pub fn file_stem(assessments: &[Assessment], today: &str) -> String {
    let subject = match assessments {
        [one] => {
            let org = one.profile.organisation.value.trim();
            if org.is_empty() {
                one.name.value.clone()
            } else {
                org.to_string()
            }
        }
        _ => "all-assessments".to_string(),
    };
    let mut slug = String::new();
    // Only ASCII letters and digits are kept, so ASCII lowercasing does
    // (and keeps the Unicode case tables out of the build).
    for c in subject.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = if slug.is_empty() {
        "assessment".to_string()
    } else {
        slug
    };
    format!("{slug}-lgbtq-inclusion-{today}")
}

/// Checks the size before reading (`len` from the file picker).
pub fn check_size(len: u64) -> Result<(), ImportError> {
    match len {
        0 => Err(ImportError::Empty),
        n if n > MAX_FILE_BYTES => Err(ImportError::TooLarge { bytes: n }),
        _ => Ok(()),
    }
}

/// Reads and checks a file completely; nothing is changed by this.
pub fn parse_import(bytes: &[u8], fw: &Framework) -> Result<ExportFile, ImportError> {
    check_size(bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // First pass: only the header, so other JSON is told apart cheaply and
    // a cut-off file is reported as such. Everything else is skipped.
    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let not_json = |e: serde_json::Error| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    };
    if !text.trim_start().starts_with('{') {
        // Valid JSON of another kind (an array, a number) is not ours.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
        return Err(ImportError::NotOurs);
    }
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else if e.is_syntax() {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        } else {
            ImportError::NotOurs
        }
    })?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FILE_FORMAT) {
        return Err(ImportError::NotOurs);
    }
    let version = header
        .version
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ImportError::WrongShape("it has no version number".into()))?;
    if version > FILE_VERSION {
        return Err(ImportError::TooNew { version });
    }
    // Versions 1 to 3 share one outline: a version 1 field (no clock) is
    // given one as it is read (see `Stamped`), a version 2 field's clock
    // moves into its assessment's (see `wire.rs`).
    let file: ExportFile =
        serde_json::from_str(text).map_err(|e| ImportError::WrongShape(plain_serde(&e)))?;
    validate(&file, fw)?;
    Ok(file)
}

/// serde's message without its line/column suffix, which means little here.
fn plain_serde(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

fn validate(file: &ExportFile, fw: &Framework) -> Result<(), ImportError> {
    if file.assessments.is_empty() {
        return Err(ImportError::NoAssessments);
    }
    let ids: BTreeSet<&str> = super::order::set_of(file.assessments.iter().map(|a| a.id.as_str()));
    if ids.len() != file.assessments.len() {
        return Err(ImportError::DuplicateIds);
    }
    if ids.iter().any(|id| id.is_empty() || id.len() > 100) {
        return Err(ImportError::WrongShape(
            "an assessment has no usable id".into(),
        ));
    }
    let known: BTreeSet<&str> = super::order::set_of(fw.elements().map(|e| e.id.as_str()));
    for a in &file.assessments {
        let short =
            |place: String, text: &Stamped<String>| check_field(place, text, MAX_SHORT_CHARS);
        short(format!("the name of ‘{}’", clip(&a.name.value)), &a.name)?;
        short("the organisation name".into(), &a.profile.organisation)?;
        short("who completed it".into(), &a.profile.completed_by)?;
        short("the date of assessment".into(), &a.profile.assessed_on)?;
        check_field(
            "the commentary for the board".into(),
            &a.commentary,
            MAX_TEXT_CHARS,
        )?;
        if a.rounds.len() > MAX_ROUNDS {
            return Err(ImportError::WrongShape(format!(
                "it has more than {MAX_ROUNDS} review rounds"
            )));
        }
        let rounds = a.rounds.iter().map(|r| (Some(&r.name), &r.answers));
        for (round_name, answers) in std::iter::once((None, &a.answers)).chain(rounds) {
            if let Some(name) = round_name {
                check_field(
                    format!("the name of review round ‘{}’", clip(&name.value)),
                    name,
                    MAX_SHORT_CHARS,
                )?;
            }
            check_answers(answers, &known)?;
        }
    }
    Ok(())
}

fn check_answers(
    answers: &std::collections::BTreeMap<String, ElementAnswer>,
    known: &BTreeSet<&str>,
) -> Result<(), ImportError> {
    for (id, answer) in answers {
        if !known.contains(id.as_str()) {
            return Err(ImportError::UnknownElement(clip(id)));
        }
        for (what, text, limit) in [
            ("note", &answer.note, MAX_TEXT_CHARS),
            ("action to date", &answer.action_to_date, MAX_TEXT_CHARS),
            ("next steps", &answer.next_steps, MAX_TEXT_CHARS),
            ("owner", &answer.owner, MAX_SHORT_CHARS),
            ("target date", &answer.target_date, MAX_SHORT_CHARS),
        ] {
            check_field(format!("the {what} of {id}"), text, limit)?;
        }
    }
    Ok(())
}

/// Every version a field holds must fit, not only the one shown.
fn check_field(place: String, field: &Stamped<String>, limit: usize) -> Result<(), ImportError> {
    check_len(place.clone(), &field.value, limit)?;
    for v in &field.concurrent {
        check_len(place.clone(), &v.value, limit)?;
    }
    Ok(())
}

fn check_len(place: String, text: &str, limit: usize) -> Result<(), ImportError> {
    let chars = text.chars().count();
    if chars > limit {
        return Err(ImportError::TooLong {
            place,
            chars,
            limit,
        });
    }
    Ok(())
}

fn clip(s: &str) -> String {
    let clipped: String = s.chars().take(40).collect();
    if clipped.len() < s.len() {
        format!("{clipped}…")
    } else {
        clipped
    }
}

/// What a file holds, shown before the user chooses what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub name: String,
    pub organisation: String,
    pub assessed_on: String,
    pub ratings: usize,
    pub progress: usize,
    pub app_version: String,
    pub exported_at: Timestamp,
}

pub fn preview(file: &ExportFile) -> Vec<Preview> {
    file.assessments
        .iter()
        .map(|a| Preview {
            name: a.name.value.clone(),
            organisation: a.profile.organisation.value.clone(),
            assessed_on: a.profile.assessed_on.value.clone(),
            ratings: a
                .answers
                .values()
                .filter(|x| x.rating.value != Default::default())
                .count(),
            progress: a
                .answers
                .values()
                .filter(|x| x.progress.value != Default::default())
                .count(),
            app_version: file.app_version.clone(),
            exported_at: file.exported_at,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{Edit, Progress, Rating, Stamp};

    fn at(t: i64) -> Stamp {
        Stamp::at(t)
    }

    fn sample() -> Assessment {
        let mut a = Assessment::new("a1", "Main site", &at(1_000));
        a.apply(
            Edit::Organisation("Northshire NHS Trust".into()),
            &at(1_100),
        );
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(1_200));
        a.apply(Edit::Note("1.1".into(), "Board paper".into()), &at(1_300));
        a.apply(Edit::Progress("2.3".into(), Progress::Moderate), &at(1_400));
        a
    }

    fn import(json: &str) -> Result<ExportFile, ImportError> {
        parse_import(json.as_bytes(), framework())
    }

    #[test]
    fn export_then_import_is_the_identity() {
        let a = sample();
        let file = export(std::slice::from_ref(&a), "0.1.0", 5_000);
        assert!(file.contains("\n  \"format\""), "pretty-printed");
        let back = import(&file).unwrap();
        assert_eq!(back.assessments, vec![a]);
        assert_eq!(back.app_version, "0.1.0");
        assert_eq!(back.exported_at, 5_000);
    }

    #[test]
    fn file_names_say_what_they_hold() {
        assert_eq!(
            file_stem(&[sample()], "2027-01-15"),
            "northshire-nhs-trust-lgbtq-inclusion-2027-01-15"
        );
        let unnamed = Assessment::new("x", "Ward 7 / “pilot”", &at(1));
        assert_eq!(
            file_stem(std::slice::from_ref(&unnamed), "2027-01-15"),
            "ward-7-pilot-lgbtq-inclusion-2027-01-15"
        );
        assert_eq!(
            file_stem(&[unnamed.clone(), sample()], "2027-01-15"),
            "all-assessments-lgbtq-inclusion-2027-01-15"
        );
        let blank = Assessment::new("x", "…", &at(1));
        assert_eq!(
            file_stem(&[blank], "2027-01-15"),
            "assessment-lgbtq-inclusion-2027-01-15"
        );
    }

    #[test]
    fn every_kind_of_bad_file_has_its_own_message() {
        assert_eq!(parse_import(b"", framework()), Err(ImportError::Empty));
        assert_eq!(import("  \n"), Err(ImportError::Empty));
        assert_eq!(
            parse_import(&[0xff, 0xfe, 0x00], framework()),
            Err(ImportError::NotText)
        );
        assert_eq!(
            import("hello"),
            Err(ImportError::NotJson { line: 1, column: 1 })
        );
        let good = export(&[sample()], "0.1.0", 1);
        assert_eq!(import(&good[..good.len() / 2]), Err(ImportError::Truncated));
        assert_eq!(import("{\"schema\":1}"), Err(ImportError::NotOurs));
        assert_eq!(import("[1,2,3]"), Err(ImportError::NotOurs));
        let newer = good.replace("\"version\": 3", "\"version\": 7");
        assert_eq!(import(&newer), Err(ImportError::TooNew { version: 7 }));
        let unknown = good.replace("\"2.3\"", "\"9.9\"");
        assert_eq!(
            import(&unknown),
            Err(ImportError::UnknownElement("9.9".into()))
        );
        let bad_rating = good.replace("\"in_place\"", "\"amazing\"");
        assert!(
            matches!(import(&bad_rating), Err(ImportError::WrongShape(m)) if m.contains("amazing"))
        );
        let long = good.replace("Board paper", &"x".repeat(MAX_TEXT_CHARS + 1));
        assert!(
            matches!(import(&long), Err(ImportError::TooLong { chars, .. }) if chars == MAX_TEXT_CHARS + 1)
        );
        let none = export(&[], "0.1.0", 1);
        assert_eq!(import(&none), Err(ImportError::NoAssessments));
        let twice = export(&[sample(), sample()], "0.1.0", 1);
        assert_eq!(import(&twice), Err(ImportError::DuplicateIds));
        assert_eq!(
            check_size(MAX_FILE_BYTES + 1),
            Err(ImportError::TooLarge {
                bytes: MAX_FILE_BYTES + 1
            })
        );
        assert_eq!(
            ImportError::TooLarge {
                bytes: 300 * 1024 * 1024
            }
            .to_string(),
            "The file is 300.0 MB – it must be smaller than 64.0 MB"
        );
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let good = format!("\u{feff}{}", export(&[sample()], "0.1.0", 1));
        assert!(import(&good).is_ok());
    }

    #[test]
    fn a_version_1_file_still_imports_and_agrees_with_itself() {
        let v1 = include_str!("../../tests/fixtures/export-v1.json");
        let first = import(v1).unwrap();
        let second = import(v1).unwrap();
        assert_eq!(first, second);
        let a = &first.assessments[0];
        assert!(
            a.answers.values().any(|x| x.rating.dot.is_some()),
            "given clocks"
        );
        assert!(crate::model::conflicts(a, &second.assessments[0]).is_empty());
    }

    #[test]
    fn a_hidden_version_over_the_limit_is_refused_too() {
        let mut a = sample();
        let mut other = sample();
        a.apply(Edit::Note("1.1".into(), "short".into()), &at(2_000));
        other.apply(
            Edit::Note("1.1".into(), "x".repeat(MAX_TEXT_CHARS)),
            &Stamp::at(2_000),
        );
        let mut both = a.merged(&other);
        assert!(both.answer("1.1").note.is_conflicted());
        let long = "y".repeat(MAX_TEXT_CHARS + 1);
        for v in &mut both.answers.get_mut("1.1").unwrap().note.concurrent {
            v.value = long.clone();
        }
        let file = export(&[both], "0.1.0", 1);
        assert!(matches!(import(&file), Err(ImportError::TooLong { .. })));
    }
}
