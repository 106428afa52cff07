//! Helpers shared by the end-to-end tests of the built binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `command` in `dir` with `input` on its standard input, and waits for it.
pub fn with_stdin(mut command: Command, dir: &Path, input: &[u8]) -> Output {
    let mut child = command
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let written = child.stdin.take().expect("stdin is piped").write_all(input);
    // A run that does not read its stdin (given paths without `-`) may have ended already.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin takes the input: {e}");
    }
    child.wait_with_output().expect("binary ends")
}
