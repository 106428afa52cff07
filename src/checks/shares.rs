//! PLACEHOLDER: to be written.

use crate::registry::Docs;

pub static OVER_100: Docs = Docs { what: "", why: "", example: "", fix: "" };

pub static INCOMPLETE: Docs = Docs { what: "", why: "", example: "", fix: "" };

pub fn check(_ctx: &super::Context) -> Vec<crate::finding::Finding> {
    Vec::new()
}
