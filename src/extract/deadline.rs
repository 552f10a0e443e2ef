//! Deadlines (SPEC.md §3): a table of rules that read Vietnamese time
//! expressions, resolve them against the notice date, and pick the one that
//! bounds a clause's work.

use crate::record::Deadline;
use chrono::NaiveDate;

/// A deadline found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineHit {
    pub deadline: Deadline,
    /// Byte range of the expression in the text searched.
    pub range: (usize, usize),
    /// Ids of the rules that produced it (and notes such as `deadline/year-inferred`).
    pub rules: Vec<&'static str>,
    /// The year was left out and no reference date was known (SPEC §3: `missing` gets `deadline_year`).
    pub year_unknown: bool,
}

/// Reads `phrase` as a whole as one time expression (used by `chidao date`
/// and for a table's deadline column, where a bare date is `by`).
pub fn parse_phrase(phrase: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    let _ = (phrase, reference);
    None
}

/// The deadline of a clause: the time expression that bounds the work,
/// skipping cited-document dates, meeting dates and periods that are part
/// of a name; a completion time wins over an implementation period.
pub fn find_deadline(clause: &str, reference: Option<NaiveDate>) -> Option<DeadlineHit> {
    let _ = (clause, reference);
    None
}
