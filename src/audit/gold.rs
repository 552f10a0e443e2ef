//! Gold fixtures (SPEC §6): loading, and the checks that need no document
//! (dates, deadline kinds, unknown keys).

use super::{AuditError, Problem};
use crate::record::{DeadlineKind, Recurrence};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One gold file: the tasks of one document.
#[derive(Clone, Debug)]
pub struct Gold {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file stem: the key that pairs gold, document and records.
    pub stem: String,
    /// The `document` field (the input file's name), when given.
    pub document: Option<String>,
    pub notice_number: Option<String>,
    pub notice_date: Option<NaiveDate>,
    pub tasks: Vec<GoldTask>,
}

/// One gold task (SPEC §6).
#[derive(Clone, Debug)]
pub struct GoldTask {
    /// Verbatim substring of the NFC document text.
    pub text: String,
    /// 1-based occurrence of `text` in the document.
    pub occurrence: Option<usize>,
    /// More verbatim substrings for a repeated statement of the task.
    pub also: Vec<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Option<GoldDeadline>,
    pub deliverable: Option<String>,
}

/// A gold deadline: `kind` and `due` are scored, `recurrence` is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDeadline {
    pub kind: DeadlineKind,
    pub due: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
}

#[derive(Deserialize)]
struct RawGold {
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    notice_number: Option<String>,
    #[serde(default)]
    notice_date: Option<String>,
    tasks: Vec<RawTask>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct RawTask {
    text: String,
    #[serde(default)]
    occurrence: Option<usize>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    deadline: Option<RawDeadline>,
    #[serde(default)]
    deliverable: Option<String>,
    // Read so that they are not "unknown"; not scored (SPEC §7 lists the fields).
    #[serde(default)]
    #[allow(dead_code)]
    source_document: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    overdue_units: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<Value>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct RawDeadline {
    kind: String,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    recurrence: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

/// Parses an ISO `YYYY-MM-DD` date, strictly (ten characters, a real day).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The gold files (`*.json`) of a folder, sorted by name.
pub fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, AuditError> {
    let err = |e: std::io::Error| AuditError::new(dir, format!("cannot read gold folder: {e}"));
    let mut paths = Vec::new();
    for e in std::fs::read_dir(dir).map_err(err)? {
        let p = e.map_err(err)?.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "json") {
            paths.push(p);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Reads the gold files of a folder, sorted by name. Problems that need
/// no document (bad dates, unknown kinds, unknown keys) come back beside
/// the gold; a file that is not valid gold JSON is an error.
pub fn load_dir(dir: &Path) -> Result<(Vec<Gold>, Vec<Problem>), AuditError> {
    let mut golds = Vec::new();
    let mut problems = Vec::new();
    for p in list_dir(dir)? {
        let (g, mut pr) = load_file(&p)?;
        golds.push(g);
        problems.append(&mut pr);
    }
    Ok((golds, problems))
}

/// Reads one gold file.
pub fn load_file(path: &Path) -> Result<(Gold, Vec<Problem>), AuditError> {
    let bytes = std::fs::read(path).map_err(|e| AuditError::new(path, format!("cannot read: {e}")))?;
    parse(path, &bytes)
}

/// Parses gold JSON; `path` names it in messages and gives the stem.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Gold, Vec<Problem>), AuditError> {
    let raw: RawGold = serde_json::from_slice(bytes)
        .map_err(|e| AuditError::new(path, format!("not valid gold JSON: {e}")).at_line_col(e.line(), e.column()))?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut problems = Vec::new();
    let mut problem = |task: Option<usize>, msg: String| problems.push(Problem::new(path, task, msg));
    for k in raw.extra.keys() {
        problem(None, format!("unknown key `{k}`"));
    }
    if let Some(doc) = &raw.document {
        let doc_stem = Path::new(doc).file_stem().map(|s| s.to_string_lossy().into_owned());
        if doc_stem.as_deref() != Some(stem.as_str()) {
            problem(None, format!("`document` {doc:?} does not have the file's stem {stem:?}"));
        }
    }
    let notice_date = match &raw.notice_date {
        None => None,
        Some(s) => {
            let d = parse_iso_date(s);
            if d.is_none() {
                problem(None, format!("bad notice_date {s:?} (want YYYY-MM-DD)"));
            }
            d
        }
    };
    let mut tasks = Vec::with_capacity(raw.tasks.len());
    for (i, t) in raw.tasks.into_iter().enumerate() {
        let n = Some(i + 1);
        for k in t.extra.keys() {
            problem(n, format!("unknown key `{k}`"));
        }
        if t.text.trim().is_empty() {
            problem(n, "empty text".into());
        }
        if t.occurrence == Some(0) {
            problem(n, "occurrence is 1-based; 0 given".into());
        }
        let deadline = match t.deadline {
            None => None,
            Some(d) => {
                for k in d.extra.keys() {
                    problem(n, format!("unknown deadline key `{k}`"));
                }
                let kind = DeadlineKind::parse(&d.kind);
                if kind.is_none() {
                    problem(n, format!("unknown deadline kind {:?}", d.kind));
                }
                let due = match &d.due {
                    None => None,
                    Some(s) => {
                        let x = parse_iso_date(s);
                        if x.is_none() {
                            problem(n, format!("bad deadline due {s:?} (want YYYY-MM-DD)"));
                        }
                        x
                    }
                };
                if let (Some(k), Some(_)) = (kind, &d.due) {
                    if matches!(
                        k,
                        DeadlineKind::Immediate | DeadlineKind::Event | DeadlineKind::Recurring | DeadlineKind::Ongoing
                    ) {
                        problem(n, format!("deadline kind {} takes no due date", k.as_str()));
                    }
                }
                let recurrence = match &d.recurrence {
                    None => None,
                    Some(s) => {
                        let r = serde_json::from_value::<Recurrence>(Value::String(s.clone())).ok();
                        if r.is_none() {
                            problem(n, format!("unknown recurrence {s:?}"));
                        }
                        r
                    }
                };
                kind.map(|kind| GoldDeadline { kind, due, recurrence })
            }
        };
        tasks.push(GoldTask {
            text: t.text,
            occurrence: t.occurrence,
            also: t.also,
            lead: t.lead,
            support: t.support,
            deadline,
            deliverable: t.deliverable,
        });
    }
    let gold = Gold {
        path: path.to_path_buf(),
        stem,
        document: raw.document,
        notice_number: raw.notice_number,
        notice_date,
        tasks,
    };
    Ok((gold, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        assert!(parse_iso_date("2025-07-31").is_some());
        assert!(parse_iso_date("2025-06-31").is_none());
        assert!(parse_iso_date("2025-7-31").is_none());
        assert!(parse_iso_date("31/07/2025").is_none());
    }

    #[test]
    fn problems_name_the_task() {
        let json = br#"{"document":"x.txt","notice_date":"2025-13-01","tasks":[
            {"text":"a","lead":[],"support":[],"deadline":{"kind":"soon","due":null},"deliverable":null},
            {"text":"b","lead":[],"support":[],"deadline":{"kind":"before","due":"2025-02-30"},"deliverable":null,"colour":1}
        ]}"#;
        let (g, p) = parse(Path::new("g/x.json"), json).unwrap();
        assert_eq!(g.tasks.len(), 2);
        let lines: Vec<String> = p.iter().map(|p| p.to_string()).collect();
        assert!(lines.contains(&"g/x.json: bad notice_date \"2025-13-01\" (want YYYY-MM-DD)".to_string()), "{lines:?}");
        assert!(lines.contains(&"g/x.json: task 1: unknown deadline kind \"soon\"".to_string()), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("g/x.json: task 2: bad deadline due")), "{lines:?}");
        assert!(lines.contains(&"g/x.json: task 2: unknown key `colour`".to_string()), "{lines:?}");
    }

    #[test]
    fn malformed_gold_says_where() {
        let e = parse(Path::new("g/x.json"), b"{\n\"tasks\": [\n{\"lead\": []}]}").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().starts_with("g/x.json:3:"), "{e}");
    }
}
