//! The domain model: plain data and pure functions, no browser, no signals.
//!
//! Every change goes through `Assessment::apply` (or a `Workspace` method)
//! with a `Stamp` (who, and the time to show) passed in, so it can be tested
//! natively. Merging is decided by what each copy has seen (version vectors
//! per field, `clock.rs`), never by comparing times.

mod actions;
mod answer;
mod assessment;
pub mod board;
mod clock;
mod date;
mod date_input;
mod exchange;
mod field;

pub mod folder_sync;
pub mod import;
pub mod limits;
mod merge;
mod movement;
mod order;
mod persist;
mod profile;
mod reminder;
pub mod replicas;
pub mod rollup;
mod rounds;
pub mod sample_year;
pub mod sheet;
mod start;
pub mod store;
mod summary;
pub mod table;
mod tasks;
mod wire;
mod workspace;
pub mod xlsx;

pub use actions::{
    actions, focus_elements, owners, tracker, Action, ActionFilter, ActionSort, ActionStatus,
};
pub use answer::{ElementAnswer, Progress, Rating, Stamped, Timestamp, Version};
pub use assessment::{Assessment, Edit};
pub use clock::{session, start_session, Clock, Dot, Stamp, WriterId};
pub use date::Date;
pub use date_input::{
    past_target_question, target_entry, DatePart, DateParts, DateProblem, TargetEntry,
};
pub use exchange::{
    check_size, export, file_stem, parse_import, preview, ExportFile, ImportError, Preview,
    FILE_FORMAT, FILE_VERSION,
};
pub use field::{Field, FieldValue, FieldVersion};
pub use limits::MAX_FILE_BYTES;
pub use merge::{
    changes, conflicts, differences, merge_mode, nothing_new, questions, unanswered, Change,
    Choice, Conflict, ImportKind, ImportRecord, MergeMode, Undone,
};
pub use movement::{compare, shown_changes, tally, trend, ElementChange, Movement, TrendLine};
pub use persist::{decode, decode_ratings, encode, Envelope, LoadError, SCHEMA_VERSION};
pub use profile::{OrgType, Profile};
pub use reminder::{export_reminder, Reminder};
pub use rounds::Round;
pub use start::{StartDetails, StartError, START_DATE};
pub use store::LEGACY_KEY;
pub use summary::{
    completeness, focus_order, is_overdue, summarise, Completeness, PillarSummary, FOCUS_RULE,
    FOCUS_RULE_PLAIN,
};
pub use tasks::{continue_at, pillar_tasks, profile_status, Continue, PillarTasks, TaskStatus};
pub use workspace::{Deleted, Workspace, DEFAULT_NAME};
