//! What to do next: the elements to focus on, and the action tracker (every
//! next step with its owner and target date, overdue first).

use super::answer::{Progress, Rating};
use super::assessment::Assessment;
use super::date::Date;
use super::summary::{focus_order, is_overdue, summarise};
use crate::content::Framework;

/// The elements rated Not in place or Work in progress, pillar by pillar
/// in the summary's focus order; within a pillar, Not in place first.
pub fn focus_elements(fw: &Framework, a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    for pillar in focus_order(&summarise(fw, a, None)) {
        let Some(p) = fw.pillar(pillar) else { continue };
        for wanted in [Rating::NotInPlace, Rating::WorkInProgress] {
            out.extend(
                p.elements
                    .iter()
                    .filter(|e| a.rating(&e.id) == wanted)
                    .map(|e| e.id.clone()),
            );
        }
    }
    out
}

/// Where an action stands, in the order the tracker lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActionStatus {
    Overdue,
    Upcoming,
    NoDate,
    /// Significant progress recorded: nothing is chased.
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Overdue,
        ActionStatus::Upcoming,
        ActionStatus::NoDate,
        ActionStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Overdue => "Overdue",
            ActionStatus::Upcoming => "Upcoming",
            ActionStatus::NoDate => "No target date",
            ActionStatus::Done => "Significant progress",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Overdue => "overdue",
            ActionStatus::Upcoming => "upcoming",
            ActionStatus::NoDate => "no-date",
            ActionStatus::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<ActionStatus> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One recommendation's action plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub element: String,
    pub next_steps: String,
    pub owner: String,
    /// The target date as typed, and as a date when it is one.
    pub target_text: String,
    pub target: Option<Date>,
    pub progress: Progress,
    pub status: ActionStatus,
}

/// Every recommendation with an action plan (next steps, an owner or a
/// target date), in framework order.
pub fn actions(fw: &Framework, a: &Assessment, today: Date) -> Vec<Action> {
    fw.elements()
        .filter_map(|e| {
            let answer = a.answer(&e.id);
            let next_steps = answer.next_steps.value.trim().to_string();
            let owner = answer.owner.value.trim().to_string();
            let target_text = answer.target_date.value.trim().to_string();
            if next_steps.is_empty() && owner.is_empty() && target_text.is_empty() {
                return None;
            }
            let target = Date::parse(&target_text);
            let progress = answer.progress.value;
            let status = if progress == Progress::Significant {
                ActionStatus::Done
            } else if is_overdue(&answer, today) {
                ActionStatus::Overdue
            } else if target.is_some() {
                ActionStatus::Upcoming
            } else {
                ActionStatus::NoDate
            };
            Some(Action {
                element: e.id.clone(),
                next_steps,
                owner,
                target_text,
                target,
                progress,
                status,
            })
        })
        .collect()
}

/// How the tracker orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActionSort {
    /// Overdue first (longest overdue first), then upcoming by date, then
    /// those with no date, then those done.
    #[default]
    Status,
    TargetDate,
    Owner,
    Element,
}

impl ActionSort {
    pub const ALL: [ActionSort; 4] = [
        ActionSort::Status,
        ActionSort::TargetDate,
        ActionSort::Owner,
        ActionSort::Element,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionSort::Status => "Overdue first",
            ActionSort::TargetDate => "Target date, soonest first",
            ActionSort::Owner => "Owner, A to Z",
            ActionSort::Element => "Element number",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ActionSort::Status => "status",
            ActionSort::TargetDate => "date",
            ActionSort::Owner => "owner",
            ActionSort::Element => "element",
        }
    }

    pub fn from_key(key: &str) -> ActionSort {
        Self::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }
}

/// Which rows to show: an owner (matched ignoring case and spaces at the
/// ends) and a status; `None` shows all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub owner: Option<String>,
    pub status: Option<ActionStatus>,
}

/// The rows to show, filtered then sorted. Ties keep framework order.
pub fn tracker(all: &[Action], filter: &ActionFilter, sort: ActionSort) -> Vec<Action> {
    let owner = filter.owner.as_ref().map(|o| o.trim().to_lowercase());
    let mut rows: Vec<Action> = all
        .iter()
        .filter(|a| owner.as_ref().is_none_or(|o| a.owner.to_lowercase() == *o))
        .filter(|a| filter.status.is_none_or(|s| a.status == s))
        .cloned()
        .collect();
    // Undated last, whatever the order.
    let by_date = |a: &Action, b: &Action| match (a.target, b.target) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    match sort {
        ActionSort::Status => super::order::sort_by(&mut rows, |a, b| {
            a.status.cmp(&b.status).then(by_date(a, b))
        }),
        ActionSort::TargetDate => super::order::sort_by(&mut rows, by_date),
        ActionSort::Owner => super::order::sort_by(&mut rows, |a, b| {
            (a.owner.is_empty(), a.owner.to_lowercase())
                .cmp(&(b.owner.is_empty(), b.owner.to_lowercase()))
        }),
        ActionSort::Element => {}
    }
    rows
}

/// The owners named, each once (first spelling kept), A to Z.
pub fn owners(all: &[Action]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for a in all {
        if !a.owner.is_empty()
            && !seen
                .iter()
                .any(|s| s.to_lowercase() == a.owner.to_lowercase())
        {
            seen.push(a.owner.clone());
        }
    }
    super::order::sort_by_key(&mut seen, |s| s.to_lowercase());
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{Edit, Stamp};

    fn plan(a: &mut Assessment, id: &str, owner: &str, date: &str, progress: Progress) {
        let s = Stamp::at(1);
        a.apply(Edit::NextSteps(id.into(), format!("Do {id}")), &s);
        a.apply(Edit::Owner(id.into(), owner.into()), &s);
        a.apply(Edit::TargetDate(id.into(), date.into()), &s);
        a.apply(Edit::Progress(id.into(), progress), &s);
    }

    fn today() -> Date {
        Date::parse("2027-06-01").unwrap()
    }

    fn sample() -> Vec<Action> {
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        plan(
            &mut a,
            "1.1",
            "Director of people",
            "2027-09-01",
            Progress::Moderate,
        );
        plan(
            &mut a,
            "2.1",
            "EDI lead",
            "2027-03-01",
            Progress::NoProgress,
        );
        plan(&mut a, "3.1", "edi lead ", "", Progress::NotRecorded);
        plan(&mut a, "4.1", "Board", "2027-01-01", Progress::Significant);
        plan(&mut a, "5.1", "Board", "2026-12-01", Progress::Moderate);
        actions(framework(), &a, today())
    }

    fn ids(rows: &[Action]) -> Vec<&str> {
        rows.iter().map(|a| a.element.as_str()).collect()
    }

    #[test]
    fn only_recommendations_with_a_plan_are_actions_and_each_has_a_status() {
        let rows = sample();
        assert_eq!(ids(&rows), ["1.1", "2.1", "3.1", "4.1", "5.1"]);
        let status: Vec<ActionStatus> = rows.iter().map(|a| a.status).collect();
        use ActionStatus::*;
        assert_eq!(status, [Upcoming, Overdue, NoDate, Done, Overdue]);
        assert_eq!(rows[2].owner, "edi lead", "spaces at the ends are not kept");
    }

    #[test]
    fn overdue_comes_first_longest_overdue_first() {
        let rows = tracker(&sample(), &ActionFilter::default(), ActionSort::Status);
        assert_eq!(ids(&rows), ["5.1", "2.1", "1.1", "3.1", "4.1"]);
    }

    #[test]
    fn other_orders_put_what_is_missing_last() {
        let all = sample();
        let f = ActionFilter::default();
        assert_eq!(
            ids(&tracker(&all, &f, ActionSort::TargetDate)),
            ["5.1", "4.1", "2.1", "1.1", "3.1"]
        );
        assert_eq!(
            ids(&tracker(&all, &f, ActionSort::Owner)),
            ["4.1", "5.1", "1.1", "2.1", "3.1"]
        );
        assert_eq!(
            ids(&tracker(&all, &f, ActionSort::Element)),
            ["1.1", "2.1", "3.1", "4.1", "5.1"]
        );
    }

    #[test]
    fn filters_match_owners_ignoring_case_and_combine_with_status() {
        let all = sample();
        assert_eq!(owners(&all), ["Board", "Director of people", "EDI lead"]);
        let edi = ActionFilter {
            owner: Some("EDI LEAD".into()),
            status: None,
        };
        assert_eq!(
            ids(&tracker(&all, &edi, ActionSort::Status)),
            ["2.1", "3.1"]
        );
        let overdue_board = ActionFilter {
            owner: Some("Board".into()),
            status: Some(ActionStatus::Overdue),
        };
        assert_eq!(
            ids(&tracker(&all, &overdue_board, ActionSort::Status)),
            ["5.1"]
        );
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_key(s.key()), Some(s));
        }
        for s in ActionSort::ALL {
            assert_eq!(ActionSort::from_key(s.key()), s);
        }
        assert_eq!(ActionSort::from_key("nonsense"), ActionSort::Status);
    }

    #[test]
    fn focus_elements_follow_the_focus_order_not_in_place_first() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        let s = Stamp::at(1);
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
        a.apply(Edit::Rating("1.2".into(), Rating::WorkInProgress), &s);
        a.apply(Edit::Rating("4.1".into(), Rating::WorkInProgress), &s);
        a.apply(Edit::Rating("4.2".into(), Rating::NotInPlace), &s);
        a.apply(Edit::Rating("6.1".into(), Rating::InPlace), &s);
        assert_eq!(focus_elements(fw, &a), ["4.2", "4.1", "1.2"]);
        assert!(focus_elements(fw, &Assessment::new("b", "B", &s)).is_empty());
    }
}
