//! Typed errors that say where: which document, and which byte.

use std::fmt;
use std::path::PathBuf;

/// What went wrong with one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// The bytes are not text (binary content).
    NotText,
    /// The bytes could not be decoded in the chosen encoding.
    Decode,
    /// The file is larger than the size limit.
    TooLarge,
    /// A data file (gazetteer, gold, records) is malformed.
    Data,
}

impl ErrorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::NotText => "not_text",
            ErrorKind::Decode => "decode",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Data => "data",
        }
    }
}

/// An error with its location: file, and byte offset or line where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub file: Option<PathBuf>,
    pub offset: Option<usize>,
    pub line: Option<usize>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, file: None, offset: None, line: None, message: message.into() }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Error {
        self.file = Some(file.into());
        self
    }

    pub fn at_offset(mut self, offset: usize) -> Error {
        self.offset = Some(offset);
        self
    }

    pub fn at_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            if let Some(off) = self.offset {
                write!(f, ": byte {off}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
