//! `chidao date`: reads one time phrase as a deadline (SPEC.md §3) and
//! prints it as JSON. A thin wrapper over [`crate::extract::deadline`].

use crate::extract::deadline::{find_deadline, parse_phrase};
use chrono::NaiveDate;

/// Arguments of `chidao date`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  chidao date --reference 2025-11-19 trước ngày 15/9\n  \
    → {\"kind\":\"before\",\"due\":\"2026-09-15\",\"start\":null,\"recurrence\":null,...}\n  \
    chidao date 'trong quý I năm 2026'\n\n\
    Exit codes: 0 read, 1 nothing read (all fields null), 2 bad arguments.")]
pub struct Args {
    /// The phrase (several words are joined by spaces).
    #[arg(required = true)]
    pub phrase: Vec<String>,
    /// The notice date (YYYY-MM-DD) that years left out and relative words resolve against.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference: Option<String>,
}

pub fn run(args: Args) -> i32 {
    let reference = match args.reference.as_deref().map(|r| NaiveDate::parse_from_str(r.trim(), "%Y-%m-%d")) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("chidao date: --reference {:?} is not a YYYY-MM-DD date: {e}", args.reference.unwrap_or_default());
            return 2;
        }
    };
    let phrase = crate::normalize::normalize_str(&args.phrase.join(" "));
    let hit = parse_phrase(&phrase, reference).or_else(|| find_deadline(&phrase, reference));
    let value = match &hit {
        Some(h) => serde_json::json!({
            "kind": h.deadline.kind.as_str(),
            "due": h.deadline.due.map(|d| d.to_string()),
            "start": h.deadline.start.map(|d| d.to_string()),
            "recurrence": h.deadline.recurrence.map(|r| r.as_str()),
            "text": h.deadline.text,
            "rules": h.rules,
            "year_unknown": h.year_unknown,
        }),
        None => serde_json::json!({
            "kind": null, "due": null, "start": null, "recurrence": null, "text": null, "rules": [],
        }),
    };
    println!("{value}");
    if hit.is_some() { 0 } else { 1 }
}
