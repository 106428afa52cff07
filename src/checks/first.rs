//! PLACEHOLDER: to be written.

use crate::registry::Docs;

pub static DOCS: Docs = Docs { what: "", why: "", example: "", fix: "" };

pub fn check(_ctx: &super::Context) -> Vec<crate::finding::Finding> {
    Vec::new()
}
