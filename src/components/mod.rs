//! Small reusable pieces of NHS.UK markup.

pub mod date_input;
pub mod fields;
pub mod focus;
pub mod layout;
pub mod pagination;
pub mod rating;
pub mod rich_text;
pub mod status;
pub mod versions;
