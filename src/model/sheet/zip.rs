//! Reading the parts of a ZIP archive (an .xlsx) safely: the central
//! directory's sizes are checked before anything is inflated, and inflating
//! stops at the size the directory declared, so a header that lies cannot
//! get past the limits.

use crate::model::limits::{MAX_UNZIPPED_BYTES, MAX_UNZIPPED_PART_BYTES, MAX_ZIP_PARTS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    NotZip,
    Damaged,
    Encrypted,
    /// A compression method other than stored or deflate.
    Unsupported,
    TooManyParts,
    /// A part we need would unpack past the limit (declared or found).
    TooLarge {
        part: String,
    },
}

struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    offset: usize,
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Bytes inflated so far, against `MAX_UNZIPPED_BYTES`.
    unpacked: std::cell::Cell<usize>,
}

// Offsets come from the file: every sum is checked, so no value can wrap.
fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn range(start: usize, len: usize) -> Option<std::ops::Range<usize>> {
    Some(start..start.checked_add(len)?)
}

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Archive<'a> {
    /// Reads the central directory; nothing is inflated.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        if !is_zip(bytes) {
            return Err(ZipError::NotZip);
        }
        // The end record is in the last 22 + 65,535 (comment) bytes.
        let lowest = bytes.len().saturating_sub(22 + 65_535);
        let end = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))
            .ok_or(ZipError::Damaged)?;
        let count = usize::from(u16_at(bytes, end + 10).ok_or(ZipError::Damaged)?);
        let dir = u32_at(bytes, end + 16).ok_or(ZipError::Damaged)?;
        if dir == u32::MAX || count == usize::from(u16::MAX) {
            return Err(ZipError::Unsupported); // ZIP64: never needed for a checklist
        }
        if count > MAX_ZIP_PARTS {
            return Err(ZipError::TooManyParts);
        }
        let mut at = dir as usize;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(ZipError::Damaged);
            }
            let field = |o: usize| u32_at(bytes, at.saturating_add(o)).ok_or(ZipError::Damaged);
            let short = |o: usize| u16_at(bytes, at.saturating_add(o)).ok_or(ZipError::Damaged);
            let flags = short(8)?;
            let method = short(10)?;
            let crc = field(16)?;
            let compressed = field(20)? as usize;
            let size = field(24)? as usize;
            let name_len = usize::from(short(28)?);
            let extra_len = usize::from(short(30)?);
            let comment_len = usize::from(short(32)?);
            let offset = field(42)? as usize;
            let name = range(at.saturating_add(46), name_len)
                .and_then(|r| bytes.get(r))
                .ok_or(ZipError::Damaged)?;
            let name = String::from_utf8_lossy(name).into_owned();
            if flags & 1 != 0 {
                return Err(ZipError::Encrypted);
            }
            entries.push(Entry {
                name,
                method,
                crc,
                compressed,
                size,
                offset,
            });
            at = at.saturating_add(46 + name_len + extra_len + comment_len);
        }
        Ok(Archive {
            bytes,
            entries,
            unpacked: Default::default(),
        })
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    /// One part's bytes, or `None` if the archive has no such part.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(entry) = self.find(name) else {
            return Ok(None);
        };
        let too_large = || ZipError::TooLarge {
            part: entry.name.clone(),
        };
        // Checked before inflating anything.
        let total = self.unpacked.get().saturating_add(entry.size);
        if entry.size > MAX_UNZIPPED_PART_BYTES || total > MAX_UNZIPPED_BYTES {
            return Err(too_large());
        }
        self.unpacked.set(total);
        let b = self.bytes;
        if u32_at(b, entry.offset) != Some(0x0403_4b50) {
            return Err(ZipError::Damaged);
        }
        let at = |o: usize| entry.offset.saturating_add(o);
        let name_len = usize::from(u16_at(b, at(26)).ok_or(ZipError::Damaged)?);
        let extra_len = usize::from(u16_at(b, at(28)).ok_or(ZipError::Damaged)?);
        let data = range(at(30 + name_len + extra_len), entry.compressed)
            .and_then(|r| b.get(r))
            .ok_or(ZipError::Damaged)?;
        let out = match entry.method {
            0 if entry.compressed == entry.size => data.to_vec(),
            0 => return Err(ZipError::Damaged),
            8 => {
                // Stops at the declared size: more output means the header
                // lied (a bomb, or damage), and is refused.
                use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
                match decompress_to_vec_with_limit(data, entry.size) {
                    Ok(out) => out,
                    Err(e) if e.status == TINFLStatus::HasMoreOutput => return Err(too_large()),
                    Err(_) => return Err(ZipError::Damaged),
                }
            }
            _ => return Err(ZipError::Unsupported),
        };
        if out.len() != entry.size || crate::model::xlsx::crc32(&out) != entry.crc {
            return Err(ZipError::Damaged);
        }
        Ok(Some(out))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod tests {
    use super::*;
    use std::io::Write;

    /// A real deflated ZIP, written by the `zip` crate (dev-dependency).
    pub fn deflated(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn reads_deflated_and_stored_parts() {
        let bytes = deflated(&[("a.xml", b"hello hello hello hello"), ("b", b"")]);
        let archive = Archive::open(&bytes).unwrap();
        assert_eq!(
            archive.read("a.xml").unwrap().unwrap(),
            b"hello hello hello hello"
        );
        assert_eq!(archive.read("/A.XML").unwrap().unwrap().len(), 23);
        assert_eq!(archive.read("missing").unwrap(), None);
        let stored = crate::model::xlsx::workbook(&[]);
        let archive = Archive::open(&stored).unwrap();
        assert!(archive.read("xl/workbook.xml").unwrap().is_some());
    }

    #[test]
    fn refuses_what_is_not_a_zip_or_is_damaged() {
        assert_eq!(
            Archive::open(b"\x89PNG\r\n\x1a\n").err(),
            Some(ZipError::NotZip)
        );
        let mut bytes = deflated(&[("a.xml", b"hello hello hello hello")]);
        let cut = bytes.len() - 30;
        assert!(Archive::open(&bytes[..cut]).is_err());
        // Flip a byte of the compressed data: the CRC or inflate catches it.
        bytes[40] ^= 0xff;
        let archive = Archive::open(&bytes).unwrap();
        assert!(archive.read("a.xml").is_err());
    }

    /// Sets the declared (uncompressed) size of every part, in both headers.
    pub fn lie_about_sizes(bytes: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 4 <= bytes.len() {
            match u32_at(bytes, i) {
                Some(0x0403_4b50) => bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
                Some(0x0201_4b50) => bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
                _ => {}
            }
            i += 1;
        }
    }

    #[test]
    fn a_bomb_is_refused_before_or_while_inflating() {
        let big = vec![b'a'; MAX_UNZIPPED_PART_BYTES + 1];
        let bytes = deflated(&[("xl/worksheets/sheet1.xml", &big)]);
        assert!(bytes.len() < 200_000, "small on disk");
        let archive = Archive::open(&bytes).unwrap();
        assert!(matches!(
            archive.read("xl/worksheets/sheet1.xml"),
            Err(ZipError::TooLarge { .. })
        ));
        // The same, with headers that claim it is small.
        let mut lying = bytes.clone();
        lie_about_sizes(&mut lying, 1000);
        let archive = Archive::open(&lying).unwrap();
        assert!(matches!(
            archive.read("xl/worksheets/sheet1.xml"),
            Err(ZipError::TooLarge { .. })
        ));
    }
}
