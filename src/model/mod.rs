//! The model: every file's entries resolved into claims, events, blocks and asserts,
//! with names looked up, values and dates turned into exact intervals, and block
//! members expanded into claims. Building it reports nothing: unresolved names and
//! duplicates are recorded here, and checks report them.

pub mod build;
mod ids;
mod lower;
pub mod shared_text;
mod unparsed;

pub use build::build;
pub use ids::{Ids, Named};
pub use lower::{date_days, date_range, duration_days, point_range};
pub use shared_text::SharedText;

use crate::source::{FileId, Span};
use crate::syntax::ast::{Cmp, Expr, Flag, Flags, PageRange, Quotes, Relation, Scale};
use crate::value::{Bounds, DateRange, Day, Interval, Q};
use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::sync::Arc;

pub type ClaimId = usize;
pub type EventId = usize;
pub type BlockId = usize;
pub type AssertId = usize;
pub type MeasureId = usize;
pub type SourceId = usize;

/// An index into one of the model's tables, if any, in 32 bits with no tag beside them (a
/// claim holds two): four billion measures or blocks would take terabytes of claims first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MaybeIndex(u32);

impl MaybeIndex {
    pub(crate) const NONE: MaybeIndex = MaybeIndex(u32::MAX);

    pub(crate) fn new(index: Option<usize>) -> Self {
        index.and_then(|i| u32::try_from(i).ok()).map_or(Self::NONE, MaybeIndex)
    }

    fn get(self) -> Option<usize> {
        (self != Self::NONE).then_some(self.0 as usize)
    }
}

/// What a claim's measure is, in 32 bits: a declared measure, or, where the claim's name for
/// it names none (an `unknown-reference`), that name's place in
/// [`Model::unknown_measure_names`], with the top bit set. The name of a declared measure is
/// its declaration's (they are the same text), so a claim holds no name of its own: 8 bytes
/// in every claim, 8 MB at a million claims. Neither index reaches 2^31: two billion claims
/// would take 460 GB first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MeasureRef(u32);

impl MeasureRef {
    const UNKNOWN: u32 = 1 << 31;
    /// An undeclared measure not yet named: the builder names it before it adds the claim.
    const UNNAMED: MeasureRef = MeasureRef(u32::MAX);

    pub(crate) fn declared(measure: MeasureId) -> Self {
        debug_assert!(measure < Self::UNKNOWN as usize);
        MeasureRef(measure as u32)
    }

    /// A declared measure, or else one the builder is still to name.
    pub(crate) fn of(measure: Option<MeasureId>) -> Self {
        measure.map_or(Self::UNNAMED, Self::declared)
    }

    pub(crate) fn unknown(name: usize) -> Self {
        debug_assert!(name < (Self::UNKNOWN - 1) as usize);
        MeasureRef(name as u32 | Self::UNKNOWN)
    }

    fn declared_measure(self) -> Option<MeasureId> {
        (self.0 & Self::UNKNOWN == 0).then_some(self.0 as usize)
    }

    fn unknown_name(self) -> Option<usize> {
        (self.0 & Self::UNKNOWN != 0 && self != Self::UNNAMED).then_some((self.0 & !Self::UNKNOWN) as usize)
    }
}

/// A place in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

/// Settings of one claims file.
#[derive(Clone, Debug)]
pub struct FileInfo {
    pub file: FileId,
    /// The file's text, shared with the source map rather than copied: the model reads its
    /// claims' ids and written values from it.
    pub text: Arc<String>,
    pub as_of: Option<(DateRange, Span)>,
    /// Relative widening of `~` values: 10 % unless the file says otherwise.
    pub tolerance: Q,
    pub manuscript: Option<(String, Span)>,
    pub bibliographies: Vec<(String, Span)>,
    /// The loaded manuscript its quotes are checked against (`--manuscript` or its `manuscript`
    /// line); set by the pipeline after it reads the file.
    pub manuscript_file: Option<FileId>,
}

#[derive(Clone, Debug)]
pub struct Source {
    pub key: CompactString,
    pub text: Option<CompactString>,
    /// When it was published, if known.
    pub published: Option<DateRange>,
    pub loc: Loc,
    /// Declared by a `bibliography` rather than a `source` line.
    pub from_bibliography: bool,
}

#[derive(Clone, Debug)]
pub struct Measure {
    pub name: CompactString,
    pub description: Option<CompactString>,
    pub unit: Option<CompactString>,
    pub unit_span: Option<Span>,
    pub loc: Loc,
    /// For a measure declared without a unit, its first claim with a written value (in file
    /// order): values in different units cannot be compared, so its unit, or its lack of one,
    /// is the measure's.
    pub set_by: Option<ClaimId>,
}

/// A written date: `start` is the interval the (period's first) date covers; `end`,
/// for a period `2003..2008`, the interval its end falls in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateValue {
    pub start: DateRange,
    /// See [`DateValue::end`]; [`DateValue::NO_END`] when none (8 bytes rather than 12 in
    /// every claim).
    end: DateRange,
    pub text: SharedText,
    pub span: Span,
}

/// What makes two written dates one date: the days each point covers, and whether each was
/// written with `~`. `~1995` and `mid 1990s` both cover 1994–1996, but they are two dates.
pub type WrittenDate = (DateRange, Option<DateRange>, [bool; 2]);

impl DateValue {
    /// No range of days ends before it starts: the end of a date that is no period.
    const NO_END: DateRange = DateRange { first: Day::MAX, last: Day::MIN };

    pub fn new(start: DateRange, end: Option<DateRange>, text: SharedText, span: Span) -> Self {
        DateValue { start, end: end.unwrap_or(Self::NO_END), text, span }
    }

    /// Where a period (`2003..2008`) ends; `None` for a date that is no period.
    pub fn end(&self) -> Option<DateRange> {
        (self.end != Self::NO_END).then_some(self.end)
    }

    pub fn written(&self) -> WrittenDate {
        // Grouping reads this for every claim, several times: nearly every date has no `~`,
        // which one byte search tells.
        let text = self.text.as_bytes();
        let approx = match text.iter().position(|&b| b == b'~') {
            None => [false, false],
            Some(at) => match text.windows(2).position(|pair| pair == b"..") {
                Some(dots) => [at < dots, text[dots..].contains(&b'~')],
                None => [true, false],
            },
        };
        (self.start, self.end(), approx)
    }

    /// Every day the date or period may touch.
    pub fn range(&self) -> DateRange {
        match self.end() {
            Some(end) => self.start.hull(&end),
            None => self.start,
        }
    }
}

/// A value as an exact interval, with how it was written (for messages).
#[derive(Clone, Debug)]
pub struct Value {
    pub cmp: Cmp,
    /// In the measure's unit, scale applied (`$4.3bn` is 4 250 000 000–4 350 000 000).
    pub interval: Interval,
    /// The interval as written, before rounding and `~` widen it: the point of `$4.3bn`,
    /// 30–35 for `30..35%`, the ray of `> 1,780 km`. Checks compare it with `interval` to
    /// tell when they pass only thanks to rounding.
    pub nominal: Nominal,
    /// `?`: derived from its block.
    pub unknown: bool,
    /// Where the value as written starts, at its first word after its comparator: it runs to
    /// the end of `span` (see [`Value::written`]).
    written_from: u32,
    /// The scale word as written (`bn`), if any: values are shown in it.
    pub scale: Option<Scale>,
    /// The unit as written (canonical: `$` is `USD`), if any.
    pub unit: Option<SharedText>,
    /// See [`Value::unit_span`]; empty when there is no unit (8 bytes rather than 12 in every
    /// claim: a unit is never empty).
    unit_span: Span,
    /// True when the interval is wider than the written point (rounding or `~`).
    pub widened: bool,
    pub span: Span,
}

/// A value's interval as written ([`Value::nominal`]): nearly always one point, held alone in
/// 16 bytes rather than as an interval of two bounds in 32 (a large file holds a million).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nominal {
    Point(Q),
    Interval(Box<Interval>),
}

impl Nominal {
    pub fn new(interval: Interval) -> Nominal {
        match interval {
            Interval { lo: Some(lo), hi: Some(hi) } if lo == hi => Nominal::Point(lo),
            other => Nominal::Interval(Box::new(other)),
        }
    }

    pub fn bounds(&self) -> Bounds<'_> {
        match self {
            Nominal::Point(q) => Bounds { lo: Some(q), hi: Some(q) },
            Nominal::Interval(interval) => interval.bounds(),
        }
    }

    pub fn interval(&self) -> Cow<'_, Interval> {
        match self {
            Nominal::Point(q) => Cow::Owned(Interval::point(q.clone())),
            Nominal::Interval(interval) => Cow::Borrowed(interval),
        }
    }

    pub fn contains(&self, q: &Q) -> bool {
        match self {
            Nominal::Point(point) => point == q,
            Nominal::Interval(interval) => interval.contains(q),
        }
    }

    pub fn is_point(&self) -> bool {
        match self {
            Nominal::Point(_) => true,
            // Made by `Nominal::new`, never a point; said here for one made otherwise.
            Nominal::Interval(interval) => interval.is_point(),
        }
    }

    pub fn scale(&self, k: &Q) -> Nominal {
        Nominal::new(self.interval().scale(k))
    }
}

impl Value {
    /// Where the unit is written, if it is.
    pub fn unit_span(&self) -> Option<Span> {
        (!self.unit_span.is_empty()).then_some(self.unit_span)
    }

    /// What the interval is divided by for display (10^9 for `bn`).
    pub fn display_scale(&self) -> Q {
        Q::pow10(self.scale.map_or(0, Scale::exponent))
    }

    /// The value as written, without its comparator and with its spaces tightened (`$4.3bn`),
    /// read from `text`, the text of the claims file it is written in.
    pub fn written<'t>(&self, text: &'t str) -> Cow<'t, str> {
        crate::source::tight(text.get(self.written_from as usize..self.span.end as usize).unwrap_or(""))
    }

    /// The value as written, with its comparator: `$4.3bn`, `~ 1/3`, `> 1,780 km` (`text` as
    /// for [`Value::written`]).
    pub fn stated(&self, text: &str) -> String {
        if self.unknown {
            return "?".into();
        }
        match self.cmp {
            Cmp::Eq => self.written(text).into_owned(),
            other => format!("{} {}", other.symbol(), self.written(text)),
        }
    }

    /// `> 5`: the value lies strictly above its lower bound, which it does not include.
    pub fn excludes_lo(&self) -> bool {
        !self.unknown && self.cmp == Cmp::Gt
    }

    /// `< 5`: the value lies strictly below its upper bound, which it does not include.
    pub fn excludes_hi(&self) -> bool {
        !self.unknown && self.cmp == Cmp::Lt
    }

    /// `$4.18bn (4.175–4.185)`, or just `$4.3bn` when the value is exact (`text` as for
    /// [`Value::written`]).
    pub fn describe(&self, text: &str) -> String {
        let stated = self.stated(text);
        if self.unknown || self.interval.is_point() {
            stated
        } else {
            let scale = self.display_scale();
            // `>` and `<` exclude their bound: `> $5bn (above 4.5)`, not "at least".
            let show = |bound: &Q| crate::value::number::show(&(bound / &scale));
            let covers = match (&self.interval.lo, &self.interval.hi) {
                (Some(lo), None) if self.excludes_lo() => format!("above {}", show(lo)),
                (None, Some(hi)) if self.excludes_hi() => format!("below {}", show(hi)),
                _ => self.interval.display_in(&scale),
            };
            format!("{stated} ({covers})")
        }
    }
}

/// One work a citation cites: the source its key names, if one does, and where the key is
/// written (the key's text, for messages, is the file's at `loc`).
#[derive(Clone, Copy, Debug)]
pub struct Cite {
    /// `u32::MAX` when no source has the key, so that a cite takes 16 bytes rather than 20.
    source: u32,
    pub loc: Loc,
}

impl Cite {
    pub fn new(source: Option<SourceId>, loc: Loc) -> Self {
        // A source id past `u32::MAX - 1` would take terabytes of `source` lines first.
        let source = source.and_then(|s| u32::try_from(s).ok()).filter(|&s| s != u32::MAX).unwrap_or(u32::MAX);
        Cite { source, loc }
    }

    /// The source the key names, if one does.
    pub fn source(&self) -> Option<SourceId> {
        (self.source != u32::MAX).then_some(self.source as SourceId)
    }
}

#[derive(Clone, Debug)]
pub struct Citation {
    /// Most citations cite one work, held inline.
    pub cites: SmallVec<[Cite; 1]>,
    pub loc: Loc,
    /// Taken from the enclosing block.
    pub inherited: bool,
}

/// A locator page range that runs backwards (`130-121`), for `bad-locator`. The model keeps
/// these beside the citations, which nearly never have one: the other page ranges are of no
/// use to a check, and are not kept.
#[derive(Clone, Debug)]
pub struct BackwardsRange {
    /// Where the key of the cite it belongs to is written.
    pub cite: Loc,
    pub range: PageRange,
}

#[derive(Clone, Debug)]
pub struct Claim {
    pub loc: Loc,
    pub date: DateValue,
    /// See [`Claim::measure`] and [`Model::measure_name`].
    measure: MeasureRef,
    pub item: Option<SharedText>,
    pub value: Value,
    pub flags: Flags,
    pub citation: Option<Citation>,
    pub quotes: Quotes,
    /// See [`Claim::block`].
    block: MaybeIndex,
    /// Whether a label opens its line (or member line): its id is then the identifier that
    /// `loc` starts with, read from the file's text ([`Model::claim_id`]) rather than held in
    /// every claim.
    labelled: bool,
}

impl Claim {
    /// The measure claimed, when its name resolved.
    pub fn measure(&self) -> Option<MeasureId> {
        self.measure.declared_measure()
    }

    /// The block this claim is a member (or the total) of.
    pub fn block(&self) -> Option<BlockId> {
        self.block.get()
    }

    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }

    /// A target, forecast or estimate: a plan rather than a fact.
    pub fn is_plan(&self) -> bool {
        self.flags.iter().any(|(f, _)| f.is_plan())
    }
}

#[derive(Clone, Debug)]
pub struct DurationValue {
    /// Bounds in days.
    pub min_days: i64,
    pub max_days: i64,
    pub text: CompactString,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct RelativeDate {
    pub relation: Relation,
    pub anchor: CompactString,
    pub anchor_span: Span,
    /// What the anchor names, found once the model is built: looked up once rather than by
    /// each check (at a million statements each look-up is a few misses in memory).
    pub anchor_target: Option<Target>,
    pub offset: Option<DurationValue>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub loc: Loc,
    pub id: Option<CompactString>,
    pub date: Option<DateValue>,
    pub description: CompactString,
    pub relative: Option<RelativeDate>,
    pub lasting: Option<DurationValue>,
    pub first: Option<Span>,
    /// `target`, `forecast` or `estimate`: planned or foreseen, so it may lie after `as-of`
    /// and cite a source older than it.
    pub plan: Option<Flag>,
    pub tags: Box<[CompactString]>,
    pub citation: Option<Citation>,
    pub quotes: Quotes,
}

#[derive(Clone, Debug)]
pub enum BlockKind {
    Shares {
        complete: bool,
    },
    /// The total is itself a claim.
    Total {
        total: ClaimId,
    },
}

#[derive(Clone, Debug)]
pub struct Block {
    pub loc: Loc,
    /// The label of a `shares` block (a `total` line's label names its total claim).
    pub id: Option<CompactString>,
    pub kind: BlockKind,
    pub date: DateValue,
    pub measure: Option<MeasureId>,
    pub measure_name: SharedText,
    pub members: Vec<ClaimId>,
    /// A member line did not parse (a `syntax` finding): `members` lacks a part of unknown
    /// value, so checks judge the block only where any value of that part would change nothing.
    pub unparsed_member: bool,
    pub citation: Option<Citation>,
    /// Quotes under a `shares` line (a `total` line's quotes belong to its total claim).
    pub quotes: Quotes,
}

#[derive(Clone, Debug)]
pub struct Assert {
    pub loc: Loc,
    pub id: Option<CompactString>,
    pub lhs: Expr,
    pub cmp: Cmp,
    pub rhs: Expr,
    pub citation: Option<Citation>,
    pub quotes: Quotes,
    /// The file's tolerance, for `~`.
    pub tolerance: Q,
}

/// The `>` quotes under a line that states nothing a check weighs (a `source`, `measure`,
/// `order` or setting line): each must still be found in the manuscript.
#[derive(Clone, Debug)]
pub struct OtherQuotes {
    /// The line they attach to.
    pub loc: Loc,
    pub quotes: Quotes,
}

#[derive(Clone, Debug)]
pub struct Order {
    pub loc: Loc,
    pub ids: Vec<(CompactString, Span)>,
    /// What each of `ids` names, found once the model is built (as a relative date's anchor).
    pub targets: Vec<Option<Target>>,
    /// Optional: an order dates nothing itself, but its source may be named.
    pub citation: Option<Citation>,
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Claim(ClaimId),
    Event(EventId),
    Assert(AssertId),
    Block(BlockId),
}

/// An entry of the id table: what the id names, packed into 4 bytes (a large file has a
/// label on nearly every line). The kind of target takes the index's top two bits; a billion
/// statements of one kind would take hundreds of gigabytes of claims first. Where the label
/// is written is read from the statement it names ([`Named::label`]), as its name is.
#[derive(Clone, Copy, Debug)]
pub struct Labelled {
    target: u32,
}

impl Labelled {
    const INDEX_BITS: u32 = 30;

    pub fn new(target: Target) -> Self {
        let (kind, index) = match target {
            Target::Claim(i) => (0, i),
            Target::Event(i) => (1, i),
            Target::Assert(i) => (2, i),
            Target::Block(i) => (3, i),
        };
        let index = u32::try_from(index).unwrap_or(u32::MAX).min((1 << Self::INDEX_BITS) - 1);
        Labelled { target: kind << Self::INDEX_BITS | index }
    }

    pub fn target(&self) -> Target {
        let index = (self.target & ((1 << Self::INDEX_BITS) - 1)) as usize;
        match self.target >> Self::INDEX_BITS {
            0 => Target::Claim(index),
            1 => Target::Event(index),
            2 => Target::Assert(index),
            _ => Target::Block(index),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    Measure,
    Source,
    Id,
}

/// A name that resolved to nothing.
#[derive(Clone, Debug)]
pub struct Unresolved {
    pub kind: NameKind,
    pub name: CompactString,
    pub loc: Loc,
}

/// A statement with an impossible date (an `invalid-date` finding). Nothing can weigh its date,
/// so it is left out of the claims, events, blocks and asserts; what it cites does not depend
/// on its date and is still checked (`uncited`, `bad-locator`), as every other line's is.
#[derive(Clone, Debug)]
pub struct Undated {
    pub loc: Loc,
    pub citation: Option<Citation>,
    pub kind: UndatedKind,
}

#[derive(Clone, Debug)]
pub enum UndatedKind {
    /// A claim, an event or an assert, named for messages (`claim`).
    Line(&'static str),
    /// A `shares` block (else a `total` block), with where each member is and its own citation.
    Block { shares: bool, members: Vec<(Loc, Option<Citation>)> },
}

/// A name defined twice; the first definition wins.
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub kind: NameKind,
    pub name: CompactString,
    pub first: Loc,
    pub second: Loc,
}

/// A value that is not in its measure's unit: no check compares it with the measure's other
/// claims, and `unit-mismatch` reports it.
#[derive(Clone, Debug)]
pub struct UnitClash {
    pub claim: ClaimId,
    pub measure: MeasureId,
    pub kind: ClashKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClashKind {
    /// Written in another unit than the measure's: the one declared, or for a measure declared
    /// without one, the unit (or none) of its first claim ([`Measure::set_by`]).
    Unit,
    /// A range that runs backwards in the measure's unit but not in the other reading of its
    /// bare fraction, which means a ratio of the whole (`1/2` is 50) only in a `%` measure:
    /// it was written for the other reading.
    Fraction,
}

#[derive(Debug, Default)]
pub struct Model {
    pub files: Vec<FileInfo>,
    pub sources: Vec<Source>,
    pub measures: Vec<Measure>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    pub blocks: Vec<Block>,
    pub asserts: Vec<Assert>,
    pub orders: Vec<Order>,
    /// The locator page ranges of every citation that run backwards.
    pub backwards_ranges: Vec<BackwardsRange>,
    /// Quotes under declarations, settings and `order` lines, in file order.
    pub other_quotes: Vec<OtherQuotes>,
    /// What each id names, and where its (first) label is written.
    pub ids: Ids,
    pub source_keys: HashMap<CompactString, SourceId>,
    pub measure_names: HashMap<CompactString, MeasureId>,
    /// The names claims give measures that are not declared, one for each run of claims that
    /// give the same one (see [`MeasureRef`]).
    pub unknown_measure_names: Vec<SharedText>,
    pub unresolved: Vec<Unresolved>,
    pub duplicates: Vec<Duplicate>,
    pub unit_clashes: Vec<UnitClash>,
    /// The labels of statements with an impossible date, which are left out of the model:
    /// they name something, so naming them is no `unknown-id`, but nothing a check can weigh.
    pub undated_ids: HashMap<CompactString, Loc>,
    /// The statements with an impossible date, in file order.
    pub undated: Vec<Undated>,
}

/// The text of one of `files` (sorted by file), "" for another file.
fn file_text(files: &[FileInfo], file: FileId) -> &str {
    files.binary_search_by_key(&file, |f| f.file).map_or("", |i| files[i].text.as_str())
}

/// A claim's id, read from the text of `files` that holds it: the identifier its line starts with.
fn claim_id<'f>(files: &'f [FileInfo], claim: &Claim) -> Option<&'f str> {
    if !claim.labelled {
        return None;
    }
    let rest = file_text(files, claim.loc.file).get(claim.loc.span.start as usize..).unwrap_or("");
    Some(&rest[..crate::syntax::tokens::ident_len(rest)])
}

impl Model {
    pub fn file_info(&self, file: FileId) -> Option<&FileInfo> {
        // Sorted by file when built: checks look a claim's file up once per claim.
        self.files.binary_search_by_key(&file, |f| f.file).ok().map(|i| &self.files[i])
    }

    /// The text of a claims file the model was built from ("" for any other file).
    pub fn text(&self, file: FileId) -> &str {
        file_text(&self.files, file)
    }

    /// How many claims, events and asserts the model holds (the summary's count).
    pub fn statement_count(&self) -> usize {
        self.claims.len() + self.events.len() + self.asserts.len()
    }

    /// What an id names.
    pub fn target(&self, id: &str) -> Option<Target> {
        self.labelled(id).map(Labelled::target)
    }

    /// What an id names, and where its label is written.
    pub fn labelled(&self, id: &str) -> Option<&Labelled> {
        self.ids.get(self.named(), id)
    }

    /// Where the (first) label `id` is written, if it names something checkable.
    pub fn label_of(&self, id: &str) -> Option<Loc> {
        self.labelled(id).map(|labelled| self.named().label(labelled))
    }

    /// Every id with what it names, in no particular order.
    pub fn id_names(&self) -> impl Iterator<Item = (&str, &Labelled)> {
        self.ids.iter(self.named())
    }

    /// The statements the id table's entries point into.
    pub fn named(&self) -> Named<'_> {
        Named {
            files: &self.files,
            claims: &self.claims,
            events: &self.events,
            asserts: &self.asserts,
            blocks: &self.blocks,
        }
    }

    /// A claim's value as written, without its comparator: `$4.3bn` (see [`Value::written`]).
    pub fn written(&self, claim: &Claim) -> Cow<'_, str> {
        claim.value.written(self.text(claim.loc.file))
    }

    /// A claim's value as written, with its comparator: `> $4.3bn` (see [`Value::stated`]).
    pub fn stated(&self, claim: &Claim) -> String {
        claim.value.stated(self.text(claim.loc.file))
    }

    /// A claim's value as written, with the interval it allows: `$4.18bn (4.175–4.185)` (see
    /// [`Value::describe`]).
    pub fn describe(&self, claim: &Claim) -> String {
        claim.value.describe(self.text(claim.loc.file))
    }

    /// A claim's id, if it is labelled.
    pub fn claim_id(&self, claim: &Claim) -> Option<&str> {
        claim_id(&self.files, claim)
    }

    pub fn measure(&self, claim: &Claim) -> Option<&Measure> {
        claim.measure().map(|m| &self.measures[m])
    }

    /// The measure's name as the claim writes it, declared or not.
    pub fn measure_name(&self, claim: &Claim) -> &str {
        match (claim.measure.declared_measure(), claim.measure.unknown_name()) {
            (Some(measure), _) => &self.measures[measure].name,
            (None, Some(name)) => &self.unknown_measure_names[name],
            (None, None) => "",
        }
    }

    /// A claim's item, or else its measure's name: what it is a value of, briefly.
    pub fn item_or_measure<'m>(&'m self, claim: &'m Claim) -> &'m str {
        claim.item.as_deref().unwrap_or_else(|| self.measure_name(claim))
    }

    /// `measure` or `measure item`, for messages.
    pub fn subject(&self, claim: &Claim) -> String {
        match &claim.item {
            Some(item) => format!("{} {item}", self.measure_name(claim)),
            None => self.measure_name(claim).to_string(),
        }
    }

    /// A measure's unit: the one declared, or else the one its first claim is written in.
    pub fn measure_unit(&self, measure: MeasureId) -> Option<&str> {
        let measure = &self.measures[measure];
        measure.unit.as_deref().or_else(|| measure.set_by.and_then(|c| self.claims[c].value.unit.as_deref()))
    }

    /// Where an id is defined.
    pub fn target_loc(&self, target: Target) -> Loc {
        match target {
            Target::Claim(c) => self.claims[c].loc,
            Target::Event(e) => self.events[e].loc,
            Target::Assert(a) => self.asserts[a].loc,
            Target::Block(b) => self.blocks[b].loc,
        }
    }

    /// The date a target is placed at, if it has one.
    pub fn target_date(&self, target: Target) -> Option<&DateValue> {
        match target {
            Target::Claim(c) => Some(&self.claims[c].date),
            Target::Event(e) => self.events[e].date.as_ref(),
            Target::Block(b) => Some(&self.blocks[b].date),
            Target::Assert(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_nominal_value_is_a_point_or_an_interval_and_reads_as_either() {
        use super::Nominal;
        use crate::value::number::{int, ratio};
        use crate::value::Interval;
        let point = Nominal::new(Interval::point(ratio(43, 10)));
        assert!(matches!(point, Nominal::Point(_)) && point.is_point());
        assert_eq!(point.bounds(), Interval::point(ratio(43, 10)).bounds());
        assert_eq!(*point.interval(), Interval::point(ratio(43, 10)));
        assert!(point.contains(&ratio(43, 10)) && !point.contains(&int(4)));
        assert_eq!(point.scale(&int(10)), Nominal::Point(int(43)));
        for wider in [Interval::closed(int(30), int(35)).unwrap(), Interval::at_least(int(1)), Interval::everything()] {
            let nominal = Nominal::new(wider.clone());
            assert!(matches!(&nominal, Nominal::Interval(i) if **i == wider) && !nominal.is_point());
            assert_eq!(nominal.bounds(), wider.bounds());
            assert_eq!(*nominal.interval(), wider);
            assert_eq!(nominal.contains(&int(31)), wider.contains(&int(31)));
            assert_eq!(nominal.scale(&int(2)), Nominal::new(wider.scale(&int(2))));
        }
    }

    #[test]
    fn a_claim_stays_small() {
        // A large file's memory is mostly its claims (a million of them take this many
        // megabytes): a field that grows one should be a choice, seen here.
        assert_eq!(std::mem::size_of::<super::Claim>(), 232);
        assert_eq!(std::mem::size_of::<super::Nominal>(), 16, "a point, or a boxed interval");
        assert_eq!(std::mem::size_of::<super::DateValue>(), 32);
        assert_eq!(std::mem::size_of::<super::Labelled>(), 4);
    }
}
