//! Pipeline benchmarks on generated files of 1k, 10k and 100k claims (1M with
//! `CLAIMCHECK_BENCH_1M=1`): parse, model (resolving), parse and model, check and render timed
//! separately, plus the whole run, with throughput in bytes and claims per second (peak memory:
//! `benches/memory.rs`).
//! `cargo bench --bench pipeline`.
//!
//! The generated files are consistent, so the check does all its work and finds nothing;
//! rendering is timed on a variant in which one `up`/`down` flag in 100 is reversed, so that
//! the report holds about one `trend` error per 110 claims, each with three labels.

// The benches read only the claims text; the ledger entries serve examples/generate.rs.
#[allow(dead_code)]
#[path = "support/generator.rs"]
mod generator;

use claimcheck::report::{self, Format, Options};
use claimcheck::source::{FileId, SourceFile, SourceMap};
use claimcheck::{checks, model, syntax, RunOptions};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use std::sync::{Arc, OnceLock};

/// The binary's allocator (see Cargo.toml), so that the numbers are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One reversed trend flag in this many, for the render benchmarks.
const FLIP_EVERY: usize = 100;

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

/// A generated text and the number of statements in it.
struct Text {
    /// Shared, as a run shares a file's text with its model.
    claims: Arc<String>,
    statements: usize,
}

/// Generated texts, made once per size: consistent (`flawed == false`) or with reversed flags.
fn text(size: usize, flawed: bool) -> &'static Text {
    static TEXTS: OnceLock<Vec<(usize, bool, Text)>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let mut texts = Vec::new();
        for n in sizes() {
            for flawed in [false, true] {
                let g = generator::generate(n, if flawed { FLIP_EVERY } else { 0 });
                texts.push((n, flawed, Text { claims: Arc::new(g.claims), statements: g.statements }));
            }
        }
        texts
    });
    &texts.iter().find(|(n, f, _)| *n == size && *f == flawed).expect("a generated size").2
}

fn counters<'a, 'b>(b: Bencher<'a, 'b>, text: &Text) -> Bencher<'a, 'b> {
    b.counter(BytesCount::new(text.claims.len())).counter(ItemsCount::new(text.statements))
}

/// The parser alone, as a run reads a file: each line (a claim of the common shape as its
/// record) is dropped as soon as it is handed over.
#[divan::bench(args = sizes())]
fn parse(b: Bencher, size: usize) {
    let text = text(size, false);
    counters(b, text).bench(|| syntax::parse_each(FileId(0), &text.claims, drop::<syntax::ast::Item>));
}

/// Parsing and building the model on one thread, as a run does for files under 256 KiB (the
/// model's own share is this minus `parse`).
#[divan::bench(args = sizes())]
fn parse_and_model(b: Bencher, size: usize) {
    let text = text(size, false);
    counters(b, text).bench(|| model_of(text, None));
}

/// Building the model alone (names, units and dates resolved, citations looked up), from the
/// file's lines parsed beforehand, outside the time, as the parser hands them over.
#[divan::bench(args = sizes())]
fn model(b: Bencher, size: usize) {
    let text = text(size, false);
    let parsed = || {
        let mut items = Vec::with_capacity(text.statements);
        syntax::parse_each(FileId(0), &text.claims, |item: syntax::ast::Item| items.push(item));
        items
    };
    counters(b, text).with_inputs(parsed).bench_local_values(|items| model_of(text, Some(items)));
}

/// The model of `text`: from its lines parsed beforehand (`parsed`), or from its lines as
/// they are parsed.
fn model_of(text: &Text, mut parsed: Option<Vec<syntax::ast::Item>>) -> model::Model {
    let (declarations, sizes) = syntax::parse_declarations(&text.claims);
    let files = [(FileId(0), Arc::clone(&text.claims))];
    let settings = model::build::Settings::default();
    model::build::build_streaming(&files, &[declarations], sizes, settings, |file, text, lowerer, add| {
        let lower = |mut item: syntax::ast::Item| add(lowerer.lower_item(&mut item, model::build::LookedUp::No));
        match parsed.take() {
            Some(items) => items.into_iter().for_each(lower),
            None => drop(syntax::parse_each(file, text, lower)),
        }
    })
    .0
}

fn check_with(b: Bencher, size: usize, one_thread: bool) {
    let text = text(size, false);
    let model = model_of(text, None);
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new("bench.claims", text.claims.as_str()));
    counters(b, text).bench(|| {
        let context = checks::Context::new(&model, &sources);
        checks::run(&if one_thread { context.on_one_thread() } else { context })
    });
}

/// Every check on one thread.
#[divan::bench(args = sizes())]
fn check(b: Bencher, size: usize) {
    check_with(b, size, true);
}

/// Every check as a run does it: on two threads from 5 000 statements (the quotes' agreement
/// too is then judged on two).
#[divan::bench(args = sizes())]
fn check_two_threads(b: Bencher, size: usize) {
    check_with(b, size, false);
}

/// Renders the report of the flawed variant; the counters are its claims, not its findings.
fn render(b: Bencher, size: usize, format: Format) {
    let text = text(size, true);
    let outcome = claimcheck::check_text("bench.claims", &text.claims);
    assert!(outcome.findings.len() * FLIP_EVERY >= text.statements / 2, "the flawed variant has findings");
    counters(b, text).bench(|| report::render(&outcome, format, &Options::default()));
}

#[divan::bench(args = sizes())]
fn render_human(b: Bencher, size: usize) {
    render(b, size, Format::Human);
}

#[divan::bench(args = sizes())]
fn render_json(b: Bencher, size: usize) {
    render(b, size, Format::Json);
}

/// A whole run as the command line does it, without reading the file: a file of 256 KiB or
/// more is parsed on a second thread while its model is built, and from 5 000 statements
/// the checks share two threads.
#[divan::bench(args = sizes())]
fn whole_run(b: Bencher, size: usize) {
    let text = text(size, false);
    counters(b, text).bench(|| claimcheck::check_text("bench.claims", &text.claims).findings.len());
}

/// A whole run on one thread.
#[divan::bench(args = sizes())]
fn whole_run_one_thread(b: Bencher, size: usize) {
    let text = text(size, false);
    let options = RunOptions { one_thread: true, ..RunOptions::default() };
    counters(b, text).bench(|| {
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("bench.claims", text.claims.as_str()));
        claimcheck::check_sources_with(sources, &options).findings.len()
    });
}
