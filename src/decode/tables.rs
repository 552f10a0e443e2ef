//! The legacy Vietnamese code tables (TCVN3, VNI-Windows, VISCII), kept as
//! TSV data under `tables/` and loaded once.
//!
//! Each row is `bytes<TAB>U+XXXX<TAB>char<TAB>name`; `bytes` is one or two
//! hex bytes. Bytes 0x00-0x7F not listed are ASCII.

use std::collections::HashMap;
use std::sync::OnceLock;

const TCVN3_TSV: &str = include_str!("tables/tcvn3.tsv");
const VNI_TSV: &str = include_str!("tables/vni.tsv");
const VISCII_TSV: &str = include_str!("tables/viscii.tsv");
const WIN_PUNCT_TSV: &str = include_str!("tables/win_punct.tsv");

/// One legacy encoding's tables, both ways.
#[derive(Debug)]
pub(crate) struct Table {
    /// Single byte → char; `None` where the byte is not assigned.
    pub single: [Option<char>; 256],
    /// Two bytes (`first << 8 | second`) → char (VNI only).
    pub pairs: HashMap<u16, char>,
    /// Whether a byte can start a pair.
    pub pair_first: [bool; 256],
    /// Char → bytes, for the encoder.
    pub encode: HashMap<char, Vec<u8>>,
}

/// One parsed TSV row.
pub(crate) struct Row {
    pub bytes: Vec<u8>,
    pub ch: char,
}

/// Parses a table file. Panics on malformed data: the files are embedded,
/// and `tests::tables_load` forces every one of them.
pub(crate) fn parse_rows(tsv: &str) -> Vec<Row> {
    tsv.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let bytes = cols
                .next()
                .expect("bytes column")
                .split(' ')
                .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
                .collect::<Vec<u8>>();
            let cp = cols.next().expect("code point column");
            let cp = u32::from_str_radix(cp.strip_prefix("U+").expect("U+ prefix"), 16).expect("hex code point");
            let ch = char::from_u32(cp).expect("valid code point");
            let shown = cols.next().expect("char column");
            assert_eq!(shown, ch.to_string(), "char column disagrees with code point in {l:?}");
            assert!(matches!(bytes.len(), 1 | 2), "one or two bytes in {l:?}");
            Row { bytes, ch }
        })
        .collect()
}

fn build(files: &[&str]) -> Table {
    let mut t = Table { single: [None; 256], pairs: HashMap::new(), pair_first: [false; 256], encode: HashMap::new() };
    for b in 0..0x80u8 {
        t.single[b as usize] = Some(b as char);
    }
    for file in files {
        for row in parse_rows(file) {
            match row.bytes[..] {
                [b] => t.single[b as usize] = Some(row.ch),
                [a, b] => {
                    t.pairs.insert(u16::from(a) << 8 | u16::from(b), row.ch);
                    t.pair_first[a as usize] = true;
                }
                _ => unreachable!("checked by parse_rows"),
            }
            t.encode.insert(row.ch, row.bytes);
        }
    }
    // ASCII control positions reused by a table (VISCII) are letters there.
    for b in 0..0x80u8 {
        if t.single[b as usize] == Some(b as char) {
            t.encode.entry(b as char).or_insert_with(|| vec![b]);
        }
    }
    t
}

pub(crate) fn tcvn3() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| build(&[TCVN3_TSV, WIN_PUNCT_TSV]))
}

pub(crate) fn vni() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| build(&[VNI_TSV, WIN_PUNCT_TSV]))
}

pub(crate) fn viscii() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| build(&[VISCII_TSV]))
}

/// The raw TSV text of each table, by name, for tests and documentation.
pub fn table_sources() -> [(&'static str, &'static str); 4] {
    [("tcvn3", TCVN3_TSV), ("vni", VNI_TSV), ("viscii", VISCII_TSV), ("win_punct", WIN_PUNCT_TSV)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use unicode_normalization::UnicodeNormalization;

    /// Every precomposed Vietnamese letter outside ASCII (134 of them).
    fn vietnamese_letters() -> Vec<char> {
        let mut v = Vec::new();
        let bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
        let tones = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
        for b in bases {
            for t in tones {
                for s in [b.to_string(), b.to_uppercase()] {
                    let c: String = format!("{s}{t}").nfc().collect();
                    let c = c.chars().next().unwrap();
                    if !c.is_ascii() {
                        v.push(c);
                    }
                }
            }
        }
        v.push('đ');
        v.push('Đ');
        v
    }

    #[test]
    fn tables_load() {
        assert!(tcvn3().single[0xB8] == Some('á'));
        assert!(vni().pairs[&(u16::from(b'a') << 8 | 0xF9)] == 'á');
        assert!(viscii().single[0x02] == Some('Ẳ'));
    }

    #[test]
    fn each_table_is_a_bijection() {
        for (name, src) in table_sources() {
            let rows = parse_rows(src);
            let mut bytes = HashSet::new();
            let mut chars = HashSet::new();
            for r in &rows {
                assert!(bytes.insert(r.bytes.clone()), "{name}: bytes {:02X?} twice", r.bytes);
                assert!(chars.insert(r.ch), "{name}: {:?} twice", r.ch);
                assert!(r.ch.nfc().eq(std::iter::once(r.ch)), "{name}: {:?} is not NFC", r.ch);
            }
        }
        // The tables that share win_punct must not overlap with it.
        for t in [tcvn3(), vni()] {
            let chars: HashSet<char> = t.encode.keys().copied().collect();
            assert_eq!(chars.len(), t.encode.len());
        }
    }

    #[test]
    fn decoder_and_encoder_agree() {
        for t in [tcvn3(), vni(), viscii()] {
            for (&c, bytes) in &t.encode {
                let back = match bytes[..] {
                    [b] => t.single[b as usize],
                    [a, b] => t.pairs.get(&(u16::from(a) << 8 | u16::from(b))).copied(),
                    _ => None,
                };
                assert_eq!(back, Some(c), "{bytes:02X?}");
            }
        }
    }

    #[test]
    fn coverage_of_vietnamese_letters() {
        let all = vietnamese_letters();
        assert_eq!(all.len(), 134);
        for c in &all {
            assert!(viscii().encode.contains_key(c), "viscii lacks {c}");
            assert!(vni().encode.contains_key(c), "vni lacks {c}");
            // TCVN3 has every lowercase letter and the seven capitals without tone.
            let lower = c.to_lowercase().next().unwrap();
            assert!(tcvn3().encode.contains_key(&lower), "tcvn3 lacks {lower}");
        }
        for c in "ĂÂÊÔƠƯĐ".chars() {
            assert!(tcvn3().encode.contains_key(&c));
        }
        assert_eq!(parse_rows(VISCII_TSV).len(), 134);
        assert_eq!(parse_rows(VNI_TSV).len(), 134);
        assert_eq!(parse_rows(TCVN3_TSV).len(), 74);
    }

    #[test]
    fn vni_pair_bytes_never_start_a_single_letter() {
        // Greedy decoding is unambiguous only if no diacritic byte is also a letter.
        let t = vni();
        for key in t.pairs.keys() {
            let second = (key & 0xFF) as usize;
            assert!(t.single[second].is_none() || second < 0x80, "byte {second:02X} is both");
        }
    }
}
