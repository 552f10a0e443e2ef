//! The head verb phrase of a task (SPEC.md §2 `action`).

/// An action verb found in a clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionHit {
    /// The verb phrase, lower case (`trình`, `ban hành`, `hoàn thành` ...).
    pub action: String,
    /// Byte range in the clause.
    pub range: (usize, usize),
    pub rule: &'static str,
}

/// The first directive verb of the clause, searched from `from`.
pub fn find_action(clause: &str, from: usize) -> Option<ActionHit> {
    let _ = (clause, from);
    None
}
