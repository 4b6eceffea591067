//! Evaluation metrics: scikit-learn's (accuracy, confusion matrix, precision, recall, log
//! loss) on a held-out set, and River's progressive accuracy on a stream.

use std::collections::VecDeque;

use crate::preprocessing::pairwise_sum;

/// `accuracy_score(y_true, y_pred)`: the fraction of equal labels, as a double (`NaN` for
/// no labels). The slices must have the same length: a caller's invariant, asserted in debug
/// builds only (scikit-learn raises; here, in a release build, the shorter slice is counted
/// against the longer's length).
///
/// ```
/// assert_eq!(learner::metrics::accuracy(&[1, 0, 1, 1], &[1, 1, 1, 0]), 0.5);
/// ```
pub fn accuracy(y_true: &[u8], y_pred: &[u8]) -> f64 {
    debug_assert_eq!(y_true.len(), y_pred.len());
    let correct = y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count();
    correct as f64 / y_true.len() as f64
}

/// The four counts of a binary confusion matrix, for a chosen positive class.
///
/// ```
/// use learner::metrics::ConfusionMatrix;
/// // Class 0 is the positive one (in heart.csv, 0 is heart disease).
/// let matrix = ConfusionMatrix::new(&[0, 0, 1, 1, 0], &[0, 1, 1, 0, 0], 0);
/// assert_eq!((matrix.true_positives, matrix.false_negatives), (2, 1));
/// assert_eq!((matrix.false_positives, matrix.true_negatives), (1, 1));
/// assert_eq!(matrix.precision(), Some(2.0 / 3.0));
/// assert_eq!(matrix.recall(), Some(2.0 / 3.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConfusionMatrix {
    pub true_positives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
    pub false_negatives: usize,
}

impl ConfusionMatrix {
    /// Counts `y_pred` against `y_true`, `positive` being the class that counts as positive
    /// (scikit-learn's `pos_label`). The slices must have the same length (asserted in debug
    /// builds only; in a release build, the pairs of the shorter are counted).
    pub fn new(y_true: &[u8], y_pred: &[u8], positive: u8) -> Self {
        debug_assert_eq!(y_true.len(), y_pred.len());
        let mut matrix = Self::default();
        for (&truth, &predicted) in y_true.iter().zip(y_pred) {
            let count = match (truth == positive, predicted == positive) {
                (true, true) => &mut matrix.true_positives,
                (false, true) => &mut matrix.false_positives,
                (false, false) => &mut matrix.true_negatives,
                (true, false) => &mut matrix.false_negatives,
            };
            *count += 1;
        }
        matrix
    }

    /// `precision_score(pos_label=positive)`: of those predicted positive, the fraction that
    /// are. `None` when nothing was predicted positive (scikit-learn warns and says 0).
    pub fn precision(&self) -> Option<f64> {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// `recall_score(pos_label=positive)`: of those positive, the fraction predicted so.
    /// `None` when there is no positive sample.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// `log_loss(y_true, predict_proba(X))` for binary labels, given each sample's probability
/// of class 1: the mean of `-ln(p)` of the true class, each probability first clipped to
/// `[eps, 1 - eps]` and the mean taken with numpy's pairwise sum, as scikit-learn does.
/// `NaN` for no samples. The slices must have the same length (asserted in debug builds
/// only; in a release build, the pairs of the shorter are averaged).
///
/// ```
/// let loss = learner::metrics::log_loss(&[1, 0], &[0.9, 0.2]);
/// assert!((loss - (-(0.9f64).ln() - (0.8f64).ln()) / 2.0).abs() < 1e-15);
/// ```
pub fn log_loss(y_true: &[u8], proba_of_1: &[f64]) -> f64 {
    debug_assert_eq!(y_true.len(), proba_of_1.len());
    let losses: Vec<f64> = y_true
        .iter()
        .zip(proba_of_1)
        .map(|(&y, &p1)| {
            // predict_proba's column of the true class: [1 - p, p].
            let p = if y == 1 { p1 } else { 1.0 - p1 };
            -p.clamp(f64::EPSILON, 1.0 - f64::EPSILON).ln()
        })
        .collect();
    pairwise_sum(&losses) / losses.len() as f64
}

/// The window of [`ProgressiveAccuracy::recent`]: River's `Rolling(Accuracy, 50)` in the
/// workbench.
pub const RECENT_WINDOW: usize = 50;

/// Progressive validation's accuracy (River's `metrics.Accuracy` and `utils.Rolling` of
/// it): each sample is predicted before it is learned, and the prediction counted here.
///
/// ```
/// use learner::metrics::ProgressiveAccuracy;
/// let mut metric = ProgressiveAccuracy::new(2);
/// for (truth, predicted) in [(1, 1), (0, 1), (1, 1)] {
///     metric.update(truth, predicted);
/// }
/// assert_eq!(metric.get(), 2.0 / 3.0); // all three
/// assert_eq!(metric.recent(), 0.5); // the last two
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressiveAccuracy {
    correct: usize,
    seen: usize,
    window: VecDeque<bool>,
    window_size: usize,
    window_correct: usize,
}

impl ProgressiveAccuracy {
    /// A metric with nothing seen, whose [`recent`](Self::recent) covers `window_size`
    /// samples (at least one).
    pub fn new(window_size: usize) -> Self {
        let window_size = window_size.max(1);
        Self { correct: 0, seen: 0, window: VecDeque::with_capacity(window_size), window_size, window_correct: 0 }
    }

    /// Count one prediction.
    pub fn update(&mut self, truth: u8, predicted: u8) {
        let hit = truth == predicted;
        self.seen += 1;
        self.correct += usize::from(hit);
        if self.window.len() == self.window_size {
            let dropped = self.window.pop_front().expect("a full window has a front");
            self.window_correct -= usize::from(dropped);
        }
        self.window.push_back(hit);
        self.window_correct += usize::from(hit);
    }

    /// The accuracy of every prediction so far (River: 0 before any).
    pub fn get(&self) -> f64 {
        fraction(self.correct, self.seen)
    }

    /// The accuracy of the last `window_size` predictions.
    pub fn recent(&self) -> f64 {
        fraction(self.window_correct, self.window.len())
    }

    pub fn seen(&self) -> usize {
        self.seen
    }
}

fn fraction(part: usize, whole: usize) -> f64 {
    ratio(part, whole).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn precision_and_recall_are_undefined_without_positives() {
        let matrix = ConfusionMatrix::new(&[1, 1], &[1, 1], 0);
        assert_eq!(matrix.true_negatives, 2);
        assert_eq!((matrix.precision(), matrix.recall()), (None, None));
    }

    #[test]
    fn log_loss_clips_certain_mistakes_as_scikit_learn_does() {
        let loss = log_loss(&[1, 0], &[0.0, 1.0]);
        assert_eq!(loss, -f64::EPSILON.ln());
        assert_eq!(log_loss(&[1], &[1.0]), -(1.0 - f64::EPSILON).ln());
    }

    #[test]
    fn the_recent_window_forgets_old_predictions() {
        let mut metric = ProgressiveAccuracy::new(3);
        assert_eq!((metric.get(), metric.recent()), (0.0, 0.0));
        for hit in [false, false, true, true, true] {
            metric.update(1, u8::from(hit));
        }
        assert_eq!(metric.get(), 0.6);
        assert_eq!(metric.recent(), 1.0);
        assert_eq!(metric.seen(), 5);
    }
}
