//! `file:` URIs to paths and back. Only what editors send is handled: `file:///path` or
//! `file://localhost/path`, percent-encoded; anything else (`untitled:`) has no path.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    // `file:///C:/x` is the path `C:/x` on Windows.
    let bytes = decoded.as_bytes();
    let drive = cfg!(windows) && bytes.len() >= 3 && bytes[2] == b':' && bytes[1].is_ascii_alphabetic();
    Some(PathBuf::from(if drive { &decoded[1..] } else { &decoded[..] }))
}

pub fn from_path(path: &Path) -> Option<Uri> {
    // Only on Windows is `\` a separator: elsewhere it is a letter of the name (`a\b.claims`).
    let text = path.to_str()?;
    let text = if cfg!(windows) { text.replace('\\', "/") } else { text.to_string() };
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        Uri::from_str(text).unwrap()
    }

    #[test]
    fn file_uris_round_trip_through_paths() {
        let path = to_path(&uri("file:///home/ana/my%20claims/%C3%A9t%C3%A9.claims")).unwrap();
        assert_eq!(path, PathBuf::from("/home/ana/my claims/été.claims"));
        assert_eq!(from_path(&path).unwrap().as_str(), "file:///home/ana/my%20claims/%C3%A9t%C3%A9.claims");
        assert_eq!(to_path(&uri("file://localhost/tmp/a.claims")), Some(PathBuf::from("/tmp/a.claims")));
    }

    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_unix_file_name_is_escaped_not_a_separator() {
        let path = PathBuf::from("/tmp/a\\b.claims");
        let uri = from_path(&path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%5Cb.claims");
        assert_eq!(to_path(&uri), Some(path));
    }

    #[test]
    fn other_schemes_and_bad_escapes_have_no_path() {
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(to_path(&uri("file:///tmp/%FF.claims")), None);
    }
}
