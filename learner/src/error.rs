//! The one error type of the learning core: every variant is a sentence a user can act on.

use thiserror::Error;

/// A `Result` whose error is the learning core's [`Error`](enum@Error).
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A refusal's `text` on one line, as the notebook command and the npm package give it: its
/// control characters (a newline in a CSV's quoted field, an escape sequence in a hostile
/// file's field, quoted back in the refusal) written as escapes.
///
/// ```
/// assert_eq!(learner::error::one_line("`1\n2` is not a number"), "`1\\n2` is not a number");
/// assert_eq!(learner::error::one_line("\u{1b}[31m"), "\\u{1b}[31m");
/// ```
pub fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// Everything that can go wrong in the learning core. Nothing in the core panics on bad
/// input: a malformed CSV, a wrong shape or a hostile model file comes back as one of these.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// A CSV problem, with the line (1-based, counting the header as line 1) where it is.
    #[error(transparent)]
    Data(#[from] DataError),

    /// A mismatch between the data given and what the model or scaler expects.
    #[error("expected {} per sample, got {found}", crate::format::counted(*expected, "feature", "features"))]
    FeatureCount { expected: usize, found: usize },

    #[error(
        "expected one label per sample: {} but {}",
        crate::format::counted(*samples, "sample", "samples"),
        crate::format::counted(*labels, "label", "labels")
    )]
    LabelCount { samples: usize, labels: usize },

    #[error("label {label} of sample {sample} is not one of the classes 0 and 1")]
    UnknownLabel { sample: usize, label: u8 },

    #[error("feature {feature} of the sample is not a finite number")]
    NotFinite { feature: usize },

    #[error("feature {feature} of sample {sample} is not a finite number")]
    NotFiniteIn { sample: usize, feature: usize },

    /// A feature whose statistics do not fit in a double: scikit-learn would scale it to
    /// zeros and NaNs; refused, so that nothing downstream learns from them.
    #[error(
        "feature {feature}'s values are too far apart to scale: their variance is beyond the largest number a double holds"
    )]
    NotScalable { feature: usize },

    #[error("cannot {action} on zero samples")]
    NoSamples { action: &'static str },

    /// Rows with no values (scikit-learn: "Found array with 0 feature(s)").
    #[error("cannot {action} on rows with no values: at least one feature is needed")]
    NoFeatures { action: &'static str },

    #[error("invalid hyper-parameter: {0}")]
    InvalidParams(String),

    /// A network of more parameters than a model file holds
    /// ([`MAX_PARAMS`](crate::model_file::MAX_PARAMS)), or than a `usize` counts: refused
    /// before anything is allocated. `n_features` is `None` where the width is not known yet
    /// (the hyper-parameters checked alone, on one feature).
    #[error(
        "{} more than {} parameters{}: a model file holds at most {1}",
        match n_features {
            Some(n) => format!("a network on {n} features with hidden layer sizes {hidden:?} has"),
            None => format!("hidden layer sizes {hidden:?} make a network of"),
        },
        crate::model_file::MAX_PARAMS,
        if n_features.is_none() { " even on one feature" } else { "" }
    )]
    NetworkTooLarge { n_features: Option<usize>, hidden: Vec<usize> },

    /// scikit-learn's `partial_fit` refusal after steps that overflowed: the model is left as
    /// the steps made it, as scikit-learn leaves it.
    #[error(
        "the solver produced non-finite parameter weights: the input data may contain large values and need to \
         be preprocessed (or the learning rate is too large)"
    )]
    NonFiniteWeights,

    #[error(
        "the data set has {samples} {}: too few to split into a training and a test set",
        if *samples == 1 { "sample" } else { "samples" }
    )]
    TooFewSamples { samples: usize },

    /// A model file that cannot be loaded, with the reason.
    #[error("invalid model file: {0}")]
    ModelFile(String),

    /// A saved session that cannot be restored, with the reason.
    #[error("cannot restore the session: {0}")]
    Snapshot(String),

    /// A model (or a session's) that cannot be written as a file loading would read back,
    /// with the field and the reason.
    #[error("the model cannot be written: {0}")]
    Unwritable(String),
}

/// `Result::expect` for results that cannot be errors (an invariant of the caller), without
/// the error's `Debug`: `expect` would make a wasm build carry the debug formatting of every
/// error type (and Unicode's tables for escaping strings) for a panic that never happens.
pub trait Invariant<T> {
    fn invariant(self, why: &'static str) -> T;
}

impl<T, E> Invariant<T> for std::result::Result<T, E> {
    #[track_caller]
    fn invariant(self, why: &'static str) -> T {
        match self {
            Ok(value) => value,
            Err(_) => panic!("{why}"),
        }
    }
}

/// What is wrong with a CSV file, and where.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum DataError {
    #[error("the CSV file is empty: it needs a header line and at least one row")]
    Empty,

    #[error("the CSV file has a header but no data rows")]
    NoRows,

    #[error("line {line}: the file is not valid UTF-8")]
    NotUtf8 { line: u64 },

    #[error("line {line}, column {column}: the file is not valid UTF-8")]
    NotUtf8At { line: u64, column: usize },

    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },

    #[error("the header has no `target` column (it has: {columns})")]
    MissingTarget { columns: String },

    #[error("line {line} is values, not a header naming the columns (`target` among them)")]
    NoHeader { line: u64 },

    #[error(
        "the header is one column with `target` inside: the file is separated by {separator}, where a CSV \
         file's fields are separated by commas (save or export it with commas)"
    )]
    OtherSeparator { separator: &'static str },

    #[error("the header has no feature column besides `target`")]
    NoFeatures,

    #[error("the header names column `{name}` twice")]
    DuplicateColumn { name: String },

    #[error("the header has an empty column name in column {column}")]
    EmptyColumnName { column: usize },

    #[error("line {line}: expected {expected} fields as in the header, found {found}")]
    FieldCount { line: u64, expected: usize, found: usize },

    #[error(
        "line {line}, column {column}: `{value}` is read as one field, in quotes with {holding} inside: is a \
         closing quote missing?"
    )]
    QuotedSeparators { line: u64, column: usize, value: String, holding: &'static str },

    #[error("line {line}, column {column} (`{name}`): `{value}` is not a number")]
    NotANumber { line: u64, column: usize, name: String, value: String },

    #[error("line {line}, column {column} (`{name}`) is empty")]
    EmptyField { line: u64, column: usize, name: String },

    #[error("line {line}, column {column} (`{name}`): `{value}` is not a finite number")]
    NotFinite { line: u64, column: usize, name: String, value: String },

    #[error("line {line}, column {column} (`target`): `{value}` is not a class label 0 or 1")]
    BadTarget { line: u64, column: usize, value: String },

    #[error("line {line}: expected UCI's 14 fields, found {found}")]
    RawFieldCount { line: u64, found: usize },

    #[error("line {line}, column {column} (`num`): `{value}` is not a diagnosis 0 to 4")]
    BadDiagnosis { line: u64, column: usize, value: String },

    #[error(
        "line {line}, column {column} (`{name}`): `{value}` is not one of UCI's codes for it (heart.csv's form needs \
         its header line)"
    )]
    UnknownCode { line: u64, column: usize, name: String, value: String },

    #[error("every one of the {rows} rows misses a value: impute them instead of dropping them")]
    EveryRowIncomplete { rows: usize },

    #[error(
        "only one of the {rows} rows has every value: too few to split into a training and a test set; \
         impute the missing values instead of dropping the rows"
    )]
    OneRowComplete { rows: usize },

    #[error("column `{name}` has no recorded value to take a mean of")]
    NothingRecorded { name: String },

    #[error(
        "column `{name}` holds values too far apart to scale: their variance is beyond the largest number a double holds"
    )]
    NotScalable { name: String },

    #[error("{}", describe_columns(missing, unexpected))]
    Columns { missing: Vec<String>, unexpected: Vec<String> },
}

/// "no column `chol`, and a column `id` that is not a feature": the names a file lacks and
/// those it has besides (see [`crate::data::Dataset::with_features`]).
fn describe_columns(missing: &[String], unexpected: &[String]) -> String {
    let names = |names: &[String]| names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
    let lacks = match missing {
        [] => None,
        [_] => Some(format!("no column {}", names(missing))),
        _ => Some(format!("no columns {}", names(missing))),
    };
    let besides = match unexpected {
        [] => None,
        [_] => Some(format!("a column {} that is not a feature", names(unexpected))),
        _ => Some(format!("columns {} that are not features", names(unexpected))),
    };
    let parts: Vec<String> = lacks.into_iter().chain(besides).collect();
    format!("the file has {}", parts.join(", and "))
}
