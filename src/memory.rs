//! How a run uses memory: what it asks of mimalloc, the allocator the `claimcheck` binary
//! installs (`main.rs`), and which thread faults in the claims table's pages. Setting
//! mimalloc's options is harmless where another allocator serves the program (a test
//! binary): mimalloc is then linked but holds nothing.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// mimalloc's `mi_option_purge_delay` (v3's `mi_option_e`; libmimalloc-sys does not name it).
pub const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's `mi_option_arena_reserve` (v3's `mi_option_e`), in KiB: set in `main.rs`.
pub const ARENA_RESERVE: libmimalloc_sys::mi_option_t = 23;

/// The purge delay while memory freed is held: longer than any run. (A negative delay would
/// never even note what is freed, and the collection at the end could not give it back.)
const HELD_MS: std::os::raw::c_long = 3_600_000;

/// While it lives, memory freed stays with the allocator for reuse instead of being given
/// back to the system; when it ends, what is free is given back.
///
/// A large model's build frees as fast as it allocates: the parser's batches of entries,
/// freed once lowered, and the lowering's own working memory. Given back at once, each
/// freed page was taken again a moment later and faulted in anew, and each giving back
/// interrupted the other thread to flush its view of memory: at 100k claims 5,500 of 19,500
/// page faults and a fifth of the system time. The checks' tables are given back at once (the
/// run's [`FreedGivenBack`] asks it), which keeps the 1M-claim run's peak (reached in the
/// checks) within 2 MB of what it was.
pub struct FreedHeld {
    _held: (),
}

/// While it lives (and no [`FreedHeld`] does), memory freed is given back to the system at
/// once rather than after mimalloc's delay (1 s by default): a large run's working tables
/// and the parser's batches were 6.4 MiB of its peak at 100k claims. A small run keeps the
/// delay: giving back its few pages at once (16 `madvise` calls at 1k claims) cost more time
/// than it saved memory, each page taken again faulted in anew.
pub struct FreedGivenBack {
    _given_back: (),
}

/// The runs alive now that hold freed memory and that give it back at once (runs of a library
/// user may overlap), and the delay they found, restored when the last of them ends.
#[derive(Clone, Copy)]
struct Purging {
    held: usize,
    given_back: usize,
    found: std::os::raw::c_long,
}

static PURGING: std::sync::Mutex<Purging> = std::sync::Mutex::new(Purging { held: 0, given_back: 0, found: 0 });

/// Counts a run in or out (`change`), sets the delay all runs alive now ask for, and returns
/// the counts after.
fn purging(change: fn(&mut Purging)) -> Purging {
    let mut purging = PURGING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if purging.held == 0 && purging.given_back == 0 {
        // SAFETY: mimalloc's options may be read and set at any time, from any thread.
        purging.found = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
    }
    change(&mut purging);
    let delay = match (purging.held, purging.given_back) {
        (0, 0) => purging.found,
        (0, _) => 0,
        _ => HELD_MS,
    };
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, delay) };
    *purging
}

impl FreedHeld {
    pub fn start() -> FreedHeld {
        purging(|runs| runs.held += 1);
        FreedHeld { _held: () }
    }
}

impl Drop for FreedHeld {
    fn drop(&mut self) {
        if purging(|runs| runs.held -= 1).held == 0 {
            // SAFETY: collecting is allowed on any thread, for that thread's memory and what
            // other threads left.
            unsafe { libmimalloc_sys::mi_collect(true) };
        }
    }
}

impl FreedGivenBack {
    pub fn start() -> FreedGivenBack {
        purging(|runs| runs.given_back += 1);
        FreedGivenBack { _given_back: () }
    }
}

impl Drop for FreedGivenBack {
    fn drop(&mut self) {
        purging(|runs| runs.given_back -= 1);
    }
}

/// Pages of a table that one thread fills in order, faulted in ahead of it by whichever thread
/// has nothing else to do ([`FaultAhead::fault_in_next`]). A page's first write costs the
/// writing thread a fault (about 5 µs on a virtual machine, the time the system takes to find,
/// clear and map the page): the claims table of 100k claims is 6,300 pages, four in ten of a
/// run's faults, all taken on the model's thread while it fills the table. The parser's
/// thread takes them instead whenever it is ahead (the model has no room for its next batch),
/// and the model's own thread whenever it is the one waiting (no batch is ready): the time
/// either thread would spend waiting goes to the faults.
///
/// Faulting a page in (`MADV_POPULATE_WRITE`) never changes what the memory holds: a table
/// that moved or was freed meanwhile costs at most the pages faulted in, never a value.
#[derive(Default)]
pub struct FaultAhead {
    /// The next address to fault in, rounded down to its page when used.
    next: AtomicUsize,
    /// Past the last page offered; 0 when none is (or faulting in failed).
    end: AtomicUsize,
    /// How far the owner has filled the table.
    filled: AtomicUsize,
    /// Where the table offered starts, to tell when it moved.
    table: AtomicUsize,
}

const PAGE: usize = 4096;
/// Faulted in at a time: 16 pages, about 80 µs, after which the waiting thread looks again for
/// what it waits for (room for its batch, or a batch).
const CHUNK: usize = 64 << 10;
/// Pages just ahead of the filling thread are left to it rather than faulted in by both at once.
const LEAD: usize = 64 << 10;
/// How far past what its owner has filled the table is faulted in at most: the parser runs at
/// most 4k entries (1 MiB of claims) ahead, and room the table was given beyond its last
/// claim is never faulted in (it was 3 MB more at the peak of a 1M-claim run).
const REACH: usize = 1 << 20;

impl FaultAhead {
    /// Offers the room `table` has past its length, which its owner is about to fill in order.
    pub fn offer<T>(&self, table: &Vec<T>) {
        let (filled, end) = extent(table);
        self.end.store(0, Relaxed);
        self.table.store(table.as_ptr() as usize, Relaxed);
        self.filled.store(filled, Relaxed);
        self.next.store(filled + LEAD, Relaxed);
        self.end.store(end / PAGE * PAGE, Relaxed);
    }

    /// Notes how far the owner has filled the table offered: what lies behind is not faulted
    /// in. A table that moved (it outgrew its room) is no longer offered.
    pub fn filled<T>(&self, table: &Vec<T>) {
        if table.as_ptr() as usize != self.table.load(Relaxed) {
            self.withdraw();
        }
        let filled = extent(table).0;
        self.filled.store(filled, Relaxed);
        self.next.fetch_max(filled + LEAD, Relaxed);
    }

    /// Nothing more is faulted in: the table is full or about to be freed.
    pub fn withdraw(&self) {
        self.end.store(0, Relaxed);
    }

    /// Faults in the next pages offered; false when none are left.
    pub fn fault_in_next(&self) -> bool {
        // Both page-aligned: each call that returns true moves `next` on by a page or more.
        let end = self.end.load(Relaxed).min((self.filled.load(Relaxed) + REACH) / PAGE * PAGE);
        let next = self.next.load(Relaxed) / PAGE * PAGE;
        if next >= end {
            return false;
        }
        let len = CHUNK.min(end - next);
        // The owner may have moved `next` on meanwhile: it only ever grows.
        self.next.fetch_max(next + len, Relaxed);
        let populated = populate(next, len);
        if !populated {
            // A system without `MADV_POPULATE_WRITE` (Linux before 5.14): the owner faults.
            self.withdraw();
        }
        populated
    }
}

/// Faults in at once the room `table` has past its length, which its owner is about to fill:
/// one call in place of a fault per page (the claims table of 1k claims is 60 pages, each
/// fault ~4 µs on a virtual machine, the call ~2.5 µs a page). Pages partly filled already are
/// left to fault as they would.
pub fn fault_in_room<T>(table: &Vec<T>) {
    let (filled, end) = extent(table);
    let start = filled.div_ceil(PAGE) * PAGE;
    let end = end / PAGE * PAGE;
    if start < end {
        // Without `MADV_POPULATE_WRITE` the pages fault as they are written, as before.
        populate(start, end - start);
    }
}

/// Where a table's filled part ends and its room ends, as addresses.
fn extent<T>(table: &Vec<T>) -> (usize, usize) {
    let start = table.as_ptr() as usize;
    (start + table.len() * size_of::<T>(), start + table.capacity() * size_of::<T>())
}

/// The size of a huge page on x86-64 and 64-bit Arm with 4 KiB pages.
const HUGE_PAGE: usize = 2 << 20;

/// Asks the system to back with huge pages the whole 2 MiB pages `region` holds, before they
/// are first written; true when it took the advice. Reading a large file into fresh memory was
/// mostly the system faulting that memory in page by page: at 100k claims (a 9 MB file) 2,300
/// faults took the reading 7.6 ms of a 78 ms run, and 2.7 ms with huge pages. No memory is
/// added: a huge page is asked for only where the region covers it whole. Where the system
/// has no huge page to give, it faults in pages as before. The advice stays on that memory:
/// reused after the region is freed (in the language server), it may be backed by huge pages
/// again, as all memory is on a system set to use them always.
pub fn ask_huge_pages(region: &[u8]) -> bool {
    let start = (region.as_ptr() as usize).div_ceil(HUGE_PAGE) * HUGE_PAGE;
    let end = (region.as_ptr() as usize + region.len()) / HUGE_PAGE * HUGE_PAGE;
    start < end && advise_huge_pages(start, end - start)
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(start: usize, len: usize) -> bool {
    // SAFETY: the advice changes how the range is backed, never what it holds; the range lies
    // within memory the caller holds.
    unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_HUGEPAGE) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: usize, _len: usize) -> bool {
    false
}

#[cfg(target_os = "linux")]
fn populate(start: usize, len: usize) -> bool {
    // SAFETY: populating pages only maps them, as a write would, without writing: whatever
    // the range holds (another thread's table, freed memory, or nothing mapped: an error),
    // no value changes.
    unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_POPULATE_WRITE) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn populate(_start: usize, _len: usize) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::{ask_huge_pages, fault_in_room, FaultAhead, CHUNK, HUGE_PAGE, LEAD, PAGE, REACH};

    #[test]
    #[cfg(target_os = "linux")]
    fn huge_pages_are_asked_for_only_where_the_region_covers_them_whole() {
        let mut region = vec![0u8; 3 * HUGE_PAGE];
        assert!(!ask_huge_pages(&region[..HUGE_PAGE / 2]), "a region holding no whole huge page");
        if !ask_huge_pages(&region) {
            println!("note: this system takes no huge-page advice (no transparent huge pages); skipped");
            return;
        }
        let first = (region.as_ptr() as usize).div_ceil(HUGE_PAGE) * HUGE_PAGE;
        let last = (region.as_ptr() as usize + region.len()) / HUGE_PAGE * HUGE_PAGE;
        assert!(last - first >= HUGE_PAGE);
        // The advice shows as `hg` in the flags of the mapping it made, which is that range:
        // no memory beyond the region is advised.
        let maps = std::fs::read_to_string("/proc/self/smaps").expect("smaps of a Linux process");
        let mut advised = None;
        let mut range = (0, 0);
        for line in maps.lines() {
            if let Some((from, to)) = line.split_whitespace().next().and_then(|r| r.split_once('-')) {
                if let (Ok(from), Ok(to)) = (usize::from_str_radix(from, 16), usize::from_str_radix(to, 16)) {
                    range = (from, to);
                    continue;
                }
            }
            if let Some(flags) = line.strip_prefix("VmFlags:") {
                if range.0 <= first && first < range.1 {
                    advised = Some((range, flags.split_whitespace().any(|f| f == "hg")));
                }
            }
        }
        assert_eq!(advised, Some(((first, last), true)), "{first:x}-{last:x}");
        region.iter_mut().step_by(PAGE).for_each(|b| *b = 7);
        assert!(region.iter().step_by(PAGE).all(|&b| b == 7), "the memory is used as before");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_room_offered_is_faulted_in_chunk_by_chunk_and_then_no_more() {
        let mut table: Vec<u64> = Vec::with_capacity(8 * CHUNK / 8);
        table.extend(0..100);
        let ahead = FaultAhead::default();
        assert!(!ahead.fault_in_next(), "nothing is offered yet");
        ahead.offer(&table);
        let mut chunks = 0;
        while ahead.fault_in_next() {
            chunks += 1;
            assert!(chunks <= 8, "the room is 8 chunks");
        }
        // The first chunk past what is filled is left to the table's owner.
        assert!((6..=7).contains(&chunks), "{chunks}");
        table.extend(100..1000);
        assert!(table.iter().copied().eq(0..1000), "faulting in changes no value");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_room_is_faulted_in_at_once_and_no_value_changes() {
        // Large enough for any allocator to take fresh pages from the system (glibc's malloc
        // maps anything over 32 MiB on its own).
        const ROOM: usize = (33 << 20) / 8;
        let mut table: Vec<u64> = Vec::with_capacity(ROOM);
        table.extend(0..1000);
        let resident = |table: &Vec<u64>| {
            let (start, end) = (table.as_ptr() as usize / PAGE * PAGE, super::extent(table).1);
            let mut pages = vec![0_u8; (end - start).div_ceil(PAGE)];
            // SAFETY: the range is the table's own allocation, rounded out to its pages;
            // `mincore` only reports on it.
            let ok = unsafe { libc::mincore(start as *mut libc::c_void, end - start, pages.as_mut_ptr()) };
            assert_eq!(ok, 0);
            pages.iter().filter(|&&page| page & 1 == 1).count()
        };
        let before = resident(&table);
        fault_in_room(&table);
        let after = resident(&table);
        assert!(after >= (33 << 20) / PAGE, "{before} pages resident before, {after} after");
        assert!(before < after / 2, "{before} pages resident before, {after} after");
        table.extend(1000..ROOM as u64);
        assert!(table.iter().copied().eq(0..ROOM as u64), "faulting in changes no value");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn no_more_than_its_reach_is_faulted_in_past_what_is_filled() {
        let mut table: Vec<u8> = Vec::with_capacity(4 * REACH);
        let ahead = FaultAhead::default();
        ahead.offer(&table);
        let mut chunks = 0;
        while ahead.fault_in_next() {
            chunks += 1;
        }
        assert_eq!(chunks, (REACH - LEAD) / CHUNK);
        table.resize(REACH, 0);
        ahead.filled(&table);
        chunks = 0;
        while ahead.fault_in_next() {
            chunks += 1;
        }
        assert_eq!(chunks, (REACH - LEAD) / CHUNK, "the reach moves on with what is filled");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn faulting_in_ends_whatever_the_table_and_how_far_it_is_filled() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..200 {
            let room = rng.usize(1..3 * REACH);
            // An odd offset, so that neither the table nor what is filled falls on a page.
            let mut table: Vec<u8> = Vec::with_capacity(room + 1);
            table.push(0);
            let ahead = FaultAhead::default();
            ahead.offer(&table);
            for _ in 0..4 {
                let calls = std::iter::from_fn(|| ahead.fault_in_next().then_some(())).take(room / 4096 + 3).count();
                assert!(calls <= room / 4096 + 1, "room {room}: {calls} calls");
                table.resize(rng.usize(table.len()..=room + 1), 1);
                ahead.filled(&table);
            }
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_table_filled_past_or_moved_is_not_faulted_in() {
        let mut table: Vec<u8> = Vec::with_capacity(4 * CHUNK);
        let ahead = FaultAhead::default();
        ahead.offer(&table);
        table.resize(3 * CHUNK, 1);
        ahead.filled(&table);
        assert!(!ahead.fault_in_next(), "only the owner's lead is left");
        // A table that outgrew its room lives elsewhere (this allocator may grow it in place).
        let offered: Vec<u8> = Vec::with_capacity(4 * CHUNK);
        let moved: Vec<u8> = Vec::with_capacity(68 * CHUNK);
        ahead.offer(&offered);
        ahead.filled(&moved);
        assert!(!ahead.fault_in_next(), "a table that moved is withdrawn");
        ahead.offer(&moved);
        ahead.withdraw();
        assert!(!ahead.fault_in_next());
    }

    #[test]
    fn the_arena_reserve_option_is_the_one_set() {
        // SAFETY: reading an option is allowed at any time.
        let reserve = unsafe { libmimalloc_sys::mi_option_get(super::ARENA_RESERVE) };
        // Its default, 1 GiB in KiB, which no other option has (where mimalloc is not the
        // allocator, `main.rs` sets nothing).
        assert_eq!(reserve, 1 << 20);
    }
}
