//! One component per page; each starts with its `<h1>`.

mod glossary;
mod not_found;
mod overview;
mod pillar;
mod resources;

pub use glossary::GlossaryPage;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use pillar::PillarPage;
pub use resources::ResourcesPage;
