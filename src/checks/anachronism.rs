//! `anachronism` (warning): a claim or event citing a source published before the claim's
//! earliest possible date: the source cannot have reported it.

use crate::finding::{Finding, Label};
use crate::model::{BlockKind, Citation, Model, Target};
use crate::registry::{self, Docs};
use crate::timeline::explain;
use crate::value::DateRange;
use rustc_hash::FxHashSet as HashSet;

pub static DOCS: Docs = Docs {
    what: "A claim or event cites a source whose publication date (the year on its `source` line, or its bibliography entry) ends before the claim's earliest possible date. Claims flagged `target`, `forecast` or `estimate` are exempt: a source may well announce a plan.",
    why: "A source published in 2001 cannot report a deal of 2005: the citation belongs to another claim, the date is mistyped, or the claim is a forecast without its flag.",
    example: "source xing \"Xing, China and Central Asia\" 2001\n2005-08 deal \"PetroKazakhstan\" = $4.18bn [@xing]   ; anachronism",
    fix: "Cite the source that actually reports the claim, correct the claim's date or the source's year, or flag the claim `forecast` if the source predicted it.",
};

/// Warns (into `found`) for each cite of `citation` whose source is published before `start`.
fn report(
    model: &Model,
    target: Target,
    citation: &Citation,
    start: DateRange,
    seen: &mut HashSet<crate::model::Loc>,
    found: &mut Vec<Finding>,
) {
    for cite in &citation.cites {
        let Some(source) = cite.source().map(|s| &model.sources[s]) else { continue };
        let Some(published) = source.published else { continue };
        if published.last >= start.first || !seen.insert(cite.loc) {
            continue;
        }
        let name = explain::name(model, target);
        let date = explain::date_loc(model, target);
        let key = &source.key;
        let finding = Finding::new(
            &registry::ANACHRONISM,
            format!("{name} is dated {start} but cites `{key}`, published {published}"),
            Label::new(cite.loc.file, cite.loc.span, format!("published {published}")),
        )
        .with_related(Label::new(date.file, date.span, format!("dated {start}")))
        .with_related(Label::new(
            source.loc.file,
            source.loc.span,
            format!("`{key}` is declared here, published {published}"),
        ))
        .with_help(format!(
            "`{key}`, published in {published}, cannot report {name}, dated {start}; cite the source that reports it{}",
            fix(model, target, key)
        ));
        found.push(finding);
    }
}

/// The rest of the fix a help names: a claim, a block's members or its `total` line may be
/// flagged forecasts; an event takes no flags.
fn fix(model: &Model, target: Target, key: &str) -> String {
    match target {
        Target::Claim(_) => format!(", correct a date, or flag the claim `forecast` if `{key}` predicted it"),
        Target::Block(b) if matches!(model.blocks[b].kind, BlockKind::Total { .. }) => {
            format!(", correct a date, or flag its `total` line `forecast` if `{key}` predicted it")
        }
        Target::Block(_) => format!(", correct a date, or flag its members `forecast` if `{key}` predicted them"),
        Target::Event(_) | Target::Assert(_) => " or correct a date".to_string(),
    }
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    // The day the earliest publication ends: no source can be published before a claim that
    // starts by then, which spares nearly every claim a look at its citation.
    let Some(earliest) = model.sources.iter().filter_map(|s| s.published).map(|p| p.last).min() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut seen = HashSet::default();
    for (c, claim) in model.claims.iter().enumerate() {
        if claim.date.start.first <= earliest {
            continue;
        }
        let Some(citation) = claim.citation.as_ref().filter(|_| !claim.is_plan()) else { continue };
        let target = match claim.block() {
            Some(b) if citation.inherited => Target::Block(b),
            _ => Target::Claim(c),
        };
        report(model, target, citation, claim.date.start, &mut seen, &mut found);
    }
    // A `shares` line's own citation, when every member cites a source of its own (else the
    // members that inherit it weigh it above), unless the members are all plans.
    for (b, block) in model.blocks.iter().enumerate() {
        let Some(citation) = block.citation.as_ref().filter(|_| matches!(block.kind, BlockKind::Shares { .. })) else {
            continue;
        };
        let members = || block.members.iter().map(|&m| &model.claims[m]);
        let inherited = members().any(|m| m.citation.as_ref().is_some_and(|c| c.inherited));
        let plans = !block.members.is_empty() && members().all(|m| m.is_plan());
        if !inherited && !plans {
            report(model, Target::Block(b), citation, block.date.start, &mut seen, &mut found);
        }
    }
    for (e, start) in ctx.event_starts().iter().copied().enumerate() {
        let event = &model.events[e];
        if let (Some(citation), Some((start, _)), None) = (&event.citation, start, event.plan) {
            report(model, Target::Event(e), citation, start, &mut seen, &mut found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source old \"Old book\" 2001\nsource new \"New paper\" 2010\nmeasure m \"M\" unit USD\nmeasure sh \"Share\" unit %\n";

    #[test]
    fn a_claim_after_its_source_labels_claim_cite_and_source() {
        let found = findings(&format!("{HEAD}x: 2005-08 m = $4.18bn [@new; @old, 12]\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "anachronism");
        assert_eq!(found[0].message, "`x` is dated 2005-08 but cites `old`, published 2001");
        let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(labels, ["dated 2005-08", "`old` is declared here, published 2001"]);
    }

    #[test]
    fn the_help_suggests_a_forecast_flag_only_where_one_can_be_written() {
        let text = format!("{HEAD}2005 m = $1bn [@old]\n2005 shares sh [@old]\n    A 40%\n2005 event \"E\" [@old]\n");
        let found = findings(&text).into_iter().filter(|f| f.code() == "anachronism");
        let helps: Vec<String> = found.map(|f| f.help.unwrap_or_default()).collect();
        assert_eq!(helps.len(), 3);
        assert!(helps[0].ends_with("flag the claim `forecast` if `old` predicted it"), "{}", helps[0]);
        assert!(helps[1].ends_with("flag its members `forecast` if `old` predicted them"), "{}", helps[1]);
        assert!(helps[2].ends_with("cite the source that reports it or correct a date"), "{}", helps[2]);
    }

    #[test]
    fn a_shares_line_whose_members_cite_their_own_is_weighed_too() {
        let block = |members: &str| codes(&format!("{HEAD}2008 shares sh [@old, 12]\n{members}"));
        assert_eq!(block("    A 5.8% [@new]\n"), [("anachronism", 5)]);
        assert_eq!(block("    A 5.8%\n    B 3% [@new]\n"), [("anachronism", 5)], "reported once, by the member");
        assert_eq!(block("    A 5.8% target [@new]\n"), [], "a block of plans");
    }

    #[test]
    fn plans_same_year_and_undated_sources_are_fine() {
        let text = format!(
            "{HEAD}source u \"Undated\"\n2005 m = $1bn forecast [@old]\n2001-12 m = $1bn [@old]\n2005 m = $1bn [@u]\n"
        );
        assert!(codes(&text).iter().all(|(code, _)| *code != "anachronism"));
    }

    #[test]
    fn blocks_warn_once_and_events_count() {
        let text = format!("{HEAD}2004 shares sh [@old]\n    A 40%\n    B 50%\n2003 event \"E\" [@old, 3]\n");
        let found: Vec<_> = codes(&text).into_iter().filter(|(code, _)| *code == "anachronism").collect();
        assert_eq!(found, vec![("anachronism", 5), ("anachronism", 8)]);
    }
}
