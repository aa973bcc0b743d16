//! One organisation's assessment: profile plus answers per element.

use super::answer::{ElementAnswer, Progress, Rating, Register, Stamped};
use super::clock::{Actor, Clock, Pen, Stamp, Timestamp};
use super::limits::{fits, MAX_ROUNDS, MAX_SHORT_CHARS, MAX_TEXT_CHARS};
use super::profile::{OrgType, Profile};
use super::rounds::Round;
use std::collections::BTreeMap;

/// One assessment's copy: its answers, and the history that lets copies
/// merge (`seen`: every edit this copy has seen, as a count per writer,
/// stored once; each field version carries only its dot). Its file form is
/// in `wire.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Unique and stable across copies of the file, so merges match up.
    pub id: String,
    pub name: Stamped<String>,
    /// For display only, like every time here.
    pub created_at: Timestamp,
    /// Latest change to anything in it, by the clock of whoever made it.
    pub touched_at: Timestamp,
    /// Which life this is: deleting records the life deleted, and only
    /// undoing that delete (which starts the next life) brings it back.
    pub life: u64,
    pub profile: Profile,
    /// Keyed by element id ("1.1" …); elements never touched are absent.
    pub answers: BTreeMap<String, ElementAnswer>,
    /// Frozen copies taken at review points, oldest first.
    pub rounds: Vec<Round>,
    /// Deleted round ids and when, so merges do not bring them back.
    pub deleted_rounds: BTreeMap<String, Timestamp>,
    /// What the lead writes for the board, shown on the board report. A
    /// field like any other: merged by what each copy has seen; omitted
    /// from files while never edited, so older files read as blank.
    pub commentary: Stamped<String>,
    /// Every edit this copy has seen: the writer table and its counts.
    pub(crate) seen: Clock,
    /// Who writes this copy's next edit: new for every copy (see `Actor`).
    pub(crate) actor: Actor,
}

pub(crate) fn never_edited(s: &Stamped<String>) -> bool {
    s.is_untouched()
}

/// One change a user can make to an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Name(String),
    Organisation(String),
    OrgType(Option<OrgType>),
    CompletedBy(String),
    AssessedOn(String),
    /// The board report's commentary.
    Commentary(String),
    Rating(String, Rating),
    Note(String, String),
    Progress(String, Progress),
    ActionToDate(String, String),
    NextSteps(String, String),
    Owner(String, String),
    TargetDate(String, String),
    /// Freezes a copy of the answers now, as a named review round.
    SaveRound {
        id: String,
        name: String,
    },
    RenameRound(String, String),
    DeleteRound(String),
}

impl Assessment {
    pub fn new(id: impl Into<String>, name: impl Into<String>, stamp: &Stamp) -> Self {
        let mut a = Assessment {
            id: id.into(),
            name: Stamped::default(),
            created_at: stamp.at,
            touched_at: stamp.at,
            life: 0,
            profile: Profile::default(),
            answers: BTreeMap::new(),
            rounds: Vec::new(),
            deleted_rounds: BTreeMap::new(),
            commentary: Stamped::default(),
            seen: Clock::default(),
            actor: Actor::fresh(),
        };
        let mut pen = Pen {
            seen: &mut a.seen,
            writer: a.actor.id(),
            at: stamp.at,
        };
        a.name = Stamped::new(name.into(), &mut pen);
        a
    }

    /// Every edit this copy has seen.
    pub fn seen(&self) -> &Clock {
        &self.seen
    }

    /// Whether the two are copies of one history: the same id, or any edit
    /// in common (a copy imported as new, or duplicated, and its original).
    pub fn shares_history(&self, other: &Assessment) -> bool {
        self.id == other.id || self.seen.shares_with(&other.seen)
    }

    /// The answers for an element, or the untouched default.
    pub fn answer(&self, element: &str) -> ElementAnswer {
        self.answers.get(element).cloned().unwrap_or_default()
    }

    pub fn rating(&self, element: &str) -> Rating {
        self.answers
            .get(element)
            .map(|a| a.rating.value)
            .unwrap_or_default()
    }

    /// Whether an edit's text fits the limits; an edit that does not is
    /// refused whole.
    pub fn allows(&self, edit: &Edit) -> bool {
        match edit {
            Edit::Name(v)
            | Edit::Organisation(v)
            | Edit::CompletedBy(v)
            | Edit::AssessedOn(v)
            | Edit::Owner(_, v)
            | Edit::TargetDate(_, v)
            | Edit::RenameRound(_, v) => fits(v, MAX_SHORT_CHARS),
            Edit::SaveRound { name, .. } => {
                fits(name, MAX_SHORT_CHARS) && self.rounds.len() < MAX_ROUNDS
            }
            Edit::Note(_, v)
            | Edit::ActionToDate(_, v)
            | Edit::NextSteps(_, v)
            | Edit::Commentary(v) => fits(v, MAX_TEXT_CHARS),
            Edit::OrgType(_) | Edit::Rating(..) | Edit::Progress(..) | Edit::DeleteRound(_) => true,
        }
    }

    /// Applies one edit, as this copy's writer; returns whether anything
    /// changed. An edit to a field holding several versions settles them.
    pub fn apply(&mut self, edit: Edit, stamp: &Stamp) -> bool {
        if !self.allows(&edit) {
            return false;
        }
        let Assessment {
            seen,
            actor,
            name,
            profile,
            answers,
            commentary,
            rounds,
            deleted_rounds,
            ..
        } = self;
        let mut pen = Pen {
            seen,
            writer: actor.id(),
            at: stamp.at,
        };
        let pen = &mut pen;
        let changed = match edit {
            Edit::Name(v) => name.set(v, pen),
            Edit::Organisation(v) => profile.organisation.set(v, pen),
            Edit::OrgType(v) => profile.org_type.set(v, pen),
            Edit::CompletedBy(v) => profile.completed_by.set(v, pen),
            Edit::AssessedOn(v) => profile.assessed_on.set(v, pen),
            Edit::Commentary(v) => commentary.set(v, pen),
            Edit::Rating(id, v) => answers.entry(id).or_default().rating.set(v, pen),
            Edit::Note(id, v) => answers.entry(id).or_default().note.set(v, pen),
            Edit::Progress(id, v) => answers.entry(id).or_default().progress.set(v, pen),
            Edit::ActionToDate(id, v) => answers.entry(id).or_default().action_to_date.set(v, pen),
            Edit::NextSteps(id, v) => answers.entry(id).or_default().next_steps.set(v, pen),
            Edit::Owner(id, v) => answers.entry(id).or_default().owner.set(v, pen),
            Edit::TargetDate(id, v) => answers.entry(id).or_default().target_date.set(v, pen),
            Edit::SaveRound { id, name } => {
                if deleted_rounds.contains_key(&id) || rounds.iter().any(|r| r.id == id) {
                    return false;
                }
                let round = Round {
                    id,
                    name: Stamped::new(name, pen),
                    taken_at: stamp.at,
                    profile: profile.frozen(),
                    answers: answers
                        .iter()
                        .map(|(id, a)| (id.clone(), a.frozen()))
                        .collect(),
                };
                rounds.push(round);
                true
            }
            Edit::RenameRound(id, name) => rounds
                .iter_mut()
                .find(|r| r.id == id)
                .is_some_and(|r| r.name.set(name, pen)),
            Edit::DeleteRound(id) => {
                let before = rounds.len();
                rounds.retain(|r| r.id != id);
                let removed = rounds.len() != before;
                if removed {
                    deleted_rounds.insert(id, stamp.at);
                }
                removed
            }
        };
        self.answers.retain(|_, a| !a.is_empty());
        if changed {
            self.touched_at = self.touched_at.max(stamp.at);
        }
        changed
    }

    /// How many edits this copy has seen, in all: it grows with every
    /// change and merge, so "changed since" needs no clock.
    pub fn edits_seen(&self) -> u64 {
        self.seen.total() + self.deleted_rounds.len() as u64 + self.life
    }

    /// True when someone has entered anything (a name alone is not enough).
    pub fn has_content(&self) -> bool {
        !self.answers.is_empty()
            || self.profile != Profile::default()
            || !self.rounds.is_empty()
            || !never_edited(&self.commentary)
    }

    /// Both copies combined, as a new copy (with its own writer).
    pub fn merged(&self, other: &Assessment) -> Assessment {
        let mut merged = self.clone();
        merged.merge_from(other);
        merged
    }

    /// Takes in another copy of this assessment, field by field, by what
    /// each has seen (never by time). This copy keeps its writer.
    pub fn merge_from(&mut self, other: &Assessment) {
        let ours = self.seen.clone();
        let theirs = &other.seen;
        let ids = super::order::set_of(self.answers.keys().chain(other.answers.keys()).cloned());
        let blank = ElementAnswer::default();
        for id in ids {
            let mine = self.answers.get(&id).unwrap_or(&blank);
            let others = other.answers.get(&id).unwrap_or(&blank);
            let merged = mine.merged(others, &ours, theirs);
            self.answers.insert(id, merged);
        }
        self.answers.retain(|_, a| !a.is_empty());
        let (rounds, deleted_rounds) = merge_rounds(self, other);
        self.rounds = rounds;
        self.deleted_rounds = deleted_rounds;
        self.name = self.name.merged(&other.name, &ours, theirs);
        self.created_at = self.created_at.min(other.created_at);
        self.touched_at = self.touched_at.max(other.touched_at);
        self.life = self.life.max(other.life);
        self.profile = self.profile.merged(&other.profile, &ours, theirs);
        self.commentary = self.commentary.merged(&other.commentary, &ours, theirs);
        self.seen.join_in(theirs);
    }

    /// Takes in the other's review rounds (and deleted rounds) alone.
    pub(crate) fn merge_rounds_from(&mut self, other: &Assessment) {
        let (rounds, deleted_rounds) = merge_rounds(self, other);
        self.rounds = rounds;
        self.deleted_rounds = deleted_rounds;
    }

    /// Every field of this copy, named as files name it, to walk its dots.
    pub(crate) fn registers_mut(&mut self) -> Vec<(String, &mut dyn Register)> {
        let mut all: Vec<(String, &mut dyn Register)> = vec![
            ("name".into(), &mut self.name),
            ("organisation".into(), &mut self.profile.organisation),
            ("org_type".into(), &mut self.profile.org_type),
            ("completed_by".into(), &mut self.profile.completed_by),
            ("assessed_on".into(), &mut self.profile.assessed_on),
            ("commentary".into(), &mut self.commentary),
        ];
        for (id, answer) in self.answers.iter_mut() {
            for (letter, register) in answer.registers_mut() {
                all.push((format!("{id}{letter}"), register));
            }
        }
        for round in self.rounds.iter_mut() {
            all.push((format!("round:{}", round.id), &mut round.name));
        }
        all
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
fn merge_rounds(a: &Assessment, b: &Assessment) -> (Vec<Round>, BTreeMap<String, Timestamp>) {
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
    Round::in_order(&mut rounds);
    (rounds, deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: Timestamp) -> Stamp {
        Stamp::at(t)
    }

    #[test]
    fn edits_are_recorded_with_their_writer_and_time() {
        let mut a = Assessment::new("a1", "Main site", &at(100));
        assert_eq!(a.rating("1.1"), Rating::NotAssessed);
        assert!(a.apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), &at(200)));
        assert!(a.apply(Edit::Progress("1.1".into(), Progress::Moderate), &at(300)));
        assert!(a.apply(
            Edit::ActionToDate("1.1".into(), "Network launched".into()),
            &at(400)
        ));
        let answer = a.answer("1.1");
        assert_eq!(answer.rating.value, Rating::WorkInProgress);
        assert_eq!(answer.rating.changed_at, Some(200));
        assert_eq!(answer.action_to_date.value, "Network launched");
        assert_eq!(
            answer.note.changed_at, None,
            "untouched fields have no time"
        );
        assert_eq!(a.touched_at, 400);
        assert!(!a.apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), &at(500)));
        assert_eq!(a.touched_at, 400, "repeating a value is not a change");
    }

    #[test]
    fn edits_over_a_limit_are_refused_and_change_nothing() {
        let mut a = Assessment::new("a1", "Main site", &at(1));
        let before = a.clone();
        assert!(!a.apply(
            Edit::Note("1.1".into(), "x".repeat(MAX_TEXT_CHARS + 1)),
            &at(2)
        ));
        assert!(!a.apply(
            Edit::Owner("1.1".into(), "x".repeat(MAX_SHORT_CHARS + 1)),
            &at(2)
        ));
        assert!(!a.apply(Edit::Organisation("x".repeat(MAX_SHORT_CHARS + 1)), &at(2)));
        assert_eq!(a, before);
        assert!(a.apply(Edit::Note("1.1".into(), "x".repeat(MAX_TEXT_CHARS)), &at(3)));
    }

    #[test]
    fn profile_edits_are_recorded() {
        let mut a = Assessment::new("a1", "Main site", &at(100));
        a.apply(Edit::Organisation("Northshire NHS Trust".into()), &at(110));
        a.apply(Edit::OrgType(Some(OrgType::AcuteTrust)), &at(120));
        a.apply(Edit::AssessedOn("2027-01-15".into()), &at(140));
        assert_eq!(a.profile.organisation.value, "Northshire NHS Trust");
        assert_eq!(a.profile.org_type.value, Some(OrgType::AcuteTrust));
        assert_eq!(a.profile.assessed_on.changed_at, Some(140));
        assert_eq!(
            OrgType::from_key("integrated_care_board"),
            Some(OrgType::IntegratedCareBoard)
        );
        assert_eq!(OrgType::from_key("nope"), None);
    }

    #[test]
    fn merging_takes_each_sides_own_changes_whatever_their_clocks() {
        let mut base = Assessment::new("a1", "Main site", &at(100));
        base.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &at(150));
        let mut mine = base.clone();
        let mut theirs = base.clone();
        let them = |t| Stamp::at(t);
        mine.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(300));
        // Their clock is years behind: it does not matter.
        theirs.apply(
            Edit::Note("1.1".into(), "Board minutes".into()),
            &them(-9_000_000),
        );
        theirs.apply(
            Edit::Rating("1.2".into(), Rating::WorkInProgress),
            &them(-9_000_000),
        );
        let merged = mine.merged(&theirs);
        assert_eq!(merged.rating("1.1"), Rating::InPlace);
        assert_eq!(merged.answer("1.1").note.value, "Board minutes");
        assert_eq!(merged.rating("1.2"), Rating::WorkInProgress);
        assert_eq!(merged, theirs.merged(&mine), "order does not matter");
        assert_eq!(
            merged.merged(&theirs),
            merged,
            "merging again changes nothing"
        );
        assert!(merged.edits_seen() > mine.edits_seen());
    }

    #[test]
    fn a_round_freezes_values_only() {
        let mut a = Assessment::new("a1", "Main site", &at(1));
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &at(2));
        assert!(a.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1".into()
            },
            &at(3)
        ));
        assert_eq!(
            a.rounds[0].answers["1.1"].rating,
            Stamped::untouched(Rating::InPlace)
        );
        assert!(!a.apply(
            Edit::SaveRound {
                id: "r1".into(),
                name: "Q1".into()
            },
            &at(4)
        ));
        assert!(a.apply(Edit::DeleteRound("r1".into()), &at(5)));
        assert!(
            !a.apply(
                Edit::SaveRound {
                    id: "r1".into(),
                    name: "Q1".into()
                },
                &at(6)
            ),
            "a deleted round's id is never reused"
        );
    }
}
