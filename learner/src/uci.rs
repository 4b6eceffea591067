//! UCI's raw heart-disease files (`processed.cleveland.data` and its Hungarian, Swiss and
//! VA Long Beach siblings), read into heart.csv's encoding.
//!
//! The raw form has no header, 14 comma-separated columns in heart.csv's order, `?` for a
//! missing value, every value possibly written as a float (`63.0`), and the diagnosis `num`
//! 0 to 4. heart.csv renumbered several codes and inverted the diagnosis (matched row by
//! row, `data/README.md`), so each row is recoded: `cp` 1 2 3 4 -> 3 1 2 0, `restecg` 0 1 2
//! -> 1 2 0, `slope` 1 2 3 -> 2 1 0, `thal` 3 6 7 -> 2 1 3, and `target` is 1 where `num`
//! is 0 (no disease), else 0. A model trained on one form reads the other.

use ndarray::Array2;

use crate::data::{echoed, Dataset, HeartRows, Records};
use crate::error::{DataError, Invariant};
use crate::heart::FEATURES;
use crate::preprocessing::pairwise_sum;

/// The columns of the raw form: heart.csv's features, then the diagnosis.
pub const COLUMNS: usize = 14;

/// What to do with a value UCI did not record (`?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Leave out every row with a missing value.
    DropRows,
    /// Put the column's mean over the training rows that recorded it, in every row:
    /// scikit-learn's `SimpleImputer(strategy="mean")` fitted on the training split (the
    /// workbench's, `train_test_split(test_size=0.2, random_state=0)` of the file's rows), so
    /// that no test row's value reaches the model through a mean. A stream, whose every row
    /// is learned, takes the means over every row ([`read_stream`]).
    ImputeMean,
}

/// A raw file read: the data in heart.csv's encoding, and what became of missing values.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRead {
    pub dataset: Dataset,
    /// Rows in the file.
    pub rows_read: usize,
    /// Rows left out for a missing value ([`Missing::DropRows`]).
    pub rows_dropped: usize,
    /// Values filled in with their column's mean ([`Missing::ImputeMean`]).
    pub values_imputed: usize,
}

/// Whether `text` is in the raw form: its first line with a value (ended by `\n`, `\r\n` or a lone `\r`)
/// is 14 fields, each a number or `?` (heart.csv's form starts with a header of names). A
/// leading byte-order mark (an editor that marks its UTF-8) is skipped, as the reader skips it.
///
/// ```
/// assert!(learner::uci::is_raw("63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,?,6.0,0\n"));
/// assert!(learner::uci::is_raw("\u{feff}63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,?,6.0,0\n"));
/// assert!(!learner::uci::is_raw(learner::data::HEART_CSV));
/// ```
pub fn is_raw(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first =
        text.split(['\r', '\n']).find(|line| line.split(',').any(|field| !field.trim().is_empty())).unwrap_or("");
    let fields: Vec<&str> = first.split(',').map(str::trim).collect();
    fields.len() == COLUMNS && fields.iter().all(|field| *field == "?" || crate::number::parse(field).is_some())
}

/// heart.csv's code for a UCI code, per column (`None`: the column keeps its values).
fn recode(column: usize, value: f64) -> Option<Option<f64>> {
    let table: &[(f64, f64)] = match FEATURES[column].name {
        "cp" => &[(1.0, 3.0), (2.0, 1.0), (3.0, 2.0), (4.0, 0.0)],
        "restecg" => &[(0.0, 1.0), (1.0, 2.0), (2.0, 0.0)],
        "slope" => &[(1.0, 2.0), (2.0, 1.0), (3.0, 0.0)],
        "thal" => &[(3.0, 2.0), (6.0, 1.0), (7.0, 3.0)],
        _ => return None,
    };
    Some(table.iter().find(|&&(uci, _)| uci == value).map(|&(_, heart)| heart))
}

/// Read a raw UCI file (`text` is the whole file), recoded to heart.csv's encoding. With
/// [`Missing::DropRows`], a file left with fewer than the two rows a training and a test set
/// need is refused with the advice to impute ([`DataError::EveryRowIncomplete`],
/// [`DataError::OneRowComplete`]).
///
/// ```
/// use learner::uci::{read, Missing};
/// let raw = "63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,0\n\
///            67.0,1.0,4.0,160.0,286.0,0.0,2.0,108.0,1.0,1.5,2.0,?,3.0,2\n\
///            67.0,1.0,4.0,120.0,229.0,0.0,2.0,129.0,1.0,2.6,2.0,2.0,7.0,1\n";
/// let read = read(raw, Missing::DropRows).unwrap();
/// // heart.csv's first row: cp 3 (typical angina), restecg 0, slope 0, thal 1, target 1.
/// assert_eq!(read.dataset.features.row(0).to_vec(), [63., 1., 3., 145., 233., 1., 0., 150., 0., 2.3, 0., 0., 1.]);
/// assert_eq!(read.dataset.target, [1, 0]);
/// assert_eq!((read.rows_read, read.rows_dropped), (3, 1));
/// ```
pub fn read(text: &str, missing: Missing) -> Result<RawRead, DataError> {
    raw_rows(text)?.finish(missing, MeansOver::TrainingSplit)
}

/// Read a raw UCI file as one site of a stream (the four hospitals): every row is learned,
/// so there is no training split, and missing values take their column's mean over every
/// row that recorded it (`SimpleImputer(strategy="mean")` fitted on the whole file).
///
/// ```
/// use learner::uci::{read, read_stream, Missing};
/// let raw = "63,1,1,145,233,1,2,150,0,2.3,3,0,6,0\n\
///            67,1,4,160,286,0,2,108,1,1.5,2,?,3,2\n\
///            67,1,4,120,229,0,2,129,1,2.6,2,2,7,1\n";
/// // `ca` (column 11) is missing in the second row: the mean of 0 and 2 over the whole file,
/// assert_eq!(read_stream(raw).unwrap().dataset.features[[1, 11]], 1.0);
/// // of the training split's rows (the first and the second) in the workbench.
/// assert_eq!(read(raw, Missing::ImputeMean).unwrap().dataset.features[[1, 11]], 0.0);
/// ```
pub fn read_stream(text: &str) -> Result<RawRead, DataError> {
    raw_rows(text)?.finish(Missing::ImputeMean, MeansOver::EveryRow)
}

/// Every row of `text` read in the raw form, as they are before their missing values are
/// handled.
fn raw_rows(text: &str) -> Result<RawRows, DataError> {
    let mut reader = FileReader::raw(text.as_bytes());
    reader.read_rows(usize::MAX)?;
    match reader.rows {
        Rows::Raw(rows) => Ok(rows),
        Rows::Heart(_) => unreachable!("a reader made raw"),
    }
}

/// The rows whose recorded values make the means that fill missing values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MeansOver {
    /// The training split's ([`Missing::ImputeMean`]).
    TrainingSplit,
    /// Every row's ([`read_stream`]).
    EveryRow,
}

/// The rows of a raw file as they are read, `None` where the file has `?`.
#[derive(Debug, Default)]
struct RawRows {
    rows: Vec<[Option<f64>; COLUMNS - 1]>,
    target: Vec<u8>,
}

impl RawRows {
    /// Read one record, which starts on `line`: 14 fields, each a number or `?` (not the
    /// diagnosis), recoded.
    fn push(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
        if record.len() != COLUMNS {
            crate::data::quoted_separators(record, line)?;
            return Err(DataError::RawFieldCount { line, found: record.len() });
        }
        let mut row = [None; COLUMNS - 1];
        for (index, field) in record.iter().enumerate() {
            let column = index + 1;
            let text = std::str::from_utf8(field).map_err(|_| DataError::NotUtf8At { line, column })?.trim();
            let name = if index < COLUMNS - 1 { FEATURES[index].name } else { "num" };
            if text == "?" && index < COLUMNS - 1 {
                continue;
            }
            let value = crate::number::parse(text)
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| crate::data::not_a_number(text, line, column, name))?;
            if index == COLUMNS - 1 {
                if !(0.0..=4.0).contains(&value) || value.fract() != 0.0 {
                    return Err(DataError::BadDiagnosis { line, column, value: echoed(text) });
                }
                self.target.push(u8::from(value == 0.0));
                continue;
            }
            row[index] = Some(match recode(index, value) {
                None => value,
                Some(Some(heart)) => heart,
                Some(None) => {
                    return Err(DataError::UnknownCode { line, column, name: name.to_owned(), value: echoed(text) })
                }
            });
        }
        self.rows.push(row);
        Ok(())
    }

    /// The data set, with `missing` applied to the missing values (a mean taken over the
    /// rows `over` says).
    fn finish(self, missing: Missing, over: MeansOver) -> Result<RawRead, DataError> {
        let Self { mut rows, mut target } = self;
        if rows.is_empty() {
            return Err(DataError::Empty);
        }
        let rows_read = rows.len();
        let (rows_dropped, values_imputed) = match missing {
            Missing::DropRows => {
                let kept: Vec<bool> = rows.iter().map(|row| row.iter().all(Option::is_some)).collect();
                rows = rows.into_iter().zip(&kept).filter_map(|(row, &keep)| keep.then_some(row)).collect();
                target = target.into_iter().zip(&kept).filter_map(|(label, &keep)| keep.then_some(label)).collect();
                // Rows enough for the split (`train_test_split` needs two), or a reason to impute.
                match rows.len() {
                    0 => return Err(DataError::EveryRowIncomplete { rows: rows_read }),
                    1 => return Err(DataError::OneRowComplete { rows: rows_read }),
                    _ => {}
                }
                (rows_read - rows.len(), 0)
            }
            Missing::ImputeMean => {
                // The training rows in the split's order, as scikit-learn's `X[train]` holds
                // them (the sum's order is the mean's last bits). A file of one row has none.
                let means_over = match over {
                    MeansOver::TrainingSplit => {
                        crate::session::split_rows(rows.len()).map(|split| split.train).unwrap_or_default()
                    }
                    MeansOver::EveryRow => (0..rows.len()).collect(),
                };
                let mut imputed = 0;
                for column in 0..COLUMNS - 1 {
                    if rows.iter().all(|row| row[column].is_some()) {
                        continue;
                    }
                    let recorded: Vec<f64> = means_over.iter().filter_map(|&row| rows[row][column]).collect();
                    if recorded.is_empty() {
                        return Err(DataError::NothingRecorded { name: FEATURES[column].name.to_owned() });
                    }
                    let mean = pairwise_sum(&recorded) / recorded.len() as f64;
                    for row in &mut rows {
                        if row[column].is_none() {
                            row[column] = Some(mean);
                            imputed += 1;
                        }
                    }
                }
                (0, imputed)
            }
        };
        let values: Vec<f64> = rows.iter().flat_map(|row| row.iter().map(|value| value.unwrap_or(f64::NAN))).collect();
        let features =
            Array2::from_shape_vec((rows.len(), COLUMNS - 1), values).invariant("one value per feature per row");
        let feature_names = FEATURES.iter().map(|feature| feature.name.to_owned()).collect();
        Ok(RawRead { dataset: Dataset { feature_names, features, target }, rows_read, rows_dropped, values_imputed })
    }
}

/// The two forms of data file the demo reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// heart.csv's: a header, numeric features, `target` 0/1.
    HeartCsv,
    /// UCI's raw `processed.*.data`: no header, 14 columns, `?` for missing, `num` 0-4.
    RawUci,
}

/// A data file of either form, told apart by [`is_raw`]; a raw file is recoded to
/// heart.csv's encoding with `missing` for its missing values (a heart.csv-form file has
/// none: its counts are the rows read and zero). The file is any holder of its bytes (`&str`,
/// `String`, a shared text): a program that also reads in slices gives both the same type,
/// and carries one [`FileReader`].
///
/// ```
/// use learner::uci::{read_either, Form, Missing};
/// let (form, read) = read_either(learner::data::HEART_CSV, Missing::DropRows).unwrap();
/// assert_eq!((form, read.rows_read, read.rows_dropped), (Form::HeartCsv, 303, 0));
/// ```
pub fn read_either<T: AsRef<[u8]>>(text: T, missing: Missing) -> Result<(Form, RawRead), DataError> {
    let mut reader = FileReader::new(text)?;
    reader.read_rows(usize::MAX)?;
    Ok((reader.form(), reader.finish(missing)?))
}

/// A data file of either form read a few rows at a time, so that a page can read a big
/// file in short slices (showing its progress, and stopping when asked) and still read
/// exactly what [`read_either`] reads, with the same errors at the same lines.
///
/// ```
/// use learner::uci::{read_either, FileReader, Missing};
/// let text = learner::data::HEART_CSV;
/// let mut reader = FileReader::new(text.as_bytes()).unwrap();
/// while !reader.read_rows(50).unwrap() {
///     assert!(reader.bytes_read() < reader.total_bytes());
/// }
/// assert_eq!(reader.rows_read(), 303);
/// let (form, whole) = read_either(text, Missing::DropRows).unwrap();
/// assert_eq!((reader.form(), reader.finish(Missing::DropRows).unwrap()), (form, whole));
/// ```
#[derive(Debug)]
pub struct FileReader<T: AsRef<[u8]>> {
    reader: Records<T>,
    total_bytes: u64,
    rows: Rows,
    done: bool,
}

#[derive(Debug)]
enum Rows {
    Heart(HeartRows),
    Raw(RawRows),
}

impl<T: AsRef<[u8]>> FileReader<T> {
    /// Start reading `text`: its form told apart by [`is_raw`], the header of heart.csv's
    /// form read and checked.
    pub fn new(text: T) -> Result<Self, DataError> {
        let bytes = text.as_ref();
        // The text up to its first byte that is not UTF-8 (which the reader refuses at its line).
        let valid = std::str::from_utf8(bytes)
            .or_else(|error| std::str::from_utf8(&bytes[..error.valid_up_to()]))
            .unwrap_or_default();
        if is_raw(valid) {
            return Ok(Self::raw(text));
        }
        let mut reader = Self::raw(text);
        let mut header = csv::ByteRecord::new();
        let line = reader.reader.read(&mut header)?.ok_or(DataError::Empty)?;
        reader.rows = Rows::Heart(HeartRows::from_header(&header, line)?);
        Ok(reader)
    }

    /// A reader of `text` in the raw form.
    fn raw(text: T) -> Self {
        let total_bytes = text.as_ref().len() as u64;
        Self { reader: Records::new(text), total_bytes, rows: Rows::Raw(RawRows::default()), done: false }
    }

    pub fn form(&self) -> Form {
        match self.rows {
            Rows::Heart(_) => Form::HeartCsv,
            Rows::Raw(_) => Form::RawUci,
        }
    }

    /// Read up to `max_rows` more records; `true` once the file is read to its end. An
    /// error names the line and column, as [`read_either`]'s does.
    pub fn read_rows(&mut self, max_rows: usize) -> Result<bool, DataError> {
        let mut record = csv::ByteRecord::new();
        for _ in 0..max_rows {
            if self.done {
                break;
            }
            let Some(line) = self.reader.read(&mut record)? else {
                self.done = true;
                break;
            };
            match &mut self.rows {
                Rows::Heart(rows) => rows.push(&record, line)?,
                Rows::Raw(rows) => rows.push(&record, line)?,
            }
        }
        Ok(self.done)
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> usize {
        match &self.rows {
            Rows::Heart(rows) => rows.rows(),
            Rows::Raw(rows) => rows.rows.len(),
        }
    }

    /// How far into the file the reader is, in bytes.
    pub fn bytes_read(&self) -> u64 {
        if self.done {
            self.total_bytes
        } else {
            self.reader.bytes_read()
        }
    }

    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// The rest of the file read, and the data set (a raw file's missing values handled
    /// with `missing`).
    pub fn finish(mut self, missing: Missing) -> Result<RawRead, DataError> {
        self.read_rows(usize::MAX)?;
        match self.rows {
            Rows::Heart(rows) => {
                let dataset = rows.finish()?;
                let rows_read = dataset.n_samples();
                Ok(RawRead { dataset, rows_read, rows_dropped: 0, values_imputed: 0 })
            }
            Rows::Raw(rows) => rows.finish(missing, MeansOver::TrainingSplit),
        }
    }

    /// The rest of the file read as one site of a stream, which has no test split: a raw
    /// file's missing values filled in with its means over every row (as [`read_stream`]
    /// reads it), heart.csv's form with its columns put in heart.csv's order.
    ///
    /// ```
    /// use learner::uci::FileReader;
    /// let site = FileReader::new(learner::data::HEART_CSV).unwrap().finish_stream().unwrap();
    /// assert_eq!(site.n_samples(), 303);
    /// ```
    pub fn finish_stream(mut self) -> Result<Dataset, DataError> {
        self.read_rows(usize::MAX)?;
        match self.rows {
            Rows::Heart(rows) => rows.finish()?.with_features(crate::data::HEART_FEATURE_NAMES),
            Rows::Raw(rows) => Ok(rows.finish(Missing::ImputeMean, MeansOver::EveryRow)?.dataset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const CLEVELAND: &str = include_str!("../../data/uci/processed.cleveland.data");
    const SWITZERLAND: &str = include_str!("../../data/uci/processed.switzerland.data");
    const HUNGARIAN: &str = include_str!("../../data/uci/processed.hungarian.data");

    #[test]
    fn the_recoded_cleveland_file_is_heart_csv_row_for_row() {
        let read = read(CLEVELAND, Missing::DropRows).unwrap();
        assert_eq!((read.rows_read, read.rows_dropped), (303, 6));
        let heart = Dataset::heart();
        // heart.csv has the rows in another order: match every recoded row, label included,
        // with one of heart.csv's, each used once.
        let mut unmatched: Vec<(Vec<f64>, u8)> =
            heart.features.rows().into_iter().map(|row| row.to_vec()).zip(heart.target.iter().copied()).collect();
        let mut missing_from_heart_csv = Vec::new();
        for (row, &label) in read.dataset.features.rows().into_iter().zip(&read.dataset.target) {
            match unmatched.iter().position(|(features, target)| row.iter().eq(features) && *target == label) {
                Some(index) => drop(unmatched.swap_remove(index)),
                None => missing_from_heart_csv.push((row.to_vec(), label)),
            }
        }
        // All but one of UCI's 297 complete rows: heart.csv lacks a woman of 60 (with
        // disease) and has instead a second copy of one of its rows.
        assert_eq!(missing_from_heart_csv, [(vec![60., 0., 0., 158., 305., 0., 0., 161., 0., 0., 2., 0., 2.], 0)]);
        // What is left of heart.csv: the 6 rows UCI left incomplete (heart.csv writes its
        // missing `ca` as 4 and `thal` as 0) and the copy.
        assert_eq!(unmatched.len(), 303 - 296);
        assert!(unmatched.iter().all(|(features, _)| features[11] == 4.0 || features[12] == 0.0));
    }

    #[test]
    fn missing_values_are_dropped_or_imputed_with_the_column_mean() {
        let dropped = read(SWITZERLAND, Missing::DropRows).unwrap_err();
        assert_eq!(
            dropped.to_string(),
            "every one of the 123 rows misses a value: impute them instead of dropping them"
        );
        // Hungary's file has one complete row of 294: too few to split, and said so.
        let one_left = read(HUNGARIAN, Missing::DropRows).unwrap_err();
        assert_eq!(one_left, DataError::OneRowComplete { rows: 294 });
        assert!(one_left.to_string().ends_with("impute the missing values instead of dropping the rows"));
        let imputed = read(SWITZERLAND, Missing::ImputeMean).unwrap();
        assert_eq!(imputed.rows_read, 123);
        assert_eq!(imputed.dataset.n_samples(), 123);
        assert!(imputed.values_imputed > 123);
        assert!(imputed.dataset.features.iter().all(|v| v.is_finite()));
        assert_eq!(imputed.dataset.target.iter().filter(|&&y| y == 1).count(), 8, "8 Swiss patients without disease");
    }

    #[test]
    fn imputed_values_are_scikit_learns_simple_imputer_means() {
        // tools/make_fixtures.py, uci_imputer(): SimpleImputer(strategy="mean") per file.
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/uci_imputer.json")).unwrap();
        let files = [
            ("cleveland", CLEVELAND),
            ("hungarian", include_str!("../../data/uci/processed.hungarian.data")),
            ("switzerland", SWITZERLAND),
            ("va", include_str!("../../data/uci/processed.va.data")),
        ];
        for (site, text) in files {
            let statistics = &fixture["statistics"][site];
            let with_gaps = read(text, Missing::ImputeMean).unwrap();
            let mut checked = 0;
            for (row, line) in with_gaps.dataset.features.rows().into_iter().zip(text.lines()) {
                for (column, field) in line.split(',').take(COLUMNS - 1).enumerate() {
                    if field.trim() == "?" {
                        assert_eq!(
                            row[column],
                            statistics[column].as_f64().unwrap(),
                            "{site}, {}",
                            FEATURES[column].name
                        );
                        checked += 1;
                    }
                }
            }
            assert_eq!(checked, with_gaps.values_imputed, "{site}");
        }
    }

    #[test]
    fn a_wrong_file_is_refused_with_its_line_and_column() {
        let row = "63,1,1,145,233,1,2,150,0,2.3,3,0,6,0";
        for (text, expected) in [
            (format!("{row}\n63,1,1,145\n"), "line 2: expected UCI's 14 fields, found 4"),
            (format!("{row}\n{}", row.replace("145", "abc")), "line 2, column 4 (`trestbps`): `abc` is not a number"),
            (row.replace(",1,145", ",5,145"), "line 1, column 3 (`cp`): `5` is not one of UCI's codes for it (heart.csv's form needs its header line)"),
            (row.replace(",6,0", ",6,7"), "line 1, column 14 (`num`): `7` is not a diagnosis 0 to 4"),
            (row.replace(",6,0", ",6,?"), "line 1, column 14 (`num`): `?` is not a number"),
            (row.replace(",6,0", ",6,"), "line 1, column 14 (`num`) is empty"),
            (row.replace("145", " "), "line 1, column 4 (`trestbps`) is empty"),
            (
                format!(",,,,,,,,,,,,,\n{row}\n  \n{}", row.replace("145", "x")),
                "line 4, column 4 (`trestbps`): `x` is not a number",
            ),
        ] {
            assert_eq!(read(&text, Missing::ImputeMean).unwrap_err().to_string(), expected, "{text}");
        }
    }

    /// heart.csv's rows without its header line look like UCI's raw form (14 numbers), whose
    /// codes they do not follow: the refusal says what the file needs.
    #[test]
    fn heart_csv_without_its_header_is_told_to_need_it() {
        let rows = crate::data::HEART_CSV.split_once('\n').unwrap().1;
        assert!(is_raw(rows));
        let error = read_either(rows.as_bytes(), Missing::DropRows).unwrap_err().to_string();
        assert!(error.ends_with("(heart.csv's form needs its header line)"), "{error}");
    }

    #[test]
    fn lines_are_numbered_as_in_the_file_with_any_line_ending() {
        let row = "63,1,1,145,233,1,2,150,0,2.3,3,0,6,0";
        let bad_code = row.replace(",1,145", ",9,145");
        let not_a_number = row.replace("145", "abc");
        let short = "63,1,1,145";
        for ending in ["\n", "\r\n", "\r"] {
            let file = |lines: &[&str]| lines.iter().map(|line| format!("{line}{ending}")).collect::<String>();
            for (text, expected) in [
                (file(&[&bad_code, row]), "line 1, column 3 (`cp`): `9` is not one of UCI's codes for it (heart.csv's form needs its header line)"),
                (file(&[row, row, &bad_code]), "line 3, column 3 (`cp`): `9` is not one of UCI's codes for it (heart.csv's form needs its header line)"),
                (file(&[row, "", "", &not_a_number]), "line 4, column 4 (`trestbps`): `abc` is not a number"),
                (file(&["", row, short]), "line 3: expected UCI's 14 fields, found 4"),
                (file(&[",,,,,,,,,,,,,", " , ", row, short]), "line 4: expected UCI's 14 fields, found 4"),
                (
                    file(&[row, "", row, &row.replace(",6,0", ",6,7")]),
                    "line 4, column 14 (`num`): `7` is not a diagnosis 0 to 4",
                ),
            ] {
                assert!(is_raw(&text), "{text:?}");
                for missing in [Missing::DropRows, Missing::ImputeMean] {
                    let (whole, by_rows) = (read_either(&text, missing), FileReader::new(text.as_bytes()));
                    assert_eq!(whole.unwrap_err().to_string(), expected, "{text:?}");
                    let mut by_rows = by_rows.unwrap();
                    let error = by_rows.read_rows(1).and_then(|_| by_rows.read_rows(usize::MAX)).unwrap_err();
                    assert_eq!(error.to_string(), expected, "{text:?}");
                }
            }
            let mut bytes = file(&[row, row]).into_bytes();
            bytes.extend_from_slice(b"63,1,1,145,233,1,2,\xff,0,2.3,3,0,6,0");
            let error = read_either(&bytes, Missing::DropRows).unwrap_err();
            assert_eq!(error, DataError::NotUtf8At { line: 3, column: 8 }, "{ending:?}");
        }
        // Cleveland's file, its lines ended by CRLF or CR instead, reads as it does.
        let crlf = CLEVELAND.replace('\n', "\r\n");
        assert_eq!(read(&crlf, Missing::ImputeMean), read(CLEVELAND, Missing::ImputeMean));
        assert_eq!(read(&CLEVELAND.replace('\n', "\r"), Missing::ImputeMean), read(CLEVELAND, Missing::ImputeMean));
        // And with a byte-order mark before it (an editor that marks its UTF-8).
        let marked = format!("\u{feff}{CLEVELAND}");
        assert_eq!(
            read_either(&marked, Missing::ImputeMean).unwrap(),
            read_either(CLEVELAND, Missing::ImputeMean).unwrap()
        );
    }

    #[test]
    fn a_long_field_is_echoed_cut_short() {
        let row = "63,1,1,145,233,1,2,150,0,2.3,3,0,6,0";
        let long = format!("5.{}", "0".repeat(100_000));
        let error = read(&format!("{row}\n{}", row.replace(",1,145", &format!(",{long},145"))), Missing::DropRows);
        let message = error.unwrap_err().to_string();
        assert_eq!(
            message,
            format!("line 2, column 3 (`cp`): `5.{}…` is not one of UCI's codes for it (heart.csv's form needs its header line)", "0".repeat(38))
        );
    }
}
