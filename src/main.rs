// Trunk builds this binary for the browser; natively it does nothing, so that
// `cargo test` can build the whole crate without a browser.
fn main() {
    #[cfg(target_arch = "wasm32")]
    inclusion_framework::app::start();
}
