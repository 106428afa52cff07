//! Work over a large table cut in two, both parts done at once: at a million claims, a pass
//! over the claims reads some 200 MB, and its time is the memory's more than the processor's,
//! which two cores halve while the second core would otherwise wait for its result.

/// `first()` and `second()`: on `two_threads`, `second` on a thread of its own meanwhile,
/// otherwise one after the other here. A panic in either ends the run as it would here.
pub(crate) fn join<A: Send, B: Send>(
    two_threads: bool,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !two_threads {
        return (first(), second());
    }
    std::thread::scope(|scope| {
        let second = scope.spawn(second);
        let first = first();
        (first, second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn both_parts_are_done_on_either_way() {
        let here = std::thread::current().id();
        for two_threads in [false, true] {
            let (first, second) = join(two_threads, || std::thread::current().id(), || std::thread::current().id());
            assert_eq!(first, here);
            assert_eq!(second == here, !two_threads, "the second part on a thread of its own: {two_threads}");
        }
    }

    #[test]
    #[should_panic(expected = "in the second part")]
    fn a_panic_on_the_second_thread_is_resumed_here() {
        join(true, || 1, || panic!("in the second part"));
    }
}
