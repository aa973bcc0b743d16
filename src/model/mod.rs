//! The domain model: plain data and pure functions, no browser, no signals.
//!
//! Every change goes through `Assessment::apply` (or a `Workspace` method)
//! with the time passed in, so it can be tested natively and merged
//! deterministically: each field remembers when it last changed.

mod answer;
mod assessment;
mod date;
mod exchange;
mod persist;
pub mod rollup;
mod rounds;
mod summary;
pub mod table;
mod workspace;
pub mod xlsx;

pub use answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp};
pub use assessment::{Assessment, Edit, OrgType, Profile};
pub use date::Date;
pub use exchange::{
    check_size, conflicts, export, file_stem, merge_into, parse_import, preview, Conflict,
    ExportFile, Field, ImportError, Preview, FILE_FORMAT, FILE_VERSION, MAX_FILE_BYTES,
};
pub use persist::{decode, encode, Envelope, LoadError, SCHEMA_VERSION, STORAGE_KEY};
pub use rounds::{compare, tally, trend, ElementChange, Movement, Round, TrendLine};
pub use summary::{completeness, focus_order, is_overdue, summarise, Completeness, PillarSummary};
pub use workspace::Workspace;
