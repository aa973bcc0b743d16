//! One organisation's assessment: profile plus answers per element.

use super::answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp};
use super::rounds::Round;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Kinds of organisation, for the profile and for comparing organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgType {
    AcuteTrust,
    MentalHealthTrust,
    Community,
    Ambulance,
    PrimaryCare,
    IntegratedCareBoard,
    LocalAuthoritySocialCare,
    IndependentSector,
    VoluntaryCommunitySector,
    Other,
}

impl OrgType {
    pub const ALL: [OrgType; 10] = [
        OrgType::AcuteTrust,
        OrgType::MentalHealthTrust,
        OrgType::Community,
        OrgType::Ambulance,
        OrgType::PrimaryCare,
        OrgType::IntegratedCareBoard,
        OrgType::LocalAuthoritySocialCare,
        OrgType::IndependentSector,
        OrgType::VoluntaryCommunitySector,
        OrgType::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OrgType::AcuteTrust => "Acute trust",
            OrgType::MentalHealthTrust => "Mental health trust",
            OrgType::Community => "Community services",
            OrgType::Ambulance => "Ambulance service",
            OrgType::PrimaryCare => "Primary care",
            OrgType::IntegratedCareBoard => "Integrated care board",
            OrgType::LocalAuthoritySocialCare => "Local authority or social care",
            OrgType::IndependentSector => "Independent sector",
            OrgType::VoluntaryCommunitySector => "Voluntary or community sector",
            OrgType::Other => "Other",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            OrgType::AcuteTrust => "acute_trust",
            OrgType::MentalHealthTrust => "mental_health_trust",
            OrgType::Community => "community",
            OrgType::Ambulance => "ambulance",
            OrgType::PrimaryCare => "primary_care",
            OrgType::IntegratedCareBoard => "integrated_care_board",
            OrgType::LocalAuthoritySocialCare => "local_authority_social_care",
            OrgType::IndependentSector => "independent_sector",
            OrgType::VoluntaryCommunitySector => "voluntary_community_sector",
            OrgType::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<OrgType> {
        OrgType::ALL.into_iter().find(|t| t.key() == key)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub organisation: Stamped<String>,
    pub org_type: Stamped<Option<OrgType>>,
    pub completed_by: Stamped<String>,
    /// "YYYY-MM-DD", or empty.
    pub assessed_on: Stamped<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Unique and stable across copies of the file, so merges match up.
    pub id: String,
    pub name: Stamped<String>,
    pub created_at: Timestamp,
    /// Latest change to anything in it (or its restoration after a delete).
    pub touched_at: Timestamp,
    #[serde(default)]
    pub profile: Profile,
    /// Keyed by element id ("1.1" …); elements never touched are absent.
    #[serde(default)]
    pub answers: BTreeMap<String, ElementAnswer>,
    /// Frozen copies taken at review points, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// Deleted round ids and when, so merges do not bring them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted_rounds: BTreeMap<String, Timestamp>,
}

/// One change a user can make to an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Name(String),
    Organisation(String),
    OrgType(Option<OrgType>),
    CompletedBy(String),
    AssessedOn(String),
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
    pub fn new(id: impl Into<String>, name: impl Into<String>, now: Timestamp) -> Self {
        Assessment {
            id: id.into(),
            name: Stamped::new(name.into(), now),
            created_at: now,
            touched_at: now,
            profile: Profile::default(),
            answers: BTreeMap::new(),
            rounds: Vec::new(),
            deleted_rounds: BTreeMap::new(),
        }
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

    /// Applies one edit at time `now`; returns whether anything changed.
    pub fn apply(&mut self, edit: Edit, now: Timestamp) -> bool {
        let changed = match edit {
            Edit::Name(v) => self.name.set(v, now),
            Edit::Organisation(v) => self.profile.organisation.set(v, now),
            Edit::OrgType(v) => self.profile.org_type.set(v, now),
            Edit::CompletedBy(v) => self.profile.completed_by.set(v, now),
            Edit::AssessedOn(v) => self.profile.assessed_on.set(v, now),
            Edit::Rating(id, v) => self.answers.entry(id).or_default().rating.set(v, now),
            Edit::Note(id, v) => self.answers.entry(id).or_default().note.set(v, now),
            Edit::Progress(id, v) => self.answers.entry(id).or_default().progress.set(v, now),
            Edit::ActionToDate(id, v) => self
                .answers
                .entry(id)
                .or_default()
                .action_to_date
                .set(v, now),
            Edit::NextSteps(id, v) => self.answers.entry(id).or_default().next_steps.set(v, now),
            Edit::Owner(id, v) => self.answers.entry(id).or_default().owner.set(v, now),
            Edit::TargetDate(id, v) => self.answers.entry(id).or_default().target_date.set(v, now),
            Edit::SaveRound { id, name } => {
                let round = Round {
                    id,
                    name: Stamped::new(name, now),
                    taken_at: now,
                    profile: self.profile.clone(),
                    answers: self.answers.clone(),
                };
                self.rounds.push(round);
                true
            }
            Edit::RenameRound(id, name) => self
                .rounds
                .iter_mut()
                .find(|r| r.id == id)
                .is_some_and(|r| r.name.set(name, now)),
            Edit::DeleteRound(id) => {
                let before = self.rounds.len();
                self.rounds.retain(|r| r.id != id);
                let removed = self.rounds.len() != before;
                if removed {
                    self.deleted_rounds.insert(id, now);
                }
                removed
            }
        };
        self.answers.retain(|_, a| !a.is_empty());
        if changed {
            self.touched_at = self.touched_at.max(now);
        }
        changed
    }

    /// Field by field, the newer change wins. Both must share an id.
    pub fn merged(&self, other: &Assessment) -> Assessment {
        debug_assert_eq!(self.id, other.id);
        let mut answers = self.answers.clone();
        for (id, theirs) in &other.answers {
            let merged = match answers.get(id) {
                Some(ours) => ours.merged(theirs),
                None => ElementAnswer::default().merged(theirs),
            };
            answers.insert(id.clone(), merged);
        }
        answers.retain(|_, a| !a.is_empty());
        let (rounds, deleted_rounds) = super::rounds::merge_rounds(self, other);
        Assessment {
            rounds,
            deleted_rounds,
            id: self.id.clone(),
            name: self.name.merged(&other.name),
            created_at: self.created_at.min(other.created_at),
            touched_at: self.touched_at.max(other.touched_at),
            profile: Profile {
                organisation: self
                    .profile
                    .organisation
                    .merged(&other.profile.organisation),
                org_type: self.profile.org_type.merged(&other.profile.org_type),
                completed_by: self
                    .profile
                    .completed_by
                    .merged(&other.profile.completed_by),
                assessed_on: self.profile.assessed_on.merged(&other.profile.assessed_on),
            },
            answers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_and_progress_changes_are_recorded_with_their_time() {
        let mut a = Assessment::new("a1", "Main site", 100);
        assert_eq!(a.rating("1.1"), Rating::NotAssessed);
        assert!(a.apply(Edit::Rating("1.1".into(), Rating::WorkInProgress), 200));
        assert!(a.apply(Edit::Progress("1.1".into(), Progress::Moderate), 300));
        assert!(a.apply(
            Edit::ActionToDate("1.1".into(), "Network launched".into()),
            400
        ));
        let answer = a.answer("1.1");
        assert_eq!(answer.rating, Stamped::new(Rating::WorkInProgress, 200));
        assert_eq!(answer.progress, Stamped::new(Progress::Moderate, 300));
        assert_eq!(
            answer.action_to_date,
            Stamped::new("Network launched".to_string(), 400)
        );
        assert_eq!(
            answer.note.changed_at, None,
            "untouched fields have no time"
        );
        assert_eq!(a.touched_at, 400);
    }

    #[test]
    fn repeating_a_value_is_not_a_change() {
        let mut a = Assessment::new("a1", "Main site", 100);
        a.apply(Edit::Rating("2.1".into(), Rating::InPlace), 200);
        assert!(!a.apply(Edit::Rating("2.1".into(), Rating::InPlace), 300));
        assert_eq!(a.touched_at, 200);
    }

    #[test]
    fn profile_edits_are_stamped() {
        let mut a = Assessment::new("a1", "Main site", 100);
        a.apply(Edit::Organisation("Northshire NHS Trust".into()), 110);
        a.apply(Edit::OrgType(Some(OrgType::AcuteTrust)), 120);
        a.apply(Edit::CompletedBy("EDI lead".into()), 130);
        a.apply(Edit::AssessedOn("2027-01-15".into()), 140);
        assert_eq!(
            a.profile.organisation,
            Stamped::new("Northshire NHS Trust".into(), 110)
        );
        assert_eq!(
            a.profile.org_type,
            Stamped::new(Some(OrgType::AcuteTrust), 120)
        );
        assert_eq!(a.profile.completed_by.changed_at, Some(130));
        assert_eq!(a.profile.assessed_on.value, "2027-01-15");
        assert_eq!(
            OrgType::from_key("integrated_care_board"),
            Some(OrgType::IntegratedCareBoard)
        );
        assert_eq!(OrgType::from_key("nope"), None);
    }

    #[test]
    fn merging_keeps_the_newest_of_each_field() {
        let mut base = Assessment::new("a1", "Main site", 100);
        base.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), 150);
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.apply(Edit::Rating("1.1".into(), Rating::InPlace), 300);
        theirs.apply(Edit::Note("1.1".into(), "Board minutes".into()), 250);
        theirs.apply(Edit::Rating("1.2".into(), Rating::WorkInProgress), 260);
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
    }
}
