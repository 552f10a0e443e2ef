//! Encoding detection (issue 4): each legacy encoding is recognised on a
//! sentence of real-looking text; UTF-8 and ASCII are never taken for
//! anything else; bytes that are neither fail with the offset of the first
//! byte that is not UTF-8, instead of being read as TCVN3.

use chidao::decode::{decode, decode_with, encode, encode_utf16, Encoding};

const SENTENCES: [&str; 4] = [
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương hoàn thành báo cáo trước ngày 15/12/2025.",
    "Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành xây dựng Đề án, trình Thủ tướng Chính phủ trong tháng 11.",
    "Giao Sở Tài chính tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện theo quy định.",
    "Các đơn vị báo cáo kết quả thực hiện về Văn phòng Chính phủ trước ngày 30 tháng 6 năm 2025 để tổng hợp.",
];

const LEGACY: [Encoding; 3] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii];

/// TCVN3 has no capitals with tone marks: ABC text writes small letters,
/// and the decoder restores those it can (`restore_tcvn3_capitals`).
fn writable(s: &str, enc: Encoding) -> String {
    let small: String = s
        .chars()
        .map(|c| if chidao::decode::can_encode(c, enc) { c } else { c.to_lowercase().next().unwrap() })
        .collect();
    chidao::decode::restore_tcvn3_capitals(&small).filter(|_| enc == Encoding::Tcvn3).unwrap_or(small)
}

#[test]
fn each_legacy_encoding_is_detected_on_one_sentence() {
    for enc in LEGACY {
        for s in SENTENCES {
            let s = writable(s, enc);
            let bytes = encode(&s, enc).unwrap();
            let d = decode(&bytes, Encoding::Auto).unwrap_or_else(|e| panic!("{enc} {s}: {e}"));
            assert_eq!(d.encoding, enc.name(), "{s}");
            assert_eq!(d.text, s);
            assert!(d.warnings.is_empty(), "{enc} {s}: {:?}", d.warnings);
        }
    }
}

#[test]
fn a_few_words_are_read_but_with_a_warning() {
    for enc in LEGACY {
        let bytes = encode("Quyết định số 12", enc).unwrap();
        let d = decode(&bytes, Encoding::Auto).unwrap();
        assert_eq!(d.text, "Quyết định số 12", "{enc}");
        assert_eq!(d.warnings.len(), 1, "{enc}: {:?}", d.warnings);
    }
}

#[test]
fn utf8_and_ascii_stay_utf8() {
    for s in SENTENCES.iter().copied().chain(["", "Plain ASCII text, 12/2025/ND-CP.", "\u{feff}Bộ", "“quoted” – …"])
    {
        let d = decode(s.as_bytes(), Encoding::Auto).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.warnings.is_empty());
    }
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        assert_eq!(decode(&bytes, Encoding::Auto).unwrap().encoding, "utf-8");
    }
}

/// Bytes from a fixed pseudo-random sequence: ASCII words with high bytes
/// strewn in.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            match x % 10 {
                0..=2 => 0x80 + (x >> 8) as u8 % 0x80,
                3 => b' ',
                _ => b'a' + (x >> 16) as u8 % 26,
            }
        })
        .collect()
}

#[test]
fn random_high_bytes_are_an_error_at_the_first_bad_byte() {
    for seed in 1..40 {
        let bytes = noise(seed, 2000);
        let first_bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        let e = decode(&bytes, Encoding::Auto).unwrap_err();
        assert_eq!(e.offset, first_bad, "seed {seed}: {}", e.message);
        // Lossy reads it as UTF-8 with replacements, and says so.
        let d = decode_with(&bytes, Encoding::Auto, true).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.replaced > 0);
        assert!(!d.warnings.is_empty());
    }
}

#[test]
fn windows_1252_is_not_taken_for_vietnamese() {
    let latin1 = b"Le caf\xe9 cr\xe8me \xe0 la fran\xe7aise, d\xe9j\xe0 servi \x93chaud\x94 \xe0 No\xebl.";
    let e = decode(latin1, Encoding::Auto).unwrap_err();
    assert_eq!(e.offset, 6);
    assert!(e.message.contains("TCVN3"), "{}", e.message);
}

#[test]
fn utf8_with_one_stray_byte_is_an_error_not_a_legacy_guess() {
    let mut bytes = SENTENCES[1].as_bytes().to_vec();
    bytes.insert(1, 0xA9);
    assert_eq!(decode(&bytes, Encoding::Auto).unwrap_err().offset, 1);
}

#[test]
fn utf16_without_bom_is_read_with_a_warning() {
    for big_endian in [false, true] {
        let bytes = encode_utf16(SENTENCES[0], big_endian);
        let d = decode(&bytes[2..], Encoding::Auto).unwrap();
        assert_eq!(d.text, SENTENCES[0]);
        assert_eq!(d.encoding, if big_endian { "utf-16be" } else { "utf-16le" });
        assert_eq!(d.warnings.len(), 1);
    }
}

#[test]
fn forced_encodings_report_bad_bytes_by_offset() {
    let tcvn = encode(SENTENCES[0], Encoding::Vni).unwrap();
    let e = decode(&tcvn, Encoding::Utf8).unwrap_err();
    assert!(e.offset > 0 && e.offset < tcvn.len());
    // 0xC0 is unassigned in TCVN3.
    let e = decode(b"abc \xC0 def", Encoding::Tcvn3).unwrap_err();
    assert_eq!(e.offset, 4);
    let d = decode_with(b"abc \xC0 def", Encoding::Tcvn3, true).unwrap();
    assert_eq!((d.text.as_str(), d.replaced), ("abc \u{fffd} def", 1));
    // UTF-16: an unpaired surrogate, and an odd length.
    let e = decode(b"\xFF\xFEa\x00\x00\xD8b\x00", Encoding::Auto).unwrap_err();
    assert_eq!(e.offset, 4);
    let e = decode(b"\xFF\xFEa\x00b", Encoding::Utf16).unwrap_err();
    assert_eq!(e.offset, 4);
}

#[test]
fn forcing_an_encoding_skips_detection() {
    let bytes = encode(SENTENCES[2], Encoding::Viscii).unwrap();
    let d = decode(&bytes, Encoding::Viscii).unwrap();
    assert_eq!(d.text, SENTENCES[2]);
    // Plain ASCII is the same in every encoding.
    for enc in LEGACY {
        assert_eq!(decode(b"Plain text.", enc).unwrap().text, "Plain text.");
    }
}

/// The dev corpus (`../shared/dev-corpus`, UTF-8, not in the repo): every
/// text is read as UTF-8, and its legacy copies as their encoding. Run with
/// `cargo test --test decode_detect -- --ignored`.
#[test]
#[ignore]
fn dev_corpus_is_utf8_and_its_copies_are_detected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev-corpus");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let d = decode(&bytes, Encoding::Auto).unwrap();
        assert_eq!(d.encoding, "utf-8", "{}", path.display());
        assert!(d.warnings.is_empty(), "{}", path.display());
        let text = chidao::normalize::normalize(&d.text).text;
        for enc in LEGACY {
            let s: String = writable(&text, enc)
                .chars()
                .map(|c| if chidao::decode::can_encode(c, enc) { c } else { '?' })
                .collect();
            let copy = encode(&s, enc).unwrap();
            let d = decode(&copy, Encoding::Auto).unwrap_or_else(|e| panic!("{} {enc}: {e}", path.display()));
            assert_eq!(d.encoding, enc.name(), "{}", path.display());
            if !d.warnings.is_empty() {
                eprintln!("{} {enc}: {:?}", path.display(), d.warnings);
            }
        }
        n += 1;
    }
    eprintln!("{n} dev-corpus texts checked");
}
