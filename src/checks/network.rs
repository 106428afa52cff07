//! PLACEHOLDER: to be written.

pub fn check(_ctx: &super::Context) -> Vec<crate::finding::Finding> {
    Vec::new()
}
