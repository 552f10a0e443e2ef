//! `audit --check-gold`: is the gold itself right? (SPEC §6, names per §2)
//!
//! Text that cannot be found, or found more than once with no
//! `occurrence`, and names that are neither canonical nor a lower-case
//! group. Date, kind and key problems come from [`super::gold`].

use super::align::DocText;
use super::gold::Gold;
use super::score::locate;
use super::Problem;
use crate::fold::{fold_name, fold_text};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

/// The shared canonical agency list (SPEC §2), one `kind<TAB>name<TAB>successor` row each.
const AGENCIES: &str = include_str!("../data/agencies_shared.tsv");

/// Names SPEC §2 allows beside the canonical list, by the words they open
/// with: (prefix, an example that must pass).
pub const NAME_PATTERNS: &[(&str, &str)] = &[
    // "A Deputy Prime Minister asked to direct something is named as such."
    ("Phó Thủ tướng ", "Phó Thủ tướng Trần Hồng Hà"),
    // "A provincial department or unit keeps the name written."
    ("Sở ", "Sở Tài chính"),
    ("Công an tỉnh", "Công an tỉnh"),
    ("Công an thành phố", "Công an thành phố Hà Nội"),
    // A province as doer is its People's Committee; provinces merged away
    // keep their own name ("an agency that no longer exists keeps its own name").
    ("Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân tỉnh Bình Dương"),
    ("Ủy ban nhân dân thành phố ", "Ủy ban nhân dân thành phố Thủ Đức"),
    // "Enterprises keep the name used."
    ("Tập đoàn ", "Tập đoàn Điện lực Việt Nam"),
    ("Tổng công ty ", "Tổng công ty Đường sắt Việt Nam"),
    ("Công ty ", "Công ty Cổ phần FPT"),
];

struct Canon {
    exact: HashSet<&'static str>,
    /// folded name → canonical name
    folded: HashMap<String, &'static str>,
}

fn canon() -> &'static Canon {
    static C: OnceLock<Canon> = OnceLock::new();
    C.get_or_init(|| {
        let mut exact = HashSet::new();
        let mut folded = HashMap::new();
        for line in AGENCIES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let _kind = cols.next();
            let name = cols.next().expect("agencies_shared.tsv: every row has a name").trim();
            exact.insert(name);
            folded.insert(fold_name(name), name);
        }
        Canon { exact, folded }
    })
}

/// NFC, single spaces, new-style tone marks: written as SPEC §5 says.
fn is_clean(name: &str) -> bool {
    is_nfc(name) && fold_text(name) == name.to_lowercase()
}

/// Whether `name` has the shape of a pattern: a prefix ending in a space
/// needs more words after it; one without is the whole name or its head.
fn fits(name: &str, p: &str) -> bool {
    if p.ends_with(' ') {
        name.len() > p.len() && name.starts_with(p)
    } else {
        name == p || name.strip_prefix(p).is_some_and(|rest| rest.len() > 1 && rest.starts_with(' '))
    }
}

/// What is wrong with a gold agency name, if anything.
pub fn name_problem(name: &str) -> Option<String> {
    let c = canon();
    if c.exact.contains(name) {
        return None;
    }
    if name.trim().is_empty() {
        return Some("empty agency name".into());
    }
    if let Some(canonical) = c.folded.get(&fold_name(name)) {
        return Some(format!("name {name:?} is not canonical: write {canonical:?}"));
    }
    if !is_clean(name) {
        return Some(format!("name {name:?} is not NFC with single spaces and new-style tone marks"));
    }
    let lower = !name.chars().any(char::is_uppercase);
    if lower || NAME_PATTERNS.iter().any(|(p, _)| fits(name, p)) {
        return None;
    }
    Some(format!("name {name:?} is neither canonical nor a lower-case group"))
}

/// Every problem of one gold file against its document (`None`: the
/// document was not found, which is itself reported).
pub fn check(gold: &Gold, doc: Option<&DocText>) -> Vec<Problem> {
    let mut out = Vec::new();
    match doc {
        None => out.push(Problem::new(&gold.path, None, "no document found for this gold file".into())),
        Some(doc) => {
            let (ranges, errors, warnings) = locate(gold, doc);
            out.extend(errors);
            out.extend(warnings);
            let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
            for (i, r) in ranges.iter().enumerate() {
                if let Some(&first) = r.first() {
                    if let Some(prev) = seen.insert(first, i + 1) {
                        out.push(Problem::new(&gold.path, Some(i + 1), format!("same text and place as task {prev}")));
                    }
                }
            }
        }
    }
    for (i, t) in gold.tasks.iter().enumerate() {
        for n in t.lead.iter().chain(&t.support) {
            if let Some(p) = name_problem(n) {
                out.push(Problem::new(&gold.path, Some(i + 1), p));
            }
        }
    }
    out.sort_by_key(|p| p.task.unwrap_or(0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_list_loads_and_patterns_pass() {
        assert!(canon().exact.len() > 80);
        for (_, example) in NAME_PATTERNS {
            assert_eq!(name_problem(example), None, "{example}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(name_problem("Bộ Y tế"), None);
        assert_eq!(name_problem("doanh nghiệp viễn thông"), None);
        assert_eq!(name_problem("Bộ Thông tin và Truyền thông"), None);
        assert!(name_problem("Ủy ban nhân dân tỉnh Khánh Hoà")
            .unwrap()
            .contains("write \"Ủy ban nhân dân tỉnh Khánh Hòa\""));
        assert!(name_problem("Các bộ, ngành").unwrap().contains("not canonical"));
        assert!(name_problem("bộ y tế").unwrap().contains("write \"Bộ Y tế\""));
        assert!(name_problem("Bộ Điện lực").unwrap().contains("neither canonical"));
        assert!(name_problem("Sở  Y tế").is_some());
        assert!(name_problem("Sởi").is_some());
        assert!(name_problem("Công an tỉnh Gia Lai").is_none());
        assert!(name_problem("").is_some());
    }
}
