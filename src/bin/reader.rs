//! The reader build: only the reading pages (overview, pillars, glossary,
//! resources, accessibility), so the landing page loads a small wasm. The
//! loader (`scripts/loader.js`) starts it for those pages and swaps in the
//! full app, built from `src/main.rs`, for any other.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    #[cfg(target_arch = "wasm32")]
    inclusion_framework::app::start_reader();
}

/// Called by the loader just before the full app starts in the reader's place.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn stop_reader() {
    inclusion_framework::app::stop_reader();
}
