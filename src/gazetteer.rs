//! The agency tables (SPEC.md §2 "Canonical agency names"), embedded from
//! `src/data/` and built once per process.
//!
//! Sources, all TSV with a note column for humans:
//! - `agencies_shared.tsv`: the shared canonical list (kind, name, successor);
//! - `aliases.tsv`: one alias per row → canonical name(s) and kind;
//! - `provinces.tsv`: the 34 provinces in force and the merged ones with their
//!   successor; the written forms ("Ủy ban nhân dân tỉnh X", "UBND tỉnh X",
//!   "tỉnh X", "Tỉnh ủy X", "TP. X" ...) are generated from each row;
//! - `list_items.tsv`: words that name an agency only inside a list
//!   ("các bộ ngành, địa phương").
//!
//! Ministry short names ("Y tế" in "Các bộ: Y tế, Tài chính") and
//! departments ("Sở Tài chính") are generated from the ministry names.
//!
//! Matching is case-blind over [`fold`]ed text, which keeps byte offsets.

use crate::record::AgencyKind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::collections::HashMap;

const SHARED_TSV: &str = include_str!("data/agencies_shared.tsv");
const ALIASES_TSV: &str = include_str!("data/aliases.tsv");
const PROVINCES_TSV: &str = include_str!("data/provinces.tsv");
const LIST_ITEMS_TSV: &str = include_str!("data/list_items.tsv");

/// The embedded tables by file name, for data tests.
pub const DATA_FILES: [(&str, &str); 4] = [
    ("agencies_shared.tsv", SHARED_TSV),
    ("aliases.tsv", ALIASES_TSV),
    ("provinces.tsv", PROVINCES_TSV),
    ("list_items.tsv", LIST_ITEMS_TSV),
];

/// Where an alias may be recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Anywhere in running text.
    Anywhere,
    /// Only as a later item of a list of agencies ("..., địa phương").
    List,
    /// A bare place name ("Khánh Hòa"): only in a list, written with a
    /// capital letter unless it follows a shared head ("các tỉnh: ...").
    Bare,
    /// Only after a shared head ("Các bộ: Y tế, Tài chính").
    Head,
}

/// One alias row: how a name is written, and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub alias: String,
    /// Canonical name; several are joined by `" + "` ("các bộ, ngành, địa
    /// phương" is both groups). See [`Entry::names`].
    pub canonical: String,
    pub kind: AgencyKind,
    pub successor: Option<String>,
    pub scope: Scope,
}

impl Entry {
    /// The canonical names this alias stands for (usually one).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.canonical.split(" + ")
    }
}

/// Kind and successor of a canonical name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameInfo {
    pub kind: AgencyKind,
    pub successor: Option<String>,
}

/// A pattern of the automata: an alias, a shared head, or both.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pattern {
    pub entry: Option<usize>,
    /// Followed by ":" or a name, it heads a list ("Các bộ: Y tế, ...").
    pub head: bool,
}

/// A match of an automaton on folded text.
#[derive(Clone, Copy, Debug)]
pub struct PatMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: Pattern,
}

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Canonical name → kind, successor.
    pub names: HashMap<String, NameInfo>,
    /// Aliases that were given two different canonical names (must stay empty).
    pub conflicts: Vec<String>,
    main: Option<AhoCorasick>,
    main_pats: Vec<Pattern>,
    items: Option<AhoCorasick>,
    item_pats: Vec<Pattern>,
}

/// Shared heads: a collective followed by ":" or directly by names. Titles
/// before them ("Bộ trưởng các Bộ:", "Chủ tịch UBND các tỉnh:") are taken by
/// the scanner.
const HEADS: &[&str] = &[
    "các bộ",
    "các bộ, cơ quan",
    "các bộ, cơ quan ngang bộ",
    "các bộ, ngành",
    "các cơ quan",
    "các tỉnh",
    "các tỉnh, thành phố",
    "các tỉnh, thành phố trực thuộc trung ương",
    "các thành phố",
    "ubnd các tỉnh",
    "ubnd các tỉnh, thành phố",
    "ubnd các tỉnh, thành phố trực thuộc trung ương",
    "ủy ban nhân dân các tỉnh",
    "ủy ban nhân dân các tỉnh, thành phố",
    "ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    "ủy ban nhân dân các thành phố",
];

/// Ministries with no provincial department of the same name.
const NO_DEPARTMENT: &[&str] = &["Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao"];

/// Lower case that keeps every byte offset: a letter whose lower case has
/// another UTF-8 length (none in Vietnamese) is kept as it is.
pub fn fold(s: &str) -> String {
    crate::normalize::case::lower_same_len(s)
}

/// Data rows of a TSV table: comments and blank lines skipped, cells split.
pub fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Rows added at run time (`--gazetteer FILE`): alias, canonical, kind.
static EXTRA: std::sync::OnceLock<Vec<(String, String, AgencyKind)>> = std::sync::OnceLock::new();

/// The gazetteer: built-in tables plus any rows added with [`add_rows`],
/// built on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer::builtin();
        if let Some(extra) = EXTRA.get() {
            for (alias, canonical, kind) in extra {
                g.names.entry(canonical.clone()).or_insert(NameInfo { kind: *kind, successor: None });
                g.add(alias, canonical, *kind, None, Scope::Anywhere);
            }
            g.build();
        }
        g
    })
}

/// Parses a user gazetteer in the format of the built-in tables (tab-separated
/// `alias`, `canonical name`, `kind`, optional note; `#` starts a comment).
/// Errors name the file, the line and the problem.
pub fn parse_user_rows(file: &str, tsv: &str) -> Result<Vec<(String, String, AgencyKind)>, crate::error::Error> {
    use crate::error::{Error, ErrorKind};
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| Error::new(ErrorKind::Data, m).in_file(file).at_line(i + 1);
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 3 {
            return Err(err(format!("expected alias<TAB>canonical name<TAB>kind, found {} column(s)", cols.len())));
        }
        let (alias, canonical) = (crate::normalize::normalize_str(cols[0]), crate::normalize::normalize_str(cols[1]));
        if alias.is_empty() || canonical.is_empty() {
            return Err(err("empty alias or canonical name".to_string()));
        }
        let Some(kind) = AgencyKind::parse(cols[2]) else {
            return Err(err(format!(
                "unknown kind {:?} (ministry, ministry_level, government_agency, province, enterprise, group, other)",
                cols[2]
            )));
        };
        out.push((alias, canonical, kind));
    }
    Ok(out)
}

/// Adds user rows to the gazetteer. Call before the first extraction; later
/// calls (or a call after the gazetteer was built) are refused.
pub fn add_rows(rows: Vec<(String, String, AgencyKind)>) -> Result<(), &'static str> {
    EXTRA.set(rows).map_err(|_| "the gazetteer rows were already set")
}

impl Gazetteer {
    /// Builds the tables from the embedded files.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        // The shared canonical list: every name is its own alias.
        for r in rows(SHARED_TSV) {
            let (Some(kind), Some(name)) = (r.first().and_then(|k| AgencyKind::parse(k)), r.get(1)) else {
                continue;
            };
            let successor = r.get(2).filter(|s| !s.is_empty()).map(|s| s.to_string());
            g.names.insert(name.to_string(), NameInfo { kind, successor: successor.clone() });
            g.add(name, name, kind, successor, Scope::Anywhere);
        }
        // Provinces: generated written forms.
        let prov: Vec<Vec<&str>> = rows(PROVINCES_TSV).collect();
        let unit_of: HashMap<&str, &str> =
            prov.iter().filter_map(|r| Some((*r.first()?, *r.get(1)?))).collect();
        let committee = |name: &str| -> String {
            let unit = unit_of.get(name).copied().unwrap_or("tỉnh");
            format!("Ủy ban nhân dân {unit} {name}")
        };
        for r in &prov {
            let (Some(name), Some(unit)) = (r.first(), r.get(1)) else { continue };
            let canonical = committee(name);
            let successor = r.get(2).filter(|s| !s.is_empty()).map(|s| committee(s));
            g.names.insert(canonical.clone(), NameInfo { kind: AgencyKind::Province, successor: successor.clone() });
            let city = !unit.eq_ignore_ascii_case("tỉnh");
            let mut forms = vec![
                format!("Ủy ban nhân dân {unit} {name}"),
                format!("UBND {unit} {name}"),
                format!("{unit} {name}"),
                format!("Ủy ban nhân dân {name}"),
                format!("UBND {name}"),
            ];
            if city {
                forms.push(format!("Thành ủy {name}"));
                for tp in ["TP.", "TP. ", "TP "] {
                    forms.push(format!("{tp}{name}"));
                    forms.push(format!("UBND {tp}{name}"));
                    forms.push(format!("Ủy ban nhân dân {tp}{name}"));
                }
            } else {
                forms.push(format!("Tỉnh ủy {name}"));
            }
            if *name == "Hồ Chí Minh" {
                for f in ["TP.HCM", "TPHCM", "TP. HCM", "TP HCM", "Thành phố HCM"] {
                    forms.push(f.to_string());
                    forms.push(format!("UBND {f}"));
                    forms.push(format!("Ủy ban nhân dân {f}"));
                }
            }
            if *name == "Hà Nội" {
                forms.push("Thủ đô Hà Nội".to_string());
            }
            for f in forms {
                g.add(&f, &canonical, AgencyKind::Province, successor.clone(), Scope::Anywhere);
            }
            g.add(name, &canonical, AgencyKind::Province, successor.clone(), Scope::Bare);
        }
        // Hand-written aliases.
        for (tsv, scope) in [(ALIASES_TSV, Scope::Anywhere), (LIST_ITEMS_TSV, Scope::List)] {
            for r in rows(tsv) {
                let (Some(alias), Some(canonical), Some(kind)) =
                    (r.first(), r.get(1), r.get(2).and_then(|k| AgencyKind::parse(k)))
                else {
                    continue;
                };
                let successor = g.names.get(*canonical).and_then(|i| i.successor.clone());
                if !canonical.contains(" + ") {
                    g.names.entry(canonical.to_string()).or_insert(NameInfo { kind, successor: None });
                }
                g.add(alias, canonical, kind, successor, scope);
            }
        }
        // Ministry short names for shared heads, and departments.
        let ministries: Vec<(String, String)> = g
            .entries
            .iter()
            .filter(|e| e.kind == AgencyKind::Ministry && e.alias.starts_with("Bộ "))
            .map(|e| (e.alias.clone(), e.canonical.clone()))
            .collect();
        for (alias, canonical) in ministries {
            let short = &alias["Bộ ".len()..];
            let successor = g.names.get(&canonical).and_then(|i| i.successor.clone());
            g.add(short, &canonical, AgencyKind::Ministry, successor, Scope::Head);
            if alias == canonical && !NO_DEPARTMENT.contains(&canonical.as_str()) {
                let dept = format!("Sở {short}");
                g.names.entry(dept.clone()).or_insert(NameInfo { kind: AgencyKind::Other, successor: None });
                g.add(&dept, &dept, AgencyKind::Other, None, Scope::Anywhere);
            }
        }
        g.build();
        g
    }

    fn add(&mut self, alias: &str, canonical: &str, kind: AgencyKind, successor: Option<String>, scope: Scope) {
        self.entries.push(Entry {
            alias: alias.to_string(),
            canonical: canonical.to_string(),
            kind,
            successor,
            scope,
        });
    }

    fn build(&mut self) {
        // Folded alias → pattern, for each automaton.
        let mut main: HashMap<String, Pattern> = HashMap::new();
        let mut items: HashMap<String, Pattern> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let key = fold(&e.alias);
            for (map, wanted) in [(&mut main, e.scope == Scope::Anywhere), (&mut items, true)] {
                if !wanted {
                    continue;
                }
                let p = map.entry(key.clone()).or_default();
                match p.entry {
                    None => p.entry = Some(i),
                    Some(j) if self.entries[j].canonical != e.canonical => {
                        // The same spelling as a name in force and as a list
                        // item is no conflict: the first (broader) one wins.
                        if self.entries[j].scope == e.scope {
                            self.conflicts.push(e.alias.clone());
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        for h in HEADS {
            main.entry(h.to_string()).or_default().head = true;
            items.entry(h.to_string()).or_default().head = true;
        }
        let (ac, pats) = automaton(main);
        self.main = ac;
        self.main_pats = pats;
        let (ac, pats) = automaton(items);
        self.items = ac;
        self.item_pats = pats;
    }

    /// The canonical info of a name (kind, successor).
    pub fn info(&self, canonical: &str) -> Option<&NameInfo> {
        self.names.get(canonical)
    }

    /// Leftmost-longest alias or head at or after `from` in folded text.
    pub fn find(&self, folded: &str, from: usize) -> Option<PatMatch> {
        let ac = self.main.as_ref()?;
        if from > folded.len() {
            return None;
        }
        let m = ac.find(Input::new(folded).span(from..folded.len()))?;
        Some(PatMatch { start: m.start(), end: m.end(), pattern: *self.main_pats.get(m.pattern().as_usize())? })
    }

    /// The longest alias of any scope, or head, that starts exactly at `at`.
    pub fn item_at(&self, folded: &str, at: usize) -> Option<PatMatch> {
        let ac = self.items.as_ref()?;
        if at > folded.len() {
            return None;
        }
        let input = Input::new(folded).span(at..folded.len()).anchored(Anchored::Yes);
        let m = ac.find(input)?;
        Some(PatMatch { start: m.start(), end: m.end(), pattern: *self.item_pats.get(m.pattern().as_usize())? })
    }
}

fn automaton(map: HashMap<String, Pattern>) -> (Option<AhoCorasick>, Vec<Pattern>) {
    let mut pairs: Vec<(String, Pattern)> = map.into_iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        // A contiguous NFA builds in a fraction of a DFA's time and searches almost as fast;
        // start-up matters for one-notice runs.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(pairs.iter().map(|p| p.0.as_str()))
        .ok();
    (ac, pairs.into_iter().map(|p| p.1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_automata_build() {
        let g = gazetteer();
        assert!(g.main.is_some() && g.items.is_some());
        assert!(g.entries.len() > 500, "{}", g.entries.len());
        assert!(g.conflicts.is_empty(), "{:?}", g.conflicts);
    }

    #[test]
    fn fold_keeps_offsets() {
        for s in ["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Bộ KH&CN", "İstanbul ẞ Ǆ"] {
            let f = fold(s);
            assert_eq!(f.len(), s.len());
            for (a, b) in s.char_indices().zip(f.char_indices()) {
                assert_eq!(a.0, b.0);
            }
        }
        assert_eq!(fold("ỦY BAN Đắk"), "ủy ban đắk");
    }

    #[test]
    fn old_provinces_keep_their_name_with_successor() {
        let g = gazetteer();
        let i = g.info("Ủy ban nhân dân tỉnh Hà Giang").unwrap();
        assert_eq!(i.successor.as_deref(), Some("Ủy ban nhân dân tỉnh Tuyên Quang"));
        let i = g.info("Ủy ban nhân dân tỉnh Bình Dương").unwrap();
        assert_eq!(i.successor.as_deref(), Some("Ủy ban nhân dân Thành phố Hồ Chí Minh"));
    }
}
