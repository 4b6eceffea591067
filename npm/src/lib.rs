//! The learning core for JavaScript, as the npm package `online-mlp`: scikit-learn's
//! `MLPClassifier` (binary, ReLU, Adam, online with `partialFit`), `StandardScaler`,
//! `train_test_split` and a CSV reader, computing exactly what scikit-learn computes, and
//! River's drift detectors `PageHinkley` and `ADWIN`, detecting where River detects.
//!
//! Names follow scikit-learn in JavaScript's idiom (`partialFit`, `predictProba`,
//! `hiddenLayerSizes`). Rows are arrays of numbers or `Float64Array`s; every error is a
//! JavaScript `Error` carrying the core's message. The model file (`toJSON` / `fromJSON`)
//! is the core's, which the native command, the page and `tools/sklearn_io.py` read.

use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use learner::data::Dataset;
use learner::drift::{Adwin, DriftDetector, Mode, PageHinkley};
use learner::mlp::{MlpClassifier, MlpParams, ValidParams};
use learner::model_file::ModelFile;
use learner::preprocessing::{train_test_split, train_test_split_rows, StandardScaler};
use learner::random::RandomState;
use ndarray::Array2;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// An error: a JavaScript `Error` with the core's reason, or what the caller's input threw
/// as it was read (`npm/js/rows.js`), passed on as it was thrown.
type Result<T> = std::result::Result<T, JsValue>;

/// An `Error` whose message is on one line, as the notebook command writes it
/// ([`learner::error::one_line`]).
fn error(message: impl std::fmt::Display) -> JsValue {
    JsError::new(&learner::error::one_line(&message.to_string())).into()
}

/// A seed as numpy takes it, or a random one (scikit-learn's `random_state=None`).
fn seed_or_random(seed: Option<u32>) -> u32 {
    seed.unwrap_or_else(|| (js_sys::Math::random() * 4_294_967_296.0) as u32)
}

/// The option `seed`: a seed numpy's `np.random.seed` takes.
fn seed(options: &Option<Object>) -> Result<Option<u32>> {
    option(options, "seed", "a whole number from 0 to 4294967295")
}

// What the package reads of its input, it reads there, called with `catch`: what they throw
// comes back as an `Err` and leaves the method, never passing through the module while it
// holds an object (which would leave the object locked for good).
#[wasm_bindgen(module = "/js/rows.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readRows)]
    fn read_rows(x: &JsValue, name: &str) -> Result<Array>;
    #[wasm_bindgen(catch, js_name = readLabels)]
    fn read_labels(y: &JsValue) -> Result<Float64Array>;
    #[wasm_bindgen(catch, js_name = readRow)]
    fn read_row(x: &JsValue) -> Result<Float64Array>;
}

/// The rows of `x`: an array of at least one row, each an array of numbers or a
/// `Float64Array`, all of one width. A value that is not a number becomes NaN, which the
/// core refuses by name.
fn rows(x: &JsValue, name: &str) -> Result<Array2<f64>> {
    let read = read_rows(x, name)?;
    let values: Float64Array = read.get(0).unchecked_into();
    let shape = (read.get(1).as_f64().unwrap_or(0.0) as usize, read.get(2).as_f64().unwrap_or(0.0) as usize);
    Array2::from_shape_vec(shape, values.to_vec()).map_err(error)
}

/// The one sample `x` of `learnOne` and `predictProbaOne`.
fn sample(x: &JsValue) -> Result<Vec<f64>> {
    Ok(read_row(x)?.to_vec())
}

/// Class labels: numbers 0 or 1 (the core names any other).
fn labels(y: &JsValue) -> Result<Vec<u8>> {
    read_labels(y)?
        .to_vec()
        .into_iter()
        .enumerate()
        .map(|(index, value)| label(value).ok_or_else(|| error(format!("y[{index}] is not a class label (0 or 1)"))))
        .collect()
}

/// Rows to learn and their labels.
fn samples(x: &JsValue, y: &JsValue) -> Result<(Array2<f64>, Vec<u8>)> {
    Ok((rows(x, "X")?, labels(y)?))
}

/// A label as the core takes it (which names any but 0 and 1).
fn label(value: f64) -> Option<u8> {
    (value == value.trunc() && (0.0..=255.0).contains(&value)).then_some(value as u8)
}

fn to_rows(x: &Array2<f64>) -> Array {
    x.rows().into_iter().map(|row| JsValue::from(Float64Array::from(&row.to_vec()[..]))).collect()
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** scikit-learn's MLPClassifier parameters (binary classification, ReLU, Adam). */
export interface MLPClassifierOptions {
  /** hidden_layer_sizes, default [100] */
  hiddenLayerSizes?: readonly number[] | null;
  /** alpha (L2 penalty), default 1e-4 */
  alpha?: number | null;
  /** learning_rate_init, default 1e-3 */
  learningRateInit?: number | null;
  /** beta_1, default 0.9 */
  beta1?: number | null;
  /** beta_2, default 0.999 */
  beta2?: number | null;
  /** epsilon, default 1e-8 */
  epsilon?: number | null;
  /** batch_size for partialFit, default "auto" (min(200, rows)) */
  batchSize?: number | null;
  /** shuffle each partialFit batch, default true */
  shuffle?: boolean | null;
  /** np.random.seed(seed) before the model is built: the weights scikit-learn draws. Random when not given. */
  seed?: number | null;
  /**
   * Not scikit-learn's, default false (exact): after each Adam step, set to zero every weight and moment
   * below 2.2e-308 in magnitude (subnormal numbers). On long streams the moments of units that stopped
   * learning decay into subnormals, which x86 computes many times slower (a 13-100-1 model's update from
   * about 4 us to 100 us by its 300,000th sample); flushed, the cost stays flat and the numbers differ from
   * scikit-learn's only below that bound. Not saved in the model file: give it to fromJSON again.
   */
  flushSubnormals?: boolean | null;
}
/** River's drift.PageHinkley parameters. */
export interface PageHinkleyOptions {
  /** min_instances: values seen before a drift can be reported, default 30 */
  minInstances?: number | null;
  /** delta: the tolerated change of the mean, default 0.005 */
  delta?: number | null;
  /** threshold (lambda): a test value past it is a drift, default 50 */
  threshold?: number | null;
  /** alpha: the fading factor of the cumulative sums, default 1 - 0.0001 */
  alpha?: number | null;
  /** mode: the changes looked for, an increase of the mean, a decrease or either; default "both" */
  mode?: "up" | "down" | "both" | null;
}
/** River's drift.ADWIN parameters. */
export interface ADWINOptions {
  /** delta: the confidence of a detection, default 0.002 */
  delta?: number | null;
  /** clock: look for a change every so many values, default 32 */
  clock?: number | null;
}
/** A row: an array of numbers (read only) or a Float64Array. */
export type Row = readonly number[] | Float64Array;
/** What readCsv returns. */
export interface CsvData { featureNames: string[]; X: Float64Array[]; y: Uint8Array; }
/** What StandardScaler's toJSON gives: a model file's scaler. */
export interface ScalerFile { mean: number[]; var: number[]; scale: number[]; n_samples_seen: number; }
/** What trainTestSplit returns: row indices. */
export interface Split { train: Uint32Array; test: Uint32Array; }
/** Weights laid out as scikit-learn's coefs_ (per layer, fan_in rows of fan_out numbers) and intercepts_. */
export interface Layers { coefs: number[][][]; intercepts: number[][]; }
/**
 * The model file (toJSON, toModelFile): data only, which tools/sklearn_io.py turns into a
 * fitted scikit-learn MLPClassifier and StandardScaler. Each field is documented in the
 * repository README's "The model file"; version 1.
 */
export interface ModelFile extends Layers {
  format: "online-mlp-classifier";
  version: number;
  /** units per layer, inputs first, the logistic output last */
  layer_sizes: number[];
  classes: [0, 1];
  hyperparameters: {
    hidden_layer_sizes: number[]; alpha: number; learning_rate_init: number; beta_1: number; beta_2: number;
    epsilon: number; batch_size: number | null; shuffle: boolean;
  };
  /** Adam's step count t and moments */
  adam: { t: number; ms: Layers; vs: Layers };
  scaler: ScalerFile;
  progress: { samples_seen: number; next_sample: number };
}
"#;

/// An options object (`undefined` or `null` for none), whose keys must all be among `known`
/// (a misspelt option is refused, not ignored); read a field at a time by [`option`].
fn options(value: &JsValue, known: &[&str]) -> Result<Option<Object>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(error(format!("invalid options: expected an object, got {}", shown(value))));
    }
    // A `Map`'s entries are not its fields: read as an object, it would give every option its
    // default, silently.
    if value.has_type::<js_sys::Map>() {
        return Err(error("invalid options: expected a plain object of named options, got a Map"));
    }
    let object = value.unchecked_ref::<Object>();
    if let Some(key) =
        Object::keys(object).iter().filter_map(|key| key.as_string()).find(|key| !known.contains(&key.as_str()))
    {
        let expected = if known.is_empty() {
            "this takes none".to_owned()
        } else {
            format!("expected one of {}", known.join(", "))
        };
        return Err(error(format!("invalid options: unknown field `{key}`, {expected}")));
    }
    Ok(Some(object.clone()))
}

/// The option `key` of `options`, read as a `T` (by serde-wasm-bindgen); `None` where it is
/// left out, `undefined` or `null` (the default), and a refusal saying what it must be
/// (`expected`) where it is something else.
fn option<T: DeserializeOwned>(options: &Option<Object>, key: &str, expected: &str) -> Result<Option<T>> {
    let Some(object) = options else { return Ok(None) };
    // A getter that throws is passed on.
    let value = Reflect::get(object, &key.into())?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value.clone())
        .map(Some)
        .map_err(|_| error(format!("invalid options: `{key}` must be {expected}, got {}", shown(&value))))
}

/// A value as a refusal shows it: a number as JavaScript writes it (`NaN`), else its JSON
/// where it has one (`"100"`, `[1.5]`, `{}`), else its type (`a value of type function`);
/// cut to its first 40 characters.
fn shown(value: &JsValue) -> String {
    let json = || js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string());
    let text = match value.as_f64() {
        Some(n) => as_javascript_writes(n),
        None => {
            json().unwrap_or_else(|| format!("a value of type {}", value.js_typeof().as_string().unwrap_or_default()))
        }
    };
    learner::data::echoed(&text)
}

/// A number as JavaScript writes it (`Infinity`, `4000000000`, `1e+300`).
fn as_javascript_writes(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_else(|_| n.to_string())
}

/// The core's reason for refusing a hyper-parameter, in the terms the caller used: the
/// option's name (`learningRateInit`, not `learning_rate_init`) and the value as JavaScript
/// writes it (`Infinity`, not `inf`).
fn in_javascripts_terms(reason: &str) -> String {
    let mut reason = reason.to_owned();
    for (core, option) in [
        ("hidden layer sizes", "hiddenLayerSizes"),
        ("learning_rate_init", "learningRateInit"),
        ("beta_1", "beta1"),
        ("beta_2", "beta2"),
        ("batch_size", "batchSize"),
        ("test_size", "testSize"),
    ] {
        reason = reason.replace(core, option);
    }
    for (core, javascript) in [("got -inf", "got -Infinity"), ("got inf", "got Infinity")] {
        if let Some(start) = reason.strip_suffix(core) {
            return format!("{start}{javascript}");
        }
    }
    reason
}

/// The most of the module's memory (4 GiB at most) a `partialFit` step may take: 1 GiB.
const MAX_STEP_BYTES: u64 = 1 << 30;

const CLASSIFIER_OPTIONS: &[&str] = &[
    "hiddenLayerSizes",
    "alpha",
    "learningRateInit",
    "beta1",
    "beta2",
    "epsilon",
    "batchSize",
    "shuffle",
    "seed",
    "flushSubnormals",
];

/// The option `flushSubnormals` ([`MlpParams::flush_subnormals`]): false (exact) unless given.
fn flush_subnormals(options: &Option<Object>) -> Result<bool> {
    Ok(option(options, "flushSubnormals", "true or false")?.unwrap_or(false))
}

/// scikit-learn's `MLPClassifier` for two classes, learning online.
#[wasm_bindgen(js_name = MLPClassifier)]
pub struct Classifier {
    params: ValidParams,
    stream: RandomState,
    /// Built at the first fit, from the stream, when the width of the rows is known.
    model: Option<MlpClassifier>,
}

#[wasm_bindgen(js_class = MLPClassifier)]
impl Classifier {
    /// `MLPClassifier(**options)` after `np.random.seed(options.seed)`. The network may have
    /// at most 5,000,000 parameters (`MAX_PARAMS`), the most a model file holds: the hidden
    /// layers are checked here (on one feature), the whole network at the first fit.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "MLPClassifierOptions | null")] options: JsValue,
    ) -> Result<Classifier> {
        let options = self::options(&options, CLASSIFIER_OPTIONS)?;
        const NUMBER: &str = "a number";
        let mut params = MlpParams::new();
        let sizes: Option<Vec<usize>> =
            option(&options, "hiddenLayerSizes", "an array of whole numbers of units, each below 2^32")?;
        if let Some(sizes) = &sizes {
            params = params.hidden_layer_sizes(sizes);
        }
        let params = params
            .alpha(option(&options, "alpha", NUMBER)?.unwrap_or(1e-4))
            .learning_rate_init(option(&options, "learningRateInit", NUMBER)?.unwrap_or(1e-3))
            .beta_1(option(&options, "beta1", NUMBER)?.unwrap_or(0.9))
            .beta_2(option(&options, "beta2", NUMBER)?.unwrap_or(0.999))
            .epsilon(option(&options, "epsilon", NUMBER)?.unwrap_or(1e-8))
            .batch_size(option(&options, "batchSize", "a whole number of rows, below 2^32")?)
            .shuffle(option(&options, "shuffle", "true or false")?.unwrap_or(true))
            .flush_subnormals(flush_subnormals(&options)?)
            .check()
            .map_err(|e| error(in_javascripts_terms(&e.to_string())))?;
        Ok(Self { params, stream: RandomState::new(seed_or_random(seed(&options)?)), model: None })
    }

    fn fitted(&self) -> Result<&MlpClassifier> {
        self.model.as_ref().ok_or_else(not_fitted)
    }

    /// The fitted model, to predict with: refused, naming the first weight that is not
    /// finite, where a value overflowed while learning (its outputs would be NaN, or one
    /// class whatever the row, and a score that means nothing).
    fn predicting(&self) -> Result<&MlpClassifier> {
        let model = self.fitted()?;
        if model.has_finite_weights() {
            return Ok(model);
        }
        let file = ModelFile::new(model, &identity(model.n_features()), 0);
        let reason = file.check_writable().err().map(|e| e.to_string()).unwrap_or_default();
        let reason = reason.strip_prefix("the model cannot be written: ").unwrap_or(&reason);
        Err(error(format!(
            "the model cannot predict: {reason}; a learningRateInit or inputs too large make the steps overflow"
        )))
    }

    /// Refused where a `partialFit` step of `rows` rows of `n_features` values would need
    /// more of the module's memory than [`MAX_STEP_BYTES`] (its batch's rows, activations and
    /// deltas, layer by layer), which would trap the module rather than fail.
    fn check_step_memory(&self, rows: usize, n_features: usize) -> Result<()> {
        let batch = self.params.batch_rows(rows);
        let hidden = self.params.hidden_layer_sizes();
        let units = hidden.iter().fold(n_features as u64 + 1, |sum, &units| sum + units as u64);
        let bytes = (batch as u64).saturating_mul(units).saturating_mul(16);
        if bytes <= MAX_STEP_BYTES {
            return Ok(());
        }
        Err(error(format!(
            "a partialFit step of {batch} rows through {n_features} features and hiddenLayerSizes {hidden:?} takes \
             about {} MB of the module's memory, more than the {} MB a step may take: give a smaller batchSize",
            bytes.div_ceil(1 << 20),
            MAX_STEP_BYTES >> 20
        )))
    }

    /// The model, built at the first fit for rows of `n_features` values: refused, before
    /// anything is allocated, if its network would be larger than a model file holds (or
    /// than the module's memory), or if the rows are empty (a model file's inputs number at
    /// least one), so that the object stays usable after the error.
    fn model_for(&mut self, n_features: usize) -> Result<&mut MlpClassifier> {
        let Self { params, stream, model } = self;
        if model.is_none() {
            if n_features == 0 {
                return Err(error("the rows have no values: a model needs at least one feature"));
            }
            // The core refuses a network larger than a model file holds before it draws.
            let built = MlpClassifier::new(n_features, params.clone(), stream)
                .map_err(|e| error(in_javascripts_terms(&e.to_string())))?;
            *model = Some(built);
        }
        Ok(model.as_mut().expect("built above"))
    }

    /// `learn` on the model for rows of `n_features` values, built first if this is the first
    /// fit. A first fit that the core refuses (a NaN, a label 2) leaves the object as it was,
    /// not fitted and its seeded stream undrawn, as scikit-learn checks the data before it
    /// draws the weights: the next fit draws what a fresh model's would.
    fn fit(
        &mut self,
        n_features: usize,
        learn: impl FnOnce(&mut MlpClassifier, &mut RandomState) -> learner::error::Result<()>,
    ) -> Result<()> {
        let undrawn = self.model.is_none().then(|| self.stream.clone());
        self.model_for(n_features)?;
        let Self { stream, model, .. } = self;
        let learned = learn(model.as_mut().expect("built above"), stream);
        if let (Err(_), Some(undrawn)) = (&learned, undrawn) {
            (self.model, self.stream) = (None, undrawn);
        }
        learned.map_err(error)
    }

    /// `partial_fit(X, y, classes=[0, 1])`: one pass over the rows, shuffled with draws from
    /// the seeded stream, in Adam steps of `batchSize` rows.
    #[wasm_bindgen(js_name = partialFit)]
    pub fn partial_fit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] y: JsValue,
    ) -> Result<()> {
        let (x, y) = samples(&x, &y)?;
        self.check_step_memory(x.nrows(), x.ncols())?;
        self.fit(x.ncols(), |model, stream| model.partial_fit(x.view(), &y, stream))
    }

    /// `partial_fit` on one sample: one Adam step (no draws). `y` must be a number, 0 or 1,
    /// and `x`'s values numbers: JavaScript's conversions (`null` to 0, `"1"` to 1) are refused.
    #[wasm_bindgen(js_name = learnOne)]
    pub fn learn_one(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] y: JsValue,
    ) -> Result<()> {
        let x = sample(&x)?;
        let label = y
            .as_f64()
            .filter(|&value| value == 0.0 || value == 1.0)
            .ok_or_else(|| error(format!("y must be a class label, 0 or 1, got {}", shown(&y))))?;
        let label = label as u8;
        self.fit(x.len(), |model, _| model.learn_one(&x, label))
    }

    /// One `partial_fit` per row, in order: the original notebook's loop, one Adam step per
    /// sample, in one call (the same numbers as `learnOne` on each row, with the core's
    /// faster path through the rows).
    #[wasm_bindgen(js_name = learnEach)]
    pub fn learn_each(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] y: JsValue,
    ) -> Result<()> {
        let (x, y) = samples(&x, &y)?;
        self.fit(x.ncols(), |model, _| model.learn_rows(x.view(), &y))
    }

    /// `predict_proba(X)`: per row, `[P(0), P(1)]`.
    #[wasm_bindgen(js_name = predictProba, unchecked_return_type = "Float64Array[]")]
    pub fn predict_proba(&self, #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue) -> Result<Array> {
        let x = rows(&x, "X")?;
        let proba = self.predicting()?.predict_proba(x.view()).map_err(error)?;
        Ok(proba.iter().map(|&p| JsValue::from(Float64Array::from(&[1.0 - p, p][..]))).collect())
    }

    /// `predict_proba([x])[0]`: `[P(0), P(1)]`.
    #[wasm_bindgen(js_name = predictProbaOne)]
    pub fn predict_proba_one(&self, #[wasm_bindgen(unchecked_param_type = "Row")] x: JsValue) -> Result<Float64Array> {
        let x = sample(&x)?;
        let p = self.predicting()?.predict_proba_one(&x).map_err(error)?;
        Ok(Float64Array::from(&[1.0 - p, p][..]))
    }

    /// `predict(X)`: the class of each row.
    pub fn predict(&self, #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue) -> Result<Uint8Array> {
        let x = rows(&x, "X")?;
        Ok(Uint8Array::from(&self.predicting()?.predict(x.view()).map_err(error)?[..]))
    }

    /// `score(X, y)`: the mean accuracy.
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] y: JsValue,
    ) -> Result<f64> {
        let (x, y) = (rows(&x, "X")?, labels(&y)?);
        self.predicting()?.score(x.view(), &y).map_err(error)
    }

    /// `t_`: the samples learned so far.
    #[wasm_bindgen(getter, js_name = samplesSeen)]
    pub fn samples_seen(&self) -> f64 {
        self.model.as_ref().map_or(0.0, |model| model.samples_seen() as f64)
    }

    /// The model file, as an object (`JSON.stringify(clf)` is the file's text), its scaler
    /// the identity: the model reads its rows as given.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ModelFile")]
    pub fn to_json(&self) -> Result<JsValue> {
        parse_model_file(&self.model_text().ok_or_else(not_fitted)?.map_err(error)?)
    }

    /// The model file with `scaler`'s statistics: the scaler its rows went through, which
    /// `tools/sklearn_io.py` turns into scikit-learn's `StandardScaler`. The scaler must have
    /// been fitted on as many features as the model takes (`fromJSON` would refuse the file).
    /// `options.nextSample` is its `progress.next_sample`, where the notebook command's
    /// `--import` goes on in its training split (as `sklearn_io.from_sklearn`'s
    /// `next_sample`): 0, the split's start, unless given, as the package cannot know where
    /// its rows came from.
    #[wasm_bindgen(js_name = toModelFile, unchecked_return_type = "ModelFile")]
    pub fn to_model_file(
        &self,
        scaler: &Scaler,
        #[wasm_bindgen(unchecked_optional_param_type = "{ nextSample?: number | null } | null")] options: JsValue,
    ) -> Result<JsValue> {
        let options = self::options(&options, &["nextSample"])?;
        let next_sample: usize = option(&options, "nextSample", "a whole number of samples, below 2^32")?.unwrap_or(0);
        let scaler = scaler.fitted.as_ref().ok_or_else(not_fitted_scaler)?;
        let model = self.fitted()?;
        if scaler.mean.len() != model.n_features() {
            let features = if scaler.mean.len() == 1 { "feature" } else { "features" };
            return Err(error(format!(
                "the scaler was fitted on {} {features}, the model takes {}: pass the scaler its rows went through",
                scaler.mean.len(),
                model.n_features()
            )));
        }
        parse_model_file(&ModelFile::new(model, scaler, next_sample).write_json().map_err(error)?)
    }

    /// A model from a model file (its text, or the object `toJSON` gives), checked field by
    /// field; `options.seed` seeds the stream later `partialFit` batches shuffle with, and
    /// `options.flushSubnormals` is the constructor's (the file does not hold it).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")] file: JsValue,
        #[wasm_bindgen(
            unchecked_optional_param_type = "{ seed?: number | null, flushSubnormals?: boolean | null } | null"
        )]
        options: JsValue,
    ) -> Result<Classifier> {
        let options = self::options(&options, &["seed", "flushSubnormals"])?;
        let flush = flush_subnormals(&options)?;
        let (text, given) = model_file_text(file, "the model file")?;
        let mut classifier =
            Self::from_model_text(&text, seed_or_random(seed(&options)?)).map_err(|reason| given.refusal(&reason))?;
        if let Some(model) = &mut classifier.model {
            model.set_flush_subnormals(flush);
            classifier.params = model.params().clone();
        }
        Ok(classifier)
    }

    /// Whether subnormal numbers are flushed to zero after each step (the option
    /// `flushSubnormals`); false, exact, unless asked.
    #[wasm_bindgen(getter, js_name = flushSubnormals)]
    pub fn flushes_subnormals(&self) -> bool {
        self.params.flushes_subnormals()
    }
}

/// Where `file` is a file still to be read, a `Promise` (an `await` forgotten), a `Response`,
/// a `Blob` or a `File`: what to do, where its JSON (`{}`) would be refused as a file
/// missing its fields.
fn still_to_read(file: &JsValue) -> Option<&'static str> {
    if file.has_type::<js_sys::Promise>() {
        return Some("a Promise: await it first (`fromJSON(await response.text())`)");
    }
    // Read with `Reflect`, whose throws come back as errors: an object may have no
    // constructor (`Object.create(null)`), or a getter that throws.
    let constructor = Reflect::get(file, &"constructor".into()).ok()?;
    match Reflect::get(&constructor, &"name".into()).ok()?.as_string()?.as_str() {
        "Response" => Some("a Response: give its text (`fromJSON(await response.text())`)"),
        "Blob" | "File" => Some("a Blob or a File: give its text (`fromJSON(await file.text())`)"),
        _ => None,
    }
}

/// What a model file was given as.
#[derive(Clone, Copy)]
enum Given {
    /// Its text, or its UTF-8 bytes.
    Text,
    /// The object `toJSON` or `toModelFile` gave (or `JSON.parse` of the file).
    Object,
}

impl Given {
    /// The core's `reason` for refusing the file, without the place in the text for an
    /// object, where the text is `JSON.stringify`'s, which the caller never saw.
    fn refusal(self, reason: &str) -> JsValue {
        let reason = match (self, reason.rfind(" at line ")) {
            (Given::Object, Some(at)) if reason[at..].starts_with(" at line 1 column ") => &reason[..at],
            _ => reason,
        };
        error(reason)
    }
}

/// A model file's text: given as text, its UTF-8 bytes (a `Uint8Array`, a Node `Buffer`, an
/// `ArrayBuffer` as `fetch`'s `arrayBuffer()` gives), or the object `toJSON` or
/// `toModelFile` gave. Other typed arrays are refused: as objects, their JSON would be an
/// object of numbered fields.
/// `file` as text; `what` names it in a refusal (`the model file`).
fn model_file_text(file: JsValue, what: &str) -> Result<(String, Given)> {
    if let Some(text) = file.as_string() {
        return Ok((text, Given::Text));
    }
    let bytes = match file.dyn_ref::<js_sys::ArrayBuffer>() {
        Some(buffer) => Some(Uint8Array::new(buffer)),
        None => file.dyn_ref::<Uint8Array>().cloned(),
    };
    if let Some(bytes) = bytes {
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| error(format!("{what} is not UTF-8: {e}")))?;
        return Ok((text, Given::Text));
    }
    if let Some(reading) = still_to_read(&file) {
        return Err(error(format!("{what} is {reading}")));
    }
    if file.is_object() && !Array::is_array(&file) && !js_sys::ArrayBuffer::is_view(&file) {
        // What `JSON.stringify` throws (a cycle, a BigInt) is passed on.
        let text = js_sys::JSON::stringify(&file)?.as_string().unwrap_or_default();
        return Ok((text, Given::Object));
    }
    let given = match file.dyn_ref::<Object>() {
        // A typed array other than a Uint8Array, a DataView: by its kind.
        Some(view) if js_sys::ArrayBuffer::is_view(&file) => format!("a {}", String::from(view.constructor().name())),
        _ => shown(&file),
    };
    Err(error(format!(
        "{what} must be its text (a string, or its UTF-8 bytes in a Uint8Array or an ArrayBuffer) or the object toJSON gave, not {given}"
    )))
}

/// The JSON entry point and exit once JavaScript is out of the way, in plain Rust: what
/// `fromJSON` does with a model file's text (or with the text `JSON.stringify` makes of an
/// object) and what `toJSON` writes. The fuzz target `package_json` calls them natively.
impl Classifier {
    /// A model from a model file's text, checked field by field; later `partialFit` batches
    /// shuffle with a stream seeded with `seed`.
    pub fn from_model_text(text: &str, seed: u32) -> std::result::Result<Self, String> {
        let loaded = ModelFile::load_json(text).map_err(|e| e.to_string())?;
        let params = loaded.model.params().clone();
        Ok(Self { params, stream: RandomState::new(seed), model: Some(loaded.model) })
    }

    /// The model file's text that `toJSON` gives (its scaler the identity), once fitted;
    /// refused, naming the field, where a number overflowed while learning (loading would
    /// refuse the file).
    pub fn model_text(&self) -> Option<std::result::Result<String, String>> {
        let model = self.model.as_ref()?;
        Some(ModelFile::new(model, &identity(model.n_features()), 0).write_json().map_err(|e| e.to_string()))
    }
}

#[wasm_bindgen(module = "/js/scaler.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readScaler)]
    fn read_scaler(text: &str) -> Result<Array>;
}

impl Scaler {
    /// A scaler from its `toJSON` text, or from a model file's text (its `scaler`, the whole
    /// file checked): told apart by the model file's `format`, a word a scaler's text, its
    /// four fields of numbers, cannot hold. Every value checked as a model file's loading
    /// checks its scaler's.
    fn from_text(text: &str, given: Given) -> Result<StandardScaler> {
        if text.contains("\"format\"") {
            return ModelFile::load_json(text).map(|loaded| loaded.scaler).map_err(|e| given.refusal(&e.to_string()));
        }
        let fields = read_scaler(text)?;
        let numbers = |index| fields.get(index).unchecked_into::<Float64Array>().to_vec();
        let invalid = |reason: String| error(format!("invalid scaler: {reason}"));
        // A whole number up to 2^53 (`readScaler` checked it), held in a usize: refused past
        // the module's 2^32 - 1 rather than taken as it.
        let seen = fields.get(3).as_f64().unwrap_or(0.0);
        if seen > usize::MAX as f64 {
            return Err(invalid(format!(
                "n_samples_seen is {seen}, more than {}, the most this module counts",
                usize::MAX
            )));
        }
        let scaler =
            StandardScaler { mean: numbers(0), var: numbers(1), scale: numbers(2), n_samples_seen: seen as usize };
        // The model file's checks of its scaler, the width being the mean's (one at least).
        if scaler.mean.is_empty() {
            return Err(invalid("mean has no values".to_owned()));
        }
        scaler.check_statistics(scaler.mean.len(), "").map_err(invalid)?;
        Ok(scaler)
    }
}

fn parse_model_file(text: &str) -> Result<JsValue> {
    js_sys::JSON::parse(text).map_err(|_| error("the model file is not JSON"))
}

fn not_fitted() -> JsValue {
    error("This MLPClassifier instance is not fitted yet: call partialFit or learnOne first")
}

fn not_fitted_scaler() -> JsValue {
    error("This StandardScaler instance is not fitted yet: call fit or partialFit first")
}

fn identity(n_features: usize) -> StandardScaler {
    StandardScaler {
        mean: vec![0.0; n_features],
        var: vec![1.0; n_features],
        scale: vec![1.0; n_features],
        n_samples_seen: 0,
    }
}

/// scikit-learn's `StandardScaler`: numpy's exact mean and variance.
#[wasm_bindgen(js_name = StandardScaler)]
#[derive(Clone, Default)]
pub struct Scaler {
    fitted: Option<StandardScaler>,
}

#[wasm_bindgen(js_class = StandardScaler)]
impl Scaler {
    /// `StandardScaler()`: scikit-learn's defaults, `with_mean` and `with_std`, the only ones
    /// here; an option given is refused, not ignored.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, never> | null")] options: JsValue,
    ) -> Result<Scaler> {
        self::options(&options, &[])?;
        Ok(Scaler::default())
    }

    /// A scaler from what its `toJSON` gave (its text, or the object), or the scaler a model
    /// file carries (the statistics `toModelFile` wrote, the whole file checked as
    /// `MLPClassifier.fromJSON` checks it; a file written by `toJSON` carries the identity,
    /// mean 0 and scale 1). Told apart by the model file's `format`.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | ScalerFile | object")] file: JsValue,
    ) -> Result<Scaler> {
        let (text, given) = model_file_text(file, "the scaler's file")?;
        Ok(Scaler { fitted: Some(Self::from_text(&text, given)?) })
    }

    /// `mean_`, `var_`, `scale_` and `n_samples_seen_`, as a model file's `scaler` holds them
    /// (`JSON.stringify(scaler)` is their text), once fitted.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ScalerFile")]
    pub fn to_json(&self) -> Result<JsValue> {
        let scaler = self.fitted.as_ref().ok_or_else(not_fitted_scaler)?;
        let file = Object::new();
        for (key, values) in [("mean", &scaler.mean), ("var", &scaler.var), ("scale", &scaler.scale)] {
            Reflect::set(&file, &key.into(), &Array::from(&Float64Array::from(&values[..])))?;
        }
        Reflect::set(&file, &"n_samples_seen".into(), &(scaler.n_samples_seen as f64).into())?;
        Ok(file.into())
    }

    /// `fit(X)`.
    pub fn fit(&mut self, #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue) -> Result<()> {
        self.fitted = Some(StandardScaler::fit(rows(&x, "X")?.view()).map_err(error)?);
        Ok(())
    }

    /// `partial_fit(X)`: the statistics so far and `X`'s combined as scikit-learn combines
    /// them, to the bit, so that a scaler kept current a sample or a batch at a time (one
    /// visitor's rows as they come) is scikit-learn's; on a fresh scaler it is `fit`. A batch
    /// refused (another width, a value that is not a finite number) leaves the scaler as it
    /// was.
    #[wasm_bindgen(js_name = partialFit)]
    pub fn partial_fit(&mut self, #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue) -> Result<()> {
        let x = rows(&x, "X")?;
        let so_far = match &self.fitted {
            Some(fitted) => fitted.partial_fit(x.view()),
            None => StandardScaler::unfitted(x.ncols()).partial_fit(x.view()),
        };
        self.fitted = Some(so_far.map_err(error)?);
        Ok(())
    }

    /// `transform(X)`: `(x - mean_) / scale_`. A value that is not a finite number is
    /// refused, as `fit` refuses it (scikit-learn passes NaN through; here a value that is
    /// not a number, `null` or `"5"`, would become one).
    #[wasm_bindgen(unchecked_return_type = "Float64Array[]")]
    pub fn transform(&self, #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue) -> Result<Array> {
        let scaler = self.fitted.as_ref().ok_or_else(not_fitted_scaler)?;
        let x = rows(&x, "X")?;
        for (sample, row) in x.rows().into_iter().enumerate() {
            if let Some(feature) = row.iter().position(|value| !value.is_finite()) {
                return Err(error(learner::Error::NotFiniteIn { sample, feature }));
            }
        }
        Ok(to_rows(&scaler.transform(x.view()).map_err(error)?))
    }

    /// `fit_transform(X)`.
    #[wasm_bindgen(js_name = fitTransform, unchecked_return_type = "Float64Array[]")]
    pub fn fit_transform(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "readonly Row[]")] x: JsValue,
    ) -> Result<Array> {
        self.fit(x.clone())?;
        self.transform(x)
    }

    fn statistic(&self, pick: fn(&StandardScaler) -> &[f64]) -> Option<Float64Array> {
        self.fitted.as_ref().map(|scaler| Float64Array::from(pick(scaler)))
    }

    /// `mean_`.
    #[wasm_bindgen(getter)]
    pub fn mean(&self) -> Option<Float64Array> {
        self.statistic(|scaler| &scaler.mean)
    }

    /// `var_`.
    #[wasm_bindgen(getter)]
    pub fn var(&self) -> Option<Float64Array> {
        self.statistic(|scaler| &scaler.var)
    }

    /// `scale_`.
    #[wasm_bindgen(getter)]
    pub fn scale(&self) -> Option<Float64Array> {
        self.statistic(|scaler| &scaler.scale)
    }
}

/// The most rows `trainTestSplit` splits: 2^24 (16,777,216), whose indices take 64 MiB of the
/// module's memory (twice that while they are split and copied out), where the module's 4 GiB
/// could not hold 2^32.
const MAX_SPLIT_ROWS: f64 = 16_777_216.0;

/// `train_test_split(range(n), test_size=..., random_state=...)`: the row indices of each
/// side, in scikit-learn's order. `n` is a whole number, at most 2^24 (and at least 2: each
/// side takes one row or more). `testSize` is a fraction in (0, 1) of the rows, or, as
/// scikit-learn's whole-number `test_size`, a count of them (1 to `n` - 1).
#[wasm_bindgen(js_name = trainTestSplit, unchecked_return_type = "Split")]
pub fn split(
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ testSize?: number | null, randomState?: number | null } | null")]
    options: JsValue,
) -> Result<Object> {
    let n = match n.as_f64() {
        Some(n) if n == n.trunc() && (0.0..=MAX_SPLIT_ROWS).contains(&n) => n as usize,
        other => {
            let found = match other {
                Some(n) => as_javascript_writes(n),
                None => shown(&n),
            };
            return Err(error(format!(
                "n must be a whole number of rows, at most {MAX_SPLIT_ROWS} (2^24), got {found}"
            )));
        }
    };
    let options = self::options(&options, &["testSize", "randomState"])?;
    let test_size: f64 = option(&options, "testSize", "a number")?.unwrap_or(0.25);
    let random_state = option(&options, "randomState", "a whole number from 0 to 4294967295")?;
    let seed = seed_or_random(random_state);
    let in_terms = |e: learner::Error| error(in_javascripts_terms(&e.to_string()));
    let split = if test_size.is_finite() && test_size >= 1.0 && test_size == test_size.trunc() {
        // Asked of `n` rows (at most 2^24), so that a count past 2^32 - 1 is refused as
        // itself, not as the count the module would hold.
        if test_size >= n as f64 && n >= 2 {
            return Err(error(format!(
                "invalid hyper-parameter: testSize {} leaves none of the {n} samples to train on",
                as_javascript_writes(test_size)
            )));
        }
        train_test_split_rows(n, test_size as usize, seed).map_err(in_terms)?
    } else if test_size > 0.0 && test_size < 1.0 {
        train_test_split(n, test_size, seed).map_err(in_terms)?
    } else {
        return Err(error(format!(
            "invalid options: `testSize` must be a fraction in (0, 1) or a whole number of test rows, got {}",
            as_javascript_writes(test_size)
        )));
    };
    let indices = |rows: &[usize]| Uint32Array::from(&rows.iter().map(|&row| row as u32).collect::<Vec<_>>()[..]);
    let result = Object::new();
    Reflect::set(&result, &"train".into(), &indices(&split.train)).map_err(|_| error("cannot build the result"))?;
    Reflect::set(&result, &"test".into(), &indices(&split.test)).map_err(|_| error("cannot build the result"))?;
    Ok(result)
}

/// The most text `readCsv` reads, in UTF-8 bytes: 256 MiB. Its values (at the most one
/// double for every two bytes, `1,0\n`) then take at most 1 GiB of the module's memory, and
/// the file's copy as much again while they grow, within the 4 GiB the module can hold: a
/// bigger file is refused before it is copied in, not left to run the module out of memory.
const MAX_CSV_BYTES: usize = 1 << 28;

/// A CSV file in heart.csv's form: a header, a `target` column of 0/1 labels, numeric
/// features. Errors name the line and the column. The file is a string, or its bytes as a
/// `Uint8Array` (a Node `Buffer`), read as UTF-8: at most 256 MiB, and at most 2^24 rows
/// (as many as `trainTestSplit` splits).
#[wasm_bindgen(js_name = readCsv, unchecked_return_type = "CsvData")]
pub fn read_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] text: JsValue,
) -> Result<Object> {
    let too_long = |bytes: String| {
        error(format!("text is {bytes} bytes, more than readCsv reads at once ({MAX_CSV_BYTES}, 256 MiB)"))
    };
    // Checked before the copy: a string's UTF-8 bytes are at least as many as its UTF-16
    // units (and checked again once copied, as they may be more).
    // An `ArrayBuffer` (`fetch`'s `arrayBuffer()`) read as its bytes, as `fromJSON` reads one.
    let buffer = text.dyn_ref::<js_sys::ArrayBuffer>().map(|buffer| Uint8Array::new(buffer));
    let text = match (text.dyn_ref::<js_sys::JsString>(), buffer.as_ref().or(text.dyn_ref::<Uint8Array>())) {
        (Some(string), _) if string.length() as usize > MAX_CSV_BYTES => {
            return Err(too_long(format!("at least {}", string.length())))
        }
        (Some(string), _) => match String::from(string) {
            text if text.len() > MAX_CSV_BYTES => return Err(too_long(text.len().to_string())),
            text => text,
        },
        (None, Some(bytes)) if bytes.length() as usize > MAX_CSV_BYTES => {
            return Err(too_long(bytes.length().to_string()))
        }
        (None, Some(bytes)) => {
            String::from_utf8(bytes.to_vec()).map_err(|e| error(format!("text is not UTF-8: {e}")))?
        }
        (None, None) => {
            return Err(error("text must be a string, or its UTF-8 bytes in a Uint8Array or an ArrayBuffer"))
        }
    };
    let data = Dataset::from_csv_str(&text).map_err(error)?;
    drop(text);
    if data.target.len() as f64 > MAX_SPLIT_ROWS {
        return Err(error(format!(
            "the file has {} rows, more than readCsv gives at once ({MAX_SPLIT_ROWS}, 2^24, as many as trainTestSplit splits)",
            data.target.len()
        )));
    }
    let result = Object::new();
    let names: Array = data.feature_names.iter().map(|name| JsValue::from_str(name)).collect();
    for (key, value) in [
        ("featureNames", JsValue::from(names)),
        ("X", to_rows(&data.features).into()),
        ("y", Uint8Array::from(&data.target[..]).into()),
    ] {
        Reflect::set(&result, &key.into(), &value).map_err(|_| error("cannot build the result"))?;
    }
    Ok(result)
}

/// `detector.update(x)` for a value `x` that is a finite number (not one JavaScript would
/// convert to: `"1"`, `true`, `null`; a value refused is not seen); whether it made a drift.
fn update(detector: &mut impl DriftDetector, x: &JsValue) -> Result<bool> {
    match x.as_f64() {
        Some(x) if x.is_finite() => {
            detector.update(x);
            Ok(detector.drift_detected())
        }
        _ => Err(error(format!("x must be a finite number, got {}", shown(x)))),
    }
}

/// The option `key`, a number for which `valid` holds (`expected` says which), if given.
fn checked_number(
    options: &Option<Object>,
    key: &str,
    valid: impl Fn(f64) -> bool,
    expected: &str,
) -> Result<Option<f64>> {
    match option::<f64>(options, key, expected)? {
        Some(value) if !(value.is_finite() && valid(value)) => {
            Err(error(format!("invalid options: `{key}` must be {expected}, got {}", as_javascript_writes(value))))
        }
        value => Ok(value),
    }
}

const PAGE_HINKLEY_OPTIONS: &[&str] = &["minInstances", "delta", "threshold", "alpha", "mode"];

/// River's `drift.PageHinkley`: a drift when the cumulative deviation of the values from
/// their mean moves past a threshold. Its detections are River's on the same values (the
/// core's, `learner::drift`, held to River's own on fixtures, with its defaults and others).
#[wasm_bindgen(js_name = PageHinkley)]
pub struct PageHinkleyDetector {
    detector: PageHinkley,
}

#[wasm_bindgen(js_class = PageHinkley)]
impl PageHinkleyDetector {
    /// `drift.PageHinkley(**options)`, River's defaults for what is left out.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "PageHinkleyOptions | null")] options: JsValue,
    ) -> Result<PageHinkleyDetector> {
        let options = self::options(&options, PAGE_HINKLEY_OPTIONS)?;
        let mut detector = PageHinkley::new();
        if let Some(n) = option::<u32>(&options, "minInstances", "a whole number below 2^32")? {
            detector = detector.min_instances(n);
        }
        if let Some(delta) = checked_number(&options, "delta", |delta| delta >= 0.0, "a number >= 0")? {
            detector = detector.delta(delta);
        }
        if let Some(threshold) = checked_number(&options, "threshold", |t| t > 0.0, "a number > 0")? {
            detector = detector.threshold(threshold);
        }
        if let Some(alpha) = checked_number(&options, "alpha", |a| a > 0.0 && a <= 1.0, "a number in (0, 1]")? {
            detector = detector.alpha(alpha);
        }
        const MODES: &str = "\"up\", \"down\" or \"both\"";
        match option::<String>(&options, "mode", MODES)?.as_deref() {
            None | Some("both") => {}
            Some("up") => detector = detector.mode(Mode::Up),
            Some("down") => detector = detector.mode(Mode::Down),
            Some(other) => {
                return Err(error(format!("invalid options: `mode` must be {MODES}, got {}", shown(&other.into()))))
            }
        }
        Ok(Self { detector })
    }

    /// `update(x)`: one more value (a finite number); whether it made a drift, as
    /// `driftDetected` then says. After a drift the next value starts afresh, as in River.
    pub fn update(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue) -> Result<bool> {
        update(&mut self.detector, &x)
    }

    /// `drift_detected`: whether the last value made a drift.
    #[wasm_bindgen(getter, js_name = driftDetected)]
    pub fn drift_detected(&self) -> bool {
        self.detector.drift_detected()
    }

    /// The test for an increase of the mean after the last value (River's `test_increase`:
    /// how far the cumulative sum has risen above its lowest; 0 before `minInstances`).
    #[wasm_bindgen(getter, js_name = testIncrease)]
    pub fn test_increase(&self) -> f64 {
        self.detector.tests().increase
    }

    /// The test for a decrease (River's `test_decrease`).
    #[wasm_bindgen(getter, js_name = testDecrease)]
    pub fn test_decrease(&self) -> f64 {
        self.detector.tests().decrease
    }
}

/// River's `drift.ADWIN` (adaptive windowing): a drift when a window of recent values splits
/// into an older and a newer part whose means differ by more than chance allows. Its
/// detections are River's on the same values (the core's, `learner::drift`, held to River's
/// own on fixtures, with its defaults and others).
#[wasm_bindgen(js_name = ADWIN)]
pub struct AdwinDetector {
    detector: Adwin,
}

#[wasm_bindgen(js_class = ADWIN)]
impl AdwinDetector {
    /// `drift.ADWIN(**options)`, River's defaults for what is left out.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ADWINOptions | null")] options: JsValue,
    ) -> Result<AdwinDetector> {
        let options = self::options(&options, &["delta", "clock"])?;
        let mut detector = Adwin::new();
        if let Some(delta) = checked_number(&options, "delta", |d| d > 0.0 && d < 1.0, "a number in (0, 1)")? {
            detector = detector.delta(delta);
        }
        match option::<u32>(&options, "clock", "a whole number from 1 to 4294967295")? {
            Some(0) => {
                return Err(error("invalid options: `clock` must be a whole number from 1 to 4294967295, got 0"))
            }
            Some(clock) => detector = detector.clock(clock.into()),
            None => {}
        }
        Ok(Self { detector })
    }

    /// `update(x)`: one more value (a finite number); whether it made a drift, as
    /// `driftDetected` then says. After a drift the window starts empty, as in River.
    pub fn update(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue) -> Result<bool> {
        update(&mut self.detector, &x)
    }

    /// `drift_detected`: whether the last value made a drift.
    #[wasm_bindgen(getter, js_name = driftDetected)]
    pub fn drift_detected(&self) -> bool {
        self.detector.drift_detected()
    }

    /// `width`: the values in the window.
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> f64 {
        self.detector.width()
    }
}
