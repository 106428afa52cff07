//! `claimcheck fmt`: one canonical layout. Tokens are separated by one space, block members
//! and their values are aligned, `>` quotes are indented under what they support, comments
//! and blank-line groups are kept, and every number, date and string keeps its digits and
//! words as written, so precision never changes (only the spaces inside a date, value or
//! duration take one spelling: `~2002`, `2003..2008`, `$4bn`, `17.5%`). Lines that do not parse are left untouched. A file
//! whose first line ends in CRLF keeps CRLF line endings.

use crate::source::{tight, FileId};
use crate::syntax::ast::*;
use crate::syntax::parser::split_comment;
use std::collections::HashMap;

/// Indentation of block members.
const MEMBER_INDENT: &str = "    ";
/// Indentation of a quote under a top-level directive; quotes under members add this to the member's.
const QUOTE_INDENT: &str = "  ";

/// What a line of the input is, as far as layout goes.
enum Line<'t> {
    Entry(&'t Entry),
    Member { member: &'t Member, item_width: usize, value_width: usize },
}

/// The canonical layout of a claims file.
pub fn format(text: &str) -> String {
    format_reporting(text).0
}

/// [`format`], with the `syntax` findings of the lines it left as written because they do not
/// parse (a formatter that passes over them in silence would let `fmt --check` pass a file
/// that `check` rejects, its bad lines unformatted).
pub fn format_reporting(text: &str) -> (String, Vec<crate::finding::Finding>) {
    let (tree, findings) = crate::syntax::parse(FileId(0), text);
    let unparsed = findings.into_iter().filter(|f| f.code() == crate::registry::SYNTAX.code).collect();
    (layout(text, &tree), unparsed)
}

fn layout(text: &str, tree: &ParsedFile) -> String {
    let mut lines: HashMap<u32, Line> = HashMap::new();
    for entry in &tree.entries {
        lines.insert(entry.span.start, Line::Entry(entry));
        if let Directive::Block(block) = &entry.directive {
            let item_width = block.members.iter().map(|m| width(&member_head(text, m))).max().unwrap_or(0);
            let value_width = block.members.iter().map(|m| width(&value_text(text, &m.value))).max().unwrap_or(0);
            for member in &block.members {
                lines.insert(member.span.start, Line::Member { member, item_width, value_width });
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut quote_indent: Option<&str> = None;
    let mut blank_run = 0;
    for (start, raw) in crate::syntax::parser::lines(text) {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_run += 1;
            continue;
        }
        if blank_run > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank_run = 0;
        if let Some(quote) = trimmed.strip_prefix('>') {
            match quote_indent {
                Some(indent) => {
                    out.push_str(indent);
                    out.push('>');
                    // A bare `>` stays bare: a formatter never leaves trailing white space.
                    if !quote.trim().is_empty() {
                        out.push(' ');
                        out.push_str(quote.trim());
                    }
                }
                None => out.push_str(line.trim_end()),
            }
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (content, comment) = split_comment(line);
        let comment = comment.map(|at| line[at..].trim_end());
        let rendered = match lines.get(&((start + lead) as u32)) {
            Some(Line::Entry(entry)) => {
                quote_indent = Some(QUOTE_INDENT);
                Some(entry_line(text, entry))
            }
            Some(Line::Member { member, item_width, value_width }) => {
                quote_indent = Some("      ");
                Some(member_line(text, member, *item_width, *value_width))
            }
            None if content.trim().is_empty() => {
                // A comment line: kept, at column 1 or as a member-level comment.
                let indent = if lead > 0 { MEMBER_INDENT } else { "" };
                out.push_str(indent);
                out.push_str(comment.unwrap_or(""));
                out.push('\n');
                continue;
            }
            None => {
                quote_indent = None;
                None
            }
        };
        match rendered {
            Some(mut text) => {
                if let Some(comment) = comment {
                    text.push(' ');
                    text.push_str(comment);
                }
                out.push_str(&text);
            }
            None => out.push_str(line.trim_end()),
        }
        out.push('\n');
    }
    // A byte order mark stays ahead of the first line (the parser reads past it).
    if text.starts_with('\u{feff}') {
        out.insert(0, '\u{feff}');
    }
    // Windows editors write CRLF: the file keeps the line endings it was written with.
    let first_line_end = text.find('\n');
    if first_line_end.is_some_and(|end| text[..end].ends_with('\r')) {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn slice(text: &str, span: crate::source::Span) -> &str {
    text.get(span.range()).unwrap_or("")
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// `= $4.3bn`, `~ 1/3`, `> 1,780 km`, or just the value when the comparator was implicit.
fn value_text(text: &str, value: &ValueExpr) -> String {
    let after = tight(slice(text, crate::source::Span { start: value.cmp_span.end, end: value.span.end })).into_owned();
    if value.cmp_span.is_empty() {
        after
    } else {
        format!("{} {after}", slice(text, value.cmp_span))
    }
}

fn push_word(out: &mut String, word: &str) {
    if !word.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn flags_tags_citation(
    out: &mut String,
    text: &str,
    flags: &[(Flag, crate::source::Span)],
    tags: &[Ident],
    citation: &Option<Citation>,
) {
    for (flag, _) in flags {
        push_word(out, flag.word());
    }
    for tag in tags {
        push_word(out, &format!("#{}", tag.name));
    }
    if let Some(citation) = citation {
        push_word(out, slice(text, citation.span));
    }
}

fn entry_line(text: &str, entry: &Entry) -> String {
    let s = |span| slice(text, span);
    let mut out = String::new();
    if let Some(label) = &entry.label {
        out.push_str(&label.name);
        out.push(':');
    }
    match &entry.directive {
        Directive::AsOf(date) => push_word(&mut out, &format!("as-of {}", tight(s(date.span)))),
        Directive::Tolerance(q) => push_word(&mut out, &format!("tolerance {}", tight(s(q.span)))),
        Directive::Manuscript(path) => push_word(&mut out, &format!("manuscript {}", s(path.span))),
        Directive::Bibliography(path) => push_word(&mut out, &format!("bibliography {}", s(path.span))),
        Directive::Source { key, text: reference, year } => {
            push_word(&mut out, "source");
            push_word(&mut out, &key.name);
            if let Some(reference) = reference {
                push_word(&mut out, s(reference.span));
            }
            if let Some(year) = year {
                push_word(&mut out, s(year.span));
            }
        }
        Directive::Measure { name, description, unit } => {
            push_word(&mut out, "measure");
            push_word(&mut out, &name.name);
            if let Some(description) = description {
                push_word(&mut out, s(description.span));
            }
            if let Some(unit) = unit {
                push_word(&mut out, &format!("unit {}", s(unit.span)));
            }
        }
        Directive::Claim(claim) => {
            push_word(&mut out, &tight(s(claim.date.span)));
            push_word(&mut out, &claim.measure.name);
            if let Some(item) = &claim.item {
                push_word(&mut out, s(item.span));
            }
            push_word(&mut out, &value_text(text, &claim.value));
            flags_tags_citation(&mut out, text, &claim.flags, &entry.tags, &entry.citation);
            return out;
        }
        Directive::Event(event) => {
            if let Some(date) = &event.date {
                push_word(&mut out, &tight(s(date.span)));
            }
            push_word(&mut out, "event");
            push_word(&mut out, s(event.description.span));
            if let Some(relative) = &event.relative {
                let word = match relative.relation {
                    Relation::After => "after",
                    Relation::Before => "before",
                };
                push_word(&mut out, &format!("{word} {}", relative.anchor.name));
                if let Some(offset) = &relative.offset {
                    push_word(&mut out, &format!("by {}", tight(s(offset.span))));
                }
            }
            if let Some(lasting) = &event.lasting {
                push_word(&mut out, &format!("lasting {}", tight(s(lasting.span))));
            }
            if event.first.is_some() {
                push_word(&mut out, "first");
            }
            if let Some((_, span)) = event.plan {
                push_word(&mut out, s(span));
            }
        }
        Directive::Block(block) => {
            push_word(&mut out, &tight(s(block.date.span)));
            let mut flags: &[(Flag, crate::source::Span)] = &[];
            match &block.kind {
                BlockKind::Shares { complete } => {
                    push_word(&mut out, &format!("shares {}", block.measure.name));
                    if complete.is_some() {
                        push_word(&mut out, "complete");
                    }
                }
                BlockKind::Total { item, value, flags: total_flags } => {
                    push_word(&mut out, &format!("total {}", block.measure.name));
                    if let Some(item) = item {
                        push_word(&mut out, s(item.span));
                    }
                    push_word(&mut out, &value_text(text, value));
                    flags = total_flags;
                }
            }
            flags_tags_citation(&mut out, text, flags, &entry.tags, &entry.citation);
            return out;
        }
        Directive::Assert { lhs, cmp_span, rhs, .. } => {
            push_word(&mut out, "assert");
            push_word(&mut out, &expr(text, lhs));
            push_word(&mut out, s(*cmp_span));
            push_word(&mut out, &expr(text, rhs));
        }
        Directive::Order(ids) => {
            let names: Vec<&str> = ids.iter().map(|i| i.name.as_str()).collect();
            push_word(&mut out, &format!("order {}", names.join(" < ")));
        }
    }
    flags_tags_citation(&mut out, text, &[], &entry.tags, &entry.citation);
    out
}

/// A member's label and item (`cn: China`): the column its value is aligned after.
fn member_head(text: &str, member: &Member) -> String {
    let item = slice(text, member.item.span);
    match &member.label {
        Some(label) => format!("{}: {item}", label.name),
        None => item.to_string(),
    }
}

fn member_line(text: &str, member: &Member, item_width: usize, value_width: usize) -> String {
    let mut out = String::from(MEMBER_INDENT);
    let head = member_head(text, member);
    let value = value_text(text, &member.value);
    out.push_str(&head);
    let pad = item_width.saturating_sub(width(&head)) + 1 + value_width.saturating_sub(width(&value));
    out.push_str(&" ".repeat(pad));
    out.push_str(&value);
    let mut rest = String::new();
    flags_tags_citation(&mut rest, text, &member.flags, &member.tags, &member.citation);
    if !rest.is_empty() {
        out.push(' ');
        out.push_str(&rest);
    }
    out
}

/// An expression with one space around binary operators.
fn expr(text: &str, e: &Expr) -> String {
    match e {
        Expr::Id(id) => id.name.to_string(),
        Expr::MeasureAt(measure, date, _) => format!("{}@{}", measure.name, tight(slice(text, date.span))),
        Expr::Quantity(q) => tight(slice(text, q.span)).into_owned(),
        Expr::Exact(q, _) => format!("{} exact", tight(slice(text, q.span))),
        Expr::Neg(inner, _) => format!("-{}", expr(text, inner)),
        Expr::Paren(inner, _) => format!("({})", expr(text, inner)),
        Expr::Binary(a, op, b, _) => format!("{} {} {}", expr(text, a), op.symbol(), expr(text, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn spaces_alignment_and_quotes() {
        let input = "t2000:   2000  trade=$1.5bn   #x  [@xing, 121-22]   ; note\n> reaching $1.5bn\n\n\n\n2000 shares trade-share [@k]\n  China 5.8%\n        Russia   29.9%\n   > a quote\n  EU ~21.8%\n";
        let expected = "t2000: 2000 trade = $1.5bn #x [@xing, 121-22] ; note\n  > reaching $1.5bn\n\n2000 shares trade-share [@k]\n    China     5.8%\n    Russia   29.9%\n      > a quote\n    EU     ~ 21.8%\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
        let labelled = "2000 shares s [@k]\n    cn: China 5.8%\n    Russia 29.9%\n";
        assert_eq!(format(labelled), "2000 shares s [@k]\n    cn: China  5.8%\n    Russia    29.9%\n", "values align");
    }

    #[test]
    fn numbers_dates_and_broken_lines_stay_as_written() {
        let input = "2000 trade = 1,500.0m USD exact [@a]\n2001 trade is broken   \n  > its quote stays put\n~1990s  deal \"A  B\" ≈ $4.30bn largest\n";
        let expected = "2000 trade = 1,500.0m USD exact [@a]\n2001 trade is broken\n  > its quote stays put\n~1990s deal \"A  B\" ≈ $4.30bn largest\n";
        assert_eq!(format(input), expected);
    }

    #[test]
    fn spaces_inside_dates_values_and_durations_take_one_spelling() {
        let input = "source s \"S\"\nas-of 2020 - 05\ntolerance 5 %\nearly   2002 event \"x\" [@s]\nmid\t1990s event \"y\" [@s]\n~ 2002 m = $ 4bn [@s]\n2003 .. 2008 m = 30 .. 35 % [@s]\n2000 m = USD 4.3bn [@s]\nx: event \"E\" after y by ~ 1y lasting  2 w\nassert m@~ 2002 > € 1bn exact\n2001 total m = $ 5bn\n    a  $ 2bn\n    b ?\n";
        let expected = "source s \"S\"\nas-of 2020 - 05\ntolerance 5%\nearly 2002 event \"x\" [@s]\nmid 1990s event \"y\" [@s]\n~2002 m = $4bn [@s]\n2003..2008 m = 30..35% [@s]\n2000 m = USD 4.3bn [@s]\nx: event \"E\" after y by ~1y lasting 2 w\nassert m@~2002 > €1bn exact\n2001 total m = $5bn\n    a $2bn\n    b    ?\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
    }

    #[test]
    fn no_line_ends_in_white_space() {
        let input = "2000 trade = $1bn [@a]\n  >\n  >   \n>\n2000 shares m\n  A 1%\n  >\t\n";
        let expected = "2000 trade = $1bn [@a]\n  >\n  >\n  >\n2000 shares m\n    A 1%\n      >\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
    }

    #[test]
    fn crlf_files_keep_crlf() {
        let input = "2000  trade = $1.5bn [@a]\r\n  > quoted\r\n\r\n2001 trade = $2bn [@a]\r\n";
        let expected = "2000 trade = $1.5bn [@a]\r\n  > quoted\r\n\r\n2001 trade = $2bn [@a]\r\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
        assert_eq!(format("2000 trade = $1.5bn [@a]\n"), "2000 trade = $1.5bn [@a]\n");
    }

    #[test]
    fn tags_among_modifiers_move_after_them() {
        let input = "2000 trade = $1bn #t max  #u [@s] #v\ne: 1990 event \"E\" #t  lasting 1y first [@s]\n2000 shares m #t complete [@s]\n  A 1% #a max [@s]\n  B 99%\n";
        let expected = "2000 trade = $1bn max #t #u #v [@s]\ne: 1990 event \"E\" lasting 1y first #t [@s]\n2000 shares m complete #t [@s]\n    A  1% max #a [@s]\n    B 99%\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
    }

    #[test]
    fn expressions_events_and_declarations() {
        let total = "2030 total  m = $10bn   target  #plan [@s]\n    a  $4bn forecast\n";
        assert_eq!(format(total), "2030 total m = $10bn target #plan [@s]\n    a $4bn forecast\n");
        let input = "assert a+b*(c -2)>=m@2000 [@s]\nx: event \"E\"  after  y  by  ~1y lasting 2w first #t\norder a<b <c\nmeasure  m \"M\"  unit  USD\nassert a<=$2bn   exact*2 [@s]\n";
        let expected = "assert a + b * (c - 2) >= m@2000 [@s]\nx: event \"E\" after y by ~1y lasting 2w first #t\norder a < b < c\nmeasure m \"M\" unit USD\nassert a <= $2bn exact * 2 [@s]\n";
        assert_eq!(format(input), expected);
        assert_eq!(format(expected), expected, "idempotent");
    }
}
