//! The Page-Hinkley test, as River's `drift.PageHinkley` computes it.

/// Which changes of the mean the test looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An increase (for an error stream: the model got worse).
    Up,
    /// A decrease.
    Down,
    /// Either (River's default).
    Both,
}

/// River's `drift.PageHinkley`: the cumulative deviation of each value from the running
/// mean (faded by `alpha`, less a tolerance `delta`), against its running extreme; a drift
/// when the gap passes `threshold`, after `min_instances` values. After a drift the next
/// update starts afresh.
///
/// ```
/// use learner::drift::PageHinkley;
/// // Errors at a rate of 1 in 10, then of 9 in 10, from the 500th prediction.
/// let stream = (0..1000).map(|i| if i < 500 { u8::from(i % 10 == 0) } else { u8::from(i % 10 != 0) });
/// let mut detector = PageHinkley::new();
/// let detections: Vec<usize> = stream
///     .enumerate()
///     .filter_map(|(i, error)| {
///         detector.update(f64::from(error));
///         detector.drift_detected().then_some(i)
///     })
///     .collect();
/// assert_eq!(detections.len(), 1);
/// assert!((500..600).contains(&detections[0]), "{detections:?}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PageHinkley {
    min_instances: f64,
    delta: f64,
    threshold: f64,
    alpha: f64,
    mode: Mode,
    // River's `stats.Mean`: its count is a float.
    n: f64,
    mean: f64,
    sum_increase: f64,
    sum_decrease: f64,
    min_increase: f64,
    max_decrease: f64,
    tests: Tests,
    drift_detected: bool,
}

/// The test's two values after an update (River's `test_increase` and `test_decrease`):
/// how far the cumulative sum has risen above its lowest, a sign that the mean went up, and
/// how far it has fallen below its highest, that it went down. A drift is reported when the
/// one the mode watches (either, by default) passes the threshold. Both are 0 until
/// `min_instances` values have been seen, as River computes them only from then on.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tests {
    pub increase: f64,
    pub decrease: f64,
}

impl Default for PageHinkley {
    fn default() -> Self {
        Self::new()
    }
}

impl PageHinkley {
    /// River's default threshold (lambda): a test value past it is a drift.
    pub const DEFAULT_THRESHOLD: f64 = 50.0;

    /// River's defaults: `min_instances=30`, `delta=0.005`, `threshold=50`,
    /// `alpha=1 - 0.0001`, `mode="both"`.
    pub fn new() -> Self {
        let mut detector = Self {
            min_instances: 30.0,
            delta: 0.005,
            threshold: Self::DEFAULT_THRESHOLD,
            alpha: 1.0 - 0.0001,
            mode: Mode::Both,
            n: 0.0,
            mean: 0.0,
            sum_increase: 0.0,
            sum_decrease: 0.0,
            min_increase: 0.0,
            max_decrease: 0.0,
            tests: Tests::default(),
            drift_detected: false,
        };
        detector.reset();
        detector
    }

    /// Values to see before a drift can be reported (30).
    pub fn min_instances(mut self, min_instances: u32) -> Self {
        self.min_instances = f64::from(min_instances);
        self
    }

    /// The tolerated deviation (0.005).
    pub fn delta(mut self, delta: f64) -> Self {
        self.delta = delta;
        self
    }

    /// The detection threshold, lambda (50).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }

    /// The forgetting factor of the cumulative sums (1 - 0.0001).
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }

    /// Which changes to look for (both).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    fn reset(&mut self) {
        self.n = 0.0;
        self.mean = 0.0;
        self.sum_increase = 0.0;
        self.sum_decrease = 0.0;
        self.min_increase = f64::INFINITY;
        // River's initial value, -1, not minus infinity.
        self.max_decrease = -1.0;
        self.tests = Tests::default();
        self.drift_detected = false;
    }

    /// See one more value.
    pub fn update(&mut self, x: f64) {
        if self.drift_detected {
            self.reset();
        }
        self.n += 1.0;
        self.mean += (1.0 / self.n) * (x - self.mean);
        let deviation = x - self.mean;
        self.sum_increase = self.alpha * self.sum_increase + deviation - self.delta;
        self.sum_decrease = self.alpha * self.sum_decrease + deviation + self.delta;
        if self.sum_increase < self.min_increase {
            self.min_increase = self.sum_increase;
        }
        if self.sum_decrease > self.max_decrease {
            self.max_decrease = self.sum_decrease;
        }
        if self.n >= self.min_instances {
            let increase = self.sum_increase - self.min_increase;
            let decrease = self.max_decrease - self.sum_decrease;
            self.tests = Tests { increase, decrease };
            self.drift_detected = match self.mode {
                Mode::Up => increase > self.threshold,
                Mode::Down => decrease > self.threshold,
                Mode::Both => increase > self.threshold || decrease > self.threshold,
            };
        }
    }

    /// Whether the last update reported a drift.
    pub fn drift_detected(&self) -> bool {
        self.drift_detected
    }

    /// The test's values after the last update: how near a drift it came (see [`Tests`]).
    pub fn tests(&self) -> Tests {
        self.tests
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn one_sided_modes_look_one_way() {
        let rising: Vec<f64> = (0..400).map(|i| if i < 200 { 0.0 } else { 1.0 }).collect();
        let falling: Vec<f64> = rising.iter().map(|x| 1.0 - x).collect();
        let detects = |mode: Mode, stream: &[f64]| {
            let mut detector = PageHinkley::new().mode(mode).threshold(20.0);
            stream.iter().any(|&x| {
                detector.update(x);
                detector.drift_detected()
            })
        };
        assert!(detects(Mode::Up, &rising) && !detects(Mode::Down, &rising));
        assert!(detects(Mode::Down, &falling) && !detects(Mode::Up, &falling));
        assert!(detects(Mode::Both, &rising) && detects(Mode::Both, &falling));
    }
}
