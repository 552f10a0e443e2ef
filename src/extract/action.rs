//! The head verb phrase of a task (SPEC.md §2 `action`).
//!
//! The action is the first directive verb of `src/data/actions.tsv` after
//! the subject, passing over words that only say who does it ("giao",
//! "yêu cầu", "chủ trì", "phối hợp với ...": yield `any`) and verbs that lead
//! into another one ("tham mưu ban hành", "nghiên cứu, xây dựng": yield
//! `chain`). The phrase is the table's canonical spelling, lower case.

use crate::extract::deliverable::lex::{self, Lexeme, VerbClass, Yield};

/// An action verb found in a clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionHit {
    /// The verb phrase, lower case (`trình`, `ban hành`, `hoàn thành` ...).
    pub action: String,
    /// Byte range in the clause.
    pub range: (usize, usize),
    pub rule: &'static str,
}

/// Whether a verb right after `k` (past modal words, commas, "và",
/// addressees) continues the chain.
fn chain_continues(lx: &[Lexeme], k: usize) -> bool {
    for l in &lx[k + 1..] {
        if l.verb().is_some() {
            return true;
        }
        if l.has(lex::MODAL | lex::ADDRESSEE | lex::CONNECT | lex::FILLER) || l.is_punct(',') {
            continue;
        }
        return false;
    }
    false
}

/// The first directive verb of the clause, searched from `from`.
pub fn find_action(clause: &str, from: usize) -> Option<ActionHit> {
    find_action_with(clause, None, from)
}

/// [`find_action`] with the clause's lower case ready-made:
/// `lower` is `normalize::case::lower_same_len(clause)`.
pub fn find_action_in(clause: &str, lower: &str, from: usize) -> Option<ActionHit> {
    debug_assert_eq!(clause.len(), lower.len());
    find_action_with(clause, Some(lower), from)
}

/// `lower` is left to the lexer when the caller has none: a clause it
/// has just lexed needs no lower case at all.
fn find_action_with(clause: &str, lower: Option<&str>, from: usize) -> Option<ActionHit> {
    if clause.trim().is_empty() {
        return None;
    }
    lex::with_lexemes(clause, lower, &[], |lx| first_action(clause, lx, from))
}

fn first_action(clause: &str, lx: &[Lexeme], from: usize) -> Option<ActionHit> {
    let mut fallback: Option<usize> = None;
    let mut k = 0;
    while k < lx.len() {
        let l = &lx[k];
        if l.start < from {
            k += 1;
            continue;
        }
        if matches!(l.kind, lex::TokKind::Punct(c) if lex::is_open_quote(c)) {
            // Verbs inside a quoted title are not the clause's.
            k = (k + 1..lx.len()).find(|&j| lx[j].is_quote()).unwrap_or(lx.len()) + 1;
            continue;
        }
        let Some(v) = l.verb() else {
            k += 1;
            continue;
        };
        let noun = k > 0
            && l.head().is_some()
            && lx[k - 1].verb().is_some_and(|p| p.class == VerbClass::Product)
            && !lx.get(k + 1).is_some_and(|n| n.has(lex::ADDRESSEE));
        // "các nhiệm vụ số hóa", "hiện trạng xây dựng": a verb used as a noun.
        let nominal = k > 0
            && (lx[k - 1].has(lex::NOMINAL)
                || lx[k - 1].has(lex::FILLER) && clause[lx[k - 1].start..lx[k - 1].end].eq_ignore_ascii_case("nhiệm vụ")
                    && k > 1 && lx[k - 2].has(lex::FILLER));
        // "Đề án thành lập ...", "Kế hoạch triển khai ...": inside a name.
        let in_name = k > 0 && lx[k - 1].head().is_some() && lx[k - 1].verb().is_none();
        if noun || nominal || in_name {
            k += 1;
            continue;
        }
        // "có" is an action only with a product after it ("có kế hoạch").
        if v.id == "co" && !lx.get(k + 1).is_some_and(|n| n.head().is_some() || n.has(lex::PREFIX)) {
            k += 1;
            continue;
        }
        let gives_way = match v.yields {
            Yield::Never => false,
            Yield::Any => true,
            Yield::Chain => chain_continues(lx, k),
        };
        if gives_way {
            fallback.get_or_insert(k);
            k += 1;
            continue;
        }
        return Some(hit(lx, k));
    }
    fallback.map(|k| hit(lx, k))
}

fn hit(lx: &[Lexeme], k: usize) -> ActionHit {
    let l = &lx[k];
    // `hit` is only called on verb lexemes.
    let (phrase, rule) = l.verb().map_or(("", "action/unknown"), |v| (v.phrase, v.rule));
    ActionHit { action: phrase.to_string(), range: (l.start, l.end), rule }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (clause, from, expected action); every row of actions.tsv with a
    /// `chain`/`any` yield is exercised here.
    const EXAMPLES: &[(&str, usize, Option<&str>)] = &[
        ("Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định", 0, Some("xây dựng")),
        ("Thủ tướng yêu cầu Bộ Xây dựng khẩn trương trình Đề án", 0, Some("trình")),
        ("tham mưu ban hành Nghị quyết về công dân số", 0, Some("ban hành")),
        ("Tham mưu Chính phủ thành lập Ủy ban dữ liệu quốc gia", 0, Some("thành lập")),
        ("nghiên cứu, xây dựng các tiện ích trên VNeID", 0, Some("xây dựng")),
        ("Nghiên cứu xu thế chung về đất hiếm để nhận định đánh giá", 0, Some("nghiên cứu")),
        ("phối hợp với các bộ, ngành trong các nhiệm vụ số hóa", 0, Some("phối hợp")),
        ("tổ chức thực hiện thật tốt Nghị quyết 57", 0, Some("thực hiện")),
        ("thực hiện kiểm tra, đôn đốc các nhiệm vụ nêu trên", 0, Some("kiểm tra")),
        ("gửi báo cáo kết quả về Bộ Nội vụ", 0, Some("gửi")),
        ("báo cáo Thủ tướng Chính phủ trước ngày 20/11", 0, Some("báo cáo")),
        ("rà soát, sửa đổi, bổ sung các quy định", 0, Some("rà soát")),
        ("Các bộ tập trung sửa đổi, bổ sung 322 văn bản", 0, Some("sửa đổi, bổ sung")),
        ("Bộ Y tế đảm bảo 100% bệnh viện kết nối", 0, Some("bảo đảm")),
        ("được giao chỉ đạo, đề nghị", 0, Some("giao")),
        ("nêu cao tinh thần trách nhiệm", 0, None),
        ("Bộ Công an xây dựng Trung tâm", 10, Some("xây dựng")),
    ];

    #[test]
    fn examples() {
        for (clause, from, want) in EXAMPLES {
            let got = find_action(clause, *from);
            assert_eq!(got.as_ref().map(|h| h.action.as_str()), *want, "{clause:?}");
            if let Some(h) = got {
                assert!(h.rule.starts_with("action/"));
                assert!(clause.get(h.range.0..h.range.1).is_some());
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for c in ["", "“", "trình", "“xây dựng", "giao"] {
            let _ = find_action(c, 0);
            let _ = find_action(c, 1);
            let _ = find_action(c, 100);
        }
    }
}
