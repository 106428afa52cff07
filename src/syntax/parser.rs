//! The line-oriented driver: splits a file into lines, strips comments, attaches
//! quotes and block members, and recovers at every line.

use super::ast::*;
use super::cursor::{trim_ws_end, trim_ws_start, Cursor, SyntaxError};
use super::directive;
use super::fast;
use super::line_ends;
use super::tokens;
use crate::finding::{Finding, Label};
use crate::registry;
use crate::source::{FileId, Span};

/// The longest line the parser reads; longer lines are one `syntax` finding.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// What the next `>` quote line attaches to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Nothing,
    /// The entry being read.
    Entry,
    /// A member of the block being read.
    Member(usize),
    /// A broken directive, or an indented line that belongs to nothing: its quotes are skipped
    /// silently, and each indented line after it is reported, as nothing above can take it.
    Broken,
    /// A `shares` or `total` header that failed to parse: the indented lines under it are its
    /// members, skipped with their quotes (the header's finding stands for them), but a member
    /// that is malformed in itself is reported.
    BrokenBlock,
    /// A broken block member: its quotes are skipped; the next members are still read.
    BrokenMember,
}

pub fn parse(file: FileId, text: &str) -> (ParsedFile, Vec<Finding>) {
    let mut entries = Vec::new();
    let (allows, findings) = parse_into(file, text, &mut entries, usize::MAX, |_| {});
    (ParsedFile { entries, allows }, findings)
}

/// Parses `text`, handing each entry to `emit` once it is whole (its quotes and block members
/// attached), so a caller can consume a large file without ever holding its whole tree.
/// Returns the file's suppressions and its syntax findings.
pub fn parse_each<L: ParsedLine>(file: FileId, text: &str, mut emit: impl FnMut(L)) -> (Vec<Allow>, Vec<Finding>) {
    // Whole entries are handed on a few at a time: few enough to stay in the cache.
    const EACH: usize = 64;
    let mut entries = Vec::with_capacity(EACH);
    let parsed = parse_into(file, text, &mut entries, EACH, |whole| whole.drain(..).for_each(&mut emit));
    entries.into_iter().for_each(emit);
    parsed
}

/// Parses `text` into `entries` (or items: see [`ParsedLine`]): each entry is pushed when its
/// first line is read, and its quotes and block members are attached to it there, so that no
/// entry is moved while it is read (an entry is some 320 bytes, a record 160). Whenever
/// `entries` holds `full` entries or more, all of them whole, it is handed to `hand_over`,
/// which takes them (or leaves them, whole); the entries left in it at the end are the file's
/// last ones. Returns the file's suppressions and its syntax findings.
pub fn parse_into<L: ParsedLine>(
    file: FileId,
    text: &str,
    entries: &mut Vec<L>,
    full: usize,
    mut hand_over: impl FnMut(&mut Vec<L>),
) -> (Vec<Allow>, Vec<Finding>) {
    let mut allows = Vec::new();
    let mut findings = Vec::new();
    // The last of `entries` is still being read: quotes and members below it attach to it.
    let mut open = false;
    let mut target = Target::Nothing;
    let mut quote_continues = false;
    let mut settings = SettingLines::default();
    let whole = text;
    for (index, (base, raw, semicolon)) in marked_lines(text).enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let indented = line.starts_with([' ', '\t']);
        if line.len() > MAX_LINE_BYTES {
            findings.push(syntax_finding(
                file,
                &SyntaxError {
                    span: Span::new(base, base + line.len()),
                    message: format!("expected a line of at most {MAX_LINE_BYTES} bytes"),
                    label: "this line is skipped".into(),
                    invalid_date: false,
                },
            ));
            // A quote or comment too long to read leaves what it stands under as it is.
            if line.trim_start().starts_with(['>', ';']) {
                quote_continues = false;
                continue;
            }
            // A member too long to read is still a member: its block's sums are not whole.
            target = match open_block(open_entry(entries, open), target, line) {
                Some(block) => {
                    block.unparsed_member = true;
                    Target::BrokenMember
                }
                None if !indented => broken(line),
                // Under a broken header it is one of its members; anywhere else, a stray line.
                None if target == Target::BrokenBlock => Target::BrokenBlock,
                None => Target::Broken,
            };
            quote_continues = false;
            continue;
        }
        // `str::trim` decodes every character it looks at; the lines are nearly all ASCII.
        let trimmed = trim_ws_start(line);
        if let Some(quote) = trimmed.strip_prefix('>') {
            let lead = line.len() - quote.len();
            let comment_at = if semicolon { quote_comment(quote) } else { None };
            let quote = comment_at.map_or(quote, |at| &quote[..at]);
            let words = trim_ws_start(quote);
            let text = trim_ws_end(words);
            let start = base + lead + (quote.len() - words.len());
            let span = Span::new(start, start + text.len());
            attach_quote(open_entry(entries, open), target, quote_continues, (span, text), whole).unwrap_or_else(
                || {
                    findings.push(Finding::new(
                        &registry::SYNTAX,
                        "expected a statement above this `>` quote: a quote supports the line it follows",
                        Label::new(file, span, "nothing above to attach to"),
                    ))
                },
            );
            quote_continues = true;
            if let Some(at) = comment_at.map(|at| lead + at) {
                if let Some(error) = collect_allows(&mut allows, index, base + at, &line[at..]) {
                    findings.push(syntax_finding(file, &error));
                }
            }
            continue;
        }
        quote_continues = false;
        let (content, comment) = if semicolon { split_comment(line) } else { (line, None) };
        let findings_before = findings.len();
        'content: {
            // Without a `;`, the content is the line, trimmed already.
            if if semicolon { trim_ws_start(content).is_empty() } else { trimmed.is_empty() } {
                break 'content;
            }
            if indented {
                if target == Target::BrokenBlock {
                    // The header's finding stands for its members; a member that is itself
                    // malformed is a bad line of its own.
                    if let Err(error) = directive::member(&mut Cursor::new(content, base)) {
                        findings.push(syntax_finding(file, &error));
                    }
                    break 'content;
                }
                let Some(block) = open_block(open_entry(entries, open), target, line) else {
                    findings.push(Finding::new(
                        &registry::SYNTAX,
                        "expected a directive at column 1: only `shares` and `total` blocks take indented members, and quotes start with `>`",
                        Label::new(file, Span::new(base + line.len() - trimmed.len(), base + content.trim_end().len()), "indented line"),
                    ));
                    target = Target::Broken;
                    break 'content;
                };
                let mut cursor = Cursor::new(content, base);
                match directive::member(&mut cursor) {
                    Ok(member) => {
                        block.members.push(member);
                        target = Target::Member(block.members.len() - 1);
                    }
                    Err(error) => {
                        findings.push(syntax_finding(file, &error));
                        // The member's value is unknown, not absent: the block's sums cannot be judged.
                        block.unparsed_member = true;
                        target = Target::BrokenMember;
                    }
                }
                break 'content;
            }
            // A line at column 1 ends the entry above: nothing more can attach to it.
            open = false;
            if entries.len() >= full {
                hand_over(entries);
            }
            // The common claim line is read in one pass; a claim sets nothing `settings` tracks.
            if L::fast(content, base, entries).is_some() {
                open = true;
                target = Target::Entry;
                break 'content;
            }
            let mut cursor = Cursor::new(content, base);
            let parsed = directive::entry(&mut cursor);
            // An impossible date does not stop the line: each is reported with what else is wrong.
            findings.extend(cursor.take_invalid_dates().iter().map(|error| syntax_finding(file, error)));
            match parsed {
                Ok(entry) => match settings.repeats(&entry, index) {
                    Some(error) => {
                        findings.push(syntax_finding(file, &error));
                        target = Target::Broken;
                    }
                    None => {
                        entries.push(L::entry(entry));
                        open = true;
                        target = Target::Entry;
                    }
                },
                Err(error) => {
                    findings.push(syntax_finding(file, &error));
                    target = broken(content);
                }
            }
        }
        if let Some(comment_start) = comment {
            if let Some(error) = collect_allows(&mut allows, index, base + comment_start, &line[comment_start..]) {
                // A bad line is one `syntax` finding: the comment's error only when the content
                // parses (an impossible date stops nothing).
                if findings[findings_before..].iter().all(|f| f.code() == registry::INVALID_DATE.code) {
                    findings.push(syntax_finding(file, &error));
                }
            }
        }
    }
    (allows, findings)
}

/// The entry being read: the last of `entries` while it is `open`.
fn open_entry<L>(entries: &mut [L], open: bool) -> Option<&mut L> {
    if open {
        entries.last_mut()
    } else {
        None
    }
}

/// Upper bounds on a file's claims and events, to size the model's tables once: each line
/// that may hold a statement (neither blank, nor a comment, nor a quote, nor a declaration)
/// counts as an event when one of its first words is `event`, and as a claim otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub claims: usize,
    pub events: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.claims += other.claims;
        self.events += other.events;
    }
}

/// The directives that speak for a whole file set, read ahead of its statements: `source`,
/// `measure`, `as-of`, `tolerance`, `manuscript` and `bibliography` lines, parsed exactly as
/// [`parse`] parses them (broken ones are left out; [`parse`] reports them); and the file's
/// [`Sizes`].
pub fn parse_declarations(text: &str) -> (ParsedFile, Sizes) {
    let (offset, body) = past_byte_order_mark(text);
    let part = Declarations::read_part(body, offset);
    let sizes = part.sizes;
    (ParsedFile { entries: part.kept(0, &mut SettingLines::default()), allows: Vec::new() }, sizes)
}

/// [`parse_declarations`], with the second half of the text read on a thread of its own (a
/// large file's pass took 7 ms on one thread, while the parser's own thread had room to spare).
pub fn parse_declarations_in_halves(text: &str) -> (ParsedFile, Sizes) {
    let (offset, body) = past_byte_order_mark(text);
    let middle = body.len() / 2;
    // The second half starts at a line's start: no line is read in two parts.
    let Some(cut) = memchr::memchr(b'\n', &body.as_bytes()[middle..]).map(|at| middle + at + 1) else {
        return parse_declarations(text);
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| Declarations::read_part(&body[cut..], offset + cut));
        let first = Declarations::read_part(&body[..cut], offset);
        (first, second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let mut sizes = first.sizes;
    sizes += second.sizes;
    // The first half ends with a `\n`: the empty line after it is the second half's first.
    let second_from = first.lines - 1;
    let mut settings = SettingLines::default();
    let mut entries = first.kept(0, &mut settings);
    entries.append(&mut second.kept(second_from, &mut settings));
    (ParsedFile { entries, allows: Vec::new() }, sizes)
}

/// What the first byte of a line tells about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineStart {
    /// Nothing to count: a quote, a comment, a `\r` (the end of a CRLF line holding nothing
    /// else), a `\n` (an empty line).
    Nothing,
    /// A space or a tab: what the line is, its first other byte tells.
    Blank,
    /// A statement.
    Statement,
    /// A statement or, at column 1, maybe a declaration: statements start with a date, a
    /// label, `event`, `assert` or `order`, declarations with a letter, and a line whose first
    /// byte starts no declaration (a date, most labels) is passed over without reading its
    /// first word.
    MayDeclare,
}

impl LineStart {
    const OF: [LineStart; 256] = {
        let mut of = [LineStart::Statement; 256];
        let mut at = 0;
        while at < Declarations::KEYWORDS.len() {
            of[Declarations::KEYWORDS[at].as_bytes()[0] as usize] = LineStart::MayDeclare;
            at += 1;
        }
        of[b' ' as usize] = LineStart::Blank;
        of[b'\t' as usize] = LineStart::Blank;
        of[b'>' as usize] = LineStart::Nothing;
        of[b';' as usize] = LineStart::Nothing;
        of[b'\r' as usize] = LineStart::Nothing;
        of[b'\n' as usize] = LineStart::Nothing;
        of
    };
}

/// Where a text's `event`s are. Most lines hold none: they are found in one pass over the
/// whole text, by their `v` (the rarest of their letters), and only a statement line that
/// holds one is read word by word.
struct Events<I> {
    found: I,
    /// The next one, at or after the line last asked about.
    next: usize,
}

impl Events<()> {
    fn new(bytes: &[u8]) -> Events<impl Iterator<Item = usize> + '_> {
        let mut found =
            memchr::memchr_iter(b'v', bytes).filter(|&v| v > 0 && bytes[v - 1..].starts_with(b"event")).map(|v| v - 1);
        let next = found.next().unwrap_or(usize::MAX);
        Events { found, next }
    }
}

impl<I: Iterator<Item = usize>> Events<I> {
    /// Whether an `event` starts between `start` and `end`, asked of lines in order.
    #[inline]
    fn any_in(&mut self, start: usize, end: usize) -> bool {
        if self.next < start {
            self.pass(start);
        }
        self.next < end
    }

    /// Passes over the `event`s before `start`: those of the lines that count none (quotes,
    /// comments).
    #[inline(never)]
    fn pass(&mut self, start: usize) {
        while self.next < start {
            self.next = self.found.next().unwrap_or(usize::MAX);
        }
    }
}

/// Whether a statement line counts as an event: `e1: early 2000s event "…"` has `event` as
/// its fourth word at the latest. (Few lines are read so: kept out of the loop over them.)
#[inline(never)]
fn is_event(line: &str) -> bool {
    line.split_ascii_whitespace().take(4).any(|word| word == "event")
}

/// The declarations [`parse_declarations`] has read in one part of a text.
#[derive(Default)]
struct Declarations {
    entries: Vec<Entry>,
    /// The line of each entry, counted from the part's first, for [`Declarations::kept`].
    entry_lines: Vec<usize>,
    sizes: Sizes,
    /// The lines of the part, the empty one after a last `\n` included.
    lines: usize,
}

impl Declarations {
    const KEYWORDS: [&str; 6] = ["source", "measure", "as-of", "tolerance", "manuscript", "bibliography"];

    /// Reads a part of a text, `body`, which starts at byte `offset` of the text, at the start
    /// of a line (past any byte order mark).
    fn read_part(body: &str, offset: usize) -> Declarations {
        let mut declarations = Declarations::default();
        let bytes = body.as_bytes();
        let mut events = Events::new(bytes);
        // The lines that open with a declaration's keyword, read once the pass is over: their
        // entries (some 300 bytes each) are then written once, into a table of their number,
        // rather than copied each time a growing table moved (3,000 declarations cost the
        // 100k-claim file 450 page faults that way, on the thread the model waits for).
        let mut keyword_lines = Vec::new();
        for (index, (start, end)) in line_ends::lines(bytes).enumerate() {
            declarations.lines = index + 1;
            // An empty line starts with its own `\n`; the last one, past the end.
            let column_1 = bytes.get(start).map_or(LineStart::Nothing, |&b| LineStart::OF[usize::from(b)]);
            let first = match column_1 {
                LineStart::Blank => match bytes[start..end].iter().find(|b| !matches!(b, b' ' | b'\t')) {
                    Some(&b) => LineStart::OF[usize::from(b)],
                    None => LineStart::Nothing,
                },
                first => first,
            };
            if first == LineStart::Nothing {
                continue;
            }
            if column_1 == LineStart::MayDeclare {
                if let Some(declares) = opens_with_keyword(&body[start..end]) {
                    keyword_lines.push((start, end, index));
                    if declares {
                        continue;
                    }
                }
            }
            if events.any_in(start, end) && is_event(&body[start..end]) {
                declarations.sizes.events += 1;
            } else {
                declarations.sizes.claims += 1;
            }
        }
        declarations.entries.reserve_exact(keyword_lines.len());
        for (start, end, index) in keyword_lines {
            declarations.read(&body[start..end], offset + start, index);
        }
        declarations
    }

    /// Its declarations but the settings an earlier line made already (`settings`, which
    /// notes those it makes; the part starts at the text's line `from`), kept in place.
    fn kept(mut self, from: usize, settings: &mut SettingLines) -> Vec<Entry> {
        let mut lines = self.entry_lines.iter().map(|line| from + line);
        // `retain` visits each entry once, in order: each meets its own line.
        self.entries.retain(|entry| lines.next().is_none_or(|line| settings.repeats(entry, line).is_none()));
        self.entries
    }

    /// Reads the part's line `index` (0-based), `raw`, which starts at `base` and opens with a
    /// declaration's keyword ([`opens_with_keyword`]): its entry, unless it is broken.
    fn read(&mut self, raw: &str, base: usize, index: usize) {
        // The length is the one [`parse_each`] measures, without a CRLF's `\r`.
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.len() <= MAX_LINE_BYTES {
            let mut cursor = Cursor::new(split_comment(line).0, base);
            if let Ok(entry) = directive::entry(&mut cursor) {
                self.entries.push(entry);
                self.entry_lines.push(index);
            }
        }
    }
}

/// Whether a line, `raw`, opens with a declaration's keyword, and if so whether it is a
/// declaration (or a broken one): one not followed by a label's `:` is never a claim or an
/// event, and is not counted in [`Sizes`]. Kept out of the loop over the lines, which it
/// would slow down.
#[inline(never)]
fn opens_with_keyword(raw: &str) -> Option<bool> {
    let (after, word) = tokens::ident(raw).ok()?;
    Declarations::KEYWORDS.contains(&word).then(|| !after.starts_with(':'))
}

/// Where a file sets `as-of`, `tolerance` and `manuscript`: once each, so that no setting
/// silently overrides another.
#[derive(Default)]
pub(super) struct SettingLines {
    /// The 0-based line of each setting's first line.
    as_of: Option<usize>,
    tolerance: Option<usize>,
    manuscript: Option<usize>,
}

impl SettingLines {
    /// The error for a setting already made on an earlier line (`line` is 0-based).
    pub(super) fn repeats(&mut self, entry: &Entry, line: usize) -> Option<SyntaxError> {
        let (seen, keyword) = match entry.directive {
            Directive::AsOf(_) => (&mut self.as_of, "as-of"),
            Directive::Tolerance(_) => (&mut self.tolerance, "tolerance"),
            Directive::Manuscript(_) => (&mut self.manuscript, "manuscript"),
            _ => return None,
        };
        let first = *seen.get_or_insert(line);
        (first != line).then(|| SyntaxError {
            span: entry.span,
            message: format!("expected one `{keyword}` line per file: line {} already sets it", first + 1),
            label: "a second setting".into(),
            invalid_date: false,
        })
    }
}

/// The text after a byte order mark, if it starts with one, and the offset it starts at.
fn past_byte_order_mark(text: &str) -> (usize, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, text),
    }
}

/// The file's lines, each with the byte offset it starts at. A byte order mark before the
/// first line (some Windows editors write one) is not part of that line.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let (mut offset, body) = past_byte_order_mark(text);
    // Lines are found with `memchr`: `str::split` took a fifth of the pass over the
    // declarations, and as much of the parser's own loop.
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let text = rest?;
        let (raw, after) = match memchr::memchr(b'\n', text.as_bytes()) {
            Some(end) => (&text[..end], Some(&text[end + 1..])),
            None => (text, None),
        };
        rest = after;
        let base = offset;
        offset += raw.len() + 1;
        Some((base, raw))
    })
}

/// [`lines`], each with whether it holds a `;` (a comment may start there). Line ends are
/// found 64 bytes at a time ([`line_ends`]), and the `;`s in one search over the whole text,
/// most lines holding none: a `memchr2` for each line's end or `;` cost some 85 instructions
/// a line.
pub(super) fn marked_lines(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let (offset, body) = past_byte_order_mark(text);
    let bytes = body.as_bytes();
    let mut semicolons = memchr::memchr_iter(b';', bytes);
    let mut next_semicolon = semicolons.next().unwrap_or(usize::MAX);
    line_ends::lines(bytes).map(move |(start, end)| {
        while next_semicolon < start {
            next_semicolon = semicolons.next().unwrap_or(usize::MAX);
        }
        (offset + start, &body[start..end], next_semicolon < end)
    })
}

/// What follows a line that failed to parse (`content`, its text before any comment): a
/// header meant as a `shares` or `total` block keeps its members, which are no stray lines.
/// It is one when the first word after its label and its date is the keyword, which a line
/// broken anywhere, its date included, still shows.
fn broken(content: &str) -> Target {
    // `2003..2008`, `~2002`, `~`, `early`, `mid-1990s`.
    let date_part = |word: &str| {
        word.starts_with(|ch: char| ch.is_ascii_digit() || ch == '~')
            || matches!(word.split('-').next(), Some("early" | "mid" | "late"))
    };
    let mut words = content.split_whitespace();
    // The first word may be a label (`x:`), with or without the space its colon needs.
    let first = words.next().map(|word| word.split_once(':').map_or(word, |(_, after)| after));
    match first.into_iter().chain(words).find(|word| !word.is_empty() && !date_part(word)) {
        Some("shares" | "total") => Target::BrokenBlock,
        _ => Target::Broken,
    }
}

/// Adds a `>` line's words (`line`: their span and text) to the quotes of what it follows,
/// continuing the last quote when the line before was a quote too; `whole` is the file's text.
fn attach_quote(
    current: Option<&mut impl ParsedLine>,
    target: Target,
    continues: bool,
    line: (Span, &str),
    whole: &str,
) -> Option<()> {
    let (span, text) = line;
    let quotes = match target {
        Target::Nothing => return None,
        Target::Broken | Target::BrokenBlock | Target::BrokenMember => return Some(()),
        Target::Entry => current?.quotes(),
        Target::Member(m) => &mut current?.block()?.members[m].quotes,
    };
    match quotes.last_mut() {
        Some(last) if continues => {
            let first_line = whole.get(last.span.range()).unwrap_or("");
            let joined = last.joined.get_or_insert_with(|| Box::new(first_line.to_string()));
            if !text.is_empty() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(text);
            }
            last.span = last.span.cover(span);
        }
        _ => {
            quotes.push(Quote { span, joined: None });
        }
    }
    Some(())
}

fn syntax_finding(file: FileId, error: &SyntaxError) -> Finding {
    let rule = if error.invalid_date { &registry::INVALID_DATE } else { &registry::SYNTAX };
    Finding::new(rule, error.message.clone(), Label::new(file, error.span, error.label.clone()))
}

/// Splits a line at its comment: `;` outside strings and `[...]`.
/// Returns the content before it and the byte offset of the `;`.
pub fn split_comment(line: &str) -> (&str, Option<usize>) {
    if memchr::memchr(b';', line.as_bytes()).is_none() {
        return (line, None);
    }
    let mut in_string = false;
    let mut escaped = false;
    let mut brackets = 0usize;
    // Bytes: every character that matters is ASCII, and no byte of a wider character is one.
    // An escaped character's first byte ends its escape, and its other bytes match nothing.
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' => brackets += 1,
            b']' => brackets = brackets.saturating_sub(1),
            b';' if brackets == 0 => return (&line[..i], Some(i)),
            _ => {}
        }
    }
    (line, None)
}

/// Where the comment of a quote line starts, if it has one. A quote is the manuscript's words,
/// whose own semicolons are glued to the word before them (`grew; exports fell`), so a comment
/// starts at a `;` that opens the quote or follows a space (`> reaching $1.5bn ; p. 121`), or at
/// a `;` followed only by `allow(…)` groups (`quote-not-found` points at the quote line, and
/// could not be silenced on it otherwise).
fn quote_comment(quote: &str) -> Option<usize> {
    // Only `allow(…)` groups may follow the `;`: `;allow(ed) rose (fast)` is prose.
    let only_allows = |mut rest: &str| loop {
        let Some(group) = rest.trim_start().strip_prefix("allow(") else { return false };
        let Some(close) = group.find(')') else { return false };
        rest = group[close + 1..].trim_start();
        if rest.is_empty() {
            return true;
        }
    };
    let after_space = |at: usize| quote[..at].trim().is_empty() || quote[..at].ends_with(char::is_whitespace);
    // `memchr` rather than `match_indices`, which calls a searcher for every quote line.
    memchr::memchr_iter(b';', quote.as_bytes()).find(|&at| after_space(at) || only_allows(&quote[at + 1..]))
}

/// Every `allow(CODE, …)` group in a comment: `; allow(record) allow(uncited)` silences both
/// codes, wherever the groups stand in the comment, so that none is silently ignored. A
/// group starts the comment or follows a space or a `;`: prose that writes `` `allow(x)` ``
/// or `disallow(x)` silences nothing. Each code gets its own span.
/// Returns the error of a group that cannot be read (no `)`, or no code inside), which would
/// otherwise silence nothing unseen; the codes of the groups that can be read still count.
fn collect_allows(allows: &mut Vec<Allow>, line: usize, comment_base: usize, comment: &str) -> Option<SyntaxError> {
    const OPEN: &str = "allow(";
    let mut error = None;
    let mut from = 0;
    while let Some(found) = comment[from..].find(OPEN) {
        let at = from + found;
        let args = at + OPEN.len();
        from = args;
        if comment[..at].chars().next_back().is_some_and(|ch| !ch.is_whitespace() && ch != ';') {
            continue;
        }
        let group_error = |end: usize, message: &str, label: &str| SyntaxError {
            span: Span::new(comment_base + at, comment_base + end),
            message: message.into(),
            label: label.into(),
            invalid_date: false,
        };
        let Some(close) = comment[args..].find(')').map(|c| args + c) else {
            let end = comment.trim_end().len();
            error.get_or_insert(group_error(end, "expected `)` to close `allow(`", "this suppression is never closed"));
            break;
        };
        from = close + 1;
        let before = allows.len();
        let mut pos = args;
        for code in comment[args..close].split(',') {
            let trimmed = code.trim();
            let start = comment_base + pos + (code.len() - code.trim_start().len());
            pos += code.len() + 1;
            // An empty slot (`allow(a,,b)`, a trailing comma) holds no code to lose.
            if !trimmed.is_empty() {
                allows.push(Allow { code: trimmed.to_string(), line, span: Span::new(start, start + trimmed.len()) });
            }
        }
        if allows.len() == before {
            let message = "expected a finding code inside `allow()`, like `allow(conflict)`";
            error.get_or_insert(group_error(from, message, "this suppression names no code"));
        }
    }
    error
}

/// The block whose member `line` (indented) would be, when one is open: a member line is one
/// whenever the line above is the block or one of its members: a column-1 line too long to
/// read leaves the block open, but what is indented under it is not the block's.
fn open_block<'e>(current: Option<&'e mut impl ParsedLine>, target: Target, line: &str) -> Option<&'e mut Block> {
    if !line.starts_with([' ', '\t']) || !matches!(target, Target::Entry | Target::Member(_) | Target::BrokenMember) {
        return None;
    }
    current?.block()
}

/// What the parser reads a file into: entries (a file's tree), or [`Item`]s, which hold the
/// common claim line as its compact record (what a run hands to the model).
pub trait ParsedLine: Sized {
    /// Reads `line` (its text before its comment, at byte `base` of its file) into `into`
    /// when it is the common claim line ([`fast::record`]); `None`, with nothing pushed, when
    /// the general parser must read it.
    fn fast(line: &str, base: usize, into: &mut Vec<Self>) -> Option<()>;
    /// Any other line, as the general parser reads it.
    fn entry(entry: Entry) -> Self;
    /// The quotes its line's `>` lines attach to.
    fn quotes(&mut self) -> &mut Quotes;
    /// The block whose members its indented lines are, if it is one.
    fn block(&mut self) -> Option<&mut Block>;
}

impl ParsedLine for Entry {
    fn fast(line: &str, base: usize, into: &mut Vec<Self>) -> Option<()> {
        fast::record(line, base).map(|record| into.push(record.entry(line)))
    }

    fn entry(entry: Entry) -> Self {
        entry
    }

    fn quotes(&mut self) -> &mut Quotes {
        &mut self.quotes
    }

    fn block(&mut self) -> Option<&mut Block> {
        match &mut self.directive {
            Directive::Block(block) => Some(block),
            _ => None,
        }
    }
}

impl ParsedLine for Item {
    fn fast(line: &str, base: usize, into: &mut Vec<Self>) -> Option<()> {
        fast::record(line, base).map(|record| into.push(Item::Claim(record)))
    }

    fn entry(entry: Entry) -> Self {
        Item::Entry(Box::new(entry))
    }

    fn quotes(&mut self) -> &mut Quotes {
        match self {
            Item::Claim(record) => &mut record.quotes,
            Item::Entry(entry) => &mut entry.quotes,
        }
    }

    fn block(&mut self) -> Option<&mut Block> {
        match self {
            Item::Claim(_) => None,
            Item::Entry(entry) => entry.block(),
        }
    }
}
