//! `uncited`: a quantity claim, event, block or assert that cites nothing. A block member
//! inherits its block's citation; a `total` block's total is the block line itself; an
//! `order` line relates cited claims and needs no citation of its own.

use crate::finding::{Finding, Label};
use crate::model::{BlockKind, Loc, UndatedKind};
use crate::registry::{self, Docs};

pub static DOCS: Docs = Docs {
    what: "A quantity claim, event, `shares` or `total` block, or `assert` without a `[@key]` citation. Members of a block inherit the block's citation, so a block is uncited only when the block line and some of its members cite nothing. `order` lines need no citation.",
    why: "Every checkable statement should say where it comes from, so that a reader (or a later check) can verify it; an uncited number cannot be traced back.",
    example: "2000 trade = $1.5bn              ; uncited\n2000 trade = $1.5bn [@xing, 121]  ; cited",
    fix: "Add the source at the end of the line: `[@key]`, with a locator when there is one (`[@key, 121-22]`). For a block, cite it on the block line and every member inherits it.",
};

const HELP: &str = "add the source at the end of the line, e.g. `[@key]` or `[@key, PAGE]`";

fn uncited(loc: Loc, what: &str) -> Finding {
    Finding::new(&registry::UNCITED, format!("{what} has no citation"), Label::new(loc.file, loc.span, "cites nothing"))
        .with_help(HELP)
}

/// A block line that cites nothing: a `total` block is uncited (its line is its total claim);
/// a `shares` block only when some member, each given with whether it cites something itself,
/// inherits no citation, and those members are labelled.
fn uncited_block(loc: Loc, shares: bool, members: impl Iterator<Item = (Loc, bool)>) -> Option<Finding> {
    let bare: Vec<Loc> = members.filter(|&(_, cited)| !cited).map(|(loc, _)| loc).collect();
    if shares && bare.is_empty() {
        return None;
    }
    let what = if shares { "shares block" } else { "total block" };
    let finding = bare
        .iter()
        .fold(uncited(loc, what), |f, loc| f.with_related(Label::new(loc.file, loc.span, "inherits no citation")));
    Some(finding.with_help(format!("{HELP}; the members without their own citation inherit it")))
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings: Vec<Finding> = Vec::new();
    let claims = model.claims.iter().filter(|c| c.block().is_none() && c.citation.is_none());
    findings.extend(claims.map(|c| uncited(c.loc, "claim")));
    findings.extend(model.events.iter().filter(|e| e.citation.is_none()).map(|e| uncited(e.loc, "event")));
    findings.extend(model.asserts.iter().filter(|a| a.citation.is_none()).map(|a| uncited(a.loc, "assert")));
    for block in model.blocks.iter().filter(|b| b.citation.is_none()) {
        let members = block.members.iter().map(|&m| &model.claims[m]).map(|c| (c.loc, c.citation.is_some()));
        let shares = matches!(block.kind, BlockKind::Shares { .. });
        findings.extend(uncited_block(block.loc, shares, members));
    }
    // A statement with an impossible date still says where it comes from, or fails to.
    for undated in model.undated.iter().filter(|u| u.citation.is_none()) {
        findings.extend(match &undated.kind {
            UndatedKind::Line(what) => Some(uncited(undated.loc, what)),
            UndatedKind::Block { shares, members } => {
                let members = members.iter().map(|(loc, citation)| (*loc, citation.is_some()));
                uncited_block(undated.loc, *shares, members)
            }
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source s \"S\"\nmeasure m \"M\" unit %\nmeasure t \"T\" unit USD\n";

    fn uncited(text: &str) -> Vec<usize> {
        let text = format!("{HEAD}{text}");
        codes(&text).into_iter().filter(|(code, _)| *code == "uncited").map(|(_, line)| line - 3).collect()
    }

    #[test]
    fn claims_events_and_asserts() {
        let text = "a: 2000 t = $1bn\nb: 2001 t = $2bn [@s]\n2002 event \"E\"\nassert a < b\norder a < b\n";
        assert_eq!(uncited(text), vec![1, 3, 4]);
    }

    #[test]
    fn members_inherit_their_block_citation() {
        let cited_block = "2000 shares m [@s]\n    x 10%\n    y 20%\n";
        assert!(uncited(cited_block).is_empty());
        let cited_members = "2000 shares m\n    x 10% [@s]\n    y 20% [@s, 4]\n";
        assert!(uncited(cited_members).is_empty());
        let one_member_bare = "2000 shares m\n    x 10% [@s]\n    y 20%\n";
        assert_eq!(uncited(one_member_bare), vec![1]);
        let found = findings(&format!("{HEAD}{one_member_bare}"));
        let block = found.iter().find(|f| f.code() == "uncited").expect("reported");
        assert_eq!(block.related.len(), 1);
    }

    #[test]
    fn a_total_is_its_block_line() {
        assert_eq!(uncited("2000 total t = $3bn\n    x $1bn [@s]\n    y $2bn [@s]\n"), vec![1]);
        assert!(uncited("2000 total t = $3bn [@s]\n    x $1bn\n    y ?\n").is_empty());
    }

    #[test]
    fn a_statement_with_an_impossible_date_still_cites_or_not() {
        let text = "2000-13 t = $1bn\n2000-02-30 event \"E\" [@s]\nassert t@2000-13 > 1\n2000-13 shares m\n    x 10% [@s]\n    y 20%\n2000-13 shares m\n    x 10% [@s]\n2000-13 total t = $3bn\n    x $3bn [@s]\n";
        assert_eq!(uncited(text), vec![1, 3, 4, 9]);
        let found = findings(&format!("{HEAD}{text}"));
        let block = found.iter().find(|f| f.message == "shares block has no citation").expect("reported");
        assert_eq!(block.related.len(), 1, "{block:?}");
    }
}
