//! `bad-locator`: a page range in a citation that runs backwards, written in full
//! (`130-121`) or abbreviated (`129-5`, which reads as 129–125).

use crate::finding::{Finding, Label};
use crate::model::BackwardsRange;
use crate::registry::{self, Docs};

pub static DOCS: Docs = Docs {
    what: "A citation locator whose page range ends before it starts: `[@xing, 130-121]`, or an abbreviated end that expands below the start, `[@xing, 129-5]` (read as 129–125, as `121-22` is read as 121–122). Only pages are ranges here: numbers after a locator term that names something else (`fig. 3-1`, `table 2-1`, `sec. 4-2`, `§ 4-2`, `vol.`, `no.`, `n.`) are not, up to a page term (`p.`, `pp.`, `page`).",
    why: "A reader cannot find pages 130 to 121. The range was mistyped, and the pages the claim rests on are unknown.",
    example: "2000 trade = $1.5bn [@xing, 130-121]   ; pages 121 to 130, written backwards",
    fix: "Write the first page first (`121-130`), or give the last page in full (`129-135`).",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    ctx.model.backwards_ranges.iter().map(|backwards| finding(ctx, backwards)).collect()
}

fn finding(ctx: &super::Context, backwards: &BackwardsRange) -> Finding {
    let BackwardsRange { cite, range } = backwards;
    let file = cite.file;
    let text = &ctx.sources.get(file).text;
    let key = text.get(cite.span.range()).unwrap_or("");
    let written = text.get(range.span.range()).unwrap_or("").to_string();
    let last_written = written.rsplit(['-', '–']).next().unwrap_or("");
    let digits_of_first = range.first.to_string().len();
    let reading = if last_written.len() < digits_of_first {
        format!(
            "`{written}` reads as {}–{}: an abbreviated end keeps the first page's leading digits",
            range.first, range.last
        )
    } else {
        format!("`{written}` reads as pages {} to {}", range.first, range.last)
    };
    Finding::new(
        &registry::BAD_LOCATOR,
        format!("page range `{written}` of `@{key}` runs backwards"),
        Label::new(file, range.span, format!("ends at page {}, before it starts", range.last)),
    )
    .with_help(format!(
        "{reading}; write the first page first (`{}-{}`) or the last page in full",
        range.last, range.first
    ))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source x \"X\"\nmeasure m \"M\" unit USD\n";

    #[test]
    fn full_and_abbreviated_ranges_that_run_backwards() {
        let text = format!("{HEAD}2000 m = 1 [@x, 130-121]\n2001 m = 1 [@x, pp. 129-5]\n");
        let found = findings(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].message, "page range `130-121` of `@x` runs backwards");
        assert!(found[1].help.as_deref().unwrap_or("").starts_with("`129-5` reads as 129–125"));
    }

    #[test]
    fn every_dash_makes_a_range() {
        let text = format!("{HEAD}2000 m = 1 [@x, 35--33]\n2001 m = 1 [@x, pp. 35—33]\n2002 m = 1 [@x, 33--35]\n2003 m = 1 [@x, 35 - 33]\n2004 m = 1 [@x, pp. 35 – 33, 40]\n");
        let found: Vec<_> = findings(&text).iter().map(|f| f.message.clone()).collect();
        let backwards = |range: &str| format!("page range `{range}` of `@x` runs backwards");
        assert_eq!(found, [backwards("35--33"), backwards("35—33"), backwards("35 - 33"), backwards("35 – 33")]);
    }

    #[test]
    fn forward_ranges_and_block_citations_are_read_once() {
        let text = format!(
            "{HEAD}measure s \"S\" unit %\n2000 m = 1 [@x, 121-22]\n2001 m = 1 [@x, pp. 33–35, 40]\n2002 shares s [@x, 9-8]\n    a 10%\n    b 20%\n"
        );
        let found: Vec<_> = codes(&text).into_iter().filter(|(code, _)| *code == "bad-locator").collect();
        assert_eq!(found, vec![("bad-locator", 6)]);
    }

    #[test]
    fn numbers_after_a_term_that_names_no_pages_are_no_page_range() {
        let clean =
            ["fig. 3-1", "table 2-1", "sec. 4-2", "eq. 4-2", "§ 4-2", "chap. 9-3", "vol. 2, no. 4-1", "n. 12-3"];
        for locator in clean {
            let text = format!("{HEAD}2000 m = 1 [@x, {locator}]\n");
            assert!(findings(&text).is_empty(), "{locator}: {:?}", findings(&text));
        }
        // A page term after another makes pages again; a word that is no term changes nothing.
        for (locator, range) in [("fig. 3, p. 9-8", "9-8"), ("see 130-121", "130-121"), ("fig. 2, pp. 35-33", "35-33")]
        {
            let found: Vec<_> = findings(&format!("{HEAD}2000 m = 1 [@x, {locator}]\n"));
            assert_eq!(found.len(), 1, "{locator}: {found:?}");
            assert_eq!(found[0].message, format!("page range `{range}` of `@x` runs backwards"), "{locator}");
        }
    }

    #[test]
    fn a_statement_with_an_impossible_date_is_still_read() {
        let text = format!("{HEAD}measure s \"S\" unit %\n2000-13 m = 1 [@x, 9-8]\n2000-13 shares s [@x, 7-6]\n    a 10% [@x, 5-4]\n    b 20%\n");
        let found: Vec<_> = codes(&text).into_iter().filter(|(code, _)| *code == "bad-locator").collect();
        assert_eq!(found, vec![("bad-locator", 4), ("bad-locator", 5), ("bad-locator", 6)]);
    }
}
