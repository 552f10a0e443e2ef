//! Agencies and their roles in a clause (SPEC.md §2): lead, support,
//! assigned_by, report_to.

use crate::record::Agency;

/// An agency named in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyHit {
    pub agency: Agency,
    /// Byte range of the mention in the text searched.
    pub range: (usize, usize),
}

/// The roles found in one clause.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roles {
    /// Who must do it: the subject, or the addressee of giao / yêu cầu / đề nghị.
    pub lead: Vec<Agency>,
    /// Who coordinates (phối hợp với ...).
    pub support: Vec<Agency>,
    /// Who assigns it (Thủ tướng, Phó Thủ tướng ..., Ban Chỉ đạo ...).
    pub assigned_by: Option<String>,
    /// Whom to report to.
    pub report_to: Option<String>,
    /// The clause names its own doer (so it does not inherit one).
    pub has_subject: bool,
    /// Byte offset in the clause where the predicate (the work) begins,
    /// after the subject / addressee; 0 when the clause opens with the verb.
    pub predicate_start: usize,
    pub rules: Vec<&'static str>,
}

/// Every agency mention in `text`, lists with a shared head expanded.
pub fn find_agencies(text: &str) -> Vec<AgencyHit> {
    let _ = text;
    Vec::new()
}

/// The roles of the agencies in one clause.
pub fn assign_roles(clause: &str) -> Roles {
    let _ = clause;
    Roles::default()
}

/// A table cell or labelled field that is only a list of agencies
/// ("Bộ Nông nghiệp và Môi trường, Bộ Tài chính, Đồng Nai, Hà Tĩnh").
pub fn parse_agency_list(cell: &str) -> Vec<Agency> {
    find_agencies(cell).into_iter().map(|h| h.agency).collect()
}
