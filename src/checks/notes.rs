//! PLACEHOLDER: to be written.

use crate::registry::Docs;

pub static DERIVED: Docs = Docs { what: "", why: "", example: "", fix: "" };

pub static ROUNDING: Docs = Docs { what: "", why: "", example: "", fix: "" };
