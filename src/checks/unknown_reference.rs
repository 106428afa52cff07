//! `unknown-measure`, `unknown-source`, `unknown-id`: a name that refers to nothing.
//! Each comes with a "did you mean" help when a declared name is a likely typo.

use crate::finding::{Finding, Fix, Label};
use crate::model::{NameKind, Target};
use crate::registry::{self, Docs};
use crate::suggest::Suggester;
use compact_str::CompactString;

pub static UNKNOWN_MEASURE: Docs = Docs {
    what: "A claim, block or `MEASURE@DATE` expression names a measure that no `measure` line declares.",
    why: "Claims are compared by measure: an undeclared measure has no unit and no series, so its claims are checked against nothing. It is usually a typo.",
    example: "measure trade \"Bilateral trade\" unit USD\n2000 trde = $1.5bn [@xing]   ; unknown measure `trde` (did you mean `trade`?)",
    fix: "Correct the name, or declare the measure: `measure trde \"what it counts\" unit USD`.",
};

pub static UNKNOWN_SOURCE: Docs = Docs {
    what: "A citation `[@key]` names a key that no `source` line or bibliography declares.",
    why: "A claim is only as good as its citation; a key that resolves to nothing cites nothing, and usually hides a typo.",
    example: "source xing \"Xing, China and Central Asia\" 2001\n2000 trade = $1.5bn [@xnig, 121]   ; did you mean `xing`?",
    fix: "Correct the key, or declare the source: `source xnig \"Author, Title\" 2001`.",
};

pub static UNKNOWN_ID: Docs = Docs {
    what: "An `after`/`before` anchor, an `order` line or an `assert` names an id that no claim, event or block member carries; or an anchor or `order` names an assert, which has no date.",
    why: "The relation or expression cannot be checked without the thing it refers to.",
    example: "speech: 1997-05 event \"Speech\" [@a]\n1997-06 event \"Deal\" after speach by 1mo [@a]   ; did you mean `speech`?",
    fix: "Correct the id, or label the claim it means with `id:` at the start of its line.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    // One index per kind of name, built on first need: many unknown names must not each rescan every name.
    let (mut measures, mut sources, mut ids) = (None, None, None);
    model
        .unresolved
        .iter()
        .map(|u| {
            let (rule, noun, suggestion) = match u.kind {
                NameKind::Measure => (
                    &registry::UNKNOWN_MEASURE,
                    "measure",
                    suggester(&mut measures, model.measure_names.keys().map(CompactString::as_str)).closest(&u.name),
                ),
                NameKind::Source => (
                    &registry::UNKNOWN_SOURCE,
                    "source",
                    suggester(&mut sources, model.source_keys.keys().map(CompactString::as_str)).closest(&u.name),
                ),
                NameKind::Id => (
                    &registry::UNKNOWN_ID,
                    "id",
                    suggester(&mut ids, model.id_names().map(|(name, _)| name)).closest(&u.name),
                ),
            };
            if u.kind == NameKind::Id && matches!(model.target(&u.name), Some(Target::Assert(_))) {
                let finding = Finding::new(
                    rule,
                    format!("`{}` names an assert, which has no date", u.name),
                    Label::new(u.loc.file, u.loc.span, "an assert, not a dated claim or event"),
                )
                .with_help("name the claim or event whose date is meant".to_string());
                return match model.label_of(u.name.as_str()) {
                    Some(label) => finding.with_related(Label::new(label.file, label.span, "the assert")),
                    None => finding,
                };
            }
            let finding = Finding::new(
                rule,
                format!("unknown {noun} `{}`", u.name),
                Label::new(u.loc.file, u.loc.span, format!("no {noun} is named `{}`", u.name)),
            );
            let in_assert = model.asserts.iter().any(|a| {
                a.loc.file == u.loc.file && a.loc.span.start <= u.loc.span.start && u.loc.span.end <= a.loc.span.end
            });
            let difference = (u.kind == NameKind::Id && in_assert).then(|| difference_of_ids(model, &u.name));
            if let Some(difference) = difference.flatten() {
                let fix = Fix {
                    file: u.loc.file,
                    span: u.loc.span,
                    replacement: difference.clone(),
                    title: format!("Replace with `{difference}`"),
                };
                let help =
                    format!("`-` between letters or digits is part of a name: to subtract, write `{difference}`");
                return finding.with_fix(fix).with_help(help);
            }
            let finding = match suggestion {
                Some(s) => finding.with_fix(Fix {
                    file: u.loc.file,
                    span: u.loc.span,
                    replacement: s.to_string(),
                    title: format!("Replace with `{s}`"),
                }),
                None => finding,
            };
            let help = match (suggestion, u.kind) {
                (Some(s), _) => format!("did you mean `{s}`?"),
                (None, NameKind::Measure) => format!("declare it: `measure {} \"what it counts\" unit …`", u.name),
                (None, NameKind::Source) => format!("declare it: `source {} \"Author, Title\" YEAR`", u.name),
                (None, NameKind::Id) => {
                    format!("label the claim or event you mean with `{}:` at the start of its line", u.name)
                }
            };
            finding.with_help(help)
        })
        .collect()
}

/// `t2000 - t1995` for the unknown id `t2000-t1995` in an assert, when both sides are ids: a
/// minus written without spaces joins the two into one name.
fn difference_of_ids(model: &crate::model::Model, name: &str) -> Option<String> {
    let known = |id: &str| !id.is_empty() && model.target(id).is_some();
    let (at, _) = name.match_indices('-').find(|&(at, _)| known(&name[..at]) && known(&name[at + 1..]))?;
    Some(format!("{} - {}", &name[..at], &name[at + 1..]))
}

fn suggester<'s, 'a>(
    slot: &'s mut Option<Suggester<'a>>,
    names: impl Iterator<Item = &'a str>,
) -> &'s mut Suggester<'a> {
    slot.get_or_insert_with(|| Suggester::new(names))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    #[test]
    fn suggests_the_near_name() {
        let text = "measure trade \"t\" unit USD\nsource xing \"X\"\n2000 trde = $1bn [@xnig]\n";
        let found = findings(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].code(), "unknown-measure");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `trade`?"));
        assert_eq!(found[1].code(), "unknown-source");
        assert_eq!(found[1].help.as_deref(), Some("did you mean `xing`?"));
    }

    #[test]
    fn unknown_ids_in_orders_events_and_asserts() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\na: 2000 m = 1 [@s]\n2001 event \"E\" after b by 1y [@s]\norder a < c\nassert a = d * 2 [@s]\n";
        assert_eq!(codes(text), vec![("unknown-id", 4), ("unknown-id", 5), ("unknown-id", 6)]);
        // An assert's id names no date: an anchor or an `order` cannot use it.
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\na: 2000 m = 1 [@s]\nx: assert a > 0 [@s]\n2001 event \"E\" after x by 1y [@s]\norder a < x\n";
        let found = findings(text);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["`x` names an assert, which has no date", "`x` names an assert, which has no date"]);
        assert_eq!(codes(text), vec![("unknown-id", 5), ("unknown-id", 6)]);
    }

    #[test]
    fn a_minus_without_spaces_between_two_ids_is_read_as_a_difference() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\nt-a: 2000 m = $2bn [@s]\nb: 1995 m = $1bn [@s]\nassert t-a-b > $0.5bn [@s]\n";
        let found = findings(text);
        assert_eq!(
            found[0].help.as_deref(),
            Some("`-` between letters or digits is part of a name: to subtract, write `t-a - b`")
        );
        assert_eq!(found[0].fix.as_ref().map(|f| f.replacement.as_str()), Some("t-a - b"));
        let elsewhere = "source s \"S\"\na: 2000 event \"A\" [@s]\nb: 2001 event \"B\" [@s]\norder a-b < a\n";
        let help = findings(elsewhere)[0].help.clone().unwrap_or_default();
        assert!(!help.contains("subtract"), "no subtraction in an order: {help}");
    }

    #[test]
    fn far_names_get_a_declaration_hint() {
        let found = findings("source s \"S\"\n2000 population = 5 [@s]\n");
        assert!(found[0].help.as_deref().unwrap().starts_with("declare it"));
    }
}
