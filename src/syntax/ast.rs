//! The syntax tree of a `.claims` file. Every node keeps its byte span.

pub use super::record::ClaimRecord;
use crate::source::Span;
use crate::value::number::{Decimal, Q};
use compact_str::CompactString;
use smallvec::SmallVec;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: CompactString,
    pub span: Span,
}

/// A quoted string's decoded text with the span of the whole literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrLit {
    pub text: CompactString,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// One calendar form of the date table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    Day(i64, u32, u32),
    Month(i64, u32),
    Year(i64),
    YearPart(Part, i64),
    /// The decade's first year (`1990s` → 1990).
    Decade(i64),
    DecadePart(Part, i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatePoint {
    pub form: DateForm,
    /// Written with `~`: one unit wider on each side.
    pub approx: bool,
    pub span: Span,
}

/// A date (`1997-06`) or a period (`2003..2008`: starts within the first, ends within the second).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateExpr {
    pub start: DatePoint,
    pub end: Option<DatePoint>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Approx,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Approx => "~",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Thousand,
    Million,
    Billion,
    Trillion,
}

impl Scale {
    pub fn exponent(self) -> u32 {
        match self {
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberLit {
    Decimal(Decimal),
    /// `1/3`: an exact ratio.
    Fraction(Q),
}

/// A number with its scale and unit as written: `$4.3bn`, `1,780 km`, `5.8%`, `1/3`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub number: NumberLit,
    pub scale: Option<Scale>,
    /// The unit's canonical name: `%`, an ISO currency code (`$` is `USD`) or the word written.
    pub unit: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Amount {
    /// `?`: derived from the rest of its block.
    Unknown(Span),
    Single(Quantity),
    /// `30..35%`
    Range(Quantity, Quantity),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueExpr {
    pub cmp: Cmp,
    pub cmp_span: Span,
    pub amount: Amount,
    /// `exact`: the written number is a point, not a rounding interval.
    pub exact: bool,
    pub span: Span,
}

/// A claim's flags as written. Most claims have at most one, held inline.
pub type Flags = SmallVec<[(Flag, Span); 1]>;

/// The `>` quotes under a statement: most have one, held inline.
pub type Quotes = SmallVec<[Quote; 1]>;

/// The page ranges of a locator: most name one, held inline.
pub type PageRanges = SmallVec<[PageRange; 1]>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Max,
    Min,
    Largest,
    Smallest,
    Up,
    Down,
    Doubled,
    Halved,
    Tripled,
    Target,
    Forecast,
    Estimate,
}

impl Flag {
    pub const ALL: [(&'static str, Flag); 12] = [
        ("max", Flag::Max),
        ("min", Flag::Min),
        ("largest", Flag::Largest),
        ("smallest", Flag::Smallest),
        ("up", Flag::Up),
        ("down", Flag::Down),
        ("doubled", Flag::Doubled),
        ("halved", Flag::Halved),
        ("tripled", Flag::Tripled),
        ("target", Flag::Target),
        ("forecast", Flag::Forecast),
        ("estimate", Flag::Estimate),
    ];

    /// The flag `word` names: the words of [`Flag::ALL`], matched by length first rather than
    /// compared one by one (every word after a value is tried as a flag).
    pub fn from_word(word: &str) -> Option<Flag> {
        Some(match word {
            "max" => Flag::Max,
            "min" => Flag::Min,
            "largest" => Flag::Largest,
            "smallest" => Flag::Smallest,
            "up" => Flag::Up,
            "down" => Flag::Down,
            "doubled" => Flag::Doubled,
            "halved" => Flag::Halved,
            "tripled" => Flag::Tripled,
            "target" => Flag::Target,
            "forecast" => Flag::Forecast,
            "estimate" => Flag::Estimate,
            _ => return None,
        })
    }

    pub fn word(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).map_or("", |(w, _)| w)
    }

    /// A plan rather than a fact.
    pub fn is_plan(self) -> bool {
        matches!(self, Flag::Target | Flag::Forecast | Flag::Estimate)
    }
}

/// A claim's item: a bare word (`China`) or a quoted name (`"AktobeMunaiGas"`).
pub type ItemName = StrLit;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Day,
    Week,
    Month,
    Year,
}

/// `1y`, `6mo`, `~2w`: `amount` units, ± half a unit, widened by the tolerance when approximate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duration {
    pub amount: Decimal,
    pub unit: DurationUnit,
    pub approx: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    After,
    Before,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relative {
    pub relation: Relation,
    pub anchor: Ident,
    pub offset: Option<Duration>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRange {
    pub first: u64,
    pub last: u64,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cite {
    pub key: Ident,
    /// The locator text as written (`pp. 33-35`), if any.
    pub locator: Option<StrLit>,
    /// Page ranges found in the locator, with abbreviations expanded (`121-22` → 121–122).
    pub pages: PageRanges,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Most citations cite one work, held inline.
    pub cites: SmallVec<[Cite; 1]>,
    pub span: Span,
}

/// A `>` quote: its words run from `span`'s start to its end, over one or more `>` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    /// A quote continued over further `>` lines: the lines' words joined by single spaces. A
    /// one-line quote (nearly every quote) keeps no copy: its text is its span's.
    // Boxed: one word instead of three in every claim, and in place so long quotes join in linear time.
    #[allow(clippy::box_collection)]
    pub joined: Option<Box<String>>,
}

impl Quote {
    /// The quoted words; `file_text` is the text of the file the quote is written in.
    pub fn text<'a>(&'a self, file_text: &'a str) -> &'a str {
        match &self.joined {
            Some(joined) => joined,
            None => file_text.get(self.span.range()).unwrap_or(""),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A claim id.
    Id(Ident),
    /// `MEASURE@DATE`: the item-less claim of that measure at that written date.
    MeasureAt(Ident, DateExpr, Span),
    Quantity(Quantity),
    /// A number followed by `exact` (`$2bn exact`): its written point, not the interval its
    /// digits allow. The span covers the word.
    Exact(Quantity, Span),
    Neg(Box<Expr>, Span),
    Binary(Box<Expr>, BinOp, Box<Expr>, Span),
    Paren(Box<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Id(id) => id.span,
            Expr::Quantity(q) => q.span,
            Expr::MeasureAt(_, _, s)
            | Expr::Exact(_, s)
            | Expr::Neg(_, s)
            | Expr::Binary(_, _, _, s)
            | Expr::Paren(_, s) => *s,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimLine {
    pub date: DateExpr,
    pub measure: Ident,
    pub item: Option<ItemName>,
    pub value: ValueExpr,
    pub flags: Flags,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    pub date: Option<DateExpr>,
    pub description: StrLit,
    pub relative: Option<Relative>,
    pub lasting: Option<Duration>,
    pub first: Option<Span>,
    /// `target`, `forecast` or `estimate`: an event planned or foreseen, not one that happened.
    pub plan: Option<(Flag, Span)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Shares {
        complete: Option<Span>,
    },
    /// The total line's own flags (`target`: a planned total) are its total claim's.
    Total {
        item: Option<ItemName>,
        value: Box<ValueExpr>,
        flags: Flags,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub label: Option<Ident>,
    pub item: ItemName,
    pub value: ValueExpr,
    pub flags: Flags,
    pub tags: Vec<Ident>,
    pub citation: Option<Citation>,
    pub quotes: Quotes,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub date: DateExpr,
    pub measure: Ident,
    pub kind: BlockKind,
    pub members: Vec<Member>,
    /// A member line of the block did not parse: its value is unknown, so the block's sum
    /// cannot be judged from the members that did.
    pub unparsed_member: bool,
}

/// The large variants are boxed: a file's entries are one vector, sized by the largest
/// variant, and most of them are claims whose lines are freed one by one once modelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Directive {
    AsOf(DateExpr),
    Tolerance(Quantity),
    Manuscript(StrLit),
    Bibliography(StrLit),
    Source { key: Ident, text: Option<StrLit>, year: Option<Box<DateExpr>> },
    Measure { name: Ident, description: Option<StrLit>, unit: Option<Ident> },
    Claim(Box<ClaimLine>),
    Event(Box<EventLine>),
    Block(Box<Block>),
    Assert { lhs: Box<Expr>, cmp: Cmp, cmp_span: Span, rhs: Box<Expr> },
    Order(Vec<Ident>),
}

/// One directive with everything attached to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub label: Option<Ident>,
    pub directive: Directive,
    pub tags: Vec<Ident>,
    pub citation: Option<Citation>,
    pub quotes: Quotes,
    /// The directive's own text on its first line, without a trailing comment.
    pub span: Span,
    /// A date written on the line is impossible (an `invalid-date` finding): the statement
    /// has no place in time, so no check weighs it, but its names are still looked up.
    pub impossible_date: bool,
}

/// A line as a run's parser hands it to the model: the common claim line as its compact
/// record, any other as its entry (boxed: such lines are few, and the items of a batch are
/// as large as the largest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Claim(ClaimRecord),
    Entry(Box<Entry>),
}

/// One code of an `allow(CODE, …)` group in a line's comment (a comment may hold several groups).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allow {
    pub code: String,
    /// 0-based line the suppression applies to.
    pub line: usize,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    pub entries: Vec<Entry>,
    pub allows: Vec<Allow>,
}
