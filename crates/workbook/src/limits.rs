//! Resource limits: what a workbook may cost before it is refused.

/// All parts of a zip container together may inflate to at most this.
pub const MAX_INFLATED_TOTAL: u64 = 512 * 1024 * 1024;
/// A part over [`RATIO_CHECK_FROM`] may inflate at most this many times its stored size.
pub const MAX_RATIO: u64 = 100;
/// Parts smaller than this are not held to [`MAX_RATIO`] (small XML compresses very well).
pub const RATIO_CHECK_FROM: u64 = 10 * 1024 * 1024;
/// Cells read over all sheets.
pub const MAX_CELLS: usize = 5_000_000;
