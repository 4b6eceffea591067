//! The original notebook's training loop, which the `notebook` example prints.
//!
//! ```text
//! for i in range(len(X_train)):
//!     clf.partial_fit(X_train[i].reshape(1, -1), y_train.values[[i]], classes=[0, 1])
//!     if i > 0 and i % 25 == 0 or i == len(X_train) - 1:
//!         print("Iters ", i, ": ", clf.score(X_test, y_test))
//! ```
//!
//! With `epochs > 1` the loop makes that many passes over the training split and the
//! counter `i` runs on across passes.

use crate::error::Result;
use crate::mlp::{MlpClassifier, ValidParams};
use crate::random::RandomState;
use crate::session::PreparedData;

/// A printed line of the notebook: the sample counter and the test accuracy after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checkpoint {
    pub iteration: usize,
    pub score: f64,
}

impl std::fmt::Display for Checkpoint {
    /// Python's `print("Iters ", i, ": ", score)`: full-precision `repr` of the score.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Iters  {} :  {:?}", self.iteration, self.score)
    }
}

/// The notebook's run: the checkpoints and the trained model.
pub struct NotebookRun {
    pub checkpoints: Vec<Checkpoint>,
    pub model: MlpClassifier,
}

/// Whether the notebook prints after sample counter `i` of a run whose last counter is `last`.
pub fn is_checkpoint(i: usize, last: usize) -> bool {
    (i > 0 && i % 25 == 0) || i == last
}

/// `np.random.seed(seed)`, a new `MLPClassifier` and `epochs` passes of one-sample
/// `partial_fit` over the training split.
pub fn run(data: &PreparedData, seed: u32, epochs: usize, params: ValidParams) -> Result<NotebookRun> {
    let mut stream = RandomState::new(seed);
    let mut model = MlpClassifier::new(data.n_features(), params, &mut stream);
    let n_train = data.n_train();
    let total = epochs * n_train;
    let mut checkpoints = Vec::new();
    let (x_test, y_test) = data.test_set();
    for i in 0..total {
        let (x, y) = data.train_sample(i % n_train);
        model.learn_one(x, y)?;
        if is_checkpoint(i, total - 1) {
            checkpoints.push(Checkpoint { iteration: i, score: model.score(x_test, y_test)? });
        }
    }
    Ok(NotebookRun { checkpoints, model })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn lines_print_like_python() {
        let line = Checkpoint { iteration: 25, score: 37.0 / 61.0 };
        assert_eq!(line.to_string(), "Iters  25 :  0.6065573770491803");
        assert_eq!(Checkpoint { iteration: 9, score: 1.0 }.to_string(), "Iters  9 :  1.0");
    }

    #[test]
    fn checkpoints_every_25_and_at_the_last_sample() {
        let printed: Vec<usize> = (0..242).filter(|&i| is_checkpoint(i, 241)).collect();
        assert_eq!(printed, [25, 50, 75, 100, 125, 150, 175, 200, 225, 241]);
        assert!(!is_checkpoint(0, 241));
        assert!(is_checkpoint(0, 0));
    }
}
