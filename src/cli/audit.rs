//! `chidao audit`: score records against gold fixtures, or check the gold
//! (SPEC §6–7). The library side is [`crate::audit`]; this file reads
//! files, runs the extractor when asked, and maps results to exit codes.

use crate::audit::{self, check, gold, AuditError, DocInput, DocText, Field, Gold, Problem};
use crate::pipeline;
use crate::record::Record;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const LONG_ABOUT: &str = "\
Score task records against hand-made gold fixtures (SPEC.md §7), or check the gold itself (§6).

Records come from a file written earlier by `chidao extract` (--records), or from running the
extractor on the INPUT documents. Gold files pair with documents by file stem: gold
`fixtures/004_x.json` scores the records whose `document` is `004_x.txt` (any folder).

Gold text is located in each document's text after NFC only, so audit needs the documents'
bytes: from the INPUT paths, or, with --records and no INPUT, from --docs DIR (default: the
`corpus` folder beside the gold folder, e.g. `fixtures/../corpus`).";

const AFTER_HELP: &str = "\
Exit codes:
  0  scored, and every total reaches its --min floor (--check-gold: no problem found)
  1  a total is under its floor, named on stderr (--check-gold: problems found, one a line)
  2  unusable input: unreadable or malformed gold, records or documents (file:line:column
     or byte in the message), gold text that cannot be found, bad arguments

Examples:
  chidao audit --gold fixtures corpus
  chidao audit --gold fixtures --min 0.6 --min tasks=0.8 --format json corpus
  chidao extract --format jsonl corpus > out.jsonl && chidao audit --gold fixtures --records out.jsonl
  chidao audit --gold fixtures --records - --docs corpus < out.json
  chidao audit --check-gold fixtures --docs corpus";

/// Report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// One `--min` value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloorArg {
    All(f64),
    One(Field, f64),
}

fn parse_floor(s: &str) -> Result<FloorArg, String> {
    let num = |v: &str| -> Result<f64, String> {
        let x: f64 = v.trim().parse().map_err(|_| format!("{v:?} is not a number"))?;
        if (0.0..=1.0).contains(&x) {
            Ok(x)
        } else {
            Err(format!("{x} is not in [0, 1]"))
        }
    };
    match s.split_once('=') {
        None => Ok(FloorArg::All(num(s)?)),
        Some((f, v)) => {
            let field = Field::parse(f.trim()).ok_or_else(|| {
                let all: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown field {f:?} (one of {})", all.join(", "))
            })?;
            Ok(FloorArg::One(field, num(v)?))
        }
    }
}

/// Arguments of `chidao audit`.
#[derive(clap::Args, Debug)]
#[command(before_help = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Args {
    /// Folder of gold fixtures: one `<stem>.json` per document.
    #[arg(long, value_name = "DIR", required_unless_present = "check_gold")]
    pub gold: Option<PathBuf>,

    /// Check the gold files of DIR against their documents instead of scoring:
    /// text not found or ambiguous, bad dates, unknown deadline kinds, names neither
    /// canonical nor a lower-case group. Prints `file: task N: problem` lines.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["gold", "records", "min", "inputs"])]
    pub check_gold: Option<PathBuf>,

    /// Score this records file (JSON array or JSONL, as `extract` writes; `-` = stdin)
    /// instead of running the extractor.
    #[arg(long, value_name = "FILE")]
    pub records: Option<String>,

    /// Folder holding the documents the gold describes (with --records and no INPUT,
    /// and with --check-gold). Default: `corpus` beside the gold folder.
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,

    /// Report format; `json` has stable keys for CI and for tracking numbers.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Floor on a total F1: `FIELD=VALUE` (FIELD: tasks, lead, support, deadline,
    /// deliverable, due) or `VALUE` for all of them; repeatable, a named field wins over
    /// the bare value. Exit 1 when a total is under its floor.
    #[arg(long = "min", value_name = "[FIELD=]F1", value_parser = parse_floor)]
    pub min: Vec<FloorArg>,

    /// Documents (files, or folders of *.txt). Without --records the extractor runs on
    /// them; with --records they choose the scored documents and give their bytes.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn out(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// Unusable input: print and exit 2.
fn fail(msg: impl std::fmt::Display) -> i32 {
    eprintln!("chidao audit: {msg}");
    2
}

fn fail_all(problems: &[Problem]) -> i32 {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!("chidao audit: the gold cannot be used ({} problem(s); see --check-gold)", problems.len());
    2
}

pub fn run(args: Args) -> i32 {
    if let Some(dir) = &args.check_gold {
        return run_check(dir, args.docs.as_deref());
    }
    let Some(gold_dir) = &args.gold else {
        return fail("--gold DIR is required");
    };
    let (golds, problems) = match gold::load_dir(gold_dir) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    if golds.is_empty() {
        return fail(format!("{}: no gold files (*.json)", gold_dir.display()));
    }
    if !problems.is_empty() {
        return fail_all(&problems);
    }
    let by_stem: HashMap<&str, &Gold> = golds.iter().map(|g| (g.stem.as_str(), g)).collect();

    let inputs = match expand_inputs(&args.inputs) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    // (gold, document text) of each scored document, and the records.
    let mut texts: Vec<(&Gold, DocText)> = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    match &args.records {
        Some(src) => {
            records = match read_records(src) {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            if inputs.is_empty() {
                let docs = args.docs.clone().unwrap_or_else(|| default_docs(gold_dir));
                for g in &golds {
                    let Some(p) = audit::find_document(&docs, g) else {
                        return fail(format!(
                            "{}: no document for this gold file in {}",
                            g.path.display(),
                            docs.display()
                        ));
                    };
                    match read_doc(&p) {
                        Ok(t) => texts.push((g, t)),
                        Err(e) => return fail(e),
                    }
                }
            }
        }
        None if inputs.is_empty() => {
            return fail("give INPUT documents to run the extractor on, or --records FILE (see --help)")
        }
        None => {}
    }
    for p in &inputs {
        let bytes = match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => return fail(format!("{}: cannot read: {e}", p.display())),
        };
        let name = p.display().to_string();
        if args.records.is_none() {
            match pipeline::extract_document(&name, &bytes, &pipeline::Options::default()) {
                Ok(r) => records.extend(r.records),
                Err(e) => return fail(e),
            }
        }
        let Some(g) = by_stem.get(audit::stem(&name).as_str()) else {
            eprintln!("chidao audit: warning: {name}: no gold file in {}; not scored", gold_dir.display());
            continue;
        };
        match doc_text(p, &bytes) {
            Ok(t) => texts.push((g, t)),
            Err(e) => return fail(e),
        }
    }

    let docs: Vec<DocInput> = texts.iter().map(|(g, t)| DocInput { gold: g, text: t }).collect();
    let (mut report, warnings) = match audit::score_with_warnings(&docs, &records) {
        Ok(x) => x,
        Err(problems) => return fail_all(&problems),
    };
    for w in &warnings {
        eprintln!("chidao audit: warning: {w}");
    }
    report.apply_floors(&floors(&args.min));
    match args.format {
        Format::Text => out(&report.to_text()),
        Format::Json => out(&(report.to_json() + "\n")),
    }
    let mut code = 0;
    for f in report.floors.iter().filter(|f| !f.ok) {
        let got = f.f1.map(|v| format!("{v:.4}")).unwrap_or_default();
        eprintln!("chidao audit: total F1 of `{}` is {got}, under the floor {}", f.field, f.min);
        code = 1;
    }
    code
}

/// `--min` values → one floor per field; a named field wins over a bare value.
pub fn floors(args: &[FloorArg]) -> Vec<(Field, f64)> {
    let mut all = None;
    let mut one: HashMap<Field, f64> = HashMap::new();
    for a in args {
        match *a {
            FloorArg::All(v) => all = Some(v),
            FloorArg::One(f, v) => {
                one.insert(f, v);
            }
        }
    }
    Field::ALL.into_iter().filter_map(|f| one.get(&f).copied().or(all).map(|v| (f, v))).collect()
}

fn run_check(dir: &Path, docs: Option<&Path>) -> i32 {
    let docs = docs.map(Path::to_path_buf).unwrap_or_else(|| default_docs(dir));
    let paths = match gold::list_dir(dir) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if paths.is_empty() {
        return fail(format!("{}: no gold files (*.json)", dir.display()));
    }
    let mut problems = 0;
    let mut unusable = false;
    for p in paths {
        let (g, pre) = match gold::load_file(&p) {
            Ok(x) => x,
            Err(e) => {
                out(&format!("{e}\n"));
                problems += 1;
                unusable = true;
                continue;
            }
        };
        let text = match audit::find_document(&docs, &g).map(|d| read_doc(&d)) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                out(&format!("{e}\n"));
                problems += 1;
                None
            }
            None => None,
        };
        for pr in pre.iter().chain(&check::check(&g, text.as_ref())) {
            out(&format!("{pr}\n"));
            problems += 1;
        }
    }
    if problems > 0 {
        eprintln!("chidao audit: {problems} problem(s) in the gold");
    }
    if unusable {
        2
    } else {
        (problems > 0) as i32
    }
}

/// `corpus` beside the gold folder.
fn default_docs(gold_dir: &Path) -> PathBuf {
    let abs = gold_dir.canonicalize().unwrap_or_else(|_| gold_dir.to_path_buf());
    abs.parent().map(|p| p.join("corpus")).unwrap_or_else(|| PathBuf::from("corpus"))
}

/// Files as given; folders give their `*.txt` files, sorted.
fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: cannot read folder: {e}", p.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn read_records(src: &str) -> Result<Vec<Record>, AuditError> {
    let bytes = if src == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| AuditError::new("<stdin>", format!("cannot read: {e}")))?;
        b
    } else {
        std::fs::read(src).map_err(|e| AuditError::new(src, format!("cannot read: {e}")))?
    };
    audit::parse_records(if src == "-" { "<stdin>" } else { src }, &bytes)
}

fn read_doc(p: &Path) -> Result<DocText, AuditError> {
    let bytes = std::fs::read(p).map_err(|e| AuditError::new(p, format!("cannot read: {e}")))?;
    doc_text(p, &bytes)
}

/// The document's NFC text. UTF-8 and UTF-16 with BOM are read by audit
/// itself; other bytes go through the decoding stage (legacy encodings),
/// whose map still leads back to the bytes.
fn doc_text(p: &Path, bytes: &[u8]) -> Result<DocText, AuditError> {
    match DocText::from_bytes(bytes) {
        Ok(t) => Ok(t),
        Err((at, msg)) => match crate::decode::decode(bytes, crate::decode::Encoding::Auto) {
            Ok(d) => Ok(DocText::from_decoded(&d.text, d.map)),
            Err(_) => Err(AuditError::new(p, msg).at_byte(at)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_parse_and_combine() {
        assert_eq!(parse_floor("0.5"), Ok(FloorArg::All(0.5)));
        assert_eq!(parse_floor("lead=0.8"), Ok(FloorArg::One(Field::Lead, 0.8)));
        assert!(parse_floor("lead=1.5").is_err());
        assert!(parse_floor("colour=0.5").is_err());
        let f = floors(&[FloorArg::One(Field::Lead, 0.8), FloorArg::All(0.5)]);
        assert_eq!(f.len(), 6);
        assert!(f.contains(&(Field::Lead, 0.8)) && f.contains(&(Field::Tasks, 0.5)));
        assert_eq!(floors(&[FloorArg::One(Field::Due, 0.1)]), vec![(Field::Due, 0.1)]);
    }
}
