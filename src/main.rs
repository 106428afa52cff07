// On Linux with glibc the process starts at `main` below rather than through the standard
// library's runtime start (see `main`).
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

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

/// The process's entry, called by the C library. The standard library's own start (which
/// `no_main` leaves out) would first find the main thread's stack by reading and parsing
/// `/proc/self/maps` (`pthread_getattr_np`), to tell a stack overflow from another fault, and
/// set a signal handler and its stack for it: 18 system calls, and 0.13–0.2 ms of a run (an
/// empty file 2.35 → 2.14 ms, medians of 400). A stack overflow still ends the process (the
/// guard page is the system's), with the system's `SIGSEGV` rather than a message. The rest of that start is done here: the standard
/// streams made safe to write to and broken pipes reported as errors. The arguments are read
/// as before: glibc hands them to the standard library before `main` runs.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    standard_streams_open();
    // SAFETY: ignoring a signal changes no memory; writing to a closed pipe then fails with
    // `EPIPE`, which `cli::print` reports with status 2, as under the standard runtime.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let status = claimcheck::cli::main();
    end(status);
}

/// Opens `/dev/null` on any of the standard streams the process was started without, as the
/// standard library's start does: else the first file opened would take that number, and the
/// report would be written into it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn standard_streams_open() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd { fd, events: 0, revents: 0 });
    // SAFETY: `poll` reads and writes only the three entries it is given, and waits not at all.
    if unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } < 0 {
        return;
    }
    for _closed in fds.iter().filter(|fd| fd.revents & libc::POLLNVAL != 0) {
        // SAFETY: opening a file by a constant, NUL-terminated path. A new file takes the lowest
        // free number: the closed streams', in order.
        unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    let status = claimcheck::cli::main();
    end(status)
}

/// Ends the process once stdout is flushed, skipping the teardown of the allocator and the
/// runtime: as the process exits, mimalloc gives back each page it holds, one `madvise` call
/// per span of pages (34 calls after a 1k-claim run, ~5 % of its time), which the system does
/// for the whole process at once anyway.
#[cfg(target_os = "linux")]
fn end(status: u8) -> ! {
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
    #[cfg(target_env = "gnu")]
    #[test]
    fn a_closed_standard_stream_is_opened_on_dev_null() {
        // In a child process of its own, which only makes system calls between `fork` and `_exit`.
        // SAFETY: see above; the parent waits for the child it made.
        unsafe {
            let child = libc::fork();
            if child == 0 {
                libc::close(1);
                super::standard_streams_open();
                let mut stat: libc::stat = std::mem::zeroed();
                let on_dev_null = libc::fstat(1, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFCHR;
                libc::_exit(if on_dev_null { 0 } else { 1 });
            }
            let mut status = 0;
            assert_eq!(libc::waitpid(child, &mut status, 0), child);
            assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "status {status}");
        }
    }

    #[test]
    fn arenas_are_small_before_main_runs() {
        // SAFETY: reading an option is allowed at any time.
        let reserve = unsafe { libmimalloc_sys::mi_option_get(claimcheck::memory::ARENA_RESERVE) };
        assert_eq!(reserve, 32 << 10);
    }
}
