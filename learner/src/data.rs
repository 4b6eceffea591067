//! Reading a labelled data set from CSV: the heart-disease file, or any file shaped like it.
//!
//! The original reads `data/heart.csv` with pandas and takes every column but `target` as a
//! feature, in header order. We do the same with the `csv` crate and turn every malformed
//! input into a [`DataError`] that names the line and the column.

use std::io::Read;

use ndarray::Array2;

use crate::error::{DataError, Invariant};

/// The UCI heart-disease file the original demo reads (303 rows, 13 features, `target`).
pub const HEART_CSV: &str = include_str!("../../data/heart.csv");

// HEART_FEATURE_NAMES, HEART_FEATURE_TENTHS, HEART_TARGET and HEART_CSV_FNV1A64: heart.csv read
// at build time (build.rs), equal to what `Dataset::from_csv_str(HEART_CSV)` reads.
include!(concat!(env!("OUT_DIR"), "/heart_table.rs"));

/// FNV-1a, 64 bits: a fingerprint of a data file's bytes.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

/// The name of the label column.
pub const TARGET_COLUMN: &str = "target";

/// Feature rows with binary labels, as read from a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Feature column names in file order (the header without `target`).
    pub feature_names: Vec<String>,
    /// One row per sample, one column per feature.
    pub features: Array2<f64>,
    /// The class of each sample, 0 or 1.
    pub target: Vec<u8>,
}

impl Dataset {
    /// The heart-disease data set that ships with the crate.
    ///
    /// ```
    /// let heart = learner::data::Dataset::heart();
    /// assert_eq!(heart.features.dim(), (303, 13));
    /// assert_eq!(heart.feature_names[0], "age");
    /// assert_eq!(heart.target.iter().filter(|&&y| y == 1).count(), 165);
    /// ```
    pub fn heart() -> Self {
        let shape = (HEART_TARGET.len(), HEART_FEATURE_NAMES.len());
        Self {
            feature_names: HEART_FEATURE_NAMES.iter().map(|name| (*name).to_owned()).collect(),
            features: Array2::from_shape_vec(
                shape,
                HEART_FEATURE_TENTHS.iter().map(|&tenths| f64::from(tenths) / 10.0).collect(),
            )
            .invariant("one row per target"),
            target: HEART_TARGET.to_vec(),
        }
    }

    /// Parse CSV text; see [`Dataset::from_csv`].
    pub fn from_csv_str(text: &str) -> Result<Self, DataError> {
        Self::from_csv(text.as_bytes())
    }

    /// Parse a CSV file with a header line: a `target` column of 0/1 labels and at least one
    /// other column, every field a finite number. A UTF-8 byte order mark, surrounding
    /// spaces in fields and blank lines are accepted, as pandas does.
    ///
    /// ```
    /// use learner::{data::Dataset, error::DataError};
    /// let data = Dataset::from_csv_str("a,target\n1.5,1\n-2,0\n").unwrap();
    /// assert_eq!(data.target, vec![1, 0]);
    /// let error = Dataset::from_csv_str("a,target\n1.5,1\nx,0\n").unwrap_err();
    /// assert_eq!(error.to_string(), "line 3, column 1 (`a`): `x` is not a number");
    /// ```
    pub fn from_csv(mut input: impl Read) -> Result<Self, DataError> {
        // Read whole (the data set is held whole anyway), so that each record's line is
        // counted from the bytes before it.
        let mut bytes = Vec::new();
        if input.read_to_end(&mut bytes).is_err() {
            let line = LineCounter::new().line_at(&bytes, bytes.len());
            return Err(DataError::Syntax { line, message: UNREADABLE.to_owned() });
        }
        let mut records = Records::new(bytes);
        let mut record = csv::ByteRecord::new();
        let line = records.read(&mut record)?.ok_or(DataError::Empty)?;
        let mut rows = HeartRows::from_header(&record, line)?;
        while let Some(line) = records.read(&mut record)? {
            rows.push(&record, line)?;
        }
        rows.finish()
    }

    pub fn n_samples(&self) -> usize {
        self.target.len()
    }

    /// Whether the features are `names`, in that order.
    pub fn has_features(&self, names: &[&str]) -> bool {
        self.feature_names.iter().map(String::as_str).eq(names.iter().copied())
    }

    /// The same samples with the features `names` names, in that order, each column found
    /// by its name wherever the file has it: a file's columns are named, so their order is
    /// the file's own. Refused, naming them, where a name is not among the file's columns
    /// or a column is not among the names. Each value is the file's: the scaler and the
    /// split, per column and per row, then give what they give the file in `names`' order.
    ///
    /// ```
    /// use learner::data::Dataset;
    /// let data = Dataset::from_csv_str("b,target,a\n2,1,1\n4,0,3\n").unwrap();
    /// let data = data.with_features(&["a", "b"]).unwrap();
    /// assert_eq!(data.feature_names, ["a", "b"]);
    /// assert_eq!(data.features, ndarray::array![[1.0, 2.0], [3.0, 4.0]]);
    /// let error = data.with_features(&["a", "c"]).unwrap_err();
    /// assert_eq!(error.to_string(), "the file has no column `c`, and a column `b` that is not a feature");
    /// ```
    pub fn with_features(self, names: &[&str]) -> Result<Self, DataError> {
        if self.has_features(names) {
            return Ok(self);
        }
        let position = |name: &str| self.feature_names.iter().position(|column| column.eq_ignore_ascii_case(name));
        let missing: Vec<String> =
            names.iter().filter(|name| position(name).is_none()).map(|name| echoed(name)).collect();
        let unexpected: Vec<String> = self
            .feature_names
            .iter()
            .filter(|column| !names.iter().any(|name| column.eq_ignore_ascii_case(name)))
            .map(|c| echoed(c))
            .collect();
        if !missing.is_empty() || !unexpected.is_empty() {
            return Err(DataError::Columns { missing, unexpected });
        }
        // The file's names are distinct (the header is checked), so each name is one column.
        let columns: Vec<usize> = names.iter().filter_map(|name| position(name)).collect();
        let features = Array2::from_shape_fn((self.n_samples(), columns.len()), |(row, column)| {
            self.features[[row, columns[column]]]
        });
        let feature_names = names.iter().map(|name| (*name).to_owned()).collect();
        Ok(Self { feature_names, features, target: self.target })
    }

    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }
}

/// The most characters of a field a message echoes: a longer one is cut there and ends
/// with `…`, so that a refusal of a 200,000-digit field is a line, not 200 KB.
pub const ECHOED_CHARS: usize = 40;

/// `text` as a message echoes it: whole up to [`ECHOED_CHARS`] characters, else its first
/// ones then `…`.
///
/// ```
/// let long = "7".repeat(200_000);
/// let error = learner::data::Dataset::from_csv_str(&format!("a,target\n{long},1\n")).unwrap_err();
/// assert_eq!(error.to_string(), format!("line 2, column 1 (`a`): `{}…` is not a finite number", "7".repeat(40)));
/// ```
pub fn echoed(text: &str) -> String {
    match text.char_indices().nth(ECHOED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The most column names a refusal lists.
const LISTED_COLUMNS: usize = 20;

/// Why a file could not be read, where the reader stopped (an I/O error).
const UNREADABLE: &str = "the file could not be read";

/// Column names as a refusal lists them: each in backticks, [`echoed`], at most
/// [`LISTED_COLUMNS`] of them and then how many there are in all.
fn listed(names: &[String]) -> String {
    let mut list = names.iter().take(LISTED_COLUMNS).map(|n| format!("`{}`", echoed(n))).collect::<Vec<_>>().join(", ");
    if names.len() > LISTED_COLUMNS {
        list.push_str(&format!(", … ({} columns in all)", names.len()));
    }
    list
}

/// Line numbers, 1-based, counted from byte offsets as an editor counts them: a line ends
/// at `\n`, at `\r\n` or at a lone `\r` (the csv crate's own count is of `\n`s as far as it
/// has read, which puts a record of a CRLF file on the line before, every record of a
/// CR-only file on line 1, and a record after a blank line on the blank one).
#[derive(Debug, Clone)]
pub(crate) struct LineCounter {
    /// Bytes counted so far, and the line the next byte is on.
    scanned: usize,
    line: u64,
    /// Whether the last byte counted was a `\r` (whose `\n` ends no other line).
    after_cr: bool,
}

impl LineCounter {
    pub(crate) fn new() -> Self {
        Self { scanned: 0, line: 1, after_cr: false }
    }

    /// The line of byte `offset` of `bytes` (at the end of the file, the line after the
    /// last line ending). Offsets asked in increasing order are counted once.
    pub(crate) fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let offset = offset.min(bytes.len());
        if offset < self.scanned {
            *self = Self::new();
        }
        for &byte in &bytes[self.scanned..offset] {
            if byte == b'\r' || (byte == b'\n' && !self.after_cr) {
                self.line += 1;
            }
            self.after_cr = byte == b'\r';
        }
        self.scanned = offset;
        self.line
    }

    /// The line a record the reader read from byte `offset` starts on: the reader skips
    /// the line endings before a record (blank lines, and in a CRLF file the `\n` of the
    /// line before), so the record starts at the first byte after them.
    pub(crate) fn record_line(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut start = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        while bytes.get(start).is_some_and(|byte| matches!(byte, b'\r' | b'\n')) {
            start += 1;
        }
        self.line_at(bytes, start)
    }
}

/// A CSV file's records, each with the line it starts on.
#[derive(Debug)]
pub(crate) struct Records<T: AsRef<[u8]>> {
    reader: csv::Reader<std::io::Cursor<T>>,
    lines: LineCounter,
}

impl<T: AsRef<[u8]>> Records<T> {
    pub(crate) fn new(text: T) -> Self {
        let reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(std::io::Cursor::new(text));
        Self { reader, lines: LineCounter::new() }
    }

    /// The next record into `record`, and the line it starts on; `None` at the end.
    pub(crate) fn read(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>, DataError> {
        let mut read = self.reader.read_byte_record(record);
        // A record of empty fields (a spreadsheet's empty row, `,,,`, or a line of spaces) is
        // a blank line, as the csv crate skips those without fields.
        while matches!(read, Ok(true)) && record.iter().all(|field| field.trim_ascii().is_empty()) {
            read = self.reader.read_byte_record(record);
        }
        let bytes = self.reader.get_ref().get_ref().as_ref();
        match read {
            Ok(false) => Ok(None),
            Ok(true) => {
                let offset = record.position().map_or(0, csv::Position::byte);
                Ok(Some(self.lines.record_line(bytes, offset)))
            }
            Err(error) => {
                let offset = error.position().map_or(self.reader.position().byte(), csv::Position::byte);
                let line = self.lines.record_line(bytes, offset);
                // In words of our own: formatting the reader's errors would bring the text of
                // every I/O error into the page's module, for errors that reading bytes
                // already in memory cannot meet (a flexible reader of byte records refuses
                // no row's length or encoding).
                Err(match error.kind() {
                    csv::ErrorKind::Utf8 { .. } => DataError::NotUtf8 { line },
                    _ => DataError::Syntax { line, message: UNREADABLE.to_owned() },
                })
            }
        }
    }

    /// How far into the file the reader is, in bytes.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}

/// The rows of a file in heart.csv's form as they are read, record by record (the whole
/// file at once in [`Dataset::from_csv`], a few rows at a time in
/// [`crate::uci::FileReader`]).
#[derive(Debug)]
pub(crate) struct HeartRows {
    names: Vec<String>,
    target_column: usize,
    values: Vec<f64>,
    target: Vec<u8>,
}

impl HeartRows {
    /// Checked against the header: names given, not repeated, a `target` and a feature.
    /// `line` is the header's (1 unless blank lines come first).
    pub(crate) fn from_header(header: &csv::ByteRecord, line: u64) -> Result<Self, DataError> {
        let names = header_names(header, line)?;
        let Some(target_column) = names.iter().position(|name| name.eq_ignore_ascii_case(TARGET_COLUMN)) else {
            // One column that holds `target` between semicolons or tabs: a spreadsheet's
            // export in another separator (commas are the CSV's, and pandas' default).
            if let [name] = &names[..] {
                for (separator, named) in [(';', "semicolons"), ('\t', "tabs")] {
                    if name.split(separator).any(|part| part.trim().eq_ignore_ascii_case(TARGET_COLUMN)) {
                        return Err(DataError::OtherSeparator { separator: named });
                    }
                }
            }
            // A first line of values (a file without a header, UCI's raw form with a value
            // missing from its detection, say), whose numbers would be read as names.
            if names.iter().all(|name| is_value(name)) {
                return Err(DataError::NoHeader { line });
            }
            return Err(DataError::MissingTarget { columns: listed(&names) });
        };
        if names.len() < 2 {
            return Err(DataError::NoFeatures);
        }
        Ok(Self { names, target_column, values: Vec::new(), target: Vec::new() })
    }

    /// Read one record, which starts on `line`: one finite number per column, the target 0 or 1.
    pub(crate) fn push(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
        if record.len() != self.names.len() {
            quoted_separators(record, line)?;
            return Err(DataError::FieldCount { line, expected: self.names.len(), found: record.len() });
        }
        for (index, field) in record.iter().enumerate() {
            let column = index + 1;
            let text = std::str::from_utf8(field).map_err(|_| DataError::NotUtf8At { line, column })?.trim();
            let number = parse_number(text, line, column, &self.names[index])?;
            if index == self.target_column {
                self.target.push(class_label(number).ok_or_else(|| DataError::BadTarget {
                    line,
                    column,
                    value: echoed(text),
                })?);
            } else {
                self.values.push(number);
            }
        }
        Ok(())
    }

    pub(crate) fn rows(&self) -> usize {
        self.target.len()
    }

    /// The data set read, refused if it has no row.
    pub(crate) fn finish(self) -> Result<Dataset, DataError> {
        if self.target.is_empty() {
            return Err(DataError::NoRows);
        }
        let mut feature_names = self.names;
        feature_names.remove(self.target_column);
        let features = Array2::from_shape_vec((self.target.len(), feature_names.len()), self.values)
            .invariant("every row has one value per feature column");
        Ok(Dataset { feature_names, features, target: self.target })
    }
}

/// Refused, where a record has too few or too many fields, if one of them holds a comma or a
/// line break: a quote opened and not closed where it should be (`"1,2,0` reads the rest of
/// the file as one field), which is what to say, not the count of fields.
pub(crate) fn quoted_separators(record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
    for (index, field) in record.iter().enumerate() {
        let holding = if field.iter().any(|&byte| byte == b'\n' || byte == b'\r') {
            "line breaks"
        } else if field.contains(&b',') {
            "commas"
        } else {
            continue;
        };
        let value = echoed(&String::from_utf8_lossy(field));
        return Err(DataError::QuotedSeparators { line, column: index + 1, value, holding });
    }
    Ok(())
}

fn header_names(header: &csv::ByteRecord, line: u64) -> Result<Vec<String>, DataError> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    for (index, field) in header.iter().enumerate() {
        let column = index + 1;
        let name = std::str::from_utf8(field).map_err(|_| DataError::NotUtf8At { line, column })?.trim();
        if name.is_empty() {
            return Err(DataError::EmptyColumnName { column });
        }
        if names.iter().any(|seen| seen == name) {
            // Values, not names (`1.0` twice, in a file without a header): said as such.
            if is_value(name) {
                return Err(DataError::NoHeader { line });
            }
            return Err(DataError::DuplicateColumn { name: echoed(name) });
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// Whether a header's field is a value rather than a name: a number, or UCI's `?` for a
/// missing one.
fn is_value(field: &str) -> bool {
    field == "?" || crate::number::parse(field).is_some()
}

fn parse_number(text: &str, line: u64, column: usize, name: &str) -> Result<f64, DataError> {
    let number = crate::number::parse(text).ok_or_else(|| not_a_number(text, line, column, name))?;
    if !number.is_finite() {
        return Err(DataError::NotFinite { line, column, name: echoed(name), value: echoed(text) });
    }
    Ok(number)
}

/// `text`, trimmed, is not a number: said of an empty field as such.
pub(crate) fn not_a_number(text: &str, line: u64, column: usize, name: &str) -> DataError {
    let name = echoed(name);
    if text.is_empty() {
        DataError::EmptyField { line, column, name }
    } else {
        DataError::NotANumber { line, column, name, value: echoed(text) }
    }
}

fn class_label(number: f64) -> Option<u8> {
    if number == 0.0 {
        Some(0)
    } else if number == 1.0 {
        Some(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn error(text: &str) -> DataError {
        Dataset::from_csv_str(text).unwrap_err()
    }

    #[test]
    fn the_table_baked_at_build_time_is_what_the_reader_reads_from_heart_csv() {
        let (baked, read) = (Dataset::heart(), Dataset::from_csv_str(HEART_CSV).unwrap());
        assert_eq!(baked, read);
        // To the bit: the tenths divided by ten are the doubles the text reads as.
        assert!(baked.features.iter().zip(&read.features).all(|(a, b)| a.to_bits() == b.to_bits()));
        assert_eq!(HEART_CSV_FNV1A64, fnv1a64(HEART_CSV.as_bytes()));
    }

    #[test]
    fn the_bundled_file_is_the_documented_one() {
        let heart = Dataset::heart();
        assert_eq!(heart.n_samples(), 303);
        assert_eq!(
            heart.feature_names,
            [
                "age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca",
                "thal"
            ]
        );
        assert_eq!(heart.features.row(0).to_vec(), [63., 1., 3., 145., 233., 1., 0., 150., 0., 2.3, 0., 0., 1.]);
        assert_eq!(heart.target.iter().filter(|&&y| y == 0).count(), 138);
    }

    #[test]
    fn a_byte_order_mark_does_not_rename_the_first_column() {
        let data = Dataset::from_csv_str("\u{feff}age,target\n63,1\n").unwrap();
        assert_eq!(data.feature_names, ["age"]);
    }

    #[test]
    fn the_target_column_is_found_by_name_anywhere() {
        let data = Dataset::from_csv_str("target,b,a\n1,2,3\n0,4,5\n").unwrap();
        assert_eq!(data.feature_names, ["b", "a"]);
        assert_eq!(data.features.row(1).to_vec(), [4., 5.]);
        assert_eq!(data.target, [1, 0]);
    }

    #[test]
    fn features_are_found_by_name_whatever_the_files_order() {
        let heart = Dataset::heart();
        let names: Vec<&str> = heart.feature_names.iter().map(String::as_str).collect();
        // heart.csv with its columns reversed, the target first.
        let reversed = HEART_CSV
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|line| line.split(',').rev().collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n");
        let read = Dataset::from_csv_str(&reversed).unwrap();
        assert_ne!(read.feature_names, heart.feature_names);
        let read = read.with_features(&names).unwrap();
        assert_eq!(read, heart);
        assert!(read.features.iter().zip(&heart.features).all(|(a, b)| a.to_bits() == b.to_bits()));
        // In order already: the same value back.
        assert_eq!(heart.clone().with_features(&names).unwrap(), heart);
    }

    #[test]
    fn columns_missing_or_besides_the_features_are_named() {
        let columns = |missing: &[&str], unexpected: &[&str]| DataError::Columns {
            missing: missing.iter().map(|name| (*name).to_owned()).collect(),
            unexpected: unexpected.iter().map(|name| (*name).to_owned()).collect(),
        };
        let data = Dataset::from_csv_str("a,b,id,target\n1,2,3,0\n").unwrap();
        assert_eq!(data.clone().with_features(&["a", "b"]).unwrap_err(), columns(&[], &["id"]));
        assert_eq!(data.clone().with_features(&["a", "b", "c", "id", "d"]).unwrap_err(), columns(&["c", "d"], &[]));
        let both = data.with_features(&["b", "c"]).unwrap_err();
        assert_eq!(both, columns(&["c"], &["a", "id"]));
        assert_eq!(both.to_string(), "the file has no column `c`, and columns `a`, `id` that are not features");
        assert_eq!(columns(&[], &["id"]).to_string(), "the file has a column `id` that is not a feature");
        assert_eq!(columns(&["c", "d"], &[]).to_string(), "the file has no columns `c`, `d`");
    }

    #[test]
    fn spaces_blank_lines_and_float_labels_are_accepted() {
        let data = Dataset::from_csv_str("a , target\n 1.5 , 1.0\n\n2e1,0\n").unwrap();
        assert_eq!(data.features.column(0).to_vec(), [1.5, 20.0]);
        assert_eq!(data.target, [1, 0]);
    }

    #[test]
    fn an_empty_file_is_reported() {
        assert_eq!(error(""), DataError::Empty);
    }

    #[test]
    fn a_header_without_rows_is_reported() {
        assert_eq!(error("a,target\n"), DataError::NoRows);
    }

    #[test]
    fn a_missing_target_column_lists_the_columns() {
        assert_eq!(error("a,b\n1,2\n"), DataError::MissingTarget { columns: "`a`, `b`".into() });
        assert_eq!(error("a,b\n1,2\n").to_string(), "the header has no `target` column (it has: `a`, `b`)");
    }

    #[test]
    fn a_first_line_of_values_is_told_to_be_no_header() {
        let no_header = "line 1 is values, not a header naming the columns (`target` among them)";
        // UCI's raw form with `NA` for a missing value (not UCI's `?`): values read as names.
        let raw = "63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,NA,6.0,0\n67,1,4,160,286,0,2,108,1,1.5,2,3,3,2\n";
        assert_eq!(error(raw).to_string(), no_header);
        assert_eq!(error("1,2,3\n4,5,6\n"), DataError::NoHeader { line: 1 });
        assert_eq!(error("\n\n1,?,3\n4,5,6\n"), DataError::NoHeader { line: 3 });
        // A header whose names happen to be numbers, with `target`, is a header.
        assert_eq!(Dataset::from_csv_str("1,2,target\n4,5,1\n").unwrap().feature_names, ["1", "2"]);
    }

    #[test]
    fn a_file_separated_by_semicolons_or_tabs_is_told_so() {
        let semicolons = error("age;sex;target\n63;1;1\n");
        assert_eq!(semicolons, DataError::OtherSeparator { separator: "semicolons" });
        assert_eq!(
            semicolons.to_string(),
            "the header is one column with `target` inside: the file is separated by semicolons, where a CSV \
             file's fields are separated by commas (save or export it with commas)"
        );
        assert_eq!(error("age\tsex\ttarget\n63\t1\t1\n"), DataError::OtherSeparator { separator: "tabs" });
        // No `target` between them: the columns are listed as before.
        assert_eq!(error("a;b\n1;2\n"), DataError::MissingTarget { columns: "`a;b`".into() });
    }

    #[test]
    fn a_target_alone_has_no_features() {
        assert_eq!(error("target\n1\n"), DataError::NoFeatures);
    }

    #[test]
    fn duplicate_and_empty_column_names_are_reported() {
        assert_eq!(error("a,a,target\n1,2,1\n"), DataError::DuplicateColumn { name: "a".into() });
        assert_eq!(error("a,,target\n1,2,1\n"), DataError::EmptyColumnName { column: 2 });
    }

    #[test]
    fn a_short_or_long_row_names_its_line() {
        assert_eq!(error("a,target\n1,0\n1\n"), DataError::FieldCount { line: 3, expected: 2, found: 1 });
        assert_eq!(error("a,target\n1,0,7\n"), DataError::FieldCount { line: 2, expected: 2, found: 3 });
        assert_eq!(error("a,target\n1\n").to_string(), "line 2: expected 2 fields as in the header, found 1");
    }

    #[test]
    fn a_quote_left_open_is_named_not_the_count_of_fields() {
        // The quote opened on line 2 takes the rest of the file as one field.
        assert_eq!(
            error("a,b,target\n\"1,2,0\n3,4,1\n").to_string(),
            "line 2, column 1: `1,2,0\n3,4,1\n` is read as one field, in quotes with line breaks inside: is a \
             closing quote missing?"
        );
        assert_eq!(
            error("a,b,target\n1,\"2,0\n").to_string(),
            "line 2, column 2: `2,0\n` is read as one field, in quotes with line breaks inside: is a closing quote \
             missing?"
        );
        assert_eq!(
            error("a,b,target\n1,\"2,0\"\n"),
            DataError::QuotedSeparators { line: 2, column: 2, value: "2,0".into(), holding: "commas" }
        );
        // A quoted field of the right count is read as a value, and refused as one.
        assert_eq!(error("a,b,target\n1,\"2,5\",0\n").to_string(), "line 2, column 2 (`b`): `2,5` is not a number");
    }

    #[test]
    fn a_non_number_names_its_line_and_column() {
        assert_eq!(
            error("a,b,target\n1,2,0\n3,oops,1\n"),
            DataError::NotANumber { line: 3, column: 2, name: "b".into(), value: "oops".into() }
        );
        assert_eq!(error("a,target\n ,1\n"), DataError::EmptyField { line: 2, column: 1, name: "a".into() });
        assert_eq!(error("a,target\n ,1\n").to_string(), "line 2, column 1 (`a`) is empty");
    }

    /// A spreadsheet's empty rows (`,,,` as Excel writes them, or spaces) are blank lines,
    /// at the end, among the rows or before the header; the lines after them keep their
    /// numbers.
    #[test]
    fn rows_of_empty_fields_are_blank_lines() {
        let data = Dataset::from_csv_str(" , \r\na,target\r\n1,1\r\n,\r\n \t\r\n2,0\r\n,,\r\n").unwrap();
        assert_eq!(data.features.column(0).to_vec(), [1.0, 2.0]);
        assert_eq!(data.target, [1, 0]);
        assert_eq!(error("a,target\n,\n1,1\n ,\nx,0\n").to_string(), "line 5, column 1 (`a`): `x` is not a number");
        assert_eq!(error("a,target\n,\n \n"), DataError::NoRows);
    }

    /// Column names as a spreadsheet may capitalise them: `TARGET` is the target, `AGE`
    /// heart.csv's `age`.
    #[test]
    fn column_names_are_matched_whatever_their_case() {
        let data = Dataset::from_csv_str("B,Target,a\n2,1,1\n4,0,3\n").unwrap();
        assert_eq!(data.target, [1, 0]);
        let data = data.with_features(&["a", "b"]).unwrap();
        assert_eq!(data.feature_names, ["a", "b"]);
        assert_eq!(data.features, ndarray::array![[1.0, 2.0], [3.0, 4.0]]);
        let (header, rows) = HEART_CSV.split_once('\n').unwrap();
        let upper = Dataset::from_csv_str(&format!("{}\n{rows}", header.to_ascii_uppercase())).unwrap();
        assert_eq!(upper.with_features(HEART_FEATURE_NAMES).unwrap(), Dataset::heart());
    }

    #[test]
    fn nan_and_infinity_are_not_accepted() {
        for value in ["NaN", "nan", "inf", "-infinity", "1e999"] {
            assert_eq!(
                error(&format!("a,target\n{value},1\n")),
                DataError::NotFinite { line: 2, column: 1, name: "a".into(), value: value.into() },
            );
        }
    }

    #[test]
    fn a_target_other_than_0_or_1_is_reported() {
        for value in ["2", "-1", "0.5", "yes"] {
            let expected = if value == "yes" {
                DataError::NotANumber { line: 2, column: 2, name: "target".into(), value: value.into() }
            } else {
                DataError::BadTarget { line: 2, column: 2, value: value.into() }
            };
            assert_eq!(error(&format!("a,target\n1,{value}\n")), expected);
        }
    }

    #[test]
    fn invalid_utf8_names_its_line_and_column() {
        let bytes = b"a,target\n1,1\n0,\xff\n";
        assert_eq!(Dataset::from_csv(&bytes[..]).unwrap_err(), DataError::NotUtf8At { line: 3, column: 2 });
        assert_eq!(
            DataError::NotUtf8At { line: 3, column: 2 }.to_string(),
            "line 3, column 2: the file is not valid UTF-8"
        );
        let bytes = b"a,\xfftarget\r\n1,1\r\n";
        assert_eq!(Dataset::from_csv(&bytes[..]).unwrap_err(), DataError::NotUtf8At { line: 1, column: 2 });
        let bytes = b"a,target\r\n1,1\r\n\xff,0\r\n";
        assert_eq!(Dataset::from_csv(&bytes[..]).unwrap_err(), DataError::NotUtf8At { line: 3, column: 1 });
    }

    /// heart.csv's form with `ending` after every line, blank lines among them: each error
    /// names the line the file has it on, as an editor numbers it.
    fn lines_ending_with(ending: &str) -> Vec<(String, DataError)> {
        let file = |lines: &[&str]| lines.iter().map(|line| format!("{line}{ending}")).collect::<String>();
        let not_a_number = |line, column, name: &str, value: &str| DataError::NotANumber {
            line,
            column,
            name: name.into(),
            value: value.into(),
        };
        vec![
            (file(&["a,target", "x,1", "2,0"]), not_a_number(2, 1, "a", "x")),
            (file(&["a,target", "1,0", "x,1"]), not_a_number(3, 1, "a", "x")),
            (file(&["a,target", "1,0", "", "", "1,x"]), not_a_number(5, 2, "target", "x")),
            (file(&["", "a,target", "1,0", "x,1"]), not_a_number(4, 1, "a", "x")),
            (file(&["a,target", "1,0", "1"]), DataError::FieldCount { line: 3, expected: 2, found: 1 }),
            (file(&["a,target", "1,0", "1,2"]), DataError::BadTarget { line: 3, column: 2, value: "2".into() }),
            // A quoted field over two lines: the next record is on the line after both.
            (file(&["a,target", "\"1", "\",0", "x,1"]), not_a_number(4, 1, "a", "x")),
            (
                file(&["a,target", "\"1", "\",0", "", "1,\"", "\"", "x,1"]),
                DataError::EmptyField { line: 5, column: 2, name: "target".into() },
            ),
        ]
    }

    #[test]
    fn lines_are_numbered_as_in_the_file_with_any_line_ending() {
        for ending in ["\n", "\r\n", "\r"] {
            for (text, expected) in lines_ending_with(ending) {
                assert_eq!(Dataset::from_csv_str(&text).unwrap_err(), expected, "{text:?}");
                // The same file a few rows at a time, as the page reads it.
                let mut reader = crate::uci::FileReader::new(text.as_bytes()).unwrap();
                assert_eq!(reader.read_rows(1).and_then(|_| reader.read_rows(usize::MAX)), Err(expected), "{text:?}");
            }
        }
        // heart.csv itself ends its lines with CRLF: its 2nd row is on line 3.
        assert!(HEART_CSV.contains("\r\n"));
        let second_row = HEART_CSV.split("\r\n").nth(2).unwrap();
        let broken = HEART_CSV.replacen(second_row, &second_row.replacen(',', ",x", 1), 1);
        let error = Dataset::from_csv_str(&broken).unwrap_err().to_string();
        assert!(error.starts_with("line 3, column 2 (`sex`): `x"), "{error}");
    }

    #[test]
    fn a_long_field_is_echoed_cut_short() {
        let digits = "7".repeat(200_000);
        let refused = error(&format!("a,target\n{digits},1\n"));
        let cut = format!("{}…", "7".repeat(ECHOED_CHARS));
        assert_eq!(refused, DataError::NotFinite { line: 2, column: 1, name: "a".into(), value: cut.clone() });
        assert_eq!(refused.to_string(), format!("line 2, column 1 (`a`): `{cut}` is not a finite number"));
        let word = "é".repeat(ECHOED_CHARS + 1);
        let message = Dataset::from_csv_str(&format!("a,target\n{word},1\n")).unwrap_err().to_string();
        assert!(message.contains(&format!("`{}…`", "é".repeat(ECHOED_CHARS))), "{message}");
        assert_eq!(echoed(&"x".repeat(ECHOED_CHARS)), "x".repeat(ECHOED_CHARS), "up to the limit, whole");
        assert_eq!(echoed(""), "");
        // Column names too, and at most 20 of them.
        let name = "n".repeat(1_000);
        let message = error(&format!("{name},target\nx,1\n")).to_string();
        assert_eq!(message, format!("line 2, column 1 (`{}…`): `x` is not a number", "n".repeat(ECHOED_CHARS)));
        let message = error(&format!("{name},{name},target\n")).to_string();
        assert_eq!(message, format!("the header names column `{}…` twice", "n".repeat(ECHOED_CHARS)));
        let header: Vec<String> = (0..1_000).map(|i| format!("c{i}")).collect();
        let message = error(&format!("{}\n1\n", header.join(","))).to_string();
        assert!(message.ends_with("`c19`, … (1000 columns in all))"), "{message}");
    }

    #[test]
    fn an_unterminated_quote_is_not_a_panic() {
        let result = Dataset::from_csv_str("a,target\n\"1,1\n");
        assert!(result.is_err(), "{result:?}");
    }
}
