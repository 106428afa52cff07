//! Truthfulness: random consistent worlds (true values for shares, totals, trend series,
//! records, conflicts and asserts) are written as claims rounded to random precisions with
//! random qualifiers (`~`, `>`, ranges, `exact`, scales), and must check clean. Then one
//! value is pushed beyond its rounding interval in a way that must contradict, and the
//! right code must be reported with a label on the pushed line.
//!
//! The values are computed here independently of claimcheck: every quantity is an integer
//! number of millionths of its component's base unit (1 %, $1m or 1 Mtoe), and every
//! written value is a decimal, so the arithmetic is exact. Runs a few hundred worlds with
//! a fixed seed; `CLAIMCHECK_WORLDS=N` runs N.

use claimcheck::finding::{Label, Severity};
use claimcheck::Outcome;

const MICRO: i128 = 1_000_000;
const DEFAULT_WORLDS: u64 = 500;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    /// `%`, base 1 %.
    Percent,
    /// USD, base $1m, written in `m` or `bn`.
    Usd,
    /// Mtoe, base 1 Mtoe, written plain or in `k`.
    Mtoe,
}

impl Style {
    fn unit(self) -> &'static str {
        match self {
            Style::Percent => "%",
            Style::Usd => "USD",
            Style::Mtoe => "Mtoe",
        }
    }
}

/// A written value (with its comparator) and the interval it stands for, in millionths.
#[derive(Clone, Debug)]
struct Written {
    text: String,
    lo: Option<i128>,
    hi: Option<i128>,
}

/// A line of a world; a claim's value may be swapped for a pushed one.
struct Line {
    before: String,
    value: Option<Written>,
    after: String,
}

/// Pushing the value on `line` to `value` must be reported as `code` there.
struct Push {
    line: usize,
    value: Written,
    code: &'static str,
}

fn pow10(exp: u32) -> i128 {
    10i128.pow(exp)
}

/// `w` with `decimals` decimals, sometimes with thousands separators.
fn decimal(w: i128, decimals: u32, commas: bool) -> String {
    let unit = pow10(decimals);
    let whole = (w / unit).to_string();
    let whole = if commas && whole.len() > 3 {
        let mut out = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    } else {
        whole
    };
    match decimals {
        0 => whole,
        _ => format!("{whole}.{:0width$}", w % unit, width = decimals as usize),
    }
}

struct Gen {
    rng: fastrand::Rng,
    /// The file's tolerance in percent.
    tolerance: i128,
    lines: Vec<Line>,
    pushes: Vec<Push>,
}

impl Gen {
    fn text(&self, push: Option<&Push>) -> String {
        let mut out = String::new();
        for (index, line) in self.lines.iter().enumerate() {
            let value = match (push, &line.value) {
                (Some(p), _) if p.line == index + 1 => p.value.text.as_str(),
                (_, Some(v)) => v.text.as_str(),
                (_, None) => "",
            };
            out.push_str(&format!("{}{value}{}\n", line.before, line.after));
        }
        out
    }

    /// Adds a line; returns its 1-based number.
    fn line(&mut self, before: String, value: Option<Written>, after: &str) -> usize {
        self.lines.push(Line { before, value, after: after.to_string() });
        self.lines.len()
    }

    fn raw(&mut self, text: String) -> usize {
        self.line(text, None, "")
    }

    /// The step of a written precision: `scale` is 0 or 3 (the written unit is 1000 base
    /// units), `decimals` 0–3.
    fn step(scale: u32, decimals: u32) -> i128 {
        pow10(6 + scale - decimals)
    }

    fn format(&mut self, style: Style, scale: u32, a: String, b: Option<String>) -> String {
        let range = |a: &str| b.as_ref().map_or_else(|| a.to_string(), |b| format!("{a}..{b}"));
        match style {
            Style::Percent => format!("{}%", range(&a)),
            Style::Usd => {
                let word = if scale == 3 { "bn" } else { "m" };
                match (b.is_some(), self.rng.u8(0..3)) {
                    (false, 1) => format!("USD {a}{word}"),
                    (false, 2) => format!("{a}{word} USD"),
                    _ => format!("${}{word}", range(&a)),
                }
            }
            Style::Mtoe => format!("{}{} Mtoe", range(&a), if scale == 3 { "k" } else { "" }),
        }
    }

    /// A random precision with at least one significant digit for `v`.
    fn precision(&mut self, v: i128, style: Style) -> (u32, u32) {
        for _ in 0..20 {
            let scale = if style != Style::Percent && self.rng.u8(0..3) == 0 { 3 } else { 0 };
            let decimals = self.rng.u32(0..=3);
            if Self::step(scale, decimals) <= v {
                return (scale, decimals);
            }
        }
        (0, 3)
    }

    /// The true value `v` (> 0) written with a random precision and qualifier.
    fn write(&mut self, v: i128, style: Style, rays: bool) -> Written {
        let (scale, decimals) = self.precision(v, style);
        let s = Self::step(scale, decimals);
        let commas = self.rng.bool();
        let num = |w: i128| decimal(w, decimals, commas);
        let nearest = (v + s / 2) / s;
        match self.rng.u8(0..10) {
            0 | 1 => {
                // `~`: a written value off by up to 80 % of the tolerance.
                let off = v * self.tolerance * (self.rng.i128(-80..=80)) / 10_000;
                let w = (v + off + s / 2) / s;
                let slack = w * s * self.tolerance / 100;
                let (lo, hi) = (w * s - s / 2 - slack, w * s + s / 2 + slack);
                if w > 0 && lo <= v && v <= hi {
                    let text = format!("~ {}", self.format(style, scale, num(w), None));
                    return Written { text, lo: Some(lo), hi: Some(hi) };
                }
            }
            2 if rays => {
                let w = v / s;
                let cmp = if self.rng.bool() { ">" } else { ">=" };
                let text = format!("{cmp} {}", self.format(style, scale, num(w), None));
                return Written { text, lo: Some(w * s - s / 2), hi: None };
            }
            3 if rays => {
                let w = (v + s - 1) / s;
                let cmp = if self.rng.bool() { "<" } else { "<=" };
                let text = format!("{cmp} {}", self.format(style, scale, num(w), None));
                return Written { text, lo: None, hi: Some(w * s + s / 2) };
            }
            4 => {
                let spread = v / 5 + 1;
                let a = (v - self.rng.i128(0..spread)).max(0) / s;
                let b = ((v + self.rng.i128(0..spread)) + s - 1) / s;
                let b = if b <= a { a + 1 } else { b };
                let text = format!("= {}", self.format(style, scale, num(a), Some(num(b))));
                return Written { text, lo: Some(a * s - s / 2), hi: Some(b * s + s / 2) };
            }
            5 if v % s == 0 => {
                let text = format!("= {} exact", self.format(style, scale, num(v / s), None));
                return Written { text, lo: Some(v), hi: Some(v) };
            }
            _ => {}
        }
        let text = format!("= {}", self.format(style, scale, num(nearest), None));
        Written { text, lo: Some(nearest * s - s / 2), hi: Some(nearest * s + s / 2) }
    }

    /// A plain value whose whole interval lies above `bound`.
    fn above(&mut self, bound: i128, style: Style) -> Written {
        let s = Self::step(0, 3);
        let w = ((bound + s / 2).max(0) / s + 1 + self.rng.i128(0..50)).max(1);
        Written {
            text: format!("= {}", self.format(style, 0, decimal(w, 3, false), None)),
            lo: Some(w * s - s / 2),
            hi: Some(w * s + s / 2),
        }
    }

    /// A plain positive value whose whole interval lies below `bound`, if there is one.
    fn below(&mut self, bound: i128, style: Style) -> Option<Written> {
        let s = Self::step(0, 3);
        let w = (bound - s / 2 - 1) / s - self.rng.i128(0..3);
        (w >= 1 && w * s + s / 2 < bound).then(|| Written {
            text: format!("= {}", self.format(style, 0, decimal(w, 3, false), None)),
            lo: Some(w * s - s / 2),
            hi: Some(w * s + s / 2),
        })
    }

    /// A positive true value with three decimals, between `min` and `max` base units.
    fn truth(&mut self, min: i128, max: i128) -> i128 {
        self.rng.i128(min * 1000..=max * 1000) * 1000
    }

    fn year(&mut self) -> i32 {
        self.rng.i32(1990..2010)
    }

    fn header(&mut self, k: usize, style: Style) -> (String, String) {
        let (measure, source) = (format!("m{k}"), format!("s{k}"));
        self.raw(format!("source {source} \"Source {k}\" 2030"));
        self.raw(format!("measure {measure} \"Measure {k}\" unit {}", style.unit()));
        (measure, format!(" [@{source}]"))
    }
}

const ITEMS: [&str; 8] = ["China", "Russia", "EU", "Other", "Kazakhstan", "Turkey", "Iran", "India"];

fn shares(g: &mut Gen, k: usize) {
    let (measure, cite) = g.header(k, Style::Percent);
    let n = g.rng.usize(2..=5);
    let complete = g.rng.bool();
    let total = if complete { 100_000 } else { g.rng.i128(50_000..=100_000) };
    let mut cuts: Vec<i128> = (1..n).map(|_| g.rng.i128(1..total)).collect();
    cuts.extend([0, total]);
    cuts.sort_unstable();
    let truths: Vec<i128> = cuts.windows(2).map(|w| (w[1] - w[0]) * 1000).filter(|&v| v > 0).collect();
    let unknown = (g.rng.u8(0..4) == 0).then(|| g.rng.usize(0..truths.len()));
    let flag = if complete { " complete" } else { "" };
    let year = g.year();
    g.raw(format!("{year} shares {measure}{flag}{cite}"));
    let mut members = Vec::new();
    for (i, &v) in truths.iter().enumerate() {
        let value = (unknown != Some(i)).then(|| g.write(v, Style::Percent, true));
        let (lo, hi) = value.as_ref().map_or((Some(0), Some(100 * MICRO)), |w| (w.lo, w.hi));
        let text = value.clone().unwrap_or(Written { text: "?".into(), lo: None, hi: None });
        let line = g.line(format!("    {} ", ITEMS[i]), Some(text), "");
        members.push((line, value.is_some(), lo.unwrap_or(0).max(0), hi.unwrap_or(100 * MICRO).min(100 * MICRO)));
    }
    let written: Vec<usize> = members.iter().filter(|m| m.1).map(|m| m.0).collect();
    let Some(&line) = written.get(g.rng.usize(0..written.len().max(1))) else { return };
    let others_lo: i128 = members.iter().filter(|m| m.0 != line).map(|m| m.2).sum();
    let others_hi: i128 = members.iter().filter(|m| m.0 != line).map(|m| m.3).sum();
    let too_small = complete && unknown.is_none() && g.rng.bool();
    match too_small.then(|| g.below(100 * MICRO - others_hi, Style::Percent)).flatten() {
        Some(value) => g.pushes.push(Push { line, value, code: "shares-incomplete" }),
        None => {
            let value = g.above(100 * MICRO - others_lo, Style::Percent);
            g.pushes.push(Push { line, value, code: "shares-over-100" });
        }
    }
}

fn totals(g: &mut Gen, k: usize) {
    let (measure, cite) = g.header(k, Style::Usd);
    let parts: Vec<i128> = (0..g.rng.usize(2..=4)).map(|_| g.truth(50, 5000)).collect();
    let unknown = g.rng.usize(0..parts.len() * 3);
    let total_written = (unknown != parts.len()).then(|| g.write(parts.iter().sum(), Style::Usd, true));
    let total_value = total_written.clone().unwrap_or(Written { text: "= ?".into(), lo: None, hi: None });
    let year = g.year();
    let total_line = g.line(format!("{year} total {measure} "), Some(total_value), &cite);
    let mut written = Vec::new();
    for (i, &v) in parts.iter().enumerate() {
        let value =
            if unknown == i { Written { text: "?".into(), lo: None, hi: None } } else { g.write(v, Style::Usd, true) };
        written.push((g.line(format!("    {} ", ITEMS[i]), Some(value.clone()), ""), value));
    }
    // A `?` part or total absorbs any push.
    let (Some(total), true) = (total_written, unknown >= parts.len()) else { return };
    let sum = |pick: fn(&Written) -> Option<i128>| written.iter().map(|(_, w)| pick(w)).sum::<Option<i128>>();
    if let Some(hi) = sum(|w| w.hi).filter(|_| g.rng.bool()) {
        let value = g.above(hi, Style::Usd);
        g.pushes.push(Push { line: total_line, value, code: "total-mismatch" });
    } else if let (Some(hi), Some(lo_others)) = (total.hi, sum(|w| w.lo).zip(written[0].1.lo).map(|(s, l)| s - l)) {
        let value = g.above(hi - lo_others, Style::Usd);
        g.pushes.push(Push { line: written[0].0, value, code: "total-mismatch" });
    }
}

/// Contradictions only the network sees: a `?` part or total tied by an assert to a claim
/// outside the block, or a `?` share stated again on a line of its own.
fn network(g: &mut Gen, k: usize) {
    if g.rng.u8(0..3) == 0 {
        return restated_share(g, k);
    }
    let (measure, cite) = g.header(k, Style::Usd);
    let (factor_text, numer, denom) =
        [("2", 2, 1), ("3", 3, 1), ("1.5", 3, 2), ("0.5", 1, 2), ("1/4", 1, 4)][g.rng.usize(0..5)];
    let c = g.truth(10, 1000) * 4;
    let year = g.year();
    let c_value = g.write(c, Style::Usd, true);
    let c_line = g.line(format!("c{k}: {year} {measure} C "), Some(c_value), &cite);
    // The derived quantity: the `?` part `a`, or the `?` total named as MEASURE@DATE.
    let (derived, bound) = if g.rng.bool() {
        let b = g.truth(10, 3000);
        let total = g.write(c * numer / denom + b, Style::Usd, false);
        g.line(format!("{year} total {measure} "), Some(total.clone()), &cite);
        g.raw(format!("    a{k}: A ?"));
        let b_value = g.write(b, Style::Usd, false);
        g.line("    B ".into(), Some(b_value.clone()), "");
        (format!("a{k}"), total.hi.zip(b_value.lo).map(|(t, b)| t - b))
    } else {
        let b = g.truth(1, c * numer / denom / MICRO - 1);
        g.raw(format!("{year} total {measure} = ?{cite}"));
        let parts = [c * numer / denom - b, b].map(|v| g.write(v, Style::Usd, false));
        for (item, part) in ["A", "B"].iter().zip(&parts) {
            g.line(format!("    {item} "), Some(part.clone()), "");
        }
        (format!("{measure}@{year}"), parts[0].hi.zip(parts[1].hi).map(|(a, b)| a + b))
    };
    g.raw(format!("assert {derived} = {factor_text} * c{k}{cite}"));
    // The derived quantity lies below `bound`; push `c` so that factor × c lies above it.
    if let Some(bound) = bound {
        let value = g.above(bound * denom / numer + 1, Style::Usd);
        g.pushes.push(Push { line: c_line, value, code: "assertion" });
    }
}

/// A complete shares block leaves a `?` share to the others; a line of its own states it.
fn restated_share(g: &mut Gen, k: usize) {
    let (measure, cite) = g.header(k, Style::Percent);
    let year = g.year();
    let china = g.rng.i128(1_000..60_000) * 1000;
    let russia = g.rng.i128(1_000..(100 * MICRO - china) / 1000) * 1000;
    g.raw(format!("{year} shares {measure} complete{cite}"));
    g.raw("    China ?".into());
    let others = [russia, 100 * MICRO - china - russia].map(|v| g.write(v, Style::Percent, false));
    for (item, value) in ["Russia", "Other"].iter().zip(&others) {
        g.line(format!("    {item} "), Some(value.clone()), "");
    }
    let stated = g.write(china, Style::Percent, true);
    let line = g.line(format!("{year} {measure} China "), Some(stated), &cite);
    let sum = |pick: fn(&Written) -> Option<i128>| others.iter().map(pick).sum::<Option<i128>>();
    let push = match g.rng.bool() {
        true => sum(|w| w.lo).map(|lo| (g.above(100 * MICRO - lo, Style::Percent), "shares-over-100")),
        false => {
            sum(|w| w.hi).and_then(|hi| g.below(100 * MICRO - hi, Style::Percent)).map(|v| (v, "shares-incomplete"))
        }
    };
    g.pushes.extend(push.map(|(value, code)| Push { line, value, code }));
}

/// A series with `up`/`down`/`doubled`/`halved`/`tripled` flags where the truth says so.
fn trends(g: &mut Gen, k: usize) {
    let style = if g.rng.bool() { Style::Usd } else { Style::Mtoe };
    let (measure, cite) = g.header(k, style);
    let item = if g.rng.bool() { " X" } else { "" };
    let mut year = g.year();
    let mut previous: Option<(i128, Written)> = None;
    for _ in 0..g.rng.usize(2..=6) {
        let v = match &previous {
            None => g.truth(100, 2000),
            Some((p, _)) => match g.rng.u8(0..6) {
                0 => p * 2,
                1 if p % 2000 == 0 => p / 2,
                2 => p * 3,
                _ => (p * g.rng.i128(50..=250) / 100000 * 1000).max(1000),
            },
        };
        let value = g.write(v, style, true);
        let flag = match &previous {
            Some((p, _)) if v == p * 2 => ["doubled", "up"][g.rng.usize(0..2)],
            Some((p, _)) if v * 2 == *p => ["halved", "down"][g.rng.usize(0..2)],
            Some((p, _)) if v == p * 3 => "tripled",
            Some((p, _)) if v > *p && g.rng.bool() => "up",
            Some((p, _)) if v < *p && g.rng.bool() => "down",
            _ => "",
        };
        let after = if flag.is_empty() { cite.clone() } else { format!(" {flag}{cite}") };
        let line = g.line(format!("{year} {measure}{item} "), Some(value.clone()), &after);
        if let Some((_, old)) = &previous {
            let push = match flag {
                "up" | "doubled" | "tripled" => old.lo.and_then(|lo| g.below(lo, style)),
                "down" | "halved" => old.hi.map(|hi| g.above(hi, style)),
                _ => None,
            };
            g.pushes.extend(push.map(|value| Push { line, value, code: "trend" }));
        }
        previous = Some((v, value));
        year += g.rng.i32(1..=3);
    }
}

/// `max`/`min` over one item's series, or `largest`/`smallest` as of the last claim's date.
fn records(g: &mut Gen, k: usize) {
    let style = if g.rng.bool() { Style::Usd } else { Style::Mtoe };
    let (measure, cite) = g.header(k, style);
    let across_items = g.rng.bool();
    let biggest = g.rng.bool();
    let truths: Vec<i128> = (0..g.rng.usize(2..=5)).map(|_| g.truth(100, 5000)).collect();
    let extreme = if biggest { truths.iter().max() } else { truths.iter().min() }.copied().unwrap_or_default();
    let flagged = truths.iter().rposition(|&v| v == extreme).unwrap_or_default();
    let year = g.year();
    let mut lines = Vec::new();
    for (i, &v) in truths.iter().enumerate() {
        let (date, item) = if across_items {
            (format!("{year}-{:02}", i + 1), format!(" \"{}\"", ITEMS[i]))
        } else {
            (format!("{}", year + i as i32), " X".to_string())
        };
        let flag = match (i == flagged, across_items, biggest) {
            (false, ..) => "",
            (true, false, true) => " max",
            (true, false, false) => " min",
            (true, true, true) => " largest",
            (true, true, false) => " smallest",
        };
        let value = g.write(v, style, true);
        let line = g.line(format!("{date} {measure}{item} "), Some(value.clone()), &format!("{flag}{cite}"));
        lines.push((line, value));
    }
    let (_, record) = &lines[flagged];
    // `largest`/`smallest` look only at earlier claims; `max`/`min` at all.
    let rivals: Vec<usize> = (0..lines.len()).filter(|&i| i != flagged && (!across_items || i < flagged)).collect();
    let Some(&rival) = rivals.get(g.rng.usize(0..rivals.len().max(1))) else { return };
    let value =
        if biggest { record.hi.map(|hi| g.above(hi, style)) } else { record.lo.and_then(|lo| g.below(lo, style)) };
    g.pushes.extend(value.map(|value| Push { line: lines[rival].0, value, code: "record" }));
}

/// Two sources give the same quantity at different precisions.
fn conflicts(g: &mut Gen, k: usize) {
    let (measure, cite) = g.header(k, Style::Mtoe);
    g.raw(format!("source t{k} \"Other source {k}\" 2030"));
    let v = g.truth(10, 900);
    let year = g.year();
    let first = g.write(v, Style::Mtoe, true);
    g.line(format!("{year} {measure} X "), Some(first.clone()), &cite);
    let second = g.write(v, Style::Mtoe, true);
    let line = g.line(format!("{year} {measure} X "), Some(second), &format!(" [@t{k}]"));
    let value = match (first.hi, first.lo) {
        (Some(hi), _) if g.rng.bool() => Some(g.above(hi, Style::Mtoe)),
        (_, Some(lo)) => g.below(lo, Style::Mtoe),
        (Some(hi), None) => Some(g.above(hi, Style::Mtoe)),
        (None, None) => None,
    };
    g.pushes.extend(value.map(|value| Push { line, value, code: "conflict" }));
}

/// Asserts between item-less claims, named by id or by `MEASURE@DATE`.
fn asserts(g: &mut Gen, k: usize) {
    let (measure, cite) = g.header(k, Style::Usd);
    let (year_a, year_b) = (g.year(), g.year() + 20);
    let b = g.truth(10, 1000) * 4;
    let relation = g.rng.u8(0..3);
    let a = match relation {
        0 => b + g.truth(1, 500),
        1 => b * 3 / 4,
        _ => b * 5 / 2,
    };
    let a_value = g.write(a, Style::Usd, true);
    let a_line = g.line(format!("a{k}: {year_a} {measure} "), Some(a_value), &cite);
    let b_value = g.write(b, Style::Usd, true);
    g.line(format!("b{k}: {year_b} {measure} "), Some(b_value.clone()), &cite);
    let (name_a, name_b) = match g.rng.bool() {
        true => (format!("a{k}"), format!("b{k}")),
        false => (format!("{measure}@{year_a}"), format!("{measure}@{year_b}")),
    };
    let (text, push) = match relation {
        0 => (format!("{name_a} > {name_b}"), b_value.lo.and_then(|lo| g.below(lo, Style::Usd))),
        1 => (format!("4 * {name_a} = 3 * {name_b}"), b_value.hi.map(|hi| g.above(hi * 3 / 4 + 1, Style::Usd))),
        _ => {
            // A ratio says nothing once the divisor may be 0, so push only above a positive one.
            let positive = b_value.lo.filter(|&lo| lo > 0).and(b_value.hi);
            (format!("{name_a} / {name_b} ~ 2.5"), positive.map(|hi| g.above(hi * 3, Style::Usd)))
        }
    };
    g.raw(format!("assert {text}{cite}"));
    g.pushes.extend(push.map(|value| Push { line: a_line, value, code: "assertion" }));
}

type Component = fn(&mut Gen, usize);

const COMPONENTS: [(&str, Component); 7] = [
    ("shares", shares),
    ("totals", totals),
    ("network", network),
    ("trends", trends),
    ("records", records),
    ("conflicts", conflicts),
    ("asserts", asserts),
];

fn line_of(outcome: &Outcome, label: &Label) -> usize {
    outcome.sources.get(label.file).line_col(label.span.start as usize).0
}

fn problems(outcome: &Outcome) -> Vec<String> {
    outcome
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("line {}: {}[{}] {}", line_of(outcome, &f.primary), f.severity.as_str(), f.code(), f.message))
        .collect()
}

/// Checks one world; returns the code its push was caught as (if it had one), or what went wrong.
fn check_world(seed: u64, kinds: &[&str]) -> Result<Option<&'static str>, String> {
    let mut g = Gen { rng: fastrand::Rng::with_seed(seed), tolerance: 10, lines: Vec::new(), pushes: Vec::new() };
    if g.rng.u8(0..4) == 0 {
        g.tolerance = 5;
        g.raw("tolerance 5%".into());
    }
    for k in 0..g.rng.usize(3..=7) {
        let eligible: Vec<Component> = COMPONENTS.iter().filter(|(n, _)| kinds.contains(n)).map(|c| c.1).collect();
        let component = eligible[g.rng.usize(0..eligible.len())];
        component(&mut g, k);
    }
    let text = g.text(None);
    let clean = claimcheck::check_text("world.claims", &text);
    let found = problems(&clean);
    if !found.is_empty() {
        return Err(format!("world {seed} should be clean:\n{text}\nbut got:\n{}", found.join("\n")));
    }
    if std::env::var_os("CLAIMCHECK_SHOW_WORLD").is_some() {
        eprintln!("world {seed}:\n{text}");
    }
    let Some(push) = g.pushes.get(g.rng.usize(0..g.pushes.len().max(1))) else { return Ok(None) };
    let pushed = g.text(Some(push));
    let outcome = claimcheck::check_text("world.claims", &pushed);
    let hit = outcome.findings.iter().any(|f| {
        f.code() == push.code
            && std::iter::once(&f.primary).chain(&f.related).any(|l| line_of(&outcome, l) == push.line)
    });
    if hit {
        return Ok(Some(push.code));
    }
    Err(format!(
        "world {seed}: pushing line {} to `{}` must give `{}` there:\n{pushed}\nbut got:\n{}",
        push.line,
        push.value.text,
        push.code,
        problems(&outcome).join("\n")
    ))
}

#[test]
fn consistent_worlds_check_clean_and_pushed_values_are_caught() {
    let worlds = std::env::var("CLAIMCHECK_WORLDS").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_WORLDS);
    let kinds: Vec<&str> = COMPONENTS.iter().map(|c| c.0).collect();
    let mut caught = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for seed in 0..worlds {
        match check_world(seed, &kinds) {
            Ok(code) => *caught.entry(code).or_insert(0) += 1,
            Err(failure) => failures.push(failure),
        }
    }
    assert!(failures.is_empty(), "{} of {worlds} worlds failed; the first:\n{}", failures.len(), failures[0]);
    let codes = ["shares-over-100", "shares-incomplete", "total-mismatch", "trend", "record", "conflict", "assertion"];
    for code in codes.iter().filter(|_| worlds >= DEFAULT_WORLDS) {
        assert!(caught.contains_key(&Some(*code)), "no world pushed a value to `{code}`: {caught:?}");
    }
}
