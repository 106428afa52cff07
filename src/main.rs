use claimcheck::memory::PURGE_DELAY;

/// See the `mimalloc` entry of Cargo.toml: with glibc's allocator, allocation and freeing took
/// a third of a large run's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // By default mimalloc keeps freed memory for a second before giving it back to the system,
    // longer than most runs: the parse batches and the checks' working tables a run has freed
    // were 6.4 MiB of its peak at 100k claims. Giving it back at once costs no time that 100
    // runs can tell apart, at 1k claims (5.2 ms either way) or at 100k. (A large model's
    // build holds what it frees for reuse: see `claimcheck::memory::FreedHeld`.)
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    claimcheck::cli::main()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Its default, 1000 ms, which no neighbouring option has: a mimalloc that numbered its
        // options differently would fail here rather than have something else set.
        // SAFETY: reading an option is allowed at any time.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }, 1000);
    }
}
