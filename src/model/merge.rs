//! Importing a colleague's file into the open assessment, as operations on
//! the workspace: open as new, replace, merge (with conflicts to settle),
//! and undo. Each is a step forward made of new edits, never a restore of
//! an old copy, so it holds in every tab and after every later merge.

use super::assessment::Assessment;
use super::clock::{Dot, Timestamp};
use super::field::{Field, FieldValue};
use super::rounds::Round;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    New,
    Replace,
    Merge,
}

/// One field an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub before: FieldValue,
    pub after: FieldValue,
}

/// What an import did, to show it and to undo exactly that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub kind: ImportKind,
    /// The assessments added (new) or the one changed.
    pub assessments: Vec<String>,
    pub changes: Vec<Change>,
    pub rounds_added: Vec<String>,
    pub rounds_removed: Vec<Round>,
}

/// One version offered in a question: its value (each value once), when
/// it was last written, and which copies hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: FieldValue,
    pub at: Option<Timestamp>,
    pub ours: bool,
    pub theirs: bool,
}

/// A field whose versions disagree after a merge: every live version is
/// offered, none chosen for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: Field,
    pub versions: Vec<Choice>,
}

/// How a file is merged into the open assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMode {
    /// Copies of one history: what only one side changed is taken, and only
    /// fields both changed are asked about.
    Causal,
    /// Another assessment, or a file to go through again: every answer
    /// that differs is a question (an answer only one side has is taken).
    EveryDifference,
}

/// What undoing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Undone {
    pub reverted: usize,
    /// Fields changed again since the import, which undo leaves alone.
    pub kept: usize,
}

pub(super) fn element_ids<'a>(list: impl IntoIterator<Item = &'a Assessment>) -> BTreeSet<String> {
    super::order::set_of(list.into_iter().flat_map(|a| a.answers.keys().cloned()))
}

/// Every field whose shown value differs between two copies.
pub fn changes(before: &Assessment, after: &Assessment) -> Vec<Change> {
    Field::all(element_ids([before, after]))
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (field.get(before), field.get(after));
            let values = |x: &Assessment| -> Vec<FieldValue> {
                field.values(x).into_iter().map(|v| v.value).collect()
            };
            (b != a || values(before) != values(after)).then_some(Change {
                field,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// Theirs, under our id, so the two merge as copies of one assessment.
pub(super) fn as_ours(theirs: &Assessment, ours: &Assessment) -> Assessment {
    let mut theirs = theirs.clone();
    theirs.id = ours.id.clone();
    theirs
}

/// How a file's assessment should be merged into ours: as a copy of the
/// same history, or (another assessment) asking about every difference.
pub fn merge_mode(ours: &Assessment, theirs: &Assessment) -> MergeMode {
    if ours.shares_history(theirs) {
        MergeMode::Causal
    } else {
        MergeMode::EveryDifference
    }
}

/// True when merging the file would change nothing because this copy has
/// seen every edit in it, though some answers differ (it was undone, or
/// changed since): only going through every difference can take them.
pub fn nothing_new(ours: &Assessment, theirs: &Assessment) -> bool {
    ours.shares_history(theirs)
        && theirs
            .seen()
            .entries()
            .all(|(w, n)| ours.seen().get(w) >= n)
        && !differences(ours, theirs).is_empty()
}

pub(super) fn choices_for(
    field: &Field,
    values: Vec<FieldValue>,
    ours: &Assessment,
    theirs: &Assessment,
) -> Vec<Choice> {
    let holds = |a: &Assessment, v: &FieldValue| field.values(a).iter().any(|x| &x.value == v);
    let when = |v: &FieldValue| {
        field
            .versions(ours)
            .into_iter()
            .chain(field.versions(theirs))
            .filter(|x| &x.value == v)
            .filter_map(|x| x.at)
            .max()
    };
    let mut out: Vec<Choice> = values
        .into_iter()
        .map(|value| Choice {
            at: when(&value),
            ours: holds(ours, &value),
            theirs: holds(theirs, &value),
            value,
        })
        .collect();
    // Ours first, then theirs: an order of sides, never of times or values.
    super::order::sort_by_key(&mut out, |c| !c.ours);
    out
}

/// The questions merging `theirs` into `ours` as copies of one history
/// raises: each field whose merge leaves two or more different live
/// versions, where the file brings a version we do not hold. A field only
/// one side changed is never asked about; a field that already held two
/// versions here and that the file left alone stays as it is, shown where
/// it lives.
pub fn conflicts(ours: &Assessment, theirs: &Assessment) -> Vec<Conflict> {
    let merged = ours.merged(&as_ours(theirs, ours));
    Field::all(element_ids([ours, theirs]))
        .into_iter()
        .filter(|field| *field != Field::Name)
        .filter_map(|field| {
            let live = field.values(&merged);
            if live.len() < 2 {
                return None;
            }
            let held: BTreeSet<Dot> =
                super::order::set_of(field.versions(ours).into_iter().map(|v| v.dot));
            let brings = field
                .versions(&merged)
                .iter()
                .any(|v| !held.contains(&v.dot));
            brings.then(|| Conflict {
                versions: choices_for(
                    &field,
                    live.into_iter().map(|v| v.value).collect(),
                    ours,
                    theirs,
                ),
                field,
            })
        })
        .collect()
}

/// The questions when every difference is asked about: each field where
/// both hold an answer and the answers differ.
pub fn differences(ours: &Assessment, theirs: &Assessment) -> Vec<Conflict> {
    Field::all(element_ids([ours, theirs]))
        .into_iter()
        .filter(|field| *field != Field::Name)
        .filter_map(|field| {
            let (mine, others) = (field.values(ours), field.values(theirs));
            if mine.is_empty() || others.is_empty() {
                return None;
            }
            let same = mine.len() == others.len()
                && mine
                    .iter()
                    .all(|m| others.iter().any(|o| o.value == m.value));
            if same {
                return None;
            }
            let mut values: Vec<FieldValue> = mine.into_iter().map(|v| v.value).collect();
            for o in others {
                if !values.contains(&o.value) {
                    values.push(o.value);
                }
            }
            Some(Conflict {
                versions: choices_for(&field, values, ours, theirs),
                field,
            })
        })
        .collect()
}

/// The questions for a merge in `mode`.
pub fn questions(ours: &Assessment, theirs: &Assessment, mode: MergeMode) -> Vec<Conflict> {
    match mode {
        MergeMode::Causal => conflicts(ours, theirs),
        MergeMode::EveryDifference => differences(ours, theirs),
    }
}

/// The questions that `choices` leave unanswered (or answer with a value
/// that was not offered): the merge must not go ahead until there are none.
pub fn unanswered(questions: &[Conflict], choices: &[(Field, FieldValue)]) -> Vec<Field> {
    questions
        .iter()
        .filter(|q| {
            !choices
                .iter()
                .any(|(f, v)| *f == q.field && q.versions.iter().any(|c| &c.value == v))
        })
        .map(|q| q.field.clone())
        .collect()
}

pub(super) fn record(kind: ImportKind, before: &Assessment, after: &Assessment) -> ImportRecord {
    let had: BTreeSet<&str> = super::order::set_of(before.rounds.iter().map(|r| r.id.as_str()));
    let has: BTreeSet<&str> = super::order::set_of(after.rounds.iter().map(|r| r.id.as_str()));
    ImportRecord {
        kind,
        assessments: vec![after.id.clone()],
        changes: changes(before, after),
        rounds_added: has.difference(&had).map(|id| id.to_string()).collect(),
        rounds_removed: before
            .rounds
            .iter()
            .filter(|r| !has.contains(r.id.as_str()))
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Progress, Rating, Stamp, Workspace};

    fn at(t: i64) -> Stamp {
        Stamp::at(t)
    }

    fn shared() -> Assessment {
        let s = at(1_000);
        let mut a = Assessment::new("a1", "Main site", &s);
        a.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
        a.apply(Edit::Rating("1.2".into(), Rating::NotInPlace), &s);
        a.apply(Edit::Note("1.1".into(), "Draft".into()), &s);
        a
    }

    fn text(t: &str) -> FieldValue {
        FieldValue::Text(t.into())
    }

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("new-{n}")
        }
    }

    /// Priya sends her file to the chair, who changes two ratings and a
    /// note; meanwhile Priya edits that note too.
    #[test]
    fn the_colleague_round_trip_asks_exactly_one_question_with_no_default() {
        let base = shared();
        let mut priya = Workspace::fresh("x", &at(0));
        priya.add(base.clone());
        let mut chair = base.clone();
        let c = at(1_000 - 86_400_000); // their clock is a day behind
        chair.apply(Edit::Name("Main site (from file, 3 June 2027)".into()), &c);
        chair.apply(Edit::Rating("1.1".into(), Rating::InPlace), &c);
        chair.apply(Edit::Rating("1.2".into(), Rating::WorkInProgress), &c);
        chair.apply(Edit::Note("1.1".into(), "Chair's note".into()), &c);
        priya.apply(Edit::Note("1.1".into(), "Priya's note".into()), &at(9_000));

        assert_eq!(merge_mode(priya.current(), &chair), MergeMode::Causal);
        let found = conflicts(priya.current(), &chair);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, Field::Note("1.1".into()));
        let offered: Vec<(FieldValue, bool, bool)> = found[0]
            .versions
            .iter()
            .map(|c| (c.value.clone(), c.ours, c.theirs))
            .collect();
        assert_eq!(
            offered,
            [
                (text("Priya's note"), true, false),
                (text("Chair's note"), false, true)
            ],
            "every live version, never the common original"
        );
        let not_yet = priya.merge_current(&chair, MergeMode::Causal, &[], &at(9_050));
        assert_eq!(not_yet, Err(vec![Field::Note("1.1".into())]), "no default");
        let unchanged = priya.clone();
        assert_eq!(priya.current(), unchanged.current(), "and nothing changed");

        let done = priya
            .merge_current(
                &chair,
                MergeMode::Causal,
                &[(found[0].field.clone(), text("Chair's note"))],
                &at(9_100),
            )
            .unwrap();
        let a = priya.current();
        assert_eq!(a.rating("1.1"), Rating::InPlace, "only they changed it");
        assert_eq!(a.rating("1.2"), Rating::WorkInProgress);
        assert_eq!(a.answer("1.1").note.value, "Chair's note");
        assert_eq!(done.changes.len(), 3, "{:?}", done.changes);
        assert_eq!(a.name.value, "Main site", "a merge leaves our name");
        assert!(
            conflicts(a, &chair).is_empty(),
            "merging again asks nothing"
        );
        let again = priya.clone();
        priya
            .merge_current(&chair, MergeMode::Causal, &[], &at(9_200))
            .unwrap();
        assert_eq!(priya.current(), again.current(), "and changes nothing");
    }

    #[test]
    fn two_versions_here_and_a_file_that_left_the_field_alone_ask_nothing() {
        let base = shared();
        let mut tab1 = Workspace::fresh("x", &at(0));
        tab1.add(base.clone());
        let mut tab2 = tab1.clone();
        tab1.apply(Edit::Note("1.1".into(), "Tab one".into()), &at(2_000));
        tab2.apply(Edit::Note("1.1".into(), "Tab two".into()), &at(2_000));
        tab1.merge_from(&tab2);
        assert_eq!(tab1.conflicted_fields(), 1, "both versions live here");
        let mut colleague = base.clone();
        colleague.apply(Edit::Rating("2.1".into(), Rating::InPlace), &at(3_000));
        assert!(conflicts(tab1.current(), &colleague).is_empty());
        let done = tab1
            .merge_current(&colleague, MergeMode::Causal, &[], &at(4_000))
            .unwrap();
        assert_eq!(done.changes.len(), 1);
        let note = Field::Note("1.1".into());
        assert_eq!(note.values(tab1.current()).len(), 2, "both versions kept");
        // A colleague who also changed it: every live version is offered.
        colleague.apply(Edit::Note("1.1".into(), "Theirs".into()), &at(5_000));
        let found = conflicts(tab1.current(), &colleague);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].versions.len(), 3, "{found:?}");
    }

    #[test]
    fn edits_on_different_fields_merge_without_a_question() {
        let base = shared();
        let mut ours = Workspace::fresh("x", &at(0));
        ours.add(base.clone());
        let mut theirs = base.clone();
        theirs.apply(Edit::Progress("2.1".into(), Progress::Moderate), &at(5));
        ours.apply(Edit::Owner("2.1".into(), "EDI lead".into()), &at(5));
        assert!(conflicts(ours.current(), &theirs).is_empty());
        ours.merge_current(&theirs, MergeMode::Causal, &[], &at(6))
            .unwrap();
        assert_eq!(
            ours.current().answer("2.1").progress.value,
            Progress::Moderate
        );
        assert_eq!(ours.current().answer("2.1").owner.value, "EDI lead");
    }

    /// Rate 1.1 Not in place with a note, export, delete all, start again,
    /// rate 1.1 In place with a new note, merge the backup: it is another
    /// history, so every answer that differs is a question.
    #[test]
    fn a_backup_merged_after_starting_again_asks_about_every_difference() {
        let mut before = Workspace::fresh("a", &at(1));
        before.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &at(2));
        before.apply(Edit::Note("1.1".into(), "Old note".into()), &at(3));
        before.apply(Edit::Rating("2.1".into(), Rating::InPlace), &at(3));
        let backup = before.current().clone();
        let mut after = before.cleared("b", &at(4));
        after.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(5));
        after.apply(Edit::Note("1.1".into(), "New note".into()), &at(6));
        let mode = merge_mode(after.current(), &backup);
        assert_eq!(mode, MergeMode::EveryDifference);
        let asked = questions(after.current(), &backup, mode);
        let fields: Vec<&Field> = asked.iter().map(|q| &q.field).collect();
        assert_eq!(
            fields,
            [&Field::Rating("1.1".into()), &Field::Note("1.1".into())]
        );
        let choices = [
            (
                Field::Rating("1.1".into()),
                FieldValue::Rating(Rating::InPlace),
            ),
            (Field::Note("1.1".into()), text("Old note")),
        ];
        after
            .merge_current(&backup, mode, &choices, &at(7))
            .unwrap();
        let a = after.current();
        assert_eq!(a.rating("1.1"), Rating::InPlace);
        assert_eq!(a.answer("1.1").note.value, "Old note");
        assert_eq!(a.rating("2.1"), Rating::InPlace, "only the backup had it");
        assert_eq!(a.conflicted_fields(), 0);
        // From now on the two share a history: merging again asks nothing.
        assert_eq!(merge_mode(a, &backup), MergeMode::Causal);
        assert!(conflicts(a, &backup).is_empty());
    }

    /// Duplicate, edit the copy twice and the original once, merge the
    /// copy's file into the original: a question, never a silent pick.
    #[test]
    fn a_duplicate_is_its_own_writer() {
        let mut w = Workspace::fresh("a", &at(1));
        w.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &at(2));
        w.duplicate("a", "b", &at(3));
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(4));
        w.apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), &at(5));
        w.switch("a");
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(6));
        let copy = w.get("b").unwrap().clone();
        assert_eq!(merge_mode(w.current(), &copy), MergeMode::Causal);
        let found = conflicts(w.current(), &copy);
        assert_eq!(found.len(), 1, "{found:?}");
        let values: Vec<FieldValue> = found[0].versions.iter().map(|c| c.value.clone()).collect();
        assert_eq!(
            values,
            [
                FieldValue::Rating(Rating::InPlace),
                FieldValue::Rating(Rating::WorkInProgress)
            ]
        );
    }

    #[test]
    fn replace_holds_exactly_what_the_file_holds_and_undo_holds_too() {
        let mut w = Workspace::fresh("x", &at(0));
        let mut mine = shared();
        mine.apply(
            Edit::SaveRound {
                id: "r-old".into(),
                name: "Old".into(),
            },
            &at(2),
        );
        w.add(mine);
        let other_tab = w.clone();
        let mut file = Assessment::new("f", "Their copy", &at(5));
        file.apply(Edit::Rating("3.1".into(), Rating::InPlace), &at(5));
        let done = w.replace_current(&file, &at(10), ids());
        let check = |w: &Workspace| {
            let a = w.current();
            assert_eq!(a.rating("1.1"), Rating::NotAssessed);
            assert_eq!(a.answer("1.1").note.value, "");
            assert_eq!(a.rating("3.1"), Rating::InPlace);
            assert_eq!(a.name.value, "Their copy");
            assert!(a.rounds.is_empty());
        };
        check(&w);
        check(&w.merged(&other_tab));
        check(&other_tab.merged(&w));
        assert_eq!(done.rounds_removed.len(), 1);

        // Another tab edits after the import; then undo.
        let mut tab2 = w.merged(&other_tab);
        tab2.apply(Edit::Rating("3.1".into(), Rating::WorkInProgress), &at(11));
        w.merge_from(&tab2);
        let undone = w.undo_import(&done, &at(12), ids());
        assert_eq!(undone.kept, 1, "the later edit stays");
        let a = w.current();
        assert_eq!(a.rating("1.1"), Rating::NotInPlace);
        assert_eq!(a.answer("1.1").note.value, "Draft");
        assert_eq!(a.rating("3.1"), Rating::WorkInProgress);
        assert_eq!(a.name.value, "Main site");
        assert_eq!(a.rounds.len(), 1, "the removed round is back");
        for stale in [&other_tab, &tab2] {
            assert_eq!(w.merged(stale).current(), w.current(), "undo holds");
            assert_eq!(stale.merged(&w).current(), w.current());
        }
    }

    #[test]
    fn replace_brings_back_the_files_rounds_we_had_deleted() {
        let mut w = Workspace::fresh("x", &at(0));
        let mut mine = shared();
        mine.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1".into(),
            },
            &at(2),
        );
        let file = mine.clone();
        mine.apply(Edit::DeleteRound("r1".into()), &at(3));
        w.add(mine);
        w.replace_current(&file, &at(4), ids());
        let names: Vec<&str> = w
            .current()
            .rounds
            .iter()
            .map(|r| r.name.value.as_str())
            .collect();
        assert_eq!(names, ["Q1"], "the result holds what the file holds");
    }

    #[test]
    fn importing_the_same_file_after_undo_says_nothing_is_new_and_offers_every_difference() {
        let base = shared();
        let mut w = Workspace::fresh("x", &at(0));
        w.add(base.clone());
        let mut theirs = base.clone();
        theirs.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(5));
        let done = w
            .merge_current(&theirs, MergeMode::Causal, &[], &at(6))
            .unwrap();
        assert_eq!(w.current().rating("1.1"), Rating::InPlace);
        w.undo_import(&done, &at(7), ids());
        assert_eq!(w.current().rating("1.1"), Rating::NotInPlace);
        assert!(conflicts(w.current(), &theirs).is_empty());
        assert!(nothing_new(w.current(), &theirs));
        let asked = differences(w.current(), &theirs);
        assert_eq!(asked.len(), 1);
        w.merge_current(
            &theirs,
            MergeMode::EveryDifference,
            &[(asked[0].field.clone(), FieldValue::Rating(Rating::InPlace))],
            &at(8),
        )
        .unwrap();
        assert_eq!(w.current().rating("1.1"), Rating::InPlace);
        assert!(!nothing_new(w.current(), &theirs));
    }

    #[test]
    fn an_imported_name_that_clashes_is_told_apart() {
        let mut w = Workspace::fresh("x", &at(0));
        w.add(shared());
        let mut id = ids();
        w.import_new(&[shared()], "3 June 2027", &at(1), &mut id);
        w.import_new(&[shared()], "3 June 2027", &at(1), &mut id);
        let names: Vec<&str> = w
            .assessments
            .iter()
            .map(|a| a.name.value.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "My organisation’s assessment",
                "Main site",
                "Main site (from file, 3 June 2027)",
                "Main site (from file, 3 June 2027) 2"
            ]
        );
    }

    #[test]
    fn undoing_an_import_as_new_deletes_it_everywhere() {
        let mut w = Workspace::fresh("x", &at(0));
        let before = w.clone();
        let done = w.import_new(&[shared()], "3 June 2027", &at(1), || "copy".into());
        assert_eq!(w.current, "copy");
        let other_tab = w.clone();
        w.undo_import(&done, &at(3), || "unused".into());
        assert!(w.get("copy").is_none());
        assert!(w.merged(&other_tab).get("copy").is_none());
        assert_eq!(w.merged(&before).assessments.len(), 1);
    }
}
