//! PLACEHOLDER: to be written.

use crate::Outcome;

pub fn render(_outcome: &Outcome) -> String {
    String::new()
}
