//! Syntax: `.claims` text to a tree with spans, one finding per bad line.

pub mod ast;
pub mod cursor;
pub mod directive;
pub mod docs;
mod fast;
mod line_ends;
pub mod parser;
mod record;
pub mod tokens;

pub use parser::{parse, parse_declarations, parse_declarations_in_halves, parse_each, parse_into, ParsedLine, Sizes};
#[cfg(test)]
mod declarations_tests;
#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod tests;
