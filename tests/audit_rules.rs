//! SPEC §7 scoring rules, one small hand-made gold/record case each.

use chidao::audit::{self, gold, Count, DocInput, DocText, Report};
use serde_json::{json, Value};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// A gold file for document `t.txt` with the given tasks.
fn gold_of(tasks: Value) -> audit::Gold {
    let g = json!({"document": "t.txt", "notice_number": null, "notice_date": "2025-07-16", "tasks": tasks});
    let (g, problems) = gold::parse(Path::new("t.json"), g.to_string().as_bytes()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    g
}

/// A gold task with defaults: no names, no deadline, no deliverable.
fn task(text: &str) -> Value {
    json!({"text": text, "lead": [], "support": [], "deadline": null, "deliverable": null})
}

/// A record over bytes `[a, b)` of document `t.txt`, with extra fields.
fn rec(a: usize, b: usize, extra: Value) -> Value {
    let mut r = json!({"id": format!("t.txt#{a}"), "document": "t.txt", "notice_date": "2025-07-16", "path": format!("{a}"), "text": "", "span": [a, b]});
    if let (Some(r), Some(e)) = (r.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    r
}

/// Byte range of the `n`th (1-based) occurrence of `needle` in `doc`.
fn at(doc: &str, needle: &str, n: usize) -> (usize, usize) {
    let i = doc.match_indices(needle).nth(n - 1).unwrap_or_else(|| panic!("{needle:?} not in doc")).0;
    (i, i + needle.len())
}

fn run(doc_bytes: &[u8], g: &audit::Gold, records: Vec<Value>) -> Report {
    let text = DocText::from_bytes(doc_bytes).unwrap();
    let jsonl: String = records.iter().map(|r| r.to_string() + "\n").collect();
    let records = audit::parse_records("r.jsonl", jsonl.as_bytes()).unwrap();
    audit::score(&[DocInput { gold: g, text: &text }], &records).unwrap()
}

fn c(correct: usize, records: usize, gold: usize) -> Count {
    Count { correct, records, gold }
}

const DOC: &str = "1. Bộ Y tế trình Kế hoạch phòng chống dịch trước ngày 31/7/2025; Bộ Tài chính hoàn thành Nghị định về phí trong tháng 12/2025.\n2. Ủy ban nhân dân tỉnh Khánh Hòa báo cáo kết quả.\n";

#[test]
fn perfect_match_scores_one_everywhere() {
    let mut t = task("Bộ Y tế trình Kế hoạch phòng chống dịch");
    t["lead"] = json!(["Bộ Y tế"]);
    t["support"] = json!(["Bộ Tài chính"]);
    t["deadline"] = json!({"kind": "before", "due": "2025-07-31"});
    t["deliverable"] = json!("Kế hoạch phòng chống dịch");
    let g = gold_of(json!([t]));
    let (a, b) = at(DOC, "Bộ Y tế trình Kế hoạch phòng chống dịch trước ngày 31/7/2025", 1);
    let r = rec(
        a,
        b,
        json!({
            "lead": [{"name": "Bộ Y tế", "kind": "ministry"}],
            "support": [{"name": "Bộ Tài chính", "kind": "ministry"}],
            "deadline": {"kind": "before", "due": "2025-07-31"},
            "deliverable": {"text": "Kế hoạch phòng chống dịch", "type": "kế hoạch"}
        }),
    );
    let rep = run(DOC.as_bytes(), &g, vec![r]);
    let s = &rep.total.scores;
    for (name, count) in [
        ("tasks", &s.tasks),
        ("lead", &s.lead),
        ("support", &s.support),
        ("deadline", &s.deadline),
        ("deliverable", &s.deliverable),
        ("due", &s.due),
        ("lead_names", &s.lead_names),
    ] {
        assert_eq!(*count, c(1, 1, 1), "{name}");
    }
    assert_eq!(s.deliverable_token_f1.mean(), Some(1.0));
    assert!(rep.missed.is_empty() && rep.false_records.is_empty() && rep.wrong.is_empty());
    assert!(rep.documents[0].notice_date.correct);
    assert!(rep.documents[0].notice_number.correct, "null = null");
}

#[test]
fn a_record_that_merges_two_gold_tasks_matches_one() {
    let g = gold_of(json!([
        task("Bộ Y tế trình Kế hoạch phòng chống dịch"),
        task("Bộ Tài chính hoàn thành Nghị định về phí")
    ]));
    let (a, _) = at(DOC, "Bộ Y tế", 1);
    let (_, b) = at(DOC, "12/2025", 1);
    let rep = run(DOC.as_bytes(), &g, vec![rec(a, b, json!({}))]);
    assert_eq!(rep.total.scores.tasks, c(1, 1, 2));
    assert_eq!(rep.missed.len(), 1);
    // The longer gold text has the larger overlap and wins.
    assert_eq!(rep.missed[0].task, 1);
}

#[test]
fn a_gold_task_split_over_two_records_matches_the_larger_part() {
    let g = gold_of(json!([task("Bộ Y tế trình Kế hoạch phòng chống dịch trước ngày 31/7/2025")]));
    let (a, b) = at(DOC, "Bộ Y tế trình Kế hoạch phòng chống dịch trước ngày 31/7/2025", 1);
    let cut = at(DOC, "trước ngày", 1).0;
    let rep = run(DOC.as_bytes(), &g, vec![rec(a, cut, json!({})), rec(cut, b, json!({}))]);
    assert_eq!(rep.total.scores.tasks, c(1, 2, 1));
    assert_eq!(rep.false_records.len(), 1);
    assert_eq!(rep.false_records[0].span, [cut, b]);
}

#[test]
fn containment_and_half_overlap() {
    let text = "Bộ Tài chính hoàn thành Nghị định";
    let g = gold_of(json!([task(text)]));
    let (a, b) = at(DOC, text, 1);
    let len = b - a;
    // A long record that contains the gold text matches.
    let (_, line_end) = at(DOC, "12/2025.", 1);
    assert_eq!(run(DOC.as_bytes(), &g, vec![rec(0, line_end, json!({}))]).total.scores.tasks, c(1, 1, 1));
    // An 8-byte record (shorter than the gold text) sharing exactly 4 bytes: half of the shorter, a match ...
    assert!(len > 8);
    assert_eq!(run(DOC.as_bytes(), &g, vec![rec(b - 4, b + 4, json!({}))]).total.scores.tasks, c(1, 1, 1));
    // ... sharing 3 of its 8 bytes is not.
    assert_eq!(run(DOC.as_bytes(), &g, vec![rec(b - 3, b + 5, json!({}))]).total.scores.tasks, c(0, 1, 1));
    // The same from the left edge.
    assert_eq!(run(DOC.as_bytes(), &g, vec![rec(a - 4, a + 4, json!({}))]).total.scores.tasks, c(1, 1, 1));
    assert_eq!(run(DOC.as_bytes(), &g, vec![rec(a - 5, a + 3, json!({}))]).total.scores.tasks, c(0, 1, 1));
}

#[test]
fn also_and_occurrence() {
    let doc = "Bộ Y tế trình Kế hoạch. Nhắc lại: Bộ Y tế trình Kế hoạch. Tóm tắt: Bộ Y tế lập Kế hoạch.";
    let mut t = task("Bộ Y tế trình Kế hoạch");
    t["occurrence"] = json!(2);
    t["also"] = json!(["Bộ Y tế lập Kế hoạch"]);
    let g = gold_of(json!([t]));
    let (a1, b1) = at(doc, "Bộ Y tế trình Kế hoạch", 1);
    let (a2, b2) = at(doc, "Bộ Y tế trình Kế hoạch", 2);
    let (a3, b3) = at(doc, "Bộ Y tế lập Kế hoạch", 1);
    // The first occurrence is not the gold task.
    assert_eq!(run(doc.as_bytes(), &g, vec![rec(a1, b1, json!({}))]).total.scores.tasks, c(0, 1, 1));
    assert_eq!(run(doc.as_bytes(), &g, vec![rec(a2, b2, json!({}))]).total.scores.tasks, c(1, 1, 1));
    // A record on the `also` text matches too; two records for one task: one is false.
    assert_eq!(run(doc.as_bytes(), &g, vec![rec(a3, b3, json!({}))]).total.scores.tasks, c(1, 1, 1));
    assert_eq!(
        run(doc.as_bytes(), &g, vec![rec(a2, b2, json!({})), rec(a3, b3, json!({}))]).total.scores.tasks,
        c(1, 2, 1)
    );
}

#[test]
fn null_deadline_pairs() {
    let g = gold_of(json!([task("Bộ Y tế trình Kế hoạch")]));
    let (a, b) = at(DOC, "Bộ Y tế trình Kế hoạch", 1);
    // gold null + record null: correct, counted on both sides.
    let rep = run(DOC.as_bytes(), &g, vec![rec(a, b, json!({"deadline": null}))]);
    assert_eq!(rep.total.scores.deadline, c(1, 1, 1));
    assert_eq!(rep.total.scores.due, c(1, 1, 1));
    assert!(rep.wrong.is_empty());
    // gold null + record date: wrong, costs precision only.
    let rep = run(DOC.as_bytes(), &g, vec![rec(a, b, json!({"deadline": {"kind": "before", "due": "2025-07-31"}}))]);
    assert_eq!(rep.total.scores.deadline, c(0, 1, 0));
    assert_eq!(rep.total.scores.deadline.f1(), Some(0.0));
    assert_eq!(rep.wrong.len(), 1);
    assert_eq!(rep.wrong[0].field, "deadline");
    assert_eq!(rep.wrong[0].gold, Value::Null);
    assert_eq!(rep.wrong[0].got, json!({"kind": "before", "due": "2025-07-31"}));
    // gold date + record null: costs recall only.
    let mut t = task("Bộ Y tế trình Kế hoạch");
    t["deadline"] = json!({"kind": "before", "due": "2025-07-31"});
    let g2 = gold_of(json!([t]));
    let rep = run(DOC.as_bytes(), &g2, vec![rec(a, b, json!({}))]);
    assert_eq!(rep.total.scores.deadline, c(0, 0, 1));
    // Same due, other kind: deadline wrong, due right.
    let rep = run(DOC.as_bytes(), &g2, vec![rec(a, b, json!({"deadline": {"kind": "by", "due": "2025-07-31"}}))]);
    assert_eq!(rep.total.scores.deadline, c(0, 1, 1));
    assert_eq!(rep.total.scores.due, c(1, 1, 1));
}

#[test]
fn deliverable_token_f1_threshold() {
    let mut t = task("Bộ Y tế trình Kế hoạch");
    t["deliverable"] = json!("kế hoạch phòng dịch"); // 4 tokens
    let g = gold_of(json!([t]));
    let (a, b) = at(DOC, "Bộ Y tế trình Kế hoạch", 1);
    let score = |got: &str| {
        let rep = run(DOC.as_bytes(), &g, vec![rec(a, b, json!({"deliverable": {"text": got, "type": ""}}))]);
        (rep.total.scores.deliverable, rep.total.scores.deliverable_token_f1.mean().unwrap())
    };
    // 2 shared of 4 + 5 tokens: 4/9 < 0.5 → wrong.
    let (cnt, f) = score("Kế hoạch tổng thể 2026");
    assert_eq!(cnt, c(0, 1, 1));
    assert!((f - 4.0 / 9.0).abs() < 1e-9);
    // 2 shared of 4 + 4: exactly 0.5 → right ("at least").
    assert_eq!(score("Kế hoạch tổng thể").0, c(1, 1, 1));
    // 2 shared of 4 + 3 tokens, punctuation dropped: 4/7 → right.
    let (cnt, f) = score("“Kế hoạch”, 2026");
    assert_eq!(cnt, c(1, 1, 1));
    assert!((f - 4.0 / 7.0).abs() < 1e-9);
    // Gold null + record null: neither counted nor averaged.
    let g0 = gold_of(json!([task("Bộ Y tế trình Kế hoạch")]));
    let rep = run(DOC.as_bytes(), &g0, vec![rec(a, b, json!({"deliverable": null}))]);
    assert_eq!(rep.total.scores.deliverable, c(0, 0, 0));
    assert_eq!(rep.total.scores.deliverable_token_f1.pairs, 0);
}

#[test]
fn names_fold_tone_placement_and_dropped_words() {
    let mut t = task("Ủy ban nhân dân tỉnh Khánh Hòa báo cáo");
    t["lead"] = json!(["Ủy ban nhân dân tỉnh Khánh Hòa"]);
    t["support"] = json!(["cơ quan, đơn vị liên quan", "các bộ, ngành"]);
    let g = gold_of(json!([t]));
    let (a, b) = at(DOC, "Ủy ban nhân dân tỉnh Khánh Hòa báo cáo kết quả", 1);
    let rep = run(
        DOC.as_bytes(),
        &g,
        vec![rec(
            a,
            b,
            json!({
                "lead": [{"name": "Uỷ ban nhân dân tỉnh Khánh Hoà", "kind": "province"}],
                "support": [{"name": "Cơ quan, đơn vị có liên quan", "kind": "group"}, {"name": "bộ,  ngành", "kind": "group"}]
            }),
        )],
    );
    assert_eq!(rep.total.scores.lead, c(1, 1, 1));
    assert_eq!(rep.total.scores.support, c(1, 1, 1));
    assert_eq!(rep.total.scores.support_names, c(2, 2, 2));
    // A different name is wrong; the name F1 counts the shared one.
    let rep = run(
        DOC.as_bytes(),
        &g,
        vec![rec(
            a,
            b,
            json!({
                "lead": [{"name": "Ủy ban nhân dân tỉnh Khánh Hòa", "kind": "province"}],
                "support": [{"name": "cơ quan, đơn vị liên quan", "kind": "group"}, {"name": "các địa phương", "kind": "group"}]
            }),
        )],
    );
    assert_eq!(rep.total.scores.support, c(0, 1, 1));
    assert_eq!(rep.total.scores.support_names, c(1, 2, 2));
    assert_eq!(rep.wrong.len(), 1);
    assert_eq!(rep.wrong[0].field, "support");
}

#[test]
fn spans_point_into_bytes_as_read_nfd_with_bom() {
    let g = gold_of(json!([task("Bộ Tài chính hoàn thành Nghị định về phí")]));
    let nfd: String = DOC.nfd().collect();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(nfd.as_bytes());
    let needle: String = "Bộ Tài chính hoàn thành Nghị định về phí trong tháng 12/2025".nfd().collect();
    let (a, b) = at(&nfd, &needle, 1);
    let (a, b) = (a + 3, b + 3);
    let rep = run(&bytes, &g, vec![rec(a, b, json!({}))]);
    assert_eq!(rep.total.scores.tasks, c(1, 1, 1));
    // The NFC offsets of the same clause would be off: (with the BOM and NFD, a
    // record at NFC offsets lies left of the clause and misses it).
    let (x, y) = at(DOC, "Bộ Tài chính hoàn thành Nghị định về phí trong tháng 12/2025", 1);
    assert!(x < a && y < b);
}

#[test]
fn false_and_missed_are_listed_with_text() {
    let g = gold_of(json!([task("Bộ Y tế trình Kế hoạch")]));
    let (a, b) = at(DOC, "Ủy ban nhân dân tỉnh Khánh Hòa", 1);
    let mut r = rec(a, b, json!({}));
    r["text"] = json!("Ủy ban nhân dân tỉnh Khánh Hòa");
    let rep = run(DOC.as_bytes(), &g, vec![r]);
    assert_eq!(rep.missed[0].text, "Bộ Y tế trình Kế hoạch");
    assert_eq!(rep.false_records[0].text, "Ủy ban nhân dân tỉnh Khánh Hòa");
    let text = rep.to_text();
    assert!(text.contains("t.txt: task 1: Bộ Y tế trình Kế hoạch"), "{text}");
}

#[test]
fn gold_text_not_found_is_an_error() {
    let g = gold_of(json!([task("Bộ Ngoại giao")]));
    let text = DocText::from_bytes(DOC.as_bytes()).unwrap();
    let err = audit::score(&[DocInput { gold: &g, text: &text }], &[]).unwrap_err();
    assert_eq!(err[0].to_string(), "t.json: task 1: text not found: \"Bộ Ngoại giao\"");
}

#[test]
fn records_of_other_documents_are_unscored() {
    let g = gold_of(json!([task("Bộ Y tế trình Kế hoạch")]));
    let mut r = rec(0, 10, json!({}));
    r["document"] = json!("other/x.txt");
    let mut r2 = rec(0, 10, json!({}));
    r2["document"] = json!("some/folder/t.txt");
    let rep = run(DOC.as_bytes(), &g, vec![r, r2]);
    assert_eq!(rep.unscored, vec!["other/x.txt".to_string()]);
    assert_eq!(rep.total.scores.tasks.records, 1);
}
