//! What a run asks of mimalloc, the allocator the `claimcheck` binary installs (`main.rs`).
//! Setting its options is harmless where another allocator serves the program (a test
//! binary): mimalloc is then linked but holds nothing.

/// mimalloc's `mi_option_purge_delay` (v3's `mi_option_e`; libmimalloc-sys does not name it).
pub const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The purge delay while memory freed is held: longer than any run. (A negative delay would
/// never even note what is freed, and the collection at the end could not give it back.)
const HELD_MS: std::os::raw::c_long = 3_600_000;

/// While it lives, memory freed stays with the allocator for reuse instead of being given
/// back to the system at once; when it ends, what is free is given back, and memory freed
/// after is given back at once again (the binary's setting, see `main.rs`).
///
/// A large model's build frees as fast as it allocates: the parser's batches of entries,
/// freed once lowered, and the lowering's own working memory. Given back at once, each
/// freed page was taken again a moment later and faulted in anew, and each giving back
/// interrupted the other thread to flush its view of memory: at 100k claims 5,500 of 19,500
/// page faults and a fifth of the system time. The checks' tables are given back as before,
/// which keeps the 1M-claim run's peak (reached in the checks) within 2 MB of what it was.
pub struct FreedHeld {
    purge_delay: std::os::raw::c_long,
}

impl FreedHeld {
    pub fn start() -> FreedHeld {
        // SAFETY: mimalloc's options may be read and set at any time, from any thread.
        let purge_delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, HELD_MS) };
        FreedHeld { purge_delay }
    }
}

impl Drop for FreedHeld {
    fn drop(&mut self) {
        // SAFETY: as above; collecting is allowed on any thread, for that thread's memory
        // and what other threads left.
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, self.purge_delay);
            libmimalloc_sys::mi_collect(true);
        }
    }
}
