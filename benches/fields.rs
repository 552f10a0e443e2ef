//! Per-field timing over real clauses (`cargo bench --bench fields`).
//!
//! Reads `corpus/` and `../shared/dev-corpus/`, decodes, normalises and
//! segments every file once, collects the `;`-clauses of every text block,
//! then times each field reader alone over all clauses (1 thread, best of
//! `CHIDAO_FIELDS_RUNS`, default 3; `CHIDAO_FIELDS_FILES=a:b` reads those
//! files instead). Numbers are MB of clause text per second
//! (decode and normalise: MB of file text). A checksum of the results is
//! printed so that a change in output shows up as a changed sum.

use chidao::extract::{action, agency, deadline, deliverable};
use chidao::segment::{self, clause, BlockKind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files(root: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    // CHIDAO_FIELDS_FILES: other files to read (separated by ':').
    if let Ok(list) = std::env::var("CHIDAO_FIELDS_FILES") {
        return list.split(':').filter_map(|p| std::fs::read(p).ok()).collect();
    }
    for dir in [root.join("corpus"), root.join("../shared/dev-corpus"), PathBuf::from("/work/shared/dev-corpus")] {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
        if !out.is_empty() && dir.ends_with("dev-corpus") {
            break;
        }
    }
    out
}

fn best<F: FnMut() -> u64>(runs: usize, mut f: F) -> (Duration, u64) {
    let mut best = Duration::MAX;
    let mut sum = 0;
    for _ in 0..runs {
        let t = Instant::now();
        sum = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    (best, sum)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("CHIDAO_FIELDS_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let raw = files(&root);
    let file_bytes: usize = raw.iter().map(|b| b.len()).sum();
    let (t_dec, _) = best(runs, || raw.iter().filter_map(|b| chidao::decode::decode(b, Default::default()).ok()).map(|d| d.text.len() as u64).sum());
    let decoded: Vec<String> = raw.iter().filter_map(|b| chidao::decode::decode(b, Default::default()).ok()).map(|d| d.text).collect();
    let (t_norm, _) = best(runs, || decoded.iter().map(|d| chidao::normalize::normalize(d).text.len() as u64).sum());
    let texts: Vec<String> = decoded.iter().map(|d| chidao::normalize::normalize(d).text).collect();
    let mut clauses: Vec<String> = Vec::new();
    for t in &texts {
        let h = chidao::document::read_header(t);
        let o = segment::segment(t, h.body_start);
        for b in &o.blocks {
            if !matches!(b.kind, BlockKind::Text) {
                continue;
            }
            for s in clause::sentences(t, b.body) {
                for c in clause::clauses(t, s) {
                    clauses.push(chidao::extract::flat(t, c));
                }
            }
        }
    }
    if let Ok(p) = std::env::var("CHIDAO_FIELDS_DUMP") {
        // One clause a line, for experiments elsewhere.
        let _ = std::fs::write(p, clauses.iter().map(|c| c.replace('\n', " ") + "\n").collect::<String>());
    }
    let cbytes: usize = clauses.iter().map(|c| c.len()).sum();
    let mb = |n: usize, d: Duration| n as f64 / 1e6 / d.as_secs_f64();
    println!("{} files, {:.1} MB; {} clauses, {:.1} MB", raw.len(), file_bytes as f64 / 1e6, clauses.len(), cbytes as f64 / 1e6);
    println!("decode      {:7.1} MB/s", mb(file_bytes, t_dec));
    println!("normalise   {:7.1} MB/s", mb(file_bytes, t_norm));
    // The document stages after normalising, each over every text.
    let tbytes: usize = texts.iter().map(|t| t.len()).sum();
    let (t_seg, seg_sum) = best(runs, || {
        texts.iter().map(|t| {
            let h = chidao::document::read_header(t);
            segment::segment(t, h.body_start).blocks.len() as u64
        }).sum()
    });
    println!("segment     {:7.1} MB/s  blocks {seg_sum}", mb(tbytes, t_seg));
    let outlines: Vec<_> = texts.iter().map(|t| {
        let h = chidao::document::read_header(t);
        let o = segment::segment(t, h.body_start);
        (h, o)
    }).collect();
    let (t_ext, ext_sum) = best(runs, || {
        texts.iter().zip(&outlines).map(|(t, (h, o))| chidao::extract::extract(t, h, o).len() as u64).sum()
    });
    println!("extract     {:7.1} MB/s  tasks {ext_sum}", mb(tbytes, t_ext));
    let (t_all, all_sum) = best(runs, || {
        raw.iter().filter_map(|b| chidao::pipeline::extract_document("d", b, &Default::default()).ok()).map(|r| r.records.len() as u64).sum()
    });
    println!("pipeline    {:7.1} MB/s  records {all_sum}", mb(file_bytes, t_all));
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 11, 20);
    let rows: [(&str, Box<dyn Fn(&str) -> u64>); 4] = [
        ("roles", Box::new(|c| {
            let r = agency::assign_roles(c);
            (r.lead.len() * 7 + r.support.len() * 3 + r.predicate_start + r.rules.len()) as u64
        })),
        ("deadline", Box::new(move |c| deadline::find_deadline(c, reference).map_or(0, |d| (d.range.0 * 3 + d.range.1 + d.rules.len()) as u64))),
        ("action", Box::new(|c| action::find_action(c, 0).map_or(0, |a| (a.range.0 * 3 + a.range.1 + a.action.len()) as u64))),
        ("deliverable", Box::new(|c| deliverable::find_deliverable(c, &[]).map_or(0, |d| (d.deliverable.text.len() * 3 + d.rule.len()) as u64))),
    ];
    // CHIDAO_FIELDS_ONLY=deadline: time that field alone (for callgrind).
    let only = std::env::var("CHIDAO_FIELDS_ONLY").ok();
    for (name, f) in rows.iter() {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let (t, sum) = best(runs, || clauses.iter().map(|c| f(c)).fold(0u64, |a, x| a.wrapping_mul(31).wrapping_add(x)));
        println!("{name:<11} {:7.1} MB/s  {:6.0} ns/clause  sum {sum:016x}", mb(cbytes, t), t.as_nanos() as f64 / clauses.len() as f64);
    }
    if only.is_some() {
        return;
    }
    // action then deliverable on the same clause, as the walk does for a task.
    let (t, sum) = best(runs, || {
        clauses
            .iter()
            .map(|c| {
                let a = action::find_action(c, 0).map_or(0, |a| a.range.1 as u64);
                let d = deliverable::find_deliverable(c, &[]).map_or(0, |d| d.deliverable.text.len() as u64);
                a * 3 + d
            })
            .fold(0u64, |a, x| a.wrapping_mul(31).wrapping_add(x))
    });
    println!("act+deliv   {:7.1} MB/s  {:6.0} ns/clause  sum {sum:016x}", mb(cbytes, t), t.as_nanos() as f64 / clauses.len() as f64);
}
