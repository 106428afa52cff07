//! `duplicate-id`, `duplicate-source`, `duplicate-measure`: one name defined twice.
//! Both places are labelled; the first definition is the one the model keeps.

use crate::finding::{Finding, Label};
use crate::model::NameKind;
use crate::registry::{self, Docs};

pub static DUPLICATE_ID: Docs = Docs {
    what: "Two claims, events, blocks or asserts carry the same `id:` label, in one file or across the files checked together.",
    why: "References to the id (`after`, `order`, `assert`) become ambiguous; claimcheck uses the first definition, which may not be the one meant.",
    example: "t2000: 2000 trade = $1.5bn [@xing]\nt2000: 2001 trade = $1.3bn [@xing]   ; duplicate id `t2000`",
    fix: "Rename one of them, and update the references that meant it.",
};

pub static DUPLICATE_SOURCE: Docs = Docs {
    what: "A source key is declared twice: twice in one file, or with a different reference or year in two files checked together (the same declaration repeated in two documents is fine).",
    why: "Two declarations may disagree on the reference or its year; the citation could point at either.",
    example: "source xing \"Xing, China and Central Asia\" 2001\nsource xing \"Xing, Another Paper\" 2003",
    fix: "Remove the repeat, or give the second source its own key (`xing2003`).",
};

pub static DUPLICATE_MEASURE: Docs = Docs {
    what: "A measure is declared twice: twice in one file, or with a different description or unit in two files checked together.",
    why: "The declarations may give different units or meanings; claims would be checked against the first one only.",
    example: "measure trade \"Bilateral trade\" unit USD\nmeasure trade \"Trade volume\" unit Mt",
    fix: "Keep one declaration, or rename the second measure and its claims.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    model
        .duplicates
        .iter()
        .map(|d| {
            let (rule, noun) = match d.kind {
                NameKind::Id => (&registry::DUPLICATE_ID, "id"),
                NameKind::Source => (&registry::DUPLICATE_SOURCE, "source"),
                NameKind::Measure => (&registry::DUPLICATE_MEASURE, "measure"),
            };
            Finding::new(
                rule,
                format!("{noun} `{}` is defined twice", d.name),
                Label::new(d.second.file, d.second.span, "defined again here"),
            )
            .with_related(Label::new(d.first.file, d.first.span, "first defined here"))
            .with_help(format!("rename one of the two, or remove the repeat; references use the first `{}`", d.name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    #[test]
    fn both_places_are_labelled() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\na: 2000 m = 1 [@s]\na: 2001 m = 2 [@s]\n";
        let found = findings(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "duplicate-id");
        assert_eq!(found[0].related.len(), 1);
        assert!(found[0].related[0].span.start < found[0].primary.span.start);
    }

    #[test]
    fn sources_and_measures() {
        let text = "source s \"S\"\nsource s \"T\"\nmeasure m \"M\"\nmeasure m \"N\"\n2000 m = 1 [@s]\n";
        assert_eq!(codes(text), vec![("duplicate-source", 2), ("duplicate-measure", 4)]);
    }

    #[test]
    fn files_checked_together_may_repeat_a_declaration_but_not_change_it() {
        use crate::source::{SourceFile, SourceMap};
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("a.claims", "source s \"S\" 2001\nmeasure m \"M\" unit USD\n2000 m = 1 [@s]\n"));
        sources.add(SourceFile::new("b.claims", "source s \"S\" 2001\nmeasure m \"M\" unit EUR\n2001 m = 1 [@s]\n"));
        let codes: Vec<(&str, String)> = crate::check_sources(sources)
            .findings
            .iter()
            .map(|f| (f.code(), f.message.clone()))
            .filter(|(code, _)| code.starts_with("duplicate"))
            .collect();
        assert_eq!(codes, vec![("duplicate-measure", "measure `m` is defined twice".to_string())]);
    }
}
