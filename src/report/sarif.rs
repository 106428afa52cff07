//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run. `tool.driver.rules` is the whole registry, so a result's `ruleIndex` is its
//! code's position in `RULES`. Columns count Unicode code points (`columnKind`), like the
//! human, short and JSON formats. Relative file names stay relative (to `%SRCROOT%`, the
//! checkout root), so reports hold no absolute paths and compare across machines.
//! Every object is a struct with a fixed field order, so the output is deterministic.

use crate::finding::{Finding, Fix, Label, Severity};
use crate::registry::{Rule, RULES};
use crate::source::{FileId, Span};
use crate::Outcome;
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SOURCE_ROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Whether the run itself succeeded, with what stopped it if not (a file that could not
    /// be read): a viewer must not take a run that skipped a file for a clean one.
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    /// The number a message's `[text](id)` link points at; related locations only.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    /// Named after the scheme: a change to what [`fingerprint`] hashes needs a new name,
    /// or code scanning would close every open alert and reopen it as new.
    #[serde(rename = "claimcheck/v1")]
    claimcheck_v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

pub fn render(outcome: &Outcome) -> String {
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let results = outcome
        .findings
        .iter()
        .map(|f| {
            let hash = fingerprint(outcome, f);
            let occurrence = seen.entry(hash).or_default();
            *occurrence += 1;
            result(outcome, f, format!("{hash:016x}:{occurrence}"))
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "claimcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: option_env!("CARGO_PKG_REPOSITORY").filter(|uri| !uri.is_empty()),
                    rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: outcome.run_errors.is_empty(),
                tool_execution_notifications: (outcome.run_errors.iter())
                    .map(|e| Notification { level: "error", message: Text { text: e.message.clone() } })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("plain data serializes");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let docs = rule.docs;
    let example = docs.example.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n");
    ReportingDescriptor {
        id: rule.code,
        name: rule_name(rule.code),
        short_description: Text { text: rule.summary.to_string() },
        full_description: Text { text: docs.what.to_string() },
        help: Help {
            text: format!(
                "{}\n\nWhy it matters: {}\n\nExample:\n{example}\n\nHow to fix it: {}",
                docs.what, docs.why, docs.fix
            ),
            markdown: format!(
                "{}\n\n**Why it matters.** {}\n\n**Example**\n\n```\n{}\n```\n\n**How to fix it.** {}",
                docs.what, docs.why, docs.example, docs.fix
            ),
        },
        default_configuration: Configuration { level: level(rule.severity) },
    }
}

/// `shares-over-100` → `SharesOver100`: SARIF's rule name is an identifier, the id's words
/// in upper camel case.
fn rule_name(code: &str) -> String {
    code.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
        })
        .collect()
}

fn result(outcome: &Outcome, f: &Finding, fingerprint: String) -> SarifResult {
    let related = f
        .related
        .iter()
        .enumerate()
        .map(|(i, label)| Location { id: Some(i + 1), ..location(outcome, label) })
        .collect();
    SarifResult {
        rule_id: f.code(),
        rule_index: RULES.iter().position(|rule| rule.code == f.code()),
        level: level(f.severity),
        message: Text { text: message(f) },
        locations: [location(outcome, &f.primary)],
        related_locations: related,
        partial_fingerprints: Fingerprints { claimcheck_v1: fingerprint },
        fixes: f.fix.iter().map(|fix| sarif_fix(outcome, fix)).collect(),
    }
}

/// The finding's message, a link to each related location (`[text](id)` is SARIF's
/// embedded link to the related location with that id), then the help on its own line.
fn message(f: &Finding) -> String {
    let mut text = escape_brackets(&f.message);
    let links: Vec<String> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let link_text = if label.message.trim().is_empty() { "related location" } else { &label.message };
            format!("[{}]({})", escape_brackets(link_text), i + 1)
        })
        .collect();
    if !links.is_empty() {
        text.push_str(&format!("; see {}", links.join(", ")));
    }
    if let Some(help) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(&escape_brackets(help));
    }
    text
}

/// In SARIF messages a literal `[` or `]` is escaped with a backslash, so that a citation
/// such as `[@xing, 121]` is not read as a link; so is a backslash written just before one.
fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | ']' => out.push('\\'),
            '\\' if matches!(chars.peek(), Some('[' | ']')) => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

fn location(outcome: &Outcome, label: &Label) -> Location {
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact(outcome, label.file),
            region: region(outcome, label.file, label.span),
        },
        message: Text { text: escape_brackets(&label.message) },
    }
}

fn region(outcome: &Outcome, file: FileId, span: Span) -> Region {
    let source = outcome.sources.get(file);
    let (start_line, start_column) = source.line_col(span.start as usize);
    let (end_line, end_column) = source.line_col(span.end as usize);
    Region { start_line, start_column, end_line, end_column }
}

fn sarif_fix(outcome: &Outcome, fix: &Fix) -> SarifFix {
    SarifFix {
        description: Text { text: escape_brackets(&fix.title) },
        artifact_changes: [ArtifactChange {
            artifact_location: artifact(outcome, fix.file),
            replacements: [Replacement {
                deleted_region: region(outcome, fix.file, fix.span),
                inserted_content: Text { text: fix.replacement.clone() },
            }],
        }],
    }
}

/// The file name as shown, as a URI reference: relative names relative to the checkout
/// root; a name the user gave as an absolute path becomes a `file://` URI. Names already
/// separate folders with `/`; a `\` left in one is part of a file's name, percent-encoded.
fn artifact(outcome: &Outcome, file: FileId) -> ArtifactLocation {
    let name = &outcome.sources.get(file).name;
    if name.starts_with('/') || std::path::Path::new(name).is_absolute() {
        let slash = if name.starts_with('/') { "" } else { "/" };
        return ArtifactLocation { uri: format!("file://{slash}{}", percent_encode(name)), uri_base_id: None };
    }
    ArtifactLocation { uri: percent_encode(name), uri_base_id: Some(SOURCE_ROOT) }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters and the path
/// separator (a `:` in a relative first segment would otherwise read as a scheme).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A hash of what identifies a finding across runs: its code, file, the trimmed text of
/// its primary line and its message; not line numbers, so an edit above it keeps the alert.
fn fingerprint(outcome: &Outcome, f: &Finding) -> u64 {
    let source = outcome.sources.get(f.primary.file);
    let (line, _) = source.line_col(f.primary.span.start as usize);
    let start = source.line_start(line - 1).unwrap_or(0);
    let end = source.line_start(line).unwrap_or(source.text.len());
    let line_text = source.text.get(start..end).unwrap_or_default().trim();
    let mut hash = Fnv1a::default();
    for part in [f.code(), source.name.as_str(), line_text, f.message.as_str()] {
        hash.write(part.as_bytes());
        // 0xFF never occurs in UTF-8, so the parts cannot run into each other.
        hash.write(&[0xFF]);
    }
    hash.0
}

/// 64-bit FNV-1a: tiny, fixed across platforms and releases (unlike std's `DefaultHasher`).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_upper_camel_case() {
        assert_eq!(rule_name("shares-over-100"), "SharesOver100");
        assert_eq!(rule_name("conflict"), "Conflict");
    }

    #[test]
    fn brackets_are_escaped_so_citations_are_not_links() {
        assert_eq!(escape_brackets("cites [@xing, 121]"), r"cites \[@xing, 121\]");
        assert_eq!(escape_brackets(r"a\[b"), r"a\\\[b");
        assert_eq!(escape_brackets(r"a\b"), r"a\b");
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(percent_encode("notes/a b%.claims"), "notes/a%20b%25.claims");
        assert_eq!(percent_encode("c:d/é.claims"), "c%3Ad/%C3%A9.claims");
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        let mut empty = Fnv1a::default();
        empty.write(b"");
        assert_eq!(empty.0, 0xcbf2_9ce4_8422_2325);
        let mut a = Fnv1a::default();
        a.write(b"a");
        assert_eq!(a.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn related_labels_are_linked_from_the_message() {
        let outcome = crate::check_text("a.claims", "measure m \"M\"\nmeasure m \"N\"\n");
        let log: serde_json::Value = serde_json::from_str(&render(&outcome)).expect("valid JSON");
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "duplicate-measure");
        let text = result["message"]["text"].as_str().expect("message text");
        assert!(text.contains("[first defined here](1)"), "{text}");
        assert_eq!(result["relatedLocations"][0]["id"], 1);
        assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    }

    #[test]
    fn fingerprints_ignore_line_numbers() {
        let fingerprint_of = |text: &str| {
            let outcome = crate::check_text("a.claims", text);
            let log: serde_json::Value = serde_json::from_str(&render(&outcome)).expect("valid JSON");
            log["runs"][0]["results"][0]["partialFingerprints"]["claimcheck/v1"].clone()
        };
        let base = "measure m \"M\"\nmeasure m \"N\"\n";
        assert_eq!(fingerprint_of(base), fingerprint_of(&format!("\n; a comment\n{base}")));
        assert_ne!(fingerprint_of(base), fingerprint_of("measure m \"M\"\nmeasure m \"X\"\n"));
    }
}
