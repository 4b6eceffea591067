//! Drift detectors on a stream of numbers (in the workbench, progressive validation's
//! errors: 1 for a wrong prediction, 0 for a right one), after River's `river.drift`: each
//! detector is a small value with `update(x)` and `drift_detected()`, its parameters named
//! and defaulted as River's, its detections equal to River's on the same streams
//! (`tests/fixtures/drift.json`, made by River itself).

mod adwin;
mod page_hinkley;

pub use adwin::Adwin;
pub use page_hinkley::{Mode, PageHinkley};
