//! Fuzz target: any bytes through decode → normalise → segment → extract.
//! Checks what the property tests check: no panic, spans in bounds, the
//! same output twice.
#![no_main]

use chidao::pipeline::{extract_document, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options { lossy: true, ..Options::default() };
    let a = extract_document("fuzz.txt", data, &opts);
    let b = extract_document("fuzz.txt", data, &opts);
    if let (Ok(a), Ok(b)) = (&a, &b) {
        assert_eq!(a.records, b.records);
        for r in &a.records {
            assert!(r.span[0] <= r.span[1] && r.span[1] <= data.len());
        }
    }
});
