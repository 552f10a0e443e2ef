//! Deadlines (SPEC.md §3): a table of rules that read Vietnamese time
//! expressions, resolve them against the notice date, and pick the one that
//! bounds a clause's work.
//!
//! [`grammar`] finds the expressions; this module reads the trigger word in
//! front of each ("trước", "chậm nhất", "trong", "hoàn thành" ...), decides
//! the kind, drops what is no deadline (cited documents' dates, meeting
//! dates, names of periods, statistics) and picks the winner. The rule ids
//! and their examples live in [`rules`].

mod calendar;
mod grammar;
pub mod rules;

use crate::normalize::case::lower_same_len;
use crate::record::{Deadline, DeadlineKind, Recurrence};
use calendar::Period;
use chrono::NaiveDate;
use grammar::{Core, Fam};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use memchr::memmem::Finder;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// A deadline found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineHit {
    pub deadline: Deadline,
    /// Byte range of the expression in the text searched.
    pub range: (usize, usize),
    /// Ids of the rules that produced it (and notes such as `deadline/year-inferred`).
    pub rules: Vec<&'static str>,
    /// The year was left out and no reference date was known (SPEC §3: `missing` gets `deadline_year`).
    pub year_unknown: bool,
}

/// Reads `phrase` as a whole as one time expression (used by `chidao date`
/// and for a table's deadline column, where a bare date is `by`).
///
/// Returns `None` when some word of the phrase is not part of a time
/// expression. Relative words (hôm nay, tuần sau, năm tới, 3 ngày tới,
/// weekdays) resolve against `reference`.
pub fn parse_phrase(phrase: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    if !grammar::may_hold_time_any_case(phrase) {
        return None;
    }
    parse_phrase_in(phrase, &lower_same_len(phrase), reference)
}

/// [`parse_phrase`] with the phrase's lower case given:
/// `lower == lower_same_len(phrase)`.
pub fn parse_phrase_in(phrase: &str, lower: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    debug_assert_eq!(phrase.len(), lower.len());
    if !grammar::may_hold_time(lower) {
        return None;
    }
    let cands = candidates(phrase, lower, reference, Mode::Phrase);
    if cands.is_empty() || !covers(lower, &cands) {
        return None;
    }
    best(phrase, cands)
}

/// The deadline of a clause: the time expression that bounds the work,
/// skipping cited-document dates, meeting dates and periods that are part
/// of a name; a completion time wins over an implementation period.
///
/// When several expressions qualify, the strongest wins (a date after
/// "trước"/"chậm nhất"/"hoàn thành" or a duration, then a period after
/// "trong", then "ngay", then an event, then a bare future date, then
/// recurrence, then "thường xuyên"); one attached to a completion verb
/// (hoàn thành, trình, báo cáo, ban hành, gửi ...) gains a step; among
/// equals the first wins. A recurrence word elsewhere in the clause is
/// added to the winner ("trước ngày 20/11/2025 và hàng tháng").
pub fn find_deadline(clause: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    // Most clauses hold no time word: no need to lower-case those.
    if !grammar::may_hold_time_any_case(clause) {
        return None;
    }
    find_deadline_in(clause, &lower_same_len(clause), reference)
}

/// [`find_deadline`] with the clause's lower case given:
/// `lower == lower_same_len(clause)` (same length, so offsets are shared).
pub fn find_deadline_in(clause: &str, lower: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    debug_assert_eq!(clause.len(), lower.len());
    if !grammar::may_hold_time(lower) {
        return None;
    }
    let cands = candidates(clause, lower, reference, Mode::Clause);
    best(clause, cands)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Phrase,
    Clause,
}

/// The word in front of an expression that says how it bounds the work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trig {
    None,
    /// trước
    Before,
    /// chậm nhất, muộn nhất, hạn, đến, đến hết
    Latest,
    /// hoàn thành, xong, hoàn tất
    Complete,
    /// trong, vào, ngay trong
    Within,
    /// trong vòng, trong thời hạn, tối đa, không quá (durations)
    Limit,
    /// từ, kể từ: a start, not a bound
    From,
    /// sau
    After,
}

/// A part of a period named in front of it ("cuối năm", "đầu tháng 12").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    None,
    End,
    Start,
    Middle,
    FirstDay,
    LastDay,
    FirstWeek,
}

#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    kind: DeadlineKind,
    due: Option<NaiveDate>,
    first: Option<NaiveDate>,
    /// The period's last day, kept for "từ ... đến ..." ranges.
    last: Option<NaiveDate>,
    recurrence: Option<Recurrence>,
    rules: Vec<&'static str>,
    strength: i32,
    year_unknown: bool,
    trig: Trig,
}

/// Trigger words, each read only when it ends the text before an
/// expression (less one space) and stands after the text's start or a mark
/// in [`TRIG_MARKS`]; the longest one wins, as it did when this was the
/// regex `(?:^|[ ,(:;\-–])(?P<t>…) $`.
const TRIGGERS: &[&str] = &[
    "hoàn thành xong trước", "hoàn thành trước", "hoàn tất trước", "xong trước", "trước", "chậm nhất là vào",
    "chậm nhất là trong", "chậm nhất là", "chậm nhất vào", "chậm nhất trong", "chậm nhất", "muộn nhất là",
    "muộn nhất vào", "muộn nhất", "trễ nhất là", "trễ nhất", "hạn chót là", "hạn chót", "thời hạn hoàn thành là",
    "thời hạn hoàn thành:", "thời hạn hoàn thành", "thời hạn là", "thời hạn:", "thời hạn", "hạn hoàn thành", "hạn:",
    "cho đến", "cho tới", "đến", "tới", "hoàn thành xong trong", "hoàn thành trong", "hoàn thành xong vào",
    "hoàn thành vào", "hoàn thành xong", "hoàn thành", "hoàn tất trong", "hoàn tất", "xong trong", "xong vào", "xong",
    "kết thúc trong", "kết thúc", "trong vòng", "trong thời hạn", "trong thời gian", "trong suốt", "ngay trong",
    "vào trong", "trong", "vào", "tối đa", "không quá", "bắt đầu từ", "kể từ", "tính từ", "ngay từ", "từ", "sau",
];
const TRIG_MARKS: [char; 7] = [' ', ',', '(', ':', ';', '-', '–'];

/// Edge words, read as [`TRIGGERS`] are (once the regex
/// `(?:^|[ ,(:;])(?P<e>…) $`).
const EDGES: &[&str] = &["ngày đầu tiên của", "ngày cuối cùng của", "ngày cuối của", "tuần đầu tiên của", "cuối", "đầu", "giữa", "hết"];
const EDGE_MARKS: [char; 5] = [' ', ',', '(', ':', ';'];

/// The word group right before a date that marks it as a cited
/// document's date ("Nghị định 82/2024/NĐ-CP ngày ...", "Kế hoạch số
/// 02-KH/BCĐTW ngày ...", "ban hành ngày ...").
static CITED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[0-9][0-9a-zđ]*[/\-][0-9a-zđ/.\-&]*|(?:số|số:) ?[0-9][^ ]*|(?:nghị định|nghị quyết|quyết định|thông tư|chỉ thị|công điện|thông báo|kế hoạch|công văn|văn bản|luật|kết luận|tờ trình|đề án|báo cáo|hướng dẫn|pháp lệnh|chương trình|chiến lược|quy định) (?:số )?[0-9][0-9a-zđ/.\-]*|(?:nghị định|nghị quyết|quyết định|thông tư|chỉ thị|công điện|thông báo|kế hoạch|công văn|văn bản|kết luận|tờ trình)|ban hành|ký|ký ban hành|thông qua|phê duyệt tại) \(?$")
        .expect("literal regex")
});

/// Issuers after "của" right after a date: it is a cited document's date.
const CITED_ISSUERS: [&str; 15] = [
    "chính phủ", "thủ tướng", "bộ", "ban", "văn phòng", "ủy ban", "quốc hội", "tỉnh", "thành", "hội đồng", "ubnd", "hđnd", "bch",
    "bộ chính trị", "ban bí thư",
];

/// Do the words right after a date mark it as a cited document's date
/// (", của Chính phủ", " về việc", " quy định", " hướng dẫn")? Read by hand
/// as the regex `^,? (?:của (?:…)|về (?:việc )?|quy định|hướng dẫn)` did.
fn cited_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(',').unwrap_or(after).strip_prefix(' ') else { return false };
    match rest.strip_prefix("của ") {
        Some(issuer) => CITED_ISSUERS.iter().any(|w| issuer.starts_with(w)),
        None => rest.starts_with("về ") || rest.starts_with("quy định") || rest.starts_with("hướng dẫn"),
    }
}

/// Meetings: one named shortly before a date is the date it takes place.
const MEETING_WORDS: [&str; 6] = ["họp", "hội nghị", "buổi làm việc", "cuộc làm việc", "hội thảo", "làm việc với"];

/// Does `near` (at most 90 bytes, see [`window`]) name a meeting with no
/// ',' or ';' between it and its end? The regex
/// `(?:họp|…)(?:[^,;]{0,90})?[ (]*$` it replaces could never hit its
/// 90-character limit in so short a text.
fn names_meeting(near: &str) -> bool {
    let tail = &near[near.rfind([',', ';']).map_or(0, |i| i + 1)..];
    MEETING_WORDS.iter().any(|w| tail.contains(w))
}

/// Verbs of completion and delivery: a time attached to them is the
/// deadline proper; a meeting or date after them is when the product is due.
/// Leftmost-first, as the regex alternation it replaces matched.
static VERBS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = [
        "hoàn thành", "hoàn tất", "xong", "trình", "báo cáo", "ban hành", "gửi", "nộp", "phê duyệt", "kết thúc", "thông qua",
        "xem xét", "cho ý kiến", "hoàn thiện",
    ];
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(words).expect("literal word list")
});

/// Does `seg` hold a completion verb (`delivery` adds thông qua, xem xét,
/// cho ý kiến, hoàn thiện)? "trình" inside "chương trình", "quy trình",
/// "trình chiếu" ... is no verb.
fn has_verb(seg: &str, delivery: bool) -> bool {
    VERBS.find_iter(seg).any(|m| {
        let w = &seg[m.start()..m.end()];
        if !delivery && matches!(w, "thông qua" | "xem xét" | "cho ý kiến" | "hoàn thiện") {
            return false;
        }
        if seg[..m.start()].ends_with(|c: char| c.is_alphanumeric()) || seg[m.end()..].starts_with(|c: char| c.is_alphanumeric()) {
            return false;
        }
        if w == "trình" {
            let prev = seg[..m.start()].trim_end().rsplit(' ').next().unwrap_or("");
            let next = seg[m.end()..].trim_start().split(' ').next().unwrap_or("");
            if matches!(prev, "chương" | "quá" | "lộ" | "tờ" | "quy" | "hành" | "công" | "giáo" | "liệu")
                || matches!(next, "chiếu" | "độ" | "tự")
            {
                return false;
            }
        }
        true
    })
}

/// Is `folded` a statement of results, not an assignment ("cho thấy",
/// "so với cùng kỳ|năm|tháng|quý")? Asked only once a period needs it:
/// most clauses never do.
fn is_statement(folded: &str) -> bool {
    static FINDERS: LazyLock<[Finder<'static>; 2]> = LazyLock::new(|| [Finder::new("cho thấy"), Finder::new("so với ")]);
    let [shows, compared] = &*FINDERS;
    let bytes = folded.as_bytes();
    shows.find(bytes).is_some()
        || compared.find_iter(bytes).any(|i| {
            let rest = folded.get(i + compared.needle().len()..).unwrap_or("");
            ["cùng kỳ", "năm", "tháng", "quý"].iter().any(|w| rest.starts_with(w))
        })
}

/// A period that is part of a name ("giai đoạn 2026 - 2030",
/// "Chiến lược ... đến năm 2030, tầm nhìn đến năm 2045").
const PERIOD_NAMES: [&str; 6] = ["giai đoạn", "thời kỳ", "nhiệm kỳ", "khóa", "niên độ", "năm học"];

/// Does `near` end with a period's name and a space, perhaps with "từ",
/// "năm" between (the regex `(?:giai đoạn|…)(?: từ)?(?: năm)? $`)?
fn names_period(near: &str) -> bool {
    let Some(body) = near.strip_suffix(' ') else { return false };
    ["", " năm", " từ", " từ năm"]
        .iter()
        .filter_map(|tail| body.strip_suffix(tail))
        .any(|head| PERIOD_NAMES.iter().any(|n| head.ends_with(n)))
}

/// Words of a plan's horizon ("Chiến lược ... đến năm 2030, tầm nhìn ...").
const HORIZON_WORDS: [&str; 4] = ["tầm nhìn", "chiến lược", "quy hoạch", "định hướng"];

/// A duration's anchor ("kể từ ngày ký", "kể từ khi Nghị định có hiệu lực"),
/// offsets within the text after the duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// The notice itself: "kể từ ngày ký (ban hành) (văn bản này)".
    Doc { end: usize },
    /// Anything else, up to 150 characters short of `,;.()`.
    Other { start: usize, end: usize },
}

/// The words an anchor begins with.
const ANCHOR_WORDS: [&str; 4] = [" kể từ ", " tính từ ", " từ ", " sau "];
const ANCHOR_DOC_WORDS: [&str; 4] = ["ký", "ban hành", "phát hành", "thông báo"];
const ANCHOR_DOC_NOUNS: [&str; 7] = ["văn bản", "thông báo", "quyết định", "công văn", "kế hoạch", "chỉ thị", "kết luận"];
/// Characters an [`Anchor::Other`] may take.
const ANCHOR_OTHER_MAX: usize = 150;

/// The anchor `after` opens with, read by hand as the regex
/// `^ (?:kể từ|tính từ|từ|sau) (?:(?P<doc>ngày (?:ký|ban hành|phát hành|thông báo)(?: ban hành)?(?: (?:văn bản|…|kết luận) này)?)|(?P<other>[^,;.()]{1,150}))`
/// did: the capturing engine cost more than the rest of a duration.
fn anchor_of(after: &str) -> Option<Anchor> {
    let start = ANCHOR_WORDS.iter().find(|w| after.starts_with(*w))?.len();
    let rest = &after[start..];
    if let Some(doc) = rest.strip_prefix("ngày ") {
        if let Some(word) = ANCHOR_DOC_WORDS.iter().find(|w| doc.starts_with(*w)) {
            let mut end = start + "ngày ".len() + word.len();
            if after[end..].starts_with(" ban hành") {
                end += " ban hành".len();
            }
            let noun = |t: &str| ANCHOR_DOC_NOUNS.iter().find_map(|n| t.strip_prefix(' ')?.strip_prefix(n)?.strip_prefix(" này").map(|_| 1 + n.len() + " này".len()));
            end += noun(&after[end..]).unwrap_or(0);
            return Some(Anchor::Doc { end });
        }
    }
    let end = rest
        .char_indices()
        .take(ANCHOR_OTHER_MAX)
        .take_while(|&(_, ch)| !matches!(ch, ',' | ';' | '.' | '(' | ')'))
        .last()
        .map(|(i, ch)| start + i + ch.len_utf8())?;
    Some(Anchor::Other { start, end })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text before `at`, at most `max` bytes, cut at the last ';'.
fn window(folded: &str, at: usize, max: usize) -> (usize, &str) {
    let from = floor_boundary(folded, at.saturating_sub(max));
    let w = folded.get(from..at).unwrap_or("");
    match w.rfind(';') {
        Some(i) => (from + i + 1, &w[i + 1..]),
        None => (from, w),
    }
}

/// A word list grouped by last byte: the last byte of a text picks the
/// few words that can end it.
struct ByLastByte([Vec<&'static str>; 256]);

impl ByLastByte {
    fn new(words: &[&'static str]) -> ByLastByte {
        let mut groups: [Vec<&'static str>; 256] = std::array::from_fn(|_| Vec::new());
        for w in words {
            if let Some(group) = w.as_bytes().last().and_then(|&b| groups.get_mut(usize::from(b))) {
                group.push(w);
            }
        }
        ByLastByte(groups)
    }

    fn ending_with(&self, b: u8) -> &[&'static str] {
        self.0.get(usize::from(b)).map_or(&[], Vec::as_slice)
    }
}

static TRIGGERS_BY_LAST: LazyLock<ByLastByte> = LazyLock::new(|| ByLastByte::new(TRIGGERS));
static EDGES_BY_LAST: LazyLock<ByLastByte> = LazyLock::new(|| ByLastByte::new(EDGES));

/// The longest of `words` that ends `hay` less a final space, standing at
/// the start of `hay` or after one of `marks`, with its offset: an
/// end-anchored regex of the words finds the same, leftmost start first.
fn last_words<'h>(words: &ByLastByte, marks: &[char], hay: &'h str) -> Option<(usize, &'h str)> {
    let body = hay.strip_suffix(' ')?;
    words
        .ending_with(*body.as_bytes().last()?)
        .iter()
        .filter_map(|w| {
            let head = body.strip_suffix(w)?;
            (head.is_empty() || head.ends_with(marks)).then(|| (head.len(), &body[head.len()..]))
        })
        .min_by_key(|&(at, _)| at)
}

fn classify(t: &str) -> Trig {
    if t.ends_with("trước") {
        Trig::Before
    } else if t.starts_with("hoàn thành") || t.starts_with("hoàn tất") || t.starts_with("xong") || t.starts_with("kết thúc") {
        Trig::Complete
    } else if t.starts_with("chậm nhất")
        || t.starts_with("muộn nhất")
        || t.starts_with("trễ nhất")
        || t.starts_with("hạn")
        || t.starts_with("thời hạn")
        || t.starts_with("cho")
        || t == "đến"
        || t == "tới"
    {
        Trig::Latest
    } else if matches!(t, "trong vòng" | "trong thời hạn" | "trong thời gian" | "tối đa" | "không quá") {
        Trig::Limit
    } else if t.ends_with("từ") {
        Trig::From
    } else if t == "sau" {
        Trig::After
    } else {
        Trig::Within
    }
}

fn edge_of(e: &str) -> Edge {
    match e {
        "cuối" | "hết" => Edge::End,
        "đầu" => Edge::Start,
        "giữa" => Edge::Middle,
        "ngày đầu tiên của" => Edge::FirstDay,
        "ngày cuối cùng của" | "ngày cuối của" => Edge::LastDay,
        _ => Edge::FirstWeek,
    }
}

/// The part of `p` an edge word names. Conventions (no SPEC rule covers
/// them): "đầu" = first third (days 1–10 of a month, first month of a
/// quarter, months 1–4 of a year), "giữa" = middle third.
fn apply_edge(p: Period, edge: Edge, fam: Fam) -> Option<Period> {
    use calendar::{add_days, months};
    let span_months = |p: Period| -> Option<(i32, u32, u32)> {
        use chrono::Datelike;
        let n = (p.last.year() - p.first.year()) * 12 + p.last.month() as i32 - p.first.month() as i32 + 1;
        Some((p.first.year(), p.first.month(), u32::try_from(n).ok()?))
    };
    match edge {
        Edge::None => Some(p),
        Edge::End | Edge::LastDay => Some(Period::day(p.last)),
        Edge::FirstDay => Some(Period::day(p.first)),
        Edge::FirstWeek => {
            let mut d = p.first;
            while chrono::Datelike::weekday(&d) != chrono::Weekday::Mon {
                d = d.succ_opt()?;
            }
            Some(Period { first: d, last: add_days(d, 6)? })
        }
        Edge::Start | Edge::Middle => {
            let (y, m, n) = span_months(p)?;
            let mid = edge == Edge::Middle;
            if fam == Fam::Month || n < 3 {
                let first = add_days(p.first, if mid { 10 } else { 0 })?;
                Some(Period { first, last: add_days(first, 9)? })
            } else {
                let third = n / 3;
                let start = m + if mid { third } else { 0 };
                months(y, start, third)
            }
        }
    }
}

fn rule_for_period(fam: Fam) -> &'static str {
    match fam {
        Fam::Month => "deadline/within/month",
        Fam::Quarter => "deadline/within/quarter",
        Fam::Year => "deadline/within/year",
        Fam::YearRange => "deadline/within/year-range",
        Fam::Half => "deadline/within/half-year",
        Fam::Week => "deadline/within/week",
        Fam::Season => "deadline/within/season",
        _ => "deadline/within/relative",
    }
}

fn candidates(text: &str, folded: &str, reference: Option<NaiveDate>, mode: Mode) -> Vec<Cand> {
    let cores = grammar::scan(folded, reference);
    let statement = OnceCell::new();
    let mut out: Vec<Cand> = Vec::new();
    let mut prev_end = 0usize;
    for (i, core) in cores.iter().enumerate() {
        let next_start = cores.get(i + 1).map_or(folded.len(), |c| c.start);
        if let Some(c) = build(text, folded, core, reference, mode, &statement, prev_end, next_start) {
            prev_end = c.end;
            out.push(c);
        }
    }
    merge_ranges(folded, &mut out);
    out
}

/// "từ ngày 1/8 đến ngày 15/8/2025", "từ tháng 9 đến tháng 12/2025": one period.
fn merge_ranges(folded: &str, cands: &mut Vec<Cand>) {
    let mut i = 0;
    while i + 1 < cands.len() {
        let (a, b) = (&cands[i], &cands[i + 1]);
        let gap = folded.get(a.end..b.start).unwrap_or("x");
        if a.trig == Trig::From && b.trig == Trig::Latest && gap.trim().is_empty() {
            let merged = Cand {
                start: a.start,
                end: b.end,
                kind: DeadlineKind::Within,
                due: b.last,
                first: a.first,
                last: b.last,
                recurrence: None,
                rules: {
                    let mut r = vec!["deadline/within/range"];
                    for x in a.rules.iter().chain(b.rules.iter()) {
                        if x.starts_with("deadline/year") || x.starts_with("deadline/impossible") {
                            r.push(x);
                        }
                    }
                    r.dedup();
                    r
                },
                strength: 5,
                year_unknown: a.year_unknown || b.year_unknown,
                trig: Trig::Within,
            };
            cands[i] = merged;
            cands.remove(i + 1);
        }
        i += 1;
    }
    // A lone start ("triển khai từ năm 2026") bounds nothing.
    cands.retain(|c| c.trig != Trig::From);
}

#[allow(clippy::too_many_arguments)]
fn build(
    text: &str,
    folded: &str,
    core: &Core,
    reference: Option<NaiveDate>,
    mode: Mode,
    statement: &OnceCell<bool>,
    prev_end: usize,
    next_start: usize,
) -> Option<Cand> {
    let clause_mode = mode == Mode::Clause;
    let _ = text;
    // Edge and trigger words in front.
    let (wstart, w) = window(folded, core.start, 90);
    let (mut edge, mut head) = (Edge::None, core.start);
    if let Some((at, e)) = last_words(&EDGES_BY_LAST, &EDGE_MARKS, w) {
        edge = edge_of(e);
        head = wstart + at;
    }
    let (mut trig, mut tstart, mut verb_start) = (Trig::None, head, head);
    if let Some((at, words)) = last_words(&TRIGGERS_BY_LAST, &TRIG_MARKS, folded.get(wstart..head).unwrap_or("")) {
        trig = classify(words);
        tstart = wstart + at;
        verb_start = tstart;
        // The verb ("hoàn thành trước") is the action, not part of the
        // time expression's text.
        for verb in ["hoàn thành xong", "hoàn thành", "hoàn tất", "xong", "kết thúc"] {
            if let Some(rest) = words.strip_prefix(verb) {
                tstart = if rest.is_empty() { head } else { tstart + verb.len() + 1 };
                break;
            }
        }
    }
    let before_trig = folded.get(..verb_start).unwrap_or("");
    let after = folded.get(core.end..).unwrap_or("");
    let mut cand = Cand {
        start: tstart,
        end: core.end,
        kind: DeadlineKind::By,
        due: None,
        first: None,
        last: None,
        recurrence: core.recurrence,
        rules: Vec::new(),
        strength: 0,
        year_unknown: core.unknown,
        trig,
    };
    // Statements of what was done: "đã hoàn thành trong năm 2024".
    if clause_mode && before_trig.trim_end().ends_with("đã") {
        return None;
    }

    if let Some((kind, rule)) = core.fixed {
        cand.kind = kind;
        cand.rules.push(rule);
        if edge != Edge::None || trig != Trig::None {
            // "ngay" after "trong" etc. keeps its own range.
            cand.start = core.start;
        }
        cand.strength = match kind {
            DeadlineKind::Immediate => 4,
            DeadlineKind::Event => 3,
            DeadlineKind::Recurring => 2,
            _ => 1,
        };
        if core.fam == Fam::Session {
            cand.start = core.start;
            if clause_mode {
                // A meeting with a date is read from the date; one where
                // nothing is delivered is no deadline.
                let ahead = &after[..floor_boundary(after, after.len().min(90))];
                let ahead = ahead.split(';').next().unwrap_or("");
                let dated = ahead.contains("(ngày") || ahead.contains(" ngày ") && ahead.chars().any(|c| c.is_ascii_digit());
                let before = folded.get(prev_end.min(core.start)..core.start).unwrap_or("");
                // "phiên họp", "hội nghị" need an ordinal or a qualifier to be
                // a known meeting ("tại phiên họp" alone refers back).
                let named = folded.get(core.start..core.end).is_some_and(|t| t.contains("kỳ họp") || t.contains(" thứ ") || t.split(' ').count() > 3);
                if dated || !core.prep || !named || !has_verb(before, true) {
                    return None;
                }
            }
        }
        return Some(cand);
    }

    if core.fam == Fam::Duration {
        return duration(folded, core, reference, trig, cand);
    }

    if core.bare_unit && (edge == Edge::None || (clause_mode && trig == Trig::None)) {
        return None;
    }
    if trig == Trig::After {
        return None;
    }
    if clause_mode && core.past {
        return None;
    }

    // Clause-mode filters for dates.
    let mut meeting = false;
    if clause_mode {
        let (_, near) = window(folded, head, 90);
        let near_t = near.trim_end();
        if core.fam == Fam::Day {
            if CITED_RE.is_match(near_t) || (near_t.ends_with('(') && CITED_RE.is_match(near_t.trim_end_matches('(').trim_end())) {
                return None;
            }
            if cited_after(after) {
                return None;
            }
            if trig == Trig::None && names_meeting(near) {
                let due = core.period.map(|p| p.last);
                let future = match (reference, due) {
                    (Some(r), Some(d)) => d >= r,
                    _ => true,
                };
                let seg = folded.get(prev_end.min(head)..head).unwrap_or("");
                let m_at = seg.rfind("họp").or_else(|| seg.rfind("hội nghị")).unwrap_or(seg.len());
                if !(future && has_verb(&seg[..m_at], true)) {
                    return None;
                }
                meeting = true;
            }
            if trig == Trig::None && !meeting {
                let lead_in = folded.get(prev_end.min(tstart)..tstart).unwrap_or("").trim();
                let future = match (reference, core.period) {
                    (Some(r), Some(p)) => p.last > r,
                    _ => true,
                };
                if !core.has_ngay || lead_in.is_empty() || !future {
                    return None;
                }
            }
        } else if core.day {
            // Weekdays, "ngày mai", holidays need "trước", "vào" ...
            if trig == Trig::None {
                return None;
            }
        } else {
            if trig == Trig::None && !(edge != Edge::None && !core.bare_unit) {
                return None;
            }
            if *statement.get_or_init(|| is_statement(folded)) {
                return None;
            }
            if matches!(core.fam, Fam::Year | Fam::YearRange) {
                if names_period(near) {
                    return None;
                }
                let seg_from = near.rfind([',', ':', '(']).map_or(0, |i| i + 1);
                if HORIZON_WORDS.iter().any(|w| near[seg_from..].contains(w)) && matches!(trig, Trig::Latest | Trig::None) {
                    return None;
                }
                if core.fam == Fam::Year && !core.has_ngay && !matches!(trig, Trig::Before | Trig::Latest | Trig::Within | Trig::Complete) {
                    return None;
                }
            }
        }
        // Long past: a reference to what was, not a deadline.
        if let (Some(r), Some(p), true) = (reference, core.period, core.explicit_year) {
            if calendar::add_days(p.last, 31).is_some_and(|d| d < r) {
                return None;
            }
        }
    }

    // Kind and dates.
    let period = match core.period {
        Some(p) => apply_edge(p, if core.day { Edge::None } else { edge }, core.fam),
        None => None,
    };
    let point = core.day || matches!(edge, Edge::End | Edge::FirstDay | Edge::LastDay);
    cand.first = period.map(|p| p.first);
    cand.last = period.map(|p| p.last);
    let rule: &'static str;
    if meeting {
        cand.kind = DeadlineKind::By;
        cand.due = cand.last;
        rule = "deadline/by/meeting-date";
    } else if point {
        cand.due = period.map(|p| p.last);
        let dayish = match core.fam {
            Fam::RelDay | Fam::Weekday => "deadline/by/relative-day",
            Fam::Holiday => "deadline/by/holiday",
            _ => "deadline/by/dmy",
        };
        if trig == Trig::Before {
            cand.kind = DeadlineKind::Before;
            rule = if core.day { "deadline/before/dmy" } else { "deadline/before/period-end" };
        } else {
            cand.kind = DeadlineKind::By;
            rule = if !core.day {
                if matches!(edge, Edge::FirstDay | Edge::LastDay) {
                    "deadline/by/day-of-period"
                } else {
                    "deadline/by/period-end"
                }
            } else if trig == Trig::None && dayish == "deadline/by/dmy" {
                "deadline/by/bare-date"
            } else {
                dayish
            };
        }
    } else {
        match trig {
            Trig::Before => {
                // "trước tháng 12/2025": the bound is where the period starts,
                // as "trước ngày 10/12" has its bound on the date written.
                cand.kind = DeadlineKind::Before;
                cand.due = period.map(|p| p.first);
                cand.first = None;
                rule = "deadline/before/period";
            }
            Trig::Latest => {
                // "chậm nhất tháng 12", "đến năm 2030": the period's last day
                // is the latest point, not a window to work in.
                cand.kind = DeadlineKind::By;
                cand.due = period.map(|p| p.last);
                cand.first = None;
                rule = "deadline/by/period-end";
            }
            _ => {
                cand.kind = DeadlineKind::Within;
                cand.due = period.map(|p| p.last);
                rule = if matches!(edge, Edge::Start | Edge::Middle) {
                    "deadline/within/part-of-period"
                } else if edge == Edge::FirstWeek {
                    "deadline/within/week"
                } else {
                    rule_for_period(core.fam)
                };
            }
        }
    }
    cand.rules.push(rule);
    note_dates(core, &mut cand);
    cand.strength = if meeting {
        6
    } else {
        match trig {
            Trig::Before | Trig::Latest | Trig::Complete | Trig::Limit => 6,
            Trig::Within => 5,
            _ if edge != Edge::None => 5,
            _ => 2,
        }
    };
    // A time attached to a completion verb is the deadline proper.
    let seg = folded.get(prev_end.min(tstart)..tstart).unwrap_or("");
    if has_verb(seg, false) {
        cand.strength += 1;
    }
    let _ = next_start;
    Some(cand)
}

fn note_dates(core: &Core, cand: &mut Cand) {
    if core.inferred {
        cand.rules.push("deadline/year-inferred");
    }
    if core.impossible {
        cand.rules.push("deadline/impossible-date");
        cand.due = None;
        cand.first = None;
        cand.last = None;
    }
    if core.unknown {
        cand.year_unknown = true;
        cand.due = None;
        cand.first = None;
    }
}

/// "trong vòng 30 ngày kể từ ngày ký", "trong 15 ngày làm việc": `by`,
/// counted from the notice date (or a written date); from an undated
/// event it is `event`.
fn duration(folded: &str, core: &Core, reference: Option<NaiveDate>, trig: Trig, mut cand: Cand) -> Option<Cand> {
    let (n, unit) = grammar::duration_parts(folded.get(core.start..core.end)?)?;
    let after = folded.get(core.end..).unwrap_or("");
    // "trong 03 ngày liên tiếp", "trong 2 tháng qua": a span of time that is
    // a condition or a look back, not a time limit counted from the notice.
    const NOT_A_LIMIT: [&str; 6] = [" liên tiếp", " liên tục", " qua", " vừa qua", " gần đây", " trước đó"];
    if NOT_A_LIMIT.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    let anchor = anchor_of(after);
    if !matches!(trig, Trig::Within | Trig::Limit | Trig::Latest | Trig::Complete) && !(trig == Trig::After && anchor.is_some()) {
        return None;
    }
    let working = core.working;
    let count_rule = if working { "deadline/by/working-days" } else { "deadline/by/duration" };
    cand.kind = DeadlineKind::By;
    cand.strength = 6;
    let from_reference = |cand: &mut Cand| match reference {
        Some(r) => cand.due = grammar::add_duration(r, n, unit),
        None => cand.year_unknown = true,
    };
    match anchor {
        None => {
            cand.rules.push(count_rule);
            from_reference(&mut cand);
        }
        Some(Anchor::Doc { end }) => {
            cand.end = core.end + end;
            cand.rules.push(count_rule);
            from_reference(&mut cand);
        }
        Some(Anchor::Other { start, end }) => {
            let at = core.end + start;
            let rest = folded.get(at..).unwrap_or("");
            let dated = grammar::scan(rest, reference).into_iter().find(|k| k.start == 0 && k.fam == Fam::Day);
            match dated {
                Some(k) => {
                    cand.end = at + k.end;
                    cand.rules.push(count_rule);
                    match k.period {
                        Some(p) => cand.due = grammar::add_duration(p.first, n, unit),
                        None => cand.year_unknown |= k.unknown,
                    }
                    if k.inferred {
                        cand.rules.push("deadline/year-inferred");
                    }
                }
                None => {
                    cand.end = core.end + end;
                    cand.kind = DeadlineKind::Event;
                    cand.strength = 3;
                    cand.rules.push("deadline/event/duration");
                }
            }
        }
    }
    let _ = cand.end.min(folded.len());
    cand.year_unknown &= cand.kind != DeadlineKind::Event;
    Some(cand)
}

/// Does `cands` (with a few filler words) cover the whole phrase?
fn covers(folded: &str, cands: &[Cand]) -> bool {
    let mut rest = String::with_capacity(folded.len());
    let mut pos = 0;
    let mut sorted: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
    sorted.sort();
    for (s, e) in sorted {
        if s > pos {
            rest.push_str(folded.get(pos..s).unwrap_or(""));
            rest.push(' ');
        }
        pos = pos.max(e);
    }
    rest.push_str(folded.get(pos..).unwrap_or(""));
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w, "và" | "hoặc" | "là" | "lúc" | "khoảng" | "dự" | "kiến"))
}

fn best(text: &str, cands: Vec<Cand>) -> Option<DeadlineHit> {
    let recur = cands
        .iter()
        .find(|c| c.kind == DeadlineKind::Recurring && c.recurrence.is_some())
        .map(|c| (c.start, c.end, c.recurrence));
    let mut best: Option<&Cand> = None;
    for c in &cands {
        if best.is_none_or(|b| c.strength > b.strength) {
            best = Some(c);
        }
    }
    let b = best?;
    let mut range = (b.start, b.end);
    let mut recurrence = b.recurrence;
    let mut rules = b.rules.clone();
    if b.kind != DeadlineKind::Recurring && b.kind != DeadlineKind::Ongoing {
        if let Some((s, e, r)) = recur {
            recurrence = r;
            rules.push("deadline/recurrence");
            let gap = text.get(b.end..s).unwrap_or("x").trim();
            if s >= b.end && matches!(gap, "" | "và" | "," | ", và" | "hoặc") {
                range.1 = e;
            }
        }
    }
    let deadline = Deadline {
        text: text.get(range.0..range.1).unwrap_or("").to_string(),
        kind: b.kind,
        due: b.due,
        start: if b.kind == DeadlineKind::Within { b.first } else { None },
        recurrence,
    };
    Some(DeadlineHit { deadline, range, rules, year_unknown: b.year_unknown })
}


#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-read word tests agree with the regexes they replaced.
    #[test]
    fn word_tests_as_the_regexes_read_them() {
        let trig = Regex::new(&format!(r"(?:^|[ ,(:;\-–])(?:{}) $", TRIGGERS.join("|"))).expect("literal regex");
        let edge = Regex::new(&format!(r"(?:^|[ ,(:;])(?:{}) $", EDGES.join("|"))).expect("literal regex");
        let meeting = Regex::new(r"(?:họp|hội nghị|buổi làm việc|cuộc làm việc|hội thảo|làm việc với)(?:[^,;]{0,90})?[ (]*$").expect("literal regex");
        let name = Regex::new(r"(?:giai đoạn|thời kỳ|nhiệm kỳ|khóa|niên độ|năm học)(?: từ)?(?: năm)? $").expect("literal regex");
        let cited = Regex::new(r"^,? (?:của (?:chính phủ|thủ tướng|bộ|ban|văn phòng|ủy ban|quốc hội|tỉnh|thành|hội đồng|ubnd|hđnd|bch|bộ chính trị|ban bí thư)|về (?:việc )?|quy định|hướng dẫn)").expect("literal regex");
        fn regex_words<'h>(re: &Regex, hay: &'h str) -> Option<(usize, &'h str)> {
            re.find(hay).map(|m| {
                let mark = hay[m.start()..].chars().next().filter(|c| !c.is_alphabetic()).map_or(0, char::len_utf8);
                (m.start() + mark, &hay[m.start() + mark..m.end() - 1])
            })
        }
        let texts = [
            "hoàn thành trước ", "báo cáo, hoàn thành xong trước ", "xhoàn thành trước ", "trước ", " trước ", "thời hạn hoàn thành: ",
            "(thời hạn: ", "-đến ", "–tới ", "đến", "chậm nhất là vào ", "gửi trước khi ", "ngày cuối cùng của ", "vào cuối ", "(đầu ",
            "họp thường kỳ tháng ", "hội nghị, tổ chức ", "cuộc họp (", "làm việc với bộ; ", "giai đoạn ", "nhiệm kỳ từ năm ",
            "khóa từ ", "năm học năm ", "giai đoạn năm", ", của chính phủ", " của bộ chính trị", " về việc", ",quy định", " hướng dẫn",
            " của ubnd tỉnh", ", về ", " vềx", "",
        ];
        for t in texts {
            assert_eq!(last_words(&TRIGGERS_BY_LAST, &TRIG_MARKS, t), regex_words(&trig, t), "{t}");
            assert_eq!(last_words(&EDGES_BY_LAST, &EDGE_MARKS, t), regex_words(&edge, t), "{t}");
            assert_eq!(names_meeting(t), meeting.is_match(t), "{t}");
            assert_eq!(names_period(t), name.is_match(t), "{t}");
            assert_eq!(cited_after(t), cited.is_match(t), "{t}");
        }
        let statement = Regex::new(r"cho thấy|so với cùng kỳ|so với năm|so với tháng|so với quý").expect("literal regex");
        for t in ["kết quả cho thấy", "so với năm 2024", "so với, so với quý", "so với ", "so với kế hoạch", "tăng 5% so với cùng kỳ", ""] {
            assert_eq!(is_statement(t), statement.is_match(t), "{t}");
        }
    }

    /// The hand-read anchor agrees with the regex it replaced.
    #[test]
    fn anchors_as_the_regex_read_them() {
        let re = Regex::new(r"^ (?:kể từ|tính từ|từ|sau) (?:(?P<doc>ngày (?:ký|ban hành|phát hành|thông báo)(?: ban hành)?(?: (?:văn bản|thông báo|quyết định|công văn|kế hoạch|chỉ thị|kết luận) này)?)|(?P<other>[^,;.()]{1,150}))")
            .expect("literal regex");
        let long = format!(" sau {}", "ă".repeat(200));
        let cases = [
            " kể từ ngày ký", " kể từ ngày ký ban hành văn bản này, các", " tính từ ngày ban hành quyết định này", " từ ngày ký kết",
            " kể từ ngày phát hành thông báo", " kể từ ngày nhận được hồ sơ hợp lệ; sau", " sau khi có kết quả (lần 2)",
            " từ ,", " từ (a)", " kể từ", " trong", "", " kể từ ngày ký ban hành kế hoạch", " sau ngày 20/11/2025.", long.as_str(),
        ];
        for t in cases {
            let want = re.captures(t).map(|c| match (c.name("doc"), c.name("other"), c.get(0)) {
                (Some(_), _, Some(all)) => Anchor::Doc { end: all.end() },
                (_, Some(o), Some(all)) => Anchor::Other { start: o.start(), end: all.end() },
                _ => unreachable!(),
            });
            assert_eq!(anchor_of(t), want, "{t}");
        }
    }
}
