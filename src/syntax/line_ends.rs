//! Finding a text's lines in bulk: every `\n` of a block of 64 bytes is found at once, as one
//! bit of a mask, where a `memchr` for each line's end cost some 75 instructions a line (it
//! sets up a vector search for what is, on average, 50 bytes away).

/// The start and end of every line of `bytes`, in order: the lines that `str::split('\n')`
/// gives (the last one holds what follows the last `\n`, and is empty when `bytes` ends with
/// one).
pub(super) fn lines(bytes: &[u8]) -> Lines<'_> {
    Lines { bytes, block: 0, ends: ends_in(bytes, 0), start: 0 }
}

pub(super) struct Lines<'a> {
    bytes: &'a [u8],
    /// Where the block of `ends` starts.
    block: usize,
    /// The line ends in the block at `block` not yet handed out, one bit each.
    ends: u64,
    /// Where the next line starts.
    start: usize,
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.ends == 0 {
            if self.block + BLOCK > self.bytes.len() {
                return None;
            }
            self.block += BLOCK;
            self.ends = ends_in(self.bytes, self.block);
        }
        let end = self.block + self.ends.trailing_zeros() as usize;
        self.ends &= self.ends - 1;
        Some((std::mem::replace(&mut self.start, end + 1), end))
    }
}

const BLOCK: usize = 64;

/// The line ends in the block of `bytes` at `block`, one bit each: its `\n` bytes, and the
/// end of `bytes` when it falls in the block, as the end of the last line.
#[inline]
fn ends_in(bytes: &[u8], block: usize) -> u64 {
    match bytes.get(block..block + BLOCK) {
        Some(whole) => newlines(whole.try_into().expect("a whole block")),
        None => {
            let rest = &bytes[block..];
            let mut last = [0; BLOCK];
            last[..rest.len()].copy_from_slice(rest);
            newlines(&last) | 1 << rest.len()
        }
    }
}

/// The mask of the `\n` bytes of `block`: bit `i` is set when `block[i]` is one.
#[cfg(target_arch = "x86_64")]
#[inline]
fn newlines(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
    // SAFETY: SSE2 is part of every x86_64 target, so these instructions exist wherever this
    // runs; each unaligned load reads 16 of the 64 bytes `block` holds.
    unsafe {
        let newline = _mm_set1_epi8(b'\n' as i8);
        let at = |i: usize| block.as_ptr().add(16 * i).cast::<__m128i>();
        let mask = |i: usize| u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(at(i)), newline)) as u16);
        mask(0) | mask(1) << 16 | mask(2) << 32 | mask(3) << 48
    }
}

/// The mask of the `\n` bytes of `block`, a byte at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn newlines_bytewise(block: &[u8; BLOCK]) -> u64 {
    block.iter().rev().fold(0, |mask, &byte| mask << 1 | u64::from(byte == b'\n'))
}

#[cfg(not(target_arch = "x86_64"))]
use newlines_bytewise as newlines;

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines `lines` finds in `text`.
    fn found(text: &str) -> Vec<&str> {
        lines(text.as_bytes()).map(|(start, end)| &text[start..end]).collect()
    }

    #[test]
    fn the_lines_are_those_split_finds() {
        for text in ["", "\n", "\n\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "\u{feff}a\n\n b\n"] {
            assert_eq!(found(text), text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn each_byte_of_a_block_is_compared_as_itself() {
        let mut rng = fastrand::Rng::with_seed(0x6e1);
        for _ in 0..10_000 {
            let mut block = [0; BLOCK];
            block.iter_mut().for_each(|byte| *byte = if rng.bool() { b'\n' } else { rng.u8(..) });
            assert_eq!(newlines(&block), newlines_bytewise(&block), "{block:?}");
        }
    }

    #[test]
    fn line_ends_are_found_at_every_place_in_a_block_and_past_the_last_whole_block() {
        // Texts of every length around one, two and three blocks, with line ends at random
        // places, in runs, at the blocks' first and last bytes, and none at all.
        let mut rng = fastrand::Rng::with_seed(0x11e5);
        for _ in 0..20_000 {
            let len = rng.usize(..3 * BLOCK + 8);
            let every = [2, 3, 8, 50, 1000][rng.usize(..5)];
            let text: String = (0..len)
                .map(|_| if rng.usize(..every) == 0 { '\n' } else { ['a', ' ', '\r', '\t', ';'][rng.usize(..5)] })
                .collect();
            assert_eq!(found(&text), text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
        for at in 0..2 * BLOCK {
            let mut text = "x".repeat(2 * BLOCK + 3);
            text.replace_range(at..at + 1, "\n");
            assert_eq!(found(&text), text.split('\n').collect::<Vec<_>>(), "{at}");
        }
    }
}
