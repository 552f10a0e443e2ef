//! Deliverables (SPEC.md §4): documents, systems, measured targets.
//!
//! A clause names its product as the object of a product verb ("xây dựng",
//! "trình ... ban hành", "hoàn thiện" ...), as a quoted title after one, as a
//! percentage target, or as the head noun a table cell opens with. The name
//! runs from its head noun to the first stop: the deadline or an agency the
//! caller assigned, a purpose clause ("để", "nhằm", "phục vụ"), a requirement
//! ("theo", "đáp ứng", "phù hợp với"), or a comma before a new verb.
//! Tables: `src/data/deliverable_heads.tsv`, `deliverable_words.tsv`,
//! `actions.tsv`; the rules and their examples are in [`RULES`].

pub(crate) mod lex;

use crate::record::Deliverable;
use lex::{HeadClass, Lexeme, TokKind, VerbClass};

/// A deliverable found in a clause.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliverableHit {
    pub deliverable: Deliverable,
    /// Byte range in the clause.
    pub range: (usize, usize),
    pub rule: &'static str,
}

/// One rule of deliverable extraction, with clauses it must read and
/// clauses it must leave alone.
pub struct Rule {
    pub id: &'static str,
    pub doc: &'static str,
    /// (clause, expected deliverable text, expected type).
    pub examples: &'static [(&'static str, &'static str, &'static str)],
    /// Clauses where this rule must not fire.
    pub near_misses: &'static [&'static str],
}

/// The rules, by stable id (what a record's `rules` lists).
pub const RULES: &[Rule] = &[
    Rule {
        id: "deliverable/doc-type",
        doc: "a document head noun (nghị định, kế hoạch, đề án ...) as the object of a product verb",
        examples: &[
            ("Bộ Tư pháp chủ trì xây dựng Nghị định quy định chi tiết Luật Công chứng, hoàn thành trong quý II", "Nghị định quy định chi tiết Luật Công chứng", "nghị định"),
            ("khẩn trương trình cấp có thẩm quyền ban hành Đề án phát triển nguồn nhân lực bán dẫn để bảo đảm nhân lực", "Đề án phát triển nguồn nhân lực bán dẫn", "đề án"),
            ("hoàn thành việc xây dựng Kế hoạch chuyển đổi số ngành tư pháp năm 2026", "Kế hoạch chuyển đổi số ngành tư pháp năm 2026", "kế hoạch"),
        ],
        near_misses: &[
            "tổ chức thực hiện nghiêm Nghị định số 45/2025/NĐ-CP của Chính phủ",
            "tiếp tục triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
        ],
    },
    Rule {
        id: "deliverable/system",
        doc: "a system head noun (hệ thống, nền tảng, cơ sở dữ liệu, bộ công cụ, trung tâm ...) as the object of a product verb",
        examples: &[
            ("nâng cấp Hệ thống thông tin báo cáo quốc gia, tích hợp với Cổng Dịch vụ công", "Hệ thống thông tin báo cáo quốc gia", "hệ thống"),
            ("xây dựng cơ sở dữ liệu về người có công với cách mạng phục vụ chi trả không dùng tiền mặt", "cơ sở dữ liệu về người có công với cách mạng", "cơ sở dữ liệu"),
        ],
        near_misses: &["tăng cường kiểm tra an toàn thông tin của hệ thống"],
    },
    Rule {
        id: "deliverable/object",
        doc: "another product head (giải pháp, quy trình, danh mục, hạ tầng, phương án ...) as the object of a product verb",
        examples: &[
            ("xây dựng phương án sắp xếp các đơn vị sự nghiệp công lập theo hướng tinh gọn", "phương án sắp xếp các đơn vị sự nghiệp công lập", "phương án"),
            ("công bố danh mục thủ tục hành chính nội bộ được cắt giảm", "danh mục thủ tục hành chính nội bộ được cắt giảm", "danh mục"),
        ],
        near_misses: &[
            "hoàn thiện thể chế, cơ chế chính sách theo hướng kiến tạo",
            "làm rõ vướng mắc và đề xuất các giải pháp tháo gỡ",
            "phối hợp bố trí nguồn lực cho đầu tư các trung tâm dữ liệu",
        ],
    },
    Rule {
        id: "deliverable/target-named",
        doc: "\"mục tiêu ...\" as the object of a product verb: a measured target",
        examples: &[(
            "bảo đảm mục tiêu 80% hồ sơ được giải quyết đúng hạn",
            "mục tiêu 80% hồ sơ được giải quyết đúng hạn",
            "mục tiêu",
        )],
        near_misses: &["kiểm soát dòng vốn đi đúng mục tiêu"],
    },
    Rule {
        id: "deliverable/quoted-title",
        doc: "a quoted title right after a product verb: the title without its quotes",
        examples: &[(
            "trình Thủ tướng Chính phủ “Chiến lược phát triển kinh tế biển xanh” trong quý III",
            "Chiến lược phát triển kinh tế biển xanh",
            "chiến lược",
        )],
        near_misses: &["đẩy mạnh phong trào “Cả nước thi đua đổi mới sáng tạo”"],
    },
    Rule {
        id: "deliverable/target-percent",
        doc: "a percentage target: from the counted work (số hóa, phủ sóng ...) or the percentage to the end of the target",
        examples: &[
            ("số hóa 100% hồ sơ đất đai của các xã trong năm 2026", "số hóa 100% hồ sơ đất đai của các xã trong năm 2026", "mục tiêu"),
            ("đôn đốc các nhà mạng phủ sóng cáp quang tới thôn bản, phải đạt 95%", "phủ sóng cáp quang tới thôn bản, phải đạt 95%", "mục tiêu"),
            ("100% trường học kết nối Internet băng rộng cố định", "100% trường học kết nối Internet băng rộng cố định", "mục tiêu"),
        ],
        near_misses: &["doanh thu tăng 12% so với cùng kỳ"],
    },
    Rule {
        id: "deliverable/target-coverage",
        doc: "\"phủ sóng ...\": a coverage target even with no percentage",
        examples: &[(
            "đôn đốc doanh nghiệp viễn thông phủ sóng di động tại các xã đảo",
            "phủ sóng di động tại các xã đảo",
            "mục tiêu",
        )],
        near_misses: &["kiểm tra chất lượng sóng di động tại các xã đảo"],
    },
    Rule {
        id: "deliverable/target-completion",
        doc: "\"hoàn thành\" + the counted work with no percentage (hoàn thành số hóa ...)",
        examples: &[(
            "hoàn thành số hóa sổ hộ tịch lưu trữ tại cấp xã để cắt giảm giấy tờ",
            "số hóa sổ hộ tịch lưu trữ tại cấp xã",
            "mục tiêu",
        )],
        near_misses: &["hướng dẫn các địa phương thực hiện số hóa sổ hộ tịch"],
    },
    Rule {
        id: "deliverable/leading-head",
        doc: "a clause (table cell) that opens with a product head and has no product verb",
        examples: &[(
            "Đề án phát triển đội ngũ trí thức khoa học công nghệ đến năm 2030",
            "Đề án phát triển đội ngũ trí thức khoa học công nghệ đến năm 2030",
            "đề án",
        )],
        near_misses: &["Bộ Kế hoạch và Đầu tư chủ động phối hợp"],
    },
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// From a head noun (or a number/prefix before it) to the first stop.
    Name,
    /// A quoted title: from after the opening quote to the closing one.
    Title,
    /// A "..., phải đạt N%" target: to the percentage at lexeme `usize`.
    Reach(usize),
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    /// Lexeme where the text starts.
    start: usize,
    mode: Mode,
    ty: &'static str,
    rule: &'static str,
    /// Taken only when no other candidate is found.
    weak: bool,
}

const TARGET_TYPE: &str = "mục tiêu";

/// The product the clause asks for; `exclude` holds byte ranges of the
/// clause already taken by other fields (the deadline, agency names).
pub fn find_deliverable(clause: &str, exclude: &[(usize, usize)]) -> Option<DeliverableHit> {
    find_deliverable_with(clause, None, exclude)
}

/// [`find_deliverable`] with the clause's lower case ready-made:
/// `lower` is `normalize::case::lower_same_len(clause)`.
pub fn find_deliverable_in(clause: &str, lower: &str, exclude: &[(usize, usize)]) -> Option<DeliverableHit> {
    debug_assert_eq!(clause.len(), lower.len());
    find_deliverable_with(clause, Some(lower), exclude)
}

/// `lower` is left to the lexer when the caller has none: a clause it
/// has just lexed (for its action) needs no lower case at all.
fn find_deliverable_with(clause: &str, lower: Option<&str>, exclude: &[(usize, usize)]) -> Option<DeliverableHit> {
    if clause.trim().is_empty() {
        return None;
    }
    lex::with_lexemes(clause, lower, exclude, |lx| deliverable_of(clause, lx))
}

fn deliverable_of(clause: &str, lx: &[Lexeme]) -> Option<DeliverableHit> {
    let mut best = chain_candidate(clause, lx);
    if let Some(p) = percent_candidate(lx) {
        if best.map_or(true, |b| b.weak || p.start <= b.start) {
            best = Some(p);
        }
    }
    // A clause that opens with a product keeps it when the first verb
    // object lies inside its name ("Đề án thành lập trung tâm ..."). Its
    // extent decides: the text is made only for the one taken.
    if let Some((lead, ext)) = leading_head(lx).and_then(|c| Some((c, extent(clause, lx, c)?))) {
        let lead_loses = best.is_some_and(|b| lx[b.start].start >= ext.end);
        if !lead_loses {
            if let Some(hit) = hit_of(clause, lead, &ext) {
                return Some(hit);
            }
        }
    }
    build(clause, lx, best?)
}

fn rule_for(class: HeadClass) -> &'static str {
    match class {
        HeadClass::Doc => "deliverable/doc-type",
        HeadClass::System => "deliverable/system",
        HeadClass::Object => "deliverable/object",
        HeadClass::Target => "deliverable/target-named",
    }
}

fn is_open_quote_at(lx: &[Lexeme], i: usize) -> bool {
    matches!(lx.get(i).map(|l| l.kind), Some(TokKind::Punct(c)) if lex::is_open_quote(c))
}

/// Index of the quote closing the one opened at `i` (or `lx.len()`).
fn close_quote(lx: &[Lexeme], i: usize) -> usize {
    (i + 1..lx.len()).find(|&k| lx[k].is_quote()).unwrap_or(lx.len())
}

/// `(i)`, `(2)`, `a)`-style enumerators inside a clause: lexemes to skip.
fn enumerator_len(lx: &[Lexeme], i: usize) -> usize {
    if lx.get(i).is_some_and(|l| l.is_punct('('))
        && lx.get(i + 1).is_some_and(|l| l.end - l.start <= 4 && l.entry.is_none())
        && lx.get(i + 2).is_some_and(|l| l.is_punct(')'))
    {
        3
    } else {
        0
    }
}

/// A verb written as a noun ("hiện trạng xây dựng", "tiến độ thực hiện").
fn nominalized(lx: &[Lexeme], i: usize) -> bool {
    i > 0 && lx[i - 1].has(lex::NOMINAL)
}

/// A verb inside the name of a cited document ("Nghị quyết số 15/NQ-CP của
/// Chính phủ ban hành ..."): a document number stands between it and the
/// last comma or verb.
fn cited(clause_lx: &[Lexeme], i: usize, clause: &str) -> bool {
    for l in clause_lx[..i].iter().rev().take(15) {
        if matches!(l.kind, TokKind::Punct(',' | ';' | ':')) || l.verb().is_some() {
            return false;
        }
        if l.kind == TokKind::Num || l.kind == TokKind::Word {
            let t = &clause[l.start..l.end];
            if t.bytes().any(|b| b == b'/') && t.bytes().any(|b| b.is_ascii_digit()) {
                return true;
            }
        }
    }
    false
}

/// A dual head/verb lexeme ("báo cáo", "hướng dẫn") read as a noun: right
/// after a product verb or a filler, and no addressee after it.
fn dual_is_noun(lx: &[Lexeme], k: usize) -> bool {
    if lx[k].head().is_none() {
        return false;
    }
    let prev_ok = k > 0
        && (lx[k - 1].verb().is_some_and(|v| v.class == VerbClass::Product) || lx[k - 1].has(lex::FILLER));
    let next_addr = lx.get(k + 1).is_some_and(|l| l.has(lex::ADDRESSEE));
    prev_ok && !next_addr
}

struct Chain {
    /// First lexeme after the chain.
    end: usize,
    product: bool,
    /// Holds a verb that does the work (not only giao, chủ trì, phối hợp ...).
    main: bool,
    /// A counted-work verb right after a product verb ("hoàn thành số hóa").
    completion: Option<usize>,
}

/// Reads a verb chain from the verb at `i`: verbs joined by commas, "và",
/// modal words, fillers, addressees and excluded ranges.
fn parse_chain(lx: &[Lexeme], i: usize) -> Chain {
    let mut k = i;
    let mut product = false;
    // After "kiến nghị" the verbs are proposed, not done.
    let mut proposed = false;
    let mut main = false;
    while k < lx.len() {
        let l = &lx[k];
        if l.excluded {
            k += 1;
            continue;
        }
        if let Some(v) = l.verb() {
            if k > i && product && dual_is_noun(lx, k) {
                break;
            }
            proposed |= v.id == "kien-nghi";
            main |= !matches!(v.class, VerbClass::Assign | VerbClass::Weak);
            match v.class {
                VerbClass::Product => product = !proposed,
                VerbClass::Target => {
                    if product && !lx.get(k + 1).is_some_and(|n| n.kind == TokKind::Percent) {
                        return Chain { end: k, product, main: true, completion: Some(k) };
                    }
                    product = false;
                }
                VerbClass::Effort | VerbClass::Basis => product = false,
                VerbClass::Report | VerbClass::Assign | VerbClass::Weak => {}
            }
            k += 1;
            continue;
        }
        if l.has(lex::MODAL | lex::FILLER | lex::ADDRESSEE | lex::CONNECT)
            || l.is_punct(',')
            || l.is_punct(':')
        {
            k += 1;
            continue;
        }
        let e = enumerator_len(lx, k);
        if e > 0 {
            k += e;
            continue;
        }
        break;
    }
    Chain { end: k, product, main, completion: None }
}

/// The product named at lexeme `j`, right after a product verb chain.
fn object_at(lx: &[Lexeme], j: usize) -> Option<Cand> {
    let l = lx.get(j)?;
    if l.excluded {
        return None;
    }
    if let Some(h) = l.head() {
        return Some(Cand { start: j, mode: Mode::Name, ty: h.ty, rule: rule_for(h.class), weak: h.weak });
    }
    if is_open_quote_at(lx, j) {
        let close = close_quote(lx, j);
        if close <= j + 1 {
            return None;
        }
        let ty = lx[j + 1..close].iter().find_map(|l| l.head()).map_or("văn bản", |h| h.ty);
        return Some(Cand { start: j + 1, mode: Mode::Title, ty, rule: "deliverable/quoted-title", weak: false });
    }
    if l.kind == TokKind::Percent {
        return Some(Cand { start: j, mode: Mode::Name, ty: TARGET_TYPE, rule: "deliverable/target-percent", weak: false });
    }
    if l.has(lex::PREFIX) || l.kind == TokKind::Num {
        let n = lx.get(j + 1)?;
        let h = n.head()?;
        if !n.excluded {
            return Some(Cand { start: j, mode: Mode::Name, ty: h.ty, rule: rule_for(h.class), weak: false });
        }
    }
    None
}

/// The first object of a product verb chain in the clause.
fn chain_candidate(clause: &str, lx: &[Lexeme]) -> Option<Cand> {
    let mut i = 0;
    let mut weak: Option<Cand> = None;
    let mut seen_chain = false;
    let mut in_purpose = false;
    while i < lx.len() {
        let l = &lx[i];
        if l.excluded {
            i += 1;
            continue;
        }
        // A purpose clause after the predicate ("... nhằm thúc đẩy phát
        // triển hạ tầng") names no product of the task; it runs to a
        // capitalised verb (a new sentence whose full stop is missing).
        if seen_chain && l.has(lex::PURPOSE) {
            in_purpose = true;
            i += 1;
            continue;
        }
        if in_purpose {
            let restart = l.verb().is_some() && clause[l.start..].chars().next().is_some_and(char::is_uppercase);
            if !restart {
                i += 1;
                continue;
            }
            in_purpose = false;
        }
        if is_open_quote_at(lx, i) {
            // A title outside a product chain is a cited name: opaque.
            i = close_quote(lx, i) + 1;
            continue;
        }
        if let Some(v) = l.verb().filter(|_| !nominalized(lx, i) && !cited(lx, i, clause)) {
            if v.id == "phu-song" {
                // Coverage is a target even with no percentage written.
                return Some(Cand { start: i, mode: Mode::Name, ty: TARGET_TYPE, rule: "deliverable/target-coverage", weak: false });
            }
            let ch = parse_chain(lx, i);
            seen_chain |= ch.main;
            if let Some(t) = ch.completion {
                return Some(Cand { start: t, mode: Mode::Name, ty: TARGET_TYPE, rule: "deliverable/target-completion", weak: false });
            }
            if ch.product {
                if let Some(c) = object_at(lx, ch.end) {
                    if !c.weak {
                        return Some(c);
                    }
                    weak.get_or_insert(c);
                }
            }
            i = ch.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    weak
}

/// A percentage target ("số hóa 100% ...", "..., phải đạt 90%", "100% xã ...").
fn percent_candidate(lx: &[Lexeme]) -> Option<Cand> {
    let first = lx.iter().position(|l| !l.excluded && !matches!(l.kind, TokKind::Punct(_)));
    for p in 0..lx.len() {
        if lx[p].kind != TokKind::Percent || lx[p].excluded {
            continue;
        }
        let prev = if p > 0 { Some(&lx[p - 1]) } else { None };
        let start = match prev {
            Some(pr) if pr.has(lex::REACH) => {
                // The counted work is the first target verb before, else the
                // object of the first verb chain.
                let t = lx[..p].iter().position(|l| !l.excluded && l.verb().is_some_and(|v| v.class == VerbClass::Target));
                let s = match t {
                    Some(t) => Some(t),
                    None => lx[..p]
                        .iter()
                        .position(|l| !l.excluded && l.verb().is_some())
                        .map(|v| parse_chain(lx, v).end)
                        .filter(|&e| e < p - 1),
                };
                match s {
                    Some(s) => return Some(Cand { start: s, mode: Mode::Reach(p), ty: TARGET_TYPE, rule: "deliverable/target-percent", weak: false }),
                    None => continue,
                }
            }
            Some(pr) if pr.verb().is_some_and(|v| v.class == VerbClass::Target) => p - 1,
            Some(pr) if pr.verb().is_some_and(|v| v.class == VerbClass::Product) => p,
            _ if Some(p) == first => p,
            _ => continue,
        };
        return Some(Cand { start, mode: Mode::Name, ty: TARGET_TYPE, rule: "deliverable/target-percent", weak: false });
    }
    None
}

/// A clause that opens with a product head (a table cell "Đề án ...").
fn leading_head(lx: &[Lexeme]) -> Option<Cand> {
    let mut j = 0;
    while j < lx.len() {
        let l = &lx[j];
        if l.excluded || l.is_quote() || l.has(lex::FILLER) || matches!(l.kind, TokKind::Punct(_)) && enumerator_len(lx, j) == 0 {
            j += 1;
            continue;
        }
        let e = enumerator_len(lx, j);
        if e > 0 {
            j += e;
            continue;
        }
        break;
    }
    let l = lx.get(j)?;
    if l.head().is_some_and(|h| h.body) {
        return None;
    }
    // "báo cáo Thủ tướng ...", "báo cáo ngay cho ...": the verb, not the noun.
    if l.head().is_some()
        && l.verb().is_some()
        && lx.get(j + 1).is_some_and(|n| n.has(lex::ADDRESSEE | lex::FILLER | lex::NOMINAL))
    {
        return None;
    }
    let mut c = object_at(lx, j)?;
    if c.mode == Mode::Name && c.rule != "deliverable/target-percent" {
        c.rule = "deliverable/leading-head";
        // “Chiến lược ...” sẽ được ...: the title runs to its closing quote.
        if j > 0 && is_open_quote_at(lx, j - 1) {
            c.mode = Mode::Title;
        }
    }
    Some(c)
}

/// Whether a lexeme after "," or "và" ends the name.
fn stops_after_sep(lx: &[Lexeme], k: usize) -> bool {
    let Some(n) = lx.get(k) else { return true };
    if n.excluded || matches!(n.kind, TokKind::Punct('.' | '…' | ';')) {
        return true;
    }
    if n.has(lex::PURPOSE | lex::STOP | lex::REACH) {
        return true;
    }
    if n.has(lex::COMMA_STOP) {
        // "báo cáo", "trình" also name products: a verb only before an addressee.
        if n.head().is_some() || n.verb().is_some_and(|v| v.id == "trinh") {
            return lx.get(k + 1).is_some_and(|a| a.has(lex::ADDRESSEE));
        }
        // "tổ chức" is also a noun: a verb only before another verb.
        if n.verb().is_some_and(|v| v.yields == lex::Yield::Chain) {
            return lx.get(k + 1).is_some_and(|a| a.verb().is_some());
        }
        return true;
    }
    // ", đưa vào vận hành ...": a new product verb starts another action,
    // unless it continues a list of verbs inside the name.
    n.head().is_none()
        && n.verb().is_some_and(|v| v.class == VerbClass::Product)
        && !(k >= 2 && lx[k - 2].verb().is_some())
}

const MAX_LEXEMES: usize = 80;

/// Where the text of a candidate lies in the clause: `start..end`, less
/// the title quotes in `drop` (none, or the opening and closing one).
struct Extent {
    start: usize,
    end: usize,
    drop: Vec<(usize, usize)>,
}

fn build(clause: &str, lx: &[Lexeme], cand: Cand) -> Option<DeliverableHit> {
    hit_of(clause, cand, &extent(clause, lx, cand)?)
}

/// The extent of `cand`; `None` when nothing is left after trimming.
fn extent(clause: &str, lx: &[Lexeme], cand: Cand) -> Option<Extent> {
    let s = cand.start;
    let first = lx.get(s)?;
    let start = first.start;
    let mut end = first.end;
    let mut drop: Vec<(usize, usize)> = Vec::new();
    if cand.mode == Mode::Title {
        let close = close_quote(lx, s - 1);
        for l in &lx[s..close.min(lx.len())] {
            if l.excluded || l.is_punct(';') {
                break;
            }
            end = l.end;
        }
    } else {
        let mut k = s + 1;
        let mut in_quote = false;
        let mut title_quote = false;
        let mut count = 0;
        while k < lx.len() {
            let l = &lx[k];
            if l.excluded {
                break;
            }
            if let Mode::Reach(p) = cand.mode {
                if k > p {
                    break;
                }
                end = l.end;
                k += 1;
                continue;
            }
            count += 1;
            if count > MAX_LEXEMES {
                break;
            }
            if in_quote {
                if l.is_quote() {
                    in_quote = false;
                    if title_quote {
                        drop.push((l.start, l.end));
                        break;
                    }
                }
                end = l.end;
                k += 1;
                continue;
            }
            if is_open_quote_at(lx, k) {
                in_quote = true;
                // A quote right after the head word is the title: drop it.
                if k == s + 1 || (k == s + 2 && (lx[s].has(lex::PREFIX) || lx[s].kind == TokKind::Num)) {
                    title_quote = true;
                    drop.push((l.start, l.end));
                } else {
                    end = l.end;
                }
                k += 1;
                continue;
            }
            match l.kind {
                TokKind::Punct(';' | '?' | '!' | '…') => break,
                TokKind::Punct('.') => break,
                TokKind::Punct(',') => {
                    if stops_after_sep(lx, k + 1) || lx.get(k + 1).is_some_and(|n| n.is_punct('.')) {
                        break;
                    }
                    k += 1;
                    continue;
                }
                _ => {}
            }
            if l.has(lex::CONNECT) && stops_after_sep(lx, k + 1) {
                break;
            }
            // A capitalised word inside a name belongs to it ("Trung tâm
            // Phục vụ hành chính công").
            if l.has(lex::PURPOSE | lex::STOP) && !clause[l.start..].starts_with(char::is_uppercase) {
                break;
            }
            if let Some(v) = l.verb() {
                let next = lx.get(k + 1);
                if matches!(v.class, VerbClass::Product | VerbClass::Report)
                    && l.head().is_none()
                    && next.is_some_and(|n| n.has(lex::ADDRESSEE))
                {
                    break;
                }
                if v.id == "bao-dam" && next.is_some_and(|n| n.kind == TokKind::Percent) {
                    break;
                }
            }
            end = l.end;
            k += 1;
        }
    }
    let (start, end) = trim(clause, start, end);
    if end <= start {
        return None;
    }
    Some(Extent { start, end, drop })
}

/// The hit of `cand` over `ext`; `None` when its text is all space.
fn hit_of(clause: &str, cand: Cand, ext: &Extent) -> Option<DeliverableHit> {
    let (start, end) = (ext.start, ext.end);
    // Title quotes are rare: the clause is read in place without them.
    let text = if ext.drop.is_empty() {
        squeeze(&clause[start..end])
    } else {
        let mut text = String::with_capacity(end - start);
        let mut pos = start;
        for &(a, b) in &ext.drop {
            if a >= pos && b <= end {
                text.push_str(&clause[pos..a]);
                pos = b;
            }
        }
        text.push_str(&clause[pos..end]);
        squeeze(&text)
    };
    if text.is_empty() {
        return None;
    }
    Some(DeliverableHit {
        deliverable: Deliverable { text, kind: cand.ty.to_string() },
        range: (start, end),
        rule: cand.rule,
    })
}

/// `s` with each run of whitespace made one space and none at the ends
/// (`split_whitespace` joined by spaces). Text between runs is copied
/// whole, and a lone ' ' between two words is kept in place: most names
/// are copied in one piece.
fn squeeze(s: &str) -> String {
    let b = s.as_bytes();
    if is_squeezed(b) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let n = space_len(s, i);
        if n == 0 {
            i += 1;
            continue;
        }
        let mut j = i + n;
        loop {
            match space_len(s, j) {
                0 => break,
                m => j += m,
            }
        }
        let lone = b[i] == b' ' && j == i + 1 && i > 0 && j < b.len();
        if !lone {
            out.push_str(&s[copied..i]);
            if !out.is_empty() && j < b.len() {
                out.push(' ');
            }
            copied = j;
        }
        i = j;
    }
    out.push_str(&s[copied..]);
    out
}

/// Whether [`squeeze`] leaves `b` as it is: no space at either end, no two
/// spaces in a row, and no byte that may start other whitespace (ASCII
/// controls, C2, E1 9A, E2, E3). Without early exits, so that the
/// compiler can compare many bytes at once.
fn is_squeezed(b: &[u8]) -> bool {
    let odd = b.iter().fold(0u8, |acc, &x| {
        acc | u8::from(x.wrapping_sub(b'\t') <= b'\r' - b'\t') | u8::from(x == 0xc2) | u8::from(x.wrapping_sub(0xe2) <= 1)
    });
    let pairs = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(0u8, |acc, (&x, &y)| acc | u8::from(x == b' ' && y == b' ') | u8::from(x == 0xe1 && y == 0x9a));
    odd == 0 && pairs == 0 && b.first() != Some(&b' ') && b.last() != Some(&b' ')
}

/// The UTF-8 length of the whitespace character at byte `i` of `s`, 0 for
/// any other byte (or the end). Only ASCII whitespace and characters led
/// by C2 (U+0085, U+00A0), E1 9A (U+1680), E2 (U+2000..) or E3 (U+3000)
/// are whitespace: other bytes are passed without decoding.
#[inline]
fn space_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let Some(&x) = b.get(i) else { return 0 };
    let may = match x {
        b' ' | b'\t'..=b'\r' => return 1,
        0xc2 | 0xe2 | 0xe3 => true,
        0xe1 => b.get(i + 1) == Some(&0x9a),
        _ => false,
    };
    if !may {
        return 0;
    }
    match s.get(i..).and_then(|r| r.chars().next()) {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// Drops trailing punctuation, spaces and "..." from `start..end`.
fn trim(clause: &str, start: usize, mut end: usize) -> (usize, usize) {
    loop {
        let t = &clause[start..end];
        match t.chars().next_back() {
            Some(c) if c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '…' | '-' | '–' | '(' | '“' | '"') => {
                end -= c.len_utf8();
            }
            _ => break,
        }
    }
    // An unopened ")" at the end ("... ngày 11/12/2024)").
    if clause[start..end].ends_with(')') && !clause[start..end].contains('(') {
        return trim(clause, start, end - 1);
    }
    // An unclosed "(" left at the end ("... (gửi").
    if let Some(open) = clause[start..end].rfind('(') {
        if !clause[start + open..end].contains(')') {
            let cut = clause[start..start + open].trim_end().len();
            if cut > 0 {
                return trim(clause, start, start + cut);
            }
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table() {
        for r in RULES {
            for (clause, text, ty) in r.examples {
                let hit = find_deliverable(clause, &[]);
                let hit = hit.unwrap_or_else(|| panic!("{}: no deliverable in {clause:?}", r.id));
                assert_eq!(hit.deliverable.text, *text, "{}: {clause:?}", r.id);
                assert_eq!(hit.deliverable.kind, *ty, "{}: {clause:?}", r.id);
                assert_eq!(hit.rule, r.id, "{}: {clause:?}", r.id);
                assert!(clause.get(hit.range.0..hit.range.1).is_some());
            }
            for clause in r.near_misses {
                let hit = find_deliverable(clause, &[]);
                assert!(hit.as_ref().map_or(true, |h| h.rule != r.id), "{}: fired on {clause:?}: {hit:?}", r.id);
            }
        }
    }

    #[test]
    fn squeeze_is_split_whitespace_joined() {
        for s in ["", " ", "a", " a  b\t\nc ", "Kế\u{a0}hoạch\u{2003}\u{3000}x", "“a” \u{85}b\u{1680}", "\u{2028}", "a b", " a b ", "a \u{a0}b"] {
            assert_eq!(squeeze(s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    /// The byte-level space test against `char::is_whitespace`, for every
    /// char up to U+2FFFF and beyond, alone, between letters and in runs.
    #[test]
    fn squeeze_agrees_with_split_whitespace_on_every_char() {
        let chars: Vec<char> = (0..=0x10ffffu32).filter_map(char::from_u32).collect();
        for chunk in chars.chunks(256) {
            let mut s = String::new();
            for &c in chunk {
                s.extend([c, 'a', c, ' ', c, c, 'ế', ' ', ' ', c]);
            }
            assert_eq!(squeeze(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        // One odd char at a time, so that text without runs takes the
        // copy-whole path.
        for c in chars {
            for s in [format!("{c}"), format!("a{c}b"), format!("a {c} ế"), format!(" {c}")] {
                assert_eq!(squeeze(&s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{:X}", c as u32);
            }
        }
    }

    #[test]
    fn stops_at_excluded_deadline() {
        let c = "xây dựng Kế hoạch ứng phó thiên tai trước ngày 30/9/2025 của tỉnh";
        let d = c.find("trước").unwrap_or(0);
        let hit = find_deliverable(c, &[(d, c.len())]).map(|h| h.deliverable.text);
        assert_eq!(hit.as_deref(), Some("Kế hoạch ứng phó thiên tai"));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for c in ["", " ", "“", "xây dựng “", "100%", "đạt 100%", "(i)", "trình", "xây dựng (", "ban hành: ,;.", "Đề án “"] {
            let _ = find_deliverable(c, &[]);
            let _ = find_deliverable(c, &[(0, c.len())]);
            let _ = find_deliverable(c, &[(1, 2)]);
        }
    }
}
