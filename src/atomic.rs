//! Atomic output files: written to a temporary file beside the target and
//! renamed over it only when complete, so an interrupted or failed run never
//! leaves a partial file or truncates the previous one.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written; the target appears only on [`AtomicFile::commit`].
pub struct AtomicFile {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `target`.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile { tmp, target: target.to_path_buf(), file: Some(BufWriter::new(file)) })
    }

    /// Flushes, syncs and renames the temporary file over the target.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(f) = self.file.take() {
            let f = f.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    /// A file dropped without commit is removed: the target stays as it was.
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_old_target() {
        let dir = std::env::temp_dir().join(format!("chidao-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.jsonl");
        std::fs::write(&target, b"old complete\n").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"new partial").unwrap();
            // Dropped without commit: a failure mid-write.
        }
        assert_eq!(std::fs::read(&target).unwrap(), b"old complete\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        write(&target, b"new\n").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
