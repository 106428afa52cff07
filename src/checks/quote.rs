//! `quote-not-found` and `quote-mismatch`: every `>` quote must be in the manuscript (after
//! normalisation), and a quantity claim's quote must not state a different number: one of
//! its numbers of the claim's kind must have the claim's written digits or its value as
//! written, before rounding and `~` widen it (see `manuscript::agreement`).

use super::quote_parts;
use crate::finding::{Finding, Label};
use crate::manuscript::agreement::{as_written, judge, judge_plain_in, PlainUnit, Verdict};
use crate::manuscript::numbers::Kind;
use crate::manuscript::quoted::{claim_quotes, pattern, quoted, Quoted};
use crate::manuscript::{closest, excerpt, search, Manuscript};
use crate::model::{Claim, Model};
use crate::registry::{self, Docs};
use crate::source::FileId;
use crate::value::number::{int, show};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

pub static NOT_FOUND: Docs = Docs {
    what: "A `>` quote that does not occur in the manuscript, even after whitespace, line breaks, curly quotes, dashes (`--` and `---` too), soft hyphens and Markdown emphasis are normalised away; in a Markdown manuscript a quote may keep the links and footnote marks of the source or leave them out, as a reader sees them. The help shows the closest passage and its line.",
    why: "A quote is the evidence that the manuscript says what the claim records. A quote that is not there was mistyped, paraphrased, or comes from another version of the text.",
    example: "manuscript \"paper.md\"   ; the paper says \"reaching $1.5bn in 2000\"\n2000 trade = $1.5bn [@xing]\n  > trade reached $1.5bn in 2000",
    fix: "Copy the passage from the manuscript exactly (case counts), or point `manuscript` (or `--manuscript`) at the version the quotes come from.",
};

pub static MISMATCH: Docs = Docs {
    what: "A quantity claim whose quote holds numbers of the claim's kind (percentages and fractions for a `%` measure, amounts of its currency, plain amounts otherwise; never years or dates, in words or digits, nor page numbers (`p. 298`, `pp. 33-35`), references (`(Blank 1997, 34)`, `Blank (1997, 34)`, `(ibid., 9)`, `[12]`) and footnote marks (`[^1]`)) none of which agrees with the claim's value. A number agrees when it has the claim's written digits (\"10 million tons\" and `10 Mtoe`), or when its value, in the claim's unit and scale, is the claim's value as written (\"$1.5 billion\" and `$1,500m`, \"one-third\" and `~ 1/3`, \"32 percent\" and `30..35%`, \"$1.2 billion\" and `> $1bn`). A sign, scale word or currency written once for a range or list is every number's: \"30-35%\" and \"from 30 to 35 percent\" agree with `30%`, \"$3-4 billion\" with `$3bn`. Rounding and `~` do not widen the value here: \"$4.18 billion\" does not agree with `$4bn`, nor \"17.5%\" with `17%`. A quote that is not in its manuscript is a `quote-not-found` only: its numbers are not the manuscript's (the help of that finding shows where it differs).",
    why: "The quote and the value were transcribed separately; when they disagree, one of them is wrong, and the claim is checked with a number the manuscript does not give. A claim rounder than its quote (`$4bn` for \"$4.18 billion\") is a transcription error too: its rounding range lets through values the manuscript rules out, and may hide a contradiction.",
    example: "2000 trade-share China = 5.8% [@kazstat]\n  > with 5.9 percent of Kazakhstan's trade\n2012 trade = $4bn [@wits]\n  > trade reached $4.18 billion in 2012",
    fix: "Correct the claim's value to the quoted number, as precise as the quote gives it (`$4.18bn`, not `$4bn`), or attach the quote that states the claim's number.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    // Only quotes with a manuscript to be found in are held at once (with their place in
    // `quoted`'s order); the agreement of quotes and values is judged one quote at a time. In a
    // run no file of which names a manuscript, no quote is (and none is walked here).
    let searched = model.files.iter().any(|f| f.manuscript_file.is_some());
    let mut by_manuscript: BTreeMap<FileId, Vec<(usize, Quoted, Cow<str>)>> = BTreeMap::new();
    for (i, q) in quoted(model).enumerate().take_while(|_| searched) {
        let Some(file) = q.manuscript else { continue };
        let pattern = pattern(ctx.sources, &q);
        if !pattern.is_empty() {
            by_manuscript.entry(file).or_default().push((i, q, pattern));
        }
    }
    let mut places: HashMap<usize, Label> = HashMap::default();
    // A quote not in its manuscript is not the manuscript's words: that is its one finding,
    // whatever numbers it holds (its help shows where it differs from the closest passage).
    let mut unfound: HashSet<usize> = HashSet::default();
    // The reader's form of each quote found that has one: its numbers are the ones a reader
    // sees, not those of a Markdown link's address.
    let mut read_forms: HashMap<usize, String> = HashMap::default();
    let mut findings = Vec::new();
    for (file, quotes) in by_manuscript {
        let manuscript = Manuscript::new(file, ctx.sources.get(file));
        // A quote is looked for as written and, when the manuscript's markup makes them differ
        // (a Markdown link copied from the source), as a reader sees it.
        let read: Vec<Option<String>> = quotes
            .iter()
            .map(|(_, q, _)| manuscript.quote_as_read(q.quote.text(&ctx.sources.get(q.owner.file).text)))
            .collect();
        let refs: Vec<&str> = quotes
            .iter()
            .map(|(_, _, pattern)| &**pattern)
            .chain(read.iter().map(|r| r.as_deref().unwrap_or_default()))
            .collect();
        let found = search::locate(manuscript.text(), &refs, 1);
        let (as_written, as_read) = found.split_at(quotes.len());
        let mut missing = Vec::new();
        for ((i, q, pattern), (read, (hits, read_hits))) in
            quotes.iter().zip(read.iter().zip(as_written.iter().zip(as_read)))
        {
            match hits.first().or(read_hits.first()) {
                Some(hit) => {
                    places.insert(*i, Label::new(file, manuscript.span(hit.clone()), "the quoted passage"));
                    read_forms.extend(read.clone().map(|read| (*i, read)));
                }
                // The closest passage is compared with what a reader would see of the quote.
                None => {
                    unfound.insert(*i);
                    missing.push((q, read.as_deref().unwrap_or(pattern)));
                }
            }
        }
        let missing_refs: Vec<&str> = missing.iter().map(|&(_, pattern)| pattern).collect();
        let passages = closest::closest(manuscript.text(), &missing_refs);
        for (&(q, pattern), passage) in missing.iter().zip(passages) {
            findings.push(not_found(ctx, &manuscript, q, pattern, passage));
        }
    }
    let found = Found { unfound, read_forms, places };
    if ctx.two_threads() {
        // Shared out in parts with any thread that runs out of checks (see `quote_parts`).
        findings.extend(quote_parts::judge_shared(ctx, found).into_iter().map(|(_, f)| f));
    } else {
        let claims = 0..model.claims.len();
        findings.extend(mismatches(ctx, &found, claims, 0).into_iter().map(|(_, f)| f));
    }
    findings
}

/// What the manuscript search found, by the quote's place in [`quoted`]'s order.
#[cfg_attr(test, derive(Default))]
pub(crate) struct Found {
    /// Quotes not in their manuscript: their one finding is `quote-not-found`.
    unfound: HashSet<usize>,
    /// The reader's form of each quote found that has one.
    read_forms: HashMap<usize, String>,
    /// Where each quote found stands in its manuscript.
    places: HashMap<usize, Label>,
}

/// The `quote-mismatch` findings of the quotes of `claims`, each with its quote's place in
/// [`quoted`]'s order, where the first is at `first_quote`.
pub(crate) fn mismatches(
    ctx: &super::Context,
    found: &Found,
    claims: Range<usize>,
    first_quote: usize,
) -> Vec<(usize, Finding)> {
    let mut findings = Vec::new();
    let mut plain_unit = PlainUnit::new(None); // kept while claims share their unit
    for (i, q) in (first_quote..).zip(claim_quotes(ctx.model, claims)) {
        let Some(claim) = q.claim.filter(|_| !found.unfound.contains(&i)) else { continue };
        let read = found.read_forms.get(&i);
        let unit = ctx.model.measure(claim).and_then(|m| m.unit.as_deref()).or(claim.value.unit.as_deref());
        // Nearly every quote is plain, its own normal form, and is told to agree or hold no
        // number of the claim's kind as written, in one pass (see `judge_plain`).
        let text = q.quote.text(&ctx.sources.get(q.owner.file).text);
        plain_unit = plain_unit.of(unit);
        if judge_plain_in(&claim.value, plain_unit, read.map_or(text, String::as_str)).is_some() {
            continue;
        }
        let pattern = read.map_or_else(|| pattern(ctx.sources, &q), |read| Cow::Borrowed(read));
        if let Verdict::Disagrees(numbers) = judge(&claim.value, || ctx.model.written(claim), unit, &pattern) {
            // A quote joined from many `>` lines may hold thousands of numbers: a dozen are named.
            let said = crate::finding::listed(&numbers, ", ", |m| match (m.kind, unit) {
                (Kind::Ratio, Some("%")) => {
                    format!("{} ({}%)", &pattern[m.range.clone()], show(&(&m.value * int(100))))
                }
                _ => pattern[m.range.clone()].to_string(),
            });
            findings.push((i, mismatch(ctx.model, &q, claim, &said, found.places.get(&i).cloned())));
        }
    }
    findings
}

fn not_found(ctx: &super::Context, m: &Manuscript, q: &Quoted, quote: &str, passage: Option<Range<usize>>) -> Finding {
    let name = &ctx.sources.get(m.file).name;
    let finding = Finding::new(
        &registry::QUOTE_NOT_FOUND,
        format!("quote not found in `{name}`"),
        Label::new(q.owner.file, q.quote.span, "not in the manuscript"),
    )
    .with_related(Label::new(q.owner.file, q.owner.span, q.owner_is));
    let Some(range) = passage else {
        return finding
            .with_help(format!("no passage of `{name}` shares a word with this quote: is it the right manuscript?"));
    };
    let (span, text) = (m.span(range.clone()), &m.text()[range]);
    let (line, _) = ctx.sources.get(m.file).line_col(span.start as usize);
    let shown = |text: &str| text.replace('\u{2029}', " ¶ "); // a break between passages (LaTeX footnotes)
    let difference = match closest::first_difference(quote, text) {
        Some((ours, theirs)) if ours.is_empty() => format!("; the quote leaves out `{}`", shown(&theirs)),
        Some((ours, theirs)) if theirs.is_empty() => format!("; the quote adds `{ours}`"),
        Some((ours, theirs)) => format!("; the quote has `{ours}` where the manuscript has `{}`", shown(&theirs)),
        None => String::new(),
    };
    finding.with_related(Label::new(m.file, span, "the closest passage")).with_help(format!(
        "the closest passage, on line {line} of `{name}`, reads \"{}\"{difference}",
        shown(&excerpt(text, 240))
    ))
}

fn mismatch(model: &Model, q: &Quoted, claim: &Claim, said: &str, place: Option<Label>) -> Finding {
    let (value, written) = (&claim.value, model.written(claim));
    let finding = Finding::new(
        &registry::QUOTE_MISMATCH,
        format!("the quote says {said}, but the claim has {}", model.stated(claim)),
        Label::new(claim.loc.file, value.span, format!("the claim: {}", model.describe(claim))),
    )
    .with_related(Label::new(q.owner.file, q.quote.span, format!("the quote: {said}")));
    let finding = match place {
        Some(label) => finding.with_related(label),
        None => finding,
    };
    finding.with_help(format!(
        "{said} has neither the digits of {} nor a value within {}: correct the value, or quote the passage that states it",
        written,
        as_written(value, &written)
    ))
}

#[cfg(test)]
#[path = "quote_tests.rs"]
pub(crate) mod tests;
