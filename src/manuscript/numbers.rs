//! Numbers in prose, as a reader would take them: `5.8 percent`, `43.1percent`, `$4.3bn`,
//! `10 million tons`, `1,780 km`, `one-third`, `half`, `three partners`, `September 11,
//! 2001`. Values are exact rationals. Parenthesised author–year citations (`(Blank, 97)`)
//! are references, not numbers of the text, and are skipped.

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
const CURRENCY_WORDS: [(&str, &str); 15] = [
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("USD", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("yuan", "CNY"),
    ("CNY", "CNY"),
    ("tenge", "KZT"),
    ("KZT", "KZT"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("RUB", "RUB"),
];

/// Every number, date and percentage of `text`, in order.
pub fn scan(text: &str) -> Vec<Mention> {
    let citations = citation_groups(text);
    let mut scanner = Scanner { text, out: Vec::new() };
    let mut next_citation = citations.iter().peekable();
    let mut i = 0;
    loop {
        // Spaces and punctuation start nothing: they are passed over here at once rather than
        // by a step each. A citation group opening among them is still caught just below.
        i = scanner.run_end(i, |&b| starts_nothing(b));
        if i >= text.len() {
            break;
        }
        if let Some(group) = next_citation.next_if(|g| g.start <= i) {
            i = i.max(group.end);
            continue;
        }
        i = scanner.step(i);
    }
    scanner.out
}

/// `(Blank, 97)`, `(WITS 1995)`: parentheses opening on a capital, holding a digit, no `%`
/// or currency, and not a date.
fn citation_groups(text: &str) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    for (open, _) in text.match_indices('(') {
        let inner = &text[open + 1..];
        let Some(close) = inner.char_indices().take(200).find(|&(_, c)| c == ')' || c == '(').map(|(i, _)| i) else {
            continue;
        };
        let content = &inner[..close];
        let first_word = content.split([' ', ',']).next().unwrap_or("");
        if inner[close..].starts_with(')')
            && content.starts_with(char::is_uppercase)
            && content.contains(|c: char| c.is_ascii_digit())
            && !content.contains(['%', '$', '€', '£', '¥'])
            && month_of(first_word).is_none()
        {
            groups.push(open..open + close + 2);
        }
    }
    groups
}

/// Whether `b` starts nothing the scanner reads: no number, word or currency symbol.
fn starts_nothing(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'$'
}

fn month_of(word: &str) -> Option<u32> {
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
    fn number(&mut self, start: usize, at: usize, mut currency: Option<&'static str>) -> usize {
        let mut j = self.digits_end(at);
        let whole_digits = j - at;
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
        let Some(written) = decimal_value(&self.text[at..j], 0) else { return j };
        let year_like = plain && whole_digits == 4 && currency.is_none();
        // The word attached to the number (`bn` of `4.3bn`) and the word after one space, found
        // once for the several tests below.
        let suffix = self.word_at(j);
        let spaced = self.next_word(j);
        if matches!(suffix, "st" | "nd" | "rd" | "th") {
            return j + 2;
        }
        if year_like && suffix == "s" && self.byte(j - 1) == b'0' {
            self.push(start..j + 1, Kind::Date, written.clone(), written);
            return j + 1;
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
        } else if let Some((w_at, word)) = if suffix.is_empty() { spaced } else { Some((j, suffix)) } {
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
            let next = if end == j { spaced } else { self.next_word(end) };
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
        let scaled = if percent || exponent == 0 { None } else { decimal_value(&self.text[at..j], exponent) };
        self.push(start..end, kind, scaled.unwrap_or_else(|| written.clone()), written);
        end
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
        let denominator = decimal_value(&self.text[j + 1..k], 0).filter(|d| *d != int(0));
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

    /// `percent`, `per cent` or `pct` at `i`: its length.
    fn percent_word(&self, i: usize) -> Option<usize> {
        let rest = &self.text[i..];
        ["percent", "per cent", "pct"]
            .iter()
            .find(|w| rest.starts_with(**w) && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(|w| w.len())
    }

    /// A word at `start..end`: a month date, a currency code before a number, or a number word.
    fn word(&mut self, start: usize, end: usize) -> usize {
        let word = &self.text[start..end];
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
            let number = decimal_value(number, 0).unwrap_or_else(|| int(0));
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
            let before = self.text[..start].trim_end().rsplit(' ').next().unwrap_or("");
            if !["first", "second", "latter", "former", "other"].iter().any(|w| before.eq_ignore_ascii_case(w)) {
                self.push(start..end, Kind::Ratio, ratio(1, 2), ratio(1, 2));
            }
            return end;
        }
        if lower == b"a" {
            if let Some((at, next)) = self.next_word(end).filter(|(at, w)| self.ends_fraction(at + w.len())) {
                if let Some(denominator) = fraction_denominator(next, false) {
                    let value = ratio(1, denominator);
                    self.push(start..at + next.len(), Kind::Ratio, value.clone(), value);
                    return at + next.len();
                }
            }
            return end;
        }
        match number_word(lower) {
            Some(n) => self.number_word(start, end, n),
            None => end,
        }
    }

    /// `twenty-five`, `one-third`, `two hundred`, `ten million`, `five percent`, `twenty billion dollars`.
    fn number_word(&mut self, start: usize, mut end: usize, mut n: i64) -> usize {
        if self.byte(end) == b'-' {
            let next = self.word_at(end + 1);
            if ORDINALS.iter().any(|o| next.eq_ignore_ascii_case(o)) && n >= 20 {
                return end + 1 + next.len();
            }
            let mut buffer = [0; LONGEST_WORD];
            if let Some(unit) = lowercase(next, &mut buffer).and_then(number_word).filter(|&u| n >= 20 && u < 10) {
                n += unit;
                end += 1 + next.len();
            }
        }
        if matches!(self.byte(end), b'-' | b' ') {
            let next = self.word_at(end + 1);
            let denominator = fraction_denominator(next, n > 1)
                .filter(|_| self.byte(end) == b'-' || self.ends_fraction(end + 1 + next.len()));
            if let Some(denominator) = denominator {
                let value = ratio(n, denominator);
                self.push(start..end + 1 + next.len(), Kind::Ratio, value.clone(), value);
                return end + 1 + next.len();
            }
        }
        if let Some((at, word)) = self.next_word(end).filter(|(_, w)| w.eq_ignore_ascii_case("hundred")) {
            n *= 100;
            end = at + word.len();
        }
        let mut exponent = 0;
        if let Some((at, word)) = self.next_word(end) {
            if let Some((e, len)) = scale_word(word, false).filter(|(e, _)| *e > 0) {
                exponent = e;
                end = at + len;
            }
        }
        let next = self.next_word(end);
        let percent = next.and_then(|(at, _)| self.percent_word(at).map(|len| at + len));
        let money = if percent.is_none() { next.and_then(|word| self.currency_named(word)) } else { None };
        if n == 1 && exponent == 0 && percent.is_none() && money.is_none() {
            return end;
        }
        let written = int(n);
        match (percent, money) {
            (Some(percent_end), _) => {
                self.push(start..percent_end, Kind::Percent, written.clone(), written);
                percent_end
            }
            (None, Some((code, money_end))) => {
                self.push(start..money_end, Kind::Money(code), &written * Q::pow10(exponent), written);
                money_end
            }
            (None, None) => {
                self.push(start..end, Kind::Count, &written * Q::pow10(exponent), written);
                end
            }
        }
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

fn currency_word(word: &str) -> Option<&'static str> {
    CURRENCY_WORDS.iter().find(|(w, _)| *w == word).map(|(_, code)| *code)
}

/// The value `parse_decimal` gives `text`, times `10^exponent`. Read in one pass when the
/// digits fit a `u64`, as nearly all do, and scaled without a product of rationals: a quote's
/// numbers are read for every quote of every run, and the precision `parse_decimal` also
/// works out is not needed here.
pub(super) fn decimal_value(text: &str, exponent: u32) -> Option<Q> {
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
        let decimals = decimals as u32;
        if exponent <= decimals {
            return Some(Q::from_decimal(negative, magnitude, decimals - exponent));
        }
        if let Some(whole) = 10u64.checked_pow(exponent - decimals).and_then(|p| magnitude.checked_mul(p)) {
            return Some(Q::from_decimal(negative, whole, 0));
        }
    }
    parse_decimal(text).map(|d| &d.value * Q::pow10(exponent))
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
            for exponent in [0, 1, 3, 6, 9, 12, 19, 40] {
                let expected = parse_decimal(text).map(|d| &d.value * Q::pow10(exponent));
                assert_eq!(decimal_value(text, exponent), expected, "{text} e{exponent}");
            }
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
