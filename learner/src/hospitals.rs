//! Four hospitals as one stream: UCI's Cleveland, Hungary, Switzerland and VA Long Beach
//! patients, one site after the other, through one online model with progressive
//! validation (predict, count, learn), and drift detectors on the errors.
//!
//! The sites differ (no disease: Cleveland 54%, Hungary 64%, Switzerland 7%, VA 26%), so
//! the stream shifts where one site ends and the next begins. Each file is recoded to
//! heart.csv's encoding and its missing values filled with the file's own column means
//! over every patient of the file ([`uci::read_stream`]: no split holds a patient back, each is
//! learned); one `StandardScaler` is fitted on all 920 patients (as
//! the original fits its scaler on all its data); the model is `MLPClassifier()` after
//! `np.random.seed(seed)`. Two policies can be compared: keep learning, or start a new
//! model (drawn from the same stream, as the original's Reset) at each detection of ADWIN.

use ndarray::Array2;

use crate::drift::{Adwin, PageHinkley, Tests};
use crate::error::{Invariant, Result};
use crate::metrics::{ProgressiveAccuracy, RECENT_WINDOW};
use crate::mlp::{MlpClassifier, MlpParams, ValidParams};
use crate::preprocessing::StandardScaler;
use crate::random::RandomState;
use crate::uci;

/// The four sites' names, in stream order ...
pub const SITE_NAMES: [&str; 4] = ["Cleveland", "Hungary", "Switzerland", "VA Long Beach"];
/// ... and their raw files' names (in `data/uci/`).
pub const SITE_FILES: [&str; 4] =
    ["processed.cleveland.data", "processed.hungarian.data", "processed.switzerland.data", "processed.va.data"];

/// The four sites, in stream order, with their raw UCI files.
pub const SITES: [(&str, &str); 4] = [
    (SITE_NAMES[0], include_str!("../../data/uci/processed.cleveland.data")),
    (SITE_NAMES[1], include_str!("../../data/uci/processed.hungarian.data")),
    (SITE_NAMES[2], include_str!("../../data/uci/processed.switzerland.data")),
    (SITE_NAMES[3], include_str!("../../data/uci/processed.va.data")),
];

/// What the model does when ADWIN reports a drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Nothing: the model goes on learning.
    KeepLearning,
    /// A new model, its weights drawn from the stream, learns from the next patient on.
    NewModelAtDrift,
}

/// One patient of the stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreamPoint {
    /// The site's index in [`SITES`].
    pub site: usize,
    /// The model's probability of class 1 before it learned the patient.
    pub predicted: f64,
    /// Whether that prediction was wrong (the value the detectors see: 1.0 or 0.0).
    pub error: bool,
    /// Progressive accuracy over the whole stream so far, and over the last 50.
    pub progressive: f64,
    pub progressive_recent: f64,
    /// Whether Page-Hinkley and ADWIN reported a drift at this patient.
    pub page_hinkley: bool,
    pub adwin: bool,
    /// Page-Hinkley's test values after this patient: how near it came to a drift.
    pub page_hinkley_tests: Tests,
    /// Whether the policy started a new model after this patient.
    pub new_model: bool,
}

/// The data of the scenario: every patient scaled, with labels and sites.
#[derive(Debug, Clone, PartialEq)]
pub struct HospitalsData {
    pub x: Array2<f64>,
    pub y: Vec<u8>,
    /// Each patient's site: its index in `site_names`.
    pub site: Vec<usize>,
    /// The sites' names, in stream order ([`SITE_NAMES`], or a visitor's files' names).
    pub site_names: Vec<String>,
    pub scaler: StandardScaler,
}

impl HospitalsData {
    /// The four files read, recoded, imputed, stacked and scaled.
    pub fn load() -> Result<Self> {
        Self::from_files(SITES.map(|(_, text)| text))
    }

    /// [`load`](Self::load) from the four files' texts, in [`SITES`] order (a page fetches
    /// them when it needs them instead of carrying them).
    pub fn from_files(texts: [&str; 4]) -> Result<Self> {
        let sites = texts.iter().map(|text| uci::read_stream(text).map(|read| read.dataset));
        Self::stacked(SITE_NAMES.iter().map(|name| (*name).to_owned()).collect(), sites.collect::<Result<_, _>>()?)
    }

    /// A visitor's files as sites, one after the other in the order given, each named by its
    /// file: heart.csv's form (its 13 columns found by name) or UCI's raw form (recoded, its
    /// missing values filled in with the file's own column means over all its rows, as the
    /// hospitals' are); each file's text or its bytes. A file that does not read is named with
    /// the reader's reason (line and column; a byte that is not UTF-8 too).
    ///
    /// ```
    /// use learner::hospitals::{HospitalsData, SITES};
    /// let files = [("heart.csv", learner::data::HEART_CSV), ("va.data", SITES[3].1)];
    /// let data = HospitalsData::from_named(&files).unwrap();
    /// assert_eq!((data.len(), data.site_names.clone()), (303 + 200, vec!["heart.csv".to_owned(), "va.data".to_owned()]));
    /// let error = HospitalsData::from_named(&[("a.csv", "age,target\n1,0\n")]).unwrap_err();
    /// assert!(error.starts_with("a.csv: "), "{error}");
    /// ```
    pub fn from_named<T: AsRef<[u8]>>(files: &[(&str, T)]) -> std::result::Result<Self, String> {
        // The sites are told apart by their names alone (the chart, the tables, the CSV's
        // `site`): two files of one name, from two folders, would be two sites no one could
        // tell apart, and a replay could not know which came first.
        for (i, (name, _)) in files.iter().enumerate() {
            if files[..i].iter().any(|(other, _)| other == name) {
                return Err(format!("two files are named `{name}`, and each site is named by its file: rename one"));
            }
        }
        let mut sites = Vec::new();
        for (name, text) in files {
            let read = uci::FileReader::new(text.as_ref()).and_then(uci::FileReader::finish_stream);
            sites.push(read.map_err(|error| format!("{name}: {error}"))?);
        }
        let names = files.iter().map(|(name, _)| (*name).to_owned()).collect();
        Self::stacked(names, sites).map_err(|error| error.to_string())
    }

    /// The sites' patients one site after the other, scaled by one scaler fitted on them all.
    fn stacked(site_names: Vec<String>, sites: Vec<crate::data::Dataset>) -> Result<Self> {
        let mut raw = Vec::new();
        let (mut y, mut site) = (Vec::new(), Vec::new());
        for (index, dataset) in sites.into_iter().enumerate() {
            raw.extend(dataset.features.iter().copied());
            site.extend(std::iter::repeat_n(index, dataset.n_samples()));
            y.extend(dataset.target);
        }
        let raw = Array2::from_shape_vec((y.len(), uci::COLUMNS - 1), raw).invariant("13 values per patient");
        let scaler = StandardScaler::fit(raw.view())?;
        let x = scaler.transform(raw.view())?;
        Ok(Self { x, y, site, site_names, scaler })
    }

    pub fn len(&self) -> usize {
        self.y.len()
    }

    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}

/// The stream from the first patient to the last, with `np.random.seed(seed)`.
///
/// ```
/// use learner::hospitals::{run, HospitalsData, Policy};
/// let data = HospitalsData::load().unwrap();
/// let points = run(&data, 5, Policy::KeepLearning).unwrap();
/// assert_eq!(points.len(), 920);
/// assert!(points.iter().any(|point| point.adwin), "the sites differ: ADWIN sees it");
/// ```
pub fn run(data: &HospitalsData, seed: u32, policy: Policy) -> Result<Vec<StreamPoint>> {
    run_with(data, seed, &MlpParams::new().check()?, policy)
}

/// [`run`] with another network (`params`: the streams page's address may give its hidden
/// layers, as the workbench's does).
pub fn run_with(data: &HospitalsData, seed: u32, params: &ValidParams, policy: Policy) -> Result<Vec<StreamPoint>> {
    let mut run = StreamRun::new(data, seed, params, policy)?;
    run.advance(data.len())?;
    Ok(run.points())
}

/// [`run_with`] a few patients at a time: a page streams in slices between which the browser
/// draws and answers (the largest network the page builds, 256,256,256, takes some 0.5 ms a
/// patient, so that a run of 2,000 patients in one task would freeze the page for a second).
/// The same points, bit for bit, however it is sliced.
///
/// ```
/// use learner::hospitals::{run, HospitalsData, Policy, StreamRun};
/// use learner::mlp::MlpParams;
/// let data = HospitalsData::load().unwrap();
/// let mut sliced = StreamRun::new(&data, 5, &MlpParams::new().check().unwrap(), Policy::NewModelAtDrift).unwrap();
/// while !sliced.advance(100).unwrap() {}
/// assert_eq!(sliced.points(), run(&data, 5, Policy::NewModelAtDrift).unwrap());
/// ```
pub struct StreamRun<'a> {
    data: &'a HospitalsData,
    params: ValidParams,
    policy: Policy,
    stream: RandomState,
    model: MlpClassifier,
    accuracy: ProgressiveAccuracy,
    page_hinkley: PageHinkley,
    adwin: Adwin,
    points: Vec<StreamPoint>,
}

impl<'a> StreamRun<'a> {
    /// The run before its first patient: the model drawn after `np.random.seed(seed)`.
    pub fn new(data: &'a HospitalsData, seed: u32, params: &ValidParams, policy: Policy) -> Result<Self> {
        let mut stream = RandomState::new(seed);
        let model = MlpClassifier::new(data.x.ncols(), params.clone(), &mut stream)?;
        Ok(Self {
            data,
            params: params.clone(),
            policy,
            stream,
            model,
            accuracy: ProgressiveAccuracy::new(RECENT_WINDOW),
            page_hinkley: PageHinkley::new(),
            adwin: Adwin::new(),
            points: Vec::with_capacity(data.len()),
        })
    }

    /// Predict, count and learn up to `patients` more patients; `true` once every patient
    /// of the data is streamed.
    pub fn advance(&mut self, patients: usize) -> Result<bool> {
        let data = self.data;
        let first = self.points.len();
        let last = first.saturating_add(patients).min(data.len());
        for i in first..last {
            let (row, label, site) = (data.x.row(i), data.y[i], data.site[i]);
            let x = row.to_slice().expect("rows of an owned array are contiguous");
            let predicted = self.model.predict_proba_one(x)?;
            let guess = u8::from(predicted > 0.5);
            self.accuracy.update(label, guess);
            let error = guess != label;
            self.page_hinkley.update(f64::from(u8::from(error)));
            self.adwin.update(f64::from(u8::from(error)));
            self.model.learn_one(x, label)?;
            let new_model = self.policy == Policy::NewModelAtDrift && self.adwin.drift_detected();
            if new_model {
                self.model = MlpClassifier::new(data.x.ncols(), self.params.clone(), &mut self.stream)?;
            }
            self.points.push(StreamPoint {
                site,
                predicted,
                error,
                progressive: self.accuracy.get(),
                progressive_recent: self.accuracy.recent(),
                page_hinkley: self.page_hinkley.drift_detected(),
                adwin: self.adwin.drift_detected(),
                page_hinkley_tests: self.page_hinkley.tests(),
                new_model,
            });
        }
        Ok(self.points.len() == data.len())
    }

    /// The points of the patients streamed so far, in stream order.
    pub fn points(self) -> Vec<StreamPoint> {
        self.points
    }
}

impl Policy {
    /// Its name in a file: `keep_learning`, `new_model_at_drift`.
    pub fn name(self) -> &'static str {
        match self {
            Self::KeepLearning => "keep_learning",
            Self::NewModelAtDrift => "new_model_at_drift",
        }
    }
}

/// The header of [`stream_csv`].
pub const STREAM_CSV_HEADER: &str = "policy,patient,site,target,probability_target_1,error,progressive_accuracy,\
progressive_accuracy_last_50,page_hinkley_increase,page_hinkley_decrease,page_hinkley_drift,adwin_drift,new_model";

/// Runs of the stream as CSV: a line per patient of each run, the runs one after the other,
/// with everything a run knows of the patient: its site, its `target` (heart.csv's code: 1
/// is no heart disease), the model's probability of target 1 before it learned the patient,
/// whether that was an error, the progressive accuracies, Page-Hinkley's two tests, the
/// detections (0 or 1) and whether the policy started a new model after it. Each number is
/// written in full (the shortest text that reads back as the same double, Python's `repr`
/// digits): `tools/check_stream.py` holds the file against scikit-learn and River.
///
/// ```
/// use learner::hospitals::{run, stream_csv, HospitalsData, Policy};
/// let data = HospitalsData::load().unwrap();
/// let points = run(&data, 5, Policy::KeepLearning).unwrap();
/// let csv = stream_csv(&data, &[(Policy::KeepLearning, &points)]);
/// assert_eq!(csv.lines().count(), 1 + 920);
/// assert!(csv.lines().nth(1).unwrap().starts_with("keep_learning,1,Cleveland,1,"));
/// ```
pub fn stream_csv(data: &HospitalsData, runs: &[(Policy, &[StreamPoint])]) -> String {
    use crate::format::json_number;
    let mut csv = String::with_capacity(160 * (1 + data.len() * runs.len()));
    csv.push_str(STREAM_CSV_HEADER);
    csv.push('\n');
    let flag = |value: bool| if value { "1" } else { "0" };
    for &(policy, points) in runs {
        for (i, (point, label)) in points.iter().zip(&data.y).enumerate() {
            let Tests { increase, decrease } = point.page_hinkley_tests;
            csv.push_str(&format!(
                "{},{},{},{label},{},{},{},{},{},{},{},{},{}\n",
                policy.name(),
                i + 1,
                csv_field(&data.site_names[point.site]),
                json_number(point.predicted),
                flag(point.error),
                json_number(point.progressive),
                json_number(point.progressive_recent),
                json_number(increase),
                json_number(decrease),
                flag(point.page_hinkley),
                flag(point.adwin),
                flag(point.new_model),
            ));
        }
    }
    csv
}

/// `field` as one CSV field (RFC 4180): as it is, or in double quotes, each quote doubled,
/// where it holds a comma, a quote or a line break (a visitor's file may be named
/// `1-va, "long" beach.data`), so that the line keeps its 13 fields. By hand rather than the
/// `csv` crate's writer: that writes through `io::Write` and its errors, code the page's
/// module would carry for the one field that can need it.
fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

/// How a run went at one site: its patients, those of them without heart disease (heart.csv's
/// `target` 1), and those the model predicted right, each before it learned them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteTally {
    /// The site's index in the data's `site_names`.
    pub site: usize,
    pub patients: usize,
    pub no_disease: usize,
    pub right: usize,
}

impl SiteTally {
    /// A run's tallies, one per site, in stream order: the chart's lines as a table.
    ///
    /// ```
    /// use learner::hospitals::{run, HospitalsData, Policy, SiteTally};
    /// let data = HospitalsData::load().unwrap();
    /// let tallies = SiteTally::of(&data, &run(&data, 5, Policy::KeepLearning).unwrap());
    /// assert_eq!(tallies.iter().map(|tally| tally.patients).collect::<Vec<_>>(), [303, 294, 123, 200]);
    /// assert_eq!(tallies.iter().map(|tally| tally.no_disease).collect::<Vec<_>>(), [164, 188, 8, 51]);
    /// ```
    pub fn of(data: &HospitalsData, points: &[StreamPoint]) -> Vec<SiteTally> {
        let mut first = 0;
        points
            .chunk_by(|a, b| a.site == b.site)
            .map(|site| {
                let targets = &data.y[first..first + site.len()];
                first += site.len();
                SiteTally {
                    site: site[0].site,
                    patients: site.len(),
                    no_disease: targets.iter().filter(|&&target| target == crate::heart::NO_DISEASE).count(),
                    right: site.iter().filter(|point| !point.error).count(),
                }
            })
            .collect()
    }

    /// The share predicted right.
    pub fn accuracy(&self) -> f64 {
        self.right as f64 / self.patients as f64
    }
}

/// How near Page-Hinkley came to a drift along a run: its detections, and where its tests
/// were highest. River's default threshold asks for a long, steady change of the error
/// rate; on the four hospitals (seed 5) its tests peak below it, where ADWIN detects twice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageHinkleyPeak {
    /// The drifts it reported.
    pub detections: usize,
    /// The highest value of either test, the patient (from 0) and site where it was
    /// reached, and whether it was the test of rising errors.
    pub value: f64,
    pub index: usize,
    pub site: usize,
    pub errors_rising: bool,
}

impl PageHinkleyPeak {
    /// The peak of a run (`None` if it is empty).
    pub fn of(points: &[StreamPoint]) -> Option<Self> {
        let detections = points.iter().filter(|point| point.page_hinkley).count();
        let tests = points.iter().enumerate().flat_map(|(index, point)| {
            let Tests { increase, decrease } = point.page_hinkley_tests;
            [(increase, index, true), (decrease, index, false)]
        });
        // The first of equal values: where the peak was first reached.
        let (value, index, errors_rising) = tests.reduce(|peak, test| if test.0 > peak.0 { test } else { peak })?;
        Some(Self { detections, value, index, site: points[index].site, errors_rising })
    }
}

impl PageHinkleyPeak {
    /// In a sentence, with the sites' names (the data's `site_names`): "no detection; its
    /// tests peaked at 42.0 against the threshold of 50 (patient 491, Hungary, as the errors
    /// fell)"; where they never left 0, that they stayed there.
    pub fn describe(&self, site_names: &[String]) -> String {
        let detections = match self.detections {
            0 => "no detection".to_owned(),
            1 => "1 detection".to_owned(),
            n => format!("{n} detections"),
        };
        // Tests that never left 0: the error rate never moved (no error at all, or a single
        // patient), so there is no place or direction to give.
        if self.value == 0.0 {
            return format!(
                "{detections}; its tests stayed at 0 against the threshold of {}, as the error rate never moved",
                PageHinkley::DEFAULT_THRESHOLD
            );
        }
        format!(
            "{detections}; its tests peaked at {} against the threshold of {} (patient {}, {}, as the errors {})",
            crate::format::to_fixed(self.value, 1),
            PageHinkley::DEFAULT_THRESHOLD,
            self.index + 1,
            site_names.get(self.site).map_or("", String::as_str),
            if self.errors_rising { "rose" } else { "fell" },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_sites_follow_one_another_with_their_own_diagnoses() {
        let data = HospitalsData::load().unwrap();
        assert_eq!(data.len(), 303 + 294 + 123 + 200);
        let no_disease: Vec<usize> =
            (0..4).map(|site| (0..data.len()).filter(|&i| data.site[i] == site && data.y[i] == 1).count()).collect();
        assert_eq!(no_disease, [164, 188, 8, 51]);
        assert!(data.site.windows(2).all(|pair| pair[0] <= pair[1]), "one site after the other");
    }

    #[test]
    fn each_sites_tally_adds_up_to_the_runs_progressive_accuracy() {
        let data = HospitalsData::load().unwrap();
        for policy in [Policy::KeepLearning, Policy::NewModelAtDrift] {
            let points = run(&data, 5, policy).unwrap();
            let tallies = SiteTally::of(&data, &points);
            assert_eq!(tallies.iter().map(|tally| tally.site).collect::<Vec<_>>(), [0, 1, 2, 3]);
            let right: usize = tallies.iter().map(|tally| tally.right).sum();
            assert_eq!(right as f64 / 920.0, points[919].progressive, "{policy:?}");
        }
        // Keeping on learning, seed 5 (the end-to-end test checks the page's table against
        // River's fixture): Switzerland, nearly all with heart disease, predicted best.
        let tallies = SiteTally::of(&data, &run(&data, 5, Policy::KeepLearning).unwrap());
        assert_eq!(tallies.iter().map(|tally| tally.right).collect::<Vec<_>>(), [238, 248, 113, 152]);
        assert_eq!(crate::format::to_fixed(tallies[2].accuracy(), 5), "0.91870");
        // A stream cut short (a visitor's million samples cancelled): the sites it reached.
        let points = run(&data, 5, Policy::KeepLearning).unwrap();
        let cut = SiteTally::of(&data, &points[..400]);
        assert_eq!(cut.iter().map(|tally| (tally.site, tally.patients)).collect::<Vec<_>>(), [(0, 303), (1, 97)]);
    }

    #[test]
    fn a_visitors_files_are_sites_named_after_them() {
        // UCI's four files given as a visitor's: the hospitals' stream, the sites named by file.
        let files: Vec<(&str, &str)> = SITE_FILES.iter().zip(SITES).map(|(file, (_, text))| (*file, text)).collect();
        let theirs = HospitalsData::from_named(&files).unwrap();
        let ours = HospitalsData::load().unwrap();
        assert_eq!((&theirs.x, &theirs.y, &theirs.site, &theirs.scaler), (&ours.x, &ours.y, &ours.site, &ours.scaler));
        assert_eq!(theirs.site_names, SITE_FILES);
        assert_eq!(ours.site_names, SITE_NAMES);
        // heart.csv's form too, its columns found by name, before a raw file.
        let unmarked = crate::data::HEART_CSV.trim_start_matches('\u{feff}');
        let reversed: String =
            unmarked.lines().map(|line| line.split(',').rev().collect::<Vec<_>>().join(",") + "\n").collect();
        let mixed =
            HospitalsData::from_named(&[("1-heart.csv", reversed.as_str()), ("2-va.data", SITES[3].1)]).unwrap();
        assert_eq!(mixed.len(), 303 + 200);
        assert_eq!(mixed.site_names, ["1-heart.csv", "2-va.data"]);
        let points = run(&mixed, 5, Policy::KeepLearning).unwrap();
        assert!(stream_csv(&mixed, &[(Policy::KeepLearning, &points)]).contains("\nkeep_learning,304,2-va.data,"));
        // A file that does not read is named, with the reader's place.
        let error = HospitalsData::from_named(&[("ok.data", SITES[0].1), ("bad.csv", "age,sex\n63,x\n")]).unwrap_err();
        assert!(error.starts_with("bad.csv: "), "{error}");
        let error = HospitalsData::from_named(&[("gaps.data", "63,1,?,145,233,1,2,150,0,2.3,3,0,6,x\n")]).unwrap_err();
        assert!(error.starts_with("gaps.data: line 1"), "{error}");
    }

    #[test]
    fn another_network_streams_the_same_patients_through_its_own_layers() {
        let data = HospitalsData::load().unwrap();
        let original = run(&data, 3, Policy::KeepLearning).unwrap();
        assert_eq!(run_with(&data, 3, &MlpParams::new().check().unwrap(), Policy::KeepLearning).unwrap(), original);
        let small = MlpParams::new().hidden_layer_sizes(&[5, 5]).check().unwrap();
        let points = run_with(&data, 3, &small, Policy::KeepLearning).unwrap();
        assert_eq!(points.len(), original.len());
        assert_ne!(points[0].predicted, original[0].predicted, "another network, other first weights");
    }

    #[test]
    fn the_stream_is_scikit_learns_and_the_detections_rivers() {
        // tools/make_fixtures.py, hospitals(): the same stream with scikit-learn's
        // MLPClassifier and River's detectors, for both policies.
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/hospitals.json")).unwrap();
        let data = HospitalsData::load().unwrap();
        for (policy, name) in [(Policy::KeepLearning, "keep_learning"), (Policy::NewModelAtDrift, "new_model_at_drift")]
        {
            let expected = &fixture["runs"][name];
            let points = run(&data, 5, policy).unwrap();
            let numbers = |key: &str| -> Vec<f64> {
                expected[key].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
            };
            let errors: Vec<f64> = points.iter().map(|p| f64::from(u8::from(p.error))).collect();
            assert_eq!(errors, numbers("errors"), "{name}");
            let predicted: Vec<f64> = points.iter().map(|p| p.predicted).collect();
            let difference = predicted.iter().zip(numbers("predicted")).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            assert!(difference < 1e-10, "{name}: predictions differ by {difference:e}");
            let at = |detected: fn(&StreamPoint) -> bool| -> Vec<f64> {
                points.iter().enumerate().filter(|(_, p)| detected(p)).map(|(i, _)| i as f64).collect()
            };
            assert_eq!(at(|p| p.page_hinkley), numbers("page_hinkley"), "{name}");
            assert_eq!(at(|p| p.adwin), numbers("adwin"), "{name}");
            // Page-Hinkley's test values, River's own after each patient: equal.
            let increase: Vec<f64> = points.iter().map(|p| p.page_hinkley_tests.increase).collect();
            let decrease: Vec<f64> = points.iter().map(|p| p.page_hinkley_tests.decrease).collect();
            assert_eq!(increase, numbers("page_hinkley_increase"), "{name}");
            assert_eq!(decrease, numbers("page_hinkley_decrease"), "{name}");
        }
    }

    #[test]
    fn page_hinkleys_peak_says_how_near_it_came_to_a_drift() {
        let data = HospitalsData::load().unwrap();
        let kept = PageHinkleyPeak::of(&run(&data, 5, Policy::KeepLearning).unwrap()).unwrap();
        // River's own test values (the fixture above): highest at patient 491, 41.95.
        assert_eq!((kept.detections, kept.index, kept.site, kept.errors_rising), (0, 490, 1, false));
        assert!((kept.value - 41.952_486_758_244_47).abs() < 1e-12, "{}", kept.value);
        assert_eq!(
            kept.describe(&data.site_names),
            "no detection; its tests peaked at 42.0 against the threshold of 50 (patient 491, Hungary, as the errors fell)"
        );
        let renewed = PageHinkleyPeak::of(&run(&data, 5, Policy::NewModelAtDrift).unwrap()).unwrap();
        assert_eq!((renewed.detections, renewed.index, renewed.site), (0, 716, 2));
        assert!(
            renewed.describe(&data.site_names).starts_with("no detection; its tests peaked at 46.9 "),
            "{renewed:?}"
        );
        // A run where it does detect: the peak is past the threshold, counted.
        let mut points = run(&data, 5, Policy::KeepLearning).unwrap();
        points[600].page_hinkley = true;
        points[600].page_hinkley_tests = Tests { increase: 63.25, decrease: 0.0 };
        let peak = PageHinkleyPeak::of(&points).unwrap();
        assert_eq!(
            peak.describe(&data.site_names),
            "1 detection; its tests peaked at 63.3 against the threshold of 50 (patient 601, Switzerland, as the errors rose)"
        );
        assert_eq!(PageHinkleyPeak::of(&[]), None);
    }

    #[test]
    fn page_hinkleys_tests_at_0_are_said_to_stay_there_with_no_direction() {
        // 165 patients without heart disease and none with: after its first patients the
        // model never errs, the tests never leave 0, and the errors neither rose nor fell.
        let heart = crate::data::HEART_CSV.trim_start_matches('\u{feff}');
        let one_class: String = heart.lines().take(1 + 165).map(|line| format!("{line}\n")).collect();
        let single: String = heart.lines().take(2).map(|line| format!("{line}\n")).collect();
        for (name, text) in [("one-class.csv", one_class), ("one.csv", single)] {
            let data = HospitalsData::from_named(&[(name, text.as_str())]).unwrap();
            let points = run(&data, 5, Policy::KeepLearning).unwrap();
            let peak = PageHinkleyPeak::of(&points).unwrap();
            assert_eq!(peak.value, 0.0, "{name}");
            assert_eq!(
                peak.describe(&data.site_names),
                "no detection; its tests stayed at 0 against the threshold of 50, as the error rate never moved",
                "{name}"
            );
        }
    }

    #[test]
    fn two_files_of_one_name_are_refused_by_that_name() {
        // From two folders (a drop may bring them): two sites no one could tell apart. (The
        // page shows the backticks as quotation marks, as it shows the reader's.)
        let files = [("a.csv", crate::data::HEART_CSV), ("b.data", SITES[2].1), ("a.csv", SITES[3].1)];
        assert_eq!(
            HospitalsData::from_named(&files).unwrap_err(),
            "two files are named `a.csv`, and each site is named by its file: rename one"
        );
        assert!(HospitalsData::from_named(&files[..2]).is_ok());
    }

    #[test]
    fn a_site_named_with_commas_quotes_or_line_breaks_stays_one_csv_field() {
        let names = ["1-va, \"long\" beach.data", "2-\"quoted\".csv", "3-line\nbreak.data", "4-plain.data"];
        let texts = [SITES[3].1, SITES[2].1, SITES[1].1, SITES[0].1];
        let files: Vec<(&str, &str)> = names.iter().copied().zip(texts).collect();
        let data = HospitalsData::from_named(&files).unwrap();
        let kept = run(&data, 5, Policy::KeepLearning).unwrap();
        let renewed = run(&data, 5, Policy::NewModelAtDrift).unwrap();
        let csv = stream_csv(&data, &[(Policy::KeepLearning, &kept), (Policy::NewModelAtDrift, &renewed)]);
        assert!(csv.contains("\nkeep_learning,1,\"1-va, \"\"long\"\" beach.data\",0,"), "RFC 4180's quoting");
        assert!(csv.contains("\nkeep_learning,618,4-plain.data,"), "a name that needs none, as it was");
        // Read back by a CSV reader (Python's csv module, pandas and spreadsheets read the
        // same): every line the header's 13 fields, each site its file's name.
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        assert_eq!(reader.headers().unwrap(), STREAM_CSV_HEADER.split(',').collect::<Vec<_>>());
        let mut lines = 0;
        for (i, record) in reader.records().enumerate() {
            let record = record.unwrap();
            assert_eq!(record.len(), 13, "line {}", i + 2);
            let point = &[&kept, &renewed][i / data.len()][i % data.len()];
            assert_eq!(&record[2], names[point.site], "line {}", i + 2);
            lines += 1;
        }
        assert_eq!(lines, 2 * data.len());
    }

    #[test]
    fn a_run_in_slices_is_the_run_bit_for_bit() {
        let data = HospitalsData::load().unwrap();
        let params = MlpParams::new().check().unwrap();
        for policy in [Policy::KeepLearning, Policy::NewModelAtDrift] {
            let whole = run(&data, 5, policy).unwrap();
            // Slices that end on a detection (patients 480 and 672 of seed 5), and that do not.
            for patients in [1, 37, 480, 920, 10_000] {
                let mut sliced = StreamRun::new(&data, 5, &params, policy).unwrap();
                let mut slices = 1;
                while !sliced.advance(patients).unwrap() {
                    slices += 1;
                }
                assert_eq!(slices, data.len().div_ceil(patients), "{policy:?}, {patients}");
                assert!(sliced.points() == whole, "{policy:?}, slices of {patients}");
            }
        }
    }

    #[test]
    fn a_new_model_at_each_detection_differs_from_keeping_on() {
        let data = HospitalsData::load().unwrap();
        let kept = run(&data, 5, Policy::KeepLearning).unwrap();
        let renewed = run(&data, 5, Policy::NewModelAtDrift).unwrap();
        let first = kept.iter().position(|point| point.adwin).unwrap();
        assert!(kept[..first] == renewed[..first], "the same stream up to the first detection");
        assert_eq!(kept[first].predicted, renewed[first].predicted);
        assert!(renewed[first].adwin && renewed[first].new_model && !kept[first].new_model);
        assert_ne!(kept[first + 1].predicted, renewed[first + 1].predicted, "then a fresh model predicts");
        assert_eq!(renewed.iter().filter(|point| point.new_model).count(), renewed.iter().filter(|p| p.adwin).count());
    }
}
