//! `chidao audit`: gold fixtures, alignment and scoring (SPEC.md §6–7).
//!
//! Shares nothing with the extractor beyond the record types and the §7
//! name folding.
