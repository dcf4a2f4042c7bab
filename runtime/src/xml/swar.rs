//! Byte tests on eight bytes at a time (SWAR: SIMD within a register), shared by the
//! tokenizer's text scans and the writer's escaping and character checks.
//!
//! Each test returns a mask with bit 7 set in the lanes that pass. A lane can be marked
//! falsely only above a lane that truly passes (borrows and carries run upwards), so "any
//! lane" and "the lowest lane" (`trailing_zeros` of a little-endian word) are exact.

/// A byte of 0x01 in each lane.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// The high bit of each lane.
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

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

/// The lanes of `word` above 0x20: anything but a space or a control character.
#[inline(always)]
pub(crate) fn lanes_above_space(word: u64) -> u64 {
    (word.wrapping_add(ONES * (0x7F - 0x20)) | word) & HIGH_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `lanes` against `passes` byte by byte: for every byte value in every lane,
    /// over backgrounds that pass and that do not, whether any lane passes and which is
    /// the lowest must be exact.
    fn check_exact(lanes: impl Fn(u64) -> u64, passes: impl Fn(u8) -> bool) {
        for background in [0x00, 0x20, 0x21, 0x7F, 0x80, 0xA1, 0xFF, b'<', 0xEF] {
            for lane in 0..8 {
                for byte in 0..=255u8 {
                    let mut bytes = [background; 8];
                    bytes[lane] = byte;
                    let mask = lanes(u64::from_le_bytes(bytes));
                    let lowest = bytes.iter().position(|&b| passes(b));
                    let found = (mask != 0).then(|| mask.trailing_zeros() as usize / 8);
                    assert_eq!(found, lowest, "{bytes:02x?}");
                }
            }
        }
    }

    #[test]
    fn lane_tests_find_exactly_the_lowest_lane_that_passes() {
        for byte in [0x00, b'&', b'<', b'>', b'"', 0xEF, 0xFF] {
            check_exact(|word| lanes_equal(word, byte), |b| b == byte);
        }
        check_exact(lanes_below_space, |b| b < 0x20);
        check_exact(lanes_above_space, |b| b > 0x20);
    }
}
