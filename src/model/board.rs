//! What the board report holds, decided here so the page only draws it:
//! the focus areas and the rule that chose them, overdue and upcoming
//! actions, and what moved since the last review round.

use super::answer::{Progress, Rating};
use super::assessment::Assessment;
use super::date::Date;
use super::movement::{compare, shown_changes, ElementChange};
use super::summary::{focus_order, is_overdue, PillarSummary};
use crate::content::Framework;

/// How many pillars the board report names as focus areas.
pub const FOCUS_AREAS: usize = 3;
/// How far ahead an action counts as upcoming.
pub const UPCOMING_DAYS: i64 = 90;

/// A pillar to focus on, with its elements furthest from "In place".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusArea {
    pub pillar: u8,
    /// Element ids rated "Not in place", then "Work in progress".
    pub not_in_place: Vec<String>,
    pub work_in_progress: Vec<String>,
}

/// The first `FOCUS_AREAS` pillars in focus order that have something
/// assessed and not yet in place. None when nothing is assessed, or all of
/// it is in place.
pub fn focus_areas(fw: &Framework, summaries: &[PillarSummary], a: &Assessment) -> Vec<FocusArea> {
    focus_order(summaries)
        .into_iter()
        .filter(|id| {
            summaries
                .iter()
                .find(|s| s.pillar == *id)
                .and_then(PillarSummary::distance)
                .is_some_and(|d| d > 0.0)
        })
        .take(FOCUS_AREAS)
        .map(|id| {
            let of = |rating: Rating| -> Vec<String> {
                fw.pillar(id)
                    .map(|p| {
                        p.elements
                            .iter()
                            .filter(|e| a.rating(&e.id) == rating)
                            .map(|e| e.id.clone())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            FocusArea {
                pillar: id,
                not_in_place: of(Rating::NotInPlace),
                work_in_progress: of(Rating::WorkInProgress),
            }
        })
        .collect()
}

/// One recommendation's action with a target date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub element: String,
    pub owner: String,
    pub target: Date,
    pub progress: Progress,
    pub next_steps: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actions {
    /// Target date passed and not yet "Significant progress", oldest first.
    pub overdue: Vec<Action>,
    /// Due from today to `UPCOMING_DAYS` ahead and not yet "Significant
    /// progress", soonest first.
    pub upcoming: Vec<Action>,
}

pub fn actions(fw: &Framework, a: &Assessment, today: Date) -> Actions {
    let mut out = Actions::default();
    for e in fw.elements() {
        let answer = a.answer(&e.id);
        let Some(target) = Date::parse(&answer.target_date.value) else {
            continue;
        };
        let action = Action {
            element: e.id.clone(),
            owner: answer.owner.value.trim().to_string(),
            target,
            progress: answer.progress.value,
            next_steps: answer.next_steps.value.trim().to_string(),
        };
        let ahead = target.days() - today.days();
        if is_overdue(&answer, today) {
            out.overdue.push(action);
        } else if answer.progress.value != Progress::Significant
            && (0..=UPCOMING_DAYS).contains(&ahead)
        {
            out.upcoming.push(action);
        }
    }
    let by_date = |x: &Action, y: &Action| x.target.cmp(&y.target);
    super::order::sort_by(&mut out.overdue, by_date);
    super::order::sort_by(&mut out.upcoming, by_date);
    out
}

/// The report's heading rows, as (label, value): only what was given, and
/// the assessment's name only when it says more than the organisation's.
pub fn about(a: &Assessment) -> Vec<(&'static str, String)> {
    let p = &a.profile;
    let org = p.organisation.value.trim().to_string();
    let name = a.name.value.trim().to_string();
    let date = p.assessed_on.value.trim();
    let date = Date::parse(date).map_or(date.to_string(), Date::long);
    let mut out = Vec::new();
    if !org.is_empty() {
        out.push(("Organisation", org.clone()));
    }
    if !name.is_empty() && (org.is_empty() || !name.contains(&org)) {
        out.push(("Assessment", name));
    }
    for (label, value) in [
        ("Date of assessment", date),
        ("Completed by", p.completed_by.value.trim().to_string()),
    ] {
        if !value.is_empty() {
            out.push((label, value));
        }
    }
    out
}

/// What moved since the latest review round: its name, and the elements
/// whose rating or progress moved. `None` when there is no round.
pub fn since_last_round(fw: &Framework, a: &Assessment) -> Option<(String, Vec<ElementChange>)> {
    let last = a.rounds.iter().max_by_key(|r| (r.taken_at, r.id.clone()))?;
    let changes = compare(fw, &last.as_assessment(), a);
    Some((last.name.value.clone(), shown_changes(&changes, false)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::{summarise, Edit, Stamp};

    fn edit(a: &mut Assessment, e: Edit) {
        assert!(a.apply(e, &Stamp::at(1)));
    }

    #[test]
    fn focus_areas_are_the_pillars_furthest_from_in_place_with_their_elements() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        assert!(focus_areas(fw, &summarise(fw, &a, None), &a).is_empty());
        for id in ["1.1", "1.2", "1.3", "1.4"] {
            edit(&mut a, Edit::Rating(id.into(), Rating::InPlace));
        }
        edit(&mut a, Edit::Rating("3.1".into(), Rating::NotInPlace));
        edit(&mut a, Edit::Rating("3.2".into(), Rating::WorkInProgress));
        edit(&mut a, Edit::Rating("4.1".into(), Rating::WorkInProgress));
        edit(&mut a, Edit::Rating("6.1".into(), Rating::NotInPlace));
        edit(&mut a, Edit::Rating("6.2".into(), Rating::NotInPlace));
        let areas = focus_areas(fw, &summarise(fw, &a, None), &a);
        let pillars: Vec<u8> = areas.iter().map(|f| f.pillar).collect();
        assert_eq!(pillars, [6, 3, 4], "pillar 1 is all in place: not a focus");
        assert_eq!(areas[1].not_in_place, ["3.1"]);
        assert_eq!(areas[1].work_in_progress, ["3.2"]);
    }

    #[test]
    fn actions_split_into_overdue_and_upcoming_by_date() {
        let fw = framework();
        let today = Date::parse("2027-06-01").unwrap();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        let dated = |a: &mut Assessment, id: &str, date: &str, owner: &str| {
            edit(a, Edit::TargetDate(id.into(), date.into()));
            edit(a, Edit::Owner(id.into(), owner.into()));
        };
        dated(&mut a, "1.1", "2027-05-01", "Chief People Officer");
        dated(&mut a, "2.1", "2027-03-01", "EDI lead");
        dated(&mut a, "3.1", "2027-06-01", "Medical director");
        dated(&mut a, "4.1", "2027-08-30", "Head of data");
        dated(&mut a, "5.1", "2027-09-01", "Too far ahead");
        dated(&mut a, "6.1", "2027-04-01", "Done");
        edit(&mut a, Edit::Progress("6.1".into(), Progress::Significant));
        let x = actions(fw, &a, today);
        let ids = |v: &[Action]| v.iter().map(|x| x.element.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&x.overdue), ["2.1", "1.1"]);
        assert_eq!(x.overdue[1].owner, "Chief People Officer");
        assert_eq!(ids(&x.upcoming), ["3.1", "4.1"]);
    }

    #[test]
    fn the_heading_leaves_out_what_was_not_given_and_says_nothing_twice() {
        let mut a = Assessment::new("a", "Northshire NHS Trust, June 2027", &Stamp::at(0));
        edit(&mut a, Edit::Organisation("Northshire NHS Trust".into()));
        edit(&mut a, Edit::AssessedOn("2027-06-03".into()));
        assert_eq!(
            about(&a),
            [
                ("Organisation", "Northshire NHS Trust".to_string()),
                ("Date of assessment", "3 June 2027".to_string())
            ]
        );
        edit(&mut a, Edit::CompletedBy("EDI lead".into()));
        edit(&mut a, Edit::Name("Pilot ward review".into()));
        let labels: Vec<&str> = about(&a).iter().map(|r| r.0).collect();
        assert_eq!(
            labels,
            [
                "Organisation",
                "Assessment",
                "Date of assessment",
                "Completed by"
            ]
        );
        let blank = Assessment::new("b", "My organisation’s assessment", &Stamp::at(0));
        assert_eq!(
            about(&blank),
            [("Assessment", "My organisation’s assessment".to_string())]
        );
    }

    #[test]
    fn what_moved_since_the_last_round() {
        let fw = framework();
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        assert_eq!(since_last_round(fw, &a), None);
        edit(&mut a, Edit::Rating("1.1".into(), Rating::NotInPlace));
        edit(
            &mut a,
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1".into(),
            },
        );
        a.apply(
            Edit::Rating("1.1".into(), Rating::WorkInProgress),
            &Stamp::at(5),
        );
        a.apply(
            Edit::SaveRound {
                id: "r2".into(),
                name: "Q2".into(),
            },
            &Stamp::at(6),
        );
        a.apply(Edit::Rating("2.1".into(), Rating::InPlace), &Stamp::at(7));
        let (name, moved) = since_last_round(fw, &a).unwrap();
        assert_eq!(name, "Q2");
        let ids: Vec<&str> = moved.iter().map(|c| c.element.as_str()).collect();
        assert_eq!(ids, ["2.1"]);
    }
}
