//! Sentences and clauses inside one block of text (SPEC.md §1): sentences
//! end at `.`, `!`, `?` before a capital letter; clauses are split at `;`
//! outside parentheses and quotes.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Byte ranges of the sentences of `text[range]`.
pub fn sentences(text: &str, range: Span) -> Vec<Span> {
    let s = &text[range.0..range.1];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    // Parentheses before `scanned` are counted in `depth`: they are
    // counted only up to each full stop, so a sentence without one costs
    // a memchr and nothing more.
    let mut scanned = 0;
    let mut i = 0;
    while let Some(k) = bytes.get(i..).and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest)) {
        i += k;
        for p in memchr::memchr2_iter(b'(', b')', &bytes[scanned..i]) {
            depth = if bytes[scanned + p] == b'(' { depth + 1 } else { (depth - 1).max(0) };
        }
        scanned = i;
        if depth == 0 {
            // Sentence end: punctuation, space, then an upper-case letter or an opening quote.
            let rest = &s[i + 1..];
            let next = rest.strip_prefix(' ').and_then(|r| r.chars().next());
            let prev_is_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            if let Some(c) = next {
                if (c.is_uppercase() || c == '“' || c == '"')
                    && !(prev_is_digit && c.is_ascii_digit())
                    && !is_abbreviation(&s[start..i])
                {
                    out.push((range.0 + start, range.0 + i + 1));
                    start = i + 2;
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    if start < s.len() {
        out.push((range.0 + start, range.1));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// The bytes [`clauses`] looks at; in UTF-8 no byte of another character
/// equals one of them.
const CLAUSE_BYTES: [bool; 256] = byte_set(b"()[]\xe2");

const fn byte_set(list: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < list.len() {
        t[list[i] as usize] = true;
        i += 1;
    }
    t
}

/// Words after which a full stop does not end a sentence ("TP. Hồ Chí Minh").
fn is_abbreviation(before: &str) -> bool {
    let last = before.rsplit([' ', '(']).next().unwrap_or("");
    matches!(last, "TP" | "Tp" | "tp" | "TS" | "ThS" | "PGS" | "GS" | "Th.S" | "v.v" | "St" | "P" | "Q" | "Mr" | "Ms")
}

/// Byte ranges of the `;`-clauses of `text[range]`, outside parentheses and quotes.
pub fn clauses(text: &str, range: Span) -> Vec<Span> {
    let s = &text[range.0..range.1];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut quote = false;
    // Brackets and quotes before `scanned` are accounted for: they are
    // followed only up to each `;` or `:`, so a sentence without one (most)
    // costs a memchr and nothing more.
    let mut scanned = 0;
    for i in memchr::memchr2_iter(b';', b':', b) {
        // Bytes, not chars: every character looked for is ASCII but the
        // quotes (E2 80 9C, E2 80 9D), and no byte of another character
        // equals them.
        for (j, &x) in b.iter().enumerate().take(i).skip(scanned) {
            if !CLAUSE_BYTES[usize::from(x)] {
                continue;
            }
            match x {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth = (depth - 1).max(0),
                0xe2 if b[j + 1..].starts_with(&[0x80, 0x9c]) => quote = true,
                0xe2 if b[j + 1..].starts_with(&[0x80, 0x9d]) => quote = false,
                _ => {}
            }
        }
        scanned = i;
        if depth > 0 || quote {
            continue;
        }
        if b[i] == b';' {
            out.push((range.0 + start, range.0 + i));
            start = i + 1;
        } else if starts_inline_item(&s[i + 1..]) {
            // "...: (1) Bộ A trình ...; (2) Bộ B ..." — an inline list starts after the colon.
            out.push((range.0 + start, range.0 + i + 1));
            start = i + 1;
        }
    }
    out.push((range.0 + start, range.1));
    out.into_iter().map(|r| strip_inline_marker(text, trim(text, r))).filter(|r| r.0 < r.1).collect()
}

/// An inline enumerator at the start of a clause: "(1) ", "(iii) ", "a) ".
static INLINE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\((?:\d{1,2}|[ivx]{1,4})\)|[a-zđ]\))\s").expect("literal regex"));

/// Whether `s` starts with an inline enumerator ([`INLINE_ITEM`]). The
/// regex runs only when the first visible character is `(` or is followed
/// by `)`, as in every match.
fn starts_inline_item(s: &str) -> bool {
    inline_item(s).is_some()
}

/// The inline enumerator at the start of `s`, with the spaces around it.
fn inline_item(s: &str) -> Option<regex::Match<'_>> {
    let mut visible = s.trim_start().chars();
    let may = match (visible.next(), visible.next()) {
        (Some('('), _) | (Some(_), Some(')')) => true,
        _ => false,
    };
    may.then(|| INLINE_ITEM.find(s)).flatten()
}

/// A clause range without a leading inline enumerator.
fn strip_inline_marker(text: &str, (a, b): Span) -> Span {
    match inline_item(&text[a..b]) {
        Some(m) => trim_ws(text, (a + m.end(), b)),
        None => (a, b),
    }
}

/// Shrinks a range past white space at both ends.
#[inline]
pub fn trim_ws(text: &str, (a, b): Span) -> Span {
    let s = &text.as_bytes()[a..b];
    // Most ranges start and end with a visible character: ASCII, or a
    // letter. No white space character starts with C3-DF or E1 BA/BB, the
    // leads of the Vietnamese letters, so both ends are decided from
    // their bytes.
    let visible_start = match s {
        [] => return (a, b),
        [x, ..] if x.is_ascii_graphic() => true,
        [0xc3..=0xdf, ..] | [0xe1, 0xba | 0xbb, ..] => true,
        _ => false,
    };
    let visible_end = match s {
        [.., x] if x.is_ascii_graphic() => true,
        [.., 0xc3..=0xdf, 0x80..=0xbf] | [.., 0xe1, 0xba | 0xbb, 0x80..=0xbf] => true,
        _ => false,
    };
    if visible_start && visible_end {
        return (a, b);
    }
    trim_ws_slow(text, (a, b))
}

/// [`trim_ws`] by the characters.
#[cold]
fn trim_ws_slow(text: &str, (a, b): Span) -> Span {
    let s = &text[a..b];
    let t = s.trim_start();
    let a2 = a + (s.len() - t.len());
    (a2, a2 + t.trim_end().len())
}

/// Shrinks a range past white space and trailing sentence punctuation.
pub fn trim(text: &str, (mut a, mut b): Span) -> Span {
    // Most clauses end in a letter or a digit: then only the start may move.
    let ends_plainly = match text.as_bytes()[a..b] {
        [.., x] => x.is_ascii_alphanumeric() || matches!(x, b')' | b'"' | b'\''),
        [] => false,
    };
    let ends_in_letter = matches!(text.as_bytes()[a..b], [.., 0xc3..=0xdf, 0x80..=0xbf] | [.., 0xe1, 0xba | 0xbb, 0x80..=0xbf]);
    if ends_plainly || ends_in_letter {
        return (trim_ws(text, (a, b)).0, b);
    }
    let s = &text[a..b];
    let t = s.trim_start();
    a += s.len() - t.len();
    let t = text[a..b].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','));
    b = a + t.len();
    // Keep "./." endings out.
    let mut t = &text[a..b];
    while let Some(shorter) = t.strip_suffix("./") {
        t = shorter;
    }
    b = a + t.len();
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(t: &str, r: Vec<Span>) -> Vec<&str> {
        r.into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn sentences_split_before_capitals_only() {
        let t = "Bộ Y tế trình Đề án. Việc này hoàn thành trong tháng 12/2025. TP. Hồ Chí Minh chủ trì.";
        let s = cut(t, sentences(t, (0, t.len())));
        assert_eq!(s, vec!["Bộ Y tế trình Đề án.", "Việc này hoàn thành trong tháng 12/2025.", "TP. Hồ Chí Minh chủ trì."]);
        let t2 = "đạt 3.900 km. tiếp tục";
        assert_eq!(sentences(t2, (0, t2.len())).len(), 1);
    }

    #[test]
    fn clauses_split_at_semicolons_outside_brackets_and_quotes() {
        let t = "Bộ A trình X (gồm: a; b); chủ trì “Y; Z”; báo cáo.";
        assert_eq!(cut(t, clauses(t, (0, t.len()))), vec!["Bộ A trình X (gồm: a; b)", "chủ trì “Y; Z”", "báo cáo"]);
    }

    #[test]
    fn trim_ws_agrees_with_trim() {
        for s in ["", " ", "a", " a ", "ấn\u{a0}", "\u{a0}ấn", "Đ x", "x \u{3000}", "\u{1680}x", "ạ", "tế", "\u{2028}ế\n", "é", "ế", "x\u{85}", "x\u{2029}", "\u{205f}"] {
            let (a, b) = trim_ws(s, (0, s.len()));
            assert_eq!(&s[a..b], s.trim(), "{s:?}");
        }
        for c in ('\0'..='\u{3000}').chain(['\u{feff}', '\u{1d41a}']) {
            for s in [format!("x{c}"), format!("{c}x"), c.to_string()] {
                let (a, b) = trim_ws(&s, (0, s.len()));
                assert_eq!(&s[a..b], s.trim(), "{s:?}");
            }
        }
    }

    #[test]
    fn trim_agrees_with_the_characters() {
        let slow = |t: &str| {
            let s = t.trim_start();
            let mut s = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','));
            while let Some(x) = s.strip_suffix("./") {
                s = x;
            }
            s.to_string()
        };
        for t in ["", " a. ", "a./.", "x;", " ế", "ế ", "(a)", "\u{a0}a\u{a0}", "a./", "b\"", ". ", "x ./", "Số 5", "Đề án"] {
            let (a, b) = trim(t, (0, t.len()));
            assert_eq!(&t[a..b], slow(t), "{t:?}");
        }
    }

    #[test]
    fn inline_lists_after_a_colon() {
        let t = "Giao các bộ: (1) Bộ A trình X; (2) Bộ B làm Y; b) Bộ C. Theo: hướng dẫn";
        assert_eq!(
            cut(t, clauses(t, (0, t.len()))),
            vec!["Giao các bộ:", "Bộ A trình X", "Bộ B làm Y", "Bộ C. Theo: hướng dẫn"]
        );
        assert!(starts_inline_item(" (iii) x") && starts_inline_item("a) x") && !starts_inline_item("ab) x"));
    }
}
