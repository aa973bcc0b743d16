//! Writes a sample workbook (a filled-in assessment, as "Download
//! spreadsheet" makes it) to the path given, so it can be opened in Excel
//! or LibreOffice, or read with exceljs:
//! `cargo run --example xlsx_sample -- target/sample.xlsx`.
use inclusion_framework::content::framework;
use inclusion_framework::model::table::to_xlsx;
use inclusion_framework::model::{Assessment, Date, Edit, Progress, Rating, Stamp};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("a path to write the .xlsx to");
    let s = Stamp::at(0);
    let mut a = Assessment::new("sample", "2027 self-assessment", &s);
    a.apply(
        Edit::Organisation("Northshire NHS Foundation Trust".into()),
        &s,
    );
    a.apply(Edit::AssessedOn("2027-01-15".into()), &s);
    let ratings = [Rating::InPlace, Rating::WorkInProgress, Rating::NotInPlace];
    for (i, e) in framework().elements().enumerate() {
        a.apply(Edit::Rating(e.id.clone(), ratings[i % 3]), &s);
    }
    a.apply(Edit::Progress("3.1".into(), Progress::NoProgress), &s);
    a.apply(Edit::Owner("3.1".into(), "Director of Nursing".into()), &s);
    a.apply(Edit::TargetDate("3.1".into(), "2027-03-31".into()), &s);
    let today = Date::parse("2027-06-01").expect("a date");
    std::fs::write(&path, to_xlsx(framework(), &a, today)).expect("written");
}
