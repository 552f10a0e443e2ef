//! Throughput of decode + normalise on UTF-8 NFC text (issue 4: near memory
//! speed, > 300 MB/s). Ignored by default: timing in a debug build means
//! nothing. Run with
//! `cargo test --release --test decode_speed -- --ignored --nocapture`.

use chidao::decode::{decode, Encoding};
use chidao::normalize::normalize;
use std::time::Instant;

fn corpus_text() -> String {
    let mut s = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        s.push_str(&normalize(&std::fs::read_to_string(p).unwrap()).text);
        s.push('\n');
    }
    s
}

#[test]
#[ignore]
fn utf8_nfc_decode_and_normalize_speed() {
    let one = corpus_text();
    let big = one.repeat((64 << 20) / one.len() + 1);
    let bytes = big.as_bytes();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let d = decode(bytes, Encoding::Auto).unwrap();
        let n = normalize(&d.text);
        std::hint::black_box(&n);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mbps = bytes.len() as f64 / best / 1e6;
    let t = Instant::now();
    let d = decode(bytes, Encoding::Auto).unwrap();
    let dec = t.elapsed().as_secs_f64();
    std::hint::black_box(&d);
    println!("decode+normalize: {mbps:.0} MB/s over {} MB (decode alone {:.0} MB/s)", bytes.len() >> 20, bytes.len() as f64 / dec / 1e6);
}
