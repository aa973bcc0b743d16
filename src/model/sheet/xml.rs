//! The cells of an .xlsx workbook, as Excel, LibreOffice, Google Sheets,
//! exceljs and this app write them: shared strings, inline strings,
//! numbers, formula results. A DOCTYPE is refused, so no entity can be
//! declared, and only XML's five entities and character references are read.

use super::zip::{Archive, ZipError};
use super::{Cell, Grid, SheetError};
use crate::model::limits::{MAX_SHEETS, MAX_SHEET_CELLS, MAX_SHEET_ROWS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::BTreeMap;

fn zip_error(e: ZipError) -> SheetError {
    match e {
        ZipError::NotZip => SheetError::NotSpreadsheet,
        ZipError::TooLarge { part } => SheetError::Bomb { part },
        ZipError::TooManyParts => SheetError::TooManyParts,
        ZipError::Encrypted => SheetError::Encrypted,
        ZipError::Damaged | ZipError::Unsupported => SheetError::Damaged,
    }
}

fn part(archive: &Archive, name: &str) -> Result<Option<String>, SheetError> {
    match archive.read(name).map_err(zip_error)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| SheetError::BadXml {
                part: name.to_string(),
            }),
    }
}

/// Walks an XML part; a DOCTYPE or a malformed part is an error.
/// (`dyn`: one copy of the reader loop in the build, not one per caller.)
fn walk(
    name: &str,
    xml: &str,
    on: &mut dyn FnMut(&Event) -> Result<(), SheetError>,
) -> Result<(), SheetError> {
    let bad = || SheetError::BadXml {
        part: name.to_string(),
    };
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|_| bad())? {
            Event::DocType(_) => return Err(SheetError::Doctype),
            Event::Eof => return Ok(()),
            event => on(&event)?,
        }
    }
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn text_of(name: &str, e: &quick_xml::events::BytesText) -> Result<String, SheetError> {
    e.unescape()
        .map(|t| t.into_owned())
        .map_err(|_| SheetError::BadXml {
            part: name.to_string(),
        })
}

/// Where a relationship's target lives, from the part that names it.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

pub fn read(bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    let archive = Archive::open(bytes).map_err(zip_error)?;
    let book_name = "xl/workbook.xml";
    let book = part(&archive, book_name)?.ok_or(SheetError::NotSpreadsheet)?;
    let mut sheets: Vec<(String, String)> = Vec::new();
    walk(book_name, &book, &mut |event| {
        if let Event::Start(e) | Event::Empty(e) = event {
            if e.local_name().as_ref() == b"sheet" {
                let name = attr(e, b"name").unwrap_or_default();
                let id = attr(e, b"id").unwrap_or_default();
                sheets.push((name, id));
            }
        }
        Ok(())
    })?;
    if sheets.len() > MAX_SHEETS {
        return Err(SheetError::TooManySheets);
    }
    let rels_name = "xl/_rels/workbook.xml.rels";
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut shared_at = None;
    if let Some(rels) = part(&archive, rels_name)? {
        walk(rels_name, &rels, &mut |event| {
            if let Event::Start(e) | Event::Empty(e) = event {
                if e.local_name().as_ref() == b"Relationship" {
                    let id = attr(e, b"Id").unwrap_or_default();
                    let target = resolve("xl", &attr(e, b"Target").unwrap_or_default());
                    if attr(e, b"Type").is_some_and(|t| t.ends_with("/sharedStrings")) {
                        shared_at = Some(target.clone());
                    }
                    targets.insert(id, target);
                }
            }
            Ok(())
        })?;
    }
    let shared_name = shared_at.unwrap_or_else(|| "xl/sharedStrings.xml".into());
    let shared = match part(&archive, &shared_name)? {
        Some(xml) => shared_strings(&shared_name, &xml)?,
        None => Vec::new(),
    };
    let mut grids = Vec::new();
    for (i, (name, id)) in sheets.into_iter().enumerate() {
        let path = targets
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        if let Some(xml) = part(&archive, &path)? {
            grids.push(worksheet(&name, &path, &xml, &shared)?);
        }
    }
    Ok(grids)
}

/// Each shared string's text (its runs joined; phonetic guides left out).
fn shared_strings(name: &str, xml: &str) -> Result<Vec<String>, SheetError> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut in_phonetic) = (false, 0usize);
    walk(name, xml, &mut |event| {
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => current.clear(),
                b"t" => in_t = true,
                b"rPh" => in_phonetic += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => {
                    if out.len() >= MAX_SHEET_CELLS {
                        return Err(SheetError::TooManyCells {
                            sheet: "shared strings".into(),
                        });
                    }
                    out.push(std::mem::take(&mut current));
                }
                b"t" => in_t = false,
                b"rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::Text(t) if in_t && in_phonetic == 0 => current.push_str(&text_of(name, t)?),
            Event::CData(t) if in_t && in_phonetic == 0 => {
                current.push_str(&String::from_utf8_lossy(t))
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// "BC12" → (column index 54, row 12).
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0usize;
    for b in r[..letters].bytes() {
        col = col * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row = r[letters..].parse().ok()?;
    Some((col - 1, row))
}

fn worksheet(sheet: &str, path: &str, xml: &str, shared: &[String]) -> Result<Grid, SheetError> {
    let mut grid = Grid {
        name: Some(sheet.to_string()),
        rows: Vec::new(),
    };
    let mut cells = 0usize;
    let mut row_number = 0usize;
    let mut row: Vec<(usize, Cell)> = Vec::new();
    // The cell being read: its column, type, value and inline text.
    let mut col = 0usize;
    let mut kind = String::new();
    let (mut value, mut inline) = (String::new(), String::new());
    let (mut in_v, mut in_t, mut in_phonetic, mut in_cell) = (false, false, 0usize, false);
    let too_many = || SheetError::TooManyCells {
        sheet: sheet.to_string(),
    };
    walk(path, xml, &mut |event| {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                row_number = attr(e, b"r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(row_number + 1);
                row.clear();
                col = 0;
            }
            // Rows with nothing in them are left out.
            Event::End(e)
                if e.local_name().as_ref() == b"row"
                    && row.iter().any(|(_, c)| !c.text.trim().is_empty()) =>
            {
                if grid.rows.len() >= MAX_SHEET_ROWS {
                    return Err(SheetError::TooManyRows {
                        sheet: sheet.to_string(),
                    });
                }
                grid.rows.push((row_number, std::mem::take(&mut row)));
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"c" => {
                if let Some((c, r)) = attr(e, b"r").as_deref().and_then(cell_ref) {
                    col = c;
                    if r != row_number && row.is_empty() {
                        row_number = r;
                    }
                }
                kind = attr(e, b"t").unwrap_or_default();
                value.clear();
                inline.clear();
                in_cell = matches!(event, Event::Start(_));
                if !in_cell {
                    col += 1;
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                in_cell = false;
                cells += 1;
                if cells > MAX_SHEET_CELLS {
                    return Err(too_many());
                }
                let cell = match kind.as_str() {
                    "s" => Cell::text(
                        value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i))
                            .cloned()
                            .unwrap_or_default(),
                    ),
                    "inlineStr" => Cell::text(std::mem::take(&mut inline)),
                    "b" => Cell::text(if value.trim() == "1" { "TRUE" } else { "FALSE" }.into()),
                    "str" | "e" | "d" => Cell::text(std::mem::take(&mut value)),
                    _ => {
                        let number = value.trim().parse::<f64>().ok();
                        Cell {
                            text: show_number(value.trim(), number),
                            number,
                        }
                    }
                };
                row.push((col, cell));
                col += 1;
            }
            Event::Start(e) if in_cell => match e.local_name().as_ref() {
                b"v" => in_v = true,
                b"t" => in_t = true,
                b"rPh" => in_phonetic += 1,
                _ => {}
            },
            Event::End(e) if in_cell => match e.local_name().as_ref() {
                b"v" => in_v = false,
                b"t" => in_t = false,
                b"rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_v => value.push_str(&text_of(path, t)?),
            Event::Text(t) if in_t && in_phonetic == 0 => inline.push_str(&text_of(path, t)?),
            _ => {}
        }
        Ok(())
    })?;
    Ok(grid)
}

/// A number as a person would type it: "3" for 3.0; otherwise as the file
/// wrote it (spreadsheets write the shortest form, 1.1 or 46477.5).
fn show_number(raw: &str, number: Option<f64>) -> String {
    match number {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => (n as i64).to_string(),
        _ => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_relative_targets() {
        assert_eq!(cell_ref("A1"), Some((0, 1)));
        assert_eq!(cell_ref("bc12"), Some((54, 12)));
        assert_eq!(cell_ref("12"), None);
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("xl", "../x/y.xml"), "x/y.xml");
        assert_eq!(show_number("3.0", Some(3.0)), "3");
        assert_eq!(show_number("1.1", Some(1.1)), "1.1");
    }

    #[test]
    fn shared_strings_join_runs_and_skip_phonetics() {
        let xml = r#"<?xml version="1.0"?><sst xmlns="x"><si><t>In place</t></si><si><r><t>Board </t></r><r><rPr><b/></rPr><t xml:space="preserve">paper &amp; more</t></r><rPh><t>ignored</t></rPh></si><si/></sst>"#;
        assert_eq!(
            shared_strings("s", xml).unwrap(),
            ["In place", "Board paper & more", ""]
        );
    }

    #[test]
    fn doctypes_and_unknown_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>"#;
        assert_eq!(shared_strings("s", bomb), Err(SheetError::Doctype));
        let undeclared = r#"<sst><si><t>&lol2;</t></si></sst>"#;
        assert!(matches!(
            shared_strings("s", undeclared),
            Err(SheetError::BadXml { .. })
        ));
    }

    #[test]
    fn worksheet_cells_of_every_kind() {
        let xml = r#"<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2"><v>46477</v></c><c r="D2" t="inlineStr"><is><t>Inline</t></is></c><c r="E2" t="str"><f>A1</f><v>Formula</v></c></row><row r="3"/><row r="4"><c><v>1.1</v></c><c t="b"><v>1</v></c></row></sheetData></worksheet>"#;
        let grid = worksheet("S", "p", xml, &["zero".into(), "one".into()]).unwrap();
        assert_eq!(grid.rows.len(), 2);
        let (n, cells) = &grid.rows[0];
        assert_eq!(*n, 2);
        let texts: Vec<(usize, &str)> = cells.iter().map(|(c, x)| (*c, x.text.as_str())).collect();
        assert_eq!(
            texts,
            [(0, "one"), (2, "46477"), (3, "Inline"), (4, "Formula")]
        );
        assert_eq!(cells[1].1.number, Some(46477.0));
        let (n, cells) = &grid.rows[1];
        assert_eq!(*n, 4);
        assert_eq!(
            cells[0],
            (
                0,
                Cell {
                    text: "1.1".into(),
                    number: Some(1.1)
                }
            )
        );
        assert_eq!(cells[1].1.text, "TRUE");
    }
}
