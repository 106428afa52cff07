//! The consistency engine shared by the assertion and network checks: `assert`
//! expressions compiled with units ([`expr`], [`units`]), the model's quantities and
//! constraints as networks ([`system`]), interval propagation over them ([`propagate`]),
//! exact reasoning over what is linear in them ([`linear`], asserts made linear in `forms`)
//! minimal explanations of a contradiction ([`explain`]) and its exact numbers ([`ranges`]). All values stay exact
//! rationals; every narrowing is sound, so an empty interval proves a contradiction.

#[cfg(test)]
mod assert_tests;
pub mod explain;
pub mod expr;
mod forms;
mod jointly;
pub mod linear;
#[cfg(test)]
mod network_tests;
pub mod propagate;
pub mod ranges;
pub mod system;
#[cfg(test)]
mod total_tests;
pub mod units;
