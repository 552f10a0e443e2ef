//! Inputs of a batch: files, folders (recursively, `*.txt`) and `-` for
//! standard input, in a deterministic order, read with clear errors.

use crate::error::{Error, ErrorKind};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file; `name` is what records carry as `document`.
    File { path: PathBuf, name: String },
    /// Standard input.
    Stdin,
}

impl Input {
    /// The size in bytes if known without reading (0 otherwise).
    pub fn len_hint(&self) -> u64 {
        match self {
            Input::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
            Input::Stdin => 0,
        }
    }

    /// The document name records carry.
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "-",
        }
    }
}

/// Expands the arguments into inputs: a folder gives its `*.txt` files,
/// recursively, sorted by path; other arguments stay as given. Problems
/// with an argument (missing path, unreadable folder) come back as errors
/// beside the inputs, so the rest of the batch still runs.
pub fn collect(args: &[String]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for a in args {
        if a == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut files = Vec::new();
            walk(&p, &mut files, &mut errors);
            files.sort();
            for f in files {
                let name = f.strip_prefix(&p).unwrap_or(&f).to_string_lossy().into_owned();
                inputs.push(Input::File { path: f, name });
            }
        } else {
            inputs.push(Input::File { name: a.clone(), path: p });
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Error::new(ErrorKind::Io, format!("cannot read folder: {e}")).in_file(dir));
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let ft = match entry.file_type() {
            Ok(t) => t,
            Err(_) => continue,
        };
        let txt = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if ft.is_dir() && !txt {
            walk(&p, out, errors);
        } else if txt {
            // Folders, symlinks and odd entries named *.txt are read like files; reading reports problems.
            out.push(p);
        }
    }
}

/// Reads an input's bytes, refusing files over `max_size` bytes.
pub fn read(input: &Input, max_size: u64) -> Result<Vec<u8>, Error> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max_size.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read standard input: {e}")).in_file("-"))?;
            if buf.len() as u64 > max_size {
                return Err(Error::new(ErrorKind::TooLarge, format!("larger than --max-file-size ({max_size} bytes)")).in_file("-"));
            }
            Ok(buf)
        }
        Input::File { path, name } => {
            let meta = std::fs::metadata(path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot open: {e}")).in_file(name))?;
            if meta.is_dir() {
                return Err(Error::new(ErrorKind::Io, "is a directory, not a file").in_file(name));
            }
            if meta.len() > max_size {
                return Err(Error::new(ErrorKind::TooLarge, format!("{} bytes, larger than --max-file-size ({max_size} bytes)", meta.len())).in_file(name));
            }
            std::fs::read(path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read: {e}")).in_file(name))
        }
    }
}
