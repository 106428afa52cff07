//! Every example of the spec's sections 1–4 parses as written, and means what the spec says.

use claimcheck::model::{self, build::Parsed, Model};
use claimcheck::source::FileId;
use claimcheck::syntax::{self, ast::Cmp};
use claimcheck::value::date::{civil_from_day, DateRange};
use claimcheck::value::number::{int, ratio};
use claimcheck::value::{Interval, Q};

const DECLARATIONS: &str = r#"source xing "Xing, China and Central Asia" 2001
source walker "Walker" 2007
source pala "Pala" 2006
source burles "Burles" 1999
source kazstat "Kazakhstan statistics" 2017
source pannier "Pannier" 2000
source key "Key" 2000
source a "A" 2000
source b "B" 2000
measure trade "China–Kazakhstan bilateral trade" unit USD
measure trade-share "Partner share of Kazakhstan's foreign trade" unit %
measure border-area "Share of the disputed border area" unit %
measure deal "Foreign acquisitions" unit USD
measure ratio "A ratio"
"#;

fn model_of(text: &str) -> (Model, Vec<String>) {
    let (tree, findings) = syntax::parse(FileId(0), text);
    let codes = findings.iter().map(|f| format!("{}: {}", f.code(), f.message)).collect();
    let model = model::build(&[Parsed { file: FileId(0), text, tree: &tree }]);
    (model, codes)
}

fn parses_cleanly(snippet: &str) -> Model {
    let text = format!("{DECLARATIONS}{snippet}\n");
    let (model, errors) = model_of(&text);
    assert!(errors.is_empty(), "{snippet:?} gave {errors:?}");
    model
}

fn q(s: &str) -> Q {
    let (n, d) = s.split_once('/').unwrap_or((s, "1"));
    let d: Q = if d == "1" { int(1) } else { d.parse::<i64>().map(int).unwrap() };
    claimcheck::value::number::parse_decimal(n).unwrap().value / d
}

fn closed(lo: &str, hi: &str) -> Interval {
    Interval::closed(q(lo), q(hi)).unwrap()
}

#[test]
fn section_1_lexical_examples() {
    let m = parses_cleanly(r#"petro: 2005-08 deal "PetroKazakhstan" = $4.18bn largest [@pala]"#);
    assert_eq!(m.claim_id(&m.claims[0]), Some("petro"));
    assert_eq!(m.claims[0].item.as_deref(), Some("PetroKazakhstan"));
    parses_cleanly("2000 trade = $1.5bn #oil #gas [@xing] ; a comment [not a citation]");
    let crlf = parses_cleanly("2000 trade = $1.5bn [@xing]\r\n  > reaching $1.5bn\r\n> in 2000\r\n");
    // Joined over two `>` lines, the text is kept with the quote: no file text is needed.
    assert_eq!(crlf.claims[0].quotes[0].text(""), "reaching $1.5bn in 2000");
}

#[test]
fn section_2_every_date_form() {
    type Civil = (i64, u32, u32);
    let cases: [(&str, Civil, Civil); 12] = [
        ("1992-01-03", (1992, 1, 3), (1992, 1, 3)),
        ("1994-04", (1994, 4, 1), (1994, 4, 30)),
        ("2002", (2002, 1, 1), (2002, 12, 31)),
        ("early 2002", (2002, 1, 1), (2002, 4, 30)),
        ("mid 2002", (2002, 5, 1), (2002, 8, 31)),
        ("late 2002", (2002, 9, 1), (2002, 12, 31)),
        ("1990s", (1990, 1, 1), (1999, 12, 31)),
        ("early 1990s", (1990, 1, 1), (1993, 12, 31)),
        ("mid 1990s", (1994, 1, 1), (1996, 12, 31)),
        ("late 1990s", (1997, 1, 1), (1999, 12, 31)),
        ("~2002", (2001, 1, 1), (2003, 12, 31)),
        ("2003..2008", (2003, 1, 1), (2008, 12, 31)),
    ];
    for (date, first, last) in cases {
        let m = parses_cleanly(&format!("{date} trade = $1bn [@xing]"));
        let range: DateRange = m.claims[0].date.range();
        assert_eq!((civil_from_day(range.first), civil_from_day(range.last)), (first, last), "{date}");
    }
    let period = parses_cleanly("2003..2008 trade = $1bn [@xing]");
    assert_eq!(period.claims[0].date.start, DateRange::year(2003));
    assert_eq!(period.claims[0].date.end(), Some(DateRange::year(2008)));
}

#[test]
fn section_2_impossible_dates() {
    for (date, column) in [("2013-13", 1), ("1999-02-29", 1), ("2001-04-31", 1)] {
        let text = format!("{date} trade = $1bn [@xing]\n");
        let (_, findings) = syntax::parse(FileId(0), &text);
        assert_eq!(findings.len(), 1, "{date}");
        assert_eq!(findings[0].code(), "invalid-date");
        assert_eq!(findings[0].primary.span.start, column - 1);
        assert_eq!(findings[0].primary.span.end as usize, date.len(), "the span covers exactly the date");
    }
}

fn value_of(snippet: &str) -> Interval {
    parses_cleanly(snippet).claims[0].value.interval.clone()
}

#[test]
fn section_3_values_are_intervals() {
    assert_eq!(value_of("2000 trade-share China = 17.5% [@xing]"), closed("17.45", "17.55"));
    assert_eq!(value_of("2000 trade = $24bn [@xing]"), closed("23500000000", "24500000000"));
    assert_eq!(value_of("2000 trade-share China = 5.80% [@xing]"), closed("5.795", "5.805"));
    assert_eq!(value_of("2000 trade-share China = 5.80% exact [@xing]"), Interval::point(q("5.80")));
    assert_eq!(value_of("2000 ratio ~ 1/3 [@xing]"), closed("0.3", "11/30"));
    assert_eq!(value_of("2000 trade ~ $22bn [@xing]"), closed("19300000000", "24700000000"));
    assert_eq!(value_of("2000 trade-share China = 1/3 [@xing]"), Interval::point(ratio(100, 3)));
    assert_eq!(value_of("2000 trade-share China = 30..35% [@xing]"), closed("29.5", "35.5"));
    assert_eq!(value_of("2000 trade-share China > 30% [@xing]"), Interval::at_least(q("29.5")));
    assert_eq!(value_of("2000 trade-share China ≤ 30% [@xing]"), Interval::at_most(q("30.5")));
    let five_percent = parses_cleanly("tolerance 5%\n2000 trade ~ $22bn [@xing]");
    assert_eq!(five_percent.claims[0].value.interval, closed("20400000000", "23600000000"));
}

#[test]
fn section_3_scales_currencies_and_units() {
    let bn = closed("4250000000", "4350000000");
    for form in ["$4.3bn", "USD 4.3bn", "4.3bn USD", "4.3 bn USD", "$4,300m", "$4,300mn"] {
        let v = if form.contains("4,300") { closed("4299500000", "4300500000") } else { bn.clone() };
        let m = parses_cleanly(&format!("2000 trade = {form} [@xing]"));
        assert_eq!(m.claims[0].value.interval, v, "{form}");
        assert_eq!(m.claims[0].value.unit.as_deref(), Some("USD"), "{form}");
    }
    for (form, unit) in [("€5bn", "EUR"), ("£5bn", "GBP"), ("5bn EUR", "EUR"), ("17k", ""), ("$1,500m", "USD")] {
        let m = parses_cleanly(&format!("2000 ratio = {form} [@xing]"));
        assert_eq!(m.claims[0].value.unit.as_deref().unwrap_or(""), unit, "{form}");
    }
    for (form, unit) in
        [("10 Mtoe/yr", "Mtoe/yr"), ("55bcm/yr", "bcm/yr"), ("1,780 km", "km"), ("12,000 students", "students")]
    {
        let m = parses_cleanly(&format!("2000 ratio = {form} [@xing]"));
        assert_eq!(m.claims[0].value.unit.as_deref(), Some(unit), "{form}");
        assert_eq!(m.claims[0].value.display_scale(), int(1), "{form}: not a scale");
    }
    assert_eq!(value_of("2000 ratio = 17k [@xing]"), closed("16500", "17500"));
    assert_eq!(value_of("2000 ratio = 12_000 [@xing]"), closed("11999.5", "12000.5"));
}

#[test]
fn section_3_every_comparator() {
    for (cmp, expected) in [
        ("=", Cmp::Eq),
        ("~", Cmp::Approx),
        ("≈", Cmp::Approx),
        (">", Cmp::Gt),
        (">=", Cmp::Ge),
        ("≥", Cmp::Ge),
        ("<", Cmp::Lt),
        ("<=", Cmp::Le),
        ("≤", Cmp::Le),
    ] {
        let m = parses_cleanly(&format!("2000 trade {cmp} $1bn [@xing]"));
        assert_eq!(m.claims[0].value.cmp, expected, "{cmp}");
    }
}

#[test]
fn section_4_directives() {
    let snippet = r#"as-of 2020-05
tolerance 10%
manuscript "kembayev-2020.md"
bibliography "refs.bib"
measure trade2 "China–Kazakhstan bilateral trade" unit USD
measure trade-share2 "Partner share of Kazakhstan's foreign trade" unit %
t2000: 2000 trade = $1.5bn [@xing, 121-22]
  > reaching $1.5bn in 2000
aktobe: 1997-06 deal "AktobeMunaiGas" = $4.3bn largest [@walker, 9]
lianyungang: 1995-09 event "Lianyungang seaport opened to Kazakh cargo" [@burles, 12]
target-set:  1996 event "Trade target of $1bn by 2000 set" after lianyungang by 1y
  > Only one year later, the two countries set a target of $1bn
program:     2003..2008 event "Five-Year Cooperation Program" lasting 5y
2000 shares trade-share [@kazstat]
    China   5.8%
    Russia 29.9%
    EU     21.8%
late 1990s shares border-area complete [@pannier]
    Kazakhstan 56.9%
    China      43.1%
2000 total trade = $1.5bn [@xing]
    exports $1bn
    imports ?
assert t2000 > trade@2000 - $1bn [@xing]
order lianyungang < target-set < program
2000 trade = $1bn [@key]
2000 trade = $1bn [@key, 298]
2000 trade = $1bn [@key, 121-22]
2000 trade = $1bn [@key, pp. 33-35]
2000 trade = $1bn [@a; @b, 12]
2000 trade = $1bn up doubled halved tripled down max min smallest target forecast estimate [@a]"#;
    let m = parses_cleanly(snippet);
    assert_eq!(m.events.len(), 3);
    assert_eq!(m.blocks.len(), 3);
    assert_eq!(m.blocks.iter().map(|b| b.members.len()).collect::<Vec<_>>(), vec![3, 2, 2]);
    assert_eq!(m.asserts.len(), 1);
    assert_eq!(m.orders[0].ids.len(), 3);
    let member = &m.claims[m.blocks[0].members[0]];
    assert_eq!(member.item.as_deref(), Some("China"));
    assert!(member.citation.as_ref().is_some_and(|c| c.inherited), "members inherit the block's citation");
    let target_set = &m.events[1];
    let file_text = format!("{DECLARATIONS}{snippet}\n");
    assert_eq!(target_set.quotes[0].text(&file_text), "Only one year later, the two countries set a target of $1bn");
    let relative = target_set.relative.as_ref().unwrap();
    assert_eq!(relative.anchor, "lianyungang");
    assert_eq!(m.events[2].lasting.as_ref().unwrap().text, "5y");
    // The syntax tree keeps every page range; the model only those that run backwards.
    let (tree, _) = claimcheck::syntax::parse(claimcheck::source::FileId(0), &file_text);
    let cited = |locator: &str| {
        let entry = tree.entries.iter().find(|e| file_text[e.span.range()].contains(locator)).unwrap();
        entry.citation.clone().unwrap().cites[0].pages.clone()
    };
    let pages = cited("121-22]");
    assert_eq!((pages[0].first, pages[0].last), (121, 122), "121-22 means 121–122");
    assert!(m.backwards_ranges.is_empty());
}
