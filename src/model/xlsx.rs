//! A minimal .xlsx writer: text cells in named sheets, a bold header row,
//! wrapped text and column widths, packed in an uncompressed ZIP.
//!
//! Why not a crate: rust_xlsxwriter (with its `wasm` feature) measured
//! 339 KB gzipped in a release wasm32 build here, about twice our whole
//! first load. The format subset below is small, standard (ECMA-376) and
//! opens in Excel, LibreOffice and Google Sheets.

use super::answer::{Progress, Rating};
use super::date::Date;

/// One worksheet: a name, column widths (characters) and rows of text.
///
/// Outside bold rows, a cell whose whole text is a rating's or a progress
/// level's words gets its traffic-light fill (the words stay: colour only
/// reinforces them); with `typed`, a whole "YYYY-MM-DD" becomes a date and
/// a whole number a number.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub widths: Vec<f64>,
    /// Rows whose first cells are bold (header rows), by index.
    pub bold_rows: Vec<usize>,
    pub rows: Vec<Vec<String>>,
    /// How many rows at the top stay in view when scrolling (0: none).
    pub freeze_rows: usize,
    /// Drop-down lists: cells of one column, from one row to another
    /// (indexes, inclusive), offering these words.
    pub lists: Vec<DropDown>,
    /// Dates and numbers as such rather than as text.
    pub typed: bool,
    /// Rows kept to one line, unwrapped (long machine text, such as the
    /// export check), by index.
    pub nowrap_rows: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct DropDown {
    pub column: usize,
    pub first_row: usize,
    pub last_row: usize,
    pub options: Vec<String>,
}

/// Cell styles (indexes into `cellXfs` in styles.xml).
const BOLD: usize = 1;
const WRAPPED: usize = 2;
const DATE: usize = 3;
/// Fills: in place (green), work in progress (yellow), not in place (plum).
const GREEN: usize = 4;
const YELLOW: usize = 5;
const PLUM: usize = 6;
const NUMBER: usize = 7;
const PLAIN: usize = 8;

fn fill_for(text: &str) -> Option<usize> {
    let rating = Rating::ALL.into_iter().find(|r| r.label() == text);
    let progress = Progress::ALL.into_iter().find(|p| p.label() == text);
    match (rating, progress) {
        (Some(Rating::InPlace), _) | (_, Some(Progress::Significant)) => Some(GREEN),
        (Some(Rating::WorkInProgress), _) | (_, Some(Progress::Moderate)) => Some(YELLOW),
        (Some(Rating::NotInPlace), _) | (_, Some(Progress::NoProgress)) => Some(PLUM),
        _ => None,
    }
}

/// Days from Excel's day 0 (30 December 1899) to 1 January 1970.
const EXCEL_EPOCH_OFFSET: i64 = 25_569;

/// The bytes of a workbook holding `sheets`, in order.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut zip = Zip::default();
    let overrides: String = (1..=sheets.len())
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    zip.add("[Content_Types].xml", &format!(
        r#"{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
    ));
    zip.add("_rels/.rels", &format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    ));
    let sheet_list: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                escape(&sheet_name(&s.name)),
                i + 1,
                i + 1
            )
        })
        .collect();
    zip.add("xl/workbook.xml", &format!(
        r#"{XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheet_list}</sheets></workbook>"#
    ));
    let mut rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        sheets.len() + 1
    ));
    zip.add("xl/_rels/workbook.xml.rels", &format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    ));
    // Styles: 0 default; 1 bold; 2 wrapped, top-aligned; 3 a date
    // ("1 March 2027"); 4–6 wrapped with a traffic-light fill (green,
    // yellow, plum, the app's tag colours); 7 a whole number; 8 plain,
    // unwrapped.
    let fill = |rgb: &str| {
        format!(
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>"#
        )
    };
    let wrap = r#"<alignment vertical="top" wrapText="1"/>"#;
    zip.add("xl/styles.xml", &format!(
        r#"{XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmmm yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Arial"/></font><font><b/><sz val="11"/><name val="Arial"/></font></fonts><fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>{}{}{}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1">{wrap}</xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{wrap}</xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyAlignment="1">{wrap}</xf><xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1" applyAlignment="1">{wrap}</xf><xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1" applyAlignment="1">{wrap}</xf><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>"#,
        fill("E2F2E9"),
        fill("FFF3B0"),
        fill("F3E1EA"),
    ));
    for (i, sheet) in sheets.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &worksheet(sheet),
        );
    }
    zip.finish()
}

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn worksheet(sheet: &Sheet) -> String {
    let cols: String = sheet
        .widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            format!(
                r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
                i + 1
            )
        })
        .collect();
    let mut data = String::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        let bold = sheet.bold_rows.contains(&r);
        data.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let at = format!("{}{}", column(c), r + 1);
            // Dates also in bold rows (the "Date of assessment" beside its label).
            let date = Date::parse(text).filter(|_| sheet.typed);
            // A leading zero ("007") is kept as typed: text.
            let number = (sheet.typed && !bold && (text == "0" || !text.starts_with('0')))
                .then(|| text.parse::<u32>().ok())
                .flatten();
            match (date, number) {
                (Some(d), _) => data.push_str(&format!(
                    r#"<c r="{at}" s="{DATE}"><v>{}</v></c>"#,
                    d.days() + EXCEL_EPOCH_OFFSET
                )),
                (None, Some(n)) => {
                    data.push_str(&format!(r#"<c r="{at}" s="{NUMBER}"><v>{n}</v></c>"#))
                }
                _ => {
                    let style = if sheet.nowrap_rows.contains(&r) {
                        PLAIN
                    } else if bold {
                        BOLD
                    } else {
                        fill_for(text).unwrap_or(WRAPPED)
                    };
                    data.push_str(&format!(
                        r#"<c r="{at}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(&fit_cell(text))
                    ));
                }
            }
        }
        data.push_str("</row>");
    }
    let views = if sheet.freeze_rows > 0 {
        format!(
            r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="{0}" topLeftCell="A{1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{1}" sqref="A{1}"/></sheetView></sheetViews>"#,
            sheet.freeze_rows,
            sheet.freeze_rows + 1
        )
    } else {
        String::new()
    };
    let lists: String = sheet
        .lists
        .iter()
        .map(|d| {
            let col = column(d.column);
            let words: Vec<String> = d.options.iter().map(|o| escape(&o.replace(['"', ','], ""))).collect();
            format!(
                r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="{col}{}:{col}{}"><formula1>"{}"</formula1></dataValidation>"#,
                d.first_row + 1,
                d.last_row + 1,
                words.join(",")
            )
        })
        .collect();
    let validations = if sheet.lists.is_empty() {
        String::new()
    } else {
        format!(
            r#"<dataValidations count="{}">{lists}</dataValidations>"#,
            sheet.lists.len()
        )
    };
    format!(
        r#"{XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{views}<cols>{cols}</cols><sheetData>{data}</sheetData>{validations}</worksheet>"#
    )
}

/// "A", "B", … "Z", "AA", …
pub(crate) fn column(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// Excel's sheet-name rules: at most 31 characters, none of []:*?/\.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// XML text escaping; characters XML cannot hold are dropped.
/// A cell holds at most `MAX_CELL_CHARS` (Excel's limit). The model never
/// stores more than `MAX_TEXT_CHARS`, but text saved by an older version
/// may be longer: it is cut with a note rather than make a broken file.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    use super::limits::MAX_CELL_CHARS;
    if super::limits::fits(text, MAX_CELL_CHARS) {
        return text.into();
    }
    const NOTE: &str = " […cut: see the JSON file]";
    let keep: String = text
        .chars()
        .take(MAX_CELL_CHARS - NOTE.chars().count())
        .collect();
    format!("{keep}{NOTE}").into()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An uncompressed ("stored") ZIP archive.
#[derive(Default)]
struct Zip {
    bytes: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Zip {
    fn add(&mut self, name: &str, content: &str) {
        let data = content.as_bytes();
        let crc = crc32(data);
        let offset = self.bytes.len() as u32;
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // Local file header.
        put32(&mut self.bytes, 0x0403_4b50);
        put16(&mut self.bytes, 20); // version needed
        put16(&mut self.bytes, 0x0800); // flags: UTF-8 names
        put16(&mut self.bytes, 0); // stored
        put16(&mut self.bytes, 0); // time
        put16(&mut self.bytes, 0x21); // date: 1980-01-01
        put32(&mut self.bytes, crc);
        put32(&mut self.bytes, size);
        put32(&mut self.bytes, size);
        put16(&mut self.bytes, name_len);
        put16(&mut self.bytes, 0);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(data);
        // Central directory entry.
        put32(&mut self.central, 0x0201_4b50);
        put16(&mut self.central, 20);
        put16(&mut self.central, 20);
        put16(&mut self.central, 0x0800);
        put16(&mut self.central, 0);
        put16(&mut self.central, 0);
        put16(&mut self.central, 0x21);
        put32(&mut self.central, crc);
        put32(&mut self.central, size);
        put32(&mut self.central, size);
        put16(&mut self.central, name_len);
        put16(&mut self.central, 0); // extra
        put16(&mut self.central, 0); // comment
        put16(&mut self.central, 0); // disk
        put16(&mut self.central, 0); // internal attributes
        put32(&mut self.central, 0); // external attributes
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let offset = self.bytes.len() as u32;
        let size = self.central.len() as u32;
        self.bytes.extend_from_slice(&self.central);
        put32(&mut self.bytes, 0x0605_4b50);
        put16(&mut self.bytes, 0);
        put16(&mut self.bytes, 0);
        put16(&mut self.bytes, self.count);
        put16(&mut self.bytes, self.count);
        put32(&mut self.bytes, size);
        put32(&mut self.bytes, offset);
        put16(&mut self.bytes, 0);
        self.bytes
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn no_cell_passes_excels_limit() {
        use crate::model::limits::MAX_CELL_CHARS;
        assert_eq!(fit_cell("short"), "short");
        let long = "x".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with("see the JSON file]"));
    }

    #[test]
    fn text_is_escaped_and_names_are_legal() {
        assert_eq!(
            escape("a<b>&\"c\"\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;\n"
        );
        assert_eq!(
            sheet_name("Progress: [2027]/checklist and a very long tail"),
            "Progress 2027checklist and a ve"
        );
    }

    // Read back with a real ZIP reader (a native-only dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_workbook_is_a_valid_zip_with_our_sheets() {
        use std::io::Read;
        let bytes = workbook(&[
            Sheet {
                name: "Progress checklist".into(),
                widths: vec![20.0, 40.0],
                bold_rows: vec![0],
                rows: vec![
                    vec!["Pillar".into(), "Recommendation".into()],
                    vec!["1. Leaders".into(), "Be <visible> & proud".into()],
                ],
                ..Default::default()
            },
            Sheet {
                name: "Self-assessment".into(),
                widths: vec![],
                bold_rows: vec![],
                rows: vec![],
                ..Default::default()
            },
        ]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut names: Vec<String> = archive.file_names().map(String::from).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml"
            ]
        );
        let mut sheet = String::new();
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(sheet.contains(r#"<c r="B2" t="inlineStr" s="2"><is><t xml:space="preserve">Be &lt;visible&gt; &amp; proud</t></is></c>"#));
        assert!(sheet.contains(r#"<c r="A1" t="inlineStr" s="1">"#));
        let mut book = String::new();
        archive
            .by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut book)
            .unwrap();
        assert!(book.contains(r#"<sheet name="Self-assessment" sheetId="2" r:id="rId2"/>"#));
    }

    #[test]
    fn ratings_are_filled_dates_are_dates_and_lists_drop_down() {
        let sheet = Sheet {
            name: "Self-assessment".into(),
            bold_rows: vec![0],
            rows: vec![
                vec!["Rating".into(), "Target date".into(), "Count".into()],
                vec!["In place".into(), "2027-03-01".into(), "12".into()],
                vec!["Not in place".into(), "not a date".into(), "007".into()],
                vec!["Moderate progress".into(), String::new(), "0".into()],
            ],
            freeze_rows: 1,
            lists: vec![DropDown {
                column: 0,
                first_row: 1,
                last_row: 3,
                options: Rating::ALL.iter().map(|r| r.label().to_string()).collect(),
            }],
            typed: true,
            ..Default::default()
        };
        let xml = worksheet(&sheet);
        assert!(xml.contains(&format!(r#"<c r="A2" t="inlineStr" s="{GREEN}">"#)));
        assert!(xml.contains(&format!(r#"<c r="A3" t="inlineStr" s="{PLUM}">"#)));
        assert!(xml.contains(&format!(r#"<c r="A4" t="inlineStr" s="{YELLOW}">"#)));
        // 1 March 2027 is day 46447 counting from 30 December 1899.
        assert!(xml.contains(&format!(r#"<c r="B2" s="{DATE}"><v>46447</v></c>"#)));
        assert!(xml.contains(r#"<c r="B3" t="inlineStr" s="2">"#));
        assert!(xml.contains(&format!(r#"<c r="C2" s="{NUMBER}"><v>12</v></c>"#)));
        assert!(
            xml.contains(r#"<c r="C3" t="inlineStr" s="2">"#),
            "a leading zero stays text"
        );
        assert!(xml.contains(&format!(r#"<c r="C4" s="{NUMBER}"><v>0</v></c>"#)));
        assert!(xml.contains(&format!(r#"<c r="A1" t="inlineStr" s="{BOLD}">"#)));
        assert!(xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        assert!(xml.contains(r#"sqref="A2:A4"><formula1>"In place,Work in progress,Not in place,Not yet assessed"</formula1>"#));
    }
}
