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

static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\s*date (\d{4})-(\d{2})-(\d{2})(?-u:\b)[ \t]*\n?").expect("literal regex"));
// "Số: 365/TB-VPCP", "Số: 11298/VPCP-KTTH", "Số: 12/2025/NĐ-CP", "Số: 223/CĐ-TTg"
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ |]*Số\s*:\s*([0-9][0-9A-Za-z.]*(?:/[0-9]{4})?(?:/|-)[^\s,;|]+)").expect("literal regex")
});
// A notice named inside a sentence: "Thông báo số 450/TB-VPCP", "Thông báo kết luận số 12/TB-VPCP".
static NUMBER_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[Tt]hông báo|THÔNG BÁO|[Cc]ông điện|[Cc]hỉ thị)(?: kết luận)?(?: của [^,.;]{1,60}?)? số ([0-9]+/(?:TB|CĐ|CT)-[^\s,;.)]+)").expect("literal regex")
});
// "Hà Nội, ngày 16 tháng 7 năm 2025" (possibly hard-wrapped).
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ |]*[^\s,|0-9][^\n,|0-9]{1,40}, ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("literal regex")
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

/// Reads the header of a normalised document.
pub fn read_header(text: &str) -> Header {
    let mut h = Header::default();
    let mut leading_date = None;
    if let Some(c) = DATE_LINE.captures(text) {
        leading_date = ymd(&c[1], &c[2], &c[3]);
        h.body_start = c.get(0).map_or(0, |m| m.end());
    }
    let head = window(text, HEADER_WINDOW);
    // Hard-wrapped headers split "ngày 20\ntháng 11": fold line breaks for the date search.
    let flat = head.replace('\n', " ");
    h.notice_date = PLACE_DATE
        .captures(head)
        .or_else(|| PLACE_DATE.captures(&flat))
        .and_then(|c| ymd(&c[3], &c[2], &c[1]))
        .or(leading_date);
    h.notice_number = NUMBER_LINE
        .captures(head)
        .map(|c| c[1].trim_end_matches(['.', '-']).to_string())
        .or_else(|| NUMBER_IN_TEXT.captures(window(text, 20_000)).map(|c| c[1].to_string()));
    h.issuer = issuer(window(head, 600));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

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
