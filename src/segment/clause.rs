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
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'.' | b'!' | b'?' if depth == 0 => {
                // Sentence end: punctuation, space, then an upper-case letter or an opening quote.
                let rest = &s[i + 1..];
                let next = rest.strip_prefix(' ').and_then(|r| r.chars().next());
                let prev_is_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let abbrev = is_abbreviation(&s[start..i]);
                if let Some(c) = next {
                    if (c.is_uppercase() || c == '“' || c == '"') && !abbrev && !(prev_is_digit && c.is_ascii_digit()) {
                        out.push((range.0 + start, range.0 + i + 1));
                        start = i + 2;
                        i += 2;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if start < s.len() {
        out.push((range.0 + start, range.1));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// Words after which a full stop does not end a sentence ("TP. Hồ Chí Minh").
fn is_abbreviation(before: &str) -> bool {
    let last = before.rsplit([' ', '(']).next().unwrap_or("");
    matches!(last, "TP" | "Tp" | "tp" | "TS" | "ThS" | "PGS" | "GS" | "Th.S" | "v.v" | "St" | "P" | "Q" | "Mr" | "Ms")
}

/// Byte ranges of the `;`-clauses of `text[range]`, outside parentheses and quotes.
pub fn clauses(text: &str, range: Span) -> Vec<Span> {
    let s = &text[range.0..range.1];
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '“' => quote = true,
            '”' => quote = false,
            ';' if depth == 0 && !quote => {
                out.push((range.0 + start, range.0 + i));
                start = i + 1;
            }
            // "...: (1) Bộ A trình ...; (2) Bộ B ..." — an inline list starts after the colon.
            ':' if depth == 0 && !quote && INLINE_ITEM.is_match(&s[i + 1..]) => {
                out.push((range.0 + start, range.0 + i + 1));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((range.0 + start, range.1));
    out.into_iter().map(|r| strip_inline_marker(text, trim(text, r))).filter(|r| r.0 < r.1).collect()
}

/// An inline enumerator at the start of a clause: "(1) ", "(iii) ", "a) ".
static INLINE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\((?:\d{1,2}|[ivx]{1,4})\)|[a-zđ]\))\s").expect("literal regex"));

/// A clause range without a leading inline enumerator.
fn strip_inline_marker(text: &str, (a, b): Span) -> Span {
    match INLINE_ITEM.find(&text[a..b]) {
        Some(m) => trim_ws(text, (a + m.end(), b)),
        None => (a, b),
    }
}

/// Shrinks a range past white space at both ends.
pub fn trim_ws(text: &str, (a, b): Span) -> Span {
    let s = &text[a..b];
    // Most ranges start and end with a visible ASCII character.
    let visible = |x: &u8| x.is_ascii_graphic();
    if s.as_bytes().first().is_some_and(visible) && s.as_bytes().last().is_some_and(visible) {
        return (a, b);
    }
    let t = s.trim_start();
    let a2 = a + (s.len() - t.len());
    (a2, a2 + t.trim_end().len())
}

/// Shrinks a range past white space and trailing sentence punctuation.
pub fn trim(text: &str, (mut a, mut b): Span) -> Span {
    let s = &text[a..b];
    let t = s.trim_start();
    a += s.len() - t.len();
    let t = text[a..b].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','));
    b = a + t.len();
    // Keep "./." endings out.
    let t = text[a..b].trim_end_matches("./");
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
}
