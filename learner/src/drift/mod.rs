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
        let mut found = [0, 0];
        for (name, stream) in streams {
            let stream: Vec<f64> = stream.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            let expected = |detector: &str| -> Vec<usize> {
                fixture[detector][name].as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize).collect()
            };
            let (page_hinkley, adwin) =
                (detections(&mut PageHinkley::new(), &stream), detections(&mut Adwin::new(), &stream));
            assert_eq!(page_hinkley, expected("page_hinkley"), "Page-Hinkley, {name}");
            assert_eq!(adwin, expected("adwin"), "ADWIN, {name}");
            found[0] += page_hinkley.len();
            found[1] += adwin.len();
        }
        // The README's count of what the streams hold.
        assert_eq!(found, [26, 24], "Page-Hinkley's and ADWIN's detections on the nine streams");
    }

    #[test]
    fn detections_with_other_parameters_equal_rivers() {
        let fixture: serde_json::Value = serde_json::from_str(DRIFT).unwrap();
        let streams = fixture["streams"].as_object().unwrap();
        let sets = fixture["with_parameters"].as_array().unwrap();
        assert_eq!(sets.len(), 5);
        for set in sets {
            let parameters = &set["parameters"];
            let number = |key: &str| parameters.get(key).and_then(serde_json::Value::as_f64);
            for (name, stream) in streams {
                let stream: Vec<f64> = stream.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
                let found = match set["detector"].as_str().unwrap() {
                    "page_hinkley" => {
                        let mut detector = PageHinkley::new();
                        if let Some(n) = number("min_instances") {
                            detector = detector.min_instances(n as u32);
                        }
                        if let Some(delta) = number("delta") {
                            detector = detector.delta(delta);
                        }
                        if let Some(threshold) = number("threshold") {
                            detector = detector.threshold(threshold);
                        }
                        if let Some(alpha) = number("alpha") {
                            detector = detector.alpha(alpha);
                        }
                        match parameters.get("mode").and_then(serde_json::Value::as_str) {
                            Some("up") => detector = detector.mode(Mode::Up),
                            Some("down") => detector = detector.mode(Mode::Down),
                            _ => {}
                        }
                        detections(&mut detector, &stream)
                    }
                    _ => {
                        let mut detector = Adwin::new();
                        if let Some(delta) = number("delta") {
                            detector = detector.delta(delta);
                        }
                        if let Some(clock) = number("clock") {
                            detector = detector.clock(clock as u64);
                        }
                        detections(&mut detector, &stream)
                    }
                };
                let expected: Vec<usize> =
                    set["detections"][name].as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize).collect();
                assert_eq!(found, expected, "{} {parameters}, {name}", set["detector"]);
            }
        }
    }
}
