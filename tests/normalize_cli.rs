//! `chidao normalize`: prints the normalised text; exit 0 ok, 1 decode
//! failure (file and byte offset on stderr), 2 bad arguments.

use chidao::decode::{encode, Encoding};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .arg("normalize")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chidao-normalize-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn prints_normalised_text_from_stdin() {
    let out = run(&["-"], "Uỷ\u{a0}ban  hoá\r\nĐ\u{200b}ề án".as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Ủy ban hóa\nĐề án");
    let out = run(&[], "thủy".as_bytes());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "thủy");
}

#[test]
fn old_tone_style() {
    let out = run(&["--tone-style", "old"], "hóa thủy quý".as_bytes());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "hoá thuỷ quý");
}

#[test]
fn reads_a_legacy_file_and_forced_encodings() {
    let text = "Bộ Tài chính chủ trì, phối hợp với các bộ, ngành hoàn thành trước ngày 15/12/2025.";
    let p = temp_file("vni.txt", &encode(text, Encoding::Vni).unwrap());
    let out = run(&[p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    let out = run(&["--encoding", "vni", p.to_str().unwrap()], b"");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

#[test]
fn undecodable_bytes_fail_with_file_and_offset() {
    let p = temp_file("bad.txt", b"abc \xff\xfe\x80 def ghi");
    let out = run(&[p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt") && err.contains("byte 4"), "{err}");
    let out = run(&["--lossy", p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "abc \u{fffd}\u{fffd}\u{fffd} def ghi");
    assert!(String::from_utf8(out.stderr).unwrap().contains("3 undecodable bytes replaced"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&["--encoding", "latin1"], b"").status.code(), Some(2));
    assert_eq!(run(&["--tone-style", "sideways"], b"").status.code(), Some(2));
    assert_eq!(run(&["/no/such/file.txt"], b"").status.code(), Some(2));
}

#[test]
fn help_has_an_example() {
    let out = run(&["--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("chidao normalize notice.txt"), "{help}");
    assert!(help.contains("tcvn3"), "{help}");
}
