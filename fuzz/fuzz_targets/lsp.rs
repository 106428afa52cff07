//! The language server on any stdin: framing, JSON-RPC decoding and every handler. Nothing
//! panics (a handler's panic is caught by the server, but libFuzzer's panic hook still
//! reports it), and every request the server received got exactly one response.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let exchange = claimcheck::lsp::fuzz_entry::serve_bytes(data);
    assert_eq!(exchange.requests, exchange.responses, "{exchange:?}");
});
