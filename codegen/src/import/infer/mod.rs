//! Inference: the page model's tables and prose to drafted tables. What each table describes,
//! its rows as typed fields (`tables`), the objects named and the type phrases that refer to them
//! resolved (`objects`), types read from examples where a table is silent (`examples`), type
//! phrases read only in context (`phrases`), and ranges, lengths, defaults and value lists from
//! descriptions (`prose`, with its comparison phrases in `compare`).
//!
//! Depends on `read` (the page model and its vocabulary), never on `draft`.

pub mod captions;
pub mod compare;
pub mod drafted;
pub mod examples;
pub mod kind;
pub mod objects;
pub mod phrases;
pub mod prose;
pub mod settle;
pub mod tables;
