//! `claimcheck fmt` on any text: formatting is idempotent and never changes what the checks
//! find (the same codes, as many times each; tests/fmt.rs compares the same way).

#![no_main]

use libfuzzer_sys::fuzz_target;

fn codes(text: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> =
        claimcheck::check_text("fuzz.claims", text).findings.iter().map(|f| f.code()).collect();
    codes.sort_unstable();
    codes
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = claimcheck::fmt::format(&text);
    let twice = claimcheck::fmt::format(&once);
    assert_eq!(once, twice, "fmt is not idempotent on {text:?}");
    assert_eq!(codes(&text), codes(&once), "fmt changed the findings of {text:?}, formatted as {once:?}");
});
