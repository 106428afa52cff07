//! The command line: `claimcheck [check] [PATHS...]`, `claimcheck explain CODE`.

use crate::config::{self, Config};
use crate::finding::Severity;
use crate::registry::{self, RULES};
use crate::report::{self, Format};
use crate::source::FileId;
use crate::source::{SourceFile, SourceMap};
use crate::RunError;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "claimcheck",
    version,
    about = "Finds the places where the claims of a document cannot all be true at once",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check claims files and folders (the default command).
    Check(CheckArgs),
    /// Explain what a finding code means and how to fix it.
    Explain(ExplainArgs),
    /// Rewrite claims files in the canonical layout.
    Fmt(FmtArgs),
    /// List every dated claim and event in date order.
    Timeline(crate::timeline::Args),
    /// List the manuscript's numbers and dates that no quote covers.
    Coverage(crate::coverage::Args),
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or folders to check; folders are searched for `*.claims`. `-` reads stdin.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Warnings fail the run too (exit 1).
    #[arg(long)]
    deny_warnings: bool,
    /// The name to report for input read from stdin (`-`, or no paths at all).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Also show `info` notes (derived values, checks that pass only thanks to rounding).
    #[arg(long)]
    show_notes: bool,
    /// Check quotes against this manuscript instead of the files' `manuscript` lines.
    #[arg(long, value_name = "PATH")]
    manuscript: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// The code, for example `conflict`.
    #[arg(required_unless_present = "list")]
    code: Option<String>,
    /// List every code with its severity and summary.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

#[derive(Args, Debug)]
struct FmtArgs {
    /// Files or folders to format; `-` formats stdin to stdout.
    paths: Vec<PathBuf>,
    /// Change nothing: print a diff of what would change and exit 1 if anything would.
    #[arg(long)]
    check: bool,
    /// The name to report for input read from stdin (`-`, or no paths at all), as editors
    /// that format a buffer on save pass it.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Some(Command::Check(args)) => check(args),
        Some(Command::Explain(args)) => explain(args),
        Some(Command::Fmt(args)) => fmt(args),
        Some(Command::Timeline(args)) => crate::timeline::command(args),
        Some(Command::Coverage(args)) => crate::coverage::command(args),
        Some(Command::Lsp) => crate::lsp::run(),
        None => check(cli.check),
    }
}

fn explain(args: ExplainArgs) -> u8 {
    let mut out = String::new();
    if args.list {
        for rule in RULES {
            out.push_str(&format!("{:<20} {:<8} {}\n", rule.code, rule.severity.as_str(), rule.summary));
        }
        return print(&out, 0);
    }
    let code = args.code.unwrap_or_default();
    let Some(rule) = registry::find(&code) else {
        let hint = registry::suggest(&code).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
        eprintln!("error: unknown code `{code}`{hint}; `claimcheck explain --list` lists them all");
        return 2;
    };
    print(&explanation(rule), 0)
}

/// Writes `text` to stdout and exits with `status`, or with 2, quietly, when stdout cannot be
/// written: a reader that stopped early (`| head -1`) has closed it, and the run did not
/// deliver its output.
pub(crate) fn print(text: &str, status: u8) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => status,
        Err(_) => 2,
    }
}

/// The text `explain` prints for a rule.
pub fn explanation(rule: &registry::Rule) -> String {
    let d = rule.docs;
    format!(
        "{code} ({severity}): {summary}\n\nWhat it finds\n  {what}\n\nWhy it matters\n  {why}\n\nExample\n{example}\n\nHow to fix it\n  {fix}\n",
        code = rule.code,
        severity = rule.severity.as_str(),
        summary = rule.summary,
        what = d.what,
        why = d.why,
        example = d.example.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"),
        fix = d.fix,
    )
}

fn check(args: CheckArgs) -> u8 {
    let mut failed = false;
    let Loaded { sources, errors, configs } = load(&args);
    for error in &errors {
        eprintln!("error: {error}");
        failed = true;
    }
    // A machine format is always written, so that a CI step reading it sees the failure
    // (SARIF marks the run unsuccessful) rather than no report at all.
    let machine = matches!(args.format, Format::Json | Format::Sarif | Format::Rdjson | Format::Github);
    if failed && sources.is_empty() && !machine {
        return 2;
    }
    if sources.is_empty() && !failed {
        warn_no_files(&default_paths(&args.paths, args.stdin_filename.is_some()));
    }
    let run_options = crate::RunOptions { manuscript: args.manuscript.clone(), configs, one_thread: false };
    let mut outcome = crate::check_sources_with(sources, &run_options);
    for error in &outcome.run_errors {
        eprintln!("error: {error}");
        failed = true;
    }
    outcome.run_errors.splice(0..0, errors);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    };
    let options = report::Options { color, show_notes: args.show_notes, ..report::Options::default() };
    let text = report::render(&outcome, args.format, &options);
    let status = if failed {
        2
    } else if outcome.count(Severity::Error) > 0 || (args.deny_warnings && outcome.count(Severity::Warning) > 0) {
        1
    } else {
        0
    };
    print(&text, status)
}

fn fmt(args: FmtArgs) -> u8 {
    // Stdout closed early (`| head -1`): the rest is not written, and the run failed, as a
    // check whose report cannot be written does.
    fmt_to(&args, &mut std::io::stdout().lock()).unwrap_or(2)
}

/// `claimcheck fmt`, printing formatted stdin and diffs to `out`: the exit status, or the
/// error that stopped `out` from being written.
fn fmt_to(args: &FmtArgs, out: &mut impl Write) -> std::io::Result<u8> {
    let mut failed = false;
    let mut changed = false;
    warn_stdin_unread(&args.paths, args.stdin_filename.as_deref());
    let paths = default_paths(&args.paths, args.stdin_filename.is_some());
    let mut seen = stdin_stand_in(&paths, args.stdin_filename.as_deref());
    let mut stdin_read = false;
    let mut configs = ConfigCache::default();
    for path in paths.iter() {
        if path.as_os_str() == "-" {
            // Standard input is one file, however often `-` is named.
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            let name = &stdin_name(args.stdin_filename.as_deref());
            let text = read_stream(std::io::stdin().lock(), name)
                .map_err(|e| e.unwrap_or_else(|e| RunError::new(name, format!("cannot read stdin: {e}"))));
            match text {
                Ok(text) => {
                    let formatted = format_warning(name, &text);
                    if args.check {
                        changed |= print_diff(out, name, &text, &formatted)?;
                    } else {
                        out.write_all(formatted.as_bytes())?;
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    failed = true;
                }
            }
            continue;
        }
        let (files, errors) = expand(path);
        for e in errors {
            eprintln!("error: {e}");
            failed = true;
        }
        let walked = path.is_dir();
        for file in files {
            // The files a folder walk finds are those `check` takes: include/exclude apply.
            if walked {
                match configs.for_dir(&config_start(&file)) {
                    Ok(config) if config.as_ref().is_some_and(|c| !c.selects(&file)) => continue,
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                        break;
                    }
                }
            }
            if !seen.insert(identity(&file)) {
                continue;
            }
            let name = display_name(&file);
            let text = match read_text(&file, &name) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("error: {e}");
                    failed = true;
                    continue;
                }
            };
            let formatted = format_warning(&name, &text);
            if formatted == text {
                continue;
            }
            if args.check {
                changed |= print_diff(out, &name, &text, &formatted)?;
            } else if let Err(e) = std::fs::write(&file, formatted) {
                eprintln!("error: cannot write `{name}`: {e}");
                failed = true;
            }
        }
    }
    out.flush()?;
    if seen.is_empty() && !stdin_read && !failed {
        warn_no_files(&paths);
    }
    Ok(if failed { 2 } else { u8::from(changed) })
}

/// The canonical layout of `text`, naming on stderr each line left as written because it
/// does not parse (as `check --format short` reports it): the file is formatted, not whole.
fn format_warning(name: &str, text: &str) -> String {
    let (formatted, unparsed) = crate::fmt::format_reporting(text);
    if !unparsed.is_empty() {
        let source = crate::source::SourceFile::new(name, text.to_string());
        for finding in unparsed {
            let (line, column) = source.line_col(finding.primary.span.start as usize);
            eprintln!("warning: {name}:{line}:{column}: left as written: syntax: {}", finding.message);
        }
    }
    formatted
}

/// Writes a unified diff to `out`; true when the texts differ.
fn print_diff(out: &mut impl Write, name: &str, old: &str, new: &str) -> std::io::Result<bool> {
    if old == new {
        return Ok(false);
    }
    let diff = similar::TextDiff::from_lines(old, new);
    write!(out, "{}", diff.unified_diff().context_radius(2).header(name, &format!("{name} (formatted)")))?;
    Ok(true)
}

/// A folder holding no `.claims` file (or none its configuration selects) is no error, as
/// in ruff, but a run that checked nothing says so: a mistyped folder must not pass unseen.
fn warn_no_files(paths: &[PathBuf]) {
    let named = paths.iter().map(|p| format!("`{}`", display_name(p))).collect::<Vec<_>>().join(", ");
    eprintln!("warning: no `.claims` files found in {named}");
}

/// The paths a command reads: those given; with none, stdin when it has been given a name
/// (`--stdin-filename`, as ruff reads it), else the current folder.
fn default_paths(paths: &[PathBuf], stdin_named: bool) -> Cow<'_, [PathBuf]> {
    match (paths.is_empty(), stdin_named) {
        (false, _) => Cow::Borrowed(paths),
        (true, true) => Cow::Owned(vec![PathBuf::from("-")]),
        (true, false) => Cow::Owned(vec![PathBuf::from(".")]),
    }
}

/// `--stdin-filename` without `-` among the paths names input that is never read: said on
/// stderr, as ruff says it, since the run checks the files on disk instead.
fn warn_stdin_unread(paths: &[PathBuf], stdin_filename: Option<&str>) {
    if let Some(name) = stdin_filename {
        if !paths.is_empty() && !paths.iter().any(|path| path.as_os_str() == "-") {
            eprintln!("warning: standard input is not read: `--stdin-filename {name}` takes effect only with `-` among the paths");
        }
    }
}

/// The files already taken before any is read: the one stdin is named after, when `-` reads
/// it. Stdin stands in for that file, as in ruff and prettier (an editor passes its unsaved
/// buffer so), so the file on disk, named too or met in a folder walk, is not checked again
/// beside it, which would define each of its ids twice.
fn stdin_stand_in(paths: &[PathBuf], stdin_filename: Option<&str>) -> std::collections::HashSet<PathBuf> {
    let reads_stdin = paths.iter().any(|path| path.as_os_str() == "-");
    stdin_filename.filter(|_| reads_stdin).map(|name| identity(Path::new(name))).into_iter().collect()
}

/// What tells two paths to one file apart from two files: the file's canonical path, through
/// any `.`, `..` and symbolic link (the path itself when it cannot be resolved).
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads every file the arguments name; folders are walked for `*.claims` in sorted order.
fn load(args: &CheckArgs) -> Loaded {
    load_configured(&args.paths, args.stdin_filename.as_deref())
}

/// [`load`] for any command: `-` reads stdin under `stdin_filename`.
pub(crate) fn load_paths(paths: &[PathBuf], stdin_filename: Option<&str>) -> (SourceMap, Vec<RunError>) {
    let loaded = load_configured(paths, stdin_filename);
    (loaded.sources, loaded.errors)
}

/// The files of a run, what went wrong reading them, and the `claimcheck.toml` of each.
pub(crate) struct Loaded {
    pub sources: SourceMap,
    pub errors: Vec<RunError>,
    pub configs: Vec<(FileId, Arc<Config>)>,
}

/// Configurations found so far, by the folder the search started from.
#[derive(Default)]
struct ConfigCache(HashMap<PathBuf, Option<Arc<Config>>>);

impl ConfigCache {
    /// The configuration governing files in `dir`; a broken one is an error of the run.
    fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, RunError> {
        if let Some(found) = self.0.get(dir) {
            return Ok(found.clone());
        }
        let found = config::discover(dir)?.map(Arc::new);
        self.0.insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }
}

/// The name stdin is shown under: `--stdin-filename` as [`display_name`] shows a path (an
/// editor passes an absolute one), or `<stdin>`.
fn stdin_name(stdin_filename: Option<&str>) -> String {
    stdin_filename.map_or_else(|| "<stdin>".to_string(), |name| display_name(Path::new(name)))
}

/// The folder a path's configuration search starts from.
fn config_start(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(crate) fn load_configured(paths: &[PathBuf], stdin_filename: Option<&str>) -> Loaded {
    let mut loaded = Loaded { sources: SourceMap::default(), errors: Vec::new(), configs: Vec::new() };
    let mut cache = ConfigCache::default();
    warn_stdin_unread(paths, stdin_filename);
    let paths = default_paths(paths, stdin_filename.is_some());
    // A file reached twice (`. a.claims`, `a.claims ./a.claims`) is one member of the file set,
    // not two whose every id is defined twice.
    let mut seen = stdin_stand_in(&paths, stdin_filename);
    let mut read = Vec::new();
    let mut stdin_read = false;
    for path in paths.iter() {
        if path.as_os_str() == "-" {
            // Standard input is one file, however often `-` is named.
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            let name = stdin_name(stdin_filename);
            // The name as given, not as shown: an absolute one shown as `../x.claims` must
            // find the configuration above its own folder.
            let config = match cache.for_dir(&config_start(Path::new(stdin_filename.unwrap_or(&name)))) {
                Ok(config) => config,
                Err(e) => {
                    loaded.errors.push(e);
                    continue;
                }
            };
            match read_stream(std::io::stdin().lock(), &name) {
                Ok(text) => read.push((name, text, config)),
                Err(Ok(e)) => loaded.errors.push(e),
                Err(Err(e)) => loaded.errors.push(RunError::new(name, format!("cannot read stdin: {e}"))),
            }
            continue;
        }
        let (files, errors) = expand(path);
        loaded.errors.extend(errors);
        let walked = path.is_dir();
        for file in files {
            let config = match cache.for_dir(&config_start(&file)) {
                Ok(config) => config,
                Err(e) => {
                    loaded.errors.push(e);
                    break;
                }
            };
            // include/exclude choose among the files a folder walk finds; a file named
            // on the command line is always checked.
            if walked && config.as_ref().is_some_and(|c| !c.selects(&file)) {
                continue;
            }
            if !seen.insert(identity(&file)) {
                continue;
            }
            let name = display_name(&file);
            match read_text(&file, &name) {
                Ok(text) => read.push((name, text, config)),
                Err(e) => loaded.errors.push(e),
            }
        }
    }
    // Files are numbered in path order, whatever order they were named in: which of two
    // clashing claims in two files is a finding's primary (and so which `allow` silences it),
    // and which of two definitions is the duplicate, follow that numbering.
    read.sort_by(|a, b| Path::new(&a.0).cmp(Path::new(&b.0)));
    for (name, text, config) in read {
        let id = loaded.sources.add(SourceFile::new(name, text));
        loaded.configs.extend(config.map(|c| (id, c)));
    }
    loaded.errors.dedup();
    loaded
}

/// The files a path names: itself, or every `.claims` file below a folder (see [`walk`]),
/// with an error for each part of the folder that could not be read: the rest is still checked.
pub(crate) fn expand(path: &Path) -> (Vec<PathBuf>, Vec<RunError>) {
    // The path as the user typed it: `/nonexistent` is not `../../nonexistent` to them.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            let message = format!("cannot read `{}`: {e}", path.display());
            return (Vec::new(), vec![RunError::new(display_name(path), message)]);
        }
    };
    if !meta.is_dir() {
        return (vec![path.to_path_buf()], Vec::new());
    }
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for found in walk(path, usize::MAX) {
        match found {
            Ok(file) => files.push(file),
            Err(e) => errors.push(walk_error(path, &e)),
        }
    }
    (files, errors)
}

/// What a folder walk could not read, named as reports name files (never an absolute path):
/// `cannot read `claims/locked` (in the walk of `claims`): Permission denied (os error 13)`.
fn walk_error(folder: &Path, error: &ignore::Error) -> RunError {
    let mut error = error;
    let mut place = None;
    loop {
        match error {
            ignore::Error::WithPath { path, err } => {
                place = Some(path.as_path());
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error = err,
            _ => break,
        }
    }
    // The walker's own message repeats the path as it reached it (absolute, if the folder was).
    let why = match error {
        ignore::Error::Io(io) => match io.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None => std::io::Error::from(io.kind()).to_string(),
        },
        other => other.to_string(),
    };
    let folder = display_name(folder);
    match place {
        Some(place) => {
            let place = display_name(place);
            let message = format!("cannot read `{place}` (in the walk of `{folder}`): {why}");
            RunError::new(place, message)
        }
        None => RunError::new(&folder, format!("cannot walk `{folder}`: {why}")),
    }
}

/// Every `.claims` file below a folder, in name order. Hidden files and folders, and what the
/// `.gitignore` and `.ignore` files on the way exclude (in a Git repository or not), are
/// skipped, as ripgrep and ruff skip them: build output and drafts stay out of a check of `.`.
/// At most `limit` entries (files and folders) are visited.
pub(crate) fn walk(folder: &Path, limit: usize) -> impl Iterator<Item = Result<PathBuf, ignore::Error>> {
    let walker = ignore::WalkBuilder::new(folder).require_git(false).sort_by_file_name(|a, b| a.cmp(b)).build();
    walker.take(limit).filter_map(|entry| match entry {
        Ok(entry) => {
            let is_claims = entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|x| x == "claims");
            is_claims.then(|| Ok(entry.into_path()))
        }
        Err(e) => Some(Err(e)),
    })
}

/// The path as the user wrote it, with `/` separators and no leading `./`; an absolute
/// path is shown from the current folder.
pub(crate) fn display_name(path: &Path) -> String {
    let path = tidy(path);
    // Reports hold no absolute paths: an absolute path is shown relative to the current folder.
    let relative = std::env::current_dir().ok().and_then(|cwd| relative_to(&path, &cwd));
    let text = with_slashes(&relative.as_deref().unwrap_or(&path).to_string_lossy());
    if text.is_empty() {
        ".".into()
    } else {
        text
    }
}

/// A path with `/` between its folders. Only where `\` separates them (Windows) is it
/// replaced: elsewhere it is a character of a file's name (`a\b.claims` is not `a/b.claims`).
fn with_slashes(path: &str) -> String {
    if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// A path as ruff shows one: `mix//a.claims` and `./mix/./a.claims` are `mix/a.claims`. A `..`
/// stays: through a symbolic link, `link/..` is not the folder `link` is in, and the name is
/// also the place a file's `manuscript` and `bibliography` paths are found from.
fn tidy(path: &Path) -> PathBuf {
    path.components().filter(|part| *part != Component::CurDir).collect()
}

/// `path` as seen from the folder `base` (both absolute, on one root): `../data/a.claims`.
fn relative_to(path: &Path, base: &Path) -> Option<std::path::PathBuf> {
    if !path.is_absolute() || path.components().next() != base.components().next() {
        return None;
    }
    let mut path = path.components().peekable();
    let mut base = base.components().peekable();
    while path.peek().is_some() && path.peek() == base.peek() {
        path.next();
        base.next();
    }
    let mut relative: std::path::PathBuf = base.map(|_| std::path::Component::ParentDir).collect();
    relative.extend(path);
    Some(relative)
}

/// Reads a text file (`name` is how reports call it): one too large to hold positions of is
/// refused before it is read.
pub fn read_text(path: &Path, name: &str) -> Result<String, RunError> {
    let cannot = |e: std::io::Error| RunError::new(name, format!("cannot read `{name}`: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        // A device or a pipe has no size to check first: `/dev/zero` would be read for ever.
        let file = std::fs::File::open(path).map_err(cannot)?;
        return read_stream(file, name).map_err(|e| e.unwrap_or_else(cannot));
    }
    if meta.len() > crate::source::MAX_FILE_BYTES as u64 {
        return Err(too_large(name, meta.len()));
    }
    match read_file(path, meta.len()).map_err(cannot)? {
        Read::Text(text) => Ok(text),
        Read::Bytes(bytes) => decode(name, bytes),
    }
}

/// A regular file's contents, as read.
enum Read {
    /// Known to be text (see [`decode`]) as it was read.
    Text(String),
    /// Still to be decoded.
    Bytes(Vec<u8>),
}

/// From this size on a file is read by two threads, each reading one half.
const READ_IN_HALVES_FROM: u64 = 1 << 20;

/// The contents of the regular file at `path`, which was `len` bytes long.
fn read_file(path: &Path, len: u64) -> std::io::Result<Read> {
    #[cfg(unix)]
    if len >= READ_IN_HALVES_FROM && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        if let Ok(len) = usize::try_from(len) {
            return read_in_halves(path, len);
        }
    }
    std::fs::read(path).map(Read::Bytes)
}

/// [`read_file`] on two threads, each reading one half and checking that it is text. Most of
/// the time of reading a large file goes to the system mapping fresh memory for it page by
/// page (a 9 MB file of 100k claims took 10 ms on one thread, 5 on two): two threads map
/// theirs at once, and then check theirs at once (3 ms on one thread). A file that changed
/// size meanwhile is read again whole, as it is now, and decoded on one thread.
#[cfg(unix)]
fn read_in_halves(path: &Path, len: usize) -> std::io::Result<Read> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    // Zeroed memory fresh from the system: nothing writes it before the reads fill it, which
    // then fault it in by huge pages where the system has them.
    let mut bytes = vec![0; len];
    crate::memory::ask_huge_pages(&bytes);
    let half = len / 2;
    let (first, second) = bytes.split_at_mut(half);
    let halves = std::thread::scope(|scope| {
        let reading = scope.spawn(|| file.read_exact_at(second, half as u64).map(|()| text_after_cut(second)));
        let read = file.read_exact_at(first, 0).map(|()| text_before_cut(first));
        read.and_then(|first| Ok((first, reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?)))
    });
    let grew = || file.read_at(&mut [0], len as u64).map_or(true, |more| more > 0);
    let checked = match halves {
        Ok(checked) if !grew() => checked,
        _ => return std::fs::read(path).map(Read::Bytes),
    };
    if let (Some(first_end), Some(second_start)) = checked {
        let second_start = half + second_start;
        if std::str::from_utf8(&bytes[first_end..second_start]).is_ok() {
            // SAFETY: the bytes are three valid UTF-8 texts one after the other: up to
            // `first_end` and from `second_start` (checked on each thread), and between them
            // (just checked).
            return Ok(Read::Text(unsafe { String::from_utf8_unchecked(bytes) }));
        }
    }
    Ok(Read::Bytes(bytes))
}

/// Where the text of a file's first part ends, when the part is text without NUL bytes but
/// for a character cut off at its end (it ends in the next part): `None` when it is not.
#[cfg(unix)]
fn text_before_cut(part: &[u8]) -> Option<usize> {
    if memchr::memchr(0, part).is_some() {
        return None;
    }
    match std::str::from_utf8(part) {
        Ok(_) => Some(part.len()),
        Err(cut) if cut.error_len().is_none() => Some(cut.valid_up_to()),
        Err(_) => None,
    }
}

/// Where the text of a file's last part starts, past the end of a character cut off at its
/// start (at most three bytes), when the part is text without NUL bytes from there: `None`
/// when it is not.
#[cfg(unix)]
fn text_after_cut(part: &[u8]) -> Option<usize> {
    let start = part.iter().take(4).position(|&b| !matches!(b, 0x80..=0xbf)).unwrap_or(part.len().min(4));
    (memchr::memchr(0, part).is_none() && std::str::from_utf8(&part[start..]).is_ok()).then_some(start)
}

/// Reads text from a stream (standard input, a pipe, a device) in pieces, stopping at the
/// first NUL byte or invalid UTF-8, or past 4 GiB: whatever it is given, a run ends, and
/// `/dev/urandom` is refused at once. A read error is returned as it is, for the caller to
/// name the stream.
pub fn read_stream(mut stream: impl std::io::Read, name: &str) -> Result<String, Result<RunError, std::io::Error>> {
    let mut bytes = Vec::new();
    let mut piece = vec![0; 64 * 1024];
    // `bytes[..checked]` is known to be UTF-8.
    let mut checked = 0;
    loop {
        let read = match stream.read(&mut piece) {
            Ok(0) => return decode(name, bytes).map_err(Ok),
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Err(e)),
        };
        bytes.extend_from_slice(&piece[..read]);
        if bytes.len() > crate::source::MAX_FILE_BYTES {
            let message = format!("`{name}` holds more than 4 GiB; claimcheck reads files of up to 4 GiB");
            return Err(Ok(RunError::new(name, message)));
        }
        if memchr::memchr(0, &piece[..read]).is_some() {
            return decode(name, bytes).map_err(Ok);
        }
        match std::str::from_utf8(&bytes[checked..]) {
            Ok(_) => checked = bytes.len(),
            // A character cut between two pieces is completed by the next one.
            Err(e) if e.error_len().is_none() => checked += e.valid_up_to(),
            Err(_) => return decode(name, bytes).map_err(Ok),
        }
    }
}

pub(crate) fn too_large(name: &str, bytes: u64) -> RunError {
    RunError::new(name, format!("`{name}` is {bytes} bytes; claimcheck reads files of up to 4 GiB"))
}

/// Text files only: valid UTF-8 without NUL bytes.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, RunError> {
    if bytes.len() > crate::source::MAX_FILE_BYTES {
        return Err(too_large(name, bytes.len() as u64));
    }
    // Searched with the `memchr` crate's vector search: the standard library's `contains`
    // searches a word at a time, ten times the instructions (3 ms for 100k claims).
    if let Some(offset) = memchr::memchr(0, &bytes) {
        let (line, column) = position(&bytes, offset);
        let message = format!("`{name}` contains a NUL byte at {name}:{line}:{column}; is it a binary file?");
        return Err(RunError::new(name, message));
    }
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(e.as_bytes(), e.utf8_error().valid_up_to());
        RunError::new(name, format!("`{name}` is not valid UTF-8 (invalid byte at {name}:{line}:{column})"))
    })
}

/// The 1-based line and column of a byte offset into bytes that are not all text, as reports
/// count them: in characters, from the line's first character (past a byte order mark). A
/// byte that is no character counts as one.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut text = &before[line_start..];
    if line_start == 0 {
        text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    }
    (line, String::from_utf8_lossy(text).chars().count() + 1)
}

#[cfg(all(test, unix))]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn positions_of_bytes_that_are_not_text() {
        use super::position;
        assert_eq!(position(b"ab\n\xe9t\xe9\n", 5), (2, 3));
        assert_eq!(position(b"\xef\xbb\xbfab\0", 5), (1, 3), "a byte order mark is no column");
        assert_eq!(position(b"\xe2\x82\xac\0", 3), (1, 2), "a character is one column");
        assert_eq!(position(b"", 0), (1, 1));
    }

    #[test]
    fn a_large_file_read_in_halves_is_read_whole() {
        let path = std::env::temp_dir().join(format!("claimcheck-halves-{}.claims", std::process::id()));
        // Two-byte characters from the start, so that the middle falls inside one of them,
        // and a NUL byte in the second half, to be found at its line and column.
        let line = "2001 trade = $1.5bn [@s] ; é\n";
        let mut text = line.repeat(super::READ_IN_HALVES_FROM as usize / line.len() + 2);
        while text.is_char_boundary(text.len() / 2) {
            text.insert(0, ' ');
        }
        assert!(text.len() as u64 >= super::READ_IN_HALVES_FROM);
        std::fs::write(&path, &text).unwrap();
        let read = super::read_text(&path, "big.claims");
        std::fs::write(&path, format!("{text}x\0")).unwrap();
        let with_nul = super::read_text(&path, "big.claims");
        std::fs::remove_file(&path).unwrap();
        assert!(read.as_ref().is_ok_and(|read| *read == text), "read whole and unchanged");
        let lines = text.lines().count() + 1;
        let expected = format!("`big.claims` contains a NUL byte at big.claims:{lines}:2; is it a binary file?");
        assert_eq!(with_nul.map_err(|e| e.to_string()), Err(expected));
    }

    #[test]
    fn halves_read_and_checked_apart_decode_as_the_whole_file_does() {
        let path = std::env::temp_dir().join(format!("claimcheck-cut-{}.claims", std::process::id()));
        let pieces: [&[u8]; 9] = [
            b"a",
            "\u{e9}".as_bytes(),
            "\u{20ac}".as_bytes(),
            "\u{1f600}".as_bytes(),
            b"\0",
            b"\xff",
            b"\x80",
            b"\xe2\x82",
            b"\n",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..1000 {
            let bytes: Vec<u8> =
                (0..rng.usize(0..12)).flat_map(|_| pieces[rng.usize(..pieces.len())].to_vec()).collect();
            // Mostly text: the rare invalid piece falls near the middle often enough.
            let bytes: Vec<u8> =
                if rng.bool() { bytes.into_iter().filter(|&b| b != 0 && b != 0xff).collect() } else { bytes };
            std::fs::write(&path, &bytes).unwrap();
            let whole = super::decode("f", bytes.clone());
            let halves = match super::read_in_halves(&path, bytes.len()).unwrap() {
                super::Read::Text(text) => Ok(text),
                super::Read::Bytes(read) => {
                    assert!(whole.is_err(), "text is known as text when read: {bytes:?}");
                    super::decode("f", read)
                }
            };
            assert_eq!(halves, whole, "{bytes:?}");
        }
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn absolute_paths_are_shown_from_the_current_folder() {
        let shown = |path, base| relative_to(Path::new(path), Path::new(base)).map(|p| p.display().to_string());
        assert_eq!(shown("/work/main/claims/a.claims", "/work/main").as_deref(), Some("claims/a.claims"));
        assert_eq!(shown("/tmp/x/a.claims", "/work/main").as_deref(), Some("../../tmp/x/a.claims"));
        assert_eq!(shown("/work/a.claims", "/work/main/sub").as_deref(), Some("../../a.claims"));
        assert_eq!(shown("claims/a.claims", "/work/main"), None);
    }
}
