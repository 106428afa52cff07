//! The visible text of a manuscript in each format it may be written in. Plain text is
//! read as it is; Markdown loses its markup (headings, block quotes, links, code marks,
//! HTML, footnote marks); LaTeX loses its commands, comments and braces well enough that
//! a quote copied from the typeset document matches.

use super::normalize::{Builder, Normalized};
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Latex,
}

impl Format {
    /// Chosen by the file's extension; anything unknown is plain text.
    pub fn of(name: &str) -> Format {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match extension.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "qmd" | "rmd" => Format::Markdown,
            "tex" | "latex" | "ltx" => Format::Latex,
            _ => Format::Plain,
        }
    }
}

pub fn normalize(text: &str, format: Format) -> Normalized {
    let mut out = Builder::default();
    match format {
        Format::Plain => out.push_str(text, 0),
        Format::Markdown => markdown(text, &mut out),
        Format::Latex => latex(text, &mut out),
    }
    out.finish()
}

// ---------------------------------------------------------------- Markdown

fn markdown(text: &str, out: &mut Builder) {
    let body_start = front_matter_end(text);
    let labels = reference_labels(&text[body_start..]);
    let mut offset = body_start;
    let mut in_comment = false;
    // Links whose text is open, perhaps from an earlier line: their `]` is markup.
    let mut open_links = 0;
    // Whether a numbered item may start on this line: after a blank line, or in a numbered
    // list (over its items' wrapped lines). Elsewhere a numbered list interrupts a paragraph only
    // at 1, so `100. The price` at the start of a paragraph's line is the paragraph's.
    let (mut after_blank, mut numbered) = (true, false);
    for line in text[body_start..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let blank = line.trim().is_empty();
        if blank {
            // A link's text never runs over a blank line.
            open_links = 0;
        }
        let (skip, marker) =
            if in_comment { (0, Marker::Text) } else { line_marker_len(line, after_blank || numbered) };
        numbered = match marker {
            Marker::Numbered => true,
            Marker::Bullet | Marker::Heading => false,
            // A numbered list ends at text after a blank line.
            Marker::Text => numbered && (blank || !after_blank),
        };
        after_blank = blank;
        let inline = Inline { line: &line[skip..], following: &text[start + skip..], base: start + skip };
        in_comment = markdown_inline(inline, in_comment, &mut open_links, &labels, out);
    }
}

/// The labels of a Markdown manuscript's link reference definitions, for reading quotes as
/// its text is read ([`quote_as_read`]).
pub fn link_labels(text: &str) -> HashSet<String> {
    reference_labels(&text[front_matter_end(text)..])
}

/// A quote as a reader of a manuscript in `format` sees it, when that differs from the quote
/// normalised alone: a quote copied from a Markdown file keeps the link syntax, autolink
/// brackets, footnote marks, code marks, HTML and escapes that the manuscript's text leaves out
/// (`[the ministry](http://x.org)` reads "the ministry"). `labels` gives the manuscript's link
/// reference labels, asked for only when the quote holds a `[`.
pub fn quote_as_read<'l>(quote: &str, format: Format, labels: impl FnOnce() -> &'l HashSet<String>) -> Option<String> {
    if format != Format::Markdown || !quote.contains(['[', '<', '`', '&', '\\']) {
        return None;
    }
    let empty = HashSet::new();
    let labels = if quote.contains('[') { labels() } else { &empty };
    let mut out = Builder::default();
    markdown_inline(Inline { line: quote, following: quote, base: 0 }, false, &mut 0, labels, &mut out);
    let read = out.finish().text;
    (read != super::normalize::normalized_quote(quote)).then_some(read)
}

/// One line's inline text: the line, the text from its start to the end of the file (a link's
/// text may run on to the next lines), and where it starts in the file.
struct Inline<'t> {
    line: &'t str,
    following: &'t str,
    base: usize,
}

/// The labels of the link reference definitions (`[label]: url`), in lower case: `[label]`
/// alone is a link only when one defines it, and shows its brackets otherwise.
fn reference_labels(text: &str) -> HashSet<String> {
    text.lines()
        .filter_map(|line| {
            let rest = line.trim_start_matches(' ').strip_prefix('[')?;
            let (label, after) = rest.split_once(']')?;
            (after.starts_with(':') && !label.starts_with('^')).then(|| label.to_lowercase())
        })
        .collect()
}

/// How far a link's text is looked for: its `]` must come within this many bytes, in the
/// same paragraph.
const LINK_TEXT_BYTES: usize = 1_000;

/// Whether `rest` starts with a `[` that opens a link's text: `[text](url)`, `[text][ref]`, or
/// `[label]` with a definition. Any other bracket (`[1]`, `[sic]`) is text.
fn opens_link(rest: &str, labels: &HashSet<String>) -> bool {
    let Some(inside) = rest.strip_prefix('[') else { return false };
    let window = &inside.as_bytes()[..inside.len().min(LINK_TEXT_BYTES)];
    let Some(close) = window.iter().position(|&b| b == b']') else { return false };
    let (text, after) = (&inside[..close], &inside[close + 1..]);
    // A blank line (perhaps of spaces) between the brackets ends the paragraph.
    let mut lines = text.split('\n').skip(1).collect::<Vec<_>>();
    lines.pop();
    let paragraph_ends = lines.iter().any(|line| line.trim().is_empty());
    !paragraph_ends && (after.starts_with(['(', '[']) || labels.contains(&text.to_lowercase()))
}

/// The end of a YAML front matter block (`---` … `---`) at the top of the file.
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---\n") else { return 0 };
    let mut at = 4;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return at;
        }
    }
    0
}

/// What starts a Markdown line, as far as its text goes.
#[derive(Clone, Copy)]
enum Marker {
    Text,
    Heading,
    Bullet,
    Numbered,
}

/// Heading marks, block-quote marks, list markers and footnote definitions at the start of a
/// line, and what the line starts. `numbered_may_start`: whether a number other than 1 there
/// starts an item.
fn line_marker_len(line: &str, numbered_may_start: bool) -> (usize, Marker) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return (0, Marker::Text);
    }
    let mut rest = &line[indent..];
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix('>') {
            rest = after;
        }
        if rest.len() == before {
            break;
        }
    }
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let ordered = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut marker = Marker::Text;
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\n']) {
        rest = &rest[hashes..];
        marker = Marker::Heading;
    } else if rest.starts_with(['-', '*', '+']) && rest[1..].starts_with(' ') {
        // A list item's bullet, or its number (`1.`, `12)`): not text a reader copies.
        rest = &rest[2..];
        marker = Marker::Bullet;
    } else if (1..=3).contains(&ordered)
        && (numbered_may_start || &rest[..ordered] == "1")
        && rest[ordered..].starts_with(['.', ')'])
        && rest[ordered + 1..].starts_with(' ')
    {
        rest = &rest[ordered + 2..];
        marker = Marker::Numbered;
    } else if rest.starts_with("[^") {
        if let Some(close) = rest.find("]:") {
            rest = &rest[close + 2..];
        }
    }
    (line.len() - rest.len(), marker)
}

/// Inline markup of one line; returns whether an HTML comment is still open at its end.
fn markdown_inline(
    inline: Inline,
    mut in_comment: bool,
    open_links: &mut usize,
    labels: &HashSet<String>,
    out: &mut Builder,
) -> bool {
    let Inline { line, following, base } = inline;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if in_comment {
            match rest.find("-->") {
                Some(end) => {
                    i += end + 3;
                    in_comment = false;
                    continue;
                }
                None => return true,
            }
        }
        let Some(ch) = rest.chars().next() else { break };
        if rest.starts_with("<!--") {
            in_comment = true;
            i += 4;
        } else if let Some(len) = (ch == '<').then(|| autolink_len(rest)).flatten() {
            // `<https://x.org>`: the reader sees the address without its brackets.
            out.push_str(&rest[1..len - 1], base + i + 1);
            i += len;
        } else if ch == '<' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            i += rest.find('>').map_or(1, |end| end + 1);
        } else if rest.starts_with("[^") && rest.contains(']') {
            i += rest.find(']').map_or(1, |end| end + 1);
        } else if ch == '[' && opens_link(&following[i..], labels) {
            *open_links += 1;
            i += 1;
        } else if ch == '`' || (ch == '!' && opens_link(&following[i + 1..], labels)) {
            i += 1;
        } else if ch == ']' && *open_links > 0 {
            *open_links -= 1;
            i += 1 + link_target_len(&rest[1..]);
        } else if let Some((decoded, len)) = (ch == '&').then(|| entity(rest)).flatten() {
            out.push(decoded, base + i, len);
            i += len;
        } else if ch == '\\' && rest[1..].starts_with(|c: char| c.is_ascii_punctuation()) {
            let escaped = rest[1..].chars().next().unwrap_or('\\');
            out.push(escaped, base + i, 2);
            i += 2;
        } else {
            out.push(ch, base + i, ch.len_utf8());
            i += ch.len_utf8();
        }
    }
    in_comment
}

/// The length of an autolink at the start of `rest`: `<` and an absolute URI (a scheme of 2
/// to 32 characters, `:`, no spaces) or an email address, then `>`.
fn autolink_len(rest: &str) -> Option<usize> {
    let inner = &rest[1..];
    let close = inner.bytes().take(2_000).position(|b| matches!(b, b'>' | b'<' | b' ' | b'\t' | b'\n'))?;
    if inner.as_bytes()[close] != b'>' || close == 0 {
        return None;
    }
    let target = &inner[..close];
    let uri = target.split_once(':').is_some_and(|(scheme, _)| {
        (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    });
    let email = target.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.bytes().all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
            && domain.contains('.')
            && domain.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
    });
    (uri || email).then_some(close + 2)
}

/// The character an HTML entity at the start of `rest` stands for (`&amp;`, `&nbsp;`,
/// `&mdash;`, `&#37;`, `&#x25;`), and the entity's length.
fn entity(rest: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 14] = [
        ("amp", '&'),
        ("nbsp", ' '),
        ("mdash", '—'),
        ("ndash", '–'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("lsquo", '‘'),
        ("rsquo", '’'),
        ("ldquo", '“'),
        ("rdquo", '”'),
        ("hellip", '…'),
        ("shy", '\u{ad}'),
    ];
    // An entity's name is short: look no further for its `;` (a line of `&`s stays linear).
    let close = rest.bytes().skip(1).take(10).position(|b| b == b';')?;
    let name = rest.get(1..1 + close)?;
    let decoded = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => char::from_u32(u32::from_str_radix(&hex[1..], 16).ok()?)?,
        Some(decimal) => char::from_u32(decimal.parse().ok()?)?,
        None => NAMED.iter().find(|(n, _)| *n == name)?.1,
    };
    Some((decoded, name.len() + 2))
}

/// `(url)` or `[ref]` right after a link's text.
fn link_target_len(rest: &str) -> usize {
    let close = match rest.chars().next() {
        Some('(') => ')',
        Some('[') => ']',
        _ => return 0,
    };
    rest.find(close).map_or(0, |end| end + 1)
}

// ---------------------------------------------------------------- LaTeX

/// Commands dropped with their arguments: references, citations, layout.
const DROPPED: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citeauthor",
    "citeyear",
    "parencite",
    "textcite",
    "autocite",
    "footcite",
    "nocite",
    "ref",
    "eqref",
    "autoref",
    "cref",
    "Cref",
    "pageref",
    "label",
    "url",
    "includegraphics",
    "input",
    "include",
    "bibliography",
    "bibliographystyle",
    "addbibresource",
    "vspace",
    "hspace",
    "begin",
    "end",
    "newcommand",
    "renewcommand",
    "usepackage",
    "index",
    "marginpar",
    "documentclass",
    "setlength",
    "pagestyle",
    "thispagestyle",
];

fn latex(text: &str, out: &mut Builder) {
    let start = text.find("\\begin{document}").map_or(0, |at| at + "\\begin{document}".len());
    let end = text[start..].find("\\end{document}").map_or(text.len(), |at| start + at);
    // A footnote's text is typeset apart from the sentence it is attached to: each is read
    // after the body, as a passage of its own, so both the sentence and the note can be quoted.
    let mut notes = vec![(start, end)];
    let mut next = 0;
    while let Some(&(start, end)) = notes.get(next) {
        if next > 0 {
            out.push_break(start);
        }
        latex_range(text, (start, end), out, &mut notes);
        next += 1;
    }
}

/// The visible text of `text[start..end]`; footnotes met there are added to `notes`.
fn latex_range(text: &str, (start, end): (usize, usize), out: &mut Builder, notes: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let rest = &text[i..end];
        let Some(ch) = rest.chars().next() else { break };
        match ch {
            '%' => {
                i += rest.find('\n').map_or(rest.len(), |nl| nl + 1);
                while i < end && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
            }
            '\\' => i += latex_command(rest, i, out, notes),
            '{' | '}' | '$' => i += 1,
            '~' | '&' => {
                out.push_space(i);
                i += 1;
            }
            '-' => {
                let run = rest.len() - rest.trim_start_matches('-').len();
                out.push('-', i, run.min(3));
                i += run.min(3);
            }
            '`' | '\'' if rest[1..].starts_with(ch) => {
                out.push('"', i, 2);
                i += 2;
            }
            '`' => {
                out.push('\'', i, 1);
                i += 1;
            }
            _ => {
                out.push(ch, i, ch.len_utf8());
                i += ch.len_utf8();
            }
        }
    }
}

/// One command starting with `\` at `at`; returns how many bytes it spans.
fn latex_command(rest: &str, at: usize, out: &mut Builder, notes: &mut Vec<(usize, usize)>) -> usize {
    let after = &rest[1..];
    let Some(next) = after.chars().next() else { return 1 };
    if !next.is_ascii_alphabetic() {
        return match next {
            '%' | '$' | '&' | '#' | '_' | '{' | '}' => {
                out.push(next, at, 2);
                2
            }
            '\\' | ',' | ';' | ':' | ' ' => {
                out.push_space(at);
                // `\\[2pt]`: a line break's spacing is no text.
                let spacing = match group_len(&after[1..]) {
                    // A short `[2pt]` on the same line; a `[` left open is text.
                    len if next == '\\'
                        && after[1..].starts_with('[')
                        && len <= 16
                        && after[1..1 + len].matches('[').count() == after[1..1 + len].matches(']').count()
                        && !after[1..1 + len].contains('\n') =>
                    {
                        len
                    }
                    _ => 0,
                };
                2 + spacing
            }
            '\'' | '`' | '"' | '^' | '~' | '=' | '.' => accent(next, &after[1..], at, out) + 2,
            _ => 1 + next.len_utf8(),
        };
    }
    let name_len = after.len() - after.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
    let name = &after[..name_len];
    let mut len = 1 + name_len;
    if rest[len..].starts_with('*') {
        len += 1;
    }
    match name {
        "ldots" | "dots" | "textellipsis" => out.push('…', at, len),
        "textendash" | "textemdash" => out.push('-', at, len),
        "textquoteleft" | "textquoteright" => out.push('\'', at, len),
        "textquotedblleft" | "textquotedblright" => out.push('"', at, len),
        "textpercent" => out.push('%', at, len),
        "textdollar" => out.push('$', at, len),
        "euro" => out.push('€', at, len),
        "href" => len += group_len(&rest[len..]),
        "footnote" | "footnotetext" | "endnote" => {
            // `\footnote[3]{…}`: the mark's number is no text; the braces' content is a note.
            if rest[len..].starts_with('[') {
                len += group_len(&rest[len..]);
            }
            let group = group_len(&rest[len..]);
            if group >= 2 && rest[len..].starts_with('{') && rest[..len + group].ends_with('}') {
                notes.push((at + len + 1, at + len + group - 1));
                len += group;
            }
        }
        _ if DROPPED.contains(&name) => {
            while let Some(group) = Some(group_len(&rest[len..])).filter(|&g| g > 0) {
                len += group;
            }
            // `text~\cite{x}, more`: the tie before a dropped citation must not stand before the comma.
            if rest[len..].starts_with([',', '.', ';', ':', ')', '!', '?']) {
                out.drop_pending_space();
            }
        }
        _ => {}
    }
    len
}

/// A `{...}` or `[...]` argument (with nested braces) right at the start of `text`.
fn group_len(text: &str) -> usize {
    let (open, close) = match text.chars().next() {
        Some('{') => ('{', '}'),
        Some('[') => ('[', ']'),
        _ => return 0,
    };
    let mut depth = 0usize;
    // An escaped brace (`\}`) and a comment (`% … }` to the line's end) close nothing.
    let (mut escaped, mut comment) = (false, false);
    for (i, ch) in text.char_indices() {
        match ch {
            '\n' => comment = false,
            _ if comment => {}
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '%' => comment = true,
            _ if ch == open => depth += 1,
            _ if ch == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// `\'e`, `\"{o}`: the accented letter; returns the bytes after the accent command.
fn accent(mark: char, text: &str, at: usize, out: &mut Builder) -> usize {
    let (letter, len) = match text.strip_prefix('{') {
        Some(inner) => match inner.chars().next() {
            Some(c) if inner[c.len_utf8()..].starts_with('}') => (c, c.len_utf8() + 2),
            _ => return 0,
        },
        None => match text.chars().next() {
            Some(c) if c.is_alphabetic() => (c, c.len_utf8()),
            _ => return 0,
        },
    };
    out.push(compose(mark, letter), at, len + 2);
    len
}

fn compose(mark: char, letter: char) -> char {
    let table: &[(char, &str, &str)] = &[
        ('\'', "aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝćńśź"),
        ('`', "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
        ('"', "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
        ('^', "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
        ('~', "anoANO", "ãñõÃÑÕ"),
        ('=', "aeiouAEIOU", "āēīōūĀĒĪŌŪ"),
        ('.', "zZ", "żŻ"),
    ];
    table
        .iter()
        .find(|(m, _, _)| *m == mark)
        .and_then(|(_, plain, accented)| plain.chars().position(|c| c == letter).and_then(|i| accented.chars().nth(i)))
        .unwrap_or(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(text: &str, format: Format) -> String {
        normalize(text, format).text
    }

    #[test]
    fn brackets_that_open_no_link_are_text() {
        let md = "Trade grew [1]. See [the table](t.md), ![a map](m.png) and [Smith][s], [Jones] and [sic].\n\n[s]: http://x.org\n[jones]: http://y.org\n";
        assert_eq!(
            visible(md, Format::Markdown),
            "Trade grew [1]. See the table, a map and Smith, Jones and [sic]. s: http://x.org jones: http://y.org"
        );
        // A `!` that starts no image is text, and a link's text may run on to the next line.
        let md = "It grew! See [the table](t.md), as [the ministry\nreport](http://x.org) says.\n\n“Wow!”";
        assert_eq!(visible(md, Format::Markdown), "It grew! See the table, as the ministry report says. \"Wow!\"");
        assert_eq!(visible("Trade grew!", Format::Markdown), "Trade grew!");
        // Entities are the characters they stand for, and list bullets and numbers no text.
        let md = "Trade &amp; aid&nbsp;grew 5&#37; &mdash; fast.\n\nA list:\n- First item.\n2. Second item.\n";
        assert_eq!(visible(md, Format::Markdown), "Trade & aid grew 5%-fast. A list: First item. 2. Second item.");
        // A number that starts a wrapped line of a paragraph is the paragraph's; a link left
        // open by a stray bracket closes at the paragraph's end; `&` alone is text.
        let quoted = "> The deal was worth\n> 100. The price rose.\n\nThe sum was\n  about\n250. The rest\n\n1. a\n2000, a record.\n2. In time";
        assert_eq!(
            visible(quoted, Format::Markdown),
            "The deal was worth 100. The price rose. The sum was about 250. The rest a 2000, a record. In time"
        );
        assert_eq!(visible("See [a\n \nb](u) here", Format::Markdown), "See [a b](u) here");
        let md = "The deal was worth\n100. The price rose & fell.\n\nX [a<b](y) c > d\n\nLater ] ok";
        assert_eq!(visible(md, Format::Markdown), "The deal was worth 100. The price rose & fell. X a d Later ] ok");
    }

    #[test]
    fn markdown_markup_is_not_text() {
        let md = "---\ntitle: x\n---\n# Trade\n\n> With **5.8 percent** of\n> Kazakhstan's [trade](http://x.org) `now`[^1].\n<!-- a\nnote -->Done.\n\n[^1]: A note.";
        assert_eq!(visible(md, Format::Markdown), "Trade With 5.8 percent of Kazakhstan's trade now. Done. A note.");
    }

    #[test]
    fn an_autolink_shows_its_address() {
        let md = "See <https://x.org/a?b=1> or <me@x.org>, not <b>bold</b> <a href=\"u\">x</a> a<b.";
        assert_eq!(visible(md, Format::Markdown), "See https://x.org/a?b=1 or me@x.org, not bold x ab.");
        let n = normalize(md, Format::Markdown);
        let at = n.text.find("https").unwrap();
        assert_eq!(&md[n.source_span(at..at + 5, md).range()], "https");
    }

    #[test]
    fn a_quote_is_read_as_the_markdown_around_it() {
        let labels: HashSet<String> = ["jones".to_string()].into();
        let read = |quote: &str, format| quote_as_read(quote, format, || &labels);
        assert_eq!(
            read("a [link](http://x.org/12), [Jones], [sic] <https://y.org> `code` x[^1] &amp; \\$5", Format::Markdown)
                .as_deref(),
            Some("a link, Jones, [sic] https://y.org code x & $5")
        );
        // Nothing to read differently: the quote is looked for as written alone.
        assert_eq!(read("plain *words* -- and [1]", Format::Markdown), None);
        assert_eq!(read("a [link](http://x.org)", Format::Latex), None);
        assert_eq!(read("a [link](http://x.org)", Format::Plain), None);
    }

    #[test]
    fn latex_commands_are_stripped() {
        let tex = "\\documentclass{article}\n\\begin{document}\n\\section{Trade}\nTrade reached \\emph{\\$1.5bn} in 2000--2001 % not this\n  (a 5.8\\% share)~\\cite[p.~5]{xing}. ``Quoted'' caf\\'e \\ldots\n\\end{document}\nafter";
        assert_eq!(
            visible(tex, Format::Latex),
            "Trade Trade reached $1.5bn in 2000-2001 (a 5.8% share). \"Quoted\" café ..."
        );
    }

    #[test]
    fn latex_leaves_out_what_is_not_printed_in_the_sentence() {
        let tex = "Trade\\index{trade} grew\\marginpar{a note} fast.\\\\[2pt]Then it fell.";
        assert_eq!(visible(tex, Format::Latex), "Trade grew fast. Then it fell.");
        // A `[` left open after `\\\\` is text, not an argument running to the end.
        assert_eq!(visible("One.\\\\[ Two. Three.", Format::Latex), "One. [ Two. Three.");
    }

    #[test]
    fn a_latex_footnote_is_a_passage_of_its_own_after_the_body() {
        let tex = "\\begin{document}\nTrade reached \\$1.5bn\\footnote{Source: \\emph{Kazstat}.} in 2000.\\footnote[7]{Later: $2bn.}\nMore.\n\\end{document}";
        let n = normalize(tex, Format::Latex);
        assert_eq!(n.text, "Trade reached $1.5bn in 2000. More.\u{2029}Source: Kazstat.\u{2029}Later: 2bn.");
        let at = n.text.find("Kazstat").unwrap();
        assert_eq!(&tex[n.source_span(at..at + 7, tex).range()], "Kazstat", "offsets still point at the source");
        // An escaped brace, or one in a comment, closes nothing.
        let tex = "A\\footnote{Note % see p. }\n  on \\{x\\}.} B.";
        assert_eq!(visible(tex, Format::Latex), "A B.\u{2029}Note on {x}.");
        // A note left open is no note: its text stays where it is.
        assert_eq!(visible("A\\footnote{open. B", Format::Latex), "Aopen. B");
    }

    #[test]
    fn latex_offsets_point_at_the_source() {
        let tex = "A \\emph{5.8\\%} share";
        let n = normalize(tex, Format::Latex);
        let at = n.text.find("5.8%").unwrap();
        let span = n.source_span(at..at + 4, tex);
        assert_eq!(&tex[span.range()], "5.8\\%");
    }

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(Format::of("paper.TEX"), Format::Latex);
        assert_eq!(Format::of("dir.v2/paper.md"), Format::Markdown);
        assert_eq!(Format::of("paper.txt"), Format::Plain);
        assert_eq!(Format::of("README"), Format::Plain);
    }
}
