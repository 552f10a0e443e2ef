//! Throughput of decode + normalise on UTF-8 NFC text (issue 4: near memory
//! speed, > 300 MB/s). Ignored by default: timing in a debug build means
//! nothing. Run with
//! `cargo test --release --test decode_speed -- --ignored --nocapture`.

use chidao::decode::{decode, decode_owned, Encoding};
use chidao::normalize::{normalize, normalize_owned, ToneStyle};
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

/// CPU seconds used by this process so far (from /proc; 0 elsewhere), so
/// that a busy machine does not pass for a slow decoder.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    let Some(after) = stat.rsplit_once(')').map(|x| x.1) else { return 0.0 };
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

#[test]
#[ignore]
fn utf8_nfc_decode_and_normalize_speed() {
    let one = corpus_text();
    let big = one.repeat((64 << 20) / one.len() + 1);
    let bytes = big.as_bytes();
    let mut best = f64::MAX;
    let cpu0 = cpu_seconds();
    for _ in 0..5 {
        let t = Instant::now();
        let d = decode(bytes, Encoding::Auto).unwrap();
        let n = normalize(&d.text);
        std::hint::black_box(&n);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let cpu = (cpu_seconds() - cpu0) / 5.0;
    let mbps = bytes.len() as f64 / best / 1e6;
    println!("decode+normalize: {:.0} MB/s per CPU second", bytes.len() as f64 / cpu / 1e6);
    // The floor: std's UTF-8 validation alone, on the same machine.
    let mut base = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(std::str::from_utf8(std::hint::black_box(bytes)).is_ok());
        base = base.min(t.elapsed().as_secs_f64());
    }
    println!("std::str::from_utf8 alone: {:.0} MB/s", bytes.len() as f64 / base / 1e6);
    let t = Instant::now();
    let d = decode(bytes, Encoding::Auto).unwrap();
    let dec = t.elapsed().as_secs_f64();
    std::hint::black_box(&d);
    // The owned entry points copy nothing when nothing changes.
    let mut owned = f64::MAX;
    for _ in 0..5 {
        let v = bytes.to_vec();
        let t = Instant::now();
        let d = decode_owned(v, Encoding::Auto, false).unwrap();
        let n = normalize_owned(d.text, ToneStyle::New);
        std::hint::black_box(&n);
        owned = owned.min(t.elapsed().as_secs_f64());
    }
    println!("decode_owned+normalize_owned: {:.0} MB/s", bytes.len() as f64 / owned / 1e6);
    println!(
        "decode+normalize: {mbps:.0} MB/s over {} MB (decode alone {:.0} MB/s)",
        bytes.len() >> 20,
        bytes.len() as f64 / dec / 1e6
    );
}
