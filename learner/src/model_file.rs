//! The model file: a trained model, its scaler and its progress as versioned JSON.
//!
//! The weights use scikit-learn's attribute layout, so a file maps onto a fitted
//! `MLPClassifier` directly: `coefs` is `coefs_` (one `fan_in x fan_out` nested array per
//! layer) and `intercepts` is `intercepts_`. The Adam state (`t` and both moments, in the same
//! layout) is included so that training resumes exactly where it stopped. Loading checks
//! everything, so a truncated, edited or hostile file is an error, never a broken model.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::format::shortest;
use crate::mlp::{AdamState, Layout, MlpClassifier, MlpParams};
use crate::preprocessing::StandardScaler;

/// The `format` field of every model file.
pub const FORMAT: &str = "online-mlp-classifier";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// The most parameters a model file may declare (a 13-100-1 network has 1,501).
pub const MAX_PARAMS: usize = 10_000_000;

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
    pub hyperparameters: MlpParams,
    /// `coefs_`: per layer, `fan_in` rows of `fan_out` numbers.
    pub coefs: Vec<Vec<Vec<f64>>>,
    /// `intercepts_`: per layer, `fan_out` numbers.
    pub intercepts: Vec<Vec<f64>>,
    pub adam: AdamFile,
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

    /// Serialise as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a model file is plain data")
    }

    /// Parse and validate a model file.
    pub fn load_json(text: &str) -> Result<LoadedModel> {
        let file: ModelFile = serde_json::from_str(text).map_err(|e| invalid(format!("{e}")))?;
        file.load()
    }

    /// Validate every field and build the model.
    pub fn load(self) -> Result<LoadedModel> {
        check_format_and_version((&self.format, self.version), (FORMAT, VERSION)).map_err(invalid)?;
        let units = &self.layer_sizes;
        if units.len() < 2 || units.contains(&0) || units.last() != Some(&1) {
            return Err(invalid(format!(
                "layer_sizes must be positive, at least an input and the single output unit, got {units:?}"
            )));
        }
        let n_params = units.windows(2).try_fold(0usize, |total, pair| {
            pair[0].checked_mul(pair[1]).and_then(|c| c.checked_add(pair[1])).and_then(|n| total.checked_add(n))
        });
        if n_params.is_none_or(|n| n > MAX_PARAMS) {
            return Err(invalid(format!("layer_sizes {units:?} declare more than {MAX_PARAMS} parameters")));
        }
        if self.classes != [0, 1] {
            return Err(invalid(format!("classes must be [0, 1], got {:?}", self.classes)));
        }
        let hidden = &units[1..units.len() - 1];
        if self.hyperparameters.hidden_layer_sizes_slice() != hidden {
            return Err(invalid(format!(
                "hyperparameters.hidden_layer_sizes {:?} disagree with layer_sizes {units:?}",
                self.hyperparameters.hidden_layer_sizes_slice()
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
        for (name, values) in [("mean", &scaler.mean), ("var", &scaler.var), ("scale", &scaler.scale)] {
            if values.len() != n_features {
                return Err(invalid(format!("scaler.{name} has {} values, expected {n_features}", values.len())));
            }
            check_finite(&format!("scaler.{name}"), values)?;
        }
        if scaler.scale.iter().any(|s| *s <= 0.0) || scaler.var.iter().any(|v| *v < 0.0) {
            return Err(invalid("scaler.scale must be positive and scaler.var non-negative".to_owned()));
        }

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
        return Err(format!("format is `{format}`, expected `{expected_format}`"));
    }
    if version != expected_version {
        return Err(format!("version {version} is not supported (this build reads version {expected_version})"));
    }
    Ok(())
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
            return Err(invalid(format!("{name} has {found} layers, expected {layers}")));
        }
    }
    let mut flat = Vec::with_capacity(layout.n_params());
    for (layer, matrix) in coefs.iter().enumerate() {
        let (fan_in, fan_out) = layout.shape(layer);
        if matrix.len() != fan_in {
            return Err(invalid(format!("{coefs_name}[{layer}] has {} rows, expected {fan_in}", matrix.len())));
        }
        for (row_index, row) in matrix.iter().enumerate() {
            if row.len() != fan_out {
                return Err(invalid(format!(
                    "{coefs_name}[{layer}][{row_index}] has {} values, expected {fan_out}",
                    row.len()
                )));
            }
            check_finite(&format!("{coefs_name}[{layer}][{row_index}]"), row)?;
            flat.extend_from_slice(row);
        }
    }
    for (layer, vector) in intercepts.iter().enumerate() {
        let fan_out = layout.shape(layer).1;
        if vector.len() != fan_out {
            return Err(invalid(format!("{intercepts_name}[{layer}] has {} values, expected {fan_out}", vector.len())));
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
