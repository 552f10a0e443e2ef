//! Inputs that would expose quadratic behaviour: a 50 MB single line, a file
//! of 10,000 nested items, a file of only headings. Each must finish and
//! give well-formed records; time limits are the benchmark's business, but
//! a quadratic path would not finish these within the test run.

use chidao::pipeline::{extract_document, Options};

fn check(name: &str, bytes: &[u8]) -> usize {
    let res = extract_document(name, bytes, &Options::default()).expect("extract");
    for r in &res.records {
        assert!(r.span[0] <= r.span[1] && r.span[1] <= bytes.len());
        assert!(std::str::from_utf8(&bytes[r.span[0]..r.span[1]]).is_ok());
    }
    res.records.len()
}

#[test]
fn fifty_megabytes_on_one_line() {
    let sentence = "Bộ Y tế chủ trì, phối hợp với các bộ, ngành xây dựng Đề án phát triển y tế số, hoàn thành trước ngày 15/9/2026; ";
    let n = 50_000_000 / sentence.len();
    let mut s = String::with_capacity(n * sentence.len());
    for _ in 0..n {
        s.push_str(sentence);
    }
    let got = check("line.txt", s.as_bytes());
    assert!(got > 0);
}

#[test]
fn ten_thousand_nested_items() {
    let markers = ["1.", "(1)", "a)", "-", "+"];
    let mut s = String::new();
    for i in 0..10_000 {
        let m = markers[i % markers.len()];
        s.push_str(&format!("{m} Bộ Công an trình Nghị định số {i} trước ngày 1/12/2026:\n"));
    }
    check("nested.txt", s.as_bytes());
    let mut deep = String::new();
    for i in 0..10_000 {
        let num: Vec<String> = (0..=(i % 5)).map(|k| (k + 1).to_string()).collect();
        deep.push_str(&format!("{}. Bộ Tài chính trình Đề án {i}.\n", num.join(".")));
    }
    check("deep.txt", deep.as_bytes());
}

#[test]
fn only_headings() {
    let mut s = String::new();
    for i in 0..20_000 {
        s.push_str(&format!("{}. VỀ NHIỆM VỤ SỐ {i}\n", i % 999 + 1));
    }
    assert_eq!(check("headings.txt", s.as_bytes()), 0);
}
