//! Alignment (SPEC §7.1): gold text located in the document's NFC text,
//! mapped back to the bytes as read, and paired one-to-one with record spans.
//!
//! Record spans are byte offsets into the input file as read (BOM, NFD,
//! UTF-16 and all), while gold text is a substring of the text after NFC
//! only. [`DocText`] holds that NFC text and its own map back to the bytes;
//! it deliberately does not use the extractor's normaliser, which also
//! moves tone marks.

use crate::span::OffsetMap;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A document's text after NFC, with the map back to its bytes as read.
#[derive(Clone, Debug)]
pub struct DocText {
    /// The text after decoding and NFC, nothing else.
    pub text: String,
    /// NFC text positions → input byte positions; `None` is the identity
    /// (plain UTF-8 already in NFC, the usual case).
    map: Option<OffsetMap>,
}

impl DocText {
    /// Reads UTF-8 (with or without BOM) and UTF-16 with BOM. Anything else
    /// is an error with the byte offset; the caller may decode the bytes
    /// itself and use [`DocText::from_decoded`].
    pub fn from_bytes(bytes: &[u8]) -> Result<DocText, (usize, String)> {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let s = std::str::from_utf8(rest).map_err(|e| (3 + e.valid_up_to(), "invalid UTF-8".to_string()))?;
            let mut m = OffsetMap::default();
            m.push_changed(0, 3);
            m.push_same(s.len());
            return Ok(DocText::from_decoded(s, m));
        }
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return decode_utf16(bytes);
        }
        let s = std::str::from_utf8(bytes)
            .map_err(|e| (e.valid_up_to(), "invalid UTF-8 (audit reads UTF-8 and UTF-16 with BOM)".to_string()))?;
        if is_nfc(s) {
            return Ok(DocText { text: s.to_string(), map: None });
        }
        Ok(DocText::from_decoded(s, OffsetMap::identity(s.len())))
    }

    /// From text decoded by the caller, with its map back to the bytes.
    pub fn from_decoded(decoded: &str, to_bytes: OffsetMap) -> DocText {
        if is_nfc(decoded) {
            return DocText { text: decoded.to_string(), map: Some(to_bytes) };
        }
        let (text, nfc_map) = nfc_with_map(decoded);
        DocText { text, map: Some(to_bytes.compose(&nfc_map)) }
    }

    /// Maps a byte range of [`DocText::text`] to the input bytes.
    pub fn to_input(&self, (a, b): (usize, usize)) -> (usize, usize) {
        match &self.map {
            None => (a, b),
            Some(m) => (m.map_start(a), m.map_end(b)),
        }
    }

    /// Every place `needle` (taken to NFC) occurs, as ranges of the text,
    /// in order. Occurrences do not overlap.
    pub fn find_all(&self, needle: &str) -> Vec<(usize, usize)> {
        let needle: String = needle.nfc().collect();
        if needle.is_empty() {
            return Vec::new();
        }
        self.text.match_indices(&needle).map(|(i, m)| (i, i + m.len())).collect()
    }
}

fn decode_utf16(bytes: &[u8]) -> Result<DocText, (usize, String)> {
    let le = bytes[0] == 0xFF;
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Err((bytes.len() - 1, "UTF-16 text with an odd number of bytes".into()));
    }
    let units =
        body.chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    let mut text = String::with_capacity(body.len());
    let mut map = OffsetMap::default();
    map.push_changed(0, 2);
    let mut at = 2;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                let n = c.len_utf16() * 2;
                text.push(c);
                map.push_changed(c.len_utf8(), n);
                at += n;
            }
            Err(_) => return Err((at, "invalid UTF-16".into())),
        }
    }
    Ok(DocText::from_decoded(&text, map))
}

/// NFC of `s`, with the map from NFC positions back to positions of `s`.
///
/// The text is cut before every character that starts a new composition
/// (combining class 0 and not able to join the character before it); each
/// piece is normalised on its own, which gives the same result as
/// normalising the whole text.
fn nfc_with_map(s: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(s.len());
    let mut map = OffsetMap::default();
    let mut start = 0;
    let piece = |a: usize, b: usize, out: &mut String, map: &mut OffsetMap| {
        let seg = &s[a..b];
        if is_nfc(seg) {
            out.push_str(seg);
            map.push_same(seg.len());
        } else {
            let n: String = seg.nfc().collect();
            out.push_str(&n);
            map.push_changed(n.len(), seg.len());
        }
    };
    for (i, c) in s.char_indices() {
        if i > start && canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe {
            piece(start, i, &mut out, &mut map);
            start = i;
        }
    }
    piece(start, s.len(), &mut out, &mut map);
    (out, map)
}

/// Bytes shared by two half-open ranges.
pub fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Whether a record span matches a gold range (SPEC §7.1): the span
/// contains the range, or they overlap by at least half of the shorter.
pub fn matches(record: (usize, usize), gold: (usize, usize)) -> bool {
    let ov = overlap(record, gold);
    if ov == 0 {
        return false;
    }
    let contains = record.0 <= gold.0 && gold.1 <= record.1;
    let shorter = (record.1 - record.0).min(gold.1 - gold.0);
    contains || 2 * ov >= shorter
}

/// Pairs records with gold tasks one to one, largest overlap first.
///
/// `gold[j]` lists the byte ranges of task `j` (its text and its `also`
/// texts); a record matches the task when it matches any of them, and the
/// pair's overlap is the largest. Ties go to the tighter pair (fewer bytes
/// outside the overlap), then to document order. Returns, per record, the
/// index of its gold task.
pub fn pair(records: &[(usize, usize)], gold: &[Vec<(usize, usize)>]) -> Vec<Option<usize>> {
    // (overlap, slack, gold, record)
    let mut cands: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, &r) in records.iter().enumerate() {
        if r.1 <= r.0 {
            continue;
        }
        for (j, ranges) in gold.iter().enumerate() {
            let best = ranges
                .iter()
                .filter(|&&g| matches(r, g))
                .map(|&g| {
                    let ov = overlap(r, g);
                    (ov, (r.1 - r.0) + (g.1 - g.0) - 2 * ov)
                })
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((ov, slack)) = best {
                cands.push((ov, slack, j, i));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let mut rec_gold = vec![None; records.len()];
    let mut gold_taken = vec![false; gold.len()];
    for (_, _, j, i) in cands {
        if rec_gold[i].is_none() && !gold_taken[j] {
            rec_gold[i] = Some(j);
            gold_taken[j] = true;
        }
    }
    rec_gold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_text_maps_back_to_its_bytes() {
        let nfc = "Bộ Y tế hoàn thành";
        let nfd: String = nfc.nfd().collect();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(nfd.as_bytes());
        let d = DocText::from_bytes(&bytes).unwrap();
        assert_eq!(d.text, nfc);
        let (a, b) = d.find_all("Y tế")[0];
        let (x, y) = d.to_input((a, b));
        let got: String = std::str::from_utf8(&bytes[x..y]).unwrap().nfc().collect();
        assert_eq!(got, "Y tế");
    }

    #[test]
    fn utf16_maps_back_to_its_bytes() {
        let s = "Sở Y tế; Bộ Tài chính";
        let mut bytes = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = DocText::from_bytes(&bytes).unwrap();
        let r = d.to_input(d.find_all("Bộ Tài")[0]);
        let units: Vec<u16> = bytes[r.0..r.1].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        assert_eq!(String::from_utf16(&units).unwrap(), "Bộ Tài");
    }

    #[test]
    fn nfc_utf8_is_the_identity() {
        let d = DocText::from_bytes("Bộ Y tế".as_bytes()).unwrap();
        assert!(d.map.is_none());
        assert_eq!(d.to_input((3, 5)), (3, 5));
    }

    #[test]
    fn legacy_bytes_are_an_error_with_offset() {
        assert_eq!(DocText::from_bytes(b"ab\xC0c").unwrap_err().0, 2);
    }

    #[test]
    fn half_overlap_of_the_shorter() {
        // gold 10..20; record 15..40 overlaps 5 = half of 10 → match.
        assert!(matches((15, 40), (10, 20)));
        // 16..40 overlaps 4 < 5 → no match.
        assert!(!matches((16, 40), (10, 20)));
        // containment
        assert!(matches((0, 100), (10, 20)));
        assert!(matches((12, 14), (10, 20)));
        assert!(!matches((20, 30), (10, 20)));
    }

    #[test]
    fn pairing_is_one_to_one_largest_first() {
        // Record 0 covers both gold tasks: it takes the longer one.
        let p = pair(&[(0, 100)], &[vec![(0, 30)], vec![(40, 100)]]);
        assert_eq!(p, vec![Some(1)]);
        // Gold split over two records: the larger piece wins, the other is false.
        let p = pair(&[(0, 40), (40, 100)], &[vec![(0, 100)]]);
        assert_eq!(p, vec![None, Some(0)]);
        // Equal overlaps: the tighter pair wins.
        let p = pair(&[(0, 10), (0, 30)], &[vec![(0, 30)], vec![(0, 10)]]);
        assert_eq!(p, vec![Some(1), Some(0)]);
    }
}
