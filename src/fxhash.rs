//! FxHash (rustc's hasher) for the maps whose keys come from the program or
//! the notice's own structure (lexicon syllables, outline paths, block
//! indices): SipHash's guard against chosen keys buys nothing there and
//! costs most of a lookup. Eight bytes at a time.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

/// For `HashMap<K, V, FxBuild>`.
pub type FxBuild = BuildHasherDefault<FxHasher>;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut x = [0u8; 8];
            x.copy_from_slice(w);
            self.add(u64::from_le_bytes(x));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            // The little-endian word of the last bytes, zero-padded, built
            // byte by byte: a copy of a variable length is a call to memcpy,
            // and most keys (syllables, words) are shorter than eight bytes.
            self.add(rest.iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn the_last_bytes_are_a_zero_padded_little_endian_word() {
        let bytes: Vec<u8> = (1..=23).map(|b| b * 11).collect();
        for n in 0..=bytes.len() {
            let mut h = FxHasher::default();
            h.write(&bytes[..n]);
            let mut want = FxHasher::default();
            for w in bytes[..n].chunks(8) {
                let mut x = [0u8; 8];
                x[..w.len()].copy_from_slice(w);
                want.add(u64::from_le_bytes(x));
            }
            assert_eq!(h.finish(), want.finish(), "{n} bytes");
        }
    }

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        let b = FxBuild::default();
        assert_eq!(b.hash_one("Ủy ban"), b.hash_one(String::from("Ủy ban")));
        assert_ne!(b.hash_one("1.2"), b.hash_one("1.3"));
        assert_ne!(b.hash_one("abcdefgh1"), b.hash_one("abcdefgh2"));
        assert_ne!(b.hash_one(7usize), b.hash_one(8usize));
    }
}
