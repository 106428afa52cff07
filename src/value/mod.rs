//! Exact values: rationals, intervals, dates.

pub mod date;
pub mod interval;
pub mod number;
mod rational;

pub use date::{DateRange, Day};
pub use interval::{Bounds, Interval};
pub use number::Q;
