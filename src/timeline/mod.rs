//! Timeline reasoning: the temporal network behind the `timeline`, `first`, `future-claim`
//! and `anachronism` checks, and `claimcheck timeline`, which lists every dated claim and
//! event in date order (undated events at the date their relations derive for them).

pub(crate) mod apart;
pub(crate) mod blame;
pub(crate) mod cycles;
pub(crate) mod earlier;
pub mod explain;
pub(crate) mod fewest;
pub(crate) mod first_tags;
pub(crate) mod hitting;
pub mod network;
pub mod schedule;
pub(crate) mod start_bounds;

#[cfg(test)]
mod calendar_tests;
#[cfg(test)]
mod relation_tests;

pub use schedule::{event_starts, starts_with, Schedule};

use crate::model::{Claim, Event, Loc, Model};
use crate::source::SourceMap;
use crate::value::date::format_day;
use crate::value::DateRange;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    /// One aligned line per claim or event.
    #[default]
    Human,
    /// `{"version":1,"entries":[…]}`.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to list; folders are searched for `*.claims`. `-` reads stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Human)]
    pub format: TimelineFormat,
    /// The name to report for input read from stdin (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

/// Exit status 0, or 2 when an input could not be read (the others are still listed).
pub fn command(args: Args) -> u8 {
    let (sources, errors) = crate::cli::load_paths(&args.paths, args.stdin_filename.as_deref());
    for error in &errors {
        eprintln!("error: {error}");
    }
    warn_unread_lines(&sources);
    let model = model_of(&sources);
    let starts = event_starts(&model);
    warn_undated_events(&sources, &model, &starts);
    let text = render_rows(&sources, &rows(&model, starts), args.format);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()).is_err() || !errors.is_empty() {
        return 2;
    }
    0
}

/// Names on stderr the lines left out of the timeline because they do not parse or hold an
/// impossible date, as `check --format short` reports them: a listing must not look whole
/// when it is not.
fn warn_unread_lines(sources: &SourceMap) {
    for file in sources.ids() {
        let source = sources.get(file);
        for finding in crate::syntax::parse(file, &source.text).1 {
            let (line, column) = source.line_col(finding.primary.span.start as usize);
            let code = finding.code();
            eprintln!(
                "warning: {}:{line}:{column}: left out of the timeline: {code}: {}",
                source.name, finding.message
            );
        }
    }
}

/// Names on stderr the events left out because no date can be derived for them: their
/// `after`/`before` anchors lead to no written date (`a` after `b`, `b` before `a`, both
/// undated, is no contradiction, so `check` reports nothing), or to an id that names nothing
/// or an impossible circle, which `check` reports.
fn warn_undated_events(sources: &SourceMap, model: &Model, starts: &[Option<(DateRange, bool)>]) {
    for (event, _) in model.events.iter().zip(starts).filter(|(_, start)| start.is_none()) {
        let source = sources.get(event.loc.file);
        let (line, column) = source.line_col(event.loc.span.start as usize);
        eprintln!(
            "warning: {}:{line}:{column}: left out of the timeline: no date can be derived for event \"{}\": its `after`/`before` anchors lead to no written date",
            source.name, event.description
        );
    }
}

/// The model of a set of claims files (their syntax errors are the `check` command's business).
pub fn model_of(sources: &SourceMap) -> Model {
    let trees: Vec<_> = sources.ids().map(|file| crate::syntax::parse(file, &sources.get(file).text).0).collect();
    let parsed: Vec<crate::model::build::Parsed> = sources
        .ids()
        .zip(&trees)
        .map(|(file, tree)| crate::model::build::Parsed { file, text: &sources.get(file).text, tree })
        .collect();
    crate::model::build(&parsed)
}

enum What<'m> {
    /// A claim, with its value as written and its measure's name.
    Claim(&'m Claim, Cow<'m, str>, &'m str),
    Event(&'m Event),
}

/// One line of the timeline.
struct Row<'m> {
    start: DateRange,
    end: Option<DateRange>,
    derived: bool,
    loc: Loc,
    id: Option<&'m str>,
    what: What<'m>,
}

impl Row<'_> {
    fn date(&self) -> String {
        match self.end {
            Some(end) => format!("{}..{end}", self.start),
            None => self.start.to_string(),
        }
    }

    fn description(&self) -> String {
        match &self.what {
            What::Claim(c, written, measure) => {
                let flags: String = c.flags.iter().map(|(f, _)| format!(" {}", f.word())).collect();
                let subject = c.item.as_ref().map_or_else(|| measure.to_string(), |item| format!("{measure} {item}"));
                format!("{subject} {} {written}{flags}", c.value.cmp.symbol())
            }
            What::Event(e) => {
                let plan = e.plan.map(|f| format!(" {}", f.word())).unwrap_or_default();
                format!("event \"{}\"{plan}", e.description)
            }
        }
    }
}

/// Every dated claim and event, sorted by date, then file and position.
fn rows(model: &Model, starts: Vec<Option<(DateRange, bool)>>) -> Vec<Row<'_>> {
    let claims = model.claims.iter().map(|c| Row {
        start: c.date.start,
        end: c.date.end(),
        derived: false,
        loc: c.loc,
        id: model.claim_id(c),
        what: What::Claim(c, model.written(c), model.measure_name(c)),
    });
    let events = model.events.iter().zip(starts).filter_map(|(e, start)| {
        let (start, derived) = start?;
        let end = e.date.as_ref().and_then(|d| d.end());
        Some(Row { start, end, derived, loc: e.loc, id: e.id.as_deref(), what: What::Event(e) })
    });
    let mut rows: Vec<Row> = claims.chain(events).collect();
    rows.sort_by_key(|r| (r.start.first, r.start.last, r.end, r.loc));
    rows
}

pub fn render(sources: &SourceMap, format: TimelineFormat) -> String {
    let model = model_of(sources);
    render_rows(sources, &rows(&model, event_starts(&model)), format)
}

fn render_rows(sources: &SourceMap, rows: &[Row], format: TimelineFormat) -> String {
    match format {
        TimelineFormat::Human => human(rows),
        TimelineFormat::Json => json(sources, rows),
    }
}

fn human(rows: &[Row]) -> String {
    let dates: Vec<String> = rows.iter().map(Row::date).collect();
    let date_width = dates.iter().map(|d| d.chars().count()).max().unwrap_or(0);
    let id_width = rows.iter().map(|r| r.id.map_or(0, |id| id.chars().count())).max().unwrap_or(0);
    let mut out = String::new();
    for (row, date) in rows.iter().zip(dates) {
        let id = row.id.unwrap_or("");
        let derived = if row.derived { " (derived)" } else { "" };
        let line = format!("{date:<date_width$}  {id:<id_width$}  {}{derived}", row.description());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonRange {
    first: String,
    last: String,
}

impl From<DateRange> for JsonRange {
    fn from(range: DateRange) -> Self {
        JsonRange { first: format_day(range.first), last: format_day(range.last) }
    }
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    /// As the human format shows it (`1997-05`, `2003..2008`).
    date: String,
    start: JsonRange,
    end: Option<JsonRange>,
    derived: bool,
    kind: &'static str,
    id: Option<&'a str>,
    measure: Option<&'a str>,
    item: Option<&'a str>,
    value: Option<&'a str>,
    flags: Vec<&'static str>,
    description: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonTimeline<'a> {
    version: u32,
    entries: Vec<JsonEntry<'a>>,
}

fn json(sources: &SourceMap, rows: &[Row]) -> String {
    let entries = rows
        .iter()
        .map(|row| {
            let file = sources.get(row.loc.file);
            let (line, column) = file.line_col(row.loc.span.start as usize);
            let (kind, measure, item, value, flags, description) = match &row.what {
                What::Claim(c, written, measure) => (
                    "claim",
                    Some(*measure),
                    c.item.as_deref(),
                    Some(written.as_ref()),
                    c.flags.iter().map(|(f, _)| f.word()).collect(),
                    None,
                ),
                What::Event(e) => {
                    let flags = e.plan.iter().map(|f| f.word()).collect();
                    ("event", None, None, None, flags, Some(e.description.as_str()))
                }
            };
            JsonEntry {
                date: row.date(),
                start: row.start.into(),
                end: row.end.map(JsonRange::from),
                derived: row.derived,
                kind,
                id: row.id,
                measure,
                item,
                value,
                flags,
                description,
                file: &file.name,
                line,
                column,
            }
        })
        .collect();
    let report = JsonTimeline { version: 1, entries };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn timeline(text: &str, format: TimelineFormat) -> String {
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("t.claims", text));
        render(&sources, format)
    }

    const TEXT: &str = "source s \"S\" 2001\nmeasure trade \"Trade\" unit USD\n\
        deal: event \"Deal\" after speech by 1mo [@s]\n\
        t2000: 2000 trade = $1.5bn [@s]\n\
        speech: 1997-05 event \"Speech\" [@s]\n\
        program: 2003..2008 event \"Program\" lasting 5y [@s]\n\
        2020 trade = $5bn target [@s]\n";

    #[test]
    fn lists_in_date_order_with_derived_dates_marked() {
        let expected = "\
1997-05                speech   event \"Speech\"
1997-05-15…1997-07-17  deal     event \"Deal\" (derived)
2000                   t2000    trade = $1.5bn
2003..2008             program  event \"Program\"
2020                            trade = $5bn target
";
        assert_eq!(timeline(TEXT, TimelineFormat::Human), expected);
    }

    #[test]
    fn json_carries_exact_days_and_positions() {
        let value: serde_json::Value = serde_json::from_str(&timeline(TEXT, TimelineFormat::Json)).unwrap();
        let deal = &value["entries"][1];
        assert_eq!(deal["id"], "deal");
        assert_eq!(deal["derived"], true);
        assert_eq!(deal["start"]["first"], "1997-05-15");
        assert_eq!(deal["start"]["last"], "1997-07-17");
        assert_eq!(deal["line"], 3);
        assert_eq!(value["entries"][3]["end"]["last"], "2008-12-31");
        assert_eq!(value["entries"][4]["flags"][0], "target");
    }

    #[test]
    fn undated_events_without_bounds_are_left_out() {
        let text = "source s \"S\"\na: 1990 event \"A\" [@s]\nb: event \"B\" after a [@s]\n";
        assert_eq!(timeline(text, TimelineFormat::Human), "1990  a  event \"A\"\n");
    }
}
