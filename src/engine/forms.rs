//! Asserts made linear, for exact reasoning (see [`super::linear`]). Each side is read as a
//! linear form over the assert's references (sums and differences of quantities, amounts and
//! numbers, multiplied or divided by numbers), or as a ratio of two such forms (`cn / ru`,
//! `(a - b) / a * 100`, `t2 / t1 - 1`). A ratio compared with a constant (numbers and amounts
//! only) becomes linear once multiplied out by its divisor, when the claims fix the divisor's
//! sign: `A / B > c` is `A > c·B` where `B` is positive, `A < c·B` where it is negative. An
//! amount's rounding stays an interval: `A / B > 60%` holds when `A > c·B` for some `c` in
//! 59.5–60.5 %, the lowest. A divisor whose sign the claims leave open is not multiplied out:
//! interval reasoning alone judges that assert.

use super::expr::{possible, Compiled, Node, Side};
use super::linear::Row;
use crate::syntax::ast::{BinOp, Cmp};
use crate::value::number::{MAX_BITS, Q};
use crate::value::Interval;
use num_traits::{One, Signed, Zero};

/// `Σ coefficient × reference + constant`; the constant is every value the amounts and numbers
/// allow together (each amount anywhere within its rounding).
#[derive(Clone, Debug)]
pub(super) struct Form {
    pub terms: Vec<(usize, Q)>,
    pub constant: Interval,
}

impl Form {
    fn constant(constant: Interval) -> Form {
        Form { terms: Vec::new(), constant }
    }

    fn plus(mut self, other: Form) -> Form {
        self.terms.extend(other.terms);
        Form { terms: self.terms, constant: self.constant.add(&other.constant) }
    }

    fn times(self, k: &Q) -> Form {
        let terms = self.terms.into_iter().map(|(r, c)| (r, c * k.clone())).collect();
        Form { terms, constant: self.constant.scale(k) }
    }

    /// The number it is, when it names no quantity and is exact.
    fn number(&self) -> Option<&Q> {
        match (&self.terms[..], &self.constant.lo, &self.constant.hi) {
            ([], Some(lo), Some(hi)) if lo == hi => Some(lo),
            _ => None,
        }
    }

    /// Past the size exact values keep (see `MAX_BITS`), a form decides nothing.
    fn too_big(&self) -> bool {
        self.terms.iter().any(|(_, c)| c.bits() > MAX_BITS)
    }

    /// The values it takes with reference `r` anywhere in `bounds[r]`.
    fn over(&self, bounds: &[Interval]) -> Interval {
        self.terms.iter().fold(self.constant.clone(), |sum, (r, c)| {
            sum.add(&bounds.get(*r).map_or_else(Interval::everything, |b| b.scale(c)))
        })
    }
}

/// A side: a linear form, or one divided by another that names a quantity or is an amount.
#[derive(Clone, Debug)]
enum Part {
    Linear(Form),
    Ratio(Form, Form),
}

fn part(side: &Side) -> Option<Part> {
    part_at(side, side.nodes.len().checked_sub(1)?)
}

/// The linear form of one node of a side (`a + b` in `(a + b) * 2`), if it is linear.
pub(super) fn node_form(side: &Side, node: usize) -> Option<Form> {
    match part_at(side, node)? {
        Part::Linear(form) => Some(form),
        Part::Ratio(..) => None,
    }
}

/// What node `last` is: the nodes come children first, so those up to it are all it needs.
fn part_at(side: &Side, last: usize) -> Option<Part> {
    let mut parts: Vec<Part> = Vec::with_capacity(last + 1);
    for node in side.nodes.get(..=last)? {
        let next = match node {
            Node::Ref { reference, factor } => {
                Part::Linear(Form { terms: vec![(*reference, factor.clone())], constant: Interval::point(Q::zero()) })
            }
            Node::Const(q) => Part::Linear(Form::constant(Interval::point(q.clone()))),
            Node::Amount { rounded, .. } => Part::Linear(Form::constant(rounded.clone())),
            Node::Neg(a) => match parts[*a].clone() {
                Part::Linear(x) => Part::Linear(x.times(&-Q::one())),
                Part::Ratio(n, d) => Part::Ratio(n.times(&-Q::one()), d),
            },
            Node::Bin(op, a, b) => combine(*op, parts[*a].clone(), parts[*b].clone())?,
        };
        let too_big = match &next {
            Part::Linear(x) => x.too_big(),
            Part::Ratio(n, d) => n.too_big() || d.too_big(),
        };
        if too_big {
            return None;
        }
        parts.push(next);
    }
    parts.pop()
}

fn combine(op: BinOp, x: Part, y: Part) -> Option<Part> {
    use Part::{Linear, Ratio};
    let number = |p: &Part| match p {
        Linear(f) => f.number().cloned(),
        Ratio(..) => None,
    };
    let (kx, ky) = (number(&x), number(&y));
    Some(match (op, x, y) {
        (_, Linear(x), Linear(y)) => {
            let constants = x.terms.is_empty() && y.terms.is_empty();
            match op {
                BinOp::Add => Linear(x.plus(y)),
                BinOp::Sub => Linear(x.plus(y.times(&-Q::one()))),
                BinOp::Mul => match (kx, ky) {
                    (_, Some(k)) => Linear(x.times(&k)),
                    (Some(k), _) => Linear(y.times(&k)),
                    _ if constants => Linear(Form::constant(x.constant.mul(&y.constant))),
                    _ => return None,
                },
                BinOp::Div => match ky {
                    Some(k) if !k.is_zero() => Linear(x.times(&k.recip())),
                    _ if constants => Linear(Form::constant(x.constant.div(&y.constant)?)),
                    _ => Ratio(x, y),
                },
            }
        }
        // A ratio times, over, plus or minus a number is a ratio with the same divisor.
        (BinOp::Mul, Ratio(n, d), _) => Ratio(n.times(&ky?), d),
        (BinOp::Mul, _, Ratio(n, d)) => Ratio(n.times(&kx?), d),
        (BinOp::Div, Ratio(n, d), _) => Ratio(n.times(&ky.filter(|k| !k.is_zero())?.recip()), d),
        (BinOp::Add, Ratio(n, d), _) => Ratio(n.plus(d.clone().times(&ky?)), d),
        (BinOp::Add, _, Ratio(n, d)) => Ratio(n.plus(d.clone().times(&kx?)), d),
        (BinOp::Sub, Ratio(n, d), _) => Ratio(n.plus(d.clone().times(&-ky?)), d),
        (BinOp::Sub, _, Ratio(n, d)) => Ratio(n.times(&-Q::one()).plus(d.clone().times(&kx?)), d),
        _ => return None,
    })
}

/// The left side minus the right, when both are linear.
pub(super) fn difference(compiled: &Compiled) -> Option<Form> {
    match (part(&compiled.lhs)?, part(&compiled.rhs)?) {
        (Part::Linear(l), Part::Linear(r)) => Some(l.plus(r.times(&-Q::one()))),
        _ => None,
    }
}

/// A ratio an assert compares with a constant, `numerator / divisor cmp versus`, the ratio
/// on the left (`on_right` when it is written on the right, and `cmp` turned round to match).
#[derive(Clone, Debug)]
pub(super) struct Ratio {
    pub numerator: Form,
    pub divisor: Form,
    pub versus: Interval,
    pub cmp: Cmp,
    pub on_right: bool,
}

impl Ratio {
    /// The assert as a ratio compared with a constant; a linear assert is its difference over 1
    /// compared with 0.
    pub(super) fn of(compiled: &Compiled) -> Option<Ratio> {
        let turned = match compiled.cmp {
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            cmp => cmp,
        };
        let ratio = |numerator, divisor, versus: Form, cmp, on_right| {
            let versus = versus.terms.is_empty().then_some(versus.constant)?;
            Some(Ratio { numerator, divisor, versus, cmp, on_right })
        };
        match (part(&compiled.lhs)?, part(&compiled.rhs)?) {
            (Part::Linear(l), Part::Linear(r)) => {
                let one = Form::constant(Interval::point(Q::one()));
                let zero = Form::constant(Interval::point(Q::zero()));
                ratio(l.plus(r.times(&-Q::one())), one, zero, compiled.cmp, false)
            }
            (Part::Ratio(n, d), Part::Linear(k)) => ratio(n, d, k, compiled.cmp, false),
            (Part::Linear(k), Part::Ratio(n, d)) => ratio(n, d, k, turned, true),
            (Part::Ratio(..), Part::Ratio(..)) => None,
        }
    }

    /// Whether it divides by anything (a linear assert is its difference over 1).
    pub(super) fn divides(&self) -> bool {
        self.divisor.number().is_none()
    }

    /// Whether the divisor is positive (`Some(true)`) or negative for references within `bounds`.
    pub(super) fn sign(&self, bounds: &[Interval]) -> Option<bool> {
        let value = self.divisor.over(bounds);
        let zero = Q::zero();
        match (&value.lo, &value.hi) {
            (Some(lo), _) if lo > &zero => Some(true),
            (_, Some(hi)) if hi < &zero => Some(false),
            _ => None,
        }
    }

    /// The bounds the ratio must keep for the assert to hold, each with whether it is strict:
    /// above the constant's lowest value for `>`, within the tolerance of it for `~`.
    fn limits(&self, compiled: &Compiled) -> Option<[Option<(Q, bool)>; 2]> {
        let (lo, hi) = (self.versus.lo.clone(), self.versus.hi.clone());
        Some(match self.cmp {
            Cmp::Gt => [lo.map(|q| (q, true)), None],
            Cmp::Ge => [lo.map(|q| (q, false)), None],
            Cmp::Lt => [None, hi.map(|q| (q, true))],
            Cmp::Le => [None, hi.map(|q| (q, false))],
            Cmp::Eq => [lo.map(|q| (q, false)), hi.map(|q| (q, false))],
            Cmp::Approx => {
                // The left side minus the right lies within the tolerance times the right side
                // as written (see `expr::widened`), on each side.
                let written = compiled.written_rhs.as_ref()?;
                let tolerance = if compiled.tolerance.is_negative() { Q::zero() } else { compiled.tolerance.clone() };
                let by = |w: &Option<Q>| w.as_ref().map(|w| w.abs() * tolerance.clone());
                let (below, above) = match self.on_right {
                    false => (by(&written.lo), by(&written.hi)),
                    true => (by(&written.hi), by(&written.lo)),
                };
                [lo.zip(below).map(|(q, by)| (q - by, false)), hi.zip(above).map(|(q, by)| (q + by, false))]
            }
        })
    }

    /// The ratio's values with reference `r` anywhere in `bounds[r]` and each quantity one
    /// value (`unknown_of[r]` is reference `r`'s quantity): the extremes of a ratio of linear
    /// forms whose divisor keeps one sign lie at corners of the box, which are tried. `None`
    /// when a bound is open or the corners are too many.
    pub(super) fn range(&self, unknown_of: &[usize], bounds: &[Interval]) -> Option<Interval> {
        // Per variable (each quantity, then each constant that is not a point): its interval,
        // and its coefficients in the numerator and the divisor.
        let mut vars: Vec<(Option<usize>, Interval, Q, Q)> = Vec::new();
        let mut add = |key: Option<usize>, interval: &Interval, a: Q, b: Q| {
            match vars.iter_mut().find(|v| key.is_some() && v.0 == key) {
                Some(v) => {
                    v.1 = v.1.intersect(interval)?;
                    v.2 += a;
                    v.3 += b;
                }
                None => vars.push((key, interval.clone(), a, b)),
            }
            Some(())
        };
        for (r, c) in &self.numerator.terms {
            add(Some(unknown_of[*r]), bounds.get(*r)?, c.clone(), Q::zero())?;
        }
        for (r, c) in &self.divisor.terms {
            add(Some(unknown_of[*r]), bounds.get(*r)?, Q::zero(), c.clone())?;
        }
        add(None, &self.numerator.constant, Q::one(), Q::zero())?;
        add(None, &self.divisor.constant, Q::zero(), Q::one())?;
        if vars.len() > 12 {
            return None;
        }
        let mut range: Option<(Q, Q)> = None;
        for corner in 0..1u32 << vars.len() {
            let (mut n, mut d) = (Q::zero(), Q::zero());
            for (i, (_, interval, a, b)) in vars.iter().enumerate() {
                let x = if corner >> i & 1 == 1 { interval.hi.as_ref()? } else { interval.lo.as_ref()? };
                n += a.clone() * x.clone();
                d += b.clone() * x.clone();
            }
            if d.is_zero() {
                return None;
            }
            let value = n / d;
            range = Some(match range {
                None => (value.clone(), value),
                Some((lo, hi)) => (lo.min(value.clone()), hi.max(value)),
            });
        }
        let (lo, hi) = range?;
        Interval::closed(lo, hi)
    }

    /// Both sides' values as the assert is written, the ratio's being `range`, and the right
    /// side as compared (widened by the tolerance for `~`), when they cannot satisfy the
    /// comparison: what `Compiled::never` says.
    pub(super) fn never(&self, compiled: &Compiled, range: Interval) -> Option<[Interval; 3]> {
        let (lhs, rhs) = if self.on_right { (self.versus.clone(), range) } else { (range, self.versus.clone()) };
        let compared = if compiled.cmp == Cmp::Approx { compiled.widened_rhs(&rhs) } else { rhs.clone() };
        (!possible(compiled.cmp, &lhs, &compared)).then_some([lhs, rhs, compared])
    }
}

/// An assert as rows over its references (reference `i` is unknown `i`).
#[derive(Clone, Debug)]
pub struct Linearised {
    pub rows: Vec<Row>,
    /// The references a ratio's divisor names: the rows stand for the assert only where the
    /// divisor has the sign that these references' values give it.
    pub divisor: Vec<usize>,
}

/// The assert as rows over its references, `bounds[r]` being what reference `r` may be (its
/// claims' intervals), which fixes the sign of a ratio's divisor. `None` when it is not
/// linear, nor a ratio compared with a constant whose divisor keeps one sign within `bounds`,
/// or it compares with `~` a right side that has no written value.
pub fn linearise(compiled: &Compiled, bounds: &[Interval]) -> Option<Linearised> {
    let ratio = Ratio::of(compiled)?;
    let positive = ratio.sign(bounds)?;
    let [lower, upper] = ratio.limits(compiled)?;
    let mut rows = Vec::with_capacity(2);
    for (limit, above) in [(lower, true), (upper, false)] {
        let Some((limit, strict)) = limit else { continue };
        // `n / d > limit` is `n - limit·d > 0` where `d` is positive, `< 0` where negative.
        let f = ratio.numerator.clone().plus(ratio.divisor.clone().times(&-limit));
        if f.too_big() {
            return None;
        }
        let terms = f.terms.iter().cloned();
        // Some value of the constant makes `terms + constant` compare with 0 as needed.
        let row = match above == positive {
            true => f.constant.hi.map(|hi| Row::new(terms.map(|(r, c)| (r, -c)), hi, strict)),
            false => f.constant.lo.map(|lo| Row::new(terms, -lo, strict)),
        };
        rows.extend(row);
    }
    let divisor = ratio.divisor.terms.iter().map(|(r, _)| *r).collect();
    Some(Linearised { rows, divisor })
}
