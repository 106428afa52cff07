//! `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`, one line per finding: stable for editors'
//! problem matchers.

use super::{visible, Options};
use crate::Outcome;
use std::fmt::Write;

pub fn render(outcome: &Outcome, options: &Options) -> String {
    let mut out = String::new();
    for f in visible(outcome, options) {
        let file = outcome.sources.get(f.primary.file);
        let (line, col) = file.line_col(f.primary.span.start as usize);
        let message = f.message.replace(['\n', '\r'], " ");
        let _ = writeln!(out, "{}:{line}:{col}: {}[{}]: {message}", file.name, f.severity.as_str(), f.code());
    }
    out
}
