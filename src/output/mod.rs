//! Writers for records: JSON array, JSON Lines, CSV (README "CSV columns").
//! All three stream: records are written as they come.

mod json;

use crate::record::{Agency, Record};
use std::io::{self, Write};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// One JSON array.
    Json,
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// One row per task, nested fields flattened.
    Csv,
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 26] = [
    "id", "document", "notice_number", "notice_date", "path", "text", "span_start", "span_end", "lead", "lead_kinds",
    "support", "assigned_by", "report_to", "action", "deliverable_text", "deliverable_type", "deadline_text",
    "deadline_kind", "deadline_due", "deadline_start", "deadline_recurrence", "source_document", "overdue_units",
    "status", "missing", "rules",
];

/// Separator of list values inside one CSV cell.
pub const LIST_SEP: &str = " | ";

/// A streaming record writer.
pub struct RecordWriter<W: Write> {
    format: Format,
    out: W,
    count: usize,
    excel: bool,
}

impl<W: Write> RecordWriter<W> {
    /// Starts the output (writes the CSV header or the opening bracket).
    /// `excel` makes CSV safe to open in a spreadsheet: a UTF-8 BOM, and
    /// cells that a spreadsheet would run as formulas neutralised.
    pub fn new(mut out: W, format: Format, excel: bool) -> io::Result<Self> {
        match format {
            Format::Json => out.write_all(b"[")?,
            Format::Csv => {
                if excel {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                write_csv_row(&mut out, CSV_COLUMNS.iter().map(|s| s.to_string()), excel)?;
            }
            Format::Jsonl => {}
        }
        Ok(RecordWriter { format, out, count: 0, excel })
    }

    /// Writes one record.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        self.write_encoded(&Encoded::new(self.format, self.excel, std::slice::from_ref(r))?)
    }

    /// Writes records encoded elsewhere (by a worker thread) for this
    /// writer's format and settings.
    pub fn write_encoded(&mut self, e: &Encoded) -> io::Result<()> {
        if e.count == 0 {
            return Ok(());
        }
        if self.format == Format::Json {
            self.out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        }
        self.out.write_all(&e.bytes)?;
        self.count += e.count;
        Ok(())
    }

    /// Closes the output and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Records in their output form, ready to be written: encoding is the
/// costly part of writing, and can run on the thread that made them.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    bytes: Vec<u8>,
    count: usize,
}

impl Encoded {
    /// Encodes `records` for `format` (JSON: objects joined by ",\n"; the
    /// writer adds what goes between batches).
    pub fn new(format: Format, excel: bool, records: &[Record]) -> io::Result<Encoded> {
        // Records are about 1 KB of JSON each.
        let mut bytes = Vec::with_capacity(records.len() * 1024);
        for (k, r) in records.iter().enumerate() {
            match format {
                Format::Json => {
                    if k > 0 {
                        bytes.extend_from_slice(b",\n");
                    }
                    json::write_record(&mut bytes, r);
                }
                Format::Jsonl => {
                    json::write_record(&mut bytes, r);
                    bytes.push(b'\n');
                }
                Format::Csv => write_csv_row(&mut bytes, csv_cells(r), excel)?,
            }
        }
        Ok(Encoded { bytes, count: records.len() })
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

fn names(list: &[Agency]) -> String {
    list.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(LIST_SEP)
}

/// The CSV cells of a record, in [`CSV_COLUMNS`] order.
pub fn csv_cells(r: &Record) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let dl = r.deadline.as_ref();
    vec![
        r.id.clone(),
        r.document.clone(),
        opt(&r.notice_number),
        date(r.notice_date),
        r.path.clone(),
        r.text.clone(),
        r.span[0].to_string(),
        r.span[1].to_string(),
        names(&r.lead),
        r.lead.iter().map(|a| a.kind.as_str()).collect::<Vec<_>>().join(LIST_SEP),
        names(&r.support),
        opt(&r.assigned_by),
        opt(&r.report_to),
        opt(&r.action),
        r.deliverable.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
        r.deliverable.as_ref().map(|d| d.kind.clone()).unwrap_or_default(),
        dl.map(|d| d.text.clone()).unwrap_or_default(),
        dl.map(|d| d.kind.as_str().to_string()).unwrap_or_default(),
        date(dl.and_then(|d| d.due)),
        date(dl.and_then(|d| d.start)),
        dl.and_then(|d| d.recurrence).map(|x| x.as_str().to_string()).unwrap_or_default(),
        opt(&r.source_document),
        names(&r.overdue_units),
        r.status.map(|s| if s == crate::record::Status::Done { "done" } else { "not_done" }.to_string()).unwrap_or_default(),
        r.missing.join(LIST_SEP),
        r.rules.join(LIST_SEP),
    ]
}

/// A cell a spreadsheet would read as a formula gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn write_csv_row<W: Write>(out: &mut W, cells: impl IntoIterator<Item = String>, excel: bool) -> io::Result<()> {
    let mut first = true;
    for c in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        let c = if excel { neutralise(&c) } else { c };
        if c.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(c.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(c.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str) -> Record {
        serde_json::from_value(serde_json::json!({"id": "a#1", "document": "a", "span": [0, 1], "text": text})).unwrap()
    }

    #[test]
    fn json_array_is_valid_when_empty_and_full() {
        let w = RecordWriter::new(Vec::new(), Format::Json, false).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&w.finish().unwrap()).unwrap();
        assert_eq!(v, serde_json::json!([]));
        let mut w = RecordWriter::new(Vec::new(), Format::Json, false).unwrap();
        w.write(&rec("x")).unwrap();
        w.write(&rec("y")).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&w.finish().unwrap()).unwrap();
        assert_eq!(v.as_array().map(|a| a.len()), Some(2));
    }

    #[test]
    fn batches_encoded_apart_join_like_records_written_one_by_one() {
        let recs = [rec("a"), rec("b"), rec("c")];
        for format in [Format::Json, Format::Jsonl, Format::Csv] {
            let mut one = RecordWriter::new(Vec::new(), format, false).unwrap();
            for r in &recs {
                one.write(r).unwrap();
            }
            let mut batched = RecordWriter::new(Vec::new(), format, false).unwrap();
            for part in [&recs[..0], &recs[..2], &recs[2..], &recs[..0]] {
                batched.write_encoded(&Encoded::new(format, false, part).unwrap()).unwrap();
            }
            assert_eq!(one.finish().unwrap(), batched.finish().unwrap(), "{format:?}");
        }
    }

    #[test]
    fn csv_reads_back_with_a_standard_reader() {
        let mut w = RecordWriter::new(Vec::new(), Format::Csv, false).unwrap();
        w.write(&rec("Bộ Y tế trình \"Đề án\", hoàn thành\nngay")).unwrap();
        let bytes = w.finish().unwrap();
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(r.headers().unwrap().len(), CSV_COLUMNS.len());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "Bộ Y tế trình \"Đề án\", hoàn thành\nngay");
    }

    #[test]
    fn excel_mode_neutralises_formulas() {
        let mut w = RecordWriter::new(Vec::new(), Format::Csv, true).unwrap();
        w.write(&rec("=HYPERLINK(\"x\")")).unwrap();
        let bytes = w.finish().unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("Bộ"), "Bộ");
    }
}
