//! The assessment as a task list (the NHS.UK task list pattern): for each
//! pillar, how far the self-assessment and the progress checklist have got,
//! and where to continue.

use super::answer::{Progress, Rating};
use super::assessment::Assessment;
use crate::content::Framework;

/// A task's status, always shown in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Not started",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Completed => "completed",
        }
    }

    fn of(done: usize, total: usize) -> TaskStatus {
        match done {
            0 => TaskStatus::NotStarted,
            n if n >= total => TaskStatus::Completed,
            _ => TaskStatus::InProgress,
        }
    }
}

/// One pillar's two tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarTasks {
    pub pillar: u8,
    pub elements: usize,
    pub rated: usize,
    pub recorded: usize,
    /// The first element not yet rated, and not yet recorded.
    pub next_to_rate: Option<String>,
    pub next_to_record: Option<String>,
}

impl PillarTasks {
    pub fn rating_status(&self) -> TaskStatus {
        TaskStatus::of(self.rated, self.elements)
    }

    pub fn progress_status(&self) -> TaskStatus {
        TaskStatus::of(self.recorded, self.elements)
    }
}

pub fn pillar_tasks(fw: &Framework, a: &Assessment) -> Vec<PillarTasks> {
    fw.pillars
        .iter()
        .map(|p| {
            let rated = |id: &str| a.rating(id) != Rating::NotAssessed;
            let recorded = |id: &str| a.answer(id).progress.value != Progress::NotRecorded;
            PillarTasks {
                pillar: p.id,
                elements: p.elements.len(),
                rated: p.elements.iter().filter(|e| rated(&e.id)).count(),
                recorded: p.elements.iter().filter(|e| recorded(&e.id)).count(),
                next_to_rate: p
                    .elements
                    .iter()
                    .find(|e| !rated(&e.id))
                    .map(|e| e.id.clone()),
                next_to_record: p
                    .elements
                    .iter()
                    .find(|e| !recorded(&e.id))
                    .map(|e| e.id.clone()),
            }
        })
        .collect()
}

/// The organisation details: name, type and date of assessment.
pub fn profile_status(a: &Assessment) -> TaskStatus {
    let p = &a.profile;
    let given = [
        !p.organisation.value.trim().is_empty(),
        p.org_type.value.is_some(),
        !p.assessed_on.value.trim().is_empty(),
    ];
    TaskStatus::of(given.iter().filter(|g| **g).count(), given.len())
}

/// Where to continue: the first element not yet rated; then the first
/// recommendation with no progress recorded. `None`: all done.
pub enum Continue {
    Rate(String),
    Record(String),
}

pub fn continue_at(tasks: &[PillarTasks]) -> Option<Continue> {
    if let Some(id) = tasks.iter().find_map(|t| t.next_to_rate.clone()) {
        return Some(Continue::Rate(id));
    }
    tasks
        .iter()
        .find_map(|t| t.next_to_record.clone())
        .map(Continue::Record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{Edit, OrgType, Stamp};

    #[test]
    fn each_pillar_says_how_far_it_has_got() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        let t = pillar_tasks(fw, &a);
        assert_eq!(t.len(), 6);
        assert_eq!(t.iter().map(|p| p.elements).sum::<usize>(), 17);
        assert!(t
            .iter()
            .all(|p| p.rating_status() == TaskStatus::NotStarted));
        assert!(matches!(continue_at(&t), Some(Continue::Rate(id)) if id == "1.1"));

        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(1));
        a.apply(
            Edit::Progress("1.1".into(), Progress::Moderate),
            &Stamp::at(1),
        );
        let t = pillar_tasks(fw, &a);
        assert_eq!(t[0].rating_status(), TaskStatus::InProgress);
        assert_eq!((t[0].rated, t[0].recorded), (1, 1));
        assert!(matches!(continue_at(&t), Some(Continue::Rate(id)) if id == "1.2"));

        for e in fw.elements() {
            a.apply(
                Edit::Rating(e.id.clone(), Rating::NotInPlace),
                &Stamp::at(2),
            );
        }
        let t = pillar_tasks(fw, &a);
        assert!(t.iter().all(|p| p.rating_status() == TaskStatus::Completed));
        assert!(matches!(continue_at(&t), Some(Continue::Record(id)) if id == "1.2"));
        // Going back to "not yet assessed" undoes the count.
        a.apply(
            Edit::Rating("6.2".into(), Rating::NotAssessed),
            &Stamp::at(3),
        );
        assert_eq!(
            pillar_tasks(fw, &a)[5].rating_status(),
            TaskStatus::InProgress
        );
    }

    #[test]
    fn organisation_details_are_complete_with_name_type_and_date() {
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        assert_eq!(profile_status(&a), TaskStatus::NotStarted);
        a.apply(Edit::Organisation("Northshire".into()), &Stamp::at(1));
        assert_eq!(profile_status(&a), TaskStatus::InProgress);
        a.apply(Edit::OrgType(Some(OrgType::AcuteTrust)), &Stamp::at(1));
        a.apply(Edit::AssessedOn("2027-01-15".into()), &Stamp::at(1));
        assert_eq!(profile_status(&a), TaskStatus::Completed);
        assert_eq!(TaskStatus::Completed.label(), "Completed");
    }
}
