//! Pipeline benchmarks on generated files of 1k, 10k and 100k claims (1M with
//! `CLAIMCHECK_BENCH_1M=1`): parse, resolve (model), check and render timed separately,
//! plus the whole run, with throughput in bytes and claims per second.
//! `cargo bench --bench pipeline`.

// The benches read only the claims text; the ledger entries serve examples/generate.rs.
#[allow(dead_code)]
#[path = "support/generator.rs"]
mod generator;

use claimcheck::report::{self, Format, Options};
use claimcheck::source::{FileId, SourceFile, SourceMap};
use claimcheck::{checks, model, syntax};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("CLAIMCHECK_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    sizes
}

/// Generated texts, made once per size.
fn text(size: usize) -> &'static (String, usize) {
    static TEXTS: OnceLock<Vec<(usize, (String, usize))>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        sizes()
            .into_iter()
            .map(|n| {
                let g = generator::generate(n);
                (n, (g.claims, g.statements))
            })
            .collect()
    });
    &texts.iter().find(|(n, _)| *n == size).expect("a generated size").1
}

fn counters<'a, 'b>(b: Bencher<'a, 'b>, size: usize) -> Bencher<'a, 'b> {
    let (text, statements) = text(size);
    b.counter(BytesCount::new(text.len())).counter(ItemsCount::new(*statements))
}

#[divan::bench(args = sizes())]
fn parse(b: Bencher, size: usize) {
    let (text, _) = text(size);
    counters(b, size).bench(|| syntax::parse(FileId(0), text));
}

#[divan::bench(args = sizes())]
fn resolve(b: Bencher, size: usize) {
    let (text, _) = text(size);
    let (tree, _) = syntax::parse(FileId(0), text);
    counters(b, size).bench(|| model::build(&[model::build::Parsed { file: FileId(0), text, tree: &tree }]));
}

#[divan::bench(args = sizes())]
fn check(b: Bencher, size: usize) {
    let (text, _) = text(size);
    let (tree, _) = syntax::parse(FileId(0), text);
    let model = model::build(&[model::build::Parsed { file: FileId(0), text, tree: &tree }]);
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new("bench.claims", text.as_str()));
    counters(b, size).bench(|| checks::run(&checks::Context { model: &model, sources: &sources }));
}

#[divan::bench(args = sizes())]
fn render_json(b: Bencher, size: usize) {
    let (text, _) = text(size);
    let outcome = claimcheck::check_text("bench.claims", text);
    counters(b, size).bench(|| report::render(&outcome, Format::Json, &Options::default()));
}

#[divan::bench(args = sizes())]
fn whole_run(b: Bencher, size: usize) {
    let (text, _) = text(size);
    counters(b, size).bench(|| claimcheck::check_text("bench.claims", text).findings.len());
}
