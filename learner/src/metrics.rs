//! Evaluation metrics.

/// `accuracy_score(y_true, y_pred)`: the fraction of equal labels, as a double (`NaN` for
/// no labels). The slices must have the same length.
///
/// ```
/// assert_eq!(learner::metrics::accuracy(&[1, 0, 1, 1], &[1, 1, 1, 0]), 0.5);
/// ```
pub fn accuracy(y_true: &[u8], y_pred: &[u8]) -> f64 {
    debug_assert_eq!(y_true.len(), y_pred.len());
    let correct = y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count();
    correct as f64 / y_true.len() as f64
}
