//! Texts that many statements share (a date as written, a measure's name, an item, a unit),
//! held once per run: a claim keeps a pointer of 8 bytes to each rather than 24 inline bytes,
//! which at a million claims is some 60 MB.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::sync::Arc;

/// A shared text. Compares, hashes and orders as the `str` it holds.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText(Arc<String>);

impl SharedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A text of its own, shared with no other (tests, and the rare statement built outside a run).
impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText(Arc::new(text.to_string()))
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Whether two texts are equal, compared in at most two words each when they are short (the
/// names, units and ids of a claim line, compared with the last ones or a table's): a call to
/// `memcmp` costs several times as much as the comparison. Two loads that overlap cover every
/// byte of a text of four to sixteen bytes.
#[inline]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word4 = |t: &[u8], at: usize| u32::from_le_bytes([t[at], t[at + 1], t[at + 2], t[at + 3]]);
    let word8 = |t: &[u8], at: usize| u64::from_le_bytes(t[at..at + 8].try_into().unwrap_or_default());
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        _ => a == b,
    }
}

/// The texts of one run, each held once, by the lowering on the thread that builds the model.
#[derive(Default)]
pub struct Interner(RefCell<HashSet<SharedText>>);

impl Interner {
    /// The one shared copy of `text`.
    pub fn get(&self, text: &str) -> SharedText {
        let mut texts = self.0.borrow_mut();
        if let Some(shared) = texts.get(text) {
            return shared.clone();
        }
        let shared = SharedText::from(text);
        texts.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of texts of up to 20 bytes over a small alphabet that differ in at most one
    /// byte or in length is told apart as `==` tells them apart.
    #[test]
    fn short_texts_compare_as_strs() {
        let mut texts = vec![String::new()];
        for len in 1..=20 {
            let base: String = (0..len).map(|i| char::from(b'a' + (i % 3) as u8)).collect();
            texts.push(base.clone());
            for at in 0..len {
                let mut bytes = base.clone().into_bytes();
                bytes[at] = b'z';
                texts.push(String::from_utf8(bytes).unwrap());
            }
        }
        texts.extend([
            "é".to_string(),
            "e\u{301}".to_string(),
            "USD".into(),
            "USE".into(),
            "flow10".into(),
            "flow1".into(),
        ]);
        for a in &texts {
            for b in &texts {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn one_copy_per_text_and_it_reads_as_its_str() {
        let texts = Interner::default();
        let (a, b, c) = (texts.get("2008"), texts.get("2008"), texts.get("mid 2008"));
        assert!(Arc::ptr_eq(&a.0, &b.0), "the same text is held once");
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!(a, "2008");
        assert_eq!(format!("{c}: {c:?}"), "mid 2008: \"mid 2008\"");
        assert!(a < c, "ordered as their texts");
        assert_eq!(std::mem::size_of::<SharedText>(), 8);
    }
}
