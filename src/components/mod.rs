//! Small reusable pieces of NHS.UK markup.

pub mod layout;
pub mod rich_text;
