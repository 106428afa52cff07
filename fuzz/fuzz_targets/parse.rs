//! The parser on any text: it never panics, and every finding points inside the text on
//! character boundaries (renderers slice the text at those spans).

#![no_main]

use claimcheck::source::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (_, findings) = claimcheck::syntax::parse(FileId(0), &text);
    for finding in &findings {
        for label in std::iter::once(&finding.primary).chain(&finding.related) {
            let span = label.span;
            assert!(span.start <= span.end && span.range().end <= text.len(), "{span:?} outside the text");
            assert!(
                text.is_char_boundary(span.range().start) && text.is_char_boundary(span.range().end),
                "{span:?} splits a character"
            );
        }
    }
});
