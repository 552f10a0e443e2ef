//! One document through the whole pipeline: bytes → decode → normalise →
//! header → segment → extract → records.

use crate::decode::{self, Encoding};
use crate::document;
use crate::error::{Error, ErrorKind};
use crate::extract::{self, Draft};
use crate::normalize;
use crate::record::Record;
use crate::segment;
use crate::span::OffsetMap;
use std::borrow::Cow;

/// Settings that change how a document is read.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Encoding to read the bytes as (`Auto` detects).
    pub encoding: Encoding,
    /// Replace undecodable bytes instead of failing.
    pub lossy: bool,
}

/// The records of one document, and what was noticed while reading it.
#[derive(Clone, Debug, Default)]
pub struct DocumentResult {
    pub records: Vec<Record>,
    /// The encoding the bytes were read as.
    pub encoding: &'static str,
    /// Bytes replaced under `lossy`.
    pub replaced: usize,
    /// Things a user should know (unsure encoding detection ...).
    pub warnings: Vec<String>,
}

/// Runs the pipeline over one document's bytes. `document` is the name
/// records carry (the file name as given).
pub fn extract_document(document: &str, bytes: &[u8], opts: &Options) -> Result<DocumentResult, Error> {
    extract_document_owned(document, bytes.to_vec(), opts)
}

/// [`extract_document`] for bytes the caller hands over: nothing is copied
/// when the bytes are clean UTF-8.
pub fn extract_document_owned(document: &str, bytes: Vec<u8>, opts: &Options) -> Result<DocumentResult, Error> {
    if let Some(off) = binary_offset(&bytes) {
        return Err(Error::new(ErrorKind::NotText, "not a text file (NUL byte)").in_file(document).at_offset(off));
    }
    let decoded = decode::decode_owned(bytes, opts.encoding, opts.lossy)
        .map_err(|e| Error::new(ErrorKind::Decode, e.message).in_file(document).at_offset(e.offset))?;
    let (encoding, replaced, warnings, decode_map) = (decoded.encoding, decoded.replaced, decoded.warnings, decoded.map);
    let norm = normalize::normalize_owned(decoded.text, normalize::ToneStyle::New);
    let map = decode_map.then(norm.map);
    let records = records_of(document, &norm.text, &map);
    Ok(DocumentResult { records, encoding, replaced, warnings })
}

/// Where a NUL byte shows binary content; UTF-16 text (with a BOM) has NULs and is text.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(bytes) {
        return None;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)])
}

/// UTF-16 without a BOM: NULs on one byte parity only (the decoder reads it, with a warning).
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (hi, lo) = (even.max(odd), even.min(odd));
    hi * 10 >= pairs * 4 && lo * 20 <= pairs
}

/// Records of a normalised text; `map` takes its positions to input bytes.
pub fn records_of(document: &str, text: &str, map: &OffsetMap) -> Vec<Record> {
    let header = document::read_header(text);
    let outline = segment::segment(text, header.body_start);
    let mut drafts = extract::extract(text, &header, &outline);
    // The fields are taken out where the drafts stand: moving each (large)
    // draft out of the list cost a copy of it per record.
    drafts.iter_mut().map(|d| to_record(document, &header, text, map, d)).collect()
}

fn to_record(document: &str, header: &document::Header, text: &str, map: &OffsetMap, d: &mut Draft) -> Record {
    // Collected, not pushed one by one: one allocation for the usual two or three.
    let missing = [
        (d.lead.is_empty(), "lead"),
        (d.deadline.is_none(), "deadline"),
        (d.deliverable.is_none(), "deliverable"),
        (d.year_unknown, "deadline_year"),
    ]
    .into_iter()
    .filter_map(|(absent, field)| absent.then_some(Cow::Borrowed(field)))
    .collect();
    let mut rules = std::mem::take(&mut d.rules);
    rules.sort_unstable();
    rules.dedup();
    let rules = rules.into_iter().map(Cow::Borrowed).collect();
    Record {
        id: [document, "#", &d.path].concat(),
        document: document.to_string(),
        notice_number: header.notice_number.clone(),
        notice_date: header.notice_date,
        path: std::mem::take(&mut d.path),
        text: extract::flat(text, d.range),
        span: [map.map_start(d.range.0), map.map_end(d.range.1)],
        lead: std::mem::take(&mut d.lead),
        support: std::mem::take(&mut d.support),
        assigned_by: d.assigned_by.take(),
        report_to: d.report_to.take(),
        action: d.action.take(),
        deliverable: d.deliverable.take(),
        deadline: d.deadline.take(),
        source_document: d.source_document.take(),
        overdue_units: std::mem::take(&mut d.overdue_units),
        status: d.status.take(),
        missing,
        rules,
    }
}
