//! Building the model from parsed files.

use super::lower::{date_range, duration_days, value};
use super::*;
use crate::syntax::ast::{self, Directive, Entry, Member, ParsedFile};
use crate::value::number::{ratio, Q};

/// One parsed claims file with its text.
pub struct Parsed<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub tree: &'a ParsedFile,
}

pub fn build(inputs: &[Parsed]) -> Model {
    let mut model = declared(inputs, Settings::default());
    reserve(&mut model, inputs);
    for input in inputs {
        lower_entries(&mut model, input.file, input.text, input.tree.entries.iter().cloned());
    }
    resolve(&mut model);
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
}

/// Builds the model while the files are parsed, so that no file's whole syntax tree is ever
/// held: a much lower peak on large files. `declarations[i]` holds the declarations of
/// `files[i]` (see [`crate::syntax::parse_declarations`]), which every file's statements may
/// name; then `parse` hands each file's entries over one at a time, and each is lowered and
/// freed at once. `sizes` bounds the number of claims and events, to size the tables once:
/// growing them copies every claim several times over, and untouched room costs no memory.
pub fn build_streaming<R>(
    files: &[(FileId, &str)],
    declarations: &[ParsedFile],
    sizes: crate::syntax::Sizes,
    settings: Settings,
    mut parse: impl FnMut(FileId, &str, &mut dyn FnMut(Entry)) -> R,
) -> (Model, Vec<R>) {
    let inputs: Vec<Parsed> =
        files.iter().zip(declarations).map(|(&(file, text), tree)| Parsed { file, text, tree }).collect();
    let mut model = declared(&inputs, settings);
    model.claims.reserve(sizes.claims);
    model.events.reserve(sizes.events);
    // Most statements of a large file are labelled; a table with fewer labels touches only
    // the pages its entries land on.
    model.ids.reserve(sizes.claims + sizes.events);
    let results = files
        .iter()
        .map(|&(file, text)| {
            let mut builder = Builder::new(&mut model, file, text);
            parse(file, text, &mut |entry| builder.entry(entry))
        })
        .collect();
    resolve(&mut model);
    (model, results)
}

/// Lowers entries taken by value: their names, citations and quotes move into the model.
fn lower_entries(model: &mut Model, file: FileId, text: &str, entries: impl Iterator<Item = Entry>) {
    let mut builder = Builder::new(model, file, text);
    for entry in entries {
        builder.entry(entry);
    }
}

/// A model with the files' settings, sources and measures declared, and room for the rest.
fn declared(inputs: &[Parsed], settings: Settings) -> Model {
    let mut model = Model::default();
    for source in settings.bibliography {
        if let Some(&first) = model.source_keys.get(&source.key) {
            let first = model.sources[first].loc;
            let duplicate = Duplicate { kind: NameKind::Source, name: source.key.clone(), first, second: source.loc };
            model.duplicates.push(duplicate);
            continue;
        }
        model.source_keys.insert(source.key.clone(), model.sources.len());
        model.sources.push(source);
    }
    for input in inputs {
        let tolerance = settings.default_tolerance.get(&input.file).cloned().unwrap_or_else(default_tolerance);
        model.files.push(file_info(input, tolerance));
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

fn file_info(input: &Parsed, tolerance: Q) -> FileInfo {
    let mut info = FileInfo {
        file: input.file,
        as_of: None,
        tolerance,
        manuscript: None,
        bibliographies: Vec::new(),
        manuscript_file: None,
    };
    for entry in &input.tree.entries {
        match &entry.directive {
            Directive::AsOf(date) => {
                info.as_of.get_or_insert((date_range(date, "").range(), date.span));
            }
            Directive::Tolerance(q) => {
                if let ast::NumberLit::Decimal(d) = &q.number {
                    info.tolerance = &d.value / Q::from_integer(100.into());
                }
            }
            Directive::Manuscript(path) => {
                info.manuscript.get_or_insert((path.text.to_string(), path.span));
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
                if let Some(&first) = model.source_keys.get(&key.name) {
                    let kept = &model.sources[first];
                    let same = kept.text.as_deref() == text.as_ref().map(|t| t.text.as_str())
                        && kept.published == year.as_ref().map(|y| date_range(y, "").range());
                    let (first, same) = (kept.loc, same && !kept.from_bibliography);
                    redeclared(model, NameKind::Source, &key.name, first, same, loc(key.span));
                    continue;
                }
                model.source_keys.insert(key.name.clone(), model.sources.len());
                model.sources.push(Source {
                    key: key.name.clone(),
                    text: text.as_ref().map(|t| t.text.clone()),
                    published: year.as_ref().map(|y| date_range(y, "").range()),
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

struct Builder<'m, 't> {
    model: &'m mut Model,
    file: FileId,
    text: &'t str,
    tolerance: Q,
}

impl<'m, 't> Builder<'m, 't> {
    fn new(model: &'m mut Model, file: FileId, text: &'t str) -> Self {
        let tolerance = model.file_info(file).map_or_else(default_tolerance, |f| f.tolerance.clone());
        Builder { model, file, text, tolerance }
    }

    fn loc(&self, span: Span) -> Loc {
        Loc { file: self.file, span }
    }

    fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    fn define(&mut self, label: &Option<ast::Ident>, target: Target) {
        let Some(label) = label else { return };
        let loc = self.loc(label.span);
        match self.model.ids.entry(label.name.clone()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = first.get().1;
                let name = label.name.clone();
                self.model.duplicates.push(Duplicate { kind: NameKind::Id, name, first, second: loc });
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((target, loc));
            }
        }
    }

    fn citation(&self, citation: Option<ast::Citation>) -> Option<Citation> {
        citation.map(|c| Citation {
            cites: c
                .cites
                .into_iter()
                .map(|cite| Cite {
                    key: cite.key.name,
                    loc: self.loc(cite.key.span),
                    locator: cite.locator.map(|l| l.text),
                    pages: cite.pages,
                })
                .collect(),
            loc: self.loc(c.span),
            inherited: false,
        })
    }

    fn measure_of(&self, name: &ast::Ident) -> Option<MeasureId> {
        self.model.measure_names.get(&name.name).copied()
    }

    fn lower_value(&self, expr: &ast::ValueExpr, measure: Option<MeasureId>) -> Value {
        let written = self.slice(Span { start: expr.cmp_span.end, end: expr.span.end });
        let unit = measure.and_then(|m| self.model.measures[m].unit.as_deref());
        value(expr, written, unit, &self.tolerance)
    }

    fn push_claim(&mut self, claim: Claim) -> ClaimId {
        let id = self.model.claims.len();
        if let (Some(m), Some(unit)) = (claim.measure, &claim.value.unit) {
            if self.model.measures[m].unit.as_ref().is_some_and(|mu| mu != unit) {
                self.model.unit_clashes.push(UnitClash { claim: id, measure: m });
            }
        }
        self.model.claims.push(claim);
        id
    }

    fn entry(&mut self, entry: Entry) {
        let Entry { label, directive, tags, citation, quotes, span } = entry;
        let tags: Vec<CompactString> = tags.into_iter().map(|t| t.name).collect();
        let citation = self.citation(citation);
        let id = label.as_ref().map(|l| l.name.clone());
        match directive {
            Directive::Claim(line) => {
                let ast::ClaimLine { date, measure: measure_name, item, value, flags } = *line;
                let measure = self.measure_of(&measure_name);
                self.note_measure(measure, &measure_name);
                let claim = Claim {
                    loc: self.loc(span),
                    id,
                    date: date_range(&date, self.slice(date.span)),
                    measure,
                    measure_name: measure_name.name,
                    item: item.map(|i| i.text),
                    value: self.lower_value(&value, measure),
                    flags,
                    tags,
                    citation,
                    quotes,
                    block: None,
                };
                let id = self.push_claim(claim);
                self.define(&label, Target::Claim(id));
            }
            Directive::Event(line) => {
                let event_id = self.model.events.len();
                let event = Event {
                    loc: self.loc(span),
                    id,
                    date: line.date.as_ref().map(|d| date_range(d, self.slice(d.span))),
                    description: line.description.text,
                    relative: line.relative.map(|r| RelativeDate {
                        relation: r.relation,
                        offset: r.offset.as_ref().map(|d| duration_days(d, &self.tolerance, self.slice(d.span))),
                        anchor: r.anchor.name,
                        anchor_span: r.anchor.span,
                        span: r.span,
                    }),
                    lasting: line.lasting.as_ref().map(|d| duration_days(d, &self.tolerance, self.slice(d.span))),
                    first: line.first,
                    tags,
                    citation,
                    quotes,
                };
                self.model.events.push(event);
                self.define(&label, Target::Event(event_id));
            }
            Directive::Block(block) => self.block(span, label, *block, tags, citation, quotes),
            Directive::Assert { lhs, cmp, rhs, .. } => {
                let assert_id = self.model.asserts.len();
                self.model.asserts.push(Assert {
                    loc: self.loc(span),
                    id,
                    lhs: *lhs,
                    cmp,
                    rhs: *rhs,
                    citation,
                    quotes,
                    tolerance: self.tolerance.clone(),
                });
                self.define(&label, Target::Assert(assert_id));
            }
            Directive::Order(ids) => {
                let order = Order { loc: self.loc(span), ids: ids.into_iter().map(|i| (i.name, i.span)).collect() };
                self.model.orders.push(order);
            }
            Directive::AsOf(_)
            | Directive::Tolerance(_)
            | Directive::Manuscript(_)
            | Directive::Bibliography(_)
            | Directive::Source { .. }
            | Directive::Measure { .. } => {}
        }
    }

    fn note_measure(&mut self, measure: Option<MeasureId>, name: &ast::Ident) {
        if measure.is_none() {
            self.model.unresolved.push(Unresolved {
                kind: NameKind::Measure,
                name: name.name.clone(),
                loc: self.loc(name.span),
            });
        }
    }

    fn block(
        &mut self,
        span: Span,
        label: Option<ast::Ident>,
        block: ast::Block,
        tags: Vec<CompactString>,
        citation: Option<Citation>,
        quotes: ast::Quotes,
    ) {
        let block_id = self.model.blocks.len();
        let ast::Block { date, measure: measure_name, kind, members } = block;
        let measure = self.measure_of(&measure_name);
        self.note_measure(measure, &measure_name);
        let date = date_range(&date, self.slice(date.span));
        let (kind, quotes) = match kind {
            ast::BlockKind::Shares { complete } => {
                self.define(&label, Target::Block(block_id));
                (BlockKind::Shares { complete: complete.is_some() }, quotes)
            }
            ast::BlockKind::Total { item, value } => {
                let total = self.push_claim(Claim {
                    loc: self.loc(span),
                    id: label.as_ref().map(|l| l.name.clone()),
                    date: date.clone(),
                    measure,
                    measure_name: measure_name.name.clone(),
                    item: item.map(|i| i.text),
                    value: self.lower_value(&value, measure),
                    flags: ast::Flags::new(),
                    tags,
                    citation: citation.clone(),
                    quotes,
                    block: Some(block_id),
                });
                self.define(&label, Target::Claim(total));
                // A `total` line's quotes belong to its total claim.
                (BlockKind::Total { total }, ast::Quotes::new())
            }
        };
        let members = members
            .into_iter()
            .map(|m| self.member(m, &measure_name.name, &date, measure, &citation, block_id))
            .collect();
        // A label already taken names the first thing it labels, not this block.
        let id = label.filter(|l| self.model.target(&l.name) == Some(Target::Block(block_id))).map(|l| l.name);
        self.model.blocks.push(Block {
            loc: self.loc(span),
            id,
            kind,
            date,
            measure,
            measure_name: measure_name.name,
            members,
            citation,
            quotes,
        });
    }

    fn member(
        &mut self,
        member: Member,
        measure_name: &str,
        date: &DateValue,
        measure: Option<MeasureId>,
        block_citation: &Option<Citation>,
        block_id: BlockId,
    ) -> ClaimId {
        let citation = match member.citation {
            Some(own) => self.citation(Some(own)),
            None => block_citation.clone().map(|c| Citation { inherited: true, ..c }),
        };
        let claim = Claim {
            loc: self.loc(member.span),
            id: member.label.as_ref().map(|l| l.name.clone()),
            date: date.clone(),
            measure,
            measure_name: measure_name.into(),
            item: Some(member.item.text),
            value: self.lower_value(&member.value, measure),
            flags: member.flags,
            tags: member.tags.into_iter().map(|t| t.name).collect(),
            citation,
            quotes: member.quotes,
            block: Some(block_id),
        };
        let id = self.push_claim(claim);
        self.define(&member.label, Target::Claim(id));
        id
    }
}

/// Records every citation key, event anchor, order id and assert id that names nothing.
fn resolve(model: &mut Model) {
    let mut unresolved = Vec::new();
    let citations = model
        .claims
        .iter()
        .filter_map(|c| c.citation.as_ref().filter(|c| !c.inherited))
        .chain(model.events.iter().filter_map(|e| e.citation.as_ref()))
        .chain(model.blocks.iter().filter_map(|b| b.citation.as_ref()))
        .chain(model.asserts.iter().filter_map(|a| a.citation.as_ref()));
    let mut seen_block_citations = rustc_hash::FxHashSet::default();
    for citation in citations {
        if !seen_block_citations.insert(citation.loc) {
            continue;
        }
        for cite in &citation.cites {
            if !model.source_keys.contains_key(&cite.key) {
                unresolved.push(Unresolved { kind: NameKind::Source, name: cite.key.clone(), loc: cite.loc });
            }
        }
    }
    let check_id = |name: &str, loc: Loc, unresolved: &mut Vec<Unresolved>| {
        if !model.ids.contains_key(name) {
            unresolved.push(Unresolved { kind: NameKind::Id, name: name.into(), loc });
        }
    };
    for event in &model.events {
        if let Some(r) = &event.relative {
            check_id(&r.anchor, Loc { file: event.loc.file, span: r.anchor_span }, &mut unresolved);
        }
    }
    for order in &model.orders {
        for (name, span) in &order.ids {
            check_id(name, Loc { file: order.loc.file, span: *span }, &mut unresolved);
        }
    }
    for assert in &model.asserts {
        for side in [&assert.lhs, &assert.rhs] {
            visit_expr(side, &mut |e| match e {
                ast::Expr::Id(id) => check_id(&id.name, Loc { file: assert.loc.file, span: id.span }, &mut unresolved),
                ast::Expr::MeasureAt(m, _, _) if !model.measure_names.contains_key(&m.name) => {
                    unresolved.push(Unresolved {
                        kind: NameKind::Measure,
                        name: m.name.clone(),
                        loc: Loc { file: assert.loc.file, span: m.span },
                    })
                }
                _ => {}
            });
        }
    }
    model.unresolved.extend(unresolved);
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
            ast::Expr::Id(_) | ast::Expr::MeasureAt(..) | ast::Expr::Quantity(_) => {}
        }
    }
}
