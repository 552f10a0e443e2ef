//! The agency tables (SPEC.md §2 "Canonical agency names"), embedded from
//! `src/data/` and built once per process.

use crate::record::AgencyKind;

/// One alias row: how a name is written, and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub alias: String,
    pub canonical: String,
    pub kind: AgencyKind,
    pub successor: Option<String>,
}

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
}

/// The built-in gazetteer, loaded on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(Gazetteer::default)
}
