//! JSON-RPC over stdio with `Content-Length` framing. lsp-server's own stdio transport stops
//! reading at the first malformed message, which would leave the editor without a server; this
//! one answers a bad frame with a JSON-RPC error and reads on.

use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

/// Larger bodies are refused rather than allocated: no claims file comes near it.
const MAX_BODY: usize = 64 << 20;

/// What one attempt to read a frame found.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message body, and any garbage that stood before its `Content-Length` on the same line.
    Body {
        body: Vec<u8>,
        garbage: Option<String>,
    },
    /// Not a frame; the reader has skipped past the bad header and can go on.
    Malformed(String),
    Eof,
}

/// Reads one frame: headers up to a blank line, then `Content-Length` bytes of body.
/// A `Content-Length` header is found even after garbage on the same line, so a stream
/// recovers at the next well-formed message.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut garbage = None;
    let mut saw_header = false;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            return Ok(Frame::Eof);
        }
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = line[at + "content-length:".len()..].trim();
            match value.parse::<usize>() {
                Ok(n) if n <= MAX_BODY => length = Some(n),
                Ok(n) => return Ok(Frame::Malformed(format!("Content-Length {n} is over the limit of {MAX_BODY}"))),
                Err(_) => return Ok(Frame::Malformed(format!("invalid Content-Length `{}`", shorten(value)))),
            }
            if at > 0 {
                garbage = Some(format!("garbage before a header: `{}`", shorten(&line[..at])));
            }
        } else if !line.contains(": ") || line.starts_with(['{', '[']) {
            return Ok(Frame::Malformed(format!("not a header: `{}`", shorten(line))));
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed("a message without Content-Length".into()));
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body { body, garbage }),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::Eof),
        Err(e) => Err(e),
    }
}

fn shorten(line: &str) -> String {
    match line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A decoded frame: a message for the server, or the error response the client gets instead.
pub fn decode(body: &[u8]) -> Result<Message, Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return Err(error_response(Value::Null, ErrorCode::ParseError, &format!("invalid JSON: {e}"))),
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let has_id = value.get("id").is_some_and(|id| !id.is_null());
    match serde_json::from_value(value) {
        // An id that is not an integer or a string makes lsp-server read a request as a
        // notification; the client still waits for an answer.
        Ok(Message::Notification(_)) if has_id => {
            Err(error_response(id, ErrorCode::InvalidRequest, "a request id must be an integer or a string"))
        }
        Ok(message) => Ok(message),
        Err(e) => Err(error_response(id, ErrorCode::InvalidRequest, &format!("not a JSON-RPC message: {e}"))),
    }
}

pub fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code as i32, "message": message } })
}

/// Writes one framed JSON value.
pub fn write_frame(out: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

/// Reads frames until end of input or the `exit` notification, passing messages to `deliver`
/// (false when the server no longer listens, which ends reading too) and answering bad
/// frames through `reply`.
pub fn read_messages(
    input: &mut impl BufRead,
    deliver: &mut impl FnMut(Message) -> bool,
    reply: &mut impl FnMut(&Value),
) -> io::Result<()> {
    loop {
        let body = match read_frame(input)? {
            Frame::Eof => return Ok(()),
            Frame::Malformed(reason) => {
                reply(&error_response(Value::Null, ErrorCode::ParseError, &reason));
                continue;
            }
            Frame::Body { body, garbage } => {
                if let Some(garbage) = garbage {
                    reply(&error_response(Value::Null, ErrorCode::ParseError, &garbage));
                }
                body
            }
        };
        match decode(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if !deliver(message) || exit {
                    return Ok(());
                }
            }
            Err(response) => reply(&response),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Frame> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut reader).unwrap() {
                Frame::Eof => return out,
                frame => out.push(frame),
            }
        }
    }

    fn body(text: &str) -> Frame {
        Frame::Body { body: text.as_bytes().to_vec(), garbage: None }
    }

    #[test]
    fn reads_framed_bodies_with_other_headers() {
        let input =
            "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{}Content-Length: 4\r\n\r\nnull";
        assert_eq!(frames(input), vec![body("{}"), body("null")]);
    }

    #[test]
    fn recovers_after_garbage_and_bad_lengths() {
        let input = "hello\r\nContent-Length: abc\r\n\r\nContent-Length: 2\r\n\r\n{}";
        let found = frames(input);
        assert!(matches!(&found[0], Frame::Malformed(m) if m.contains("not a header")), "{found:?}");
        assert!(matches!(&found[1], Frame::Malformed(m) if m.contains("invalid Content-Length")), "{found:?}");
        assert_eq!(found.last(), Some(&body("{}")));
    }

    #[test]
    fn garbage_before_a_header_is_reported_with_the_message_it_precedes() {
        let found = frames("xx{Content-Length: 2\r\n\r\n{}");
        let expected = Frame::Body { body: b"{}".to_vec(), garbage: Some("garbage before a header: `xx{`".into()) };
        assert_eq!(found, vec![expected]);
    }

    #[test]
    fn a_truncated_body_is_the_end() {
        assert_eq!(frames("Content-Length: 10\r\n\r\n{}"), vec![]);
    }

    #[test]
    fn bad_json_and_non_messages_become_error_responses() {
        let parse = decode(b"{not json").unwrap_err();
        assert_eq!(parse["error"]["code"], -32700);
        assert_eq!(parse["id"], Value::Null);
        let invalid = decode(br#"{"id": 7, "params": 1}"#).unwrap_err();
        assert_eq!(invalid["error"]["code"], -32600);
        assert_eq!(invalid["id"], 7);
        let fractional = decode(br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#).unwrap_err();
        assert_eq!((fractional["id"].as_f64(), fractional["error"]["code"].as_i64()), (Some(1.5), Some(-32600)));
        assert!(matches!(decode(br#"{"jsonrpc":"2.0","method":"exit"}"#), Ok(Message::Notification(_))));
    }
}
