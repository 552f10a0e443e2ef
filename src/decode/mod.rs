//! Decoding the bytes of an input file into text, with the map from text
//! positions back to byte positions (SPEC §5).
//!
//! This first version handles UTF-8 with or without BOM; legacy encodings
//! and UTF-16 come with the decoding issue.

use crate::span::OffsetMap;

/// Which encoding to read the bytes as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Encoding {
    #[default]
    Auto,
    #[value(name = "utf-8")]
    Utf8,
}

/// Text decoded from bytes, with the map back to the bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub text: String,
    /// Positions of `text` → byte positions of the input.
    pub map: OffsetMap,
    /// The encoding that was used.
    pub encoding: &'static str,
    /// Bytes replaced under `lossy` decoding.
    pub replaced: usize,
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first byte that could not be decoded.
    pub offset: usize,
    pub message: String,
}

/// Decodes `bytes` as `enc`.
pub fn decode(bytes: &[u8], enc: Encoding) -> Result<Decoded, DecodeError> {
    let _ = enc;
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(s) => {
            let mut map = OffsetMap::default();
            map.push_changed(0, bom);
            map.push_same(s.len());
            Ok(Decoded { text: s.to_string(), map, encoding: "utf-8", replaced: 0 })
        }
        Err(e) => Err(DecodeError {
            offset: bom + e.valid_up_to(),
            message: "invalid UTF-8".to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_skipped_and_mapped() {
        let d = decode("\u{feff}Bộ".as_bytes(), Encoding::Auto).unwrap();
        assert_eq!(d.text, "Bộ");
        assert_eq!(d.map.map_start(0), 3);
        assert_eq!(d.map.map_end(d.text.len()), 3 + "Bộ".len());
    }

    #[test]
    fn invalid_bytes_name_their_offset() {
        let e = decode(b"ab\xffcd", Encoding::Utf8).unwrap_err();
        assert_eq!(e.offset, 2);
    }
}
