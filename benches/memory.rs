//! Peak memory of whole runs, as a user's `claimcheck check FILE` has it, against the target
//! (at most 4× the file plus 30 MB): the generated files of 1k, 10k and 100k claims (1M with
//! `CLAIMCHECK_BENCH_1M=1`) are written to a temporary folder and checked by the built binary,
//! five times each. The peak is the largest resident set of the runs, as the system counts
//! it for a process that has ended (`/usr/bin/time -f %M` reports the same); the time is the
//! median of the runs, process start included. `cargo bench --bench memory`.
//!
//! Run by `cargo test --benches` (without `--bench`), it checks the 1k file once, to show the
//! benchmark still works.

// The benches read only the claims text; the ledger entries serve examples/generate.rs.
#[allow(dead_code)]
#[path = "support/generator.rs"]
mod generator;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("CLAIMCHECK_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    let (sizes, runs) = if benchmarking { (sizes, RUNS) } else { (vec![1_000], 1) };
    let folder = std::env::temp_dir().join(format!("claimcheck-bench-memory-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&folder) {
        eprintln!("error: cannot create {}: {e}", folder.display());
        std::process::exit(2);
    }
    println!("claims    file        peak memory   allowed      of it   time (median)   MB/s   claims/s");
    let measured = sizes.iter().try_for_each(|&size| measure(size, runs, &folder));
    let _ = std::fs::remove_dir_all(&folder);
    if let Err(e) = measured {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

/// Writes the generated file of `size` claims into `folder`, checks it `runs` times and
/// prints its line of the table.
fn measure(size: usize, runs: usize, folder: &Path) -> Result<(), String> {
    let generated = generator::generate(size, 0);
    let file = folder.join(format!("{size}.claims"));
    std::fs::write(&file, &generated.claims).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let mut times = Vec::with_capacity(runs);
    let mut peak_kib = Some(0);
    for _ in 0..runs {
        let (time, kib) = run(Path::new(env!("CARGO_BIN_EXE_claimcheck")), &file)?;
        times.push(time);
        peak_kib = peak_kib.zip(kib).map(|(most, kib)| most.max(kib));
    }
    times.sort();
    let time = times[times.len() / 2];
    let bytes = generated.claims.len() as f64;
    let allowed = 4.0 * bytes + 30e6;
    let (peak, share) = match peak_kib {
        Some(kib) => (mib(kib as f64 * 1024.0), format!("{:.0} %", 100.0 * kib as f64 * 1024.0 / allowed)),
        None => ("not read".to_string(), "".to_string()),
    };
    let seconds = time.as_secs_f64();
    println!(
        "{:<9} {:<11} {:<13} {:<12} {:>5}   {:<15} {:>4.0}   {:>6.0} k",
        size,
        mib(bytes),
        peak,
        mib(allowed),
        share,
        format!("{:.2} ms", seconds * 1e3),
        bytes / seconds / 1e6,
        generated.statements as f64 / seconds / 1e3,
    );
    Ok(())
}

/// `bytes` in MiB, or in KiB below one MiB.
fn mib(bytes: f64) -> String {
    match bytes < f64::from(1 << 20) {
        true => format!("{:.1} KiB", bytes / 1024.0),
        false => format!("{:.1} MiB", bytes / f64::from(1 << 20)),
    }
}

/// Checks `file` with `binary`: the run's wall time and its peak resident memory in KiB,
/// where the system tells it. A generated file is consistent, so any exit status but 0 is an
/// error.
fn run(binary: &Path, file: &Path) -> Result<(Duration, Option<u64>), String> {
    let start = Instant::now();
    let child = Command::new(binary)
        .arg("check")
        .arg(file)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let (succeeded, peak_kib) = wait(child).map_err(|e| format!("waiting for {}: {e}", binary.display()))?;
    let time = start.elapsed();
    match succeeded {
        true => Ok((time, peak_kib)),
        false => Err(format!("{} check {} did not end with status 0", binary.display(), file.display())),
    }
}

/// Waits for `child`: whether it ended with status 0, and its peak resident memory in KiB.
#[cfg(target_os = "linux")]
fn wait(child: Child) -> std::io::Result<(bool, Option<u64>)> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, for which all zeros is a value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for this process's own child, and writes only `status` and `usage`.
    if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } != pid {
        return Err(std::io::Error::last_os_error());
    }
    let succeeded = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux counts `ru_maxrss` in KiB.
    Ok((succeeded, u64::try_from(usage.ru_maxrss).ok()))
}

/// Elsewhere the peak is not read: the time alone is measured.
#[cfg(not(target_os = "linux"))]
fn wait(mut child: Child) -> std::io::Result<(bool, Option<u64>)> {
    Ok((child.wait()?.success(), None))
}
