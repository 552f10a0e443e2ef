//! chidao turns Vietnamese government notices into task records (SPEC.md).
//!
//! The pipeline, top to bottom:
//!
//! 1. [`decode`]: bytes → text, with a map back to the bytes;
//! 2. [`normalize`]: NFC, tone marks, lookalikes, spaces (SPEC §5);
//! 3. [`document`]: notice number, date, issuer;
//! 4. [`segment`]: headings, items, tables → clauses with paths;
//! 5. [`extract`]: lead/support, deadline, deliverable, action per clause;
//! 6. [`record`]: the records of SPEC §2, written by [`output`].
//!
//! [`audit`] scores records against gold fixtures and shares nothing with
//! the extractor beyond [`record`] and the name folding of SPEC §7.

pub mod atomic;
pub mod audit;
pub mod cli;
pub mod decode;
pub mod document;
pub mod error;
pub mod extract;
pub mod fold;
pub mod gazetteer;
pub mod input;
pub mod normalize;
pub mod ordered;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod segment;
pub mod span;
