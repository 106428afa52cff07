//! Source files, byte spans and line/column lookup.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// A half-open byte range `start..end` inside one source file. Offsets are 32-bit: a model
/// holds about twenty spans per claim, and the readers (`cli::read_text`, `cli::decode`)
/// refuse files over [`MAX_FILE_BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span of byte offsets into a file of at most [`MAX_FILE_BYTES`], so both fit in 32
    /// bits. (The readers refuse larger files; an offset beyond that, from a text handed in
    /// some other way, is held at the largest offset rather than wrapped.)
    pub fn new(start: usize, end: usize) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span { start: offset(start), end: offset(end) }
    }

    /// The offsets as a range, for slicing the file's text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A piece of a line as written, in one spelling of its spaces: each run of white space is
/// one space, and none is kept after a leading `~`, after a currency symbol, before `%`, or
/// around `..` (`~ 2002` is `~2002`, `$ 4bn` is `$4bn`, `30 .. 35 %` is `30..35%`), while the
/// spaces that separate words stay (`early 2002`, `USD 4.3bn`, `a + b`, `a ~ 1/4`). It is how
/// `fmt` writes dates, values and expressions, and how the model and messages quote them, so
/// that `fmt` changes no message by re-spacing a line (it does add spaces around operators:
/// `a+b` is quoted as written).
pub fn tight(written: &str) -> Cow<'_, str> {
    // Checks and messages ask for values as written once per claim or quote, and nearly none
    // holds a space: bytes are tested first, as `char::is_whitespace` decodes every character.
    let spaced = match written.is_ascii() {
        true => written.bytes().any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')),
        false => written.contains(char::is_whitespace),
    };
    if !spaced {
        return Cow::Borrowed(written);
    }
    let words: Vec<&str> = written.split_whitespace().collect();
    let mut out = String::with_capacity(written.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 && !glued(&words[..i], word) {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether [`tight`] writes `word` against the words `before` it, with no space.
fn glued(before: &[&str], word: &str) -> bool {
    let previous = before[before.len() - 1];
    // A `~` opens a date or duration: first (`~ 2002`), or after `..` or `@` (`2003.. ~ 2008`,
    // `m@~ 2002`); between two values (`a ~ b`) it compares.
    let opens = |text: &str| text.ends_with("..") || text.ends_with('@');
    let tilde = match previous.strip_suffix(['~', '≈']) {
        Some("") => before.len() == 1 || opens(before[before.len() - 2]),
        Some(rest) => opens(rest),
        None => false,
    };
    tilde
        || previous.ends_with(['$', '€', '£', '¥'])
        || previous.ends_with("..")
        || word.starts_with('%')
        || word.starts_with("..")
}

/// The largest file claimcheck reads: every offset in it fits a [`Span`]'s 32 bits.
pub const MAX_FILE_BYTES: usize = u32::MAX as usize;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// One loaded text file (a claims file, a manuscript or a bibliography).
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown to users: the path as given on the command line, never made absolute.
    pub name: String,
    /// Shared with the renderers; a `String` rather than an `Arc<str>` so that a file read
    /// from disk is never copied (9 MB for 100k claims).
    pub text: Arc<String>,
    /// Where each line starts, found on first use: a clean file's lines are never needed.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile::shared(name, Arc::new(text.into()))
    }

    /// A file whose text is shared with its owner (the language server's documents).
    pub fn shared(name: impl Into<String>, text: Arc<String>) -> Self {
        SourceFile { name: name.into(), text, line_starts: OnceLock::new() }
    }

    /// Where each line starts (after each `\n`), found once.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_start(line).unwrap_or(0).min(offset);
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// 1-based line and 1-based UTF-8 byte column of a byte offset.
    pub fn line_byte_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        (line + 1, offset - self.line_start(line).unwrap_or(0).min(offset) + 1)
    }

    /// The 0-based line of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset.min(self.text.len())) - 1
    }

    /// Byte offset of the first character of a 0-based line: a byte order mark before the
    /// first line is not part of it (editors hide it, and the parser reads past it), so it
    /// never shifts a column.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line).map(|&start| match start {
            0 if self.text.starts_with(BOM) => BOM.len_utf8(),
            start => start,
        })
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// The byte order mark some Windows editors write at the start of a file.
const BOM: char = '\u{feff}';

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every file taking part in one run, in the order they were loaded.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Arc::new(file));
        FileId((self.files.len() - 1) as u32)
    }

    /// Adds a file another map holds too, without copying it.
    pub fn add_shared(&mut self, file: Arc<SourceFile>) -> FileId {
        self.files.push(file);
        FileId((self.files.len() - 1) as u32)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// A shared handle on a file, for renderers that keep it.
    pub fn get_arc(&self, id: FileId) -> Arc<SourceFile> {
        Arc::clone(&self.files[id.0 as usize])
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_of_spaces() {
        let cases = [
            ("~  2002", "~2002"),
            ("early\t 2002", "early 2002"),
            ("2003 .. 2008", "2003..2008"),
            ("$ 4bn", "$4bn"),
            ("30 .. 35 %", "30..35%"),
            ("USD  4.3bn", "USD 4.3bn"),
            ("a ~ 1/4", "a ~ 1/4"),
            ("2003 .. ~ 2008", "2003..~2008"),
            ("m@~ 2002", "m@~2002"),
            ("a+b", "a+b"),
        ];
        for (written, spelled) in cases {
            assert_eq!(tight(written), spelled, "{written:?}");
        }
        assert!(matches!(tight("$4.3bn"), Cow::Borrowed(_)), "nothing to re-space, nothing copied");
        // Every white space `split_whitespace` splits at is seen, in ASCII text or not.
        for space in ['\x0B', '\x0C', '\r', '\u{a0}', '\u{2003}', '\u{3000}'] {
            assert_eq!(tight(&format!("USD{space}4bn")), "USD 4bn", "{space:?}");
            assert_eq!(tight(&format!("€{space} 4bn")), "€4bn", "{space:?}");
        }
        assert!(matches!(tight("€4.3bn"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.claims", "ab\n€x\r\nz");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(6), (2, 2));
        assert_eq!(file.line_byte_col(6), (2, 4));
        assert_eq!(file.line_col(9), (3, 1));
    }

    #[test]
    fn a_byte_order_mark_shifts_no_column() {
        let file = SourceFile::new("a.claims", "\u{feff}ab\n\u{feff}c");
        assert_eq!(file.line_col(3), (1, 1));
        assert_eq!(file.line_byte_col(4), (1, 2));
        assert_eq!(file.line_start(0), Some(3));
        // An offset inside the mark itself is still the first column, never a panic.
        assert_eq!((file.line_col(0), file.line_col(1), file.line_byte_col(2)), ((1, 1), (1, 1), (1, 1)));
        // Only the file's first character is a byte order mark; elsewhere it is text.
        assert_eq!(file.line_col(9), (2, 2));
        assert_eq!(file.line_start(1), Some(6));
    }
}
