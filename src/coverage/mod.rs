//! `claimcheck coverage [PATHS]`: every number, date and percentage of the manuscript that
//! no `>` quote covers, with its place and sentence, then how many are covered. It shows
//! which checkable statements of the manuscript were never transcribed.

use crate::manuscript::files::{self, Reader};
use crate::manuscript::numbers::{scan, Kind};
use crate::manuscript::{excerpt, normalize::normalize_quote, search, Manuscript};
use crate::source::{FileId, SourceFile, SourceMap};
use crate::syntax::ast::{Directive, ParsedFile, Quote};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How many places of one quote are counted; a short quote found everywhere stays cheap.
const PLACES_PER_QUOTE: usize = 10_000;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Claims files or folders (searched for `*.claims`) whose quotes count as coverage.
    pub paths: Vec<PathBuf>,
    /// The manuscript to measure, instead of the files' `manuscript` lines.
    #[arg(long, value_name = "PATH")]
    pub manuscript: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub version: u32,
    pub manuscripts: Vec<ManuscriptCoverage>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct ManuscriptCoverage {
    pub file: String,
    pub numbers: usize,
    pub covered: usize,
    pub uncovered: Vec<Uncovered>,
}

#[derive(Debug, Serialize)]
pub struct Uncovered {
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub kind: &'static str,
    pub sentence: String,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub numbers: usize,
    pub covered: usize,
}

pub fn command(args: Args) -> u8 {
    let mut sources = SourceMap::default();
    let mut errors = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() { &default[..] } else { &args.paths[..] };
    for path in paths {
        let (found, walk_errors) = crate::cli::expand(path);
        errors.extend(walk_errors.into_iter().map(|e| e.message));
        for file in found {
            match files::read_from_disk(&file) {
                Ok(text) => {
                    sources.add(SourceFile::new(crate::cli::display_name(&file), text));
                }
                Err(why) => errors.push(format!("cannot read `{}`: {why}", crate::cli::display_name(&file))),
            }
        }
    }
    let report = match errors.is_empty() {
        true => measure(sources, args.manuscript.as_deref(), &files::read_from_disk),
        false => Err(errors),
    };
    match report {
        Ok(report) => crate::cli::print(&render(&report, args.format), 0),
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("error: {e}"));
            2
        }
    }
}

/// Measures the coverage of every manuscript the claims files (or `manuscript`) name.
pub fn measure(mut sources: SourceMap, manuscript: Option<&Path>, read: Reader) -> Result<Report, Vec<String>> {
    let claim_files: Vec<FileId> = sources.ids().collect();
    let trees: Vec<ParsedFile> = claim_files.iter().map(|&f| crate::syntax::parse(f, &sources.get(f).text).0).collect();
    let attached = files::attach(&mut sources, &claim_files, &trees, manuscript, read);
    if !attached.errors.is_empty() {
        return Err(attached.errors.into_iter().map(|e| e.message).collect());
    }
    let mut quotes: BTreeMap<FileId, Vec<&str>> = BTreeMap::new();
    for (file, tree) in claim_files.iter().zip(&trees) {
        if let Some(&manuscript) = attached.manuscripts.get(file) {
            let text = &sources.get(*file).text;
            quotes.entry(manuscript).or_default().extend(quotes_of(tree).map(|q| q.text(text)));
        }
    }
    if quotes.is_empty() {
        let why = "no manuscript to measure: no claims file was found, or none has a `manuscript \"PATH\"` line (or use `--manuscript PATH`)";
        return Err(vec![why.into()]);
    }
    let manuscripts: Vec<ManuscriptCoverage> =
        quotes.into_iter().map(|(file, quotes)| cover(sources.get(file), file, &quotes)).collect();
    let summary = Summary {
        numbers: manuscripts.iter().map(|m| m.numbers).sum(),
        covered: manuscripts.iter().map(|m| m.covered).sum(),
    };
    Ok(Report { version: 1, manuscripts, summary })
}

fn quotes_of(tree: &ParsedFile) -> impl Iterator<Item = &Quote> {
    tree.entries.iter().flat_map(|entry| {
        let members = match &entry.directive {
            Directive::Block(block) => block.members.iter().flat_map(|m| &m.quotes).collect(),
            _ => Vec::new(),
        };
        entry.quotes.iter().chain(members)
    })
}

fn cover(source: &SourceFile, file: FileId, quotes: &[&str]) -> ManuscriptCoverage {
    let manuscript = Manuscript::new(file, source);
    let text = manuscript.text();
    let patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
    let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
    let mut quoted: Vec<Range<usize>> = search::locate(text, &refs, PLACES_PER_QUOTE).into_iter().flatten().collect();
    quoted.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut reach = Vec::with_capacity(quoted.len());
    let mut furthest = 0;
    for range in &quoted {
        furthest = furthest.max(range.end);
        reach.push(furthest);
    }
    let mentions = scan(text);
    let mut uncovered = Vec::new();
    for mention in &mentions {
        let before = quoted.partition_point(|r| r.start <= mention.range.start);
        if before > 0 && reach[before - 1] >= mention.range.end {
            continue;
        }
        let (line, column) = source.line_col(manuscript.span(mention.range.clone()).start as usize);
        uncovered.push(Uncovered {
            line,
            column,
            text: text[mention.range.clone()].to_string(),
            kind: kind_name(mention.kind),
            sentence: excerpt(sentence(text, mention.range.clone()), 240),
        });
    }
    ManuscriptCoverage {
        file: source.name.clone(),
        numbers: mentions.len(),
        covered: mentions.len() - uncovered.len(),
        uncovered,
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Count => "number",
        Kind::Percent => "percentage",
        Kind::Money(_) => "amount",
        Kind::Ratio => "fraction",
        Kind::Year => "year",
        Kind::Date => "date",
    }
}

/// How far a sentence is searched for on each side of a number.
const SENTENCE_REACH: usize = 600;

/// The sentence around `range`: from after the previous `. ` (`?`, `!`) before a capital
/// to the next one, and never more than [`SENTENCE_REACH`] bytes on either side.
fn sentence(text: &str, range: Range<usize>) -> &str {
    let mut low = range.start.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(low) {
        low += 1;
    }
    let mut high = (range.end + SENTENCE_REACH).min(text.len());
    while !text.is_char_boundary(high) {
        high -= 1;
    }
    let ends_sentence = |at: usize| {
        let (head, tail) = text.split_at(at);
        head.ends_with(['.', '?', '!']) && tail.starts_with(' ') && tail[1..].starts_with(|c: char| c.is_uppercase())
    };
    let spaces_before = || text[low..range.start].match_indices(' ').map(|(i, _)| low + i);
    let sentence_start = spaces_before().rev().find(|&i| ends_sentence(i));
    // Without a sentence start in reach, start at a word (or at the text's start).
    let start = sentence_start.or_else(|| spaces_before().next().filter(|_| low > 0)).map_or(low, |i| i + 1);
    let spaces_after = || text[range.end..high].match_indices(' ').map(|(i, _)| range.end + i);
    let end =
        spaces_after().find(|&i| ends_sentence(i)).or_else(|| spaces_after().next_back().filter(|_| high < text.len()));
    &text[start.min(range.start)..end.unwrap_or(high)]
}

pub fn render(report: &Report, format: Format) -> String {
    if format == Format::Json {
        let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
        out.push('\n');
        return out;
    }
    let mut out = String::new();
    for manuscript in &report.manuscripts {
        for u in &manuscript.uncovered {
            out.push_str(&format!("{}:{}:{}: {} — {}\n", manuscript.file, u.line, u.column, u.text, u.sentence));
        }
        if report.manuscripts.len() > 1 {
            let (covered, numbers) = (manuscript.covered, manuscript.numbers);
            out.push_str(&format!("{}: {covered} of {numbers} numbers covered\n", manuscript.file));
        }
    }
    out.push_str(&format!("{} of {} numbers covered\n", report.summary.covered, report.summary.numbers));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_stop_at_sentence_ends_only() {
        let text = "First one. The U.S. share was 5.8 percent in 2000, up from 4 sq. km. of it. Last one.";
        let at = text.find("5.8").unwrap_or(0);
        assert_eq!(sentence(text, at..at + 3), "The U.S. share was 5.8 percent in 2000, up from 4 sq. km. of it.");
        assert_eq!(sentence("no end 12 here", 7..9), "no end 12 here");
    }

    #[test]
    fn quotes_from_every_claims_file_cover_their_manuscript() {
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("a.claims", "manuscript \"p.md\"\n2000 event \"E\"\n  > held 5.8 percent\n"));
        sources.add(SourceFile::new("b.claims", "manuscript \"p.md\"\nx: 2000 m = 1\n  > $1.5bn in 2000\n"));
        let read = |_: &Path| Ok("China held 5.8 percent, $1.5bn in 2000.\nThen 7 more in May 2001.".to_string());
        let report = measure(sources, None, &read).expect("measured");
        assert_eq!((report.summary.numbers, report.summary.covered), (5, 3));
        let rest: Vec<(usize, usize, &str, &str)> =
            report.manuscripts[0].uncovered.iter().map(|u| (u.line, u.column, u.text.as_str(), u.kind)).collect();
        assert_eq!(rest, [(2, 6, "7", "number"), (2, 16, "May 2001", "date")]);
        let human = render(&report, Format::Human);
        assert!(human.ends_with("p.md:2:16: May 2001 — Then 7 more in May 2001.\n3 of 5 numbers covered\n"), "{human}");
    }
}
