//! ADWIN (adaptive windowing), as River's `drift.ADWIN` computes it (River 0.26's
//! `AdaptiveWindowing`, written in Rust there: the same operations in the same order, so
//! that detections are River's).

use std::collections::VecDeque;

/// River's `drift.ADWIN`: a window of recent values kept as exponential histograms
/// (buckets of 1, 2, 4, ... values, at most `max_buckets` of each size); every `clock`
/// values it looks for a cut into an older and a newer part whose means differ by more than
/// a bound that holds with confidence `delta`, and drops the older part. After a drift the
/// next update starts with an empty window, as River's does.
///
/// ```
/// use learner::drift::Adwin;
/// // Errors at a rate of 1 in 10, then of 9 in 10, from the 500th prediction.
/// let stream = (0..1000).map(|i| if i < 500 { u8::from(i % 10 == 0) } else { u8::from(i % 10 != 0) });
/// let mut detector = Adwin::new();
/// let detections: Vec<usize> = stream
///     .enumerate()
///     .filter_map(|(i, error)| {
///         detector.update(f64::from(error));
///         detector.drift_detected().then_some(i)
///     })
///     .collect();
/// assert!(!detections.is_empty() && (500..600).contains(&detections[0]), "{detections:?}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Adwin {
    delta: f64,
    clock: u64,
    max_buckets: usize,
    min_window_length: f64,
    grace_period: f64,
    window: Window,
    drift_detected: bool,
}

/// River's `AdaptiveWindowing`: the buckets and the window's statistics.
#[derive(Debug, Clone, PartialEq)]
struct Window {
    /// Row `i` holds buckets of `2^i` values, oldest first.
    rows: VecDeque<Row>,
    total: f64,
    variance: f64,
    width: f64,
    tick: u64,
}

/// River's `Bucket`: up to `max_buckets + 1` (total, variance) pairs of one size.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    totals: Vec<f64>,
    variances: Vec<f64>,
    len: usize,
}

impl Row {
    fn new(max_buckets: usize) -> Self {
        Self { totals: vec![0.0; max_buckets + 1], variances: vec![0.0; max_buckets + 1], len: 0 }
    }

    fn insert(&mut self, total: f64, variance: f64) {
        self.totals[self.len] = total;
        self.variances[self.len] = variance;
        self.len += 1;
    }

    /// Drop the `n` oldest buckets.
    fn compress(&mut self, n: usize) {
        let size = self.totals.len();
        self.totals.copy_within(n..size, 0);
        self.variances.copy_within(n..size, 0);
        self.totals[size - n..].fill(0.0);
        self.variances[size - n..].fill(0.0);
        self.len -= n;
    }
}

/// `pow(2, row)`: the number of values in a bucket of row `row`.
fn bucket_size(row: usize) -> f64 {
    2f64.powi(row as i32)
}

impl Default for Adwin {
    fn default() -> Self {
        Self::new()
    }
}

impl Adwin {
    /// River's defaults: `delta=0.002`, `clock=32`, `max_buckets=5`,
    /// `min_window_length=5`, `grace_period=10`.
    pub fn new() -> Self {
        let max_buckets = 5;
        Self {
            delta: 0.002,
            clock: 32,
            max_buckets,
            min_window_length: 5.0,
            grace_period: 10.0,
            window: Window::new(max_buckets),
            drift_detected: false,
        }
    }

    /// The confidence of a detection (0.002).
    pub fn delta(mut self, delta: f64) -> Self {
        self.delta = delta;
        self
    }

    /// Look for a change every `clock` values (32; at least 1).
    pub fn clock(mut self, clock: u64) -> Self {
        self.clock = clock.max(1);
        self
    }

    /// The values in the window.
    pub fn width(&self) -> f64 {
        self.window.width
    }

    /// See one more value.
    pub fn update(&mut self, x: f64) {
        if self.drift_detected {
            self.window = Window::new(self.max_buckets);
        }
        self.insert(x);
        self.drift_detected = self.detect_change();
    }

    /// Whether the last update reported a drift.
    pub fn drift_detected(&self) -> bool {
        self.drift_detected
    }

    fn insert(&mut self, value: f64) {
        let window = &mut self.window;
        window.rows[0].insert(value, 0.0);
        window.width += 1.0;
        if window.width > 1.0 {
            let previous_mean = window.total / (window.width - 1.0);
            window.variance += (window.width - 1.0) * (value - previous_mean) * (value - previous_mean) / window.width;
        }
        window.total += value;
        self.compress_rows();
    }

    /// Merge the two oldest buckets of a full row into one of the next row, up the rows.
    fn compress_rows(&mut self) {
        let max_buckets = self.max_buckets;
        let rows = &mut self.window.rows;
        let mut row = 0;
        while row < rows.len() && rows[row].len == max_buckets + 1 {
            if row + 1 == rows.len() {
                rows.push_back(Row::new(max_buckets));
            }
            let n = bucket_size(row);
            let (first, second) = (&rows[row].totals[0], &rows[row].totals[1]);
            let (mean1, mean2) = (first / n, second / n);
            let total = first + second;
            // n * n * (mean1 - mean2)^2 / (n + n), as River writes it.
            let merged = n * 0.5 * (mean1 - mean2) * (mean1 - mean2);
            let variance = rows[row].variances[0] + rows[row].variances[1] + merged;
            rows[row + 1].insert(total, variance);
            rows[row].compress(2);
            if rows[row + 1].len <= max_buckets {
                break;
            }
            row += 1;
        }
    }

    /// Drop the oldest bucket; its number of values.
    fn delete_oldest(&mut self) -> f64 {
        let window = &mut self.window;
        let last = window.rows.len() - 1;
        let n = bucket_size(last);
        let (u, v) = (window.rows[last].totals[0], window.rows[last].variances[0]);
        let mu = u / n;
        window.width -= n;
        window.total -= u;
        let mu_window = window.total / window.width;
        window.variance -= v + n * window.width * (mu - mu_window) * (mu - mu_window) / (n + window.width);
        window.rows[last].compress(1);
        if window.rows[last].len == 0 {
            window.rows.pop_back();
        }
        n
    }

    fn detect_change(&mut self) -> bool {
        let mut change_detected = false;
        self.window.tick += 1;
        if self.window.tick % self.clock != 0 || self.window.width <= self.grace_period {
            return false;
        }
        let mut reduce_width = true;
        while reduce_width {
            reduce_width = false;
            let (mut n0, mut n1) = (0.0, self.window.width);
            let (mut u0, mut u1) = (0.0, self.window.total);
            // Each cut between the older part (0) and the newer (1), oldest buckets first.
            'cuts: for row in (0..self.window.rows.len()).rev() {
                let buckets = self.window.rows[row].len;
                for k in 0..buckets {
                    let n = bucket_size(row);
                    let u = self.window.rows[row].totals[k];
                    n0 += n;
                    n1 -= n;
                    u0 += u;
                    u1 -= u;
                    // The last cut would leave the newer part empty.
                    if row == 0 && k == buckets - 1 {
                        break 'cuts;
                    }
                    let delta_mean = u0 / n0 - u1 / n1;
                    if n1 >= self.min_window_length && n0 >= self.min_window_length && self.cut(n0, n1, delta_mean) {
                        reduce_width = true;
                        change_detected = true;
                        if self.window.width > 0.0 {
                            self.delete_oldest();
                            break 'cuts;
                        }
                    }
                }
            }
        }
        change_detected
    }

    /// Whether the means `delta_mean` apart differ by more than ADWIN's bound.
    fn cut(&self, n0: f64, n1: f64, delta_mean: f64) -> bool {
        let window = &self.window;
        let delta_prime = (2.0 * window.width.ln() / self.delta).ln();
        let m_recip = 1.0 / (n0 - self.min_window_length + 1.0) + 1.0 / (n1 - self.min_window_length + 1.0);
        let variance_in_window = window.variance / window.width;
        let epsilon = (2.0 * m_recip * variance_in_window * delta_prime).sqrt() + 2.0 / 3.0 * delta_prime * m_recip;
        delta_mean.abs() > epsilon
    }
}

impl Window {
    fn new(max_buckets: usize) -> Self {
        Self { rows: VecDeque::from([Row::new(max_buckets)]), total: 0.0, variance: 0.0, width: 0.0, tick: 0 }
    }
}
