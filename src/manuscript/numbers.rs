//! Numbers in prose, as a reader would take them: `5.8 percent`, `43.1percent`, `$4.3bn`,
//! `10 million tons`, `1,780 km`, `one-third`, `half`, `three partners`, `September 11,
//! 2001`. Values are exact rationals. References (`(Blank, 97)`, `p. 298`, `[12]`, footnote
//! marks: see `references`) are not numbers of the text, and are skipped.

use super::references::references;
use crate::value::number::{int, parse_decimal, ratio, Q};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain amount: `1,780 km`, `12,000 students`, `ten million tons`, `three partners`.
    Count,
    /// `5.8 percent`, `43.1percent`, `21.8%`.
    Percent,
    /// An amount of a currency, by ISO code: `$4.3bn`, `USD 10 million`, `30 billion dollars`.
    Money(&'static str),
    /// A fraction of a whole: `one-third`, `half`, `1/3`.
    Ratio,
    /// A bare year: `in 2000`.
    Year,
    /// A calendar date or a decade: `September 11, 2001`, `May 2006`, `1990s`.
    Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub kind: Kind,
    /// The amount with its scale (`$4.3bn` is 4 300 000 000, `5.8 percent` is 5.8, `half` is 1/2).
    pub value: Q,
    /// The number as written, without its scale (`$4.3bn` and `4.3 million` are 4.3).
    pub written: Q,
}

const FRACTIONS: [(&str, i64); 7] =
    [("half", 2), ("halve", 2), ("third", 3), ("quarter", 4), ("fourth", 4), ("fifth", 5), ("tenth", 10)];
const ORDINALS: [&str; 9] = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const CURRENCY_SYMBOLS: [(&str, &str); 5] = [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY")];

/// Every number, date and percentage of `text`, in order.
pub fn scan(text: &str) -> Vec<Mention> {
    read(text, false).0
}

/// The numbers of `text` as [`scan`] reads them, and other readings that may be meant:
/// - of digits grouped by spaces that may be numbers of their own (see [`Scanner::number`]):
///   `grade 12 500 students` is read as 12 500, and also as 12 and 500;
/// - of a number that shares the percent sign, scale or currency written once for a range or
///   a list (see [`shared_readings`]): in `30-35%` the 30 is also read as 30 %.
pub fn scan_with_alternatives(text: &str) -> (Vec<Mention>, Vec<Mention>) {
    let (mentions, mut alternatives) = read(text, true);
    shared_readings(text, &mentions, &mut alternatives);
    (mentions, alternatives)
}

/// The numbers of a plain `text` of the kinds `wants`, as [`scan_with_alternatives`] reads
/// them, handed to `each` in order (the others are read, but their values not worked out);
/// `false`, as soon as that is seen, when `text` is not plain (what `each` was given then is
/// no reading of it).
///
/// Nearly every quote of a large claims file is plain (`flow 0 of item 0 reached $595.8m`),
/// and is read here in one pass over its bytes, without the general reader's tests, passes
/// and lists (see `agreement::judge_plain`). A plain text is printable ASCII: tokens, each
/// after one space but the first, each maybe ended by one `,`, `.`, `;` or `:`. A token is
/// - a word of letters, maybe followed by letters and digits (`flow0`), whose letters make
///   no number word, `a` or `half` (its length and first two letters pass over most words at
///   once), no month, no currency code and no page label (`p`, `pp`, `pg`, `page…`): one the
///   general reader passes over (see [`passed_over`]);
/// - digits before an ordinary word (`0 of`, `12 students`): a plain amount, as
///   [`Scanner::digits`] reads it at once, or a year (`2001 it`), which is read here only when
///   the claim's kind is no plain amount (then it is of the claim's kind in no reading);
/// - `$` and digits, maybe with decimals and an attached scale or one after a space (`$595.8m`,
///   `$1.5 billion`, `$12 of`): an amount in dollars (see [`plain_number`]).
///
/// Between two numbers stands a word, and the first after a number is none of `to`, `and`
/// or `or`, which may join a range or a list: every two numbers stand apart, and none takes a
/// reading shared with another. No reference starts in a plain text: each starts at a byte
/// (`(`, `[`, `<`, `"`, `)`, punctuation before a digit) or a word (a page label) it has none
/// of. Nor does one hold digits grouped by spaces (no number is followed by one), so it has no
/// other reading at all. And it is its own normal form (`normalize::normalized_quote`): single
/// spaces, none at its ends, no dash, `*` or `_`.
pub(super) fn read_plain(text: &str, wants: impl Fn(Kind) -> bool, mut each: impl FnMut(PlainNumber)) -> bool {
    let bytes = text.as_bytes();
    let class = |i: usize| bytes.get(i).map_or(0, |&b| PLAIN_BYTES[usize::from(b)]);
    // A plain text's numbers are plain amounts and dollars: whether the claim weighs each, asked once.
    let wanted = Wanted { count: wants(Kind::Count), dollars: wants(Kind::Money("USD")) };
    // Whether a number was read and no word after it yet; whether the first word after the
    // last number was a connector, which may join it to a next one.
    let (mut after_number, mut may_join) = (false, false);
    let mut i = 0;
    loop {
        let at = class(i);
        if at & LETTER != 0 {
            let (first, second) = (bytes[i], bytes.get(i + 1).copied().unwrap_or(0));
            // Most words are lower-case, and no page label or number word by their first two
            // letters: their letters are not looked at.
            if at == LOWER && passed_over_at_once(first, second) {
                if std::mem::take(&mut after_number) {
                    // `to` and `or` (`and` starts with `a`), and not `top` or `ore`.
                    let connector = matches!([first, second], [b't', b'o'] | [b'o', b'r']);
                    may_join = connector && !bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic);
                }
                i += 1;
            } else {
                let start = i;
                i = run_end(bytes, i + 1, LETTER);
                let word = &bytes[start..i];
                let ordinary = at == LOWER && first != b'p' && !may_be_spelled(word);
                if !ordinary && !passed_over(&text[start..i]) {
                    return false;
                }
                if std::mem::take(&mut after_number) {
                    may_join = matches!(word, b"to" | b"and" | b"or");
                }
            }
            // Digits and letters after the word's letters are passed over (`flow0`).
            i = run_end(bytes, i, LETTER | DIGIT);
        } else if at & (DIGIT | DOLLAR) != 0 {
            if after_number || may_join {
                return false;
            }
            let Some(end) = plain_number(text, i, wanted, &mut each) else { return false };
            i = end;
            after_number = true;
        } else {
            // An empty text, a space at the end or two in a row, or a byte of no plain text.
            return false;
        }
        i += usize::from(class(i) == STOP);
        match bytes.get(i) {
            None => return true,
            Some(b' ') => i += 1,
            Some(_) => return false,
        }
    }
}

/// Whether a claim weighs plain amounts and amounts in dollars, the kinds of a plain text's
/// numbers: a number of neither is read, but its value not worked out.
#[derive(Clone, Copy)]
struct Wanted {
    count: bool,
    dollars: bool,
}

/// Whether a lower-case word that starts with the letter `first` and the byte `second` is
/// passed over by its first two bytes alone: it is no `a` or page label, and no word of
/// [`SPELLED`] starts with them in any case, so [`may_be_spelled`] rules it out whatever its
/// length (one letter but `a`, or its first two letters) and [`passed_over`] is not asked.
/// A `second` that is no letter may give either answer: the word is then looked at whole.
#[inline]
fn passed_over_at_once(first: u8, second: u8) -> bool {
    !matches!(first, b'a' | b'p')
        && SPELLED_STARTS[usize::from(first - b'a')] >> ((second | 0x20).wrapping_sub(b'a') & 31) & 1 == 0
}

/// Where the run of bytes of the classes `of` (see [`PLAIN_BYTES`]) from `i` ends.
#[inline(always)]
fn run_end(bytes: &[u8], mut i: usize, of: u8) -> usize {
    while bytes.get(i).is_some_and(|&b| PLAIN_BYTES[usize::from(b)] & of != 0) {
        i += 1;
    }
    i
}

/// The classes of bytes in [`read_plain`]: letters, digits, `$`, and the punctuation that may
/// end a token. Any other byte (a space is read apart) makes a text no plain one.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const LETTER: u8 = LOWER | UPPER;
const DIGIT: u8 = 4;
const DOLLAR: u8 = 8;
const STOP: u8 = 16;

/// The class of each byte (see [`LOWER`]).
const PLAIN_BYTES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        classes[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'$' => DOLLAR,
            b',' | b'.' | b';' | b':' => STOP,
            _ => 0,
        };
        b += 1;
    }
    classes
};

/// The number of a plain text (see [`read_plain`]) at `start`, a digit or `$` after a space
/// or at the text's start, handed to `each` as [`Scanner::number`] reads it when `wanted`;
/// where it ends. `None` when it is none of the forms of a plain text, or when one that is
/// may be read otherwise by what follows it (then, below, that is no plain text either).
fn plain_number(text: &str, start: usize, wanted: Wanted, each: &mut impl FnMut(PlainNumber)) -> Option<usize> {
    let bytes = text.as_bytes();
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let dollar = byte(start) == b'$';
    let at = start + usize::from(dollar);
    // Up to 18 digits, as `decimal_value` reads them (more are left to the general reader).
    let mut j = run_end(bytes, at, DIGIT);
    if j == at || j - at > 18 {
        return None;
    }
    // `0 of`, `$12 of`, as `Scanner::digits` reads digits before an ordinary word: the test
    // of `Scanner::before_ordinary_word`, as `ordinary_word` makes it of the word's first two
    // letters (a byte that is no letter starts no word it looks for).
    if byte(j) == b' ' && byte(j + 1).is_ascii_lowercase() && !starts_one_of(&NAMING_STARTS, byte(j + 1), byte(j + 2)) {
        let (kind, weighed) = match dollar {
            true => (Kind::Money("USD"), wanted.dollars),
            false => (Kind::Count, wanted.count),
        };
        // A number of no kind the claim weighs is passed over unread: a year too, which is of
        // a percentage or money claim's kind in no reading.
        if !weighed {
            return Some(j);
        }
        let magnitude = digits_value(&bytes[at..j], 0);
        // A year where the claim weighs plain amounts, which a year may be read as, is left to
        // the general reader.
        if !dollar && j - at == 4 && (1000..=2999).contains(&magnitude) {
            return None;
        }
        each(PlainNumber { range: start..j, kind, magnitude, decimals: 0, exponent: 0 });
        return Some(j);
    }
    if !dollar {
        return None;
    }
    // `$595.8m`, `$1.5 billion`, `$5`, as `Scanner::digits_in_full` reads an amount with a
    // currency prefix whose digits are followed by a letter, a space, `.`, `,`, `;`, `:` or
    // nothing (any other byte ends the plain text there): no comma or space groups digits
    // (none is followed by a digit), decimals follow one `.`, and no date is read (that takes
    // a number without a currency, a dash, a slash, an apostrophe before or a month after it).
    let (mut magnitude, mut decimals) = (digits_value(&bytes[at..j], 0), 0);
    if byte(j) == b'.' && byte(j + 1).is_ascii_digit() {
        let point = j;
        j = run_end(bytes, point + 1, DIGIT);
        if j - at > 19 {
            return None;
        }
        magnitude = digits_value(&bytes[point + 1..j], magnitude);
        decimals = (j - point - 1) as u32;
    }
    if matches!(byte(j), b',' | b' ') && byte(j + 1).is_ascii_digit() {
        return None;
    }
    let letters_end = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (exponent, end) = if matches!(byte(j), b'm' | b'k') && !byte(j + 1).is_ascii_alphabetic() {
        // `m` or `k` alone attached, the commonest scale: as `scale_word` reads it.
        (if byte(j) == b'm' { 6 } else { 3 }, j + 1)
    } else if byte(j).is_ascii_alphabetic() {
        let suffix_end = letters_end(j);
        // Only a scale attached (`m` of `$595.8m`): an ordinal's, a decade's or a percent
        // sign's letters are read otherwise.
        let (exponent, len) = scale_word(&text[j..suffix_end], true)?;
        (exponent, j + len)
    } else if byte(j) == b' ' && byte(j + 1).is_ascii_alphabetic() {
        let word = &text[j + 1..letters_end(j + 1)];
        match scale_word(word, false) {
            Some((exponent, len)) => (exponent, j + 1 + len),
            // A percent word or a month after the number is read with it.
            None if matches!(word.as_bytes()[0], b'p' | b'P') || month_of(word).is_some() => return None,
            None => (0, j),
        }
    } else {
        (0, j)
    };
    if wanted.dollars {
        each(PlainNumber { range: start..end, kind: Kind::Money("USD"), magnitude, decimals, exponent });
    }
    Some(end)
}

/// The value of ASCII `digits` written after those of `before` (at most 19 digits in all).
fn digits_value(digits: &[u8], before: u64) -> u64 {
    digits.iter().fold(before, |value, &d| value * 10 + u64::from(d - b'0'))
}

/// A number of a plain text, as [`read_plain`] reads it: `magnitude / 10^decimals` as written
/// (at most 18 digits), times `10^exponent` for its scale word. Its value is told from these
/// (see `agreement::judge_plain`) without making a `Q` of it, which took about a tenth of the
/// judging of a plain quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PlainNumber {
    pub range: Range<usize>,
    pub kind: Kind,
    pub magnitude: u64,
    pub decimals: u32,
    pub exponent: u32,
}

impl PlainNumber {
    /// The general reader's mention of the number (`Scanner::digits` and `digits_in_full`
    /// make its values as `decimal_value` does, of 19 digits or fewer).
    pub fn mention(&self) -> Mention {
        let written = Q::from_decimal(false, self.magnitude, self.decimals);
        let value = written.times_pow10(self.exponent);
        Mention { range: self.range.clone(), kind: self.kind, value, written }
    }
}

fn read(text: &str, alternatives: bool) -> (Vec<Mention>, Vec<Mention>) {
    let references = references(text);
    let mut scanner = Scanner {
        text,
        out: Vec::new(),
        alternatives: alternatives.then(Vec::new),
        split: false,
        groups_of_zeros_only: false,
    };
    let mut next_reference = references.iter().peekable();
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Spaces and punctuation start nothing: they are passed over here at once rather than
        // by a step each. A reference opening among them is still caught just below.
        i = scanner.run_end(i, |&b| starts_nothing(b));
        if i >= text.len() {
            break;
        }
        if let Some(reference) = next_reference.next_if(|r| r.start <= i) {
            i = i.max(reference.end);
            continue;
        }
        // Most words of a quote are lower-case words that are no number word (`flow`, `of`,
        // `reached`), which `step` passes over (see `Scanner::word`): they are passed over
        // here, without its tests.
        if bytes[i].is_ascii_lowercase() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = scanner.run_end(i, u8::is_ascii_alphabetic);
            if !may_be_spelled(&bytes[i..end]) {
                i = end;
                continue;
            }
        }
        i = scanner.step(i);
    }
    (scanner.out, scanner.alternatives.unwrap_or_default())
}

/// How two numbers next to each other in a text are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// Not as the parts of one range or list.
    Apart,
    /// By a comma alone (`10, 20 and 30 percent`): a list only when a connector follows.
    Comma,
    /// By a dash or `to`: the two ends of a range (`30-35%`, `30 to 35 percent`).
    Range,
    /// By `and`, `or` or `and/or`: the items of a list (`20 and 30 percent`).
    List,
    /// By `and` or `or` and one or two words, when both numbers have a scale word and one a
    /// currency that reaches the other: `exports of $1.2 billion and imports of 0.8 billion`.
    Parallel,
}

/// The kinds that share, or take, a percent sign, a scale or a currency. Years, dates and
/// fractions do neither: `in 2000 and 35 percent` leaves 2000 a year.
fn shares(kind: Kind) -> bool {
    matches!(kind, Kind::Count | Kind::Percent | Kind::Money(_))
}

/// How `a` and the number after it, `b`, are joined in `text`.
fn join(text: &str, a: &Mention, b: &Mention) -> Join {
    // Most numbers of a quote stand apart, with words between them: the test is cut short by
    // the first word that joins nothing.
    if !shares(a.kind) || !shares(b.kind) {
        return Join::Apart;
    }
    let Some(between) = text.get(a.range.end..b.range.start) else { return Join::Apart };
    // Only a comma or a connector below joins: one of `to`, `and`, `or`, `and/or` or a dash
    // (`-`, or `–` and `—`, whose first byte is 0xE2). Any other first byte is a word between.
    let start = trim_start(between).as_bytes();
    if !matches!(start.first(), Some(b',' | b't' | b'a' | b'o' | b'-' | 0xE2)) {
        return Join::Apart;
    }
    // A word of ASCII letters, ended by an ASCII space or by the numbers' gap, is the
    // connector the words below would find: when it is none, that is told without them.
    let word = start.iter().position(|b| !b.is_ascii_alphabetic() && *b != b'/').unwrap_or(start.len());
    if start.get(word).is_none_or(u8::is_ascii_whitespace)
        && !matches!(&start[..word], b"to" | b"and" | b"or" | b"and/or")
    {
        return Join::Apart;
    }
    let between = between.trim();
    let (comma, rest) = match between.strip_prefix(',') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, between),
    };
    let mut words = rest.split_whitespace();
    let Some(connector) = words.next() else {
        return if comma { Join::Comma } else { Join::Apart };
    };
    let dash = matches!(connector, "-" | "–" | "—");
    if !(matches!(connector, "to" | "and" | "or" | "and/or") || dash && !comma) {
        return Join::Apart;
    }
    let Some(word) = words.next() else {
        return if dash || connector == "to" { Join::Range } else { Join::List };
    };
    // `$1.2 billion and imports of 0.8 billion`: up to two plain words after `and` or `or`.
    // A currency written before its number gives itself forward, one written after backward;
    // `a population of 1.3 billion and exports of $4 billion` counts people.
    let scaled = |m: &Mention| m.value != m.written && matches!(m.kind, Kind::Count | Kind::Money(_));
    let leads = |m: &Mention| currency_leads(&text[m.range.clone()]);
    let gives = match (a.kind, b.kind) {
        (Kind::Money(_), Kind::Count) => leads(a),
        (Kind::Count, Kind::Money(_)) => !leads(b),
        _ => false,
    };
    let parallel = !dash
        && connector != "to"
        && scaled(a)
        && scaled(b)
        && gives
        && std::iter::once(word).chain(words.by_ref().take(1)).all(|w| w.bytes().all(|c| c.is_ascii_lowercase()))
        && words.next().is_none();
    if parallel {
        Join::Parallel
    } else {
        Join::Apart
    }
}

/// `text.trim_start()`, with the ASCII spaces that start most gaps between numbers passed
/// over without decoding characters.
fn trim_start(text: &str) -> &str {
    let spaces = text.bytes().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'));
    match spaces {
        // An ASCII byte after ASCII spaces: no other space follows.
        Some(at) if text.as_bytes()[at].is_ascii() => &text[at..],
        Some(_) => text.trim_start(),
        None => "",
    }
}

/// Readings of the numbers of a range or a list that share what is written once for them all,
/// into `alternatives`: `30-35%`, `30 to 35 percent`, `between 30 and 35 per cent`, `20 and
/// 30 percent respectively`, `10, 20 and 30 percent`, `$3-4 billion`, `between $3 and 4
/// billion`, `from $3 billion to 4 billion`, `exports of $1.2 billion and imports of 0.8
/// billion`.
///
/// Numbers joined by a dash, `to`, `and`, `or` or `and/or` (and commas before one of these,
/// for a list) make a group. The last number's percent sign, scale and trailing currency are
/// shared by the numbers before it that have none (`30` of `30-35%` is also 30 %, `$3` of
/// `$3-4 billion` is also $3 billion); a currency written before the first number is shared
/// by the numbers after it (`4 billion` of `$3-4 billion` is also $4 billion). A number with a
/// scale of its own keeps it, and takes only a currency.
///
/// These are other readings, as for grouped digits: they may agree with a claim, but never
/// make a disagreement on their own, since `from 30 to 35 percent` may be a count and a
/// percentage. The common path allocates nothing: numbers that stand apart are passed over.
fn shared_readings(text: &str, mentions: &[Mention], alternatives: &mut Vec<Mention>) {
    let mut start = 0;
    while start + 1 < mentions.len() {
        // The group runs to the last number joined by more than a comma, and ends at one with a
        // sign, scale or currency word of its own: `3 to 4 percent and 5 to 6 students`. A
        // range is a group of its own two ends: in `pages 30-35 and 40 percent` or `aged 15 to
        // 64 and 40 percent`, 35 and 64 are no percentages.
        let (mut end, mut i, mut range_next) = (start, start, false);
        while i + 1 < mentions.len() {
            let joined = join(text, &mentions[i], &mentions[i + 1]);
            let range = joined == Join::Range;
            range_next = range && i > start;
            if joined == Join::Apart || range_next {
                break;
            }
            i += 1;
            if joined != Join::Comma {
                end = i;
            }
            if range || closes(text, &mentions[i]) {
                break;
            }
        }
        if end > start && !labelled(text, mentions[start].range.start) {
            share(text, &mentions[start..=end], alternatives);
        }
        // The numbers after `end` up to `i` are joined by commas alone, and `i` to none or it
        // closed the group, or `i` starts a range.
        start = if range_next { i } else { i + 1 };
    }
}

/// The readings of the numbers of one `group` (see [`shared_readings`]).
fn share(text: &str, group: &[Mention], alternatives: &mut Vec<Mention>) {
    let (first, last) = (&group[0], &group[group.len() - 1]);
    // A scale: the factor from the number as written to its value, when it has one.
    let scale = |m: &Mention| {
        (m.value != m.written && m.written != int(0) && m.kind != Kind::Percent).then(|| &m.value / &m.written)
    };
    let leading = match first.kind {
        Kind::Money(code) if currency_leads(&text[first.range.clone()]) => Some((code, scale(first))),
        _ => None,
    };
    let last_scale = scale(last);
    if leading.is_none() && last_scale.is_none() && last.kind == Kind::Count {
        return;
    }
    let n = group.len() - 1;
    for (at, m) in group.iter().enumerate() {
        let bare = m.value == m.written;
        // Only a number with nothing written after it takes a scale: `3` and `$3`, not `3
        // dollars`.
        let open = bare
            && match m.kind {
                Kind::Count => true,
                Kind::Money(_) => text[m.range.clone()].ends_with(|c: char| c.is_ascii_digit()),
                _ => false,
            };
        let (mut kind, mut factor) = (m.kind, None);
        if at < n {
            match (m.kind, last.kind) {
                (Kind::Count, Kind::Percent) if bare => kind = Kind::Percent,
                (Kind::Count, Kind::Money(_)) => kind = last.kind,
                _ => {}
            }
            if open && kind != Kind::Percent && same_or_no_currency(kind, last.kind) {
                factor = last_scale.as_ref();
            }
        }
        // A leading currency goes to the numbers after the first unless a word of their own
        // follows them (`$1.2 billion and 4 tons`).
        if let Some((code, leading_scale)) = leading.as_ref().filter(|_| at > 0) {
            if factor.is_some() || nothing_named_after(text, m.range.end) {
                if kind == Kind::Count {
                    kind = Kind::Money(code);
                }
                if open && factor.is_none() && kind == Kind::Money(code) {
                    factor = leading_scale.as_ref();
                }
            }
        }
        let value = match factor {
            Some(factor) => &m.written * factor,
            None if kind == m.kind => continue,
            None => m.value.clone(),
        };
        alternatives.push(Mention { range: m.range.clone(), kind, value, written: m.written.clone() });
    }
}

/// Whether the word before `start` labels the numbers after it as something other than
/// amounts: `pages 30 and 40 percent`, `aged 15 and 40 percent`, `grades 3 to 4 percent`.
fn labelled(text: &str, start: usize) -> bool {
    const LABELS: [&str; 20] = [
        "p", "pp", "page", "pages", "aged", "age", "ages", "grade", "grades", "article", "articles", "section",
        "sections", "chapter", "chapters", "table", "figure", "line", "lines", "no",
    ];
    let before = text[..start].trim_end().trim_end_matches('.');
    let from = before.char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[from..];
    LABELS.iter().any(|label| word.eq_ignore_ascii_case(label))
}

/// Whether no word that may name what a number counts follows `end`: only punctuation, the
/// end of the text, or a word that names nothing (`$3-4 a year`, `to 4 in 2010`).
fn nothing_named_after(text: &str, end: usize) -> bool {
    const NAMING_NOTHING: [&str; 11] = ["a", "an", "per", "each", "in", "by", "and", "or", "to", "for", "from"];
    let rest = text[end..].trim_start();
    let word = &rest[..rest.bytes().position(|b| !b.is_ascii_alphabetic()).unwrap_or(rest.len())];
    word.is_empty() && !rest.starts_with(char::is_alphabetic) || NAMING_NOTHING.contains(&word)
}

/// Whether `m` has a sign, scale or currency word written after it, which closes a group.
fn closes(text: &str, m: &Mention) -> bool {
    match m.kind {
        Kind::Percent => true,
        Kind::Money(_) => m.value != m.written || !text[m.range.clone()].ends_with(|c: char| c.is_ascii_digit()),
        _ => m.value != m.written,
    }
}

/// Whether a number of `kind` may take the scale of a number of `other` kind: not one
/// currency's scale for another.
fn same_or_no_currency(kind: Kind, other: Kind) -> bool {
    match (kind, other) {
        (Kind::Money(a), Kind::Money(b)) => a == b,
        _ => true,
    }
}

/// Whether the amount of money written `amount` names its currency before the number: `$3`,
/// `US$3`, `€3`, `USD 3`.
fn currency_leads(amount: &str) -> bool {
    amount.starts_with(|c: char| !c.is_alphanumeric())
        || amount.starts_with("US$")
        || amount.get(..3).and_then(currency_word).is_some() && amount[3..].starts_with(' ')
}

/// Whether `b` starts nothing the scanner reads: no number, word or currency symbol.
fn starts_nothing(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'$'
}

pub(super) fn month_of(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() < 3 || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let found = MONTHS.iter().position(|m| *m == word || (word.len() <= 4 && word != "May" && m.starts_with(word)));
    found.map(|i| i as u32 + 1)
}

struct Scanner<'t> {
    text: &'t str,
    out: Vec<Mention>,
    /// Where other readings of grouped digits go, when they are wanted.
    alternatives: Option<Vec<Mention>>,
    /// Whether the number just read joined a group that may start a number of its own.
    split: bool,
    /// Whether only groups starting with `0` are joined (reading the parts of a number).
    groups_of_zeros_only: bool,
}

impl<'t> Scanner<'t> {
    fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes().get(i).copied().unwrap_or(0)
    }

    fn digits_end(&self, i: usize) -> usize {
        self.run_end(i, u8::is_ascii_digit)
    }

    /// Where the run of bytes that `part_of` accepts, starting at `i`, ends. The runs are of
    /// ASCII bytes: one ends before any multi-byte character.
    fn run_end(&self, i: usize, part_of: impl Fn(&u8) -> bool) -> usize {
        let rest = self.text.as_bytes().get(i..).unwrap_or_default();
        i + rest.iter().position(|b| !part_of(b)).unwrap_or(rest.len())
    }

    /// The ASCII word starting at `i` (empty when none).
    fn word_at(&self, i: usize) -> &'t str {
        self.text.get(i..self.run_end(i, u8::is_ascii_alphabetic)).unwrap_or("")
    }

    /// The word after a space at `i`, with where it starts.
    fn next_word(&self, i: usize) -> Option<(usize, &'t str)> {
        if self.byte(i) != b' ' {
            return None;
        }
        let word = self.word_at(i + 1);
        (!word.is_empty()).then_some((i + 1, word))
    }

    fn push(&mut self, range: Range<usize>, kind: Kind, value: Q, written: Q) {
        self.out.push(Mention { range, kind, value, written });
    }

    /// Reads what starts at `i`; returns where to go on.
    fn step(&mut self, i: usize) -> usize {
        let b = self.byte(i);
        let prev = if i > 0 { self.byte(i - 1) } else { b' ' };
        if b.is_ascii_digit() {
            if prev.is_ascii_alphanumeric() || (prev == b'.' && i > 1 && self.byte(i - 2).is_ascii_digit()) {
                return self.run_end(i, u8::is_ascii_alphanumeric);
            }
            return self.number(i, i, None);
        }
        let rest = &self.text[i..];
        if !prev.is_ascii_alphanumeric() {
            // Every currency symbol starts with `$`, `U` (`US$`) or a non-ASCII byte: a test that
            // spares the prefix tests at the start of almost every word.
            let symbols = if matches!(b, b'$' | b'U') || !b.is_ascii() { &CURRENCY_SYMBOLS[..] } else { &[] };
            for &(symbol, code) in symbols {
                if let Some(after) = rest.strip_prefix(symbol) {
                    let space = usize::from(after.starts_with(' '));
                    if after[space..].starts_with(|c: char| c.is_ascii_digit()) {
                        return self.number(i, i + symbol.len() + space, Some(code));
                    }
                }
            }
            if b.is_ascii_alphabetic() {
                let end = i + self.word_at(i).len();
                return self.word(i, end);
            }
        }
        i + rest.chars().next().map_or(1, char::len_utf8)
    }

    /// A number written in digits at `at` (`start` includes a currency prefix).
    ///
    /// Groups of three digits after a space are thousands (`12 000`), but a space also
    /// separates two numbers (`in grade 12 500 students enrolled`). Neither reading may be
    /// dropped: dropping the grouped one loses `12 000 students`, dropping the separate one
    /// loses the 500 students. So the grouped number is the mention, and when one of its
    /// groups could start a number of its own, its parts are read too, as alternatives, for
    /// agreement alone: a quote agrees with a claim when either reading does, while a
    /// disagreement names the grouped number only, once. A group starting with `0` (`000`,
    /// `050`) starts no number of its own, so `12 000` has no other reading, and a claim of
    /// `12 students` still disagrees with "12 000 students".
    fn number(&mut self, start: usize, at: usize, currency: Option<&'static str>) -> usize {
        self.split = false;
        let end = self.digits(start, at, currency);
        if std::mem::take(&mut self.split) && self.alternatives.is_some() {
            self.parts(start, at, currency, end);
        }
        end
    }

    /// The parts of a number grouped by spaces ending at `end`, each a number with its groups
    /// that start with `0` (`12 500 000`: 12 and 500 000), into the alternatives. The first
    /// part takes the currency prefix, the last what follows (`500 students`, `500 million`).
    fn parts(&mut self, mut start: usize, mut at: usize, mut currency: Option<&'static str>, end: usize) {
        let mentions = std::mem::take(&mut self.out);
        self.groups_of_zeros_only = true;
        loop {
            let part_end = self.digits(start, at, currency.take());
            match self.group_space(part_end) {
                Some(space) if part_end + space.len() < end && self.byte(part_end + space.len()).is_ascii_digit() => {
                    (start, at) = (part_end + space.len(), part_end + space.len());
                }
                _ => break,
            }
        }
        self.groups_of_zeros_only = false;
        let parts = std::mem::replace(&mut self.out, mentions);
        self.alternatives.get_or_insert_with(Vec::new).extend(parts);
    }

    /// [`Scanner::number`] without its alternatives.
    fn digits(&mut self, start: usize, at: usize, currency: Option<&'static str>) -> usize {
        let j = self.digits_end(at);
        // Most numbers of a quote are digits alone before an ordinary word (`0 of`, `12
        // students`): read at once, as `digits_in_full` reads them (see `before_ordinary_word`).
        let Some(magnitude) = self.before_ordinary_word(at, j) else {
            return self.digits_in_full(start, at, j, currency);
        };
        let kind = match currency {
            Some(code) => Kind::Money(code),
            None if j - at == 4 && (1000..=2999).contains(&magnitude) => Kind::Year,
            None => Kind::Count,
        };
        let written = int(magnitude as i64);
        self.push(start..j, kind, written.clone(), written);
        j
    }

    /// The value of the digits `at..j` when a space and an ordinary word follow them (see
    /// [`ordinary_word`]). Then they join no group, decimal or date, and no word after them
    /// is a month, scale, percent or currency word: `digits_in_full` finds the plain amount.
    fn before_ordinary_word(&self, at: usize, j: usize) -> Option<u64> {
        // 18 digits always fit an `i64`.
        if j - at > 18 || self.byte(j) != b' ' || !ordinary_word(self.word_at(j + 1).as_bytes()) {
            return None;
        }
        Some(self.text.as_bytes()[at..j].iter().fold(0, |n, b| n * 10 + u64::from(b - b'0')))
    }

    /// [`Scanner::digits`] for any number: the digits at `at` end at `j`.
    fn digits_in_full(&mut self, start: usize, at: usize, mut j: usize, mut currency: Option<&'static str>) -> usize {
        let whole_digits = j - at;
        // `01.01.2015`, `1.1.2015`: a date, not the amount 1.01.
        if whole_digits <= 2 && currency.is_none() && self.byte(j) == b'.' {
            let month_end = self.digits_end(j + 1);
            if (1..=2).contains(&(month_end - j - 1)) && self.byte(month_end) == b'.' {
                let year_end = self.digits_end(month_end + 1);
                if year_end - month_end - 1 == 4 {
                    let day = decimal_value(&self.text[at..j]).unwrap_or_else(|| int(0));
                    self.push(start..year_end, Kind::Date, day.clone(), day);
                    return year_end;
                }
            }
        }
        let mut plain = true;
        if whole_digits <= 3 {
            while self.byte(j) == b',' && self.digits_end(j + 1) == j + 4 {
                j += 4;
                plain = false;
            }
            // `12 000`, `1 000 000`: groups of three after one kind of space. Not after a
            // leading zero (`0 500`), nor after four digits (`in 2012 500 people`).
            if plain && self.byte(at) != b'0' {
                if let Some(space) = self.group_space(j) {
                    while self.text[j..].starts_with(space) && self.digits_end(j + space.len()) == j + space.len() + 3 {
                        if self.byte(j + space.len()) != b'0' {
                            if self.groups_of_zeros_only {
                                break;
                            }
                            self.split = true;
                        }
                        j += space.len() + 3;
                        plain = false;
                    }
                }
            }
        }
        if self.byte(j) == b'.' && self.byte(j + 1).is_ascii_digit() {
            j = self.digits_end(j + 1);
            plain = false;
        }
        let Some(written) = decimal_value(&self.text[at..j]) else { return j };
        let year_like = plain && whole_digits == 4 && currency.is_none();
        // The word attached to the number (`bn` of `4.3bn`) and the word after one space, found
        // once for the several tests below.
        let suffix = self.word_at(j);
        let spaced = self.next_word(j);
        if matches!(suffix, "st" | "nd" | "rd" | "th") {
            return j + 2;
        }
        if (year_like || plain && whole_digits == 2) && suffix == "s" && self.byte(j - 1) == b'0' {
            self.push(start..j + 1, Kind::Date, written.clone(), written);
            return j + 1;
        }
        if let Some(date_end) = self.date_digits(at, j, year_like) {
            self.push(start..date_end, Kind::Date, written.clone(), written);
            return date_end;
        }
        if self.byte(j) == b'/' && self.byte(j + 1).is_ascii_digit() {
            return self.slash(start, j, written);
        }
        if plain && whole_digits <= 2 {
            if let Some((month_at, month)) = spaced.filter(|(_, w)| month_of(w).is_some()) {
                let end = self.year_after(month_at + month.len()).unwrap_or(month_at + month.len());
                self.push(start..end, Kind::Date, written.clone(), written);
                return end;
            }
        }
        let mut end = j;
        let mut exponent = 0;
        let mut percent = false;
        if self.byte(j) == b'%' || (self.byte(j) == b' ' && self.byte(j + 1) == b'%') {
            end = self.text[j..].find('%').map_or(j, |p| j + p + 1);
            percent = true;
        } else if let Some((w_at, word)) =
            if suffix.is_empty() { self.hyphened(j).or(spaced) } else { Some((j, suffix)) }
        {
            let attached = w_at == j;
            if let Some((e, len)) = scale_word(word, attached) {
                exponent = e;
                end = w_at + len;
            } else if let Some(len) = self.percent_word(w_at) {
                percent = true;
                end = w_at + len;
            }
        }
        if !percent && currency.is_none() {
            // `30 billion dollars`, `a 4.3-billion-dollar deal`.
            let next = self.hyphened(end).or(if end == j { spaced } else { self.next_word(end) });
            if let Some((code, currency_end)) = next.and_then(|word| self.currency_named(word)) {
                currency = Some(code);
                end = currency_end;
            }
        }
        let kind = match (currency, percent) {
            (Some(code), _) => Kind::Money(code),
            (None, true) => Kind::Percent,
            (None, false) if year_like && exponent == 0 && (int(1000)..=int(2999)).contains(&written) => Kind::Year,
            (None, false) => Kind::Count,
        };
        // A percentage keeps its written value, and so does a number without a scale.
        let value = if percent || exponent == 0 { written.clone() } else { written.times_pow10(exponent) };
        self.push(start..end, kind, value, written);
        end
    }

    /// Where a date written in digits ends, when the number `at..j` starts one: `2015-01-01`,
    /// `2000-01`, a span of years `2014–15`, or a year cut to two digits after an apostrophe
    /// (`'98`). None of them is an amount (`1990-2000` is read as two numbers, each a year).
    fn date_digits(&self, at: usize, j: usize, year: bool) -> Option<usize> {
        let dash =
            if year { ["-", "–"].into_iter().find(|d| self.text[j..].starts_with(d)).map(str::len) } else { None };
        if let Some(dash) = dash {
            let end = self.digits_end(j + dash);
            // `2014–15`, `2000-01`; `2000-3000` may be amounts, and is read as two numbers.
            if end - (j + dash) == 2 {
                let day = self.byte(end) == b'-' && self.digits_end(end + 1) == end + 3;
                return Some(if day { end + 3 } else { end });
            }
        }
        // `'98`, but not `'50 percent'`. Two digits after an apostrophe are tested first: the
        // words after the number are looked at only then, as nearly no number is one.
        if !(j - at == 2 && !self.byte(j).is_ascii_alphanumeric() && self.text[..at].ends_with(['\'', '’'])) {
            return None;
        }
        let counted = self.byte(j) == b'%'
            || self
                .next_word(j)
                .is_some_and(|(w_at, w)| scale_word(w, false).is_some() || self.percent_word(w_at).is_some());
        // `'98,` or `'98.`; `'20 km zone'` and `'45 students'` are amounts.
        let word_follows = self.byte(j) == b' ' && self.byte(j + 1).is_ascii_alphabetic();
        (!counted && !word_follows).then_some(j)
    }

    /// The word joined by a hyphen at `i` (`6.8-percent`, `4.3-billion-dollar`), if one is.
    fn hyphened(&self, i: usize) -> Option<(usize, &'t str)> {
        let word = (self.byte(i) == b'-').then(|| self.word_at(i + 1))?;
        (!word.is_empty()).then_some((i + 1, word))
    }

    /// The space at `i` that may separate groups of three digits: a space, a no-break space or
    /// a thin space (U+00A0, U+202F, U+2009).
    fn group_space(&self, i: usize) -> Option<&'static str> {
        match self.byte(i) {
            b' ' => Some(" "),
            0xC2 | 0xE2 => {
                ["\u{a0}", "\u{202f}", "\u{2009}"].into_iter().find(|space| self.text[i..].starts_with(space))
            }
            _ => None,
        }
    }

    /// The currency the word at `word.0` names (`dollars`, `US dollars`, `KZT`): its code and
    /// where its name ends.
    fn currency_named(&self, word: (usize, &'t str)) -> Option<(&'static str, usize)> {
        let (at, word) = word;
        if word == "US" {
            let (next_at, next) = self.next_word(at + word.len())?;
            return currency_word(next).map(|code| (code, next_at + next.len()));
        }
        currency_word(word).map(|code| (code, at + word.len()))
    }

    /// `1/3` (a ratio) or `5/12/2001` (a date).
    fn slash(&mut self, start: usize, j: usize, numerator: Q) -> usize {
        let k = self.digits_end(j + 1);
        if self.byte(k) == b'/' && self.byte(k + 1).is_ascii_digit() {
            let end = self.digits_end(k + 1);
            self.push(start..end, Kind::Date, numerator.clone(), numerator);
            return end;
        }
        let denominator = decimal_value(&self.text[j + 1..k]).filter(|d| *d != int(0));
        if let Some(denominator) = denominator {
            let value = &numerator / denominator;
            self.push(start..k, Kind::Ratio, value.clone(), value);
        }
        k
    }

    /// `, 2001` or ` 2001` after a month or day: where the year ends.
    fn year_after(&self, i: usize) -> Option<usize> {
        let at = if self.text[i..].starts_with(", ") { i + 2 } else { i + 1 };
        (self.byte(at - 1) == b' ' && self.digits_end(at) == at + 4).then_some(at + 4)
    }

    /// Whether a fraction word ending at `i` is a fraction (`a third of`, `a third.`) rather
    /// than an ordinal (`a third country`).
    fn ends_fraction(&self, i: usize) -> bool {
        self.byte(i) != b' ' || self.word_at(i + 1) == "of"
    }

    /// Whether a fraction word ending at `i` is a part of one thing rather than of a whole
    /// (`half a billion`, `half an hour`, `a quarter of a century`, but not `a third of a
    /// partner's exports`) or a compound's first half (`half-year`): no share either way.
    fn part_of_one(&self, i: usize) -> bool {
        const ONE_THING: [&str; 13] = [
            "century", "decade", "year", "month", "week", "day", "hour", "minute", "dozen", "thousand", "million",
            "billion", "trillion",
        ];
        let one = |w: &str| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an");
        // The unit itself (`a year`), not a word it begins (`a year's exports`, `a
        // billion-dollar deal`: half of those is a share).
        let thing = |(at, w): (usize, &str)| {
            ONE_THING.iter().any(|t| w.eq_ignore_ascii_case(t))
                && !matches!(self.byte(at + w.len()), b'\'' | b'-')
                && !self.text[at + w.len()..].starts_with('’')
        };
        let one_thing = |at: usize| {
            self.next_word(at)
                .filter(|(_, w)| one(w))
                .and_then(|(at, w)| self.next_word(at + w.len()))
                .is_some_and(thing)
        };
        match self.next_word(i) {
            // `half-year`, `half-century`, but not `half-share`.
            _ if self.byte(i) == b'-' => thing((i + 1, self.word_at(i + 1))),
            Some((at, of)) if of.eq_ignore_ascii_case("of") => one_thing(at + 2),
            Some(_) => one_thing(i),
            None => false,
        }
    }

    /// `percent`, `per cent` or `pct` at `i`: its length.
    fn percent_word(&self, i: usize) -> Option<usize> {
        // Each of the words starts with a `p`: most words after a number are passed over here.
        if !matches!(self.byte(i), b'p' | b'P') {
            return None;
        }
        let rest = &self.text[i..];
        // `percent`, `Percent`, `PERCENT`.
        ["percent", "per cent", "pct"]
            .iter()
            .find(|w| {
                rest.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w))
                    && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
            })
            .map(|w| w.len())
    }

    /// A word at `start..end`: a month date, a currency code before a number, or a number word.
    fn word(&mut self, start: usize, end: usize) -> usize {
        let word = &self.text[start..end];
        // A month and a currency code are capitalised: any other word is read only as a number
        // word, `a` or `half`, which its length and first two letters rule out for most words.
        if word.as_bytes()[0].is_ascii_lowercase() && !may_be_spelled(word.as_bytes()) {
            return end;
        }
        if month_of(word).is_some() {
            let after_word = if self.byte(end) == b'.' { end + 1 } else { end };
            let day_end = self.digits_end(after_word + 1);
            let has_day = self.byte(after_word) == b' ' && (1..=2).contains(&(day_end - after_word - 1));
            let year_end = self.year_after(if has_day { day_end } else { after_word });
            let (date_end, number) = match (has_day, year_end) {
                (_, Some(year_end)) => (year_end, &self.text[year_end - 4..year_end]),
                (true, None) => (day_end, &self.text[after_word + 1..day_end]),
                (false, None) => return end,
            };
            let number = decimal_value(number).unwrap_or_else(|| int(0));
            self.push(start..date_end, Kind::Date, number.clone(), number);
            return date_end;
        }
        if let Some(code) = Some(word).filter(|w| w.len() == 3).and_then(currency_word) {
            if self.byte(end) == b' ' && self.byte(end + 1).is_ascii_digit() {
                return self.number(start, end + 1, Some(code));
            }
        }
        let mut buffer = [0; LONGEST_WORD];
        // A longer word is none of those below.
        let Some(lower) = lowercase(word, &mut buffer) else { return end };
        if lower == b"half" {
            let mut words = self.text[..start].rsplit(' ').filter(|w| !w.is_empty());
            let before = words.next().unwrap_or("");
            let ordinal =
                ["first", "second", "latter", "former", "other"].iter().any(|w| before.eq_ignore_ascii_case(w));
            // `a year and a half`: half of the thing named before, not of a whole.
            let of_thing =
                before.eq_ignore_ascii_case("a") && words.next().is_some_and(|w| w.eq_ignore_ascii_case("and"));
            if !ordinal && !of_thing && !self.part_of_one(end) {
                self.push(start..end, Kind::Ratio, ratio(1, 2), ratio(1, 2));
            }
            return end;
        }
        if lower == b"a" {
            let fraction =
                |&(at, w): &(usize, &str)| self.ends_fraction(at + w.len()) && !self.part_of_one(at + w.len());
            if let Some((at, next)) = self.next_word(end).filter(fraction) {
                if let Some(denominator) = fraction_denominator(next, false) {
                    let value = ratio(1, denominator);
                    self.push(start..at + next.len(), Kind::Ratio, value.clone(), value);
                    return at + next.len();
                }
            }
            // `a hundred`, `a million dollars`: `a` is one before `hundred` or a scale.
            let before_scale = self.next_word(end).is_some_and(|(_, w)| {
                w.eq_ignore_ascii_case("hundred") || matches!(w, "thousand" | "million" | "billion" | "trillion")
            });
            if before_scale {
                return self.number_word(start, end, 1, true);
            }
            return end;
        }
        match number_word(lower) {
            Some(n) => self.number_word(start, end, n, false),
            None => end,
        }
    }

    /// A number spelled in words, as one number however many words it takes: `twenty-five`,
    /// `twenty five`, `one-third`, `two hundred and fifty million`, `one hundred twenty`,
    /// `one thousand two hundred`, `three and a half billion dollars`, `a million dollars`,
    /// `five percent`. Its first word, `start..end`, is worth `n`; `article` when that word is
    /// the `a` of `a hundred`, `a million`.
    ///
    /// The words are read one after another, each looked at once (twice when a group is taken
    /// back, below), without allocating:
    /// - a group below a thousand: tens and a unit (`twenty-five`, `twenty five`), times
    ///   `hundred` (`two hundred`, `twelve hundred`), then tens and units after it, with or
    ///   without `and` (`two hundred and fifty`, `one hundred twenty`);
    /// - a scale closes a group: below the previous scale it adds (`two million three hundred
    ///   thousand`), above every earlier one it multiplies all before it (`one thousand two
    ///   hundred million`, `a thousand million`);
    /// - a group after a scale starts with a number word, or `and` and a number below a
    ///   hundred (`one thousand and five`).
    ///
    /// Words that would join a group but turn out to start a number of their own are taken
    /// back: in `between two hundred and three hundred`, `and three` stops before its
    /// `hundred`; in `one million and two million`, `and two` stops before a scale that is no
    /// lower. A whole and a fraction (`three and a half`) may take one scale and nothing more.
    fn number_word(&mut self, start: usize, first_end: usize, n: i64, article: bool) -> usize {
        let mut end = first_end;
        let mut group = n as u64;
        let mut fraction = None;
        if !article {
            match self.below_hundred(end, group) {
                Ok((value, value_end)) => (group, end) = (value, value_end),
                // `twenty-first`: an ordinal, no number.
                Err(ordinal_end) => return ordinal_end,
            }
            if matches!(self.byte(end), b'-' | b' ') {
                let next = self.word_at(end + 1);
                let fraction_end = end + 1 + next.len();
                let denominator = fraction_denominator(next, group > 1)
                    .filter(|_| self.byte(end) == b'-' || self.ends_fraction(fraction_end))
                    .filter(|_| !self.part_of_one(fraction_end));
                if let Some(denominator) = denominator {
                    let value = ratio(group as i64, denominator);
                    self.push(start..end + 1 + next.len(), Kind::Ratio, value.clone(), value);
                    return end + 1 + next.len();
                }
            }
            // `three and a half`, `one and a quarter`.
            if let Some((denominator, fraction_end)) = self.and_a_fraction(end) {
                fraction = Some(denominator);
                end = fraction_end;
            }
        }
        // The whole of `three and a half`, before any scale.
        let units = group;
        // The groups closed by a scale; the exponent of the last scale and of the last that
        // multiplied all before it (`top`: the number as written is the whole over `10^top`,
        // `2.3` of `two million three hundred thousand`). The group is 0 right after a scale.
        let (mut total, mut last_scale, mut top) = (0u64, None, 0u32);
        let mut hundred = false;
        // Where the phrase ended, and its group, before the words last joined to the group
        // after `hundred` or a scale, for taking them back; whether they were joined by an
        // `and` right after a scale (`one thousand and five`), after which no `hundred` and no
        // higher scale follows (`between one thousand and five hundred`).
        let mut joined: Option<(usize, u64)> = None;
        let mut and_after_scale = false;
        while let Some((at, word)) = self.next_word(end) {
            if word.eq_ignore_ascii_case("hundred") {
                if fraction.is_none() && !hundred && !and_after_scale && (1..100).contains(&group) {
                    group *= 100;
                    hundred = true;
                    end = at + word.len();
                    continue;
                }
            } else if let Some((e, len)) = scale_word(word, false).filter(|&(e, _)| e > 0) {
                let power = 10u64.pow(e);
                let scaled = match last_scale {
                    _ if fraction.is_some() && last_scale.is_some() => None,
                    None => group.checked_mul(power),
                    Some(last) if e < last && group > 0 => group.checked_mul(power).and_then(|g| total.checked_add(g)),
                    Some(_) if e > top && !and_after_scale => {
                        total.checked_add(group).and_then(|t| t.checked_mul(power))
                    }
                    Some(_) => None,
                };
                if let Some(scaled) = scaled {
                    top = top.max(e);
                    (total, group, last_scale) = (scaled, 0, Some(e));
                    (hundred, and_after_scale, joined) = (false, false, None);
                    end = at + len;
                    continue;
                }
            } else if fraction.is_none()
                && ((hundred && group.is_multiple_of(100)) || (group == 0 && last_scale.is_some()))
            {
                // The rest of a group after `hundred`, or a new group after a scale.
                let is_and = word.eq_ignore_ascii_case("and");
                let next = if is_and { self.next_word(at + word.len()) } else { Some((at, word)) };
                let mut buffer = [0; LONGEST_WORD];
                let rest = next.and_then(|(w_at, w)| {
                    let n = lowercase(w, &mut buffer).and_then(number_word)?;
                    self.below_hundred(w_at + w.len(), n as u64).ok()
                });
                let Some((value, value_end)) = rest else { break };
                joined = Some((end, group));
                and_after_scale = is_and && group == 0;
                group += value;
                end = value_end;
                continue;
            } else {
                break;
            }
            // A `hundred` or a scale that does not fit: the words joined last start a number of
            // their own (`two hundred and three hundred`, `one million and two million`).
            if let Some((joined_end, joined_group)) = joined {
                (end, group) = (joined_end, joined_group);
            }
            break;
        }
        let next = self.next_word(end);
        let percent = next.and_then(|(at, _)| self.percent_word(at).map(|len| at + len));
        let money = if percent.is_none() { next.and_then(|word| self.currency_named(word)) } else { None };
        // Beyond a `u64` only by piling up scales: no number a text states.
        let Some(whole) = total.checked_add(group) else { return end };
        // `one` alone is a pronoun (`one of the largest`) unless a percent or currency word
        // makes it a number, as a scale does.
        if fraction.is_none() && whole == 1 && percent.is_none() && money.is_none() {
            return end;
        }
        let (value, written) = match fraction {
            Some(denominator) => {
                let written = Q::from_i128(i128::from(units) * i128::from(denominator) + 1, i128::from(denominator));
                (&written * Q::pow10(top), written)
            }
            None => {
                let value = Q::from_i128(i128::from(whole), 1);
                // The number before its scale, as for digits: `250` of `two hundred and fifty
                // million`, `1,200` of `one thousand two hundred million`.
                let written = if group == 0 { Q::from_decimal(false, whole, top) } else { value.clone() };
                (value, written)
            }
        };
        if self.completes_phrase(start) {
            // Read alone it would be a number the quote does not state: the scale or fraction
            // belongs to the whole phrase.
            return percent.or(money.map(|(_, money_end)| money_end)).unwrap_or(end);
        }
        match (percent, money) {
            (Some(percent_end), _) => {
                // A percentage is its whole value: `twenty-five percent` is 25.
                self.push(start..percent_end, Kind::Percent, value.clone(), value);
                percent_end
            }
            (None, Some((code, money_end))) => {
                self.push(start..money_end, Kind::Money(code), value, written);
                money_end
            }
            (None, None) => {
                self.push(start..end, Kind::Count, value, written);
                end
            }
        }
    }

    /// Whether the spelled number at `start` only completes a phrase begun before it: the
    /// second of an alternative or a range (`one or two billion dollars`, `five to ten
    /// million`: the scale is both numbers'), or what a fraction is of (`half a billion`, `a
    /// quarter of a billion`).
    fn completes_phrase(&self, start: usize) -> bool {
        let mut words = self.text[..start].rsplit([' ', '-']).filter(|w| !w.is_empty());
        let before = words.next().unwrap_or("");
        let is_fraction = |w: &str| fraction_denominator(w, true).is_some();
        let is_number = |w: &str| {
            let mut buffer = [0; LONGEST_WORD];
            w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || lowercase(w, &mut buffer).and_then(number_word).is_some()
        };
        if is_fraction(before) {
            return true;
        }
        if before.eq_ignore_ascii_case("of") {
            return words.next().is_some_and(is_fraction);
        }
        ["or", "to", "nor"].iter().any(|c| before.eq_ignore_ascii_case(c)) && words.next().is_some_and(is_number)
    }

    /// Tens and a unit, the first ending at `end` and worth `tens`: `twenty-five`, or `twenty
    /// five` unless the unit starts a compound of its own (`twenty five-year plans`). The value
    /// and where it ends (`tens` and `end` themselves when no unit follows); `Err` with the end
    /// of an ordinal (`twenty-first`).
    fn below_hundred(&self, end: usize, tens: u64) -> Result<(u64, usize), usize> {
        if tens < 20 || !tens.is_multiple_of(10) || !matches!(self.byte(end), b'-' | b' ') {
            return Ok((tens, end));
        }
        let hyphen = self.byte(end) == b'-';
        let next = self.word_at(end + 1);
        let next_end = end + 1 + next.len();
        if hyphen && ORDINALS.iter().any(|o| next.eq_ignore_ascii_case(o)) {
            return Err(next_end);
        }
        let mut buffer = [0; LONGEST_WORD];
        match lowercase(next, &mut buffer).and_then(number_word).filter(|&u| u < 10) {
            Some(unit) if hyphen || self.byte(next_end) != b'-' => Ok((tens + unit as u64, next_end)),
            _ => Ok((tens, end)),
        }
    }

    /// ` and a half`, ` and a quarter` after `end`: the fraction's denominator and where it ends.
    fn and_a_fraction(&self, end: usize) -> Option<(i64, usize)> {
        let (and_at, and) = self.next_word(end).filter(|(_, w)| w.eq_ignore_ascii_case("and"))?;
        let (a_at, a) = self.next_word(and_at + and.len()).filter(|(_, w)| w.eq_ignore_ascii_case("a"))?;
        let (at, word) = self.next_word(a_at + a.len())?;
        fraction_denominator(word, false).map(|denominator| (denominator, at + word.len()))
    }
}

/// The longest number word (`seventeen`).
const LONGEST_WORD: usize = 9;

/// `word` in lower case, written to `buffer` rather than a new string: words are looked up
/// at every word of every quote. `None` when the word is longer than any number word.
fn lowercase<'b>(word: &str, buffer: &'b mut [u8; LONGEST_WORD]) -> Option<&'b [u8]> {
    let lower = buffer.get_mut(..word.len())?;
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(lower)
}

/// The words after a number that [`Scanner::digits_in_full`] reads with it and that may start
/// with a lower-case letter: scale words, percent words and currency names.
const NAMING: [&str; 18] = [
    "thousand", "million", "mn", "billion", "bn", "trillion", "tn", "percent", "per", "pct", "dollars", "dollar",
    "euros", "euro", "yuan", "tenge", "rubles", "roubles",
];

/// For each first letter of a word of `words` (lower-case ASCII letters), the second letters
/// it is followed by, as bits (`a` is bit 0): read by [`starts_one_of`].
const fn first_letters(words: &[&str]) -> [u32; 26] {
    let mut starts = [0; 26];
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_bytes();
        starts[(word[0] - b'a') as usize] |= 1 << (word[1] - b'a');
        i += 1;
    }
    starts
}

/// The first letters of the words of [`NAMING`].
const NAMING_STARTS: [u32; 26] = first_letters(&NAMING);

/// Whether a word of `starts` (a table of first letters, each with the set of second letters,
/// in any case) may start with the bytes `first` and `second`; false for any byte that is no
/// ASCII letter, which no word of a table starts with.
fn starts_one_of(starts: &[u32; 26], first: u8, second: u8) -> bool {
    let letter = |b: u8| b.is_ascii_alphabetic().then(|| b.to_ascii_lowercase() - b'a');
    match (letter(first), letter(second)) {
        (Some(first), Some(second)) => starts[usize::from(first)] & (1 << second) != 0,
        _ => false,
    }
}

/// Whether the ASCII letters `word` make a word that says nothing about a number before it:
/// it starts with a lower-case letter (so it is no month, and no currency code), and it is a
/// single letter (no scale when apart from the number) or its first two letters, in any case,
/// start no word of [`NAMING`]. Most words after numbers (`of`, `reached`, `students`) are.
fn ordinary_word(word: &[u8]) -> bool {
    match word {
        [first, rest @ ..] if first.is_ascii_lowercase() => {
            rest.first().is_none_or(|&second| !starts_one_of(&NAMING_STARTS, *first, second))
        }
        _ => false,
    }
}

/// The words [`Scanner::word`] reads as a number or a fraction, besides `a`: every word
/// [`number_word`] knows, and `half`.
const SPELLED: [&str; 28] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "half",
];

/// The first letters of the words of [`SPELLED`].
const SPELLED_STARTS: [u32; 26] = first_letters(&SPELLED);

/// Whether the ASCII letters `word` may be, in any case, `a` or a word of [`SPELLED`]: a
/// test of its length and first two letters that passes over nearly every other word.
fn may_be_spelled(word: &[u8]) -> bool {
    match word.len() {
        1 => word[0].eq_ignore_ascii_case(&b'a'),
        3..=LONGEST_WORD => starts_one_of(&SPELLED_STARTS, word[0], word[1]),
        _ => false,
    }
}

/// Whether the general reader passes over the ASCII letters `word`, standing after a space or
/// at the start of a text, reading nothing in them and starting no reference at them: no
/// number word, `a` or `half` (which [`may_be_spelled`] rules out for most words at once), no
/// month and no currency code (which are capitalised), and no page label (`p. 298`, `pp.
/// 33-35`, `pg. 5`, `page 12`, `pages 3-4`: see `references`).
fn passed_over(word: &str) -> bool {
    let bytes = word.as_bytes();
    if may_be_spelled(bytes) {
        let mut buffer = [0; LONGEST_WORD];
        if lowercase(word, &mut buffer).is_some_and(|l| l == b"a" || l == b"half" || number_word(l).is_some()) {
            return false;
        }
    }
    let page = match bytes {
        [b'p' | b'P'] => true,
        [b'p' | b'P', second] => matches!(second.to_ascii_lowercase(), b'p' | b'g'),
        [b'p' | b'P', ..] => bytes.len() >= 4 && bytes[..4].eq_ignore_ascii_case(b"page"),
        _ => false,
    };
    let capital = bytes[0].is_ascii_uppercase() && (month_of(word).is_some() || currency_word(word).is_some());
    !page && !capital
}

/// The value of a number word in lower case (`twenty` → 20). A `match` on the bytes, which
/// compiles to a branch on the length and a few byte tests rather than a search of a list.
fn number_word(lower: &[u8]) -> Option<i64> {
    let n = match lower {
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    };
    Some(n)
}

/// `third`, `thirds`, `quarter`, `half`, in any case: the denominator of a fraction word.
fn fraction_denominator(word: &str, plural: bool) -> Option<i64> {
    let singular = match word.strip_suffix(['s', 'S']) {
        Some(singular) if plural => singular,
        _ => word,
    };
    FRACTIONS.iter().find(|(w, _)| singular.eq_ignore_ascii_case(w)).map(|&(_, denominator)| denominator)
}

/// A scale after a number: its power of ten and length. Abbreviations `m` and `k` count
/// only when attached (`10m`), so `5 m` stays five metres.
fn scale_word(word: &str, attached: bool) -> Option<(u32, usize)> {
    let exponent = match word {
        "thousand" => 3,
        "k" if attached => 3,
        "million" | "mn" => 6,
        "m" if attached => 6,
        "billion" | "bn" => 9,
        "trillion" | "tn" => 12,
        _ => return None,
    };
    Some((exponent, word.len()))
}

/// The currency a word names (`dollars`, `KZT`): its code. A `match`, which compiles to a
/// branch on the length and a few byte tests: it is asked of the word after every number.
pub(super) fn currency_word(word: &str) -> Option<&'static str> {
    let code = match word {
        "dollars" | "dollar" | "USD" => "USD",
        "euros" | "euro" | "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "yuan" | "CNY" => "CNY",
        "tenge" | "KZT" => "KZT",
        "rubles" | "roubles" | "RUB" => "RUB",
        _ => return None,
    };
    Some(code)
}

/// The value `parse_decimal` gives `text`. Read in one pass when the digits fit a `u64`, as
/// nearly all do: a quote's numbers are read for every quote of every run, and the precision
/// `parse_decimal` also works out is not needed here.
pub(super) fn decimal_value(text: &str) -> Option<Q> {
    // Like `parse_decimal`: a leading `-` negates, digits after the first `.` are decimals,
    // and anything else (`,`, `_`) is skipped.
    let (mut magnitude, mut digits, mut decimals, mut fraction) = (0u64, 0usize, 0usize, false);
    for &b in text.as_bytes() {
        if b.is_ascii_digit() {
            magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            digits += 1;
            decimals += usize::from(fraction);
        } else if b == b'.' {
            fraction = true;
        }
    }
    let negative = text.starts_with('-');
    // 19 digits always fit a `u64`; `from_decimal` takes up to 18 decimals.
    if (1..=19).contains(&digits) && decimals <= 18 {
        return Some(Q::from_decimal(negative, magnitude, decimals as u32));
    }
    parse_decimal(text).map(|d| d.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str) -> Vec<(String, Kind, Q)> {
        scan(text).into_iter().map(|m| (text[m.range].to_string(), m.kind, m.value)).collect()
    }

    fn q(n: i64) -> Q {
        int(n)
    }

    #[test]
    fn percentages_money_and_units() {
        assert_eq!(
            mentions("with 5.8 percent and the remaining 43.1percent (21.8%)"),
            vec![
                ("5.8 percent".into(), Kind::Percent, ratio(58, 10)),
                ("43.1percent".into(), Kind::Percent, ratio(431, 10)),
                ("21.8%".into(), Kind::Percent, ratio(218, 10)),
            ]
        );
        assert_eq!(
            mentions("for $4.3bn, USD 10 million and 30 billion US dollars"),
            vec![
                ("$4.3bn".into(), Kind::Money("USD"), q(4_300_000_000)),
                ("USD 10 million".into(), Kind::Money("USD"), q(10_000_000)),
                ("30 billion US dollars".into(), Kind::Money("USD"), q(30_000_000_000)),
            ]
        );
        assert_eq!(
            mentions("10 million tons, 20Mtoe, a 3,000-km pipe over 1,780 km"),
            vec![
                ("10 million".into(), Kind::Count, q(10_000_000)),
                ("20".into(), Kind::Count, q(20)),
                ("3,000".into(), Kind::Count, q(3000)),
                ("1,780".into(), Kind::Count, q(1780)),
            ]
        );
    }

    #[test]
    fn a_part_of_one_thing_is_no_share() {
        for text in [
            "for half a century",
            "after a quarter of a century",
            "a year and a half later",
            "half-year results",
            "half an hour",
            "CNPC paid half a billion dollars",
            "half a million tons",
            "a quarter of a billion dollars",
            "two thirds of an hour",
        ] {
            assert!(mentions(text).iter().all(|m| m.1 != Kind::Ratio), "{text}: {:?}", mentions(text));
        }
        assert_eq!(mentions("half of the trade, a third of a partner's exports, two-thirds of its oil").len(), 3);
        for text in [
            "China took half of a year's exports",
            "half of a billion-dollar deal",
            "half an industry's output",
            "half a market worth $2bn",
            "a quarter of a million-ton harvest",
            "China's half-share of the field",
            "China kept half - a large share - while",
        ] {
            assert!(mentions(text).iter().any(|m| m.1 == Kind::Ratio), "{text}: a share");
        }
    }

    #[test]
    fn words_and_fractions() {
        assert_eq!(
            mentions("around one-third, almost the half, a quarter of, two thirds of a third party, 1/3"),
            vec![
                ("one-third".into(), Kind::Ratio, ratio(1, 3)),
                ("half".into(), Kind::Ratio, ratio(1, 2)),
                ("a quarter".into(), Kind::Ratio, ratio(1, 4)),
                ("two thirds".into(), Kind::Ratio, ratio(2, 3)),
                ("1/3".into(), Kind::Ratio, ratio(1, 3)),
            ]
        );
        assert_eq!(
            mentions("one of three partners, twenty-five rivers, one million hectares, five percent"),
            vec![
                ("three".into(), Kind::Count, q(3)),
                ("twenty-five".into(), Kind::Count, q(25)),
                ("one million".into(), Kind::Count, q(1_000_000)),
                ("five percent".into(), Kind::Percent, q(5)),
            ]
        );
        assert!(mentions("the twenty-first century, the first half of 2002, the 21st")
            .iter()
            .all(|m| m.1 == Kind::Year));
    }

    #[test]
    fn dates_years_and_citations() {
        assert_eq!(
            mentions("On September 11, 2001, in May 2006 and 3 January 1992, the 1990s, in 2000 (Álvarez, 97) (over 944 sq. km)"),
            vec![
                ("September 11, 2001".into(), Kind::Date, q(2001)),
                ("May 2006".into(), Kind::Date, q(2006)),
                ("3 January 1992".into(), Kind::Date, q(3)),
                ("1990s".into(), Kind::Date, q(1990)),
                ("2000".into(), Kind::Year, q(2000)),
                ("944".into(), Kind::Count, q(944)),
            ]
        );
        assert!(mentions("G20 members, COVID-19, may 5, version 2.1.3").iter().all(|m| m.0 != "20"));
    }

    #[test]
    fn number_words_in_any_case() {
        assert_eq!(
            mentions("Twenty-Five rivers, ONE-THIRD, A Quarter of it, Half of them, the Other half, Seventeen percent"),
            vec![
                ("Twenty-Five".into(), Kind::Count, q(25)),
                ("ONE-THIRD".into(), Kind::Ratio, ratio(1, 3)),
                ("A Quarter".into(), Kind::Ratio, ratio(1, 4)),
                ("Half".into(), Kind::Ratio, ratio(1, 2)),
                ("Seventeen percent".into(), Kind::Percent, q(17)),
            ]
        );
        // Scales are matched as written: `Million` is not one.
        assert_eq!(mentions("Ten Million tons, the seventeens"), vec![("Ten".into(), Kind::Count, q(10))]);
    }

    #[test]
    fn spelled_amounts_with_a_currency_word_are_money() {
        assert_eq!(
            mentions("Trade grew to twenty billion dollars, two billion US dollars, ten million euros and twenty-five thousand tenge."),
            vec![
                ("twenty billion dollars".into(), Kind::Money("USD"), q(20_000_000_000)),
                ("two billion US dollars".into(), Kind::Money("USD"), q(2_000_000_000)),
                ("ten million euros".into(), Kind::Money("EUR"), q(10_000_000)),
                ("twenty-five thousand tenge".into(), Kind::Money("KZT"), q(25_000)),
            ]
        );
        assert_eq!(
            mentions("one dollar, five hundred dollars, ten million tons, sixty percent, one of them"),
            vec![
                ("one dollar".into(), Kind::Money("USD"), q(1)),
                ("five hundred dollars".into(), Kind::Money("USD"), q(500)),
                ("ten million".into(), Kind::Count, q(10_000_000)),
                ("sixty percent".into(), Kind::Percent, q(60)),
            ]
        );
        // What is written stays the number before its scale, as for digits.
        let twenty = scan("twenty billion dollars");
        assert_eq!(twenty[0].written, q(20));
    }

    #[test]
    fn compound_number_words_are_one_number() {
        assert_eq!(
            mentions("two hundred and fifty million dollars, one hundred twenty million dollars"),
            vec![
                ("two hundred and fifty million dollars".into(), Kind::Money("USD"), q(250_000_000)),
                ("one hundred twenty million dollars".into(), Kind::Money("USD"), q(120_000_000)),
            ]
        );
        assert_eq!(
            mentions(
                "twenty-five percent, twenty five percent, two hundred and fifty students, one thousand two hundred"
            ),
            vec![
                ("twenty-five percent".into(), Kind::Percent, q(25)),
                ("twenty five percent".into(), Kind::Percent, q(25)),
                ("two hundred and fifty".into(), Kind::Count, q(250)),
                ("one thousand two hundred".into(), Kind::Count, q(1200)),
            ]
        );
        assert_eq!(
            mentions(
                "twelve hundred, one thousand and five, Two Hundred And Ninety-Nine, nine hundred ninety-nine thousand"
            ),
            vec![
                ("twelve hundred".into(), Kind::Count, q(1200)),
                ("one thousand and five".into(), Kind::Count, q(1005)),
                ("Two Hundred And Ninety-Nine".into(), Kind::Count, q(299)),
                ("nine hundred ninety-nine thousand".into(), Kind::Count, q(999_000)),
            ]
        );
        // A lower scale adds to the groups before it; a higher one multiplies them all.
        assert_eq!(
            mentions(
                "two million three hundred thousand and fifty, one thousand two hundred million, a thousand million"
            ),
            vec![
                ("two million three hundred thousand and fifty".into(), Kind::Count, q(2_300_050)),
                ("one thousand two hundred million".into(), Kind::Count, q(1_200_000_000)),
                ("a thousand million".into(), Kind::Count, q(1_000_000_000)),
            ]
        );
    }

    #[test]
    fn compound_words_keep_their_number_as_written() {
        let written = |text: &str| scan(text).into_iter().map(|m| m.written).collect::<Vec<_>>();
        assert_eq!(written("two hundred and fifty million dollars"), vec![q(250)]);
        assert_eq!(written("one thousand two hundred"), vec![q(1200)]);
        assert_eq!(written("one thousand two hundred million"), vec![q(1200)]);
        assert_eq!(written("two million three hundred thousand"), vec![ratio(23, 10)]);
        assert_eq!(written("three and a half billion dollars"), vec![ratio(7, 2)]);
        assert_eq!(written("a million dollars"), vec![q(1)]);
    }

    #[test]
    fn a_whole_and_a_fraction_and_the_article() {
        assert_eq!(
            mentions("three and a half billion dollars, one and a half times, two and a quarter percent"),
            vec![
                ("three and a half billion dollars".into(), Kind::Money("USD"), q(3_500_000_000)),
                ("one and a half".into(), Kind::Count, ratio(3, 2)),
                ("two and a quarter percent".into(), Kind::Percent, ratio(9, 4)),
            ]
        );
        // A whole and a fraction take one scale and nothing more.
        assert_eq!(
            mentions("two and a half hundred, two and a half million thousand"),
            vec![
                ("two and a half".into(), Kind::Count, ratio(5, 2)),
                ("two and a half million".into(), Kind::Count, q(2_500_000)),
            ]
        );
        assert_eq!(
            mentions("a hundred and fifty, A Hundred, a million dollars, a thousand students, a billion"),
            vec![
                ("a hundred and fifty".into(), Kind::Count, q(150)),
                ("A Hundred".into(), Kind::Count, q(100)),
                ("a million dollars".into(), Kind::Money("USD"), q(1_000_000)),
                ("a thousand".into(), Kind::Count, q(1000)),
                ("a billion".into(), Kind::Count, q(1_000_000_000)),
            ]
        );
        // `a` is one only before `hundred` or a spelled scale.
        assert!(mentions("a lot, a few hundred, a third party, a dollar, a mn, a Million").is_empty());
    }

    #[test]
    fn words_starting_a_number_of_their_own_are_taken_back() {
        assert_eq!(
            mentions("between two hundred and three hundred, one million and two million dollars"),
            vec![
                ("two hundred".into(), Kind::Count, q(200)),
                ("three hundred".into(), Kind::Count, q(300)),
                ("one million".into(), Kind::Count, q(1_000_000)),
                ("two million dollars".into(), Kind::Money("USD"), q(2_000_000)),
            ]
        );
        assert_eq!(
            mentions("between one thousand and five hundred, one million two hundred million, ten thousand thousand"),
            vec![
                ("one thousand".into(), Kind::Count, q(1000)),
                ("five hundred".into(), Kind::Count, q(500)),
                ("one million".into(), Kind::Count, q(1_000_000)),
                ("two hundred million".into(), Kind::Count, q(200_000_000)),
                ("ten thousand".into(), Kind::Count, q(10_000)),
            ]
        );
        // Lists of small numbers are no compound: only tens take a unit.
        assert_eq!(
            mentions("ten five-year plans, twenty five-year plans, between fifty and sixty percent, two three"),
            vec![
                ("ten".into(), Kind::Count, q(10)),
                ("five".into(), Kind::Count, q(5)),
                ("twenty".into(), Kind::Count, q(20)),
                ("five".into(), Kind::Count, q(5)),
                ("fifty".into(), Kind::Count, q(50)),
                ("sixty percent".into(), Kind::Percent, q(60)),
                ("two".into(), Kind::Count, q(2)),
                ("three".into(), Kind::Count, q(3)),
            ]
        );
    }

    #[test]
    fn one_alone_stays_a_pronoun() {
        assert!(mentions("one of the largest, the one that, one or the other, One of them").is_empty());
        assert_eq!(
            mentions("one hundred and one of them, twenty-one of them, twenty one of them, one percent"),
            vec![
                ("one hundred and one".into(), Kind::Count, q(101)),
                ("twenty-one".into(), Kind::Count, q(21)),
                ("twenty one".into(), Kind::Count, q(21)),
                ("one percent".into(), Kind::Percent, q(1)),
            ]
        );
        // Ordinals are no numbers, nor what follows them.
        assert!(mentions("the twenty-first century, the twenty-second of them").is_empty());
    }

    #[test]
    fn grouped_digits_that_may_be_two_numbers_have_both_readings() {
        fn shown(text: &str, found: Vec<Mention>) -> Vec<(String, Kind, Q)> {
            found.into_iter().map(|m| (text[m.range].to_string(), m.kind, m.value)).collect()
        }
        let read = |text: &str| {
            let (grouped, parts) = scan_with_alternatives(text);
            (shown(text, grouped), shown(text, parts))
        };
        let (grouped, parts) = read("In grade 12 500 students enrolled");
        assert_eq!(grouped, vec![("12 500".into(), Kind::Count, q(12_500))]);
        assert_eq!(parts, vec![("12".into(), Kind::Count, q(12)), ("500".into(), Kind::Count, q(500))]);
        // A group starting with `0` starts no number.
        let (grouped, parts) = read("About 12 000 students and 1 000 050 people");
        assert_eq!(grouped.len(), 2);
        assert!(parts.is_empty());
        // Each part keeps its groups that start with `0`; the first takes the currency symbol,
        // the last the words after it.
        let (_, parts) = read("12 500 000, $1 500 million and 3\u{a0}250 km");
        assert_eq!(
            parts,
            vec![
                ("12".into(), Kind::Count, q(12)),
                ("500 000".into(), Kind::Count, q(500_000)),
                ("$1".into(), Kind::Money("USD"), q(1)),
                ("500 million".into(), Kind::Count, q(500_000_000)),
                ("3".into(), Kind::Count, q(3)),
                ("250".into(), Kind::Count, q(250)),
            ]
        );
        // `scan` reads the grouped number alone.
        assert_eq!(mentions("In grade 12 500 students"), vec![("12 500".into(), Kind::Count, q(12_500))]);
    }

    #[test]
    fn thousands_grouped_by_spaces() {
        assert_eq!(
            mentions("About 12 000 students, 1 000 000 dollars and 7\u{a0}500 or 7\u{202f}500 or 7\u{2009}500.5 km"),
            vec![
                ("12 000".into(), Kind::Count, q(12_000)),
                ("1 000 000 dollars".into(), Kind::Money("USD"), q(1_000_000)),
                ("7\u{a0}500".into(), Kind::Count, q(7_500)),
                ("7\u{202f}500".into(), Kind::Count, q(7_500)),
                ("7\u{2009}500.5".into(), Kind::Count, ratio(75_005, 10)),
            ]
        );
        // A first group of four digits is a number of its own (a year, here), and so is a
        // leading zero; a group of other than three digits, or one after another kind of
        // space, is not a group.
        assert_eq!(
            mentions("in 2012 500 people, in 2012 500 000 people, 0 500, 12 0000, 12 34, 1 000\u{a0}000"),
            vec![
                ("2012".into(), Kind::Year, q(2012)),
                ("500".into(), Kind::Count, q(500)),
                ("2012".into(), Kind::Year, q(2012)),
                ("500 000".into(), Kind::Count, q(500_000)),
                ("0".into(), Kind::Count, q(0)),
                ("500".into(), Kind::Count, q(500)),
                ("12".into(), Kind::Count, q(12)),
                ("0000".into(), Kind::Count, q(0)),
                ("12".into(), Kind::Count, q(12)),
                ("34".into(), Kind::Count, q(34)),
                ("1 000".into(), Kind::Count, q(1_000)),
                ("000".into(), Kind::Count, q(0)),
            ]
        );
        // Commas and spaces do not mix; a decimal follows the last group.
        assert_eq!(
            mentions("1,000 000 and 12 000.25%"),
            vec![
                ("1,000".into(), Kind::Count, q(1_000)),
                ("000".into(), Kind::Count, q(0)),
                ("12 000.25%".into(), Kind::Percent, ratio(1_200_025, 100)),
            ]
        );
    }

    #[test]
    fn decimal_values_are_those_of_parse_decimal() {
        let literals = [
            "0",
            "7",
            "1,780",
            "12_000",
            "5.80",
            "-3.25",
            "1.2.3",
            "0.000000000000000001",
            "0.0000000000000000001",
            "9999999999999999999",
            "99999999999999999999",
            "123456789012345678901234567890.5",
            "",
            "-.",
        ];
        for text in literals {
            assert_eq!(decimal_value(text), parse_decimal(text).map(|d| d.value), "{text}");
        }
    }

    #[test]
    fn a_number_that_completes_an_alternative_or_a_fraction_is_not_read_alone() {
        // Read alone, `two billion dollars` or `a billion dollars` would be numbers the quote
        // does not state: the scale is both numbers', the fraction is of the billion.
        let money = |text: &str| mentions(text).into_iter().filter(|m| matches!(m.1, Kind::Money(_))).count();
        assert_eq!(money("trade of one or two billion dollars was expected"), 0);
        assert_eq!(money("some five to ten million dollars went"), 0);
        assert_eq!(money("China lent half a billion dollars"), 0);
        assert_eq!(money("a quarter of a billion dollars"), 0);
        assert_eq!(
            mentions("twenty percent or thirty percent"),
            vec![("twenty percent".into(), Kind::Percent, q(20)), ("thirty percent".into(), Kind::Percent, q(30)),]
        );
        assert_eq!(
            mentions("a billion dollars"),
            vec![("a billion dollars".into(), Kind::Money("USD"), q(1_000_000_000))]
        );
    }

    #[test]
    fn a_sign_scale_or_currency_written_once_is_shared_as_another_reading() {
        let shared = |text: &str| {
            let (mentions, alternatives) = scan_with_alternatives(text);
            assert_eq!(mentions, scan(text), "{text}");
            alternatives.into_iter().map(|m| (text[m.range].to_string(), m.kind, m.value)).collect::<Vec<_>>()
        };
        let percent = |text: &str, n: i64| (text.to_string(), Kind::Percent, q(n));
        assert_eq!(shared("Oil output was 30-35% of the total"), vec![percent("30", 30)]);
        for text in [
            "rose from 30 to 35 percent",
            "between 30 and 35 percent",
            "some 30 to 35%",
            "30–35 per cent",
            "30 — 35 per cent",
            "30 or 35 PERCENT",
            "30 and/or 35 percent",
        ] {
            assert_eq!(shared(text), vec![percent("30", 30)], "{text}");
        }
        assert_eq!(shared("had 20 and 30 percent respectively"), vec![percent("20", 20)]);
        assert_eq!(shared("10, 20 and 30 percent"), vec![percent("10", 10), percent("20", 20)]);
        assert_eq!(shared("10, 20, and 30 percent"), vec![percent("10", 10), percent("20", 20)]);
        assert_eq!(shared("between fifty and sixty percent"), vec![percent("fifty", 50)]);
        let usd = |text: &str, n: i64| (text.to_string(), Kind::Money("USD"), q(n));
        assert_eq!(shared("$3-4 billion"), vec![usd("$3", 3_000_000_000), usd("4 billion", 4_000_000_000)]);
        assert_eq!(shared("between $3 and 4 billion"), vec![usd("$3", 3_000_000_000), usd("4 billion", 4_000_000_000)]);
        assert_eq!(shared("from $3 billion to 4 billion"), vec![usd("4 billion", 4_000_000_000)]);
        assert_eq!(shared("exports of $1.2 billion and imports of 0.8 billion"), vec![usd("0.8 billion", 800_000_000)]);
        assert_eq!(shared("3 to 4 billion dollars"), vec![usd("3", 3_000_000_000)]);
        assert_eq!(
            shared("$3, 4 or 5 billion"),
            vec![usd("$3", 3_000_000_000), usd("4", 4_000_000_000), usd("5 billion", 5_000_000_000)]
        );
        // A scale alone is shared too, and a number with a scale of its own keeps it.
        assert_eq!(shared("3 to 4 million"), vec![("3".to_string(), Kind::Count, q(3_000_000))]);
        assert_eq!(shared("3 million to 4 billion dollars"), vec![usd("3 million", 3_000_000)]);
        // Nothing is shared by numbers apart, by years, dates and fractions, by a number with
        // its own unit or currency word, by a comma alone, or with a number a word follows.
        for text in [
            "1,500-2,000 km",
            "in 2000 and 35 percent",
            "from 2000 to 2010, 35 percent",
            "a third and 35 percent",
            "30 km and 35 percent",
            "30 million and 35 percent",
            "30 of them, 35 percent",
            "30, 35 percent",
            "30 (or 35 percent)",
            "3 dollars and 4 billion dollars",
            "$1.2 billion and 4 tons",
            "$1.2 billion and a population of 0.8 billion",
            "$1.2 billion and 0.8 billion tons",
            "$1.2 billion to the imports of 0.8 billion",
        ] {
            assert_eq!(shared(text), vec![], "{text}");
        }
        // A number with a sign of its own ends a group.
        assert_eq!(shared("3 to 4 percent and 5 to 6"), vec![percent("3", 3)]);
    }

    #[test]
    fn percent_and_currency_words_in_every_spelling() {
        let kinds = |text: &str| mentions(text).into_iter().map(|m| (m.0, m.1)).collect::<Vec<_>>();
        assert_eq!(
            kinds("5 Percent, 6 PER CENT, 7 pct, 8 points, 9 per head"),
            vec![
                ("5 Percent".into(), Kind::Percent),
                ("6 PER CENT".into(), Kind::Percent),
                ("7 pct".into(), Kind::Percent),
                ("8".into(), Kind::Count),
                ("9".into(), Kind::Count),
            ]
        );
        for (text, code) in [
            ("3 dollars", "USD"),
            ("3 dollar", "USD"),
            ("3 USD", "USD"),
            ("3 euros", "EUR"),
            ("3 euro", "EUR"),
            ("3 EUR", "EUR"),
            ("3 GBP", "GBP"),
            ("3 JPY", "JPY"),
            ("3 yuan", "CNY"),
            ("3 CNY", "CNY"),
            ("3 tenge", "KZT"),
            ("3 KZT", "KZT"),
            ("3 rubles", "RUB"),
            ("3 roubles", "RUB"),
            ("3 RUB", "RUB"),
            ("KZT 3", "KZT"),
        ] {
            assert_eq!(kinds(text), vec![(text.to_string(), Kind::Money(code))], "{text}");
        }
        assert_eq!(kinds("3 Dollars"), vec![("3".into(), Kind::Count)]);
    }

    #[test]
    fn words_between_numbers_that_start_like_a_connector_join_nothing() {
        for text in ["30 of 35 percent", "30 are 35 percent", "30 then 35 percent", "30 —and 35 percent"] {
            assert!(scan_with_alternatives(text).1.is_empty(), "{text}");
        }
        assert_eq!(scan_with_alternatives("30 or 35 percent").1.len(), 1);
        assert_eq!(scan_with_alternatives("30 , or 35 percent").1.len(), 1);
        // A connector is the whole word before a space, however the space is written.
        for text in ["30 to\u{a0}35 percent", "30 and/or 35 percent", "30 and\t35 percent"] {
            assert_eq!(scan_with_alternatives(text).1.len(), 1, "{text}");
        }
        for text in ["30 ton 35 percent", "30 tons\u{a0}35 percent", "30 and-a 35 percent", "30 a/b 35 percent"] {
            assert!(scan_with_alternatives(text).1.is_empty(), "{text}");
        }
    }

    /// A scanner of `text` with no mentions yet, that gathers alternatives.
    fn scanner(text: &str) -> Scanner<'_> {
        Scanner { text, out: Vec::new(), alternatives: Some(Vec::new()), split: false, groups_of_zeros_only: false }
    }

    /// Texts where words after numbers start like scale, percent or currency words, months,
    /// ordinals and hyphens, with non-ASCII characters, and numbers at the end of the text.
    const TRICKY: [&str; 30] = [
        "flow 0 of item 0 reached $595.8m",
        "12 students, 12 thousand tons and 12 tonnes in 12 tn",
        "3 million, 3 mn, 3 mice, 3 billion, 3 bn, 3 bins, 3 trillion, 3 trees, 3 thousands",
        "5 percent, 5 per cent, 5 perhaps, 5 pct, 5 pcs, 5 Percent, 5 pERCENT, 5 p",
        "7 dollars, 7 dollar, 7 dolls, 7 euros, 7 euro, 7 eu, 7 yuan, 7 yuk, 7 tenge, 7 tens",
        "9 rubles, 9 roubles, 9 rooms, 9 rules, 9 US dollars, 9 USD, 9 us dollars",
        "11 May 2001, 11 may, 11 Sept. 2001, 11 sept, 3 Jan, 3 jan",
        "the 21st, 22nd, 23rd and 24th, 2 th, 1990s, 90s, 1990 s",
        "2014-15, 2014 - 15, 2000-01-02, 12-month, 12 -month, 4.3-billion-dollar, 5-percent",
        "in 2012 500 people, 12 500 students, 12\u{a0}500 students, 12 000 km, 0 500 kg",
        "1,780 km and 1.5 km and 1/3 of all and 5/12/2001 and 01.01.2015 and 1.1.2015",
        "'98 was, '98, '50 percent', '20 km zone' and ’45 students’",
        "10m, 10k, 10 m, 10 k, 10 m\u{b2}, 10 km\u{b2}, 10 r\u{e9}sum\u{e9}s, 10 p\u{e9}so",
        "1000 years, 2999 years, 3000 years, 0999 years, 1500 students, 2000 of them",
        "a 12345678901234567890 of, 123456789012345678 of, 1234567890123456789 of",
        "30-35% and 30 to 35 percent and 30 or 35 per cent and 30 and 35 pct",
        "$3-4 billion and $3 and 4 billion and from $3 billion to 4 billion",
        "2 of\tthem, 2 of\nthem, 2 of, 2 of. 2 of; 2 a, 2 an, 2 as, 2 x",
        "the end is 42",
        "the end is 42 ",
        "the end is 42 x",
        "42",
        "5 tn",
        "5 per",
        "5 US",
        "5 us",
        "\u{20ac}5 of, \u{a3}5 of, US$5 of, USD 5 of, $ 5 of, $5 mice",
        "2001 of 2001 reached 2001",
        "5\u{2009}000 of, 5\u{202f}000 of, 5 000 000 of, 5,000 of, 5.25 of",
        "[12] 5 of, (Blank, 97) 5 of, p. 298 5 of, trade.14 Then 5 of",
    ];

    #[test]
    fn numbers_before_an_ordinary_word_are_read_as_in_full() {
        let mut fast = 0;
        for text in TRICKY {
            let bytes = text.as_bytes();
            for at in (0..bytes.len())
                .filter(|&at| bytes[at].is_ascii_digit() && (at == 0 || !bytes[at - 1].is_ascii_digit()))
            {
                for currency in [None, Some("USD")] {
                    let (mut quick, mut full) = (scanner(text), scanner(text));
                    let j = full.digits_end(at);
                    fast += usize::from(quick.before_ordinary_word(at, j).is_some());
                    let ends = (quick.digits(at, at, currency), full.digits_in_full(at, at, j, currency));
                    assert_eq!(ends.0, ends.1, "{text} at {at}");
                    assert_eq!(quick.out, full.out, "{text} at {at}");
                    assert_eq!(quick.split, full.split, "{text} at {at}");
                }
            }
        }
        assert!(fast > 40, "{fast}");
    }

    #[test]
    fn a_byte_that_is_no_letter_starts_no_listed_word() {
        for (first, second) in [(b'1', b'a'), (b'a', b'-'), (b'\xc3', b'\xa9'), (b'[', b'`'), (0, 0)] {
            assert!(!starts_one_of(&NAMING_STARTS, first, second));
            assert!(!starts_one_of(&SPELLED_STARTS, first, second));
        }
        assert!(starts_one_of(&SPELLED_STARTS, b'T', b'w'), "two");
        assert!(starts_one_of(&NAMING_STARTS, b'b', b'N'), "bn");
    }

    #[test]
    fn ordinary_words_name_nothing_a_number_takes() {
        // Every word of these sources, of the texts above and of the lists, in three cases: a
        // word `ordinary_word` lets through is no month, scale, percent or currency word.
        let texts = [include_str!("numbers.rs"), include_str!("agreement.rs"), include_str!("references.rs")];
        let listed = NAMING.iter().chain(&MONTHS).chain(&ORDINALS).copied();
        let words = texts.iter().chain(&TRICKY).flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic())).chain(listed);
        let mut ordinary = 0;
        for word in words.filter(|w| !w.is_empty()) {
            for variant in [word.to_string(), word.to_ascii_lowercase(), word.to_ascii_uppercase()] {
                if !ordinary_word(variant.as_bytes()) {
                    continue;
                }
                ordinary += 1;
                let spaced = format!("{variant} cent");
                assert!(scale_word(&variant, false).is_none(), "{variant}");
                assert!(currency_word(&variant).is_none(), "{variant}");
                assert!(month_of(&variant).is_none(), "{variant}");
                assert!(scanner(&spaced).percent_word(0).is_none(), "{variant}");
                assert!(variant != "US", "{variant}");
            }
        }
        assert!(ordinary > 1000, "{ordinary}");
        for word in NAMING {
            assert!(scale_word(word, false).is_some() || currency_word(word).is_some() || word.starts_with('p'));
        }
        for word in ["of", "reached", "students", "a", "m", "k", "item", "rates", "tons"] {
            assert!(ordinary_word(word.as_bytes()), "{word}");
        }
        for word in ["million", "Of", "per", "pERCENT", "dollars", "euro", "yuan", "tn", "rubles", "roubles", ""] {
            assert!(!ordinary_word(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn lower_case_words_passed_over_are_those_step_passes_over() {
        // The words `read` passes over itself: `step` would read nothing in them either.
        let mut passed = 0;
        for text in TRICKY.iter().chain(&[include_str!("agreement.rs")]) {
            let bytes = text.as_bytes();
            for i in (0..bytes.len()).filter(|&i| bytes[i].is_ascii_lowercase()) {
                if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let mut step = scanner(text);
                let end = step.run_end(i, u8::is_ascii_alphabetic);
                if may_be_spelled(&bytes[i..end]) {
                    continue;
                }
                passed += 1;
                assert_eq!(step.step(i), end, "{text} at {i}");
                assert!(step.out.is_empty() && step.alternatives.as_ref().is_some_and(Vec::is_empty), "{text} at {i}");
            }
        }
        assert!(passed > 1000, "{passed}");
    }

    #[test]
    fn gaps_are_trimmed_as_by_trim_start() {
        for text in [
            "",
            " ",
            "  of",
            " \t\n\x0b\x0c\rto",
            " \u{a0}to",
            "\u{85}and",
            "\u{2009}-",
            " \u{e9}",
            "\u{3000} or",
            ",",
            "x",
        ] {
            assert_eq!(trim_start(text), text.trim_start(), "{text:?}");
        }
    }

    #[test]
    fn words_passed_over_at_once_are_no_number_words() {
        // Every word of this module's and the agreement's sources and tests, in three cases: a
        // word `may_be_spelled` passes over is none that `Scanner::word` reads as a number.
        let texts = [include_str!("numbers.rs"), include_str!("agreement.rs"), include_str!("references.rs")];
        let words = texts.iter().flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic())).filter(|w| !w.is_empty());
        let mut checked = 0;
        for word in words {
            for variant in [word.to_string(), word.to_ascii_lowercase(), word.to_ascii_uppercase()] {
                let mut buffer = [0; LONGEST_WORD];
                let lower = lowercase(&variant, &mut buffer);
                let read = lower.is_some_and(|l| l == b"a" || l == b"half" || number_word(l).is_some());
                assert!(!read || may_be_spelled(variant.as_bytes()), "{variant}");
                checked += usize::from(read);
            }
        }
        assert!(checked > 100, "{checked}");
        for word in SPELLED {
            assert!(word == "half" || number_word(word.as_bytes()).is_some(), "{word}");
        }
        for word in ["Twenty", "tWeNtY", "A", "a", "HALF", "Seventeen", "ninety"] {
            assert!(may_be_spelled(word.as_bytes()), "{word}");
        }
        for word in ["flow", "item", "reached", "of", "an", "seventeens", "hello", "tw", "b"] {
            assert!(!may_be_spelled(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn every_currency_symbol_is_looked_for() {
        // The scan passes over bytes that start nothing, and `step` tries the symbols only at
        // these first bytes.
        for (symbol, _) in CURRENCY_SYMBOLS {
            let first = symbol.as_bytes()[0];
            assert!(!starts_nothing(first) && (matches!(first, b'$' | b'U') || !first.is_ascii()), "{symbol}");
        }
    }
}

#[cfg(test)]
#[path = "numbers_plain_tests.rs"]
mod plain_tests;

/// The fast walk of plain texts against the byte-at-a-time walk it replaced, which is kept here
/// as it was: the same numbers handed out in the same order, and the same answer, on every
/// text (what is handed out before a text is found not plain included).
#[cfg(test)]
mod plain_walk_tests {
    use super::*;

    /// The walk [`read_plain`] replaced, a byte at a time.
    fn read_plain_bytewise(text: &str, wants: impl Fn(Kind) -> bool, mut each: impl FnMut(PlainNumber)) -> bool {
        let bytes = text.as_bytes();
        let class = |i: usize| bytes.get(i).map_or(0, |&b| PLAIN_BYTES[usize::from(b)]);
        // Whether a number was read and no word after it yet; whether the first word after the
        // last number was a connector, which may join it to a next one.
        let (mut after_number, mut may_join) = (false, false);
        let mut i = 0;
        loop {
            let at = class(i);
            // The class of the byte after the token.
            let mut next;
            if at & LETTER != 0 {
                let start = i;
                i += 1;
                next = class(i);
                while next & LETTER != 0 {
                    i += 1;
                    next = class(i);
                }
                let word = &bytes[start..i];
                // Most words are lower-case, no page label, and ruled out as number words by their
                // length and first letters: the other tests are for the rest.
                let ordinary = at == LOWER && word[0] != b'p' && !may_be_spelled(word);
                if !ordinary && !passed_over(&text[start..i]) {
                    return false;
                }
                if std::mem::take(&mut after_number) {
                    may_join = matches!(word, b"to" | b"and" | b"or");
                }
                // Digits and letters after the word's letters are passed over (`flow0`).
                while next & (LETTER | DIGIT) != 0 {
                    i += 1;
                    next = class(i);
                }
            } else if at & (DIGIT | DOLLAR) != 0 {
                if after_number || may_join {
                    return false;
                }
                let Some(end) = plain_number_bytewise(text, i, &wants, &mut each) else { return false };
                i = end;
                next = class(i);
                after_number = true;
            } else {
                // An empty text, a space at the end or two in a row, or a byte of no plain text.
                return false;
            }
            i += usize::from(next == STOP);
            match bytes.get(i) {
                None => return true,
                Some(b' ') => i += 1,
                Some(_) => return false,
            }
        }
    }

    fn plain_number_bytewise(
        text: &str,
        start: usize,
        wants: &impl Fn(Kind) -> bool,
        each: &mut impl FnMut(PlainNumber),
    ) -> Option<usize> {
        let bytes = text.as_bytes();
        let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let dollar = byte(start) == b'$';
        let at = start + usize::from(dollar);
        // The digits' value, as `decimal_value` reads up to 18 of them (more are left to the
        // general reader), and how many follow a decimal point.
        let (mut magnitude, mut decimals) = (0u64, 0u32);
        let mut j = at;
        while byte(j).is_ascii_digit() {
            magnitude = magnitude * 10 + u64::from(byte(j) - b'0');
            j += 1;
            if j - at > 18 {
                return None;
            }
        }
        if j == at {
            return None;
        }
        // `0 of`, `$12 of`, as `Scanner::digits` reads digits before an ordinary word: the test
        // of `Scanner::before_ordinary_word`, as `ordinary_word` makes it of the word's first two
        // letters (a byte that is no letter starts no word it looks for). A year is read below.
        if byte(j) == b' '
            && byte(j + 1).is_ascii_lowercase()
            && !starts_one_of(&NAMING_STARTS, byte(j + 1), byte(j + 2))
        {
            let kind = match dollar {
                true => Kind::Money("USD"),
                // A year where the claim weighs plain amounts, which a year may be read as, is
                // left to the general reader; of a percentage or money claim it is no number of
                // the claim's kind in any reading, and is passed over like any other.
                false if j - at == 4 && (1000..=2999).contains(&magnitude) => match wants(Kind::Count) {
                    true => return None,
                    false => return Some(j),
                },
                false => Kind::Count,
            };
            if wants(kind) {
                each(PlainNumber { range: start..j, kind, magnitude, decimals: 0, exponent: 0 });
            }
            return Some(j);
        }
        if !dollar {
            return None;
        }
        // `$595.8m`, `$1.5 billion`, `$5`, as `Scanner::digits_in_full` reads an amount with a
        // currency prefix whose digits are followed by a letter, a space, `.`, `,`, `;`, `:` or
        // nothing (any other byte ends the plain text there): no comma or space groups digits
        // (none is followed by a digit), decimals follow one `.`, and no date is read (that takes
        // a number without a currency, a dash, a slash, an apostrophe before or a month after it).
        if byte(j) == b'.' && byte(j + 1).is_ascii_digit() {
            let point = j;
            j += 1;
            while byte(j).is_ascii_digit() {
                magnitude = magnitude * 10 + u64::from(byte(j) - b'0');
                j += 1;
                if j - at > 19 {
                    return None;
                }
            }
            decimals = (j - point - 1) as u32;
        }
        if matches!(byte(j), b',' | b' ') && byte(j + 1).is_ascii_digit() {
            return None;
        }
        let letters_end = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let (exponent, end) = if matches!(byte(j), b'm' | b'k') && !byte(j + 1).is_ascii_alphabetic() {
            // `m` or `k` alone attached, the commonest scale: as `scale_word` reads it.
            (if byte(j) == b'm' { 6 } else { 3 }, j + 1)
        } else if byte(j).is_ascii_alphabetic() {
            let suffix_end = letters_end(j);
            // Only a scale attached (`m` of `$595.8m`): an ordinal's, a decade's or a percent
            // sign's letters are read otherwise.
            let (exponent, len) = scale_word(&text[j..suffix_end], true)?;
            (exponent, j + len)
        } else if byte(j) == b' ' && byte(j + 1).is_ascii_alphabetic() {
            let word = &text[j + 1..letters_end(j + 1)];
            match scale_word(word, false) {
                Some((exponent, len)) => (exponent, j + 1 + len),
                // A percent word or a month after the number is read with it.
                None if matches!(word.as_bytes()[0], b'p' | b'P') || month_of(word).is_some() => return None,
                None => (0, j),
            }
        } else {
            (0, j)
        };
        let kind = Kind::Money("USD");
        if wants(kind) {
            each(PlainNumber { range: start..end, kind, magnitude, decimals, exponent });
        }
        Some(end)
    }

    /// A walk of a plain text: [`read_plain`] or the byte-at-a-time one.
    type Walk = fn(&str, &dyn Fn(Kind) -> bool, &mut dyn FnMut(PlainNumber)) -> bool;

    /// What `walk` hands out and answers of `text` for a claim that weighs `wanted`.
    fn walked(walk: Walk, text: &str, wanted: &dyn Fn(Kind) -> bool) -> (bool, Vec<PlainNumber>) {
        let mut found = Vec::new();
        let plain = walk(text, wanted, &mut |n| found.push(n));
        (plain, found)
    }

    fn fast(text: &str, wanted: &dyn Fn(Kind) -> bool, each: &mut dyn FnMut(PlainNumber)) -> bool {
        read_plain(text, wanted, each)
    }

    fn bytewise(text: &str, wanted: &dyn Fn(Kind) -> bool, each: &mut dyn FnMut(PlainNumber)) -> bool {
        read_plain_bytewise(text, wanted, each)
    }

    /// Claims of every kind a plain text's numbers may be of, of both, and of neither.
    const CLAIMS: [fn(Kind) -> bool; 5] = [
        |_| true,
        |kind| kind == Kind::Count,
        |kind| kind == Kind::Money("USD"),
        |kind| matches!(kind, Kind::Percent | Kind::Ratio),
        |kind| kind == Kind::Money("EUR"),
    ];

    /// Whether both walks read `text` alike for every claim; whether it is plain.
    fn same_walk(text: &str) -> bool {
        let mut plain = false;
        for wanted in CLAIMS {
            let ours = walked(fast, text, &wanted);
            assert_eq!(ours, walked(bytewise, text, &wanted), "{text:?}");
            plain = ours.0;
        }
        plain
    }

    #[test]
    fn plain_texts_are_walked_as_byte_by_byte() {
        let long = format!("{} $4.5m", ["flow 12 of item 3 reached"; 5].join(" "));
        for text in [
            "flow 52 of item 7 reached $828.5m",
            "flow 1000 of item 2012 reached $828.5m",
            "flow 12 of item 3 reached $0.5 billion, then $7bn.",
            "",
            "a",
            "x",
            "$",
            "$5",
            "12",
            "2001 it",
            long.as_str(),
            &long[..64],
            &long[..65],
            &long[..63],
        ] {
            same_walk(text);
        }
    }

    #[test]
    fn random_texts_are_walked_as_byte_by_byte() {
        const TOKENS: &[&str] = &[
            "flow",
            "of",
            "item",
            "reached",
            "the",
            "a",
            "A",
            "an",
            "half",
            "Half",
            "one",
            "Two",
            "three",
            "twenty",
            "fifty",
            "fly",
            "seventeen",
            "seventeenth",
            "ten",
            "to",
            "and",
            "or",
            "To",
            "AND",
            "top",
            "ore",
            "or5",
            "to.",
            "tO",
            "oR",
            "ton",
            "ant",
            "an",
            "p.",
            "p",
            "pp",
            "pg",
            "page",
            "pages",
            "Pages",
            "pa",
            "pat",
            "May",
            "Sept",
            "March",
            "USD",
            "EUR",
            "dollars",
            "percent",
            "per",
            "pct",
            "million",
            "billion",
            "bn",
            "m",
            "k",
            "tons",
            "students",
            "thousand",
            "Million",
            "tn",
            "flow0",
            "x1y",
            "b1",
            "0",
            "5",
            "12",
            "52",
            "2001",
            "1999",
            "3000",
            "999",
            "1000",
            "2999",
            "123456789012345678",
            "1234567890123456789",
            "$5",
            "$595.8m",
            "$1.5",
            "$0.5bn",
            "$12k",
            "$1.5k",
            "$7kt",
            "$2m5",
            "$9ms",
            "$3mn",
            "$4tn",
            "$5th",
            "$50s",
            "$",
            "$5x",
            "$5.",
            "$5.5.5",
            "$5,000",
            "$1.23456789012345678m",
            "$12345678901234567.8",
            "$123456789012345678.9",
            "5%",
            "1/3",
            "[12]",
            "(a",
            "-5",
            "5.",
            "0.5",
            "caf\u{e9}",
            "\u{20ac}5",
            "\u{a0}",
            "x\u{301}",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", " ", " ", " ", ", ", ". ", "; ", ": ", "  ", "-", ",", ".", "", "\t"];
        // Tokens and gaps of plain texts mostly, so that one text in three or so is plain.
        const PLAIN_TOKENS: &[&str] = &[
            "flow",
            "of",
            "item",
            "reached",
            "the",
            "students",
            "fly",
            "x1y",
            "b1",
            "Trade",
            "0",
            "5",
            "12",
            "52",
            "999",
            "3000",
            "2001",
            "$5",
            "$595.8m",
            "$0.5bn",
            "$12k",
            "$1.5",
            "$3mn",
            "$4.3 billion",
            "top",
            "ore",
        ];
        const PLAIN_GAPS: &[&str] = &[" ", " ", " ", " ", " ", " ", " ", ", ", "; ", ". ", ": "];
        let mut rng = fastrand::Rng::with_seed(0x5ee2);
        let mut plain = 0;
        for n in 0..300_000 {
            let (tokens, gaps) = match n % 2 {
                0 => (TOKENS, GAPS),
                _ => (PLAIN_TOKENS, PLAIN_GAPS),
            };
            let mut text = String::new();
            // Texts around one, two and three blocks long, and short ones.
            let length = [12, 16, 30, 33, 60, 64, 70, 128, 140][n % 9];
            while text.len() < length {
                if !text.is_empty() {
                    text.push_str(gaps[rng.usize(..gaps.len())]);
                }
                text.push_str(tokens[rng.usize(..tokens.len())]);
                // Numbers apart, as in plain texts.
                if n % 2 == 1 && text.ends_with(|c: char| c.is_ascii_digit() || c == 'm' || c == 'k') {
                    text.push_str([" of", " students", " reached"][rng.usize(..3)]);
                }
            }
            match rng.u8(..8) {
                0 => text.push_str([".", ",", " ", ";", ":", "!"][rng.usize(..6)]),
                // Cut at any byte, in a character or not.
                1 => {
                    let cut = rng.usize(..=text.len());
                    if text.is_char_boundary(cut) {
                        text.truncate(cut);
                    }
                }
                _ => {}
            }
            plain += usize::from(same_walk(&text));
        }
        assert!(plain > 30_000, "{plain}");
    }

    #[test]
    fn words_passed_over_at_once_are_ordinary() {
        // Every lower-case first letter, every second byte, and every length of the word's
        // letters that second byte allows.
        for first in b'a'..=b'z' {
            for second in 0..=u8::MAX {
                if !passed_over_at_once(first, second) {
                    continue;
                }
                let lengths = match second.is_ascii_alphabetic() {
                    true => 2..=LONGEST_WORD + 2,
                    false => 1..=1,
                };
                for len in lengths {
                    let word: Vec<u8> = [first, second].into_iter().chain(std::iter::repeat(b'e')).take(len).collect();
                    assert!(first != b'p' && !may_be_spelled(&word), "{word:?}");
                }
            }
        }
    }
}
