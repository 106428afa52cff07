//! Writes a generated claims file and equivalent hledger and ledger-cli journals, for the
//! side-by-side timing in `scripts/compare-ledgers.sh`:
//! `cargo run --release --example generate -- 100000 OUT_DIR [FLIP_EVERY]`.
//! With `FLIP_EVERY`, every so many `up`/`down` flags are reversed: the claims file then has
//! `trend` errors, for timing a run that reports findings.

#[path = "../benches/support/generator.rs"]
mod generator;

use std::fmt::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let claims: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let flip_every: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let mut generated = generator::generate(claims, flip_every);
    // Ledgers expect their entries in date order (`hledger check ordereddates`).
    generated.entries.sort_by_key(|e| (e.year, e.month));
    let mut journal = String::with_capacity(generated.entries.len() * 90);
    for e in &generated.entries {
        let _ = writeln!(
            journal,
            "{:04}-{:02}-01 flow\n    assets:{}  {}.{:02} USD\n    equity:opening\n",
            e.year,
            e.month,
            e.account,
            e.cents / 100,
            e.cents % 100
        );
    }
    let write = |name: &str, text: &str| {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            eprintln!("error: cannot write {name}: {e}");
            std::process::exit(2);
        }
    };
    write("generated.claims", &generated.claims);
    write("generated.journal", &journal);
    write("generated.ledger", &journal);
    println!(
        "{} statements, {} dated amounts, {} bytes of claims",
        generated.statements,
        generated.entries.len(),
        generated.claims.len()
    );
}
