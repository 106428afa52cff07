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
    _held: (),
}

/// How many runs hold freed memory now (runs of a library user may overlap), and the delay to
/// restore when the last of them ends.
static HOLDING: std::sync::Mutex<(usize, std::os::raw::c_long)> = std::sync::Mutex::new((0, 0));

fn holding() -> std::sync::MutexGuard<'static, (usize, std::os::raw::c_long)> {
    HOLDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FreedHeld {
    pub fn start() -> FreedHeld {
        let mut holding = holding();
        if holding.0 == 0 {
            // SAFETY: mimalloc's options may be read and set at any time, from any thread.
            holding.1 = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
            unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, HELD_MS) };
        }
        holding.0 += 1;
        FreedHeld { _held: () }
    }
}

impl Drop for FreedHeld {
    fn drop(&mut self) {
        let mut holding = holding();
        holding.0 -= 1;
        if holding.0 == 0 {
            // SAFETY: as above; collecting is allowed on any thread, for that thread's memory
            // and what other threads left.
            unsafe {
                libmimalloc_sys::mi_option_set(PURGE_DELAY, holding.1);
                libmimalloc_sys::mi_collect(true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FreedHeld, HELD_MS, PURGE_DELAY};

    #[test]
    fn the_delay_is_restored_when_the_last_of_overlapping_holders_ends() {
        // SAFETY: reading an option is allowed at any time.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        let before = delay();
        let first = FreedHeld::start();
        let second = FreedHeld::start();
        assert_eq!(delay(), HELD_MS);
        drop(first);
        assert_eq!(delay(), HELD_MS, "the second run still holds");
        drop(second);
        assert_eq!(delay(), before);
    }
}
