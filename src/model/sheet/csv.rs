//! CSV as spreadsheet programs save it: UTF-8 with or without a byte-order
//! mark, UTF-16 ("Unicode text"), or Windows-1252 (Excel's plain "CSV");
//! CRLF, LF or CR line ends; quoted fields holding commas, quotes and line
//! breaks; comma, semicolon or tab between fields.

use super::{Cell, Grid, SheetError};
use crate::model::limits::{MAX_SHEET_CELLS, MAX_SHEET_ROWS};

/// The file as text, whatever its encoding.
pub fn decode(bytes: &[u8]) -> Result<String, SheetError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| SheetError::NotSpreadsheet);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| SheetError::NotSpreadsheet)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // Text files hold no NUL bytes; pictures and other binaries do.
    if bytes.contains(&0) {
        return Err(SheetError::NotSpreadsheet);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Splits text into rows of fields (row numbers count lines as a
/// spreadsheet shows them: a quoted line break stays in its row).
pub fn parse(text: &str, separator: char) -> Result<Grid, SheetError> {
    let mut rows = Vec::new();
    let mut row: Vec<(usize, Cell)> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut cells = 0usize;
    let mut chars = text.chars().peekable();
    let mut number = 1usize;
    let mut end_row = |row: &mut Vec<(usize, Cell)>, number: usize| {
        if row.iter().any(|(_, c)| !c.text.trim().is_empty()) {
            if rows.len() >= MAX_SHEET_ROWS {
                return Err(SheetError::TooManyRows {
                    sheet: String::new(),
                });
            }
            rows.push((number, std::mem::take(row)));
        }
        row.clear();
        Ok(())
    };
    let mut push = |row: &mut Vec<(usize, Cell)>, field: &mut String| {
        cells += 1;
        if cells > MAX_SHEET_CELLS {
            return Err(SheetError::TooManyCells {
                sheet: String::new(),
            });
        }
        let col = row.len();
        row.push((col, Cell::text(std::mem::take(field))));
        Ok(())
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == separator => push(&mut row, &mut field)?,
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push(&mut row, &mut field)?;
                end_row(&mut row, number)?;
                number += 1;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        push(&mut row, &mut field)?;
        end_row(&mut row, number)?;
    }
    Ok(Grid { name: None, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<(usize, Vec<String>)> {
        grid.rows
            .iter()
            .map(|(n, r)| (*n, r.iter().map(|(_, c)| c.text.clone()).collect()))
            .collect()
    }

    #[test]
    fn quoted_fields_line_ends_and_blank_rows() {
        let grid = parse("a,\"b,\"\"c\"\"\nd\"\r\n\r\n,,\r\ne,f", ',').unwrap();
        assert_eq!(
            texts(&grid),
            [
                (1, vec!["a".to_string(), "b,\"c\"\nd".into()]),
                (4, vec!["e".into(), "f".into()])
            ]
        );
        let grid = parse("x;y\ry;z\r", ';').unwrap();
        assert_eq!(texts(&grid).len(), 2);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        assert_eq!(decode(b"caf\xe9 \x93x\x94").unwrap(), "café “x”");
        assert_eq!(decode(b"\xFF\xFEa\0,\0b\0").unwrap(), "a,b");
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(SheetError::NotSpreadsheet)
        );
    }
}
