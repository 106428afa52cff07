//! `future-claim`: a claim or event that is not a plan (`target`, `forecast`, `estimate`)
//! and whose earliest possible date is after its file's `as-of` date.

use crate::finding::{Finding, Label};
use crate::model::{BlockKind, Loc, Model, Target};
use crate::registry::{self, Docs};
use crate::timeline::explain;
use crate::value::date::format_day;
use crate::value::DateRange;
use rustc_hash::FxHashSet as HashSet;

pub static DOCS: Docs = Docs {
    what: "A quantity claim or event dated after the manuscript's own date (`as-of`): its earliest possible day comes after the last day `as-of` covers. Claims and events flagged `target`, `forecast` or `estimate` are plans and may lie in the future; an event without a written date is judged by the date derived from its relations.",
    why: "A manuscript cannot report as fact what had not happened when it was written: the date is mistyped, or the claim is a plan that lacks its `target`/`forecast` flag.",
    example: "as-of 2020-05\n2025 trade = $30bn [@a]          ; future-claim\n2025 trade = $30bn target [@a]   ; fine: a plan",
    fix: "Correct the date, flag the claim `target`, `forecast` or `estimate` if it is a plan, or correct the `as-of` line.",
};

fn as_of(model: &Model, loc: Loc) -> Option<(DateRange, Loc)> {
    let (range, span) = model.file_info(loc.file)?.as_of?;
    Some((range, Loc { file: loc.file, span }))
}

fn report(model: &Model, target: Target, start: DateRange, derived: bool, found: &mut Vec<Finding>) {
    let loc = model.target_loc(target);
    let Some((as_of, as_of_loc)) = as_of(model, loc) else { return };
    if start.first <= as_of.last {
        return;
    }
    let name = explain::name(model, target);
    let relation = match target {
        Target::Event(e) if derived => model.events[e].relative.as_ref().map(|r| Loc { file: loc.file, span: r.span }),
        _ => None,
    };
    let (label_loc, label) = match relation {
        Some(relation) => (relation, format!("puts it in {start}")),
        None => (explain::date_loc(model, target), format!("dated {start}")),
    };
    let finding = Finding::new(
        &registry::FUTURE_CLAIM,
        format!("{name} is dated after the manuscript's date ({as_of})"),
        Label::new(label_loc.file, label_loc.span, label),
    )
    .with_related(Label::new(as_of_loc.file, as_of_loc.span, format!("as of {as_of}")))
    .with_help(format!(
        "{name} cannot have happened by {as_of}: its earliest possible day is {}; {}",
        format_day(start.first),
        fix(model, target)
    ));
    found.push(finding);
}

/// The fix a help names: a claim, an event or a block's members may be flagged plans (a
/// `total` line's flag covers its members).
fn fix(model: &Model, target: Target) -> &'static str {
    match target {
        Target::Claim(_) => "flag it `target`, `forecast` or `estimate` if it is a plan, or correct the date",
        Target::Block(b) if matches!(model.blocks[b].kind, BlockKind::Total { .. }) => {
            "flag its `total` line `target`, `forecast` or `estimate` if it is a plan (its members are then plans too), or correct the date"
        }
        Target::Block(_) => {
            "flag its members `target`, `forecast` or `estimate` if they are plans, or correct the date"
        }
        Target::Event(_) => "flag it `target`, `forecast` or `estimate` if it is planned or foreseen, or correct its date (or the `as-of` line, if the manuscript is later)",
        Target::Assert(_) => "correct its date, or the `as-of` line if the manuscript is later",
    }
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    // A claim starting by the earliest `as-of` day is after no file's `as-of` date.
    let Some(earliest) = model.files.iter().filter_map(|f| f.as_of).map(|(as_of, _)| as_of.last).min() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    // Block members (and totals) share their block's date: one finding per written date. Other
    // claims each write their own, so only block claims are remembered.
    let mut seen = HashSet::default();
    for (c, claim) in model.claims.iter().enumerate() {
        // (Claims of one written date, which `seen` remembers, are all passed over or none.)
        let early = claim.date.start.first <= earliest;
        if early || claim.is_plan() || (claim.block().is_some() && !seen.insert((claim.loc.file, claim.date.span))) {
            continue;
        }
        let target = match claim.block() {
            Some(b) if model.blocks[b].members.contains(&c) => Target::Block(b),
            _ => Target::Claim(c),
        };
        report(model, target, claim.date.start, false, &mut found);
    }
    for (e, start) in ctx.event_starts().iter().copied().enumerate() {
        if model.events[e].plan.is_some() {
            continue;
        }
        if let Some((start, derived)) = start {
            report(model, Target::Event(e), start, derived, &mut found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "as-of 2020-05\nsource s \"S\"\nmeasure m \"M\" unit USD\nmeasure sh \"Share\" unit %\n";

    #[test]
    fn facts_after_as_of_are_reported_with_both_dates() {
        let found = findings(&format!("{HEAD}2021 m = $1bn [@s]\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "future-claim");
        assert_eq!(found[0].message, "`m = $1bn` is dated after the manuscript's date (2020-05)");
        assert_eq!(found[0].primary.message, "dated 2021");
        assert_eq!(found[0].related[0].message, "as of 2020-05");
    }

    #[test]
    fn plans_overlaps_and_files_without_as_of_are_fine() {
        let text = format!(
            "{HEAD}2025 m = $1bn target [@s]\n2020 m = $1bn [@s]\n~2021 m = $1bn [@s]\n2019..2030 m = $1bn [@s]\n"
        );
        assert!(codes(&text).is_empty());
        assert!(codes("source s \"S\"\nmeasure m \"M\"\n2999 m = 1 [@s]\n").is_empty());
    }

    #[test]
    fn a_block_is_reported_once_and_derived_events_count() {
        let text = format!(
            "{HEAD}2021 shares sh [@s]\n    A 40%\n    B 50%\na: 2019-12 event \"A\" [@s]\nevent \"B\" after a by 2y [@s]\n"
        );
        assert_eq!(codes(&text), vec![("future-claim", 5), ("future-claim", 9)]);
    }

    #[test]
    fn the_help_names_a_fix_each_kind_of_statement_can_take() {
        let text = format!("{HEAD}2021 m = $1bn [@s]\n2021 shares sh [@s]\n    A 40%\n2021 event \"E\" [@s]\n");
        let helps: Vec<String> = findings(&text).into_iter().map(|f| f.help.unwrap_or_default()).collect();
        assert!(helps[0].ends_with("flag it `target`, `forecast` or `estimate` if it is a plan, or correct the date"));
        assert!(helps[1]
            .ends_with("flag its members `target`, `forecast` or `estimate` if they are plans, or correct the date"));
        assert!(helps[2].contains("; flag it `target`, `forecast` or `estimate` if it is planned"), "{}", helps[2]);
        let foreseen = text.replace("2021 event \"E\" [@s]", "2021 event \"E\" forecast [@s]");
        assert_eq!(codes(&foreseen).len(), 2, "a foreseen event may lie in the future");
        let total = format!("{HEAD}2030 total m = $10bn target [@s]\n    a $4bn forecast\n    b $6bn estimate\n");
        assert!(codes(&total).is_empty(), "a total line takes the flags of a plan");
        let planned = text.replace("    A 40%", "    A 40% target");
        assert_eq!(codes(&planned), vec![("future-claim", 5), ("future-claim", 8)], "flagged members are plans");
    }
}
