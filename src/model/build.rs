//! Building the model from parsed files.

use super::lower::{bare_fraction, date_days, date_range, duration_days, reversed, value};
use super::shared_text::{same_text, Interner};
use super::*;
use crate::syntax::ast::{self, Directive, Entry, Member, ParsedFile};
use crate::value::number::{int, ratio, Q};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// One parsed claims file with its text.
pub struct Parsed<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub tree: &'a ParsedFile,
}

/// Builds the model of parsed files; it keeps a copy of each text (see [`build_streaming`],
/// which shares them, for a run's).
pub fn build(inputs: &[Parsed]) -> Model {
    let texts: Vec<Arc<String>> = inputs.iter().map(|input| Arc::new(input.text.to_owned())).collect();
    let mut model = declared(inputs, &texts, Settings::default());
    reserve(&mut model, inputs);
    let declared = Declared::take(&mut model);
    let mut set_by = vec![None; declared.measures.len()];
    for input in inputs {
        let lowerer = Lowerer::new(&model, &declared, input.file, input.text);
        let mut builder = Builder { model: &mut model, lowerer: &lowerer, set_by: &mut set_by };
        for mut entry in input.tree.entries.iter().cloned() {
            builder.add(lowerer.lower(&mut entry));
        }
    }
    declared.give_back(&mut model, set_by);
    lay_out_ids(&mut model, false);
    resolve(&mut model, false);
    let texts: Vec<&str> = inputs.iter().map(|input| input.text).collect();
    super::unparsed::forgive(&mut model, &texts);
    model
}

/// What a run adds to the claims files.
#[derive(Default)]
pub struct Settings {
    /// Sources declared outside the claims files (bibliography entries). They are declared
    /// first, so a `source` line repeating a bibliography key is the duplicate.
    pub bibliography: Vec<Source>,
    /// The tolerance of each file that sets none itself (from `claimcheck.toml`); 10 % otherwise.
    pub default_tolerance: std::collections::HashMap<FileId, Q>,
    /// Offered the claims table's room once it is sized, and told how far it is filled; without
    /// it, the room is faulted in at once.
    pub fault_ahead: Option<Arc<crate::memory::FaultAhead>>,
    /// Handed the sources declared, numbered as the model numbers them, once they are known:
    /// the parsing thread looks up its entries' citations in them (see [`LookedUp`]).
    pub source_keys_to: Option<Arc<OnceLock<SourceKeys>>>,
    /// Whether the build's last steps, once every statement is in, may share their work with a
    /// second thread (the run's parsing thread is done by then): the id table's layout and
    /// the look-up of the names statements give.
    pub two_threads: bool,
}

/// From this many events, orders and asserts on, a build on two threads looks up their names
/// on both ([`resolve`]): 4,000 are about half a millisecond of look-ups.
const RESOLVED_APART_FROM: usize = 4096;

/// The sources' keys, each with its source's number in the model.
pub type SourceKeys = HashMap<CompactString, SourceId>;

/// The source an entry's citation cites, looked up by the thread that parsed the entry
/// ([`look_up_sources`]) when the citation cites one work and the sources were known by then.
/// At 1M claims of 20,000 sources (a table of 1 MB, each look-up a cache miss) the model's
/// thread spent a fourteenth of its time on those look-ups while the parsing thread waited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LookedUp {
    /// Left to the model's thread.
    #[default]
    No,
    /// The source of the one work cited; `None` when no source has its key.
    Source(Option<SourceId>),
}

/// What [`LookedUp`] tells of each of `items` (lines of `text`), in `found`.
pub fn look_up_sources(items: &[ast::Item], text: &str, keys: &SourceKeys, found: &mut Vec<LookedUp>) {
    let one_work = |citation: Option<&ast::Citation>| match citation.map(|c| c.cites.as_slice()) {
        Some([cite]) => LookedUp::Source(keys.get(&cite.key.name).copied()),
        _ => LookedUp::No,
    };
    found.clear();
    found.extend(items.iter().map(|item| match item {
        ast::Item::Claim(record) => match record.citation(record.line_in(text)) {
            Some((_, Ok(cite))) => LookedUp::Source(keys.get(cite.key).copied()),
            Some((_, Err(other))) => one_work(Some(other)),
            None => LookedUp::No,
        },
        ast::Item::Entry(entry) => one_work(entry.citation.as_ref()),
    }));
}

/// Builds the model while the files are parsed, so that no file's whole syntax tree is ever
/// held: a much lower peak on large files. `declarations[i]` holds the declarations of
/// `files[i]` (see [`crate::syntax::parse_declarations`]), which every file's statements may
/// name; then `parse` lowers each of a file's entries with the [`Lowerer`] it is given (on
/// this thread: it remembers what the last entries named) and hands them, in file order, to
/// the function it is given, which adds them to the model. The model keeps each text,
/// shared, to read its claims' ids and written values from. `sizes` bounds the number of claims and events, to size the
/// tables once: growing them copies every claim several times over, and untouched room
/// costs no memory.
pub fn build_streaming<R>(
    files: &[(FileId, Arc<String>)],
    declarations: &[ParsedFile],
    sizes: crate::syntax::Sizes,
    mut settings: Settings,
    mut parse: impl FnMut(FileId, &str, &Lowerer, &mut dyn FnMut(Lowered<'_>)) -> R,
) -> (Model, Vec<R>) {
    let fault_ahead = settings.fault_ahead.take();
    let source_keys_to = settings.source_keys_to.take();
    let two_threads = settings.two_threads;
    let inputs: Vec<Parsed> =
        files.iter().zip(declarations).map(|((file, text), tree)| Parsed { file: *file, text, tree }).collect();
    let texts: Vec<Arc<String>> = files.iter().map(|(_, text)| Arc::clone(text)).collect();
    let mut model = declared(&inputs, &texts, settings);
    if let Some(to) = source_keys_to {
        // Set once: the run's own, which it made for this model.
        let _ = to.set(model.source_keys.clone());
    }
    model.claims.reserve(sizes.claims);
    match &fault_ahead {
        Some(ahead) => ahead.offer(&model.claims),
        None => crate::memory::fault_in_room(&model.claims),
    }
    model.events.reserve(sizes.events);
    // Most statements of a large file are labelled; a table with fewer labels touches only
    // the pages its entries land on.
    model.ids.reserve(sizes.claims + sizes.events);
    let declared = Declared::take(&mut model);
    let mut set_by = vec![None; declared.measures.len()];
    let results = inputs
        .iter()
        .map(|&Parsed { file, text, .. }| {
            let lowerer = Lowerer::new(&model, &declared, file, text);
            let mut builder = Builder { model: &mut model, lowerer: &lowerer, set_by: &mut set_by };
            let mut added = 0_usize;
            parse(file, text, &lowerer, &mut |lowered| {
                builder.add(lowered);
                added += 1;
                if let Some(ahead) = fault_ahead.as_ref().filter(|_| added.is_multiple_of(NOTE_FILLED_EVERY)) {
                    ahead.filled(&builder.model.claims);
                }
            })
        })
        .collect();
    if let Some(ahead) = &fault_ahead {
        ahead.withdraw();
    }
    declared.give_back(&mut model, set_by);
    lay_out_ids(&mut model, two_threads);
    resolve(&mut model, two_threads);
    let texts: Vec<&str> = inputs.iter().map(|input| input.text).collect();
    super::unparsed::forgive(&mut model, &texts);
    (model, results)
}

/// How often (in entries added) the model's thread tells [`Settings::fault_ahead`] how far the
/// claims table is filled: 64 claims are 4 pages.
const NOTE_FILLED_EVERY: usize = 64;

/// A model with the files' settings, sources and measures declared, and room for the rest.
fn declared(inputs: &[Parsed], texts: &[Arc<String>], settings: Settings) -> Model {
    let mut model = Model::default();
    for source in settings.bibliography {
        if let Some(&first) = model.source_keys.get(&source.key) {
            // One entry copied into the bibliographies of two chapters is one source.
            let kept = &model.sources[first];
            let (same, first) = (kept.text == source.text && kept.published == source.published, kept.loc);
            redeclared(&mut model, NameKind::Source, &source.key, first, same, source.loc);
            continue;
        }
        model.source_keys.insert(source.key.clone(), model.sources.len());
        model.sources.push(source);
    }
    for (input, text) in inputs.iter().zip(texts) {
        let tolerance = settings.default_tolerance.get(&input.file).cloned().unwrap_or_else(default_tolerance);
        model.files.push(file_info(input, Arc::clone(text), tolerance));
        declare(&mut model, input);
    }
    model.files.sort_by_key(|f| f.file);
    model
}

/// Sizes the tables once: growing them entry by entry copies every claim and rehashes every
/// id several times over on large files.
fn reserve(model: &mut Model, inputs: &[Parsed]) {
    let (mut claims, mut events, mut labels) = (0, 0, 0);
    for entry in inputs.iter().flat_map(|input| &input.tree.entries) {
        labels += usize::from(entry.label.is_some());
        match &entry.directive {
            Directive::Claim(_) => claims += 1,
            Directive::Event(_) => events += 1,
            Directive::Block(block) => {
                claims += block.members.len() + 1;
                labels += block.members.iter().filter(|m| m.label.is_some()).count();
            }
            _ => {}
        }
    }
    model.claims.reserve(claims);
    model.events.reserve(events);
    model.ids.reserve(labels);
}

fn default_tolerance() -> Q {
    ratio(1, 10)
}

fn file_info(input: &Parsed, text: Arc<String>, tolerance: Q) -> FileInfo {
    let mut info = FileInfo {
        file: input.file,
        text,
        as_of: None,
        tolerance,
        manuscript: None,
        bibliographies: Vec::new(),
        manuscript_file: None,
    };
    for entry in &input.tree.entries {
        match &entry.directive {
            // An impossible date (an `invalid-date` finding) dates nothing.
            Directive::AsOf(date) if !entry.impossible_date => {
                info.as_of = Some((date_days(date), date.span));
            }
            Directive::Tolerance(q) => {
                if let ast::NumberLit::Decimal(d) = &q.number {
                    info.tolerance = &d.value / Q::from_integer(100.into());
                }
            }
            Directive::Manuscript(path) => {
                info.manuscript = Some((path.text.to_string(), path.span));
            }
            Directive::Bibliography(path) => info.bibliographies.push((path.text.to_string(), path.span)),
            _ => {}
        }
    }
    info
}

/// Sources and measures first, so claims anywhere in the file set can name them.
fn declare(model: &mut Model, input: &Parsed) {
    for entry in &input.tree.entries {
        let loc = |span| Loc { file: input.file, span };
        match &entry.directive {
            Directive::Source { key, text, year } => {
                // A source with an impossible year is declared, with no year.
                let year = year.as_ref().filter(|_| !entry.impossible_date);
                if let Some(&first) = model.source_keys.get(&key.name) {
                    let kept = &model.sources[first];
                    let same = kept.text.as_deref() == text.as_ref().map(|t| t.text.as_str())
                        && kept.published == year.map(|y| date_days(y));
                    let (first, same) = (kept.loc, same && !kept.from_bibliography);
                    redeclared(model, NameKind::Source, &key.name, first, same, loc(key.span));
                    continue;
                }
                model.source_keys.insert(key.name.clone(), model.sources.len());
                model.sources.push(Source {
                    key: key.name.clone(),
                    text: text.as_ref().map(|t| t.text.clone()),
                    published: year.map(|y| date_days(y)),
                    loc: loc(key.span),
                    from_bibliography: false,
                });
            }
            Directive::Measure { name, description, unit } => {
                if let Some(&first) = model.measure_names.get(&name.name) {
                    let kept = &model.measures[first];
                    let same = kept.description.as_deref() == description.as_ref().map(|d| d.text.as_str())
                        && kept.unit.as_deref() == unit.as_ref().map(|u| u.name.as_str());
                    let first = kept.loc;
                    redeclared(model, NameKind::Measure, &name.name, first, same, loc(name.span));
                    continue;
                }
                model.measure_names.insert(name.name.clone(), model.measures.len());
                model.measures.push(Measure {
                    name: name.name.clone(),
                    description: description.as_ref().map(|d| d.text.clone()),
                    unit: unit.as_ref().map(|u| u.name.clone()),
                    unit_span: unit.as_ref().map(|u| u.span),
                    loc: loc(name.span),
                    set_by: None,
                });
            }
            _ => {}
        }
    }
}

/// A second declaration of a source or measure. Documents checked together may each declare
/// a shared one; only a repeat in one file, or a declaration that differs, is a duplicate.
fn redeclared(model: &mut Model, kind: NameKind, name: &str, first: Loc, same: bool, second: Loc) {
    if same && first.file != second.file {
        return;
    }
    model.duplicates.push(Duplicate { kind, name: name.into(), first, second });
}

/// The measures and sources every file declared, lent to the lowering while the rest of the
/// model grows, and given back afterwards.
struct Declared {
    measure_names: HashMap<CompactString, MeasureId>,
    measures: Vec<Measure>,
    source_keys: HashMap<CompactString, SourceId>,
    /// The texts the statements share, each held once.
    texts: Interner,
}

impl Declared {
    fn take(model: &mut Model) -> Declared {
        Declared {
            measure_names: std::mem::take(&mut model.measure_names),
            measures: std::mem::take(&mut model.measures),
            source_keys: std::mem::take(&mut model.source_keys),
            texts: Interner::default(),
        }
    }

    /// Gives the declarations back, with the claim that set the unit of each measure declared
    /// without one.
    fn give_back(self, model: &mut Model, set_by: Vec<Option<ClaimId>>) {
        model.measure_names = self.measure_names;
        model.measures = self.measures;
        model.source_keys = self.source_keys;
        for (measure, first) in model.measures.iter_mut().zip(set_by) {
            measure.set_by = first;
        }
    }
}

/// Lowers one file's entries: values, dates, durations and citations become exact, and
/// measures are looked up. It reads only what the files declared up front, so a large
/// file's entries are lowered as the parsing thread hands them over: a claim line as it joins
/// the model, any other entry just before (its citation and block members as it joins).
pub struct Lowerer<'a> {
    file: FileId,
    text: &'a str,
    tolerance: Q,
    declared: &'a Declared,
    recent: RefCell<Recent>,
    dates: RefCell<KnownDates<'a>>,
}

/// The dates a file has written so far, by their text as written: a file writes the same few
/// hundred dates over and over (a series' months), and a date found here takes one hashed
/// look-up of a few bytes rather than re-spacing its text, sharing it (a hash and a
/// probe) and working out its days.
#[derive(Default)]
struct KnownDates<'a>(HashMap<&'a str, KnownDate>);

/// A date as lowered, with the calendar forms it was lowered from.
struct KnownDate {
    forms: DateForms,
    start: DateRange,
    end: Option<DateRange>,
    text: SharedText,
}

/// What a date's days are worked out from: each point's calendar form and `~`.
type DateForms = ((ast::DateForm, bool), Option<(ast::DateForm, bool)>);

impl KnownDates<'_> {
    /// Dates remembered per file at most: more would only hold memory (a file of day dates
    /// may write thousands), and the first ones are those a series repeats.
    const MOST: usize = 4096;
}

/// What the last statements named: a file's claims come in series, the same measure, item
/// and unit line after line, so most are found here by one comparison of their texts rather
/// than hashed and looked up in the run's tables (a hash and a probe each).
#[derive(Default)]
struct Recent {
    /// The last measure found by its name.
    measure: Option<(CompactString, MeasureId)>,
    measure_name: Option<SharedText>,
    item: Option<SharedText>,
    unit: Option<SharedText>,
}

/// An entry or a claim line's record handed to the model by a [`Lowerer`], to be added in file
/// order. A claim line (nearly every line) is lowered as it is added, read in place and built
/// straight into the claims table: lowered beforehand, its claim (256 bytes) was moved four
/// times on its way. The entry or record stays where it is: what is left of it is freed by
/// its owner (the parser's own thread, in a large run, where freeing memory another thread
/// allocated cost a twentieth of the model's thread's time).
pub struct Lowered<'e>(Line<'e>, LookedUp);

/// A line to add: an entry, or the record of a common claim line (see [`ast::Item`]).
enum Line<'e> {
    Entry(&'e mut Entry),
    Claim(&'e mut ast::ClaimRecord),
}

/// Any other entry lowered, with its citation still to lower as it is added.
struct LoweredStatement {
    statement: Statement,
    citation: Option<ast::Citation>,
    /// Its measures that name nothing declared.
    unresolved: Vec<Unresolved>,
}

/// How a claim's value was written, as far as its measure's unit goes.
#[derive(Clone, Copy)]
struct Reading {
    /// A range its declared measure's terms reverse.
    reversed: bool,
    /// Only fractions, with no unit (`1/3`, `1/4..1/3`).
    bare_fraction: bool,
}

enum Statement {
    Event {
        label: Option<ast::Ident>,
        event: Event,
    },
    Block(Box<LoweredBlock>),
    Assert {
        label: Option<ast::Ident>,
        assert: Assert,
    },
    /// An `order` line with its quotes.
    Order(Order, ast::Quotes),
    /// Declarations were read before any statement: only their quotes (at the line's place) are left.
    Declaration(Loc, ast::Quotes),
    /// A statement with an impossible date (an `invalid-date` finding), which no check can
    /// weigh: its labels are still taken, the ids it names still looked up once every label is
    /// known, and its quotes still looked for in the manuscript.
    Undated {
        labels: Vec<ast::Ident>,
        names: Vec<ast::Ident>,
        quotes: Vec<(Loc, ast::Quotes)>,
        /// Where it is and what it is.
        loc: Loc,
        /// The page ranges of its members' citations that run backwards.
        backwards: Vec<BackwardsRange>,
        kind: UndatedKind,
    },
}

/// A block with its total lowered; its members are lowered as they join the model (a block
/// may have a million of them: they are never all held twice), with the block's id.
struct LoweredBlock {
    label: Option<ast::Ident>,
    loc: Loc,
    /// A `shares … complete` block (`total` blocks have a total instead).
    complete: bool,
    date: DateValue,
    measure: Option<MeasureId>,
    measure_name: SharedText,
    /// The total, and whether its value is a range its measure's terms reverse.
    total: Option<(Claim, Reading)>,
    members: Vec<Member>,
    unparsed_member: bool,
    quotes: ast::Quotes,
}

impl<'a> Lowerer<'a> {
    fn new(model: &Model, declared: &'a Declared, file: FileId, text: &'a str) -> Self {
        let tolerance = model.file_info(file).map_or_else(default_tolerance, |f| f.tolerance.clone());
        Lowerer { file, text, tolerance, declared, recent: RefCell::default(), dates: RefCell::default() }
    }

    fn loc(&self, span: Span) -> Loc {
        Loc { file: self.file, span }
    }

    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The one copy of a text that statements share.
    fn shared(&self, text: &str) -> SharedText {
        self.declared.texts.get(text)
    }

    /// [`Lowerer::shared`], for a kind of text a statement often shares with the one before
    /// (`slot` picks the kind's last text).
    fn shared_again(&self, text: &str, slot: fn(&mut Recent) -> &mut Option<SharedText>) -> SharedText {
        let mut recent = self.recent.borrow_mut();
        let last = slot(&mut recent);
        match last {
            Some(shared) if same_text(shared, text) => shared.clone(),
            _ => last.insert(self.shared(text)).clone(),
        }
    }

    /// A date, with its text as written (spaces tightened) shared. A date written before with
    /// the same text and forms is that date again, at its own place: its text tightens and
    /// shares to the same text, and its forms give the same days.
    fn date(&self, date: &ast::DateExpr) -> DateValue {
        let written = self.slice(date.span);
        let forms = ((date.start.form, date.start.approx), date.end.map(|end| (end.form, end.approx)));
        let mut known = self.dates.borrow_mut();
        if let Some(known) = known.0.get(written).filter(|known| known.forms == forms) {
            return DateValue::new(known.start, known.end, known.text.clone(), date.span);
        }
        let value = date_range(date, self.shared(&crate::source::tight(written)));
        if known.0.len() < KnownDates::MOST {
            let (start, end, text) = (value.start, value.end(), value.text.clone());
            known.0.insert(written, KnownDate { forms, start, end, text });
        }
        value
    }

    /// A citation, noting the keys no source declares and the page ranges that run backwards.
    fn citation(
        &self,
        citation: Option<&ast::Citation>,
        looked_up: LookedUp,
        unresolved: &mut Vec<Unresolved>,
        backwards: &mut Vec<BackwardsRange>,
    ) -> Option<Citation> {
        let c = citation?;
        // Read in place: moving each parsed cite out (its key, locator and page ranges) cost
        // more than looking its key up.
        let mut cites = SmallVec::with_capacity(c.cites.len());
        debug_assert!(looked_up == LookedUp::No || c.cites.len() == 1, "a look-up is of a citation of one work");
        for cite in &c.cites {
            let key = (cite.key.name.as_str(), cite.key.span);
            cites.push(self.cite(key, &cite.pages, looked_up, unresolved, backwards));
        }
        Some(Citation { cites, loc: self.loc(c.span), inherited: false })
    }

    /// One cited work, by its key, with its locator's page ranges (see [`Lowerer::citation`]).
    fn cite(
        &self,
        (key, key_span): (&str, Span),
        pages: &[ast::PageRange],
        looked_up: LookedUp,
        unresolved: &mut Vec<Unresolved>,
        backwards: &mut Vec<BackwardsRange>,
    ) -> Cite {
        let loc = self.loc(key_span);
        let source = match looked_up {
            LookedUp::Source(source) => source,
            LookedUp::No => self.declared.source_keys.get(key).copied(),
        };
        if source.is_none() {
            unresolved.push(Unresolved { kind: NameKind::Source, name: key.into(), loc });
        }
        let backwards_ranges = pages.iter().filter(|r| r.last < r.first);
        backwards.extend(backwards_ranges.map(|range| BackwardsRange { cite: loc, range: range.clone() }));
        Cite::new(source, loc)
    }

    /// The citation of a claim line's record: its one work's key, looked up here unless
    /// the parsing thread did (see [`Lowerer::citation`]).
    fn record_citation(
        &self,
        record: &ast::ClaimRecord,
        line: &str,
        looked_up: LookedUp,
        unresolved: &mut Vec<Unresolved>,
        backwards: &mut Vec<BackwardsRange>,
    ) -> Option<Citation> {
        let (span, cite) = record.citation(line)?;
        let cite = match cite {
            Err(other) => return self.citation(Some(other), looked_up, unresolved, backwards),
            Ok(key) => self.cite((key.key, key.key_span), &key.pages, looked_up, unresolved, backwards),
        };
        Some(Citation { cites: SmallVec::from_buf([cite]), loc: self.loc(span), inherited: false })
    }

    /// A measure by name, noting it when no measure has that name.
    fn measure_of(&self, (name, span): (&str, Span), unresolved: &mut Vec<Unresolved>) -> Option<MeasureId> {
        let mut recent = self.recent.borrow_mut();
        if let Some((last, measure)) = &recent.measure {
            if same_text(last, name) {
                return Some(*measure);
            }
        }
        let measure = self.declared.measure_names.get(name).copied();
        match measure {
            Some(measure) => recent.measure = Some((name.into(), measure)),
            None => {
                let loc = self.loc(span);
                unresolved.push(Unresolved { kind: NameKind::Measure, name: name.into(), loc });
            }
        }
        measure
    }

    /// A value in its declared measure's terms, and how it was written (kept beside the claim,
    /// which is large enough without it, until [`Builder::push_claim`] weighs it).
    fn value(&self, expr: &ast::ValueExpr, measure: Option<MeasureId>) -> (Value, Reading) {
        let unit = measure.and_then(|m| self.declared.measures[m].unit.as_deref());
        let reading = Reading { reversed: reversed(expr, unit), bare_fraction: bare_fraction(expr) };
        // The value as written starts at its first word after the comparator: a slice with
        // nothing to re-space is read without a copy (see `source::tight`), once per message
        // or quote.
        let after_cmp = self.slice(Span { start: expr.cmp_span.end, end: expr.span.end });
        let written_from = expr.cmp_span.end + leading_space(after_cmp) as u32;
        let unit_text = |unit: &str| self.shared_again(unit, |recent| &mut recent.unit);
        (value(expr, written_from, unit, &self.tolerance, unit_text), reading)
    }

    fn duration(&self, d: &ast::Duration) -> DurationValue {
        duration_days(d, &self.tolerance, self.slice(d.span))
    }

    /// Takes an entry to be lowered as it joins the model (see [`Lowered`]): both happen on
    /// the thread that builds the model, one entry after the other.
    pub fn lower<'e>(&self, entry: &'e mut Entry) -> Lowered<'e> {
        Lowered(Line::Entry(entry), LookedUp::No)
    }

    /// [`Lowerer::lower`] for a line as a run's parser hands it over, with the source of its
    /// citation looked up already if `looked_up` says so.
    pub fn lower_item<'e>(&self, item: &'e mut ast::Item, looked_up: LookedUp) -> Lowered<'e> {
        match item {
            ast::Item::Claim(record) => Lowered(Line::Claim(record), looked_up),
            ast::Item::Entry(entry) => Lowered(Line::Entry(entry), looked_up),
        }
    }

    /// Lowers any entry but a claim line with a possible date (see [`Builder::claim`]).
    fn statement(&self, entry: Entry) -> LoweredStatement {
        let Entry { label, directive, tags, citation, quotes, span, impossible_date } = entry;
        let mut unresolved = Vec::new();
        let statement = matches!(
            directive,
            Directive::Claim(_) | Directive::Event(_) | Directive::Block(_) | Directive::Assert { .. }
        );
        if impossible_date && statement {
            let statement = self.undated(label, directive, (span, quotes), &mut unresolved);
            return LoweredStatement { statement, citation, unresolved };
        }
        let id = label.as_ref().map(|l| l.name.clone());
        let statement = match directive {
            // Added by [`Builder::claim`] as it is lowered.
            Directive::Claim(_) => unreachable!("a claim line with a possible date is lowered as it is added"),
            Directive::Event(line) => {
                let event = Event {
                    loc: self.loc(span),
                    id,
                    date: line.date.as_ref().map(|d| self.date(d)),
                    description: line.description.text,
                    relative: line.relative.map(|r| RelativeDate {
                        relation: r.relation,
                        offset: r.offset.as_ref().map(|d| self.duration(d)),
                        anchor: r.anchor.name,
                        anchor_span: r.anchor.span,
                        anchor_target: None,
                        span: r.span,
                    }),
                    lasting: line.lasting.as_ref().map(|d| self.duration(d)),
                    first: line.first,
                    plan: line.plan.map(|(flag, _)| flag),
                    tags: tags.into_iter().map(|t| t.name).collect(),
                    citation: None,
                    quotes,
                };
                Statement::Event { label, event }
            }
            Directive::Block(block) => {
                let block = self.block(span, label, *block, quotes, &mut unresolved);
                Statement::Block(Box::new(block))
            }
            Directive::Assert { lhs, cmp, rhs, .. } => {
                let assert = Assert {
                    loc: self.loc(span),
                    id,
                    lhs: *lhs,
                    cmp,
                    rhs: *rhs,
                    citation: None,
                    quotes,
                    tolerance: self.tolerance.clone(),
                };
                Statement::Assert { label, assert }
            }
            Directive::Order(ids) => {
                let ids = ids.into_iter().map(|i| (i.name, i.span)).collect();
                let order = Order { loc: self.loc(span), ids, targets: Vec::new(), citation: None };
                Statement::Order(order, quotes)
            }
            Directive::AsOf(_)
            | Directive::Tolerance(_)
            | Directive::Manuscript(_)
            | Directive::Bibliography(_)
            | Directive::Source { .. }
            | Directive::Measure { .. } => Statement::Declaration(self.loc(span), quotes),
        };
        LoweredStatement { statement, citation, unresolved }
    }

    /// A statement with an impossible date, at `line` (its span and quotes): its measure, its
    /// members' citations and the measures of its `assert` expression are looked up now; the
    /// ids it names wait for the whole model.
    fn undated(
        &self,
        label: Option<ast::Ident>,
        directive: Directive,
        line: (Span, ast::Quotes),
        unresolved: &mut Vec<Unresolved>,
    ) -> Statement {
        let mut labels: Vec<ast::Ident> = label.into_iter().collect();
        let mut names = Vec::new();
        let mut quotes = vec![(self.loc(line.0), line.1)];
        let mut backwards = Vec::new();
        let kind = match directive {
            Directive::Claim(claim) => {
                self.measure_of(named(&claim.measure), unresolved);
                UndatedKind::Line("claim")
            }
            Directive::Event(event) => {
                names.extend(event.relative.map(|r| r.anchor));
                UndatedKind::Line("event")
            }
            Directive::Block(block) => {
                self.measure_of(named(&block.measure), unresolved);
                let mut members = Vec::new();
                for member in block.members {
                    members.push((
                        self.loc(member.span),
                        self.citation(member.citation.as_ref(), LookedUp::No, unresolved, &mut backwards),
                    ));
                    labels.extend(member.label);
                    quotes.push((self.loc(member.span), member.quotes));
                }
                UndatedKind::Block { shares: matches!(block.kind, ast::BlockKind::Shares { .. }), members }
            }
            Directive::Assert { lhs, rhs, .. } => {
                for side in [&lhs, &rhs] {
                    visit_expr(side, &mut |e| match e {
                        ast::Expr::Id(id) => names.push(id.clone()),
                        ast::Expr::MeasureAt(m, _, _) if !self.declared.measure_names.contains_key(&m.name) => {
                            let loc = self.loc(m.span);
                            unresolved.push(Unresolved { kind: NameKind::Measure, name: m.name.clone(), loc });
                        }
                        _ => {}
                    });
                }
                UndatedKind::Line("assert")
            }
            // Only statements come here: declarations and `order` lines are modelled whatever their dates.
            _ => UndatedKind::Line("statement"),
        };
        Statement::Undated { labels, names, quotes, loc: self.loc(line.0), kind, backwards }
    }

    /// A block, with its line's quotes. (A claim's tags are read, but no check weighs them: only
    /// an event's tags scope `first`, so the model keeps those alone.)
    fn block(
        &self,
        span: Span,
        label: Option<ast::Ident>,
        block: ast::Block,
        quotes: ast::Quotes,
        unresolved: &mut Vec<Unresolved>,
    ) -> LoweredBlock {
        let ast::Block { date, measure: measure_name, kind, members, unparsed_member } = block;
        let measure = self.measure_of(named(&measure_name), unresolved);
        let date = self.date(&date);
        let (complete, total, quotes) = match kind {
            ast::BlockKind::Shares { complete } => (complete.is_some(), None, quotes),
            ast::BlockKind::Total { item, value, flags } => {
                let (value, reading) = self.value(&value, measure);
                let total = Claim {
                    loc: self.loc(span),
                    date: date.clone(),
                    // Named by the builder if its measure is not declared (see `Builder::push_claim`).
                    measure: MeasureRef::of(measure),
                    item: item.map(|i| self.shared_again(&i.text, |recent| &mut recent.item)),
                    value,
                    flags,
                    citation: None,
                    quotes,
                    block: MaybeIndex::NONE,
                    // The block's label, which opens its line, names its total.
                    labelled: label.is_some(),
                };
                // A `total` line's quotes belong to its total claim.
                (false, Some((total, reading)), ast::Quotes::new())
            }
        };
        LoweredBlock {
            label,
            loc: self.loc(span),
            complete,
            date,
            measure,
            measure_name: self.shared_again(&measure_name.name, |recent| &mut recent.measure_name),
            total,
            members,
            unparsed_member,
            quotes,
        }
    }

    fn member(
        &self,
        member: Member,
        date: &DateValue,
        measure: Option<MeasureId>,
        block_citation: &Option<Citation>,
        (unresolved, backwards): (&mut Vec<Unresolved>, &mut Vec<BackwardsRange>),
    ) -> (Option<ast::Ident>, Claim, Reading) {
        let citation = match member.citation {
            Some(own) => self.citation(Some(&own), LookedUp::No, unresolved, backwards),
            None => block_citation.clone().map(|c| Citation { inherited: true, ..c }),
        };
        let (value, reading) = self.value(&member.value, measure);
        let claim = Claim {
            loc: self.loc(member.span),
            date: date.clone(),
            measure: MeasureRef::of(measure),
            item: Some(self.shared_again(&member.item.text, |recent| &mut recent.item)),
            value,
            flags: member.flags,
            citation,
            quotes: member.quotes,
            block: MaybeIndex::NONE,
            labelled: member.label.is_some(),
        };
        (member.label, claim, reading)
    }
}

/// The length of the white space `text` starts with, as `str::trim_start` trims it: read by
/// bytes, as nearly every value is preceded by ASCII spaces alone (`trim_start` decodes each
/// character), and by `trim_start` from a byte that is not ASCII.
fn leading_space(text: &str) -> usize {
    let spaces = text.bytes().take_while(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')).count();
    match text.as_bytes().get(spaces) {
        Some(b) if !b.is_ascii() => text.len() - text.trim_start().len(),
        _ => spaces,
    }
}

/// A name as written, with its span.
fn named(ident: &ast::Ident) -> (&str, Span) {
    (ident.name.as_str(), ident.span)
}

fn named_label(label: &Option<ast::Ident>) -> Option<(&str, Span)> {
    label.as_ref().map(named)
}

/// A claim line's parts, as [`Builder::claim`] reads them from an entry or a record.
struct ClaimParts<'x> {
    label: Option<(&'x str, Span)>,
    measure: (&'x str, Span),
    value: &'x ast::ValueExpr,
    date: &'x ast::DateExpr,
    item: Option<&'x str>,
    flags: Flags,
    quotes: Quotes,
    span: Span,
}

/// Adds lowered entries to the model in file order: ids are given and labels defined here.
struct Builder<'m, 'a> {
    model: &'m mut Model,
    /// The file's lowerer, for block members.
    lowerer: &'m Lowerer<'a>,
    /// For each measure declared without a unit, its first claim with a written value so far
    /// (in every file built before this one too), whose unit the others must share.
    set_by: &'m mut [Option<ClaimId>],
}

impl Builder<'_, '_> {
    /// Defines a label (the first definition of a name wins: a second is a duplicate, found
    /// when the table is laid out); `None` for the label of a statement with an impossible
    /// date, which names nothing checkable.
    fn define(&mut self, label: Option<(&str, Span)>, target: Option<Target>) {
        let Some((name, span)) = label else { return };
        match target {
            Some(target) => self.model.ids.define(name, Labelled::new(target)),
            None => self.model.ids.define_undated(name, self.lowerer.loc(span)),
        }
    }

    /// Adds a claim of a block whose measure is named `measure_name`, noting how its value does
    /// not fit its measure's unit, if it does not.
    fn push_claim(&mut self, mut claim: Claim, reading: Reading, measure_name: &SharedText) -> ClaimId {
        if claim.measure().is_none() {
            claim.measure = self.unknown_measure(|| measure_name.clone());
        }
        let id = self.model.claims.len();
        self.note_clash(id, claim.measure(), &mut claim.value, reading);
        self.model.claims.push(claim);
        id
    }

    /// Lowers a claim line with a possible date into the claims table, in the order in which
    /// [`Lowerer::statement`] and [`Builder::add`] lower and add any other statement: its
    /// measure, value and date, then its citation (`citation` lowers it), its unit clash, and
    /// its label.
    fn claim(
        &mut self,
        line: ClaimParts,
        citation: impl FnOnce(&Lowerer, &mut Vec<Unresolved>, &mut Vec<BackwardsRange>) -> Option<Citation>,
    ) {
        let lowerer = self.lowerer;
        let measure = lowerer.measure_of(line.measure, &mut self.model.unresolved);
        let (mut value, reading) = lowerer.value(line.value, measure);
        let date = lowerer.date(line.date);
        let measure_ref = match measure {
            Some(measure) => MeasureRef::declared(measure),
            None => self.unknown_measure(|| lowerer.shared_again(line.measure.0, |recent| &mut recent.measure_name)),
        };
        let item = line.item.map(|item| lowerer.shared_again(item, |recent| &mut recent.item));
        let Model { unresolved, backwards_ranges, .. } = &mut *self.model;
        let citation = citation(lowerer, unresolved, backwards_ranges);
        let id = self.model.claims.len();
        self.note_clash(id, measure, &mut value, reading);
        self.model.claims.push(Claim {
            loc: lowerer.loc(line.span),
            date,
            measure: measure_ref,
            item,
            value,
            flags: line.flags,
            citation,
            quotes: line.quotes,
            block: MaybeIndex::NONE,
            labelled: line.label.is_some(),
        });
        self.define(line.label, Some(Target::Claim(id)));
    }

    /// [`Builder::claim`] of the record of a common claim line, its words read from the file.
    fn claim_record(&mut self, record: &mut ast::ClaimRecord, looked_up: LookedUp) {
        let lowerer = self.lowerer;
        let line = record.line_in(lowerer.text);
        let (value, date) = (record.value(line), record.date());
        let (flags, quotes) = (std::mem::take(&mut record.flags), std::mem::take(&mut record.quotes));
        let record = &*record;
        let parts = ClaimParts {
            label: record.label(line),
            measure: record.measure(line),
            value: &value,
            date: &date,
            item: record.item(line).map(|(item, _)| item),
            flags,
            quotes,
            span: record.span_of_line(),
        };
        self.claim(parts, |lowerer, unresolved, backwards| {
            lowerer.record_citation(record, line, looked_up, unresolved, backwards)
        });
    }

    /// The place of a claim's name for an undeclared measure (`name` makes it), noted for
    /// [`Model::measure_name`]: the last one's again when the claim before gave the same name
    /// (a block's members, a series written with a misspelled measure).
    fn unknown_measure(&mut self, name: impl FnOnce() -> SharedText) -> MeasureRef {
        let (name, names) = (name(), &mut self.model.unknown_measure_names);
        if names.last().is_none_or(|last| !same_text(last, &name)) {
            names.push(name);
        }
        MeasureRef::unknown(names.len() - 1)
    }

    /// Notes how the value of claim `id` does not fit its measure's unit, if it does not.
    fn note_clash(&mut self, id: ClaimId, measure: Option<MeasureId>, value: &mut Value, reading: Reading) {
        if let Some((measure, kind)) = self.clash(id, measure, value, reading) {
            self.model.unit_clashes.push(UnitClash { claim: id, measure, kind });
        }
    }

    /// How the value of claim `id` does not fit its measure's unit, if it does not: a unit other
    /// than the one declared (a bare number takes that one), or for a measure declared without
    /// a unit, other than its first claim's (none included: `17kg` and `17,000` cannot be
    /// compared), except that a bare fraction is a ratio of the whole, so in a measure whose
    /// first claim is in `%` it is read as a percentage (`1/3` is 33.33…%, as in a measure
    /// declared in `%`); else a range reversed in the measure's terms. A `?` is in any unit.
    fn clash(
        &mut self,
        id: ClaimId,
        measure: Option<MeasureId>,
        value: &mut Value,
        reading: Reading,
    ) -> Option<(MeasureId, ClashKind)> {
        let measure = measure.filter(|_| !value.unknown)?;
        let unit = value.unit.as_deref();
        let fits = match &self.lowerer.declared.measures[measure].unit {
            Some(declared) => unit.is_none_or(|u| same_text(u, declared)),
            None => {
                let first_unit = self.set_by[measure].map(|first| self.model.claims[first].value.unit.clone());
                let percent_first = first_unit.as_ref().is_some_and(|u| u.as_deref() == Some("%"));
                if reading.bare_fraction && percent_first {
                    let percent = int(100);
                    value.interval = value.interval.scale(&percent);
                    value.nominal = value.nominal.scale(&percent);
                    // In `%` now, as asserts and quotes read it.
                    value.unit = Some(self.lowerer.shared("%"));
                }
                match first_unit {
                    Some(first_unit) => first_unit == value.unit,
                    None => {
                        self.set_by[measure] = Some(id);
                        true
                    }
                }
            }
        };
        match (fits, reading.reversed) {
            (false, _) => Some((measure, ClashKind::Unit)),
            (true, true) => Some((measure, ClashKind::Fraction)),
            (true, false) => None,
        }
    }

    fn add(&mut self, Lowered(line, looked_up): Lowered) {
        let entry = match line {
            Line::Claim(record) => return self.claim_record(record, looked_up),
            Line::Entry(entry) => entry,
        };
        // Read in place: the entry is some 300 bytes, and moving it costs more than reading it.
        if let Entry {
            label, directive: Directive::Claim(line), citation, quotes, span, impossible_date: false, ..
        } = entry
        {
            let parts = ClaimParts {
                label: named_label(label),
                measure: named(&line.measure),
                value: &line.value,
                date: &line.date,
                item: line.item.as_ref().map(|item| item.text.as_str()),
                flags: std::mem::take(&mut line.flags),
                quotes: std::mem::take(quotes),
                span: *span,
            };
            let citation = citation.as_ref();
            return self.claim(parts, |lowerer, unresolved, backwards| {
                lowerer.citation(citation, looked_up, unresolved, backwards)
            });
        }
        // Any other entry (a few in a hundred) is taken whole, an empty one left in its place.
        let spent = Entry {
            label: None,
            directive: Directive::Order(Vec::new()),
            tags: Vec::new(),
            citation: None,
            quotes: ast::Quotes::new(),
            span: entry.span,
            impossible_date: false,
        };
        let lowered = self.lowerer.statement(std::mem::replace(entry, spent));
        self.model.unresolved.extend(lowered.unresolved);
        let Model { unresolved, backwards_ranges, .. } = &mut *self.model;
        let citation = self.lowerer.citation(lowered.citation.as_ref(), looked_up, unresolved, backwards_ranges);
        match lowered.statement {
            Statement::Event { label, event } => {
                let event_id = self.model.events.len();
                self.model.events.push(Event { citation, ..event });
                self.define(named_label(&label), Some(Target::Event(event_id)));
            }
            Statement::Block(block) => self.block(*block, citation),
            Statement::Assert { label, assert } => {
                let assert_id = self.model.asserts.len();
                self.model.asserts.push(Assert { citation, ..assert });
                self.define(named_label(&label), Some(Target::Assert(assert_id)));
            }
            Statement::Order(order, quotes) => {
                self.other_quotes(order.loc, quotes);
                self.model.orders.push(Order { citation, ..order });
            }
            Statement::Declaration(loc, quotes) => self.other_quotes(loc, quotes),
            Statement::Undated { labels, names, quotes, loc, kind, backwards } => {
                self.model.undated.push(Undated { loc, citation, kind });
                self.model.backwards_ranges.extend(backwards);
                for label in labels {
                    self.define(Some(named(&label)), None);
                }
                // Ids may be defined further on: [`resolve`] keeps those that never are.
                let loc = |name: &ast::Ident| self.lowerer.loc(name.span);
                let named = names.iter().map(|n| Unresolved { kind: NameKind::Id, name: n.name.clone(), loc: loc(n) });
                self.model.unresolved.extend(named);
                quotes.into_iter().for_each(|(loc, quotes)| self.other_quotes(loc, quotes));
            }
        }
    }

    /// Keeps the quotes of a line no check weighs, so that they are still looked for in the manuscript.
    fn other_quotes(&mut self, loc: Loc, quotes: ast::Quotes) {
        if !quotes.is_empty() {
            self.model.other_quotes.push(OtherQuotes { loc, quotes });
        }
    }

    /// Adds a block with its line's citation, which its total shares and its members inherit.
    fn block(&mut self, block: LoweredBlock, citation: Option<Citation>) {
        let LoweredBlock { label, loc, complete, date, measure, measure_name, total, members, unparsed_member, quotes } =
            block;
        let block_id = self.model.blocks.len();
        // The parts of a planned total are planned too (`2030 total trade = $10bn target`),
        // unless a part says otherwise with a plan flag of its own.
        let plan = total.as_ref().and_then(|(total, _)| total.flags.iter().copied().find(|(flag, _)| flag.is_plan()));
        let shares = total.is_none();
        let kind = match total {
            Some((total, reading)) => {
                let total = Claim { block: MaybeIndex::new(Some(block_id)), citation: citation.clone(), ..total };
                let total = self.push_claim(total, reading, &measure_name);
                self.define(named_label(&label), Some(Target::Claim(total)));
                BlockKind::Total { total }
            }
            None => BlockKind::Shares { complete },
        };
        // Added before its label is defined and its members are: the id table reads a label's
        // name from the statement it names. (A `total` line's label names its total claim.)
        self.model.blocks.push(Block {
            loc,
            id: label.as_ref().filter(|_| shares).map(|l| l.name.clone()),
            kind,
            date: date.clone(),
            measure,
            measure_name: measure_name.clone(),
            members: Vec::new(),
            unparsed_member,
            citation: citation.clone(),
            quotes,
        });
        if shares {
            self.define(named_label(&label), Some(Target::Block(block_id)));
        }
        let lowerer = self.lowerer;
        // Into a list of its own: collecting the parsed members' list in place would keep its
        // whole allocation (a parsed member is many times the size of an id) for as long as the
        // model lives: 27 MB at a million claims.
        let mut member_ids = Vec::with_capacity(members.len());
        for member in members {
            let noted = (&mut self.model.unresolved, &mut self.model.backwards_ranges);
            let (member_label, mut claim, reading) = lowerer.member(member, &date, measure, &citation, noted);
            if let Some(plan) = plan.filter(|_| !claim.is_plan()) {
                claim.flags.push(plan);
            }
            let id = self.push_claim(Claim { block: MaybeIndex::new(Some(block_id)), ..claim }, reading, &measure_name);
            self.define(named_label(&member_label), Some(Target::Claim(id)));
            member_ids.push(id);
        }
        self.model.blocks[block_id].members = member_ids;
    }
}

/// Lays the id table out once every statement is in, and notes the duplicate labels. A
/// block whose label was taken before keeps no id: the label names the first thing it labels.
fn lay_out_ids(model: &mut Model, two_threads: bool) {
    let Model { ids, undated_ids, files, claims, events, asserts, blocks, .. } = model;
    let redefined = ids.lay_out(Named { files, claims, events, asserts, blocks }, undated_ids, two_threads);
    for super::ids::Redefined { duplicate, target } in redefined {
        if let Some(Target::Block(b)) = target {
            model.blocks[b].id = None;
        }
        model.duplicates.push(duplicate);
    }
}

/// Records every event anchor, order id and assert name that names nothing: ids may be
/// defined after they are named, so this waits for the whole model (unknown measures and
/// citation keys were noted as the entries were lowered). With `two_threads`, a large model's
/// second half of each kind of statement is looked up on a thread of its own: at a million
/// claims each look-up is a few misses in memory (the id table, then the statement the id
/// names and its text), 10–29 ms of the model's thread alone.
fn resolve(model: &mut Model, two_threads: bool) {
    // A statement with an impossible date names something too (though nothing a check weighs).
    let mut noted = std::mem::take(&mut model.unresolved);
    let Model { ids, undated_ids: undated, files, claims, events, asserts, blocks, orders, measure_names, .. } =
        &*model;
    let named = Named { files, claims, events, asserts, blocks };
    let known = |name: &str| ids.get(named, name).is_some() || undated.contains_key(name);
    // The only ids noted while building are those that statements with an impossible date name.
    noted.retain(|u| u.kind != NameKind::Id || !known(&u.name));
    let check_id = |name: &str, loc: Loc, unresolved: &mut Vec<Unresolved>| {
        if !known(name) {
            unresolved.push(Unresolved { kind: NameKind::Id, name: name.into(), loc });
        }
    };
    // An anchor or an `order` id must name something dated: an assert has no date.
    let check_dated = |name: &str, loc: Loc, unresolved: &mut Vec<Unresolved>| {
        let target = ids.get(named, name).map(Labelled::target);
        let dated = match target {
            Some(Target::Assert(_)) => false,
            Some(_) => true,
            None => undated.contains_key(name),
        };
        if !dated {
            unresolved.push(Unresolved { kind: NameKind::Id, name: name.into(), loc });
        }
        target
    };
    // What the statements of each kind in a part of the model name: the anchors' targets, the
    // orders' targets, and the names that name nothing, by kind of statement.
    let look_up = |events: &[Event], orders: &[Order], asserts: &[Assert]| {
        let mut unresolved: [Vec<Unresolved>; 3] = Default::default();
        let anchors: Vec<Option<Target>> = events
            .iter()
            .filter_map(|event| event.relative.as_ref().map(|r| (event, r)))
            .map(|(event, r)| {
                check_dated(&r.anchor, Loc { file: event.loc.file, span: r.anchor_span }, &mut unresolved[0])
            })
            .collect();
        let order_targets: Vec<Vec<Option<Target>>> = orders
            .iter()
            .map(|order| {
                let loc = |span: Span| Loc { file: order.loc.file, span };
                order.ids.iter().map(|(name, span)| check_dated(name, loc(*span), &mut unresolved[1])).collect()
            })
            .collect();
        for assert in asserts {
            for side in [&assert.lhs, &assert.rhs] {
                visit_expr(side, &mut |e| match e {
                    ast::Expr::Id(id) => {
                        check_id(&id.name, Loc { file: assert.loc.file, span: id.span }, &mut unresolved[2])
                    }
                    ast::Expr::MeasureAt(m, _, _) if !measure_names.contains_key(&m.name) => {
                        unresolved[2].push(Unresolved {
                            kind: NameKind::Measure,
                            name: m.name.clone(),
                            loc: Loc { file: assert.loc.file, span: m.span },
                        })
                    }
                    _ => {}
                });
            }
        }
        (anchors, order_targets, unresolved)
    };
    let (anchors, order_targets, unresolved) = match two_threads
        && events.len() + orders.len() + asserts.len() >= RESOLVED_APART_FROM
    {
        // The second half of each kind on a thread of its own; the halves joined in order.
        true => std::thread::scope(|scope| {
            let (events, orders, asserts) = (&events[..], &orders[..], &asserts[..]);
            let (e, o, a) = (events.len() / 2, orders.len() / 2, asserts.len() / 2);
            let second = scope.spawn(move || look_up(&events[e..], &orders[o..], &asserts[a..]));
            let (mut anchors, mut order_targets, mut unresolved) = look_up(&events[..e], &orders[..o], &asserts[..a]);
            let (later_anchors, later_targets, later_unresolved) =
                second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            anchors.extend(later_anchors);
            order_targets.extend(later_targets);
            for (kind, later) in unresolved.iter_mut().zip(later_unresolved) {
                kind.extend(later);
            }
            (anchors, order_targets, unresolved)
        }),
        false => look_up(events, orders, asserts),
    };
    noted.extend(unresolved.into_iter().flatten());
    model.unresolved = noted;
    let relatives = model.events.iter_mut().filter_map(|event| event.relative.as_mut());
    for (relative, target) in relatives.zip(anchors) {
        relative.anchor_target = target;
    }
    for (order, targets) in model.orders.iter_mut().zip(order_targets) {
        order.targets = targets;
    }
}

/// Calls `f` on every node of an expression, without recursion (expressions may be deep).
pub fn visit_expr<'e>(root: &'e ast::Expr, f: &mut impl FnMut(&'e ast::Expr)) {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        f(e);
        match e {
            ast::Expr::Neg(inner, _) | ast::Expr::Paren(inner, _) => stack.push(inner),
            ast::Expr::Binary(a, _, b, _) => {
                stack.push(b);
                stack.push(a);
            }
            ast::Expr::Id(_) | ast::Expr::MeasureAt(..) | ast::Expr::Quantity(_) | ast::Expr::Exact(..) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{date_range, SharedText};
    use crate::checks::test_support::codes;

    #[test]
    fn a_statement_with_an_impossible_date_still_names_things() {
        let head = "source s \"S\"\nmeasure n \"N\" unit USD\n";
        let text = format!("{head}2013-13 nosuch = 5 [@s]\n2001-04-31 event \"x\" after nowhere by 1y [@nobody]\n");
        let expected = [
            ("invalid-date", 3),
            ("unknown-measure", 3),
            ("invalid-date", 4),
            ("unknown-id", 4),
            ("unknown-source", 4),
        ];
        assert_eq!(codes(&text), expected);
        // Members' citations and an assert's names are looked up too.
        let text = format!(
            "{head}2013-13 total n = $5bn [@s]\n    a $2bn [@nobody]\n    b ?\nassert a > nosuch@2001-02-30 [@s]\n"
        );
        let expected = [
            ("invalid-date", 3),
            ("unknown-source", 4),
            ("unknown-id", 6),
            ("unknown-measure", 6),
            ("invalid-date", 6),
        ];
        assert_eq!(codes(&text), expected);
    }

    #[test]
    fn every_anchor_and_order_id_holds_what_it_names() {
        let text = "source s \"S\"\nmeasure n \"N\" unit USD\n\
            c: 2001 n = $1 [@s]\nk: assert c > $0 [@s]\ne: 2002 event \"E\" [@s]\n\
            f: event \"F\" after e by 1y [@s]\ng: event \"G\" before c by 1mo [@s]\n\
            h: event \"H\" after k by 0d [@s]\ni: event \"I\" after nowhere by 0d [@s]\nj: event \"J\" after f by 2d [@s]\n\
            order c < e < k < nowhere < f\n";
        let tree = crate::syntax::parse(crate::source::FileId(0), text).0;
        let model = super::build(&[super::Parsed { file: crate::source::FileId(0), text, tree: &tree }]);
        let anchors: Vec<_> =
            model.events.iter().filter_map(|e| e.relative.as_ref()).map(|r| r.anchor_target).collect();
        let named = |name: &str| model.target(name);
        assert_eq!(anchors, [named("e"), named("c"), named("k"), None, named("f")]);
        assert!(anchors.iter().take(3).all(Option::is_some), "{anchors:?}");
        let order = &model.orders[0];
        assert_eq!(order.targets, [named("c"), named("e"), named("k"), None, named("f")]);
    }

    #[test]
    fn names_looked_up_on_two_threads_resolve_as_on_one() {
        use super::{build_streaming, Lowered, Lowerer, Settings};
        use crate::model::Model;
        use crate::source::FileId;
        use std::sync::Arc;
        // Enough statements to be resolved apart, some naming nothing, an assert, or a
        // statement with an impossible date.
        let mut text = String::from("source s \"S\"\nmeasure n \"N\" unit USD\nbad: 2001-13 n = $1 [@s]\n");
        for i in 0..super::RESOLVED_APART_FROM / 3 + 10 {
            text.push_str(&format!("c{i}: 2001 n = ${i} [@s]\nk{i}: assert c{i} > x{i} [@s]\n"));
            let anchor = ["c", "k", "nowhere", "bad", "e"][i % 5];
            text.push_str(&format!("e{i}: event \"E\" after {anchor}{} by 1d [@s]\n", i.saturating_sub(1)));
            text.push_str(&format!("order c{i} < e{i} < k{i} < bad < gone{i}\n"));
        }
        let tree = crate::syntax::parse(FileId(0), &text).0;
        let files = [(FileId(0), Arc::new(text.clone()))];
        let build = |two_threads| {
            let settings = Settings { two_threads, ..Settings::default() };
            let add_each = |_: FileId, _: &str, lowerer: &Lowerer, add: &mut dyn FnMut(Lowered)| {
                for mut entry in tree.entries.iter().cloned() {
                    add(lowerer.lower(&mut entry));
                }
            };
            build_streaming(&files, std::slice::from_ref(&tree), Default::default(), settings, add_each).0
        };
        let (one, two) = (build(false), build(true));
        assert!(one.events.len() + one.orders.len() + one.asserts.len() >= super::RESOLVED_APART_FROM);
        let unresolved = |model: &Model| -> Vec<_> {
            model.unresolved.iter().map(|u| (u.kind, u.name.clone(), u.loc.span.start)).collect()
        };
        assert_eq!(unresolved(&one), unresolved(&two));
        assert!(unresolved(&one).len() > super::RESOLVED_APART_FROM, "{}", unresolved(&one).len());
        let anchors = |model: &Model| -> Vec<_> {
            model.events.iter().filter_map(|e| e.relative.as_ref()).map(|r| r.anchor_target).collect()
        };
        assert_eq!(anchors(&one), anchors(&two));
        assert!(anchors(&one).iter().any(Option::is_some) && anchors(&one).iter().any(Option::is_none));
        let orders = |model: &Model| -> Vec<_> { model.orders.iter().map(|o| o.targets.clone()).collect() };
        assert_eq!(orders(&one), orders(&two));
    }

    #[test]
    fn an_impossible_setting_or_year_dates_nothing() {
        // No `as-of` to be after, no year to be earlier than; the source is still declared.
        let text = "as-of 2013-13\nsource s \"S\" 2001-02-30\nmeasure n \"N\" unit USD\n2030 n = $1bn [@s]\n";
        assert_eq!(codes(text), [("invalid-date", 1), ("invalid-date", 2)]);
    }

    #[test]
    fn its_label_names_something_but_nothing_to_check() {
        let head = "source s \"S\"\nmeasure n \"N\" unit USD\n";
        // Naming it is no `unknown-id`, and no check weighs it: not the conflict, the order, the
        // assert, nor the event dated after it.
        let text = format!(
            "{head}x: 2001-02-29 n = $9bn [@s]\n2001 n = $1bn [@s]\ne: event \"E\" after x by 1y [@s]\norder x < e\nassert x > $20bn [@s]\n"
        );
        assert_eq!(codes(&text), [("invalid-date", 3)]);
        // A second definition is a duplicate, whichever of the two has the impossible date.
        let twice = format!("{head}x: 2001-02-29 n = $9bn [@s]\nx: 2001 n = $9bn [@s]\ny: 2001 n = $9bn [@s]\ny: 2001-13 n = $1bn [@s]\n");
        assert_eq!(codes(&twice), [("invalid-date", 3), ("duplicate-id", 4), ("duplicate-id", 6), ("invalid-date", 6)]);
    }

    #[test]
    fn a_bare_fraction_is_a_share_in_a_measure_whose_first_claim_is_in_percent() {
        let head = "source s \"S\"\nmeasure r \"R\"\n2000 r = 30% [@s]\n";
        let text =
            format!("{head}2001 r = 1/3 [@s]\n2001 r = 33.33% [@s]\n2002 r = 1/4..1/3 [@s]\n2002 r = 30% [@s]\n");
        assert_eq!(
            codes(&text),
            [("rounding", 5)],
            "1/3 is 33.33…%, which 33.33% is within rounding; 1/4..1/3 is 25–33.33…%"
        );
        // An assert reads it as the share it is.
        let asserted =
            format!("{head}x: 2001 r = 1/3 [@s]\ny: 2002 r = 40% [@s]\nassert x < y [@s]\nassert x > 30% [@s]\n");
        assert!(codes(&asserted).is_empty(), "{:?}", codes(&asserted));
        let wrong = format!("{head}x: 2001 r = 1/3 [@s]\nassert x > 50% [@s]\n");
        assert_eq!(codes(&wrong), [("assertion", 5)]);
        let text = format!("{head}2001 r = 1/2 [@s]\n2001 r = 33% [@s]\n2002 r = 0.5 [@s]\n");
        assert_eq!(codes(&text), [("conflict", 5), ("unit-mismatch", 6)], "a decimal is no ratio: 0.5 is not 50 %");
    }

    /// The lowerer remembers what the last claim named: claims that name other measures,
    /// items and units, or a measure nothing declares, between two that name the same, are
    /// lowered as if each were the first.
    #[test]
    fn what_the_last_claim_named_is_found_again() {
        use crate::source::FileId;
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\nmeasure n \"N\"\n\
            2001 m a = $1bn [@s]\n2002 m a = $2bn [@s]\n2003 x a = $3bn [@s]\n2004 m b = $4 [@s]\n\
            2005 n b = 5% [@s]\n2006 m a = $1m [@s]\n2007 x a = 7 [@s]\n2008 n = 8% [@s]\n2009 n b = 9 kg [@s]\n";
        let tree = crate::syntax::parse(FileId(0), text).0;
        let model = super::build(&[super::Parsed { file: FileId(0), text, tree: &tree }]);
        let lowered: Vec<_> = model
            .claims
            .iter()
            .map(|c| (c.measure(), model.measure_name(c), c.item.as_deref(), c.value.unit.as_deref()))
            .collect();
        let (m, n) = (Some(0), Some(1));
        assert_eq!(
            lowered,
            [
                (m, "m", Some("a"), Some("USD")),
                (m, "m", Some("a"), Some("USD")),
                (None, "x", Some("a"), Some("USD")),
                (m, "m", Some("b"), Some("USD")),
                (n, "n", Some("b"), Some("%")),
                (m, "m", Some("a"), Some("USD")),
                (None, "x", Some("a"), None),
                (n, "n", None, Some("%")),
                (n, "n", Some("b"), Some("kg")),
            ]
        );
        let unknown: Vec<(&str, u32)> = model
            .unresolved
            .iter()
            .filter(|u| u.kind == super::NameKind::Measure)
            .map(|u| (u.name.as_str(), u.loc.span.start))
            .collect();
        let at = |line: &str| text.find(line).unwrap() as u32 + 5;
        assert_eq!(unknown, [("x", at("2003 x")), ("x", at("2007 x"))]);
        assert_eq!(model.unit_clashes.len(), 1, "9 kg in a measure whose first claim is in %");
        let shared = |a: usize, b: usize| {
            let (a, b) = (&model.claims[a], &model.claims[b]);
            std::ptr::eq(model.measure_name(a), model.measure_name(b))
                && std::ptr::eq(a.value.unit.as_deref().unwrap(), b.value.unit.as_deref().unwrap())
        };
        assert!(shared(0, 5) && shared(4, 7), "one copy of each text, found again or not");
    }

    #[test]
    fn every_claim_names_its_measure_declared_or_not() {
        use crate::source::FileId;
        let text = "source s \"S\"\nmeasure m \"M\" unit %\n2001 m a = 5% [@s]\n2002 x = 3 [@s]\n\
            2003 shares y [@s]\n    China 40%\n    Russia 60%\n2004 total z = 10 [@s]\n    a 4\n    b 6\n\
            2005 shares m [@s]\n    c 1%\n2006 x b = 2 [@s]\n";
        let tree = crate::syntax::parse(FileId(0), text).0;
        let model = super::build(&[super::Parsed { file: FileId(0), text, tree: &tree }]);
        let named: Vec<(Option<usize>, &str, String)> =
            model.claims.iter().map(|c| (c.measure(), model.measure_name(c), model.subject(c))).collect();
        let (m, none) = (Some(0), None);
        assert_eq!(
            named,
            [
                (m, "m", "m a".to_string()),
                (none, "x", "x".to_string()),
                (none, "y", "y China".to_string()),
                (none, "y", "y Russia".to_string()),
                (none, "z", "z".to_string()),
                (none, "z", "z a".to_string()),
                (none, "z", "z b".to_string()),
                (m, "m", "m c".to_string()),
                (none, "x", "x b".to_string()),
            ]
        );
        // One name for each run of claims that give an undeclared measure the same name (x, y,
        // z, x), shared where it is written again.
        assert_eq!(model.unknown_measure_names.len(), 4);
        assert!(std::ptr::eq(model.measure_name(&model.claims[1]), model.measure_name(&model.claims[8])));
        assert_eq!(model.item_or_measure(&model.claims[4]), "z");
    }

    /// A date written again is lowered as it was the first time, at its own place, whatever
    /// its form, spacing or `~`.
    #[test]
    fn a_date_written_again_is_lowered_as_before() {
        use crate::source::FileId;
        use crate::syntax::ast::Directive;
        let dates = [
            "2001-02",
            "2001-02-28",
            "2001",
            "~2001",
            "~ 2001",
            "mid 2001",
            "1990s",
            "early 1990s",
            "2001..2003",
            "2001 .. ~2003",
            "~2001-02..2001-05",
            "late 2001",
            "2001-02",
        ];
        let lines: Vec<String> = dates.iter().map(|d| format!("{d} m = 5 [@s]\n")).collect();
        // Each date three times over, and once more after all the others.
        let text = format!("source s \"S\"\nmeasure m \"M\"\n{}{}{}", lines.concat(), lines.concat(), lines.concat());
        let tree = crate::syntax::parse(FileId(0), &text).0;
        let model = super::build(&[super::Parsed { file: FileId(0), text: &text, tree: &tree }]);
        let written = tree.entries.iter().filter_map(|entry| match &entry.directive {
            Directive::Claim(line) => Some(line.date),
            _ => None,
        });
        assert_eq!(model.claims.len(), 3 * dates.len());
        for (claim, date) in model.claims.iter().zip(written) {
            let text = crate::source::tight(&text[date.span.range()]);
            assert_eq!(claim.date, date_range(&date, SharedText::from(&*text)), "{text}");
        }
    }

    #[test]
    fn sources_looked_up_by_the_parsing_thread_are_those_the_model_finds() {
        use super::{build_streaming, look_up_sources, LookedUp, Settings, SourceKeys};
        use crate::model::{Loc, Source};
        use crate::source::FileId;
        use std::sync::{Arc, OnceLock};
        // Declared and undeclared keys, a citation of two works, a block's citation and its
        // members', an event's, a repeated source and one from the bibliography; claims of
        // the common shape with a simple citation and with one only the general reader reads.
        let text = "source a \"A\"\nsource b \"B\"\nsource a \"A again\"\nmeasure m \"M\" unit %\n\
            2000 m = 5% [@a]\n2001 m = 6% [@nope, 3]\nx: 2002 m = 7% [@a; @b]\n2003 m = 8%\n\
            2004 shares m [@b]\n    P 40% [@bib]\n    Q 60%\ne: 2005 event \"E\" [@b, 12-9]\n\
            2006 m = 9% [@{a}, p. 4]\n2007 m = 9% [@{none}, p. 4]\n";
        let tree = crate::syntax::parse(FileId(0), text).0;
        let files = [(FileId(0), Arc::new(text.to_string()))];
        let bib =
            Source { key: "bib".into(), text: None, published: None, loc: Loc::default(), from_bibliography: true };
        let build = |look_up: bool| {
            let keys: Arc<OnceLock<SourceKeys>> = Arc::default();
            let settings = Settings {
                bibliography: vec![bib.clone()],
                source_keys_to: Some(Arc::clone(&keys)),
                ..Settings::default()
            };
            let (model, _) = build_streaming(
                &files,
                std::slice::from_ref(&tree),
                Default::default(),
                settings,
                |_, _, lowerer, add| {
                    let mut items = Vec::new();
                    crate::syntax::parse_each(FileId(0), text, |item| items.push(item));
                    let records = items.iter().filter(|item| matches!(item, crate::syntax::ast::Item::Claim(_)));
                    assert_eq!(records.count(), 5, "the claims of the common shape are records");
                    let mut found = Vec::new();
                    look_up_sources(&items, text, keys.get().expect("known before the first entry"), &mut found);
                    assert_eq!(found.iter().filter(|f| matches!(f, LookedUp::Source(Some(_)))).count(), 4);
                    assert_eq!(found.iter().filter(|f| **f == LookedUp::Source(None)).count(), 2, "`nope`, `none`");
                    for (item, found) in items.iter_mut().zip(found) {
                        add(lowerer.lower_item(item, if look_up { found } else { LookedUp::No }));
                    }
                },
            );
            format!("{model:?}")
        };
        assert_eq!(build(true), build(false));
    }

    /// In a run, a claim of the common shape reaches the model as its record; [`super::build`]
    /// takes it as its entry. Both make the same model of every fixture and example file.
    #[test]
    fn a_claim_read_as_its_record_is_modelled_as_the_claim_read_as_its_entry() {
        use super::{build_streaming, LookedUp, Settings};
        use crate::source::FileId;
        use std::sync::Arc;
        fn claims_files(dir: &std::path::Path, paths: &mut Vec<std::path::PathBuf>) {
            for path in std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())) {
                if path.is_dir() {
                    claims_files(&path, paths);
                } else if path.extension().is_some_and(|ext| ext == "claims") {
                    paths.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        claims_files(&root.join("fixtures"), &mut paths);
        claims_files(&root.join("claims"), &mut paths);
        assert!(paths.len() > 50, "the fixtures are read");
        let mut claims = 0;
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("a fixture reads");
            let tree = crate::syntax::parse(FileId(0), &text).0;
            let whole = super::build(&[super::Parsed { file: FileId(0), text: &text, tree: &tree }]);
            let (declarations, sizes) = crate::syntax::parse_declarations(&text);
            let files = [(FileId(0), Arc::new(text.clone()))];
            let (streamed, _) =
                build_streaming(&files, &[declarations], sizes, Settings::default(), |file, text, lowerer, add| {
                    crate::syntax::parse_each(file, text, |mut item| add(lowerer.lower_item(&mut item, LookedUp::No)))
                });
            // The id tables hold the same labels, in an order their sizes decide.
            let labels = |model: &mut crate::model::Model| {
                let named = model.named();
                let mut labels: Vec<String> = model.ids.iter(named).map(|(name, l)| format!("{name} {l:?}")).collect();
                labels.sort();
                model.ids = Default::default();
                labels
            };
            let (mut whole, mut streamed) = (whole, streamed);
            assert_eq!(labels(&mut whole), labels(&mut streamed), "{}", path.display());
            assert_eq!(format!("{whole:?}"), format!("{streamed:?}"), "{}", path.display());
            claims += whole.claims.len();
        }
        assert!(claims > 400, "{claims} claims");
    }

    #[test]
    fn leading_space_is_what_trim_start_trims() {
        for text in ["", "5", "  $5bn", "\t\n\r\x0B\x0C 5", " \u{a0}5", "\u{2003}5", " é", "5 ", "   ", " \u{a0}"] {
            assert_eq!(super::leading_space(text), text.len() - text.trim_start().len(), "{text:?}");
        }
    }

    #[test]
    fn the_parts_of_a_planned_total_are_planned() {
        let head = "as-of 2020\nsource s \"S\" 2019\nmeasure t \"T\" unit USD\n";
        let planned = format!("{head}2030 total t = $10bn target [@s]\n    a $6bn\n    b $4bn forecast\n");
        assert!(codes(&planned).is_empty(), "no future-claim, no anachronism for a plan's parts");
        let fact = format!("{head}2030 total t = $10bn [@s]\n    a $6bn target\n    b $4bn\n");
        assert_eq!(codes(&fact), [("future-claim", 4), ("anachronism", 4)], "a planned part leaves the total a fact");
    }
}
