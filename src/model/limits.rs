//! Every limit on what the app stores, in one place: the inputs (which say
//! so as the user types), the model (which refuses an edit over a limit and
//! changes nothing), the importer and every exporter use these.

/// Longest note, action or next steps, in characters. Under a spreadsheet
/// cell's 32,767, so every exported cell fits.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name, organisation, owner or other short field, in characters.
pub const MAX_SHORT_CHARS: usize = 300;
/// Most review rounds one assessment may carry.
pub const MAX_ROUNDS: usize = 1000;
/// Largest file accepted for import. localStorage holds about 5 million
/// characters per site (10 MB as UTF-16); an export of all of it, indented,
/// is larger still, so this is well past anything the app can store.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Importing a spreadsheet (.xlsx is a ZIP of XML parts). A checklist's
/// workbook unpacks to well under 1 MB; at the limit, 17 rows of the
/// longest texts still fit several times over. The declared size of a part
/// is checked before it is inflated, and inflating stops at it.
pub const MAX_UNZIPPED_PART_BYTES: usize = 16 * 1024 * 1024;
/// All the parts read from one workbook, together.
pub const MAX_UNZIPPED_BYTES: usize = 48 * 1024 * 1024;
/// Parts in one ZIP (a workbook has about ten).
pub const MAX_ZIP_PARTS: usize = 1000;
/// Sheets in one workbook.
pub const MAX_SHEETS: usize = 20;
/// Rows holding anything, per sheet (the checklist has 17 and a heading).
pub const MAX_SHEET_ROWS: usize = 1000;
/// Cells per sheet, and shared strings per workbook.
pub const MAX_SHEET_CELLS: usize = 50_000;
/// Excel's limit on one cell, which no exported cell may pass.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The counter under a text box appears from this many characters left.
pub const WARN_WHEN_LEFT: usize = 2_000;

/// Whether `text` fits in `limit` characters.
pub fn fits(text: &str, limit: usize) -> bool {
    text.chars().nth(limit).is_none()
}

const _: () = assert!(MAX_TEXT_CHARS <= MAX_CELL_CHARS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_counts_characters_not_bytes() {
        assert!(fits("", 0));
        assert!(fits("abc", 3));
        assert!(!fits("abcd", 3));
        assert!(fits("’’’", 3), "three characters, nine bytes");
    }
}
