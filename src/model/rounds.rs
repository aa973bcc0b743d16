//! Review rounds: frozen, dated copies of an assessment's answers. How they
//! are made and merged is the assessment's (`assessment.rs`); how two points
//! compare is `movement.rs`'s, so a round needs nothing above the answers.

use super::answer::{ElementAnswer, Stamped, Timestamp};
use super::profile::Profile;
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

impl Round {
    /// Rounds in the order they were taken (then by id, so every copy
    /// lists them alike).
    pub fn in_order(rounds: &mut [Round]) {
        super::order::sort_by(rounds, |x, y| (x.taken_at, &x.id).cmp(&(y.taken_at, &y.id)));
    }
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
