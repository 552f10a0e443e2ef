//! Offset maps: from byte positions in a transformed text back to byte
//! positions in the text it came from (SPEC §2 `span`, §5).
//!
//! Every transform (decoding, each normalisation step) returns an
//! [`OffsetMap`]; maps compose, so a position in the final normalised text
//! can be taken back to the input bytes as read.
//!
//! A map is a list of pieces. A `Same` piece copied its input unchanged, so a
//! position inside it maps one to one. A `Changed` piece replaced `src_len`
//! input bytes with `out_len` output bytes; a position inside it maps to the
//! start of the input piece (for a span start) or its end (for a span end).

/// One piece of a map, in output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    out_start: usize,
    src_start: usize,
    out_len: usize,
    src_len: usize,
    same: bool,
}

/// Maps byte positions of an output text to byte positions of its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    out_len: usize,
    src_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> OffsetMap {
        let mut m = OffsetMap::default();
        m.push_same(len);
        m
    }

    /// Appends `len` bytes copied unchanged.
    pub fn push_same(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.same {
                last.out_len += len;
                last.src_len += len;
                self.out_len += len;
                self.src_len += len;
                return;
            }
        }
        self.push(len, len, true);
    }

    /// Appends a piece where `src_len` source bytes became `out_len` output bytes.
    pub fn push_changed(&mut self, out_len: usize, src_len: usize) {
        if out_len == 0 && src_len == 0 {
            return;
        }
        self.push(out_len, src_len, false);
    }

    fn push(&mut self, out_len: usize, src_len: usize, same: bool) {
        self.pieces.push(Piece {
            out_start: self.out_len,
            src_start: self.src_len,
            out_len,
            src_len,
            same,
        });
        self.out_len += out_len;
        self.src_len += src_len;
    }

    /// Whether every position maps to itself (nothing was changed).
    pub fn is_identity(&self) -> bool {
        self.pieces.iter().all(|p| p.same)
    }

    /// Composes `self` (text B → source A) with `inner` (text C → text B),
    /// taking `inner` over: when `self` is the identity the result is
    /// `inner` itself, without building a copy.
    pub fn then(self, inner: OffsetMap) -> OffsetMap {
        if self.is_identity() && self.out_len == inner.src_len {
            inner
        } else {
            self.compose(&inner)
        }
    }

    /// Length of the output text this map covers.
    pub fn out_len(&self) -> usize {
        self.out_len
    }

    /// Length of the source text this map covers.
    pub fn src_len(&self) -> usize {
        self.src_len
    }

    /// The pieces copied unchanged, in order: (output start, source start, length).
    pub fn same_pieces(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.pieces.iter().filter(|p| p.same).map(|p| (p.out_start, p.src_start, p.out_len))
    }

    /// The output ranges of the changed pieces, in order (empty for a deletion).
    pub fn changed_ranges(&self) -> impl Iterator<Item = Span> + '_ {
        self.pieces.iter().filter(|p| !p.same).map(|p| (p.out_start, p.out_start + p.out_len))
    }

    /// The non-empty piece that holds output byte `pos`.
    fn piece_containing(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.out_start <= pos);
        self.pieces[..i]
            .iter()
            .rev()
            .find(|p| p.out_len > 0)
            .filter(|p| pos < p.out_start + p.out_len)
    }

    /// Maps the start of a span: a position inside a changed piece goes to
    /// the piece's source start.
    pub fn map_start(&self, pos: usize) -> usize {
        match self.piece_containing(pos) {
            Some(p) if p.same => p.src_start + (pos - p.out_start),
            Some(p) if pos == p.out_start => p.src_start,
            Some(p) => p.src_start + p.src_len,
            None => self.src_len,
        }
    }

    /// Maps the end of a span (exclusive): a position inside a changed piece
    /// goes to the piece's source end.
    pub fn map_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return 0;
        }
        match self.piece_containing(pos - 1) {
            Some(p) if p.same => p.src_start + (pos - p.out_start),
            Some(p) => p.src_start + p.src_len,
            None => self.src_len,
        }
    }

    /// Composes `self` (text B → source A) with `inner` (text C → text B):
    /// the result maps positions of C to positions of A.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        for p in &inner.pieces {
            if p.same {
                // Split the B range along self's pieces.
                let (mut x, end) = (p.src_start, p.src_start + p.src_len);
                while x < end {
                    let Some(q) = self.piece_containing(x).copied() else {
                        break;
                    };
                    let y = (q.out_start + q.out_len).min(end);
                    if q.same {
                        out.fill_gap(self.map_start(x));
                        out.push_same(y - x);
                    } else {
                        out.push_mapped(y - x, self.map_start(x), self.map_end(y));
                    }
                    x = y;
                }
            } else {
                let (a, b) = (self.map_start(p.src_start), self.map_end(p.src_start + p.src_len));
                out.push_mapped(p.out_len, a, b);
            }
        }
        out.fill_gap(self.src_len);
        out
    }

    /// Accounts for source bytes up to `src` that produced no output.
    fn fill_gap(&mut self, src: usize) {
        if src > self.src_len {
            self.push_changed(0, src - self.src_len);
        }
    }

    /// Appends a changed piece for source range `[a, b)`, clipped so that
    /// source positions never go backwards.
    fn push_mapped(&mut self, out_len: usize, a: usize, b: usize) {
        self.fill_gap(a);
        let a = a.max(self.src_len);
        let b = b.max(a);
        self.push_changed(out_len, b - a);
    }
}

/// A half-open byte range.
pub type Span = (usize, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.map_start(3), 3);
        assert_eq!(m.map_end(10), 10);
    }

    #[test]
    fn changed_piece_maps_to_its_edges() {
        // "a\u{a0}b": NBSP (2 bytes) became one space.
        let mut m = OffsetMap::default();
        m.push_same(1);
        m.push_changed(1, 2);
        m.push_same(1);
        assert_eq!(m.out_len(), 3);
        assert_eq!(m.src_len(), 4);
        assert_eq!(m.map_start(2), 3);
        assert_eq!(m.map_end(2), 3);
        assert_eq!(m.map_start(1), 1);
        assert_eq!(m.map_end(1), 1);
        assert_eq!(m.map_end(3), 4);
    }

    #[test]
    fn deletion_maps_around_the_gap() {
        // "ab\u{200b}c" -> "abc": zero-width space (3 bytes) removed.
        let mut m = OffsetMap::default();
        m.push_same(2);
        m.push_changed(0, 3);
        m.push_same(1);
        assert_eq!(m.map_start(2), 5);
        assert_eq!(m.map_end(2), 2);
        assert_eq!(m.map_end(3), 6);
    }

    #[test]
    fn composition_takes_positions_through_both_maps() {
        // C -> B: first byte doubled ("x" -> "yy"), rest same.
        let mut inner = OffsetMap::default();
        inner.push_changed(2, 1);
        inner.push_same(3);
        // B -> A: B is 4 bytes from A; byte 2 of B came from 2 bytes of A.
        let mut outer = OffsetMap::default();
        outer.push_same(2);
        outer.push_changed(1, 2);
        outer.push_same(1);
        let m = outer.compose(&inner);
        assert_eq!(outer.clone().then(inner.clone()), m);
        assert_eq!(OffsetMap::identity(4).compose(&inner), inner);
        assert_eq!(OffsetMap::identity(4).then(inner.clone()), inner);
        assert_eq!(m.out_len(), 5);
        assert_eq!(m.src_len(), 5);
        assert_eq!(m.map_start(0), 0);
        assert_eq!(m.map_start(2), 1);
        assert_eq!(m.map_end(3), 2);
        assert_eq!(m.map_end(4), 4);
        assert_eq!(m.map_start(3), 2);
        assert_eq!(m.map_end(5), 5);
    }
}
