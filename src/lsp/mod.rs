//! `claimcheck lsp`: a language server over stdio. Diagnostics are the CLI's findings;
//! hover shows the intervals the checks use; go-to-definition, completion, "did you mean"
//! quick fixes and formatting through `claimcheck fmt` round it off.

mod analysis;
mod complete;
pub mod fuzz_entry;
mod hover;
mod load;
mod position;
mod server;
mod transport;
mod uri;

pub use server::serve;

use std::io::Write;

/// Serves stdin/stdout until `exit`: status 0 after a `shutdown` request, 1 otherwise (as
/// the protocol asks).
pub fn run() -> u8 {
    let (server_side, client_side) = lsp_server::Connection::memory();
    let lsp_server::Connection { sender: to_server, receiver: from_server } = client_side;
    let mut reply = |value: &serde_json::Value| {
        let mut stdout = std::io::stdout().lock();
        if transport::write_frame(&mut stdout, value.to_string().as_bytes()).is_err() {
            eprintln!("claimcheck lsp: cannot write to stdout");
        }
    };
    // The reader is left blocked on stdin when the server ends; the process exit stops it.
    std::thread::spawn(move || {
        let mut deliver = |message| to_server.send(message).is_ok();
        if let Err(e) = transport::read_messages(&mut std::io::stdin().lock(), &mut deliver, &mut reply) {
            eprintln!("claimcheck lsp: cannot read stdin: {e}");
        }
    });
    let writer = std::thread::spawn(move || {
        for message in from_server {
            let mut stdout = std::io::stdout().lock();
            if message.write(&mut stdout).and_then(|_| stdout.flush()).is_err() {
                return;
            }
        }
    });
    let clean = serve(&server_side);
    drop(server_side);
    let _ = writer.join();
    u8::from(!clean)
}
