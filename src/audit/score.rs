//! Scoring one document (SPEC §7.2–7.4): task detection, the end-to-end
//! field scores, and the document fields.
//!
//! # How SPEC §7.3 is read
//!
//! * Every field score is end to end: the precision denominator counts
//!   *all* records of the document whose field is non-empty (false records
//!   included), the recall denominator *all* gold tasks whose field is
//!   non-empty (missed tasks included); `correct` counts matched pairs whose
//!   field is right. So F1 = 2·correct / (records + gold).
//! * "Non-empty": `lead`/`support` a non-empty name list, `deliverable` a
//!   text with at least one token, `deadline` an object. A pair where both
//!   sides are empty is neither correct nor counted — except for
//!   `deadline`, where a gold `null` paired with a record's `null` is a
//!   correct answer and counts on both sides (SPEC's parenthesis). So a
//!   gold `null` deliverable paired with a record's `null` changes nothing,
//!   a record deliverable where gold has `null` costs precision, and a
//!   record with no deadline where gold has one costs recall.
//! * `due` is `deadline` with the kind left out: the pair is correct when
//!   the due dates are equal; a side without a due date is empty, and two
//!   matched sides without a due date are a correct, counted pair (the
//!   `deadline` rule). `recurrence` is not scored.
//! * `lead`/`support` are right when the *sets* of folded names are equal
//!   ([`crate::fold::fold_name`]; duplicates collapse). `lead_names` /
//!   `support_names` are micro-averaged over names, end to end likewise:
//!   correct = shared names of matched pairs, records = names on all
//!   records, gold = names on all gold tasks.
//! * `deliverable` is right when the token F1 is at least 0.5; tokens are
//!   the syllables after NFC, lower case and new-style tone marks, split at
//!   anything that is not a letter or digit, compared as multisets. The
//!   mean token F1 is over matched pairs where either side has a
//!   deliverable (one side empty scores 0); two empty sides are left out.
//! * `notice_number`/`notice_date`: exact, against the value most of the
//!   document's records carry (first seen on a tie); `null` = `null` is
//!   correct.

use super::align::{self, DocText};
use super::gold::{Gold, GoldTask};
use super::report::{Count, DocField, DocReport, FalseRecord, Mean, Missed, Scores, Wrong};
use super::Problem;
use crate::fold::{fold_name, fold_text};
use crate::record::Record;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// What one document adds to the report.
#[derive(Clone, Debug, Default)]
pub struct DocOutcome {
    pub report: DocReport,
    pub missed: Vec<Missed>,
    pub false_records: Vec<FalseRecord>,
    pub wrong: Vec<Wrong>,
    /// Gold oddities that did not stop scoring (ambiguous text ...).
    pub warnings: Vec<Problem>,
}

/// Per gold task, its byte ranges in the input as read.
pub type TaskRanges = Vec<Vec<(usize, usize)>>;

/// The byte ranges (in the input as read) of each gold task: its text at
/// its occurrence, and every occurrence of its `also` texts. Errors stop
/// scoring (the task cannot be aligned); warnings do not.
pub fn locate(gold: &Gold, doc: &DocText) -> (TaskRanges, Vec<Problem>, Vec<Problem>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let mut out = Vec::with_capacity(gold.tasks.len());
    for (i, t) in gold.tasks.iter().enumerate() {
        let n = Some(i + 1);
        let mut ranges = Vec::new();
        let found = doc.find_all(&t.text);
        match (found.len(), t.occurrence) {
            (0, _) => errors.push(Problem::new(&gold.path, n, format!("text not found: {:?}", t.text))),
            (k, Some(o)) if o == 0 || o > k => errors.push(Problem::new(
                &gold.path,
                n,
                format!("occurrence {o} asked, but the text occurs {k} time(s): {:?}", t.text),
            )),
            (k, Some(o)) => {
                let _ = k;
                ranges.push(found[o - 1]);
            }
            (1, None) => ranges.push(found[0]),
            (k, None) => {
                warnings.push(Problem::new(
                    &gold.path,
                    n,
                    format!("text occurs {k} times and no occurrence is given (the first is used): {:?}", t.text),
                ));
                ranges.push(found[0]);
            }
        }
        for a in &t.also {
            let found = doc.find_all(a);
            match found.len() {
                0 => errors.push(Problem::new(&gold.path, n, format!("`also` text not found: {a:?}"))),
                1 => {}
                k => warnings.push(Problem::new(
                    &gold.path,
                    n,
                    format!("`also` text occurs {k} times (all are used): {a:?}"),
                )),
            }
            ranges.extend(found);
        }
        out.push(ranges.into_iter().map(|r| doc.to_input(r)).collect());
    }
    (out, errors, warnings)
}

/// Deliverable tokens: folded syllables, punctuation dropped.
pub fn tokens(s: &str) -> Vec<String> {
    fold_text(s).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Token F1 of two texts (multiset overlap); 0 when either has no token.
pub fn token_f1(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for t in &ta {
        *bag.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in &tb {
        if let Some(c) = bag.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (ta.len() + tb.len()) as f64
}

/// Folded name set.
fn name_set<'a>(names: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    names.map(fold_name).filter(|n| !n.is_empty()).collect()
}

/// The three counts one field adds for one matched pair.
struct Cell {
    rec: bool,
    gold: bool,
    correct: bool,
}

impl Count {
    fn put(&mut self, c: &Cell) {
        self.records += c.rec as usize;
        self.gold += c.gold as usize;
        self.correct += c.correct as usize;
    }
}

fn deliverable_text(r: &Record) -> Option<&str> {
    r.deliverable.as_ref().map(|d| d.text.as_str()).filter(|t| !tokens(t).is_empty())
}

fn gold_deliverable(g: &GoldTask) -> Option<&str> {
    g.deliverable.as_deref().filter(|t| !tokens(t).is_empty())
}

fn gold_deadline_json(g: &GoldTask) -> Value {
    match &g.deadline {
        None => Value::Null,
        Some(d) => json!({"kind": d.kind.as_str(), "due": d.due.map(|x| x.to_string())}),
    }
}

fn record_deadline_json(r: &Record) -> Value {
    match &r.deadline {
        None => Value::Null,
        Some(d) => json!({"kind": d.kind.as_str(), "due": d.due.map(|x| x.to_string())}),
    }
}

/// The most frequent value, first seen on a tie.
fn majority(vals: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in vals.flatten() {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, c)) => *c += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|x| x.1).max()?;
    counts.into_iter().find(|x| x.1 == best).map(|x| x.0)
}

/// Scores the records of one document against its gold. `ranges` comes
/// from [`locate`].
pub fn score_document(gold: &Gold, ranges: &[Vec<(usize, usize)>], records: &[&Record]) -> DocOutcome {
    let doc = gold.document.clone().unwrap_or_else(|| gold.stem.clone());
    let spans: Vec<(usize, usize)> = records.iter().map(|r| (r.span[0], r.span[1])).collect();
    let rec_gold = align::pair(&spans, ranges);
    let mut gold_rec = vec![None; gold.tasks.len()];
    for (i, g) in rec_gold.iter().enumerate() {
        if let Some(j) = g {
            gold_rec[*j] = Some(i);
        }
    }
    let mut s = Scores::default();
    let mut out = DocOutcome::default();
    s.tasks = Count { correct: rec_gold.iter().flatten().count(), records: records.len(), gold: gold.tasks.len() };

    for (i, r) in records.iter().enumerate() {
        let r_lead = name_set(r.lead.iter().map(|a| a.name.as_str()));
        let r_support = name_set(r.support.iter().map(|a| a.name.as_str()));
        let r_due = r.deadline.as_ref().and_then(|d| d.due);
        let r_deliv = deliverable_text(r);
        s.lead_names.records += r_lead.len();
        s.support_names.records += r_support.len();
        let Some(j) = rec_gold[i] else {
            s.lead.records += !r_lead.is_empty() as usize;
            s.support.records += !r_support.is_empty() as usize;
            s.deadline.records += r.deadline.is_some() as usize;
            s.due.records += r_due.is_some() as usize;
            s.deliverable.records += r_deliv.is_some() as usize;
            out.false_records.push(FalseRecord {
                document: doc.clone(),
                id: r.id.clone(),
                path: r.path.clone(),
                span: r.span,
                text: r.text.clone(),
            });
            continue;
        };
        let g = &gold.tasks[j];
        let mut wrong = |field: &'static str, gold_v: Value, got: Value, token_f1: Option<f64>| {
            out.wrong.push(Wrong {
                document: doc.clone(),
                task: j + 1,
                gold_text: g.text.clone(),
                id: r.id.clone(),
                path: r.path.clone(),
                text: r.text.clone(),
                field,
                gold: gold_v,
                got,
                token_f1,
            })
        };

        for (field, count, names, r_set, g_names, r_names) in [
            ("lead", &mut s.lead, &mut s.lead_names, &r_lead, &g.lead, &r.lead),
            ("support", &mut s.support, &mut s.support_names, &r_support, &g.support, &r.support),
        ] {
            let g_set = name_set(g_names.iter().map(String::as_str));
            let cell =
                Cell { rec: !r_set.is_empty(), gold: !g_set.is_empty(), correct: !g_set.is_empty() && *r_set == g_set };
            count.put(&cell);
            names.correct += r_set.intersection(&g_set).count();
            if (cell.rec || cell.gold) && !cell.correct {
                wrong(field, json!(g_names), json!(r_names.iter().map(|a| &a.name).collect::<Vec<_>>()), None);
            }
        }

        // deadline: kind and due; null/null is a correct, counted pair.
        let cell = match (&g.deadline, &r.deadline) {
            (None, None) => Cell { rec: true, gold: true, correct: true },
            (gd, rd) => Cell {
                rec: rd.is_some(),
                gold: gd.is_some(),
                correct: matches!((gd, rd), (Some(a), Some(b)) if a.kind == b.kind && a.due == b.due),
            },
        };
        s.deadline.put(&cell);
        if !cell.correct {
            wrong("deadline", gold_deadline_json(g), record_deadline_json(r), None);
        }
        let g_due = g.deadline.as_ref().and_then(|d| d.due);
        s.due.put(&match (g_due, r_due) {
            (None, None) => Cell { rec: true, gold: true, correct: true },
            (a, b) => Cell { rec: b.is_some(), gold: a.is_some(), correct: a == b },
        });

        let g_deliv = gold_deliverable(g);
        let f1 = match (g_deliv, r_deliv) {
            (None, None) => None,
            (Some(a), Some(b)) => Some(token_f1(a, b)),
            _ => Some(0.0),
        };
        if let Some(f) = f1 {
            s.deliverable_token_f1.add(&Mean { pairs: 1, sum: f });
        }
        let cell = Cell { rec: r_deliv.is_some(), gold: g_deliv.is_some(), correct: f1.is_some_and(|f| f >= 0.5) };
        s.deliverable.put(&cell);
        if (cell.rec || cell.gold) && !cell.correct {
            wrong("deliverable", json!(g.deliverable), json!(r.deliverable.as_ref().map(|d| &d.text)), f1);
        }
    }

    for (j, g) in gold.tasks.iter().enumerate() {
        s.lead_names.gold += name_set(g.lead.iter().map(String::as_str)).len();
        s.support_names.gold += name_set(g.support.iter().map(String::as_str)).len();
        if gold_rec[j].is_some() {
            continue;
        }
        s.lead.gold += !g.lead.iter().all(|n| fold_name(n).is_empty()) as usize;
        s.support.gold += !g.support.iter().all(|n| fold_name(n).is_empty()) as usize;
        s.deadline.gold += g.deadline.is_some() as usize;
        s.due.gold += g.deadline.as_ref().is_some_and(|d| d.due.is_some()) as usize;
        s.deliverable.gold += gold_deliverable(g).is_some() as usize;
        out.missed.push(Missed { document: doc.clone(), task: j + 1, text: g.text.clone() });
    }

    let got_number = majority(records.iter().map(|r| r.notice_number.clone()));
    let got_date = majority(records.iter().map(|r| r.notice_date.map(|d| d.to_string())));
    let gold_date = gold.notice_date.map(|d| d.to_string());
    out.report = DocReport {
        document: doc,
        gold_file: gold.path.display().to_string(),
        scores: s,
        notice_number: DocField {
            correct: gold.notice_number == got_number,
            gold: gold.notice_number.clone(),
            got: got_number,
        },
        notice_date: DocField { correct: gold_date == got_date, gold: gold_date, got: got_date },
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_f1_counts_syllables() {
        assert_eq!(token_f1("Kế hoạch hành động", "kế hoạch, hành động"), 1.0);
        assert_eq!(token_f1("Nghị định về hoá đơn", "nghị định về hóa đơn"), 1.0);
        assert_eq!(token_f1("a b", ""), 0.0);
        // 1 shared of 2 + 2 tokens → 0.5
        assert_eq!(token_f1("a b", "a c"), 0.5);
    }

    #[test]
    fn majority_prefers_first_on_tie() {
        let v = vec![Some("b".to_string()), None, Some("a".into()), Some("a".into()), Some("b".into())];
        assert_eq!(majority(v.into_iter()), Some("b".into()));
        assert_eq!(majority(vec![None, None].into_iter()), None);
    }
}
