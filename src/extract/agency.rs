//! Agencies and their roles in a clause (SPEC.md §1–2): lead, support,
//! assigned_by, report_to.
//!
//! Two steps. [`find_agencies`] finds every mention in one pass of the
//! gazetteer's automaton over a folded (lower-cased, same offsets) copy,
//! expanding shared-head lists ("Các bộ: Y tế, Tài chính") and bare place
//! names inside lists. [`assign_roles`] reads the clause's shape around
//! those mentions: the subject list before the verb, the addressee of
//! giao / yêu cầu / đề nghị / chỉ đạo, the object of "phối hợp (với)", the
//! target of "báo cáo". Anything else (objects of the work, owners of cited
//! documents, places) is not a role. Rule ids are listed in [`RULES`].

use crate::gazetteer::{fold, gazetteer, glued, Entry, Gazetteer, PatMatch, Scope};
use crate::record::{Agency, AgencyKind};
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::LazyLock;
use crate::normalize::case::utf8_len;

mod rules;
pub use rules::{Example, Rule, RULES};

/// An agency named in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyHit {
    pub agency: Agency,
    /// Byte range of the mention in the text searched.
    pub range: (usize, usize),
    /// Id of the rule that recognised it (`agency/gazetteer`,
    /// `agency/list/shared-head`, `agency/list/bare-name`, `agency/title`).
    pub via: &'static str,
}

/// The roles found in one clause.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roles {
    /// Who must do it: the subject, or the addressee of giao / yêu cầu / đề nghị.
    pub lead: Vec<Agency>,
    /// Who coordinates (phối hợp với ...).
    pub support: Vec<Agency>,
    /// Who assigns it (Thủ tướng, Phó Thủ tướng ..., Ban Chỉ đạo ...).
    pub assigned_by: Option<String>,
    /// Whom to report to.
    pub report_to: Option<String>,
    /// The clause names its own doer (so it does not inherit one).
    pub has_subject: bool,
    /// Byte offset in the clause where the predicate (the work) begins,
    /// after the subject / addressee and after a leading "chủ trì, phối hợp
    /// với ..." or "được giao"; 0 when the clause opens with the verb.
    pub predicate_start: usize,
    pub rules: Vec<&'static str>,
}

// ---------------------------------------------------------------- scanning

/// Titles that make a person stand for the body named after them.
const TITLES: &[&str] = &[
    "ban cán sự đảng ",
    "ban thường vụ đảng ủy ",
    "bí thư ",
    "bí thư tỉnh ủy, ",
    "bí thư tỉnh ủy và ",
    "bí thư thành ủy, ",
    "bí thư thành ủy và ",
    "bí thư tỉnh ủy, thành ủy, ",
    "bí thư tỉnh ủy, thành ủy và ",
    "bộ trưởng ",
    "bộ trưởng, chủ nhiệm ",
    "bộ trưởng, thủ trưởng ",
    "chánh văn phòng ",
    "chủ nhiệm ",
    "chủ tịch ",
    "cục trưởng ",
    "đảng ủy ",
    "giám đốc ",
    "lãnh đạo ",
    "người đứng đầu ",
    "phó chủ tịch ",
    "thống đốc ",
    "thủ trưởng ",
    "thứ trưởng ",
    "tổng giám đốc ",
    "tổng kiểm toán ",
    "tổng thanh tra ",
    "trưởng ban ",
];

/// Bytes that never end a word, whatever follows ([`word_end`]): [`glued`]
/// ASCII characters, UTF-8 continuation bytes, and the lead bytes of the
/// characters that are always letters (U+0100..U+023F). The leads of
/// U+00C0..U+00FF (C3: letters but × and ÷) and U+1000..U+1FFF (E1:
/// letters from U+1E00 to U+1EFF) are told by `word_end` itself.
const IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let u = b as u8;
        t[b] = matches!(u, b'&' | b'_' | b'-' | b'/' | 0x80..=0xBF | 0xC4..=0xC8) || u.is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Where the word running at `at` ends: the first character that is not
/// surely [`glued`] (decided by the caller), or the end.
fn word_end(hay: &[u8], mut at: usize) -> usize {
    loop {
        // The bytes that never end a word (most of them), in a loop of
        // their own: a `match` on each byte's kind was an indirect jump per
        // byte, which the processor mispredicts at every accented letter.
        while hay.get(at).is_some_and(|&b| IN_WORD[b as usize]) {
            at += 1;
        }
        // The two lead bytes whose characters may be letters, by their
        // values (a match on a table of byte kinds became a jump table).
        at += match hay.get(at) {
            // × and ÷ are no letters.
            Some(0xC3) if hay.get(at + 1).is_some_and(|&n| n != 0x97 && n != 0xB7) => 2,
            Some(0xE1) if hay.get(at + 1).is_some_and(|n| (0xB8..=0xBB).contains(n)) => 3,
            _ => return at,
        };
    }
}

/// Where the run of [`glued`] characters at `at` ends (`at` when none
/// starts there).
fn glued_end(folded: &str, mut at: usize) -> usize {
    let hay = folded.as_bytes();
    loop {
        at = word_end(hay, at);
        // ASCII there is surely not glued; other characters are decoded.
        if hay.get(at).is_none_or(|b| b.is_ascii()) {
            return at;
        }
        match folded.get(at..).and_then(|s| s.chars().next()) {
            Some(c) if glued(c) => at += c.len_utf8(),
            _ => return at,
        }
    }
}

/// The first alias in force, or head, at or after `from` (a char boundary)
/// whose start follows no [`glued`] character and whose end precedes none,
/// or a match the caller rejects. A match right after a glued character
/// would be rejected, so the scan runs over each word and asks the
/// gazetteer only where a word starts, with the word's end
/// ([`Gazetteer::main_at_word`]).
fn find_at_word_start(g: &Gazetteer, folded: &str, from: usize) -> Option<PatMatch> {
    let hay = folded.as_bytes();
    let mut at = from;
    if folded.get(..at)?.chars().next_back().is_some_and(glued) {
        at = glued_end(folded, at);
    }
    while at < hay.len() {
        let end = glued_end(folded, at);
        if let Some(m) = g.main_at_word(folded, at, end) {
            return Some(m);
        }
        // Past the word and the character that ends it (a match starting
        // there would follow a glued one), or past the character at `at`.
        at = end + hay.get(end).map_or(0, |&c| utf8_len(c));
    }
    None
}


/// A match must not run into a word, nor be part of a code like "QĐ-UBND".
fn boundary_ok(folded: &str, start: usize, end: usize) -> bool {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    !before.is_some_and(glued) && !after.is_some_and(glued)
}

/// An agency found by the scanner. Most clauses keep none of their hits, so
/// a hit borrows the gazetteer's agency and leaves the mention unwritten: it
/// is the text of `range`, cut when the agency is kept ([`Hit::agency`]).
#[derive(Clone, Debug)]
struct Hit {
    /// Its mention is empty.
    agency: Cow<'static, Agency>,
    range: (usize, usize),
    via: &'static str,
}

impl Hit {
    /// The hits `e` stands for, one per agency.
    fn of(e: &'static Entry, range: (usize, usize), via: &'static str) -> impl Iterator<Item = Hit> {
        gazetteer().agencies(e).iter().map(move |a| Hit { agency: Cow::Borrowed(a), range, via })
    }

    fn name(&self) -> &str {
        &self.agency.name
    }

    /// The agency as written in `text` (the text searched).
    fn agency(&self, text: &str) -> Agency {
        let mention = text.get(self.range.0..self.range.1).unwrap_or_default().to_string();
        Agency { mention, ..self.agency.as_ref().clone() }
    }

    fn into_agency_hit(self, text: &str) -> AgencyHit {
        AgencyHit { agency: self.agency(text), range: self.range, via: self.via }
    }
}

/// Separator between list items at `at`, returning where the next item starts.
fn separator(folded: &str, at: usize) -> Option<usize> {
    const SEPS: &[&str] = &[", và ", ", cùng ", ", ", " và ", " cùng với ", " cùng ", "; "];
    let rest = folded.get(at..)?;
    SEPS.iter().find(|s| rest.starts_with(*s)).map(|s| at + s.len())
}

/// Skips a filler that may end an item ("liên quan") or stand between a
/// head and its names (":").
fn skip_item_tail(folded: &str, at: usize) -> usize {
    let rest = &folded[at..];
    for t in [" có liên quan", " liên quan"] {
        if rest.starts_with(t) && boundary_ok(folded, at + 1, at + t.len()) {
            return at + t.len();
        }
    }
    at
}

struct Scanner<'a> {
    g: &'static Gazetteer,
    text: &'a str,
    /// `text` lower-cased, same offsets.
    folded: &'a str,
    hits: Vec<Hit>,
    /// Shared heads: (start of the head, start of its first name).
    links: Vec<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, folded: &'a str) -> Self {
        debug_assert_eq!(text.len(), folded.len());
        Scanner { g: gazetteer(), text, folded, hits: Vec::new(), links: Vec::new() }
    }

    fn push(&mut self, e: &'static Entry, start: usize, end: usize, via: &'static str) {
        self.hits.extend(Hit::of(e, (start, end), via));
    }

    /// Extends a match back over a title ("Bộ trưởng Bộ Y tế").
    fn title_start(&self, start: usize) -> usize {
        // Titles chain: "Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân tỉnh X".
        let mut start = start;
        'outer: loop {
            let before = &self.folded[..start];
            for t in TITLES {
                // Most hits follow no title: one byte rules a title out.
                let first = start.checked_sub(t.len()).and_then(|s| before.as_bytes().get(s));
                if first == t.as_bytes().first() && before.ends_with(t) {
                    let s = start - t.len();
                    // Only the left edge matters: the title runs into the name.
                    let left = self.folded[..s].chars().next_back();
                    if !left.is_some_and(glued) {
                        start = s;
                        continue 'outer;
                    }
                }
            }
            return start;
        }
    }

    /// A list item at `at`; `head`: right after a shared head; `capital`:
    /// bare names must be written with a capital.
    fn item(&self, at: usize, head: bool, capital: bool) -> Option<(PatMatch, &'static Entry)> {
        item_at(self.g, self.text, self.folded, at, head, capital)
    }

    /// Items after a head or a hit: returns where the list ends.
    fn items(&mut self, mut at: usize, head: bool, capital: bool, first_needs_sep: bool) -> usize {
        let mut end = at;
        let mut need_sep = first_needs_sep;
        loop {
            let start = if need_sep {
                match separator(self.folded, at) {
                    Some(s) => s,
                    None => break,
                }
            } else {
                at
            };
            let Some((m, e)) = self.item(start, head, capital) else { break };
            // A full alias later in the list is left to the main scan, so
            // that its own heads and titles are handled there.
            if !head && e.scope == Scope::Anywhere {
                break;
            }
            let via = match e.scope {
                _ if head => "agency/list/shared-head",
                Scope::Bare => "agency/list/bare-name",
                _ => "agency/gazetteer",
            };
            self.push(e, m.start, m.end, via);
            end = skip_item_tail(self.folded, m.end);
            at = end;
            need_sep = true;
        }
        end
    }

    /// "Phó Thủ tướng Trần Hồng Hà": the name is part of the mention.
    fn deputy_pm(&self, end: usize) -> (usize, Option<String>) {
        let mut cur = end;
        let mut name_start = None;
        for _ in 0..4 {
            let rest = &self.text[cur..];
            let Some(word) = rest.strip_prefix(' ') else { break };
            let w_len = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
            let w = &word[..w_len];
            if w.is_empty() || !w.starts_with(|c: char| c.is_uppercase()) || fold(w) == "chính" {
                break;
            }
            name_start.get_or_insert(cur + 1);
            cur += 1 + w_len;
        }
        match name_start {
            Some(s) => (cur, Some(self.text[s..cur].to_string())),
            None => (end, None),
        }
    }

    fn run(mut self, cell: bool) -> (Vec<Hit>, Vec<(usize, usize)>) {
        let mut pos = 0;
        let len = self.folded.len();
        while pos < len {
            if cell {
                // A table cell is a list: bare names count from the start.
                let at = pos + self.folded[pos..].len() - self.folded[pos..].trim_start_matches([' ', ',', ';', '.', '-']).len();
                if let Some((m, e)) = self.item(at, false, false) {
                    if e.scope != Scope::Anywhere && !m.pattern.head {
                        let via = if e.scope == Scope::Bare { "agency/list/bare-name" } else { "agency/gazetteer" };
                        self.push(e, m.start, m.end, via);
                        pos = self.items(m.end, false, false, true).max(m.end);
                        continue;
                    }
                }
            }
            // Outside a cell a rejected match only restarts the search, so
            // starts that run on from a word are not even tried.
            let found = if cell {
                self.g.find(self.folded, pos)
            } else {
                find_at_word_start(self.g, self.folded, pos)
            };
            let Some(m) = found else { break };
            if !boundary_ok(self.folded, m.start, m.end) {
                pos = next_char(self.folded, m.start);
                continue;
            }
            let start = self.title_start(m.start);
            if m.pattern.head {
                let mut at = m.end;
                if self.folded[at..].starts_with(':') {
                    at += 1;
                }
                if self.folded[at..].starts_with(' ') {
                    at += 1;
                }
                let before = self.hits.len();
                let end = self.items(at, true, false, false);
                if self.hits.len() > before {
                    self.links.push((start, at));
                    pos = end;
                    continue;
                }
            }
            let Some(e) = m.pattern.entry.and_then(|i| self.g.entries.get(i)) else {
                pos = m.end;
                continue;
            };
            // "-": words that contain a name but are none ("Chính phủ số").
            if e.canonical == "-" {
                pos = m.end;
                continue;
            }
            let mut end = m.end;
            let mut via = if start < m.start { "agency/title" } else { "agency/gazetteer" };
            if e.canonical == "Phó Thủ tướng" {
                let (e2, name) = self.deputy_pm(end);
                let name = name.map_or("Phó Thủ tướng".to_string(), |n| format!("Phó Thủ tướng {n}"));
                let agency = Agency { name, kind: AgencyKind::Other, mention: String::new(), successor: None };
                self.hits.push(Hit { agency: Cow::Owned(agency), range: (start, e2), via });
                pos = e2;
                continue;
            }
            // "Sở Y tế tỉnh Gia Lai", "Công an tỉnh Lào Cai": the place qualifies the unit.
            if e.kind == AgencyKind::Other && self.folded[end..].starts_with(' ') {
                let q = end + 1;
                let qual = self
                    .g
                    .main_at(self.folded, q)
                    .filter(|n| n.pattern.entry.is_some_and(|i| self.g.entries[i].kind == AgencyKind::Province))
                    .map(|n| n.end)
                    .or_else(|| self.item(q, false, true).filter(|(_, e)| e.scope == Scope::Bare).map(|(n, _)| n.end));
                if let Some(qe) = qual {
                    end = qe;
                    via = "agency/qualifier";
                }
            }
            self.push(e, start, end, via);
            end = skip_item_tail(self.folded, end);
            pos = self.items(end, false, true, true).max(end);
        }
        (self.hits, self.links)
    }
}

/// A list item at `at`; `head`: right after a shared head; `capital`: bare
/// names must be written with a capital.
fn item_at<'g>(g: &'g Gazetteer, text: &str, folded: &str, at: usize, head: bool, capital: bool) -> Option<(PatMatch, &'g Entry)> {
    let m = g.item_at(folded, at)?;
    let heads_list = m.pattern.head && (m.pattern.entry.is_none() || folded[m.end..].starts_with(':'));
    if heads_list || !boundary_ok(folded, m.start, m.end) {
        return None;
    }
    let e = g.entries.get(m.pattern.entry?)?;
    let ok = match e.scope {
        Scope::Anywhere | Scope::List => true,
        Scope::Bare => head || !capital || text[at..].starts_with(|c: char| c.is_uppercase()),
        Scope::Head => head,
    };
    ok.then_some((m, e))
}

fn next_char(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(s.len(), |c| at + c.len_utf8())
}

/// Every agency mention in `text`, lists with a shared head expanded.
pub fn find_agencies(text: &str) -> Vec<AgencyHit> {
    find_agencies_in(text, &fold(text))
}

/// [`find_agencies`] given `lower`, the text's [`fold`] (same offsets).
pub fn find_agencies_in(text: &str, lower: &str) -> Vec<AgencyHit> {
    Scanner::new(text, lower).run(false).0.into_iter().map(|h| h.into_agency_hit(text)).collect()
}

/// A table cell or labelled field that is only a list of agencies
/// ("Bộ Nông nghiệp và Môi trường, Bộ Tài chính, Đồng Nai, Hà Tĩnh").
pub fn parse_agency_list(cell: &str) -> Vec<Agency> {
    parse_agency_list_in(cell, &fold(cell))
}

/// [`parse_agency_list`] given `lower`, the cell's [`fold`] (same offsets).
pub fn parse_agency_list_in(cell: &str, lower: &str) -> Vec<Agency> {
    dedup(Scanner::new(cell, lower).run(true).0.iter().map(|h| h.agency(cell)).collect())
}

fn dedup(v: Vec<Agency>) -> Vec<Agency> {
    let mut out: Vec<Agency> = Vec::with_capacity(v.len());
    for a in v {
        if !out.iter().any(|b| b.name == a.name) {
            out.push(a);
        }
    }
    out
}

// ---------------------------------------------------------------- roles

/// Verbs by which a chair (or any body) hands work to an addressee.
const TRIGGERS: &[(&str, &str)] = &[
    ("giao cho ", "agency/addressee/giao"),
    ("giao ", "agency/addressee/giao"),
    ("yêu cầu ", "agency/addressee/yeu-cau"),
    ("đề nghị ", "agency/addressee/de-nghi"),
    ("chỉ đạo ", "agency/addressee/chi-dao"),
    ("phân công ", "agency/addressee/phan-cong"),
    ("nhất trí giao ", "agency/addressee/giao"),
];

/// The first word of `table` that `rest` starts with. These look-ups run
/// many times per clause and few words share the text's first byte, so that
/// byte is compared first.
fn opening<'t>(rest: &str, table: &[&'t str]) -> Option<&'t str> {
    let first = rest.as_bytes().first()?;
    table.iter().copied().find(|w| w.as_bytes().first() == Some(first) && rest.starts_with(w))
}

/// The trigger verb `rest` starts with: (the verb, rule id).
fn trigger(rest: &str) -> Option<(&'static str, &'static str)> {
    let first = rest.as_bytes().first()?;
    TRIGGERS.iter().copied().find(|(w, _)| w.as_bytes().first() == Some(first) && rest.starts_with(w))
}

/// Passive forms after a subject: the subject is the one addressed.
const PASSIVES: &[&str] = &[
    "được giao chủ trì, ",
    "được giao chủ trì ",
    "được giao ",
    "được yêu cầu ",
    "được đề nghị ",
    "được chỉ đạo ",
    "được phân công ",
];

/// Words that open a chair phrase without a gazetteer hit.
const CHAIRS: &[&str] = &[
    "ban bí thư",
    "ban chỉ đạo",
    "bộ chính trị",
    "chính phủ",
    "người đứng đầu chính phủ",
    "chủ tịch nước",
    "lãnh đạo chính phủ",
    "phó thủ tướng",
    "thủ tướng",
    "thường trực ban chỉ đạo",
    "thường trực chính phủ",
    "tổng bí thư",
];

/// Adverbs that may stand between a subject and its verb.
const MODALS: &[&str] = &["cũng ", "còn ", "đã ", "sẽ ", "tiếp tục "];

/// Leading words that do not belong to the subject.
const INTROS: &[&str] = &[
    "bên cạnh đó, ",
    "các đồng chí ",
    "cụ thể, ",
    "đồng chí ",
    "đồng thời, ",
    "đồng thời ",
    "mặt khác, ",
    "ngoài ra, ",
    "sau đó, ",
    "theo đó, ",
    "tiếp đó, ",
    "tiếp theo, ",
    "trong đó, ",
    "tất cả ",
    "toàn bộ ",
];

/// Openers of an adverbial phrase that runs to the first comma.
const ADVERBIAL: &[&str] = &[
    "tại ", "trước ", "trong ", "từ ", "sau khi ", "để ", "nhằm ", "căn cứ ", "chậm nhất ", "ngày ", "thứ ",
    "về ", "một là", "hai là", "ba là", "bốn là", "năm là", "sáu là", "bảy là",
];

/// A list of agencies found in the clause.
#[derive(Clone, Debug, Default)]
struct List {
    start: usize,
    end: usize,
    hits: Vec<Hit>,
}

struct Clause<'a> {
    text: &'a str,
    /// `text` lower-cased, same offsets.
    folded: &'a str,
    hits: Vec<Hit>,
    links: Vec<(usize, usize)>,
    /// Byte ranges inside parentheses.
    parens: Vec<(usize, usize)>,
}

impl<'a> Clause<'a> {
    fn new(text: &'a str, folded: &'a str) -> Self {
        let (hits, links) = Scanner::new(text, folded).run(false);
        let mut parens = Vec::new();
        // Only the outermost pairs are kept: a depth and where the pair opened.
        let (mut depth, mut outer) = (0usize, 0);
        // ASCII bytes never occur inside a multi-byte character.
        for i in memchr::memchr2_iter(b'(', b')', text.as_bytes()) {
            if text.as_bytes()[i] == b'(' {
                if depth == 0 {
                    outer = i;
                }
                depth += 1;
            } else if depth > 0 {
                depth -= 1;
                if depth == 0 {
                    parens.push((outer, i + 1));
                }
            }
        }
        if depth > 0 {
            parens.push((outer, text.len()));
        }
        Clause { text, folded, hits, links, parens }
    }

    fn in_parens(&self, at: usize) -> bool {
        self.parens.iter().any(|&(s, e)| at > s && at < e)
    }

    fn rest(&self, at: usize) -> &str {
        self.folded.get(at..).unwrap_or("")
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while self.rest(at).starts_with(' ') {
            at += 1;
        }
        at
    }

    /// The list of agencies starting exactly at `at` (hits joined by
    /// separators); `items`: its first member may be a list-only word
    /// ("phối hợp các cơ quan").
    fn list_at(&self, at: usize, items: bool) -> Option<List> {
        self.list_in(at, items, false)
    }

    /// [`Clause::list_at`], also inside parentheses when `parens`.
    fn list_in(&self, at: usize, items: bool, parens: bool) -> Option<List> {
        let mut list = List { start: at, end: at, hits: Vec::new() };
        let mut cur = at;
        let chair = |h: &Hit| is_chair_name(h.name());
        loop {
            // A shared head ("Các bộ:") leads to its first name.
            if let Some(&(_, to)) = self.links.iter().find(|l| l.0 == cur) {
                cur = to;
            }
            // The hits here join the list when of the same sort (chair or
            // not) as its first member, as it stood before this position.
            let first_chair = list.hits.first().map(chair);
            let before = list.hits.len();
            let mut end = cur;
            if parens || !self.in_parens(cur) {
                for h in self.hits.iter().filter(|h| h.range.0 == cur && first_chair.is_none_or(|f| f == chair(h))) {
                    end = end.max(h.range.1);
                    list.hits.push(h.clone());
                }
            }
            if list.hits.len() > before {
                cur = skip_item_tail(self.folded, end);
            } else if items && list.hits.is_empty() {
                let g = gazetteer();
                let Some((m, e)) = item_at(g, self.text, self.folded, cur, false, true) else { break };
                list.hits.extend(Hit::of(e, (m.start, m.end), "agency/gazetteer"));
                cur = skip_item_tail(self.folded, m.end);
            } else {
                break;
            }
            list.end = cur;
            // Continue over a separator only when another member follows.
            match separator(self.folded, cur) {
                Some(n) if self.hits.iter().any(|h| h.range.0 == n) || self.links.iter().any(|l| l.0 == n) => cur = n,
                _ => break,
            }
        }
        (!list.hits.is_empty()).then_some(list)
    }

    /// Skips intro words and a leading adverbial phrase.
    fn skip_intro(&self, mut at: usize) -> usize {
        loop {
            let rest = self.rest(at);
            if let Some(w) = opening(rest, INTROS) {
                at += w.len();
                continue;
            }
            if opening(rest, ADVERBIAL).is_some() {
                // The first comma, or a later one (within reach) that a doer follows.
                let doer_after = |i: usize| {
                    let p = at + i + 2;
                    self.list_at(p, false).is_some() || opening(self.rest(p), CHAIRS).is_some()
                };
                let mut commas = PAIR_COMMA.find_iter(rest.as_bytes()).take_while(|&i| i <= 200);
                let first = commas.next();
                let doer = first.filter(|&i| doer_after(i)).or_else(|| commas.find(|&i| doer_after(i)));
                if let Some(i) = doer.or(first) {
                    at += i + 2;
                    continue;
                }
            }
            return at;
        }
    }

    /// A trigger verb at `at` (after modal words): (end of the verb, rule id).
    fn trigger_at(&self, at: usize) -> Option<(usize, &'static str)> {
        let mut at = at;
        while let Some(m) = opening(self.rest(at), MODALS) {
            at += m.len();
        }
        let rest = self.rest(at);
        trigger(rest).map(|(t, id)| (at + t.len(), id))
    }

    fn passive_at(&self, at: usize) -> Option<usize> {
        let mut at = at;
        while let Some(m) = opening(self.rest(at), MODALS) {
            at += m.len();
        }
        opening(self.rest(at), PASSIVES).map(|p| at + p.len())
    }

    /// A chair phrase opening at `at` up to its trigger verb:
    /// (assigner as written, end of the trigger, rule id).
    fn chair_at(&self, at: usize) -> Option<(String, usize, &'static str)> {
        let rest = self.rest(at);
        let head = opening(rest, CHAIRS)?;
        let from = at + head.len();
        let window_end = (from + 240).min(self.folded.len());
        let mut i = from;
        while i < window_end {
            if self.rest(i).starts_with(' ') {
                if let Some((end, id)) = self.trigger_at(i + 1) {
                    let mut who = self.text[at..i].trim_end();
                    for m in [" cũng", " đã", " còn", " tiếp tục"] {
                        if let Some(w) = who.strip_suffix(m) {
                            who = w;
                        }
                    }
                    let who = who.trim_end_matches([',', ' ']);
                    return Some((who.to_string(), end, id));
                }
                // A chair phrase is a name: stop at a clause-like break.
                if self.rest(i).starts_with(" và ") && i > from + 80 {
                    return None;
                }
            }
            if self.rest(i).starts_with(';') {
                return None;
            }
            i = next_char(self.folded, i);
        }
        None
    }

    /// "chủ trì, phối hợp với X" or "được giao" right after the subject.
    fn skip_to_work(&self, mut at: usize, roles: &mut Roles) -> usize {
        at = self.skip_spaces(at);
        if let Some(p) = self.passive_at(at) {
            at = p;
        }
        let rest = self.rest(at);
        for lead_in in ["chủ trì, ", "chủ trì "] {
            if rest.starts_with(lead_in) {
                let after = at + lead_in.len();
                if let Some((end, list)) = self.phoi_hop_at(after) {
                    add_support(roles, self.text, &list, self.rest(after));
                    return self.skip_spaces(end);
                }
                // "chủ trì tổng hợp": the work follows.
                return after;
            }
        }
        at
    }

    /// "phối hợp (chặt chẽ) (với) LIST" at `at`: (end of list, list).
    fn phoi_hop_at(&self, at: usize) -> Option<(usize, List)> {
        let rest = self.rest(at);
        let mut p = at + ["chủ động phối hợp", "phối hợp"].iter().find(|w| rest.starts_with(*w))?.len();
        for adv in [" chặt chẽ", " thường xuyên", " hiệu quả", " đồng bộ", " tốt"] {
            if self.rest(p).starts_with(adv) {
                p += adv.len();
            }
        }
        let r = self.rest(p);
        if r.starts_with(" giữa") || r.starts_with(" với nhau") {
            return None;
        }
        p = if r.starts_with(" với ") {
            p + " với ".len()
        } else if r.starts_with(' ') {
            p + 1
        } else {
            return None;
        };
        let list = self.list_at(p, true)?;
        Some((list.end, list))
    }
}

fn add_support(roles: &mut Roles, text: &str, list: &List, phrase: &str) {
    for h in &list.hits {
        if !roles.support.iter().any(|a| a.name == h.name()) {
            roles.support.push(h.agency(text));
        }
        push_rule(roles, h.via);
    }
    let id = if phrase.contains("phối hợp với") || phrase.contains("chặt chẽ với") {
        "agency/support/phoi-hop-voi"
    } else {
        "agency/support/phoi-hop"
    };
    push_rule(roles, id);
}

fn push_rule(roles: &mut Roles, id: &'static str) {
    if id != "agency/gazetteer" && !roles.rules.contains(&id) {
        roles.rules.push(id);
    }
}

fn set_lead(roles: &mut Roles, text: &str, list: &List) {
    for h in &list.hits {
        if !roles.lead.iter().any(|a| a.name == h.name()) {
            roles.lead.push(h.agency(text));
        }
        push_rule(roles, h.via);
    }
}

/// Is a subject list only the chair (Thủ tướng, Phó Thủ tướng)?
fn is_chair(list: &List) -> bool {
    list.hits.iter().all(|h| is_chair_name(h.name()))
}

fn is_chair_name(name: &str) -> bool {
    name.starts_with("Thủ tướng") || name.starts_with("Phó Thủ tướng") || name == "Chính phủ"
}

/// Verbs and adverbs that show a list found after a comma is a subject.
const SUBJECT_FOLLOWERS: &[&str] = &[
    "cần ", "phải ", "tập trung ", "khẩn trương ", "chủ động ", "tiếp tục ", "nghiêm túc ", "quyết liệt ",
    "sớm ", "chủ trì", "được ", "cũng ", "có trách nhiệm ", "thực hiện ", "triển khai ", "hoàn thành ",
    "xây dựng ", "rà soát ", "căn cứ ",
];

/// Tries the subject / chair / addressee shapes at `at`; `strict`: a plain
/// subject list must be followed by a verb-like word (used after a comma
/// inside the clause). Returns where the work starts.
fn roles_at(c: &Clause, at: usize, strict: bool, with_list: &mut Option<List>, roles: &mut Roles) -> Option<usize> {
    let subject = c.list_at(at, false);
    let chair = match &subject {
        Some(s) if !is_chair(s) => None,
        _ => c.chair_at(at),
    };
    if let Some((who, end, id)) = chair {
        roles.has_subject = true;
        roles.assigned_by = Some(who);
        if let Some(l) = c.list_at(end, false) {
            set_lead(roles, c.text, &l);
            push_rule(roles, id);
            return Some(c.skip_to_work(l.end, roles));
        }
        if let Some(l) = with_list.take() {
            set_lead(roles, c.text, &l);
            push_rule(roles, "agency/with-list");
            return Some(c.skip_spaces(end));
        }
        push_rule(roles, "agency/chair/no-addressee");
        // A doer list inside the parenthesis names who does it.
        for &(s, _) in &c.parens {
            if let Some(l) = c.list_in(s + 1, false, true) {
                set_lead(roles, c.text, &l);
                push_rule(roles, "agency/parenthesis-doer");
                break;
            }
        }
        return Some(c.skip_spaces(end));
    }
    if let Some(s) = subject {
        let after = c.skip_spaces(s.end);
        if is_chair(&s) {
            // "Thủ tướng nêu rõ, ...": the chair speaks; a subject may follow.
            if strict {
                return None;
            }
            roles.has_subject = true;
            push_rule(roles, "agency/chair/no-addressee");
            return Some(after);
        }
        if c.passive_at(after).is_some() {
            set_lead(roles, c.text, &s);
            push_rule(roles, "agency/subject/passive");
            roles.has_subject = true;
            return Some(c.skip_to_work(after, roles));
        }
        if let Some((end, id)) = c.trigger_at(after).filter(|(_, id)| *id != "agency/addressee/chi-dao") {
            if let Some(l) = c.list_at(end, false) {
                roles.has_subject = true;
                roles.assigned_by = Some(c.text[s.start..s.end].to_string());
                set_lead(roles, c.text, &l);
                push_rule(roles, id);
                return Some(c.skip_to_work(l.end, roles));
            }
        }
        let rest = c.rest(after);
        if strict && opening(rest, SUBJECT_FOLLOWERS).is_none() {
            return None;
        }
        roles.has_subject = true;
        set_lead(roles, c.text, &s);
        push_rule(roles, "agency/subject");
        return Some(c.skip_to_work(after, roles));
    }
    if let Some((end, id)) = c.trigger_at(at) {
        // "Yêu cầu các bộ, cơ quan ...", "giao Bộ KH&CN ...".
        if let Some(l) = c.list_at(end, false) {
            roles.has_subject = true;
            set_lead(roles, c.text, &l);
            push_rule(roles, id);
            return Some(c.skip_to_work(l.end, roles));
        }
    }
    None
}

// Substring searches run on every clause: `str::find` sets up a Two-Way
// searcher per call, which costs more than the search on a short clause.
static PAIR_COMMA: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(", "));
static PHOI_HOP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("phối hợp"));
static BAO_CAO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("báo cáo "));

/// Byte offset of the first match of `f` in `hay` (a char boundary: the
/// needles are whole UTF-8 strings).
fn find(f: &Finder<'static>, hay: &str) -> Option<usize> {
    f.find(hay.as_bytes())
}

/// The roles of the agencies in one clause.
pub fn assign_roles(clause: &str) -> Roles {
    assign_roles_in(clause, &fold(clause))
}

/// [`assign_roles`] given `lower`, the clause's [`fold`]
/// (`normalize::case::lower_same_len`: same length, same offsets).
pub fn assign_roles_in(clause: &str, lower: &str) -> Roles {
    debug_assert_eq!(clause.len(), lower.len());
    let c = Clause::new(clause, lower);
    let mut roles = Roles::default();
    let mut at = c.skip_intro(0);

    // "Với các bộ, cơ quan ..., Phó Thủ tướng đề nghị ...": the list up front is addressed.
    let mut with_list = None;
    for w in ["đối với ", "với "] {
        if c.rest(at).starts_with(w) {
            if let Some(l) = c.list_at(at + w.len(), false) {
                if c.rest(l.end).starts_with(", ") {
                    at = l.end + 2;
                    with_list = Some(l);
                }
            }
            break;
        }
    }

    let mut work = match roles_at(&c, at, false, &mut with_list, &mut roles) {
        Some(w) => w,
        None => at,
    };
    if !roles.has_subject {
        if let Some(l) = with_list.take() {
            roles.has_subject = true;
            set_lead(&mut roles, c.text, &l);
            push_rule(&mut roles, "agency/with-list");
        }
    }
    // The doer after a comma: "Để ..., Thủ tướng giao Bộ X ...",
    // "Thủ tướng nêu rõ, ..., các bộ, ngành, địa phương cần ...".
    if roles.lead.is_empty() {
        // ", " by its comma: one memchr pass, no searcher set up per comma.
        let bytes = c.folded.as_bytes();
        let commas = memchr::memchr_iter(b',', bytes.get(at..).unwrap_or_default()).map(|i| at + i);
        for p in commas.filter(|&i| bytes.get(i + 1) == Some(&b' ')).map(|i| i + 2) {
            // A comma that continues a list of agencies starts no subject.
            if c.in_parens(p) || c.hits.iter().any(|h| h.range.1 == p - 2) {
                continue;
            }
            let rest = c.rest(p);
            let promising = c.hits.iter().any(|h| h.range.0 == p)
                || c.links.iter().any(|l| l.0 == p)
                || opening(rest, CHAIRS).is_some()
                || trigger(rest).is_some();
            if !promising {
                continue;
            }
            // "được Chính phủ, Thủ tướng Chính phủ giao": agents of a passive.
            let passive_agents = c.folded[..p - 2]
                .rfind("được ")
                .map(|i| &c.folded[i + "được ".len()..p - 2])
                .is_some_and(|x| ["chính phủ", "thủ tướng", "thủ tướng chính phủ"].contains(&x));
            if passive_agents {
                continue;
            }
            let mut trial = Roles::default();
            if let Some(w) = roles_at(&c, p, true, &mut None, &mut trial) {
                if !trial.lead.is_empty() || !roles.has_subject {
                    trial.rules.push("agency/subject/after-comma");
                    if trial.assigned_by.is_none() {
                        trial.assigned_by = roles.assigned_by.take();
                    }
                    roles = trial;
                    work = w;
                }
                if !roles.lead.is_empty() {
                    break;
                }
            }
        }
    }
    if !roles.has_subject {
        push_rule(&mut roles, "agency/no-subject");
        work = c.skip_to_work(at, &mut roles);
    }
    roles.predicate_start = work.min(clause.len());

    // Support: every "phối hợp (với) X" outside parentheses.
    let mut from = 0;
    while let Some(i) = find(&PHOI_HOP, c.rest(from)) {
        let p = from + i;
        from = p + "phối hợp".len();
        if c.in_parens(p) || !boundary_ok(c.folded, p, from) {
            continue;
        }
        let start = if c.folded[..p].ends_with("chủ động ") { p - "chủ động ".len() } else { p };
        if let Some((_, list)) = c.phoi_hop_at(start) {
            add_support(&mut roles, c.text, &list, c.rest(p));
        }
    }
    let lead = &roles.lead;
    roles.support.retain(|a| !lead.iter().any(|l| l.name == a.name));

    // Report target: "báo cáo Thủ tướng Chính phủ", "báo cáo Ban Chỉ đạo ...".
    let mut from = 0;
    while let Some(i) = find(&BAO_CAO, c.rest(from)) {
        let p = from + i + "báo cáo ".len();
        from = p;
        let mut q = p;
        for w in ["kết quả về ", "về ", "đề xuất ", "kịp thời "] {
            if c.rest(q).starts_with(w) {
                q += w.len();
            }
        }
        if let Some(h) = c.hits.iter().find(|h| h.range.0 == q) {
            roles.report_to = Some(h.name().to_string());
        } else if c.rest(q).starts_with("cấp có thẩm quyền") {
            roles.report_to = Some("cấp có thẩm quyền".to_string());
        } else if c.rest(q).starts_with("ban chỉ đạo") {
            let tail = c.rest(q);
            let stop = [",", ";", " trước ", " trong ", " về ", " để ", " tình hình", " kết quả", " tiến độ"]
                .iter()
                .filter_map(|s| tail.find(s))
                .min()
                .unwrap_or(tail.len());
            roles.report_to = Some(c.text[q..q + stop].to_string());
        }
        if roles.report_to.is_some() {
            push_rule(&mut roles, "agency/report-to");
            break;
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[Agency]) -> Vec<&str> {
        v.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn rule_table_examples_hold() {
        let mut failures = Vec::new();
        for rule in RULES {
            assert!(!rule.examples.is_empty(), "{} has no example", rule.id);
            for ex in rule.examples {
                let r = assign_roles(ex.text);
                let ok = names(&r.lead) == ex.lead && names(&r.support) == ex.support && r.rules.contains(&rule.id);
                if !ok {
                    failures.push(format!("{}: {}\n  got lead {:?} support {:?} rules {:?}", rule.id, ex.text, names(&r.lead), names(&r.support), r.rules));
                }
            }
            for ex in rule.near_misses {
                let r = assign_roles(ex.text);
                let ok = names(&r.lead) == ex.lead && names(&r.support) == ex.support && !r.rules.contains(&rule.id);
                if !ok {
                    failures.push(format!("{} (near miss): {}\n  got lead {:?} support {:?} rules {:?}", rule.id, ex.text, names(&r.lead), names(&r.support), r.rules));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn shared_head_lists_split_by_the_gazetteer() {
        let hits = find_agencies("Các bộ: Y tế, Văn hóa, Thể thao và Du lịch, Nông nghiệp và Môi trường, Tài chính hoàn thành");
        let n: Vec<&str> = hits.iter().map(|h| h.agency.name.as_str()).collect();
        assert_eq!(n, ["Bộ Y tế", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Nông nghiệp và Môi trường", "Bộ Tài chính"]);
    }

    #[test]
    fn table_cells_take_bare_names() {
        let v = parse_agency_list("Bộ Ngoại giao, Cần Thơ, Cao Bằng, Đồng Nai");
        assert_eq!(names(&v), ["Bộ Ngoại giao", "Ủy ban nhân dân thành phố Cần Thơ", "Ủy ban nhân dân tỉnh Cao Bằng", "Ủy ban nhân dân tỉnh Đồng Nai"]);
        let v = parse_agency_list("Đồng Nai, Hà Giang");
        assert_eq!(v[1].successor.as_deref(), Some("Ủy ban nhân dân tỉnh Tuyên Quang"));
    }

    #[test]
    fn glued_chars_as_the_standard_library_says() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            assert_eq!(glued(c), c.is_alphanumeric() || matches!(c, '&' | '_' | '-' | '/'), "{c:?}");
        }
    }

    #[test]
    fn in_word_bytes_agree_with_glued() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let b = s.as_bytes();
            // A lead byte taken alone stands for glued characters only, and
            // its other bytes are taken alone too.
            if IN_WORD[b[0] as usize] {
                assert!(glued(c), "{c:?}");
                assert!(b[1..].iter().all(|&x| IN_WORD[x as usize]), "{c:?}");
            }
            if c.is_ascii() {
                assert_eq!(IN_WORD[b[0] as usize], glued(c), "{c:?}");
            }
        }
    }

    #[test]
    fn word_steps_agree_with_glued() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let b = s.as_bytes();
            // A scan over the character alone takes all of it (a glued
            // character) or none of it, never stops inside it.
            let end = word_end(b, 0);
            assert!(end == 0 || end == b.len(), "{c:?}");
            if end == b.len() {
                assert!(glued(c), "{c:?}");
            }
            // The characters the table decides: ASCII, and the Latin letters
            // of Vietnamese words (U+00C0..U+023F, U+1E00..U+1EFF).
            if c.is_ascii() || matches!(c, '\u{C0}'..='\u{23F}' | '\u{1E00}'..='\u{1EFF}') {
                assert_eq!(end == b.len(), glued(c), "{c:?}");
            }
            // A word goes on over it.
            if end == b.len() {
                let two = format!("{c}{c}a");
                assert_eq!(word_end(two.as_bytes(), 0), two.len(), "{c:?}");
            }
        }
    }

    #[test]
    fn word_scan_keeps_what_a_scan_of_every_start_keeps() {
        let g = gazetteer();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut lines = 0;
        for f in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(f.path()).unwrap_or_default();
            for line in text.lines().chain(["Bộ Y-tế, UBND/tỉnh", "bộ y tế", "x-bộ y tế, bộ y tếx bộ y tế"]) {
                let folded = fold(line);
                let mut from = 0;
                // Both scans, restarted after each match as the scanner does.
                loop {
                    let fast = std::iter::successors(find_at_word_start(g, &folded, from), |m| {
                        find_at_word_start(g, &folded, next_char(&folded, m.start))
                    })
                    .find(|m| boundary_ok(&folded, m.start, m.end))
                    .map(|m| (m.start, m.end));
                    let slow = first_kept(g, &folded, from);
                    assert_eq!(fast, slow, "{line}");
                    let Some((_, end)) = fast else { break };
                    from = end;
                }
                lines += 1;
            }
        }
        assert!(lines > 300, "{lines}");
    }

    /// The first match at or after `from` the scanner keeps, found the
    /// slow way: every start after no glued character, asked without the
    /// word pre-check.
    fn first_kept(g: &Gazetteer, folded: &str, from: usize) -> Option<(usize, usize)> {
        let mut at = from;
        while at < folded.len() {
            let at_start = !folded[..at].chars().next_back().is_some_and(glued);
            if let Some(m) = g.main_at(folded, at).filter(|m| at_start && boundary_ok(folded, m.start, m.end)) {
                return Some((m.start, m.end));
            }
            at = next_char(folded, at);
        }
        None
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in ["", " ", "(", ")", "phối hợp", "báo cáo ", "Bộ", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK:", "Thủ tướng yêu cầu", "các bộ: ", "Với Bộ Y tế", "ẞ İ Ǆ phối hợp với"] {
            let _ = assign_roles(s);
            let _ = parse_agency_list(s);
        }
    }
}
