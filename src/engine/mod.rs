//! The consistency engine shared by the assertion and network checks: `assert`
//! expressions compiled with units ([`expr`], [`units`]), the model's quantities and
//! constraints as networks ([`system`]), interval propagation over them ([`propagate`])
//! and minimal explanations of a contradiction ([`explain`]). All values stay exact
//! rationals; every narrowing is sound, so an empty interval proves a contradiction.

pub mod explain;
pub mod expr;
pub mod propagate;
pub mod system;
pub mod units;
