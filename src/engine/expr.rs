//! `assert` expressions compiled into flat programs: names resolved to claims, units
//! checked, and nodes stored children-first so that evaluating (forwards) and narrowing
//! (backwards, HC4-style) are loops rather than recursion. An expression chain such as
//! `a + b + c + …` nests as deep as it is long, so nothing here recurses.
//!
//! Numbers mean what they mean in a claim: an amount (`$2bn`, `18%`, `1,780 km`) covers the
//! interval its written precision allows, so rounding never makes an assert fail; a bare
//! number (`* 2`, `/ 3`) is a mathematical constant and stays exact, so a real doubling or
//! tripling contradiction is still found.

use super::units::{Shown, Unit};
use crate::model::{point_range, Assert, ClaimId, MeasureId, Model, Target, WrittenDate};
use crate::source::Span;
use crate::syntax::ast::{BinOp, Cmp, Expr, NumberLit, Quantity};
use crate::value::number::{pow10, Q};
use crate::value::DateRange;
use crate::value::Interval;
use num_traits::{One, Zero};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// A quantity an expression refers to: a claim id, or `MEASURE@DATE` (every item-less
/// claim of the measure with that written date, which all state the same quantity).
#[derive(Clone, Debug)]
pub struct Reference {
    pub claims: Vec<ClaimId>,
    /// Where it is written: `t2000` or `trade@2000`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Node {
    /// The `reference`-th reference, times the factor of its unit (1/100 for `%`).
    Ref {
        reference: usize,
        factor: Q,
    },
    /// A bare number (`2`, `0.5`) or a fraction (`1/3`): a mathematical constant, exact.
    Const(Q),
    /// An amount, a number written with a unit, currency, `%` or scale word (`$2bn`, `18%`):
    /// the interval its written precision allows, and its written point.
    Amount {
        rounded: Interval,
        point: Q,
    },
    Neg(usize),
    Bin(BinOp, usize, usize),
}

/// One side of an assert; the root is the last node.
#[derive(Clone, Debug)]
pub struct Side {
    pub nodes: Vec<Node>,
    /// Each node's span and unit.
    pub spans: Vec<Span>,
    pub units: Vec<Unit>,
    pub unit: Unit,
    pub span: Span,
}

/// An amount written in an assert, to show what it covers.
#[derive(Clone, Debug)]
pub struct WrittenAmount {
    pub span: Span,
    /// In its unit's own numbers (`%` as a ratio), scale applied.
    pub rounded: Interval,
    /// How to show it: in its own unit and scale.
    pub shown: Shown,
}

impl WrittenAmount {
    /// `$1.5–2.5bn`, `17.5–18.5%`.
    pub fn covers(&self) -> String {
        self.shown.amount(&self.rounded)
    }
}

/// A node of a side that cannot take the values the rest of the assert needs.
#[derive(Clone, Debug)]
pub struct Failure {
    pub node: usize,
    pub needed: Interval,
}

#[derive(Clone, Debug)]
pub struct Compiled {
    pub lhs: Side,
    pub rhs: Side,
    pub cmp: Cmp,
    pub tolerance: Q,
    pub references: Vec<Reference>,
    /// The amounts written in either side, in order, with the intervals they cover.
    pub amounts: Vec<WrittenAmount>,
    /// How to show either side: the first written value in the sides' common unit.
    pub shown: Shown,
    /// The first written value of each unit met, to show parts in the user's units.
    pub hints: Vec<(Unit, Shown)>,
    /// For `~`: the right side as written (its claims' values as written, its amounts' points),
    /// whose size the tolerance is taken of, as for a written `~` value (see [`widened`]).
    /// `None` when a claim it names has no written value.
    pub written_rhs: Option<Interval>,
}

impl Compiled {
    /// The right side widened by the tolerance for `~` (see [`Compiled::written_rhs`]).
    pub fn widened_rhs(&self, rhs: &Interval) -> Interval {
        widened(rhs, self.written_rhs.as_ref().unwrap_or(rhs), &self.tolerance)
    }

    /// Every claim the assert names, with where it is named.
    pub fn claims(&self) -> impl Iterator<Item = (ClaimId, Span)> + '_ {
        self.references.iter().flat_map(|r| r.claims.iter().map(move |&c| (c, r.span)))
    }

    /// Why no values make the comparison true, given both sides' intervals, in the user's
    /// units: `$1.45–1.55bn is never above $2.3–2.5bn`.
    pub fn never(&self, [lhs, rhs, compared]: &[Interval; 3]) -> String {
        let (l, r) = (self.shown.amount(lhs), self.shown.amount(rhs));
        match self.cmp {
            Cmp::Eq => format!("{l} and {r} never meet"),
            Cmp::Approx => {
                let widened = self.shown.amount(compared);
                format!("{l} never meets {r}, even widened by the tolerance to {widened}")
            }
            Cmp::Gt => format!("{l} is never above {r}"),
            Cmp::Ge => format!("{l} never reaches {r}"),
            Cmp::Lt => format!("{l} is never below {r}"),
            Cmp::Le => format!("{l} never gets down to {r}"),
        }
    }

    /// How to show numbers of `unit`: as the user wrote a value of that unit, if any.
    pub fn shown_in(&self, unit: &Unit) -> Shown {
        self.hints.iter().find(|(u, _)| u == unit).map_or_else(|| Shown::plain(unit), |h| h.1.clone())
    }
}

/// Why an assert cannot be compiled.
#[derive(Clone, Debug)]
pub enum Problem {
    /// An unknown id or measure: `unknown-id`/`unknown-measure` report it.
    Unresolved,
    /// An id that names an event, an assert or a shares block.
    NotAQuantity { span: Span, name: String, what: &'static str },
    /// `MEASURE@DATE` with no item-less claim of the measure at that date; `dates` are the
    /// first few dates it has claims for, in order, of `claimed` in all.
    NoClaimAt { span: Span, text: String, measure: String, dates: Vec<String>, claimed: usize },
    /// Two operands (or the two sides) whose units differ.
    Units { span: Span, op: &'static str, left: (Span, Unit), right: (Span, Unit) },
}

/// The scale a claim's numbers are shown in: its own as written, or for a `?` member of a
/// block that of the block's first written value (bn for a `?` part of a `$10bn` total).
fn shown_scale(model: &Model, claim: ClaimId) -> Q {
    let value = &model.claims[claim].value;
    if !value.unknown {
        return value.display_scale();
    }
    let Some(block) = model.claims[claim].block().map(|b| &model.blocks[b]) else { return value.display_scale() };
    let total = match block.kind {
        crate::model::BlockKind::Total { total } => Some(total),
        crate::model::BlockKind::Shares { .. } => None,
    };
    let written = total.into_iter().chain(block.members.iter().copied()).find(|&c| !model.claims[c].value.unknown);
    written.map_or_else(|| value.display_scale(), |c| model.claims[c].value.display_scale())
}

/// The unit a claim's interval is in: the one written, else its measure's.
pub fn claim_unit(model: &Model, claim: ClaimId) -> Option<&str> {
    let claim = &model.claims[claim];
    claim.value.unit.as_deref().or_else(|| model.measure(claim).and_then(|m| m.unit.as_deref()))
}

/// Resolves the names of `assert` expressions: ids, and `MEASURE@DATE` through an index
/// of item-less claims by measure and written date (`?` ones included: a `?` total is a
/// quantity an assert may name).
pub struct Resolver<'m> {
    model: &'m Model,
    /// Built on the first `MEASURE@DATE`: asserts that name only ids, as most do, need no walk
    /// over every claim.
    item_less: std::cell::OnceCell<HashMap<(MeasureId, WrittenDate), Vec<ClaimId>>>,
    /// Each measure's item-less dates with a written value, in order (one claim for each),
    /// gathered on the first `MEASURE@DATE` that matches nothing: many such references must
    /// not each walk every claim.
    dates: std::cell::OnceCell<HashMap<MeasureId, Vec<(DateRange, ClaimId)>>>,
}

/// How many of a measure's dates a `MEASURE@DATE` that matches nothing lists.
const DATES_SHOWN: usize = 8;

impl<'m> Resolver<'m> {
    pub fn new(model: &'m Model) -> Self {
        Resolver { model, item_less: std::cell::OnceCell::new(), dates: std::cell::OnceCell::new() }
    }

    /// The item-less claims of each measure and written date.
    fn item_less(&self) -> &HashMap<(MeasureId, WrittenDate), Vec<ClaimId>> {
        self.item_less.get_or_init(|| {
            let model = self.model;
            let mut item_less: HashMap<_, Vec<ClaimId>> = HashMap::default();
            // Claims in another unit than their measure's (declared, or set by its first claim)
            // are `unit-mismatch`es, and no `MEASURE@DATE` stands for them.
            let clashing: rustc_hash::FxHashSet<ClaimId> = model.unit_clashes.iter().map(|c| c.claim).collect();
            for (id, claim) in model.claims.iter().enumerate() {
                if clashing.contains(&id) {
                    continue;
                }
                if let (Some(measure), None) = (claim.measure(), &claim.item) {
                    item_less.entry((measure, claim.date.written())).or_default().push(id);
                }
            }
            item_less
        })
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    pub fn compile(&self, assert: &Assert, text: &str) -> Result<Compiled, Problem> {
        let (mut references, mut amounts, mut hints) = (Vec::new(), Vec::new(), Vec::new());
        let (mut lhs, lhs_zero) = self.side(&assert.lhs, text, &mut references, &mut amounts, &mut hints)?;
        let (mut rhs, rhs_zero) = self.side(&assert.rhs, text, &mut references, &mut amounts, &mut hints)?;
        // A bare 0 is 0 in any unit: `assert t > 0` compares USD with 0 USD.
        if lhs.unit != rhs.unit && rhs_zero {
            rhs.unit = lhs.unit.clone();
        } else if lhs.unit != rhs.unit && lhs_zero {
            lhs.unit = rhs.unit.clone();
        }
        if lhs.unit != rhs.unit {
            let op = "compare";
            let (left, right) = ((lhs.span, lhs.unit.clone()), (rhs.span, rhs.unit.clone()));
            return Err(Problem::Units { span: lhs.span.cover(rhs.span), op, left, right });
        }
        let shown =
            hints.iter().find(|(unit, _)| *unit == lhs.unit).map_or_else(|| Shown::plain(&lhs.unit), |h| h.1.clone());
        let tolerance = assert.tolerance.clone();
        let written_rhs = (assert.cmp == Cmp::Approx)
            .then(|| references.iter().map(|r| reference_interval(self.model, r, Reading::AsWritten)).collect())
            .flatten()
            .and_then(|references: Vec<Interval>| rhs.evaluate(&references, Reading::AsWritten).ok())
            .and_then(|mut nodes| nodes.pop());
        Ok(Compiled { lhs, rhs, cmp: assert.cmp, tolerance, references, amounts, shown, hints, written_rhs })
    }

    fn side(
        &self,
        root: &Expr,
        text: &str,
        references: &mut Vec<Reference>,
        amounts: &mut Vec<WrittenAmount>,
        hints: &mut Vec<(Unit, Shown)>,
    ) -> Result<(Side, bool), Problem> {
        let model = self.model;
        let (mut nodes, mut spans, mut units) = (Vec::new(), Vec::new(), Vec::new());
        // Finished operands: (node index, unit, span, whether it is a bare 0, of any unit).
        let mut done: Vec<(usize, Unit, Span, bool)> = Vec::new();
        let mut stack = vec![(root, false)];
        while let Some((expr, children_done)) = stack.pop() {
            let mut zero = false;
            let (node, unit) = match expr {
                Expr::Paren(inner, _) => {
                    stack.push((inner.as_ref(), false));
                    continue;
                }
                Expr::Neg(inner, _) | Expr::Binary(inner, _, _, _) if !children_done => {
                    stack.push((expr, true));
                    if let Expr::Binary(_, _, right, _) = expr {
                        stack.push((right.as_ref(), false));
                    }
                    stack.push((inner.as_ref(), false));
                    continue;
                }
                Expr::Neg(..) => {
                    let (child, unit, _, child_zero) = done.pop().ok_or(Problem::Unresolved)?;
                    zero = child_zero;
                    (Node::Neg(child), unit)
                }
                Expr::Binary(_, op, _, span) => {
                    let right = done.pop().ok_or(Problem::Unresolved)?;
                    let left = done.pop().ok_or(Problem::Unresolved)?;
                    zero = match op {
                        BinOp::Mul => left.3 || right.3,
                        BinOp::Div => left.3,
                        BinOp::Add | BinOp::Sub => left.3 && right.3,
                    };
                    let unit = match op {
                        BinOp::Mul => left.1.times(&right.1),
                        BinOp::Div => left.1.per(&right.1),
                        BinOp::Add | BinOp::Sub if left.1 == right.1 => left.1.clone(),
                        BinOp::Add | BinOp::Sub if left.3 => right.1.clone(),
                        BinOp::Add | BinOp::Sub if right.3 => left.1.clone(),
                        BinOp::Add | BinOp::Sub => {
                            let op = if *op == BinOp::Add { "add" } else { "subtract" };
                            let (left, right) = ((left.2, left.1), (right.2, right.1));
                            return Err(Problem::Units { span: *span, op, left, right });
                        }
                    };
                    (Node::Bin(*op, left.0, right.0), unit)
                }
                Expr::Quantity(q) | Expr::Exact(q, _) => {
                    let written = q.unit.as_ref().map(|u| u.name.as_str());
                    let (unit, factor) = Unit::written(written);
                    let scale = Q::from_integer(pow10(q.scale.map_or(0, |s| s.exponent())));
                    let shown = Shown::new(written, scale);
                    if !hints.iter().any(|(u, _)| *u == unit) {
                        hints.push((unit.clone(), shown.clone()));
                    }
                    let node = written_number(q, &factor, matches!(expr, Expr::Exact(..)));
                    zero = written.is_none() && matches!(&node, Node::Const(c) if c.is_zero());
                    if let Node::Amount { rounded, .. } = &node {
                        amounts.push(WrittenAmount { span: q.span, rounded: rounded.clone(), shown });
                    }
                    (node, unit)
                }
                Expr::Id(_) | Expr::MeasureAt(..) => {
                    let reference = self.resolve(expr, text)?;
                    let first = reference.claims[0];
                    let written = claim_unit(model, first);
                    let (unit, factor) = Unit::written(written);
                    if !hints.iter().any(|(u, _)| *u == unit) {
                        hints.push((unit.clone(), Shown::new(written, shown_scale(model, first))));
                    }
                    references.push(reference);
                    (Node::Ref { reference: references.len() - 1, factor }, unit)
                }
            };
            nodes.push(node);
            spans.push(expr.span());
            units.push(unit.clone());
            done.push((nodes.len() - 1, unit, expr.span(), zero));
        }
        let (_, unit, _, zero) = done.pop().ok_or(Problem::Unresolved)?;
        Ok((Side { nodes, spans, units, unit, span: root.span() }, zero))
    }

    /// The claims named inside `span` of an assert, each with where it is named.
    pub fn claims_within(&self, assert: &Assert, text: &str, span: Span) -> Vec<(ClaimId, Span)> {
        let mut found = Vec::new();
        for root in [&assert.lhs, &assert.rhs] {
            crate::model::build::visit_expr(root, &mut |e| {
                let inside = e.span().start >= span.start && e.span().end <= span.end;
                if let (true, Expr::Id(_) | Expr::MeasureAt(..)) = (inside, e) {
                    let claims = self.resolve(e, text).map(|r| r.claims).unwrap_or_default();
                    found.extend(claims.into_iter().map(|c| (c, e.span())));
                }
            });
        }
        found
    }

    /// The first `DATES_SHOWN` written dates of a measure's item-less claims, in order, and
    /// how many dates it has.
    fn dates_of(&self, measure: MeasureId) -> (Vec<String>, usize) {
        let claims = &self.model.claims;
        let by_measure = self.dates.get_or_init(|| {
            let mut by_measure: HashMap<MeasureId, Vec<(DateRange, ClaimId)>> = HashMap::default();
            for (key, ids) in self.item_less() {
                if ids.iter().any(|&c| !claims[c].value.unknown) {
                    by_measure.entry(key.0).or_default().push((key.1 .0, ids[0]));
                }
            }
            for dates in by_measure.values_mut() {
                dates.sort_unstable_by(|a, b| (a.0, &claims[a.1].date.text).cmp(&(b.0, &claims[b.1].date.text)));
            }
            by_measure
        });
        let dates = by_measure.get(&measure).map_or(&[][..], Vec::as_slice);
        let shown = dates.iter().take(DATES_SHOWN).map(|&(_, c)| claims[c].date.text.to_string()).collect();
        (shown, dates.len())
    }

    /// The claims an id or `MEASURE@DATE` names.
    pub fn resolve(&self, expr: &Expr, text: &str) -> Result<Reference, Problem> {
        let model = self.model;
        let span = expr.span();
        match expr {
            Expr::Id(id) => match model.target(&id.name) {
                None => Err(Problem::Unresolved),
                Some(Target::Claim(c)) => Ok(Reference { claims: vec![c], span }),
                Some(target) => {
                    let what = match target {
                        Target::Event(_) => "an event",
                        Target::Assert(_) => "an assert",
                        _ => "a shares block (name one of its members instead)",
                    };
                    Err(Problem::NotAQuantity { span, name: id.name.to_string(), what })
                }
            },
            Expr::MeasureAt(measure, date, _) => {
                let m = *model.measure_names.get(&measure.name).ok_or(Problem::Unresolved)?;
                let (start, end) = (point_range(&date.start), date.end.as_ref().map(point_range));
                let approx = [date.start.approx, date.end.is_some_and(|end| end.approx)];
                let key = (m, (start, end, approx));
                let at = self.item_less().get(&key).cloned().unwrap_or_default();
                // Plans count only when no fact is claimed for that date.
                let facts: Vec<ClaimId> = at.iter().copied().filter(|&c| !model.claims[c].is_plan()).collect();
                let claims = if facts.is_empty() { at } else { facts };
                if claims.is_empty() {
                    let (measure, (dates, claimed)) = (measure.name.to_string(), self.dates_of(m));
                    let text = text.get(span.range()).unwrap_or("").to_string();
                    return Err(Problem::NoClaimAt { span, text, measure, dates, claimed });
                }
                Ok(Reference { claims, span })
            }
            _ => Err(Problem::Unresolved),
        }
    }
}

/// A number written in an assert, in its unit's own numbers (scale applied, times `factor`:
/// 1/100 for `%`). An amount — a decimal written with a unit, currency, `%` or scale word —
/// covers half a unit of its last written digit on each side, as the same text does as a
/// claim's value (spec §3; see `model::lower::value`): `$2bn` is 1.5–2.5bn, `18%` is
/// 17.5–18.5 %, `1,780 km` is 1,779.5–1,780.5 km, `4.3bn USD` is 4.25–4.35bn. A bare number
/// (`* 2`, `/ 3`, `+ 0.5`) is a mathematical constant and a fraction (`1/3`, `$1/4bn`) an exact
/// ratio: both are exact, as a claim's fraction is. So is an amount followed by `exact`.
fn written_number(q: &Quantity, factor: &Q, exact: bool) -> Node {
    let scale = Q::from_integer(pow10(q.scale.map_or(0, |s| s.exponent())));
    match &q.number {
        NumberLit::Decimal(d) if !exact && (q.unit.is_some() || q.scale.is_some()) => {
            let point = &d.value * &scale * factor;
            // The half unit, the scale and the factor are positive: the bounds are in order.
            let half = &d.half_unit * &scale * factor;
            let rounded =
                Interval::closed(&point - &half, &point + &half).unwrap_or_else(|| Interval::point(point.clone()));
            Node::Amount { rounded, point }
        }
        NumberLit::Decimal(d) => Node::Const(&d.value * scale * factor),
        NumberLit::Fraction(f) => Node::Const(f * scale * factor),
    }
}

impl Side {
    /// Every node's interval, children first; `Err(divisor)` when a divisor (that node) can
    /// only be zero. `reading` says whether amounts cover their rounding (`$0bn` is
    /// −0.5–0.5bn, as a claim's `$0bn` is) or stand for their written point; bare numbers are
    /// exact either way, so a written `0` is the point 0. Dividing by an interval that holds
    /// 0 and other values gives an unbounded quotient.
    pub fn evaluate(&self, references: &[Interval], reading: Reading) -> Result<Vec<Interval>, usize> {
        let mut values: Vec<Interval> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let value = match node {
                Node::Ref { reference, factor } => match references.get(*reference) {
                    Some(value) if factor.is_one() => value.clone(),
                    Some(value) => value.scale(factor),
                    None => Interval::everything(),
                },
                Node::Const(q) => Interval::point(q.clone()),
                Node::Amount { rounded, .. } if reading == Reading::Rounded => rounded.clone(),
                Node::Amount { point, .. } => Interval::point(point.clone()),
                Node::Neg(a) => values[*a].neg(),
                Node::Bin(op, a, b) => {
                    let (x, y) = (&values[*a], &values[*b]);
                    match op {
                        BinOp::Add => x.add(y),
                        BinOp::Sub => x.sub(y),
                        BinOp::Mul => x.mul(y),
                        BinOp::Div => x.div(y).ok_or(*b)?,
                    }
                }
            };
            values.push(value);
        }
        Ok(values)
    }

    /// Whether the node's subexpression names a claim (rather than only written numbers).
    pub fn refers(&self, node: usize) -> bool {
        let mut refers = Vec::with_capacity(node + 1);
        for n in self.nodes.iter().take(node + 1) {
            refers.push(match n {
                Node::Ref { .. } => true,
                Node::Const(_) | Node::Amount { .. } => false,
                Node::Neg(a) => refers[*a],
                Node::Bin(_, a, b) => refers[*a] || refers[*b],
            });
        }
        refers.get(node).copied().unwrap_or(false)
    }

    /// Narrows the side to `target` (HC4 backward pass): given every node's forward
    /// interval, returns what each reference must lie in, or the node that cannot.
    pub fn project(&self, forward: &[Interval], target: &Interval) -> Result<Vec<(usize, Interval)>, Box<Failure>> {
        let mut needed: Vec<Option<Interval>> = vec![None; self.nodes.len()];
        let meet = |node: usize, projection: &Interval| {
            let fail = || Box::new(Failure { node, needed: projection.clone() });
            forward[node].intersect(projection).ok_or_else(fail)
        };
        let Some(root) = self.nodes.len().checked_sub(1) else { return Ok(Vec::new()) };
        needed[root] = Some(meet(root, target)?);
        let mut out = Vec::new();
        for index in (0..self.nodes.len()).rev() {
            let Some(t) = needed[index].take() else { continue };
            match &self.nodes[index] {
                Node::Ref { reference, factor } if factor.is_one() => out.push((*reference, t)),
                Node::Ref { reference, factor } => out.push((*reference, t.scale(&factor.recip()))),
                Node::Const(_) | Node::Amount { .. } => {}
                Node::Neg(a) => needed[*a] = Some(meet(*a, &t.neg())?),
                Node::Bin(op, a, b) => {
                    let (fa, fb) = (&forward[*a], &forward[*b]);
                    // What each operand may be so that the node lies in `t`; a projection
                    // that is undefined (dividing by exactly zero) leaves the operand as is.
                    let (pa, pb) = match op {
                        BinOp::Add => (Some(t.sub(fb)), Some(t.sub(fa))),
                        BinOp::Sub => (Some(t.add(fb)), Some(fa.sub(&t))),
                        BinOp::Mul => (t.div(fb), t.div(fa)),
                        BinOp::Div => (Some(t.mul(fb)), fa.div(&t)),
                    };
                    needed[*a] = Some(meet(*a, &pa.unwrap_or_else(Interval::everything))?);
                    needed[*b] = Some(meet(*b, &pb.unwrap_or_else(Interval::everything))?);
                }
            }
        }
        Ok(out)
    }
}

/// Whether some value of `lhs` and some value of `rhs` satisfy the comparator; for `~`,
/// `rhs` is the right side already widened by the tolerance (see [`widened`]).
pub(crate) fn possible(cmp: Cmp, lhs: &Interval, rhs: &Interval) -> bool {
    match cmp {
        Cmp::Eq | Cmp::Approx => lhs.overlaps(rhs),
        Cmp::Gt => !matches!((&lhs.hi, &rhs.lo), (Some(l), Some(r)) if l <= r),
        Cmp::Ge => !matches!((&lhs.hi, &rhs.lo), (Some(l), Some(r)) if l < r),
        Cmp::Lt => !matches!((&lhs.lo, &rhs.hi), (Some(l), Some(r)) if l >= r),
        Cmp::Le => !matches!((&lhs.lo, &rhs.hi), (Some(l), Some(r)) if l > r),
    }
}

/// Every value within the tolerance of some value of `interval`.
/// A negative tolerance counts as none.
pub fn approximately(interval: &Interval, tolerance: &Q) -> Interval {
    widened(interval, interval, tolerance)
}

/// `interval` widened on each side by the tolerance times `written`, the same value as
/// written: as a written `~ $22bn` (21.5–22.5bn) is 19.3–24.7bn, widened by 10 % of 22bn on
/// both sides (spec §3), not by 10 % of each bound. A negative tolerance counts as none.
pub fn widened(interval: &Interval, written: &Interval, tolerance: &Q) -> Interval {
    use num_traits::Signed;
    let tolerance = if tolerance.is_negative() { &Q::zero() } else { tolerance };
    let by = |written: &Option<Q>| written.as_ref().map(|w| w.abs() * tolerance);
    Interval {
        lo: interval.lo.as_ref().zip(by(&written.lo)).map(|(lo, by)| lo - by),
        hi: interval.hi.as_ref().zip(by(&written.hi)).map(|(hi, by)| hi + by),
    }
}

/// An assert judged on its own, from the intervals its references' claims state.
#[derive(Clone, Debug)]
pub enum Verdict {
    Possible,
    /// Both sides' intervals, and the right side as compared (widened by the tolerance for
    /// `~`, else itself).
    Impossible(Box<[Interval; 3]>),
    /// A divisor that can only be zero: where it is written, and whether it is made of
    /// written numbers alone (so exactly 0: bare numbers are exact, and an amount's rounding
    /// never leaves only 0 unless a bare 0 multiplies it) rather than of claims whose
    /// intervals leave only 0. A divisor whose interval holds 0 and other values is no error: the
    /// quotient is then unbounded (see [`Interval::div`]).
    ZeroDivisor {
        span: Span,
        written: bool,
    },
    /// The claims of one `MEASURE@DATE` disagree: `conflict` reports them.
    Undecided,
}

/// How to read the claims an assert names and the amounts it writes: within their rounding
/// (the check), or as written (to tell when the assert holds only thanks to rounding or
/// tolerance).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    Rounded,
    /// The written points (of claims and of amounts), and `~` taken as `=`.
    AsWritten,
}

/// What one reference's claims allow together (`None` when they disagree).
pub fn reference_interval(model: &Model, reference: &Reference, reading: Reading) -> Option<Interval> {
    let interval = |c: ClaimId| {
        let value = &model.claims[c].value;
        if reading == Reading::Rounded {
            Cow::Borrowed(&value.interval)
        } else {
            value.nominal.interval()
        }
    };
    // Claims of one fact all hold; several plans (no fact at that date) are each a plan, and
    // the name may stand for any of them.
    if reference.claims.len() > 1 && reference.claims.iter().all(|&c| model.claims[c].is_plan()) {
        return reference.claims.iter().map(|&c| interval(c).into_owned()).reduce(|a, b| a.hull(&b));
    }
    reference.claims.iter().try_fold(Interval::everything(), |acc, &c| acc.intersect(&interval(c)))
}

pub fn judge(model: &Model, compiled: &Compiled, reading: Reading) -> Verdict {
    let references = compiled.references.iter().map(|r| reference_interval(model, r, reading));
    let Some(references) = references.collect::<Option<Vec<Interval>>>() else { return Verdict::Undecided };
    let zero = |side: &Side, node: usize| Verdict::ZeroDivisor { span: side.spans[node], written: !side.refers(node) };
    let lhs = match compiled.lhs.evaluate(&references, reading) {
        Ok(lhs) => lhs,
        Err(node) => return zero(&compiled.lhs, node),
    };
    let rhs = match compiled.rhs.evaluate(&references, reading) {
        Ok(rhs) => rhs,
        Err(node) => return zero(&compiled.rhs, node),
    };
    let (Some(lhs), Some(rhs)) = (lhs.last().cloned(), rhs.last().cloned()) else { return Verdict::Undecided };
    let cmp = match (reading, compiled.cmp) {
        (Reading::AsWritten, Cmp::Approx) => Cmp::Eq,
        (_, cmp) => cmp,
    };
    let compared = match cmp {
        Cmp::Approx => compiled.widened_rhs(&rhs),
        _ => rhs.clone(),
    };
    if possible(cmp, &lhs, &compared) {
        Verdict::Possible
    } else {
        Verdict::Impossible(Box::new([lhs, rhs, compared]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::value::number::{int, ratio};

    /// The first assert of `text`, compiled, with its model.
    fn compiled(text: &str, check: impl FnOnce(&Model, &Compiled)) {
        let file = FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let compiled = Resolver::new(&model).compile(&model.asserts[0], text).expect("compiles");
        check(&model, &compiled);
    }

    #[test]
    fn an_amount_covers_what_the_same_text_covers_as_a_claim() {
        // Each amount, written as a claim's value and in an assert, must cover the same interval
        // (an assert's `%` is a ratio: the claim's interval divided by 100).
        let cases = [
            ("USD", "$2bn"),
            ("USD", "$1.5bn"),
            ("USD", "4.3bn USD"),
            ("USD", "$0bn"),
            ("USD", "$-2bn"),
            ("%", "18%"),
            ("%", "5.80%"),
            ("km", "1,780 km"),
            ("students", "12_000 students"),
            ("EUR", "€17k"),
        ];
        for (unit, amount) in cases {
            let text = format!("measure m \"M\" unit {unit}\nc: 2000 m = {amount}\nassert c = {amount}\n");
            compiled(&text, |model, compiled| {
                assert_eq!(compiled.amounts.len(), 1, "{amount}");
                let claimed = &model.claims[0].value.interval;
                let claimed = if unit == "%" { claimed.scale(&ratio(1, 100)) } else { claimed.clone() };
                assert_eq!(compiled.amounts[0].rounded, claimed, "{amount}");
                assert!(!compiled.amounts[0].rounded.is_point(), "{amount} is rounded");
            });
        }
        // Scale words alone make an amount too: `17k` is 16,500–17,500.
        compiled("measure m \"M\"\nc: 2000 m = 17k\nassert c = 17k\n", |model, compiled| {
            assert_eq!(compiled.amounts[0].rounded, model.claims[0].value.interval);
            assert_eq!(compiled.amounts[0].rounded, Interval::closed(int(16_500), int(17_500)).unwrap());
            assert_eq!(compiled.amounts[0].covers(), "16.5–17.5k");
        });
    }

    #[test]
    fn bare_numbers_and_fractions_are_exact() {
        let text = "measure m \"M\" unit USD\nc: 2000 m = $1bn\nassert c = 2 * c / 1.5 + c * 1/3 - c / 4\n";
        compiled(text, |_, compiled| {
            assert!(compiled.amounts.is_empty(), "{:?}", compiled.amounts);
            let nodes = &compiled.rhs.nodes;
            assert!(nodes.iter().all(|n| !matches!(n, Node::Amount { .. })), "{nodes:?}");
            let constants: Vec<&Q> = nodes
                .iter()
                .filter_map(|n| match n {
                    Node::Const(q) => Some(q),
                    _ => None,
                })
                .collect();
            assert_eq!(constants, vec![&int(2), &ratio(3, 2), &ratio(1, 3), &int(4)]);
        });
    }

    #[test]
    fn reading_as_written_takes_an_amount_at_its_point() {
        // t is 1.45–1.55bn, `$2bn` 1.5–2.5bn: they meet, but not as written (1.5 against 2).
        let text = "measure m \"M\" unit USD\nt: 2000 m = $1.5bn\nassert t = $2bn\n";
        compiled(text, |model, compiled| {
            assert!(matches!(judge(model, compiled, Reading::Rounded), Verdict::Possible));
            let Verdict::Impossible(sides) = judge(model, compiled, Reading::AsWritten) else { panic!() };
            assert_eq!(sides[1], Interval::point(int(2) * Q::from_integer(pow10(9))));
        });
        // A written `$0bn` divisor is −0.5–0.5bn: the quotient is unbounded, not undefined.
        let text = "measure m \"M\" unit USD\nt: 2000 m = $1.5bn\nassert t / $0bn > 1000\n";
        compiled(text, |model, compiled| {
            assert!(matches!(judge(model, compiled, Reading::Rounded), Verdict::Possible));
        });
        // A bare `0` is exactly 0.
        let text = "measure m \"M\" unit USD\nt: 2000 m = $1.5bn\nassert t / 0 > $1bn\n";
        compiled(text, |model, compiled| {
            let verdict = judge(model, compiled, Reading::Rounded);
            assert!(matches!(verdict, Verdict::ZeroDivisor { written: true, .. }), "{verdict:?}");
        });
    }
}
