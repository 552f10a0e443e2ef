//! Decoding the bytes of an input file into text, with the map from text
//! positions back to byte positions (SPEC §5).
//!
//! Read: UTF-8 with or without BOM; UTF-16 LE/BE (with BOM, or without one
//! when the NUL bytes leave no doubt); the legacy Vietnamese encodings
//! TCVN3 (ABC), VNI-Windows and VISCII, from the tables in `tables/`.
//!
//! [`Encoding::Auto`] decides in this order: a BOM; UTF-16 by its NUL
//! bytes; valid UTF-8 (which includes plain ASCII) is always UTF-8; bytes
//! that are not UTF-8 are tried with each legacy table, and the one whose
//! words read as Vietnamese wins. When none reads as Vietnamese the bytes
//! are an error at the first byte that is not UTF-8. A guess made on thin
//! evidence comes back with a warning in [`Decoded::warnings`].
//!
//! TCVN3 and VNI files written on Windows also hold the Windows-1252
//! punctuation of 0x80-0xA0 (curly quotes, dashes, ellipsis), read as such
//! (`tables/win_punct.tsv`). TCVN3 capitals with a tone mark, which the
//! encoding lacks, are restored where the text shows them
//! ([`restore_tcvn3_capitals`]).
//!
//! The map takes every byte position of the text to the input byte where
//! its character's bytes start ([`OffsetMap::map_start`]) or end
//! ([`OffsetMap::map_end`]); a VNI letter written as two bytes maps to both.

mod detect;
mod legacy;
mod tables;

use crate::span::OffsetMap;
use std::fmt;
use std::str::FromStr;

pub use tables::table_sources;

/// Which encoding to read the bytes as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Encoding {
    /// Detect (see the module doc).
    #[default]
    Auto,
    /// UTF-8; a BOM is skipped.
    Utf8,
    /// UTF-16; the BOM says which byte order (little-endian without one).
    Utf16,
    /// TCVN 5712:1993 VN3, the "ABC" fonts.
    Tcvn3,
    /// VNI-Windows.
    Vni,
    /// VISCII 1.1 (RFC 1456).
    Viscii,
}

impl Encoding {
    /// The names the command line accepts, in order.
    pub const NAMES: [&'static str; 6] = ["auto", "utf-8", "utf-16", "tcvn3", "vni", "viscii"];

    /// All encodings, in the order of [`Encoding::NAMES`].
    pub const ALL: [Encoding; 6] =
        [Encoding::Auto, Encoding::Utf8, Encoding::Utf16, Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        Encoding::NAMES[Encoding::ALL.iter().position(|&e| e == self).unwrap_or(0)]
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    /// Reads a command-line name; case and `-`/`_` do not matter
    /// (`utf8`, `UTF-8`, `tcvn-3`, `abc` for TCVN3, `vni-windows`).
    fn from_str(s: &str) -> Result<Encoding, String> {
        let key: String = s.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect();
        Ok(match key.as_str() {
            "auto" => Encoding::Auto,
            "utf8" => Encoding::Utf8,
            "utf16" => Encoding::Utf16,
            "tcvn3" | "tcvn" | "abc" | "vn3" => Encoding::Tcvn3,
            "vni" | "vniwindows" => Encoding::Vni,
            "viscii" => Encoding::Viscii,
            _ => return Err(format!("unknown encoding {s:?} (expected one of {})", Encoding::NAMES.join(", "))),
        })
    }
}

/// Text decoded from bytes, with the map back to the bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub text: String,
    /// Positions of `text` → byte positions of the input.
    pub map: OffsetMap,
    /// The encoding that was used: `utf-8`, `utf-16le`, `utf-16be`,
    /// `tcvn3`, `vni` or `viscii`.
    pub encoding: &'static str,
    /// Bytes replaced by U+FFFD under `lossy` decoding.
    pub replaced: usize,
    /// Things a user should know: a guessed encoding, a missing BOM.
    /// Each is one line, without the file name.
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first byte that could not be decoded.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` as `enc`; fails on the first byte that cannot be decoded.
pub fn decode(bytes: &[u8], enc: Encoding) -> Result<Decoded, DecodeError> {
    decode_with(bytes, enc, false)
}

/// Decodes `bytes` as `enc`. With `lossy`, bytes that cannot be decoded
/// become U+FFFD (counted in [`Decoded::replaced`]) instead of an error.
pub fn decode_with(bytes: &[u8], enc: Encoding, lossy: bool) -> Result<Decoded, DecodeError> {
    match enc {
        Encoding::Auto => auto(bytes, lossy),
        Encoding::Utf8 => utf8(bytes, lossy),
        Encoding::Utf16 => utf16(bytes, lossy),
        Encoding::Tcvn3 | Encoding::Vni | Encoding::Viscii => {
            let mut d = legacy_decode(bytes, enc);
            if enc == Encoding::Tcvn3 {
                if let Some(t) = restore_tcvn3_capitals(&d.text) {
                    d.text = t;
                }
            }
            match d.first_bad {
                Some(offset) if !lossy => Err(DecodeError {
                    offset,
                    message: format!("byte 0x{:02X} is not {}", bytes[offset], legacy_label(enc)),
                }),
                _ => Ok(Decoded {
                    text: d.text,
                    map: d.map,
                    encoding: enc.name(),
                    replaced: d.replaced,
                    warnings: Vec::new(),
                }),
            }
        }
    }
}

/// TCVN3 has no capitals with a tone mark: ABC documents write them with
/// the small letter's code in a capitals font, so `QUYẾT ĐỊNH` arrives as
/// `QUYếT ĐịNH`. This restores the capitals where the case is not in doubt,
/// looking only at letters TCVN3 could not write as capitals:
/// - in a word in capitals: two capitals or more, or a capital after such a
///   small letter (`ủY`), and no small letter that TCVN3 could have written
///   as a capital (ASCII a-z, ă â ê ô ơ ư đ);
/// - in a line in capitals: no such small letter, and a word in capitals
///   that is not an abbreviation (it has a toned vowel or Ă Â Ê Ô Ơ Ư), or
///   two title-shaped words (`Bộ`, `Tế`) and no abbreviation: so
///   `UỶ BAN NHÂN DÂN` and `BỘ Y TẾ` come back whole, `- Bộ GD&ĐT` does not;
/// - the first letter of a sentence (after `.`, `!`, `?`, or at the start).
///
/// A title-case word inside a sentence (`của Ủy ban`) cannot be told from
/// a small one and stays small. The result depends on the line, so a piece
/// cut out of a line and read alone may differ in case. `None` when nothing
/// changes. Every letter keeps its UTF-8 length, so offset maps stay valid.
pub fn restore_tcvn3_capitals(text: &str) -> Option<String> {
    let small_only = |c: char| !c.is_ascii() && c.is_lowercase() && !can_encode(upper(c), Encoding::Tcvn3);
    let could_be_capital = |c: char| c.is_lowercase() && !small_only(c);
    let capitals_in = |w: &str| w.chars().filter(|c| c.is_uppercase()).count();
    let capital_after_small = |w: &str| {
        let mut seen_small = false;
        w.chars().any(|c| {
            seen_small |= small_only(c);
            seen_small && c.is_uppercase()
        })
    };
    let no_small = |w: &str| !w.chars().any(could_be_capital);
    let caps_shape = |w: &str| no_small(w) && (capitals_in(w) >= 2 || capital_after_small(w));
    let vietnamese = |w: &str| w.chars().any(|c| small_only(c) || "ĂÂÊÔƠƯ".contains(c));
    let caps_word = |w: &str| caps_shape(w) && vietnamese(w);
    let abbreviation = |w: &str| caps_shape(w) && !vietnamese(w);
    let title_shape =
        |w: &str| no_small(w) && capitals_in(w) == 1 && w.starts_with(char::is_uppercase) && w.chars().any(small_only);
    if !text.chars().any(small_only) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut sentence_start = true;
    for line in text.split_inclusive('\n') {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
            match (c.is_alphabetic(), start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    words.push((a, i));
                    start = None;
                }
                _ => {}
            }
        }
        let ws = || words.iter().map(|&(a, z)| &line[a..z]);
        let caps_line = no_small(line)
            && (ws().any(caps_word) || (ws().filter(|w| title_shape(w)).count() >= 2 && !ws().any(abbreviation)));
        let mut last = 0;
        for &(a, z) in &words {
            let gap = &line[last..a];
            out.push_str(gap);
            sentence_start |= gap.contains(['.', '!', '?']);
            let w = &line[a..z];
            let all = caps_line || caps_shape(w);
            for (k, c) in w.chars().enumerate() {
                let u = if small_only(c) && (all || (k == 0 && sentence_start)) { upper(c) } else { c };
                changed |= u != c;
                out.push(u);
            }
            sentence_start = false;
            last = z;
        }
        out.push_str(&line[last..]);
        sentence_start |= line[last..].contains(['.', '!', '?']);
    }
    changed.then_some(out)
}

/// The capital of a Vietnamese letter when it has the same UTF-8 length
/// (all of them do), else the letter itself.
fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// [`decode_with`] on bytes the caller gives up: valid UTF-8 without a BOM
/// (the common case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, enc: Encoding, lossy: bool) -> Result<Decoded, DecodeError> {
    if matches!(enc, Encoding::Auto | Encoding::Utf8)
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && utf16_without_bom(&bytes).is_none()
    {
        // The standard validator is slow on text where most characters
        // take several bytes (Vietnamese: ~300 MB/s); simdutf8's is an
        // order of magnitude faster. Copying the valid text (a memcpy) costs
        // less than validating it twice.
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            let map = OffsetMap::identity(text.len());
            return Ok(Decoded { text: text.to_owned(), map, encoding: "utf-8", replaced: 0, warnings: Vec::new() });
        }
    }
    decode_with(&bytes, enc, lossy)
}

/// Encodes `text` in a legacy encoding (TCVN3, VNI, VISCII): the inverse of
/// decoding, for tests and for writing fixtures. TCVN3 writes a capital
/// with a tone mark as its small letter, as ABC documents do. UTF-8 is `text` itself;
/// for UTF-16 see [`encode_utf16`]. `Err` gives the byte offset in `text`
/// of the first character the encoding has no code for.
pub fn encode(text: &str, enc: Encoding) -> Result<Vec<u8>, DecodeError> {
    let table = match enc {
        Encoding::Auto | Encoding::Utf8 => return Ok(text.as_bytes().to_vec()),
        Encoding::Utf16 => return Ok(encode_utf16(text, false)),
        Encoding::Tcvn3 => tables::tcvn3(),
        Encoding::Vni => tables::vni(),
        Encoding::Viscii => tables::viscii(),
    };
    // TCVN3 writes a capital with a tone mark with the small letter's code
    // (ABC documents set it in a capitals font).
    let small;
    let text = if enc == Encoding::Tcvn3 && text.chars().any(|c| !table.encode.contains_key(&c)) {
        small = text
            .chars()
            .map(|c| match c.to_lowercase().next() {
                Some(l)
                    if !table.encode.contains_key(&c)
                        && table.encode.contains_key(&l)
                        && l.len_utf8() == c.len_utf8() =>
                {
                    l
                }
                _ => c,
            })
            .collect::<String>();
        small.as_str()
    } else {
        text
    };
    legacy::encode(text, table).map_err(|(offset, c)| DecodeError {
        offset,
        message: format!("{c:?} (U+{:04X}) has no code in {}", c as u32, legacy_label(enc)),
    })
}

/// Whether `enc` (a legacy one) has a code for `c`.
pub fn can_encode(c: char, enc: Encoding) -> bool {
    match enc {
        Encoding::Tcvn3 => tables::tcvn3().encode.contains_key(&c),
        Encoding::Vni => tables::vni().encode.contains_key(&c),
        Encoding::Viscii => tables::viscii().encode.contains_key(&c),
        _ => true,
    }
}

/// Encodes `text` as UTF-16 with a BOM, big-endian or little-endian.
pub fn encode_utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + text.len() * 2);
    for u in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn legacy_label(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Tcvn3 => "TCVN3",
        Encoding::Vni => "VNI-Windows",
        Encoding::Viscii => "VISCII",
        _ => "UTF-8",
    }
}

fn legacy_decode(bytes: &[u8], enc: Encoding) -> legacy::Legacy {
    let table = match enc {
        Encoding::Vni => tables::vni(),
        Encoding::Viscii => tables::viscii(),
        _ => tables::tcvn3(),
    };
    legacy::decode(bytes, table)
}

/// How much of the input detection reads: enough words to decide, and
/// a bounded cost on large files.
const SAMPLE: usize = 64 * 1024;

fn auto(bytes: &[u8], lossy: bool) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return utf8(bytes, lossy);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return utf16(bytes, lossy);
    }
    if let Some(big_endian) = utf16_without_bom(bytes) {
        let mut d = utf16_body(bytes, 0, big_endian, lossy)?;
        d.warnings.push(format!("no byte order mark: read as {} because of its NUL bytes", d.encoding));
        return Ok(d);
    }
    let bad_at = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                map: OffsetMap::identity(s.len()),
                encoding: "utf-8",
                replaced: 0,
                warnings: Vec::new(),
            })
        }
        Err(e) => e.valid_up_to(),
    };
    // Not UTF-8: which legacy table reads it as Vietnamese?
    let sample = sample(bytes);
    let mut scored: Vec<(Encoding, detect::Score)> = [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii]
        .into_iter()
        .map(|enc| {
            let d = legacy_decode(sample, enc);
            (enc, detect::score(&d.text, d.replaced))
        })
        .collect();
    scored.sort_by(|a, b| b.1.rank().total_cmp(&a.1.rank()));
    let (enc, best) = scored[0];
    let runner_up = scored[1].1;
    let unsure = best.valid_frac() < 0.75 || best.words == 0;
    if unsure {
        if lossy {
            let mut d = utf8(bytes, true)?;
            d.warnings.push("not UTF-8 and not a Vietnamese legacy encoding: read as UTF-8, bad bytes replaced".into());
            return Ok(d);
        }
        return Err(DecodeError {
            offset: bad_at,
            message: format!(
                "invalid UTF-8 (byte 0x{:02X}), and the text does not read as TCVN3, VNI or VISCII; \
                 use --encoding to choose one, or --lossy",
                bytes[bad_at]
            ),
        });
    }
    // The sample may read well while a later byte is outside the table.
    let mut d = decode_with(bytes, enc, lossy).map_err(|e| DecodeError {
        offset: e.offset,
        message: format!("{} (the rest reads as {}); use --lossy to replace it", e.message, legacy_label(enc)),
    })?;
    let confident = best.valid_frac() >= 0.9
        && best.common_frac() >= 0.1
        && best.words >= 5
        && best.rank() - runner_up.rank() >= 0.3;
    if !confident {
        d.warnings.push(format!(
            "encoding guessed as {} on thin evidence ({} of {} words read as Vietnamese); \
             use --encoding to choose",
            enc.name(),
            best.valid,
            best.words
        ));
    }
    Ok(d)
}

/// The first `SAMPLE` bytes, cut at a line end or space so no word is split.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE {
        return bytes;
    }
    let cut = bytes[..SAMPLE].iter().rposition(|&b| b == b'\n' || b == b' ').unwrap_or(SAMPLE);
    &bytes[..cut]
}

/// UTF-16 without a BOM: text has NUL bytes at every other position (the
/// high byte of ASCII characters) and nowhere else. `Some(big_endian)`.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 || !head.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = head.len() / 2;
    if odd * 10 >= units * 3 && even * 20 <= units {
        Some(false)
    } else if even * 10 >= units * 3 && odd * 20 <= units {
        Some(true)
    } else {
        None
    }
}

fn utf8(bytes: &[u8], lossy: bool) -> Result<Decoded, DecodeError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let body = &bytes[bom..];
    let mut map = OffsetMap::default();
    map.push_changed(0, bom);
    match std::str::from_utf8(body) {
        Ok(s) => {
            map.push_same(s.len());
            Ok(Decoded { text: s.to_string(), map, encoding: "utf-8", replaced: 0, warnings: Vec::new() })
        }
        Err(e) if !lossy => Err(DecodeError {
            offset: bom + e.valid_up_to(),
            message: format!("invalid UTF-8 (byte 0x{:02X})", body[e.valid_up_to()]),
        }),
        Err(_) => {
            let mut text = String::with_capacity(body.len() + 16);
            let mut replaced = 0;
            let mut rest = body;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        text.push_str(s);
                        map.push_same(s.len());
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // Safe: from_utf8 vouched for these bytes.
                        text.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        map.push_same(good);
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        text.push(char::REPLACEMENT_CHARACTER);
                        map.push_changed(3, bad);
                        replaced += bad;
                        rest = &rest[good + bad..];
                    }
                }
            }
            Ok(Decoded { text, map, encoding: "utf-8", replaced, warnings: Vec::new() })
        }
    }
}

fn utf16(bytes: &[u8], lossy: bool) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(b"\xFF\xFE") {
        utf16_body(bytes, 2, false, lossy)
    } else if bytes.starts_with(b"\xFE\xFF") {
        utf16_body(bytes, 2, true, lossy)
    } else {
        let big_endian = utf16_without_bom(bytes).unwrap_or(false);
        let mut d = utf16_body(bytes, 0, big_endian, lossy)?;
        d.warnings.push(format!("no byte order mark: read as {}", d.encoding));
        Ok(d)
    }
}

/// Decodes UTF-16 code units from `bytes[start..]`. Every character maps
/// to its 2 (or 4, for a surrogate pair) input bytes.
fn utf16_body(bytes: &[u8], start: usize, big_endian: bool, lossy: bool) -> Result<Decoded, DecodeError> {
    let encoding = if big_endian { "utf-16be" } else { "utf-16le" };
    let mut map = OffsetMap::default();
    map.push_changed(0, start);
    let mut text = String::with_capacity(bytes.len() - start);
    let mut replaced = 0;
    let unit = |i: usize| {
        let b = [bytes[i], bytes[i + 1]];
        if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }
    };
    let mut i = start;
    while i < bytes.len() {
        let (c, len) = if i + 1 >= bytes.len() {
            (None, 1)
        } else {
            let u = unit(i);
            match u {
                0xD800..=0xDBFF if i + 3 < bytes.len() => {
                    let v = unit(i + 2);
                    if (0xDC00..=0xDFFF).contains(&v) {
                        let cp = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(v) - 0xDC00);
                        (char::from_u32(cp), 4)
                    } else {
                        (None, 2)
                    }
                }
                0xD800..=0xDFFF => (None, 2),
                _ => (char::from_u32(u32::from(u)), 2),
            }
        };
        let c = match c {
            Some(c) => c,
            None if lossy => {
                replaced += len;
                char::REPLACEMENT_CHARACTER
            }
            None => {
                let message =
                    if len == 1 { "UTF-16 text ends in half a code unit" } else { "unpaired UTF-16 surrogate" };
                return Err(DecodeError { offset: i, message: message.to_string() });
            }
        };
        text.push(c);
        map.push_changed(c.len_utf8(), len);
        i += len;
    }
    Ok(Decoded { text, map, encoding, replaced, warnings: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_skipped_and_mapped() {
        let d = decode("\u{feff}Bộ".as_bytes(), Encoding::Auto).unwrap();
        assert_eq!(d.text, "Bộ");
        assert_eq!(d.map.map_start(0), 3);
        assert_eq!(d.map.map_end(d.text.len()), 3 + "Bộ".len());
    }

    #[test]
    fn invalid_bytes_name_their_offset() {
        let e = decode(b"ab\xffcd", Encoding::Utf8).unwrap_err();
        assert_eq!(e.offset, 2);
    }

    #[test]
    fn names_round_trip() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("UTF8".parse::<Encoding>(), Ok(Encoding::Utf8));
        assert!("latin1".parse::<Encoding>().is_err());
    }

    #[test]
    fn utf16_maps_each_char_to_its_units() {
        let bytes = encode_utf16("Bộ 𝕏", true);
        let d = decode(&bytes, Encoding::Auto).unwrap();
        assert_eq!(d.text, "Bộ 𝕏");
        assert_eq!(d.encoding, "utf-16be");
        let x = d.text.find('𝕏').unwrap();
        assert_eq!((d.map.map_start(x), d.map.map_end(x + 4)), (8, 12));
        let o = d.text.find('ộ').unwrap();
        assert_eq!((d.map.map_start(o), d.map.map_end(o + 3)), (4, 6));
    }

    #[test]
    fn vni_two_bytes_make_one_char() {
        let d = decode(b"Vi\xEA\xE4t", Encoding::Vni);
        assert!(d.is_err(), "0xEA then 0xE4 is not a letter");
        let d = decode(b"Vie\xE4t Nam", Encoding::Vni).unwrap();
        assert_eq!(d.text, "Việt Nam");
        let p = d.text.find('ệ').unwrap();
        assert_eq!((d.map.map_start(p), d.map.map_end(p + 'ệ'.len_utf8())), (2, 4));
    }

    #[test]
    fn tcvn3_capitals_come_back_in_capital_runs() {
        let cases = [
            ("QUYếT ĐịNH", "QUYẾT ĐỊNH"),
            ("BỘ Y TẾ\nủY BAN", "BỘ Y TẾ\nỦY BAN"),
            ("năm 2025. ủy ban giao", "năm 2025. Ủy ban giao"),
            ("ảnh hưởng", "Ảnh hưởng"),
            ("Uỷ BAN NHÂN DÂN\nCộNG HOà Xã HộI", "UỶ BAN NHÂN DÂN\nCỘNG HOÀ XÃ HỘI"),
            ("theo QUYếT ĐịNH số 12", "theo QUYẾT ĐỊNH số 12"),
        ];
        for (from, to) in cases {
            assert_eq!(restore_tcvn3_capitals(from).as_deref(), Some(to));
            let bytes = encode(from, Encoding::Tcvn3).unwrap();
            assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap().text, to);
        }
        for same in
            ["Uỷ ban nhân dân", "Bộ KH&CN trình", "Ở đây", "Hà Nội", "của ủy ban", "Bộ Y tế", "x - Bộ GD&ĐT, Bộ NN&MT."]
        {
            assert_eq!(restore_tcvn3_capitals(same), None, "{same}");
        }
    }

    #[test]
    fn vni_reads_a_capital_with_a_small_letter_diacritic() {
        // "AÙ" is the table's Á; "Aù" (small-letter acute after A) is read too.
        assert_eq!(decode(b"A\xD9 A\xF9 a\xF9", Encoding::Vni).unwrap().text, "Á Á á");
        assert_eq!(decode(b"\xD6\xF8", Encoding::Vni).unwrap().text, "Ừ");
    }

    #[test]
    fn lossy_counts_replacements() {
        let d = decode_with(b"ab\xff\xfecd", Encoding::Utf8, true).unwrap();
        assert_eq!(d.text, "ab\u{fffd}\u{fffd}cd");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.map.map_start(d.text.find('c').unwrap()), 4);
    }
}
