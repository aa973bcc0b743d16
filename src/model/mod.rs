//! The domain model: plain data and pure functions, no browser, no signals.
//!
//! Every change goes through `Assessment::apply` (or a `Workspace` method)
//! with the time passed in, so it can be tested natively and merged
//! deterministically: each field remembers when it last changed.

mod answer;
mod assessment;
mod date;
mod persist;
mod summary;
mod workspace;

pub use answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp};
pub use assessment::{Assessment, Edit, OrgType, Profile};
pub use date::Date;
pub use persist::{decode, encode, Envelope, LoadError, SCHEMA_VERSION, STORAGE_KEY};
pub use summary::{completeness, focus_order, is_overdue, summarise, Completeness, PillarSummary};
pub use workspace::Workspace;
