//! Every record's `span` cuts the input bytes to a string that normalises to
//! the record's `text` (SPEC §2), over the bundled corpus and the dev corpus
//! when it is there.

use chidao::normalize::normalize_str;
use chidao::pipeline::{extract_document, Options};
use std::path::Path;

fn check_dir(dir: &Path) -> usize {
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("corpus dir").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let bytes = std::fs::read(p).expect("read");
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let res = extract_document(&name, &bytes, &Options::default()).expect("extract");
        for r in &res.records {
            let [a, b] = r.span;
            assert!(a <= b && b <= bytes.len(), "{name} {}: span out of bounds", r.id);
            let cut = std::str::from_utf8(&bytes[a..b]).unwrap_or_else(|_| panic!("{name} {}: span not on char boundaries", r.id));
            let folded = normalize_str(cut).replace('\n', " ");
            assert_eq!(folded, r.text, "{name} {}", r.id);
            assert!(!r.text.starts_with(['-', '+', '•']), "{name} {}: text starts with a list marker", r.id);
            n += 1;
        }
    }
    n
}

#[test]
fn spans_cut_the_record_text_out_of_the_corpus() {
    let n = check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(n > 50, "only {n} records over the corpus");
}

#[test]
fn ids_are_unique_and_records_in_text_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let res = extract_document("x.txt", &bytes, &Options::default()).unwrap();
        let mut ids: Vec<&str> = res.records.iter().map(|r| r.id.as_str()).collect();
        let before = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), before, "duplicate ids in {:?}", e.path());
        let starts: Vec<usize> = res.records.iter().filter(|r| r.source_document.is_none()).map(|r| r.span[0]).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "records out of text order in {:?}", e.path());
    }
}

/// The dev corpus of real documents: no failure, spans hold. Runs where
/// `../shared/dev-corpus` exists (developer machines and CI).
#[test]
fn dev_corpus_runs_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev-corpus");
    if !dir.is_dir() {
        eprintln!("no dev corpus at {dir:?}; skipped");
        return;
    }
    let n = check_dir(&dir);
    assert!(n > 100, "only {n} records over the dev corpus");
}
