//! The registry: the one table of finding codes. `explain`, SARIF rules, configuration
//! and the documentation tests all read it.

use crate::finding::Severity;

/// What a code finds, why it matters, an example and how to fix it.
#[derive(Debug)]
pub struct Docs {
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

#[derive(Debug)]
pub struct Rule {
    /// The stable code used in every output format and in configuration.
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub docs: &'static Docs,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

macro_rules! rules {
    ($($name:ident = $code:literal, $severity:ident, $docs:path, $summary:literal;)*) => {
        $(
            pub static $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                summary: $summary,
                docs: &$docs,
            };
        )*
        /// Every code, in the order `explain --list` shows them.
        pub static RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    SYNTAX = "syntax", Error, crate::syntax::docs::SYNTAX,
        "a line that does not parse";
    INVALID_DATE = "invalid-date", Error, crate::syntax::docs::INVALID_DATE,
        "an impossible calendar date";
    UNKNOWN_MEASURE = "unknown-measure", Error, crate::checks::unknown_reference::UNKNOWN_MEASURE,
        "a claim names a measure that is not declared";
    UNKNOWN_SOURCE = "unknown-source", Error, crate::checks::unknown_reference::UNKNOWN_SOURCE,
        "a citation names a source that is not declared";
    UNKNOWN_ID = "unknown-id", Error, crate::checks::unknown_reference::UNKNOWN_ID,
        "a reference to a claim or event id that does not exist";
    DUPLICATE_ID = "duplicate-id", Error, crate::checks::duplicate_definition::DUPLICATE_ID,
        "two claims or events share one id";
    DUPLICATE_SOURCE = "duplicate-source", Error, crate::checks::duplicate_definition::DUPLICATE_SOURCE,
        "a source key is declared twice";
    DUPLICATE_MEASURE = "duplicate-measure", Error, crate::checks::duplicate_definition::DUPLICATE_MEASURE,
        "a measure is declared twice";
    UNIT_MISMATCH = "unit-mismatch", Error, crate::checks::unit_mismatch::DOCS,
        "a value or expression whose unit does not fit";
    SHARES_OVER_100 = "shares-over-100", Error, crate::checks::shares::OVER_100,
        "the smallest possible sum of a shares block exceeds 100 %";
    SHARES_INCOMPLETE = "shares-incomplete", Error, crate::checks::shares::INCOMPLETE,
        "a complete shares block cannot sum to 100 %";
    TOTAL_MISMATCH = "total-mismatch", Error, crate::checks::total::DOCS,
        "parts cannot add up to their total";
    CONFLICT = "conflict", Error, crate::checks::conflict::DOCS,
        "the same measure, item and date claimed with disjoint values";
    TREND = "trend", Error, crate::checks::trend::DOCS,
        "up/down/doubled/halved/tripled contradicted by the earlier claim";
    RECORD = "record", Error, crate::checks::record::DOCS,
        "max/min/largest/smallest contradicted by another claim";
    ASSERTION = "assertion", Error, crate::checks::assertion::DOCS,
        "an assert that no values in range can satisfy";
    TIMELINE = "timeline", Error, crate::checks::timeline::DOCS,
        "order, after/before/by or lasting impossible with the dates, or in a circle";
    FIRST = "first", Error, crate::checks::first::DOCS,
        "an event flagged first has an earlier event with a shared tag";
    FUTURE_CLAIM = "future-claim", Error, crate::checks::future_claim::DOCS,
        "a claim that is not a plan, dated after as-of";
    ANACHRONISM = "anachronism", Warning, crate::checks::anachronism::DOCS,
        "a claim cites a source published before the claim's earliest date";
    UNUSED_SOURCE = "unused-source", Warning, crate::checks::unused_source::DOCS,
        "a source nothing cites";
    UNCITED = "uncited", Warning, crate::checks::uncited::DOCS,
        "a claim, event, block or assert with no citation";
    BAD_LOCATOR = "bad-locator", Warning, crate::checks::bad_locator::DOCS,
        "a page range that runs backwards";
    QUOTE_NOT_FOUND = "quote-not-found", Error, crate::checks::quote::NOT_FOUND,
        "a quote absent from the manuscript";
    QUOTE_MISMATCH = "quote-mismatch", Error, crate::checks::quote::MISMATCH,
        "a quote whose numbers disagree with the claim's value";
    UNUSED_ALLOW = "unused-allow", Warning, crate::suppress::UNUSED_ALLOW,
        "an `allow(...)` comment that silences nothing";
    DERIVED = "derived", Info, crate::checks::notes::DERIVED,
        "the implied value of a `?` member";
    ROUNDING = "rounding", Info, crate::checks::notes::ROUNDING,
        "a check that passes only thanks to rounding or tolerance";
}

/// Looks a code up by its name.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Codes closest to a misspelt one, for "did you mean" help.
pub fn suggest(code: &str) -> Option<&'static str> {
    crate::suggest::closest(code, RULES.iter().map(|r| r.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(rule.code.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let d = rule.docs;
            for (part, text) in [("what", d.what), ("why", d.why), ("example", d.example), ("fix", d.fix)] {
                assert!(text.trim().len() > 10, "{} lacks `{part}` docs", rule.code);
            }
            assert!(!rule.summary.is_empty());
        }
    }
}
