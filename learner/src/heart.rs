//! What the columns of heart.csv mean, and a patient's values read from text.
//!
//! heart.csv is a recoded copy of UCI's Cleveland file (`data/README.md`): checked row by
//! row, its `target` is 1 for **no** heart disease and 0 for disease, and `cp`, `slope`
//! and `thal` were renumbered. Everything that shows or asks for these codes reads them
//! from here.

use thiserror::Error;

use crate::format::shortest;

/// heart.csv's `target` for a patient with heart disease (UCI `num` 1-4).
pub const DISEASE: u8 = 0;
/// heart.csv's `target` for a patient without heart disease (UCI `num` 0).
pub const NO_DISEASE: u8 = 1;

/// The probability of heart disease, `P(target = 0)`, from a model's probability of class 1
/// (`predict_proba(x)[:, 1]`): scikit-learn's `predict_proba(x)[:, 0]` is `1 - p`.
///
/// ```
/// assert_eq!(learner::heart::probability_of_disease(0.25), 0.75);
/// ```
pub fn probability_of_disease(proba_of_target_1: f64) -> f64 {
    1.0 - proba_of_target_1
}

/// The meaning of a diagnosis in words.
pub fn diagnosis(target: u8) -> &'static str {
    if target == DISEASE {
        "heart disease"
    } else {
        "no heart disease"
    }
}

/// One feature column: its heart.csv name, what it measures, and the values it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    /// The heart.csv column.
    pub name: &'static str,
    /// What it is, in plain words.
    pub label: &'static str,
    pub values: Values,
}

/// The values a feature takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Values {
    /// A measurement between `min` and `max` (inclusive) in `unit`: any number in that
    /// range, fractions too (heart.csv records whole numbers for all but `oldpeak`, but a
    /// patient aged 63.5 is a patient the model can be asked about).
    Number { unit: &'static str, min: f64, max: f64 },
    /// One of these heart.csv codes, each with its meaning.
    Codes(&'static [(u8, &'static str)]),
}

const YES_NO: &[(u8, &str)] = &[(0, "no"), (1, "yes")];

/// The 13 features of heart.csv, in its column order.
pub const FEATURES: [Feature; 13] = [
    Feature { name: "age", label: "Age", values: Values::Number { unit: "years", min: 1.0, max: 120.0 } },
    Feature { name: "sex", label: "Sex", values: Values::Codes(&[(0, "female"), (1, "male")]) },
    Feature {
        name: "cp",
        label: "Chest pain type",
        values: Values::Codes(&[
            (0, "asymptomatic"),
            (1, "atypical angina"),
            (2, "non-anginal pain"),
            (3, "typical angina"),
        ]),
    },
    Feature {
        name: "trestbps",
        label: "Resting blood pressure",
        values: Values::Number { unit: "mm Hg", min: 50.0, max: 250.0 },
    },
    Feature {
        name: "chol",
        label: "Serum cholesterol",
        values: Values::Number { unit: "mg/dl", min: 50.0, max: 700.0 },
    },
    Feature { name: "fbs", label: "Fasting blood sugar above 120 mg/dl", values: Values::Codes(YES_NO) },
    Feature {
        name: "restecg",
        label: "Resting electrocardiogram",
        // Renumbered too, though the data notes this project started from list it as unchanged:
        // matched row by row with UCI's Cleveland file (data/README.md), heart.csv's 0, 1, 2
        // are UCI's 2, 0, 1.
        values: Values::Codes(&[(0, "left ventricular hypertrophy"), (1, "normal"), (2, "ST-T wave abnormality")]),
    },
    Feature {
        name: "thalach",
        label: "Maximum heart rate during exercise",
        values: Values::Number { unit: "beats per minute", min: 40.0, max: 250.0 },
    },
    Feature { name: "exang", label: "Angina induced by exercise", values: Values::Codes(YES_NO) },
    Feature {
        name: "oldpeak",
        label: "ST depression induced by exercise, relative to rest",
        values: Values::Number { unit: "mm", min: -3.0, max: 10.0 },
    },
    Feature {
        name: "slope",
        label: "Slope of the peak exercise ST segment",
        values: Values::Codes(&[(0, "downsloping"), (1, "flat"), (2, "upsloping")]),
    },
    Feature {
        name: "ca",
        label: "Major vessels coloured by fluoroscopy",
        values: Values::Codes(&[(0, "none"), (1, "one"), (2, "two"), (3, "three"), (4, "not recorded")]),
    },
    Feature {
        name: "thal",
        label: "Thallium stress test",
        values: Values::Codes(&[(0, "not recorded"), (1, "fixed defect"), (2, "normal"), (3, "reversible defect")]),
    },
];

/// Why a patient's field cannot be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FieldError {
    #[error("enter a value")]
    Empty,
    /// Said with how to write a decimal point where the text has a comma (`130,5`, as many
    /// languages write it).
    #[error("`{0}` is not a number{hint}", hint = if .0.bytes().any(|byte| byte == b',') { DECIMAL_POINT } else { "" })]
    NotANumber(String),
    #[error("must be between {} and {} {unit}", shortest(*.min), shortest(*.max))]
    OutOfRange { min: f64, max: f64, unit: &'static str },
    #[error("`{0}` is not one of the listed choices")]
    UnknownCode(String),
}

/// How a number's decimal point is written, said of a field with a comma.
const DECIMAL_POINT: &str = ": write a decimal point as a point (1.5, not 1,5)";

impl Feature {
    /// The value of this feature written as `text` (a form field): a finite number in range,
    /// or one of the codes.
    ///
    /// ```
    /// use learner::heart::{FieldError, FEATURES};
    /// let age = &FEATURES[0];
    /// assert_eq!(age.parse(" 63 "), Ok(63.0));
    /// assert_eq!(age.parse("").unwrap_err().to_string(), "enter a value");
    /// assert_eq!(age.parse("abc"), Err(FieldError::NotANumber("abc".into())));
    /// assert_eq!(age.parse("300").unwrap_err().to_string(), "must be between 1 and 120 years");
    /// assert_eq!(age.parse("63,5").unwrap_err().to_string(), "`63,5` is not a number: write a decimal point as a point (1.5, not 1,5)");
    /// ```
    pub fn parse(&self, text: &str) -> Result<f64, FieldError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(FieldError::Empty);
        }
        let value = crate::number::parse(text).ok_or_else(|| FieldError::NotANumber(text.to_owned()))?;
        match self.values {
            _ if !value.is_finite() => Err(FieldError::NotANumber(text.to_owned())),
            Values::Number { unit, min, max, .. } if !(min..=max).contains(&value) => {
                Err(FieldError::OutOfRange { min, max, unit })
            }
            Values::Codes(codes) if !codes.iter().any(|&(code, _)| f64::from(code) == value) => {
                Err(FieldError::UnknownCode(text.to_owned()))
            }
            _ => Ok(value),
        }
    }

    /// `value` as a form shows it: integers without a decimal point (`63`, not `63.0`).
    pub fn format(value: f64) -> String {
        shortest(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_features_are_heart_csvs_columns_in_order() {
        let names: Vec<&str> = FEATURES.iter().map(|feature| feature.name).collect();
        assert_eq!(names, Dataset::heart().feature_names);
    }

    #[test]
    fn every_patient_of_heart_csv_reads_back_from_its_own_text() {
        let heart = Dataset::heart();
        for row in heart.features.rows() {
            for (feature, &value) in FEATURES.iter().zip(row) {
                assert_eq!(feature.parse(&Feature::format(value)), Ok(value), "{} = {value}", feature.name);
            }
        }
    }

    #[test]
    fn codes_outside_the_list_are_refused() {
        let sex = &FEATURES[1];
        assert_eq!(sex.parse("2"), Err(FieldError::UnknownCode("2".into())));
        assert_eq!(sex.parse("0.5"), Err(FieldError::UnknownCode("0.5".into())));
        assert_eq!(sex.parse("inf"), Err(FieldError::NotANumber("inf".into())));
        assert_eq!(sex.parse("1"), Ok(1.0));
    }

    #[test]
    fn a_measurement_may_have_a_fraction() {
        let (age, oldpeak) = (&FEATURES[0], &FEATURES[9]);
        assert_eq!(age.parse("63.5"), Ok(63.5));
        assert_eq!(oldpeak.parse("2.65"), Ok(2.65));
        assert_eq!(age.parse("120.5").unwrap_err().to_string(), "must be between 1 and 120 years");
    }

    #[test]
    fn target_0_is_disease() {
        assert_eq!(diagnosis(DISEASE), "heart disease");
        assert_eq!(diagnosis(NO_DISEASE), "no heart disease");
    }
}
