//! Every fixture under `fixtures/<code>/` is rendered into a snapshot holding its input
//! and the human report. `valid*` fixtures must produce no error or warning; `invalid*`
//! fixtures must produce their directory's code. Every registered code must have both.

use claimcheck::finding::Severity;
use claimcheck::registry::RULES;
use claimcheck::report::{self, Format, Options};
use std::path::Path;

fn render(name: &str, text: &str) -> (claimcheck::Outcome, String) {
    let outcome = claimcheck::check_text(name, text);
    let options = Options { color: false, show_notes: true, width: 100 };
    let rendered = report::render(&outcome, Format::Human, &options);
    (outcome, rendered)
}

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*/*.claims", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let code = path.parent().and_then(Path::file_name).and_then(|n| n.to_str()).expect("fixture dir");
        let file = path.file_name().and_then(|n| n.to_str()).expect("fixture name");
        let name = format!("fixtures/{code}/{file}");
        let (outcome, rendered) = render(&name, &text);
        if file.starts_with("valid") {
            let problems: Vec<_> = outcome
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .map(|f| format!("{}: {}", f.code(), f.message))
                .collect();
            assert!(problems.is_empty(), "{name} must be clean, got {problems:?}");
        } else {
            assert!(outcome.findings.iter().any(|f| f.code() == code), "{name} must report `{code}`, got:\n{rendered}");
        }
        insta::assert_snapshot!(format!("{text}\n----- report -----\n{rendered}"));
    });
}

#[test]
fn every_code_has_fixtures_and_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in RULES {
        let dir = root.join("fixtures").join(rule.code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("fixtures/{} is missing", rule.code))
            .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
            .filter(|n| n.ends_with(".claims"))
            .collect();
        for kind in ["valid", "invalid"] {
            assert!(names.iter().any(|n| n.starts_with(kind)), "fixtures/{} needs a {kind}*.claims fixture", rule.code);
        }
        for name in &names {
            let snapshot =
                root.join("tests/snapshots").join(format!("fixtures__fixtures@{}__{}.snap", rule.code, name));
            assert!(snapshot.exists(), "missing snapshot {}", snapshot.display());
        }
    }
}
