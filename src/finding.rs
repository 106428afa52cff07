//! Findings are plain data: what was found, where, and what to do about it.
//! Checks build them; renderers only print them.

use crate::registry::Rule;
use crate::source::{FileId, SourceMap, Span};
use serde::Serialize;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A place in a file with a short message ("the earlier claim", "declared here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Label { file, span, message: message.into() }
    }
}

/// A mechanical fix: replace the text of `span` in `file` with `replacement`
/// (offered by editors as a code action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
    /// What the fix does, for the editor's menu ("Replace with `trade`").
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    /// Every other place involved, each with its own message.
    pub related: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with the rule's default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>, primary: Label) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            primary,
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_related(mut self, label: Label) -> Self {
        self.related.push(label);
        self
    }

    /// Adds the labels of `other` (a finding about the same place) that this one lacks: one
    /// finding then stands for both and labels every claim involved.
    pub fn with_labels_of(mut self, other: Finding) -> Self {
        for label in other.related {
            if !self.related.contains(&label) {
                self.related.push(label);
            }
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The order of findings within a file set read in one order: file as read, position,
    /// then code and message. [`sort`] puts the files in name order.
    pub fn sort_key(&self) -> (FileId, u32, u32, &'static str, &str) {
        (self.primary.file, self.primary.span.start, self.primary.span.end, self.rule.code, &self.message)
    }
}

/// Sorts findings into the order reports show them: by the path of their file as shown
/// (compared folder by folder, as a folder walk lists files), then as [`Finding::sort_key`]
/// does. Files are read in the order they are named (`claimcheck b.claims a.claims`), which
/// must not change the report's order.
pub fn sort(findings: &mut [Finding], sources: &SourceMap) {
    let mut by_name: Vec<FileId> = sources.ids().collect();
    by_name.sort_by(|a, b| Path::new(&sources.get(*a).name).cmp(Path::new(&sources.get(*b).name)));
    // Each file's place in name order, compared instead of its name: a report of a million
    // findings would otherwise compare paths some twenty million times.
    let mut rank = vec![0; by_name.len()];
    for (place, file) in by_name.into_iter().enumerate() {
        rank[file.0 as usize] = place;
    }
    let rank_of = |f: &Finding| rank.get(f.primary.file.0 as usize).copied().unwrap_or(usize::MAX);
    findings.sort_by(|a, b| (rank_of(a), a.sort_key()).cmp(&(rank_of(b), b.sort_key())));
}

/// Items a message lists before the rest are only counted: a block of a million members or
/// a cycle of 100 000 events must not make a help line of megabytes.
pub const LISTED: usize = 12;

/// The first [`LISTED`] items, each shown and joined by `separator`, then `and N more`. Items
/// past those are counted, not shown.
pub fn listed<T>(items: impl IntoIterator<Item = T>, separator: &str, show: impl Fn(T) -> String) -> String {
    let mut text = String::new();
    let mut count = 0;
    for item in items {
        if count < LISTED {
            if count > 0 {
                text.push_str(separator);
            }
            text.push_str(&show(item));
        }
        count += 1;
    }
    if count > LISTED {
        text.push_str(&format!(" and {} more", count - LISTED));
    }
    text
}

/// `a, b and c`, or `a, b, c and 12 more` when `more` other items are only counted (`and at
/// least 12 more` when that count is a lower bound).
pub(crate) fn joined(items: &[String], more: usize, at_least: bool) -> String {
    match items {
        [init @ .., last] if more == 0 && !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ if more == 0 => items.join(", "),
        _ => format!("{} and {}{more} more", items.join(", "), if at_least { "at least " } else { "" }),
    }
}
