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

#[test]
fn files_lowered_one_after_another_report_what_one_thread_reports() {
    // Three large files in one run: each file's entries are lowered on a thread of its own,
    // one file after another, and the model takes them in file order.
    let generated = generator::generate(12_000, 40).claims;
    let lines: Vec<&str> = generated.split_inclusive('\n').collect();
    let declarations = lines.iter().take_while(|line| !line.starts_with(|c: char| c.is_ascii_digit())).count();
    let statements = &lines[declarations..];
    let report_of = |one_thread: bool| {
        let mut sources = SourceMap::default();
        for (index, part) in statements.chunks(statements.len() / 3 + 1).enumerate() {
            // Each file declares what it names; the first file's declarations are redeclared
            // by the others, and one file cites a source no file declares.
            let mut text: String = lines[..declarations].concat();
            text.push_str(&part.concat());
            if index == 1 {
                text.push_str("2001 flow0 item0 = $1m [@nowhere]\n");
            }
            sources.add(SourceFile::new(format!("part{index}.claims"), text.as_str()));
        }
        let outcome = check_sources_with(sources, &RunOptions { one_thread, ..RunOptions::default() });
        report::render(&outcome, Format::Json, &Options::default())
    };
    let parallel = report_of(false);
    assert!(parallel.contains("\"unknown-source\""), "the undeclared source is found");
    assert!(parallel == report_of(true), "the reports differ");
}
