//! Every `>` quote of a model with the line it stands under, for the `quote-not-found` and
//! `quote-mismatch` checks: a quantity claim's quotes are weighed against its value, every
//! quote (under claims, events, asserts, blocks, declarations, settings and `order` lines) is
//! looked for in the manuscript, normalised as [`super::normalize`] makes it.

use super::normalize::normalized_quote;
use crate::model::{Claim, Loc, Model};
use crate::source::{FileId, SourceMap};
use crate::syntax::ast::Quote;
use std::borrow::Cow;
use std::ops::Range;

/// One quote with what it supports.
pub(crate) struct Quoted<'m> {
    pub(crate) quote: &'m Quote,
    pub(crate) owner: Loc,
    /// What the label on `owner` says.
    pub(crate) owner_is: &'static str,
    pub(crate) claim: Option<&'m Claim>,
    pub(crate) manuscript: Option<FileId>,
}

/// Every quote of the model, in a fixed order: claims', events', asserts', blocks', then
/// those under other lines (declarations, settings, `order`).
pub(crate) fn quoted(model: &Model) -> impl Iterator<Item = Quoted<'_>> {
    let owners = (model.events.iter().map(|e| (e.loc, &e.quotes, SUPPORTS)))
        .chain(model.asserts.iter().map(|a| (a.loc, &a.quotes, SUPPORTS)))
        .chain(model.blocks.iter().map(|b| (b.loc, &b.quotes, SUPPORTS)))
        .chain(model.other_quotes.iter().map(|o| (o.loc, &o.quotes, "the line it is quoted under")));
    claim_quotes(model, 0..model.claims.len())
        .chain(owners.flat_map(|(owner, quotes, owner_is)| under(model, owner, quotes, None, owner_is)))
}

/// The quotes of the claims at `claims` (indices of the model's claims), in [`quoted`]'s order,
/// which starts with every claim's quotes.
pub(crate) fn claim_quotes(model: &Model, claims: Range<usize>) -> impl Iterator<Item = Quoted<'_>> {
    model.claims[claims].iter().flat_map(|c| under(model, c.loc, &c.quotes, Some(c), SUPPORTS))
}

const SUPPORTS: &str = "the claim it supports";

/// The quotes under the line at `owner`.
fn under<'m>(
    model: &'m Model,
    owner: Loc,
    quotes: &'m [Quote],
    claim: Option<&'m Claim>,
    owner_is: &'static str,
) -> impl Iterator<Item = Quoted<'m>> {
    let manuscript = model.file_info(owner.file).and_then(|f| f.manuscript_file);
    quotes.iter().map(move |quote| Quoted { quote, owner, owner_is, claim, manuscript })
}

/// A quote's words as they are searched for in the manuscript.
pub(crate) fn pattern<'m>(sources: &'m SourceMap, q: &Quoted<'m>) -> Cow<'m, str> {
    normalized_quote(q.quote.text(&sources.get(q.owner.file).text))
}

#[cfg(test)]
mod tests {
    use crate::checks::quote::tests::{run, HEAD};

    #[test]
    fn normalised_quotes_are_found() {
        let found = run("2000 share China = 5.8% [@s]\n  > China held 5.8 percent of\n  > Kazakhstan's trade\n2000 event \"E\" [@s]\n  > reaching $1.5bn.\n");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn quotes_under_any_line_are_looked_for() {
        // Under a source, a measure and an `order` line: looked for, never weighed.
        let claims = "source t \"T\" 2021 ; allow(unused-source)\n  > China held 5.8 percent of\nmeasure m \"M\" unit USD\n> not in the paper\n2000 trade = $1.5bn [@s]\n  > reaching $1.5bn.\na: 2000 event \"A\" [@s]\nb: 2001 event \"B\" [@s]\norder a < b\n  > By 2000 China had\n  > nothing like this\n";
        let found = run(claims);
        let text = format!("{HEAD}{claims}");
        let summary: Vec<(&str, &str, &str)> =
            found.iter().map(|f| (f.code(), &text[f.primary.span.range()], &text[f.related[0].span.range()])).collect();
        assert_eq!(
            summary,
            [
                ("quote-not-found", "not in the paper", "measure m \"M\" unit USD"),
                ("quote-not-found", "By 2000 China had\n  > nothing like this", "order a < b"),
            ],
            "{found:?}"
        );
        assert!(found.iter().all(|f| f.related[0].message == "the line it is quoted under"));
    }
}
