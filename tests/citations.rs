//! Citations, bibliographies and manuscripts through the library: pandoc citation forms,
//! BibTeX and CSL-JSON files, quotes in Markdown and LaTeX manuscripts, and the seed article.

use claimcheck::finding::Finding;
use claimcheck::source::{FileId, SourceFile, SourceMap};
use claimcheck::syntax::ast::{Directive, Entry};
use claimcheck::{check_sources_with, Outcome, RunOptions};
use std::path::{Path, PathBuf};

/// A fresh folder under the target directory holding the given files.
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("citations").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("temporary file");
    }
    dir
}

fn check_file(path: &Path, options: &RunOptions) -> Outcome {
    let text = std::fs::read_to_string(path).expect("claims file");
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new(path.to_string_lossy(), text));
    check_sources_with(sources, options)
}

fn codes(outcome: &Outcome) -> Vec<&'static str> {
    outcome.findings.iter().map(Finding::code).collect()
}

fn entry(line: &str) -> Entry {
    let (tree, findings) = claimcheck::syntax::parse(FileId(0), line);
    assert!(findings.is_empty(), "{line}: {:?}", findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    tree.entries.into_iter().next().expect("one entry")
}

#[test]
fn pandoc_citation_forms() {
    let e = entry("2000 m = 1 [see @doe:2001.a-b_c, pp. 121-22; -@x.y, chap. 3; @z, sec. 4.2.1, p. 7, 33–35]");
    let cites = &e.citation.expect("a citation").cites;
    let keys: Vec<&str> = cites.iter().map(|c| c.key.name.as_str()).collect();
    assert_eq!(keys, ["doe:2001.a-b_c", "x.y", "z"]);
    assert_eq!(cites[0].locator.as_ref().map(|l| l.text.as_str()), Some("pp. 121-22"));
    assert_eq!((cites[0].pages[0].first, cites[0].pages[0].last), (121, 122));
    assert!(cites[1].pages.is_empty(), "a chapter is not a page: {:?}", cites[1].pages);
    let last: Vec<(u64, u64)> = cites[2].pages.iter().map(|p| (p.first, p.last)).collect();
    assert_eq!(last, [(7, 7), (33, 35)], "a dotted section number is not a page");
    let e = entry("2000 m = 1 [@key.]");
    assert_eq!(e.citation.expect("a citation").cites[0].key.name, "key", "trailing punctuation ends a key");
    assert!(matches!(entry("2000 m = 1 [@a; @b, 12]").directive, Directive::Claim(_)));
}

#[test]
fn abbreviated_ranges_expand() {
    use claimcheck::syntax::directive::expand_pages;
    assert_eq!(expand_pages("121", "22"), Some((121, 122)));
    assert_eq!(expand_pages("33", "35"), Some((33, 35)));
    assert_eq!(expand_pages("99", "100"), Some((99, 100)));
    assert_eq!(expand_pages("129", "5"), Some((129, 125)));
    assert_eq!(expand_pages("1", "99999999999999999999999"), None);
}

const REFS_BIB: &str = r#"@string{pc = "Problems of Post-Communism"}
@article{kembayev:2020,
  author = {Kembayev, Zhenis}, title = {Development of {China-Kazakhstan} Cooperation},
  journal = pc, year = 2020, month = may,
}
@book{broken,
  title = {An entry without its comma}
  year = 1999
}
@book{xing, author = {Xing, Guangcheng}, title = {China and Central Asia}, date = {2001-03}}
"#;

#[test]
fn bibtex_entries_become_sources_and_a_broken_one_is_reported_inside_the_file() {
    let claims = "bibliography \"refs.bib\"\nmeasure trade \"Trade\" unit USD\n\
                  2000 trade = $1.5bn [@xing, 121-22]\n2020 trade = $20bn [@kembayev:2020, 3]\n";
    let dir = folder("bibtex", &[("refs.bib", REFS_BIB), ("a.claims", claims)]);
    let outcome = check_file(&dir.join("a.claims"), &RunOptions::default());
    assert!(outcome.run_errors.is_empty(), "{:?}", outcome.run_errors);
    assert_eq!(codes(&outcome), ["syntax"], "the other entries are still used");
    let broken = &outcome.findings[0];
    let bib = outcome.sources.get(broken.primary.file);
    assert!(bib.name.ends_with("refs.bib"));
    assert_eq!(bib.line_col(broken.primary.span.start as usize).0, 8);
    assert!(broken.message.contains("`broken`"), "{}", broken.message);
}

#[test]
fn csl_json_items_become_sources_with_their_dates() {
    let json = r#"[{"id": "xing", "title": "China and Central Asia", "author": [{"family": "Xing"}],
  "issued": {"date-parts": [[2001, 5]]}}]"#;
    let claims = "bibliography \"refs.json\"\nmeasure trade \"Trade\" unit USD\n\
                  2001-05 trade = $1.5bn [@xing, 121-22]\n2001-06 trade = $1.6bn [@xing, 122]\n";
    let dir = folder("csl", &[("refs.json", json), ("a.claims", claims)]);
    let outcome = check_file(&dir.join("a.claims"), &RunOptions::default());
    assert_eq!(codes(&outcome), ["anachronism"], "published in 2001-05, so it cannot report 2001-06");
}

#[test]
fn unreadable_manuscripts_and_bibliographies_are_run_errors_naming_the_path() {
    let claims = "manuscript \"missing.md\"\nbibliography \"gone.bib\"\n";
    let dir = folder("missing", &[("a.claims", claims)]);
    let outcome = check_file(&dir.join("a.claims"), &RunOptions::default());
    assert_eq!(outcome.run_errors.len(), 2);
    assert!(outcome.run_errors[0].message.contains("missing.md"), "{}", outcome.run_errors[0]);
    assert!(outcome.run_errors[1].message.contains("gone.bib"), "{}", outcome.run_errors[1]);
}

const MARKDOWN: &str = "---\ntitle: A small manuscript\n---\n\n# Trade\n\n\
By 2000 China had become one of Kazakhstan’s *three* major trading partners, with\n\
**5.8 percent** of its trade — far behind Russia (29.9%).[^1] The\n\
> pipeline’s capacity of 10 million tons\n\
was reached in [March 2006](https://example.org/report).\n\n[^1]: Statistics agency.\n";

const LATEX: &str = "\\documentclass{article}\n\\usepackage{hyperref}\n\\begin{document}\n\
\\section{Trade}\nBy 2000 China had become one of Kazakhstan's \\emph{three} major trading partners, with\n\
\\textbf{5.8\\%} of its trade --- far behind Russia (29.9\\%)~\\cite{kazstat}. % a comment\n\
The pipeline's capacity of 10~million tons was reached in March~2006.\n\\end{document}\n";

const QUOTES: &str = "source kazstat \"Kazakhstan statistics\" 2021\n\
measure share \"Share of trade\" unit %\nmeasure capacity \"Capacity\" unit Mtoe/yr\n\
2000 share China = 5.8% [@kazstat]\n  > one of Kazakhstan's three major trading partners, with 5.8 percent\n\
2000 share Russia = 29.9% [@kazstat]\n  > far behind Russia (29.9%).\n\
2006-03 capacity = 10 Mtoe/yr [@kazstat]\n  > The pipeline's capacity of 10 million tons was reached in March 2006\n";

#[test]
fn quotes_match_markdown_and_latex_manuscripts() {
    for (name, manuscript) in [("paper.md", MARKDOWN), ("paper.tex", LATEX)] {
        let percent = if name.ends_with(".tex") { "5.8%" } else { "5.8 percent" };
        let claims = format!("manuscript \"{name}\"\n{}", QUOTES.replace("5.8 percent", percent));
        let dir = folder(name.replace('.', "-").as_str(), &[(name, manuscript), ("a.claims", &claims)]);
        let outcome = check_file(&dir.join("a.claims"), &RunOptions::default());
        assert!(outcome.run_errors.is_empty(), "{name}: {:?}", outcome.run_errors);
        let problems: Vec<String> = outcome.findings.iter().map(|f| format!("{}: {:?}", f.message, f.help)).collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn manuscript_override_and_labels_inside_the_manuscript() {
    let claims = "manuscript \"elsewhere.md\"\nsource s \"S\" 2021\nmeasure share \"Share\" unit %\n\
                  2000 share China = 5.9% [@s]\n  > with 5.8 percent of its trade\n";
    let dir = folder("override", &[("paper.md", MARKDOWN), ("a.claims", claims)]);
    let options = RunOptions { manuscript: Some(dir.join("paper.md")), ..RunOptions::default() };
    let outcome = check_file(&dir.join("a.claims"), &options);
    assert!(outcome.run_errors.is_empty(), "the override replaces the missing file: {:?}", outcome.run_errors);
    assert_eq!(codes(&outcome), ["quote-mismatch"]);
    let passage = outcome.findings[0].related.last().expect("a label in the manuscript");
    let paper = outcome.sources.get(passage.file);
    assert!(paper.name.ends_with("paper.md"));
    assert_eq!(&paper.text[passage.span.range()], "with\n**5.8 percent** of its trade");
}

#[test]
fn the_seed_article_holds_every_quote_of_its_transcription() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("../shared/seeds/kembayev-2020-china-kazakhstan.txt");
    if !seed.exists() {
        eprintln!("skipped: the seed article {} is not present", seed.display());
        return;
    }
    let claims = root.join("claims/kembayev-2020.claims");
    let outcome = check_file(&claims, &RunOptions { manuscript: Some(seed), ..RunOptions::default() });
    assert!(outcome.run_errors.is_empty(), "{:?}", outcome.run_errors);
    let quote_findings: Vec<String> = outcome
        .findings
        .iter()
        .filter(|f| f.code().starts_with("quote-"))
        .map(|f| format!("{}: {} ({})", f.code(), f.message, f.help.as_deref().unwrap_or("")))
        .collect();
    assert!(quote_findings.is_empty(), "{quote_findings:#?}");
}

#[test]
fn a_long_manuscript_stays_fast() {
    let paragraph = "Trade between the two countries grew steadily in the period, reaching new highs. ";
    let mut manuscript = paragraph.repeat(60_000);
    manuscript.push_str("At the very end, China held 5.8 percent of the trade.");
    let claims = "manuscript \"long.txt\"\nsource s \"S\" 2021\nmeasure share \"Share\" unit %\n\
                  2000 share China = 5.8% [@s]\n  > China held 5.8 percent of the trade\n\
                  2001 share China = 6% [@s]\n  > China held 6 percent of the trade\n";
    let dir = folder("long", &[("long.txt", &manuscript), ("a.claims", claims)]);
    let started = std::time::Instant::now();
    let outcome = check_file(&dir.join("a.claims"), &RunOptions::default());
    assert_eq!(codes(&outcome), ["quote-not-found"]);
    assert!(outcome.findings[0].help.as_deref().unwrap_or("").contains("`6` where the manuscript has `5.8`"));
    assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
}
