//! The hyper-parameters of [`MlpClassifier`](super::MlpClassifier), with scikit-learn's
//! defaults, checked once by [`MlpParams::check`].

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::format::shortest;

/// Hyper-parameters as a builder. Every setter names scikit-learn's parameter and default.
///
/// ```
/// use learner::mlp::MlpParams;
/// let params = MlpParams::new().hidden_layer_sizes(&[16, 8]).alpha(1e-3).check().unwrap();
/// assert_eq!(params.hidden_layer_sizes(), &[16, 8]);
/// assert!(MlpParams::new().learning_rate_init(-1.0).check().is_err());
/// ```
///
/// Read (a model file's `hyperparameters`) with every field required, `batch_size` too (`null`
/// for `"auto"`), and none besides, so that a field this build does not know
/// (`"activation": "tanh"`) is refused, named, rather than dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MlpParams {
    hidden_layer_sizes: Vec<usize>,
    alpha: f64,
    learning_rate_init: f64,
    beta_1: f64,
    beta_2: f64,
    epsilon: f64,
    /// Required, though an `Option` (which serde would default to `None` if missing).
    #[serde(deserialize_with = "Option::deserialize")]
    batch_size: Option<usize>,
    shuffle: bool,
    /// Not scikit-learn's, and not saved in a model file: how this build computes.
    #[serde(skip)]
    flush_subnormals: bool,
}

impl Default for MlpParams {
    fn default() -> Self {
        Self {
            hidden_layer_sizes: vec![100],
            alpha: 1e-4,
            learning_rate_init: 1e-3,
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-8,
            batch_size: None,
            shuffle: true,
            flush_subnormals: false,
        }
    }
}

/// Hyper-parameters that passed [`MlpParams::check`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ValidParams(MlpParams);

impl MlpParams {
    /// scikit-learn's defaults: `MLPClassifier()` with the Adam solver.
    pub fn new() -> Self {
        Self::default()
    }

    /// `hidden_layer_sizes`, default `(100,)`: one ReLU layer of 100 units.
    pub fn hidden_layer_sizes(mut self, sizes: &[usize]) -> Self {
        self.hidden_layer_sizes = sizes.to_vec();
        self
    }

    /// `alpha`, default `1e-4`: the L2 penalty.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }

    /// `learning_rate_init`, default `1e-3`: Adam's step size.
    pub fn learning_rate_init(mut self, rate: f64) -> Self {
        self.learning_rate_init = rate;
        self
    }

    /// `beta_1`, default `0.9`: decay of Adam's first moment.
    pub fn beta_1(mut self, beta: f64) -> Self {
        self.beta_1 = beta;
        self
    }

    /// `beta_2`, default `0.999`: decay of Adam's second moment.
    pub fn beta_2(mut self, beta: f64) -> Self {
        self.beta_2 = beta;
        self
    }

    /// `epsilon`, default `1e-8`: Adam's numerical stability term.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// `batch_size`, default `None` ("auto"): `min(200, n_samples)` per Adam step.
    pub fn batch_size(mut self, batch_size: Option<usize>) -> Self {
        self.batch_size = batch_size;
        self
    }

    /// `shuffle`, default `true`: shuffle each batch given to `partial_fit`, drawing from the
    /// stream (a single sample draws nothing).
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Not scikit-learn's, default `false` (exact): after each Adam step, set to zero every
    /// weight and moment below `f64::MIN_POSITIVE` (2.2e-308) in magnitude. On long streams
    /// the moments of units that stopped learning decay into subnormal numbers, which
    /// scikit-learn computes too and x86 computes slowly; flushed, the cost of a step stays
    /// flat, and the results differ from scikit-learn's only in numbers below that bound.
    /// Not saved in a model file: a loaded model computes exactly unless asked again.
    pub fn flush_subnormals(mut self, flush: bool) -> Self {
        self.flush_subnormals = flush;
        self
    }

    /// The hidden layer sizes as set.
    pub fn hidden_layer_sizes_slice(&self) -> &[usize] {
        &self.hidden_layer_sizes
    }

    /// Validate, so that training never has to.
    pub fn check(self) -> Result<ValidParams> {
        let positive_and_finite = |value: f64| value > 0.0 && value.is_finite();
        let invalid = if self.hidden_layer_sizes.contains(&0) {
            Some(Invalid::HiddenLayerSizes)
        } else if !(self.alpha >= 0.0 && self.alpha.is_finite()) {
            Some(Invalid::Alpha)
        } else if !positive_and_finite(self.learning_rate_init) {
            Some(Invalid::LearningRateInit)
        } else if !(0.0..1.0).contains(&self.beta_1) {
            Some(Invalid::Beta("beta_1", self.beta_1))
        } else if !(0.0..1.0).contains(&self.beta_2) {
            Some(Invalid::Beta("beta_2", self.beta_2))
        } else if !positive_and_finite(self.epsilon) {
            Some(Invalid::Epsilon)
        } else if self.batch_size == Some(0) {
            Some(Invalid::BatchSize)
        } else {
            None
        };
        if let Some(invalid) = invalid {
            return Err(self.out_of_line_refusal(invalid));
        }
        super::check_network_size(None, &self.hidden_layer_sizes)?;
        Ok(ValidParams(self))
    }

    /// The refusal of a parameter that [`check`](Self::check) found invalid, out of its way:
    /// the page checks its parameters at load, and the messages' code is then not the page's
    /// to load (its lazy module has it).
    #[cold]
    #[inline(never)]
    fn out_of_line_refusal(&self, invalid: Invalid) -> Error {
        Error::InvalidParams(match invalid {
            Invalid::HiddenLayerSizes => {
                format!("hidden layer sizes must be positive, got {:?}", self.hidden_layer_sizes)
            }
            Invalid::Alpha => format!("alpha must be a finite number >= 0, got {}", shortest(self.alpha)),
            Invalid::LearningRateInit => {
                format!("learning_rate_init must be a finite number > 0, got {}", shortest(self.learning_rate_init))
            }
            Invalid::Beta(name, beta) => format!("{name} must be in [0, 1), got {}", shortest(beta)),
            Invalid::Epsilon => format!("epsilon must be a finite number > 0, got {}", shortest(self.epsilon)),
            Invalid::BatchSize => "batch_size must be at least 1".to_owned(),
        })
    }
}

/// Which parameter [`MlpParams::check`] refuses (in the order it checks them).
enum Invalid {
    HiddenLayerSizes,
    Alpha,
    LearningRateInit,
    Beta(&'static str, f64),
    Epsilon,
    BatchSize,
}

impl ValidParams {
    /// Whether subnormal numbers are flushed to zero (see [`MlpParams::flush_subnormals`]).
    pub fn flushes_subnormals(&self) -> bool {
        self.0.flush_subnormals
    }

    /// The same parameters, flushing subnormal numbers or not (any value is valid).
    pub fn with_flush_subnormals(mut self, flush: bool) -> Self {
        self.0.flush_subnormals = flush;
        self
    }

    pub fn hidden_layer_sizes(&self) -> &[usize] {
        &self.0.hidden_layer_sizes
    }
    pub fn alpha(&self) -> f64 {
        self.0.alpha
    }
    /// `batch_size` as set: `None` is scikit-learn's "auto".
    pub fn batch_size(&self) -> Option<usize> {
        self.0.batch_size
    }
    pub fn learning_rate_init(&self) -> f64 {
        self.0.learning_rate_init
    }
    pub fn beta_1(&self) -> f64 {
        self.0.beta_1
    }
    pub fn beta_2(&self) -> f64 {
        self.0.beta_2
    }
    pub fn epsilon(&self) -> f64 {
        self.0.epsilon
    }
    pub fn shuffle(&self) -> bool {
        self.0.shuffle
    }
    /// The rows per Adam step for a `partial_fit` of `n_samples` rows, as scikit-learn
    /// clips it.
    pub fn batch_rows(&self, n_samples: usize) -> usize {
        self.0.batch_size.unwrap_or(200).clamp(1, n_samples.max(1))
    }
    /// The unchecked parameters, e.g. to save them.
    pub fn unchecked(&self) -> &MlpParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn defaults_are_scikit_learns() {
        let params = MlpParams::new().check().unwrap();
        assert_eq!(params.hidden_layer_sizes(), &[100]);
        assert_eq!(
            (params.alpha(), params.learning_rate_init(), params.beta_1(), params.beta_2(), params.epsilon()),
            (1e-4, 1e-3, 0.9, 0.999, 1e-8)
        );
        assert_eq!(params.batch_rows(1), 1);
        assert_eq!(params.batch_rows(242), 200);
        assert!(params.shuffle());
    }

    #[test]
    fn every_bad_value_is_named() {
        let cases = [
            (MlpParams::new().hidden_layer_sizes(&[10, 0]), "hidden layer sizes"),
            (MlpParams::new().alpha(-1.0), "alpha"),
            (MlpParams::new().alpha(f64::NAN), "alpha"),
            (MlpParams::new().learning_rate_init(0.0), "learning_rate_init"),
            (MlpParams::new().beta_1(1.0), "beta_1"),
            (MlpParams::new().beta_2(-0.1), "beta_2"),
            (MlpParams::new().epsilon(0.0), "epsilon"),
            (MlpParams::new().batch_size(Some(0)), "batch_size"),
        ];
        for (params, name) in cases {
            match params.check() {
                Err(Error::InvalidParams(message)) => assert!(message.starts_with(name), "{message}"),
                other => panic!("{name}: expected an error, got {other:?}"),
            }
        }
    }

    #[test]
    fn an_explicit_batch_size_is_clipped_to_the_batch() {
        let params = MlpParams::new().batch_size(Some(32)).check().unwrap();
        assert_eq!((params.batch_rows(10), params.batch_rows(100)), (10, 32));
    }
}
