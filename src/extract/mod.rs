//! Extraction: from segmented clauses to task records, one field per module.

pub mod action;
pub mod agency;
pub mod deadline;
pub mod deliverable;
