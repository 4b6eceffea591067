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

use thiserror::Error;

use crate::error::Error;
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

/// Why the notebook's loop does not run, or stops.
#[derive(Debug, Error, PartialEq)]
pub enum NotebookError {
    #[error(transparent)]
    Learner(#[from] Error),
    /// More one-sample steps than the samples' counter holds.
    #[error("{epochs} passes over {samples} training samples are more steps than the samples' counter holds")]
    TooManyPasses { epochs: usize, samples: usize },
    /// A weight that is no longer finite, found at the checkpoint after sample `by`: where
    /// scikit-learn's `partial_fit` raises "Solver produced non-finite parameter weights", at
    /// the step that made it so, which prints no more lines either.
    #[error(
        "a value overflowed while learning, after sample {after} and by sample {by}: the weights are not all \
         finite, where scikit-learn's partial_fit stops (\"Solver produced non-finite parameter weights\")"
    )]
    NotFiniteWeights { after: usize, by: usize },
}

pub type Result<T> = std::result::Result<T, NotebookError>;

/// Whether the notebook prints after sample counter `i` of a run whose last counter is `last`.
pub fn is_checkpoint(i: usize, last: usize) -> bool {
    (i > 0 && i % 25 == 0) || i == last
}

/// `np.random.seed(seed)`, a new `MLPClassifier` and `epochs` passes of one-sample
/// `partial_fit` over the training split.
pub fn run(data: &PreparedData, seed: u32, epochs: usize, params: ValidParams) -> Result<NotebookRun> {
    run_with(data, seed, epochs, params, |_| {})
}

/// [`run`], `each` called with each checkpoint as it comes (the notebook prints it then).
pub fn run_with(
    data: &PreparedData,
    seed: u32,
    epochs: usize,
    params: ValidParams,
    each: impl FnMut(&Checkpoint),
) -> Result<NotebookRun> {
    let samples = passes(epochs, 0, 0, data.n_train())?;
    let mut stream = RandomState::new(seed);
    let model = MlpClassifier::new(data.n_features(), params, &mut stream)?;
    go_on(data, model, 0, samples, each)
}

/// The steps of `epochs` passes over `n_train` samples, the first pass from sample `first`,
/// for a model that has seen `seen` samples: refused where the steps, or the counter going
/// on from `seen` past them (and a pass more, which the loop's arithmetic reaches), overflow.
fn passes(epochs: usize, first: usize, seen: usize, n_train: usize) -> Result<usize> {
    let whole = epochs.checked_mul(n_train).filter(|whole| first <= *whole);
    match whole.and_then(|whole| seen.checked_add(whole)?.checked_add(n_train).map(|_| whole - first)) {
        Some(samples) => Ok(samples),
        None => Err(NotebookError::TooManyPasses { epochs, samples: n_train }),
    }
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
    resume_with(data, saved, epochs, |_| {})
}

/// [`resume`], `each` called with each checkpoint as it comes.
pub fn resume_with(
    data: &PreparedData,
    saved: LoadedModel,
    epochs: usize,
    each: impl FnMut(&Checkpoint),
) -> Result<NotebookRun> {
    if saved.model.n_features() != data.n_features() || saved.scaler != data.scaler {
        return Err(NotebookError::Learner(Error::ModelFile(
            "its scaler is not this data's (StandardScaler fitted on all of its rows, as the notebook fits it): \
             it was saved on other data, or its scaler was fitted otherwise"
                .to_owned(),
        )));
    }
    let next = match saved.progress.next_sample {
        next if next == data.n_train() => 0,
        next if next > data.n_train() => {
            return Err(NotebookError::Learner(Error::ModelFile(format!(
                "progress.next_sample is {next}, past the {} training samples",
                data.n_train()
            ))))
        }
        next => next,
    };
    // The rest of this pass, then `epochs - 1` more; the counter goes on from samples seen.
    let seen = usize::try_from(saved.model.samples_seen()).unwrap_or(usize::MAX);
    let samples = passes(epochs.max(1), next, seen, data.n_train())?;
    go_on(data, saved.model, next, samples, each)
}

/// `samples` one-sample steps from training sample `first`, wrapping round the split, the
/// counter going on from the model's samples seen. The steps between two checkpoints go
/// through [`MlpClassifier::learn_rows`] at once: one Adam step per sample, `learn_one`'s bits.
/// At each checkpoint, the weights are checked to be finite before the score.
fn go_on(
    data: &PreparedData,
    mut model: MlpClassifier,
    first: usize,
    samples: usize,
    mut each: impl FnMut(&Checkpoint),
) -> Result<NotebookRun> {
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
            if !model.has_finite_weights() {
                let after = checkpoints.last().map_or(start, |checkpoint: &Checkpoint| checkpoint.iteration);
                return Err(NotebookError::NotFiniteWeights { after, by: i });
            }
            let checkpoint = Checkpoint { iteration: i, score: model.score(x_test, y_test)? };
            each(&checkpoint);
            checkpoints.push(checkpoint);
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
    fn passes_whose_steps_the_counter_cannot_hold_are_refused() {
        let data = PreparedData::new(&crate::data::Dataset::heart()).unwrap();
        let params = || crate::mlp::MlpParams::new().check().unwrap();
        for epochs in [usize::MAX, usize::MAX / 242 + 1, usize::MAX / 2 + 2] {
            let refused = run(&data, 5, epochs, params()).err();
            assert_eq!(refused, Some(NotebookError::TooManyPasses { epochs, samples: 242 }), "{epochs}");
        }
        assert_eq!(
            NotebookError::TooManyPasses { epochs: usize::MAX, samples: 242 }.to_string(),
            format!("{} passes over 242 training samples are more steps than the samples' counter holds", usize::MAX)
        );
    }

    #[test]
    fn weights_that_overflow_stop_the_run_at_the_next_checkpoint_as_scikit_learn_stops() {
        // A learning rate of 1e300: the first step's weights are infinite, then NaN.
        let data = PreparedData::new(&crate::data::Dataset::heart()).unwrap();
        let params = crate::mlp::MlpParams::new().learning_rate_init(1e300).check().unwrap();
        let mut printed = Vec::new();
        let refused = run_with(&data, 5, 1, params, |checkpoint| printed.push(*checkpoint)).err();
        assert_eq!(refused, Some(NotebookError::NotFiniteWeights { after: 0, by: 25 }));
        assert!(printed.is_empty(), "no line for a checkpoint with weights that are not finite");
    }

    #[test]
    fn each_checkpoint_is_given_as_it_comes() {
        let data = PreparedData::new(&crate::data::Dataset::heart()).unwrap();
        let params = || crate::mlp::MlpParams::new().check().unwrap();
        let mut printed = Vec::new();
        let whole = run_with(&data, 5, 1, params(), |checkpoint| printed.push(*checkpoint)).unwrap();
        assert_eq!(printed, whole.checkpoints);
        assert_eq!(printed[0].to_string(), "Iters  25 :  0.6065573770491803");
    }

    #[test]
    fn checkpoints_every_25_and_at_the_last_sample() {
        let printed: Vec<usize> = (0..242).filter(|&i| is_checkpoint(i, 241)).collect();
        assert_eq!(printed, [25, 50, 75, 100, 125, 150, 175, 200, 225, 241]);
        assert!(!is_checkpoint(0, 241));
        assert!(is_checkpoint(0, 0));
    }
}
