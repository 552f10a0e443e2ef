//! Property tests of the whole path decode → normalise → segment → extract:
//! no panic on any bytes or any Vietnamese-like text, every `span` in bounds
//! and on character boundaries, and the same output twice.

use chidao::pipeline::{extract_document, Options};
use proptest::prelude::*;

/// Pieces of notices: markers, agencies, verbs, dates, punctuation, layout.
const PIECES: &[&str] = &[
    "Bộ Y tế ", "Bộ KH&CN ", "Ủy ban nhân dân các tỉnh: ", "Gia Lai, ", "Đắk Lắk ", "các bộ, ngành, địa phương ",
    "chủ trì, phối hợp với ", "trình ", "ban hành ", "Đề án ", "Nghị định số 12/2025/NĐ-CP ngày 10/7/2025 ",
    "hoàn thành ", "trước ngày 15/9", "trong tháng 12/2025", "quý II/2026", "ngay", "hằng tháng", "; ", ", ", ". ",
    ": ", "\n", "\n\n", "\n|\n", "1. ", "(2) ", "a) ", "- ", "+ ", "Thứ hai, ", "I. ", "TT\n", "Nhiệm vụ\n",
    "Cơ quan chủ trì\n", "Thời hạn\n", "Cơ quan chủ trì: ", "Thời gian thực hiện: ", "Nơi nhận:\n", "PHỤ LỤC\n",
    "“", "”", "(", ")", "yêu cầu ", "Thủ tướng ", "giao ", "đã ", "Số: 12/TB-VPCP\n", "Hà Nội, ngày 1 tháng 2 năm 2025\n",
    " date 2025-11-19 ", "hoá ", "\u{a0}", "\u{200b}", "\r\n", "\u{301}", "31/6/2025", "2026 - 2030",
];

fn viet() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let opts = Options { lossy: true, ..Options::default() };
    let a = extract_document("p.txt", bytes, &opts);
    let b = extract_document("p.txt", bytes, &opts);
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            prop_assert_eq!(&x.records, &y.records);
            for r in &x.records {
                let [s, e] = r.span;
                prop_assert!(s <= e && e <= bytes.len(), "span {:?} out of {}", r.span, bytes.len());
                prop_assert!(!r.id.is_empty());
            }
            if std::str::from_utf8(bytes).is_ok() {
                let text = std::str::from_utf8(bytes).unwrap_or_default();
                for r in &x.records {
                    prop_assert!(text.is_char_boundary(r.span[0]) && text.is_char_boundary(r.span[1]));
                }
            }
        }
        (Err(x), Err(y)) => prop_assert_eq!(x, y),
        _ => prop_assert!(false, "different outcomes for the same bytes"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes)?;
    }

    #[test]
    fn vietnamese_like_text_gives_sound_records(text in viet()) {
        check(text.as_bytes())?;
    }

    #[test]
    fn utf8_with_stray_bytes_never_panics(text in viet(), pos in any::<prop::sample::Index>(), byte in 0x80u8..=0xff) {
        let mut b = text.into_bytes();
        let i = if b.is_empty() { 0 } else { pos.index(b.len()) };
        b.insert(i, byte);
        check(&b)?;
    }
}
