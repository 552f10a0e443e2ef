//! The extraction floor: `chidao audit` over `corpus/` and `fixtures/`
//! (SPEC §7 end-to-end F1). The floors only ever go up; the targets
//! are 0.90 for tasks, lead and deadline and 0.80 for deliverable, then 0.95.

use std::path::Path;
use std::process::Command;

/// Floors checked by the test: field → minimum end-to-end F1.
const FLOORS: [(&str, f64); 5] = [("tasks", 0.945), ("lead", 0.965), ("support", 0.975), ("deadline", 0.975), ("deliverable", 0.91)];

#[test]
fn audit_totals_meet_the_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chidao"));
    cmd.current_dir(root).args(["audit", "--gold", "fixtures", "--format", "json"]);
    for (f, v) in FLOORS {
        cmd.arg("--min").arg(format!("{f}={v}"));
    }
    let o = cmd.arg("corpus").output().expect("run chidao audit");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    let total = &report["total"];
    let mut summary = String::new();
    for f in ["tasks", "lead", "support", "deadline", "deliverable", "due"] {
        summary += &format!("{f}={} ", total["scores"][f]["f1"]);
    }
    eprintln!("audit totals: {summary}");
    for (f, v) in FLOORS {
        let got = total["scores"][f]["f1"].as_f64().unwrap_or(0.0);
        assert!(got >= v, "{f}: F1 {got} under the floor {v} ({summary})");
    }
    assert_eq!(o.status.code(), Some(0), "audit exit code; stderr: {}", String::from_utf8_lossy(&o.stderr));
    let docs = total["documents"].as_u64().unwrap_or(0);
    assert_eq!(docs, 5);
    assert_eq!(total["notice_number"]["correct"].as_u64(), Some(docs), "every notice_number right");
    assert_eq!(total["notice_date"]["correct"].as_u64(), Some(docs), "every notice_date right");
}

#[test]
fn shipped_gold_passes_check_gold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .current_dir(root)
        .args(["audit", "--check-gold", "fixtures", "--docs", "corpus"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}
