//! The `extract` command end to end: determinism across thread counts,
//! stdin, formats, bad inputs mixed with good ones, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chidao"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("chidao-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let run = |jobs: &str| {
        let o = bin().args(["extract", "--quiet", "--jobs", jobs]).arg(corpus()).output().unwrap();
        assert!(o.status.success());
        o.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("4"));
}

#[test]
fn stdin_gives_the_same_records_as_the_file() {
    let path = corpus().join("003_3650996f1e924872.txt");
    let bytes = std::fs::read(&path).unwrap();
    let mut child = bin().args(["extract", "-", "--quiet"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let from_stdin: Vec<serde_json::Value> = o.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    let o2 = bin().args(["extract", "--quiet"]).arg(&path).output().unwrap();
    let from_file: Vec<serde_json::Value> = o2.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    assert_eq!(from_stdin.len(), from_file.len());
    for (a, b) in from_stdin.iter().zip(&from_file) {
        assert_eq!(a["text"], b["text"]);
        assert_eq!(a["span"], b["span"]);
        assert_eq!(a["document"], "-");
    }
}

#[test]
fn json_and_csv_parse_with_standard_readers() {
    let o = bin().args(["extract", "--quiet", "--format", "json"]).arg(corpus()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let n = v.as_array().unwrap().len();
    assert!(n > 0);
    let o = bin().args(["extract", "--quiet", "--format", "csv"]).arg(corpus()).output().unwrap();
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(r.records().count(), n);
}

#[test]
fn bad_files_are_reported_and_the_rest_is_written() {
    let d = tmpdir("bad");
    let good = corpus().join("000_2318b784cd97de34.txt");
    std::fs::copy(&good, d.join("a_good.txt")).unwrap();
    std::fs::write(d.join("b_empty.txt"), b"").unwrap();
    std::fs::write(d.join("c_binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 255, 0]).unwrap();
    std::fs::create_dir_all(d.join("d_dir.txt")).unwrap();
    std::fs::write(d.join("e_invalid.txt"), b"B\xff\xfe\xfd\xfc\x80 Y t\x81").unwrap();
    // Unreadable (permissions); root can read it anyway, so it only counts as a failure when it is.
    let locked = d.join("f_locked.txt");
    std::fs::write(&locked, "Bộ Y tế trình Đề án A.").unwrap();
    let unreadable = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::read(&locked).is_err()
    };
    if !unreadable {
        std::fs::remove_file(&locked).unwrap();
    }
    // A 50 MB single line and 10,000 nested items: good files, must not stall.
    let line = "Bộ Tài chính chủ trì, phối hợp với các bộ, ngành xây dựng Đề án B, hoàn thành trước ngày 15/9/2026; ";
    std::fs::write(d.join("g_long_line.txt"), line.repeat(50_000_000 / line.len())).unwrap();
    let markers = ["1.", "(1)", "a)", "-", "+"];
    let nested: String = (0..10_000).map(|i| format!("{} Bộ Công an trình Nghị định {i}:\n", markers[i % 5])).collect();
    std::fs::write(d.join("h_nested.txt"), nested).unwrap();
    let out = d.join("out.jsonl");
    let errs = d.join("errors.jsonl");
    let o = bin().args(["extract", "--quiet"]).arg(&d).arg("-o").arg(&out).arg("--errors").arg(&errs).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("c_binary.txt"), "{stderr}");
    assert!(stderr.contains("e_invalid.txt") && stderr.contains("byte"), "{stderr}");
    if unreadable {
        assert!(stderr.contains("f_locked.txt"), "{stderr}");
    }
    // The good file's records are exactly those of a clean run.
    let clean = bin().args(["extract", "--quiet"]).arg(&good).output().unwrap().stdout;
    let got = std::fs::read(&out).unwrap();
    let texts = |b: &[u8]| -> Vec<String> {
        b.split(|&c| c == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice::<serde_json::Value>(l).unwrap()["text"].to_string()).collect()
    };
    let got_texts = texts(&got);
    let clean_texts = texts(&clean);
    assert_eq!(&got_texts[..clean_texts.len()], &clean_texts[..], "the good file's records come first, unchanged");
    assert!(got_texts.len() > clean_texts.len(), "the long-line and nested files give records too");
    let errors = std::fs::read_to_string(&errs).unwrap();
    assert_eq!(errors.lines().count(), 3 + usize::from(unreadable), "{errors}");
    for l in errors.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["file"].is_string() && v["kind"].is_string() && v["message"].is_string());
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn unusable_arguments_exit_2() {
    let o = bin().args(["extract", "--format", "xml", "x"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["extract"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_file_fails_alone() {
    let o = bin().args(["extract", "--quiet", "/nonexistent/x.txt"]).arg(corpus().join("003_3650996f1e924872.txt")).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!o.stdout.is_empty());
}

#[test]
fn user_gazetteer_adds_agencies_and_reports_bad_lines() {
    let d = tmpdir("gaz");
    let gaz = d.join("extra.tsv");
    std::fs::write(&gaz, "# alias\tcanonical\tkind\tnote\nTổng công ty Điện lực miền Bắc\tEVNNPC\tenterprise\t\nEVNNPC\tEVNNPC\tenterprise\t\n").unwrap();
    let notice = d.join("n.txt");
    std::fs::write(&notice, "1. EVNNPC khẩn trương xây dựng Kế hoạch cấp điện mùa khô, hoàn thành trước ngày 10/3/2026.\n").unwrap();
    let o = bin().args(["extract", "--quiet", "--gazetteer"]).arg(&gaz).arg(&notice).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(v["lead"][0]["name"], "EVNNPC");
    assert_eq!(v["lead"][0]["kind"], "enterprise");
    // Without it, the name is unknown.
    let o = bin().args(["extract", "--quiet"]).arg(&notice).output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"name\":\"EVNNPC\""));
    // A bad line is named with its file and line number; exit 2.
    std::fs::write(&gaz, "EVNNPC\tEVNNPC\tenterprise\nX\tY\tcompany\n").unwrap();
    let o = bin().args(["extract", "--quiet", "--gazetteer"]).arg(&gaz).arg(&notice).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("extra.tsv:2") && err.contains("company"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn excel_csv_neutralises_formula_cells_end_to_end() {
    let d = tmpdir("excel");
    let notice = d.join("n.txt");
    std::fs::write(&notice, "1. =HYPERLINK(\"http://x\") Bộ Y tế trình Đề án A trước ngày 1/12/2025.\n2. @Bộ Tài chính trình Nghị định B.\n3. +Bộ Nội vụ trình Đề án C.\n").unwrap();
    let out = d.join("t.csv");
    let o = bin().args(["extract", "--quiet", "--format", "csv", "--excel", "-o"]).arg(&out).arg(&notice).output().unwrap();
    assert!(o.status.success());
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for spreadsheets");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let texts: Vec<String> = r.records().map(|x| x.unwrap()[5].to_string()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    for t in &texts {
        assert!(t.starts_with('\''), "cell not neutralised: {t}");
        assert!(!t.starts_with(['=', '+', '-', '@']));
    }
    // Plain CSV keeps the text as it is (RFC 4180).
    let o = bin().args(["extract", "--quiet", "--format", "csv"]).arg(&notice).output().unwrap();
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let first = r.records().next().unwrap().unwrap()[5].to_string();
    assert!(first.starts_with("=HYPERLINK"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let d = tmpdir("tiny");
    for i in 0..100_000 {
        let sub = d.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), format!("Bộ Y tế trình Đề án {i}.")).unwrap();
    }
    let o = bin().args(["extract", "--quiet"]).arg(&d).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = o.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert_eq!(lines, 100_000);
    let _ = std::fs::remove_dir_all(&d);
}
