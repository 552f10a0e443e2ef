//! The audit report (SPEC §7): counts and ratios per document and in
//! total, the lists of misses, false records and wrong fields, and how it
//! prints. JSON keys are stable: CI and trend tracking read them.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt::Write as _;

/// Version of the JSON shape; bumped when a key changes meaning or goes.
pub const REPORT_VERSION: u32 = 1;

/// Raw counts of one score: `correct` pairs, and the record and gold sides
/// that enter the precision and recall denominators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub correct: usize,
    pub records: usize,
    pub gold: usize,
}

impl Count {
    /// `correct / records`; `None` when no record counts.
    pub fn precision(&self) -> Option<f64> {
        (self.records > 0).then(|| self.correct as f64 / self.records as f64)
    }

    /// `correct / gold`; `None` when no gold task counts.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.correct as f64 / self.gold as f64)
    }

    /// Harmonic mean of precision and recall, `2·correct / (records + gold)`;
    /// `None` when both sides are empty (nothing to measure). A side that is
    /// empty while the other is not gives 0.
    pub fn f1(&self) -> Option<f64> {
        let d = self.records + self.gold;
        (d > 0).then(|| 2.0 * self.correct as f64 / d as f64)
    }

    pub fn add(&mut self, o: &Count) {
        self.correct += o.correct;
        self.records += o.records;
        self.gold += o.gold;
    }
}

/// Ratios in JSON carry four decimals: the raw counts beside them are exact.
fn round4(x: Option<f64>) -> Option<f64> {
    x.map(|v| (v * 10_000.0).round() / 10_000.0)
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Count", 6)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("records", &self.records)?;
        st.serialize_field("gold", &self.gold)?;
        st.serialize_field("precision", &round4(self.precision()))?;
        st.serialize_field("recall", &round4(self.recall()))?;
        st.serialize_field("f1", &round4(self.f1()))?;
        st.end()
    }
}

/// A mean over matched pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mean {
    pub pairs: usize,
    pub sum: f64,
}

impl Mean {
    pub fn mean(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.sum / self.pairs as f64)
    }

    pub fn add(&mut self, o: &Mean) {
        self.pairs += o.pairs;
        self.sum += o.sum;
    }
}

impl Serialize for Mean {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Mean", 2)?;
        st.serialize_field("pairs", &self.pairs)?;
        st.serialize_field("mean", &round4(self.mean()))?;
        st.end()
    }
}

/// The scores with a floor (`--min FIELD=VALUE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Tasks,
    Lead,
    Support,
    Deadline,
    Deliverable,
    Due,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Tasks, Field::Lead, Field::Support, Field::Deadline, Field::Deliverable, Field::Due];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Tasks => "tasks",
            Field::Lead => "lead",
            Field::Support => "support",
            Field::Deadline => "deadline",
            Field::Deliverable => "deliverable",
            Field::Due => "due",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Every score of one document, or of the total.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Task detection (SPEC §7.2): `correct` = matched pairs.
    pub tasks: Count,
    pub lead: Count,
    pub support: Count,
    pub deadline: Count,
    pub deliverable: Count,
    /// `deadline` with the kind left out.
    pub due: Count,
    /// Micro-averaged set scores over names.
    pub lead_names: Count,
    pub support_names: Count,
    /// Mean deliverable token F1 over matched pairs.
    pub deliverable_token_f1: Mean,
}

impl Scores {
    pub fn get(&self, f: Field) -> &Count {
        match f {
            Field::Tasks => &self.tasks,
            Field::Lead => &self.lead,
            Field::Support => &self.support,
            Field::Deadline => &self.deadline,
            Field::Deliverable => &self.deliverable,
            Field::Due => &self.due,
        }
    }

    pub fn add(&mut self, o: &Scores) {
        self.tasks.add(&o.tasks);
        self.lead.add(&o.lead);
        self.support.add(&o.support);
        self.deadline.add(&o.deadline);
        self.deliverable.add(&o.deliverable);
        self.due.add(&o.due);
        self.lead_names.add(&o.lead_names);
        self.support_names.add(&o.support_names);
        self.deliverable_token_f1.add(&o.deliverable_token_f1);
    }
}

/// A document field (`notice_number`, `notice_date`) of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocField {
    pub gold: Option<String>,
    /// The value most records of the document carry.
    pub got: Option<String>,
    pub correct: bool,
}

/// A document field over all documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DocFieldTotal {
    pub correct: usize,
    pub documents: usize,
}

/// One scored document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocReport {
    /// The gold's `document` name (its file stem when absent).
    pub document: String,
    /// The gold file.
    pub gold_file: String,
    pub scores: Scores,
    pub notice_number: DocField,
    pub notice_date: DocField,
}

/// All documents together.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Total {
    pub documents: usize,
    pub scores: Scores,
    pub notice_number: DocFieldTotal,
    pub notice_date: DocFieldTotal,
}

/// A gold task no record matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missed {
    pub document: String,
    /// 1-based index in the gold file.
    pub task: usize,
    pub text: String,
}

/// A record with no gold partner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FalseRecord {
    pub document: String,
    pub id: String,
    pub path: String,
    pub span: [usize; 2],
    pub text: String,
}

/// A field of a matched pair that is not right.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Wrong {
    pub document: String,
    pub task: usize,
    pub gold_text: String,
    pub id: String,
    pub path: String,
    pub text: String,
    /// `lead`, `support`, `deadline` or `deliverable`.
    pub field: &'static str,
    pub gold: Value,
    pub got: Value,
    /// For `deliverable`: the token F1 of the pair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_f1: Option<f64>,
}

/// One `--min` floor and whether the total reaches it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Floor {
    pub field: &'static str,
    pub min: f64,
    pub f1: Option<f64>,
    pub ok: bool,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocReport>,
    pub total: Total,
    pub missed: Vec<Missed>,
    pub false_records: Vec<FalseRecord>,
    pub wrong: Vec<Wrong>,
    /// Documents that records name but no gold file covers.
    pub unscored: Vec<String>,
    pub floors: Vec<Floor>,
}

impl Report {
    /// Checks the totals against floors; a total with nothing to measure
    /// (`f1` null) passes.
    pub fn apply_floors(&mut self, floors: &[(Field, f64)]) {
        self.floors = floors
            .iter()
            .map(|&(f, min)| {
                let f1 = self.total.scores.get(f).f1();
                Floor { field: f.as_str(), min, f1, ok: f1.is_none_or(|v| v >= min) }
            })
            .collect();
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }

    /// The human-readable report.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        for d in &self.documents {
            let _ = writeln!(o, "== {} ({})", d.document, d.gold_file);
            write_scores(&mut o, &d.scores);
            for (name, f) in [("notice_number", &d.notice_number), ("notice_date", &d.notice_date)] {
                let _ = writeln!(
                    o,
                    "  {name:<14} gold {}  got {}  {}",
                    f.gold.as_deref().unwrap_or("null"),
                    f.got.as_deref().unwrap_or("null"),
                    if f.correct { "ok" } else { "WRONG" }
                );
            }
        }
        let t = &self.total;
        let _ = writeln!(o, "== total ({} documents)", t.documents);
        write_scores(&mut o, &t.scores);
        for (name, f) in [("notice_number", &t.notice_number), ("notice_date", &t.notice_date)] {
            let _ = writeln!(o, "  {name:<14} {}/{} documents exact", f.correct, f.documents);
        }
        if !self.unscored.is_empty() {
            let _ = writeln!(o, "\nunscored (no gold file): {}", self.unscored.join(", "));
        }
        let _ = writeln!(o, "\nmissed gold tasks ({}):", self.missed.len());
        for m in &self.missed {
            let _ = writeln!(o, "  {}: task {}: {}", m.document, m.task, m.text);
        }
        let _ = writeln!(o, "\nfalse records ({}):", self.false_records.len());
        for f in &self.false_records {
            let _ = writeln!(o, "  {}: {} [{}, {}]: {}", f.document, f.path, f.span[0], f.span[1], f.text);
        }
        let _ = writeln!(o, "\nwrong fields ({}):", self.wrong.len());
        for w in &self.wrong {
            let extra = w.token_f1.map(|x| format!(" (token F1 {x:.3})")).unwrap_or_default();
            let _ = writeln!(o, "  {}: task {} ~ {}: {}{}", w.document, w.task, w.path, w.field, extra);
            let _ = writeln!(o, "    gold: {}", show(&w.gold));
            let _ = writeln!(o, "    got:  {}", show(&w.got));
            let _ = writeln!(o, "    gold text:   {}", w.gold_text);
            let _ = writeln!(o, "    record text: {}", w.text);
        }
        if !self.floors.is_empty() {
            let _ = writeln!(o, "\nfloors:");
            for f in &self.floors {
                let _ = writeln!(
                    o,
                    "  {:<12} F1 {} >= {:.3}  {}",
                    f.field,
                    ratio(f.f1),
                    f.min,
                    if f.ok { "ok" } else { "UNDER" }
                );
            }
        }
        o
    }
}

fn ratio(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "  -  ".into())
}

fn write_scores(o: &mut String, s: &Scores) {
    let rows: [(&str, &Count); 8] = [
        ("tasks", &s.tasks),
        ("lead", &s.lead),
        ("support", &s.support),
        ("deadline", &s.deadline),
        ("due", &s.due),
        ("deliverable", &s.deliverable),
        ("lead names", &s.lead_names),
        ("support names", &s.support_names),
    ];
    for (name, c) in rows {
        let _ = writeln!(
            o,
            "  {name:<14} P {} ({}/{})  R {} ({}/{})  F1 {}",
            ratio(c.precision()),
            c.correct,
            c.records,
            ratio(c.recall()),
            c.correct,
            c.gold,
            ratio(c.f1())
        );
    }
    let m = &s.deliverable_token_f1;
    let _ = writeln!(o, "  {:<14} mean token F1 {} over {} pairs", "deliverable", ratio(m.mean()), m.pairs);
}

/// A gold/got value on one line.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(show).collect::<Vec<_>>().join("; ")),
        Value::Object(m) => m.iter().map(|(k, v)| format!("{k}={}", show(v))).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_empty_sides() {
        let c = Count { correct: 3, records: 4, gold: 6 };
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(0.5));
        assert!((c.f1().unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(Count::default().f1(), None);
        assert_eq!(Count { correct: 0, records: 0, gold: 2 }.f1(), Some(0.0));
    }

    #[test]
    fn json_keys_are_stable() {
        let v = serde_json::to_value(Report::default()).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["documents", "false_records", "floors", "missed", "total", "unscored", "version", "wrong"]);
        let s = serde_json::to_value(Scores::default()).unwrap();
        let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "deadline",
                "deliverable",
                "deliverable_token_f1",
                "due",
                "lead",
                "lead_names",
                "support",
                "support_names",
                "tasks"
            ]
        );
        let c = serde_json::to_value(Count::default()).unwrap();
        assert_eq!(c, serde_json::json!({"correct":0,"records":0,"gold":0,"precision":null,"recall":null,"f1":null}));
    }
}
