//! An entry point for fuzzing the language server (fuzz/fuzz_targets/lsp.rs): the bytes an
//! editor writes to `claimcheck lsp`'s stdin go through the same framing, decoding and
//! server loop as in [`super::run`], over an in-memory connection on the calling thread.
//!
//! One difference: every `file:` URI in a message is read as `untitled:`, so a fuzzer never
//! makes the server walk a folder of the machine it runs on (`file:///x.claims` would read
//! up to 50,000 entries of `/` on every run and slow fuzzing to a crawl).

use super::{serve, transport};
use lsp_server::{Connection, Message};
use serde_json::Value;

/// What the server wrote back for one input.
#[derive(Debug, Default)]
pub struct Exchange {
    /// Requests the server received.
    pub requests: usize,
    /// Responses it sent.
    pub responses: usize,
    /// Error replies to frames that were not messages.
    pub frame_errors: usize,
    /// Notifications it sent (diagnostics).
    pub notifications: usize,
}

/// Runs the language server on `input` as its whole stdin, until the input ends or an
/// `exit` notification.
pub fn serve_bytes(input: &[u8]) -> Exchange {
    let (server_side, client_side) = Connection::memory();
    let Connection { sender: to_server, receiver: from_server } = client_side;
    let mut exchange = Exchange::default();
    let mut deliver = |message: Message| {
        exchange.requests += usize::from(matches!(message, Message::Request(_)));
        to_server.send(in_memory(message)).is_ok()
    };
    let mut frame_errors = 0;
    let mut reply = |_: &Value| frame_errors += 1;
    // Reading from a byte slice cannot fail; a truncated frame is the end of the input.
    let _ = transport::read_messages(&mut &input[..], &mut deliver, &mut reply);
    exchange.frame_errors = frame_errors;
    // The server stops when its queue is drained and no sender is left.
    drop(to_server);
    serve(&server_side);
    drop(server_side);
    for message in from_server.try_iter() {
        match message {
            Message::Response(_) => exchange.responses += 1,
            Message::Notification(_) => exchange.notifications += 1,
            Message::Request(_) => {}
        }
    }
    exchange
}

/// The message with its `file:` URIs made `untitled:`.
fn in_memory(message: Message) -> Message {
    match message {
        Message::Request(mut request) => {
            untitle(&mut request.params);
            Message::Request(request)
        }
        Message::Notification(mut notification) => {
            untitle(&mut notification.params);
            Message::Notification(notification)
        }
        response => response,
    }
}

fn untitle(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Some(rest) = text.strip_prefix("file:") {
                *text = format!("untitled:{rest}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(untitle),
        Value::Object(fields) => fields.values_mut().for_each(untitle),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(value: Value) -> Vec<u8> {
        let body = value.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn every_request_is_answered_and_open_files_get_diagnostics() {
        let document =
            json!({ "uri": "file:///x/a.claims", "languageId": "claims", "version": 1, "text": "2000 m = 1\n" });
        let mut input =
            frame(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
        input.extend(b"garbage\r\n\r\n");
        input.extend(frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": document } }),
        ));
        let hover =
            json!({ "textDocument": { "uri": "file:///x/a.claims" }, "position": { "line": 0, "character": 6 } });
        input.extend(frame(json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": hover })));
        input.extend(frame(json!({ "jsonrpc": "2.0", "method": "exit" })));
        input.extend(frame(json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" })));
        let exchange = serve_bytes(&input);
        assert_eq!((exchange.requests, exchange.responses, exchange.frame_errors), (2, 2, 1), "{exchange:?}");
        assert_eq!(exchange.notifications, 1);
    }

    #[test]
    fn file_uris_become_untitled_ones() {
        let mut params = json!({ "rootUri": "file:///", "folders": [{ "uri": "file:///home" }], "n": 1 });
        untitle(&mut params);
        assert_eq!(params, json!({ "rootUri": "untitled:///", "folders": [{ "uri": "untitled:///home" }], "n": 1 }));
    }
}
