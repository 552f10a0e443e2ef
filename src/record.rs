//! The task record of SPEC.md §2: the contract between `extract`, `output` and `audit`.
//!
//! Every field is always present when serialised (`null` / `[]` when absent).
//! Deserialisation is lenient (missing fields take their default) so that
//! `audit` can read records written by older versions or other tools.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What kind of body an agency is (SPEC §2, "An agency is ...").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Ministry,
    MinistryLevel,
    GovernmentAgency,
    Province,
    Enterprise,
    Group,
    #[serde(other)]
    Other,
}

impl AgencyKind {
    /// The name used in TSV tables and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "ministry",
            AgencyKind::MinistryLevel => "ministry_level",
            AgencyKind::GovernmentAgency => "government_agency",
            AgencyKind::Province => "province",
            AgencyKind::Enterprise => "enterprise",
            AgencyKind::Group => "group",
            AgencyKind::Other => "other",
        }
    }

    /// Parses the TSV/JSON spelling; `None` for an unknown kind.
    pub fn parse(s: &str) -> Option<AgencyKind> {
        Some(match s {
            "ministry" => AgencyKind::Ministry,
            "ministry_level" => AgencyKind::MinistryLevel,
            "government_agency" => AgencyKind::GovernmentAgency,
            "province" => AgencyKind::Province,
            "enterprise" => AgencyKind::Enterprise,
            "group" => AgencyKind::Group,
            "other" => AgencyKind::Other,
            _ => return None,
        })
    }
}

/// A responsible party: canonical name, kind, and the words as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// Canonical name (SPEC §2 "Canonical agency names").
    pub name: String,
    pub kind: AgencyKind,
    /// The text as written in the document (normalised).
    #[serde(default)]
    pub mention: String,
    /// For bodies that no longer exist: the body that took over their work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

/// Deadline kinds of SPEC §3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Before,
    By,
    Within,
    Immediate,
    Event,
    Recurring,
    Ongoing,
}

impl DeadlineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Before => "before",
            DeadlineKind::By => "by",
            DeadlineKind::Within => "within",
            DeadlineKind::Immediate => "immediate",
            DeadlineKind::Event => "event",
            DeadlineKind::Recurring => "recurring",
            DeadlineKind::Ongoing => "ongoing",
        }
    }

    pub fn parse(s: &str) -> Option<DeadlineKind> {
        Some(match s {
            "before" => DeadlineKind::Before,
            "by" => DeadlineKind::By,
            "within" => DeadlineKind::Within,
            "immediate" => DeadlineKind::Immediate,
            "event" => DeadlineKind::Event,
            "recurring" => DeadlineKind::Recurring,
            "ongoing" => DeadlineKind::Ongoing,
            _ => return None,
        })
    }
}

/// How often a task recurs (SPEC §3 `recurrence`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Recurrence {
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::Weekly => "weekly",
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::Yearly => "yearly",
        }
    }
}

/// The time bound of a task (SPEC §3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The time expression as it stands in the clause.
    #[serde(default)]
    pub text: String,
    pub kind: DeadlineKind,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
}

/// The product a task must produce (SPEC §4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliverable {
    pub text: String,
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// `done` / `not_done` as marked in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    NotDone,
}

/// One task (SPEC §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub document: String,
    #[serde(default)]
    pub notice_number: Option<String>,
    #[serde(default)]
    pub notice_date: Option<NaiveDate>,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub text: String,
    /// Byte offsets `[start, end)` of the clause in the input as read.
    pub span: [usize; 2],
    #[serde(default)]
    pub lead: Vec<Agency>,
    #[serde(default)]
    pub support: Vec<Agency>,
    #[serde(default)]
    pub assigned_by: Option<String>,
    #[serde(default)]
    pub report_to: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub deliverable: Option<Deliverable>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    #[serde(default)]
    pub source_document: Option<String>,
    #[serde(default)]
    pub overdue_units: Vec<Agency>,
    #[serde(default)]
    pub status: Option<Status>,
    /// Fields left empty; the names are fixed words, so borrowed when made
    /// here (owned when read back).
    #[serde(default)]
    pub missing: Vec<Cow<'static, str>>,
    /// Rule ids: fixed words, borrowed when made here.
    #[serde(default)]
    pub rules: Vec<Cow<'static, str>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_serialised_even_when_empty() {
        let r = Record {
            id: "a.txt#p1.1".into(),
            document: "a.txt".into(),
            notice_number: None,
            notice_date: None,
            path: "p1.1".into(),
            text: "x".into(),
            span: [0, 1],
            lead: vec![],
            support: vec![],
            assigned_by: None,
            report_to: None,
            action: None,
            deliverable: None,
            deadline: None,
            source_document: None,
            overdue_units: vec![],
            status: None,
            missing: vec![],
            rules: vec![],
        };
        let v = serde_json::to_value(&r).unwrap();
        for f in [
            "id", "document", "notice_number", "notice_date", "path", "text", "span", "lead",
            "support", "assigned_by", "report_to", "action", "deliverable", "deadline",
            "source_document", "overdue_units", "status", "missing", "rules",
        ] {
            assert!(v.get(f).is_some(), "field {f} missing");
        }
        assert!(v["deadline"].is_null());
        assert_eq!(v["lead"], serde_json::json!([]));
    }

    #[test]
    fn dates_and_kinds_use_spec_spellings() {
        let d = Deadline {
            text: "trước ngày 10/12/2025".into(),
            kind: DeadlineKind::Before,
            due: NaiveDate::from_ymd_opt(2025, 12, 10),
            start: None,
            recurrence: Some(Recurrence::Monthly),
        };
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["kind"], "before");
        assert_eq!(v["due"], "2025-12-10");
        assert_eq!(v["recurrence"], "monthly");
        let k = serde_json::to_value(AgencyKind::MinistryLevel).unwrap();
        assert_eq!(k, "ministry_level");
    }
}
