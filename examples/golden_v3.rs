//! Writes tests/fixtures/export-v3.json: the version 2 golden sample read and
//! exported by this version (`cargo run --example golden_v3`). Run once per
//! format change; the test checks the two read to the same answers.
use inclusion_framework::content::framework;
use inclusion_framework::model::{export, parse_import};

fn main() {
    let v2 = std::fs::read("tests/fixtures/export-v2.json").expect("the v2 sample");
    let file = parse_import(&v2, framework()).expect("it reads");
    let text = export(&file.assessments, &file.app_version, file.exported_at);
    std::fs::write("tests/fixtures/export-v3.json", text + "\n").expect("written");
}
