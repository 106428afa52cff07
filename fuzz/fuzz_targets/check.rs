//! The whole pipeline on any text: parse, model, every check, then every renderer. Nothing
//! panics, and the machine-readable formats are valid JSON.

#![no_main]

use claimcheck::report::{self, Format, Options};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 6] =
    [Format::Human, Format::Short, Format::Json, Format::Sarif, Format::Github, Format::Rdjson];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outcome = claimcheck::check_text("fuzz.claims", &text);
    for format in FORMATS {
        let rendered = report::render(&outcome, format, &Options::default());
        if matches!(format, Format::Json | Format::Sarif | Format::Rdjson) {
            let parsed = serde_json::from_str::<serde_json::Value>(&rendered);
            assert!(parsed.is_ok(), "{format:?} output is not JSON: {parsed:?}\n{rendered}");
        }
    }
    // Colour, notes and a narrow terminal take other paths through the human format.
    report::render(&outcome, Format::Human, &Options { color: true, show_notes: true, width: 40 });
});
