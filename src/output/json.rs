//! JSON of a record, written by hand: the same bytes as `serde_json` writes
//! for the derived `Serialize` (a test holds the two together on random
//! records), in about a third of the instructions. Writing records was 5%
//! of a run, most of it serde_json's byte-by-byte string escaping; record
//! text is long and almost never needs an escape, so strings are scanned
//! in blocks of 32 bytes without a branch per byte.

use crate::record::{Agency, Deadline, Deliverable, Record, Status};
use chrono::{Datelike, NaiveDate};
use std::io::Write;

/// Appends the JSON object of `r` to `out` (no line end).
pub fn write_record(out: &mut Vec<u8>, r: &Record) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &r.id);
    out.extend_from_slice(b",\"document\":");
    string(out, &r.document);
    out.extend_from_slice(b",\"notice_number\":");
    option(out, r.notice_number.as_ref(), |o, s| string(o, s));
    out.extend_from_slice(b",\"notice_date\":");
    option(out, r.notice_date.as_ref(), date);
    out.extend_from_slice(b",\"path\":");
    string(out, &r.path);
    out.extend_from_slice(b",\"text\":");
    string(out, &r.text);
    out.extend_from_slice(b",\"span\":[");
    number(out, r.span[0]);
    out.push(b',');
    number(out, r.span[1]);
    out.extend_from_slice(b"],\"lead\":");
    list(out, &r.lead, agency);
    out.extend_from_slice(b",\"support\":");
    list(out, &r.support, agency);
    out.extend_from_slice(b",\"assigned_by\":");
    option(out, r.assigned_by.as_ref(), |o, s| string(o, s));
    out.extend_from_slice(b",\"report_to\":");
    option(out, r.report_to.as_ref(), |o, s| string(o, s));
    out.extend_from_slice(b",\"action\":");
    option(out, r.action.as_ref(), |o, s| string(o, s));
    out.extend_from_slice(b",\"deliverable\":");
    option(out, r.deliverable.as_ref(), deliverable);
    out.extend_from_slice(b",\"deadline\":");
    option(out, r.deadline.as_ref(), deadline);
    out.extend_from_slice(b",\"source_document\":");
    option(out, r.source_document.as_ref(), |o, s| string(o, s));
    out.extend_from_slice(b",\"overdue_units\":");
    list(out, &r.overdue_units, agency);
    out.extend_from_slice(b",\"status\":");
    option(out, r.status.as_ref(), |o, s| {
        word(o, if *s == Status::Done { "done" } else { "not_done" })
    });
    out.extend_from_slice(b",\"missing\":");
    list(out, &r.missing, |o, s| string(o, s));
    out.extend_from_slice(b",\"rules\":");
    list(out, &r.rules, |o, s| string(o, s));
    out.push(b'}');
}

fn agency(out: &mut Vec<u8>, a: &Agency) {
    out.extend_from_slice(b"{\"name\":");
    string(out, &a.name);
    out.extend_from_slice(b",\"kind\":");
    word(out, a.kind.as_str());
    out.extend_from_slice(b",\"mention\":");
    string(out, &a.mention);
    if let Some(s) = &a.successor {
        out.extend_from_slice(b",\"successor\":");
        string(out, s);
    }
    out.push(b'}');
}

fn deliverable(out: &mut Vec<u8>, d: &Deliverable) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &d.text);
    out.extend_from_slice(b",\"type\":");
    string(out, &d.kind);
    out.push(b'}');
}

fn deadline(out: &mut Vec<u8>, d: &Deadline) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &d.text);
    out.extend_from_slice(b",\"kind\":");
    word(out, d.kind.as_str());
    out.extend_from_slice(b",\"due\":");
    option(out, d.due.as_ref(), date);
    out.extend_from_slice(b",\"start\":");
    option(out, d.start.as_ref(), date);
    out.extend_from_slice(b",\"recurrence\":");
    option(out, d.recurrence.as_ref(), |o, x| word(o, x.as_str()));
    out.push(b'}');
}

fn option<T>(out: &mut Vec<u8>, v: Option<&T>, write: impl Fn(&mut Vec<u8>, &T)) {
    match v {
        Some(x) => write(out, x),
        None => out.extend_from_slice(b"null"),
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], write: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (k, x) in items.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        write(out, x);
    }
    out.push(b']');
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(crate::decimal::digits(n, &mut [0u8; 20]));
}

/// A date as chrono's `Display` (and so its serde form) writes it.
fn date(out: &mut Vec<u8>, d: &NaiveDate) {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        // Signed, wider years: rare enough for chrono to write.
        let _ = write!(out, "\"{d}\"");
        return;
    }
    let two = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
    let (y, m, day) = (year as u32, two(d.month()), two(d.day()));
    let (hi, lo) = (two(y / 100), two(y % 100));
    out.extend_from_slice(&[b'"', hi[0], hi[1], lo[0], lo[1], b'-', m[0], m[1], b'-', day[0], day[1], b'"']);
}

/// Whether JSON escapes byte `c`: a control character, a quote or a backslash.
fn escaped(c: u8) -> bool {
    c < 0x20 || c == b'"' || c == b'\\'
}

/// Bytes tested together: a block of this width is checked without a
/// branch per byte, which the compiler turns into a few vector compares.
const BLOCK: usize = 32;

/// Whether a block holds a byte JSON escapes. `|` over every byte, not
/// `any`: without an early exit there is no branch per byte.
fn block_escapes(block: &[u8; BLOCK]) -> bool {
    let hit = block.iter().fold(0u8, |hit, &c| hit | u8::from(c < 0x20) | u8::from(c == b'"') | u8::from(c == b'\\'));
    hit != 0
}

/// Where the first byte JSON escapes is, if any. Whole blocks first; the
/// tail is tested as one block too (the last 32 bytes, or for a string
/// shorter than a block — ids, names, rule ids — the string padded with a
/// byte that needs no escape), so that only a string that holds an escape
/// is looked at byte by byte.
fn first_escape(b: &[u8]) -> Option<usize> {
    let (blocks, tail) = b.as_chunks::<BLOCK>();
    for (k, block) in blocks.iter().enumerate() {
        if block_escapes(block) {
            return block.iter().position(|&c| escaped(c)).map(|at| k * BLOCK + at);
        }
    }
    let last = match b.last_chunk::<BLOCK>() {
        // The last whole block (overlapping ones already tested) holds the tail.
        Some(last) => block_escapes(last),
        None => {
            let mut padded = [b' '; BLOCK];
            padded[..tail.len()].copy_from_slice(tail);
            block_escapes(&padded)
        }
    };
    if !last {
        return None;
    }
    tail.iter().position(|&c| escaped(c)).map(|at| b.len() - tail.len() + at)
}

/// For each byte, the letter after the backslash when JSON escapes it
/// (`u` for the `\u00XX` form) as serde_json writes it; 0 for bytes
/// written as they are.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = b'u';
        c += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// A JSON string, escaped as serde_json escapes it: `"` `\` and the
/// control characters, with the short forms for \b \f \n \r \t.
/// Record text almost never needs an escape: one scan, one copy.
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let Some(first) = first_escape(b) else {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    };
    out.extend_from_slice(&b[..first]);
    for &c in &b[first..] {
        match ESCAPE[usize::from(c)] {
            0 => out.push(c),
            short => {
                out.push(b'\\');
                out.push(short);
                if short == b'u' {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(&[b'0', b'0', HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xF)]]);
                }
            }
        }
    }
    out.push(b'"');
}

/// A fixed word of ours (a kind's or a recurrence's name): lower-case
/// ASCII letters and `_`, nothing to escape.
fn word(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{AgencyKind, DeadlineKind, Recurrence};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Vietnamese letters, the escaped bytes, and the bytes next to them.
        proptest::string::string_regex("[a-zđêôơưạếộ \"\\\\/\\x00-\\x1f\\x7f\u{2028}Đ!#\\[\\]{}]{0,40}").unwrap()
    }

    /// Every agency kind.
    const DEADLINE_KINDS: [DeadlineKind; 7] = [
        DeadlineKind::Before,
        DeadlineKind::By,
        DeadlineKind::Within,
        DeadlineKind::Immediate,
        DeadlineKind::Event,
        DeadlineKind::Recurring,
        DeadlineKind::Ongoing,
    ];

    const KINDS: [AgencyKind; 7] = [
        AgencyKind::Ministry,
        AgencyKind::MinistryLevel,
        AgencyKind::GovernmentAgency,
        AgencyKind::Province,
        AgencyKind::Enterprise,
        AgencyKind::Group,
        AgencyKind::Other,
    ];

    fn agencies() -> impl Strategy<Value = Vec<Agency>> {
        proptest::collection::vec(
            (text(), 0..KINDS.len(), text(), proptest::option::of(text())).prop_map(|(name, k, mention, successor)| Agency {
                name,
                kind: KINDS[k],
                mention,
                successor,
            }),
            0..3,
        )
    }

    fn date() -> impl Strategy<Value = Option<NaiveDate>> {
        proptest::option::of((1i32..3000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()))
    }

    prop_compose! {
        fn record()(
            strings in proptest::collection::vec(text(), 12),
            opt in proptest::collection::vec(any::<bool>(), 9),
            dates in (date(), date(), date()),
            span in (any::<usize>(), any::<usize>()),
            lists in (agencies(), agencies(), agencies()),
            kind in 0usize..7,
            rec in proptest::option::of(0usize..4),
            lines in proptest::collection::vec(text(), 0..3),
        ) -> Record {
            let s = |k: usize| strings[k].clone();
            let o = |k: usize, v: String| opt[k].then_some(v);
            Record {
                id: s(0),
                document: s(1),
                notice_number: o(0, s(2)),
                notice_date: dates.0,
                path: s(3),
                text: s(4),
                span: [span.0, span.1],
                lead: lists.0,
                support: lists.1,
                assigned_by: o(1, s(5)),
                report_to: o(2, s(6)),
                action: o(3, s(7)),
                deliverable: opt[4].then(|| Deliverable { text: s(8), kind: s(9) }),
                deadline: opt[5].then(|| Deadline {
                    text: s(10),
                    kind: DEADLINE_KINDS[kind],
                    due: dates.1,
                    start: dates.2,
                    recurrence: rec.map(|k| [Recurrence::Weekly, Recurrence::Monthly, Recurrence::Quarterly, Recurrence::Yearly][k]),
                }),
                source_document: o(6, s(11)),
                overdue_units: lists.2,
                status: opt[7].then_some(if opt[8] { Status::Done } else { Status::NotDone }),
                missing: lines.iter().cloned().map(Into::into).collect(),
                rules: lines.into_iter().map(Into::into).collect(),
            }
        }
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(r in record()) {
            let mut ours = Vec::new();
            write_record(&mut ours, &r);
            let theirs = serde_json::to_vec(&r).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        }

        #[test]
        fn strings_escape_like_serde_json(s in text()) {
            let mut ours = Vec::new();
            string(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_vec(&s).unwrap());
        }
    }

    #[test]
    fn numbers_and_dates_write_like_display() {
        for n in [0usize, 1, 9, 10, 99, 100, 12345, usize::MAX / 3, usize::MAX] {
            let mut ours = Vec::new();
            number(&mut ours, n);
            assert_eq!(ours, n.to_string().into_bytes());
        }
        for y in [-10000, -1, 0, 1, 9, 10, 99, 999, 1000, 2025, 9999, 10000, 262142] {
            for (m, d) in [(1, 1), (2, 28), (9, 9), (10, 10), (12, 31)] {
                let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
                let mut ours = Vec::new();
                super::date(&mut ours, &day);
                assert_eq!(ours, serde_json::to_vec(&day).unwrap(), "{day}");
            }
        }
    }

    #[test]
    fn fixed_words_need_no_escape() {
        let kinds = KINDS.map(AgencyKind::as_str);
        let deadlines = DEADLINE_KINDS.map(DeadlineKind::as_str);
        let recurrences = [Recurrence::Weekly, Recurrence::Monthly, Recurrence::Quarterly, Recurrence::Yearly].map(Recurrence::as_str);
        for w in kinds.iter().chain(&deadlines).chain(&recurrences).chain(&["done", "not_done"]) {
            let (mut ours, mut escaped) = (Vec::new(), Vec::new());
            word(&mut ours, w);
            string(&mut escaped, w);
            assert_eq!(ours, escaped, "{w}");
        }
    }

    #[test]
    fn every_char_escapes_like_serde_json() {
        for c in (0..=0x2FFFFu32).filter_map(char::from_u32) {
            // In a block (first, middle, last byte) and in the tail.
            let pad = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
            for s in [format!("{c}"), format!("abcdefg{c}xyz"), format!("{}{c}", &pad[..31]), format!("{}{c}{pad}", &pad[..40]), format!("{c}{pad}")] {
                let mut ours = Vec::new();
                string(&mut ours, &s);
                assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "{:#x}", u32::from(c));
            }
        }
    }

    #[test]
    fn the_block_test_and_the_escape_table_agree() {
        for c in 0u8..=0xFF {
            assert_eq!(escaped(c), ESCAPE[usize::from(c)] != 0, "{c:#x}");
            for at in 0..BLOCK {
                let mut block = [b'a'; BLOCK];
                block[at] = c;
                assert_eq!(block_escapes(&block), escaped(c), "{c:#x} at {at}");
            }
        }
    }

    #[test]
    fn every_byte_value_escapes_like_serde_json() {
        for c in 0u8..=0x7F {
            for at in 0..70 {
                // The byte at every position of a block, and past the last full block.
                let s: String = "abcdefghijk".chars().cycle().take(at).chain([char::from(c)]).chain("xyz".chars()).collect();
                let mut ours = Vec::new();
                string(&mut ours, &s);
                assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "byte {c:#x} at {at}");
            }
        }
    }
}
