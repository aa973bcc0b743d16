use super::zip::tests::{deflated, lie_about_sizes};
use super::*;
use crate::content::framework;
use crate::model::date::Date;
use crate::model::table::{to_csv, to_xlsx};
use crate::model::{conflicts, Edit, MergeMode, Stamp, Workspace};
use std::io::Read;

fn at(_writer: &str, t: i64) -> Stamp {
    Stamp::at(t)
}

fn sample() -> Assessment {
    let mut a = Assessment::new("a1", "Main site", &at("me", 1));
    let s = at("me", 2);
    a.apply(Edit::Organisation("Northshire NHS Trust".into()), &s);
    a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
    a.apply(Edit::Note("1.1".into(), "Board paper".into()), &s);
    a.apply(Edit::Progress("2.3".into(), Progress::Moderate), &s);
    a.apply(
        Edit::ActionToDate("1.2".into(), "=HYPERLINK(\"x\")".into()),
        &s,
    );
    a.apply(Edit::TargetDate("2.3".into(), "2027-03-31".into()), &s);
    a
}

fn today() -> Date {
    Date::parse("2027-01-01").unwrap()
}

fn parse(name: &str, bytes: &[u8]) -> Result<SheetImport, SheetError> {
    parse_sheet(name, bytes, framework())
}

/// The export re-packed as spreadsheet programs save it: deflated.
fn repacked(xlsx: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.push((file.name().to_string(), edit(file.name(), text)));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    deflated(&refs)
}

#[test]
fn the_apps_own_exports_read_back_exactly() {
    let a = sample();
    let xlsx = parse("a.xlsx", &to_xlsx(framework(), &a, today())).unwrap();
    assert_eq!(xlsx.problems, []);
    assert_eq!(xlsx.id.as_deref(), Some("a1"));
    assert_eq!(xlsx.good_rows, 34);
    let csv_text = format!("\u{feff}{}", to_csv(framework(), &a, today()));
    let csv = parse("a.csv", csv_text.as_bytes()).unwrap();
    assert_eq!(csv.problems, []);
    assert_eq!(csv.values, xlsx.values);
    let copy = xlsx.as_new("new", "x", &at("sheet", 9));
    assert_eq!(
        Field::Note("1.1".into()).get(&copy),
        FieldValue::Text("Board paper".into())
    );
    assert_eq!(
        Field::ActionToDate("1.2".into()).get(&copy),
        FieldValue::Text("=HYPERLINK(\"x\")".into()),
        "the CSV guard is undone"
    );
    assert_eq!(copy.name.value, "Main site");
    assert_eq!(copy.profile.organisation.value, "Northshire NHS Trust");
    assert!(crate::model::changes(&a, &copy)
        .iter()
        .all(|c| c.field == Field::Name));
    // Merging an unedited export changes nothing.
    let theirs = xlsx.as_colleague(&a, &at("sheet", 9));
    assert_eq!(a.merged(&theirs), a);
}

#[test]
fn edits_made_in_a_spreadsheet_program_are_read() {
    let a = sample();
    let bytes = repacked(&to_xlsx(framework(), &a, today()), |name, text| {
        if name.ends_with("sheet1.xml") {
            // Progress for 2.3, written by hand, with other capitalisation
            // and spaces, and a date as an Excel day number.
            // (The app writes it as a date, day 46477: 31 March 2027.)
            let text = text.replace(">Moderate progress<", ">  significant <");
            let start = text.find(r#"<c r="G16""#).expect("the target date cell");
            let end = start + text[start..].find("</c>").unwrap() + "</c>".len();
            assert!(text[start..end].contains("46477"), "{}", &text[start..end]);
            format!(
                "{}{}{}",
                &text[..start],
                r#"<c r="G16" s="2"><v>46507</v></c>"#,
                &text[end..]
            )
        } else {
            text
        }
    });
    let read = parse("edited.xlsx", &bytes).unwrap();
    assert_eq!(read.problems, []);
    assert_eq!(
        read.values[&Field::Progress("2.3".into())],
        FieldValue::Progress(Progress::Significant)
    );
    assert_eq!(
        read.values[&Field::TargetDate("2.3".into())],
        FieldValue::Text("2027-04-30".into())
    );
}

#[test]
fn rows_reordered_an_extra_column_and_blank_rows() {
    let csv = "Comments,Notes,Element,Rating,What tells us this\r\n\r\nlooks fine,,2.1,not in place,Survey\r\n,x,1.1,In Place,  Board  \r\n,,,\r\n";
    let read = parse("x.csv", csv.as_bytes()).unwrap();
    assert_eq!(read.problems, []);
    assert_eq!(
        read.ignored,
        ["Comments", "Notes"],
        "the app's own header wins"
    );
    assert_eq!(read.good_rows, 2);
    assert_eq!(
        read.values[&Field::Rating("2.1".into())],
        FieldValue::Rating(Rating::NotInPlace)
    );
    assert_eq!(
        read.values[&Field::Note("1.1".into())],
        FieldValue::Text("Board".into())
    );
    // Semicolons, as some spreadsheet programs save.
    let read = parse("x.csv", b"Element;Progress\n3.1;No progress\n").unwrap();
    assert_eq!(read.good_rows, 1);
}

#[test]
fn every_problem_names_its_sheet_row_and_column() {
    let a = sample();
    let bytes = repacked(&to_xlsx(framework(), &a, today()), |name, text| {
        if name.ends_with("sheet1.xml") {
            text.replace(">Moderate progress<", ">Nearly<")
        } else if name.ends_with("sheet2.xml") {
            text.replace(">In place<", ">Mostly<")
        } else {
            text
        }
    });
    let read = parse("bad.xlsx", &bytes).unwrap();
    let said: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        said,
        [
            "Sheet Progress checklist, row 16, column C (Progress): ‘Nearly’ is not a progress level: use No progress, Moderate progress or Significant progress",
            "Sheet Self-assessment, row 10, column D (Rating): ‘Mostly’ is not a rating: use In place, Work in progress or Not in place",
        ]
    );
    assert_eq!((read.good_rows, read.bad_rows), (32, 2));
    assert!(!read.values.contains_key(&Field::Progress("2.3".into())));
    assert!(
        !read.values.contains_key(&Field::Note("1.1".into())),
        "the whole bad row is left out"
    );

    let csv = "Element,Rating,Owner,Target date\n9.9,In place,,\nx,In place,,\n1.1,,,next spring\n1.2,,{long},\n1.2,,,\n";
    let csv = csv.replace("{long}", &"o".repeat(301));
    let read = parse("bad.csv", csv.as_bytes()).unwrap();
    let said: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        said,
        [
            "Row 2, column A (Element): 9.9 is not an element of the framework: use one from 1.1 to 6.2",
            "Row 3, column A (Element): ‘x’ is not an element number: use one from 1.1 to 6.2",
            "Row 4, column D (Target date): ‘next spring’ is not a date: write it as a date, such as 31/03/2027",
            "Row 5, column C (Owner): the text is too long (301 characters; the limit is 300)",
            "Row 6, column A (Element): element 1.2 is also in row 5: keep one row for each element",
        ]
    );
    assert_eq!((read.good_rows, read.bad_rows), (0, 5));
}

#[test]
fn hostile_and_foreign_files_are_refused() {
    assert_eq!(parse("x.xlsx", b""), Err(SheetError::Empty));
    assert_eq!(
        parse("x.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(SheetError::NotSpreadsheet)
    );
    assert_eq!(
        parse("x.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(SheetError::NotSpreadsheet)
    );
    assert_eq!(
        parse("x.csv", b"name,age\nSam,4\n"),
        Err(SheetError::NoTable)
    );
    let big = vec![b' '; crate::model::limits::MAX_UNZIPPED_PART_BYTES + 10];
    let bomb = deflated(&[("xl/workbook.xml", &big)]);
    assert!(matches!(
        parse("b.xlsx", &bomb),
        Err(SheetError::Bomb { .. })
    ));
    let mut liar = bomb.clone();
    lie_about_sizes(&mut liar, 100);
    assert!(matches!(
        parse("b.xlsx", &liar),
        Err(SheetError::Bomb { .. })
    ));
    let doctype = repacked(&to_xlsx(framework(), &sample(), today()), |name, text| {
        if name.ends_with("sheet1.xml") {
            text.replacen(
                "?>",
                "?><!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>",
                1,
            )
            .replace(">Moderate progress<", ">&b;<")
        } else {
            text
        }
    });
    assert_eq!(parse("d.xlsx", &doctype), Err(SheetError::Doctype));
    let rows: String = (0..1100).map(|i| format!("1.1,row {i}\n")).collect();
    let huge = format!("Element,Owner\n{rows}");
    assert!(matches!(
        parse("h.csv", huge.as_bytes()),
        Err(SheetError::TooManyRows { .. })
    ));
}

fn workspace_with(a: Assessment) -> Workspace {
    let mut w = Workspace::fresh("other", &at("me", 0));
    w.add(a.clone());
    w.switch(&a.id);
    w
}

#[test]
fn only_cells_changed_since_the_export_count_as_their_changes() {
    let exported = sample();
    let file = to_xlsx(framework(), &exported, today());
    // Since the export we changed 1.1's note and 2.3's progress here.
    let mut ours = exported.clone();
    ours.apply(
        Edit::Note("1.1".into(), "Board paper and survey".into()),
        &at("me", 3),
    );
    ours.apply(
        Edit::Progress("2.3".into(), Progress::NoProgress),
        &at("me", 3),
    );
    // They changed 2.1's rating and 2.3's progress, and left 1.1's note.
    let edited = repacked(&file, |name, text| {
        if name.ends_with("sheet1.xml") {
            text.replace(">Moderate progress<", ">Significant progress<")
        } else if name.ends_with("sheet2.xml") {
            let row =
                r#"<c r="B14" t="inlineStr" s="2"><is><t xml:space="preserve">2.1</t></is></c>"#;
            assert!(text.contains(row));
            text.replace(
                row,
                &format!(r#"{row}<c r="D14" t="inlineStr"><is><t>Work in progress</t></is></c>"#),
            )
        } else {
            text
        }
    });
    let read = parse("edited.xlsx", &edited).unwrap();
    assert_eq!(read.problems, []);
    assert!(read.made_from(&ours));
    let theirs = read.as_colleague(&ours, &at("sheet-1", 10));
    let found = conflicts(&ours, &theirs);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].field, Field::Progress("2.3".into()));
    let mut w = workspace_with(ours.clone());
    let keep_ours = (found[0].field.clone(), found[0].versions[0].value.clone());
    assert!(found[0].versions[0].ours && !found[0].versions[1].ours);
    let done = w
        .merge_current(&theirs, MergeMode::Causal, &[keep_ours], &at("me", 11))
        .unwrap();
    let merged = w.current();
    assert_eq!(merged.rating("2.1"), Rating::WorkInProgress, "theirs taken");
    assert_eq!(
        merged.answer("1.1").note.value,
        "Board paper and survey",
        "their unedited cell leaves our later change alone"
    );
    assert!(done
        .changes
        .iter()
        .any(|c| c.field == Field::Rating("2.1".into())));
    // Undo puts it back.
    let mut n = 0;
    w.undo_import(&done, &at("me", 12), || {
        n += 1;
        format!("id{n}")
    });
    assert_eq!(w.current().rating("2.1"), Rating::NotAssessed);

    // A file without the check (or another assessment's) is a new copy:
    // its filled cells that differ from ours conflict, empty ones erase nothing.
    let mut other = read.clone();
    other.check = None;
    let theirs = other.as_colleague(&ours, &at("sheet-2", 10));
    let fields: Vec<Field> = conflicts(&ours, &theirs)
        .into_iter()
        .map(|c| c.field)
        .collect();
    assert_eq!(
        fields,
        [Field::Note("1.1".into()), Field::Progress("2.3".into())]
    );
    let blank = Assessment::new("a1", "x", &at("me", 1));
    let theirs = other.as_colleague(&blank, &at("sheet-3", 10));
    assert_eq!(conflicts(&blank, &theirs), []);
    assert_eq!(blank.merged(&theirs).rating("1.1"), Rating::InPlace);
}

#[test]
fn replace_keeps_what_the_file_has_no_column_for() {
    let ours = sample();
    let csv = "Element,Rating\n1.1,Not in place\n";
    let read = parse("r.csv", csv.as_bytes()).unwrap();
    let theirs = read.over(&ours, &at("sheet", 5));
    let mut w = workspace_with(ours);
    w.replace_current(&theirs, &at("me", 6), || "r".into());
    assert_eq!(w.current().rating("1.1"), Rating::NotInPlace);
    assert_eq!(w.current().answer("1.1").note.value, "Board paper");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No file, however damaged, panics the importer.
    #[test]
    fn no_input_panics_the_importer(
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        at in proptest::prelude::any::<proptest::sample::Index>(),
        flips in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()), 1..8),
    ) {
        let _ = parse("x.csv", &noise);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&noise);
        let _ = parse("x.xlsx", &zipped);
        // A real export, deflated, cut short or with bytes changed.
        let good = repacked(&to_xlsx(framework(), &sample(), today()), |_, t| t);
        let _ = parse("x.xlsx", &good[..at.index(good.len())]);
        let mut bent = good.clone();
        for (i, b) in &flips {
            let i = i.index(bent.len());
            bent[i] ^= b;
        }
        let _ = parse("x.xlsx", &bent);
    }
}

#[test]
fn the_export_check_stays_on_one_line_in_the_workbook() {
    let xlsx = to_xlsx(framework(), &sample(), today());
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let mut text = String::new();
        archive
            .by_name(part)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert!(text
            .contains(r#"<c r="A7" t="inlineStr" s="8"><is><t xml:space="preserve">Export check"#));
        assert!(text.contains(r#"<c r="B7" t="inlineStr" s="8"><is><t xml:space="preserve">c1 "#));
        assert!(
            text.contains(r#"<c r="A5" t="inlineStr" s="1">"#),
            "the rest of About stays bold"
        );
    }
}

#[test]
fn a_spreadsheet_from_a_colleagues_copy_brings_their_earlier_edits() {
    // They imported our file, rated 3.1 in the app, then downloaded the
    // spreadsheet and edited 4.1 in it. Meanwhile we changed 1.1's note.
    let ours_then = sample();
    let mut theirs = ours_then.clone();
    theirs.apply(Edit::Rating("3.1".into(), Rating::InPlace), &at("them", 5));
    let file = to_xlsx(framework(), &theirs, today());
    let edited = repacked(&file, |name, text| {
        if name.ends_with("sheet2.xml") {
            let row =
                r#"<c r="B19" t="inlineStr" s="2"><is><t xml:space="preserve">4.1</t></is></c>"#;
            assert!(text.contains(row));
            text.replace(
                row,
                &format!(r#"{row}<c r="D19" t="inlineStr"><is><t>Not in place</t></is></c>"#),
            )
        } else {
            text
        }
    });
    let mut ours = ours_then.clone();
    ours.apply(Edit::Note("1.1".into(), "Ours, later".into()), &at("me", 6));
    let read = parse("theirs.xlsx", &edited).unwrap();
    assert!(read.made_from(&ours), "the same assessment");
    let merged = ours.merged(&read.as_colleague(&ours, &at("sheet", 9)));
    assert_eq!(
        merged.rating("3.1"),
        Rating::InPlace,
        "their earlier edit, unseen here, comes in"
    );
    assert_eq!(
        merged.rating("4.1"),
        Rating::NotInPlace,
        "their spreadsheet edit comes in"
    );
    assert_eq!(
        merged.answer("1.1").note.value,
        "Ours, later",
        "a value we have seen, unedited, is not theirs"
    );
    assert_eq!(
        conflicts(&ours, &read.as_colleague(&ours, &at("sheet", 9))),
        []
    );
}
