//! Prints, as JSON, the paths of the pages only the full app draws
//! (`route::editing_paths`). `scripts/write-loader.mjs` runs it at build
//! time to fill in `scripts/loader.js`, so `Page::is_reading` in
//! `src/route.rs` is the one list of reading pages.
fn main() {
    let paths = inclusion_framework::route::editing_paths();
    println!(
        "{}",
        serde_json::to_string(&paths).expect("strings serialise")
    );
}
