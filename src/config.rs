//! `claimcheck.toml`: found by walking up from the checked files. It sets each code's
//! severity (`error`, `warning`, `info` or `off`), the default `tolerance` of files that do
//! not set their own, and `include`/`exclude` globs for the files found in folders.
//!
//! ```toml
//! tolerance = "5%"
//! exclude = ["drafts/**"]
//!
//! [severity]
//! uncited = "off"
//! anachronism = "error"
//! ```

use crate::finding::{Finding, Severity};
use crate::registry::{self, Rule};
use crate::value::number::{parse_decimal, Q};
use crate::RunError;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use num_traits::Signed;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "claimcheck.toml";

/// What a code's findings become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Report(Severity),
    Off,
}

#[derive(Debug)]
pub struct Config {
    /// The folder holding `claimcheck.toml`; globs are relative to it.
    pub dir: PathBuf,
    levels: Vec<(&'static Rule, Level)>,
    pub tolerance: Option<Q>,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    tolerance: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// The nearest `claimcheck.toml` in `start` or a folder above it.
pub fn discover(start: &Path) -> Result<Option<Config>, RunError> {
    let start = lexically_absolute(start);
    for dir in start.ancestors() {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            // Named as reports name files: relative to the current folder, never absolute.
            let shown = crate::cli::display_name(&path);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| RunError::new(&shown, format!("cannot read `{shown}`: {e}")))?;
            return parse(dir, &text).map(Some).map_err(|e| RunError::new(&shown, format!("{shown}:{e}")));
        }
    }
    Ok(None)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses a configuration; errors read `LINE: message` (the caller prefixes the path).
pub fn parse(dir: &Path, text: &str) -> Result<Config, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        // Name the key written on that line (`tolerance = 5`), which the parser's message may not.
        let key = text.lines().nth(line - 1).and_then(|l| l.split_once('=')).map(|(key, _)| key.trim());
        match key.filter(|k| !k.is_empty() && !e.message().contains(&format!("`{k}`"))) {
            Some(key) => format!("{line}: {key}: {}", e.message()),
            None => format!("{line}: {}", e.message()),
        }
    })?;
    let at = |span: std::ops::Range<usize>| line_of(text, span.start);
    let mut levels = Vec::new();
    for (code, level) in &raw.severity {
        let Some(rule) = registry::find(code) else {
            let hint = registry::suggest(code).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            return Err(format!("{}: unknown code `{code}` in [severity]{hint}", at(level.span())));
        };
        let parsed = match level.get_ref().as_str() {
            "error" => Level::Report(Severity::Error),
            "warning" => Level::Report(Severity::Warning),
            "info" => Level::Report(Severity::Info),
            "off" => Level::Off,
            other => {
                return Err(format!(
                    "{}: severity.{code} = \"{other}\": expected \"error\", \"warning\", \"info\" or \"off\"",
                    at(level.span())
                ))
            }
        };
        levels.push((rule, parsed));
    }
    let tolerance = match &raw.tolerance {
        None => None,
        Some(t) => Some(percentage(t.get_ref()).ok_or_else(|| {
            let (place, written) = (at(t.span()), t.get_ref());
            format!("{place}: tolerance = \"{written}\": expected a percentage of 0% or more, such as \"10%\"")
        })?),
    };
    let globs = |key: &str, list: &[Spanned<String>]| -> Result<GlobSet, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in list {
            // As `.gitignore` reads one: `./claims/` is `claims`; a name with no `/` in it
            // (`drafts`, `*.draft.claims`) is matched at any depth unless a leading `/` anchors
            // it to the configuration's folder; `*` stays within one folder; an empty pattern
            // matches nothing.
            let written = pattern.get_ref().as_str();
            let tidy = written.strip_prefix("./").unwrap_or(written).trim_end_matches('/');
            let (anchored, tidy) = match tidy.strip_prefix('/') {
                Some(rest) => (true, rest),
                None => (false, tidy),
            };
            if tidy.is_empty() || tidy == "." {
                continue;
            }
            let anywhere = (!anchored && !tidy.contains('/')).then(|| format!("**/{tidy}"));
            for glob in std::iter::once(tidy.to_string()).chain(anywhere) {
                let glob = GlobBuilder::new(&glob)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("{}: {key}: bad glob `{written}`: {}", at(pattern.span()), e.kind()))?;
                builder.add(glob);
            }
        }
        builder.build().map_err(|e| format!("1: {key}: {e}"))
    };
    Ok(Config {
        dir: dir.to_path_buf(),
        levels,
        tolerance,
        include: raw.include.as_deref().map(|list| globs("include", list)).transpose()?,
        exclude: globs("exclude", &raw.exclude)?,
    })
}

/// `path` made absolute with its `..` resolved: the folders above `../other` are those above
/// the current folder's parent, not the current folder (which a plain `std::path::absolute`
/// keeps as `cwd/..`'s first ancestor). A `..` of a path on disk is resolved as the file system
/// does (after a link it is the target's parent); a path without one keeps its links.
fn lexically_absolute(path: &Path) -> PathBuf {
    if path.components().any(|c| c == std::path::Component::ParentDir) {
        if let Ok(real) = std::fs::canonicalize(path) {
            return real;
        }
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// A tolerance widens values both ways: a negative one would narrow them into nonsense, so
/// it is refused here as the `tolerance` line of a claims file refuses it.
fn percentage(text: &str) -> Option<Q> {
    let number = text.trim().strip_suffix('%')?.trim();
    let decimal = parse_decimal(number)?;
    (!decimal.value.is_negative()).then(|| decimal.value / Q::from_integer(100.into()))
}

impl Config {
    /// Applies the configured severity to a finding; `None` when the code is turned off.
    pub fn apply(&self, mut finding: Finding) -> Option<Finding> {
        match self.levels.iter().find(|(rule, _)| *rule == finding.rule) {
            Some((_, Level::Off)) => None,
            Some((_, Level::Report(severity))) => {
                finding.severity = *severity;
                Some(finding)
            }
            None => Some(finding),
        }
    }

    /// Whether a file found while walking a folder is to be checked. A pattern that names a
    /// folder (`claims/drafts`) takes every file below it, as in `.gitignore`.
    pub fn selects(&self, path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.dir).unwrap_or(&absolute);
        let matches = |set: &GlobSet| relative.ancestors().any(|p| !p.as_os_str().is_empty() && set.is_match(p));
        let included = self.include.as_ref().is_none_or(matches);
        included && !matches(&self.exclude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Label;
    use crate::source::{FileId, Span};
    use crate::value::number::ratio;

    fn config(text: &str) -> Result<Config, String> {
        parse(Path::new("/project"), text)
    }

    #[test]
    fn severities_tolerance_and_globs() {
        let c = config("tolerance = \"5%\"\ninclude = [\"claims/**\"]\nexclude = [\"claims/drafts/**\"]\n[severity]\nuncited = \"off\"\nanachronism = \"error\"\n").unwrap();
        assert_eq!(c.tolerance, Some(ratio(1, 20)));
        let finding = |rule| Finding::new(rule, "m", Label::new(FileId(0), Span::default(), ""));
        assert!(c.apply(finding(&registry::UNCITED)).is_none());
        assert_eq!(c.apply(finding(&registry::ANACHRONISM)).map(|f| f.severity), Some(Severity::Error));
        assert_eq!(c.apply(finding(&registry::CONFLICT)).map(|f| f.severity), Some(Severity::Error));
        assert!(c.selects(Path::new("/project/claims/a.claims")));
        assert!(!c.selects(Path::new("/project/claims/drafts/a.claims")));
        assert!(!c.selects(Path::new("/project/other/a.claims")));
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key() {
        let error = config("include = [\"claims\"]\ntolerance = 5\n").err().unwrap_or_default();
        assert!(error.starts_with("2: tolerance: "), "{error}");
    }

    #[test]
    fn folders_and_bare_names_select_as_in_gitignore() {
        for exclude in ["claims/drafts", "claims/drafts/", "./claims/drafts", "drafts"] {
            let c = config(&format!("exclude = [\"{exclude}\"]\n")).unwrap();
            assert!(!c.selects(Path::new("/project/claims/drafts/a.claims")), "{exclude}");
            assert!(c.selects(Path::new("/project/claims/a.claims")), "{exclude}");
        }
        let c = config("exclude = [\"b.claims\"]\ninclude = [\"claims\"]\n").unwrap();
        assert!(c.selects(Path::new("/project/claims/x/a.claims")));
        assert!(!c.selects(Path::new("/project/claims/x/b.claims")));
        assert!(!c.selects(Path::new("/project/notes/a.claims")));
        let anchored =
            config("exclude = [\"/claims\", \"\", \"./\"]\ninclude = [\"claims/*.claims\", \"other\"]\n").unwrap();
        assert!(anchored.selects(Path::new("/project/other/claims/a.claims")), "`/claims` is the top folder only");
        assert!(!anchored.selects(Path::new("/project/claims/a.claims")));
        let star = config("include = [\"claims/*.claims\"]\n").unwrap();
        assert!(star.selects(Path::new("/project/claims/a.claims")));
        assert!(!star.selects(Path::new("/project/claims/drafts/a.claims")), "`*` stays within one folder");
    }

    #[test]
    fn errors_name_the_key_and_line() {
        assert_eq!(
            config("\n[severity]\nconflct = \"off\"\n").unwrap_err(),
            "3: unknown code `conflct` in [severity] (did you mean `conflict`?)"
        );
        assert_eq!(
            config("[severity]\nconflict = \"loud\"\n").unwrap_err(),
            "2: severity.conflict = \"loud\": expected \"error\", \"warning\", \"info\" or \"off\""
        );
        assert_eq!(
            config("tolerance = \"ten\"\n").unwrap_err(),
            "1: tolerance = \"ten\": expected a percentage of 0% or more, such as \"10%\""
        );
        assert_eq!(
            config("tolerance = \"-5%\"\n").unwrap_err(),
            "1: tolerance = \"-5%\": expected a percentage of 0% or more, such as \"10%\""
        );
        assert_eq!(config("tolerance = \"0%\"\n").unwrap().tolerance, Some(ratio(0, 1)));
        let unknown = config("\n\ncolour = true\n").unwrap_err();
        assert!(unknown.starts_with("3: unknown field `colour`"), "{unknown}");
        let broken = config("[severity\n").unwrap_err();
        assert!(broken.starts_with("1: "), "{broken}");
        assert!(config("exclude = [\"[\"]\n").unwrap_err().starts_with("1: exclude: bad glob `[`"));
    }
}
