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

use crate::error::{Error, Result};
use crate::mlp::{MlpClassifier, ValidParams};
use crate::model_file::LoadedModel;
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
    let model = MlpClassifier::new(data.n_features(), params, &mut stream);
    go_on(data, model, 0, epochs * data.n_train())
}

/// The notebook resumed from a saved model (a model file, or a session snapshot's): the
/// counter `i` goes on from the model's `samples_seen`, the training split from its
/// `next_sample`, to the end of that pass, then `epochs - 1` more passes. A model saved
/// after 100 of the notebook's samples prints the rest of the notebook's lines, the same
/// numbers. A model saved at the end of a pass (`next_sample` the number of training
/// samples, where the page says none remain) goes on with a new pass. Refused if the model
/// was saved on other data (its scaler is not this data's) or its position is past the
/// training split.
pub fn resume(data: &PreparedData, saved: LoadedModel, epochs: usize) -> Result<NotebookRun> {
    if saved.model.n_features() != data.n_features() || saved.scaler != data.scaler {
        return Err(Error::ModelFile(
            "its scaler is not this data's (StandardScaler fitted on all of its rows, as the notebook fits it): \
             it was saved on other data, or its scaler was fitted otherwise"
                .to_owned(),
        ));
    }
    let next = match saved.progress.next_sample {
        next if next == data.n_train() => 0,
        next if next > data.n_train() => {
            return Err(Error::ModelFile(format!(
                "progress.next_sample is {next}, past the {} training samples",
                data.n_train()
            )))
        }
        next => next,
    };
    let samples = (data.n_train() - next) + epochs.saturating_sub(1) * data.n_train();
    go_on(data, saved.model, next, samples)
}

/// `samples` one-sample steps from training sample `first`, wrapping round the split, the
/// counter going on from the model's samples seen. The steps between two checkpoints go
/// through [`MlpClassifier::learn_rows`] at once: one Adam step per sample, `learn_one`'s bits.
fn go_on(data: &PreparedData, mut model: MlpClassifier, first: usize, samples: usize) -> Result<NotebookRun> {
    let n_train = data.n_train();
    let start = model.samples_seen() as usize;
    let last = (start + samples).saturating_sub(1);
    let mut checkpoints = Vec::new();
    let (x_test, y_test) = data.test_set();
    let mut step = 0;
    while step < samples {
        // On to the next checkpoint, or to the end of the split if it comes first.
        let index = (first + step) % n_train;
        let to_checkpoint = (step..samples).find(|&later| is_checkpoint(start + later, last)).unwrap_or(samples - 1);
        let end = (to_checkpoint + 1).min(step + n_train - index);
        let rows = index..index + (end - step);
        model.learn_rows(data.x_train.slice(ndarray::s![rows.clone(), ..]), &data.y_train[rows])?;
        step = end;
        let i = start + step - 1;
        if is_checkpoint(i, last) {
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
