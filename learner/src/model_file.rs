//! The model file: a trained model, its scaler and its progress as versioned JSON.
//!
//! The weights use scikit-learn's attribute layout, so a file maps onto a fitted
//! `MLPClassifier` directly: `coefs` is `coefs_` (one `fan_in x fan_out` nested array per
//! layer) and `intercepts` is `intercepts_`. The Adam state (`t` and both moments, in the same
//! layout) is included so that training resumes exactly where it stopped. Loading checks
//! everything, so a truncated, edited or hostile file is an error, never a broken model.

use serde::{Deserialize, Serialize};

use crate::data::echoed;
use crate::error::{Error, Result};
use crate::format::{counted, shortest};
use crate::mlp::{AdamState, Layout, MlpClassifier, MlpParams};
use crate::preprocessing::StandardScaler;

/// The `format` field of every model file.
pub const FORMAT: &str = "online-mlp-classifier";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// The most parameters a model file may declare (a 13-100-1 network has 1,501): a file
/// every reader can hold. Each parameter writes three numbers (the weight and Adam's two
/// moments), each at most 25 characters with its comma, so the largest file is about 375
/// million characters, within the longest string JavaScript has (Chromium's and Node's V8:
/// 2^29 - 24, about 537 million), which `JSON.parse` and the package's `toJSON` need.
pub const MAX_PARAMS: usize = 5_000_000;
/// The largest count a file may hold (`adam.t`, `progress.samples_seen`,
/// `progress.next_sample`, `scaler.n_samples_seen`): 2^53, the largest whole number a JSON
/// number holds exactly (a double's, as JavaScript reads it). A count past it is refused
/// rather than read rounded, or wrapped round to 0 by the next step.
pub const MAX_COUNT: u64 = 1 << 53;

/// The parameters (weights and intercepts) of a network of `layer_units`, inputs first,
/// unless their count overflows `usize`: what [`MAX_PARAMS`] bounds.
///
/// ```
/// assert_eq!(learner::model_file::n_params(&[13, 100, 1]), Some(1_501));
/// assert_eq!(learner::model_file::n_params(&[usize::MAX, 2, 1]), None);
/// ```
pub fn n_params(layer_units: &[usize]) -> Option<usize> {
    layer_units.windows(2).try_fold(0usize, |total, pair| {
        pair[0].checked_mul(pair[1]).and_then(|n| n.checked_add(pair[1])).and_then(|n| total.checked_add(n))
    })
}

/// A model file, as it is serialised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub format: String,
    pub version: u32,
    /// Units per layer, inputs first, the single logistic output last.
    pub layer_sizes: Vec<usize>,
    /// The labels of the two classes, in `classes_` order.
    pub classes: Vec<u8>,
    /// Every field required and none besides (as [`MlpParams`] reads).
    pub hyperparameters: MlpParams,
    /// `coefs_`: per layer, `fan_in` rows of `fan_out` numbers.
    pub coefs: Vec<Vec<Vec<f64>>>,
    /// `intercepts_`: per layer, `fan_out` numbers.
    pub intercepts: Vec<Vec<f64>>,
    pub adam: AdamFile,
    /// Its four fields, none missing and none besides (as [`StandardScaler`] reads).
    pub scaler: StandardScaler,
    pub progress: Progress,
}

/// Adam's state in the file: `t`, and the moments laid out like the weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdamFile {
    pub t: u64,
    pub ms: LayeredParams,
    pub vs: LayeredParams,
}

/// Values laid out like `coefs_` and `intercepts_`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayeredParams {
    pub coefs: Vec<Vec<Vec<f64>>>,
    pub intercepts: Vec<Vec<f64>>,
}

/// How far training has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// `t_`: training samples seen, across all passes.
    pub samples_seen: u64,
    /// The index, in the training split, of the next sample to learn.
    pub next_sample: usize,
}

/// A model restored from a file, with what came with it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedModel {
    pub model: MlpClassifier,
    pub scaler: StandardScaler,
    pub progress: Progress,
}

impl ModelFile {
    /// The file for `model`, with the scaler its inputs need and the index of the next
    /// training sample.
    pub fn new(model: &MlpClassifier, scaler: &StandardScaler, next_sample: usize) -> Self {
        let layout = model.layout();
        let optimizer = model.optimizer();
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            layer_sizes: layout.layer_units().to_vec(),
            classes: vec![0, 1],
            hyperparameters: model.params().unchecked().clone(),
            coefs: layered_coefs(layout, model.weights()),
            intercepts: layered_intercepts(layout, model.weights()),
            adam: AdamFile {
                t: optimizer.t,
                ms: LayeredParams::new(layout, &optimizer.ms),
                vs: LayeredParams::new(layout, &optimizer.vs),
            },
            scaler: scaler.clone(),
            progress: Progress { samples_seen: model.samples_seen(), next_sample },
        }
    }

    /// Serialise as JSON, as it is: a number that is not finite is written `null`, which
    /// loading refuses. [`ModelFile::write_json`] refuses to write such a file instead.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a model file is plain data")
    }

    /// Serialise as JSON, refused ([`Error::Unwritable`], naming the field) where the file
    /// would not load back: see [`ModelFile::check_writable`].
    pub fn write_json(&self) -> Result<String> {
        self.check_writable()?;
        Ok(self.to_json())
    }

    /// Whether every number of the file can be written as JSON that loading reads back:
    /// every weight, moment and scaler value finite (JSON has no infinity or NaN, and
    /// serde_json writes them `null`; learning makes them only when a value overflows),
    /// every count at most [`MAX_COUNT`], the hyper-parameters valid, the layers as loading
    /// takes them (at most [`MAX_PARAMS`] parameters), and the scaler's statistics as wide as
    /// the input and usable (a positive scale: a scaler given to [`ModelFile::new`] with
    /// another model's width is refused here, not when the file is loaded). Refused with the
    /// first field that is not, by its place in the file.
    ///
    /// ```
    /// let mut session = learner::session::Session::heart(5).unwrap();
    /// session.train(10).unwrap();
    /// let mut file = session.model_file();
    /// assert!(file.write_json().is_ok());
    /// file.adam.vs.coefs[0][3][1] = f64::INFINITY;
    /// assert_eq!(
    ///     file.write_json().unwrap_err().to_string(),
    ///     "the model cannot be written: `adam.vs.coefs[0][3][1]` is inf, not a finite number (a value \
    ///      overflowed while learning)"
    /// );
    /// ```
    pub fn check_writable(&self) -> Result<()> {
        check_counts(self).map_err(Error::Unwritable)?;
        check_layer_sizes(&self.layer_sizes).map_err(Error::Unwritable)?;
        self.hyperparameters.clone().check().map_err(|e| Error::Unwritable(format!("hyperparameters: {e}")))?;
        let layered = [
            ("coefs", &self.coefs, "intercepts", &self.intercepts),
            ("adam.ms.coefs", &self.adam.ms.coefs, "adam.ms.intercepts", &self.adam.ms.intercepts),
            ("adam.vs.coefs", &self.adam.vs.coefs, "adam.vs.intercepts", &self.adam.vs.intercepts),
        ];
        let mut vectors: Vec<(String, &[f64])> = Vec::new();
        for (coefs_name, coefs, intercepts_name, intercepts) in layered {
            for (layer, matrix) in coefs.iter().enumerate() {
                vectors.extend(
                    matrix.iter().enumerate().map(|(row, v)| (format!("{coefs_name}[{layer}][{row}]"), &v[..])),
                );
            }
            vectors.extend(
                intercepts.iter().enumerate().map(|(layer, v)| (format!("{intercepts_name}[{layer}]"), &v[..])),
            );
        }
        let scaler = &self.scaler;
        for (name, values) in
            [("scaler.mean", &scaler.mean), ("scaler.var", &scaler.var), ("scaler.scale", &scaler.scale)]
        {
            vectors.push((name.to_owned(), values));
        }
        for (name, values) in vectors {
            if let Some((index, value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(Error::Unwritable(format!(
                    "`{name}[{index}]` is {}, not a finite number (a value overflowed while learning)",
                    shortest(*value)
                )));
            }
        }
        self.scaler.check_statistics(self.layer_sizes[0], "scaler.").map_err(Error::Unwritable)
    }

    /// Parse and validate a model file.
    pub fn load_json(text: &str) -> Result<LoadedModel> {
        let text = saved_text(text).map_err(invalid)?;
        Self::load_json_of_kind(text, &SavedKind::of(text).map_err(invalid)?)
    }

    /// [`load_json`](Self::load_json), the file's `format` and `version` already read.
    pub(crate) fn load_json_of_kind(text: &str, kind: &SavedKind) -> Result<LoadedModel> {
        kind.check()?;
        let file: ModelFile = read_json(text).map_err(invalid)?;
        file.load()
    }

    /// Validate every field and build the model.
    pub fn load(self) -> Result<LoadedModel> {
        check_format_and_version((&self.format, self.version), (FORMAT, VERSION)).map_err(invalid)?;
        check_counts(&self).map_err(invalid)?;
        check_layer_sizes(&self.layer_sizes).map_err(invalid)?;
        let units = &self.layer_sizes;
        if self.classes != [0, 1] {
            return Err(invalid(format!("classes must be [0, 1], got {}", echoed_list(&self.classes))));
        }
        let hidden = &units[1..units.len() - 1];
        if self.hyperparameters.hidden_layer_sizes_slice() != hidden {
            return Err(invalid(format!(
                "hyperparameters.hidden_layer_sizes {} disagree with layer_sizes {}",
                echoed_list(self.hyperparameters.hidden_layer_sizes_slice()),
                echoed_list(units)
            )));
        }
        let params = self.hyperparameters.check().map_err(|e| invalid(format!("hyperparameters: {e}")))?;

        let layout = Layout::new(units);
        let weights = flatten(&layout, "coefs", &self.coefs, "intercepts", &self.intercepts)?;
        let ms =
            flatten(&layout, "adam.ms.coefs", &self.adam.ms.coefs, "adam.ms.intercepts", &self.adam.ms.intercepts)?;
        let vs =
            flatten(&layout, "adam.vs.coefs", &self.adam.vs.coefs, "adam.vs.intercepts", &self.adam.vs.intercepts)?;
        if let Some(v) = vs.iter().find(|v| **v < 0.0) {
            return Err(invalid(format!("adam.vs holds {}: second moments cannot be negative", shortest(*v))));
        }

        let n_features = units[0];
        let scaler = self.scaler;
        scaler.check_statistics(n_features, "scaler.").map_err(invalid)?;

        let optimizer = AdamState { t: self.adam.t, ms, vs };
        let model = MlpClassifier::from_parts(params, layout, weights, optimizer, self.progress.samples_seen);
        Ok(LoadedModel { model, scaler, progress: self.progress })
    }
}

impl LayeredParams {
    fn new(layout: &Layout, flat: &[f64]) -> Self {
        Self { coefs: layered_coefs(layout, flat), intercepts: layered_intercepts(layout, flat) }
    }
}

/// The reason a saved file's `(format, version)` is not the `expected` one this build reads.
pub(crate) fn check_format_and_version(found: (&str, u32), expected: (&str, u32)) -> Result<(), String> {
    let ((format, version), (expected_format, expected_version)) = (found, expected);
    if format != expected_format {
        return Err(format!("format is `{}`, expected `{expected_format}`", echoed(format)));
    }
    if version != expected_version {
        return Err(format!("version {version} is not supported (this build reads version {expected_version})"));
    }
    Ok(())
}

/// A saved file's `format` (a string) and `version` (a `u32`), each as far as the file has
/// it, read before its other fields: the format tells a model file from a session snapshot,
/// and both are checked first ([`check_saved_kind`]).
#[derive(Debug, Default)]
pub(crate) struct SavedKind {
    pub format: Option<String>,
    pub version: Option<u32>,
}

impl SavedKind {
    /// Refused (the reason, placed) where `text` is not JSON at all, which neither kind's
    /// reader would take: said as such, where the reader of the wrong kind would first find
    /// a field it does not know.
    pub fn of(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Fields {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let Fields { format, version } = match serde_json::from_str::<Fields>(text) {
            Ok(fields) => fields,
            Err(error) if error.is_syntax() || error.is_eof() => return Err(json_reason_in(text, &error)),
            Err(_) => return Ok(Self::default()),
        };
        Ok(Self {
            format: format.and_then(|format| format.as_str().map(str::to_owned)),
            version: version.and_then(|version| version.as_u64()).and_then(|version| u32::try_from(version).ok()),
        })
    }

    /// [`check_saved_kind`], where the file has both.
    pub fn check(&self) -> Result<()> {
        match self {
            Self { format: Some(format), version: Some(version) } => check_saved_kind(format, *version),
            _ => Ok(()),
        }
    }
}

/// A saved file of either kind, a model file or a session snapshot (`format`), checked for
/// its `format` and `version` before its fields are read: a file of another kind, or of a
/// version this build does not read, is refused as such, where its fields (a newer
/// version's new ones) would be refused as unknown. What [`ModelFile::load_json`], the
/// notebook command's loader and the page check first.
///
/// ```
/// use learner::model_file::check_saved_kind;
/// assert!(check_saved_kind("online-mlp-classifier", 1).is_ok());
/// assert_eq!(
///     check_saved_kind("online-mlp-classifier", 2).unwrap_err().to_string(),
///     "invalid model file: version 2 is not supported (this build reads version 1)"
/// );
/// assert_eq!(
///     check_saved_kind("online-learning-session", 3).unwrap_err().to_string(),
///     "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
/// );
/// assert_eq!(
///     check_saved_kind("keras", 1).unwrap_err().to_string(),
///     "invalid model file: format is `keras`, expected `online-mlp-classifier`"
/// );
/// ```
pub fn check_saved_kind(format: &str, version: u32) -> Result<()> {
    if format == crate::session::SNAPSHOT_FORMAT {
        crate::session::check_snapshot_version(format, version).map_err(Error::Snapshot)
    } else {
        check_format_and_version((format, version), (FORMAT, VERSION)).map_err(invalid)
    }
}

/// `layer_sizes` refused unless they are positive, at least an input and the single output
/// unit, and of at most [`MAX_PARAMS`] parameters.
fn check_layer_sizes(units: &[usize]) -> Result<(), String> {
    if units.len() < 2 || units.contains(&0) || units.last() != Some(&1) {
        return Err(format!(
            "layer_sizes must be positive, at least an input and the single output unit, got {}",
            echoed_list(units)
        ));
    }
    if n_params(units).is_none_or(|n| n > MAX_PARAMS) {
        return Err(format!("layer_sizes {} declare more than {MAX_PARAMS} parameters", echoed_list(units)));
    }
    Ok(())
}

/// The counts of `file` past [`MAX_COUNT`], the first named.
fn check_counts(file: &ModelFile) -> Result<(), String> {
    [
        ("adam.t", file.adam.t),
        ("scaler.n_samples_seen", file.scaler.n_samples_seen as u64),
        ("progress.samples_seen", file.progress.samples_seen),
        ("progress.next_sample", file.progress.next_sample as u64),
    ]
    .into_iter()
    .try_for_each(|(name, count)| check_count(name, count))
}

/// A saved count, field `name`, refused past [`MAX_COUNT`] (the model file's counts, a
/// session snapshot's `stream.draws`).
pub(crate) fn check_count(name: &str, count: u64) -> Result<(), String> {
    if count > MAX_COUNT {
        return Err(format!(
            "{name} is {count}, more than 2^53 = {MAX_COUNT}, the largest count a JSON number holds exactly"
        ));
    }
    Ok(())
}

/// The most characters of serde_json's reason a refusal gives (its place aside): enough for
/// the longest list of expected fields, not for a long text it echoes.
const JSON_REASON_CHARS: usize = 240;

/// A saved file's text as the loaders read it: after a byte-order mark, which some editors
/// write and which is not JSON, skipped; refused if it is a JSON array, which serde would
/// read as the fields in order, where the formats are objects with named fields.
pub(crate) fn saved_text(text: &str) -> Result<&str, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        return Err("the file is a JSON array, where a saved file is an object of named fields, `{...}`".to_owned());
    }
    Ok(text)
}

/// `text` read as a `T` (a saved format), or why not: the field where reading stopped named
/// first, as the page names it (`coefs[0][3][7]: invalid type: string "1", expected a number at
/// line 1 column 6899`), then serde_json's reason and its place ([`json_reason_in`]).
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| {
        let reason = json_reason_in(text, &error);
        let mut path = path_at(text, error.line(), error.column());
        // An unknown field is named in the reason: the path is then the object that holds it.
        if reason.starts_with("unknown field") {
            path.pop();
        }
        match path.is_empty() {
            true => reason,
            false => format!("{}: {reason}", written_path(&path)),
        }
    })
}

/// A step of a path into a JSON text: an object's field (`None` before its key is read),
/// or an array's element.
#[derive(Debug)]
enum Step {
    Field(Option<String>),
    Element(usize),
}

/// The path from the top of `text` to where serde_json stopped reading it (`line` and
/// `column`, 1-based, as its errors give them): the fields and elements open there, the
/// last one the value being read. The text up to there is JSON serde_json has read, well
/// formed but unfinished; past it, anything. What serde_path_to_error tells as a value is
/// read (a test compares the two), found afterwards from the text alone, since that crate in
/// the core's dependencies would reshuffle the page's module (its symbols' hashes) for code
/// the page never runs.
fn path_at(text: &str, line: usize, column: usize) -> Vec<Step> {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let bytes = &text.as_bytes()[..(line_start + column).min(text.len())];
    let mut path = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => path.push(Step::Field(None)),
            b'[' => path.push(Step::Element(0)),
            b'}' | b']' => drop(path.pop()),
            b',' => match path.last_mut() {
                Some(Step::Element(index)) => *index += 1,
                Some(Step::Field(key)) => *key = None,
                None => {}
            },
            b'"' => {
                let start = at + 1;
                at = start;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                // A string where an object's key belongs is that key.
                if let Some(Step::Field(key @ None)) = path.last_mut() {
                    *key = Some(String::from_utf8_lossy(&bytes[start..at.min(bytes.len())]).into_owned());
                }
            }
            _ => {}
        }
        at += 1;
    }
    path
}

/// A path as the page writes it: `adam.ms.coefs[0][3]`.
fn written_path(path: &[Step]) -> String {
    let mut written = String::new();
    for step in path {
        match step {
            Step::Element(index) => written.push_str(&format!("[{index}]")),
            Step::Field(key) => {
                if !written.is_empty() {
                    written.push('.');
                }
                written.push_str(key.as_deref().unwrap_or("?"));
            }
        }
    }
    written
}

/// [`json_reason`] for an error in `text`, which says so where the number that is not JSON
/// is `NaN` or `Infinity`: Python's `json.dump` writes them unless given `allow_nan=False`.
pub(crate) fn json_reason_in(text: &str, error: &serde_json::Error) -> String {
    let line = text.split('\n').nth(error.line().saturating_sub(1)).unwrap_or("");
    // serde_json points at the token's first byte, or past a sign.
    let start =
        line.get(..error.column().saturating_sub(1)).map_or(0, |before| before.trim_end_matches(['-', '+']).len());
    match ["NaN", "Infinity"]
        .into_iter()
        .find(|token| line.get(start..).is_some_and(|rest| rest.trim_start_matches(['-', '+']).starts_with(token)))
    {
        Some(token) => format!(
            "{token} is not a JSON number (a saved file holds finite numbers only) at line {} column {}",
            error.line(),
            start + 1
        ),
        None => json_reason(error),
    }
}

/// serde_json's reason for refusing a file, its place kept, in JSON's terms
/// ([`in_json_terms`]): what it echoes of the file (a field's name in backticks, a string in
/// quotes where a number belongs) [`echoed`], and the whole cut short past
/// [`JSON_REASON_CHARS`].
pub(crate) fn json_reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    let (reason, place) = match message.strip_suffix(&place) {
        Some(reason) => (reason, place.as_str()),
        None => (message.as_str(), ""),
    };
    let reason = echoed_quotes(&in_json_terms(reason));
    let reason = match reason.char_indices().nth(JSON_REASON_CHARS) {
        Some((end, _)) => format!("{}…", &reason[..end]),
        None => reason,
    };
    format!("{reason}{place}")
}

/// serde's `reason` for a value of the wrong type or out of range, said in the terms of the
/// JSON text rather than of the Rust type read from it: `invalid type: sequence, expected
/// f64` is `invalid type: an array, expected a number`, `expected u64` is `expected a whole
/// number, 0 or more` (a count written `1.0` is refused as a fraction would be: the formats
/// write counts as integers).
fn in_json_terms(reason: &str) -> String {
    let Some((found, expected)) = reason.rsplit_once(", expected ") else { return reason.to_owned() };
    if !found.starts_with("invalid type: ") && !found.starts_with("invalid value: ") {
        return reason.to_owned();
    }
    let expected = match expected {
        "u8" => "a whole number from 0 to 255",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "usize" => "a whole number, 0 or more",
        "f64" => "a number",
        "a sequence" => "an array",
        "a map" => "an object",
        "a boolean" => "true or false",
        kind if kind.starts_with("struct ") => "an object of named fields",
        kind => kind,
    };
    let found = match found {
        "invalid type: sequence" => "invalid type: an array",
        "invalid type: map" => "invalid type: an object",
        found => found,
    };
    format!("{found}, expected {expected}")
}

/// `reason` with what it quotes in backticks or double quotes [`echoed`] (a double-quoted
/// string is Rust's `Debug` of it, its own quotes escaped).
fn echoed_quotes(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len().min(4 * JSON_REASON_CHARS));
    let mut rest = reason;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let inner = &rest[open + 1..];
        let mut escaped = false;
        let close = inner.bytes().position(|byte| {
            let closes = byte == quote && !escaped;
            escaped = quote == b'"' && byte == b'\\' && !escaped;
            closes
        });
        match close {
            Some(close) => {
                out.push_str(&echoed(&inner[..close]));
                out.push(char::from(quote));
                rest = &inner[close + 1..];
            }
            None => {
                out.push_str(&echoed(inner));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A list of numbers as a refusal echoes it: `[1, 2, 3]`, cut short as [`echoed`] cuts.
fn echoed_list<T: std::fmt::Debug>(values: &[T]) -> String {
    const LISTED: usize = 10;
    if values.len() <= LISTED {
        return format!("{values:?}");
    }
    let listed: Vec<String> = values[..LISTED].iter().map(|value| echoed(&format!("{value:?}"))).collect();
    format!("[{}, … ({} values)]", listed.join(", "), values.len())
}

fn invalid(message: String) -> Error {
    Error::ModelFile(message)
}

fn layered_coefs(layout: &Layout, flat: &[f64]) -> Vec<Vec<Vec<f64>>> {
    (0..layout.n_weight_layers())
        .map(|layer| {
            let fan_out = layout.shape(layer).1;
            flat[layout.coefs(layer)].chunks_exact(fan_out).map(<[f64]>::to_vec).collect()
        })
        .collect()
}

fn layered_intercepts(layout: &Layout, flat: &[f64]) -> Vec<Vec<f64>> {
    (0..layout.n_weight_layers()).map(|layer| flat[layout.intercepts(layer)].to_vec()).collect()
}

/// Check nested arrays against the layout and flatten them in `coefs + intercepts` order.
fn flatten(
    layout: &Layout,
    coefs_name: &str,
    coefs: &[Vec<Vec<f64>>],
    intercepts_name: &str,
    intercepts: &[Vec<f64>],
) -> Result<Vec<f64>> {
    let layers = layout.n_weight_layers();
    for (name, found) in [(coefs_name, coefs.len()), (intercepts_name, intercepts.len())] {
        if found != layers {
            return Err(invalid(format!("{name} has {}, expected {layers}", counted(found, "layer", "layers"))));
        }
    }
    let mut flat = Vec::with_capacity(layout.n_params());
    for (layer, matrix) in coefs.iter().enumerate() {
        let (fan_in, fan_out) = layout.shape(layer);
        if matrix.len() != fan_in {
            return Err(invalid(format!(
                "{coefs_name}[{layer}] has {}, expected {fan_in}",
                counted(matrix.len(), "row", "rows")
            )));
        }
        for (row_index, row) in matrix.iter().enumerate() {
            if row.len() != fan_out {
                return Err(invalid(format!(
                    "{coefs_name}[{layer}][{row_index}] has {}, expected {fan_out}",
                    counted(row.len(), "value", "values")
                )));
            }
            check_finite(&format!("{coefs_name}[{layer}][{row_index}]"), row)?;
            flat.extend_from_slice(row);
        }
    }
    for (layer, vector) in intercepts.iter().enumerate() {
        let fan_out = layout.shape(layer).1;
        if vector.len() != fan_out {
            return Err(invalid(format!(
                "{intercepts_name}[{layer}] has {}, expected {fan_out}",
                counted(vector.len(), "value", "values")
            )));
        }
        check_finite(&format!("{intercepts_name}[{layer}]"), vector)?;
        flat.extend_from_slice(vector);
    }
    Ok(flat)
}

fn check_finite(name: &str, values: &[f64]) -> Result<()> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(v) => Err(invalid(format!("{name} holds {}, not a finite number", shortest(*v)))),
        None => Ok(()),
    }
}
