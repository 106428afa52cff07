/// See the `mimalloc` entry of Cargo.toml: with glibc's allocator, allocation and freeing took
/// a third of a large run's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks mimalloc to reserve its address space in arenas of 32 MiB (its least) rather than
/// 1 GiB, unless `MIMALLOC_ARENA_RESERVE` says otherwise. An arena's bitmaps grow with its
/// size, and the first allocation sets up the first arena's: for 1 GiB, 160 KiB of them, 42
/// page faults, ~0.2 ms of a 1k-claim run. A large run takes more arenas instead (mimalloc
/// makes every eighth one twice as large), in no more time (100k and 1M claims). Set by a
/// constructor because the runtime allocates before `main`.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static SMALL_ARENAS: extern "C" fn() = small_arenas;

#[cfg(target_os = "linux")]
extern "C" fn small_arenas() {
    // SAFETY: an option's default may be set at any time, even before mimalloc is set up.
    unsafe { libmimalloc_sys::mi_option_set_default(claimcheck::memory::ARENA_RESERVE, 32 << 10) };
}

fn main() -> std::process::ExitCode {
    let status = claimcheck::cli::main();
    end(status)
}

/// Ends the process once stdout is flushed, skipping the teardown of the allocator and the
/// runtime: as the process exits, mimalloc gives back each page it holds, one `madvise` call
/// per span of pages (34 calls after a 1k-claim run, ~5 % of its time), which the system does
/// for the whole process at once anyway.
#[cfg(target_os = "linux")]
fn end(status: u8) -> std::process::ExitCode {
    use std::io::Write;
    // Anything printed has been flushed already (`cli::print`); a last flush costs nothing.
    let _ = std::io::stdout().flush();
    // SAFETY: `_exit` ends the process at once; nothing after it runs, and the output is out.
    unsafe { libc::_exit(status.into()) }
}

#[cfg(not(target_os = "linux"))]
fn end(status: u8) -> std::process::ExitCode {
    std::process::ExitCode::from(status)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn arenas_are_small_before_main_runs() {
        // SAFETY: reading an option is allowed at any time.
        let reserve = unsafe { libmimalloc_sys::mi_option_get(claimcheck::memory::ARENA_RESERVE) };
        assert_eq!(reserve, 32 << 10);
    }
}
