//! Task tables (SPEC.md §1 "Each row of an appendix task table is a task"):
//! header cells recognised by name, rows re-assembled from cells flattened
//! one per line — either bare lines (a cell's extra lines stay in it) or
//! cells between lines holding only "|", as legal-document sites publish them.

use super::Line;
use crate::span::Span;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Number,
    Task,
    Source,
    Lead,
    Support,
    Deliverable,
    Deadline,
    Overdue,
    Note,
    Other,
}

/// One re-assembled row.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// Cells with their column; a cell may span several lines.
    pub cells: Vec<(Column, Span)>,
    /// From the first to the last byte of the row's cells.
    pub span: Span,
}

impl TableRow {
    /// The range of the first cell of a column, if present and non-empty.
    pub fn cell(&self, c: Column) -> Option<Span> {
        self.cells.iter().find(|(k, s)| *k == c && s.0 < s.1).map(|x| x.1)
    }
}

/// A recognised header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Index (into the lines) just after the header.
    pub end: usize,
    pub columns: Vec<Column>,
    /// Cells are separated by "|" lines.
    pub piped: bool,
}

/// The column a header cell names.
fn column_of(cell: &str) -> Option<Column> {
    // Lower-casing adds characters at most and makes no white space, so a
    // cell too long now stays too long: spare lower-casing it (the first
    // line of prose after a "TT" line is asked).
    if cell.len() > 60 && cell.trim().chars().count() > 60 {
        return None;
    }
    let c = cell.to_lowercase();
    let c = if c.contains('\n') { c.replace('\n', " ") } else { c };
    let c = c.trim();
    if c.is_empty() || c.chars().count() > 60 {
        return None;
    }
    Some(if matches!(c, "tt" | "stt" | "số tt" | "số thứ tự") {
        Column::Number
    } else if c.starts_with("thuộc") || c.starts_with("nhóm") || c.starts_with("lĩnh vực") {
        // "Thuộc nhóm nhiệm vụ": a grouping column, not the task.
        Column::Other
    } else if c.contains("chưa hoàn thành") {
        Column::Overdue
    } else if c.contains("phối hợp") {
        Column::Support
    } else if c.contains("chủ trì") || c.starts_with("cơ quan thực hiện") || c.starts_with("đơn vị thực hiện") {
        Column::Lead
    } else if c.starts_with("văn bản") {
        Column::Source
    } else if c.starts_with("thời hạn") || c.starts_with("thời gian") || c.starts_with("tiến độ") {
        Column::Deadline
    } else if c.starts_with("sản phẩm") || c.starts_with("kết quả") {
        Column::Deliverable
    } else if c.contains("nhiệm vụ") || c.starts_with("nội dung") || c.starts_with("công việc") {
        Column::Task
    } else if c.starts_with("ghi chú") {
        Column::Note
    } else {
        Column::Other
    })
}

fn is_pipe(text: &str, l: &Line) -> bool {
    text[l.start..l.end].trim() == "|"
}

/// A row number cell: "1", "1.", "29-".
fn is_row_number(s: &str) -> bool {
    let s = s.trim().trim_end_matches(['.', '-', ')']);
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Groups lines into cells: for piped tables the lines between "|" lines, otherwise one line each.
fn cells(text: &str, lines: &[Line], piped: bool) -> Vec<(usize, Span)> {
    // A cell per line at most.
    let mut out = Vec::with_capacity(lines.len());
    if !piped {
        for (i, l) in lines.iter().enumerate() {
            out.push((i, (l.start, l.end)));
        }
        return out;
    }
    let mut cur: Option<(usize, Span)> = None;
    for (i, l) in lines.iter().enumerate() {
        if is_pipe(text, l) {
            out.push(cur.take().unwrap_or((i, (l.start, l.start))));
        } else if l.start < l.end {
            cur = Some(match cur {
                Some((k, (a, _))) => (k, (a, l.end)),
                None => (i, (l.start, l.end)),
            });
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

/// The header cells [`column_of`] takes for [`Column::Number`].
const NUMBER_HEADERS: [&str; 4] = ["tt", "stt", "số tt", "số thứ tự"];

/// `column_of(line) == Some(Column::Number)` for a [`Line`] (trimmed),
/// without lower-casing into a new string: every line of a notice is
/// asked, and the length and the first letter turn almost all away.
#[inline]
fn is_number_header(line: &str) -> bool {
    // Only 'T' lower-cases to 't', only 'Ố' (E1 BB 90) to 'ố': the second
    // byte of a header is one of these.
    line.len() <= 16
        && line.starts_with(['t', 'T', 's', 'S'])
        && matches!(line.as_bytes().get(1), Some(b't' | b'T' | 0xe1))
        && NUMBER_HEADERS.iter().any(|h| line.chars().flat_map(char::to_lowercase).eq(h.chars()))
}

/// A task table whose header starts at line `i`, and the line index where it ends.
#[inline]
pub fn find_table(text: &str, lines: &[Line], i: usize) -> Option<(Header, usize)> {
    // Every line is tried: most fail the cheap test of the first cell.
    if !is_number_header(&text[lines[i].start..lines[i].end]) {
        return None;
    }
    table_at(text, lines, i)
}

/// [`find_table`] past the first cell.
fn table_at(text: &str, lines: &[Line], i: usize) -> Option<(Header, usize)> {
    let piped = lines.get(i + 1).is_some_and(|l| is_pipe(text, l));
    let cs = cells(text, &lines[i..(i + 40).min(lines.len())], piped);
    let mut columns = Vec::new();
    let mut end = i + 1;
    for (k, (li, span)) in cs.iter().enumerate() {
        let s = &text[span.0..span.1];
        if k > 0 && (is_row_number(s) || s.is_empty()) {
            end = i + li;
            break;
        }
        match column_of(s) {
            Some(c) => columns.push(c),
            None => return None,
        }
        end = i + li + 1;
    }
    let useful = columns.iter().filter(|c| matches!(c, Column::Task | Column::Lead | Column::Deadline | Column::Source)).count();
    if columns.len() < 3 || useful < 2 || !columns.contains(&Column::Task) {
        return None;
    }
    // The table runs to a source note, the recipients, or the end.
    let mut stop = lines.len();
    for (j, l) in lines.iter().enumerate().skip(end) {
        let s = &text[l.start..l.end];
        if s.starts_with("Nguồn") || s.starts_with("Nơi nhận") || s.starts_with("PHỤ LỤC") {
            stop = j;
            break;
        }
    }
    Some((Header { end, columns, piped }, stop))
}

/// Re-assembles the rows of a table body; returns (row number, row).
pub fn rows(text: &str, lines: &[Line], header: &Header) -> Vec<(String, TableRow)> {
    let columns = &header.columns;
    let cs = cells(text, lines, header.piped);
    let mut out = Vec::new();
    let mut expected = 1usize;
    let mut starts = Vec::new();
    for (k, (_, span)) in cs.iter().enumerate() {
        let s = &text[span.0..span.1];
        if is_row_number(s) {
            let n: usize = s.trim().trim_end_matches(['.', '-', ')']).parse().unwrap_or(0);
            if n == expected || starts.is_empty() || n == expected + 1 {
                starts.push((k, n));
                expected = n + 1;
            }
        }
    }
    for (r, &(k, n)) in starts.iter().enumerate() {
        let end = starts.get(r + 1).map_or(cs.len(), |x| x.0);
        let row_cells: Vec<Span> = cs[k + 1..end].iter().map(|x| x.1).collect();
        let groups = if header.piped { assign_direct(columns, &row_cells) } else { vec![assign_typed(text, columns, &row_cells)] };
        let many = groups.len() > 1;
        for (g, assigned) in groups.into_iter().enumerate() {
            let nonempty: Vec<Span> = assigned.iter().map(|x| x.1).filter(|s| s.0 < s.1).collect();
            let span = match (nonempty.iter().map(|s| s.0).min(), nonempty.iter().map(|s| s.1).max()) {
                (Some(a), Some(b)) => (a, b),
                _ => cs[k].1,
            };
            let number = if many { format!("{n}.{}", g + 1) } else { n.to_string() };
            out.push((number, TableRow { cells: assigned, span }));
        }
    }
    out
}

/// Piped rows: cells in column order after the number. Extra cells (sub-rows
/// under one number, from merged cells) are left out: their alignment cannot
/// be told from the flattened text.
fn assign_direct(columns: &[Column], cells: &[Span]) -> Vec<Vec<(Column, Span)>> {
    vec![columns.iter().skip(1).zip(cells.iter()).map(|(c, s)| (*c, *s)).collect()]
}

fn looks_like_source(s: &str) -> bool {
    const HEADS: [&str; 12] = [
        "Nghị quyết", "Thông báo", "Kết luận", "Kế hoạch", "Quyết định", "Chỉ thị", "Công văn", "Văn bản", "Nghị định", "Công điện", "Luật", "Chương trình",
    ];
    HEADS.iter().any(|h| s.starts_with(h)) && s.chars().count() < 120 && s.chars().any(|c| c.is_ascii_digit())
}

fn looks_like_date(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() <= 40 && s.chars().any(|c| c.is_ascii_digit()) && {
        let l = s.to_lowercase();
        l.chars().next().is_some_and(|c| c.is_ascii_digit())
            || ["ngày", "tháng", "quý", "năm", "trước", "trong", "hàng", "hằng", "thường xuyên"].iter().any(|w| l.starts_with(w))
    }
}

/// Bare-line rows: the task cell absorbs extra lines until the next cell
/// that looks like its column (a cited document, a date); list columns after
/// the deadline absorb the rest.
fn assign_typed(text: &str, columns: &[Column], cells: &[Span]) -> Vec<(Column, Span)> {
    let cols: Vec<Column> = columns.iter().skip(1).copied().collect();
    let mut out = Vec::new();
    let mut i = 0;
    for (ci, &c) in cols.iter().enumerate() {
        if i >= cells.len() {
            break;
        }
        let next = cols.get(ci + 1).copied();
        let is_last = next.is_none();
        let absorbs = c == Column::Task || is_last;
        if !absorbs {
            out.push((c, cells[i]));
            i += 1;
            continue;
        }
        // Find where the next column starts.
        let mut j = i;
        if is_last {
            j = cells.len();
        } else {
            let fits_next = |s: &str| match next {
                Some(Column::Source) => looks_like_source(s),
                Some(Column::Deadline) => looks_like_date(s),
                _ => false,
            };
            let remaining_cols = cols.len() - ci - 1;
            // When the next column can't be recognised, leave it one cell per remaining column.
            let recognisable = matches!(next, Some(Column::Source | Column::Deadline));
            while j < cells.len() {
                let s = &text[cells[j].0..cells[j].1];
                if recognisable && fits_next(s) {
                    break;
                }
                if !recognisable && cells.len() - j <= remaining_cols {
                    break;
                }
                j += 1;
            }
            if j == cells.len() {
                j = (i + 1).min(cells.len());
            }
        }
        let parts: Vec<&Span> = cells[i..j].iter().filter(|s| s.0 < s.1).collect();
        let span = match (parts.first(), parts.last()) {
            (Some(a), Some(b)) => (a.0, b.1),
            _ => (cells[i].0, cells[i].0),
        };
        out.push((c, span));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::physical_lines;
    use super::*;

    const BARE: &str = "PHỤ LỤC\nTT\nNhiệm vụ cụ thể\nVăn bản giao nhiệm vụ\nCơ quan chủ trì thực hiện\nThời hạn hoàn thành\nĐơn vị chưa hoàn thành\n1.\nXây dựng hệ thống A\ncòn dòng thứ hai\nNghị quyết số 71/NQ-CP\nBộ Y tế\n30/6/2025\nBộ Y tế\n2.\nNghị quyết số 71/NQ-CP\nBộ Công an\n31/3/2025\n\nNguồn: x";

    #[test]
    fn bare_line_rows_keep_extra_lines_in_the_task_cell() {
        let lines = physical_lines(BARE, 0);
        let (h, stop) = find_table(BARE, &lines, 1).expect("table");
        assert_eq!(h.columns.len(), 6);
        let rows = rows(BARE, &lines[h.end..stop], &h);
        assert_eq!(rows.len(), 2);
        let r = &rows[0].1;
        let cut = |c| r.cell(c).map(|(a, b)| &BARE[a..b]);
        assert_eq!(cut(Column::Task), Some("Xây dựng hệ thống A\ncòn dòng thứ hai"));
        assert_eq!(cut(Column::Source), Some("Nghị quyết số 71/NQ-CP"));
        assert_eq!(cut(Column::Deadline), Some("30/6/2025"));
        assert_eq!(cut(Column::Overdue), Some("Bộ Y tế"));
        let r2 = &rows[1].1;
        assert_eq!(r2.cell(Column::Task), None);
        assert_eq!(r2.cell(Column::Lead).map(|(a, b)| &BARE[a..b]), Some("Bộ Công an"));
    }

    #[test]
    fn piped_rows() {
        let t = "STT\n|\nNội dung nhiệm vụ\n|\nCơ quan chủ trì\n|\nThời hạn hoàn thành\n|\n1\n|\nXây dựng Đề án\nvề dữ liệu\n|\nSở Tài chính\n|\nQuý II/2026\n|\n";
        let lines = physical_lines(t, 0);
        let (h, stop) = find_table(t, &lines, 0).expect("table");
        assert!(h.piped);
        let rows = rows(t, &lines[h.end..stop], &h);
        assert_eq!(rows.len(), 1);
        let r = &rows[0].1;
        assert_eq!(r.cell(Column::Task).map(|(a, b)| &t[a..b]), Some("Xây dựng Đề án\nvề dữ liệu"));
        assert_eq!(r.cell(Column::Deadline).map(|(a, b)| &t[a..b]), Some("Quý II/2026"));
    }

    #[test]
    fn number_headers_without_lower_casing() {
        for s in ["TT", "tt", "Tt", "STT", "Stt", "Số TT", "SỐ TT", "Số thứ tự", "SỐ THỨ TỰ", "số Thứ tự", "T", "TTT", "Số", "So TT", "Số TT.", "sTT", "Số  TT", "Tổng", "Sở Y tế", "Sau", "ta", "s"] {
            assert_eq!(is_number_header(s), column_of(s) == Some(Column::Number), "{s:?}");
        }
    }

    #[test]
    fn grouping_columns_are_not_the_task() {
        assert_eq!(column_of("Thuộc nhóm nhiệm vụ, hành động"), Some(Column::Other));
        assert_eq!(column_of("Nội dung nhiệm vụ"), Some(Column::Task));
    }

    #[test]
    fn a_list_that_starts_with_tt_is_no_table() {
        let t = "TT\nBộ Y tế trình Đề án.\nBộ Công an.";
        let lines = physical_lines(t, 0);
        assert!(find_table(t, &lines, 0).is_none());
    }
}
