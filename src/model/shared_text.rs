//! Texts that many statements share (a date as written, a measure's name, an item, a unit),
//! held once per run: a claim keeps a pointer of 8 bytes to each rather than 24 inline bytes,
//! which at a million claims is some 60 MB.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Borrow;
use std::sync::{Arc, Mutex};

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

/// The texts of one run, each held once. Lowering may run on another thread than the model's,
/// hence the lock (taken by one thread at a time in practice: it never waits).
#[derive(Default)]
pub struct Interner(Mutex<HashSet<SharedText>>);

impl Interner {
    /// The one shared copy of `text`.
    pub fn get(&self, text: &str) -> SharedText {
        let mut texts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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
