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
//!
//! ```
//! use chidao::pipeline::{extract_document, Options};
//! use chidao::record::DeadlineKind;
//!
//! let notice = "Hà Nội, ngày 16 tháng 7 năm 2025\n\
//!     1. Bộ KH&CN chủ trì, phối hợp với Bộ Tài chính trình Đề án X trước ngày 15/9.\n";
//! let out = extract_document("tb.txt", notice.as_bytes(), &Options::default()).unwrap();
//! let r = &out.records[0];
//! assert_eq!(r.lead[0].name, "Bộ Khoa học và Công nghệ");
//! assert_eq!(r.support[0].name, "Bộ Tài chính");
//! let d = r.deadline.as_ref().unwrap();
//! assert_eq!((d.kind, d.due.unwrap().to_string()), (DeadlineKind::Before, "2025-09-15".to_string()));
//! // The span cuts the clause out of the input bytes.
//! assert!(notice[r.span[0]..r.span[1]].starts_with("Bộ KH&CN"));
//! ```

pub mod atomic;
pub mod audit;
pub mod cli;
pub(crate) mod decimal;
pub mod decode;
pub mod document;
pub mod error;
pub mod extract;
pub mod fold;
pub(crate) mod fxhash;
pub mod gazetteer;
pub mod input;
pub mod normalize;
pub mod ordered;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod segment;
pub mod span;
#[cfg(test)]
mod testdata;
