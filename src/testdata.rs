//! Real texts for the unit tests that check a fast path against the rule it
//! replaces: the bundled corpus, and the shared dev corpus when it is there
//! (developer machines; a clean checkout has only the corpus).

use std::path::{Path, PathBuf};

/// Every readable text of `corpus/` and `../shared/dev-corpus`, with its path.
pub fn texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["corpus", "../shared/dev-corpus"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        for e in rd.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                out.push((e.path(), t));
            }
        }
    }
    out
}
