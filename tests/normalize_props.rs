//! Property tests of normalisation (SPEC §5) and of the decoders' offset
//! maps: normalising twice changes nothing; NFC and NFD forms of a text
//! normalise alike; every map takes each position of its output to a
//! character boundary of its input, in order.

use chidao::decode::{decode, encode, encode_utf16, Encoding};
use chidao::normalize::{normalize, normalize_with, ToneStyle};
use chidao::span::OffsetMap;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Pieces that exercise every step: spaces and line ends of all kinds,
/// invisibles, precomposed and combining Vietnamese, old-style tone pairs,
/// q/gi words, lookalikes, Cyrillic and Greek, address punctuation.
const PIECES: &[&str] = &[
    "a", "o", "u", "y", "e", "i", "q", "g", "h", "n", "t", "Q", "O", "U", "A", "1", "/", "-", ".", ":", "@", " ", " ",
    "\t", "\r", "\n", "\r\n", "\u{a0}", "\u{200b}", "\u{ad}", "\u{feff}", "\u{2028}", "\u{3000}", "á", "à", "ả", "ã",
    "ạ", "é", "ẹ", "ý", "ỳ", "ỷ", "ỹ", "ỵ", "Á", "Ý", "ó", "ò", "ú", "ù", "ủ", "Ủ", "ă", "ắ", "â", "ấ", "ậ", "ê", "ế",
    "ệ", "ô", "ồ", "ơ", "ớ", "ợ", "ư", "ứ", "ự", "đ", "Đ", "í", "\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{306}",
    "\u{309}", "\u{31b}", "\u{323}", "hoá", "thuỷ", "quý", "giữ", "khoẻ", "Uỷ", "hoà", "toán", "://", "\u{d0}",
    "\u{f0}", "С", "Р", "ж", "Ο", "μ", "“", "”", "…",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Every char boundary of `out` maps to char boundaries of `src`, and the
/// starts and ends never go backwards.
fn check_map(map: &OffsetMap, out: &str, src: &[u8], is_boundary: &dyn Fn(usize) -> bool) -> Result<(), TestCaseError> {
    prop_assert_eq!(map.out_len(), out.len());
    prop_assert_eq!(map.src_len(), src.len());
    let bounds: Vec<usize> = out.char_indices().map(|x| x.0).chain([out.len()]).collect();
    let (mut last_start, mut last_end) = (0, 0);
    for &p in &bounds {
        let (a, z) = (map.map_start(p), map.map_end(p));
        prop_assert!(a <= src.len() && z <= src.len());
        prop_assert!(is_boundary(a), "start {} of {} not a boundary", a, p);
        prop_assert!(is_boundary(z), "end {} of {} not a boundary", z, p);
        prop_assert!(a >= last_start && z >= last_end, "not monotone at {}", p);
        (last_start, last_end) = (a, z);
    }
    for w in bounds.windows(2) {
        prop_assert!(map.map_start(w[0]) <= map.map_end(w[1]));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn normalising_twice_changes_nothing(s in text()) {
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once.clone());
        let old = normalize_with(&s, ToneStyle::Old).text;
        prop_assert_eq!(normalize_with(&old, ToneStyle::Old).text, old);
    }

    #[test]
    fn nfc_and_nfd_normalise_alike(s in text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        let want = normalize(&nfc).text;
        prop_assert_eq!(normalize(&nfd).text, want.clone());
        prop_assert_eq!(normalize(&s).text, want);
    }

    #[test]
    fn output_is_nfc(s in text()) {
        let out = normalize(&s).text;
        prop_assert_eq!(out.nfc().collect::<String>(), out);
    }

    #[test]
    fn normalise_map_is_monotone_onto_char_starts(s in text()) {
        let n = normalize(&s);
        check_map(&n.map, &n.text, s.as_bytes(), &|i| s.is_char_boundary(i))?;
    }

    #[test]
    fn decode_maps_are_monotone_onto_char_starts(s in text()) {
        // A character's own bytes, for each encoding of the text.
        let s: String = s.nfc().collect();
        let mut copies = vec![(encode_utf16(&s, false), 2usize), (encode_utf16(&s, true), 2)];
        for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii] {
            let t: String = s.chars().filter(|&c| chidao::decode::can_encode(c, enc)).collect();
            copies.push((encode(&t, enc).unwrap(), 0));
        }
        for (bytes, bom) in copies {
            let enc = if bom > 0 { Encoding::Utf16 } else {
                // Detection may pick another table on so little text: force each.
                continue_legacy(&bytes)?;
                continue;
            };
            let d = decode(&bytes, enc).unwrap();
            let starts = char_starts_utf16(&bytes, bom);
            check_map(&d.map, &d.text, &bytes, &|i| starts.contains(&i))?;
        }
    }
}

/// UTF-16 character starts: after the BOM, every unit that is not a low surrogate.
fn char_starts_utf16(bytes: &[u8], bom: usize) -> Vec<usize> {
    let be = bytes.starts_with(b"\xFE\xFF");
    let mut v = vec![0];
    let mut i = bom;
    while i + 1 < bytes.len() {
        let u = if be {
            u16::from_be_bytes([bytes[i], bytes[i + 1]])
        } else {
            u16::from_le_bytes([bytes[i], bytes[i + 1]])
        };
        if !(0xDC00..=0xDFFF).contains(&u) {
            v.push(i);
        }
        i += 2;
    }
    v.push(bytes.len());
    v
}

/// Legacy copies: decode with each table that reads them, and check that
/// the map's starts are where the encoder wrote each character.
fn continue_legacy(bytes: &[u8]) -> Result<(), TestCaseError> {
    for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii] {
        let Ok(d) = decode(bytes, enc) else { continue };
        // Re-encode char by char: the offsets where each char's bytes start.
        let mut starts = vec![0];
        let mut at = 0;
        for c in d.text.chars() {
            at += encode(&c.to_string(), enc).map(|b| b.len()).unwrap_or(1);
            starts.push(at);
        }
        if at != bytes.len() {
            // Another table's reading (a VNI pair read as two TCVN3 letters): skip.
            continue;
        }
        check_map(&d.map, &d.text, bytes, &|i| starts.contains(&i))?;
    }
    Ok(())
}

#[test]
fn legacy_round_trip_of_every_letter() {
    let letters = "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ";
    let all: String = letters.chars().chain(letters.to_uppercase().chars()).collect();
    for enc in [Encoding::Vni, Encoding::Viscii] {
        let bytes = encode(&all, enc).unwrap();
        assert_eq!(decode(&bytes, enc).unwrap().text, all, "{enc}");
    }
    let bytes = encode(letters, Encoding::Tcvn3).unwrap();
    assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap().text, letters);
}
