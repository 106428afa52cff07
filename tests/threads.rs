//! A large file is parsed on a second thread while its model is built, and a large model's
//! checks share two threads. The report must not depend on it: the same file checked on one
//! thread gives the same findings, in the same order, byte for byte.

#[allow(dead_code)]
#[path = "../benches/support/generator.rs"]
mod generator;

use claimcheck::report::{self, Format, Options};
use claimcheck::source::{SourceFile, SourceMap};
use claimcheck::{check_sources_with, RunOptions};

fn report(text: &str, one_thread: bool) -> (String, usize) {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new("large.claims", text));
    let outcome = check_sources_with(sources, &RunOptions { one_thread, ..RunOptions::default() });
    (report::render(&outcome, Format::Json, &Options::default()), outcome.findings.len())
}

#[test]
fn two_threads_report_what_one_thread_reports() {
    // Well over 256 KiB and 5 000 statements: both the pipelined parse and the shared checks run.
    let generated = generator::generate(25_000, 40).claims;
    // Quotes that state another number than their claim's, all through the file: the quotes'
    // agreement is judged in parts, which either thread may take.
    let mut quotes = 0;
    let mut text: String = generated
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix("  > ") {
            Some(quote) if quote.contains(" reached $") => {
                quotes += 1;
                if quotes % 97 == 0 {
                    line.replace(" reached $", " reached $9")
                } else {
                    line.to_string()
                }
            }
            _ => line.to_string(),
        })
        .collect();
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    // Findings of other kinds, at both ends of the file and in its middle.
    let middle = text[text.len() / 2..].find("\n").map_or(text.len(), |i| text.len() / 2 + i + 1);
    text.insert_str(middle, "this line is broken\n2000 undeclared = 5 [@nobody]\n");
    text.insert_str(0, "1999-02-30 flow0 item0 = $1m\n");
    text.push_str("assert flow0@1990-01 > 2 * flow0@1990-01 [@src1]\norder nothing before\n");
    let (parallel, count) = report(&text, false);
    let (sequential, _) = report(&text, true);
    assert!(count > 500, "the flipped trends and the added lines give findings: {count}");
    for code in ["syntax", "invalid-date", "unknown-measure", "unknown-source", "trend", "unknown-id", "quote-mismatch"]
    {
        assert!(parallel.contains(&format!("\"{code}\"")), "a `{code}` finding");
    }
    assert!(parallel.matches("\"quote-mismatch\"").count() > 100, "a mismatch for every 97th quote");
    assert!(parallel == sequential, "the reports differ");
}
