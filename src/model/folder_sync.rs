//! Keeping a connected folder in step: which of its files to read this
//! time, what each came to, what the person is told about the folder, and
//! what a failure means in words. The shell (`src/folder.rs` for the
//! browser's folder and IndexedDB, `src/sync.rs` for when) asks and does;
//! every decision is here, natively tested.
//!
//! A file is read again only when its size or modification time changed:
//! merging is idempotent, so a file already merged has nothing new, and a
//! folder of many copies costs one listing a minute.

use super::clock::Timestamp;
use super::replicas::{look, read_name, FolderMerge, Listing, Look, Skip, Skipped};
use std::collections::BTreeMap;

/// How long after the last change this browser's copy is written.
pub const WRITE_DELAY_MS: u32 = 3_000;
/// How often the folder is read while the page is visible.
pub const CHECK_EVERY_MS: u32 = 60_000;

/// A file as the folder lists it (contents not read yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub size: u64,
    /// Milliseconds, as the file system reports it.
    pub modified: u64,
}

/// What a file came to when it was last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Came {
    /// A colleague's copy, merged: whose, and its last change.
    Person(String, Timestamp),
    /// Left alone, with why (read again once it changes).
    Skipped(Skip),
}

/// What this page load has read from the folder, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    files: BTreeMap<String, (u64, u64, Came)>,
}

/// Whether a file is this browser's own copy (its replica id, not a sync
/// client's conflict copy of it): never read back, never listed as a
/// colleague.
pub fn is_own(name: &str, own_id: &str) -> bool {
    read_name(name).is_some_and(|n| n.id == own_id && !n.conflict_copy)
}

impl Seen {
    /// The files to read now: this app's files that are new, or whose size
    /// or modification time changed, other than our own. Files `look`
    /// names without reading (still downloading, say) are recorded by
    /// `record_unread` instead.
    pub fn to_read<'a>(&self, listed: &'a [Listed], own_id: &str) -> Vec<&'a Listed> {
        listed
            .iter()
            .filter(|f| !is_own(&f.name, own_id))
            .filter(|f| look(&f.name, f.size) == Look::Read)
            .filter(|f| {
                self.files
                    .get(&f.name)
                    .is_none_or(|(size, modified, _)| (*size, *modified) != (f.size, f.modified))
            })
            .collect()
    }

    /// Records one check of the folder: files gone from it are forgotten;
    /// files named by their name alone are skipped with why; files read
    /// are recorded with what `classify` and the merge made of them.
    /// Files neither read nor changed keep what they came to before.
    pub fn record(
        &mut self,
        listed: &[Listed],
        own_id: &str,
        listing: &Listing,
        done: &FolderMerge,
    ) {
        self.files
            .retain(|name, _| listed.iter().any(|f| &f.name == name));
        let find = |name: &str| listed.iter().find(|f| f.name == name);
        let mut put = |name: &str, came: Came| {
            if let Some(f) = find(name) {
                self.files
                    .insert(name.to_string(), (f.size, f.modified, came));
            }
        };
        for f in listed.iter().filter(|f| !is_own(&f.name, own_id)) {
            if let Look::Skip(why) = look(&f.name, f.size) {
                put(&f.name, Came::Skipped(why));
            }
        }
        for s in listing.skipped.iter().chain(&done.skipped) {
            put(&s.file, Came::Skipped(s.why.clone()));
        }
        for (file, whose, last) in &done.by_file {
            put(file, Came::Person(whose.clone(), *last));
        }
    }

    /// The colleagues whose copies are in step with ours, each once with
    /// their latest change, most recent first.
    pub fn people(&self) -> Vec<(String, Timestamp)> {
        let mut people: Vec<(String, Timestamp)> = Vec::new();
        for (_, _, came) in self.files.values() {
            if let Came::Person(who, at) = came {
                match people.iter_mut().find(|(w, _)| w == who) {
                    Some((_, t)) => *t = (*t).max(*at),
                    None => people.push((who.clone(), *at)),
                }
            }
        }
        super::order::sort_by(&mut people, |a, b| {
            b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        });
        people
    }

    /// The files left alone last time, by name, with why.
    pub fn skipped(&self) -> Vec<Skipped> {
        self.files
            .iter()
            .filter_map(|(name, (_, _, came))| match came {
                Came::Skipped(why) => Some(Skipped {
                    file: name.clone(),
                    why: why.clone(),
                }),
                Came::Person(..) => None,
            })
            .collect()
    }
}

/// Why the folder could not be used just now, from the browser's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderProblem {
    /// The browser needs the person's permission again (after a reload,
    /// or access was withdrawn): a click on "Reconnect" asks for it.
    NeedsPermission,
    /// The folder is not where it was: moved, renamed, deleted, or the
    /// sync client or network drive is not there.
    Gone,
    /// The organisation's browser policy does not allow folder access.
    Blocked,
    /// Choosing a folder was refused: by the person, or by policy.
    Refused,
    /// It could not be read or written just now (offline, in use).
    Unreachable(String),
    /// The part of the app that reads and writes folders could not be
    /// fetched (offline before it was cached, a failed request).
    NotLoaded,
}

impl FolderProblem {
    /// From a `DOMException`'s name and message.
    pub fn of(name: &str, message: &str) -> Self {
        match name {
            "NotAllowedError" => FolderProblem::NeedsPermission,
            "NotFoundError" => FolderProblem::Gone,
            "SecurityError" => FolderProblem::Blocked,
            _ => FolderProblem::Unreachable(if message.is_empty() {
                name.to_string()
            } else {
                message.to_string()
            }),
        }
    }

    /// What the person is told, naming the folder. Every message says the
    /// work is kept in this browser.
    pub fn message(&self, folder: &str) -> String {
        let kept = "Your work is kept in this browser meanwhile.";
        match self {
            FolderProblem::NeedsPermission => format!("This browser needs your permission again to use the folder ‘{folder}’. Select ‘Reconnect the shared folder’. {kept}"),
            FolderProblem::Gone => format!("The folder ‘{folder}’ cannot be found. It may have been moved, renamed or deleted, or the sync app (such as OneDrive) or network drive is not running. {kept} Check the folder is there, then select ‘Check the folder now’, or choose the folder again."),
            FolderProblem::Blocked => format!("Your organisation’s browser settings do not let this site use folders on this computer, so {} cannot be used. Your IT team can allow it for this site (the File System Access setting in Microsoft Edge or Google Chrome). {kept} Meanwhile you can work through the folder by hand, below.", if folder.is_empty() { "a folder".to_string() } else { format!("‘{folder}’") }),
            FolderProblem::Refused => format!("This browser did not let the app use the folder. If you chose not to allow it, choose the folder again and allow it. If that is not offered, your organisation’s browser settings may block it: your IT team can allow it for this site (the File System Access setting in Microsoft Edge or Google Chrome). {kept}"),
            FolderProblem::Unreachable(why) => format!("The folder ‘{folder}’ could not be read or written just now ({why}). It may be offline, or in use. The app tries again every minute. {kept}"),
            FolderProblem::NotLoaded => format!("The folder ‘{folder}’ cannot be kept in step just now, because part of the app could not be loaded. Check your connection: the app tries again every minute, or reload the page. {kept}"),
        }
    }
}

/// "3 minutes ago", "yesterday": how long ago a change was, in words.
pub fn ago(now: Timestamp, at: Timestamp) -> String {
    let minutes = (now - at).max(0) / 60_000;
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match minutes {
        0 => "just now".into(),
        1..=59 => plural(minutes, "minute"),
        60..=1439 => plural(minutes / 60, "hour"),
        1440..=2879 => "yesterday".into(),
        _ => plural(minutes / 1440, "day"),
    }
}

/// The line on the task list and share page for a folder in step:
/// "Shared folder: Northshire EDI (Teams). In step with Priya (3 minutes
/// ago), Sam (yesterday)."
pub fn in_step_line(folder: &str, people: &[(String, Timestamp)], now: Timestamp) -> String {
    let with = if people.is_empty() {
        "No colleague’s copy is in it yet: yours is.".to_string()
    } else {
        let list: Vec<String> = people
            .iter()
            .map(|(who, at)| format!("{who} ({})", ago(now, *at)))
            .collect();
        format!("In step with {}.", list.join(", "))
    };
    format!("Shared folder: {folder}. {with}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::replicas::{replica_file_name, Replica};

    fn listed(name: &str, size: u64, modified: u64) -> Listed {
        Listed {
            name: name.into(),
            size,
            modified,
        }
    }

    #[test]
    fn reads_only_new_or_changed_files_of_ours_and_never_our_own() {
        let mine = replica_file_name("Northshire", "Priya", "abc");
        let sams = replica_file_name("Northshire", "Sam", "def");
        let folder = vec![
            listed(&mine, 10, 1),
            listed(&sams, 10, 1),
            listed("minutes.docx", 10, 1),
            listed("Northshire.inclusion.json.crdownload", 10, 1),
        ];
        let mut seen = Seen::default();
        let names = |v: Vec<&Listed>| v.into_iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(seen.to_read(&folder, "abc")), vec![sams.clone()]);
        let done = FolderMerge {
            by_file: vec![(sams.clone(), "Sam".into(), 500)],
            ..FolderMerge::default()
        };
        seen.record(&folder, "abc", &Listing::default(), &done);
        assert!(seen.to_read(&folder, "abc").is_empty(), "nothing changed");
        assert_eq!(seen.people(), vec![("Sam".to_string(), 500)]);
        assert_eq!(
            seen.skipped(),
            vec![Skipped {
                file: "Northshire.inclusion.json.crdownload".into(),
                why: Skip::Partial
            }]
        );
        // Sam saved again: a new modification time, same size.
        let later = vec![listed(&mine, 10, 1), listed(&sams, 10, 2)];
        assert_eq!(names(seen.to_read(&later, "abc")), vec![sams.clone()]);
        // The download finished and was renamed: the partial one is gone.
        seen.record(&later, "abc", &Listing::default(), &FolderMerge::default());
        assert!(seen.skipped().is_empty());
        assert_eq!(
            seen.people(),
            vec![("Sam".to_string(), 500)],
            "kept while unchanged"
        );
    }

    #[test]
    fn a_conflict_copy_of_our_own_file_is_read() {
        let conflict =
            replica_file_name("N", "Priya", "abc").replace(".inclusion", "-DESKTOP-1.inclusion");
        assert!(!is_own(&conflict, "abc"));
        assert!(is_own(&replica_file_name("N", "Priya", "abc"), "abc"));
        let folder = vec![listed(&conflict, 5, 1)];
        assert_eq!(Seen::default().to_read(&folder, "abc").len(), 1);
    }

    #[test]
    fn a_skipped_file_is_read_again_once_it_changes() {
        let jo = replica_file_name("N", "Jo", "j1");
        let first = vec![listed(&jo, 100, 1)];
        let listing = Listing {
            good: Vec::<Replica>::new(),
            skipped: vec![Skipped {
                file: jo.clone(),
                why: Skip::Partial,
            }],
        };
        let mut seen = Seen::default();
        seen.record(&first, "me", &listing, &FolderMerge::default());
        assert!(seen.to_read(&first, "me").is_empty());
        assert_eq!(seen.skipped().len(), 1);
        let complete = vec![listed(&jo, 250, 2)];
        assert_eq!(seen.to_read(&complete, "me").len(), 1);
    }

    #[test]
    fn people_are_listed_once_with_their_latest_change_newest_first() {
        let mut seen = Seen::default();
        let files = vec![listed("a", 1, 1), listed("b", 1, 1), listed("c", 1, 1)];
        let done = FolderMerge {
            by_file: vec![
                ("a".into(), "Sam".into(), 100),
                ("b".into(), "Priya".into(), 300),
                ("c".into(), "Sam".into(), 200),
            ],
            ..FolderMerge::default()
        };
        seen.record(&files, "me", &Listing::default(), &done);
        assert_eq!(
            seen.people(),
            vec![("Priya".to_string(), 300), ("Sam".to_string(), 200)]
        );
    }

    #[test]
    fn every_failure_is_said_in_words_and_keeps_the_work() {
        let cases = [
            (
                "NotAllowedError",
                FolderProblem::NeedsPermission,
                "Reconnect the shared folder",
            ),
            ("NotFoundError", FolderProblem::Gone, "cannot be found"),
            (
                "SecurityError",
                FolderProblem::Blocked,
                "Your IT team can allow it for this site",
            ),
        ];
        for (name, problem, words) in cases {
            assert_eq!(FolderProblem::of(name, ""), problem);
            let message = problem.message("Northshire EDI");
            assert!(message.contains(words), "{message}");
            assert!(message.contains("Northshire EDI"));
            assert!(message.contains("kept in this browser"));
        }
        let not_loaded = FolderProblem::NotLoaded.message("Northshire EDI");
        assert!(not_loaded.contains("could not be loaded") && not_loaded.contains("tries again"));
        assert!(
            not_loaded.contains("‘Northshire EDI’") && not_loaded.contains("kept in this browser")
        );
        let refused = FolderProblem::Refused.message("");
        assert!(refused.contains("choose the folder again") && refused.contains("IT team"));
        let busy = FolderProblem::of("NoModificationAllowedError", "The file is in use");
        assert_eq!(
            busy,
            FolderProblem::Unreachable("The file is in use".into())
        );
        assert!(busy.message("X").contains("tries again every minute"));
    }

    #[test]
    fn how_long_ago_in_words() {
        let m = 60_000;
        assert_eq!(ago(10 * m, 10 * m), "just now");
        assert_eq!(ago(10 * m, 9 * m), "1 minute ago");
        assert_eq!(ago(10 * m, 7 * m), "3 minutes ago");
        assert_eq!(ago(200 * m, 0), "3 hours ago");
        assert_eq!(ago(30 * 60 * m, 0), "yesterday");
        assert_eq!(ago(5 * 1440 * m, 0), "5 days ago");
        assert_eq!(
            ago(0, 5 * m),
            "just now",
            "a colleague's clock ahead of ours"
        );
    }

    #[test]
    fn the_line_names_the_folder_and_each_colleague() {
        let m = 60_000;
        let people = vec![("Priya".to_string(), 97 * m), ("Sam".to_string(), 0)];
        assert_eq!(
            in_step_line("Northshire EDI (Teams)", &people, 100 * m + 1440 * m),
            "Shared folder: Northshire EDI (Teams). In step with Priya (yesterday), Sam (yesterday)."
        );
        assert_eq!(
            in_step_line("Northshire EDI (Teams)", &people[..1], 100 * m),
            "Shared folder: Northshire EDI (Teams). In step with Priya (3 minutes ago)."
        );
        assert!(in_step_line("F", &[], 0).contains("No colleague’s copy is in it yet"));
    }
}
