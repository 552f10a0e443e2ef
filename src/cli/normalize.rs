//! `chidao normalize`: prints a file's text as the extractor reads it,
//! decoded and normalised (SPEC §5).

use crate::decode::decode_with;
use crate::error::{Error, ErrorKind};
use crate::normalize::{normalize_with, ToneStyle};
use std::io::{Read, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  chidao normalize notice.txt
  chidao normalize --encoding tcvn3 --lossy old-notice.txt
  cat notice.txt | chidao normalize - --tone-style old

Warnings (an encoding guessed on thin evidence, bytes replaced under
--lossy) go to stderr. Exit status: 0 ok, 1 the bytes could not be decoded
(the message names the file and byte offset), 2 bad arguments or an
unreadable file.";

/// Where the tone mark goes in oa/oe/uy.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ToneArg {
    /// hóa, thủy, Ủy (what records use)
    #[default]
    New,
    /// hoá, thuỷ, Uỷ
    Old,
}

/// Arguments of `chidao normalize`.
#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The file to read; `-` or nothing reads standard input.
    #[arg(value_name = "PATH|-")]
    pub path: Option<PathBuf>,
    /// Where tone marks go in oa/oe/uy.
    #[arg(long, value_enum, default_value_t = ToneArg::New)]
    pub tone_style: ToneArg,
    #[command(flatten)]
    pub decode: super::DecodeArgs,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let (name, bytes) = match read_input(args.path.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("chidao normalize: {e}");
            return 2;
        }
    };
    let decoded = match decode_with(&bytes, args.decode.encoding, args.decode.lossy) {
        Ok(d) => d,
        Err(e) => {
            let err = Error::new(ErrorKind::Decode, e.message).in_file(&name).at_offset(e.offset);
            eprintln!("chidao normalize: {err}");
            return 1;
        }
    };
    for w in &decoded.warnings {
        eprintln!("chidao normalize: {name}: warning: {w}");
    }
    if decoded.replaced > 0 {
        eprintln!("chidao normalize: {name}: {} undecodable bytes replaced with U+FFFD", decoded.replaced);
    }
    let style = match args.tone_style {
        ToneArg::New => ToneStyle::New,
        ToneArg::Old => ToneStyle::Old,
    };
    let text = normalize_with(&decoded.text, style).text;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("chidao normalize: writing the output: {e}");
            1
        }
    }
}

/// The input's display name and bytes.
fn read_input(path: Option<&std::path::Path>) -> Result<(String, Vec<u8>), Error> {
    match path {
        None => read_stdin(),
        Some(p) if p.as_os_str() == "-" => read_stdin(),
        Some(p) => {
            let name = p.display().to_string();
            std::fs::read(p)
                .map(|b| (name.clone(), b))
                .map_err(|e| Error::new(ErrorKind::Io, e.to_string()).in_file(name))
        }
    }
}

fn read_stdin() -> Result<(String, Vec<u8>), Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()).in_file("<stdin>"))?;
    Ok(("<stdin>".to_string(), bytes))
}
