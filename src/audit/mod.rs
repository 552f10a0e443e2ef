//! `chidao audit`: gold fixtures, alignment and scoring (SPEC.md §6–7).
//!
//! Shares nothing with the extractor beyond the record types
//! ([`crate::record`]) and the §7 name folding ([`crate::fold`]); offsets go
//! through the generic [`crate::span::OffsetMap`]. The caller (the CLI)
//! brings the records, either read from a file ([`parse_records`]) or made
//! by running the extractor, and the documents' bytes ([`DocText`]).
//!
//! ```
//! use chidao::audit::{self, DocText};
//! use std::path::Path;
//! let doc = "Bộ Y tế trình Kế hoạch trước ngày 10/12/2025.";
//! let gold = r#"{"document":"a.txt","notice_number":null,"notice_date":null,"tasks":[
//!   {"text":"Bộ Y tế trình Kế hoạch","lead":["Bộ Y tế"],"support":[],
//!    "deadline":{"kind":"before","due":"2025-12-10"},"deliverable":"Kế hoạch"}]}"#;
//! let (gold, problems) = audit::gold::parse(Path::new("a.json"), gold.as_bytes()).unwrap();
//! assert!(problems.is_empty());
//! let records = audit::parse_records("r.json", r#"[{"id":"a.txt#p1","document":"a.txt","span":[0,45],
//!   "lead":[{"name":"Bộ Y tế","kind":"ministry"}],
//!   "deadline":{"kind":"before","due":"2025-12-10"},"deliverable":{"text":"Kế hoạch","type":"kế hoạch"}}]"#.as_bytes()).unwrap();
//! let text = DocText::from_bytes(doc.as_bytes()).unwrap();
//! let report = audit::score(&[audit::DocInput { gold: &gold, text: &text }], &records).unwrap();
//! assert_eq!(report.total.scores.tasks.f1(), Some(1.0));
//! assert_eq!(report.total.scores.deadline.f1(), Some(1.0));
//! ```

pub mod align;
pub mod check;
pub mod gold;
pub mod report;
pub mod score;

pub use align::DocText;
pub use gold::{Gold, GoldDeadline, GoldTask};
pub use report::{Count, Field, Report};

use crate::record::Record;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Input that cannot be used (exit 2): says which file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub byte: Option<usize>,
    pub message: String,
}

impl AuditError {
    pub fn new(file: impl AsRef<Path>, message: impl Into<String>) -> AuditError {
        AuditError { file: file.as_ref().to_path_buf(), line: None, column: None, byte: None, message: message.into() }
    }

    pub fn at_line_col(mut self, line: usize, column: usize) -> AuditError {
        self.line = Some(line);
        self.column = (column > 0).then_some(column);
        self
    }

    pub fn at_byte(mut self, byte: usize) -> AuditError {
        self.byte = Some(byte);
        self
    }
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some(b) = self.byte {
            write!(f, ": byte {b}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for AuditError {}

/// Something wrong in a gold file: `file: task N: problem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based task index; `None` for the file as a whole.
    pub task: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(file: &Path, task: Option<usize>, message: String) -> Problem {
        Problem { file: file.to_path_buf(), task, message }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.task {
            Some(n) => write!(f, "{}: task {n}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// Reads records written by `extract`: a JSON array, or one object per
/// line (JSONL). `name` names the source in errors (with line and column).
pub fn parse_records(name: &str, bytes: &[u8]) -> Result<Vec<Record>, AuditError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Ok(Vec::new());
    };
    if bytes[first] == b'[' {
        return serde_json::from_slice(bytes)
            .map_err(|e| AuditError::new(name, format!("malformed records: {e}")).at_line_col(e.line(), e.column()));
    }
    let mut out = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let r: Record = serde_json::from_slice(line)
            .map_err(|e| AuditError::new(name, format!("malformed record: {e}")).at_line_col(i + 1, e.column()))?;
        out.push(r);
    }
    Ok(out)
}

/// The file stem of a document name or path: the key that pairs records,
/// documents and gold files.
pub fn stem(name: &str) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The document of a gold file in a folder: the gold's `document` name,
/// else any file there with the gold's stem (`.txt` first).
pub fn find_document(docs: &Path, gold: &Gold) -> Option<PathBuf> {
    if let Some(d) = &gold.document {
        let p = docs.join(Path::new(d).file_name()?);
        if p.is_file() {
            return Some(p);
        }
    }
    let p = docs.join(format!("{}.txt", gold.stem));
    if p.is_file() {
        return Some(p);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(docs)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| x != "json")
                && p.file_stem().is_some_and(|s| s.to_string_lossy() == gold.stem)
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// One document to score: its gold and its text.
#[derive(Clone, Copy, Debug)]
pub struct DocInput<'a> {
    pub gold: &'a Gold,
    pub text: &'a DocText,
}

/// What did not stop scoring but a user should see.
pub type Warnings = Vec<Problem>;

/// Scores `records` against the gold of `docs` (SPEC §7). Records are
/// given to the document whose gold stem equals the stem of their
/// `document`; records of other documents are listed as unscored. Gold
/// text that cannot be aligned is an error (all such problems at once).
pub fn score(docs: &[DocInput], records: &[Record]) -> Result<Report, Vec<Problem>> {
    score_with_warnings(docs, records).map(|x| x.0)
}

/// [`score`], with the gold oddities that did not stop it.
pub fn score_with_warnings(docs: &[DocInput], records: &[Record]) -> Result<(Report, Warnings), Vec<Problem>> {
    let mut report = Report { version: report::REPORT_VERSION, ..Report::default() };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let stems: BTreeSet<&str> = docs.iter().map(|d| d.gold.stem.as_str()).collect();
    let unscored: BTreeSet<String> =
        records.iter().filter(|r| !stems.contains(stem(&r.document).as_str())).map(|r| r.document.clone()).collect();
    report.unscored = unscored.into_iter().collect();
    let mut docs: Vec<&DocInput> = docs.iter().collect();
    docs.sort_by(|a, b| a.gold.stem.cmp(&b.gold.stem));
    for d in docs {
        let (ranges, errs, warns) = score::locate(d.gold, d.text);
        warnings.extend(warns);
        if !errs.is_empty() {
            errors.extend(errs);
            continue;
        }
        let recs: Vec<&Record> = records.iter().filter(|r| stem(&r.document) == d.gold.stem).collect();
        let o = score::score_document(d.gold, &ranges, &recs);
        let t = &mut report.total;
        t.documents += 1;
        t.scores.add(&o.report.scores);
        t.notice_number.documents += 1;
        t.notice_number.correct += o.report.notice_number.correct as usize;
        t.notice_date.documents += 1;
        t.notice_date.correct += o.report.notice_date.correct as usize;
        report.documents.push(o.report);
        report.missed.extend(o.missed);
        report.false_records.extend(o.false_records);
        report.wrong.extend(o.wrong);
    }
    if errors.is_empty() {
        Ok((report, warnings))
    } else {
        Err(errors)
    }
}
