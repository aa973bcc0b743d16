//! Importing, decided here so the share page only asks and shows: what a
//! file or spreadsheet offers for the open assessment (and which choice is
//! the default), how a spreadsheet becomes an assessment for each choice,
//! whether a merge can finish or must ask, what the person is told after
//! an import and after undoing it, and what an export holds.

use super::assessment::Assessment;
use super::clock::Stamp;
use super::exchange::{export, file_stem, ExportFile};
use super::field::{Field, FieldValue};
use super::merge::{merge_mode, nothing_new, questions, Conflict, ImportKind, ImportRecord};
use super::merge::{MergeMode, Undone};
use super::sheet::SheetImport;
use super::workspace::Workspace;

/// What is being imported: exported JSON files, or one spreadsheet.
#[derive(Clone)]
pub enum Source {
    Json(Vec<(String, ExportFile)>),
    Sheet(String, Box<SheetImport>),
}

/// What the person can do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open it as a new assessment (always, for several).
    New,
    /// Replace the open assessment with it.
    Replace,
    /// Merge it into the open assessment: questions only where both sides
    /// changed an answer (or every difference, for another assessment).
    Merge,
    /// Merge, going through every answer that differs.
    MergeAll,
}

/// What the preview says about a file, for the open assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// One assessment: new, replace and merge are offered; several only
    /// open as new.
    pub single: bool,
    pub count: usize,
    /// A spreadsheet the app wrote from the open assessment.
    pub made_from: bool,
    /// A single JSON assessment with no history in common with ours.
    pub different: bool,
    /// A single JSON assessment whose every edit ours has seen (say, after
    /// undoing its import): a merge would change nothing.
    pub seen_all: bool,
    /// The file's assessment's name (single JSON only).
    pub file_name: String,
    pub default: Action,
}

impl Source {
    pub fn offer(&self, current: &Assessment) -> Offer {
        let (single, count) = match self {
            Source::Json(files) => {
                let count = files.iter().map(|(_, f)| f.assessments.len()).sum();
                (files.len() == 1 && count == 1, count)
            }
            Source::Sheet(..) => (true, 1),
        };
        let made_from = matches!(self, Source::Sheet(_, sheet) if sheet.made_from(current));
        let theirs = match self {
            Source::Json(files) if single => files[0].1.assessments.first(),
            _ => None,
        };
        Offer {
            single,
            count,
            made_from,
            different: theirs.is_some_and(|t| merge_mode(current, t) == MergeMode::EveryDifference),
            seen_all: theirs.is_some_and(|t| nothing_new(current, t)),
            file_name: theirs.map(|t| t.name.value.clone()).unwrap_or_default(),
            // A spreadsheet made from the open assessment is most likely
            // coming back with colleagues' edits.
            default: if made_from {
                Action::Merge
            } else {
                Action::New
            },
        }
    }

    /// What the files hold, as assessments, for a choice. A spreadsheet is
    /// read as a new copy each time, so a writer of its own (a fork).
    pub fn assessments(
        &self,
        action: Action,
        current: &Assessment,
        new_id: &str,
        stamp: &Stamp,
    ) -> Vec<Assessment> {
        match self {
            Source::Json(files) => files
                .iter()
                .flat_map(|(_, f)| f.assessments.clone())
                .collect(),
            Source::Sheet(name, sheet) => vec![match action {
                Action::New => sheet.as_new(new_id, &format!("From {name}"), stamp),
                Action::Replace => sheet.over(current, stamp),
                Action::Merge | Action::MergeAll => sheet.as_colleague(current, stamp),
            }],
        }
    }
}

/// What an import came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Done: what to undo it with, and what to tell the person.
    Done(ImportRecord, String),
    /// A merge that needs the person's choices first; nothing changed yet.
    Ask {
        theirs: Box<Assessment>,
        conflicts: Vec<Conflict>,
        mode: MergeMode,
    },
}

/// Carries out `action` (several assessments always open as new). `today`
/// names an imported copy whose name is taken ("… (from file, today)").
pub fn import(
    w: &mut Workspace,
    source: &Source,
    action: Action,
    today: &str,
    stamp: &Stamp,
    mut new_id: impl FnMut() -> String,
) -> Outcome {
    let action = if source.offer(w.current()).single {
        action
    } else {
        Action::New
    };
    let incoming = source.assessments(action, w.current(), &new_id(), stamp);
    let open_name = w.current().name.value.clone();
    match action {
        Action::New => {
            let done = w.import_new(&incoming, today, stamp, new_id);
            let message = match done.assessments.as_slice() {
                [one] => format!(
                    "‘{}’ was opened as a new assessment",
                    w.get(one)
                        .map(|a| a.name.value.as_str())
                        .unwrap_or_default()
                ),
                _ => format!("{} assessments were added", incoming.len()),
            };
            Outcome::Done(done, message)
        }
        Action::Replace => {
            let theirs = &incoming[0];
            let done = w.replace_current(theirs, stamp, new_id);
            let message = format!(
                "‘{open_name}’ was replaced by the file’s ‘{}’",
                theirs.name.value
            );
            Outcome::Done(done, message)
        }
        Action::Merge | Action::MergeAll => {
            let theirs = incoming.into_iter().next().expect("one assessment");
            // Another assessment's file, or "go through every difference":
            // every answer that differs is a question.
            let mode = match action {
                Action::MergeAll => MergeMode::EveryDifference,
                _ => merge_mode(w.current(), &theirs),
            };
            let conflicts = questions(w.current(), &theirs, mode);
            if conflicts.is_empty() {
                let done = finish_merge(w, &theirs, mode, &[], stamp)
                    .expect("no questions, none unanswered");
                return Outcome::Done(done.0, done.1);
            }
            Outcome::Ask {
                theirs: Box::new(theirs),
                conflicts,
                mode,
            }
        }
    }
}

/// Merges with the person's choices; the questions still unanswered, and
/// nothing changed, when any are.
pub fn finish_merge(
    w: &mut Workspace,
    theirs: &Assessment,
    mode: MergeMode,
    choices: &[(Field, FieldValue)],
    stamp: &Stamp,
) -> Result<(ImportRecord, String), Vec<Field>> {
    let done = w.merge_current(theirs, mode, choices, stamp)?;
    let message = format!(
        "The file’s ‘{}’ was merged into ‘{}’",
        theirs.name.value,
        w.current().name.value
    );
    Ok((done, message))
}

/// What the person is told after undoing an import.
pub fn undo_message(record: &ImportRecord, result: &Undone) -> String {
    let kept = match result.kept {
        0 => String::new(),
        1 => " One answer changed again since the import was left as it is now.".into(),
        n => format!(" {n} answers changed again since the import were left as they are now."),
    };
    let again = if record.kind == ImportKind::New {
        ""
    } else {
        " To choose differently, import the same file again: this browser now knows its changes were undone, so it offers “Go through every answer that differs”."
    };
    format!("The import was undone.{kept}{again}")
}

/// One export: its file name (without `.json`), its text, and the ids to
/// mark exported once it is saved or shared.
pub struct Exported {
    pub stem: String,
    pub text: String,
    pub ids: Vec<String>,
}

/// The open assessment, or every one, as the app's file.
pub fn export_file(w: &Workspace, all: bool, today: &str, app_version: &str, now: i64) -> Exported {
    let list: Vec<Assessment> = if all {
        w.assessments.clone()
    } else {
        vec![w.current().clone()]
    };
    Exported {
        stem: file_stem(&list, today),
        text: export(&list, app_version, now),
        ids: list.iter().map(|a| a.id.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{parse_import, Edit, Rating};

    fn file_of(a: &Assessment) -> Source {
        let text = export(std::slice::from_ref(a), "test", 1);
        Source::Json(vec![(
            "f.json".into(),
            parse_import(text.as_bytes(), framework()).unwrap(),
        )])
    }

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("new-{n}")
        }
    }

    #[test]
    fn a_file_of_the_open_assessment_merges_and_asks_only_where_both_changed() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("ours", &s);
        w.current_mut()
            .apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
        let mut colleague = w.current().merged(w.current());
        colleague.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
        colleague.apply(Edit::Rating("2.1".into(), Rating::InPlace), &s);
        let source = file_of(&colleague);
        let offer = source.offer(w.current());
        assert!(offer.single && !offer.different && !offer.seen_all);
        assert_eq!(
            offer.default,
            Action::New,
            "a JSON file opens as new unless the person chooses"
        );
        // Only they changed 1.1 since the copy: no question.
        let Outcome::Done(record, message) =
            import(&mut w, &source, Action::Merge, "today", &s, ids())
        else {
            panic!("nothing to ask")
        };
        assert_eq!(message, "The file’s ‘My organisation’s assessment’ was merged into ‘My organisation’s assessment’");
        assert_eq!(w.current().rating("1.1"), Rating::InPlace);
        assert_eq!(w.current().rating("2.1"), Rating::InPlace);
        assert_ne!(record.kind, ImportKind::New);
        // Both change 1.1 now: the next merge asks, and changes nothing yet.
        w.current_mut()
            .apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), &s);
        colleague.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
        let before = w.clone();
        let Outcome::Ask {
            conflicts,
            mode,
            theirs,
        } = import(
            &mut w,
            &file_of(&colleague),
            Action::Merge,
            "today",
            &s,
            ids(),
        )
        else {
            panic!("asks")
        };
        assert_eq!(mode, MergeMode::Causal);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(w, before);
        assert_eq!(
            finish_merge(&mut w, &theirs, mode, &[], &s)
                .unwrap_err()
                .len(),
            1,
            "unanswered"
        );
        let choice = (
            Field::Rating("1.1".into()),
            FieldValue::Rating(Rating::NotInPlace),
        );
        finish_merge(&mut w, &theirs, mode, &[choice], &s).unwrap();
        assert_eq!(w.current().rating("1.1"), Rating::NotInPlace);
    }

    #[test]
    fn another_assessment_is_said_to_be_different_and_several_always_open_as_new() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("ours", &s);
        let mut other = Assessment::new("theirs", "Moor Care 2027", &s);
        other.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
        let offer = file_of(&other).offer(w.current());
        assert!(offer.different);
        assert_eq!(offer.file_name, "Moor Care 2027");
        let two = Source::Json(vec![
            (
                "a.json".into(),
                match file_of(&other) {
                    Source::Json(mut f) => f.remove(0).1,
                    _ => unreachable!(),
                },
            ),
            (
                "b.json".into(),
                match file_of(w.current()) {
                    Source::Json(mut f) => f.remove(0).1,
                    _ => unreachable!(),
                },
            ),
        ]);
        assert!(!two.offer(w.current()).single);
        let Outcome::Done(record, message) =
            import(&mut w, &two, Action::Replace, "today", &s, ids())
        else {
            panic!("done")
        };
        assert_eq!(
            record.kind,
            ImportKind::New,
            "several: new, whatever was asked"
        );
        assert_eq!(message, "2 assessments were added");
        assert_eq!(w.assessments.len(), 3);
    }

    #[test]
    fn undoing_says_how_to_choose_again_and_an_export_names_what_it_holds() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("ours", &s);
        w.current_mut()
            .apply(Edit::Organisation("Northshire NHS Trust".into()), &s);
        let copy = w.current().merged(w.current());
        let Outcome::Done(record, _) =
            import(&mut w, &file_of(&copy), Action::Replace, "today", &s, ids())
        else {
            panic!("done")
        };
        let result = w.undo_import(&record, &s, ids());
        assert!(undo_message(&record, &result).contains("import the same file again"));
        let out = export_file(&w, false, "2027-01-15", "test", 1);
        assert_eq!(out.stem, "northshire-nhs-trust-lgbtq-inclusion-2027-01-15");
        assert_eq!(out.ids, [w.current().id.clone()]);
        assert!(parse_import(out.text.as_bytes(), framework()).is_ok());
    }
}
