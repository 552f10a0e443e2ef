//! The gazetteer files of `src/data/` (SPEC.md §2, STYLE.md habit 5):
//! sorted, NFC, new-style tone marks, no alias with two names, and every
//! canonical name of the shared list present.

use chidao::gazetteer::{fold, gazetteer, rows, DATA_FILES};
use chidao::normalize::{fix_tone_marks, ToneStyle};
use chidao::record::AgencyKind;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

#[test]
fn files_are_nfc_with_new_style_tone_marks() {
    for (name, text) in DATA_FILES {
        for (i, line) in text.lines().enumerate() {
            let nfc: String = line.nfc().collect();
            assert_eq!(nfc, line, "{name}:{} is not NFC", i + 1);
            assert!(fix_tone_marks(line, ToneStyle::New).is_none(), "{name}:{} has old-style tone marks: {line}", i + 1);
        }
    }
}

#[test]
fn alias_files_are_sorted_by_folded_alias() {
    for (name, text) in DATA_FILES {
        if name == "agencies_shared.tsv" {
            continue; // a copy of the shared file, kept in its own order
        }
        let keys: Vec<String> = rows(text).map(|r| fold(r[0])).collect();
        for w in keys.windows(2) {
            assert!(w[0] < w[1], "{name}: {:?} before {:?} (unsorted or duplicate)", w[0], w[1]);
        }
    }
}

#[test]
fn rows_have_known_kinds_and_agree_with_the_shared_list() {
    let g = gazetteer();
    let shared: HashMap<&str, AgencyKind> = rows(DATA_FILES[0].1)
        .map(|r| (r[1], AgencyKind::parse(r[0]).expect("kind in agencies_shared.tsv")))
        .collect();
    for (name, text) in [DATA_FILES[1], DATA_FILES[3]] {
        for r in rows(text) {
            assert!(r.len() >= 3, "{name}: short row {r:?}");
            let kind = AgencyKind::parse(r[2]).unwrap_or_else(|| panic!("{name}: bad kind in {r:?}"));
            if let Some(k) = shared.get(r[1]) {
                assert_eq!(*k, kind, "{name}: {r:?} disagrees with agencies_shared.tsv");
            }
        }
    }
    assert!(g.conflicts.is_empty(), "aliases with two names: {:?}", g.conflicts);
}

#[test]
fn no_alias_maps_to_two_names() {
    let g = gazetteer();
    let mut seen: HashMap<(String, String), &str> = HashMap::new();
    for e in &g.entries {
        let key = (fold(&e.alias), format!("{:?}", e.scope));
        if let Some(prev) = seen.insert(key.clone(), &e.canonical) {
            assert_eq!(prev, e.canonical, "alias {:?} maps to {prev:?} and {:?}", e.alias, e.canonical);
        }
    }
}

#[test]
fn every_shared_name_is_present() {
    let g = gazetteer();
    for r in rows(DATA_FILES[0].1) {
        let name = r[1];
        assert!(g.info(name).is_some(), "{name} missing");
        let v = chidao::extract::agency::parse_agency_list(name);
        assert_eq!(v.first().map(|a| a.name.as_str()), Some(name), "{name} is not found as written");
    }
}

#[test]
fn provinces_old_and_new() {
    let g = gazetteer();
    let new: Vec<_> = rows(DATA_FILES[2].1).filter(|r| r.get(2).is_none_or(|s| s.is_empty())).collect();
    let old: Vec<_> = rows(DATA_FILES[2].1).filter(|r| r.get(2).is_some_and(|s| !s.is_empty())).collect();
    assert_eq!(new.len(), 34);
    assert_eq!(new.len() + old.len(), 64, "63 provinces before July 2025, Huế counted under both names");
    for r in old {
        let succ = g.names.values().filter_map(|i| i.successor.as_deref()).find(|s| s.ends_with(r[2]));
        assert!(succ.is_some(), "successor {} of {} unknown", r[2], r[0]);
        assert!(new.iter().any(|n| n[0] == r[2]), "successor {} of {} is not in force", r[2], r[0]);
    }
}
