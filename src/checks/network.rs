//! Contradictions spread over several constraints. Share blocks, totals and asserts that
//! share quantities form one network (see `engine::system`); propagating intervals through
//! it finds contradictions that no single block or assert shows. Each is reported once,
//! and each constraint the rest rule out is blamed in a finding of its own (the search goes
//! on without the one blamed), labelling a minimal set of constraints and claims that cannot
//! hold together, with the numbers that clash told exactly (see `network_help.rs`), under
//! `assertion` when an assert takes part, else `total-mismatch` when a total does, else
//! `shares-over-100` or `shares-incomplete` by whether the shares come out too large or
//! too small. A contradiction one block or assert shows alone is left to its own check.

use crate::engine::expr::{Compiled, Resolver};
use crate::engine::propagate::Emptied;
use crate::engine::system::{name, Contradiction, Origin, System};
use crate::finding::{Finding, Label};
use crate::model::{AssertId, BlockId, ClaimId, Loc, Model};
use crate::registry::{self, Rule};
use crate::source::{tight, SourceMap, Span};
#[path = "network_help.rs"]
mod help;

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let (model, found) = (ctx.model, ctx.network());
    if found.contradictions.is_empty() {
        return Vec::new();
    }
    let compiled = compile(ctx);
    let system = System::build(model, &compiled);
    let reporter = Reporter { model, system: &system, sources: ctx.sources };
    found.contradictions.iter().map(|c| reporter.report(c)).collect()
}

/// The network's contradictions and the asserts and blocks they involve, found once a run for
/// this check and for the assertion and block checks, which give no `rounding` note to an
/// assert or block that cannot hold.
pub(crate) struct Found {
    pub(crate) contradictions: Vec<Contradiction>,
    pub(crate) asserts: Vec<AssertId>,
    pub(crate) blocks: Vec<BlockId>,
}

pub(crate) fn find(ctx: &super::Context) -> Found {
    let compiled = compile(ctx);
    let system = System::build(ctx.model, &compiled);
    let contradictions = system.contradictions(ctx.model);
    let (asserts, blocks) = (system.asserts_in(&contradictions), system.blocks_in(&contradictions));
    Found { contradictions, asserts, blocks }
}

/// Every assert compiled, `None` where it cannot be (its own check reports why).
fn compile(ctx: &super::Context) -> Vec<Option<Compiled>> {
    let resolver = Resolver::new(ctx.model);
    let text = |loc: Loc| &ctx.sources.get(loc.file).text;
    ctx.model.asserts.iter().map(|a| resolver.compile(a, text(a.loc)).ok()).collect()
}

struct Reporter<'a> {
    model: &'a Model,
    system: &'a System<'a>,
    sources: &'a SourceMap,
}

impl Reporter<'_> {
    fn written(&self, loc: Loc, span: Span) -> String {
        tight(self.sources.get(loc.file).text.get(span.range()).unwrap_or("")).into_owned()
    }

    /// The code, and the constraint the finding is anchored on: the one it is blamed on,
    /// whose line is where the contradiction is completed and where `allow(...)` is looked for.
    fn rule(&self, c: &Contradiction) -> (&'static Rule, usize) {
        let primary = c.blamed(self.system);
        match self.system.constraints[primary].origin {
            Origin::Assert { .. } => (&registry::ASSERTION, primary),
            Origin::Total { .. } => (&registry::TOTAL_MISMATCH, primary),
            Origin::Shares { complete, .. } => {
                // A share that must be larger than its claims allow: the shares cannot reach 100 %.
                let too_small = match &c.emptied {
                    Emptied::Var { had, needed, .. } => {
                        matches!((&needed.lo, &had.hi), (Some(n), Some(h)) if n > h)
                    }
                    _ => false,
                };
                match complete && too_small {
                    true => (&registry::SHARES_INCOMPLETE, primary),
                    false => (&registry::SHARES_OVER_100, primary),
                }
            }
        }
    }

    fn report(&self, c: &Contradiction) -> Finding {
        let (rule, primary) = self.rule(c);
        let (failing, failing_loc) = c.failing.map_or_else(
            || ("the constraints".into(), None),
            |f| {
                let (text, loc) = self.system.describe(self.model, self.sources, f);
                (text, Some(loc))
            },
        );
        let part = |span: Span| failing_loc.map_or_else(String::new, |loc| self.written(loc, span));
        let count = c.constraints.len();
        let together = match count {
            1 => String::new(),
            _ => format!(": these {count} constraints cannot all hold"),
        };
        let rest = if count > 1 { "the other constraints and claims" } else { "the claims" };
        let (message, explanation) = match &c.emptied {
            Emptied::Var { var, .. } => {
                let who = self.system.name(self.model, *var);
                let title = if count > 1 { together } else { format!(" in {failing}") };
                (format!("no value is left for {who}{title}"), self.quantity_help(c, *var, &failing, rest))
            }
            Emptied::Part { span, unit, .. } => {
                let part = part(*span);
                let help = self.part_help(c, *span, unit, &part, &failing, rest);
                (format!("`{part}` cannot be what {failing} needs{together}"), help)
            }
            Emptied::ZeroDivisor { span } => {
                let part = part(*span);
                (format!("{failing} divides by `{part}`, which can only be zero"), format!("`{part}` can only be 0"))
            }
            Emptied::Jointly => {
                let others = match &c.constraints[..] {
                    [_] => " with the claims of what it names".to_string(),
                    [_, _] => {
                        let other = c.constraints.iter().find(|&&i| Some(i) != c.failing).copied().unwrap_or_default();
                        format!(" together with {}", self.system.describe(self.model, self.sources, other).0)
                    }
                    _ => format!(" together with {} other constraints", count.saturating_sub(1)),
                };
                let within = if c.claims.is_empty() { "at all" } else { "within the claims' intervals" };
                let why = format!("each quantity is one value however often it is named, `>` and `<` are strict, and no values {within} satisfy them all");
                (format!("{failing} cannot hold{others}"), why)
            }
            Emptied::Facts { var } => {
                let who = self.system.name(self.model, *var);
                (format!("the claims of {who} disagree"), format!("no value of {who} fits all its claims"))
            }
        };
        // An assert compared with a constant is best told by its other side, whatever emptied.
        let explanation = self.compared(c, primary).unwrap_or(explanation);
        let given = match c.claims[..] {
            [] => String::new(),
            _ => format!("; given {}", crate::finding::listed(&c.claims, ", ", |&claim| self.claim_text(claim))),
        };
        let role = |i: usize| match (&c.emptied, Some(i) == c.failing) {
            (Emptied::Jointly, _) => "cannot hold together with the rest",
            (_, true) => "needs a value the rest rule out",
            (_, false) => "narrows the values",
        };
        let label = |i: usize| {
            let (text, loc) = self.system.describe(self.model, self.sources, i);
            Label::new(loc.file, loc.span, format!("{text} {}", role(i)))
        };
        let mut finding = Finding::new(rule, message, label(primary)).with_help(format!("{explanation}{given}"));
        finding.related.extend(c.constraints.iter().filter(|&&i| i != primary).map(|&i| label(i)));
        // The claims the contradiction rests on, then the others its constraints name.
        // (A `?` claim has no value of its own to show; the one that empties is labelled below.)
        let named = c.constraints.iter().flat_map(|&i| &self.system.constraints[i].direct);
        let named =
            named.filter(|&&claim| matches!(c.emptied, Emptied::Jointly) || !self.model.claims[claim].value.unknown);
        let mut labelled: Vec<ClaimId> = Vec::new();
        for &claim in c.claims.iter().chain(named) {
            if labelled.contains(&claim) {
                continue;
            }
            labelled.push(claim);
            let cl = &self.model.claims[claim];
            finding = finding.with_related(Label::new(cl.loc.file, cl.value.span, self.claim_text(claim)));
        }
        if let Emptied::Var { var, .. } = c.emptied {
            for &claim in self.system.quantities[var].iter().filter(|cl| self.model.claims[**cl].value.unknown) {
                let cl = &self.model.claims[claim];
                finding =
                    finding.with_related(Label::new(cl.loc.file, cl.value.span, "derived: no value is left for it"));
            }
        }
        finding
    }

    fn claim_text(&self, claim: ClaimId) -> String {
        format!("{} = {}", name(self.model, &[claim]), self.model.describe(&self.model.claims[claim]))
    }
}
