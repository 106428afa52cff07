//! Links the `claimcheck` executable at a fixed address on GNU/Linux (`-no-pie`).
//!
//! A position-independent executable is moved at every start: the dynamic loader applies
//! some 17,000 relocations (vtables, the `&str`s of constant tables, panic locations) and
//! copies each page they land on. That was 0.3 ms of every run here, a tenth of a whole
//! 1k-claim check (2.8 ms → 2.5 ms; an empty file 1.6 ms → 1.3 ms), where a linter in an
//! editor or a pre-commit hook spends most of its life. The price: the executable's own code
//! and constants sit at the same address in every run (its libraries, stack and heap are
//! still placed at random), which would make a memory bug easier to exploit; claimcheck is
//! safe Rust but for a handful of small, commented blocks, and reads only the files it is
//! given. Only the binaries are linked so: the library, its tests and benchmarks are as
//! before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    // A static build asked for through `RUSTFLAGS` (with `--target`, so that the proc-macro
    // crates are built apart) is linked as a static PIE, which `-no-pie` would break (a
    // loader asked for, and a crash at start). `cargo build-static` asks for a fixed address
    // itself (`-C relocation-model=static`): its flags reach only the binary, unseen here.
    let static_build = target("CARGO_CFG_TARGET_FEATURE").split(',').any(|feature| feature == "crt-static");
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" && !static_build {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
