//! Working through a shared folder (OneDrive, SharePoint, a Teams channel):
//! each browser profile writes only its own replica file of an assessment,
//! and reads everyone's. Decided here, natively tested: the replica's file
//! name, which files in a folder are good replicas and why the rest are
//! skipped (checked by the importer's own `parse_import`, so the two never
//! disagree), and merging every good replica into the open assessment.
//!
//! Merging is the assessment's own (`merge_from`), which is commutative,
//! associative and idempotent, so replicas converge in whatever order and
//! however often the sync client delivers them, stale copies included.

use super::assessment::Assessment;
use super::clock::Timestamp;
use super::exchange::{check_size, parse_import, ExportFile, ImportError};
use super::merge::{as_ours, changes, Change};
use crate::content::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What every replica file's name ends with: our format, told apart from
/// ordinary exports and other JSON in the folder.
pub const REPLICA_SUFFIX: &str = ".inclusion.json";

/// The localStorage key for this browser profile's replica settings. The
/// `:` keeps it outside `store.rs`'s layout (`…/4/…`), which reads only its
/// own keys; like `:probe`, it is not part of the workspace.
pub const REPLICA_KEY: &str = "lgbtq-inclusion-framework:replica";

/// Between the parts of a replica's name: an en dash, which people rarely
/// type, so the name can be read back (the person's part never holds one).
const SEPARATOR: &str = " – ";

/// Longest part of a name, in characters: whole paths must stay under the
/// sync clients' limits (OneDrive and SharePoint: 400 characters).
const MAX_PART: usize = 60;

/// Who this browser profile is, and its replica id for each assessment:
/// asked once, kept under `REPLICA_KEY`, so the replica's file name stays
/// the same on every visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSettings {
    /// The person's or device's name, as they gave it.
    #[serde(default)]
    pub person: String,
    /// Assessment id → this profile's random replica id for it.
    #[serde(default)]
    pub ids: BTreeMap<String, String>,
}

impl ReplicaSettings {
    /// Reads the stored settings; `Err` with the reason when they are
    /// damaged (the page says so and asks again, rather than guessing).
    pub fn read(raw: Option<&str>) -> Result<Self, String> {
        match raw {
            None => Ok(Self::default()),
            Some(text) => serde_json::from_str(text).map_err(|e| {
                format!("the saved name for the shared folder could not be read ({e})")
            }),
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("plain data always serialises")
    }

    /// This profile's replica id for an assessment, made with `fresh` the
    /// first time; the bool says whether the settings changed (to save).
    pub fn id_for(&mut self, assessment: &str, fresh: impl FnOnce() -> String) -> (String, bool) {
        if let Some(id) = self.ids.get(assessment) {
            return (id.clone(), false);
        }
        let id = clean_id(&fresh());
        self.ids.insert(assessment.to_string(), id.clone());
        (id, true)
    }
}

/// A person's or device's name checked before it is kept: `Err` with the
/// message for the error summary.
pub fn check_person(name: &str) -> Result<String, String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("Enter your name or your device’s name".into());
    }
    if name.chars().count() > MAX_PART {
        return Err(format!("Your name must be {MAX_PART} characters or fewer"));
    }
    Ok(name)
}

/// The replica file for this profile and assessment:
/// `<assessment name> – <person> – <id>.inclusion.json`, with anything a
/// file system or sync client refuses taken out. The same for the same
/// (assessment name, person, id).
pub fn replica_file_name(assessment_name: &str, person: &str, replica_id: &str) -> String {
    let assessment = safe_part(assessment_name, false);
    let assessment = if assessment.is_empty() {
        "Assessment".to_string()
    } else {
        assessment
    };
    let person = safe_part(person, true);
    let person = if person.is_empty() {
        "Someone".to_string()
    } else {
        person
    };
    let id = clean_id(replica_id);
    format!("{assessment}{SEPARATOR}{person}{SEPARATOR}{id}{REPLICA_SUFFIX}")
}

/// Letters and digits only: an id is the name's last part, read back by
/// where its run of letters and digits ends.
fn clean_id(id: &str) -> String {
    let id: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    if id.is_empty() {
        "0".into()
    } else {
        id
    }
}

/// One part of a name, safe on Windows, macOS, Linux, OneDrive and
/// SharePoint: no `\ / : * ? " < > |`, no control characters, no leading
/// or trailing dots or spaces, whitespace collapsed, at most `MAX_PART`
/// characters. The person's part also loses en dashes (the separator).
fn safe_part(text: &str, no_dash: bool) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            '–' if no_dash => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    let clipped: String = collapsed.chars().take(MAX_PART).collect();
    clipped
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string()
}

/// What a replica's file name says: whose it is, and whether a sync client
/// made it as a copy of a conflicted file (`name-DESKTOP-123.inclusion.json`,
/// `name (1).inclusion.json`, `name.inclusion (Sam's conflicted copy).json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaName {
    pub assessment: String,
    pub person: String,
    pub id: String,
    pub conflict_copy: bool,
}

/// Reads a replica's file name back; `None` for a name not made by
/// `replica_file_name` (an ordinary export, say), which may still be a
/// good replica by its contents.
pub fn read_name(file_name: &str) -> Option<ReplicaName> {
    let stem = strip_suffix_ci(file_name, ".json")?;
    let (front, tail) = stem.rsplit_once(SEPARATOR)?;
    let (assessment, person) = front.rsplit_once(SEPARATOR)?;
    let id: String = tail
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    if id.is_empty() || assessment.is_empty() || person.is_empty() {
        return None;
    }
    let rest = &tail[id.len()..];
    let rest = rest.replacen(".inclusion", "", 1);
    Some(ReplicaName {
        assessment: assessment.to_string(),
        person: person.to_string(),
        id,
        conflict_copy: !rest.trim().is_empty(),
    })
}

fn strip_suffix_ci<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = name.len().checked_sub(suffix.len())?;
    (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(suffix)).then(|| &name[..cut])
}

/// Endings of files still being written or downloaded: browsers' (Chrome
/// and Edge `.crdownload`, Firefox `.part`, Safari `.download`, Opera
/// `.opdownload`) and sync clients' or editors' temporary files.
const PARTIAL_ENDINGS: [&str; 6] = [
    ".crdownload",
    ".part",
    ".partial",
    ".download",
    ".opdownload",
    ".tmp",
];

/// Why a file in the folder was not merged this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Still being written or downloaded, or cut short: read next time.
    Partial,
    /// Not one of this app's files, or damaged: the importer's reason.
    Damaged(String),
    /// Written by a newer version of this app.
    Newer { version: u64 },
    /// Holds another assessment, with no history in common with the open
    /// one: its name.
    OtherAssessment(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Partial => write!(f, "it is still being written or downloaded, or was cut short. It will be read when it is complete"),
            Skip::Damaged(why) => write!(f, "it is damaged or not a file from this app ({})", lower_first(why)),
            Skip::Newer { version } => write!(f, "it was saved by a newer version of this app (file version {version}). Reload the page to get the latest version, then open it again"),
            Skip::OtherAssessment(name) => write!(f, "it holds another assessment, ‘{name}’, not the open one. To open it, import it below as a new assessment"),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A file skipped, by name, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub why: Skip,
}

/// What to do with a file, from its name and size alone (before reading
/// it, so a folder's documents are never read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Look {
    /// A JSON file: read it and check it.
    Read,
    /// Named on the page without reading it.
    Skip(Skip),
    /// Not JSON at all (documents, spreadsheets, Office lock files): left
    /// out silently.
    Ignore,
}

pub fn look(name: &str, size: u64) -> Look {
    let lower = name.to_lowercase();
    let base = PARTIAL_ENDINGS
        .iter()
        .find_map(|ending| lower.strip_suffix(ending));
    let is_json = |n: &str| n.ends_with(".json");
    if let Some(base) = base {
        // A download of one of ours, or Chrome's nameless "Unconfirmed
        // 123.crdownload"; another file's temporary copy is no concern.
        return if is_json(base) || base.starts_with("unconfirmed ") {
            Look::Skip(Skip::Partial)
        } else {
            Look::Ignore
        };
    }
    if !is_json(&lower) {
        return Look::Ignore;
    }
    // Office's and LibreOffice's lock files, and hidden partial copies.
    if lower.starts_with("~$") || lower.starts_with(".~") || lower.starts_with('~') {
        return Look::Skip(Skip::Partial);
    }
    match check_size(size) {
        Ok(()) => Look::Read,
        Err(ImportError::Empty) => Look::Skip(Skip::Partial),
        Err(e) => Look::Skip(Skip::Damaged(e.to_string())),
    }
}

/// A file from the folder: its name, the size the listing gave, and its
/// contents (empty when `look` said not to read it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub name: String,
    pub size: u64,
    pub bytes: Vec<u8>,
}

/// A good replica: the file, what its name says, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replica {
    pub file: String,
    pub name: Option<ReplicaName>,
    pub export: ExportFile,
}

impl Replica {
    /// Whose it is, for the page: the person its name gives, or else the
    /// file's name.
    pub fn whose(&self) -> String {
        match &self.name {
            Some(n) => n.person.clone(),
            None => self.file.clone(),
        }
    }
}

/// A folder's files sorted: the good replicas, and the rest by name with
/// a reason each. Files that are not JSON at all are in neither.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub good: Vec<Replica>,
    pub skipped: Vec<Skipped>,
}

/// Sorts a folder's files, checking each JSON file as the importer does.
pub fn classify(files: Vec<FolderFile>, fw: &Framework) -> Listing {
    let mut listing = Listing::default();
    for file in files {
        let skip = |why| Skipped {
            file: file.name.clone(),
            why,
        };
        match look(&file.name, file.size) {
            Look::Ignore => continue,
            Look::Skip(why) => listing.skipped.push(skip(why)),
            // The file grew or shrank between listing and reading: a sync
            // client is still writing it.
            Look::Read if file.bytes.len() as u64 != file.size => {
                listing.skipped.push(skip(Skip::Partial))
            }
            Look::Read => match parse_import(&file.bytes, fw) {
                Ok(export) => listing.good.push(Replica {
                    name: read_name(&file.name),
                    file: file.name,
                    export,
                }),
                Err(ImportError::Truncated | ImportError::Empty) => {
                    listing.skipped.push(skip(Skip::Partial))
                }
                Err(ImportError::TooNew { version }) => {
                    listing.skipped.push(skip(Skip::Newer { version }))
                }
                Err(e) => listing.skipped.push(skip(Skip::Damaged(e.to_string()))),
            },
        }
    }
    listing
}

/// What merging a folder's replicas did to the open assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderMerge {
    /// The replicas merged: whose (each person once, in file order), with
    /// the last change their copies hold (for "in step with Priya, last
    /// change …").
    pub merged: Vec<(String, Timestamp)>,
    /// Each replica file merged: whose, and its last change (a connected
    /// folder remembers these per file, to skip files that did not change).
    pub by_file: Vec<(String, String, Timestamp)>,
    /// Files not merged (another assessment), with why.
    pub skipped: Vec<Skipped>,
    /// Every answer whose shown value or versions changed.
    pub changes: Vec<Change>,
    /// How many answers now hold two versions (shown where they live).
    pub two_versions: usize,
}

/// Merges every good replica's copy of the open assessment into it, in
/// place (it keeps its writer, and its name: each person's own label, as
/// an import's merge leaves it). A file's copy is the assessment with the
/// same id, or else any sharing its history (a copy imported as new); a
/// file with neither is reported, not merged.
pub fn merge_replicas(ours: &mut Assessment, replicas: &[Replica]) -> FolderMerge {
    let before = ours.clone();
    let mut done = FolderMerge::default();
    for replica in replicas {
        let all = &replica.export.assessments;
        let same: Vec<&Assessment> = match all.iter().find(|a| a.id == ours.id) {
            Some(a) => vec![a],
            None => all.iter().filter(|a| a.shares_history(ours)).collect(),
        };
        if same.is_empty() {
            let name = all
                .first()
                .map(|a| a.name.value.clone())
                .unwrap_or_default();
            done.skipped.push(Skipped {
                file: replica.file.clone(),
                why: Skip::OtherAssessment(name),
            });
            continue;
        }
        let last = same.iter().map(|a| a.touched_at).max().unwrap_or_default();
        for theirs in same {
            ours.merge_from(&as_ours(theirs, ours));
        }
        let whose = replica.whose();
        done.by_file
            .push((replica.file.clone(), whose.clone(), last));
        match done.merged.iter_mut().find(|(w, _)| *w == whose) {
            Some((_, at)) => *at = (*at).max(last),
            None => done.merged.push((whose, last)),
        }
    }
    ours.name = before.name.clone();
    done.changes = changes(&before, ours);
    done.two_versions = ours.conflicted_fields();
    done
}

/// What the person is told after merging a folder's files, in one line.
pub fn merge_message(done: &FolderMerge) -> String {
    let people: Vec<&str> = done.merged.iter().map(|(w, _)| w.as_str()).collect();
    let names = |list: &[&str]| match list {
        [] => String::new(),
        [one] => one.to_string(),
        [front @ .., last] => format!("{} and {last}", front.join(", ")),
    };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = if done.merged.is_empty() {
        "No files were merged.".to_string()
    } else {
        let what = if done.changes.is_empty() {
            ". Nothing changed: everything in them was already here".to_string()
        } else {
            format!(
                ": {} changed",
                count(done.changes.len(), "answer", "answers")
            )
        };
        format!("Merged the files of {}{what}.", names(&people))
    };
    if done.two_versions > 0 {
        out += &format!(
            " {} now {} two versions: choose which to keep where {} shown.",
            count(done.two_versions, "answer", "answers"),
            if done.two_versions == 1 {
                "holds"
            } else {
                "hold"
            },
            if done.two_versions == 1 {
                "it is"
            } else {
                "they are"
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{export, Edit, Rating, Stamp};

    fn at(t: i64) -> Stamp {
        Stamp::at(t)
    }

    fn file(name: &str, text: &str) -> FolderFile {
        FolderFile {
            name: name.into(),
            size: text.len() as u64,
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_replica_is_named_for_its_assessment_person_and_id_and_reads_back() {
        let name = replica_file_name("Northshire EDI", "Priya", "a1b2c3d4");
        assert_eq!(name, "Northshire EDI – Priya – a1b2c3d4.inclusion.json");
        assert_eq!(
            name,
            replica_file_name("Northshire EDI", "Priya", "a1b2c3d4"),
            "stable"
        );
        let back = read_name(&name).unwrap();
        assert_eq!(back.assessment, "Northshire EDI");
        assert_eq!(back.person, "Priya");
        assert_eq!(back.id, "a1b2c3d4");
        assert!(!back.conflict_copy);
    }

    #[test]
    fn names_are_safe_on_every_file_system() {
        let name = replica_file_name(
            " Ward 7 / “pilot”: A&E <test>? ",
            "Sam – the chair*",
            "x-1!",
        );
        assert_eq!(
            name,
            "Ward 7 “pilot” A&E test – Sam - the chair – x1.inclusion.json"
        );
        assert!(!name.contains(['\\', '/', ':', '*', '?', '"', '<', '>', '|']));
        assert_eq!(
            replica_file_name("...", "  ", ""),
            "Assessment – Someone – 0.inclusion.json"
        );
        let long = replica_file_name(&"a".repeat(300), &"b".repeat(300), &"c".repeat(300));
        assert!(long.chars().count() < 180, "{long}");
        let dashed = replica_file_name("Trust – 2027", "Sam – chair", "abc");
        assert_eq!(read_name(&dashed).unwrap().person, "Sam - chair");
        assert_eq!(read_name(&dashed).unwrap().assessment, "Trust – 2027");
    }

    #[test]
    fn sync_clients_copies_of_a_conflicted_file_are_read_as_replicas() {
        for copy in [
            "Team – Priya – a1b2-DESKTOP-123.inclusion.json",
            "Team – Priya – a1b2 (1).inclusion.json",
            "Team – Priya – a1b2.inclusion-DESKTOP-123.json",
            "Team – Priya – a1b2.inclusion (Sam's conflicted copy 2026-12-03).json",
        ] {
            let n = read_name(copy).unwrap_or_else(|| panic!("{copy}"));
            assert_eq!(
                (n.person.as_str(), n.id.as_str()),
                ("Priya", "a1b2"),
                "{copy}"
            );
            assert!(n.conflict_copy, "{copy}");
        }
        assert_eq!(
            read_name("northshire-lgbtq-inclusion-2027-01-15.json"),
            None
        );
        assert_eq!(read_name("Team – Priya – a1b2.inclusion.txt"), None);
    }

    #[test]
    fn the_person_is_asked_once_and_each_assessment_keeps_its_id() {
        let mut s = ReplicaSettings::read(None).unwrap();
        let (first, changed) = s.id_for("a1", || "r-1".into());
        assert_eq!((first.as_str(), changed), ("r1", true));
        let (again, changed) = s.id_for("a1", || "other".into());
        assert_eq!((again.as_str(), changed), ("r1", false));
        s.person = check_person("  Priya   Shah ").unwrap();
        assert_eq!(s.person, "Priya Shah");
        let back = ReplicaSettings::read(Some(&s.to_text())).unwrap();
        assert_eq!(back, s);
        assert!(ReplicaSettings::read(Some("{nope")).is_err());
        assert!(check_person("   ").is_err());
        assert!(check_person(&"x".repeat(61)).is_err());
    }

    #[test]
    fn files_are_sorted_by_name_and_size_before_reading() {
        assert_eq!(look("a.inclusion.json", 10), Look::Read);
        assert_eq!(look("A.INCLUSION.JSON", 10), Look::Read);
        assert_eq!(look("a.inclusion.json", 0), Look::Skip(Skip::Partial));
        assert_eq!(
            look("a.inclusion.json.crdownload", 10),
            Look::Skip(Skip::Partial)
        );
        assert_eq!(
            look("Unconfirmed 123456.crdownload", 10),
            Look::Skip(Skip::Partial)
        );
        assert_eq!(look("a.inclusion.json.part", 10), Look::Skip(Skip::Partial));
        assert_eq!(look("a.inclusion.json.tmp", 10), Look::Skip(Skip::Partial));
        assert_eq!(look("~$a.inclusion.json", 10), Look::Skip(Skip::Partial));
        assert_eq!(look("minutes.docx", 10), Look::Ignore);
        assert_eq!(look("~$minutes.docx", 10), Look::Ignore);
        assert_eq!(look("~WRL0001.tmp", 10), Look::Ignore);
        assert!(matches!(
            look("a.json", crate::model::MAX_FILE_BYTES + 1),
            Look::Skip(Skip::Damaged(_))
        ));
    }

    #[test]
    fn a_listing_yields_exactly_the_good_replicas_and_names_the_rest() {
        let fw = framework();
        let mut a = Assessment::new("a1", "Team", &at(1));
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(2));
        let good = export(std::slice::from_ref(&a), "0.1.0", 3);
        let newer = good.replace("\"version\": 3", "\"version\": 9");
        let mut grown = file("Team – Sam – s1.inclusion.json", &good);
        grown.size += 10;
        let listing = classify(
            vec![
                file("Team – Priya – p1.inclusion.json", &good),
                file("Team – Priya – p1-DESKTOP-123.inclusion.json", &good),
                file("Team – Sam – s1.inclusion.json.crdownload", ""),
                file("Team – Jo – j1.inclusion.json", &good[..good.len() / 2]),
                file("Team – Kim – k1.inclusion.json", &newer),
                file("notes.json", "{\"hello\": 1}"),
                file("empty.inclusion.json", ""),
                grown,
                file("minutes.docx", "PK..."),
            ],
            fw,
        );
        let good_names: Vec<&str> = listing.good.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(
            good_names,
            [
                "Team – Priya – p1.inclusion.json",
                "Team – Priya – p1-DESKTOP-123.inclusion.json"
            ]
        );
        assert!(listing.good[1].name.as_ref().unwrap().conflict_copy);
        let rest: Vec<(&str, &Skip)> = listing
            .skipped
            .iter()
            .map(|s| (s.file.as_str(), &s.why))
            .collect();
        assert_eq!(
            rest,
            [
                ("Team – Sam – s1.inclusion.json.crdownload", &Skip::Partial),
                ("Team – Jo – j1.inclusion.json", &Skip::Partial),
                (
                    "Team – Kim – k1.inclusion.json",
                    &Skip::Newer { version: 9 }
                ),
                (
                    "notes.json",
                    &Skip::Damaged(ImportError::NotOurs.to_string())
                ),
                ("empty.inclusion.json", &Skip::Partial),
                ("Team – Sam – s1.inclusion.json", &Skip::Partial),
            ]
        );
        assert_eq!(
            Skip::Damaged(ImportError::NotOurs.to_string()).to_string(),
            "it is damaged or not a file from this app (the file is JSON but not one exported from this app)"
        );
    }

    #[test]
    fn replicas_merge_into_the_open_assessment_and_another_is_reported() {
        let fw = framework();
        let mut ours = Assessment::new("a1", "Our label", &at(1));
        let base = ours.clone();
        let mut priya = base.clone();
        priya.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(2));
        let mut sam = base.clone();
        sam.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &at(3));
        sam.apply(Edit::Note("2.1".into(), "Survey".into()), &at(3));
        sam.apply(Edit::Name("Sam's label".into()), &at(3));
        let other = Assessment::new("zz", "Another trust", &at(4));
        let as_file =
            |name: &str, a: &Assessment| file(name, &export(std::slice::from_ref(a), "0.1.0", 5));
        let listing = classify(
            vec![
                as_file("Our label – Priya – p1.inclusion.json", &priya),
                as_file("Our label – Sam – s1.inclusion.json", &sam),
                as_file("Our label – Sam – s1 (1).inclusion.json", &base),
                as_file("Another – Kim – k1.inclusion.json", &other),
            ],
            fw,
        );
        assert_eq!(listing.good.len(), 4);
        let done = merge_replicas(&mut ours, &listing.good);
        assert_eq!(
            done.merged,
            [("Priya".to_string(), 2), ("Sam".to_string(), 3)],
            "each person once, with their copies' last change"
        );
        assert_eq!(
            done.skipped,
            [Skipped {
                file: "Another – Kim – k1.inclusion.json".into(),
                why: Skip::OtherAssessment("Another trust".into())
            }]
        );
        assert_eq!(done.two_versions, 1, "both rated 1.1");
        assert!(ours.answer("1.1").rating.is_conflicted());
        assert_eq!(ours.answer("2.1").note.value, "Survey");
        assert_eq!(ours.name.value, "Our label", "our label stays ours");
        assert_eq!(done.changes.len(), 2);
        assert_eq!(
            merge_message(&done),
            "Merged the files of Priya and Sam: 2 answers changed. 1 answer now holds two versions: choose which to keep where it is shown."
        );
        // Merging the same files again changes nothing.
        let again = merge_replicas(&mut ours, &listing.good);
        assert!(again.changes.is_empty());
        assert_eq!(
            merge_message(&again),
            "Merged the files of Priya and Sam. Nothing changed: everything in them was already here. 1 answer now holds two versions: choose which to keep where it is shown."
        );
        // Ours still writes as its own writer: an edit settles the two.
        ours.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(9));
        assert!(!ours.answer("1.1").rating.is_conflicted());
    }
}
