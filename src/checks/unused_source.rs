//! `unused-source`: a `source` line that no citation names. Entries of a `bibliography` are
//! exempt: a shared bibliography holds more works than any one manuscript cites. A source
//! that an unknown key was probably meant to cite (`[@xnig]` for `xing`) is left to that
//! `unknown-source` finding, whose "did you mean" already names it. A key written as `@key`
//! anywhere in the claims files counts as cited, so a line that does not parse (or a
//! claim commented out for now) leaves its sources alone: the `syntax` error is the problem.

use crate::finding::{Finding, Label};
use crate::model::NameKind;
use crate::registry::{self, Docs};
use crate::suggest::Suggester;
use rustc_hash::FxHashSet as HashSet;

pub static DOCS: Docs = Docs {
    what: "A source declared with a `source` line that no claim, event, block or assert cites, in any of the files checked together, and whose `@key` appears nowhere else in them (a line that does not parse, a comment). Entries of a `bibliography` file are exempt.",
    why: "An uncited source is usually the trace of a mistyped key (the claims cite something else) or of claims that were deleted; either way the reference list no longer matches the claims.",
    example: "source xing \"Xing, China and Central Asia\" 2001\nsource burles \"Burles, Chinese Policy\" 1999   ; never cited\n2000 trade = $1.5bn [@xing, 121-22]",
    fix: "Cite the source where the manuscript uses it, correct the key that was meant to cite it, or remove the line.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let citations = (model.claims.iter().filter_map(|c| c.citation.as_ref()))
        .chain(model.events.iter().filter_map(|e| e.citation.as_ref()))
        .chain(model.blocks.iter().filter_map(|b| b.citation.as_ref()))
        .chain(model.asserts.iter().filter_map(|a| a.citation.as_ref()))
        .chain(model.orders.iter().filter_map(|o| o.citation.as_ref()));
    // Marked by source first (one store per citation), then gathered by key: a key declared
    // twice is cited when either of its sources is.
    let mut cited_sources = vec![false; model.sources.len()];
    for source in citations.flat_map(|c| c.cites.iter().filter_map(|cite| cite.source())) {
        cited_sources[source] = true;
    }
    let mut cited: HashSet<&str> =
        model.sources.iter().zip(&cited_sources).filter(|(_, &cited)| cited).map(|(s, _)| s.key.as_str()).collect();
    let misspelt = model.unresolved.iter().filter(|u| u.kind == NameKind::Source);
    let mut suggester = Suggester::new(model.source_keys.keys().map(compact_str::CompactString::as_str));
    cited.extend(misspelt.filter_map(|u| suggester.closest(&u.name)));
    let uncited: Vec<_> =
        model.sources.iter().filter(|s| !s.from_bibliography && !cited.contains(s.key.as_str())).collect();
    if uncited.is_empty() {
        // Nothing left to look up: spare the scan of every file's text.
        return Vec::new();
    }
    let texts = model.files.iter().map(|f| &*ctx.sources.get(f.file).text);
    let written: HashSet<&str> = texts.flat_map(|text| text.split('@').skip(1).map(written_key)).collect();
    uncited
        .into_iter()
        .filter(|s| !written.contains(s.key.as_str()))
        .map(|s| {
            let described = s.text.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
            Finding::new(
                &registry::UNUSED_SOURCE,
                format!("source `{}`{described} is never cited", s.key),
                Label::new(s.loc.file, s.loc.span, "declared here, cited nowhere"),
            )
            .with_help(format!("cite it as `[@{}]` where the manuscript relies on it, or remove this line", s.key))
        })
        .collect()
}

/// The key at the start of the text after an `@`, without trailing punctuation.
fn written_key(after_at: &str) -> &str {
    let end = after_at.find(|c: char| !(c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(c))).unwrap_or(after_at.len());
    after_at[..end].trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    #[test]
    fn every_kind_of_citation_counts() {
        let text = "source a \"A\"\nsource b \"B\"\nsource c \"C\"\nsource d \"D\"\nsource unused \"Nobody\" 2001\n\
                    measure m \"M\" unit %\nx: 2000 m = 5% [@a]\n2001 event \"E\" [@b, 3]\n\
                    2002 shares m [@c; @a]\n    p 5%\nassert x < 10% [@d]\n";
        let found: Vec<_> = findings(text).into_iter().filter(|f| f.code() == "unused-source").collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "source `unused` (Nobody) is never cited");
        assert_eq!(
            found[0].help.as_deref(),
            Some("cite it as `[@unused]` where the manuscript relies on it, or remove this line")
        );
    }

    #[test]
    fn a_citation_on_a_broken_line_counts() {
        let text = "source xing \"X\"\nmeasure m \"M\" unit USD\n2000 m is 1 [@xing.]\n";
        assert_eq!(codes(text), vec![("syntax", 3)]);
    }

    #[test]
    fn a_typo_is_reported_once_as_unknown() {
        let text = "source xing \"X\"\nsource other \"O\"\nmeasure m \"M\" unit USD\n2000 m = 1 [@xnig]\n";
        assert_eq!(codes(text), vec![("unused-source", 2), ("unknown-source", 4)]);
    }

    #[test]
    fn a_key_declared_twice_is_cited_through_either() {
        let text = "source a \"A\"\nsource a \"A again\"\nmeasure m \"M\" unit USD\n2000 m = 1 [@a]\n";
        assert_eq!(codes(text), vec![("duplicate-source", 2)]);
    }
}
