//! `chidao audit` end to end: exit codes, error locations, the shipped gold.

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/audit");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn chidao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chidao")).args(args).current_dir(ROOT).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("audit_cli_{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn mini(extra: &[&str]) -> Output {
    let gold = format!("{DATA}/gold");
    let records = format!("{DATA}/records.jsonl");
    let mut args = vec!["audit", "--gold", &gold, "--records", &records];
    args.extend_from_slice(extra);
    chidao(&args)
}

#[test]
fn mini_scores_and_json_shape() {
    let o = mini(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let s = &v["total"]["scores"];
    assert_eq!(s["tasks"], json!({"correct": 2, "records": 2, "gold": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}));
    assert_eq!(s["deadline"]["f1"], json!(0.5));
    assert_eq!(s["due"]["f1"], json!(1.0));
    assert_eq!(v["total"]["notice_date"], json!({"correct": 1, "documents": 1}));
    assert_eq!(v["wrong"][0]["field"], "deadline");
    assert_eq!(v["wrong"][0]["gold"], json!({"kind": "within", "due": "2025-12-31"}));
    assert_eq!(v["documents"][0]["document"], "mini.txt");
}

#[test]
fn min_floors_set_the_exit_code() {
    // deadline F1 is 0.5, everything else 1.0.
    let o = mini(&["--min", "0.9"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("`deadline`") && e.contains("0.9"), "{e}");
    assert!(!e.contains("`tasks`") && !e.contains("`due`"), "{e}");
    assert_eq!(mini(&["--min", "0.9", "--min", "deadline=0.5"]).status.code(), Some(0));
    assert_eq!(mini(&["--min", "tasks=1"]).status.code(), Some(0));
    assert_eq!(mini(&["--min", "0.4", "--min", "deadline=0.6"]).status.code(), Some(1));
    // A bad floor is a usage error.
    assert_eq!(mini(&["--min", "deadline=2"]).status.code(), Some(2));
    assert_eq!(mini(&["--min", "colour=0.5"]).status.code(), Some(2));
}

#[test]
fn json_array_stdin_and_input_paths_agree() {
    let gold = format!("{DATA}/gold");
    let arr = format!("{DATA}/records.json");
    let a = chidao(&["audit", "--gold", &gold, "--records", &arr, "--format", "json"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .args(["audit", "--gold", &gold, "--records", "-", "--docs", &format!("{DATA}/corpus"), "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(format!("{DATA}/records.jsonl")).unwrap()).unwrap();
    let b = child.wait_with_output().unwrap();
    let c =
        chidao(&["audit", "--gold", &gold, "--records", &arr, "--format", "json", &format!("{DATA}/corpus/mini.txt")]);
    assert_eq!(a.status.code(), Some(0));
    let totals: Vec<Value> =
        [&a, &b, &c].iter().map(|o| serde_json::from_slice::<Value>(&o.stdout).unwrap()["total"].clone()).collect();
    assert_eq!(totals[0], totals[1]);
    assert_eq!(totals[0], totals[2]);
}

#[test]
fn malformed_records_exit_2_with_file_and_line() {
    let gold = format!("{DATA}/gold");
    let o = chidao(&["audit", "--gold", &gold, "--records", &format!("{DATA}/bad.jsonl")]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("bad.jsonl:2:"), "{e}");
    let d = scratch("bad_array");
    let p = d.join("bad.json");
    std::fs::write(&p, "[\n{\"id\": \"x\", \"document\": \"mini.txt\", \"span\": [0, 1]},\n{\"id\": \"y\",, }\n]")
        .unwrap();
    let o = chidao(&["audit", "--gold", &gold, "--records", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.json:3:"), "{}", stderr(&o));
}

#[test]
fn unusable_gold_exits_2() {
    let d = scratch("bad_gold");
    std::fs::create_dir_all(d.join("gold")).unwrap();
    std::fs::write(d.join("gold/mini.json"), "{\n\"tasks\": [\n{\"text\": 3}]}").unwrap();
    let o =
        chidao(&["audit", "--gold", d.join("gold").to_str().unwrap(), "--records", &format!("{DATA}/records.jsonl")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mini.json:3:"), "{}", stderr(&o));
    // Gold text that is not in the document.
    std::fs::write(
        d.join("gold/mini.json"),
        r#"{"document":"mini.txt","tasks":[{"text":"Bộ Ngoại giao","lead":[],"support":[],"deadline":null,"deliverable":null}]}"#,
    )
    .unwrap();
    let o = chidao(&[
        "audit",
        "--gold",
        d.join("gold").to_str().unwrap(),
        "--records",
        &format!("{DATA}/records.jsonl"),
        "--docs",
        &format!("{DATA}/corpus"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mini.json: task 1: text not found"), "{}", stderr(&o));
}

#[test]
fn shipped_gold_has_no_problem() {
    let o = chidao(&["audit", "--check-gold", "fixtures", "--docs", "corpus"]);
    assert_eq!(stdout(&o), "", "problems in the shipped gold");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn check_gold_reports_each_problem() {
    let d = scratch("check");
    std::fs::create_dir_all(d.join("gold")).unwrap();
    std::fs::write(
        d.join("gold/mini.json"),
        r#"{"document":"mini.txt","notice_date":"2025-07-32","tasks":[
          {"text":"Bộ Ngoại giao","lead":["Bộ Y tế"],"support":[],"deadline":null,"deliverable":null},
          {"text":"Bộ","lead":["Ủy ban nhân dân tỉnh Khánh Hoà","Bộ Điện lực","Phó Thủ tướng Trần Hồng Hà","doanh nghiệp viễn thông"],"support":[],"deadline":{"kind":"soon","due":null},"deliverable":null},
          {"text":"Bộ Y tế trình","lead":[],"support":[],"deadline":{"kind":"before","due":"2025-02-30"},"deliverable":null}
        ]}"#,
    )
    .unwrap();
    let o = chidao(&["audit", "--check-gold", d.join("gold").to_str().unwrap(), "--docs", &format!("{DATA}/corpus")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let f = d.join("gold/mini.json").display().to_string();
    for want in [
        format!("{f}: bad notice_date"),
        format!("{f}: task 1: text not found"),
        format!("{f}: task 2: text occurs 2 times and no occurrence is given"),
        format!("{f}: task 2: unknown deadline kind \"soon\""),
        format!("{f}: task 2: name \"Ủy ban nhân dân tỉnh Khánh Hoà\" is not canonical"),
        format!("{f}: task 2: name \"Bộ Điện lực\" is neither canonical nor a lower-case group"),
        format!("{f}: task 3: bad deadline due"),
    ] {
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }
    assert!(!out.contains("Phó Thủ tướng") && !out.contains("doanh nghiệp"), "{out}");
    assert_eq!(out.lines().count(), 7, "{out}");
}

/// Records made from the gold itself (span = the gold text's bytes, fields
/// from the gold) score 1.0 on every field: alignment and field comparison
/// end to end over the shipped fixtures.
#[test]
fn records_built_from_gold_score_one() {
    let d = scratch("from_gold");
    let mut lines = String::new();
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(Path::new(ROOT).join("fixtures")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let g: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        let doc_name = g["document"].as_str().unwrap();
        let doc = std::fs::read_to_string(Path::new(ROOT).join("corpus").join(doc_name)).unwrap();
        for (i, t) in g["tasks"].as_array().unwrap().iter().enumerate() {
            let text = t["text"].as_str().unwrap();
            let n = t["occurrence"].as_u64().unwrap_or(1) as usize;
            let start = doc.match_indices(text).nth(n - 1).unwrap().0;
            let agencies = |k: &str| -> Value {
                t[k].as_array().unwrap().iter().map(|n| json!({"name": n, "kind": "other", "mention": n})).collect()
            };
            let r = json!({
                "id": format!("{doc_name}#{i}"),
                "document": format!("corpus/{doc_name}"),
                "notice_number": g["notice_number"],
                "notice_date": g["notice_date"],
                "path": format!("t{}", i + 1),
                "text": text,
                "span": [start, start + text.len()],
                "lead": agencies("lead"),
                "support": agencies("support"),
                "deadline": if t["deadline"].is_null() { Value::Null } else { json!({"text": "", "kind": t["deadline"]["kind"], "due": t["deadline"]["due"]}) },
                "deliverable": if t["deliverable"].is_null() { Value::Null } else { json!({"text": t["deliverable"], "type": ""}) },
            });
            lines.push_str(&r.to_string());
            lines.push('\n');
        }
    }
    let rec = d.join("from_gold.jsonl");
    std::fs::write(&rec, lines).unwrap();
    let o =
        chidao(&["audit", "--gold", "fixtures", "--records", rec.to_str().unwrap(), "--format", "json", "--min", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let t = &v["total"];
    assert_eq!(t["documents"], 5);
    for f in ["tasks", "lead", "support", "deadline", "deliverable", "due", "lead_names", "support_names"] {
        assert_eq!(t["scores"][f]["f1"], json!(1.0), "{f}: {}", t["scores"][f]);
        assert!(t["scores"][f]["gold"].as_u64().unwrap() > 0, "{f} measures nothing");
    }
    assert_eq!(t["scores"]["deliverable_token_f1"]["mean"], json!(1.0));
    assert_eq!(t["notice_number"], json!({"correct": 5, "documents": 5}));
    assert_eq!(t["notice_date"], json!({"correct": 5, "documents": 5}));
    for k in ["missed", "false_records", "wrong", "unscored"] {
        assert_eq!(v[k], json!([]), "{k}");
    }
}

#[test]
fn runs_the_extractor_on_inputs() {
    let o = chidao(&["audit", "--gold", "fixtures", "--format", "json", "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"]["documents"], 5);
    assert_eq!(v["total"]["scores"]["tasks"]["gold"], 176);
    // No INPUT and no --records: usage error.
    assert_eq!(chidao(&["audit", "--gold", "fixtures"]).status.code(), Some(2));
}
