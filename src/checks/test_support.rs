//! Helpers for the checks' unit tests.

use crate::finding::Finding;

/// Runs the whole pipeline on one in-memory file and returns its findings' codes and lines.
pub fn codes(text: &str) -> Vec<(&'static str, usize)> {
    findings(text).iter().map(|f| (f.code(), line_of(text, f.primary.span.start as usize))).collect()
}

pub fn findings(text: &str) -> Vec<Finding> {
    crate::check_text("test.claims", text).findings
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}
