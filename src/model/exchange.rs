//! The shared file: what "Export" writes and "Import" reads, the checks an
//! imported file must pass before anything changes, and merging an imported
//! assessment into an open one with conflicts for the user to settle.
//!
//! One set of types (`ExportFile` wraps the model's `Assessment`) serves both
//! directions. The format is documented in docs/file-format.md.

use super::answer::{ElementAnswer, Stamped, Timestamp};
use super::assessment::Assessment;
use crate::content::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Identifies our files among other JSON.
pub const FILE_FORMAT: &str = "health-and-care-lgbtq-inclusion-framework";
/// Bump when the file's shape changes; keep reading every older version.
pub const FILE_VERSION: u64 = 1;
/// Files over this size are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Longest text accepted in any one field, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name, organisation, owner or similar short field.
pub const MAX_SHORT_CHARS: usize = 300;
/// Most review rounds one assessment may carry in a file.
pub const MAX_ROUNDS: usize = 1000;

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
            ImportError::NotText => write!(f, "The file is not a text file: choose a .json file exported from this app"),
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
    for c in subject.to_lowercase().chars() {
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
    // Version 1 is the first; older versions would be migrated here.
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
    let ids: BTreeSet<&str> = file.assessments.iter().map(|a| a.id.as_str()).collect();
    if ids.len() != file.assessments.len() {
        return Err(ImportError::DuplicateIds);
    }
    if ids.iter().any(|id| id.is_empty() || id.len() > 100) {
        return Err(ImportError::WrongShape(
            "an assessment has no usable id".into(),
        ));
    }
    let known: BTreeSet<&str> = fw.elements().map(|e| e.id.as_str()).collect();
    for a in &file.assessments {
        let short = |place: String, text: &str| check_len(place, text, MAX_SHORT_CHARS);
        short(
            format!("the name of ‘{}’", clip(&a.name.value)),
            &a.name.value,
        )?;
        short(
            "the organisation name".into(),
            &a.profile.organisation.value,
        )?;
        short("who completed it".into(), &a.profile.completed_by.value)?;
        short(
            "the date of assessment".into(),
            &a.profile.assessed_on.value,
        )?;
        if a.rounds.len() > MAX_ROUNDS {
            return Err(ImportError::WrongShape(format!(
                "it has more than {MAX_ROUNDS} review rounds"
            )));
        }
        let rounds = a.rounds.iter().map(|r| (Some(&r.name.value), &r.answers));
        for (round_name, answers) in std::iter::once((None, &a.answers)).chain(rounds) {
            if let Some(name) = round_name {
                short(format!("the name of review round ‘{}’", clip(name)), name)?;
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
            ("note", &answer.note.value, MAX_TEXT_CHARS),
            (
                "action to date",
                &answer.action_to_date.value,
                MAX_TEXT_CHARS,
            ),
            ("next steps", &answer.next_steps.value, MAX_TEXT_CHARS),
            ("owner", &answer.owner.value, MAX_SHORT_CHARS),
            ("target date", &answer.target_date.value, MAX_SHORT_CHARS),
        ] {
            check_len(format!("the {what} of {id}"), text, limit)?;
        }
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

/// One field of an assessment, for listing conflicts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Organisation,
    OrgType,
    CompletedBy,
    AssessedOn,
    Rating(String),
    Note(String),
    Progress(String),
    ActionToDate(String),
    NextSteps(String),
    Owner(String),
    TargetDate(String),
}

impl Field {
    pub fn label(&self) -> String {
        match self {
            Field::Name => "Assessment name".into(),
            Field::Organisation => "Organisation name".into(),
            Field::OrgType => "Type of organisation".into(),
            Field::CompletedBy => "Who completed it".into(),
            Field::AssessedOn => "Date of assessment".into(),
            Field::Rating(id) => format!("{id} rating"),
            Field::Note(id) => format!("{id} what tells us this"),
            Field::Progress(id) => format!("{id} progress"),
            Field::ActionToDate(id) => format!("{id} action to date"),
            Field::NextSteps(id) => format!("{id} next steps"),
            Field::Owner(id) => format!("{id} owner"),
            Field::TargetDate(id) => format!("{id} target date"),
        }
    }

    /// The field's words and when it changed.
    fn read(&self, a: &Assessment) -> (String, Option<Timestamp>) {
        fn words<T: Clone>(
            s: &Stamped<T>,
            show: impl Fn(&T) -> String,
        ) -> (String, Option<Timestamp>) {
            (show(&s.value), s.changed_at)
        }
        let answer = |id: &String| a.answers.get(id).cloned().unwrap_or_default();
        let text = |s: &String| s.clone();
        match self {
            Field::Name => words(&a.name, text),
            Field::Organisation => words(&a.profile.organisation, text),
            Field::OrgType => words(&a.profile.org_type, |t| {
                t.map(|t| t.label().to_string()).unwrap_or_default()
            }),
            Field::CompletedBy => words(&a.profile.completed_by, text),
            Field::AssessedOn => words(&a.profile.assessed_on, text),
            Field::Rating(id) => words(&answer(id).rating, |r| r.label().to_string()),
            Field::Note(id) => words(&answer(id).note, text),
            Field::Progress(id) => words(&answer(id).progress, |p| p.label().to_string()),
            Field::ActionToDate(id) => words(&answer(id).action_to_date, text),
            Field::NextSteps(id) => words(&answer(id).next_steps, text),
            Field::Owner(id) => words(&answer(id).owner, text),
            Field::TargetDate(id) => words(&answer(id).target_date, text),
        }
    }

    /// Copies this field from `src` into `dst`, stamped `at`.
    fn copy(&self, dst: &mut Assessment, src: &Assessment, at: Timestamp) {
        fn take<T: Clone>(d: &mut Stamped<T>, s: &Stamped<T>, at: Timestamp) {
            d.value = s.value.clone();
            d.changed_at = Some(at);
        }
        fn slot<'a>(dst: &'a mut Assessment, id: &str) -> &'a mut ElementAnswer {
            dst.answers.entry(id.to_string()).or_default()
        }
        let from = |id: &String| src.answers.get(id).cloned().unwrap_or_default();
        match self {
            Field::Rating(id) => take(&mut slot(dst, id).rating, &from(id).rating, at),
            Field::Note(id) => take(&mut slot(dst, id).note, &from(id).note, at),
            Field::Progress(id) => take(&mut slot(dst, id).progress, &from(id).progress, at),
            Field::ActionToDate(id) => take(
                &mut slot(dst, id).action_to_date,
                &from(id).action_to_date,
                at,
            ),
            Field::NextSteps(id) => take(&mut slot(dst, id).next_steps, &from(id).next_steps, at),
            Field::Owner(id) => take(&mut slot(dst, id).owner, &from(id).owner, at),
            Field::TargetDate(id) => {
                take(&mut slot(dst, id).target_date, &from(id).target_date, at)
            }
            Field::Name => take(&mut dst.name, &src.name, at),
            Field::Organisation => {
                take(&mut dst.profile.organisation, &src.profile.organisation, at)
            }
            Field::OrgType => take(&mut dst.profile.org_type, &src.profile.org_type, at),
            Field::CompletedBy => {
                take(&mut dst.profile.completed_by, &src.profile.completed_by, at)
            }
            Field::AssessedOn => take(&mut dst.profile.assessed_on, &src.profile.assessed_on, at),
        }
    }
}

fn all_fields(ids: impl Iterator<Item = String>) -> Vec<Field> {
    let mut fields = vec![
        Field::Name,
        Field::Organisation,
        Field::OrgType,
        Field::CompletedBy,
        Field::AssessedOn,
    ];
    for id in ids {
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

/// A field where taking the newer change would replace words of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: Field,
    pub ours: String,
    pub ours_at: Timestamp,
    pub theirs: String,
    pub theirs_at: Timestamp,
}

/// The fields where the file's version is newer than ours and different from
/// a value we had set. (Where ours is newer, ours simply stays.)
pub fn conflicts(ours: &Assessment, theirs: &Assessment) -> Vec<Conflict> {
    let ids: BTreeSet<String> = ours
        .answers
        .keys()
        .chain(theirs.answers.keys())
        .cloned()
        .collect();
    all_fields(ids.into_iter())
        .into_iter()
        .filter_map(|field| {
            let (our_words, our_at) = field.read(ours);
            let (their_words, their_at) = field.read(theirs);
            match (our_at, their_at) {
                (Some(o), Some(t)) if t > o && our_words != their_words => Some(Conflict {
                    field,
                    ours: our_words,
                    ours_at: o,
                    theirs: their_words,
                    theirs_at: t,
                }),
                _ => None,
            }
        })
        .collect()
}

/// Merges `theirs` into `ours` (newer field wins), except the conflicting
/// fields in `keep_ours`, which keep our words, stamped `now` (or just after
/// the file's time, if its clock ran ahead) so the choice stands when the
/// same file is merged again.
pub fn merge_into(
    ours: &Assessment,
    theirs: &Assessment,
    keep_ours: &[Field],
    now: Timestamp,
) -> Assessment {
    let mut theirs = theirs.clone();
    theirs.id = ours.id.clone();
    let mut merged = ours.merged(&theirs);
    for field in keep_ours {
        let after_theirs = field.read(&theirs).1.map_or(now, |t| t + 1);
        field.copy(&mut merged, ours, now.max(after_theirs));
    }
    merged.answers.retain(|_, a| !a.is_empty());
    merged.touched_at = merged.touched_at.max(now);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{Edit, Progress, Rating};

    fn sample() -> Assessment {
        let mut a = Assessment::new("a1", "Main site", 1_000);
        a.apply(Edit::Organisation("Northshire NHS Trust".into()), 1_100);
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), 1_200);
        a.apply(Edit::Note("1.1".into(), "Board paper".into()), 1_300);
        a.apply(Edit::Progress("2.3".into(), Progress::Moderate), 1_400);
        a
    }

    fn import(json: &str) -> Result<ExportFile, ImportError> {
        parse_import(json.as_bytes(), framework())
    }

    #[test]
    fn export_then_import_is_the_identity() {
        let file = export(&[sample()], "0.1.0", 5_000);
        assert!(file.contains("\n  \"format\""), "pretty-printed");
        let back = import(&file).unwrap();
        assert_eq!(back.assessments, vec![sample()]);
        assert_eq!(back.app_version, "0.1.0");
        assert_eq!(back.exported_at, 5_000);
    }

    #[test]
    fn file_names_say_what_they_hold() {
        assert_eq!(
            file_stem(&[sample()], "2027-01-15"),
            "northshire-nhs-trust-lgbtq-inclusion-2027-01-15"
        );
        let unnamed = Assessment::new("x", "Ward 7 / “pilot”", 1);
        assert_eq!(
            file_stem(std::slice::from_ref(&unnamed), "2027-01-15"),
            "ward-7-pilot-lgbtq-inclusion-2027-01-15"
        );
        assert_eq!(
            file_stem(&[unnamed.clone(), sample()], "2027-01-15"),
            "all-assessments-lgbtq-inclusion-2027-01-15"
        );
        let blank = Assessment::new("x", "…", 1);
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
        let newer = good.replace("\"version\": 1", "\"version\": 7");
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
                bytes: 3 * 1024 * 1024
            }
            .to_string(),
            "The file is 3.0 MB – it must be smaller than 2.0 MB"
        );
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let good = format!("\u{feff}{}", export(&[sample()], "0.1.0", 1));
        assert!(import(&good).is_ok());
    }

    #[test]
    fn conflicts_are_only_where_the_file_would_replace_our_words() {
        let ours = sample();
        let mut theirs = sample();
        theirs.id = "other".into();
        theirs.apply(
            Edit::Note("1.1".into(), "Board paper and survey".into()),
            2_000,
        ); // newer, different
        theirs.apply(Edit::Rating("4.1".into(), Rating::NotInPlace), 2_100); // we never set it
        let mut ours_newer = ours.clone();
        ours_newer.apply(Edit::Organisation("Northshire Trust".into()), 3_000); // ours is newer
        let found = conflicts(&ours_newer, &theirs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::Note("1.1".into()));
        assert_eq!(found[0].ours, "Board paper");
        assert_eq!(found[0].theirs, "Board paper and survey");

        let taken = merge_into(&ours_newer, &theirs, &[], 4_000);
        assert_eq!(taken.id, "a1");
        assert_eq!(taken.answer("1.1").note.value, "Board paper and survey");
        assert_eq!(taken.rating("4.1"), Rating::NotInPlace);
        assert_eq!(taken.profile.organisation.value, "Northshire Trust");

        let kept = merge_into(&ours_newer, &theirs, &[Field::Note("1.1".into())], 4_000);
        assert_eq!(kept.answer("1.1").note.value, "Board paper");
        assert!(conflicts(&kept, &theirs).is_empty(), "the choice stands");
        assert_eq!(
            merge_into(&kept, &theirs, &[], 5_000).answers,
            kept.answers,
            "merging again changes nothing"
        );
    }
}
