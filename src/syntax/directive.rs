//! Parsers for the parts of a directive line: dates, values, durations, citations,
//! expressions and the directives themselves.

use super::ast::*;
use super::cursor::{trim_ws_end, trim_ws_start, Cursor, SyntaxError};
use super::tokens::{self, NumberToken, RawDate};
use crate::source::Span;
use crate::value::date::days_in_month;
use crate::value::number::{int, parse_decimal, Decimal, Q};
use compact_str::CompactString;
use smallvec::SmallVec;

/// How deep parentheses and unary minus may nest in an `assert` expression.
pub const MAX_EXPR_DEPTH: usize = 64;
/// How many operators one side of an `assert` may hold. Chains are trees too: a long
/// `a + b + …` nests as deeply as its length.
pub const MAX_EXPR_OPERATORS: usize = 256;

type Result<T> = std::result::Result<T, SyntaxError>;

const COMPARATORS: &str = "a comparator (=, ~, >, >=, <, <=)";
const FLAG_LIST: &str = "max, min, largest, smallest, up, down, doubled, halved, tripled, target, forecast, estimate";

/// Words that end a value instead of being read as its unit.
pub(super) fn is_reserved_word(word: &str) -> bool {
    Flag::from_word(word).is_some()
        || matches!(word, "exact" | "complete" | "after" | "before" | "by" | "lasting" | "first")
}

// ---------------------------------------------------------------- entries

pub fn entry(c: &mut Cursor) -> Result<Entry> {
    let start = c.pos();
    let label = label(c);
    let keyword = c.peek_word();
    // Tags may stand among a statement's modifiers: those are gathered as its parts are read.
    let mut tags = Vec::new();
    let directive = match keyword {
        Some("as-of") => simple(c, &label, |c| Ok(Directive::AsOf(date(c, "a date")?)))?,
        Some("tolerance") => simple(c, &label, |c| Ok(Directive::Tolerance(tolerance(c)?)))?,
        Some("manuscript") => simple(c, &label, |c| Ok(Directive::Manuscript(string(c, "a path in double quotes")?)))?,
        Some("bibliography") => {
            simple(c, &label, |c| Ok(Directive::Bibliography(string(c, "a path in double quotes")?)))?
        }
        Some("source") => simple(c, &label, source)?,
        Some("measure") => simple(c, &label, measure)?,
        Some("assert") => {
            c.eat_keyword("assert");
            assert_directive(c)?
        }
        Some("order") => simple(c, &label, order)?,
        Some("event") => event(c, None, &mut tags)?,
        _ if starts_date(c) => dated(c, &mut tags)?,
        _ => {
            // `t2000:2000 …`: a label needs white space after its colon.
            if let Some(name) = label.is_none().then(|| c.peek_word()).flatten() {
                if c.rest()[name.len()..].starts_with(':') {
                    c.consume(name.len() + 1);
                    return Err(c.expected("a space"));
                }
            }
            let (what, keywords): (_, &[&str]) = if label.is_some() {
                ("a date, `event` or `assert`", &["event", "assert"])
            } else {
                (
                    "a directive (a date, `event`, `assert`, `order`, `source`, `measure`, `as-of`, `tolerance`, `manuscript` or `bibliography`)",
                    &["event", "assert", "order", "source", "measure", "as-of", "tolerance", "manuscript", "bibliography"],
                )
            };
            let near = c.peek_word().and_then(|word| crate::suggest::closest(word, keywords.iter().copied()));
            let mut error = c.expected(what);
            if let Some(keyword) = near {
                error.message.push_str(&format!(" (did you mean `{keyword}`?)"));
            }
            return Err(error);
        }
    };
    let citation = tail(c, &directive, &mut tags)?;
    let end = start + trim_ws_end(c.rest_before(start)).len();
    let impossible_date = c.has_invalid_date();
    Ok(Entry { label, directive, tags, citation, quotes: Quotes::new(), span: c.span(start, end), impossible_date })
}

/// A directive that takes no label; consumes its keyword first.
fn simple(
    c: &mut Cursor,
    label: &Option<Ident>,
    body: impl FnOnce(&mut Cursor) -> Result<Directive>,
) -> Result<Directive> {
    if let Some(label) = label {
        return Err(c.error_at(
            label.span,
            "expected a claim, an event, a block or an assert after a label: only those can be named",
            "remove this label",
        ));
    }
    c.take_word();
    body(c)
}

/// `name:` at the start of a line or member.
pub fn label(c: &mut Cursor) -> Option<Ident> {
    let name = c.peek_word()?;
    let after_colon = c.rest()[name.len()..].strip_prefix(':')?;
    if !(after_colon.is_empty() || after_colon.starts_with(char::is_whitespace)) {
        return None;
    }
    let span = c.consume(name.len());
    c.consume(':'.len_utf8());
    Some(Ident { name: CompactString::from(name), span })
}

/// What may follow a directive once its modifiers are read: `#tags` and one citation, in
/// any order (tags read among the modifiers are in `tags` already); then the line ends.
fn tail(c: &mut Cursor, directive: &Directive, tags: &mut Vec<Ident>) -> Result<Option<Citation>> {
    // An `order` line needs no citation (it dates nothing itself) but may have one.
    let takes_tail = matches!(
        directive,
        Directive::Claim(_)
            | Directive::Event(_)
            | Directive::Block(_)
            | Directive::Assert { .. }
            | Directive::Order(_)
    );
    let citation = if takes_tail { tags_and_citation(c, tags)? } else { None };
    if !c.at_end() {
        let open_shares =
            matches!(directive, Directive::Block(block) if matches!(block.kind, BlockKind::Shares { complete: None }));
        if citation.is_some() {
            return Err(match directive {
                Directive::Claim(_) => after_citation(c, |w| Flag::from_word(w).is_some()),
                Directive::Event(_) => after_citation(c, |w| EVENT_WORDS.contains(&w)),
                _ if open_shares => after_citation(c, |w| w == "complete"),
                _ => after_citation(c, |_| false),
            });
        }
        let what = match directive {
            Directive::Claim(_) => "a flag, a #tag, a [@citation] or the end of the line",
            Directive::Event(_) => {
                "`after`, `before`, `lasting`, `first`, `target`, `forecast`, `estimate`, a #tag, a [@citation] or the end of the line"
            }
            Directive::Block(_) if open_shares => "`complete`, a #tag, a [@citation] or the end of the line",
            Directive::Block(_) | Directive::Assert { .. } | Directive::Order(_) => {
                "a #tag, a [@citation] or the end of the line"
            }
            _ => "the end of the line",
        };
        let near = c.peek_word().and_then(|word| match directive {
            Directive::Claim(_) => near_flag(word),
            Directive::Event(_) => crate::suggest::closest(word, EVENT_WORDS),
            Directive::Block(_) if open_shares => crate::suggest::closest(word, ["complete"]),
            _ => None,
        });
        let mut error = c.expected(what);
        if let Some(keyword) = near {
            error.message.push_str(&format!(" (did you mean `{keyword}`?)"));
        }
        return Err(error);
    }
    Ok(citation)
}

/// The words that may follow an event's description.
const EVENT_WORDS: [&str; 7] = ["after", "before", "lasting", "first", "target", "forecast", "estimate"];

/// The flag a mistyped word was probably meant to be (`largst` for `largest`).
fn near_flag(word: &str) -> Option<&'static str> {
    crate::suggest::closest(word, Flag::ALL.iter().map(|(flag, _)| *flag))
}

/// `#tags` and one citation, in any order, added to `tags` and returned.
fn tags_and_citation(c: &mut Cursor, tags: &mut Vec<Ident>) -> Result<Option<Citation>> {
    let mut citation = None;
    loop {
        match c.peek_byte() {
            Some(b'#') => tags.push(tag(c)?),
            Some(b'[') => {
                if citation.is_some() {
                    let len = c.rest().bytes().position(|b| b == b']').map_or(1, |close| close + 1);
                    let span = c.span(c.pos(), c.pos() + len);
                    return Err(c.error_at(
                        span,
                        "expected one citation per line: put every key in one `[...]`, separated by `;`",
                        "second citation",
                    ));
                }
                citation = Some(self::citation(c)?);
            }
            _ => return Ok(citation),
        }
    }
}

/// The error for what follows a line's citation other than a tag: modifiers (which
/// `is_modifier` tells) go before the citation.
fn after_citation(c: &mut Cursor, is_modifier: impl Fn(&str) -> bool) -> SyntaxError {
    match c.peek_word().filter(|w| is_modifier(w)) {
        Some(word) => {
            let span = c.span(c.pos(), c.pos() + word.len());
            let message = format!("expected only #tags after the citation: `{word}` goes before the `[@…]`");
            c.error_at(span, message, "after the citation")
        }
        None => c.expected("a #tag or the end of the line"),
    }
}

/// Any `#tags` at the cursor, added to `tags`: they may stand among a statement's modifiers
/// (flags, `after …`, `lasting …`, `first`, `complete`) as well as after them.
fn tags_here(c: &mut Cursor, tags: &mut Vec<Ident>) -> Result<()> {
    while c.peek_byte() == Some(b'#') {
        tags.push(tag(c)?);
    }
    Ok(())
}

fn tag(c: &mut Cursor) -> Result<Ident> {
    c.eat("#");
    // The name must follow the `#` directly: `ident` refuses a leading space. A tag may also
    // start with a digit (`#2020`, `#1990s`): it names a topic, not something to refer to.
    let rest = c.rest();
    let len = match tokens::ident(rest) {
        Ok((_, name)) => name.len(),
        Err(_) if rest.starts_with(|ch: char| ch.is_ascii_digit()) => {
            let word = rest.split(|ch: char| !(ch.is_alphanumeric() || "_-.".contains(ch))).next().unwrap_or("");
            word.trim_end_matches(['.', '-']).len()
        }
        Err(_) => return Err(c.expected("a tag name")),
    };
    let name = CompactString::from(&rest[..len]);
    Ok(Ident { name, span: c.consume(len) })
}

fn ident(c: &mut Cursor, what: &str) -> Result<Ident> {
    match c.take_word() {
        Some((name, span)) => Ok(Ident { name: CompactString::from(name), span }),
        None => Err(c.expected(what)),
    }
}

fn string(c: &mut Cursor, what: &str) -> Result<StrLit> {
    match c.run(tokens::string) {
        Some((Some(text), span)) => Ok(StrLit { text, span }),
        Some((None, span)) => {
            Err(c.error_at(span, "unterminated string: expected a closing `\"`", "this string is never closed"))
        }
        None => Err(c.expected(what)),
    }
}

/// A claim item: a bare word or a quoted name.
fn item(c: &mut Cursor) -> Result<Option<ItemName>> {
    if c.peek_byte() == Some(b'"') {
        return string(c, "an item").map(Some);
    }
    match c.take_word() {
        Some((name, span)) => Ok(Some(StrLit { text: CompactString::from(name), span })),
        None => Ok(None),
    }
}

// ---------------------------------------------------------------- simple directives

fn tolerance(c: &mut Cursor) -> Result<Quantity> {
    let q = quantity(c)?;
    let negative = matches!(&q.number, NumberLit::Decimal(d) if d.value < int(0));
    if q.unit.as_ref().map(|u| u.name.as_str()) != Some("%") || q.scale.is_some() || negative {
        return Err(c.error_at(
            q.span,
            "expected a percentage of 0% or more, such as `10%`, after `tolerance`",
            "not a percentage of 0% or more",
        ));
    }
    Ok(q)
}

fn source(c: &mut Cursor) -> Result<Directive> {
    let key = ident(c, "a source key such as `xing`")?;
    let text = if c.starts_with("\"") { Some(string(c, "the reference in double quotes")?) } else { None };
    let year = if starts_date(c) { Some(date(c, "a year")?) } else { None };
    Ok(Directive::Source { key, text, year: year.map(Box::new) })
}

fn measure(c: &mut Cursor) -> Result<Directive> {
    let name = ident(c, "a measure name such as `trade`")?;
    let description = if c.starts_with("\"") { Some(string(c, "a description in double quotes")?) } else { None };
    let unit = if c.eat_keyword("unit").is_some() { Some(unit_name(c)?) } else { None };
    Ok(Directive::Measure { name, description, unit })
}

fn unit_name(c: &mut Cursor) -> Result<Ident> {
    if let Some(span) = c.eat("%") {
        return Ok(Ident { name: "%".into(), span });
    }
    if let Some((code, span)) = currency_symbol(c) {
        return Ok(Ident { name: code.into(), span });
    }
    match c.run(tokens::unit_word) {
        Some((word, span)) => Ok(Ident { name: CompactString::from(word), span }),
        None => Err(c.expected("a unit such as `USD`, `%` or `km`")),
    }
}

fn order(c: &mut Cursor) -> Result<Directive> {
    let mut ids = vec![ident(c, "an id")?];
    while c.eat("<").is_some() {
        ids.push(ident(c, "an id")?);
    }
    if ids.len() < 2 {
        return Err(c.expected("`<` and a later id"));
    }
    Ok(Directive::Order(ids))
}

// ---------------------------------------------------------------- dated directives

/// A statement that starts with a date; `tags` takes the tags written among its modifiers.
fn dated(c: &mut Cursor, tags: &mut Vec<Ident>) -> Result<Directive> {
    let date = date(c, "a date")?;
    match c.peek_word() {
        Some("event") => event(c, Some(date), tags),
        Some(kw @ "shares") => {
            c.consume(kw.len());
            let measure = ident(c, "a measure")?;
            tags_here(c, tags)?;
            let complete = c.eat_keyword("complete");
            let kind = BlockKind::Shares { complete };
            Ok(Directive::Block(Box::new(Block { date, measure, kind, members: Vec::new(), unparsed_member: false })))
        }
        Some(kw @ "total") => {
            c.consume(kw.len());
            let measure = ident(c, "a measure")?;
            let item = claim_item(c)?;
            let value = comparison(c)?;
            let flags = flags(c, tags)?;
            Ok(Directive::Block(Box::new(Block {
                date,
                measure,
                kind: BlockKind::Total { item, value: Box::new(value), flags },
                members: Vec::new(),
                unparsed_member: false,
            })))
        }
        Some(name) => {
            let measure = Ident { name: CompactString::from(name), span: c.consume(name.len()) };
            let item = claim_item(c)?;
            let value = comparison(c)?;
            if let Amount::Unknown(span) = value.amount {
                return Err(c.error_at(
                    span,
                    "expected a value: an unknown `?` is only for `shares` and `total` blocks (a member, or a total's own value), where it is derived",
                    "write the value claimed",
                ));
            }
            let flags = flags(c, tags)?;
            Ok(Directive::Claim(Box::new(ClaimLine { date, measure, item, value, flags })))
        }
        None => Err(c.expected("`event`, `shares`, `total` or a measure name")),
    }
}

/// The optional item between a measure and its comparator. A bare word not followed by a
/// comparator is reported as a missing comparator after the measure (`trade is $1bn`).
fn claim_item(c: &mut Cursor) -> Result<Option<ItemName>> {
    // An ASCII letter or `"` starts no comparator: the item is there to read.
    let item_ahead = c.peek_byte().is_some_and(|b| b.is_ascii_alphabetic() || b == b'"');
    if !item_ahead && c.peek(tokens::comparator).is_some() {
        return Ok(None);
    }
    let before = (c.pos(), c.prev_token());
    let quoted = c.peek_byte() == Some(b'"');
    let item = item(c)?;
    if item.is_some() && !quoted && c.peek(tokens::comparator).is_none() {
        c.rewind(before.0, before.1);
        let mut error = c.expected(COMPARATORS);
        error.label.push_str(" (an item here must be followed by a comparator)");
        return Err(error);
    }
    Ok(item)
}

/// A claim's flags, with the tags written among them added to `tags`.
fn flags(c: &mut Cursor, tags: &mut Vec<Ident>) -> Result<Flags> {
    let mut flags = Flags::new();
    loop {
        match c.peek_byte() {
            Some(b'#') => tags.push(tag(c)?),
            Some(b) if b.is_ascii_alphabetic() => {
                let Some((flag, len)) = c.peek_word().and_then(|word| Some((Flag::from_word(word)?, word.len())))
                else {
                    return Ok(flags);
                };
                let span = c.consume(len);
                // A flag written twice says nothing more: it is kept once, judged once.
                if flags.iter().all(|(kept, _)| *kept != flag) {
                    flags.push((flag, span));
                }
            }
            _ => return Ok(flags),
        }
    }
}

/// `event "…"` and its modifiers, in any order, with the tags written among them added to `tags`.
fn event(c: &mut Cursor, date: Option<DateExpr>, tags: &mut Vec<Ident>) -> Result<Directive> {
    let keyword = c.eat_keyword("event").unwrap_or_default();
    let description = string(c, "a description in double quotes")?;
    let mut relative = None;
    let mut lasting = None;
    let mut first = None;
    let mut plan = None;
    loop {
        tags_here(c, tags)?;
        let word = c.peek_word();
        let repeated = match word {
            Some("after" | "before") => relative
                .is_some()
                .then_some("expected one `after` or `before`: an event is dated relative to one other"),
            Some("lasting") => lasting.is_some().then_some("expected one `lasting` duration per event"),
            _ => None,
        };
        if let (Some(message), Some(w)) = (repeated, word) {
            return Err(c.error_at(c.span(c.pos(), c.pos() + w.len()), message, "a second one"));
        }
        match word {
            Some(w @ ("after" | "before")) => {
                let kw_span = c.consume(w.len());
                let relation = if w == "after" { Relation::After } else { Relation::Before };
                let anchor = ident(c, "an event or claim id")?;
                let offset = if c.eat_keyword("by").is_some() { Some(duration(c)?) } else { None };
                let end = offset.as_ref().map_or(anchor.span, |d| d.span);
                relative = Some(Relative { relation, anchor, offset, span: kw_span.cover(end) });
            }
            Some(w @ "lasting") => {
                c.consume(w.len());
                lasting = Some(duration(c)?);
            }
            // A repeated `first` says nothing more: the first one is kept.
            Some(w @ "first") => {
                let span = c.consume(w.len());
                first.get_or_insert(span);
            }
            // `target`, `forecast`, `estimate`: one of them, which `fmt` writes back.
            Some(w) if Flag::from_word(w).is_some_and(Flag::is_plan) => {
                let flag = Flag::from_word(w).unwrap_or(Flag::Target);
                let span = c.consume(w.len());
                if plan.is_some() {
                    let message = "expected one plan flag (`target`, `forecast` or `estimate`) per event";
                    return Err(c.error_at(span, message, "a second plan flag"));
                }
                plan = Some((flag, span));
            }
            _ => break,
        }
    }
    if date.is_none() && relative.as_ref().is_none_or(|r| r.offset.is_none()) {
        let (span, label) = match &relative {
            Some(r) => (r.span, "no `by DURATION` here"),
            None => (keyword, "no date"),
        };
        return Err(c.error_at(
            span,
            "expected a date, or `after ID by DURATION` or `before ID by DURATION` to derive it from",
            label,
        ));
    }
    Ok(Directive::Event(Box::new(EventLine { date, description, relative, lasting, first, plan })))
}

/// `1y`, `6mo`, `2w`, `10d`, `~1y`, also `18 months`.
pub fn duration(c: &mut Cursor) -> Result<Duration> {
    c.skip_ws();
    let start = c.pos();
    let approx = c.eat("~").is_some() || c.eat("≈").is_some();
    // How long, never which way: `before` and `after` say that.
    let negative = "expected how long, never a negative duration: `before` or `after` says which way";
    c.skip_ws();
    if c.rest().starts_with('−') {
        let at = c.pos();
        return Err(c.error_at(c.span(at, at + '−'.len_utf8()), negative, "negative"));
    }
    let Some((text, span)) = c.run(tokens::decimal_text) else {
        return Err(c.expected("a duration such as `1y`, `6mo`, `2w` or `10d`"));
    };
    if tokens::exceeds_digit_limit(text) {
        return Err(too_many_digits(c, span));
    }
    if text.starts_with('-') {
        return Err(c.error_at(span, negative, "negative"));
    }
    // As in a value: `1,5y` is no year and a half, nor fifteen years.
    if !tokens::grouped_in_threes(text) {
        return Err(bad_grouping(c, span));
    }
    let amount = parse_decimal(text).expect("decimal_text yields digits");
    let unit_word = c.rest().trim_start();
    let unit = match tokens::ident(unit_word).ok().map(|(_, w)| w) {
        Some("y" | "yr" | "yrs" | "year" | "years") => DurationUnit::Year,
        Some("mo" | "month" | "months") => DurationUnit::Month,
        Some("w" | "wk" | "week" | "weeks") => DurationUnit::Week,
        Some("d" | "day" | "days") => DurationUnit::Day,
        _ => return Err(c.expected("a duration unit (y, mo, w, d)")),
    };
    c.take_word();
    Ok(Duration { amount, unit, approx, span: c.span_from(start) })
}

/// A number whose `,` is not followed by three digits (`1,5`, `12,00`).
fn bad_grouping(c: &Cursor, span: Span) -> SyntaxError {
    let message = "expected three digits after a `,`, as in `1,780`; a decimal point is written `.`";
    c.error_at(span, message, "not a group of three digits")
}

// ---------------------------------------------------------------- dates

/// Does a date start here? (`1997`, `~2002`, `early 1990s`)
pub fn starts_date(c: &mut Cursor) -> bool {
    c.skip_ws();
    let rest = c.rest();
    let rest = rest.strip_prefix('~').map_or(rest, str::trim_start);
    if rest.starts_with(|ch: char| ch.is_ascii_digit()) || hyphenated_part(rest).is_some() {
        return true;
    }
    matches!(tokens::ident(rest), Ok((after, "early" | "mid" | "late")) if after.trim_start().starts_with(|ch: char| ch.is_ascii_digit()))
}

/// `mid-1990s`, `early-2002`: the hyphenated spelling of `mid 1990s`, and the bytes up to the year.
fn hyphenated_part(rest: &str) -> Option<(Part, usize)> {
    [("early-", Part::Early), ("mid-", Part::Mid), ("late-", Part::Late)].into_iter().find_map(|(prefix, part)| {
        let year = rest.strip_prefix(prefix)?;
        year.starts_with(|ch: char| ch.is_ascii_digit()).then_some((part, prefix.len()))
    })
}

pub fn date(c: &mut Cursor, what: &str) -> Result<DateExpr> {
    let start = date_point(c, what)?;
    // `2003..2008`, or spaced like a value's range, `2003 .. 2008`.
    if trim_ws_start(c.rest()).starts_with("..") {
        c.eat("..");
        let end = date_point(c, "the end of the period")?;
        let span = start.span.cover(end.span);
        // A period that must end before it starts is as impossible as `2013-13` (an impossible
        // point already reported stands in as its year, so it is not weighed again).
        let (first, last) = (crate::model::point_range(&start), crate::model::point_range(&end));
        if last.last < first.first && !c.has_invalid_date() {
            c.invalid_date(SyntaxError {
                span,
                message: "invalid date: the period ends before it starts".into(),
                label: "ends before it starts".into(),
                invalid_date: true,
            });
        }
        return Ok(DateExpr { start, end: Some(end), span });
    }
    Ok(DateExpr { start, end: None, span: start.span })
}

fn date_point(c: &mut Cursor, what: &str) -> Result<DatePoint> {
    c.skip_ws();
    let begin = c.pos();
    let approx = c.eat("~").is_some();
    // A date nearly always starts with its year: no `early`, `mid` or `late` to look for.
    let part = if c.peek_byte().is_some_and(|b| b.is_ascii_digit()) {
        None
    } else if let Some((part, len)) = hyphenated_part(c.rest()) {
        c.consume(len);
        Some(part)
    } else {
        let part = match c.peek_word() {
            Some("early") => Some(Part::Early),
            Some("mid") => Some(Part::Mid),
            Some("late") => Some(Part::Late),
            _ => None,
        };
        if part.is_some() {
            c.take_word();
        }
        part
    };
    let Some((raw, raw_span)) = c.run(tokens::raw_date) else {
        return Err(c.expected(&format!("{what} (YYYY, YYYY-MM, YYYY-MM-DD or 1990s)")));
    };
    if starts_alphanumeric(c.rest()) {
        return Err(c.expected("a space after the date"));
    }
    let span = c.span_from(begin);
    let form = match (raw, part) {
        (RawDate::Day(y, m, d), None) => {
            if !(1..=12).contains(&m) {
                invalid_date(c, raw_span, format!("invalid date: month {m:02} does not exist"), y)
            } else if d == 0 || d > days_in_month(y, m) {
                invalid_date(c, raw_span, format!("invalid date: {y:04}-{m:02} has no day {d:02}"), y)
            } else {
                DateForm::Day(y, m, d)
            }
        }
        (RawDate::Month(y, m), None) => {
            if !(1..=12).contains(&m) {
                invalid_date(c, raw_span, format!("invalid date: month {m:02} does not exist"), y)
            } else {
                DateForm::Month(y, m)
            }
        }
        (RawDate::Year(y), None) => DateForm::Year(y),
        (RawDate::Year(y), Some(p)) => DateForm::YearPart(p, y),
        (RawDate::Decade(y), p) => {
            if y % 10 != 0 {
                return Err(c.error_at(
                    raw_span,
                    format!("expected a decade's first year, like `{}s`", y - y % 10),
                    "not a decade",
                ));
            }
            match p {
                None => DateForm::Decade(y),
                Some(p) => DateForm::DecadePart(p, y),
            }
        }
        (_, Some(_)) => {
            return Err(c.error_at(
                raw_span,
                "expected a year or a decade after `early`, `mid` or `late`, like `early 2002`",
                "a month or day here",
            ));
        }
    };
    Ok(DatePoint { form, approx, span })
}

/// Does `text` start with a letter or digit (`char::is_alphanumeric`)? An ASCII byte is
/// tested without decoding a character.
fn starts_alphanumeric(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text.starts_with(char::is_alphanumeric),
        None => false,
    }
}

/// Reports an impossible date and reads the line on, so that its other problems are reported
/// too: the year stands in for the date, and the entry is marked as having no place in time.
fn invalid_date(c: &mut Cursor, span: Span, message: String, year: i64) -> DateForm {
    c.invalid_date(SyntaxError { span, message, label: "no such day in the calendar".into(), invalid_date: true });
    DateForm::Year(year)
}

// ---------------------------------------------------------------- values

/// A quantity's number with its scale applied (`1.2bn` is 1 200 000 000), to order a range's
/// bounds; `percent` reads a bare fraction as a `%` measure does (`1/2` is 50).
fn scaled(q: &Quantity, percent: bool) -> Q {
    let number = match &q.number {
        NumberLit::Decimal(d) => d.value.clone(),
        NumberLit::Fraction(f) if percent && q.unit.is_none() => f * int(100),
        NumberLit::Fraction(f) => f.clone(),
    };
    number * Q::pow10(q.scale.map_or(0, |s| s.exponent()))
}

/// Whether a range runs backwards. A bare fraction means another number in a `%` measure
/// (`30..1/2` is 30–50 % there, and backwards elsewhere), which the line does not tell: a range
/// is backwards here only when it is so in both readings, and the model orders the others in
/// their measure's terms.
fn backwards(low: &Quantity, high: &Quantity) -> bool {
    scaled(low, false) > scaled(high, false) && scaled(low, true) > scaled(high, true)
}

/// `CMP VALUE [exact]`.
fn comparison(c: &mut Cursor) -> Result<ValueExpr> {
    let Some((cmp, cmp_span)) = c.run(tokens::comparator) else {
        return Err(c.expected(COMPARATORS));
    };
    value(c, cmp, cmp_span)
}

pub fn value(c: &mut Cursor, cmp: Cmp, cmp_span: Span) -> Result<ValueExpr> {
    let amount = if let Some(span) = c.eat("?") {
        Amount::Unknown(span)
    } else {
        let low = quantity(c)?;
        if c.rest().starts_with("..") {
            c.eat("..");
            let high = quantity(c)?;
            if let (Some(l), Some(h)) = (&low.unit, &high.unit) {
                if l.name != h.name {
                    return Err(c.error_at(
                        h.span,
                        format!(
                            "expected the same unit at both ends of a range: it starts in {} but ends in {}",
                            l.name, h.name
                        ),
                        format!("in {}, not {}", h.name, l.name),
                    ));
                }
            }
            // A scale or unit written on one bound serves both: `1.5..2bn`, `$1.5bn..2`.
            let high = Quantity {
                scale: high.scale.or(low.scale),
                unit: high.unit.clone().or_else(|| low.unit.clone()),
                ..high
            };
            let low = Quantity {
                scale: low.scale.or(high.scale),
                unit: low.unit.clone().or_else(|| high.unit.clone()),
                ..low
            };
            if backwards(&low, &high) {
                return Err(c.error_at(
                    low.span.cover(high.span),
                    "expected a range from its lower bound to its upper bound",
                    "this range runs backwards",
                ));
            }
            if matches!(cmp, Cmp::Gt | Cmp::Ge | Cmp::Lt | Cmp::Le) {
                // `> 30..35%` says nothing `> 30%` or `30..35%` would not: which was meant?
                return Err(c.error_at(
                    low.span.cover(high.span),
                    format!(
                        "expected a single value after `{}`: a range bounds the value on both sides already",
                        c.text_of(cmp_span)
                    ),
                    "a range after a comparator",
                ));
            }
            Amount::Range(low, high)
        } else {
            Amount::Single(low)
        }
    };
    let exact = c.eat_keyword("exact").is_some();
    let start = (cmp_span.start - c.span(0, 0).start) as usize;
    Ok(ValueExpr { cmp, cmp_span, amount, exact, span: c.span_from(start) })
}

fn currency_symbol(c: &mut Cursor) -> Option<(&'static str, Span)> {
    let symbol = c.peek_char()?;
    let code = match symbol {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        _ => return None,
    };
    Some((code, c.consume(symbol.len_utf8())))
}

/// An ISO currency code written before the number: `USD 4.3bn`.
fn iso_prefix(c: &mut Cursor) -> Option<Ident> {
    let rest = trim_ws_start(c.rest());
    if iso_code_then_number(rest) {
        let code = &rest[..3];
        let (_, span) = c.take_word()?;
        return Some(Ident { name: CompactString::from(code), span });
    }
    None
}

/// A number with optional currency, scale and unit: `$4.3bn`, `USD 4.3bn`, `1,780 km`, `5.8%`, `1/3`.
pub fn quantity(c: &mut Cursor) -> Result<Quantity> {
    c.skip_ws();
    let start = c.pos();
    // A sign may stand before a currency symbol (`-$2bn`), and `−` (U+2212) is a minus too.
    let signed_symbol = |rest: &str| {
        let after = rest.strip_prefix('-').or_else(|| rest.strip_prefix('−'))?;
        after.starts_with(['$', '€', '£', '¥']).then_some(rest.len() - after.len())
    };
    let mut negative = match signed_symbol(c.rest()) {
        Some(len) => {
            c.consume(len);
            true
        }
        None => false,
    };
    let prefix = currency_symbol(c).map(|(code, span)| Ident { name: code.into(), span }).or_else(|| iso_prefix(c));
    if prefix.is_some() {
        c.skip_ws();
    }
    if let Some(sign) = ['-', '−'].into_iter().find(|&sign| c.rest().starts_with(sign)) {
        if negative {
            let span = c.span(c.pos(), c.pos() + sign.len_utf8());
            return Err(c.error_at(span, "expected one sign per value", "a second sign"));
        }
        if sign == '−' {
            c.consume(sign.len_utf8());
            negative = true;
            if let Some(again) = ['-', '−'].into_iter().find(|&sign| c.rest().starts_with(sign)) {
                let span = c.span(c.pos(), c.pos() + again.len_utf8());
                return Err(c.error_at(span, "expected one sign per value", "a second sign"));
            }
        }
    }
    let number = match c.run(tokens::number) {
        Some((NumberToken::Decimal(d), _)) => NumberLit::Decimal(d),
        Some((NumberToken::Fraction(q), _)) => NumberLit::Fraction(q),
        Some((NumberToken::ZeroDenominator, span)) => {
            return Err(c.error_at(span, "expected a denominator other than 0", "divides by zero"))
        }
        Some((NumberToken::TooManyDigits, span)) => return Err(too_many_digits(c, span)),
        Some((NumberToken::BadGrouping, span)) => return Err(bad_grouping(c, span)),
        None => return Err(c.expected("a value such as `5.8%`, `$4.3bn`, `1/3` or `1,780 km`")),
    };
    let number = match number {
        NumberLit::Decimal(d) if negative => NumberLit::Decimal(Decimal { value: -d.value, ..d }),
        NumberLit::Fraction(q) if negative => NumberLit::Fraction(-q),
        unsigned => unsigned,
    };
    let mut scale = None;
    let mut unit = None;
    if c.rest().starts_with('%') {
        unit = Some(Ident { name: "%".into(), span: c.consume(1) });
    } else {
        // Each peek moves past white space, so `5 ..6` is a range but `5 km ..6` is not: the
        // order of the peeks is part of the grammar.
        let mut word = c.peek_unit_word();
        if let Some((s, len)) = word.and_then(|w| Some((scale_word(w)?, w.len()))) {
            c.consume(len);
            scale = Some(s);
            word = c.peek_unit_word();
        }
        if c.peek_byte() == Some(b'%') {
            unit = Some(Ident { name: "%".into(), span: c.consume(1) });
        } else if let Some(word) = word {
            if !is_reserved_word(word) && scale_word(word).is_none() {
                unit = Some(Ident { name: CompactString::from(word), span: c.consume(word.len()) });
            }
        }
    }
    let unit = match (prefix, unit) {
        (Some(p), Some(u)) if p.name != u.name => {
            let flag = near_flag(&u.name).map(|f| format!(" (did you mean `{f}`?)"));
            return Err(c.error_at(
                u.span,
                format!(
                    "expected one unit per value: `{}` follows `{}`; a flag, #tag or citation may follow the value{}",
                    u.name,
                    c_text(&p),
                    flag.unwrap_or_default()
                ),
                "second unit",
            ));
        }
        (Some(p), _) => Some(p),
        (None, u) => u,
    };
    Ok(Quantity { number, scale, unit, span: c.span_from(start) })
}

fn too_many_digits(c: &Cursor, span: Span) -> SyntaxError {
    let message = format!("expected a number of at most {} digits", tokens::MAX_NUMBER_DIGITS);
    c.error_at(span, message, "too many digits")
}

fn c_text(ident: &Ident) -> &str {
    &ident.name
}

pub(super) fn scale_word(word: &str) -> Option<Scale> {
    match word {
        "k" => Some(Scale::Thousand),
        "m" | "mn" => Some(Scale::Million),
        "bn" => Some(Scale::Billion),
        "tn" => Some(Scale::Trillion),
        _ => None,
    }
}

// ---------------------------------------------------------------- blocks

/// An indented member of a `shares` or `total` block: `[label:] ITEM [CMP] VALUE|? [flags] [#tags] [CITATION]`.
pub fn member(c: &mut Cursor) -> Result<Member> {
    c.skip_ws();
    let start = c.pos();
    let label = label(c);
    let Some(item) = item(c)? else {
        return Err(c.expected("a member name such as `China` or `\"European Union\"`"));
    };
    let value = match c.run(tokens::comparator) {
        Some((cmp, span)) => value(c, cmp, span)?,
        None => {
            c.skip_ws();
            let here = c.pos();
            if !(c.starts_with("?")
                || c.peek(tokens::number).is_some()
                || c.peek_char().is_some_and(|ch| "$€£¥−".contains(ch))
                || c.rest().strip_prefix('-').is_some_and(|after| after.starts_with(['$', '€', '£', '¥']))
                || iso_ahead(c))
            {
                return Err(c.expected("a value or `?`"));
            }
            value(c, Cmp::Eq, c.span(here, here))?
        }
    };
    let mut tags = Vec::new();
    let flags = flags(c, &mut tags)?;
    let citation = tags_and_citation(c, &mut tags)?;
    if !c.at_end() {
        if citation.is_some() {
            return Err(after_citation(c, |w| Flag::from_word(w).is_some()));
        }
        return Err(c.expected(&format!("a flag ({FLAG_LIST}), a #tag, a [@citation] or the end of the line")));
    }
    Ok(Member { label, item, value, flags, tags, citation, quotes: Quotes::new(), span: c.span_from(start) })
}

fn iso_ahead(c: &mut Cursor) -> bool {
    iso_code_then_number(trim_ws_start(c.rest()))
}

/// Three capitals, white space (any the rest of a line allows: a tab too), then a number.
fn iso_code_then_number(text: &str) -> bool {
    let is_code = text.as_bytes().get(..3).is_some_and(|code| code.iter().all(u8::is_ascii_uppercase));
    let Some(after) = text.get(3..).filter(|_| is_code) else { return false };
    let number = trim_ws_start(after);
    number.len() < after.len() && number.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '−')
}

// ---------------------------------------------------------------- citations

/// `[@key]`, `[@key, 298]`, `[see @a, pp. 33-35; -@b]`.
pub fn citation(c: &mut Cursor) -> Result<Citation> {
    c.skip_ws();
    let open = c.pos();
    let rest = c.rest();
    // Byte searches: `str::find(char)` compares each candidate through a `memcmp` call.
    // The same pass counts the `;`, so that `cites` is sized exactly.
    let mut parts = 1;
    let Some(close) = rest.bytes().position(|b| {
        parts += usize::from(b == b';');
        b == b']'
    }) else {
        let span = c.span(open, open + 1);
        return Err(c.error_at(span, "unclosed citation: expected `]`", "opened here"));
    };
    let inner_start = open + 1;
    let inner = &rest[1..close];
    let mut cites = SmallVec::with_capacity(parts);
    let mut from = 0;
    loop {
        let to = inner.as_bytes()[from..].iter().position(|&b| b == b';').map_or(inner.len(), |i| from + i);
        cites.push(cite(c, &inner[from..to], inner_start + from)?);
        if to == inner.len() {
            break;
        }
        from = to + 1;
    }
    let span = c.consume(close + 1);
    Ok(Citation { cites, span })
}

pub(super) fn cite(c: &Cursor, part: &str, part_start: usize) -> Result<Cite> {
    let Some(at) = part.bytes().position(|b| b == b'@') else {
        let lead = part.len() - part.trim_start().len();
        let span = c.span(part_start + lead, part_start + part.trim_end().len().max(lead));
        return Err(c.error_at(span, "expected `@key` in the citation", "no `@` here"));
    };
    let key_text = &part[at + 1..];
    let (key_len, name) = if let Some(braced) = key_text.strip_prefix('{') {
        let len = braced.find('}').map_or(key_text.len(), |i| i + 2);
        (len, key_text[..len].trim_start_matches('{').trim_end_matches('}'))
    } else {
        // A pandoc key starts and ends with a letter, digit or `_`: nothing to trim.
        let len = pandoc_key_len(key_text);
        (len, &key_text[..len])
    };
    let key_start = part_start + at + 1;
    if key_len == 0 {
        return Err(c.error_at(c.span(key_start - 1, key_start), "expected a citation key after `@`", "empty key"));
    }
    let key = Ident { name: CompactString::from(name), span: c.span(key_start, key_start + key_len) };
    let after = &part[at + 1 + key_len..];
    let (locator, pages) = match trim_ws_start(after).strip_prefix(',') {
        Some(loc) => {
            let text = trim_ws_start(loc);
            let loc_start = key_start + key_len + (after.len() - text.len());
            let text = trim_ws_end(text);
            let span = c.span(loc_start, loc_start + text.len());
            (Some(StrLit { text: CompactString::from(text), span }), page_ranges(c, text, loc_start))
        }
        None => (None, PageRanges::new()),
    };
    let end = part_start + trim_ws_end(part).len();
    Ok(Cite { key, locator, pages, span: c.span(part_start + at, end) })
}

/// Pandoc keys: alphanumerics and `_`, with internal punctuation `:.#$%&-+?<>~/`.
fn pandoc_key_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut last_good = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                last_good = i + 1;
            } else if !(i > 0 && b":.#$%&-+?<>~/".contains(&b)) {
                break;
            }
            i += 1;
        } else {
            // Non-ASCII punctuation is never internal punctuation: only letters and digits go on.
            let Some(ch) = text[i..].chars().next().filter(|ch| ch.is_alphanumeric()) else {
                break;
            };
            i += ch.len_utf8();
            last_good = i;
        }
    }
    last_good
}

/// Locator terms (pandoc's and their usual abbreviations) that name something other than
/// pages: what follows them, up to a page term, is no page range (`fig. 3-1` runs nowhere).
const NOT_PAGES: &str = "app appendix art article articles bk book books ch chap chapter chapters col cols column \
    columns eq eqs equation equations fig figs figure figures fol fols folio iss issue l line lines ll n nn no nos note \
    notes number op opus para paras paragraph paragraphs part pt sec secs section sections tab table tables v verse \
    verses vol vols volume vv";

/// Locator terms that name pages (a bare number names pages too).
const PAGES: [&str; 4] = ["p", "pp", "page", "pages"];

/// Page ranges in a locator, with abbreviated ends expanded: `121-22` is 121–122. Numbers
/// after a term that names something else (`fig. 3-1`, `table 2-1`, `§ 4-2`) are not pages,
/// until a page term (`fig. 3, p. 9`); other words (`see`, `esp.`) change nothing.
fn page_ranges(c: &Cursor, text: &str, start: usize) -> PageRanges {
    let bytes = text.as_bytes();
    let mut ranges = PageRanges::new();
    let mut i = 0;
    let mut of_pages = true;
    let digits_at = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    while i < bytes.len() {
        // `§` and `¶` are U+00A7 and U+00B6: `C2 A7` and `C2 B6`.
        if bytes[i] == 0xC2 && matches!(bytes.get(i + 1), Some(0xA7 | 0xB6)) {
            of_pages = false;
        }
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if bytes[i].is_ascii_alphabetic() && starts_word {
            let len = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let word = text[i..i + len].to_ascii_lowercase();
            if PAGES.contains(&word.as_str()) {
                of_pages = true;
            } else if NOT_PAGES.split_ascii_whitespace().any(|term| term == word) {
                of_pages = false;
            }
            i += len;
            continue;
        }
        if !bytes[i].is_ascii_digit() || !starts_word {
            i += 1;
            continue;
        }
        let n = digits_at(i);
        if text[i + n..].starts_with('.') && digits_at(i + n + 1) > 0 {
            // A dotted number (`sec. 4.2.1`) names a section, not pages.
            i += n;
            while i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                i += 1 + digits_at(i + 1);
            }
            continue;
        }
        let first_text = &text[i..i + n];
        let mut j = i + n;
        // `-`, BibTeX's `--`, an en or em dash, spaced or not (`35 - 33`).
        let spaced = |at: usize| at + text[at..].len() - text[at..].trim_start_matches(' ').len();
        let dash_at = spaced(j);
        let dash = ["--", "-", "–", "—"].iter().find(|dash| text[dash_at..].starts_with(**dash));
        let dash_len = dash.map_or(0, |dash| spaced(dash_at + dash.len()) - j);
        let pages = if dash_len > 0 && j + dash_len < bytes.len() && bytes[j + dash_len].is_ascii_digit() {
            let m = digits_at(j + dash_len);
            let last_text = &text[j + dash_len..j + dash_len + m];
            j += dash_len + m;
            expand_pages(first_text, last_text)
        } else {
            // A single page: the range `expand_pages(p, p)` would give, reading `p` once.
            page_number(first_text).map(|page| (page, page))
        };
        if let Some(range) = pages.filter(|_| of_pages) {
            ranges.push(PageRange { first: range.0, last: range.1, span: c.span(start + i, start + j) });
        }
        i = j;
    }
    if ranges.spilled() {
        ranges.shrink_to_fit();
    }
    ranges
}

/// The page a run of one or more ASCII digits numbers, as `str::parse::<u64>` reads it
/// (`None` past `u64::MAX`), without its checks for signs and other bytes: every caller
/// hands it digits only.
pub(super) fn page_number(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |page, digit| page.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
}

/// `("121", "22")` → (121, 122); `("33", "35")` → (33, 35).
pub fn expand_pages(first: &str, last: &str) -> Option<(u64, u64)> {
    let a: u64 = first.parse().ok()?;
    let b: u64 = if last.len() < first.len() {
        format!("{}{}", &first[..first.len() - last.len()], last).parse().ok()?
    } else {
        last.parse().ok()?
    };
    Some((a, b))
}

// ---------------------------------------------------------------- assertions

fn assert_directive(c: &mut Cursor) -> Result<Directive> {
    let lhs = expr(c, 0, &mut 0)?;
    let Some((cmp, cmp_span)) = c.run(tokens::comparator) else {
        return Err(c.expected(COMPARATORS));
    };
    let rhs = expr(c, 0, &mut 0)?;
    Ok(Directive::Assert { lhs: Box::new(lhs), cmp, cmp_span, rhs: Box::new(rhs) })
}

fn depth_error(c: &mut Cursor) -> SyntaxError {
    let (span, _) = c.next_token_span();
    c.error_at(span, format!("expected an expression nested at most {MAX_EXPR_DEPTH} levels deep"), "too deep")
}

/// Counts one more operator of the expression; past the limit, an error at it.
fn count_operator(c: &mut Cursor, operators: &mut usize) -> Result<()> {
    *operators += 1;
    if *operators > MAX_EXPR_OPERATORS {
        let (span, _) = c.next_token_span();
        return Err(c.error_at(
            span,
            format!("expected an expression of at most {MAX_EXPR_OPERATORS} operators"),
            "too long",
        ));
    }
    Ok(())
}

fn expr(c: &mut Cursor, depth: usize, operators: &mut usize) -> Result<Expr> {
    let mut lhs = term(c, depth, operators)?;
    loop {
        let op = if c.eat("+").is_some() {
            BinOp::Add
        } else if c.eat("-").is_some() || c.eat("−").is_some() {
            BinOp::Sub
        } else {
            return Ok(lhs);
        };
        count_operator(c, operators)?;
        let rhs = term(c, depth, operators)?;
        let span = lhs.span().cover(rhs.span());
        lhs = Expr::Binary(Box::new(lhs), op, Box::new(rhs), span);
    }
}

fn term(c: &mut Cursor, depth: usize, operators: &mut usize) -> Result<Expr> {
    let mut lhs = factor(c, depth, operators)?;
    loop {
        let op = if c.eat("*").is_some() || c.eat("×").is_some() {
            BinOp::Mul
        } else if c.eat("/").is_some() || c.eat("÷").is_some() {
            BinOp::Div
        } else {
            return Ok(lhs);
        };
        count_operator(c, operators)?;
        let rhs = factor(c, depth, operators)?;
        let span = lhs.span().cover(rhs.span());
        lhs = Expr::Binary(Box::new(lhs), op, Box::new(rhs), span);
    }
}

fn factor(c: &mut Cursor, depth: usize, operators: &mut usize) -> Result<Expr> {
    if depth > MAX_EXPR_DEPTH {
        return Err(depth_error(c));
    }
    c.skip_ws();
    let start = c.pos();
    if c.eat("-").is_some() || c.eat("−").is_some() {
        let inner = factor(c, depth + 1, operators)?;
        return Ok(Expr::Neg(Box::new(inner), c.span_from(start)));
    }
    if c.eat("(").is_some() {
        let inner = expr(c, depth + 1, operators)?;
        if c.eat(")").is_none() {
            return Err(c.expected("`)`"));
        }
        return Ok(Expr::Paren(Box::new(inner), c.span_from(start)));
    }
    let starts_quantity = c.peek_char().is_some_and(|ch| ch.is_ascii_digit() || "$€£¥".contains(ch)) || iso_ahead(c);
    if starts_quantity {
        let quantity = quantity(c)?;
        return Ok(match c.eat_keyword("exact") {
            Some(_) => Expr::Exact(quantity, c.span_from(start)),
            None => Expr::Quantity(quantity),
        });
    }
    let Some((name, span)) = c.take_word() else {
        return Err(c.expected("a claim id, `MEASURE@DATE`, a number or `(`"));
    };
    let id = Ident { name: CompactString::from(name), span };
    if c.rest().starts_with('@') {
        c.eat("@");
        let date = date(c, "a date")?;
        let span = span.cover(date.span);
        return Ok(Expr::MeasureAt(id, date, span));
    }
    Ok(Expr::Id(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_numbered_as_str_parse_numbers_them() {
        for digits in ["0", "7", "0012", "178", "18446744073709551615", "18446744073709551616", "99999999999999999999"]
        {
            assert_eq!(page_number(digits), digits.parse().ok(), "{digits:?}");
        }
    }

    #[test]
    fn alphanumeric_starts_as_char_tests_them() {
        for text in ["", "a", "Z", "0", " a", "-", "é", "²", "\u{a0}x", "ß1", "—"] {
            assert_eq!(starts_alphanumeric(text), text.starts_with(char::is_alphanumeric), "{text:?}");
        }
    }
}
