//! Review rounds: frozen, dated copies of an assessment's answers, compared
//! with each other (or with now) and followed over time per pillar.

use super::answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp};
use super::assessment::{Assessment, Profile};
use super::clock::{Actor, Clock};
use super::summary::summarise;
use crate::content::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answers are frozen values (no clocks): a round never changes, so its
/// fields need no merge metadata, and rounds read from older files drop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawRound")]
pub struct Round {
    pub id: String,
    /// Such as "Q1 2027 board review"; can be renamed.
    pub name: Stamped<String>,
    pub taken_at: Timestamp,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub answers: BTreeMap<String, ElementAnswer>,
}

#[derive(Deserialize)]
struct RawRound {
    id: String,
    name: Stamped<String>,
    taken_at: Timestamp,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    answers: BTreeMap<String, ElementAnswer>,
}

impl From<RawRound> for Round {
    fn from(raw: RawRound) -> Self {
        Round {
            id: raw.id,
            name: raw.name,
            taken_at: raw.taken_at,
            profile: raw.profile.frozen(),
            answers: raw
                .answers
                .into_iter()
                .map(|(id, a)| (id, a.frozen()))
                .collect(),
        }
    }
}

impl Round {
    /// The round as an assessment, to reuse summaries and exports.
    pub fn as_assessment(&self) -> Assessment {
        Assessment {
            id: self.id.clone(),
            name: self.name.clone(),
            created_at: self.taken_at,
            touched_at: self.taken_at,
            life: 0,
            profile: self.profile.clone(),
            answers: self.answers.clone(),
            rounds: Vec::new(),
            deleted_rounds: BTreeMap::new(),
            commentary: Stamped::default(),
            seen: Clock::default(),
            actor: Actor::fresh(),
        }
    }
}

/// Rounds of two copies of an assessment: union by id (a round's answers
/// never change, only its name), less deleted ones, oldest first.
pub(super) fn merge_rounds(
    a: &Assessment,
    b: &Assessment,
) -> (Vec<Round>, BTreeMap<String, Timestamp>) {
    let mut deleted = a.deleted_rounds.clone();
    for (id, at) in &b.deleted_rounds {
        let entry = deleted.entry(id.clone()).or_insert(*at);
        *entry = (*entry).max(*at);
    }
    let mut by_id: BTreeMap<String, Round> = BTreeMap::new();
    for round in &a.rounds {
        if !deleted.contains_key(&round.id) {
            by_id.insert(round.id.clone(), round.clone());
        }
    }
    for round in &b.rounds {
        if deleted.contains_key(&round.id) {
            continue;
        }
        match by_id.get_mut(&round.id) {
            Some(existing) => existing.name = existing.name.merged(&round.name, &a.seen, &b.seen),
            None => {
                by_id.insert(round.id.clone(), round.clone());
            }
        }
    }
    let mut rounds: Vec<Round> = by_id.into_values().collect();
    rounds.sort_by(|x, y| (x.taken_at, &x.id).cmp(&(y.taken_at, &y.id)));
    (rounds, deleted)
}

/// Which way an answer moved between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Up,
    Down,
    Same,
    /// Not assessed (or recorded) before, now it is.
    New,
    /// Assessed before, not now.
    Cleared,
    /// Not assessed at either point.
    Neither,
}

impl Movement {
    pub fn label(self) -> &'static str {
        match self {
            Movement::Up => "Moved up",
            Movement::Down => "Moved down",
            Movement::Same => "No change",
            Movement::New => "Newly answered",
            Movement::Cleared => "Answer removed",
            Movement::Neither => "Not answered",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Movement::Up => "up",
            Movement::Down => "down",
            Movement::Same => "same",
            Movement::New => "new",
            Movement::Cleared => "cleared",
            Movement::Neither => "neither",
        }
    }
}

fn movement(before: Option<u8>, after: Option<u8>) -> Movement {
    match (before, after) {
        (Some(b), Some(a)) if a > b => Movement::Up,
        (Some(b), Some(a)) if a < b => Movement::Down,
        (Some(_), Some(_)) => Movement::Same,
        (None, Some(_)) => Movement::New,
        (Some(_), None) => Movement::Cleared,
        (None, None) => Movement::Neither,
    }
}

fn rating_rank(r: Rating) -> Option<u8> {
    match r {
        Rating::NotAssessed => None,
        Rating::NotInPlace => Some(1),
        Rating::WorkInProgress => Some(2),
        Rating::InPlace => Some(3),
    }
}

fn progress_rank(p: Progress) -> Option<u8> {
    match p {
        Progress::NotRecorded => None,
        Progress::NoProgress => Some(1),
        Progress::Moderate => Some(2),
        Progress::Significant => Some(3),
    }
}

/// How one element and its recommendation changed between two points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementChange {
    pub element: String,
    pub before: ElementAnswer,
    pub after: ElementAnswer,
    pub rating: Movement,
    pub progress: Movement,
}

impl ElementChange {
    /// Whether its rating or its progress moved: anything but "No change"
    /// or "Not answered" on both.
    pub fn moved(&self) -> bool {
        let still = |m: Movement| matches!(m, Movement::Same | Movement::Neither);
        !(still(self.rating) && still(self.progress))
    }
}

/// The changes to show: only what moved, unless `all`.
pub fn shown_changes(changes: &[ElementChange], all: bool) -> Vec<ElementChange> {
    changes
        .iter()
        .filter(|c| all || c.moved())
        .cloned()
        .collect()
}

pub fn compare(fw: &Framework, before: &Assessment, after: &Assessment) -> Vec<ElementChange> {
    fw.elements()
        .map(|e| {
            let (b, a) = (before.answer(&e.id), after.answer(&e.id));
            ElementChange {
                element: e.id.clone(),
                rating: movement(rating_rank(b.rating.value), rating_rank(a.rating.value)),
                progress: movement(
                    progress_rank(b.progress.value),
                    progress_rank(a.progress.value),
                ),
                before: b,
                after: a,
            }
        })
        .collect()
}

/// Counts of each movement, for the comparison's headline.
pub fn tally(changes: &[ElementChange], progress: bool) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for c in changes {
        let m = if progress { c.progress } else { c.rating };
        *counts.entry(m.key()).or_insert(0) += 1;
    }
    counts
}

/// Each pillar's elements at each rating level at each round (and now, last).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLine {
    pub pillar: u8,
    pub elements: usize,
    /// Per point: elements in place.
    pub in_place: Vec<usize>,
    /// Per point: elements at each rating, in `Rating::ALL` order (In place,
    /// Work in progress, Not in place, Not assessed); each adds up to
    /// `elements`.
    pub levels: Vec<[usize; 4]>,
}

pub fn trend(fw: &Framework, points: &[Assessment]) -> Vec<TrendLine> {
    let summaries: Vec<_> = points.iter().map(|a| summarise(fw, a, None)).collect();
    fw.pillars
        .iter()
        .enumerate()
        .map(|(i, p)| TrendLine {
            pillar: p.id,
            elements: p.elements.len(),
            in_place: summaries.iter().map(|s| s[i].in_place).collect(),
            levels: summaries
                .iter()
                .map(|s| Rating::ALL.map(|r| s[i].count(r)))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::Edit;
    use crate::model::Stamp;

    fn rated(pairs: &[(&str, Rating)], t: Timestamp) -> Assessment {
        let mut a = Assessment::new("a", "A", &Stamp::at(0));
        for (id, r) in pairs {
            a.apply(Edit::Rating(id.to_string(), *r), &Stamp::at(t));
        }
        a
    }

    #[test]
    fn a_round_freezes_the_answers_while_the_assessment_carries_on() {
        let mut a = rated(&[("1.1", Rating::NotInPlace)], 10);
        a.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1 2027 board review".into(),
            },
            &Stamp::at(20),
        );
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(30));
        assert_eq!(a.rounds.len(), 1);
        assert_eq!(
            a.rounds[0].as_assessment().rating("1.1"),
            Rating::NotInPlace
        );
        assert_eq!(a.rating("1.1"), Rating::InPlace);
        assert!(a.apply(
            Edit::RenameRound("r1".into(), "Q1 board".into()),
            &Stamp::at(40)
        ));
        assert!(!a.apply(Edit::RenameRound("nope".into(), "x".into()), &Stamp::at(41)));
        assert_eq!(a.rounds[0].name.value, "Q1 board");
        assert!(a.apply(Edit::DeleteRound("r1".into()), &Stamp::at(50)));
        assert!(a.rounds.is_empty());
        assert!(!a.apply(Edit::DeleteRound("r1".into()), &Stamp::at(51)));
    }

    #[test]
    fn rounds_merge_by_id_and_deletions_stick() {
        let mut a = rated(&[], 0);
        a.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "One".into(),
            },
            &Stamp::at(10),
        );
        let mut b = a.clone();
        b.apply(
            Edit::SaveRound {
                id: "r2".into(),
                name: "Two".into(),
            },
            &Stamp::at(20),
        );
        b.apply(
            Edit::RenameRound("r1".into(), "One (renamed)".into()),
            &Stamp::at(30),
        );
        let merged = a.merged(&b);
        let names: Vec<_> = merged
            .rounds
            .iter()
            .map(|r| r.name.value.as_str())
            .collect();
        assert_eq!(names, ["One (renamed)", "Two"]);
        a.apply(Edit::DeleteRound("r1".into()), &Stamp::at(40));
        let merged = a.merged(&b);
        assert_eq!(merged.rounds.len(), 1);
        assert_eq!(merged, b.merged(&a));
    }

    #[test]
    fn comparison_says_what_moved_up_down_or_stayed() {
        let fw = framework();
        let before = rated(
            &[
                ("1.1", Rating::NotInPlace),
                ("1.2", Rating::InPlace),
                ("1.3", Rating::WorkInProgress),
                ("1.4", Rating::InPlace),
            ],
            1,
        );
        let mut after = rated(
            &[
                ("1.1", Rating::WorkInProgress),
                ("1.2", Rating::NotInPlace),
                ("1.3", Rating::WorkInProgress),
                ("2.1", Rating::InPlace),
            ],
            2,
        );
        after.apply(
            Edit::Progress("1.1".into(), Progress::Moderate),
            &Stamp::at(3),
        );
        let changes = compare(fw, &before, &after);
        let rating = |id: &str| changes.iter().find(|c| c.element == id).unwrap().rating;
        assert_eq!(rating("1.1"), Movement::Up);
        assert_eq!(rating("1.2"), Movement::Down);
        assert_eq!(rating("1.3"), Movement::Same);
        assert_eq!(rating("1.4"), Movement::Cleared);
        assert_eq!(rating("2.1"), Movement::New);
        assert_eq!(rating("6.2"), Movement::Neither);
        assert_eq!(changes[0].progress, Movement::New);
        let t = tally(&changes, false);
        assert_eq!(
            (
                t["up"],
                t["down"],
                t["same"],
                t["new"],
                t["cleared"],
                t["neither"]
            ),
            (1, 1, 1, 1, 1, 12)
        );
    }

    #[test]
    fn trend_counts_in_place_per_pillar_per_point() {
        let fw = framework();
        let r1 = rated(&[("1.1", Rating::InPlace)], 1);
        let r2 = rated(
            &[
                ("1.1", Rating::InPlace),
                ("1.2", Rating::InPlace),
                ("6.1", Rating::InPlace),
            ],
            2,
        );
        let lines = trend(fw, &[r1, r2]);
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0].in_place, vec![1, 2]);
        assert_eq!(lines[5].in_place, vec![0, 1]);
        assert_eq!(lines[0].elements, 4);
        assert_eq!(lines[0].levels, vec![[1, 0, 0, 3], [2, 0, 0, 2]]);
    }

    #[test]
    fn only_what_moved_is_shown_unless_asked_for_all() {
        let fw = framework();
        let before = rated(
            &[
                ("1.1", Rating::NotInPlace),
                ("1.2", Rating::InPlace),
                ("2.1", Rating::WorkInProgress),
            ],
            1,
        );
        let mut after = rated(
            &[
                ("1.1", Rating::WorkInProgress),
                ("1.2", Rating::InPlace),
                ("2.1", Rating::WorkInProgress),
                ("3.1", Rating::NotInPlace),
            ],
            2,
        );
        after.apply(
            Edit::Progress("2.1".into(), Progress::Moderate),
            &Stamp::at(3),
        );
        let changes = compare(fw, &before, &after);
        let moved: Vec<String> = shown_changes(&changes, false)
            .into_iter()
            .map(|c| c.element)
            .collect();
        assert_eq!(moved, ["1.1", "2.1", "3.1"]);
        assert_eq!(shown_changes(&changes, true).len(), 17);
    }
}
