//! Drift detectors on a stream of numbers (in the workbench, progressive validation's
//! errors: 1 for a wrong prediction, 0 for a right one), after River's `river.drift`: each
//! detector is a small value with `update(x)` and `drift_detected()`, its parameters named
//! and defaulted as River's, its detections equal to River's on the same streams
//! (`tests/fixtures/drift.json`, made by River itself).

mod adwin;
mod page_hinkley;

pub use adwin::Adwin;
pub use page_hinkley::{Mode, PageHinkley, Tests};

/// What every detector does: River's `update(x)` and `drift_detected`.
pub trait DriftDetector {
    /// See one more value.
    fn update(&mut self, x: f64);
    /// Whether the last update reported a drift.
    fn drift_detected(&self) -> bool;
}

impl DriftDetector for PageHinkley {
    fn update(&mut self, x: f64) {
        PageHinkley::update(self, x);
    }
    fn drift_detected(&self) -> bool {
        PageHinkley::drift_detected(self)
    }
}

impl DriftDetector for Adwin {
    fn update(&mut self, x: f64) {
        Adwin::update(self, x);
    }
    fn drift_detected(&self) -> bool {
        Adwin::drift_detected(self)
    }
}

/// The indices of `stream` where `detector` reports a drift.
///
/// ```
/// use learner::drift::{detections, PageHinkley};
/// let stream: Vec<f64> = (0..600).map(|i| if i < 300 { 0.0 } else { 1.0 }).collect();
/// assert_eq!(detections(&mut PageHinkley::new(), &stream).len(), 1);
/// ```
pub fn detections(detector: &mut impl DriftDetector, stream: &[f64]) -> Vec<usize> {
    let mut found = Vec::new();
    for (index, &x) in stream.iter().enumerate() {
        detector.update(x);
        if detector.drift_detected() {
            found.push(index);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// tools/make_fixtures.py, drift(): streams and River's detections on them.
    const DRIFT: &str = include_str!("../../tests/fixtures/drift.json");

    #[test]
    fn detections_equal_rivers_on_the_same_streams() {
        let fixture: serde_json::Value = serde_json::from_str(DRIFT).unwrap();
        let streams = fixture["streams"].as_object().unwrap();
        assert_eq!(streams.len(), 9);
        for (name, stream) in streams {
            let stream: Vec<f64> = stream.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            let expected = |detector: &str| -> Vec<usize> {
                fixture[detector][name].as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize).collect()
            };
            assert_eq!(detections(&mut PageHinkley::new(), &stream), expected("page_hinkley"), "Page-Hinkley, {name}");
            assert_eq!(detections(&mut Adwin::new(), &stream), expected("adwin"), "ADWIN, {name}");
        }
    }
}
