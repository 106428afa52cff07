//! Which constraints a violated timeline is blamed on (see [`super::super::blame`]): the
//! audited case, where a contradiction already reported (`b` after `a` but dated before it)
//! was carried along to an event consistent with everything else (`c`), depending on the ids
//! and the order of the lines; and random small timelines checked against brute force: the
//! blamed constraints are a smallest set whose removal leaves the rest satisfiable, every
//! violation's constraints cannot hold together, and renaming ids or reordering lines does not
//! change how many violations there are.

use super::super::blame::blame;
use super::super::network::{Network, Solver};
use super::{preference, Builder, Constraint, Schedule, Violation, MAX_VIOLATIONS, ORIGIN};
use crate::checks::test_support::codes;
use crate::model::Model;
use crate::source::FileId;

fn model(text: &str) -> Model {
    let (tree, _) = crate::syntax::parse(FileId(0), text);
    crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text, tree: &tree }])
}

/// The lines of the `timeline` findings.
fn lines(text: &str) -> Vec<usize> {
    codes(text).into_iter().filter(|(code, _)| *code == "timeline").map(|(_, line)| line).collect()
}

const AUDITED: &str = "source s \"S\" 2019\na: 2000 event \"A\" [@s]\nb: 1999 event \"B\" after a [@s]\n\
    c: 2000-03-20 event \"C\" after a by 10d [@s]\nd: 2005 event \"X\" [@s]\ne: 2006 event \"Y\" [@s]\norder e < d\n";

#[test]
fn a_reported_contradiction_is_not_carried_on_to_consistent_events() {
    // `b` clashes with `a`; `c`, 10 days after `a`, fits `a` (2000-03-10). The search used to
    // meet the chain `b` 1999, `b` after `a`, `c` 10d after `a` first and blame `c` for it.
    assert_eq!(lines(AUDITED), [3, 6]);
    let found = crate::checks::test_support::findings(AUDITED);
    assert_eq!(found[0].message, "`b` cannot be dated 1999");
    assert_eq!(
        found[0].help.as_deref(),
        Some("`b` must fall on or after 2000-01-01 (`a` dated 2000; `b` after `a`) but is dated 1999")
    );
    // Renamed ids and reordered lines: the same two findings.
    let renamed = AUDITED.replace("d:", "x:").replace("e:", "y:").replace("order e < d", "order y < x");
    assert_eq!(lines(&renamed), [3, 6]);
    let body: Vec<&str> = AUDITED.lines().skip(1).collect();
    for order in [[1, 0, 2, 3, 4, 5], [2, 0, 1, 5, 3, 4], [5, 4, 3, 2, 1, 0], [0, 2, 1, 4, 3, 5]] {
        let text: String = std::iter::once(AUDITED.lines().next().unwrap_or(""))
            .chain(order.map(|i| body[i]))
            .collect::<Vec<_>>()
            .join("\n");
        let found = crate::checks::test_support::findings(&text);
        let messages: Vec<&str> = found.iter().filter(|f| f.code() == "timeline").map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{text}\n{messages:?}");
        assert!(messages.contains(&"`b` cannot be dated 1999"), "{text}\n{messages:?}");
    }
}

#[test]
fn a_blamed_relation_is_what_the_finding_says_cannot_hold() {
    // Only dropping `e5 < e6` fixes it: with `e6` redated, `e5` (2004) is still before `e7`
    // (2001-08) through `e6`. The chain runs from `e5`'s date to `e6`'s, but the finding names
    // the order step, not `e6`'s date.
    let text = "source s \"S\" 2030\ne2: 2004-11 event \"E2\" [@s]\ne5: 2004 event \"E5\" before e2 by 2w [@s]\n\
                e6: 2001 event \"E6\" [@s]\ne7: 2001-08 event \"E7\" [@s]\norder e5 < e6 < e7\n";
    assert_eq!(lines(text), [6]);
    let found = crate::checks::test_support::findings(text);
    let found = &found[0];
    assert_eq!(
        found.message,
        "`e5 < e6` in `order e5 < e6 < e7` cannot hold: `e6` would have to fall on or after 2004-01-01 but is dated 2001"
    );
    assert_eq!(found.primary.message, "orders `e5` before `e6`, which cannot hold with the dates");
    let related: Vec<&str> = found.related.iter().map(|l| l.message.as_str()).collect();
    // The other chain through the order step (`e5` is two weeks before `e2`, in 2004, yet
    // before `e7`, in 2001) is labelled too.
    assert_eq!(
        related,
        ["dated 2004", "dated 2001", "dated 2004-11", "2w before `e2`", "orders `e6` before `e7`", "dated 2001-08"]
    );
    assert_eq!(
        found.help.as_deref(),
        Some("`e6` must fall on or after 2004-01-01 (`e5` dated 2004; order `e5` before `e6`) but is dated 2001; the same clash runs through `e2` dated 2004-11; `e5` 2w before `e2`; order `e6` before `e7`; `e7` dated 2001-08")
    );
    // An `after … by` that no single date can be moved to satisfy is named the same way.
    let text = "source s \"S\" 2030\nw: 2000-01 event \"W\" [@s]\nx: 2000 event \"X\" [@s]\n\
                y: 2000-06 event \"Y\" after x by 2y [@s]\nz: 2000-06 event \"Z\" [@s]\norder w < x\norder y < z\n";
    assert_eq!(lines(text), [4]);
    let found = crate::checks::test_support::findings(text);
    assert!(found[0].message.starts_with("`y`'s `after x by 2y` cannot hold: "), "{}", found[0].message);
    // A blamed date keeps its wording.
    assert_eq!(crate::checks::test_support::findings(AUDITED)[0].message, "`b` cannot be dated 1999");
}

#[test]
fn one_wrong_statement_is_one_finding_whichever_clash_is_met_first() {
    // `a` is the odd one out: `b` and `c` each fit everything but `a`.
    let text = "source s \"S\"\na: 1990 event \"A\" [@s]\nb: 2000-05 event \"B\" after a by 4mo [@s]\n\
                c: 2000-06 event \"C\" after a by 5mo [@s]\n";
    assert_eq!(lines(text), [2]);
    // `a` after both `d` and `b` in an order: `d` (1995-10) and `b` (1995) fit each other.
    let text = "source s \"S\"\na: 1996 event \"A\" [@s]\nb: 1995 event \"B\" [@s]\nd: 1995-10 event \"D\" [@s]\n\
                order a < d < b\n";
    assert_eq!(lines(text), [2]);
    // `c` after `b` but dated before it; `d` fits `b`, and only `c` puts it out of place.
    let text = "source s \"S\"\na: 1995 event \"A\" [@s]\nb: 1996 event \"B\" [@s]\nc: 1994 event \"C\" after b [@s]\n\
                d: 1995-10 event \"D\" [@s]\norder a < d < b\n";
    assert_eq!(lines(text), [4]);
    // Two real contradictions sharing `a`'s date still need two findings: `b` after `a` but
    // dated before it, and `z` before `a` but dated after it.
    let text = "source s \"S\"\na: 2000 event \"A\" [@s]\nb: 1999 event \"B\" after a [@s]\n\
                z: 2001 event \"Z\" before a [@s]\n";
    assert_eq!(lines(text).len(), 2);
}

#[test]
fn a_chain_is_shortened_at_the_first_date_it_contradicts() {
    // Found as `b` 1999 → `a` → `c` → `c` 2000-03-20 (4 constraints), it is shown as `b` 1999
    // → `a` 2000 (3): the bound carried to `a` already contradicts `a`'s own date.
    let schedule = Schedule::build(&model(AUDITED));
    let shown: Vec<usize> = schedule.violations.iter().map(|v| v.steps.len()).collect();
    assert_eq!(shown, [3, 3]);
}

/// A little generator: events with dates of every precision (or none, when `by` bounds them),
/// relations with and without offsets, periods with `lasting`, and `order` lines.
struct Random(fastrand::Rng);

impl Random {
    fn date(&mut self) -> String {
        let year = 2000 + self.0.u32(..3);
        match self.0.u8(..6) {
            0 | 1 => format!("{year}"),
            2 | 3 => format!("{year}-{:02}", 1 + self.0.u32(..12)),
            4 => format!("{year}-{:02}-{:02}", 1 + self.0.u32(..12), 1 + self.0.u32(..28)),
            _ => format!("{year}..{}", year + self.0.u32(..3)),
        }
    }

    fn duration(&mut self) -> &'static str {
        ["10d", "1mo", "3mo", "6mo", "1y", "2y"][self.0.usize(..6)]
    }

    /// The body of a file (no header), one line per event or order.
    fn body(&mut self) -> Vec<String> {
        let events = 3 + self.0.usize(..4);
        let mut lines = Vec::new();
        for i in 0..events {
            let relation = (i > 0 && self.0.u8(..3) != 0).then(|| {
                let word = if self.0.bool() { "after" } else { "before" };
                let by = if self.0.u8(..3) != 0 { format!(" by {}", self.duration()) } else { String::new() };
                format!(" {word} e{}{by}", self.0.usize(..i))
            });
            let date = if relation.as_ref().is_some_and(|r| r.contains(" by ")) && self.0.u8(..4) == 0 {
                String::new()
            } else {
                format!("{} ", self.date())
            };
            let lasting = if date.contains("..") && self.0.bool() {
                format!(" lasting {}", self.duration())
            } else {
                String::new()
            };
            lines.push(format!("e{i}: {date}event \"E{i}\"{}{lasting} [@s]", relation.unwrap_or_default()));
        }
        for _ in 0..self.0.usize(..3) {
            let mut ids: Vec<usize> = (0..events).collect();
            self.0.shuffle(&mut ids);
            let names: Vec<String> = ids[..2 + self.0.usize(..2)].iter().map(|i| format!("e{i}")).collect();
            lines.push(format!("order {}", names.join(" < ")));
        }
        lines
    }
}

/// Whether the constraints hold with the ones listed left out.
fn holds(network: &Network, arcs: usize, without: &dyn Fn(usize) -> bool) -> bool {
    let mut solver = Solver::new(network, Vec::new());
    for id in 0..arcs {
        if without(solver.arc(id).constraint) {
            solver.disable(id);
        }
    }
    solver.next_cycle().is_none()
}

/// The size of a smallest set of constraints whose removal leaves the rest satisfiable, if at
/// most `most`.
fn smallest_correction(network: &Network, arcs: usize, constraints: usize, most: usize) -> Option<usize> {
    fn subsets(
        from: usize,
        n: usize,
        k: usize,
        chosen: &mut Vec<usize>,
        found: &mut dyn FnMut(&[usize]) -> bool,
    ) -> bool {
        if k == 0 {
            return found(chosen);
        }
        for c in from..n {
            chosen.push(c);
            let done = subsets(c + 1, n, k - 1, chosen, found);
            chosen.pop();
            if done {
                return true;
            }
        }
        false
    }
    (0..=most).find(|&k| {
        subsets(0, constraints, k, &mut Vec::new(), &mut |chosen: &[usize]| {
            holds(network, arcs, &|c: usize| chosen.contains(&c))
        })
    })
}

/// The line with each id `e<i>` renamed `q<9 − i>`.
fn renamed(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('e') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let digits = from[1..].chars().take_while(char::is_ascii_digit).count();
        let starts = out.chars().last().is_none_or(|c| c == ' ');
        match from[1..1 + digits].parse::<usize>() {
            Ok(i) if starts => out.push_str(&format!("q{}", 9 - i)),
            _ => out.push_str(&from[..1 + digits]),
        }
        rest = &from[1 + digits..];
    }
    out.push_str(rest);
    out
}

/// The constraints of a violation, as indices.
fn involved(violation: &Violation, constraints: &[Constraint]) -> Vec<usize> {
    let mut found: Vec<usize> = violation
        .steps
        .iter()
        .map(|s| constraints.iter().position(|c| *c == s.constraint).expect("a constraint of the network"))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn blame_is_a_smallest_correction_and_does_not_depend_on_names_or_order() {
    let mut random = Random(fastrand::Rng::with_seed(11));
    let (mut violated, mut checked) = (0, 0);
    for round in 0..400 {
        let body = random.body();
        let text = format!("source s \"S\"\n{}\n", body.join("\n"));
        let model = model(&text);
        let mut builder = Builder::new(&model);
        builder.constrain();
        let initial = builder.initial_labels();
        let (network, constraints) = (builder.network, builder.constraints);
        let arcs = Solver::new(&network, Vec::new()).arc_count();
        let schedule = Schedule::build(&model);
        let Some(smallest) = smallest_correction(&network, arcs, constraints.len(), 3) else { continue };
        checked += 1;
        violated += usize::from(smallest > 0);
        // A smallest set of blamed constraints, whose removal leaves the rest satisfiable.
        let prefer = |c: usize| preference(&model, &constraints, c);
        let blamed: Vec<usize> = blame(&network, ORIGIN, initial, prefer, &|_| None, MAX_VIOLATIONS)
            .blamed
            .iter()
            .map(|b| b.constraint)
            .collect();
        assert_eq!(blamed.len(), smallest, "round {round}:\n{text}");
        assert!(
            holds(&network, arcs, &|c| blamed.contains(&c)),
            "round {round}: blamed {blamed:?} leave a clash in\n{text}"
        );
        // One violation each, whose constraints cannot hold together (and all but one can).
        assert_eq!(schedule.violations.len(), smallest, "round {round}:\n{text}");
        for violation in &schedule.violations {
            let set = involved(violation, &constraints);
            assert!(!holds(&network, arcs, &|c| !set.contains(&c)), "round {round}: {set:?} can hold in\n{text}");
            for left_out in &set {
                let rest = |c: usize| c == *left_out || !set.contains(&c);
                assert!(holds(&network, arcs, &rest), "round {round}: {set:?} is not minimal in\n{text}");
            }
        }
        // Renamed and reordered, the same number of violations.
        let mut order: Vec<usize> = (0..body.len()).collect();
        random.0.shuffle(&mut order);
        let shuffled: Vec<String> = order.iter().map(|&i| renamed(&body[i])).collect();
        let other = format!("source s \"S\"\n{}\n", shuffled.join("\n"));
        let again = Schedule::build(&self::model(&other));
        assert_eq!(again.violations.len(), smallest, "round {round}:\n{text}\nreordered:\n{other}");
    }
    assert!(checked > 300 && violated > 100, "{checked} checked, {violated} violated");
}
