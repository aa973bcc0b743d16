//! Importing the app's own spreadsheet (.xlsx) or CSV after colleagues have
//! edited it in Excel, LibreOffice or an online spreadsheet.
//!
//! Rows are matched by element number and columns by their headers' words,
//! never by position, so reordered rows, extra columns and blank rows read
//! the same. Every cell is checked; a problem names its sheet, row and
//! column. What the file holds becomes an `Assessment` for the same import
//! steps as a JSON file (`merge.rs`). Nothing here changes anything.

mod csv;
mod words;
mod xml;
mod zip;

use super::answer::{Progress, Rating};
use super::assessment::{Assessment, OrgType};
use super::clock::{Clock, Dot, Stamp};
use super::field::{Field, FieldValue};
use super::limits::{fits, MAX_FILE_BYTES, MAX_SHORT_CHARS, MAX_TEXT_CHARS};
use crate::content::Framework;
use std::collections::{BTreeMap, BTreeSet};
use words::{AboutLabel, Column};

/// One cell: its text as shown, and its number if it holds one.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub number: Option<f64>,
}

impl Cell {
    fn text(text: String) -> Cell {
        Cell { text, number: None }
    }
}

/// One sheet: its name (none for a CSV) and its non-empty rows, each with
/// its row number and its cells by column index.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub name: Option<String>,
    pub rows: Vec<(usize, Vec<(usize, Cell)>)>,
}

/// Why a whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    Empty,
    TooLarge { bytes: u64 },
    NotSpreadsheet,
    OldExcel,
    Encrypted,
    Damaged,
    Bomb { part: String },
    TooManyParts,
    TooManySheets,
    Doctype,
    BadXml { part: String },
    TooManyRows { sheet: String },
    TooManyCells { sheet: String },
    NoTable,
}

fn sheet_words(sheet: &str) -> String {
    if sheet.is_empty() {
        "The file".into()
    } else {
        format!("Sheet ‘{sheet}’")
    }
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::limits::{MAX_SHEETS, MAX_SHEET_CELLS, MAX_SHEET_ROWS};
        match self {
            SheetError::Empty => write!(f, "The file is empty"),
            SheetError::TooLarge { bytes } => write!(f, "The file is {} MB – it must be smaller than {} MB", bytes / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024)),
            SheetError::NotSpreadsheet => write!(f, "The file is not a spreadsheet this app can read: choose the .xlsx or .csv file downloaded from this app (after editing it is fine), or a .json file"),
            SheetError::OldExcel => write!(f, "The file is an older Excel (.xls) workbook: open it in Excel and save it as an Excel Workbook (.xlsx), then import that"),
            SheetError::Encrypted => write!(f, "The file is protected with a password: save a copy without one, then import that"),
            SheetError::Damaged => write!(f, "The file is damaged or incomplete: it could not be unpacked. Save it again from your spreadsheet program, or ask for it to be sent again"),
            SheetError::Bomb { part } => write!(f, "The file was refused for safety: part ‘{part}’ would unpack to far more than any checklist needs (it may be damaged or made to cause harm)"),
            SheetError::TooManyParts => write!(f, "The file was refused for safety: it holds far more parts than a spreadsheet of this checklist"),
            SheetError::TooManySheets => write!(f, "The file has more than {MAX_SHEETS} sheets: import the checklist’s own workbook"),
            SheetError::Doctype => write!(f, "The file was refused for safety: it holds a document type declaration (DOCTYPE), which spreadsheets do not use"),
            SheetError::BadXml { part } => write!(f, "The file is damaged: its part ‘{part}’ could not be read"),
            SheetError::TooManyRows { sheet } => write!(f, "{} has more than {MAX_SHEET_ROWS} rows: this checklist has 17, so it is not one this app can import", sheet_words(sheet)),
            SheetError::TooManyCells { sheet } => write!(f, "{} has more than {MAX_SHEET_CELLS} cells: this checklist has far fewer, so it is not one this app can import", sheet_words(sheet)),
            SheetError::NoTable => write!(f, "No sheet in the file has the checklist’s columns: a header row with “Element” or “Recommendation” and at least one of Rating, Progress, Action to date, Next steps, Owner or Target date"),
        }
    }
}

/// One cell (or row) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's name; `None` in a CSV.
    pub sheet: Option<String>,
    pub row: usize,
    /// "C (Progress)".
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "Sheet {sheet}, row {}", self.row)?,
            None => write!(f, "Row {}", self.row)?,
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a spreadsheet holds, checked: every value from its good rows, and
/// a problem for each cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetImport {
    /// The assessment id from the "About" rows, when the app wrote them.
    pub id: Option<String>,
    /// Each field's fingerprint when exported (see `export_check`).
    pub check: Option<BTreeMap<String, String>>,
    pub values: BTreeMap<Field, FieldValue>,
    pub good_rows: usize,
    pub bad_rows: usize,
    pub problems: Vec<Problem>,
    /// Columns not read: "Comments (sheet Progress checklist)".
    pub ignored: Vec<String>,
}

/// Reads and checks a spreadsheet completely. `Err` when the file as a
/// whole cannot be used; otherwise every cell problem is in `problems`.
pub fn parse_sheet(
    file_name: &str,
    bytes: &[u8],
    fw: &Framework,
) -> Result<SheetImport, SheetError> {
    match bytes.len() as u64 {
        0 => return Err(SheetError::Empty),
        n if n > MAX_FILE_BYTES => return Err(SheetError::TooLarge { bytes: n }),
        _ => {}
    }
    if zip::is_zip(bytes) {
        return read_grids(&xml::read(bytes)?, fw);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(SheetError::OldExcel);
    }
    let lower = file_name.to_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|x| lower.ends_with(x))
    {
        return Err(SheetError::NotSpreadsheet);
    }
    let text = csv::decode(bytes)?;
    // The first separator that gives the checklist's columns.
    for separator in [',', ';', '\t'] {
        match read_grids(&[csv::parse(&text, separator)?], fw) {
            Err(SheetError::NoTable) => continue,
            done => return done,
        }
    }
    Err(SheetError::NoTable)
}

/// Whether a file is one for this module rather than the JSON importer.
pub fn is_spreadsheet(file_name: &str, bytes: &[u8]) -> bool {
    let lower = file_name.to_lowercase();
    zip::is_zip(bytes)
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || [".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"]
            .iter()
            .any(|x| lower.ends_with(x))
}

/// The key of a field in the export check.
fn check_key(field: &Field) -> Option<String> {
    let element = |id: &str, c: char| Some(format!("{id}{c}"));
    match field {
        // Not in the spreadsheet: the name heads it, the commentary is the
        // board report's.
        Field::Name | Field::Commentary => None,
        Field::Organisation => Some("o".into()),
        Field::OrgType => Some("t".into()),
        Field::CompletedBy => Some("c".into()),
        Field::AssessedOn => Some("d".into()),
        Field::Rating(id) => element(id, 'r'),
        Field::Note(id) => element(id, 'n'),
        Field::Progress(id) => element(id, 'p'),
        Field::ActionToDate(id) => element(id, 'a'),
        Field::NextSteps(id) => element(id, 'x'),
        Field::Owner(id) => element(id, 'w'),
        Field::TargetDate(id) => element(id, 'g'),
    }
}

fn default_of(field: &Field) -> FieldValue {
    match field {
        Field::Rating(_) => FieldValue::Rating(Rating::default()),
        Field::Progress(_) => FieldValue::Progress(Progress::default()),
        Field::OrgType => FieldValue::OrgType(None),
        _ => FieldValue::Text(String::new()),
    }
}

const CHECK_VERSION: &str = "c1";

/// A field's shown edit and the edits its assessment has seen.
fn clock_of(field: &Field, a: &Assessment) -> (Option<Dot>, Clock) {
    let shown = field.versions(a).into_iter().next().map(|v| v.dot);
    (shown, a.seen().clone())
}

/// For the "Export check" row, each field that is not empty: a fingerprint
/// of its value and the edit that wrote it (its writer's short hash and
/// count), as `1.1n:fingerprint@writer.count`. A spreadsheet carries no
/// clocks: on import, a cell still matching its fingerprint was not edited
/// by whoever had the file, and the edit tells whether this browser has
/// seen that value (the file may come from a colleague's copy).
pub fn export_check(a: &Assessment) -> String {
    let mut out = String::from(CHECK_VERSION);
    for field in Field::all(a.answers.keys().cloned()) {
        let value = field.get(a);
        if let Some(k) = check_key(&field) {
            if value != default_of(&field) {
                out.push_str(&format!(" {k}:{}", words::fingerprint(&value)));
                if let (Some(dot), _) = clock_of(&field, a) {
                    let writer = words::short_hash(dot.by.as_str());
                    out.push_str(&format!("@{writer}.{}", dot.n));
                }
            }
        }
    }
    out
}

/// A field's export-time fingerprint, and whether `ours` has seen the edit
/// that wrote it (so that value is in our past, and comparing with it
/// tells who changed what).
fn exported(check: &BTreeMap<String, String>, field: &Field, ours: &Assessment) -> (String, bool) {
    let Some(entry) = check_key(field).and_then(|k| check.get(&k)) else {
        return (words::fingerprint(&default_of(field)), true);
    };
    let (fingerprint, edit) = entry.split_once('@').unwrap_or((entry, ""));
    let seen = match edit.split_once('.') {
        None => true,
        Some((writer, n)) => {
            let n: u64 = n.parse().unwrap_or(u64::MAX);
            let (_, clock) = clock_of(field, ours);
            let seen = clock
                .entries()
                .any(|(w, count)| count >= n && words::short_hash(w.as_str()) == writer);
            seen
        }
    };
    (fingerprint.to_string(), seen)
}

/// The rows the exports add to "About", so an edited copy can be merged
/// as a colleague's changes.
pub fn file_rows(a: &Assessment) -> Vec<[String; 2]> {
    vec![
        ["Assessment id (for importing)".into(), a.id.clone()],
        [
            "Export check (for importing: leave as it is)".into(),
            export_check(a),
        ],
    ]
}

fn parse_check(text: &str) -> Option<BTreeMap<String, String>> {
    let mut tokens = text.split_whitespace();
    if tokens.next() != Some(CHECK_VERSION) {
        return None;
    }
    tokens
        .map(|t| {
            t.split_once(':')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(40).collect();
    if clipped.len() < text.trim().len() {
        format!("{}…", clipped.trim())
    } else {
        clipped.trim().to_string()
    }
}

/// An element number from a cell: "1.1", "1.1 LGBTQ+ leaders…" (a
/// recommendation), or the number 1.1.
fn element_id(cell: &Cell, leading: bool) -> Option<String> {
    if let (Some(n), false) = (cell.number, leading) {
        let tenths = (n * 10.0).round();
        if (n * 10.0 - tenths).abs() < 1e-6 && tenths > 0.0 {
            let t = tenths as u64;
            return Some(format!("{}.{}", t / 10, t % 10));
        }
    }
    let text = cell.text.trim();
    let token = if leading {
        text.split_whitespace().next()?
    } else {
        text
    };
    let token = token.trim_end_matches(['.', ':', ')']);
    let (a, b) = token.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    (digits(a) && digits(b)).then(|| format!("{}.{}", a.trim_start_matches('0'), b))
}

struct Place<'a> {
    sheet: &'a Option<String>,
    row: usize,
}

impl Place<'_> {
    fn problem(&self, column: Option<(usize, &str)>, message: String) -> Problem {
        Problem {
            sheet: self.sheet.clone(),
            row: self.row,
            column: column.map(|(c, header)| {
                let letter = super::xlsx::column(c);
                if header.trim().is_empty() {
                    letter
                } else {
                    format!("{letter} ({})", clip(header))
                }
            }),
            message,
        }
    }
}

/// A cell's value for a field, or what is wrong with it.
fn value_of(column: Column, cell: &Cell) -> Result<FieldValue, String> {
    let raw = words::unguard(&cell.text);
    let quoted = clip(raw);
    let text = |limit: usize| {
        let text = words::clean_text(raw);
        if fits(&text, limit) {
            Ok(FieldValue::Text(text))
        } else {
            Err(format!(
                "the text is too long ({} characters; the limit is {limit})",
                text.chars().count()
            ))
        }
    };
    match column {
        Column::Rating => words::rating(raw)
            .map(FieldValue::Rating)
            .ok_or_else(|| format!("‘{quoted}’ is not a rating: {}", words::RATING_WORDS)),
        Column::Progress => words::progress(raw)
            .map(FieldValue::Progress)
            .ok_or_else(|| {
                format!(
                    "‘{quoted}’ is not a progress level: {}",
                    words::PROGRESS_WORDS
                )
            }),
        Column::TargetDate => words::date(raw, cell.number)
            .map(FieldValue::Text)
            .ok_or_else(|| format!("‘{quoted}’ is not a date: {}", words::DATE_WORDS)),
        Column::Owner => text(MAX_SHORT_CHARS),
        _ => text(MAX_TEXT_CHARS),
    }
}

fn field_for(column: Column, id: &str) -> Option<Field> {
    let id = id.to_string();
    Some(match column {
        Column::Rating => Field::Rating(id),
        Column::Note => Field::Note(id),
        Column::Progress => Field::Progress(id),
        Column::ActionToDate => Field::ActionToDate(id),
        Column::NextSteps => Field::NextSteps(id),
        Column::Owner => Field::Owner(id),
        Column::TargetDate => Field::TargetDate(id),
        _ => return None,
    })
}

fn about_value(label: AboutLabel, cell: &Cell) -> Result<(Option<Field>, FieldValue), String> {
    let raw = words::unguard(&cell.text);
    let short = |field: Field| {
        let text = words::clean_text(raw);
        if fits(&text, MAX_SHORT_CHARS) {
            Ok((Some(field), FieldValue::Text(text)))
        } else {
            Err(format!(
                "the text is too long ({} characters; the limit is {MAX_SHORT_CHARS})",
                text.chars().count()
            ))
        }
    };
    match label {
        AboutLabel::Name => short(Field::Name),
        AboutLabel::Organisation => short(Field::Organisation),
        AboutLabel::CompletedBy => short(Field::CompletedBy),
        AboutLabel::AssessedOn => words::date(raw, cell.number)
            .map(|d| (Some(Field::AssessedOn), FieldValue::Text(d)))
            .ok_or_else(|| format!("‘{}’ is not a date: {}", clip(raw), words::DATE_WORDS)),
        AboutLabel::OrgType => words::org_type(raw)
            .map(|t| (Some(Field::OrgType), FieldValue::OrgType(t)))
            .ok_or_else(|| {
                let all: Vec<&str> = OrgType::ALL.iter().map(|t| t.label()).collect();
                format!(
                    "‘{}’ is not a type of organisation: use one of {}",
                    clip(raw),
                    all.join(", ")
                )
            }),
        AboutLabel::Id | AboutLabel::Check => Ok((None, FieldValue::Text(raw.trim().into()))),
    }
}

fn read_grids(grids: &[Grid], fw: &Framework) -> Result<SheetImport, SheetError> {
    let known: BTreeSet<&str> = fw.elements().map(|e| e.id.as_str()).collect();
    let mut out = SheetImport {
        id: None,
        check: None,
        values: BTreeMap::new(),
        good_rows: 0,
        bad_rows: 0,
        problems: Vec::new(),
        ignored: Vec::new(),
    };
    // Each field's value and where it came from, to spot two that differ.
    let mut from: BTreeMap<Field, (Option<String>, usize)> = BTreeMap::new();
    // About values seen in each sheet, chosen between at the end.
    let mut about: BTreeMap<Field, Vec<FieldValue>> = BTreeMap::new();
    let mut tables = 0;
    for grid in grids {
        let header_at = grid.rows.iter().take(50).position(|(_, cells)| {
            let cols: Vec<Column> = cells
                .iter()
                .filter_map(|(_, c)| Column::from_header(&c.text))
                .collect();
            cols.iter()
                .any(|c| matches!(c, Column::Element | Column::Recommendation))
                && cols.iter().any(|c| c.is_value())
        });
        let Some(header_at) = header_at else {
            continue;
        };
        tables += 1;
        let sheet_label = grid
            .name
            .as_ref()
            .map(|n| format!(" (sheet {n})"))
            .unwrap_or_default();
        // The "About" rows above the table: a label, then its value.
        for (row, cells) in &grid.rows[..header_at] {
            let mut filled = cells.iter().filter(|(_, c)| !c.text.trim().is_empty());
            let (Some((_, label)), value) = (filled.next(), filled.next()) else {
                continue;
            };
            let Some(label) = AboutLabel::from_label(&label.text) else {
                continue;
            };
            let empty = (1, Cell::text(String::new()));
            let (col, cell) = value.unwrap_or(&empty);
            let place = Place {
                sheet: &grid.name,
                row: *row,
            };
            match about_value(label, cell) {
                Ok((Some(field), value)) => about.entry(field).or_default().push(value),
                Ok((None, FieldValue::Text(text))) if label == AboutLabel::Id => {
                    if !text.is_empty() && text.len() <= 100 {
                        out.id.get_or_insert(text);
                    }
                }
                Ok((None, FieldValue::Text(text))) => {
                    if out.check.is_none() {
                        out.check = parse_check(&text);
                    }
                }
                Ok(_) => {}
                Err(message) => {
                    out.bad_rows += 1;
                    out.problems.push(place.problem(Some((*col, "")), message));
                }
            }
        }
        // The header: each column's meaning. A header in the app's own words
        // wins over a looser match ("What tells us this" over "Notes"); then
        // the first of each kind is read.
        let (_, header) = &grid.rows[header_at];
        let mut columns: Vec<(usize, Column, &str)> = Vec::new();
        for exact in [true, false] {
            for (col, cell) in header {
                let Some(kind) = Column::from_header(&cell.text) else {
                    continue;
                };
                let taken = columns.iter().any(|(c, k, _)| *k == kind || c == col);
                if !taken && kind != Column::Derived && words::is_own_header(&cell.text) == exact {
                    columns.push((*col, kind, cell.text.as_str()));
                }
            }
        }
        for (col, cell) in header {
            let derived = Column::from_header(&cell.text) == Some(Column::Derived);
            if !derived && !cell.text.trim().is_empty() && !columns.iter().any(|(c, ..)| c == col) {
                out.ignored
                    .push(format!("{}{sheet_label}", clip(&cell.text)));
            }
        }
        let find = |kind: Column| columns.iter().find(|(_, k, _)| *k == kind);
        let mut rows_of: BTreeMap<String, usize> = BTreeMap::new();
        for (row, cells) in &grid.rows[header_at + 1..] {
            let place = Place {
                sheet: &grid.name,
                row: *row,
            };
            let cell_at = |col: usize| cells.iter().find(|(c, _)| *c == col).map(|(_, x)| x);
            let filled = |col: usize| cell_at(col).is_some_and(|c| !c.text.trim().is_empty());
            let has_values = columns
                .iter()
                .any(|(col, kind, _)| kind.is_value() && filled(*col));
            // The element: its own column, else the recommendation's number.
            let mut id = None;
            let mut id_col = None;
            for kind in [Column::Element, Column::Recommendation] {
                if let Some((col, _, header)) = find(kind) {
                    id_col.get_or_insert((*col, *header));
                    if let Some(cell) = cell_at(*col).filter(|c| !c.text.trim().is_empty()) {
                        id_col = Some((*col, *header));
                        id = Some(
                            element_id(cell, kind == Column::Recommendation)
                                .ok_or_else(|| clip(&cell.text)),
                        );
                        break;
                    }
                }
            }
            let id =
                match id {
                    None if !has_values => continue,
                    None => {
                        out.bad_rows += 1;
                        out.problems.push(place.problem(
                        id_col,
                        "there is no element number: give the row’s element, from 1.1 to 6.2"
                            .into(),
                    ));
                        continue;
                    }
                    Some(Err(_)) if !has_values => continue,
                    Some(Err(text)) => {
                        out.bad_rows += 1;
                        out.problems.push(place.problem(
                            id_col,
                            format!("‘{text}’ is not an element number: use one from 1.1 to 6.2"),
                        ));
                        continue;
                    }
                    Some(Ok(id)) => id,
                };
            if !known.contains(id.as_str()) {
                out.bad_rows += 1;
                out.problems.push(place.problem(
                    id_col,
                    format!("{id} is not an element of the framework: use one from 1.1 to 6.2"),
                ));
                continue;
            }
            if let Some(first) = rows_of.insert(id.clone(), *row) {
                out.bad_rows += 1;
                out.problems.push(place.problem(
                    id_col,
                    format!("element {id} is also in row {first}: keep one row for each element"),
                ));
                continue;
            }
            let mut row_values = Vec::new();
            let mut row_problems = Vec::new();
            for (col, kind, header) in &columns {
                let Some(field) = field_for(*kind, &id) else {
                    continue;
                };
                let empty = Cell::text(String::new());
                let cell = cell_at(*col).unwrap_or(&empty);
                match value_of(*kind, cell) {
                    Ok(value) => {
                        let earlier = out.values.get(&field).filter(|v| **v != value);
                        if let (Some(_), Some((sheet, at))) = (earlier, from.get(&field)) {
                            let where_ = sheet
                                .as_ref()
                                .map(|s| format!("sheet {s}, row {at}"))
                                .unwrap_or_else(|| format!("row {at}"));
                            row_problems.push(place.problem(
                                Some((*col, header)),
                                format!("this differs from the {} for {id} in {where_}: make them the same", field.what().to_lowercase()),
                            ));
                        } else {
                            row_values.push((field, value));
                        }
                    }
                    Err(message) => row_problems.push(place.problem(Some((*col, header)), message)),
                }
            }
            if row_problems.is_empty() {
                out.good_rows += 1;
                for (field, value) in row_values {
                    from.insert(field.clone(), (grid.name.clone(), *row));
                    out.values.insert(field, value);
                }
            } else {
                out.bad_rows += 1;
                out.problems.extend(row_problems);
            }
        }
    }
    if tables == 0 {
        return Err(SheetError::NoTable);
    }
    // An "About" value given differently on two sheets: the one changed
    // since the export wins (else the first).
    for (field, mut seen) in about {
        let base = check_key(&field)
            .and_then(|k| out.check.as_ref().and_then(|c| c.get(&k)))
            .map(|entry| entry.split('@').next().unwrap_or_default().to_string())
            .unwrap_or_else(|| words::fingerprint(&default_of(&field)));
        let pick = seen
            .iter()
            .position(|v| words::fingerprint(v) != base)
            .unwrap_or(0);
        out.values.insert(field, seen.swap_remove(pick));
    }
    Ok(out)
}

/// How an import treats one field when merging.
enum Take {
    /// Not their change: ours stays.
    Leave,
    /// Only they changed it: theirs follows ours, so it wins.
    Follow,
    /// Both changed it: theirs is concurrent, a conflict to settle.
    Concurrent,
}

/// What the file holds, for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPreview {
    pub name: String,
    pub organisation: String,
    pub assessed_on: String,
    pub ratings: usize,
    pub progress: usize,
    pub elements: usize,
}

impl SheetImport {
    fn text(&self, field: &Field) -> String {
        match self.values.get(field) {
            Some(FieldValue::Text(t)) => t.clone(),
            _ => String::new(),
        }
    }

    pub fn preview(&self) -> SheetPreview {
        let count = |f: fn(&FieldValue) -> bool| self.values.values().filter(|v| f(v)).count();
        SheetPreview {
            name: self.text(&Field::Name),
            organisation: self.text(&Field::Organisation),
            assessed_on: self.text(&Field::AssessedOn),
            ratings: count(|v| matches!(v, FieldValue::Rating(r) if *r != Rating::NotAssessed)),
            progress: count(
                |v| matches!(v, FieldValue::Progress(p) if *p != Progress::NotRecorded),
            ),
            elements: self
                .values
                .keys()
                .filter_map(|f| f.element())
                .collect::<BTreeSet<_>>()
                .len(),
        }
    }

    /// The file was made from this assessment by this app (it names the
    /// assessment and carries the export check).
    pub fn made_from(&self, ours: &Assessment) -> bool {
        self.id.as_deref() == Some(ours.id.as_str()) && self.check.is_some()
    }

    /// The file as an assessment of its own, written by `stamp`.
    pub fn as_new(&self, id: &str, fallback_name: &str, stamp: &Stamp) -> Assessment {
        let name = match self.text(&Field::Name) {
            n if n.is_empty() => fallback_name.to_string(),
            n => n,
        };
        let mut a = Assessment::new(id, name, stamp);
        for (field, value) in &self.values {
            if *field != Field::Name {
                field.set(&mut a, value, stamp, false);
            }
        }
        a.answers.retain(|_, x| !x.is_empty());
        a
    }

    /// Ours with every value the file holds written over it (to replace
    /// with): what the file has no column for stays as it is.
    pub fn over(&self, ours: &Assessment, stamp: &Stamp) -> Assessment {
        let mut a = ours.clone();
        for (field, value) in &self.values {
            field.set(&mut a, value, stamp, false);
        }
        a.answers.retain(|_, x| !x.is_empty());
        a
    }

    /// The file as a colleague's copy of `ours`, to merge. When the file was
    /// made from `ours` and this browser has seen a field's value as
    /// exported, a cell still holding it was not edited there and leaves ours
    /// alone; a cell they edited is taken if we have not changed that field
    /// since, and is a conflict if we have. Otherwise (another assessment's
    /// file, one without the check, or a value exported from a copy with
    /// edits we have not seen) every filled cell that differs is theirs:
    /// taken where ours is empty, a conflict where ours holds something
    /// else; empty cells erase nothing. The copy is a fork of ours, so its
    /// edits are a writer of their own.
    pub fn as_colleague(&self, ours: &Assessment, stamp: &Stamp) -> Assessment {
        let base = self.check.as_ref().filter(|_| self.made_from(ours));
        let mut theirs = ours.clone();
        for (field, value) in &self.values {
            if *field == Field::Name {
                continue;
            }
            let current = field.get(ours);
            let conflicted = field.is_conflicted(ours);
            if !conflicted && words::key(&current) == words::key(value) {
                continue;
            }
            let empty = default_of(field);
            // The value as exported, when it is one this browser has seen.
            let base = base
                .map(|check| exported(check, field, ours))
                .and_then(|(fingerprint, seen)| seen.then_some(fingerprint));
            let take = match base {
                Some(exported) => {
                    if words::fingerprint(value) == exported {
                        Take::Leave
                    } else if !conflicted && words::fingerprint(&current) == exported {
                        Take::Follow
                    } else {
                        Take::Concurrent
                    }
                }
                None if *value == empty => Take::Leave,
                None if !conflicted && current == empty => Take::Follow,
                None => Take::Concurrent,
            };
            match take {
                Take::Leave => {}
                Take::Follow => {
                    field.set(&mut theirs, value, stamp, true);
                }
                Take::Concurrent => field.set_beside(&mut theirs, value, stamp),
            }
        }
        theirs.answers.retain(|_, x| !x.is_empty());
        theirs
    }
}

// Native only: they write test files with the `zip` dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
