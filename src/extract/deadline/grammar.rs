//! The time-expression grammar of SPEC.md §3: one combined regex finds the
//! expressions (dates, months, quarters, years, halves, weeks, durations,
//! sessions, effective dates, recurrence words, "ngay" ...) in lower-cased
//! text, and each match is read into a [`Core`] with its calendar period
//! resolved against the notice date. Which trigger word stands before it,
//! and whether it is a deadline at all, is decided in `mod.rs`.

use super::calendar::{self as cal, Period};
use crate::record::{DeadlineKind, Recurrence};
use chrono::{Datelike, NaiveDate, Weekday};
use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;
use regex::{Captures, Regex};
use std::sync::{LazyLock, OnceLock};

/// Which family of expression a match belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fam {
    Day,
    RelDay,
    Weekday,
    Holiday,
    Month,
    Quarter,
    Year,
    YearRange,
    Half,
    Week,
    Season,
    NUnit,
    Duration,
    Session,
    Effective,
    Recur,
    Ongoing,
    Immediate,
}

/// One time expression as read, before trigger words are considered.
#[derive(Clone, Debug)]
pub struct Core {
    pub fam: Fam,
    pub start: usize,
    pub end: usize,
    /// The calendar span (a single day for day-grain expressions).
    pub period: Option<Period>,
    pub day: bool,
    pub inferred: bool,
    /// A year or the notice date was needed and is not known.
    pub unknown: bool,
    pub impossible: bool,
    pub explicit_year: bool,
    /// Written with "ngày"/"mồng" in front.
    pub has_ngay: bool,
    /// A bare unit ("năm", "quý", "tháng", "tuần"): only meaningful after
    /// an edge word ("cuối năm"); `period` is then the current one.
    pub bare_unit: bool,
    /// Points to the past (hôm qua, năm ngoái, 2 tháng qua).
    pub past: bool,
    /// Relative to the notice date (tuần này, năm sau, 3 ngày tới).
    pub relative: bool,
    pub recurrence: Option<Recurrence>,
    /// Set for families whose kind does not depend on a trigger word.
    pub fixed: Option<(DeadlineKind, &'static str)>,
    /// Session: the preposition in front ("tại", "trong" ...).
    pub prep: bool,
    /// Duration: written with "ngày làm việc".
    pub working: bool,
}

impl Core {
    fn new(fam: Fam, start: usize, end: usize) -> Core {
        Core {
            fam,
            start,
            end,
            period: None,
            day: false,
            inferred: false,
            unknown: false,
            impossible: false,
            explicit_year: false,
            has_ngay: false,
            bare_unit: false,
            past: false,
            relative: false,
            recurrence: None,
            fixed: None,
            prep: false,
            working: false,
        }
    }
}

const MW: &str = "mười hai|mười một|mười|một|giêng|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|chạp";
const NW: &str = "mười lăm|mười|một|hai mươi|hai|ba mươi|ba|bốn|năm|sáu|bảy|tám|chín";
const WD: &str = "chủ nhật|chúa nhật|thứ (?:[2-7]|hai|ba|tư|năm|sáu|bảy)";
const Y4: &str = "(?:19|20)[0-9]{2}";

/// A duration's count glossed in brackets ("15 (mười lăm) ngày").
const GLOSS: &str = r"(?: \([^()]{1,30}\))?";

/// The families of expression as (name, pattern), in the master regex's
/// order of preference: at one start, the first that matches wins.
static PATTERNS: LazyLock<[(&str, String); 16]> = LazyLock::new(|| {
    let half = format!(
        r"(?P<half>(?:(?P<hn>[0-9]{{1,2}}|sáu|chín|ba) tháng|nửa) (?P<hw>đầu|cuối) năm(?: (?P<hy>{Y4})| (?P<hnay>nay|này))?)"
    );
    let nunit = format!(
        r"(?P<nunit>(?P<nn>[0-9]{{1,3}}|{NW}) (?P<nu>ngày|tuần|tháng|quý|năm) (?P<nd>sắp tới|tới|tiếp theo|kế tiếp|vừa rồi|vừa qua|qua))"
    );
    let day = format!(
        r"(?P<day>(?:(?P<wd1>{WD}) (?:ngày )?)?(?P<dpre>ngày (?:mồng|mùng) |ngày |mồng |mùng )?(?:(?P<d1>[0-9]{{1,2}})/(?P<m1>[0-9]{{1,2}})(?:/(?P<y1>[0-9]{{4}}|[0-9]{{2}}))?|(?P<d2>[0-9]{{1,2}})[-.](?P<m2>[0-9]{{1,2}})[-.](?P<y2>[0-9]{{4}})|(?P<d3>[0-9]{{1,2}}) tháng (?P<m3>[0-9]{{1,2}}|{MW})(?:(?P<yc> năm | của năm |, | ?/ ?| )(?P<y3>[0-9]{{4}}))?))"
    );
    let dur = format!(r"(?P<dur>(?P<dn>[0-9]{{1,3}}|{NW}){GLOSS} (?P<du>ngày làm việc|ngày|tuần|tháng))");
    let wday = format!(
        r"(?P<wday>(?P<wd>{WD})(?: (?:của )?tuần (?P<wdk>này|nay|sau|tới|trước|tiếp theo)| (?P<wdr>tới|sau|vừa rồi|vừa qua|trước|này|nay))?)"
    );
    let sess = r"(?P<sess>(?:(?P<sprep>tại|trong|vào|ở|trước|cho|sau) )?(?:các )?(?:kỳ họp|phiên họp|hội nghị|cuộc họp)(?: (?:lần )?thứ (?:[0-9]{1,3}|nhất|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười(?: một| hai| ba| bốn| lăm)?))?(?: (?:bất thường|thường kỳ|sắp tới|tới|gần nhất|cuối năm))?(?: (?:của )?quốc hội(?: khóa [xvi]+)?)?)";
    let mon = format!(
        r"(?P<mon>tháng(?: (?P<mm>[0-9]{{1,2}}|{MW})(?: ?/ ?(?P<my1>{Y4})| (?:năm|của năm) (?P<my2>{Y4})| (?P<mrel1>tới|sau|này|nay))?| (?P<mrel>này|nay|sau|tới|trước|hiện tại|tiếp theo|kế tiếp))?)"
    );
    let qtr = format!(
        r"(?P<qtr>quý(?: (?P<qq>iv|iii|ii|i|[1-4]|một|hai|ba|bốn|tư)(?: ?/ ?(?P<qy1>{Y4})| (?:năm|của năm) (?P<qy2>{Y4})| (?P<qnay>này|nay))?| (?P<qrel>này|nay|hiện tại|sau|tới|tiếp theo|tiếp|kế tiếp|trước))?)"
    );
    let wk = r"(?P<wk>tuần(?: (?P<wkrel>này|nay|sau|tới|trước|tiếp theo|kế tiếp|hiện tại))?)";
    let yr = format!(
        r"(?P<yr>(?:năm (?P<yy>{Y4})|(?P<yb>{Y4}))(?: ?(?:-|–|—|đến|tới) ?(?:năm )?(?P<yy2>{Y4}))?|năm(?: (?P<yrel>nay|này|sau|tới|tiếp theo|kế tiếp|trước|ngoái|hiện tại|qua))?)"
    );
    let rday = r"(?P<rday>(?:ngày )?hôm nay|bữa nay|(?:ngày )?hôm qua|(?:ngày )?hôm kia|ngày mai|ngày kia|ngày mốt)";
    let rec = r"(?P<rec>(?:định kỳ )?(?:hàng|hằng|mỗi) (?P<ru>tuần|tháng|quý|năm|ngày)|định kỳ(?: (?P<ru2>6 tháng|sáu tháng|tuần|tháng|quý|năm))?)";
    let ong = r"(?P<ong>thường xuyên|liên tục)";
    let imm = r"(?P<imm>ngay(?: lập tức| tức khắc| tức thì)?)";
    let sea = r"(?P<sea>mùa (?P<ss>xuân|hè|hạ|thu|đông)(?: (?P<snay>năm nay|này|nay|tới|sau))?)";
    let xmas = r"(?P<xmas>(?:ngày |lễ )?(?:giáng sinh|noel))";
    [
        ("half", half), ("nunit", nunit), ("day", day), ("dur", dur), ("wday", wday), ("sess", sess.to_string()),
        ("mon", mon), ("qtr", qtr), ("wk", wk.to_string()), ("yr", yr), ("rday", rday.to_string()),
        ("rec", rec.to_string()), ("ong", ong.to_string()), ("imm", imm.to_string()), ("sea", sea.to_string()),
        ("xmas", xmas.to_string()),
    ]
});

/// How many families come before the effective dates in order of
/// preference (half ... sess); see [`scan`].
const BEFORE_EFFECTIVE: usize = 6;

/// All families in one regex: finds where expressions are. Durations with
/// a gloss are found by hand ([`glossed_duration_from`]): thirty of any
/// character but brackets made the automaton twice as slow to build.
static MASTER: LazyLock<Regex> = LazyLock::new(|| {
    let all: Vec<String> = PATTERNS.iter().map(|(_, p)| p.replace(GLOSS, "")).collect();
    regex::RegexBuilder::new(&all.join("|")).dfa_size_limit(32 << 20).build().expect("literal regex")
});

/// Each family anchored at the start, built on first use. The groups of a
/// found span are read with these: a small automaton captures far cheaper
/// than the master's.
static ANCHORED: [OnceLock<Regex>; 16] = [const { OnceLock::new() }; 16];

fn anchored(i: usize) -> Option<&'static Regex> {
    let (_, pattern) = PATTERNS.get(i)?;
    Some(ANCHORED.get(i)?.get_or_init(|| Regex::new(&format!("^(?:{pattern})")).expect("literal regex")))
}

/// The bytes a match of each family (in [`PATTERNS`] order) may begin
/// with: digits and the first letters of its words ("đ" and "ở" by their
/// first byte). A family that cannot begin a span is not tried on it.
const FIRST_BYTES: [&str; 16] = [
    "0123456789scbn",    // half: N tháng, sáu, chín, ba; nửa
    "0123456789mhbnstc", // nunit: digits, the number words
    "0123456789tcnm",    // day: weekday, ngày, mồng, mùng
    "0123456789mhbnstc", // dur
    "tc",                // wday
    "tvcskphở",          // sess: tại, trong, vào, ở, trước, cho, sau, các, kỳ, phiên, hội, cuộc
    "t",                 // mon
    "q",                 // qtr
    "t",                 // wk
    "n12",               // yr
    "nhb",               // rday: ngày, hôm, bữa
    "hmđ",               // rec: hàng, hằng, mỗi, định
    "tl",                // ong
    "n",                 // imm
    "m",                 // sea
    "nlg",               // xmas: ngày, noel, lễ, giáng
];

/// The family of the master's match `span`: the first, in order of
/// preference, that matches at the start of the span (none before it
/// matched there, and its preferred match ends where the master's did).
fn family_index(span: &str) -> Option<usize> {
    let first = *span.as_bytes().first()?;
    // `is_match` first: a failing family costs far less that way.
    (0..PATTERNS.len())
        .filter(|&i| FIRST_BYTES.get(i).is_some_and(|b| b.as_bytes().contains(&first)))
        .find(|&i| anchored(i).is_some_and(|re| re.is_match(span)))
}

/// [`family_index`] and the family's groups (offsets within `span`).
fn family_of(span: &str) -> Option<(usize, Captures<'_>)> {
    let i = family_index(span)?;
    Some((i, anchored(i)?.captures(span)?))
}

/// Words one of which every time expression holds unless it holds a digit
/// (checked family by family: units, weekdays, meeting nouns, the endings
/// of an effective date, "hôm", "bữa", recurrence and "ongoing" words,
/// "ngay", "mùa", holidays). A clause with neither skips the grammar.
const TIME_WORDS: &[&str] = &[
    "ngay", "ngày", "tháng", "quý", "năm", "tuần", "thứ", "chủ nhật", "chúa nhật", "họp", "hội nghị",
    "có hiệu lực", "được ban hành", "được thông qua", "được phê duyệt", "được ký ban hành", "hôm", "bữa",
    "hàng", "hằng", "mỗi", "định kỳ", "thường xuyên", "liên tục", "mùa", "giáng sinh", "noel",
];

/// Leftmost-first only so that the automaton gets its SIMD prefilter.
static TIME_WORDS_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(TIME_WORDS).expect("literal word list")
});

/// Cheap pre-check on lower-cased text: `false` proves it holds no time
/// expression, so the grammar need not run.
pub fn may_hold_time(lower: &str) -> bool {
    has_digit(lower) || TIME_WORDS_AC.is_match(lower)
}

/// [`may_hold_time`] on text not yet lower-cased (the same digits, the
/// words in any case): lets a caller skip lower-casing most texts.
pub fn may_hold_time_any_case(text: &str) -> bool {
    static WORDS_ANY_CASE: LazyLock<Regex> = LazyLock::new(|| {
        regex::RegexBuilder::new(&TIME_WORDS.join("|")).case_insensitive(true).build().expect("literal regex")
    });
    has_digit(text) || WORDS_ANY_CASE.is_match(text)
}

/// Whole chunks at a time, so the compiler can vectorise the test.
fn has_digit(s: &str) -> bool {
    let digit = |b: &u8| b.wrapping_sub(b'0') < 10;
    let chunks = s.as_bytes().chunks(32);
    chunks.into_iter().any(|chunk| chunk.iter().fold(false, |any, b| any | digit(b)))
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn char_after(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

fn word_after(s: &str, i: usize) -> &str {
    let rest = s.get(i..).unwrap_or("");
    let rest = rest.strip_prefix(' ').unwrap_or("");
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    &rest[..end]
}

fn month_word(w: &str) -> Option<u32> {
    match w {
        "giêng" => Some(1),
        "chạp" => Some(12),
        "mười một" => Some(11),
        "mười hai" => Some(12),
        _ => number(w).filter(|m| (1..=12).contains(m)),
    }
}

fn number(w: &str) -> Option<u32> {
    Some(match w {
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" | "tư" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => 10,
        "mười lăm" => 15,
        "hai mươi" => 20,
        "ba mươi" => 30,
        _ => w.parse().ok()?,
    })
}

fn quarter_word(w: &str) -> Option<u32> {
    Some(match w {
        "i" | "1" | "một" => 1,
        "ii" | "2" | "hai" => 2,
        "iii" | "3" | "ba" => 3,
        "iv" | "4" | "bốn" | "tư" => 4,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "chủ nhật" | "chúa nhật" => Weekday::Sun,
        "thứ 2" | "thứ hai" => Weekday::Mon,
        "thứ 3" | "thứ ba" => Weekday::Tue,
        "thứ 4" | "thứ tư" => Weekday::Wed,
        "thứ 5" | "thứ năm" => Weekday::Thu,
        "thứ 6" | "thứ sáu" => Weekday::Fri,
        "thứ 7" | "thứ bảy" => Weekday::Sat,
        _ => return None,
    })
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    Some(if s.len() == 2 { if y < 70 { 2000 + y } else { 1900 + y } } else { y })
}

fn g<'a>(c: &Captures<'a>, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

/// Fills `period` for an expression whose year may be left out.
fn resolve(core: &mut Core, year: Option<i32>, reference: Option<NaiveDate>, make: impl Fn(i32) -> Option<Period>) {
    match (year, reference) {
        (Some(y), _) => {
            core.explicit_year = true;
            core.period = make(y);
            core.impossible = core.period.is_none();
        }
        (None, Some(r)) => {
            core.period = cal::infer_year(r, &make);
            core.inferred = true;
            core.impossible = core.period.is_none();
        }
        (None, None) => {
            // 2024 is a leap year: only a truly impossible date fails it.
            core.impossible = make(2024).is_none();
            core.unknown = true;
        }
    }
}

/// Fills `period` for an expression relative to the notice date.
fn relative(core: &mut Core, reference: Option<NaiveDate>, make: impl Fn(NaiveDate) -> Option<Period>) {
    core.relative = true;
    match reference {
        Some(r) => core.period = make(r),
        None => core.unknown = true,
    }
}

fn shift_month(y: i32, m: u32, by: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + by;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn shift_quarter(y: i32, q: u32, by: i32) -> (i32, u32) {
    let idx = y * 4 + q as i32 - 1 + by;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

/// Finds every time expression in `folded` (lower-cased text).
///
/// The effective-date family is read by hand ([`effective_from`]) and
/// merged in as the alternative it used to be in the master regex: between
/// `sess` and `mon`, so at an equal start it loses only to the families
/// before it. Only a found span that stands alone as words is captured.
pub fn scan(folded: &str, reference: Option<NaiveDate>) -> Vec<Core> {
    let mut out = Vec::new();
    // The leftmost effective date from `at`; once there is none, there is
    // none further on either.
    let mut effective = if has_effective_end(folded) { effective_from(folded, 0) } else { None };
    let mut glossed = glossed_duration_from(folded, 0);
    let mut at = 0;
    while at < folded.len() {
        if effective.is_some_and(|(es, _)| es < at) {
            effective = effective_from(folded, at);
        }
        if glossed.is_some_and(|(gs, _)| gs < at) {
            glossed = glossed_duration_from(folded, at);
        }
        let mut master = MASTER.find_at(folded, at).map(|m| (m.start(), m.end()));
        // At one start a glossed duration wins over the master's match: no
        // family before `dur` can begin where one does.
        if let Some((gs, ge)) = glossed {
            if master.is_none_or(|(ms, _)| gs <= ms) {
                master = Some((gs, ge));
            }
        }
        let (s, e, is_effective) = match (master, effective) {
            (None, None) => break,
            (Some((s, e)), None) => (s, e, false),
            (None, Some((s, e))) => (s, e, true),
            (Some((ms, me)), Some((es, ee))) => {
                if es < ms || (es == ms && !master_outranks_effective(folded, ms, me)) {
                    (es, ee, true)
                } else {
                    (ms, me, false)
                }
            }
        };
        at = e;
        if char_before(folded, s).is_some_and(|ch| ch.is_alphanumeric())
            || char_after(folded, e).is_some_and(|ch| ch.is_alphanumeric())
        {
            continue;
        }
        if is_effective {
            let mut core = Core::new(Fam::Effective, s, e);
            core.fixed = Some((DeadlineKind::Event, "deadline/event/effective"));
            out.push(core);
            continue;
        }
        // No pattern looks past its match, so the span alone gives the
        // same groups as the whole text.
        let Some(span) = folded.get(s..e) else { continue };
        // Dates, most of all matches, are read by hand; a span that reads
        // whole as one is a day's match (no family before `day` can begin
        // where a day does: they want a space or "nửa" after the number).
        if let Some(day) = day_parts(span).filter(|d| d.end == span.len()) {
            if let Some(core) = read_day(folded, &day, s, e, reference) {
                out.push(core);
            }
            continue;
        }
        // So are months, quarters, weeks and years whose first word
        // settles the family.
        if let Some(hand) = hand_read(span) {
            if let Some(core) = hand.read(folded, s, e, reference) {
                out.push(core);
            }
            continue;
        }
        let Some((fam, c)) = family_of(span) else { continue };
        if let Some(core) = read(folded, fam, &c, s, e, reference) {
            out.push(core);
        }
    }
    out
}

/// The leftmost duration with a gloss starting at or after `from`, as
/// (start, end): `N \([^()]{1,30}\) (?:ngày làm việc|ngày|tuần|tháng)` with N
/// `[0-9]{1,3}` or a number word, read around each '('.
fn glossed_duration_from(folded: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = folded.as_bytes();
    memchr::memchr_iter(b'(', bytes.get(from..)?).find_map(|i| {
        let paren = from + i;
        let head = folded.get(..paren)?.strip_suffix(' ')?;
        let end = glossed_duration_end(folded, paren)?;
        let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
        let start = if digits > 0 {
            (head.len() - digits.min(3)).max(from)
        } else {
            NW.split('|').filter_map(|w| head.strip_suffix(w)).map(str::len).filter(|&s| s >= from).min()?
        };
        (start < head.len()).then_some((start, end))
    })
}

/// The end of `\([^()]{1,30}\) (?:ngày làm việc|ngày|tuần|tháng)` at `paren`.
fn glossed_duration_end(folded: &str, paren: usize) -> Option<usize> {
    let inner = folded.get(paren + 1..)?;
    let (close, ch) = inner.char_indices().take(31).find(|&(_, c)| c == '(' || c == ')')?;
    if ch != ')' || close == 0 {
        return None;
    }
    let after = inner.get(close + 1..)?.strip_prefix(' ')?;
    let unit = ["ngày làm việc", "ngày", "tuần", "tháng"].into_iter().find(|u| after.starts_with(u))?;
    Some(paren + 1 + close + 2 + unit.len())
}

/// At a start where the master regex and an effective date both match: is
/// the master's alternative one of those ranked before `eff`?
fn master_outranks_effective(folded: &str, s: usize, e: usize) -> bool {
    folded.get(s..e).and_then(family_index).is_some_and(|fam| fam < BEFORE_EFFECTIVE)
}

/// An effective date: `(lead )?when( gap)? end`, as the regex
/// `(?:(?:cùng|…|ngay) )?(?:thời điểm|…)(?: [^0-9,;.()][^,;.()]{0,150}?)? (?:có hiệu lực(?: thi hành)?|được …)`
/// read it. Kept out of the master regex: its 150-character gap made the
/// automaton many times bigger to build and to run, and it is rare.
const EFFECTIVE_LEADS: [&str; 6] = ["cùng ", "phù hợp với ", "đồng thời với ", "trùng với ", "đồng bộ với ", "ngay "];
const EFFECTIVE_WHEN: [&str; 8] = ["thời điểm", "kể từ khi", "ngay sau khi", "sau khi", "ngay khi", "khi", "kể từ ngày", "tính từ ngày"];
/// In order of preference ("có hiệu lực thi hành" before "có hiệu lực").
const EFFECTIVE_ENDS: [&str; 6] = [" có hiệu lực thi hành", " có hiệu lực", " được ban hành", " được thông qua", " được phê duyệt", " được ký ban hành"];
/// Characters the gap may hold after its first one.
const EFFECTIVE_GAP: usize = 150;

static EFFECTIVE_END_WORDS: LazyLock<[Finder<'static>; 2]> = LazyLock::new(|| [Finder::new(" có hiệu lực"), Finder::new(" được ")]);

/// Does `folded` hold an end of an effective date anywhere? Most texts
/// do not, and then no effective date need be looked for.
fn has_effective_end(folded: &str) -> bool {
    let [in_force, passive] = &*EFFECTIVE_END_WORDS;
    in_force.find(folded.as_bytes()).is_some()
        || passive.find_iter(folded.as_bytes()).any(|i| effective_end_at(folded, i).is_some())
}

/// The length of the longest of `words`.
const fn longest(words: &[&str]) -> usize {
    let (mut i, mut max) = (0, 0);
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
}

/// Every "when" word ends with one of these.
const EFFECTIVE_WHEN_ENDS: [&str; 3] = ["khi", "thời điểm", "từ ngày"];

static EFFECTIVE_WHEN_FINDERS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| EFFECTIVE_WHEN_ENDS.map(Finder::new));

/// How far before the end of its "when" word an effective date may start,
/// in bytes: a lead and the "when" word.
const EFFECTIVE_REACH: usize = longest(&EFFECTIVE_LEADS) + longest(&EFFECTIVE_WHEN);

/// The leftmost effective date starting at or after `from`, as
/// (start, end). Only the starts a little before the last word of a "when"
/// word are tried: most texts hold none, and the rest few.
fn effective_from(folded: &str, from: usize) -> Option<(usize, usize)> {
    let rest = folded.get(from..)?;
    let bytes = rest.as_bytes();
    let mut keys: Vec<usize> = EFFECTIVE_WHEN_FINDERS.iter().flat_map(|f| f.find_iter(bytes)).collect();
    keys.sort_unstable();
    // Only where a lead or "when" word can begin (c, p, đ, t, n, k, s).
    let may_begin = |b: u8| matches!(b, b'c' | b'p' | 0xC4 | b't' | b'n' | b'k' | b's');
    let mut tried = 0;
    for key in keys {
        let first = key.saturating_sub(EFFECTIVE_REACH).max(tried);
        let found = (first..=key)
            .filter(|&i| bytes.get(i).is_some_and(|&b| may_begin(b)) && rest.is_char_boundary(i))
            .find_map(|i| effective_at(folded, from + i).map(|e| (from + i, e)));
        if found.is_some() {
            return found;
        }
        tried = tried.max(key + 1);
    }
    None
}

/// The end of the effective date starting at `s`, trying the choices in
/// the regex's order of preference: with a lead word before without, each
/// "when" word in turn, the shortest gap first and no gap last.
fn effective_at(folded: &str, s: usize) -> Option<usize> {
    let text = folded.get(s..)?;
    let leads = EFFECTIVE_LEADS.iter().filter(|l| text.starts_with(*l)).map(|l| l.len()).chain([0]);
    for lead in leads {
        let after_lead = &text[lead..];
        for when in EFFECTIVE_WHEN.iter().filter(|w| after_lead.starts_with(*w)) {
            let q = s + lead + when.len();
            if let Some(e) = effective_gap_then_end(folded, q) {
                return Some(e);
            }
            if let Some(e) = effective_end_at(folded, q) {
                return Some(e);
            }
        }
    }
    None
}

/// `[ ][^0-9,;.()][^,;.()]{0,150}?` then an end, from `q`.
fn effective_gap_then_end(folded: &str, q: usize) -> Option<usize> {
    let gap = folded.get(q..)?.strip_prefix(' ')?;
    let mut chars = gap.char_indices();
    let (_, first) = chars.next()?;
    if first.is_ascii_digit() || matches!(first, ',' | ';' | '.' | '(' | ')') {
        return None;
    }
    let mut r = q + 1 + first.len_utf8();
    for taken in 0..=EFFECTIVE_GAP {
        if let Some(e) = effective_end_at(folded, r) {
            return Some(e);
        }
        if taken == EFFECTIVE_GAP {
            break;
        }
        match chars.next() {
            Some((_, ch)) if !matches!(ch, ',' | ';' | '.' | '(' | ')') => r += ch.len_utf8(),
            _ => break,
        }
    }
    None
}

fn effective_end_at(folded: &str, r: usize) -> Option<usize> {
    let rest = folded.get(r..)?;
    EFFECTIVE_ENDS.iter().find(|end| rest.starts_with(*end)).map(|end| r + end.len())
}

/// A number that is part of a bigger number or a document code
/// ("107/2021", "1.200.000", "82/2024/NĐ-CP") is no date.
fn numeric_edges_ok(folded: &str, s: usize, e: usize) -> bool {
    let head = folded.get(..s).unwrap_or("");
    let mut back = head.chars().rev();
    match (back.next(), back.next()) {
        (Some('/'), _) => return false,
        (Some('.' | ',' | '-'), Some(d)) if d.is_ascii_digit() => return false,
        _ => {}
    }
    let tail = folded.get(e..).unwrap_or("");
    let mut fwd = tail.chars();
    match (fwd.next(), fwd.next()) {
        (Some('/'), _) => false,
        (Some('-'), Some(d)) if d.is_ascii_digit() || d.is_alphabetic() => false,
        (Some('.' | ','), Some(d)) if d.is_ascii_digit() => false,
        _ => true,
    }
}

/// Reads a match of family number `fam` at `s..e`; `c` holds its groups
/// with offsets from `s`.
fn read(folded: &str, fam: usize, c: &Captures, s: usize, e: usize, reference: Option<NaiveDate>) -> Option<Core> {
    let fam = PATTERNS.get(fam).map_or("", |(name, _)| *name);
    if fam == "day" {
        return read_day(folded, &DayParts::from_captures(c)?, s, e, reference);
    }
    if fam == "half" {
        let mut core = Core::new(Fam::Half, s, e);
        let n = match g(c, "hn") {
            Some(w) => number(w)?,
            None => 6,
        };
        if !(1..=11).contains(&n) {
            return None;
        }
        let first = g(c, "hw") == Some("đầu");
        let make = move |y: i32| if first { cal::months(y, 1, n) } else { cal::months(y, 13 - n, n) };
        if g(c, "hnay").is_some() {
            relative(&mut core, reference, |r| make(r.year()));
        } else {
            resolve(&mut core, g(c, "hy").and_then(year_of), reference, make);
        }
        return Some(core);
    }
    if fam == "nunit" {
        let mut core = Core::new(Fam::NUnit, s, e);
        let n = number(g(c, "nn")?)? as i32;
        if n == 0 || n > 100 {
            return None;
        }
        let past = matches!(g(c, "nd"), Some("vừa rồi" | "vừa qua" | "qua"));
        core.past = past;
        let unit = g(c, "nu")?;
        relative(&mut core, reference, |r| {
            let dir = if past { -1 } else { 1 };
            match unit {
                "ngày" => {
                    let a = cal::add_days(r, dir as i64)?;
                    let b = cal::add_days(r, (dir * n) as i64)?;
                    Some(if past { Period { first: b, last: a } } else { Period { first: a, last: b } })
                }
                "tuần" => {
                    let w = cal::week_of(r)?;
                    let first = cal::add_days(w.first, if past { -7 * n as i64 } else { 7 })?;
                    Some(Period { first, last: cal::add_days(first, 7 * n as i64 - 1)? })
                }
                "tháng" => {
                    let (y, m) = shift_month(r.year(), r.month(), if past { -n } else { 1 });
                    cal::months(y, m, n as u32)
                }
                "quý" => {
                    let (y, q) = shift_quarter(r.year(), quarter_of(r), if past { -n } else { 1 });
                    cal::months(y, 3 * q - 2, 3 * n as u32)
                }
                _ => {
                    let y = if past { r.year() - n } else { r.year() + 1 };
                    Some(Period { first: cal::ymd(y, 1, 1)?, last: cal::ymd(y + n - 1, 12, 31)? })
                }
            }
        });
        return Some(core);
    }
    if fam == "dur" {
        return read_duration(folded, g(c, "dn")?, g(c, "du") == Some("ngày làm việc"), s, e);
    }
    if fam == "wday" {
        let mut core = Core::new(Fam::Weekday, s, e);
        let wd = weekday(g(c, "wd")?)?;
        core.day = true;
        let wk = g(c, "wdk");
        let rel = g(c, "wdr");
        core.past = matches!(wk, Some("trước")) || matches!(rel, Some("vừa rồi" | "vừa qua" | "trước"));
        relative(&mut core, reference, |r| {
            let d = match (wk, rel) {
                (Some("này" | "nay"), _) | (_, Some("này" | "nay")) => cal::weekday_in_week(r, wd)?,
                (Some("sau" | "tới" | "tiếp theo"), _) => cal::weekday_in_week(cal::add_days(r, 7)?, wd)?,
                (Some(_), _) => cal::weekday_in_week(cal::add_days(r, -7)?, wd)?,
                (None, Some("vừa rồi" | "vừa qua" | "trước")) => cal::prev_weekday(r, wd)?,
                _ => cal::next_weekday(r, wd)?,
            };
            Some(Period::day(d))
        });
        return Some(core);
    }
    if fam == "sess" {
        let mut core = Core::new(Fam::Session, s, e);
        core.prep = c.name("sprep").is_some();
        core.fixed = Some((DeadlineKind::Event, "deadline/event/session"));
        return Some(core);
    }
    if fam == "mon" {
        return read_month(folded, &MonthParts::from_captures(c), s, e, reference);
    }
    if fam == "qtr" {
        return Some(read_quarter(&QuarterParts::from_captures(c), s, e, reference));
    }
    if fam == "wk" {
        return Some(read_week(g(c, "wkrel"), s, e, reference));
    }
    if fam == "yr" {
        return read_year(folded, &YearParts::from_captures(c), s, e, reference);
    }
    if fam == "rday" {
        let mut core = Core::new(Fam::RelDay, s, e);
        core.day = true;
        let t = m_str(c);
        let by = if t.ends_with("nay") {
            0
        } else if t.ends_with("qua") {
            -1
        } else if t.ends_with("hôm kia") {
            -2
        } else if t.ends_with("mai") {
            1
        } else {
            2
        };
        core.past = by < 0;
        relative(&mut core, reference, |r| cal::add_days(r, by).map(Period::day));
        return Some(core);
    }
    if fam == "rec" {
        return Some(read_recurrence(g(c, "ru").or(g(c, "ru2")), s, e));
    }
    if fam == "ong" {
        return Some(read_ongoing(s, e));
    }
    if fam == "imm" {
        return read_immediate(folded, s, e);
    }
    if fam == "sea" {
        let mut core = Core::new(Fam::Season, s, e);
        let which = g(c, "ss")?;
        let next = matches!(g(c, "snay"), Some("tới" | "sau"));
        relative(&mut core, reference, |r| {
            let y = r.year() + if next { 1 } else { 0 };
            Some(match which {
                "xuân" => Period { first: cal::ymd(y, 3, 20)?, last: cal::ymd(y, 6, 20)? },
                "hè" | "hạ" => Period { first: cal::ymd(y, 6, 21)?, last: cal::ymd(y, 9, 23)? },
                "thu" => Period { first: cal::ymd(y, 9, 24)?, last: cal::ymd(y, 12, 20)? },
                _ => {
                    // The winter that holds the notice date, else the coming one.
                    let y0 = if !next && r <= cal::ymd(r.year(), 3, 20)? { y - 1 } else { y };
                    Period { first: cal::ymd(y0, 12, 21)?, last: cal::ymd(y0 + 1, 3, 20)? }
                }
            })
        });
        return Some(core);
    }
    if fam == "xmas" {
        let mut core = Core::new(Fam::Holiday, s, e);
        core.day = true;
        resolve(&mut core, None, reference, |y| cal::ymd(y, 12, 25).map(Period::day));
        core.inferred = false;
        return Some(core);
    }
    None
}

fn m_str<'a>(c: &Captures<'a>) -> &'a str {
    c.get(0).map(|m| m.as_str()).unwrap_or("")
}

/// The groups of a `day` match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DayParts<'a> {
    /// Written with "ngày"/"mồng"/"mùng" (group `dpre`).
    has_ngay: bool,
    day: &'a str,
    /// Offset of `day` in the span.
    day_at: usize,
    month: &'a str,
    year: Option<&'a str>,
    /// Written "d tháng m": the words between month and year (`yc`).
    in_words: bool,
    conn: Option<&'a str>,
    /// End of the match in the span.
    end: usize,
}

impl<'a> DayParts<'a> {
    fn from_captures(c: &Captures<'a>) -> Option<DayParts<'a>> {
        let (d, m, y, in_words) = if let Some(d) = c.name("d1") {
            (d, g(c, "m1")?, g(c, "y1"), false)
        } else if let Some(d) = c.name("d2") {
            (d, g(c, "m2")?, g(c, "y2"), false)
        } else {
            (c.name("d3")?, g(c, "m3")?, g(c, "y3"), true)
        };
        Some(DayParts {
            has_ngay: c.name("dpre").is_some(),
            day: d.as_str(),
            day_at: d.start(),
            month: m,
            year: y,
            in_words,
            conn: g(c, "yc"),
            end: c.get(0)?.end(),
        })
    }
}

/// The `WD` words; none is a prefix of another.
const WEEKDAYS: [&str; 14] = [
    "chủ nhật", "chúa nhật", "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu",
    "thứ bảy",
];
const DAY_PREFIXES: [&str; 6] = ["ngày mồng ", "ngày mùng ", "ngày ", "mồng ", "mùng ", ""];
const MONTH_WORDS: [&str; 15] = ["mười hai", "mười một", "mười", "một", "giêng", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "chạp"];
/// Between month and year, in the pattern's order of preference.
const YEAR_CONNECTIVES: [&str; 8] = [" năm ", " của năm ", ", ", " / ", " /", "/ ", "/", " "];

/// The `day` pattern's preferred match at the start of `span`, read by hand
/// (the capturing engine cost more than the rest of a date):
/// `(?:(WD) (?:ngày )?)?(dpre)?(?:d/m(?:/y)?|d[-.]m[-.]y|d tháng m(?:(yc)y)?)`.
fn day_parts(span: &str) -> Option<DayParts<'_>> {
    if let Some(wd) = WEEKDAYS.iter().find(|w| span.starts_with(*w)) {
        if let Some(rest) = span[wd.len()..].strip_prefix(' ') {
            // Taking "ngày " here leaves every end the other choice has.
            let at = span.len() - rest.strip_prefix("ngày ").unwrap_or(rest).len();
            if let Some(parts) = day_after(span, at) {
                return Some(parts);
            }
        }
    }
    day_after(span, 0)
}

/// The prefix choices in order; only one can put a digit next.
fn day_after(span: &str, at: usize) -> Option<DayParts<'_>> {
    let rest = span.get(at..)?;
    DAY_PREFIXES
        .iter()
        .filter(|p| rest.starts_with(*p))
        .find_map(|p| day_body(span, at + p.len(), !p.is_empty()))
}

fn digits_at(span: &str, i: usize) -> usize {
    span.as_bytes().get(i..).map_or(0, |b| b.iter().take_while(|b| b.is_ascii_digit()).count())
}

fn day_body(span: &str, p: usize, has_ngay: bool) -> Option<DayParts<'_>> {
    let n = digits_at(span, p);
    // A shorter day number leaves a digit where '/', '-', '.' or ' ' must be.
    if !(1..=2).contains(&n) {
        return None;
    }
    let q = p + n;
    let parts = |m_at: usize, m_len: usize, year: Option<(usize, usize)>, in_words: bool, conn: Option<&'static str>, end: usize| {
        Some(DayParts {
            has_ngay,
            day: span.get(p..q)?,
            day_at: p,
            month: span.get(m_at..m_at + m_len)?,
            year: match year {
                Some((at, len)) => Some(span.get(at..at + len)?),
                None => None,
            },
            in_words,
            conn,
            end,
        })
    };
    let rest = span.get(q..)?;
    if rest.starts_with('/') {
        let mn = digits_at(span, q + 1).min(2);
        if mn == 0 {
            return None;
        }
        let m_end = q + 1 + mn;
        if span.get(m_end..)?.starts_with('/') {
            let y = match digits_at(span, m_end + 1) {
                0 | 1 => None,
                2 | 3 => Some(2),
                _ => Some(4),
            };
            if let Some(len) = y {
                return parts(q + 1, mn, Some((m_end + 1, len)), false, None, m_end + 1 + len);
            }
        }
        return parts(q + 1, mn, None, false, None, m_end);
    }
    if rest.starts_with(['-', '.']) {
        let mn = digits_at(span, q + 1);
        if !(1..=2).contains(&mn) {
            return None;
        }
        let m_end = q + 1 + mn;
        if !span.get(m_end..)?.starts_with(['-', '.']) || digits_at(span, m_end + 1) < 4 {
            return None;
        }
        return parts(q + 1, mn, Some((m_end + 1, 4)), false, None, m_end + 5);
    }
    let m_at = q + rest.strip_prefix(" tháng ").map(|_| " tháng ".len())?;
    let m_len = match digits_at(span, m_at) {
        0 => MONTH_WORDS.iter().find(|w| span[m_at..].starts_with(*w))?.len(),
        n => n.min(2),
    };
    let m_end = m_at + m_len;
    let year = YEAR_CONNECTIVES.iter().find(|c| span[m_end..].starts_with(*c) && digits_at(span, m_end + c.len()) >= 4);
    match year {
        Some(c) => parts(m_at, m_len, Some((m_end + c.len(), 4)), true, Some(c), m_end + c.len() + 4),
        None => parts(m_at, m_len, None, true, None, m_end),
    }
}

fn read_day(folded: &str, parts: &DayParts, s: usize, e: usize, reference: Option<NaiveDate>) -> Option<Core> {
    let mut core = Core::new(Fam::Day, s, e);
    core.day = true;
    core.has_ngay = parts.has_ngay;
    if parts.in_words {
        // "10 tháng năm 2025" is a count of months in 2025, not 10 May.
        if parts.month == "năm" && parts.year.is_some() && parts.conn != Some(" năm ") {
            return None;
        }
        if word_after(folded, e) == "lần" {
            return None;
        }
    } else if !numeric_edges_ok(folded, s + parts.day_at, e) {
        return None;
    }
    let d: u32 = parts.day.parse().ok()?;
    let m = month_word(parts.month)?;
    if d == 0 || d > 31 || m == 0 || m > 12 {
        return None;
    }
    let y = match parts.year {
        Some(t) => Some(year_of(t)?),
        None => None,
    };
    resolve(&mut core, y, reference, |y| cal::ymd(y, m, d).map(Period::day));
    Some(core)
}

/// Is `s` led by a year of `Y4` ("19xx", "20xx")?
fn y4_at(s: &str) -> bool {
    matches!(s.as_bytes(), [b'1', b'9', c, d, ..] | [b'2', b'0', c, d, ..] if c.is_ascii_digit() && d.is_ascii_digit())
}

/// The first of `words` (in a pattern's order of preference) that leads `s`.
fn word_at<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().find(|w| s.starts_with(**w)).copied()
}

/// `(?: ?/ ?(Y4)| (?:năm|của năm) (Y4))` at the start of `tail`: the year,
/// whether it was written with "năm", and the length taken.
fn year_after_number(tail: &str) -> Option<(&str, bool, usize)> {
    const LEADS: [(&str, bool); 6] = [(" / ", false), (" /", false), ("/ ", false), ("/", false), (" năm ", true), (" của năm ", true)];
    LEADS.iter().filter(|(lead, _)| tail.starts_with(lead)).find_map(|&(lead, words)| {
        let year = tail.get(lead.len()..lead.len() + 4).filter(|y| y4_at(y))?;
        Some((year, words, lead.len() + 4))
    })
}

/// The groups of a `mon` match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MonthParts<'a> {
    /// `mm`: the month in digits or words.
    month: Option<&'a str>,
    /// `my1` or `my2`.
    year: Option<&'a str>,
    /// The year came as `my2` ("tháng 5 năm 2025").
    year_in_words: bool,
    /// `mrel1`: "tháng 12 tới".
    month_rel: Option<&'a str>,
    /// `mrel`: "tháng sau".
    rel: Option<&'a str>,
}

impl<'a> MonthParts<'a> {
    fn from_captures(c: &Captures<'a>) -> MonthParts<'a> {
        MonthParts {
            month: g(c, "mm"),
            year: g(c, "my1").or(g(c, "my2")),
            year_in_words: c.name("my2").is_some(),
            month_rel: g(c, "mrel1"),
            rel: g(c, "mrel"),
        }
    }
}

/// The groups of a `qtr` match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct QuarterParts<'a> {
    /// `qq`.
    quarter: Option<&'a str>,
    /// `qy1` or `qy2`.
    year: Option<&'a str>,
    /// `qnay`: "quý iv này".
    this_year: bool,
    /// `qrel`: "quý tới".
    rel: Option<&'a str>,
}

impl<'a> QuarterParts<'a> {
    fn from_captures(c: &Captures<'a>) -> QuarterParts<'a> {
        QuarterParts {
            quarter: g(c, "qq"),
            year: g(c, "qy1").or(g(c, "qy2")),
            this_year: c.name("qnay").is_some(),
            rel: g(c, "qrel"),
        }
    }
}

/// The groups of a `yr` match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct YearParts<'a> {
    /// `yy` or `yb`.
    year: Option<&'a str>,
    /// Written with "năm" in front (`yy`).
    with_nam: bool,
    /// `yy2`: the end of a range.
    until: Option<&'a str>,
    /// `yrel`: "năm sau".
    rel: Option<&'a str>,
}

impl<'a> YearParts<'a> {
    fn from_captures(c: &Captures<'a>) -> YearParts<'a> {
        YearParts { year: g(c, "yy").or(g(c, "yb")), with_nam: c.name("yy").is_some(), until: g(c, "yy2"), rel: g(c, "yrel") }
    }
}

/// A match of a family read by hand, with its groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HandRead<'a> {
    Month(MonthParts<'a>),
    Quarter(QuarterParts<'a>),
    Year(YearParts<'a>),
    /// `wkrel`.
    Week(Option<&'a str>),
    /// `dn`, and whether `du` is "ngày làm việc".
    Duration(&'a str, bool),
    /// `ru` or `ru2`.
    Recurrence(Option<&'a str>),
    Ongoing,
    Immediate,
}

impl HandRead<'_> {
    fn read(&self, folded: &str, s: usize, e: usize, reference: Option<NaiveDate>) -> Option<Core> {
        match self {
            HandRead::Month(parts) => read_month(folded, parts, s, e, reference),
            HandRead::Quarter(parts) => Some(read_quarter(parts, s, e, reference)),
            HandRead::Year(parts) => read_year(folded, parts, s, e, reference),
            HandRead::Week(rel) => Some(read_week(*rel, s, e, reference)),
            HandRead::Duration(count, working) => read_duration(folded, count, *working, s, e),
            HandRead::Recurrence(unit) => Some(read_recurrence(*unit, s, e)),
            HandRead::Ongoing => Some(read_ongoing(s, e)),
            HandRead::Immediate => read_immediate(folded, s, e),
        }
    }
}

/// The relative words of `mon`, `qtr`, `wk` and `yr`, in each pattern's
/// order of preference.
const MONTH_RELS: [&str; 8] = ["này", "nay", "sau", "tới", "trước", "hiện tại", "tiếp theo", "kế tiếp"];
const MONTH_NUMBER_RELS: [&str; 4] = [" tới", " sau", " này", " nay"];
const QUARTER_WORDS: [&str; 13] = ["iv", "iii", "ii", "i", "1", "2", "3", "4", "một", "hai", "ba", "bốn", "tư"];
const QUARTER_RELS: [&str; 9] = ["này", "nay", "hiện tại", "sau", "tới", "tiếp theo", "tiếp", "kế tiếp", "trước"];
const WEEK_RELS: [&str; 8] = ["này", "nay", "sau", "tới", "trước", "tiếp theo", "kế tiếp", "hiện tại"];
const YEAR_RELS: [&str; 10] = ["nay", "này", "sau", "tới", "tiếp theo", "kế tiếp", "trước", "ngoái", "hiện tại", "qua"];
const RANGE_SEPARATORS: [&str; 5] = ["-", "–", "—", "đến", "tới"];

/// The family and groups of a master's match `span` that is a month,
/// quarter, week or year, read by hand where its first word settles the
/// family: "tháng" (no family before `mon` can begin with it), "quý",
/// "tuần", a four-digit year (every family before `yr` wants a separator
/// within three digits) or "năm" not followed by a unit ("năm ngày" may
/// be a count). `None`: let the regexes decide. The reading must end where
/// the span does, as the pattern's preferred match did.
fn hand_read(span: &str) -> Option<HandRead<'_>> {
    let known = match span.as_bytes().first()? {
        b't' if span.starts_with("tháng") => {
            let (parts, len) = month_rest(&span["tháng".len()..]);
            Some((HandRead::Month(parts), "tháng".len() + len))
        }
        b't' if span.starts_with("tuần") => {
            let rel = span["tuần".len()..].strip_prefix(' ').and_then(|r| word_at(r, &WEEK_RELS));
            Some((HandRead::Week(rel), "tuần".len() + rel.map_or(0, |w| 1 + w.len())))
        }
        b'q' => {
            let (parts, len) = quarter_rest(span.strip_prefix("quý")?);
            Some((HandRead::Quarter(parts), "quý".len() + len))
        }
        b'n' | b'1' | b'2' => year_parts(span).map(|(parts, len)| (HandRead::Year(parts), len)),
        _ => None,
    };
    match known {
        Some((read, len)) => (len == span.len()).then_some(read),
        None => duration_read(span).or_else(|| word_family_read(span)),
    }
}

/// A span that is a whole `dur` match: `(dn)(?: \([^()]{1,30}\))? (du)`.
/// No family before `dur` can match such a span: `half` and `nunit` want
/// words after the unit, `day` a month after "tháng".
fn duration_read(span: &str) -> Option<HandRead<'_>> {
    const UNITS: [&str; 4] = [" ngày làm việc", " ngày", " tuần", " tháng"];
    let unit = UNITS.iter().find(|u| span.ends_with(**u))?;
    let head = &span[..span.len() - unit.len()];
    let (count, gloss) = head.split_at(head.find(" (").unwrap_or(head.len()));
    if !gloss.is_empty() {
        let inner = gloss.strip_prefix(" (")?.strip_suffix(')')?;
        if inner.contains(['(', ')']) || !(1..=30).contains(&inner.chars().count()) {
            return None;
        }
    }
    let digits = (1..=3).contains(&count.len()) && count.bytes().all(|b| b.is_ascii_digit());
    if !digits && !NW.split('|').any(|w| w == count) {
        return None;
    }
    Some(HandRead::Duration(count, *unit == " ngày làm việc"))
}

/// A whole `rec`, `ong` or `imm` match: their first words ("hàng",
/// "hằng", "mỗi", "định kỳ", "thường xuyên", "liên tục", "ngay") begin no
/// family before them.
fn word_family_read(span: &str) -> Option<HandRead<'_>> {
    const EVERY: [&str; 3] = ["hàng ", "hằng ", "mỗi "];
    const UNITS: [&str; 5] = ["tuần", "tháng", "quý", "năm", "ngày"];
    const PERIODIC_UNITS: [&str; 6] = ["6 tháng", "sáu tháng", "tuần", "tháng", "quý", "năm"];
    match span {
        "thường xuyên" | "liên tục" => return Some(HandRead::Ongoing),
        "ngay" | "ngay lập tức" | "ngay tức khắc" | "ngay tức thì" => return Some(HandRead::Immediate),
        _ => {}
    }
    // `(?:định kỳ )?(?:hàng|hằng|mỗi) (ru)|định kỳ(?: (ru2))?`
    let body = span.strip_prefix("định kỳ ").unwrap_or(span);
    let every = word_at(body, &EVERY).and_then(|w| word_at(&body[w.len()..], &UNITS).map(|u| (w, u)));
    let (unit, len) = match every {
        Some((w, u)) => (Some(u), span.len() - body.len() + w.len() + u.len()),
        None => {
            let rest = span.strip_prefix("định kỳ")?;
            let unit = rest.strip_prefix(' ').and_then(|r| word_at(r, &PERIODIC_UNITS));
            (unit, span.len() - rest.len() + unit.map_or(0, |u| 1 + u.len()))
        }
    };
    (len == span.len()).then_some(HandRead::Recurrence(unit))
}

/// The `mon` pattern after "tháng": its groups and the length taken.
fn month_rest(rest: &str) -> (MonthParts<'_>, usize) {
    let mut parts = MonthParts::default();
    let Some(after) = rest.strip_prefix(' ') else { return (parts, 0) };
    let digits = digits_at(after, 0).min(2);
    let month = if digits > 0 { after.get(..digits) } else { word_at(after, &MONTH_WORDS).and_then(|w| after.get(..w.len())) };
    let Some(month) = month else {
        return match word_at(after, &MONTH_RELS) {
            Some(rel) => {
                parts.rel = after.get(..rel.len());
                (parts, 1 + rel.len())
            }
            None => (parts, 0),
        };
    };
    parts.month = Some(month);
    let tail = &after[month.len()..];
    let taken = 1 + month.len();
    if let Some((year, in_words, len)) = year_after_number(tail) {
        parts.year = Some(year);
        parts.year_in_words = in_words;
        return (parts, taken + len);
    }
    match word_at(tail, &MONTH_NUMBER_RELS) {
        Some(rel) => {
            parts.month_rel = tail.get(1..rel.len());
            (parts, taken + rel.len())
        }
        None => (parts, taken),
    }
}

/// The `qtr` pattern after "quý": its groups and the length taken.
fn quarter_rest(rest: &str) -> (QuarterParts<'_>, usize) {
    let mut parts = QuarterParts::default();
    let Some(after) = rest.strip_prefix(' ') else { return (parts, 0) };
    let Some(quarter) = word_at(after, &QUARTER_WORDS).and_then(|w| after.get(..w.len())) else {
        return match word_at(after, &QUARTER_RELS) {
            Some(rel) => {
                parts.rel = after.get(..rel.len());
                (parts, 1 + rel.len())
            }
            None => (parts, 0),
        };
    };
    parts.quarter = Some(quarter);
    let tail = &after[quarter.len()..];
    let taken = 1 + quarter.len();
    if let Some((year, _, len)) = year_after_number(tail) {
        parts.year = Some(year);
        return (parts, taken + len);
    }
    match word_at(tail, &[" này", " nay"]) {
        Some(rel) => {
            parts.this_year = true;
            (parts, taken + rel.len())
        }
        None => (parts, taken),
    }
}

/// The `yr` pattern at the start of `span`, if no family before it can
/// match there: its groups and the length taken.
fn year_parts(span: &str) -> Option<(YearParts<'_>, usize)> {
    let mut parts = YearParts::default();
    let at = if y4_at(span) {
        0
    } else {
        let rest = span.strip_prefix("năm")?;
        let Some(after) = rest.strip_prefix(' ') else { return Some((parts, span.len() - rest.len())) };
        if !y4_at(after) {
            // "năm ngày", "năm (5) tháng": a count, for `nunit` or `dur`.
            if word_at(after, &["(", "ngày", "tuần", "tháng", "quý", "năm"]).is_some() {
                return None;
            }
            let rel = word_at(after, &YEAR_RELS);
            parts.rel = rel.and_then(|w| after.get(..w.len()));
            return Some((parts, span.len() - rest.len() + rel.map_or(0, |w| 1 + w.len())));
        }
        parts.with_nam = true;
        span.len() - after.len()
    };
    let year = span.get(at..at + 4)?;
    parts.year = Some(year);
    let mut end = at + 4;
    // `(?: ?(?:-|–|—|đến|tới) ?(?:năm )?(Y4))?`: each optional piece is
    // taken if present, as nothing else could follow there.
    let tail = &span[end..];
    let t = tail.strip_prefix(' ').unwrap_or(tail);
    if let Some(sep) = word_at(t, &RANGE_SEPARATORS) {
        let t = &t[sep.len()..];
        let t = t.strip_prefix(' ').unwrap_or(t);
        let t = t.strip_prefix("năm ").unwrap_or(t);
        if y4_at(t) {
            parts.until = t.get(..4);
            end = span.len() - t.len() + 4;
        }
    }
    Some((parts, end))
}

fn read_duration(folded: &str, count: &str, working: bool, s: usize, e: usize) -> Option<Core> {
    let mut core = Core::new(Fam::Duration, s, e);
    let n = number(count)?;
    if n == 0 || n > 365 {
        return None;
    }
    // "6 tháng đầu năm", "10 tháng năm 2025", "3 tháng qua": not durations.
    if matches!(word_after(folded, e), "đầu" | "cuối" | "năm" | "qua" | "tới" | "tiếp" | "vừa" | "gần" | "trước" | "một" | "hai") {
        return None;
    }
    core.working = working;
    core.day = true;
    core.relative = true;
    Some(core)
}

fn read_recurrence(unit: Option<&str>, s: usize, e: usize) -> Core {
    let mut core = Core::new(Fam::Recur, s, e);
    core.recurrence = match unit {
        Some("tuần") => Some(Recurrence::Weekly),
        Some("tháng") => Some(Recurrence::Monthly),
        Some("quý") => Some(Recurrence::Quarterly),
        Some("năm") => Some(Recurrence::Yearly),
        _ => None,
    };
    core.fixed = Some(if unit == Some("ngày") {
        (DeadlineKind::Ongoing, "deadline/ongoing")
    } else {
        (DeadlineKind::Recurring, "deadline/recurring")
    });
    core
}

fn read_ongoing(s: usize, e: usize) -> Core {
    let mut core = Core::new(Fam::Ongoing, s, e);
    core.fixed = Some((DeadlineKind::Ongoing, "deadline/ongoing"));
    core
}

fn read_immediate(folded: &str, s: usize, e: usize) -> Option<Core> {
    // "ngay trong tháng 12" (a period follows), "ngay cả", "ngay tại",
    // "ngay từ đầu", "ngay sau khi": not "at once".
    if matches!(
        word_after(folded, e),
        "trong" | "từ" | "sau" | "khi" | "cả" | "tại" | "bây" | "lúc" | "trước" | "ở" | "đầu" | "cuối" | "sát" | "cạnh" | "thẳng" | "gần" | "bên" | "dưới" | "trên" | "giữa" | "hôm" | "ngày" | "tuần" | "tháng" | "năm" | "quý"
    ) {
        return None;
    }
    let mut core = Core::new(Fam::Immediate, s, e);
    core.fixed = Some((DeadlineKind::Immediate, "deadline/immediate"));
    Some(core)
}

fn read_month(folded: &str, parts: &MonthParts, s: usize, e: usize, reference: Option<NaiveDate>) -> Option<Core> {
    let mut core = Core::new(Fam::Month, s, e);
    // "10 tháng", "6 tháng": a count of months, not a month's name.
    if folded.get(..s).is_some_and(|p| p.ends_with(|ch: char| ch.is_ascii_digit()) || p.trim_end().ends_with(|ch: char| ch.is_ascii_digit())) {
        return None;
    }
    if let Some(w) = parts.month {
        // "tháng năm 2025" reads as a year; "mỗi tháng một lần" is no month.
        if w == "năm" && !parts.year_in_words && word_after(folded, e).starts_with(|ch: char| ch.is_ascii_digit()) {
            return None;
        }
        if word_after(folded, e) == "lần" {
            return None;
        }
        let m = month_word(w)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let y = parts.year.and_then(year_of);
        match parts.month_rel {
            Some("tới" | "sau") => relative(&mut core, reference, |r| {
                let y = if m > r.month() { r.year() } else { r.year() + 1 };
                cal::month(y, m)
            }),
            Some(_) => relative(&mut core, reference, |r| cal::month(r.year(), m)),
            None => resolve(&mut core, y, reference, |y| cal::month(y, m)),
        }
    } else if let Some(rel) = parts.rel {
        let by = match rel {
            "sau" | "tới" | "tiếp theo" | "kế tiếp" => 1,
            "trước" => -1,
            _ => 0,
        };
        core.past = by < 0;
        relative(&mut core, reference, |r| {
            let (y, m) = shift_month(r.year(), r.month(), by);
            cal::month(y, m)
        });
    } else {
        core.bare_unit = true;
        relative(&mut core, reference, |r| cal::month(r.year(), r.month()));
    }
    Some(core)
}

fn read_quarter(parts: &QuarterParts, s: usize, e: usize, reference: Option<NaiveDate>) -> Core {
    let mut core = Core::new(Fam::Quarter, s, e);
    if let Some(q) = parts.quarter.and_then(quarter_word) {
        if parts.this_year {
            relative(&mut core, reference, |r| cal::quarter(r.year(), q));
        } else {
            let y = parts.year.and_then(year_of);
            resolve(&mut core, y, reference, |y| cal::quarter(y, q));
        }
    } else if let Some(rel) = parts.rel {
        let by = match rel {
            "sau" | "tới" | "tiếp theo" | "tiếp" | "kế tiếp" => 1,
            "trước" => -1,
            _ => 0,
        };
        core.past = by < 0;
        relative(&mut core, reference, |r| {
            let (y, q) = shift_quarter(r.year(), quarter_of(r), by);
            cal::quarter(y, q)
        });
    } else {
        core.bare_unit = true;
        relative(&mut core, reference, |r| cal::quarter(r.year(), quarter_of(r)));
    }
    core
}

fn read_week(rel: Option<&str>, s: usize, e: usize, reference: Option<NaiveDate>) -> Core {
    let mut core = Core::new(Fam::Week, s, e);
    let by = match rel {
        Some("sau" | "tới" | "tiếp theo" | "kế tiếp") => 1,
        Some("trước") => -1,
        Some(_) => 0,
        None => {
            core.bare_unit = true;
            0
        }
    };
    core.past = by < 0;
    relative(&mut core, reference, |r| cal::week_of(cal::add_days(r, 7 * by)?));
    core
}

fn read_year(folded: &str, parts: &YearParts, s: usize, e: usize, reference: Option<NaiveDate>) -> Option<Core> {
    if let Some(y1) = parts.year.and_then(year_of) {
        if !numeric_edges_ok(folded, s, e) {
            return None;
        }
        if let Some(y2) = parts.until.and_then(year_of) {
            let mut core = Core::new(Fam::YearRange, s, e);
            if y2 < y1 || y2 - y1 > 50 {
                return None;
            }
            core.explicit_year = true;
            core.period = Some(Period { first: cal::ymd(y1, 1, 1)?, last: cal::ymd(y2, 12, 31)? });
            return Some(core);
        }
        let mut core = Core::new(Fam::Year, s, e);
        // A bare "2026" (no "năm") is only a year in a plan's field.
        core.has_ngay = parts.with_nam;
        resolve(&mut core, Some(y1), reference, cal::year);
        return Some(core);
    }
    let mut core = Core::new(Fam::Year, s, e);
    core.has_ngay = true;
    match parts.rel {
        Some(rel) => {
            let by = match rel {
                "sau" | "tới" | "tiếp theo" | "kế tiếp" => 1,
                "trước" | "ngoái" | "qua" => -1,
                _ => 0,
            };
            core.past = by < 0;
            relative(&mut core, reference, |r| cal::year(r.year() + by));
        }
        None => {
            core.bare_unit = true;
            relative(&mut core, reference, |r| cal::year(r.year()));
        }
    }
    Some(core)
}

/// Count and unit of a duration match (re-read from its text), as the
/// regex `^(n)(?: \([^()]*\))? (unit)$` reads it: the count in digits or
/// words, perhaps a gloss in brackets ("15 (mười lăm) ngày"), the unit.
pub fn duration_parts(text: &str) -> Option<(u32, &'static str)> {
    const UNITS: [(&str, &str); 4] = [(" ngày làm việc", "wd"), (" ngày", "d"), (" tuần", "w"), (" tháng", "m")];
    let (head, unit) = UNITS.iter().find_map(|(word, unit)| Some((text.strip_suffix(word)?, *unit)))?;
    let (n, gloss) = head.split_at(head.find(" (").unwrap_or(head.len()));
    if let Some(inner) = gloss.strip_prefix(" (") {
        if inner.strip_suffix(')').is_none_or(|inside| inside.contains(['(', ')'])) {
            return None;
        }
    }
    let digits = (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit());
    if !digits && !NW.split('|').any(|w| w == n) {
        return None;
    }
    Some((number(n)?, unit))
}

/// The date `n` units after `from`.
pub fn add_duration(from: NaiveDate, n: u32, unit: &str) -> Option<NaiveDate> {
    match unit {
        "wd" => cal::add_working_days(from, n),
        "d" => cal::add_days(from, n as i64),
        "w" => cal::add_days(from, 7 * n as i64),
        _ => cal::add_months(from, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-read effective dates keep the regex's limits: no digit
    /// first in the gap, no ',;.()' in it, at most 1 + 150 characters.
    #[test]
    fn effective_dates_as_the_regex_read_them() {
        fn at(t: &str) -> Option<&str> {
            effective_from(t, 0).map(|(s, e)| &t[s..e])
        }
        assert_eq!(at("ban hành khi luật có hiệu lực thi hành"), Some("khi luật có hiệu lực thi hành"));
        assert_eq!(at("cùng thời điểm có hiệu lực"), Some("cùng thời điểm có hiệu lực"));
        assert_eq!(at("khi 2 luật có hiệu lực"), None);
        assert_eq!(at("khi luật, nghị định có hiệu lực"), None);
        let gap = "x".repeat(150);
        let longest = format!("khi a{gap} được ban hành");
        assert_eq!(at(&longest), Some(longest.as_str()));
        assert_eq!(at(&format!("khi a{gap}x được ban hành")), None);
    }

    #[test]
    fn spans_get_their_family() {
        for (span, fam) in [
            ("20/11/2025", "day"), ("2025-2030", "yr"), ("2025", "yr"), ("15 (mười lăm) ngày", "dur"),
            ("6 tháng đầu năm 2025", "half"), ("thứ hai tuần sau", "wday"), ("ngày mai", "rday"),
            ("ngày giáng sinh", "xmas"), ("tại kỳ họp thứ 10", "sess"), ("năm", "yr"), ("10 tháng 12", "day"),
        ] {
            assert_eq!(family_index(span).map(|i| PATTERNS[i].0), Some(fam), "{span}");
        }
    }

    /// The hand-read dates agree with the `day` pattern, groups and all,
    /// and the first-byte filter never skips the family that matches.
    #[test]
    fn days_and_families_as_the_regexes_read_them() {
        let heads = ["", "thứ hai ", "thứ 6 ngày ", "chủ nhật ngày mồng ", "thứ bảy, ", "ngày ", "ngày mùng ", "mồng ", "thứ ba ngày ngày "];
        let bodies = [
            "20/11/2025", "5/12", "05/7/25", "1/12/202", "31/6/2025/", "12/a", "123/4", "20-11-2025", "1.2.2025", "1-2-25", "20-110-2025",
            "20 tháng 11 năm 2025", "5 tháng mười hai", "10 tháng năm 2025", "3 tháng tư của năm 2026", "3 tháng 4, 2026", "3 tháng 4 / 2026",
            "3 tháng 4 /2026", "3 tháng 4/ 2026", "3 tháng 4/2026", "3 tháng 4 2026", "3 tháng 123", "3 tháng đầu năm", "6 tháng tới", "3 tháng giêng",
            "mười ngày", "năm 2025", "2025", "tháng 12",
        ];
        for head in heads {
            for body in bodies {
                let span = format!("{head}{body}");
                let want = anchored(2).and_then(|re| re.captures(&span)).and_then(|c| DayParts::from_captures(&c));
                assert_eq!(day_parts(&span), want, "{span}");
                let slow = (0..PATTERNS.len()).find(|&i| anchored(i).is_some_and(|re| re.is_match(&span)));
                assert_eq!(family_index(&span), slow, "{span}");
                if want.is_some() {
                    assert_eq!(slow, Some(2), "{span}");
                }
            }
        }
        for span in [
            "6 tháng đầu năm 2025", "nửa cuối năm nay", "ba tháng cuối năm", "3 ngày tới", "mười lăm năm qua", "15 (mười lăm) ngày",
            "hai mươi ngày làm việc", "thứ hai tuần sau", "chủ nhật này", "tại kỳ họp thứ 10", "ở hội nghị", "các phiên họp",
            "cuộc họp", "vào kỳ họp", "sau cuộc họp", "tháng 12/2025", "quý iv/2025", "tuần này", "năm 2025", "1999 - 2005", "năm nay",
            "hôm nay", "ngày mai", "bữa nay", "hàng tháng", "định kỳ 6 tháng", "mỗi năm", "hằng ngày", "thường xuyên", "liên tục",
            "ngay lập tức", "mùa hè này", "ngày giáng sinh", "lễ noel", "noel", "giáng sinh", "năm", "tháng", "quý", "tuần",
        ] {
            let slow = (0..PATTERNS.len()).find(|&i| anchored(i).is_some_and(|re| re.is_match(span)));
            assert!(slow.is_some(), "{span}");
            assert_eq!(family_index(span), slow, "{span}");
        }
    }

    /// Starts tried only near a "when" word find the effective dates that
    /// trying every start found.
    #[test]
    fn effective_dates_found_near_their_when_words() {
        fn every_start(folded: &str, from: usize) -> Option<(usize, usize)> {
            let rest = folded.get(from..)?;
            let may_begin = |b: u8| matches!(b, b'c' | b'p' | 0xC4 | b't' | b'n' | b'k' | b's');
            rest.bytes()
                .enumerate()
                .filter(|&(i, b)| may_begin(b) && rest.is_char_boundary(i))
                .find_map(|(i, _)| effective_at(folded, from + i).map(|e| (from + i, e)))
        }
        let gap = "ă".repeat(150);
        let mut texts: Vec<String> = vec![
            format!("khi a{gap} được ban hành"),
            format!("khi a{gap}x được ban hành"),
            format!("đồng thời với ngay sau khi {gap} có hiệu lực thi hành; sau khi x có hiệu lực"),
            "cùng thời điểm có hiệu lực, khi luật được thông qua và khi được".to_string(),
        ];
        // The corpus, and the shared dev corpus when present.
        texts.extend(crate::testdata::texts().into_iter().map(|(_, t)| t));
        assert!(EFFECTIVE_WHEN.iter().all(|w| EFFECTIVE_WHEN_ENDS.iter().any(|k| w.ends_with(k))));
        let mut found = 0;
        for text in &texts {
            let lower = crate::normalize::case::lower_same_len(text);
            let mut from = 0;
            loop {
                let want = every_start(&lower, from);
                assert_eq!(effective_from(&lower, from), want, "{}", &text[from..]);
                let Some((s, _)) = want else { break };
                found += 1;
                from = s + 1;
                while !lower.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        assert!(found >= 3, "{found}");
    }

    /// The family and groups of a match as the regexes read them, for the
    /// families [`hand_read`] knows (`None` for the others).
    fn hand_read_by_regex(span: &str) -> Option<HandRead<'_>> {
        let (i, c) = family_of(span)?;
        match PATTERNS[i].0 {
            "mon" => Some(HandRead::Month(MonthParts::from_captures(&c))),
            "qtr" => Some(HandRead::Quarter(QuarterParts::from_captures(&c))),
            "yr" => Some(HandRead::Year(YearParts::from_captures(&c))),
            "wk" => Some(HandRead::Week(g(&c, "wkrel"))),
            "dur" => Some(HandRead::Duration(g(&c, "dn")?, g(&c, "du") == Some("ngày làm việc"))),
            "rec" => Some(HandRead::Recurrence(g(&c, "ru").or(g(&c, "ru2")))),
            "ong" => Some(HandRead::Ongoing),
            "imm" => Some(HandRead::Immediate),
            _ => None,
        }
    }

    /// Every span the master (and the glossed durations) finds in `text`.
    fn master_spans(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let master = MASTER.find_at(text, at).map(|m| (m.start(), m.end()));
            let next = match (master, glossed_duration_from(text, at)) {
                (Some(m), Some(g)) => if g.0 <= m.0 { g } else { m },
                (m, g) => match m.or(g) { Some(x) => x, None => break },
            };
            spans.extend(text.get(next.0..next.1));
            at = next.1;
        }
        spans
    }

    /// The hand-read dates, months, quarters, weeks, years, durations and
    /// recurrence, ongoing and "at once" words agree with the regexes,
    /// family and groups, on every match in near-misses, the
    /// external date cases and the dev corpus (when present).
    #[test]
    fn hand_reads_as_the_regexes_read_them() {
        let mut texts: Vec<String> = [
            "tháng 12/2025", "tháng 12 / 2025", "tháng 12 /2025", "tháng 12/ 2025", "tháng 12 năm 2025", "tháng 5 của năm 2025",
            "tháng năm 2025", "tháng năm", "tháng 12 tới", "tháng tư này", "tháng mười hai", "tháng mười một/2025", "tháng mười",
            "tháng giêng năm 2026", "tháng chạp", "tháng 123", "tháng 1/202", "tháng 1/3025", "tháng sau", "tháng hiện tại",
            "tháng tiếp theo", "tháng kế tiếp", "tháng", "tháng x", "quý iv/2025", "quý 4 năm 2025", "quý iii", "quý ii của năm 2024",
            "quý i này", "quý 1 nay", "quý 5", "quý 12", "quý tiếp theo", "quý tiếp", "quý kế tiếp", "quý trước", "quý", "quý bốn/2026",
            "năm 2025", "năm 2025 - 2030", "năm 2025-2030", "2025–năm 2030", "2025 — 2030", "2025 đến năm 2030", "2020 tới 2025",
            "2025 -", "1999", "2099", "3025", "202", "năm ngoái", "năm nay", "năm tiếp theo", "năm kế tiếp", "năm hiện tại", "năm qua",
            "năm", "năm năm tới", "năm năm", "năm (5) tháng", "năm ngày", "năm tuần tới", "năm quý", "năm x", "tuần", "tuần này",
            "tuần tiếp theo", "tuần kế tiếp", "tuần hiện tại", "tuần trước", "tuần sau nữa", "thứ hai tuần sau",
            "15 ngày", "15 ngày làm việc", "1000 ngày", "mười lăm tuần", "hai mươi tháng", "ba mươi ngày", "ba tháng đầu năm",
            "5 tháng 12", "năm tháng", "15 (mười lăm) ngày", "15 () ngày", "3 ngày tới", "6 tháng cuối năm 2025", "tám ngày",
            "hàng tháng", "hằng năm", "mỗi quý", "định kỳ hàng tuần", "định kỳ", "định kỳ 6 tháng", "định kỳ sáu tháng",
            "định kỳ mỗi ngày", "định kỳ hàng", "hàng năm nay", "thường xuyên", "liên tục", "ngay", "ngay lập tức", "ngay tức thì",
            "ngay tức khắc", "ngay cả", "ngày mai",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Ok(t) = std::fs::read_to_string(root.join("tests/data/external/duckling_vi_time.json")) {
            texts.push(t);
        }
        // The corpus, and the shared dev corpus when present.
        texts.extend(crate::testdata::texts().into_iter().map(|(_, t)| t));
        let mut counts = std::collections::BTreeMap::new();
        for text in &texts {
            let lower = crate::normalize::case::lower_same_len(text);
            for span in master_spans(&lower) {
                let fam = family_index(span).map_or("-", |i| PATTERNS[i].0);
                let hand = hand_read(span);
                let count = counts.entry(fam).or_insert((0, 0));
                count.0 += 1;
                // What `scan` reads as a date first.
                if let Some(day) = day_parts(span).filter(|d| d.end == span.len()) {
                    let slow = family_of(span).and_then(|(i, c)| Some((PATTERNS[i].0, DayParts::from_captures(&c)?)));
                    assert_eq!(slow, Some(("day", day)), "{span}");
                    count.1 += 1;
                    continue;
                }
                if let Some(hand) = hand {
                    count.1 += 1;
                    assert_eq!(Some(hand), hand_read_by_regex(span), "{span}");
                }
            }
        }
        eprintln!("family: (matches, read by hand): {counts:?}");
    }

    /// Glossed durations by hand and the rest by the master find what the
    /// master with the gloss found.
    #[test]
    fn glossed_durations_as_the_regex_found_them() {
        let all: Vec<&str> = PATTERNS.iter().map(|(_, p)| p.as_str()).collect();
        let with_gloss = Regex::new(&all.join("|")).expect("literal regex");
        let long = format!("5 ({}) ngày", "ă".repeat(30));
        let longer = format!("5 ({}) ngày", "ă".repeat(31));
        for t in [
            "trong 15 (mười lăm) ngày làm việc", "trong mười lăm (15) ngày", "1150 (x) ngày", "khai (x) tuần", "năm (5) tháng", "hai mươi (20) ngày",
            "15 () ngày", "15 (a (b) ngày", "15 (a) b ngày", "15(a) ngày", "năm 2025 (ba) tháng 12", "3 (ba) ngày, 4 (bốn) tuần",
            "(a) 5 (b) tuần", long.as_str(), longer.as_str(), "ba mươi (30) tháng",
        ] {
            let mut want = Vec::new();
            let mut at = 0;
            while let Some(m) = with_gloss.find_at(t, at) {
                want.push((m.start(), m.end()));
                at = m.end();
            }
            let mut got = Vec::new();
            let mut at = 0;
            while at < t.len() {
                let master = MASTER.find_at(t, at).map(|m| (m.start(), m.end()));
                let glossed = glossed_duration_from(t, at);
                let next = match (master, glossed) {
                    (Some(m), Some(g)) => if g.0 <= m.0 { g } else { m },
                    (m, g) => match m.or(g) { Some(x) => x, None => break },
                };
                got.push(next);
                at = next.1;
            }
            assert_eq!(got, want, "{t}");
        }
    }

    #[test]
    fn duration_parts_by_hand() {
        assert_eq!(duration_parts("15 ngày làm việc"), Some((15, "wd")));
        assert_eq!(duration_parts("15 (mười lăm) ngày"), Some((15, "d")));
        assert_eq!(duration_parts("mười lăm ngày"), Some((15, "d")));
        assert_eq!(duration_parts("hai mươi tuần"), Some((20, "w")));
        assert_eq!(duration_parts("03 tháng"), Some((3, "m")));
        assert_eq!(duration_parts("1000 ngày"), None);
        assert_eq!(duration_parts("15 (a (b) ngày"), None);
        assert_eq!(duration_parts("15 (a) b ngày"), None);
        assert_eq!(duration_parts("ngày"), None);
    }

    #[test]
    fn pre_checks_agree() {
        for t in ["Hoàn thành TRONG THÁNG 12", "gửi báo cáo", "NGAY", "số 5", "Hằng Năm"] {
            let lower = crate::normalize::case::lower_same_len(t);
            assert_eq!(may_hold_time(&lower), may_hold_time_any_case(t), "{t}");
        }
        assert!(!may_hold_time("gửi báo cáo"));
    }
}

