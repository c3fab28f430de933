//! Reading: a page of any form to the one page model ([`page::Page`]). One reader per form
//! (`text` for browser text, `rst`, `html` for doc-site pages, `markdown` for Huawei's Chinese
//! Markdown), each giving blocks (headings, paragraphs, tables, code); `assemble` files the blocks
//! into the page's URI, sections, tables, examples and statuses. `vocab` holds the words every
//! layout uses for columns, captions and types. `sdk` makes the page of an operation from the
//! official SDK's model instead, for operations no page documents. `linked` copies the tables an
//! RST page links to on other pages of its folder.
//!
//! Depends on nothing else in the importer.

pub mod assemble;
pub mod html;
pub mod linked;
pub mod markdown;
pub mod page;
pub mod rst;
pub mod sdk;
pub mod text;
pub mod vocab;
