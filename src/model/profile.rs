//! Who the assessment is for: the organisation's profile and its kind.
//! Below the assessment (which holds a profile, and review rounds hold a
//! frozen one), above the registers it is made of.

use super::answer::{json_string, LegacyKey, Stamped};
use super::clock::Clock;
use serde::{Deserialize, Serialize};

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

impl Profile {
    pub(super) fn merged(&self, other: &Profile, ours: &Clock, theirs: &Clock) -> Profile {
        Profile {
            organisation: self.organisation.merged(&other.organisation, ours, theirs),
            org_type: self.org_type.merged(&other.org_type, ours, theirs),
            completed_by: self.completed_by.merged(&other.completed_by, ours, theirs),
            assessed_on: self.assessed_on.merged(&other.assessed_on, ours, theirs),
        }
    }

    pub fn frozen(&self) -> Profile {
        Profile {
            organisation: self.organisation.frozen(),
            org_type: self.org_type.frozen(),
            completed_by: self.completed_by.frozen(),
            assessed_on: self.assessed_on.frozen(),
        }
    }
}

impl LegacyKey for Option<OrgType> {
    fn legacy_key(&self) -> String {
        match self {
            Some(t) => json_string(t.key()),
            None => "null".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_type_is_read_from_version_1_files_as_written() {
        for t in OrgType::ALL.map(Some).into_iter().chain([None]) {
            assert_eq!(t.legacy_key(), serde_json::to_string(&t).unwrap());
        }
    }
}
