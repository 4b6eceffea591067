//! scikit-learn's `MLPClassifier` for binary targets, step for step.
//!
//! The decomposition follows `sklearn/neural_network/_multilayer_perceptron.py` and
//! `_stochastic_optimizers.py` so that the files can be read side by side, one step each:
//!
//! | here | scikit-learn |
//! | --- | --- |
//! | [`MlpClassifier::new`] (this file) | `_initialize`, `_init_coef` |
//! | `forward.rs`: `forward_pass` | `_forward_pass` |
//! | `backprop.rs`: `backprop` (the deltas), `compute_loss_grad` | `_backprop`, `_compute_loss_grad` |
//! | `adam.rs`: [`AdamState::update_params`] | `AdamOptimizer.update_params` |
//! | [`MlpClassifier::partial_fit`] (this file) | `partial_fit` |
//!
//! One-sample training fuses the last two steps ([`MlpClassifier::learn_one`], this file):
//! each gradient is made where Adam uses it, with the same arithmetic. `layout.rs` says where
//! each layer sits in the flat parameter vector, `params.rs` holds the hyper-parameters, and
//! `screened.rs` `predict`'s single-precision pass (x86-64).
//!
//! All parameters live in one flat vector in scikit-learn's `coefs_ + intercepts_` order,
//! each coefficient matrix row-major `fan_in x fan_out`; the gradients and both Adam moments
//! share that layout, so an Adam step is a single pass over four vectors.

mod adam;
mod backprop;
mod forward;
mod layout;
mod params;
#[cfg(target_arch = "x86_64")]
mod screened;

pub use adam::{Adam, AdamState, AdamStep, Row as AdamRow};
pub use layout::Layout;
pub use params::{MlpParams, ValidParams};

use backprop::{backprop, compute_loss_grad};
use forward::{activate, forward_pass, predict_block_rows};

use ndarray::{Array1, ArrayView1, ArrayView2};

use crate::error::{Error, Invariant, Result};
use crate::random::RandomState;

/// Refused where a network on `n_features` inputs (one where `None`: the hyper-parameters
/// alone) and `hidden` layers would have no inputs or hold more parameters than a model
/// file holds.
pub(crate) fn check_network_size(n_features: Option<usize>, hidden: &[usize]) -> Result<()> {
    // `model_file::n_params` over the units, without a vector of them (the page runs this at
    // load: its code is the page's to load).
    let (mut fan_in, mut total) = (n_features.unwrap_or(1), Some(0usize));
    for &fan_out in hidden.iter().chain(&[1]) {
        total = fan_in.checked_mul(fan_out).and_then(|n| n.checked_add(fan_out)?.checked_add(total?));
        fan_in = fan_out;
    }
    if n_features == Some(0) || total.is_none_or(|n| n > crate::model_file::MAX_PARAMS) {
        return Err(out_of_line_network_refusal(n_features, hidden));
    }
    Ok(())
}

/// The refusal of [`check_network_size`], out of its way (it never runs on the page).
#[cold]
#[inline(never)]
fn out_of_line_network_refusal(n_features: Option<usize>, hidden: &[usize]) -> Error {
    match n_features {
        Some(0) => Error::NoFeatures { action: "build a model" },
        _ => Error::NetworkTooLarge { n_features, hidden: hidden.to_vec() },
    }
}

/// A binary `MLPClassifier` with ReLU hidden layers, a logistic output and Adam.
///
/// Unlike scikit-learn's, a new model is not "unfitted": [`new`](Self::new) draws its
/// weights as scikit-learn's first `partial_fit` does, so it predicts from them at once.
///
/// ```
/// use learner::{mlp::{MlpClassifier, MlpParams}, random::RandomState};
/// let mut stream = RandomState::new(5);
/// let params = MlpParams::new().hidden_layer_sizes(&[8]).check().unwrap();
/// let mut model = MlpClassifier::new(2, params, &mut stream).unwrap();
/// for _ in 0..200 {
///     model.learn_one(&[1.0, 0.0], 1).unwrap();
///     model.learn_one(&[0.0, 1.0], 0).unwrap();
/// }
/// assert_eq!(model.predict_one(&[1.0, 0.0]).unwrap(), 1);
/// assert_eq!(model.predict_one(&[0.0, 1.0]).unwrap(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct MlpClassifier {
    params: ValidParams,
    layout: Layout,
    /// `coefs_ + intercepts_`, flat.
    weights: Vec<f64>,
    optimizer: AdamState,
    /// `t_`: the number of training samples seen.
    samples_seen: u64,
    workspace: Workspace,
}

/// Buffers reused across calls, so training a sample allocates nothing.
#[derive(Debug, Clone, Default)]
struct Workspace {
    /// `activations[i]`: row-major `rows x layer_units[i]`, for layers 1 and up.
    activations: Vec<Vec<f64>>,
    /// The next sample's `activations`, made while `learn_rows` updates the weights.
    next_activations: Vec<Vec<f64>>,
    /// `deltas[i]`: the loss gradient with respect to layer `i + 1`'s pre-activation.
    deltas: Vec<Vec<f64>>,
    /// `coef_grads + intercept_grads`, flat like the weights.
    grads: Vec<f64>,
}

impl PartialEq for MlpClassifier {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.layout == other.layout
            && self.weights == other.weights
            && self.optimizer == other.optimizer
            && self.samples_seen == other.samples_seen
    }
}

impl MlpClassifier {
    /// A new model for `n_features` inputs, its weights drawn from `stream` exactly as
    /// scikit-learn's first `partial_fit` draws them from its `random_state`: per layer,
    /// `uniform(-b, b, (fan_in, fan_out))` then `uniform(-b, b, fan_out)` with Glorot's
    /// `b = sqrt(6 / (fan_in + fan_out))`.
    ///
    /// Refused, before anything is drawn or allocated, for no features (scikit-learn: "Found
    /// array with 0 feature(s)") and for a network of more parameters than a model file holds
    /// ([`MAX_PARAMS`](crate::model_file::MAX_PARAMS)).
    pub fn new(n_features: usize, params: ValidParams, stream: &mut RandomState) -> Result<Self> {
        check_network_size(Some(n_features), params.hidden_layer_sizes())?;
        Ok(Self::drawn(n_features, params, stream))
    }

    /// [`new`](Self::new) for a network already checked (a session's next model, after its
    /// first: the same width and layers).
    pub(crate) fn drawn(n_features: usize, params: ValidParams, stream: &mut RandomState) -> Self {
        let mut layer_units = vec![n_features];
        layer_units.extend_from_slice(params.hidden_layer_sizes());
        layer_units.push(1);
        let layout = Layout::new(&layer_units);
        let mut weights = vec![0.0; layout.n_params()];
        for layer in 0..layout.n_weight_layers() {
            let (fan_in, fan_out) = layout.shape(layer);
            let bound = (6.0 / (fan_in + fan_out) as f64).sqrt();
            stream.fill_uniform(-bound, bound, &mut weights[layout.coefs(layer)]);
            stream.fill_uniform(-bound, bound, &mut weights[layout.intercepts(layer)]);
        }
        let optimizer = AdamState::new(layout.n_params());
        Self { params, layout, weights, optimizer, samples_seen: 0, workspace: Workspace::default() }
    }

    /// A model from saved parts, which the caller has checked against `layout`.
    pub(crate) fn from_parts(
        params: ValidParams,
        layout: Layout,
        weights: Vec<f64>,
        optimizer: AdamState,
        samples_seen: u64,
    ) -> Self {
        Self { params, layout, weights, optimizer, samples_seen, workspace: Workspace::default() }
    }

    pub fn params(&self) -> &ValidParams {
        &self.params
    }

    /// Flush subnormal numbers to zero after each step from now on, or stop (see
    /// [`MlpParams::flush_subnormals`]): for a model loaded from a file, which never says.
    pub fn set_flush_subnormals(&mut self, flush: bool) {
        self.params = self.params.clone().with_flush_subnormals(flush);
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn n_features(&self) -> usize {
        self.layout.layer_units()[0]
    }

    /// `coefs_[layer]` as a `fan_in x fan_out` view.
    pub fn coefs(&self, layer: usize) -> ArrayView2<'_, f64> {
        ArrayView2::from_shape(self.layout.shape(layer), &self.weights[self.layout.coefs(layer)])
            .invariant("the layout gives each layer its shape")
    }

    /// `intercepts_[layer]`.
    pub fn intercepts(&self, layer: usize) -> ArrayView1<'_, f64> {
        ArrayView1::from(&self.weights[self.layout.intercepts(layer)])
    }

    /// All parameters, flat, in `coefs_ + intercepts_` order.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Whether every weight is a finite number: what scikit-learn's `partial_fit` checks
    /// after its steps ("Solver produced non-finite parameter weights" where one is not).
    pub fn has_finite_weights(&self) -> bool {
        self.weights.iter().all(|weight| weight.is_finite())
    }

    /// The optimizer's state.
    pub fn optimizer(&self) -> &AdamState {
        &self.optimizer
    }

    /// `t_`: training samples seen so far.
    pub fn samples_seen(&self) -> u64 {
        self.samples_seen
    }

    /// `partial_fit(x, y, classes=[0, 1])`: one pass over the batch, shuffled with draws from
    /// `stream` (none for a single row), in Adam steps of `min(200, rows)` rows. As
    /// scikit-learn's, refused after its steps where a weight is no longer finite (inputs or a
    /// learning rate so large that a value overflowed), the model left as they made it.
    pub fn partial_fit(&mut self, x: ArrayView2<f64>, y: &[u8], stream: &mut RandomState) -> Result<()> {
        let rows = self.check_batch(x, y)?;
        let mut order: Vec<usize> = (0..rows).collect();
        if self.params.shuffle() {
            stream.shuffle(&mut order);
        }
        let batch_rows = self.params.batch_rows(rows);
        let mut workspace = std::mem::take(&mut self.workspace);
        let (mut batch, mut labels) = (Vec::new(), Vec::new());
        for chunk in order.chunks(batch_rows) {
            batch.clear();
            labels.clear();
            for &row in chunk {
                batch.extend(x.row(row).iter());
                labels.push(f64::from(y[row]));
            }
            self.step(&batch, &labels, &mut workspace);
        }
        self.workspace = workspace;
        self.samples_seen += rows as u64;
        if !self.has_finite_weights() {
            return Err(Error::NonFiniteWeights);
        }
        Ok(())
    }

    /// `partial_fit` on a single sample: one Adam step, no draws, no allocation.
    ///
    /// The same arithmetic as [`partial_fit`](Self::partial_fit) on one row, bit for bit;
    /// only the order of independent work differs: each parameter's gradient,
    /// `a * delta + alpha * w` (divided by n = 1, the identity), is made inside Adam's pass
    /// instead of in a gradient vector first. That pass is bound by its square roots and
    /// divisions, and the gradients' arithmetic runs in their shadow.
    ///
    /// Unlike [`partial_fit`](Self::partial_fit), which refuses a step that left a weight
    /// infinite or NaN as scikit-learn does, this fast path (and [`learn_rows`](Self::learn_rows))
    /// does not look at the weights after each step, which would cost another pass over them:
    /// where inputs or a learning rate could overflow, ask
    /// [`has_finite_weights`](Self::has_finite_weights), as the page and the notebook command do.
    pub fn learn_one(&mut self, x: &[f64], y: u8) -> Result<()> {
        let row = ArrayView2::from_shape((1, x.len()), x).invariant("one row of x.len() values");
        self.learn_rows(row, &[y])
    }

    /// One `partial_fit` per row, in order: the notebook's loop, with the same bits as
    /// [`learn_one`](Self::learn_one) on each row. Faster: each Adam pass also makes the next
    /// row's forward pass, from each weight as soon as it is updated, in the shadow of the
    /// pass's square roots and divisions. No rows is nothing to learn.
    ///
    /// ```
    /// use learner::{mlp::{MlpClassifier, MlpParams}, random::RandomState};
    /// use ndarray::array;
    /// let params = MlpParams::new().hidden_layer_sizes(&[8]).check().unwrap();
    /// let (x, y) = (array![[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], [1, 0, 1]);
    /// let mut by_rows = MlpClassifier::new(2, params, &mut RandomState::new(5)).unwrap();
    /// let mut one_by_one = by_rows.clone();
    /// by_rows.learn_rows(x.view(), &y).unwrap();
    /// for (row, &label) in x.rows().into_iter().zip(&y) {
    ///     one_by_one.learn_one(row.as_slice().unwrap(), label).unwrap();
    /// }
    /// assert_eq!(by_rows, one_by_one);
    /// assert_eq!(by_rows.samples_seen(), 3);
    /// ```
    pub fn learn_rows(&mut self, x: ArrayView2<f64>, y: &[u8]) -> Result<()> {
        self.learn_rows_observed(x, y, |_, _| {})
    }

    /// [`learn_rows`](Self::learn_rows), calling `observe(model, predicted)` after each row
    /// is learned: `predicted` is the row's probability of class 1 *before* it was learned
    /// (progressive validation's prediction, River's `predict_one` then `learn_one`), the
    /// same bits as [`predict_proba_one`](Self::predict_proba_one) would give then, taken
    /// from the forward pass the step makes anyway; `model` is the model after the row.
    ///
    /// ```
    /// use learner::{mlp::{MlpClassifier, MlpParams}, random::RandomState};
    /// use ndarray::array;
    /// let params = MlpParams::new().hidden_layer_sizes(&[8]).check().unwrap();
    /// let mut model = MlpClassifier::new(2, params, &mut RandomState::new(5)).unwrap();
    /// let before = model.predict_proba_one(&[1.0, 0.0]).unwrap();
    /// let mut seen = Vec::new();
    /// model.learn_rows_observed(array![[1.0, 0.0], [0.0, 1.0]].view(), &[1, 0], |model, predicted| {
    ///     seen.push((predicted, model.samples_seen()));
    /// }).unwrap();
    /// assert_eq!(seen[0], (before, 1));
    /// assert_eq!(seen[1].1, 2);
    /// ```
    pub fn learn_rows_observed(&mut self, x: ArrayView2<f64>, y: &[u8], observe: impl FnMut(&Self, f64)) -> Result<()> {
        if x.nrows() == 0 && y.is_empty() && x.ncols() == self.n_features() {
            return Ok(());
        }
        self.check_batch(x, y)?;
        let x = x.as_standard_layout();
        let rows = x.as_slice().expect("a standard-layout array is contiguous");
        let mut workspace = std::mem::take(&mut self.workspace);
        #[cfg(target_arch = "x86_64")]
        if fast_avx512() {
            // SAFETY: the processor has AVX-512F, checked by `fast_avx512`.
            unsafe { self.learn_rows_avx512(rows, y, &mut workspace, observe) };
        } else if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            unsafe { self.learn_rows_avx2(rows, y, &mut workspace, observe) };
        } else {
            self.learn_rows_portable(rows, y, &mut workspace, observe);
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.learn_rows_portable(rows, y, &mut workspace, observe);
        self.workspace = workspace;
        Ok(())
    }

    /// [`learn_rows_portable`](Self::learn_rows_portable) compiled for processors with
    /// AVX-512 (chosen at run time, so the portable build keeps running everywhere): eight
    /// doubles per vector in the Adam pass, whose square roots and divisions bound the step,
    /// where the portable x86-64 build has two. No fused multiply-add (Rust never contracts
    /// `a * b + c`): each operation is rounded as before, the same bits.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    unsafe fn learn_rows_avx512(
        &mut self,
        rows: &[f64],
        y: &[u8],
        workspace: &mut Workspace,
        observe: impl FnMut(&Self, f64),
    ) {
        self.learn_rows_portable(rows, y, workspace, observe);
    }

    /// [`learn_rows_portable`](Self::learn_rows_portable) for processors with AVX2 but not
    /// AVX-512: four doubles per vector, the same bits.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn learn_rows_avx2(
        &mut self,
        rows: &[f64],
        y: &[u8],
        workspace: &mut Workspace,
        observe: impl FnMut(&Self, f64),
    ) {
        self.learn_rows_portable(rows, y, workspace, observe);
    }

    /// Progressive validation over `x`: each row predicted (class 1 above 0.5), counted in
    /// `accuracy` against its label, then learned; the same bits as `predict_one` then
    /// `learn_one` on each row, without a second forward pass. Compiled here, with the core,
    /// so that a page built for size still runs it at the core's full optimisation (a generic
    /// call made from the page's crate is compiled at the page's level: twice as slow).
    pub fn learn_rows_progressive(
        &mut self,
        x: ArrayView2<f64>,
        y: &[u8],
        accuracy: &mut crate::metrics::ProgressiveAccuracy,
    ) -> Result<()> {
        let mut labels = y.iter();
        self.learn_rows_observed(x, y, |_, predicted| {
            // Called once per row, in order.
            if let Some(&label) = labels.next() {
                accuracy.update(label, u8::from(predicted > 0.5));
            }
        })
    }

    /// The steps of [`learn_rows_observed`](Self::learn_rows_observed) on checked rows, for
    /// any processor the build targets.
    #[inline(always)]
    fn learn_rows_portable(
        &mut self,
        rows: &[f64],
        y: &[u8],
        workspace: &mut Workspace,
        observe: impl FnMut(&Self, f64),
    ) {
        if self.params.flushes_subnormals() {
            self.learn_each_row::<true>(rows, y, workspace, observe);
        } else {
            self.learn_each_row::<false>(rows, y, workspace, observe);
        }
    }

    /// [`learn_rows_portable`](Self::learn_rows_portable)'s loop, with `FLUSH` what
    /// [`MlpParams::flush_subnormals`] says.
    #[inline(always)]
    fn learn_each_row<const FLUSH: bool>(
        &mut self,
        rows: &[f64],
        y: &[u8],
        workspace: &mut Workspace,
        mut observe: impl FnMut(&Self, f64),
    ) {
        let mut samples = rows.chunks_exact(self.n_features()).zip(y).peekable();
        forward_pass(&self.layout, &self.weights, &rows[..self.n_features()], 1, &mut workspace.activations);
        while let Some((sample, &label)) = samples.next() {
            let predicted = workspace.activations.last().expect("a network has an output layer")[0];
            match samples.peek() {
                Some(&(next, _)) => {
                    self.learn_forwarded::<true, FLUSH>(sample, label, next, workspace);
                    std::mem::swap(&mut workspace.activations, &mut workspace.next_activations);
                }
                None => self.learn_forwarded::<false, FLUSH>(sample, label, &[], workspace),
            }
            observe(self, predicted);
        }
    }

    /// One Adam step on sample `x`, whose forward pass is in `workspace.activations`: the
    /// deltas, then one pass over the parameters, layer by layer, that makes each gradient
    /// and updates the parameter. With `FORWARD_NEXT`, the pass also makes the forward pass
    /// of `next` into `workspace.next_activations`, each output summed in input order from
    /// the updated weights as `forward_pass` sums it (otherwise `next` is unused). With
    /// `FLUSH`, each weight and moment is stored with its subnormal values set to zero, what
    /// a pass over them after the step would do (`after_step`), and the next forward pass
    /// takes the weights so stored.
    // Inlined into each of the loop's builds on x86-64, so that each gets its own vector
    // instructions; elsewhere there is one build and the compiler decides (forced, wasm
    // carried three copies: 2 KB gzipped).
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn learn_forwarded<const FORWARD_NEXT: bool, const FLUSH: bool>(
        &mut self,
        x: &[f64],
        y: u8,
        next: &[f64],
        workspace: &mut Workspace,
    ) {
        backprop(&self.layout, &self.weights, &[f64::from(y)], workspace);
        let step = self.optimizer.begin_step(&self.adam());
        let alpha = self.params.alpha();
        let AdamState { ms, vs, .. } = &mut self.optimizer;
        let Workspace { activations, next_activations, deltas, .. } = workspace;
        let n_layers = self.layout.n_weight_layers();
        next_activations.resize_with(n_layers, Vec::new);
        for layer in 0..n_layers {
            let fan_out = self.layout.shape(layer).1;
            let activation: &[f64] = if layer == 0 { x } else { &activations[layer - 1] };
            let delta = &deltas[layer];
            let (next_done, next_rest) = next_activations.split_at_mut(layer);
            // Without FORWARD_NEXT, any input of the right width: the sums are not made.
            let next_in: &[f64] = match (FORWARD_NEXT, layer) {
                (false, _) => activation,
                (true, 0) => next,
                (true, _) => &next_done[layer - 1],
            };
            let next_out = &mut next_rest[0];
            next_out.clear();
            next_out.resize(fan_out, 0.0);

            let coefs = self.layout.coefs(layer);
            let (w, m, v) = (&mut self.weights[coefs.clone()], &mut ms[coefs.clone()], &mut vs[coefs]);
            if let [d] = delta[..] {
                // A column (the output layer): one flat pass, which vectorizes; the next
                // output's sum is a chain, taken after it.
                for (((w, m), v), &a) in w.iter_mut().zip(m.iter_mut()).zip(v.iter_mut()).zip(activation) {
                    step.update::<FLUSH>(w, m, v, a * d + alpha * *w);
                }
                if FORWARD_NEXT {
                    next_out[0] = next_in.iter().zip(w.iter()).fold(0.0, |sum, (&a, &w)| sum + a * w);
                }
            } else {
                let rows =
                    w.chunks_exact_mut(fan_out).zip(m.chunks_exact_mut(fan_out)).zip(v.chunks_exact_mut(fan_out));
                for ((&a, &next_a), ((w, m), v)) in activation.iter().zip(next_in).zip(rows) {
                    step.update_row::<FORWARD_NEXT, FLUSH>(AdamRow { w, m, v, z: next_out }, a, delta, alpha, next_a);
                }
            }

            let intercepts = self.layout.intercepts(layer);
            let params = self.weights[intercepts.clone()].iter_mut().zip(&mut ms[intercepts.clone()]);
            for ((((b, m), v), &d), z) in params.zip(&mut vs[intercepts]).zip(delta).zip(next_out.iter_mut()) {
                step.update::<FLUSH>(b, m, v, d);
                if FORWARD_NEXT {
                    *z += *b;
                }
            }
            if FORWARD_NEXT {
                activate(next_out, layer + 1 == n_layers);
            }
        }
        self.samples_seen += 1;
    }

    /// `predict_proba(x)[:, 1]`: the probability of class 1 for each row.
    pub fn predict_proba(&self, x: ArrayView2<f64>) -> Result<Array1<f64>> {
        let input = self.checked_rows(x)?;
        Ok(Array1::from(self.proba_of_rows(&input)))
    }

    /// `x`'s rows, row-major, once checked to be finite and as wide as the model's input.
    fn checked_rows<'a>(&self, x: ArrayView2<'a, f64>) -> Result<std::borrow::Cow<'a, [f64]>> {
        if x.ncols() != self.n_features() {
            return Err(Error::FeatureCount { expected: self.n_features(), found: x.ncols() });
        }
        check_finite(x)?;
        Ok(rows_of(x))
    }

    /// The probability of class 1 for each of the row-major rows in `input`.
    fn proba_of_rows(&self, input: &[f64]) -> Vec<f64> {
        // A block of rows at a time, through buffers reused from block to block: a big test
        // split's hidden layer (20,000 rows of 100 units: 16 MB) never exists whole, and the
        // block's stays in the processor's cache. Each row's value is that of the row alone.
        let n_features = self.n_features();
        let mut proba = Vec::with_capacity(input.len() / n_features);
        let mut activations = Vec::new();
        for block in input.chunks(predict_block_rows(self.layout.layer_units()) * n_features) {
            forward_pass(&self.layout, &self.weights, block, block.len() / n_features, &mut activations);
            proba.extend_from_slice(activations.last().expect("a network has an output layer"));
        }
        proba
    }

    /// The probability of class 1 for one sample.
    pub fn predict_proba_one(&self, x: &[f64]) -> Result<f64> {
        self.check_row(x)?;
        let mut activations = Vec::new();
        forward_pass(&self.layout, &self.weights, x, 1, &mut activations);
        Ok(activations.last().expect("a network has an output layer")[0])
    }

    /// `predict(x)`: class 1 where its probability is above 0.5 (scikit-learn's
    /// `LabelBinarizer` threshold; exactly 0.5 is class 0).
    ///
    /// On x86-64 with AVX2 and FMA, many rows go first through a single-precision pass with
    /// a bound on its error (`screened`); the rows it cannot be sure of go through the exact
    /// one. The classes are the same either way.
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Vec<u8>> {
        let input = self.checked_rows(x)?;
        Ok(self.classes_of_rows(&input))
    }

    /// [`predict`](Self::predict) on row-major rows already checked.
    fn classes_of_rows(&self, input: &[f64]) -> Vec<u8> {
        #[cfg(target_arch = "x86_64")]
        if let Some(classes) = screened::classes(self, input) {
            return classes;
        }
        self.proba_of_rows(input).iter().map(|&p| u8::from(p > 0.5)).collect()
    }

    pub fn predict_one(&self, x: &[f64]) -> Result<u8> {
        Ok(u8::from(self.predict_proba_one(x)? > 0.5))
    }

    /// `score(x, y)`: the mean accuracy.
    pub fn score(&self, x: ArrayView2<f64>, y: &[u8]) -> Result<f64> {
        self.check_batch(x, y)?;
        Ok(crate::metrics::accuracy(y, &self.classes_of_rows(&rows_of(x))))
    }

    fn check_row(&self, x: &[f64]) -> Result<()> {
        if x.len() != self.n_features() {
            return Err(Error::FeatureCount { expected: self.n_features(), found: x.len() });
        }
        match x.iter().position(|value| !value.is_finite()) {
            Some(feature) => Err(Error::NotFinite { feature }),
            None => Ok(()),
        }
    }

    fn check_batch(&self, x: ArrayView2<f64>, y: &[u8]) -> Result<usize> {
        if x.ncols() != self.n_features() {
            return Err(Error::FeatureCount { expected: self.n_features(), found: x.ncols() });
        }
        if x.nrows() != y.len() {
            return Err(Error::LabelCount { samples: x.nrows(), labels: y.len() });
        }
        if x.nrows() == 0 {
            return Err(Error::NoSamples { action: "train or score" });
        }
        for (sample, &label) in y.iter().enumerate() {
            check_label(sample, label)?;
        }
        check_finite(x)?;
        Ok(x.nrows())
    }

    /// One Adam step on a batch (`_backprop`, then `update_params`).
    fn step(&mut self, batch: &[f64], labels: &[f64], workspace: &mut Workspace) {
        let rows = labels.len();
        forward_pass(&self.layout, &self.weights, batch, rows, &mut workspace.activations);
        backprop(&self.layout, &self.weights, labels, workspace);
        let Workspace { activations, deltas, grads, .. } = workspace;
        grads.resize(self.layout.n_params(), 0.0);
        for layer in 0..self.layout.n_weight_layers() {
            let activation: &[f64] = if layer == 0 { batch } else { &activations[layer - 1] };
            compute_loss_grad(
                &self.layout,
                layer,
                self.params.alpha(),
                rows,
                &self.weights,
                activation,
                &deltas[layer],
                grads,
            );
        }
        self.optimizer.update_params(&self.adam(), &mut self.weights, grads);
        self.after_step();
    }

    fn adam(&self) -> Adam {
        Adam {
            learning_rate_init: self.params.learning_rate_init(),
            beta_1: self.params.beta_1(),
            beta_2: self.params.beta_2(),
            epsilon: self.params.epsilon(),
        }
    }

    /// After a batch's Adam step: with [`MlpParams::flush_subnormals`], zero the subnormal
    /// weights and moments (one pass; the one-sample path stores them flushed instead, inside
    /// its pass, the same numbers).
    fn after_step(&mut self) {
        if self.params.flushes_subnormals() {
            for values in [&mut self.weights, &mut self.optimizer.ms, &mut self.optimizer.vs] {
                adam::flush_subnormals(values);
            }
        }
    }
}

/// `x`'s rows, row-major: borrowed where they already are.
fn rows_of(x: ArrayView2<'_, f64>) -> std::borrow::Cow<'_, [f64]> {
    match x.to_slice() {
        Some(rows) => std::borrow::Cow::Borrowed(rows),
        None => std::borrow::Cow::Owned(x.iter().copied().collect()),
    }
}

fn check_label(sample: usize, label: u8) -> Result<()> {
    if label <= 1 {
        Ok(())
    } else {
        Err(Error::UnknownLabel { sample, label })
    }
}

/// Whether the learning loop runs its AVX-512 build: where the processor has AVX-512F and
/// divides and takes square roots of eight doubles faster than of four. AMD's Zen 4 and 5 do
/// (a one-sample step 1.32 us with AVX-512 against 1.90 us with AVX2, measured); Intel's
/// Xeons with AVX-512 take as long per double at either width and run slower while their
/// 512-bit units work (Sapphire Rapids class: 2.66 us against 2.07 us). Every build computes
/// the same bits; this only picks the fastest.
#[cfg(target_arch = "x86_64")]
fn fast_avx512() -> bool {
    use std::sync::OnceLock;
    static FAST: OnceLock<bool> = OnceLock::new();
    *FAST.get_or_init(|| std::arch::is_x86_feature_detected!("avx512f") && processor_vendor() == *b"AuthenticAMD")
}

/// The processor's vendor string, from CPUID leaf 0.
#[cfg(target_arch = "x86_64")]
fn processor_vendor() -> [u8; 12] {
    // SAFETY: CPUID leaf 0 exists on every x86-64 processor. (`__cpuid` is a safe function
    // in current Rust; the older releases the crate supports still need the block.)
    #[allow(unused_unsafe)]
    let leaf = unsafe { std::arch::x86_64::__cpuid(0) };
    let mut vendor = [0; 12];
    for (chunk, register) in vendor.chunks_exact_mut(4).zip([leaf.ebx, leaf.edx, leaf.ecx]) {
        chunk.copy_from_slice(&register.to_le_bytes());
    }
    vendor
}

/// scikit-learn's `check_array`: every value finite (`Input X contains NaN`), named here.
fn check_finite(x: ArrayView2<f64>) -> Result<()> {
    for (sample, row) in x.rows().into_iter().enumerate() {
        if let Some(feature) = row.iter().position(|value| !value.is_finite()) {
            return Err(Error::NotFiniteIn { sample, feature });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use ndarray::{array, Array2};

    use super::forward::PREDICT_BLOCK_ROWS;
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn model() -> MlpClassifier {
        let params = MlpParams::new().hidden_layer_sizes(&[4]).check().unwrap();
        MlpClassifier::new(2, params, &mut RandomState::new(1)).unwrap()
    }

    #[test]
    fn relu_keeps_positive_numbers_and_nan_and_zeroes_the_rest_in_every_lane() {
        // NaN stays NaN, as numpy's `maximum` keeps it. (Not -0.0: no sum here is -0.0.)
        let values = [-1.0, 0.0, 2.0, f64::NAN, 1e-310, -1e-310, f64::INFINITY, f64::NEG_INFINITY];
        let expected = [0.0, 0.0, 2.0, f64::NAN, 1e-310, 0.0, f64::INFINITY, 0.0];
        for start in 0..values.len() {
            let mut out = values[start..].to_vec();
            activate(&mut out, false);
            let bits = |values: &[f64]| values.iter().map(|value| value.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&out), bits(&expected[start..]), "from {start}");
        }
    }

    #[test]
    fn rows_predicted_together_get_the_bits_of_each_row_predicted_alone() {
        // The forward pass takes rows in tiles, outputs in blocks of 8 and 4 and then one by
        // one; a lone row takes other kernels. Every width exercises a different mix.
        for hidden in [&[1][..], &[3], &[4], &[5], &[7], &[8], &[12], &[13], &[100], &[16, 5], &[9, 12]] {
            let params = MlpParams::new().hidden_layer_sizes(hidden).check().unwrap();
            let mut model = MlpClassifier::new(13, params, &mut RandomState::new(3)).unwrap();
            let value = |row: usize, column: usize| ((row * 37 + column * 11) % 17) as f64 / 4.0 - 2.0;
            let x = Array2::from_shape_fn((PREDICT_BLOCK_ROWS + 7, 13), |(row, column)| value(row, column));
            let y = [0, 1, 1, 0, 1, 0, 0];
            model.learn_rows(x.slice(ndarray::s![..7, ..]), &y).unwrap();
            // Up to one block, and past it (the last block short and ragged).
            for rows in [1, 2, 3, 6, 7, PREDICT_BLOCK_ROWS, PREDICT_BLOCK_ROWS + 7] {
                let together = model.predict_proba(x.slice(ndarray::s![..rows, ..])).unwrap();
                for (row, p) in together.iter().enumerate() {
                    let alone = model.predict_proba_one(x.row(row).as_slice().unwrap()).unwrap();
                    assert_eq!(p.to_bits(), alone.to_bits(), "hidden {hidden:?}, row {row} of {rows}");
                }
            }
        }
    }

    #[test]
    fn a_wide_network_predicts_fewer_rows_at_a_time_and_never_past_a_few_megabytes() {
        assert_eq!(predict_block_rows(&[13, 100, 1]), PREDICT_BLOCK_ROWS, "the original's network: 256 rows");
        assert_eq!(predict_block_rows(&[13, 256, 256, 256, 1]), PREDICT_BLOCK_ROWS);
        // 5 million parameters on one feature: one row (13 MB), not 256 (3.4 GB).
        assert_eq!(predict_block_rows(&[1, 1_666_000, 1]), 1);
        // Between: whole groups of rows within 8 MB.
        assert_eq!(predict_block_rows(&[13, 10_000, 1]), 104);
        assert_eq!(predict_block_rows(&[13, usize::MAX, 1]), 1);
        // The same values as one row at a time.
        let params = MlpParams::new().hidden_layer_sizes(&[20_000]).check().unwrap();
        let model = MlpClassifier::new(2, params, &mut RandomState::new(3)).unwrap();
        let x = Array2::from_shape_fn((53, 2), |(row, column)| (row * 3 + column) as f64 / 10.0 - 2.0);
        let together = model.predict_proba(x.view()).unwrap();
        for (row, p) in together.iter().enumerate() {
            assert_eq!(p.to_bits(), model.predict_proba_one(x.row(row).as_slice().unwrap()).unwrap().to_bits());
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_processor_vendor_is_read_in_register_order() {
        let known = [*b"GenuineIntel", *b"AuthenticAMD", *b"HygonGenuine", *b"CentaurHauls", *b"  Shanghai  "];
        let vendor = processor_vendor();
        assert!(known.contains(&vendor), "{:?}", String::from_utf8_lossy(&vendor));
        assert_eq!(fast_avx512(), vendor == *b"AuthenticAMD" && std::arch::is_x86_feature_detected!("avx512f"));
    }

    #[test]
    fn non_finite_inputs_are_refused_by_position_as_scikit_learn_refuses_them() {
        let params = MlpParams::new().hidden_layer_sizes(&[4]).check().unwrap();
        let mut model = MlpClassifier::new(3, params, &mut RandomState::new(1)).unwrap();
        let before = model.clone();
        let x = ndarray::array![[1.0, 2.0, 3.0], [1.0, f64::NAN, 3.0]];
        let error = model.partial_fit(x.view(), &[0, 1], &mut RandomState::new(2)).unwrap_err();
        assert_eq!(error.to_string(), "feature 1 of sample 1 is not a finite number");
        assert_eq!(
            model.learn_one(&[f64::INFINITY, 0.0, 0.0], 1).unwrap_err().to_string(),
            "feature 0 of sample 0 is not a finite number"
        );
        assert_eq!(model, before, "nothing learned");
        assert!(model.predict_proba(x.view()).is_err());
        assert_eq!(
            model.predict_proba_one(&[0.0, 0.0, f64::NAN]).unwrap_err().to_string(),
            "feature 2 of the sample is not a finite number"
        );
    }

    #[test]
    fn a_sample_of_the_wrong_width_is_refused_everywhere() {
        let mut model = model();
        let before = model.clone();
        let wide = array![[1.0, 2.0, 3.0]];
        let error = Error::FeatureCount { expected: 2, found: 3 };
        assert_eq!(model.learn_one(&[1.0, 2.0, 3.0], 1), Err(error.clone()));
        assert_eq!(model.learn_rows(wide.view(), &[1]), Err(error.clone()));
        assert_eq!(model.learn_rows(Array2::zeros((0, 3)).view(), &[]), Err(error.clone()));
        assert_eq!(model.partial_fit(wide.view(), &[1], &mut RandomState::new(1)), Err(error.clone()));
        assert_eq!(model.predict_proba(wide.view()), Err(error.clone()));
        assert_eq!(model.predict(wide.view()), Err(error.clone()));
        assert_eq!(model.score(wide.view(), &[1]), Err(error.clone()));
        assert_eq!(model.predict_one(&[1.0]), Err(Error::FeatureCount { expected: 2, found: 1 }));
        assert_eq!(model, before, "nothing was learned");
        assert_eq!(error.to_string(), "expected 2 features per sample, got 3");
    }

    #[test]
    fn a_one_feature_model_counts_one_feature() {
        let params = MlpParams::new().hidden_layer_sizes(&[2]).check().unwrap();
        let model = MlpClassifier::new(1, params, &mut RandomState::new(1)).unwrap();
        let error = model.predict_one(&[1.0, 2.0]).unwrap_err();
        assert_eq!(error.to_string(), "expected 1 feature per sample, got 2");
    }

    #[test]
    fn a_model_of_no_features_is_refused_before_anything_is_drawn() {
        let params = MlpParams::new().hidden_layer_sizes(&[4]).check().unwrap();
        let mut stream = RandomState::new(1);
        let error = MlpClassifier::new(0, params, &mut stream).unwrap_err();
        assert_eq!(error, Error::NoFeatures { action: "build a model" });
        assert_eq!(error.to_string(), "cannot build a model on rows with no values: at least one feature is needed");
        assert_eq!(stream, RandomState::new(1), "nothing drawn");
    }

    #[test]
    fn a_network_larger_than_a_model_file_holds_is_refused_not_allocated() {
        // On one feature, 1 * h + h + h * 1 + 1 parameters: 4,999,999 with h = 1,666,666.
        assert!(MlpParams::new().hidden_layer_sizes(&[1_666_666]).check().is_ok());
        for hidden in [vec![1_666_667], vec![usize::MAX], vec![1 << 30, 4], vec![100_000, 100_000]] {
            let error = MlpParams::new().hidden_layer_sizes(&hidden).check().unwrap_err();
            assert_eq!(error, Error::NetworkTooLarge { n_features: None, hidden: hidden.clone() });
        }
        assert_eq!(
            Error::NetworkTooLarge { n_features: None, hidden: vec![1_666_667] }.to_string(),
            "hidden layer sizes [1666667] make a network of more than 5000000 parameters even on one feature: a \
             model file holds at most 5000000"
        );
        // The width is known when the model is built: 100,000 features x 100 units.
        let mut stream = RandomState::new(1);
        let error = MlpClassifier::new(100_000, MlpParams::new().check().unwrap(), &mut stream).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a network on 100000 features with hidden layer sizes [100] has more than 5000000 parameters: a model \
             file holds at most 5000000"
        );
        assert_eq!(stream, RandomState::new(1), "nothing drawn");
    }

    #[test]
    fn partial_fit_refuses_steps_that_left_a_weight_infinite_as_scikit_learn_does() {
        // scikit-learn 1.9.1, MLPClassifier(hidden_layer_sizes=(4,)).partial_fit on rows of
        // +-1.7976931348623157e308: "Solver produced non-finite parameter weights".
        let params = MlpParams::new().hidden_layer_sizes(&[4]).check().unwrap();
        let mut model = MlpClassifier::new(2, params, &mut RandomState::new(1)).unwrap();
        let x = array![[f64::MAX, -f64::MAX], [-f64::MAX, f64::MAX], [f64::MAX, f64::MAX]];
        let error = model.partial_fit(x.view(), &[1, 0, 1], &mut RandomState::new(2)).unwrap_err();
        assert_eq!(error, Error::NonFiniteWeights);
        assert!(error.to_string().starts_with("the solver produced non-finite parameter weights"));
        assert!(!model.has_finite_weights(), "left as the steps made it, as scikit-learn leaves it");
        assert_eq!(model.samples_seen(), 3);
        // The fast path leaves the check to its caller (documented on `learn_one`).
        let mut fast = MlpClassifier::new(2, model.params.clone(), &mut RandomState::new(1)).unwrap();
        assert_eq!(fast.learn_rows(x.view(), &[1, 0, 1]), Ok(()));
        assert!(!fast.has_finite_weights());
    }

    #[test]
    fn labels_other_than_0_and_1_are_refused_before_anything_is_learned() {
        let mut model = model();
        let before = model.clone();
        let x = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
        let error = Error::UnknownLabel { sample: 2, label: 7 };
        assert_eq!(model.learn_rows(x.view(), &[0, 1, 7]), Err(error.clone()));
        assert_eq!(model.partial_fit(x.view(), &[0, 1, 7], &mut RandomState::new(1)), Err(error.clone()));
        assert_eq!(model.score(x.view(), &[0, 1, 7]), Err(error.clone()));
        assert_eq!(model.learn_one(&[1.0, 2.0], 2), Err(Error::UnknownLabel { sample: 0, label: 2 }));
        assert_eq!(model, before, "the first two rows were not learned either");
        assert_eq!(error.to_string(), "label 7 of sample 2 is not one of the classes 0 and 1");
    }

    #[test]
    fn labels_and_samples_must_pair_up() {
        let mut model = model();
        let x = array![[1.0, 2.0], [3.0, 4.0]];
        let error = Error::LabelCount { samples: 2, labels: 1 };
        assert_eq!(model.learn_rows(x.view(), &[1]), Err(error.clone()));
        assert_eq!(model.partial_fit(x.view(), &[1], &mut RandomState::new(1)), Err(error.clone()));
        assert_eq!(model.score(x.view(), &[1]), Err(error));
        let none = Array2::zeros((0, 2));
        assert_eq!(model.learn_rows(none.view(), &[1]), Err(Error::LabelCount { samples: 0, labels: 1 }));
    }

    #[test]
    fn an_empty_batch_trains_nothing_and_scores_nothing() {
        let mut model = model();
        let before = model.clone();
        let none = Array2::zeros((0, 2));
        assert_eq!(model.learn_rows(none.view(), &[]), Ok(()), "no rows: nothing to learn");
        assert_eq!(model, before);
        let error = Error::NoSamples { action: "train or score" };
        assert_eq!(model.partial_fit(none.view(), &[], &mut RandomState::new(1)), Err(error.clone()));
        assert_eq!(model.score(none.view(), &[]), Err(error));
    }

    /// Each build of the learning loop this processor can run (AVX-512, AVX2) gives the
    /// portable build's bits, over 400 passes (96,800 steps): long enough for weights to
    /// become subnormal.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_vector_builds_of_the_learning_loop_give_the_portable_bits() {
        let data = crate::session::PreparedData::new(&crate::data::Dataset::heart()).unwrap();
        let rows = data.x_train.as_slice().unwrap();
        for hidden in [&[100][..], &[32, 16]] {
            let params = MlpParams::new().hidden_layer_sizes(hidden).check().unwrap();
            let fresh = MlpClassifier::new(13, params, &mut RandomState::new(5)).unwrap();
            let learn = |variant: &dyn Fn(&mut MlpClassifier, &mut Workspace, &mut Vec<f64>)| {
                let (mut model, mut workspace, mut predicted) = (fresh.clone(), Workspace::default(), Vec::new());
                for _ in 0..400 {
                    variant(&mut model, &mut workspace, &mut predicted);
                }
                (model, predicted)
            };
            fn observe(predicted: &mut Vec<f64>) -> impl FnMut(&MlpClassifier, f64) + '_ {
                |_, p| predicted.push(p)
            }
            let portable = learn(&|model, workspace, predicted| {
                model.learn_rows_portable(rows, &data.y_train, workspace, observe(predicted))
            });
            assert!(portable.0.weights.iter().any(|w| w.is_subnormal()), "the stream reaches subnormal weights");
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2, checked just above.
                let avx2 = learn(&|model, workspace, predicted| unsafe {
                    model.learn_rows_avx2(rows, &data.y_train, workspace, observe(predicted))
                });
                assert_eq!(avx2, portable);
            }
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the processor has AVX-512F, checked just above.
                let avx512 = learn(&|model, workspace, predicted| unsafe {
                    model.learn_rows_avx512(rows, &data.y_train, workspace, observe(predicted))
                });
                assert_eq!(avx512, portable);
            }
        }
    }
}
