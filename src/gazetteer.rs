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
//! Both searches (aliases in force anywhere; list items of every scope) run
//! on one byte trie of the folded aliases: it builds in a small fraction of
//! an Aho-Corasick automaton's time, and a walk from one position gives the
//! longest pattern of each search at once.

use crate::record::{Agency, AgencyKind};
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
    /// What a mention of it yields, one agency per name, the mention left
    /// empty: resolved on the first hit ([`Gazetteer::agencies`]), so later
    /// hits cost no look-up and start-up resolves nothing.
    pub agencies: std::sync::OnceLock<Vec<Agency>>,
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

/// A character that joins what touches it into one word or code
/// ("QĐ-UBND"): a match must neither start nor end next to one.
pub fn glued(c: char) -> bool {
    matches!(c, '&' | '_' | '-' | '/') || crate::extract::is_alphanumeric(c)
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
    /// Every folded alias and head, for both searches.
    trie: Trie,
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
            agencies: std::sync::OnceLock::new(),
        });
    }

    /// The agencies `e` (one of [`Gazetteer::entries`]) stands for, the
    /// mention left empty.
    pub fn agencies<'e>(&self, e: &'e Entry) -> &'e [Agency] {
        e.agencies.get_or_init(|| self.agencies_of(e))
    }

    /// The agencies an alias stands for: kind and successor from the
    /// canonical list, a group when it names several bodies not listed.
    fn agencies_of(&self, e: &Entry) -> Vec<Agency> {
        let many = e.canonical.contains(" + ");
        e.names()
            .map(|name| {
                let info = self.info(name);
                Agency {
                    name: name.to_string(),
                    kind: match info {
                        Some(i) => i.kind,
                        None if many => AgencyKind::Group,
                        None => e.kind,
                    },
                    mention: String::new(),
                    successor: info.and_then(|i| i.successor.clone()),
                }
            })
            .collect()
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
        self.trie = Trie::new(main, items);
    }

    /// The canonical info of a name (kind, successor).
    pub fn info(&self, canonical: &str) -> Option<&NameInfo> {
        self.names.get(canonical)
    }

    /// Leftmost-longest alias or head at or after `from` in folded text:
    /// the first position where one starts, and the longest one there.
    pub fn find(&self, folded: &str, from: usize) -> Option<PatMatch> {
        let hay = folded.as_bytes();
        (from..hay.len()).find_map(|at| self.trie.main_may_start(hay, at).then(|| self.trie.longest(hay, at, Search::Main))?)
    }

    /// The longest alias in force, or head, that starts exactly at `at`.
    /// Most positions start none: the openings filter rules them out
    /// before any walk, so a scanner may ask at every word.
    #[inline]
    pub fn main_at(&self, folded: &str, at: usize) -> Option<PatMatch> {
        let hay = folded.as_bytes();
        // The first byte alone rules out too few word starts to pay.
        if !self.trie.main_may_start(hay, at) {
            return None;
        }
        self.trie.longest(hay, at, Search::Main)
    }

    /// [`Gazetteer::main_at`] for a scanner that keeps a match only if it
    /// ends where a word does: `end` is where the [`glued`] run at `at`
    /// ends (`at` when none starts there). A match ending inside a word may
    /// be missed, so most words are ruled out by the word itself and the
    /// bytes after it, instead of a walk.
    #[inline]
    pub fn main_at_word(&self, folded: &str, at: usize, end: usize) -> Option<PatMatch> {
        let hay = folded.as_bytes();
        if !self.trie.word_may_start(hay, at, end) {
            return None;
        }
        self.trie.longest(hay, at, Search::Main)
    }

    /// The longest alias of any scope, or head, that starts exactly at `at`.
    pub fn item_at(&self, folded: &str, at: usize) -> Option<PatMatch> {
        self.trie.longest(folded.as_bytes(), at, Search::Items)
    }
}

/// Which set of patterns a walk of the [`Trie`] reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    /// Aliases that count anywhere, and heads.
    Main,
    /// Aliases of every scope, and heads.
    Items,
}

/// A byte trie whose children sit side by side, in byte order, so that a
/// step is a scan of a few bytes.
#[derive(Debug, Default)]
struct Trie {
    /// The node of each first byte (`NONE`: no pattern starts with it).
    first: Vec<u32>,
    nodes: Vec<Node>,
    /// The byte that leads to each node, by node index.
    bytes: Vec<u8>,
    /// Child by byte of the nodes with many children (256 entries each).
    dense: Vec<u32>,
    /// The patterns the nodes point to.
    pats: Vec<Pattern>,
    /// Bits by hash of the opening bytes of the main patterns: see
    /// [`Trie::main_may_start`]. All set when the filter is off.
    openings: Box<Bits>,
    /// Bits by hash of the first `SHORT` bytes of every main pattern (same
    /// hash as the openings): one look-up rules out most word starts.
    prefixes: Box<Bits>,
    /// Bytes of the chains of single children (see [`Node::chain`]).
    labels: Vec<u8>,
    /// Bits by the first two bytes (little-endian) of the main patterns'
    /// first words: one load and no hash rule out most words. All set when
    /// a first word is shorter than two bytes.
    duos: Box<Bits>,
    /// Bits by [`word_bit`] of the main patterns' first words.
    firsts: Box<Bits>,
    /// The same, for the first words that are the whole pattern or are
    /// followed by fewer than `NEXT` bytes.
    words: Box<Bits>,
    /// Bits by [`pair_bit`] of the main patterns' first words with the
    /// `NEXT` bytes that follow them. See [`Trie::word_may_start`].
    pairs: Box<Bits>,
    /// Some main pattern starts with a character that is not [`glued`].
    opens_unglued: bool,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The children are `children .. children + len`.
    children: u32,
    len: u32,
    /// Offset of this node's table in `dense` (`NONE`: scan the children).
    dense: u32,
    /// Index in `pats` of the pattern ending here, per search (`NONE`: none).
    main: u32,
    item: u32,
    /// A chain of single children with no pattern before its last node
    /// (long aliases end in such chains): its bytes are
    /// `labels[chain .. chain + chain_len]`, and it leads to node `jump`.
    /// One comparison then replaces a step per byte.
    chain: u32,
    chain_len: u32,
    jump: u32,
}

const NONE: u32 = u32::MAX;

/// Nodes with at least this many children get a table of 256 entries.
const DENSE_FROM: u32 = 6;

/// A main pattern opens with this many bytes, or with a short pattern's
/// first `SHORT` bytes (every pattern has at least `SHORT`).
const OPENING: usize = 6;
const SHORT: usize = 3;
/// A table of 2^16 bits, indexed by [`opening_bit`]; a fixed size, so that
/// a look-up needs no bounds check.
#[derive(Debug)]
struct Bits([u64; 1 << 10]);

impl Default for Bits {
    fn default() -> Bits {
        Bits([0; 1 << 10])
    }
}

impl Bits {
    fn set(&mut self, bit: u16) {
        self.0[usize::from(bit >> 6)] |= 1 << (bit & 63);
    }

    fn has(&self, bit: u16) -> bool {
        self.0[usize::from(bit >> 6)] & (1 << (bit & 63)) != 0
    }
}

/// The bit of an opening: a hash of its bytes and its length, given as
/// the little-endian word of its first (at most 8) bytes and zeros.
fn hash_bit(word: u64, len: usize) -> u16 {
    ((word ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as u16
}

/// [`hash_bit`] of `bytes` (at most 8 are read).
fn opening_bit(bytes: &[u8]) -> u16 {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    hash_bit(u64::from_le_bytes(word), n)
}

/// How many bytes after a first word [`Trie::word_may_start`] looks at:
/// the separator and the next word's first letter (most often) — more
/// would leave more patterns to [`Trie::words`].
const NEXT: usize = 4;

/// The hash of a first word (its first 8 bytes at most, and its length):
/// its top 16 bits index [`Trie::firsts`] and [`Trie::words`].
fn word_hash(word: u64, len: usize) -> u64 {
    (word ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn word_bit(hash: u64) -> u16 {
    (hash >> 48) as u16
}

/// The bit in [`Trie::pairs`] of a first word (by [`word_hash`]) with the
/// `NEXT` bytes after it.
fn pair_bit(hash: u64, next: u64) -> u16 {
    ((hash ^ next).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> 48) as u16
}

/// The little-endian word of the `n` (at most 8) bytes at `at`, zeros
/// past them or past the end.
fn load(hay: &[u8], at: usize, n: usize) -> u64 {
    let mask = if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    if let Some(w) = hay.get(at..).and_then(|r| r.first_chunk::<8>()) {
        return u64::from_le_bytes(*w) & mask;
    }
    let mut bytes = [0u8; 8];
    let rest = hay.get(at..).unwrap_or_default();
    let k = rest.len().min(8);
    bytes[..k].copy_from_slice(&rest[..k]);
    u64::from_le_bytes(bytes) & mask
}

/// Masks that keep the first `SHORT` and `OPENING` bytes of a word.
const SHORT_MASK: u64 = (1 << (8 * SHORT)) - 1;
const OPENING_MASK: u64 = (1 << (8 * OPENING)) - 1;

impl Trie {
    /// The trie of both searches' patterns (folded text → pattern); every
    /// main pattern is also an item pattern.
    fn new(main: HashMap<String, Pattern>, items: HashMap<String, Pattern>) -> Trie {
        let mut t = Trie { first: vec![NONE; 256], ..Trie::default() };
        let mut push = |p: Pattern| {
            t.pats.push(p);
            t.pats.len() as u32 - 1
        };
        let mut keys: Vec<(String, u32, u32)> = items
            .into_iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, p)| {
                let m = main.get(&k).map_or(NONE, |&m| push(m));
                (k, m, push(p))
            })
            .collect();
        // A main pattern shorter than `SHORT` (a user row) turns the filter off.
        let too_short = keys.iter().any(|(k, m, _)| *m != NONE && k.len() < SHORT);

        if too_short {
            t.openings.0.fill(u64::MAX);
            t.prefixes.0.fill(u64::MAX);
        }
        for (k, m, _) in keys.iter().filter(|_| !too_short) {
            if *m == NONE {
                continue;
            }
            let k = k.as_bytes();
            let opening = if k.len() >= OPENING { &k[..OPENING] } else { &k[..SHORT] };
            t.openings.set(opening_bit(opening));
            t.prefixes.set(opening_bit(&k[..SHORT]));
        }
        for (k, _, _) in keys.iter().filter(|k| k.1 != NONE) {
            let len = k.find(|c: char| !glued(c)).unwrap_or(k.len());
            t.opens_unglued |= len == 0;
            let k = k.as_bytes();
            match k.first_chunk::<2>() {
                Some(&duo) if len >= 2 => t.duos.set(u16::from_le_bytes(duo)),
                _ => t.duos.0.fill(u64::MAX),
            }
            let hash = word_hash(load(k, 0, len), len);
            t.firsts.set(word_bit(hash));
            if k.len() - len < NEXT {
                t.words.set(word_bit(hash));
            } else {
                t.pairs.set(pair_bit(hash, load(k, len, NEXT)));
            }
        }
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Breadth first: node `n` at depth `d` stands for the keys
        // `lo..hi`, which share their first `d` bytes.
        let root = Node { children: 0, len: 0, dense: NONE, main: NONE, item: NONE, chain: 0, chain_len: 0, jump: NONE };
        t.nodes.push(root);
        t.bytes.push(0);
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize, 0usize, keys.len())]);
        while let Some((n, d, mut lo, hi)) = queue.pop_front() {
            // Sorted: a key that ends here comes first.
            if let Some(&(_, m, i)) = keys.get(lo).filter(|k| k.0.len() == d) {
                t.nodes[n].main = m;
                t.nodes[n].item = i;
                lo += 1;
            }
            t.nodes[n].children = t.nodes.len() as u32;
            while lo < hi {
                let b = keys[lo].0.as_bytes()[d];
                let end = lo + keys[lo..hi].partition_point(|k| k.0.as_bytes()[d] == b);
                if n == 0 {
                    t.first[b as usize] = t.nodes.len() as u32;
                }
                t.nodes[n].len += 1;
                queue.push_back((t.nodes.len(), d + 1, lo, end));
                t.nodes.push(root);
                t.bytes.push(b);
                lo = end;
            }
        }
        // The nodes with many children (the first letters after the root)
        // are where most walks end: a table makes that step one load.
        for n in 0..t.nodes.len() {
            let Node { children, len, .. } = t.nodes[n];
            if len >= DENSE_FROM {
                t.nodes[n].dense = t.dense.len() as u32;
                let mut table = [NONE; 256];
                for c in children..children + len {
                    table[t.bytes[c as usize] as usize] = c;
                }
                t.dense.extend_from_slice(&table);
            }
        }
        for n in 0..t.nodes.len() {
            if t.nodes[n].len != 1 || t.nodes[n].dense != NONE {
                continue;
            }
            let start = t.labels.len();
            let mut c = t.nodes[n].children as usize;
            t.labels.push(t.bytes[c]);
            while let Some(&Node { children, len: 1, dense: NONE, main: NONE, item: NONE, .. }) = t.nodes.get(c) {
                c = children as usize;
                t.labels.push(t.bytes[c]);
            }
            if t.labels.len() - start < 2 {
                t.labels.truncate(start);
                continue;
            }
            let node = &mut t.nodes[n];
            node.chain = start as u32;
            node.chain_len = (t.labels.len() - start) as u32;
            node.jump = c as u32;
        }
        t
    }

    /// False when no main pattern starts at `at`: most word starts are
    /// ruled out by one hashed look-up of their first `SHORT` bytes, the
    /// rest by the openings, instead of a walk. A main pattern
    /// shorter than `OPENING` bytes is looked up by its first `SHORT`, a
    /// longer one by its first `OPENING`; near the end of the text (or with
    /// no table), walk.
    #[inline]
    fn main_may_start(&self, hay: &[u8], at: usize) -> bool {
        // The next 8 bytes in one load; near the end, the bytes left.
        let word = if let Some(w) = hay.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            u64::from_le_bytes(w)
        } else if let Some(w) = hay.get(at..at + OPENING) {
            let mut bytes = [0u8; 8];
            bytes[..OPENING].copy_from_slice(w);
            u64::from_le_bytes(bytes)
        } else {
            return true;
        };
        let short = hash_bit(word & SHORT_MASK, SHORT);
        self.prefixes.has(short)
            && (self.openings.has(hash_bit(word & OPENING_MASK, OPENING)) || self.openings.has(short))
    }

    /// False when no main pattern that ends where a word does starts at
    /// `at`, given `end`, where the [`glued`] run at `at` ends. Such a
    /// pattern is that run (a whole pattern, or one followed by fewer than
    /// `NEXT` bytes: [`Trie::words`]) followed by the very bytes of the text
    /// ([`Trie::pairs`]): a shorter one would end inside the word.
    #[inline]
    fn word_may_start(&self, hay: &[u8], at: usize, end: usize) -> bool {
        let len = end.saturating_sub(at);
        if len == 0 && !self.opens_unglued {
            return false;
        }
        // Exact: a first word of two bytes or more is the text's word, so
        // its first two bytes are the text's.
        if let Some(&duo) = hay.get(at..).and_then(|r| r.first_chunk::<2>()) {
            if !self.duos.has(u16::from_le_bytes(duo)) {
                return false;
            }
        }
        // Most words start no pattern: one look-up rules them out.
        let hash = word_hash(load(hay, at, len), len);
        let bit = word_bit(hash);
        self.firsts.has(bit) && (self.words.has(bit) || self.pairs.has(pair_bit(hash, load(hay, end, NEXT))))
    }

    /// The longest pattern of `search` that starts at `at`.
    fn longest(&self, hay: &[u8], at: usize, search: Search) -> Option<PatMatch> {
        let mut n = *self.first.get(*hay.get(at)? as usize)? as usize;
        let mut end = at + 1;
        // The last pattern passed: (index in `pats`, its end).
        let mut found = (NONE, at);
        while let Some(node) = self.nodes.get(n) {
            let p = if search == Search::Main { node.main } else { node.item };
            if p != NONE {
                found = (p, end);
            }
            let Some(&b) = hay.get(end) else { break };
            if node.chain_len >= 2 {
                let chain = node.chain as usize..(node.chain + node.chain_len) as usize;
                let step = node.chain_len as usize;
                if hay.get(end..end + step) != self.labels.get(chain) {
                    break;
                }
                n = node.jump as usize;
                end += step;
                continue;
            }
            n = if node.dense != NONE {
                match self.dense.get(node.dense as usize + b as usize) {
                    Some(&c) if c != NONE => c as usize,
                    _ => break,
                }
            } else if node.len == 1 {
                // Long aliases end in chains of single children.
                if self.bytes.get(node.children as usize) != Some(&b) {
                    break;
                }
                node.children as usize
            } else {
                let kids = node.children as usize..(node.children + node.len) as usize;
                match self.bytes.get(kids.clone()).and_then(|k| k.iter().position(|&x| x == b)) {
                    Some(i) => kids.start + i,
                    None => break,
                }
            };
            end += 1;
        }
        let pattern = *self.pats.get(found.0 as usize)?;
        Some(PatMatch { start: at, end: found.1, pattern })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_automata_build() {
        let g = gazetteer();
        // Every alias is found whole: by both searches if it counts
        // anywhere, as a list item otherwise.
        for e in &g.entries {
            let key = fold(&e.alias);
            let item = g.item_at(&key, 0).map(|m| m.end);
            assert_eq!(item, Some(key.len()), "{}", e.alias);
            if e.scope == Scope::Anywhere {
                assert_eq!(g.main_at(&key, 0).map(|m| m.end), Some(key.len()), "{}", e.alias);
                assert_eq!(g.find(&format!("x {key}"), 0).map(|m| m.start), Some(2), "{}", e.alias);
                // Text after it: the openings filter is asked, not skipped.
                assert_eq!(g.find(&format!("x {key}\u{1}xxxxxxxx"), 0).map(|m| m.start), Some(2), "{}", e.alias);
                // The word pre-check lets it through, alone or followed.
                let word = key.find(|c: char| !glued(c)).unwrap_or(key.len());
                for text in [key.clone(), format!("{key} xxxxxxxx"), format!("{key}. ")] {
                    assert_eq!(g.main_at_word(&text, 0, word).map(|m| m.end), Some(key.len()), "{}", e.alias);
                }
            }
        }
        for h in HEADS {
            assert_eq!(g.main_at(&format!("{h}\u{1}xxxxxxxx"), 0).map(|m| m.end), Some(h.len()), "{h}");
        }
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
