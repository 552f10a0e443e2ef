//! Decoding and encoding the legacy Vietnamese encodings through their
//! tables: TCVN3 and VISCII one byte per letter, VNI one or two.

use super::tables::Table;
use crate::span::OffsetMap;

/// Result of a legacy decode: text, map, bytes replaced, first bad byte.
pub(crate) struct Legacy {
    pub text: String,
    pub map: OffsetMap,
    pub replaced: usize,
    /// Offset of the first byte that is not in the table.
    pub first_bad: Option<usize>,
}

/// Decodes `bytes` through `t`. Unassigned bytes become U+FFFD and are
/// counted; the caller decides whether that is an error.
pub(crate) fn decode(bytes: &[u8], t: &Table) -> Legacy {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut map = OffsetMap::default();
    let mut replaced = 0;
    let mut first_bad = None;
    let mut i = 0;
    let mut ascii_run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Pairs first: VNI writes a base letter then a diacritic byte.
        if t.pair_first[b as usize] && i + 1 < bytes.len() {
            if let Some(c) = pair(t, b, bytes[i + 1]) {
                map.push_same(ascii_run);
                ascii_run = 0;
                text.push(c);
                map.push_changed(c.len_utf8(), 2);
                i += 2;
                continue;
            }
        }
        match t.single[b as usize] {
            Some(c) if c as u32 == b as u32 && b < 0x80 => {
                text.push(c);
                ascii_run += 1;
            }
            found => {
                map.push_same(ascii_run);
                ascii_run = 0;
                let c = found.unwrap_or_else(|| {
                    replaced += 1;
                    first_bad.get_or_insert(i);
                    char::REPLACEMENT_CHARACTER
                });
                text.push(c);
                map.push_changed(c.len_utf8(), 1);
            }
        }
        i += 1;
    }
    map.push_same(ascii_run);
    Legacy { text, map, replaced, first_bad }
}

/// The letter for a base byte and a diacritic byte. A capital written with a
/// small-letter diacritic (or the other way round) is read too: VNI typists
/// mix them, and the base letter's case is the one meant.
fn pair(t: &Table, a: u8, b: u8) -> Option<char> {
    let key = |b: u8| u16::from(a) << 8 | u16::from(b);
    if let Some(&c) = t.pairs.get(&key(b)) {
        return Some(c);
    }
    if b >= 0xC0 {
        if let Some(&c) = t.pairs.get(&key(b ^ 0x20)) {
            return Some(c);
        }
    }
    None
}

/// Encodes `text` through `t`; `Err` holds the byte offset and the first
/// char the table has no code for.
pub(crate) fn encode(text: &str, t: &Table) -> Result<Vec<u8>, (usize, char)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match t.encode.get(&c) {
            Some(bytes) => out.extend_from_slice(bytes),
            None => return Err((i, c)),
        }
    }
    Ok(out)
}
