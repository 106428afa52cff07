//! A generator of realistic, consistent claims files for benchmarks and for the
//! side-by-side comparison with ledger checkers (`examples/generate.rs`).
//!
//! A file of `n` claims holds measures, yearly series per item, share blocks, totals,
//! asserts, events and order chains, citations and quotes, in the proportions of a real
//! transcription. Every claim is consistent with the others, so a check does all its work
//! and reports nothing, unless `flip_every` turns some trend flags around so that reports
//! can be timed on real findings.

use std::fmt::Write;

/// One generated dated amount, for the ledger journals.
pub struct Entry {
    pub year: u32,
    pub month: u32,
    pub account: String,
    pub cents: u64,
}

pub struct Generated {
    pub claims: String,
    /// The dated amounts of the file, one per quantity claim, in file order.
    pub entries: Vec<Entry>,
    /// Claims, events and asserts written.
    pub statements: usize,
}

/// A small deterministic generator (xorshift), so every run writes the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ITEMS_PER_MEASURE: usize = 8;
const YEARS: u32 = 30;

/// A file of about `claims` statements. Every `flip_every`-th `up`/`down` flag is reversed
/// (none when 0): each reversed flag contradicts the claim before it, a `trend` error.
pub fn generate(claims: usize, flip_every: usize) -> Generated {
    let mut flags = 0;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(claims * 80);
    let mut entries = Vec::with_capacity(claims);
    let mut statements = 0;
    out.push_str("as-of 2030-01\ntolerance 10%\n");
    let sources = (claims / 50).max(4);
    for s in 0..sources {
        let _ = writeln!(out, "source src{s} \"Author {s}, Title of work {s}\" {}", 2025 + (s % 5));
    }
    // Each measure carries a yearly series for each of its items, a shares block and a total.
    let per_measure = ITEMS_PER_MEASURE * YEARS as usize + 2 * ITEMS_PER_MEASURE + 10;
    let measures = claims.div_ceil(per_measure).max(1);
    for m in 0..measures {
        let _ = writeln!(out, "measure flow{m} \"Trade flow number {m}\" unit USD");
        let _ = writeln!(out, "measure share{m} \"Partner share of flow {m}\" unit %");
        let _ = writeln!(out, "measure parts{m} \"Parts of flow {m}\" unit USD");
    }
    let mut event_ids: Vec<String> = Vec::new();
    'measures: for m in 0..measures {
        for item in 0..ITEMS_PER_MEASURE {
            let mut value: u64 = 1_000 + rng.below(9_000);
            for year in 0..YEARS {
                if statements >= claims {
                    break 'measures;
                }
                let grew = rng.below(3) > 0;
                value = if grew { value + 1 + rng.below(200) } else { value.saturating_sub(1 + rng.below(100)).max(1) };
                let flag = if year > 0 {
                    flags += 1;
                    let flipped = flip_every > 0 && flags % flip_every == 0;
                    if grew != flipped {
                        " up"
                    } else {
                        " down"
                    }
                } else {
                    ""
                };
                let y = 1990 + year;
                let month = 1 + (rng.below(12) as u32);
                let src = rng.below(sources as u64);
                let shown = format!("{}.{}", value / 10, value % 10);
                let _ = writeln!(
                    out,
                    "f{m}i{item}y{year}: {y}-{month:02} flow{m} item{item} = ${shown}m{flag} [@src{src}, {}]\n  > flow {m} of item {item} reached ${shown}m",
                    1 + rng.below(300)
                );
                entries.push(Entry {
                    year: y,
                    month,
                    account: format!("flow{m}:item{item}"),
                    cents: value * 10_000_000,
                });
                statements += 1;
            }
        }
        let _ = writeln!(out, "2010 shares share{m} complete [@src{}]", m % sources);
        let mut left = 1000u64;
        for item in 0..ITEMS_PER_MEASURE {
            let part = if item + 1 == ITEMS_PER_MEASURE { left } else { rng.below(left / 2 + 1) };
            left -= part;
            let _ = writeln!(out, "    item{item} {}.{}%", part / 10, part % 10);
            statements += 1;
        }
        let parts: Vec<u64> = (0..ITEMS_PER_MEASURE).map(|_| 100 + rng.below(900)).collect();
        let sum: u64 = parts.iter().sum();
        let _ = writeln!(out, "tot{m}: 2011 total parts{m} = ${sum}m [@src{}]", m % sources);
        for (item, part) in parts.iter().enumerate() {
            let _ = writeln!(out, "    item{item} ${part}m");
            statements += 1;
        }
        let _ = writeln!(out, "assert tot{m} > f{m}i0y0 [@src{}]", m % sources);
        statements += 2;
        for e in 0..8 {
            let id = format!("ev{m}x{e}");
            let year = 1990 + e * 3;
            let _ = match event_ids.last() {
                Some(prev) if e > 0 => {
                    writeln!(out, "{id}: {year} event \"Event {e} of flow {m}\" after {prev} [@src{}]", m % sources)
                }
                _ => writeln!(out, "{id}: {year} event \"Event {e} of flow {m}\" [@src{}]", m % sources),
            };
            event_ids.push(id);
            statements += 1;
        }
        let chain: Vec<&str> = event_ids[event_ids.len() - 8..].iter().map(String::as_str).collect();
        let _ = writeln!(out, "order {}", chain.join(" < "));
    }
    Generated { claims: out, entries, statements }
}
