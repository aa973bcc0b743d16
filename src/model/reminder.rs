//! The reminder that changes are in no exported file: when it shows, and
//! how much of the page it takes.

use super::workspace::Workspace;

/// How the export reminder is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    Hidden,
    /// One line under "Working on …": every page but the two below.
    Line,
    /// The warning callout, on the task list and the share page, where
    /// exporting is the next thing to do.
    Panel,
}

/// Whether the open assessment needs exporting, and how to say so.
/// `quiet` is (assessment id, edits seen) when the person rested the
/// reminder; `panel` whether this page shows the callout. The start
/// questions alone (a name, a type, a date) are not worth a reminder:
/// it waits for the first answer.
pub fn export_reminder(w: &Workspace, quiet: Option<&(String, u64)>, panel: bool) -> Reminder {
    let a = w.current();
    let resting = quiet.is_some_and(|(id, seen)| *id == w.current && a.edits_seen() <= *seen);
    let answered = !a.answers.is_empty() || !a.rounds.is_empty() || !a.commentary.value.is_empty();
    let exported_before = w.exported.contains_key(&w.current);
    if resting || !w.needs_export(&w.current) || !(answered || exported_before) {
        Reminder::Hidden
    } else if panel {
        Reminder::Panel
    } else {
        Reminder::Line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Rating, Stamp, StartDetails};

    #[test]
    fn the_reminder_waits_for_an_answer_and_is_one_line_but_on_two_pages() {
        let s = Stamp::at(1);
        let mut w = Workspace::fresh("a", &s);
        assert_eq!(export_reminder(&w, None, false), Reminder::Hidden);
        let details = StartDetails {
            organisation: "Northshire".into(),
            ..Default::default()
        };
        assert!(w.begin(&details, "b".into(), &s));
        assert!(w.needs_export("a"), "the details are unexported…");
        assert_eq!(
            export_reminder(&w, None, true),
            Reminder::Hidden,
            "…but not worth a reminder before anything is rated"
        );
        w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
        assert_eq!(export_reminder(&w, None, false), Reminder::Line);
        assert_eq!(export_reminder(&w, None, true), Reminder::Panel);
        let seen = w.current().edits_seen();
        assert_eq!(
            export_reminder(&w, Some(&("a".into(), seen)), true),
            Reminder::Hidden,
            "rested until the next change"
        );
        w.mark_exported(["a"]);
        assert_eq!(export_reminder(&w, None, true), Reminder::Hidden);
        w.apply(Edit::Organisation("Northshire NHS".into()), &s);
        assert_eq!(
            export_reminder(&w, None, false),
            Reminder::Line,
            "after an export, any change counts"
        );
    }
}
