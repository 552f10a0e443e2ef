//! Deliverables (SPEC.md §4): documents, systems, measured targets.

use crate::record::Deliverable;

/// A deliverable found in a clause.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliverableHit {
    pub deliverable: Deliverable,
    /// Byte range in the clause.
    pub range: (usize, usize),
    pub rule: &'static str,
}

/// The product the clause asks for; `exclude` holds byte ranges of the
/// clause already taken by other fields (the deadline, agency names).
pub fn find_deliverable(clause: &str, exclude: &[(usize, usize)]) -> Option<DeliverableHit> {
    let _ = (clause, exclude);
    None
}
