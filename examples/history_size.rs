//! What a year's history costs: prints the figures for the generated year
//! in `model::sample_year` (the lead editing 12 times a month, ten
//! colleagues twice a month each, files exchanged monthly), as JSON for the
//! benchmark and in words for a person. `cargo run --release --example history_size`.

use inclusion_framework::content::framework;
use inclusion_framework::model::sample_year::generate;

fn main() {
    let size = generate(framework());
    let kb = |b: usize| (b as f64 / 1024.0 * 10.0).round() / 10.0;
    if std::env::args().any(|a| a == "--json") {
        println!(
            "{{\"fileKB\":{},\"bareKB\":{},\"storedKB\":{},\"bareStoredKB\":{},\"writers\":{},\"fileRatio\":{:.2},\"storedRatio\":{:.2}}}",
            kb(size.file),
            kb(size.bare),
            kb(size.stored),
            kb(size.bare_stored),
            size.writers,
            size.file_ratio(),
            size.stored_ratio()
        );
    } else {
        println!(
            "A generated year: {} writers. Exported file {} KB against {} KB for the same answers without history; stored {} KB against {} KB ({:.2}× and {:.2}×; the target is at most 1.5×).",
            size.writers,
            kb(size.file),
            kb(size.bare),
            kb(size.stored),
            kb(size.bare_stored),
            size.file_ratio(),
            size.stored_ratio()
        );
    }
}
