//! Byte tests on eight bytes at a time (SWAR: SIMD within a register), shared by the
//! tokenizer's text scans and the writer's escaping and character checks.
//!
//! Each test returns a mask with bit 7 set in the lanes that pass. A lane can be marked
//! falsely only above a lane that truly passes (the borrow runs upwards), so "any lane"
//! and "the lowest lane" (`trailing_zeros` of a little-endian word) are exact.

/// A byte of 0x01 in each lane.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// The high bit of each lane.
pub(crate) const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The lanes of `word` that equal `byte`.
#[inline(always)]
pub(crate) fn lanes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGH_BITS
}

/// The lanes of `word` below 0x20: the control characters, tab, LF and CR among them.
#[inline(always)]
pub(crate) fn lanes_below_space(word: u64) -> u64 {
    word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS
}
