//! Is a clause a task (SPEC.md §1)? Directive cues, statement cues, and the
//! small clause-level decisions of the walk: follow-up sentences, comma
//! clauses that start a new action, repeated statements.

use super::deadline::{self, DeadlineHit};
use crate::normalize::case::to_lowercase;
use chrono::NaiveDate;
use super::wordset::{is_edge, WordSet, EDGE};
use regex::Regex;
use std::sync::LazyLock;

/// What the walk knows about a clause when it decides.
pub struct Evidence<'a> {
    /// The clause, lower-cased (the patterns are written in lower case).
    pub lower: &'a str,
    pub has_lead: bool,
    pub has_action: bool,
    pub has_deadline: bool,
    /// Whether the sentence holds a directive word (yêu cầu, giao, đề nghị,
    /// cần, phải ...): asked only when the decision needs it.
    pub sentence_cue: &'a dyn Fn() -> bool,
    /// The clause is in a numbered item (not a prose paragraph).
    pub is_item: bool,
}

/// An assignment to a named body ("giao Bộ ...", "giao cho ..."), not "giao dịch".
const ASSIGN_WORDS: [&str; 14] = [
    "giao cho", "giao nhiệm vụ", "giao bộ", "giao sở", "giao ủy ban", "giao ubnd", "giao các", "giao cơ quan", "giao đơn vị",
    "giao văn phòng", "giao ngân hàng", "giao thanh tra", "giao đài", "giao viện",
];

/// A word list with [`ASSIGN_WORDS`] spliced in at `at`.
fn with_assign(words: &[&'static str], at: usize) -> WordSet {
    let mut all: Vec<&str> = words.to_vec();
    all.splice(at..at, ASSIGN_WORDS);
    WordSet::new(&all)
}

/// A regex for any of the words `alts` standing as words, after `prefix`;
/// group 1 is the word found.
fn words(prefix: &str, alts: &str) -> Regex {
    Regex::new(&format!("{prefix}(?:^|{EDGE})({alts})(?:$|{EDGE})")).expect("literal regex")
}

// Words that make a sentence a directive, and a report of what happened.
// Patterns, not word automata: asked only whether a word is there, a
// regex's literal prefilter skips most text, while the automaton must visit
// every byte to report every overlapping word.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    words(
        "",
        &format!(
            "yêu cầu|{}|đề nghị|chỉ đạo|cần|phải|khẩn trương|chủ trì|phối hợp|tập trung|tiếp tục|chủ động|nghiêm túc|quyết liệt|hoàn thành|trình|được giao",
            ASSIGN_WORDS.join("|")
        ),
    )
});
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    words("", "đã|đang|cho thấy|cho biết|theo báo cáo|ghi nhận|đánh giá cao|chia sẻ|phát biểu|tham dự|dự kiến sẽ|nhấn mạnh rằng|kết quả đạt được|đạt được|tăng trưởng|chiếm|vừa được|vừa ban hành|vừa ký")
});
// A statement word right after the subject decides even when a cue word
// follows later: within the first STATEMENT_REACH characters, before any ';' or ':'.
const STATEMENT_HEAD_WORDS: [&str; 10] =
    ["đã", "đang", "vừa", "cho thấy", "được đẩy mạnh", "được triển khai", "được duy trì", "có nhiều", "có chuyển biến", "tiếp tục được"];
static STATEMENT_HEAD: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&STATEMENT_HEAD_WORDS));
const STATEMENT_REACH: usize = 60;
/// Pieces one of which every head word holds (a test checks it): few
/// clause heads hold any, and a memchr scan for the bytes the first four
/// open with ("đ" opens with 0xC4), and a memmem search for each of the
/// last two ('c' opens too many words to scan for), say so for a fraction
/// of a word search.
const STATEMENT_HEAD_PIECES: [&str; 6] = ["đã", "đang", "được", "vừa", "cho thấy", "có "];
const STATEMENT_HEAD_SCANNED: usize = 4;
static STATEMENT_HEAD_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| STATEMENT_HEAD_PIECES[STATEMENT_HEAD_SCANNED..].iter().map(|p| memchr::memmem::Finder::new(p)).collect());
/// More than a head word and the edge character before it take (a test checks it).
const STATEMENT_HEAD_SLACK: usize = 32;

/// Whether a head word may start before byte `reach` of `text`: a
/// piece of one occurs in the bytes a word search would read.
fn may_hold_statement_head(text: &str, reach: usize) -> bool {
    let b = &text.as_bytes()[..text.len().min(reach.saturating_add(STATEMENT_HEAD_SLACK))];
    let scanned = &STATEMENT_HEAD_PIECES[..STATEMENT_HEAD_SCANNED];
    // memchr jumps to the next candidate start.
    let mut i = 0;
    while let Some(k) = memchr::memchr2(0xC4, b'v', &b[i..]) {
        let rest = &b[i + k..];
        if scanned.iter().any(|p| rest.starts_with(p.as_bytes())) {
            return true;
        }
        i += k + 1;
    }
    STATEMENT_HEAD_FINDERS.iter().any(|f| f.find(b).is_some())
}
// Narrative of the meeting, assessments and quotations: never an order.
// (The notice's closing formula is read by hand: `notice_to_know`.)
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    words(
        "",
        concat!(
            r"chủ trì (?:phiên họp|cuộc họp|buổi làm việc|hội nghị)|tham dự|phát biểu|trân trọng thông báo",
            r"|còn (?:hạn chế|chậm|lúng túng|thấp|yếu|bất cập|nhiều khó khăn)|chưa (?:đồng đều|rõ ràng|nghiêm|theo kịp|đáp ứng|cao|hiệu quả)",
            r"|chậm được|thiếu sự|thiếu cụ thể|được đưa vào (?:vận hành|sử dụng|khai thác)|được tập trung|ngày càng được",
            r"|mang lại|biểu dương|ghi nhận|hoan nghênh|đánh giá cao|cảm ơn",
            r"|được (?:tập trung |tiếp tục |đặc biệt )?(?:đẩy mạnh|quan tâm|cải thiện|nâng cao|tăng cường|duy trì)(?: [^ ,;]+){0,3}$",
            r"|là (?:nền tảng|động lực|thước đo|trung tâm|chủ thể|đột phá)|(?:nhấn mạnh|cho biết|khẳng định|cho hay)(?: khi [^,.]*)?$",
            r"|một số nội dung|các nhóm nhiệm vụ|những nội dung sau|như sau\s*:?$",
            // Closing articles of decisions: who executes it, when it takes effect.
            r"|chịu trách nhiệm thi hành|có hiệu lực (?:thi hành )?(?:kể )?từ|thay thế quyết định",
        ),
    )
});

/// Narrative of the meeting, assessments and quotations (lower case): never an order.
fn narrative(lower: &str) -> bool {
    // One pattern (its literal prefilter skips most text faster than an
    // automaton that must report every overlapping word).
    NARRATIVE.is_match(lower) || notice_to_know(lower)
}

/// "thông báo để các bộ, ngành ... biết": the closing formula of a notice,
/// with at most 60 characters and no full stop between the two words (by
/// hand: as a pattern, a bounded run of any character makes a big automaton).
fn notice_to_know(lower: &str) -> bool {
    const HEAD: &str = "thông báo để ";
    const TAIL: &str = "biết";
    // A searcher built once: `str::match_indices` builds one per call, which
    // cost more than the search on every clause.
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(HEAD));
    let ends_word = |end: usize| lower[end..].chars().next().is_none_or(is_edge);
    FINDER.find_iter(lower.as_bytes()).any(|i| {
        if !lower[..i].chars().next_back().is_none_or(is_edge) {
            return false;
        }
        let from = i + HEAD.len();
        let gap = lower[from..].char_indices().map(|(k, _)| from + k).chain(std::iter::once(lower.len()));
        gap.take(61).take_while(|&k| !lower[from..k].contains('.')).any(|k| lower[k..].starts_with(TAIL) && ends_word(k + TAIL.len()))
    })
}
// Openers of a narrative sentence: the date of the meeting, the source of a report.
static NARRATIVE_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:sáng|chiều|tối|trưa)?\s*(?:ngày \d|theo (?:các )?báo cáo|theo đề nghị|xét đề nghị|thông báo của|bên cạnh|từ đầu năm|tham dự|quan điểm này|kết quả)").expect("literal regex")
});
// An order word that overrides narrative cues (the assignments after "yêu cầu").
const STRONG_CUE_WORDS: [&str; 6] = ["yêu cầu", "được giao", "đề nghị", "phải", "cần", "khẩn trương"];
static STRONG_CUE: LazyLock<WordSet> = LazyLock::new(|| with_assign(&STRONG_CUE_WORDS, 1));
/// Pieces one of which every [`STRONG_CUE`] word holds (a test checks it):
/// nine texts in ten hold none, and a few memmem scans say so for a
/// fraction of the automaton's pass, which visits every byte.
const STRONG_CUE_PIECES: [&str; 5] = ["giao", "cầ", "đề nghị", "phải", "khẩn"];
static STRONG_CUE_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| STRONG_CUE_PIECES.iter().map(|p| memchr::memmem::Finder::new(p)).collect());

// Section labels of plans and administrative procedures, standing alone.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:tổ chức thực hiện|thời hạn giải quyết|cách thức thực hiện|trình tự thực hiện|thành phần(?:, số lượng)? hồ sơ|số lượng hồ sơ|đối tượng thực hiện|cơ quan (?:thực hiện|giải quyết)|kết quả thực hiện|phí, lệ phí|lệ phí|yêu cầu, điều kiện|căn cứ pháp lý|danh sách[^.]{0,30}|kinh phí thực hiện|nguồn kinh phí|trách nhiệm thi hành|điều khoản thi hành|hiệu lực thi hành)\s*:?$").expect("literal regex")
});

static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:việc này|nhiệm vụ này|các nhiệm vụ này|nội dung này|những nhiệm vụ này)\s").expect("literal regex")
});
// Verbs that start a task of their own after a comma.
static NEW_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:khẩn trương |đồng thời |và )?(báo cáo|trình|ban hành|số hóa|xây dựng|gửi|tổ chức|hoàn thiện|công bố|phê duyệt|cập nhật|hoàn thành)(?:$|{EDGE})")).expect("literal regex")
});
// "hoàn thành" directly followed by a time word closes the task before it.
static COMPLETION_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:hoàn thành|xong)(?: và [^,;]{{0,40}}?)? (?:trong|trước|ngay|chậm nhất|ngày|tháng|năm|quý|đến|cuối)(?:$|{EDGE})")).expect("literal regex")
});

/// The clause reports what happened: a past or ongoing verb near its start
/// ("Nhiều bộ, ngành đã hoàn thành ..."), but not a relative clause such as
/// "các nhiệm vụ đã được giao".
fn statement_head(text: &str) -> bool {
    // The leftmost match decides (a later one is further from the subject),
    // and only one that starts within the head's STATEMENT_REACH characters.
    // Character STATEMENT_REACH + 1 starts at most four bytes a character
    // in: most heads are ruled out before their characters are counted.
    if !may_hold_statement_head(text, 4 * (STATEMENT_REACH + 1)) {
        return false;
    }
    let reach = nth_char_start(text, STATEMENT_REACH + 1).unwrap_or(text.len() + 1);
    if !may_hold_statement_head(text, reach) {
        return false;
    }
    let Some(found) = STATEMENT_HEAD.find_starting_before(text, reach) else { return false };
    if text[..found.start].contains([';', ':']) {
        return false;
    }
    let word = &text[found.word.0..found.word.1];
    let after = text[found.word.1..].trim_start();
    // `text` is lower case here.
    let relative = ["được giao", "giao", "đề ra", "được phê duyệt", "ban hành", "được ban hành", "xác định", "cam kết", "thống nhất", "được", "có"];
    !(word == "đã" && relative.iter().any(|r| after.starts_with(r)))
}

/// Byte offset of the `n`th character (from 0) of `text`, as
/// `char_indices().nth(n)`: the characters start at the bytes that are no
/// UTF-8 continuation bytes, counted without decoding.
fn nth_char_start(text: &str, n: usize) -> Option<usize> {
    // Fewer bytes than n + 1 hold fewer characters.
    if text.len() <= n {
        return None;
    }
    text.bytes().enumerate().filter(|&(_, b)| b & 0xC0 != 0x80).nth(n).map(|(i, _)| i)
}

static ASSESSMENT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:về |tình hình |đánh giá )?(?:kết quả|tình hình|đánh giá|tồn tại|hạn chế|khó khăn|nguyên nhân|bối cảnh|bài học|mục tiêu|mục đích|quan điểm|căn cứ|sự cần thiết|phạm vi|đối tượng|giải thích từ ngữ|tầm nhìn|định hướng)").expect("literal regex")
});
static DIRECTIVE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"nhiệm vụ|giải pháp|chỉ đạo|kiến nghị|đề xuất|phương hướng|tổ chức thực hiện").expect("literal regex"));

/// A heading of a section that reports results or problems, not orders.
pub fn is_assessment_heading(heading: &str) -> bool {
    is_assessment_heading_lower(&to_lowercase(heading))
}

/// [`is_assessment_heading`] of a lower-case heading.
pub fn is_assessment_heading_lower(heading: &str) -> bool {
    let h = heading.trim();
    h.chars().nth(119).is_none() && ASSESSMENT_HEADING.is_match(h) && !DIRECTIVE_HEADING.is_match(h)
}

/// The text only reports or assesses (a past verb near its start, narrative
/// or assessment words) and gives no order: the items under such a heading
/// report too ("Thứ tư, Đề án 06 mang lại hiệu quả thiết thực ...").
pub fn is_statement(text: &str) -> bool {
    is_statement_lower(&to_lowercase(text))
}

/// [`is_statement`] of a lower-case text.
pub fn is_statement_lower(lower: &str) -> bool {
    (statement_head(lower) || narrative(lower)) && !strong_cue(lower)
}

/// An order word used as one: "yêu cầu của thực tiễn", "đáp ứng yêu cầu"
/// name requirements, not an order.
fn strong_cue(lower: &str) -> bool {
    if !STRONG_CUE_FINDERS.iter().any(|f| f.find(lower.as_bytes()).is_some()) {
        return false;
    }
    STRONG_CUE.find_iter(lower).into_iter().any(|m| {
        let w = &lower[m.word.0..m.word.1];
        let after = lower[m.end..].trim_start();
        let before = lower[..m.start].trim_end();
        !(w.contains("yêu cầu") && (after.starts_with("của") || before.ends_with("đáp ứng") || before.ends_with("theo kịp") || before.ends_with("theo")))
    })
}

/// The text gives an order in so many words (yêu cầu, giao ..., đề nghị,
/// phải, cần, khẩn trương), not only a verb.
/// `lower` is lower case.
pub fn has_order_word(lower: &str) -> bool {
    strong_cue(lower)
}

/// The clause reports what happened (a past or ongoing verb near its start)
/// and gives no order: later subject-less clauses of its sentence report too.
pub fn is_report(lower: &str) -> bool {
    statement_head(lower) && !strong_cue(lower)
}

/// The sentence (lower case) holds a directive word.
pub fn has_directive_cue(lower: &str) -> bool {
    CUE.is_match(lower)
}

/// A block with items under it reads as a heading ("3. Một số nhiệm vụ
/// trọng tâm", "(4) Về việc triển khai ...") rather than a finished order
/// that happens to be followed by a paragraph: short, and no sentence end.
pub fn looks_like_heading(body: &str) -> bool {
    let b = body.trim_end();
    !b.ends_with(['.', ';', '!', '?']) && b.split_whitespace().count() <= 25
}

/// The clause (lower case) is no task whatever its doer, action and
/// deadline: too short, a section label, a report of what happened, or
/// narrative. The walk asks this before reading those fields. `report`
/// gives [`is_report`] of the clause (the walk may know it already).
pub fn rules_out(lower: &str, report: impl FnOnce() -> bool) -> bool {
    // The patterns are written in lower case: matching a lower-cased copy keeps
    // them free of case-insensitive Unicode classes, which are slow to build.
    lower.split_whitespace().nth(2).is_none()
        || LABEL.is_match(lower.trim())
        || report()
        || narrative(lower) && !(strong_cue(lower) && !lower.contains("thông báo"))
}

/// Decides whether a clause is a task.
#[cfg(test)]
fn is_task(e: &Evidence) -> bool {
    !rules_out(e.lower, || is_report(e.lower)) && is_task_unless_ruled_out(e)
}

/// [`is_task`] for a clause that [`rules_out`] has already let through.
pub fn is_task_unless_ruled_out(e: &Evidence) -> bool {
    let text = e.lower;
    // The word tests below matter only without a deadline; the cheap ones
    // decide first, and the cue words are read only when they decide.
    if !e.has_deadline {
        // A cue word of the clause is one of its sentence too (clauses end at
        // marks that are word edges): no need to look when the sentence has none.
        let cue_here = std::cell::OnceCell::new();
        let cue_here = || *cue_here.get_or_init(|| (e.sentence_cue)() && CUE.is_match(text));
        if !e.has_action && !cue_here() {
            return false;
        }
        if NARRATIVE_OPENER.is_match(text) {
            return false;
        }
        // Without an action the cue word is known to be there: no need to look.
        if e.has_action && STATEMENT.is_match(text) && !cue_here() {
            return false;
        }
    }
    if e.is_item {
        return true;
    }
    // Prose: an order needs an action, and a doer or a directive word in its sentence.
    e.has_action && (e.has_lead || e.has_deadline || (e.sentence_cue)())
}

/// "Việc này cần hoàn thành trong tháng 12/2025." — a sentence that only
/// gives the deadline of the task before it.
/// `lower` is the lower case of `sentence`.
pub fn follow_up_deadline(sentence: &str, lower: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    if !FOLLOW_UP.is_match(prefix(lower.trim_start(), 40)) {
        return None;
    }
    deadline::find_deadline_in(sentence, lower, reference)
}

// A verb at the end of the text before a comma: "xây dựng, ban hành Đề án" is one action.
static ENDS_WITH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s,])(?:xây dựng|hoàn thiện|trình|ban hành|rà soát|sửa đổi|bổ sung|nghiên cứu|cập nhật|phê duyệt|tổ chức|triển khai|hoàn thành|thẩm định|tổng hợp|đánh giá|theo dõi|đôn đốc|hướng dẫn|kiểm tra)$").expect("literal regex")
});
static REPORT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:khẩn trương |định kỳ )?(?:gửi )?báo cáo").expect("literal regex"));
static RECURS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:hàng|hằng|định kỳ) ?(?:tháng|quý|năm|tuần|ngày)?").expect("literal regex"));

/// The text after a comma (lower case) starts an action of its own (and
/// not just the completion time of the clause before it).
pub fn starts_new_action(lower: &str) -> bool {
    // Most commas separate names or nouns: the first letter of every word
    // NEW_ACTION opens with rules them out before the pattern runs.
    if !lower.starts_with(['k', 'đ', 'v', 'b', 't', 's', 'x', 'g', 'h', 'c', 'p']) {
        return false;
    }
    // The patterns look at the first words only.
    let rest = prefix(lower, 160);
    NEW_ACTION.is_match(rest) && !COMPLETION_TIME.is_match(rest)
}

/// Whether a comma between `before` and `rest` (which has its own deadline)
/// separates two tasks (SPEC §1): not inside a list of verbs ("xây dựng,
/// ban hành ..."); a report is a task of its own when it recurs ("báo cáo
/// ... trước ngày 20/11 và hàng tháng"), other actions when the part before
/// has its own time too ("..., hoàn thành trong tháng 12, số hóa 100% ...
/// trong năm 2026").
/// Both texts are lower case.
pub fn comma_splits(before: &str, rest: &str, before_has_deadline: impl FnOnce() -> bool) -> bool {
    // Only the end of the part before the comma matters (a verb right before it).
    let before = before.trim_end();
    let mut cut = before.len().saturating_sub(60);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let rest = rest.trim_start();
    if ENDS_WITH_VERB.is_match(&before[cut..]) {
        return false;
    }
    if REPORT.is_match(rest) {
        return RECURS.is_match(rest);
    }
    before_has_deadline()
}

/// The words of a text for comparing statements: lower-case word tokens
/// as sorted hashes (comparing numbers is much cheaper than strings when a
/// task is compared with many others), and a 256-bit summary of which
/// hashes occur, which rules out most pairs before any counting (64 bits
/// left half the pairs to count). The text is split when it is first
/// compared (some never are), and the hashes sorted only when a pair needs
/// counting (under a third of the texts on the dev corpus).
#[derive(Clone, Debug, Default)]
pub struct Words {
    text: Box<str>,
    /// `text` is lower case already.
    lowered: bool,
    read: std::cell::OnceCell<WordHashes>,
    /// The hashes sorted, for counting the words two texts share: made only
    /// for the few pairs that the summaries do not tell apart.
    sorted: std::cell::OnceCell<Vec<u64>>,
}

#[derive(Clone, Debug, Default)]
struct WordHashes {
    hashes: Vec<u64>,
    bloom: [u64; 4],
}

impl Words {
    pub fn of(s: &str) -> Words {
        Words { text: s.into(), lowered: false, ..Words::default() }
    }

    /// [`Words::of`] a text given in lower case.
    pub fn of_lower(lower: &str) -> Words {
        Words { text: lower.into(), lowered: true, ..Words::default() }
    }

    fn read(&self) -> &WordHashes {
        self.read.get_or_init(|| {
            if self.lowered {
                WordHashes::of_lower(&self.text)
            } else {
                WordHashes::of_lower(&crate::normalize::case::lower_same_len(&self.text))
            }
        })
    }

    fn sorted(&self) -> &[u64] {
        self.sorted.get_or_init(|| {
            let mut h = self.read().hashes.clone();
            h.sort_unstable();
            h
        })
    }

    fn len(&self) -> usize {
        self.read().hashes.len()
    }

    /// At most this many of our tokens (repeats count) occur in `other`:
    /// each summary bit we have and `other` lacks stands for a token of ours
    /// that it lacks.
    fn most_common_with(&self, other: &Words) -> usize {
        let (ours, theirs) = (&self.read().bloom, &other.read().bloom);
        let lacking: u32 = ours.iter().zip(theirs).map(|(a, b)| (a & !b).count_ones()).sum();
        self.len().saturating_sub(lacking as usize)
    }
}

impl WordHashes {
    fn of_lower(lower: &str) -> WordHashes {
        // FxHash, eight bytes a step (FNV's multiply per byte was a chain of
        // dependent multiplies): the tokens are short and not chosen by an
        // adversary; a collision would only make two statements look a
        // little more alike. The length goes in too, so "ab" and "ab\0" differ.
        let hash = |t: &[u8]| {
            let mut h = crate::fxhash::FxHasher::default();
            std::hash::Hasher::write(&mut h, t);
            std::hash::Hasher::write_usize(&mut h, t.len());
            std::hash::Hasher::finish(&h)
        };
        // One walk over the bytes, a character at a time (see `token_char`).
        let b = lower.as_bytes();
        let mut hashes: Vec<u64> = Vec::with_capacity(b.len() / 4);
        let mut start = None;
        let mut i = 0;
        while i < b.len() {
            let (word, len) = token_char(lower, i);
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    hashes.push(hash(&b[s..i]));
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
        if let Some(s) = start {
            hashes.push(hash(&b[s..]));
        }
        let mut bloom = [0u64; 4];
        for h in &hashes {
            // The top byte picks one of 256 bits.
            bloom[(h >> 62) as usize] |= 1 << ((h >> 56) & 63);
        }
        WordHashes { hashes, bloom }
    }
}

/// Whether the character at byte `i` of `s` (a char boundary) is
/// alphanumeric, and its length: the letters of Vietnamese (Latin-1, Latin
/// Extended, the Vietnamese block) are decided from their first bytes, any
/// other character is decoded.
fn token_char(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    match b[i] {
        x if x.is_ascii() => (x.is_ascii_alphanumeric(), 1),
        // U+00C0..U+00FF: letters but × and ÷.
        0xC3 => (!matches!(b.get(i + 1), Some(0x97 | 0xB7)), 2),
        // U+0100..U+027F: Latin Extended-A and -B, IPA: all letters.
        0xC4..=0xC9 => (true, 2),
        // U+1E00..U+1EFF: Latin Extended Additional, all letters.
        0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => (true, 3),
        _ => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (super::is_alphanumeric(c), c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// How many tokens of `short` (with repeats) occur in `long`; both sorted.
fn common<T: Ord>(short: &[T], long: &[T]) -> usize {
    let mut j = 0;
    let mut n = 0;
    for t in short {
        while j < long.len() && long[j] < *t {
            j += 1;
        }
        if j < long.len() && long[j] == *t {
            n += 1;
        }
    }
    n
}

/// The start of `s`, at most about `n` bytes, cut at white space (so that
/// patterns ending at a word boundary still match exactly).
fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut n = n;
    while !s.is_char_boundary(n) {
        n += 1;
    }
    match s[n..].find(char::is_whitespace) {
        Some(k) => &s[..n + k],
        None => s,
    }
}

/// One clause restates the other: nearly all words of the shorter are in the longer.
pub fn restates(a: &Words, b: &Words) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 8 {
        return false;
    }
    let enough = |common: usize| common as f64 / short.len() as f64 >= 0.85;
    enough(short.most_common_with(long)) && enough(common(short.sorted(), long.sorted()))
}

/// Two deliverable texts name the same product (token overlap: the tokens
/// of `a`, repeats counted, found in `b`).
pub fn same_product(a: &Words, b: &Words) -> bool {
    if a.len() == 0 || b.len() == 0 {
        return false;
    }
    let total = (a.len() + b.len()) as f64;
    let enough = |common: usize| 2.0 * common as f64 / total >= 0.8;
    enough(a.most_common_with(b)) && enough(common(a.sorted(), b.sorted()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str) -> Evidence<'static> {
        let lower: &'static str = Box::leak(to_lowercase(text).into_boxed_str());
        Evidence { lower, has_lead: true, has_action: true, has_deadline: false, sentence_cue: &|| true, is_item: false }
    }

    #[test]
    fn statements_are_not_tasks() {
        assert!(!is_task(&ev("Nhiều bộ, ngành đã hoàn thành trên 70% nhiệm vụ")));
        assert!(!is_task(&ev("Sở Y tế đang triển khai hệ thống bệnh án điện tử")));
        assert!(is_task(&ev("Sở Y tế khẩn trương triển khai hệ thống bệnh án điện tử")));
    }

    #[test]
    fn narrative_and_assessments_are_not_tasks() {
        for t in [
            "Cổng sáng kiến và sàn giao dịch dữ liệu quốc gia được đưa vào vận hành",
            "Công tác phối hợp giữa các sở, ngành còn hạn chế",
            "Sáng ngày 3/4, Chủ tịch Ủy ban nhân dân tỉnh chủ trì hội nghị trực tuyến",
            "Văn phòng Chính phủ trân trọng thông báo để các bộ, ngành, địa phương biết, thực hiện",
            "dữ liệu là nền tảng, con người là trung tâm",
            "Bộ trưởng Bộ Tài chính, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Quyết định này",
            "Quyết định này có hiệu lực kể từ ngày ký",
            "Tổ chức thực hiện",
            "Thời hạn giải quyết",
            "Danh sách đề nghị:",
        ] {
            assert!(!is_task(&ev(t)), "{t}");
        }
        assert!(is_task(&ev("Bộ Tài chính được giao xây dựng sàn giao dịch tín chỉ carbon")));
    }

    #[test]
    fn the_closing_formula_of_a_notice_is_narrative() {
        assert!(notice_to_know("văn phòng chính phủ thông báo để các bộ, ngành biết, thực hiện"));
        assert!(notice_to_know("thông báo để biết"));
        assert!(!notice_to_know("thông báo để các bộ. ngành biết"), "a full stop between");
        assert!(!notice_to_know("thông báo để các bộ biếtx"), "biết must end a word");
        assert!(!notice_to_know(&format!("thông báo để {} biết", "x".repeat(60))), "more than 60 characters between");
        assert!(notice_to_know(&format!("thông báo để {}biết", "ạ ".repeat(30))), "60 characters between");
        assert!(!notice_to_know("xthông báo để bộ biết"));
    }

    #[test]
    fn assessment_headings() {
        assert!(is_assessment_heading("VỀ KẾT QUẢ ĐẠT ĐƯỢC"));
        assert!(is_assessment_heading("Về đánh giá kết quả 6 tháng đầu năm 2025"));
        assert!(is_assessment_heading("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
        assert!(is_assessment_heading("MỤC TIÊU"));
        assert!(is_assessment_heading("MỤC ĐÍCH, YÊU CẦU"));
        assert!(is_assessment_heading("Mục tiêu cụ thể đến năm 2030"));
        assert!(!is_assessment_heading("NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"));
        assert!(!is_assessment_heading("Mục tiêu, nhiệm vụ và giải pháp"));
        assert!(!is_assessment_heading("Kết quả đầu ra và nhiệm vụ cụ thể"));
        assert!(!is_assessment_heading("Bộ Y tế trình Đề án về kết quả khám chữa bệnh"));
    }

    #[test]
    fn comma_clauses_with_a_new_action() {
        assert!(starts_new_action(&to_lowercase("báo cáo Ủy ban nhân dân tỉnh trước ngày 5/12")));
        assert!(starts_new_action(&to_lowercase("số hóa toàn bộ hồ sơ trong quý I")));
        assert!(!starts_new_action(&to_lowercase("hoàn thành trong tháng 12/2025 và thực hiện trong năm 2026")));
        assert!(!starts_new_action(&to_lowercase("hoàn thành và tổ chức triển khai ngay trong tháng 12")));
        assert!(!starts_new_action(&to_lowercase("bảo đảm tiến độ")));
    }

    #[test]
    fn the_head_pieces_cover_the_head_words() {
        for w in STATEMENT_HEAD_WORDS {
            assert!(STATEMENT_HEAD_PIECES.iter().any(|p| w.contains(p)), "{w}");
            assert!(w.len() + 4 <= STATEMENT_HEAD_SLACK, "{w}");
        }
        for p in &STATEMENT_HEAD_PIECES[..STATEMENT_HEAD_SCANNED] {
            assert!(matches!(p.as_bytes()[0], 0xC4 | b'v'), "{p}");
        }
        for t in ["bộ y tế đã làm", "x vừa", "có nhiều", "cho thấy", "tiếp tục được giao"] {
            assert!(may_hold_statement_head(t, t.len()), "{t}");
        }
        assert!(!may_hold_statement_head("bộ y tế chủ trì", 100));
    }

    #[test]
    fn the_strong_cue_pieces_cover_the_strong_cue_words() {
        for w in STRONG_CUE_WORDS.iter().chain(&ASSIGN_WORDS) {
            assert!(STRONG_CUE_PIECES.iter().any(|p| w.contains(p)), "{w}");
        }
    }

    /// Clauses and sentences (lower case) of the corpus texts, and of the
    /// shared dev corpus when present (developer machines).
    fn corpus_pieces() -> Vec<String> {
        let mut out = Vec::new();
        for (_, text) in crate::testdata::texts() {
            let lower = crate::normalize::case::lower_same_len(&text);
            out.extend(lower.split(['.', '\n']).map(str::to_string));
            out.extend(lower.split(['.', '\n', ',', ';', ':']).map(str::trim).map(str::to_string));
        }
        out
    }

    #[test]
    fn the_pre_checks_pass_whatever_the_word_searches_find() {
        let pieces = corpus_pieces();
        assert!(pieces.len() > 100, "{}", pieces.len());
        let mut found = [0; 2];
        for t in &pieces {
            let reach = nth_char_start(t, STATEMENT_REACH + 1).unwrap_or(t.len() + 1);
            if STATEMENT_HEAD.find_starting_before(t, reach).is_some() {
                found[0] += 1;
                assert!(may_hold_statement_head(t, 4 * (STATEMENT_REACH + 1)) && may_hold_statement_head(t, reach), "{t}");
            }
            if !STRONG_CUE.find_iter(t).is_empty() {
                found[1] += 1;
                assert!(STRONG_CUE_FINDERS.iter().any(|f| f.find(t.as_bytes()).is_some()), "{t}");
            }
        }
        assert!(found.iter().all(|&n| n > 10), "{found:?}");
    }

    #[test]
    fn the_summaries_never_count_fewer_common_words_than_there_are() {
        let words: Vec<Words> = corpus_pieces().iter().map(|t| Words::of_lower(t)).collect();
        for pair in words.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(a.most_common_with(b) >= common(a.sorted(), b.sorted()), "{a:?} {b:?}");
            assert!(b.most_common_with(a) >= common(b.sorted(), a.sorted()), "{a:?} {b:?}");
        }
    }

    #[test]
    fn char_starts_from_bytes() {
        let chars: Vec<char> = (0..=0x2FFFFu32).step_by(97).filter_map(char::from_u32).chain(['ạ', 'a', 'đ', '😀']).collect();
        for w in chars.windows(7).step_by(5) {
            let s: String = w.iter().collect();
            for n in 0..9 {
                assert_eq!(nth_char_start(&s, n), s.char_indices().nth(n).map(|(i, _)| i), "{s:?} {n}");
            }
        }
    }

    #[test]
    fn prefixes_cut_on_char_boundaries() {
        let s = "ạ".repeat(100);
        assert_eq!(prefix(&s, 41), s.as_str());
        assert_eq!(prefix("ạạ ạạ ạạ", 4), "ạạ");
    }

    #[test]
    fn comma_split_decisions() {
        assert!(comma_splits(&to_lowercase("quyết liệt triển khai Chương trình tín dụng"), &to_lowercase("báo cáo Thủ tướng Chính phủ trước ngày 20/11 và hàng tháng"), || false));
        assert!(!comma_splits(&to_lowercase("hoàn thiện hồ sơ dự án Luật"), &to_lowercase("báo cáo Chính phủ trước ngày 15/9"), || false));
        assert!(!comma_splits(&to_lowercase("hỗ trợ các thành phố triển khai xây dựng"), &to_lowercase("ban hành Đề án đô thị thông minh trong tháng 12"), || false));
        assert!(comma_splits(&to_lowercase("hoàn thành và tổ chức triển khai trong tháng 12/2025"), &to_lowercase("số hóa 100% hồ sơ trong năm 2026"), || true));
        assert!(!comma_splits(&to_lowercase("hoàn thiện hồ sơ"), &to_lowercase("trình Quốc hội tại Kỳ họp thứ 10"), || false));
    }

    #[test]
    fn requirement_nouns_are_not_orders() {
        assert!(!is_task(&ev("Nhiều thể chế chậm được sửa đổi, chưa theo kịp yêu cầu của thực tiễn")));
        assert!(!is_task(&ev("Trong tháng 10/2025, Chính phủ đã ban hành 10 Nghị định")));
        assert!(is_report(&to_lowercase("Bộ Công an đã triển khai quy trình đổi thẻ")));
        assert!(!is_report(&to_lowercase("Bộ Công an khẩn trương triển khai quy trình đổi thẻ")));
    }

    #[test]
    fn words_split_as_the_char_rule_says() {
        // Every character up to U+2FFFF, between and inside ASCII words.
        let chars: Vec<char> = (0..=0x2FFFF).filter_map(char::from_u32).collect();
        for chunk in chars.chunks(64) {
            let text: String = chunk.iter().flat_map(|&c| [c, 'a', c, 'b', ' ', c]).collect();
            let lower = crate::normalize::case::lower_same_len(&text);
            let by_chars: Vec<&str> = lower.split(|c: char| !crate::extract::is_alphanumeric(c)).filter(|w| !w.is_empty()).collect();
            let want = Words::of_lower(&by_chars.join(" "));
            assert_eq!(Words::of_lower(&lower).read().hashes, want.read().hashes, "{chunk:?}");
        }
    }

    #[test]
    fn token_chars_as_the_char_rule_says() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            let s = format!("{c}a");
            assert_eq!(token_char(&s, 0), (crate::extract::is_alphanumeric(c), c.len_utf8()), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn same_product_tolerates_small_wording_changes() {
        let sp = |a: &str, b: &str| same_product(&Words::of(a), &Words::of(b));
        assert!(sp("Đề án phát triển đô thị thông minh", "Đề án Đô thị thông minh phát triển"));
        assert!(!sp("Đề án A về nông nghiệp", "Kế hoạch B về y tế"));
    }
}
