//! Normalisation of SPEC.md §5 as one stage of small steps, each returning
//! its [`OffsetMap`]: line ends and spaces, lookalike letters, NFC, tone
//! placement. The composed map takes every position of the normalised text
//! back to the decoded text.
//!
//! Line breaks are kept (the segmenter needs them); record texts fold them
//! to spaces later, which changes no length.

mod tone;

use crate::span::OffsetMap;
use unicode_normalization::{is_nfc_quick, char::canonical_combining_class, IsNormalized, UnicodeNormalization};

pub use tone::{fix_tone_marks, ToneStyle};

/// Text after normalisation, with the map back to its input.
#[derive(Clone, Debug)]
pub struct Normalized {
    pub text: String,
    /// Positions of `text` → positions of the input string.
    pub map: OffsetMap,
}

/// Runs every step of SPEC §5 on `input`, new-style tone marks.
pub fn normalize(input: &str) -> Normalized {
    normalize_with(input, ToneStyle::New)
}

/// Runs every step, with the tone style given.
pub fn normalize_with(input: &str, style: ToneStyle) -> Normalized {
    let mut text = input.to_string();
    let mut map = OffsetMap::identity(input.len());
    let steps: [&dyn Fn(&str) -> Option<(String, OffsetMap)>; 4] = [
        &spaces_and_line_ends,
        &lookalikes,
        &nfc,
        &|s| fix_tone_marks(s, style),
    ];
    for step in steps {
        if let Some((t, m)) = step(&text) {
            map = map.compose(&m);
            text = t;
        }
    }
    Normalized { text, map }
}

/// Normalises a short string for comparison or display (no map kept).
pub fn normalize_str(s: &str) -> String {
    normalize(s).text
}

/// Helper that copies unchanged runs and records changed pieces.
struct Rewriter<'a> {
    src: &'a str,
    out: String,
    map: OffsetMap,
    copied_to: usize,
    changed: bool,
}

impl<'a> Rewriter<'a> {
    fn new(src: &'a str) -> Self {
        Rewriter { src, out: String::with_capacity(src.len()), map: OffsetMap::default(), copied_to: 0, changed: false }
    }

    /// Replaces source bytes `[start, end)` with `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        if start > self.copied_to {
            self.out.push_str(&self.src[self.copied_to..start]);
            self.map.push_same(start - self.copied_to);
        }
        self.out.push_str(with);
        self.map.push_changed(with.len(), end - start);
        self.copied_to = end;
        self.changed = true;
    }

    fn finish(mut self) -> Option<(String, OffsetMap)> {
        if !self.changed {
            return None;
        }
        let n = self.src.len();
        if n > self.copied_to {
            self.out.push_str(&self.src[self.copied_to..]);
            self.map.push_same(n - self.copied_to);
        }
        Some((self.out, self.map))
    }
}


/// Horizontal white space that folds to one ASCII space.
fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{0b}' | '\u{0c}')
}

/// Characters that are dropped: zero-width ones, soft hyphens, stray BOMs.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// CR and CRLF → LF; runs of spaces (no-break, tabs, zero-width...) → one space.
fn spaces_and_line_ends(s: &str) -> Option<(String, OffsetMap)> {
    let mut w = Rewriter::new(s);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\r' {
            let end = if matches!(it.peek(), Some((_, '\n'))) {
                it.next();
                i + 2
            } else {
                i + 1
            };
            w.replace(i, end, "\n");
        } else if is_hspace(c) || is_invisible(c) {
            let mut end = i + c.len_utf8();
            let mut any_space = is_hspace(c);
            while let Some(&(j, d)) = it.peek() {
                if is_hspace(d) || is_invisible(d) {
                    any_space |= is_hspace(d);
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let with = if any_space { " " } else { "" };
            if &s[i..end] != with {
                w.replace(i, end, with);
            }
        }
    }
    w.finish()
}

/// Letters that look like Vietnamese ones but are other code points.
fn lookalikes(s: &str) -> Option<(String, OffsetMap)> {
    if s.is_ascii() {
        return None;
    }
    let mut w = Rewriter::new(s);
    for (i, c) in s.char_indices() {
        let to = match c {
            '\u{d0}' | '\u{189}' => "Đ",
            '\u{f0}' => "đ",
            _ => continue,
        };
        w.replace(i, i + c.len_utf8(), to);
    }
    w.finish()
}

/// Unicode NFC, cluster by cluster so the map stays fine-grained.
fn nfc(s: &str) -> Option<(String, OffsetMap)> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut w = Rewriter::new(s);
    let mut cluster_start = 0;
    let mut buf = String::new();
    let flush = |w: &mut Rewriter, a: usize, b: usize, buf: &mut String| {
        if a < b {
            let c = &s[a..b];
            buf.clear();
            buf.extend(c.nfc());
            if buf != c {
                let owned = buf.clone();
                w.replace(a, b, &owned);
            }
        }
    };
    for (i, c) in s.char_indices() {
        if canonical_combining_class(c) == 0 && !is_jamo(c) {
            flush(&mut w, cluster_start, i, &mut buf);
            cluster_start = i;
        }
    }
    flush(&mut w, cluster_start, s.len(), &mut buf);
    w.finish()
}

/// Hangul jamo compose with a starter before them; keep them in its cluster.
fn is_jamo(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(input: &'a str, n: &Normalized, a: usize, b: usize) -> &'a str {
        &input[n.map.map_start(a)..n.map.map_end(b)]
    }

    #[test]
    fn folds_spaces_and_line_ends() {
        let input = "Bộ\u{a0}\u{a0}Y tế\r\ntrình\t\u{200b}Đề án";
        let n = normalize(input);
        assert_eq!(n.text, "Bộ Y tế\ntrình Đề án");
        let p = n.text.find("trình").unwrap();
        assert_eq!(cut(input, &n, p, p + "trình".len()), "trình");
    }

    #[test]
    fn nfd_becomes_nfc_with_exact_map() {
        let nfd: String = "Bộ Khoa học".nfd().collect();
        let input = format!("x {nfd} y");
        let n = normalize(&input);
        assert_eq!(n.text, "x Bộ Khoa học y");
        let a = n.text.find("Khoa").unwrap();
        let b = n.text.find(" y").unwrap();
        assert_eq!(cut(&input, &n, a, b).nfc().collect::<String>(), "Khoa học");
    }

    #[test]
    fn lookalike_eth_becomes_d_stroke() {
        assert_eq!(normalize("\u{d0}ề án").text, "Đề án");
    }

    #[test]
    fn steps_compose_when_several_apply() {
        let input = "  ho\u{61}\u{300}n th\u{e0}nh\u{a0}Quy\u{301} ho\u{e1}";
        let n = normalize(input);
        assert_eq!(n.text, " hoàn thành Quý hóa");
        let a = n.text.find("hóa").unwrap();
        assert_eq!(cut(input, &n, a, n.text.len()), "ho\u{e1}");
    }

    #[test]
    fn idempotent_on_corpus_like_text() {
        let s = "Ủy ban nhân dân tỉnh Khánh Hoà, thuỷ lợi,\u{a0}khoẻ mạnh";
        let once = normalize(s).text;
        assert_eq!(normalize(&once).text, once);
        assert_eq!(once, "Ủy ban nhân dân tỉnh Khánh Hòa, thủy lợi, khỏe mạnh");
    }
}
