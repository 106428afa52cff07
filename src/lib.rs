//! claimcheck finds the places where the claims of a document cannot all be true at once.
//!
//! The pipeline runs one way: [`syntax`] (text to tree, recovering at every line) →
//! [`model`] (names, units and dates resolved into exact intervals) → [`checks`] (pure
//! functions from the model to [`finding::Finding`]s) → [`report`] (renderers that
//! only print).

pub mod bibliography;
pub mod checks;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod engine;
pub mod finding;
pub mod fmt;
pub mod lsp;
pub mod manuscript;
pub mod memory;
pub mod model;
pub mod registry;
pub mod report;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;
pub mod timeline;
pub mod value;

use finding::Finding;
use model::build::LookedUp;
use source::{FileId, SourceFile, SourceMap};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The result of checking a set of claims files.
pub struct Outcome {
    pub sources: SourceMap,
    /// The claims files checked (the source map may hold other files too).
    pub claim_files: Vec<FileId>,
    /// Sorted by file, position and code.
    pub findings: Vec<Finding>,
    /// Claims, events and asserts in the model.
    pub statements: usize,
    /// Files that could not be read or used (a claims file, a manuscript, a bibliography, a
    /// configuration): the run itself failed, and the CLI exits 2.
    pub run_errors: Vec<RunError>,
}

/// A problem that stops a file (or the whole run) from being checked: exit 2. Every report
/// carries it, so that a run that failed never reads as a clean one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    /// The file at fault, named as reports name files (never absolute).
    pub file: String,
    /// What went wrong, naming the file: `cannot read `a.claims`: No such file or directory`.
    pub message: String,
}

impl RunError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        RunError { file: file.into(), message: message.into() }
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Outcome {
    pub fn count(&self, severity: finding::Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Settings of one run that do not come from the claims files.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// `--manuscript PATH`: overrides the files' `manuscript` directives.
    pub manuscript: Option<std::path::PathBuf>,
    /// The `claimcheck.toml` that governs each claims file, if any.
    pub configs: Vec<(FileId, std::sync::Arc<config::Config>)>,
    /// Everything on the calling thread. By default a large file is parsed on a second thread
    /// while its model is built, and a large model's checks share two threads; the findings
    /// are the same either way.
    pub one_thread: bool,
}

/// Parses, models and checks every file of `sources` as one file set.
pub fn check_sources(sources: SourceMap) -> Outcome {
    check_sources_with(sources, &RunOptions::default())
}

/// [`check_sources`] with run options. A claims file's `manuscript` and `bibliography`
/// paths are relative to its name (the path it was given as), so an in-memory file named
/// `fixtures/x/a.claims` finds `fixtures/x/refs.bib`.
pub fn check_sources_with(sources: SourceMap, options: &RunOptions) -> Outcome {
    check_sources_read(sources, options, &manuscript::files::read_from_disk)
}

/// [`check_sources_with`] reading manuscripts and bibliographies through `read`.
pub(crate) fn check_sources_read(
    mut sources: SourceMap,
    options: &RunOptions,
    read: manuscript::files::Reader,
) -> Outcome {
    let claim_files: Vec<FileId> = sources.ids().collect();
    let texts: Vec<(FileId, Arc<String>)> =
        claim_files.iter().map(|&file| (file, Arc::clone(&sources.get(file).text))).collect();
    let large = texts.iter().map(|(_, text)| text.len()).sum::<usize>() >= PIPELINE_FROM_BYTES;
    let pipelined = large && !options.one_thread && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let _freed_given_back = large.then(memory::FreedGivenBack::start);
    let freed_held = pipelined.then(memory::FreedHeld::start);
    let (mut model, parsed, attached) = std::thread::scope(|scope| {
        // The claims files are parsed on a thread of their own from the start, while this one
        // reads their declarations and manuscripts, then lowers each entry the parser hands
        // over and adds it to the model.
        let fault_ahead = pipelined.then(Arc::default);
        let source_keys = pipelined.then(Arc::default);
        let parsing = fault_ahead.clone().zip(source_keys.clone()).map(|(ahead, source_keys)| {
            let (send, receive) = std::sync::mpsc::sync_channel(PIPELINE_AHEAD);
            let (give_back, spent) = std::sync::mpsc::channel();
            let texts = &texts;
            let handover = Handover { send, ahead: Arc::clone(&ahead), source_keys };
            ((receive, give_back, ahead), scope.spawn(move || parse_ahead(texts, &handover, &spent)))
        });
        let mut declarations = Vec::with_capacity(claim_files.len());
        let mut sizes = syntax::Sizes::default();
        for &file in &claim_files {
            let text = &sources.get(file).text;
            let (declared, file_sizes) = match pipelined && text.len() >= PIPELINE_FROM_BYTES {
                // Meanwhile the parser's thread runs ahead of the model until it must wait for
                // room: a third thread costs it little.
                true => syntax::parse_declarations_in_halves(text),
                false => syntax::parse_declarations(text),
            };
            declarations.push(declared);
            sizes += file_sizes;
        }
        let mut attached =
            manuscript::files::attach(&mut sources, &claim_files, &declarations, options.manuscript.as_deref(), read);
        let configs = options.configs.iter().filter_map(|(file, c)| c.tolerance.clone().map(|t| (*file, t)));
        let bibliography = std::mem::take(&mut attached.sources);
        let default_tolerance = configs.collect();
        let settings = model::build::Settings {
            bibliography,
            default_tolerance,
            fault_ahead,
            source_keys_to: source_keys,
            two_threads: pipelined,
        };
        let (model, parsed) =
            model::build::build_streaming(&texts, &declarations, sizes, settings, |file, text, lowerer, add| {
                match &parsing {
                    Some(((receive, give_back, ahead), _)) => lower_parsed(receive, give_back, ahead, lowerer, add),
                    None => syntax::parse_each(file, text, |mut item| add(lowerer.lower_item(&mut item, LookedUp::No))),
                }
            });
        if let Some(((receive, give_back, _), parser)) = parsing {
            // Whatever the parser may still send has no reader: it must not wait for one.
            drop((receive, give_back));
            parser.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        (model, parsed, attached)
    });
    drop(freed_held);
    let mut findings = attached.findings;
    let mut allows = Vec::with_capacity(parsed.len());
    for (&file, (file_allows, syntax_findings)) in claim_files.iter().zip(parsed) {
        findings.extend(syntax_findings);
        allows.push((file, file_allows));
    }
    for info in &mut model.files {
        info.manuscript_file = attached.manuscripts.get(&info.file).copied();
    }
    let configs: HashMap<FileId, &config::Config> = options.configs.iter().map(|(f, c)| (*f, c.as_ref())).collect();
    let context = checks::Context::new(&model, &sources);
    let context = if options.one_thread { context.on_one_thread() } else { context };
    findings.extend(checks::run(&context));
    let allows: Vec<(FileId, &[syntax::ast::Allow])> =
        allows.iter().map(|(file, file_allows)| (*file, file_allows.as_slice())).collect();
    suppress::apply(&mut findings, &allows, &sources);
    if !configs.is_empty() {
        findings = findings
            .into_iter()
            .filter_map(|f| match configs.get(&f.primary.file) {
                Some(config) => config.apply(f),
                None => Some(f),
            })
            .collect();
    }
    finding::sort(&mut findings, &sources);
    let run_errors = attached.errors;
    let statements = model.statement_count();
    drop(context);
    if statements >= checks::PARALLEL_FROM && !options.one_thread {
        // Freeing a large model visits every claim (about 3 % of a run): the report need not
        // wait. Where no thread can be started, the model is freed here, with the closure.
        let _ = std::thread::Builder::new().spawn(move || drop(model));
    }
    Outcome { statements, sources, claim_files, findings, run_errors }
}

/// From this size on (all claims files together), a run is large: the files are parsed on a
/// thread of their own, and memory freed is given back to the system at once
/// ([`memory::FreedGivenBack`]).
const PIPELINE_FROM_BYTES: usize = 256 << 10;
/// Lines handed from the parsing thread to the model per message.
const PIPELINE_BATCH: usize = 256;
/// Batches the parser may run ahead of the model: 16 are 4k lines, some 640 KiB of records.
/// Since the parser reads the common claim line in one pass it is the faster of the two
/// threads, so what it runs ahead only waits: 64 batches (of entries, then) held 9 MiB more at
/// 100k claims, and faulting them in made runs slower.
const PIPELINE_AHEAD: usize = 16;

/// What the parsing thread hands over: a batch of a file's lines, in file order, with the
/// sources their citations cite as far as it looked them up, or the end of a file, with its
/// suppressions and syntax findings.
enum Parsing {
    Lines(Vec<syntax::ast::Item>, Vec<LookedUp>),
    Done(ParsedFile),
}

/// A file's suppressions and syntax findings.
type ParsedFile = (Vec<syntax::ast::Allow>, Vec<Finding>);

/// Where the parsing thread hands its batches over to the model's thread.
struct Handover {
    send: std::sync::mpsc::SyncSender<Parsing>,
    /// The claims table, which the model's thread fills: while the model has no room for the
    /// next batch, this thread faults in the table's next pages rather than wait.
    ahead: Arc<memory::FaultAhead>,
    /// The sources declared, once the model's thread has read them: this thread looks up the
    /// sources its lines cite, a table the model's thread then need not read.
    source_keys: Arc<OnceLock<model::build::SourceKeys>>,
}

impl Handover {
    /// Hands a batch of lines of `text` over, with the sources they cite if they are known
    /// by now; false when the model's thread has stopped reading.
    fn send_lines(&self, batch: Vec<syntax::ast::Item>, text: &str) -> bool {
        let mut looked_up = Vec::new();
        if let Some(keys) = self.source_keys.get() {
            model::build::look_up_sources(&batch, text, keys, &mut looked_up);
        }
        self.send(Parsing::Lines(batch, looked_up))
    }

    /// Hands `message` over; false when the model's thread has stopped reading.
    fn send(&self, mut message: Parsing) -> bool {
        use std::sync::mpsc::TrySendError;
        loop {
            match self.send.try_send(message) {
                Ok(()) => return true,
                Err(TrySendError::Full(unsent)) if self.ahead.fault_in_next() => message = unsent,
                Err(TrySendError::Full(unsent)) => return self.send.send(unsent).is_ok(),
                Err(TrySendError::Disconnected(_)) => return false,
            }
        }
    }
}

/// Parses each claims file in turn, handing its lines over in batches, each claim of the
/// common shape as its record ([`syntax::ast::Item`]). Each line is read in its place in the
/// batch, and a full batch is handed over as it is: no line is moved on this thread. The
/// batches the model has read come back (`spent`) to be emptied here: what is left of their
/// lines was allocated on this thread, and is freed faster here (freeing memory another
/// thread allocated took a twentieth of the model's thread's time), and a spent batch is
/// filled again.
fn parse_ahead(
    texts: &[(FileId, Arc<String>)],
    send: &Handover,
    spent: &std::sync::mpsc::Receiver<Vec<syntax::ast::Item>>,
) {
    let next_batch = || {
        let mut reused = None;
        // The model hands back one batch for each it reads: any other is freed at once.
        for mut batch in spent.try_iter() {
            batch.clear();
            reused.get_or_insert(batch);
        }
        reused.unwrap_or_else(|| Vec::with_capacity(PIPELINE_BATCH))
    };
    for (file, text) in texts {
        let mut batch = next_batch();
        // The receiver reads every batch, unless the model's thread has stopped (it panicked):
        // then the files left are not parsed.
        let mut read = true;
        let parsed = syntax::parse_into(*file, text, &mut batch, PIPELINE_BATCH, |full| {
            if read {
                let full = std::mem::replace(full, next_batch());
                read = send.send_lines(full, text);
            } else {
                full.clear();
            }
        });
        if !(send.send_lines(batch, text) && send.send(Parsing::Done(parsed))) {
            return;
        }
    }
}

/// Lowers and adds the lines of the file the parsing thread is on, up to its end, each read
/// where it is in its batch, and gives each batch back to the parsing thread once read. While
/// the parser has no batch ready, this thread faults in the claims table's next pages itself.
fn lower_parsed(
    receive: &std::sync::mpsc::Receiver<Parsing>,
    give_back: &std::sync::mpsc::Sender<Vec<syntax::ast::Item>>,
    ahead: &memory::FaultAhead,
    lowerer: &model::build::Lowerer,
    add: &mut dyn FnMut(model::build::Lowered),
) -> ParsedFile {
    use std::sync::mpsc::TryRecvError;
    loop {
        let message = match receive.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) if ahead.fault_in_next() => continue,
            Err(TryRecvError::Empty) => match receive.recv() {
                Ok(message) => message,
                Err(_) => break,
            },
            Err(TryRecvError::Disconnected) => break,
        };
        match message {
            Parsing::Lines(mut batch, looked_up) => {
                // Lines parsed before the sources were known were not looked up.
                let looked_up = looked_up.into_iter().chain(std::iter::repeat(LookedUp::No));
                batch.iter_mut().zip(looked_up).for_each(|(item, found)| add(lowerer.lower_item(item, found)));
                // Once the parser has ended, this thread frees the batch itself.
                let _ = give_back.send(batch);
            }
            Parsing::Done(parsed) => return parsed,
        }
    }
    // The parser stopped early: it panicked, and joining it resumes the panic.
    ParsedFile::default()
}

/// Checks one in-memory file.
pub fn check_text(name: &str, text: &str) -> Outcome {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new(name, text));
    check_sources(sources)
}
