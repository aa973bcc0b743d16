//! Health and Care LGBTQ+ Inclusion Framework, in the browser.
//!
//! The functional core (`content`, `markup`, `route`, `model`) is plain data and pure
//! functions, built and tested natively. The Leptos shell (`app`, `state`,
//! `storage`, `pages`, `components`) exists only on wasm32 and draws that data.

pub mod content;
pub mod markup;
pub mod model;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod folder;
#[cfg(target_arch = "wasm32")]
mod offline;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod parts;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod sync;
