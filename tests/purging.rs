//! What a run asks of mimalloc's purging (`claimcheck::memory`), on its own in a process:
//! runs of other tests would change the same setting meanwhile.

use claimcheck::memory::{FreedGivenBack, FreedHeld, PURGE_DELAY};

fn delay() -> std::os::raw::c_long {
    // SAFETY: reading an option is allowed at any time.
    unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
}

/// Longer than any run: memory freed is held.
const HELD: std::ops::RangeFrom<std::os::raw::c_long> = 60_000..;

#[test]
fn the_delay_is_what_the_runs_alive_ask_and_is_restored_when_the_last_ends() {
    let before = delay();
    // mimalloc's default delay, which no neighbouring option has: a mimalloc that numbered its
    // options differently would fail here rather than have something else set.
    assert_eq!(before, 1000);
    let large = FreedGivenBack::start();
    assert_eq!(delay(), 0);
    let first = FreedHeld::start();
    let second = FreedHeld::start();
    assert!(HELD.contains(&delay()), "a build that holds what it frees outweighs giving back");
    drop(first);
    assert!(HELD.contains(&delay()), "the second run still holds");
    drop(second);
    assert_eq!(delay(), 0, "the large run still gives back at once");
    drop(large);
    assert_eq!(delay(), before);

    let held = FreedHeld::start();
    let given_back = FreedGivenBack::start();
    assert!(HELD.contains(&delay()));
    drop(held);
    assert_eq!(delay(), 0);
    drop(given_back);
    assert_eq!(delay(), before);
}
