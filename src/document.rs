//! The notice header (SPEC.md §2 `notice_number`, `notice_date`): the
//! "Số: 365/TB-VPCP" line, the "<place>, ngày ... tháng ... năm ..." line or
//! a leading ` date YYYY-MM-DD` line, and the issuer.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// What the header of a notice says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub notice_number: Option<String>,
    pub notice_date: Option<NaiveDate>,
    /// The issuing body as written in the header, when there is one.
    pub issuer: Option<String>,
    /// Byte offset where the body text begins (after a leading date line).
    pub body_start: usize,
}

// "Số: 365/TB-VPCP", "Số: 11298/VPCP-KTTH", "Số: 12/2025/NĐ-CP", "Số: 223/CĐ-TTg"
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ |]*Số\s*:\s*([0-9][0-9A-Za-z.]*(?:/[0-9]{4})?(?:/|-)[^\s,;|]+)").expect("literal regex")
});
// A notice named inside a sentence: "Thông báo số 450/TB-VPCP", "Thông báo kết luận số 12/TB-VPCP".
static NUMBER_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[Tt]hông báo|THÔNG BÁO|[Cc]ông điện|[Cc]hỉ thị)(?: kết luận)?(?: của [^,.;]{1,60}?)? số ([0-9]+/(?:TB|CĐ|CT)-[^\s,;.)]+)").expect("literal regex")
});
/// Issuing bodies as the header writes them (all capitals, first lines).
const ISSUERS: [&str; 7] = ["VĂN PHÒNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ", "BỘ ", "ỦY BAN NHÂN DÂN", "BAN CHỈ ĐẠO", "HỘI ĐỒNG NHÂN DÂN"];

/// The first all-capitals line of the header that names an issuing body.
fn issuer(head: &str) -> Option<String> {
    head.lines().take(15).map(|l| l.trim_matches([' ', '|'])).find_map(|l| {
        let caps = !l.is_empty() && !l.chars().any(|c| c.is_lowercase());
        (caps && ISSUERS.iter().any(|p| l.starts_with(p))).then(|| l.to_string())
    })
}

/// How far into a document the header is searched.
const HEADER_WINDOW: usize = 3000;

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn window(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The leading date line of the legal sites' layout ("date 2025-11-20"):
/// its year, month, day and where the body starts. Dates are written in
/// ASCII digits (the only ones a date is parsed from).
fn date_line(text: &str) -> Option<([&str; 3], usize)> {
    let d = text.trim_start().strip_prefix("date ")?;
    let b = d.as_bytes();
    let shape = b.len() >= 10 && b[..10].iter().enumerate().all(|(k, x)| if k == 4 || k == 7 { *x == b'-' } else { x.is_ascii_digit() });
    // A word edge after the last digit.
    if !shape || b.get(10).is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_') {
        return None;
    }
    let mut end = text.len() - d.len() + 10;
    end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
    if text[end..].starts_with('\n') {
        end += 1;
    }
    Some(([&d[..4], &d[5..7], &d[8..10]], end))
}

/// Up to `max` (at least `min`) ASCII digits at the start of `s`, and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    (n >= min).then(|| s.split_at(n))
}

/// At least one white space character at the start of `s`, skipped.
fn spaces(s: &str) -> Option<&str> {
    let t = s.trim_start();
    (t.len() < s.len()).then_some(t)
}

/// Day, month and year of the first line that opens with "<place>, ngày
/// <d> tháng <m> năm <yyyy>" ("Hà Nội, ngày 16 tháng 7 năm 2025"): a place
/// of 2 to 41 characters without digits, commas or bars.
fn place_date(head: &str) -> Option<[&str; 3]> {
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', head.as_bytes()).map(|i| i + 1));
    starts.into_iter().find_map(|at| {
        let t = head[at..].trim_start_matches([' ', '|']);
        let mut chars = t.chars();
        let c = chars.next()?;
        if c.is_whitespace() || matches!(c, ',' | '|' | '0'..='9') {
            return None;
        }
        let after = chars.as_str();
        let run = after.find(['\n', ',', '|', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).unwrap_or(after.len());
        if !(1..=40).contains(&after[..run].chars().count()) {
            return None;
        }
        let r = spaces(after[run..].strip_prefix(", ngày")?)?;
        let (day, r) = digits(r, 1, 2)?;
        let r = spaces(spaces(r)?.strip_prefix("tháng")?)?;
        let (month, r) = digits(r, 1, 2)?;
        let r = spaces(spaces(r)?.strip_prefix("năm")?)?;
        let (year, _) = digits(r, 4, 4)?;
        Some([day, month, year])
    })
}

/// Reads the header of a normalised document.
pub fn read_header(text: &str) -> Header {
    let mut h = Header::default();
    let mut leading_date = None;
    if let Some(([y, m, d], end)) = date_line(text) {
        leading_date = ymd(y, m, d);
        h.body_start = end;
    }
    let head = window(text, HEADER_WINDOW);
    // Hard-wrapped headers split "ngày 20\ntháng 11": fold line breaks for the date search.
    let flat = head.replace('\n', " ");
    h.notice_date = place_date(head)
        .or_else(|| place_date(&flat))
        .and_then(|[d, m, y]| ymd(y, m, d))
        .or(leading_date);
    h.notice_number = NUMBER_LINE
        .captures(head)
        .map(|c| c[1].trim_end_matches(['.', '-']).to_string())
        .or_else(|| {
            let w = window(text, 20_000);
            // Every match holds one of these: a text without them is spared
            // building the pattern.
            let may = ["/TB-", "/CĐ-", "/CT-"].iter().any(|k| w.contains(k));
            may.then(|| NUMBER_IN_TEXT.captures(w)).flatten().map(|c| c[1].to_string())
        });
    h.issuer = issuer(window(head, 600));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readers agree with the patterns they were written from (ASCII digits).
    #[test]
    fn hand_readers_agree_with_patterns() {
        let date_line_re = Regex::new(r"\A\s*date ([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)[ \t]*\n?").unwrap();
        let place_date_re =
            Regex::new(r"(?m)^[ |]*[^\s,|0-9][^\n,|0-9]{1,40}, ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})").unwrap();
        let mut texts: Vec<String> = vec![
            " date 2025-11-20\nx".into(),
            "date 2025-11-20x".into(),
            "\n date 2025-11-20 \t\n\nx".into(),
            " date 2025-1-20\n".into(),
            " date 2025-11-20_".into(),
            " date 2025-11-2\u{661}".into(),
            "Hà Nội, ngày 16 tháng 7 năm 2025".into(),
            "| Hà Nội, ngày 16\ntháng 7 năm 20255".into(),
            "Hà Nội 2, ngày 16 tháng 7 năm 2025\nHuế, ngày  1 tháng 12 năm 2024".into(),
            "TP. Hồ Chí Minh, ngày 1 tháng 123 năm 2025\nA, ngày 3 tháng 4 năm 2025".into(),
            "A, ngày \u{661} tháng 7 năm 2025".into(),
            ", ngày 16 tháng 7 năm 2025\n a, ngày 16 tháng 7 năm 2025".into(),
            "Một nơi rất rất rất rất rất rất rất rất xa, ngày 1 tháng 1 năm 2025".into(),
        ];
        for (_, t) in crate::testdata::texts() {
            let head = window(&t, HEADER_WINDOW).to_string();
            texts.push(head.replace('\n', " "));
            texts.push(head);
        }
        for t in &texts {
            let want = date_line_re.captures(t).map(|c| ([c[1].to_string(), c[2].to_string(), c[3].to_string()], c.get(0).map_or(0, |m| m.end())));
            let got = date_line(t).map(|([y, m, d], e)| ([y.to_string(), m.to_string(), d.to_string()], e));
            assert_eq!(got, want, "{t:?}");
            let want = place_date_re.captures(t).map(|c| [c[1].to_string(), c[2].to_string(), c[3].to_string()]);
            let got = place_date(t).map(|x| x.map(str::to_string));
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn official_header() {
        let h = read_header(" Số: 365/TB-VPCP\nHà Nội, ngày 16 tháng 7 năm 2025\nTHÔNG BÁO\n");
        assert_eq!(h.notice_number.as_deref(), Some("365/TB-VPCP"));
        assert_eq!(h.notice_date, NaiveDate::from_ymd_opt(2025, 7, 16));
    }

    #[test]
    fn legal_site_layout_with_wrapped_date() {
        let t = " date 2025-11-20\n|\nTHỦ TƯỚNG CHÍNH\nPHỦ\n|\nSố: 223/CĐ-TTg\n|\nHà Nội, ngày 20\ntháng 11 năm 2025\n|\nCÔNG ĐIỆN\n";
        let h = read_header(t);
        assert_eq!(h.notice_number.as_deref(), Some("223/CĐ-TTg"));
        assert_eq!(h.notice_date, NaiveDate::from_ymd_opt(2025, 11, 20));
        assert_eq!(h.body_start, " date 2025-11-20\n".len());
    }

    #[test]
    fn press_article_with_date_prefix_and_number_in_text() {
        let t = " date 2025-10-02 Văn phòng Chính phủ vừa ban hành Thông báo số 450/TB-VPCP kết luận của Thủ tướng.";
        let h = read_header(t);
        assert_eq!(h.notice_date, NaiveDate::from_ymd_opt(2025, 10, 2));
        assert_eq!(h.notice_number.as_deref(), Some("450/TB-VPCP"));
        assert!(t[h.body_start..].starts_with("Văn phòng"));
    }

    #[test]
    fn cited_document_numbers_are_not_the_notice_number() {
        let t = " date 2025-10-02 Theo Nghị định số 82/2024/NĐ-CP ngày 10/7/2024, Bộ Y tế trình Đề án.";
        assert_eq!(read_header(t).notice_number, None);
    }
}
