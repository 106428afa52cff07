//! Inline suppressions: a trailing `; allow(CODE)` silences that code for findings whose
//! primary label is on that line. A suppression that silences nothing is reported, so that
//! stale ones do not pile up.

use crate::finding::{Finding, Fix, Label};
use crate::registry::{self, Docs};
use crate::source::{FileId, SourceMap};
use crate::syntax::ast::Allow;
use std::collections::HashSet;

pub static UNUSED_ALLOW: Docs = Docs {
    what: "An `allow(CODE)` in a line's comment that silences nothing: no finding with that code starts on its line, the code does not exist, or the line already allows it. Each code of each `allow(...)` group counts on its own: `; allow(record) allow(uncited)` allows both. `allow(unused-allow)` silences the other stale suppressions of its line.",
    why: "A suppression outlives the problem it hid; left in place it would silently hide a new problem of the same kind on that line.",
    example: "2000 trade = $1.5bn [@xing] ; allow(conflict)   ; nothing conflicts here",
    fix: "Remove the `allow(...)` comment, or correct the code's name (`claimcheck explain --list`).",
};

/// Removes the findings that `allows` silence and reports the allows that silenced nothing.
/// `allows` holds each claims file's suppressions.
pub fn apply(findings: &mut Vec<Finding>, allows: &[(FileId, &[Allow])], sources: &SourceMap) {
    let wanted: HashSet<(FileId, usize, &str)> =
        allows.iter().flat_map(|(file, list)| list.iter().map(move |a| (*file, a.line, a.code.as_str()))).collect();
    let mut used: HashSet<(FileId, usize, &str)> = HashSet::new();
    findings.retain(|f| {
        let line = sources.get(f.primary.file).line_index(f.primary.span.start as usize);
        let key = (f.primary.file, line, f.code());
        if wanted.contains(&key) {
            used.insert(key);
            false
        } else {
            true
        }
    });
    // A code allowed twice on a line silences its findings once: the repetition is unused.
    // `allow(unused-allow)` silences the line's other stale suppressions (ruff's `noqa:
    // RUF100`), so it is weighed after them.
    let stale_code = registry::UNUSED_ALLOW.code;
    let mut seen: HashSet<(FileId, usize, &str)> = HashSet::new();
    for pass in [false, true] {
        for (file, list) in allows {
            for allow in list.iter().filter(|a| (a.code == stale_code) == pass) {
                let key = (*file, allow.line, allow.code.as_str());
                let stale = if !seen.insert(key) {
                    repeated(*file, allow)
                } else if !used.contains(&key) {
                    unused(*file, allow)
                } else {
                    continue;
                };
                let silencer = (*file, allow.line, stale_code);
                if !pass && wanted.contains(&silencer) {
                    used.insert(silencer);
                } else {
                    findings.push(stale);
                }
            }
        }
    }
}

fn repeated(file: FileId, allow: &Allow) -> Finding {
    Finding::new(
        &registry::UNUSED_ALLOW,
        format!("`{}` is already allowed earlier on this line", allow.code),
        Label::new(file, allow.span, "allowed again"),
    )
    .with_help("remove the repetition")
}

fn unused(file: FileId, allow: &Allow) -> Finding {
    let label = Label::new(file, allow.span, "silences nothing");
    match registry::find(&allow.code) {
        Some(_) => Finding::new(
            &registry::UNUSED_ALLOW,
            format!("`allow({})` silences nothing: no `{}` finding starts on this line", allow.code, allow.code),
            label,
        )
        .with_help("remove the suppression"),
        None => {
            let finding =
                Finding::new(&registry::UNUSED_ALLOW, format!("`{}` is not a finding code", allow.code), label);
            match registry::suggest(&allow.code) {
                Some(code) => finding.with_help(format!("did you mean `{code}`?")).with_fix(Fix {
                    file,
                    span: allow.span,
                    replacement: code.to_string(),
                    title: format!("Replace with `{code}`"),
                }),
                None => finding.with_help("`claimcheck explain --list` lists every code"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    #[test]
    fn allowing_unused_allow_silences_the_lines_stale_suppressions() {
        let head = "source s \"S\"\nmeasure m \"M\" unit USD\n";
        let silenced = format!("{head}2000 m = $1bn [@s] ; allow(unused-allow) allow(bogus) allow(conflict)\n");
        assert_eq!(codes(&silenced), vec![]);
        let alone = format!("{head}2000 m = $1bn [@s] ; allow(unused-allow)\n");
        assert_eq!(codes(&alone), vec![("unused-allow", 3)], "silencing nothing, it is stale itself");
    }

    #[test]
    fn used_allows_silence_and_unused_ones_are_reported() {
        let text =
            "source s \"S\"\n2000 nope = 1 [@s] ; allow(unknown-measure)\n2001 nope2 = 1 [@s] ; allow(conflict)\n";
        assert_eq!(codes(text), vec![("unknown-measure", 3), ("unused-allow", 3)]);
    }

    #[test]
    fn every_allow_group_of_a_line_counts() {
        let head = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 trade = $3bn largest [@s]\n";
        // The second claim is uncited, and not the largest: each group silences one code.
        for allows in ["allow(record) allow(uncited)", "allow(uncited) allow(record)", "allow(record) ; allow(uncited)"]
        {
            assert_eq!(codes(&format!("{head}2003 trade = $1bn largest ; {allows}\n")), vec![], "{allows}");
        }
        // Each group's unused code is reported, on its own span.
        let text = format!("{head}2003 trade = $1bn largest [@s] ; allow(uncited) allow(record) allow(conflict)\n");
        let found = findings(&text);
        let unused: Vec<&str> = found.iter().map(|f| &text[f.primary.span.range()]).collect();
        assert_eq!(unused, ["uncited", "conflict"]);
        assert!(found.iter().all(|f| f.code() == "unused-allow"));
    }

    #[test]
    fn a_code_allowed_twice_is_one_unused_allow() {
        let text = "source s \"S\"\n2000 nope = 1 [@s] ; allow(unknown-measure) allow(unknown-measure)\n";
        let found = findings(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].code(), found[0].primary.span.start),
            ("unused-allow", text.rfind("unknown-measure").unwrap() as u32)
        );
        assert_eq!(found[0].message, "`unknown-measure` is already allowed earlier on this line");
    }

    #[test]
    fn unknown_codes_get_a_suggestion() {
        // In a second group as in the first.
        let found = findings("source s \"S\"\n2000 m = 1 [@s] ; allow(unknown-measure) allow(unknown-mesure)\n");
        let unused: Vec<_> = found.iter().filter(|f| f.code() == "unused-allow").collect();
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].help.as_deref(), Some("did you mean `unknown-measure`?"));
        assert_eq!(unused[0].fix.as_ref().map(|f| f.replacement.as_str()), Some("unknown-measure"));
    }
}
