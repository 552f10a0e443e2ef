//! Segmentation (SPEC.md §1): the outline of a notice — headings, numbered
//! items at every level, paragraphs, labelled plan fields and appendix table
//! rows — each with a path. Clause splitting is in [`clause`], tables in
//! [`table`].
//!
//! Input is normalised text; every range is a byte range of it.

pub mod clause;
pub mod table;

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub use table::{Column, TableRow};

/// The numbering style of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// "Điều 1."
    Article,
    /// "I.", "II."
    Roman,
    /// "1.", "2)"
    Number,
    /// "1.1", "1.2.3" (depth = number of parts)
    Decimal(u8),
    /// "(1)"
    Paren,
    /// "a)", "đ)"
    Letter,
    /// "- ", "• "
    Dash,
    /// "+ "
    Plus,
    /// "Thứ nhất, ..."
    Ordinal,
    /// An unnumbered paragraph that ends with ':' and introduces the items below it.
    LeadIn,
}

/// A labelled field of a plan item ("Cơ quan chủ trì: ...").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Lead,
    Support,
    Deadline,
    Deliverable,
}

/// What a block is.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// A numbered item or an unnumbered paragraph: may hold tasks.
    Text,
    /// A title or an all-capitals heading: never a task.
    Title,
    /// A labelled field that belongs to its parent item.
    Field(Field),
    /// A row of an appendix task table.
    Row(TableRow),
}

/// One block of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Position in the structure: `3.(1).c`, `3.(2).a.-2`, `p7`, `PL.12`.
    pub path: String,
    /// Index of the enclosing block.
    pub parent: Option<usize>,
    pub marker: Option<Marker>,
    /// The text after the marker (and after a field label).
    pub body: Span,
    /// The block ends with ':' (it introduces what follows).
    pub ends_with_colon: bool,
    /// Blocks nested under this one exist.
    pub has_children: bool,
}

/// The outline of a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub blocks: Vec<Block>,
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("literal regex"));
    };
}

re!(ARTICLE, r"^(?:Điều|ĐIỀU) (\d{1,3})[.:]?\s+");
re!(ROMAN, r"^([IVX]{1,5})[.)]\s+");
re!(DECIMAL, r"^(\d{1,3}(?:\.\d{1,3}){1,4})\.?\s+");
re!(NUMBER, r"^(\d{1,3})[.)]\s+");
re!(PAREN, r"^\((\d{1,3})\)\s*");
re!(LETTER, r"^([a-zđ])[)/]\s*");
re!(DASH, r"^[-–—•*]\s*");
re!(PLUS, r"^\+\s*");
re!(ORDINAL, r"^(?:Thứ|THỨ) (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]\s*");
re!(FIELD, r"^(?i:((?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|thực hiện chính)[^:]{0,30}|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành| thực hiện)?|tiến độ(?: thực hiện| hoàn thành)?|sản phẩm(?: đầu ra)?|kết quả(?: đầu ra)?))\s*:\s*");
re!(RECIPIENTS, r"^(?:Nơi nhận|NƠI NHẬN)\s*:?");
re!(APPENDIX, r"^(?:PHỤ LỤC|Phụ lục)(?:\s|$)");
re!(ADDRESS, r"(?:điện|Kính gửi|KÍNH GỬI)\s*:\s*$|^(?:Kính gửi|KÍNH GỬI)\s*:");
re!(SOURCE_NOTE, r"^(?:Nguồn|Ảnh|Video)\s*(?:tra cứu)?\s*:");

/// Strips a list marker; returns the marker, its path component, and the body start.
fn marker(line: &str) -> Option<(Marker, String, usize)> {
    // Most lines start with a plain word: skip the regexes for them.
    let first = line.chars().next()?;
    let second = line[first.len_utf8()..].chars().next().unwrap_or(' ');
    let may_mark = first.is_ascii_digit()
        || matches!(first, 'I' | 'V' | 'X' | '(' | '-' | '–' | '—' | '•' | '*' | '+' | 'Đ' | 'T')
        || ((first.is_ascii_lowercase() || first == 'đ') && matches!(second, ')' | '/'));
    if !may_mark {
        return None;
    }
    let try_re = |re: &Regex, m: Marker| re.captures(line).map(|c| (m, c.get(1).map(|g| g.as_str().to_string()), c[0].len()));
    let (m, label, len) = try_re(&ARTICLE, Marker::Article)
        .or_else(|| try_re(&ROMAN, Marker::Roman))
        .or_else(|| {
            // "500.000 tỷ đồng" is an amount, not item 500.000.
            DECIMAL.captures(line).filter(|c| c[1].split('.').skip(1).all(|p| p.len() <= 2)).map(|c| {
                let depth = c[1].split('.').count().min(9) as u8;
                (Marker::Decimal(depth), Some(c[1].to_string()), c[0].len())
            })
        })
        .or_else(|| try_re(&NUMBER, Marker::Number))
        .or_else(|| try_re(&PAREN, Marker::Paren))
        .or_else(|| try_re(&LETTER, Marker::Letter))
        .or_else(|| try_re(&ORDINAL, Marker::Ordinal))
        .or_else(|| try_re(&PLUS, Marker::Plus))
        .or_else(|| try_re(&DASH, Marker::Dash))?;
    // A dash that is the whole line, or a rule of dashes, is no marker.
    if len >= line.len() {
        return None;
    }
    let comp = match m {
        Marker::Article => format!("D{}", label.unwrap_or_default()),
        Marker::Paren => format!("({})", label.unwrap_or_default()),
        Marker::Ordinal => format!("t{}", ordinal_number(line)),
        Marker::Dash | Marker::Plus | Marker::LeadIn => String::new(),
        _ => label.unwrap_or_default(),
    };
    Some((m, comp, len))
}

/// A range without its leading list marker ("- ", "a) ", "(1) ").
pub fn strip_marker(text: &str, (a, b): Span) -> Span {
    match marker(&text[a..b]) {
        Some((_, _, len)) => clause::trim_ws(text, (a + len, b)),
        None => (a, b),
    }
}

fn ordinal_number(line: &str) -> usize {
    const WORDS: [&str; 10] = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];
    let w = line.split([' ', ',', ':']).nth(1).unwrap_or("");
    WORDS.iter().position(|x| *x == w).map_or(0, |i| i + 1)
}

/// A physical line, trimmed (byte range).
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

pub fn physical_lines(text: &str, from: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = from;
    for l in text[from..].split('\n') {
        let (a, b) = clause::trim_ws(text, (pos, pos + l.len()));
        out.push(Line { start: a, end: b });
        pos += l.len() + 1;
    }
    out
}

fn is_rule(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '|' | '-' | '_' | '=' | '*' | ' '))
}

fn is_title(s: &str) -> bool {
    !s.chars().any(|c| c.is_lowercase()) && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// True when the document is hard-wrapped (lines of about the same short width).
fn is_wrapped(text: &str, lines: &[Line]) -> bool {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| &text[l.start..l.end])
        .filter(|s| !s.is_empty() && !is_rule(s))
        .map(|s| s.chars().count())
        .collect();
    if lens.len() < 10 {
        return false;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10] <= 110
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', ';', ':', '!', '?']) || s.ends_with("./.")
}

/// Joins hard-wrapped physical lines into logical lines.
fn logical_lines(text: &str, lines: &[Line]) -> Vec<Line> {
    let wrapped = is_wrapped(text, lines);
    let mut out: Vec<Line> = Vec::new();
    let mut open = false;
    for l in lines {
        let s = &text[l.start..l.end];
        if s.is_empty() || is_rule(s) {
            open = false;
            continue;
        }
        if open {
            if let Some(cur) = out.last_mut() {
                let prev = &text[cur.start..cur.end];
                let first = s.chars().next().unwrap_or(' ');
                let starts_item = marker(s).is_some() || (s.starts_with(['C', 'c', 'Đ', 'đ', 'T', 't', 'S', 's', 'K', 'k']) && FIELD.is_match(s));
                let join = !starts_item
                    && !is_title(s)
                    && !is_title(prev)
                    && (first.is_lowercase() || (wrapped && !ends_sentence(prev)))
                    && !RECIPIENTS.is_match(s)
                    && !APPENDIX.is_match(s);
                if join {
                    cur.end = l.end;
                    continue;
                }
            }
        }
        out.push(*l);
        open = true;
    }
    out
}

/// Builds the outline of `text` from byte `from` on.
pub fn segment(text: &str, from: usize) -> Outline {
    let lines = physical_lines(text, from);
    // Split off appendix tables first: their cells are one per line and must not be joined.
    let mut outline = Outline::default();
    let mut prose: Vec<Line> = Vec::new();
    let mut i = 0;
    let mut skipping_recipients = false;
    let mut table_no = 0;
    while i < lines.len() {
        let s = &text[lines[i].start..lines[i].end];
        // "Nơi nhận:" may be wrapped as "Nơi" / "nhận:".
        let wrapped_recipients = (s == "Nơi" || s == "NƠI")
            && lines.get(i + 1).is_some_and(|l| text[l.start..l.end].to_lowercase().starts_with("nhận"));
        if RECIPIENTS.is_match(s) || wrapped_recipients {
            skipping_recipients = true;
        }
        if APPENDIX.is_match(s) {
            skipping_recipients = false;
        }
        if let Some((header, rows_end)) = table::find_table(text, &lines, i) {
            build_text_blocks(text, &logical_lines(text, &prose), &mut outline);
            prose.clear();
            table_no += 1;
            let prefix = if table_no == 1 { "PL".to_string() } else { format!("PL{table_no}") };
            for (number, row) in table::rows(text, &lines[header.end..rows_end], &header) {
                outline.blocks.push(Block {
                    kind: BlockKind::Row(row.clone()),
                    path: format!("{prefix}.{number}"),
                    parent: None,
                    marker: None,
                    body: row.span,
                    ends_with_colon: false,
                    has_children: false,
                });
            }
            i = rows_end;
            continue;
        }
        if !skipping_recipients {
            prose.push(lines[i]);
        }
        i += 1;
    }
    build_text_blocks(text, &logical_lines(text, &prose), &mut outline);
    unique_paths(&mut outline);
    outline
}

/// Turns logical lines into outline blocks, nesting items by marker style.
fn build_text_blocks(text: &str, lines: &[Line], outline: &mut Outline) {
    // Stack of (marker, block index) for the open items.
    let mut stack: Vec<(Marker, usize)> = Vec::new();
    let mut in_addressees = false;
    let mut para_counter: std::collections::HashMap<Option<usize>, usize> = Default::default();
    let mut bullet_counter: std::collections::HashMap<(Option<usize>, bool), usize> = Default::default();
    for l in lines {
        let s = &text[l.start..l.end];
        if SOURCE_NOTE.is_match(s) {
            continue;
        }
        if ADDRESS.is_match(s) {
            in_addressees = true;
            continue;
        }
        let mk = marker(s);
        if in_addressees {
            if matches!(mk, Some((Marker::Dash | Marker::Plus, _, _))) || s.starts_with("Kính gửi") {
                continue;
            }
            in_addressees = false;
        }
        let title = is_title(s) && s.chars().count() > 2;
        let (kind, m, comp, body_start) = match mk {
            Some((m, comp, len)) if is_title(&s[len..]) => (BlockKind::Title, Some(m), comp, l.start + len),
            Some((m, comp, len)) => (BlockKind::Text, Some(m), comp, l.start + len),
            None if title => (BlockKind::Title, None, String::new(), l.start),
            None => (BlockKind::Text, None, String::new(), l.start),
        };
        let mut body = (body_start, l.end);
        let mut kind = kind;
        // Field labels start with one of a few letters; skip the regex otherwise.
        let may_be_field = text[body.0..body.1].starts_with(['C', 'c', 'Đ', 'đ', 'T', 't', 'S', 's', 'K', 'k']);
        if let Some(c) = may_be_field.then(|| FIELD.captures(&text[body.0..body.1])).flatten() {
            let label = c[1].to_lowercase();
            let f = if label.contains("phối hợp") {
                Field::Support
            } else if label.starts_with("cơ quan") || label.starts_with("đơn vị") {
                Field::Lead
            } else if label.starts_with("sản phẩm") || label.starts_with("kết quả") {
                Field::Deliverable
            } else {
                Field::Deadline
            };
            kind = BlockKind::Field(f);
            body.0 += c[0].len();
        }
        let parent;
        let path;
        match m {
            Some(m) => {
                // Close items down to this style's level, or open a new level.
                if let Some(pos) = stack.iter().rposition(|(sm, _)| same_style(*sm, m)) {
                    stack.truncate(pos);
                } else {
                    // A new style below bullets belongs to the bullet; below a lead-in, to the lead-in.
                }
                parent = stack.last().map(|x| x.1);
                let comp = if comp.is_empty() {
                    let k = bullet_counter.entry((parent, m == Marker::Plus)).or_insert(0);
                    *k += 1;
                    format!("{}{}", if m == Marker::Plus { "+" } else { "-" }, k)
                } else {
                    comp
                };
                path = join_path(outline, parent, &comp, m);
            }
            None => {
                // A paragraph closes open bullets and lead-ins.
                while matches!(stack.last(), Some((Marker::Dash | Marker::Plus | Marker::LeadIn, _))) {
                    stack.pop();
                }
                parent = stack.last().map(|x| x.1);
                let k = para_counter.entry(parent).or_insert(0);
                *k += 1;
                let comp = format!("p{k}");
                path = join_path(outline, parent, &comp, Marker::LeadIn);
            }
        }
        let body = clause::trim_ws(text, body);
        let ends_with_colon = text[body.0..body.1].ends_with(':');
        let idx = outline.blocks.len();
        let is_field = matches!(kind, BlockKind::Field(_));
        // Labelled fields belong to their item; they don't make it a heading.
        if let (Some(p), false) = (parent, is_field) {
            outline.blocks[p].has_children = true;
        }
        outline.blocks.push(Block { kind, path, parent, marker: m, body, ends_with_colon, has_children: false });
        if is_field {
            continue;
        }
        match m {
            Some(m) => stack.push((m, idx)),
            None if ends_with_colon => stack.push((Marker::LeadIn, idx)),
            None => {}
        }
    }
}

fn same_style(a: Marker, b: Marker) -> bool {
    a == b
}

fn join_path(outline: &Outline, parent: Option<usize>, comp: &str, m: Marker) -> String {
    match (parent, m) {
        // "1.2" already carries its parents.
        (_, Marker::Decimal(_)) => comp.to_string(),
        (Some(p), _) => format!("{}.{}", outline.blocks[p].path, comp),
        (None, _) => comp.to_string(),
    }
}

/// Makes every path unique by suffixing repeats.
fn unique_paths(outline: &mut Outline) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for b in &mut outline.blocks {
        let n = seen.entry(b.path.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            b.path = format!("{}~{}", b.path, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(t: &str) -> Vec<(String, String)> {
        segment(t, 0).blocks.iter().map(|b| (b.path.clone(), t[b.body.0..b.body.1].to_string())).collect()
    }

    #[test]
    fn nests_items_by_marker_style() {
        let t = "3. Nhiệm vụ\nYêu cầu các bộ, cụ thể:\n(1) Trước ngày 31/7/2025, yêu cầu:\na) Bộ Y tế hoàn thành các nhiệm vụ sau:\n- Triển khai A;\n- Triển khai B.\nb) Bộ Công an trình C.\n(2) Bộ Tài chính trình D.\n4. Khác";
        let p = paths(t);
        let got: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(got, vec!["3", "3.p1", "3.p1.(1)", "3.p1.(1).a", "3.p1.(1).a.-1", "3.p1.(1).a.-2", "3.p1.(1).b", "3.p1.(2)", "4"]);
        assert_eq!(p[4].1, "Triển khai A;");
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let mut t = String::from(" date 2025-11-20\n|\n");
        for _ in 0..6 {
            t.push_str("Lũ trên các sông ở Khánh Hòa đang ở mức rất cao, một số nơi\n");
        }
        t.push_str("1. Đồng chí Chủ tịch Ủy ban nhân\ndân các tỉnh tiếp tục tập trung.\n2. Các Bộ: Quốc phòng, Công an chủ động\nhỗ trợ.\n");
        let o = segment(&t, 0);
        let bodies: Vec<&str> = o.blocks.iter().map(|b| &t[b.body.0..b.body.1]).collect();
        assert!(bodies.iter().any(|b| b.starts_with("Đồng chí Chủ tịch Ủy ban nhân\ndân các tỉnh")), "{bodies:?}");
        assert!(bodies.iter().any(|b| b.starts_with("Các Bộ: Quốc phòng, Công an chủ động\nhỗ trợ.")), "{bodies:?}");
    }

    #[test]
    fn addressees_recipients_and_fields() {
        let t = "THỦ TƯỚNG CHÍNH PHỦ điện:\n- Chủ tịch Ủy ban nhân dân các tỉnh;\n- Các Bộ: Quốc phòng;\nLũ lớn.\n1. Nhiệm vụ A\n- Cơ quan chủ trì: Sở Tài chính.\n- Thời gian thực hiện: Năm 2026.\nNơi nhận:\n- Như trên;\n- Lưu: VT.";
        let o = segment(t, 0);
        let kinds: Vec<&BlockKind> = o.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(o.blocks.len(), 4, "{:?}", o.blocks);
        assert_eq!(kinds[2], &BlockKind::Field(Field::Lead));
        assert_eq!(&t[o.blocks[2].body.0..o.blocks[2].body.1], "Sở Tài chính.");
        assert_eq!(o.blocks[2].parent, Some(1));
        assert_eq!(kinds[3], &BlockKind::Field(Field::Deadline));
    }

    #[test]
    fn ordinal_items_in_prose() {
        let t = "Thứ nhất, tất cả các bộ tập trung hoàn thiện.\n\nThứ hai, hoàn thiện thể chế.";
        let p = paths(t);
        assert_eq!(p[0].0, "t1");
        assert_eq!(p[1].0, "t2");
        assert_eq!(p[1].1, "hoàn thiện thể chế.");
    }
}
