//! The demo's state for one visitor: what the original Flask server process held globally.
//!
//! The original server seeds numpy once (`np.random.seed(5)`), scales and splits the data,
//! trains a model on samples 0..99 at start, trains the next 25 on each "+25", and on
//! "Reset" builds a new `MLPClassifier` (drawing its weights from the same, never re-seeded
//! stream) trained on sample 0 only. A [`Session`] is that process, one per visitor.

use std::sync::Arc;

use ndarray::{s, Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::error::{Error, Invariant, Result};
use crate::metrics::{log_loss, ConfusionMatrix, ProgressiveAccuracy, RECENT_WINDOW};
use crate::mlp::{MlpClassifier, MlpParams, ValidParams};
use crate::model_file::{check_format_and_version, read_json, ModelFile};
use crate::preprocessing::{train_test_split, Split, StandardScaler};
use crate::random::{RandomState, SavedStream};

/// The seed of the original demo: `np.random.seed(5)`.
pub const ORIGINAL_SEED: u32 = 5;
/// The hidden layers of the original: `MLPClassifier()`'s default `(100,)`.
pub const ORIGINAL_HIDDEN: [usize; 1] = [100];
/// The hidden layers a setup may ask for (the page's `?hidden=`, the notebook command's
/// `--hidden`): at most this many ...
pub const MAX_HIDDEN_LAYERS: usize = 3;
/// ... of at most this many units each (and at least one).
pub const MAX_UNITS: usize = 256;

/// Hidden layers as a setup writes them, `32,16`: `None` unless 1 to [`MAX_HIDDEN_LAYERS`]
/// sizes of 1 to [`MAX_UNITS`] (each maybe with a `+`, zeros before it, spaces around it).
///
/// ```
/// use learner::session::{hidden_layers_text, parse_hidden_layers};
/// assert_eq!(parse_hidden_layers(" 32, +016"), Some(vec![32, 16]));
/// assert_eq!(parse_hidden_layers("8,8,8,8"), None);
/// assert_eq!(hidden_layers_text(&[32, 16]), "32,16");
/// ```
// Inlined: compiled where it is called, so the page's size-optimised build compiles it for
// size rather than at the core's opt-level 3 (141 bytes at load otherwise).
#[inline]
pub fn parse_hidden_layers(text: &str) -> Option<Vec<usize>> {
    // Split as bytes at the ASCII comma (each part still UTF-8): `str::split(',')` and its
    // char searcher's iterator were 136 bytes more of the page's module, gzipped.
    let sizes: Vec<usize> = text
        .as_bytes()
        .split(|&byte| byte == b',')
        .map(|size| std::str::from_utf8(size).ok()?.trim().parse().ok())
        .collect::<Option<_>>()?;
    let valid =
        (1..=MAX_HIDDEN_LAYERS).contains(&sizes.len()) && sizes.iter().all(|units| (1..=MAX_UNITS).contains(units));
    valid.then_some(sizes)
}

/// Hidden layers as a setup writes them: `32,16`.
#[inline]
pub fn hidden_layers_text(hidden: &[usize]) -> String {
    hidden.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}
/// The original's `train_test_split(..., test_size=0.20, random_state=0)`.
pub const TEST_SIZE: f64 = 0.2;
pub const SPLIT_SEED: u32 = 0;
/// Samples the original server trains before its first answer.
pub const SAMPLES_AT_START: usize = 100;
/// Samples per "+25 Training" click.
pub const SAMPLES_PER_CLICK: usize = 25;
/// Test splits up to this many rows are scored after every sample learned (the bundled
/// data's 61, and any of UCI's files) ...
pub const SCORED_EVERY_SAMPLE_UP_TO: usize = 1_000;
/// ... a bigger one (a visitor's big file) about this many times in a pass through the
/// training split, and after the last sample of each action: scoring 20,000 test rows after
/// each of 80,000 samples would take hours.
pub const POINTS_PER_PASS: usize = 200;
/// The `format` field of every saved session.
pub const SNAPSHOT_FORMAT: &str = "online-learning-session";
/// The session format this build writes (its stream with its next outputs); it reads it and
/// version 1 (the stream as its seed and draws alone, replayed).
pub const SNAPSHOT_VERSION: u32 = 2;

/// Whether this build reads session snapshots of `format` and `version`, and if not, why.
pub fn check_snapshot_version(format: &str, version: u32) -> std::result::Result<(), String> {
    check_format_and_version((format, SNAPSHOT_VERSION), (SNAPSHOT_FORMAT, SNAPSHOT_VERSION))?;
    if version == 1 || version == SNAPSHOT_VERSION {
        Ok(())
    } else {
        Err(format!("version {version} is not supported (this build reads versions 1 and {SNAPSHOT_VERSION})"))
    }
}

/// The original's split of `n_samples` rows (`train_test_split(test_size=0.2,
/// random_state=0)`), which [`PreparedData`] makes and a raw file's imputed means follow.
/// Inlined: the page's split profile names its callers.
#[inline(always)]
pub fn split_rows(n_samples: usize) -> Result<Split> {
    train_test_split(n_samples, TEST_SIZE, SPLIT_SEED)
}

/// A data set as the original prepares it: standard-scaled as a whole (before the split, as
/// the original does), then split into training and test rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedData {
    pub scaler: StandardScaler,
    pub split: Split,
    pub x_train: Array2<f64>,
    pub y_train: Vec<u8>,
    pub x_test: Array2<f64>,
    pub y_test: Vec<u8>,
    /// The test rows as the file has them, unscaled: patients a visitor can look at.
    pub x_test_raw: Array2<f64>,
}

impl PreparedData {
    /// `StandardScaler().fit_transform(X)` then `train_test_split(test_size=0.2, random_state=0)`.
    pub fn new(dataset: &Dataset) -> Result<Self> {
        let scaler = StandardScaler::fit_named(dataset.features.view(), &dataset.feature_names)?;
        let scaled = scaler.transform(dataset.features.view())?;
        Self::from_scaled(dataset, scaler, scaled)
    }

    /// The last step of [`PreparedData::new`], the split, for a caller that takes the steps
    /// one at a time (the page, to give the browser its thread back between them on a big
    /// file): `scaler` fitted on `dataset`'s features, `scaled` what it made of them.
    pub fn from_scaled(dataset: &Dataset, scaler: StandardScaler, scaled: Array2<f64>) -> Result<Self> {
        let split = Self::split(dataset)?;
        Self::from_scaled_split(dataset, scaler, scaled, split)
    }

    /// The original's split of `dataset`'s rows (the first step of [`Self::from_scaled`], for
    /// callers that give the browser its thread back between steps).
    pub fn split(dataset: &Dataset) -> Result<Split> {
        split_rows(dataset.n_samples())
    }

    /// [`Self::from_scaled`] with the split already made by [`Self::split`].
    pub fn from_scaled_split(
        dataset: &Dataset,
        scaler: StandardScaler,
        scaled: Array2<f64>,
        split: Split,
    ) -> Result<Self> {
        if scaled.dim() != dataset.features.dim() {
            return Err(Error::FeatureCount { expected: dataset.n_features(), found: scaled.ncols() });
        }
        if split.train.len() + split.test.len() != dataset.n_samples() {
            return Err(Error::InvalidParams(format!(
                "a split of {} rows for {} samples",
                split.train.len() + split.test.len(),
                dataset.n_samples()
            )));
        }
        let pick = |rows: &[usize]| -> (Array2<f64>, Vec<u8>) {
            (pick_rows(&scaled, rows), rows.iter().map(|&row| dataset.target[row]).collect())
        };
        let (x_train, y_train) = pick(&split.train);
        let (x_test, y_test) = pick(&split.test);
        let x_test_raw = pick_rows(&dataset.features, &split.test);
        Ok(Self { scaler, split, x_train, y_train, x_test, y_test, x_test_raw })
    }

    /// The test row whose unscaled features are exactly `raw`, if there is one.
    pub fn test_patient(&self, raw: &[f64]) -> Option<usize> {
        self.x_test_raw.rows().into_iter().position(|row| row.iter().eq(raw))
    }

    pub fn n_train(&self) -> usize {
        self.y_train.len()
    }

    pub fn n_features(&self) -> usize {
        self.x_train.ncols()
    }

    /// Training sample `index` (in split order) and its label.
    pub fn train_sample(&self, index: usize) -> (&[f64], u8) {
        let row = self.x_train.row(index).to_slice().expect("rows of an owned array are contiguous");
        (row, self.y_train[index])
    }

    pub fn test_set(&self) -> (ArrayView2<'_, f64>, &[u8]) {
        (self.x_test.view(), &self.y_test)
    }
}

/// Every how many samples the curve of a session on `data` scores the test split.
fn curve_every(data: &PreparedData) -> usize {
    if data.y_test.len() <= SCORED_EVERY_SAMPLE_UP_TO {
        1
    } else {
        data.n_train().div_ceil(POINTS_PER_PASS)
    }
}

/// `x[rows]`, as ndarray's `select` makes it, in 3 KB less of the page's bundle.
fn pick_rows(x: &Array2<f64>, rows: &[usize]) -> Array2<f64> {
    // Not ndarray's `select`: its generic code costs the page's bundle more than this. The
    // values in one allocation, a row at a time (collecting an iterator of rows grew the
    // vector step by step: 100,000 rows took 80 ms in the page).
    let mut values = Vec::with_capacity(rows.len() * x.ncols());
    for &row in rows {
        let row = x.row(row);
        match row.as_slice() {
            Some(slice) => values.extend_from_slice(slice),
            None => values.extend(row.iter().copied()),
        }
    }
    Array2::from_shape_vec((rows.len(), x.ncols()), values).invariant("one row of x.ncols() values per index")
}

/// What the page shows after an action: the original server's `{result, remaining}`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    /// The held-out accuracy, unrounded.
    pub score: f64,
    /// Training samples not yet learned.
    pub remaining: usize,
    /// Training samples learned by the current model.
    pub trained: usize,
    /// Samples a visitor taught the current model, besides the training samples.
    pub taught: usize,
}

impl Report {
    /// Every sample the current model has learned.
    pub fn learned(&self) -> usize {
        self.trained + self.taught
    }
}

/// One point of the learning curve: the model just after it learned one more sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Samples the model has learned, this one included.
    pub samples: usize,
    /// The accuracy on the test split after learning it.
    pub held_out: f64,
    /// Progressive validation: the accuracy of predicting each sample before learning it,
    /// over all samples so far ...
    pub progressive: f64,
    /// ... and over the last [`RECENT_WINDOW`].
    pub progressive_recent: f64,
    /// Where the sample came from.
    pub source: Source,
}

/// Where a learned sample came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The next sample of the training split.
    Stream,
    /// A visitor's patient with the label they gave; `test_patient` when the patient is a
    /// row of the test split, which makes the held-out accuracy optimistic.
    Taught { label: u8, test_patient: bool },
}

/// The header of [`curve_csv`].
pub const CURVE_CSV_HEADER: &str = "run,samples,held_out_accuracy,progressive_accuracy,progressive_accuracy_last_50,\
sample,taught_patient";

/// Runs' learning curves as CSV, one line per point, in the order given (`run` numbers them
/// from `first_run`: the page keeps a few runs, numbered as the session counts them), each
/// number in full (the shortest decimal that reads back as the same double, Python's `repr`
/// digits): what scikit-learn's numbers can be held against bit for bit
/// (`tools/check_curve.py`). Each run comes with its taught patients, in order, whose values
/// (unscaled, heart.csv's columns and codes) a taught point's last field gives (`age=63.0
/// sex=1.0 ...`), so that the whole run can be replayed; a run given fewer leaves the rest
/// empty. The page's "Download as CSV" and the notebook command's `--csv` write it.
///
/// ```
/// use learner::session::{curve_csv, Session};
/// let mut session = Session::heart(5).unwrap();
/// session.train(26).unwrap();
/// let csv = curve_csv(1, [(session.curve(), vec![])].into_iter());
/// assert_eq!(csv.lines().nth(26), Some("1,26,0.6065573770491803,0.46153846153846156,0.46153846153846156,training sample,"));
/// ```
pub fn curve_csv<'a>(first_run: usize, runs: impl Iterator<Item = (&'a [CurvePoint], Vec<&'a [f64]>)>) -> String {
    use crate::format::json_number;
    let mut csv = format!("{CURVE_CSV_HEADER}\n");
    for (run, (curve, taught)) in runs.enumerate() {
        let mut taught = taught.into_iter();
        for point in curve {
            let patient = match point.source {
                Source::Stream => String::new(),
                Source::Taught { .. } => taught.next().map(patient_text).unwrap_or_default(),
            };
            // ryu's shortest text, as the model file's numbers are written: core's own float
            // formatting would add 9 KB to the page's lazy module.
            csv += &format!(
                "{},{},{},{},{},{},{patient}\n",
                first_run + run,
                point.samples,
                json_number(point.held_out),
                json_number(point.progressive),
                json_number(point.progressive_recent),
                source_text(point.source)
            );
        }
    }
    csv
}

/// Where a point's sample came from, in words: `training sample`, `taught: heart disease`
/// (heart.csv's diagnosis of the label, [`crate::heart::diagnosis`]).
pub fn source_text(source: Source) -> String {
    match source {
        Source::Stream => "training sample".to_owned(),
        Source::Taught { label, .. } => format!("taught: {}", crate::heart::diagnosis(label)),
    }
}

/// A taught patient's values, named: `age=63.0 sex=1.0 ...`.
fn patient_text(patient: &[f64]) -> String {
    let named = crate::heart::FEATURES
        .iter()
        .zip(patient)
        .map(|(feature, &value)| format!("{}={}", feature.name, crate::format::json_number(value)));
    named.collect::<Vec<_>>().join(" ")
}

/// The model on the test split in detail (scikit-learn's metrics of `predict` and
/// `predict_proba` on it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestEvaluation {
    pub accuracy: f64,
    /// Counted with the chosen positive class.
    pub confusion: ConfusionMatrix,
    pub log_loss: f64,
}

/// One visitor's demo: the seeded stream, the prepared data, the current model and the
/// index of the next training sample. It is the heart demo's shape (the original's split,
/// its start and its clicks), and what it writes of a taught patient ([`curve_csv`],
/// [`source_text`]) names heart.csv's 13 columns and its diagnoses: for other data, the
/// generic parts ([`MlpClassifier`], [`StandardScaler`], [`train_test_split`]) without it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    stream: RandomState,
    params: ValidParams,
    /// Shared, never copied: cloning a session copies the model, not the data.
    data: Arc<PreparedData>,
    model: MlpClassifier,
    next_sample: usize,
    taught: usize,
    /// The current model's learning curve, one point per sample learned.
    curve: Vec<CurvePoint>,
    progressive: ProgressiveAccuracy,
    test_proba: TestProba,
    /// The last point of a [`train_pending`](Session::train_pending), until
    /// [`score_pending`](Session::score_pending) has scored the whole test split.
    pending: Option<PendingPoint>,
}

/// A curve point whose held-out accuracy is being scored, a part of the test split at a time.
#[derive(Debug, Clone, PartialEq)]
struct PendingPoint {
    samples: usize,
    progressive: f64,
    progressive_recent: f64,
    source: Source,
    /// The test split's probabilities, for its first rows so far.
    proba: Vec<f64>,
}

/// The test split's probabilities by the model as it was after `.0` samples, kept from the
/// scoring after the last sample of an action so that [`Session::evaluate`] does not predict
/// a big test split a second time. A cache: it takes no part in comparing sessions.
#[derive(Debug, Clone, Default)]
struct TestProba(Option<(u64, Arc<[f64]>)>);

impl PartialEq for TestProba {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Session {
    /// A session on the bundled heart data with `MLPClassifier()`'s defaults.
    pub fn heart(seed: u32) -> Result<Self> {
        Self::new(PreparedData::new(&Dataset::heart())?, seed, MlpParams::new().check()?)
    }

    /// `np.random.seed(seed)` and a first model drawn from that stream, nothing trained yet.
    /// Refused where the network would be larger than a model file holds
    /// ([`MlpClassifier::new`]).
    pub fn new(data: impl Into<Arc<PreparedData>>, seed: u32, params: ValidParams) -> Result<Self> {
        let data = data.into();
        let mut stream = RandomState::new(seed);
        let model = MlpClassifier::new(data.n_features(), params.clone(), &mut stream)?;
        Ok(Self::with_model(stream, params, data, model, 0))
    }

    fn with_model(
        stream: RandomState,
        params: ValidParams,
        data: Arc<PreparedData>,
        model: MlpClassifier,
        next_sample: usize,
    ) -> Self {
        let (taught, curve, progressive) = (0, Vec::new(), ProgressiveAccuracy::new(RECENT_WINDOW));
        let test_proba = TestProba::default();
        Self { stream, params, data, model, next_sample, taught, curve, progressive, test_proba, pending: None }
    }

    /// Train the next `count` samples one `partial_fit` each, or as many as remain, and
    /// report the new score (the original's "+25" is `train(25)`). Each sample adds a point
    /// to the [`curve`](Self::curve).
    pub fn train(&mut self, count: usize) -> Result<Report> {
        self.train_pending(count)?;
        self.finish_pending();
        self.report()
    }

    /// [`train`](Self::train), but the test split is not scored for the last sample's point:
    /// [`score_pending`](Self::score_pending) scores it a part at a time, so that a page
    /// learning a big file spreads the scoring of its test split over several tasks. Until
    /// then the point is not in the curve. The values are `train`'s, bit for bit; anything
    /// else the session does first scores the rest at once.
    pub fn train_pending(&mut self, count: usize) -> Result<()> {
        let data = Arc::clone(&self.data);
        // Saturating: a count as large as `usize` holds (a saved action's `learn`, on wasm32's
        // 32 bits) learns what remains, not a wrapped range.
        let rows = self.next_sample..self.next_sample.saturating_add(count).min(data.n_train());
        let labels = &data.y_train[rows.clone()];
        self.learn(data.x_train.slice(s![rows.clone(), ..]), labels, |_| Source::Stream)?;
        self.next_sample = rows.end;
        Ok(())
    }

    /// Score up to `rows` more rows of the test split for the pending point: `true` once no
    /// point is pending (it is then in the curve, and the session's report and evaluation
    /// are those [`train`](Self::train) gives).
    pub fn score_pending(&mut self, rows: usize) -> bool {
        let Some(mut pending) = self.pending.take() else { return true };
        let (x_test, y_test) = (self.data.x_test.view(), &self.data.y_test[..]);
        let start = pending.proba.len();
        let end = start.saturating_add(rows.max(1)).min(y_test.len());
        let proba =
            self.model.predict_proba(x_test.slice(s![start..end, ..])).invariant("the test split fits the model");
        // The action's last point: its probabilities are kept for `evaluate`.
        pending.proba.extend(proba.iter());
        if end < y_test.len() {
            self.pending = Some(pending);
            return false;
        }
        let PendingPoint { samples, progressive, progressive_recent, source, proba } = pending;
        let predicted: Vec<u8> = proba.iter().map(|&p| u8::from(p > 0.5)).collect();
        let held_out = crate::metrics::accuracy(y_test, &predicted);
        self.test_proba = TestProba(Some((self.model.samples_seen(), proba.into())));
        self.curve.push(CurvePoint { samples, held_out, progressive, progressive_recent, source });
        true
    }

    /// Score the rest of the test split for the pending point, if there is one.
    fn finish_pending(&mut self) {
        while !self.score_pending(usize::MAX) {}
    }

    /// Teach the model one patient of the visitor's: `raw` unscaled features (as in the
    /// file), scaled with the session's scaler, learned with `label` in one `partial_fit`
    /// step. Counted apart from the training split, which goes on where it was.
    pub fn teach(&mut self, raw: &[f64], label: u8) -> Result<Report> {
        let x = self.scale(raw)?;
        let test_patient = self.data.test_patient(raw).is_some();
        let row = ArrayView2::from_shape((1, x.len()), &x).invariant("one row of x.len() values");
        self.learn(row, &[label], |_| Source::Taught { label, test_patient })?;
        self.finish_pending();
        self.taught += 1;
        self.report()
    }

    /// Learn `x` row by row, adding a point to the curve after each: the row is predicted
    /// first (progressive validation), then learned, then the test split scored; the last
    /// row's point is left pending, for [`score_pending`](Self::score_pending).
    fn learn(&mut self, x: ArrayView2<f64>, y: &[u8], source: impl Fn(usize) -> Source) -> Result<()> {
        self.finish_pending();
        let (x_test, y_test) = (self.data.x_test.view(), &self.data.y_test[..]);
        let Self { model, curve, progressive, pending, .. } = self;
        // Counted from the model's own count: a restored or imported model goes on from it.
        let seen_before = model.samples_seen() as usize;
        let every = curve_every(&self.data);
        let mut row = 0;
        model.learn_rows_observed(x, y, |model, predicted| {
            progressive.update(y[row], u8::from(predicted > 0.5));
            let samples = seen_before + row + 1;
            row += 1;
            if samples % every != 0 && row != y.len() {
                return;
            }
            let (progressive, progressive_recent, source) = (progressive.get(), progressive.recent(), source(row - 1));
            if row == y.len() {
                let proba = Vec::with_capacity(y_test.len());
                *pending = Some(PendingPoint { samples, progressive, progressive_recent, source, proba });
            } else {
                let held_out = model.score(x_test, y_test).invariant("the test split fits the model");
                curve.push(CurvePoint { samples, held_out, progressive, progressive_recent, source });
            }
        })
    }

    /// The original's `/reset`: a new model from the same stream, trained on sample 0 only.
    /// The curve starts again.
    pub fn reset(&mut self) -> Result<Report> {
        // The network `new` checked: the same width and layers.
        let model = MlpClassifier::drawn(self.data.n_features(), self.params.clone(), &mut self.stream);
        let stream = self.stream.clone();
        *self = Self::with_model(stream, self.params.clone(), Arc::clone(&self.data), model, 0);
        self.train(1)
    }

    /// The current score and progress.
    pub fn report(&self) -> Result<Report> {
        // The curve's last point scored the model as it is, unless it has learned since: a
        // big test split is not scored twice.
        let score = match self.curve.last() {
            Some(point) if point.samples as u64 == self.model.samples_seen() => point.held_out,
            _ => self.score()?,
        };
        Ok(Report { score, remaining: self.remaining(), trained: self.next_sample, taught: self.taught })
    }

    /// The current model's learning curve, in order: one point per sample it learned, or,
    /// on a test split of more than [`SCORED_EVERY_SAMPLE_UP_TO`] rows, one every
    /// [`Session::curve_every`] samples and one after the last sample of each action.
    pub fn curve(&self) -> &[CurvePoint] {
        &self.curve
    }

    /// Every how many samples the curve scores the test split (1: after each).
    pub fn curve_every(&self) -> usize {
        curve_every(&self.data)
    }

    /// The probability of class 1 for a sample given unscaled, as in the file.
    pub fn predict_proba_raw(&self, raw: &[f64]) -> Result<f64> {
        self.model.predict_proba_one(&self.scale(raw)?)
    }

    /// `raw` through the session's scaler; refused unless it has one finite value per feature.
    fn scale(&self, raw: &[f64]) -> Result<Vec<f64>> {
        if raw.len() != self.data.n_features() {
            return Err(Error::FeatureCount { expected: self.data.n_features(), found: raw.len() });
        }
        if let Some(feature) = raw.iter().position(|value| !value.is_finite()) {
            return Err(Error::NotFinite { feature });
        }
        let mut x = raw.to_vec();
        self.data.scaler.transform_row(&mut x)?;
        Ok(x)
    }

    /// The current model on the test split: accuracy, the confusion matrix counted with
    /// `positive` as the positive class, and the log loss.
    pub fn evaluate(&self, positive: u8) -> Result<TestEvaluation> {
        let (x, y) = self.data.test_set();
        let computed;
        let proba = match &self.test_proba.0 {
            Some((seen, proba)) if *seen == self.model.samples_seen() => &proba[..],
            _ => {
                computed = self.model.predict_proba(x)?;
                computed.as_slice().expect("an owned array is contiguous")
            }
        };
        let predicted: Vec<u8> = proba.iter().map(|&p| u8::from(p > 0.5)).collect();
        Ok(TestEvaluation {
            accuracy: crate::metrics::accuracy(y, &predicted),
            confusion: ConfusionMatrix::new(y, &predicted, positive),
            log_loss: log_loss(y, proba),
        })
    }

    /// `clf.score(X_test, y_test)`.
    pub fn score(&self) -> Result<f64> {
        let (x, y) = self.data.test_set();
        self.model.score(x, y)
    }

    pub fn remaining(&self) -> usize {
        self.data.n_train() - self.next_sample
    }

    pub fn model(&self) -> &MlpClassifier {
        &self.model
    }

    pub fn data(&self) -> &PreparedData {
        &self.data
    }

    /// The data, shared: for another session on it, without a copy.
    pub fn shared_data(&self) -> Arc<PreparedData> {
        Arc::clone(&self.data)
    }

    /// The model's hyper-parameters (each Reset builds its model with them).
    pub fn params(&self) -> &ValidParams {
        &self.params
    }

    pub fn stream(&self) -> &RandomState {
        &self.stream
    }

    /// The current model, its scaler and progress as a model file.
    pub fn model_file(&self) -> ModelFile {
        ModelFile::new(&self.model, &self.data.scaler, self.next_sample)
    }

    /// The whole session as one serialisable value (see [`Snapshot`]; [`Snapshot::to_json`]
    /// writes it, refusing a model that would not load back).
    ///
    /// ```
    /// use learner::{data::Dataset, session::{PreparedData, Session, Snapshot}};
    /// let mut session = Session::heart(5).unwrap();
    /// session.train(100).unwrap();
    /// let saved = session.snapshot().to_json().unwrap();
    /// let data = PreparedData::new(&Dataset::heart()).unwrap();
    /// let mut restored = Session::restore(data, Snapshot::from_json(&saved).unwrap()).unwrap();
    /// assert_eq!(restored.train(25).unwrap(), session.train(25).unwrap());
    /// assert_eq!(restored.reset().unwrap(), session.reset().unwrap());
    /// ```
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            stream: self.stream.saved(),
            model: self.model_file(),
        }
    }

    /// The session a [`Snapshot`] was taken of, on the data it was taken on: it goes on
    /// exactly as the saved one would have, Resets included. A snapshot of another format
    /// or version, an invalid model, or a model that does not fit `data` (its width, its
    /// scaler, its progress) is refused with the reason.
    pub fn restore(data: impl Into<Arc<PreparedData>>, snapshot: Snapshot) -> Result<Self> {
        let data = data.into();
        let stream = snapshot.resume_stream()?;
        let loaded = snapshot.model.load()?;
        if loaded.model.n_features() != data.n_features() || loaded.scaler != data.scaler {
            return Err(refused("it was saved on other data (its scaler differs from this data's)".to_owned()));
        }
        let next_sample = loaded.progress.next_sample;
        if next_sample > data.n_train() {
            return Err(refused(format!(
                "its next sample is {next_sample}, past the {} training samples",
                data.n_train()
            )));
        }
        let params = loaded.model.params().clone();
        Ok(Self::with_model(stream, params, data, loaded.model, next_sample))
    }
}

/// A whole [`Session`] as one value, for saving and restoring: the seeded stream where it
/// stands (so later Resets draw what they would have drawn) and the current model as a
/// model file (weights, Adam state, scaler, progress). The data is not in it: a snapshot is
/// restored onto the data it was taken on, which the scaler identifies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub format: String,
    pub version: u32,
    /// Its seed and draws, and in version 2 its next outputs (required there, refused in
    /// version 1).
    pub stream: SavedStream,
    pub model: ModelFile,
}

impl Snapshot {
    /// Its stream where it stood, once its format and version are checked, or why not.
    fn resume_stream(&self) -> Result<RandomState> {
        check_snapshot_version(&self.format, self.version).map_err(refused)?;
        match (self.version, &self.stream.next) {
            (1, Some(_)) => Err(refused("stream: unknown field `next` in a version 1 snapshot".to_owned())),
            (2, None) => Err(refused("stream: missing field `next`".to_owned())),
            _ => self.stream.resume().map_err(refused),
        }
    }

    /// A snapshot read from JSON text (a byte-order mark skipped), its `format` and `version`
    /// checked before its other fields, so that a newer version's file is refused as such
    /// rather than for a field this build does not know, and a field that does not read named
    /// by its place. [`Session::restore`] checks the rest (the model, the data it fits).
    ///
    /// ```
    /// use learner::session::Snapshot;
    /// let newer = r#"{"format": "online-learning-session", "version": 3, "labels": []}"#;
    /// assert_eq!(
    ///     Snapshot::from_json(newer).unwrap_err().to_string(),
    ///     "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
    /// );
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let text = crate::model_file::saved_text(text).map_err(refused)?;
        let kind = crate::model_file::SavedKind::of(text).map_err(refused)?;
        if let (Some(format), Some(version)) = (&kind.format, kind.version) {
            check_snapshot_version(format, version).map_err(refused)?;
        }
        read_json(text).map_err(refused)
    }

    /// Serialise as JSON, refused where the model would not load back, as
    /// [`ModelFile::write_json`] refuses it (a number that overflowed while learning).
    pub fn to_json(&self) -> Result<String> {
        self.model.check_writable()?;
        Ok(serde_json::to_string(self).invariant("a snapshot is plain data"))
    }
}

/// The model in a saved file of either kind: a model file, or a session snapshot (its
/// model), told apart by their `format`. Every field is checked as [`ModelFile::load`] and
/// [`Session::restore`] check them.
///
/// ```
/// use learner::session::{load_saved_model, Session};
/// let mut session = Session::heart(5).unwrap();
/// session.train(100).unwrap();
/// let from_snapshot = load_saved_model(&session.snapshot().to_json().unwrap()).unwrap();
/// let from_model_file = load_saved_model(&session.model_file().write_json().unwrap()).unwrap();
/// assert_eq!(from_snapshot, from_model_file);
/// assert_eq!(from_snapshot.progress.next_sample, 100);
/// ```
pub fn load_saved_model(text: &str) -> Result<crate::model_file::LoadedModel> {
    let text = crate::model_file::saved_text(text).map_err(Error::ModelFile)?;
    // Text that is not JSON is of neither kind for sure: named by what it seems to be.
    let kind = crate::model_file::SavedKind::of(text).map_err(|reason| match text.contains(SNAPSHOT_FORMAT) {
        true => refused(reason),
        false => Error::ModelFile(reason),
    })?;
    if kind.format.as_deref() != Some(SNAPSHOT_FORMAT) {
        return ModelFile::load_json_of_kind(text, &kind);
    }
    kind.check()?;
    let snapshot: Snapshot = read_json(text).map_err(refused)?;
    snapshot.resume_stream()?;
    // The model's fields named where they are in the snapshot (`model.coefs[0][2] ...`), the
    // file refused as the session it is.
    snapshot.model.load().map_err(|error| match error {
        Error::ModelFile(reason) => refused(format!("model.{reason}")),
        other => other,
    })
}

fn refused(reason: String) -> Error {
    Error::Snapshot(reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_curve_as_csv_holds_every_run_and_every_number_as_it_is() {
        let point = |samples, held_out, source| CurvePoint {
            samples,
            held_out,
            progressive: 1.0 / 3.0,
            progressive_recent: 1.0,
            source,
        };
        let taught = Source::Taught { label: 0, test_patient: true };
        let earlier = [point(1, 34.0 / 61.0, Source::Stream), point(2, 0.5, taught)];
        let current = [point(1, 37.0 / 61.0, Source::Stream), point(2, 1e-7, taught)];
        let patient = [63.0, 1.0, 3.0, 145.0, 233.0, 1.0, 0.0, 150.0, 0.0, 2.3, 0.0, 0.0, 1.0];
        // The earlier run's patient unknown (taught before the session's origin): left empty.
        let csv = curve_csv(1, [(&earlier[..], vec![]), (&current[..], vec![&patient[..]])].into_iter());
        assert_eq!(
            csv,
            "run,samples,held_out_accuracy,progressive_accuracy,progressive_accuracy_last_50,sample,taught_patient\n\
             1,1,0.5573770491803278,0.3333333333333333,1.0,training sample,\n\
             1,2,0.5,0.3333333333333333,1.0,taught: heart disease,\n\
             2,1,0.6065573770491803,0.3333333333333333,1.0,training sample,\n\
             2,2,1e-7,0.3333333333333333,1.0,taught: heart disease,age=63.0 sex=1.0 cp=3.0 trestbps=145.0 \
             chol=233.0 fbs=1.0 restecg=0.0 thalach=150.0 exang=0.0 oldpeak=2.3 slope=0.0 ca=0.0 thal=1.0\n"
        );
        // Each number reads back as the same double.
        for line in csv.lines().skip(1) {
            let value: f64 = line.split(',').nth(2).unwrap().parse().unwrap();
            assert!([34.0 / 61.0, 0.5, 37.0 / 61.0, 1e-7].contains(&value));
        }
        assert_eq!(curve_csv(1, std::iter::empty()).lines().count(), 1, "no runs: the header alone");
        // Runs the page no longer keeps are counted: the first kept one is numbered after them.
        let later = curve_csv(5, [(&current[..1], vec![])].into_iter());
        assert_eq!(later.lines().nth(1), Some("5,1,0.6065573770491803,0.3333333333333333,1.0,training sample,"));
    }

    #[test]
    fn the_curve_files_header_names_the_window_of_the_recent_accuracy() {
        assert!(CURVE_CSV_HEADER.contains(&format!(",progressive_accuracy_last_{RECENT_WINDOW},")));
    }

    #[test]
    fn the_split_taken_as_a_step_of_its_own_prepares_the_same_data() {
        let dataset = Dataset::heart();
        let scaler = StandardScaler::fit(dataset.features.view()).unwrap();
        let scaled = scaler.transform(dataset.features.view()).unwrap();
        let whole = PreparedData::from_scaled(&dataset, scaler.clone(), scaled.clone()).unwrap();
        let split = PreparedData::split(&dataset).unwrap();
        let stepped = PreparedData::from_scaled_split(&dataset, scaler.clone(), scaled.clone(), split.clone()).unwrap();
        assert_eq!((stepped.split, stepped.x_train, stepped.x_test), (whole.split, whole.x_train, whole.x_test));
        let short = Split { train: split.train[1..].to_vec(), test: split.test };
        assert!(PreparedData::from_scaled_split(&dataset, scaler, scaled, short).is_err(), "a split of other rows");
    }

    #[test]
    fn training_stops_at_the_end_of_the_split() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        let report = session.train(10_000).unwrap();
        assert_eq!((report.trained, report.remaining), (242, 0));
        let again = session.train(25).unwrap();
        assert_eq!(again, report, "nothing left to learn changes nothing");
        assert_eq!(session.model().samples_seen(), 242);
        // A count as large as a `usize` holds (a saved action's, on wasm32's 32 bits), after
        // some samples: what remains, not a range wrapped round.
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        session.train(100).unwrap();
        assert_eq!(session.train(usize::MAX).unwrap().remaining, 0);
        assert_eq!(session.model().samples_seen(), 242);
    }

    #[test]
    fn reset_trains_sample_zero_of_a_fresh_model() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        session.train(50).unwrap();
        let report = session.reset().unwrap();
        assert_eq!((report.trained, report.remaining), (1, 241));
        assert_eq!(session.model().samples_seen(), 1);
    }

    /// heart.csv's rows `copies` times over, each copy's ages moved by its number.
    fn heart_copies(copies: usize) -> PreparedData {
        let heart = Dataset::heart();
        let rows: Vec<f64> = (0..copies)
            .flat_map(|copy| {
                heart.features.rows().into_iter().flat_map(move |row| {
                    row.iter()
                        .enumerate()
                        .map(move |(i, &v)| if i == 0 { v + copy as f64 } else { v })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let target = heart.target.iter().copied().cycle().take(heart.target.len() * copies).collect();
        let features = Array2::from_shape_vec((heart.target.len() * copies, heart.n_features()), rows).unwrap();
        PreparedData::new(&Dataset { feature_names: heart.feature_names.clone(), features, target }).unwrap()
    }

    #[test]
    fn a_big_test_split_is_scored_every_few_samples_and_after_each_action() {
        let small = Session::heart(ORIGINAL_SEED).unwrap();
        assert_eq!(small.curve_every(), 1, "the bundled data's 61 test rows, after every sample");

        // 303 * 20 rows: 1,212 test rows, 4,848 training rows, a point every 25 samples.
        let params = MlpParams::new().check().unwrap();
        let mut session = Session::new(heart_copies(20), ORIGINAL_SEED, params).unwrap();
        assert_eq!((session.data().y_test.len(), session.curve_every()), (1_212, 25));
        session.train(60).unwrap();
        session.train(20).unwrap();
        let samples: Vec<usize> = session.curve().iter().map(|point| point.samples).collect();
        assert_eq!(samples, [25, 50, 60, 75, 80]);
        // Each point is the model's score then, and the progressive accuracy counts every
        // sample, scored or not.
        let mut by_one = Session::new(heart_copies(20), ORIGINAL_SEED, MlpParams::new().check().unwrap()).unwrap();
        let mut scores = Vec::new();
        for _ in 0..80 {
            by_one.train(1).unwrap();
            scores.push((
                by_one.model().samples_seen() as usize,
                by_one.score().unwrap(),
                by_one.curve().last().unwrap().progressive,
            ));
        }
        for point in session.curve() {
            let (_, held_out, progressive) = scores[point.samples - 1];
            assert_eq!((point.held_out, point.progressive), (held_out, progressive), "{}", point.samples);
        }
        // The report and the evaluation, which reuse the last point's scoring of the test
        // split, are those of the same model restored afresh, which scores it again.
        let restored = Session::restore(session.shared_data(), session.snapshot()).unwrap();
        assert!(restored.curve().is_empty());
        assert_eq!(session.report().unwrap(), restored.report().unwrap());
        for positive in [0, 1] {
            assert_eq!(session.evaluate(positive).unwrap(), restored.evaluate(positive).unwrap());
        }
        session.teach(&session.data().x_test_raw.row(0).to_vec(), 0).unwrap();
        let restored = Session::restore(session.shared_data(), session.snapshot()).unwrap();
        assert_eq!(session.evaluate(0).unwrap(), restored.evaluate(0).unwrap(), "after a taught patient");
    }

    #[test]
    fn a_pending_point_scored_in_parts_is_the_point_train_makes() {
        let params = || MlpParams::new().check().unwrap();
        let mut whole = Session::new(heart_copies(20), ORIGINAL_SEED, params()).unwrap();
        let mut parts = whole.clone();
        whole.train(60).unwrap();
        parts.train_pending(60).unwrap();
        // The points before the last are scored at once; the last waits for its parts.
        let samples = |session: &Session| session.curve().iter().map(|point| point.samples).collect::<Vec<_>>();
        assert_eq!(samples(&parts), [25, 50]);
        let mut calls = 1;
        while !parts.score_pending(500) {
            calls += 1;
        }
        assert_eq!(calls, 3, "1,212 test rows in parts of 500");
        assert!(parts.score_pending(500), "nothing left pending");
        assert_eq!(parts.curve(), whole.curve());
        assert_eq!(parts.report().unwrap(), whole.report().unwrap());
        assert_eq!(parts.evaluate(0).unwrap(), whole.evaluate(0).unwrap());
        assert_eq!(parts, whole);

        // Anything else first scores what is pending: no point is lost or scored twice.
        whole.train(20).unwrap();
        whole.teach(&whole.data().x_test_raw.row(3).to_vec(), 1).unwrap();
        parts.train_pending(20).unwrap();
        assert!(!parts.score_pending(100));
        parts.teach(&parts.data().x_test_raw.row(3).to_vec(), 1).unwrap();
        assert_eq!(samples(&parts), [25, 50, 60, 75, 80, 81]);
        assert_eq!(parts.curve(), whole.curve());
        assert_eq!(parts.report().unwrap(), whole.report().unwrap());
    }

    /// The original server's later clicks, as reports.
    fn clicks(session: &mut Session) -> Vec<Report> {
        let mut reports = vec![session.train(25).unwrap(), session.train(25).unwrap()];
        reports.push(session.reset().unwrap());
        reports.push(session.train(25).unwrap());
        reports
    }

    #[test]
    fn a_restored_snapshot_goes_on_exactly_as_the_session_would_have() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        session.train(SAMPLES_AT_START).unwrap();
        session.reset().unwrap();
        session.train(60).unwrap();
        let json = serde_json::to_string(&session.snapshot()).unwrap();
        let snapshot: Snapshot = serde_json::from_str(&json).unwrap();
        let mut restored = Session::restore(PreparedData::new(&Dataset::heart()).unwrap(), snapshot).unwrap();
        assert_eq!(restored.snapshot(), session.snapshot());
        restored.train(1).unwrap();
        assert_eq!(restored.curve()[0].samples, 62, "the curve goes on from the model's 61 samples");
        session.train(1).unwrap();
        assert_eq!(clicks(&mut restored), clicks(&mut session), "the same scores, and the same draws on Reset");
        assert_eq!(restored, session, "the same model, stream and curve since the Reset");
    }

    #[test]
    fn a_snapshot_is_refused_on_other_data_or_in_another_format() {
        let session = Session::heart(ORIGINAL_SEED).unwrap();
        let data = || PreparedData::new(&Dataset::heart()).unwrap();
        let restore_error = |snapshot: Snapshot| Session::restore(data(), snapshot).unwrap_err().to_string();

        let mut other = Dataset::heart();
        other.features[[0, 0]] += 1.0;
        let error = Session::restore(PreparedData::new(&other).unwrap(), session.snapshot()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot restore the session: it was saved on other data (its scaler differs from this data's)"
        );

        let mut snapshot = session.snapshot();
        snapshot.format = "something-else".to_owned();
        assert_eq!(
            restore_error(snapshot),
            "cannot restore the session: format is `something-else`, expected `online-learning-session`"
        );
        let mut snapshot = session.snapshot();
        snapshot.version = 3;
        assert_eq!(
            restore_error(snapshot),
            "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
        );
        let mut snapshot = session.snapshot();
        snapshot.model.progress.next_sample = 243;
        assert_eq!(
            restore_error(snapshot),
            "cannot restore the session: its next sample is 243, past the 242 training samples"
        );
        let mut snapshot = session.snapshot();
        snapshot.model.coefs[0][0][0] = f64::NAN;
        assert_eq!(restore_error(snapshot), "invalid model file: coefs[0][0] holds NaN, not a finite number");
    }

    /// A newer build's file (a field added, the version raised) or a file of another kind is
    /// refused for its version or its format, not for the fields this build does not know.
    #[test]
    fn a_file_of_another_version_or_kind_is_refused_as_such_before_its_fields() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        session.train(3).unwrap();
        let error = |value: &serde_json::Value| load_saved_model(&value.to_string()).unwrap_err().to_string();
        let mut snapshot: serde_json::Value = serde_json::from_str(&session.snapshot().to_json().unwrap()).unwrap();
        snapshot["version"] = serde_json::json!(3);
        snapshot["data_id"] = serde_json::json!("abc");
        assert_eq!(
            error(&snapshot),
            "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
        );
        let mut model: serde_json::Value = serde_json::from_str(&session.model_file().write_json().unwrap()).unwrap();
        model["version"] = serde_json::json!(2);
        model["activation"] = serde_json::json!("tanh");
        let expected = "invalid model file: version 2 is not supported (this build reads version 1)";
        assert_eq!(error(&model), expected);
        assert_eq!(ModelFile::load_json(&model.to_string()).unwrap_err().to_string(), expected);
        let keras = serde_json::json!({"format": "keras", "version": 1, "layers": []});
        assert_eq!(error(&keras), "invalid model file: format is `keras`, expected `online-mlp-classifier`");
        // Without a version that is a number, the fields are read as before.
        model["version"] = serde_json::json!("2");
        assert!(error(&model).starts_with("invalid model file: unknown field `activation`"), "{}", error(&model));
        // Inside a snapshot, the model's fields are named where they are, and the file is
        // refused as the session it is.
        let mut inner = snapshot.clone();
        inner["version"] = serde_json::json!(2);
        inner.as_object_mut().unwrap().remove("data_id");
        inner["model"]["version"] = serde_json::json!(2);
        assert_eq!(
            error(&inner),
            "cannot restore the session: model.version 2 is not supported (this build reads version 1)"
        );
        inner["model"]["version"] = serde_json::json!(1);
        inner["model"]["coefs"][0][2] = serde_json::json!([1.0, 2.0]);
        assert_eq!(error(&inner), "cannot restore the session: model.coefs[0][2] has 2 values, expected 100");
    }

    #[test]
    fn a_snapshots_stream_has_its_fields_and_no_other_and_version_1_is_still_read() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        session.train(3).unwrap();
        session.reset().unwrap();
        let json: serde_json::Value = serde_json::from_str(&session.snapshot().to_json().unwrap()).unwrap();
        assert_eq!(json["version"], 2);
        assert_eq!(json["stream"]["next"].as_array().unwrap().len(), 624);
        let error = |value: &serde_json::Value| load_saved_model(&value.to_string()).unwrap_err().to_string();
        let mut extra = json.clone();
        extra["stream"]["state"] = serde_json::json!([1, 2, 3]);
        let refused = error(&extra);
        assert!(
            refused.starts_with(
                "cannot restore the session: stream: unknown field `state`, expected one of `seed`, `draws`"
            ),
            "{refused}"
        );
        let mut missing = json.clone();
        missing["stream"].as_object_mut().unwrap().remove("draws");
        assert!(
            error(&missing).starts_with("cannot restore the session: stream: missing field `draws`"),
            "{}",
            error(&missing)
        );
        let mut without_next = json.clone();
        without_next["stream"].as_object_mut().unwrap().remove("next");
        assert_eq!(error(&without_next), "cannot restore the session: stream: missing field `next`");
        let mut short = json.clone();
        short["stream"]["next"] = serde_json::json!([1, 2, 3]);
        assert_eq!(error(&short), "cannot restore the session: stream.next has 3 outputs, expected 624");

        // Version 1, as earlier builds wrote it: the seed and the draws, replayed.
        let mut version_1 = without_next.clone();
        version_1["version"] = serde_json::json!(1);
        let data = || PreparedData::new(&Dataset::heart()).unwrap();
        let mut restored = Session::restore(data(), serde_json::from_value(version_1.clone()).unwrap()).unwrap();
        assert_eq!(restored.reset().unwrap(), session.clone().reset().unwrap(), "the same next Reset");
        let mut endless = version_1.clone();
        endless["stream"]["draws"] = serde_json::json!(u64::MAX);
        assert!(error(&endless).contains("stream.draws is 18446744073709551615, more than 2^53"));
        let mut with_next = json.clone();
        with_next["version"] = serde_json::json!(1);
        assert_eq!(
            error(&with_next),
            "cannot restore the session: stream: unknown field `next` in a version 1 snapshot"
        );

        let restored: Snapshot = serde_json::from_value(json).unwrap();
        assert_eq!(restored, session.snapshot());
    }

    #[test]
    fn a_snapshot_whose_model_would_not_load_back_is_not_written() {
        let session = Session::heart(ORIGINAL_SEED).unwrap();
        let mut snapshot = session.snapshot();
        snapshot.model.intercepts[1][0] = f64::NAN;
        assert_eq!(
            snapshot.to_json().unwrap_err().to_string(),
            "the model cannot be written: `intercepts[1][0]` is NaN, not a finite number (a value overflowed while \
             learning)"
        );
        let mut snapshot = session.snapshot();
        snapshot.model.adam.t = (1 << 53) + 1;
        assert!(snapshot.to_json().unwrap_err().to_string().contains("adam.t is 9007199254740993, more than 2^53"));
    }

    #[test]
    fn each_model_draws_the_next_weights_from_the_stream() {
        let mut session = Session::heart(ORIGINAL_SEED).unwrap();
        let first = session.model().weights().to_vec();
        let draws_per_model = session.stream().position().1;
        assert_eq!(draws_per_model, 2 * (13 * 100 + 100 + 100 + 1));
        session.reset().unwrap();
        assert_ne!(session.model().weights(), &first[..]);
        assert_eq!(session.stream().position().1, 2 * draws_per_model);
    }
}
