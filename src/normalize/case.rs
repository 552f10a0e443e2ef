//! Lower case, fast. Every field reader matches lower-cased text; the
//! standard library's `to_lowercase` looks up each non-ASCII character in a
//! table, which for Vietnamese (a diacritic on most syllables) costs more
//! than the matching itself. The letters Vietnamese uses are handled here
//! by arithmetic on their UTF-8 bytes; any other character goes to the
//! standard library, so the results are exactly the standard ones.

/// What the fast path knows about one non-ASCII character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// Has no other lower case.
    Same,
    /// Its lower case is this code point, of the same UTF-8 length.
    To(u32),
    /// Not covered: ask the standard library.
    Unknown,
}

/// Latin-1 capitals (À–Þ but ×), Latin Extended-A pairs, Ơ Ư, the
/// Vietnamese block U+1EA0–U+1EF9 (capital on even code points); lower-case
/// letters of those ranges and the odd code points of U+1E00–U+1EFF,
/// combining marks and general punctuation are their own lower case. Checked against `char::to_lowercase` by a test.
#[inline]
fn fast(u: u32) -> Fast {
    match u {
        0xC0..=0xDE if u != 0xD7 => Fast::To(u + 0x20),
        0x80..=0xFF => Fast::Same,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EF9 => {
            if u % 2 == 0 {
                Fast::To(u + 1)
            } else {
                Fast::Same
            }
        }
        0x1A0 | 0x1AF => Fast::To(u + 1),
        0x1A1 | 0x1B0 | 0x300..=0x36F | 0x2000..=0x206F => Fast::Same,
        // Latin Extended Additional: small letters on odd code points.
        0x1E00..=0x1EFF if u % 2 == 1 => Fast::Same,
        _ => Fast::Unknown,
    }
}

/// Decodes the character at `i` of valid UTF-8 `b` (its lead byte is ≥ 0x80).
#[inline]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let c = b[i];
    if c < 0xE0 {
        (((c & 0x1F) as u32) << 6 | (b[i + 1] & 0x3F) as u32, 2)
    } else if c < 0xF0 {
        (((c & 0x0F) as u32) << 12 | ((b[i + 1] & 0x3F) as u32) << 6 | (b[i + 2] & 0x3F) as u32, 3)
    } else {
        (((c & 0x07) as u32) << 18 | ((b[i + 1] & 0x3F) as u32) << 12 | ((b[i + 2] & 0x3F) as u32) << 6 | (b[i + 3] & 0x3F) as u32, 4)
    }
}

/// Lower case that keeps every byte offset: each character becomes its
/// lower case when that is one character of the same UTF-8 length, and is
/// kept otherwise (no Vietnamese letter is kept). Equal to mapping
/// `char::to_lowercase` under that rule.
pub fn lower_same_len(s: &str) -> String {
    match lower_runs(s, |_| None::<std::convert::Infallible>) {
        Ok(out) => out,
        Err(never) => match never {},
    }
}

/// The lower case of `c` (`n` bytes) when it is one other character of
/// the same length.
fn same_len_lower(c: char, n: usize) -> Option<char> {
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) if l.len_utf8() == n && l != c => Some(l),
        _ => None,
    }
}

/// The same-length lower case of the non-ASCII character at `i` of `b`
/// (its lead byte is ≥ 0xC2) and its length, when the fast path knows it:
/// two-byte characters by [`fast`], and the Vietnamese block
/// U+1EA0–U+1EF9 (E1 BA A0 – E1 BB B9) by the parity of its last byte,
/// which is that of its code point (capitals are even). Nearly every
/// Vietnamese letter is decided here without a call.
#[inline(always)]
fn lower_fast(b: &[u8], i: usize) -> Option<(Option<char>, usize)> {
    let y = *b.get(i + 1)?;
    match b[i] {
        x @ 0xc2..=0xdf => match fast(u32::from(x & 0x1f) << 6 | u32::from(y & 0x3f)) {
            Fast::Same => Some((None, 2)),
            Fast::To(l) => Some((char::from_u32(l), 2)),
            Fast::Unknown => None,
        },
        0xe1 if matches!(y, 0xba | 0xbb) => {
            let u = 0x1e00 | u32::from(y & 0x3f) << 6 | u32::from(*b.get(i + 2)? & 0x3f);
            let to = (u % 2 == 0).then(|| char::from_u32(u + 1)).flatten();
            (0x1ea0..=0x1ef9).contains(&u).then_some((to, 3))
        }
        _ => None,
    }
}

/// [`lower_fast`] for the other characters: `Err` carries a character
/// [`fast`] does not cover.
#[cold]
fn lower_slow(b: &[u8], i: usize) -> (Result<Option<char>, char>, usize) {
    let (u, n) = decode(b, i);
    let to = match fast(u) {
        Fast::Same => Ok(None),
        Fast::To(l) => Ok(char::from_u32(l)),
        Fast::Unknown => match char::from_u32(u) {
            Some(c) => Err(c),
            None => Ok(None),
        },
    };
    (to, n)
}

/// The length of the UTF-8 character that starts with lead byte `lead`.
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The index of the first byte at or after `i` that leads a character of
/// two bytes or more (≥ 0xC0: its two top bits set), or `b.len()`. Looks
/// at eight bytes at a time: Vietnamese text has runs of ASCII between its
/// letters.
#[inline]
fn next_lead(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let leads = w & (w << 1) & 0x8080_8080_8080_8080;
        if leads != 0 {
            return i + (leads.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b.get(i..).and_then(|rest| rest.iter().position(|&x| x >= 0xc0)).map_or(b.len(), |k| i + k)
}

/// Whether the character led by byte `x` (`y`, `z` after it) may have
/// another lower case: false for ASCII and continuation bytes, and for the
/// small letters and punctuation [`fast`] knows as their own lower case
/// (Latin-1, Latin Extended-A, ơ ư, U+1E00-U+1EFF, U+2000-U+203F).
/// Comparisons only: the compiler checks a block of bytes at once.
#[inline(always)]
fn may_change(x: u8, y: u8, z: u8) -> bool {
    // After a lead byte, `y` and `z` are continuation bytes (0x80-0xBF),
    // which keep their order as `i8`: one signed comparison each.
    let below = |b: u8, limit: u8| (b as i8) < (limit as i8);
    let odd = |b: u8| b & 1 == 1;
    let same = (x == 0xc3) & !below(y, 0x9f)
        | ((x == 0xc4) & below(y, 0xb0) | (x == 0xc5) & !below(y, 0x8b) & below(y, 0xb8)) & odd(y)
        | (x == 0xc6) & ((y == 0xa1) | (y == 0xb0))
        | (x == 0xe1) & (y & 0xfc == 0xb8) & odd(z)
        | (x == 0xe2) & (y == 0x80);
    (x & 0xc0 == 0xc0) & !same
}

/// Same-length lower case of `s`: unchanged runs are copied at once and
/// ASCII lowered in bulk at the end; only non-ASCII capitals (few in
/// running text) are written one by one, and only the characters
/// [`may_change`] marks are decoded. `stop` first sees each character
/// the fast path does not cover; when it says so, the work stops there and
/// its value is returned.
fn lower_runs<T>(s: &str, stop: impl Fn(char) -> Option<T>) -> Result<String, T> {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    // The character at `i`: its lower case is written, when another.
    let mut lower_at = |i: usize, out: &mut String| -> Result<usize, T> {
        let (to, n) = match lower_fast(bytes, i) {
            Some(hit) => hit,
            None => match lower_slow(bytes, i) {
                (Ok(to), n) => (to, n),
                (Err(c), n) => {
                    if let Some(x) = stop(c) {
                        return Err(x);
                    }
                    (same_len_lower(c, n), n)
                }
            },
        };
        if let Some(l) = to {
            out.push_str(&s[copied..i]);
            out.push(l);
            copied = i + n;
        }
        Ok(n)
    };
    // Sixteen bytes at a time: one byte per position, 1 when marked, read
    // as one number whose set bits are the marked positions.
    const BLOCK: usize = 16;
    let mut i = 0;
    while let Some(w) = bytes.get(i..i + BLOCK + 2) {
        let mut marks = [0u8; BLOCK];
        for (((m, &x), &y), &z) in marks.iter_mut().zip(w).zip(&w[1..]).zip(&w[2..]) {
            *m = u8::from(may_change(x, y, z));
        }
        let mut marked = u128::from_le_bytes(marks);
        while marked != 0 {
            lower_at(i + (marked.trailing_zeros() / 8) as usize, &mut out)?;
            marked &= marked - 1;
        }
        i += BLOCK;
    }
    loop {
        // ASCII is left to the bulk pass below.
        i = next_lead(bytes, i);
        if i >= bytes.len() {
            break;
        }
        i += lower_at(i, &mut out)?;
    }
    out.push_str(&s[copied..]);
    out.make_ascii_lowercase();
    Ok(out)
}

/// Exactly `str::to_lowercase`, faster on Vietnamese text.
pub fn to_lowercase(s: &str) -> String {
    // Σ (final sigma depends on the neighbours) and characters whose lower
    // case is not one character of their length (`İ`) send the text to the
    // general path.
    let general = |c: char| (c == 'Σ' || (same_len_lower(c, c.len_utf8()).is_none() && !c.to_lowercase().eq([c]))).then_some(());
    match lower_runs(s, general) {
        Ok(out) => out,
        Err(()) => to_lowercase_general(s),
    }
}

/// [`to_lowercase`] for texts with characters whose lower case changes
/// their length.
fn to_lowercase_general(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        // Copy a run of ASCII at once.
        let run = bytes[i..].iter().position(|&c| c >= 0x80).unwrap_or(bytes.len() - i);
        if run > 0 {
            let start = out.len();
            out.push_str(&s[i..i + run]);
            out[start..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let (u, n) = decode(bytes, i);
        match fast(u) {
            Fast::Same => out.push_str(&s[i..i + n]),
            Fast::To(l) => out.push(char::from_u32(l).unwrap_or(char::REPLACEMENT_CHARACTER)),
            // Σ depends on its neighbours (final sigma): leave the whole
            // text to the standard library, which knows the rule.
            Fast::Unknown if u == 0x3A3 => return s.to_lowercase(),
            Fast::Unknown => match char::from_u32(u) {
                Some(ch) => out.extend(ch.to_lowercase()),
                None => out.push_str(&s[i..i + n]),
            },
        }
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_std_on_every_char() {
        for u in 0x80..=0x2FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            match fast(u) {
                Fast::Same => assert_eq!(std, [c], "{u:X}"),
                Fast::To(l) => {
                    assert_eq!(std.len(), 1, "{u:X}");
                    assert_eq!(std[0] as u32, l, "{u:X}");
                    assert_eq!(std[0].len_utf8(), c.len_utf8(), "{u:X}");
                }
                Fast::Unknown => {}
            }
            let s = c.to_string();
            assert_eq!(to_lowercase(&s), s.to_lowercase(), "{u:X}");
            let same = lower_same_len(&s);
            assert_eq!(same.len(), s.len(), "{u:X}");
            let want = match (std.len(), std.first()) {
                (1, Some(l)) if l.len_utf8() == c.len_utf8() => l.to_string(),
                _ => s.clone(),
            };
            assert_eq!(same, want, "{u:X}");
        }
    }

    /// A character [`may_change`] passes over is its own lower case by [`fast`].
    #[test]
    fn unmarked_chars_are_their_own_lower_case() {
        for u in 0x80..=0x2FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut b = [b'a'; 6];
            c.encode_utf8(&mut b);
            if !may_change(b[0], b[1], b[2]) {
                assert!(fast(u) == Fast::Same, "{u:X}");
            }
        }
    }

    /// Every character inside a long text, at every offset of a block.
    #[test]
    fn every_char_in_long_text() {
        let same_len = |c: char| {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        };
        for pad in 0..4 {
            let s: String = "A".repeat(pad) + &(0..=0x2FFFFu32).filter_map(char::from_u32).flat_map(|c| [c, 'Q', c]).collect::<String>();
            let want: String = s.chars().map(same_len).collect();
            assert_eq!(lower_same_len(&s), want);
        }
    }

    #[test]
    fn texts() {
        for s in [
            "",
            "ĐỀ ÁN Chuyển Đổi Số",
            "Ủy ban nhân dân TỈNH Gia Lai; İstanbul ΣΑΣ ΌΣΟΣ",
            "“Kế hoạch” – x\u{301}",
            "ABC xyz 123 ẞ Ǆ ǅ",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
            let l = lower_same_len(s);
            assert_eq!(l.len(), s.len());
            let want: String = s
                .chars()
                .map(|c| {
                    let mut it = c.to_lowercase();
                    match (it.next(), it.next()) {
                        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                        _ => c,
                    }
                })
                .collect();
            assert_eq!(l, want, "{s}");
        }
    }
}
