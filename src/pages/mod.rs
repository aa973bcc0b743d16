//! One component per page; each starts with its `<h1>`.

mod accessibility;
mod assessments;
mod compare;
mod full_app_loading;
mod glossary;
mod not_found;
mod organisation;
mod overview;
mod pillar;
mod print;
mod privacy;
mod progress;
mod resources;
mod rounds;
mod self_assessment;
mod share;
mod summary;
mod working_on;

pub use accessibility::AccessibilityPage;
pub use assessments::AssessmentsPage;
pub use compare::ComparePage;
pub use full_app_loading::FullAppLoading;
pub use glossary::GlossaryPage;
pub use not_found::NotFoundPage;
pub use organisation::OrganisationPage;
pub use overview::OverviewPage;
pub use pillar::PillarPage;
pub use print::PrintPage;
pub use privacy::PrivacyPage;
pub use progress::ProgressPage;
pub use resources::ResourcesPage;
pub use rounds::RoundsPage;
pub use self_assessment::SelfAssessmentPage;
pub use share::SharePage;
pub use summary::SummaryPage;
