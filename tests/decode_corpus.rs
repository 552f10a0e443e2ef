//! Every corpus text, re-encoded as UTF-16 LE/BE, NFD, BOM+CRLF, TCVN3,
//! VNI and VISCII, decodes (with detection) and normalises to the same
//! text as the UTF-8 original, and the offset maps cut matching pieces
//! out of each copy (issue 4, SPEC §5).
//!
//! The legacy encodings cannot write every character. Before comparing,
//! the original is *projected* onto what the encoding can write, and the
//! copy is made from the projection:
//! - a character the table has stays;
//! - a capital with a tone mark that TCVN3 lacks becomes its small letter
//!   (ABC documents write them so), and comes back as a capital in runs
//!   of capitals, as the decoder restores it;
//! - typographic quotes, dashes and the ellipsis become ASCII (`"`, `'`,
//!   `-`, `...`) where the table lacks them (VISCII);
//! - anything else (°, ±, →, Cyrillic ...) becomes `?`.
//!
//! The projection is applied to the original too, so the comparison is
//! between the same characters, read two ways.

use chidao::decode::{can_encode, decode, decode_with, encode, encode_utf16, Encoding};
use chidao::normalize::normalize;
use chidao::pipeline::{extract_document, Options};
use chidao::span::OffsetMap;
use unicode_normalization::UnicodeNormalization;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no corpus texts");
    v
}

/// How a copy was made, and so how a piece cut from it is read back.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Utf16Le,
    Utf16Be,
    Nfd,
    BomCrlf,
    Legacy(Encoding),
}

const KINDS: [Kind; 7] = [
    Kind::Utf16Le,
    Kind::Utf16Be,
    Kind::Nfd,
    Kind::BomCrlf,
    Kind::Legacy(Encoding::Tcvn3),
    Kind::Legacy(Encoding::Vni),
    Kind::Legacy(Encoding::Viscii),
];

/// The original projected onto what `kind` can write (see the module doc).
fn project(text: &str, kind: Kind) -> String {
    let Kind::Legacy(enc) = kind else { return text.to_string() };
    let mut out = String::with_capacity(text.len());
    let out = {
        for c in text.nfc() {
            if can_encode(c, enc) {
                out.push(c);
                continue;
            }
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next()) {
                if can_encode(l, enc) {
                    out.push(l);
                    continue;
                }
            }
            let ascii = match c {
                '“' | '”' | '„' | '«' | '»' => "\"",
                '‘' | '’' => "'",
                '–' | '—' => "-",
                '…' => "...",
                _ => "?",
            };
            if ascii.chars().all(|a| can_encode(a, enc)) {
                out.push_str(ascii);
            } else {
                out.push('?');
            }
        }
        out
    };
    // The capitals TCVN3 writes small come back in capital runs (see
    // `restore_tcvn3_capitals`): what TCVN3 carries is the text after that.
    match enc {
        Encoding::Tcvn3 => chidao::decode::restore_tcvn3_capitals(&out).unwrap_or(out),
        _ => out,
    }
}

/// The bytes of a copy of `text` (already projected).
fn make_copy(text: &str, kind: Kind) -> Vec<u8> {
    match kind {
        Kind::Utf16Le => encode_utf16(text, false),
        Kind::Utf16Be => encode_utf16(text, true),
        Kind::Nfd => text.nfd().collect::<String>().into_bytes(),
        Kind::BomCrlf => {
            let mut v = b"\xEF\xBB\xBF".to_vec();
            v.extend(text.replace("\r\n", "\n").replace('\n', "\r\n").bytes());
            v
        }
        Kind::Legacy(enc) => encode(text, enc).unwrap(),
    }
}

fn expected_encoding(kind: Kind) -> &'static str {
    match kind {
        Kind::Utf16Le => "utf-16le",
        Kind::Utf16Be => "utf-16be",
        Kind::Nfd | Kind::BomCrlf => "utf-8",
        Kind::Legacy(enc) => enc.name(),
    }
}

/// Reads a piece cut out of a copy (no BOM any more, so say the order).
fn read_piece(piece: &[u8], kind: Kind) -> String {
    let d = match kind {
        Kind::Utf16Le => decode(&[b"\xFF\xFE", piece].concat(), Encoding::Utf16),
        Kind::Utf16Be => decode(&[b"\xFE\xFF", piece].concat(), Encoding::Utf16),
        Kind::Nfd | Kind::BomCrlf => decode(piece, Encoding::Utf8),
        Kind::Legacy(enc) => decode(piece, enc),
    };
    normalize(&d.unwrap_or_else(|e| panic!("{kind:?} piece {piece:02X?}: {e}")).text).text
}

/// TCVN3 capitals are restored by line context (`restore_tcvn3_capitals`),
/// so a piece read alone may differ in case: compare TCVN3 pieces folded.
fn case_fold(s: String, kind: Kind) -> String {
    if kind == Kind::Legacy(Encoding::Tcvn3) {
        s.to_lowercase()
    } else {
        s
    }
}

/// Decodes and normalises, returning the text and the map to the bytes.
fn read(bytes: &[u8]) -> (String, OffsetMap, &'static str, Vec<String>) {
    let d = decode(bytes, Encoding::Auto).unwrap();
    let n = normalize(&d.text);
    (n.text, d.map.compose(&n.map), d.encoding, d.warnings)
}

/// Char boundaries of `s` picked by a fixed pseudo-random sequence.
fn sample_ranges(s: &str, count: usize, seed: u64) -> Vec<(usize, usize)> {
    let bounds: Vec<usize> = s.char_indices().map(|x| x.0).chain([s.len()]).collect();
    let mut x = seed | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..count)
        .map(|_| {
            let a = (next() % bounds.len() as u64) as usize;
            let len = (next() % 200) as usize;
            let b = (a + len).min(bounds.len() - 1);
            (bounds[a], bounds[b])
        })
        .collect()
}

#[test]
fn every_copy_reads_as_the_original() {
    for (name, bytes) in corpus() {
        let original = String::from_utf8(bytes.clone()).unwrap();
        for kind in KINDS {
            let projected = project(&original, kind);
            let (want, want_map, _, _) = read(projected.as_bytes());
            let copy = make_copy(&projected, kind);
            let (got, got_map, enc, warnings) = read(&copy);
            assert_eq!(enc, expected_encoding(kind), "{name} {kind:?}");
            assert!(warnings.is_empty(), "{name} {kind:?}: {warnings:?}");
            assert_eq!(got, want, "{name} {kind:?}");
            for (a, b) in sample_ranges(&got, 300, name.len() as u64 * 7919 + 17) {
                let cut_copy = &copy[got_map.map_start(a)..got_map.map_end(b)];
                let cut_orig = &projected.as_bytes()[want_map.map_start(a)..want_map.map_end(b)];
                assert_eq!(
                    case_fold(read_piece(cut_copy, kind), kind),
                    case_fold(read_piece(cut_orig, Kind::Nfd), kind),
                    "{name} {kind:?} range {a}..{b} = {:?}",
                    &got[a..b]
                );
            }
        }
    }
}

#[test]
fn utf16_and_nfd_copies_need_no_projection() {
    // Those copies hold every character: the result is the original's.
    for (name, bytes) in corpus() {
        let original = String::from_utf8(bytes).unwrap();
        let want = normalize(&original).text;
        for kind in [Kind::Utf16Le, Kind::Utf16Be, Kind::Nfd, Kind::BomCrlf] {
            assert_eq!(read(&make_copy(&original, kind)).0, want, "{name} {kind:?}");
        }
    }
}

#[test]
fn projection_loses_little() {
    // Keep the legacy comparison meaningful: few characters are replaced.
    for (name, bytes) in corpus() {
        let original: String = String::from_utf8(bytes).unwrap().nfc().collect();
        for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii] {
            let p = project(&original, Kind::Legacy(enc));
            let lost = p.chars().filter(|&c| c == '?').count() - original.chars().filter(|&c| c == '?').count();
            assert!(lost * 200 < original.chars().count(), "{name} {enc}: {lost} characters lost");
        }
    }
}

#[test]
fn lossy_reads_a_damaged_copy_and_counts() {
    let (_, bytes) = &corpus()[0];
    // Stray bytes before two spaces, so no character is split.
    let spaces: Vec<usize> = bytes.iter().enumerate().filter(|x| *x.1 == b' ').map(|x| x.0).take(5).collect();
    let mut damaged = bytes.clone();
    damaged.insert(spaces[4], 0xFF);
    damaged.insert(spaces[1], 0xFE);
    let e = decode(&damaged, Encoding::Utf8).unwrap_err();
    assert_eq!(e.offset, spaces[1]);
    let e = decode(&damaged, Encoding::Auto).unwrap_err();
    assert_eq!(e.offset, spaces[1], "{}", e.message);
    let d = decode_with(&damaged, Encoding::Utf8, true).unwrap();
    assert_eq!(d.replaced, 2);
    assert_eq!(d.text.matches('\u{fffd}').count(), 2);
    // The text after a replacement still maps to its own bytes.
    let tail = d.text.char_indices().rev().nth(10).unwrap().0;
    assert_eq!(&damaged[d.map.map_start(tail)..], &d.text.as_bytes()[tail..]);
}

/// Records from each copy equal the original's apart from `span`, and each
/// copy's span reads back to the same text as the original's span. Passes
/// trivially while the pipeline yields no records.
#[test]
fn records_are_the_same_from_every_copy() {
    let opts = Options::default();
    for (name, bytes) in corpus() {
        let original = String::from_utf8(bytes).unwrap();
        for kind in KINDS {
            let projected = project(&original, kind);
            let copy = make_copy(&projected, kind);
            let want = extract_document(&name, projected.as_bytes(), &opts).unwrap();
            let got = extract_document(&name, &copy, &opts).unwrap();
            assert_eq!(got.encoding, expected_encoding(kind), "{name} {kind:?}");
            assert_eq!(got.records.len(), want.records.len(), "{name} {kind:?}");
            for (g, w) in got.records.iter().zip(&want.records) {
                let cut_copy = case_fold(read_piece(&copy[g.span[0]..g.span[1]], kind), kind);
                let cut_orig = case_fold(read_piece(&projected.as_bytes()[w.span[0]..w.span[1]], Kind::Nfd), kind);
                assert_eq!(cut_copy, cut_orig, "{name} {kind:?} record {}", g.id);
                let folded: String = cut_copy.split_whitespace().collect::<Vec<_>>().join(" ");
                let text: String = g.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let text = case_fold(text, kind);
                assert!(folded.contains(&text), "{name} {kind:?}: span {folded:?} lacks text {text:?}");
                let (mut g, mut w) = (g.clone(), w.clone());
                g.span = [0, 0];
                w.span = [0, 0];
                assert_eq!(g, w, "{name} {kind:?}");
            }
        }
    }
}
