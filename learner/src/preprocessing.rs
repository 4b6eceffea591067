//! `StandardScaler` and `train_test_split`, with scikit-learn's arithmetic and index order.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use crate::error::{DataError, Error, Result};
use crate::random::RandomState;

/// scikit-learn's `StandardScaler` (with mean and with std): `(x - mean) / scale`, where
/// scale is the population standard deviation and 1 for a (near-)constant feature.
///
/// ```
/// use ndarray::array;
/// use learner::preprocessing::StandardScaler;
/// let x = array![[1.0, 7.0], [3.0, 7.0]];
/// let scaler = StandardScaler::fit(x.view()).unwrap();
/// assert_eq!(scaler.scale, vec![1.0, 1.0]); // std 1, and constant -> 1
/// assert_eq!(scaler.transform(x.view()).unwrap(), array![[-1.0, 0.0], [1.0, 0.0]]);
/// ```
///
/// Read (a model file's `scaler`) with its four fields, none missing and none besides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardScaler {
    /// `mean_`
    pub mean: Vec<f64>,
    /// `var_`: the population variance.
    pub var: Vec<f64>,
    /// `scale_`: `sqrt(var_)`, or 1 where the feature is constant.
    pub scale: Vec<f64>,
    /// `n_samples_seen_`
    pub n_samples_seen: usize,
}

impl StandardScaler {
    /// `StandardScaler().fit(x)`, summing as numpy does so the statistics are bit-identical.
    ///
    /// Refused where scikit-learn would go on with numbers that are not finite: a value that
    /// is not finite (its `check_array` refuses those too), and a feature whose variance
    /// overflows (values like 1e300, whose squares pass the largest double: scikit-learn's
    /// scale would be infinite and the mean of the squares NaN).
    ///
    /// ```
    /// use ndarray::array;
    /// use learner::{preprocessing::StandardScaler, Error};
    /// let far_apart = array![[1.0, 1e300], [2.0, -1e300]];
    /// assert_eq!(StandardScaler::fit(far_apart.view()), Err(Error::NotScalable { feature: 1 }));
    /// ```
    pub fn fit(x: ArrayView2<f64>) -> Result<Self> {
        let n = x.nrows();
        if n == 0 {
            return Err(Error::NoSamples { action: "fit a scaler" });
        }
        if x.ncols() == 0 {
            return Err(Error::NoFeatures { action: "fit a scaler" });
        }
        let count = n as f64;
        // sklearn's `_incremental_mean_and_var` from an empty start: the corrected two-pass
        // algorithm over numpy column sums (of the values, their deviations from the mean
        // and the squares of those), each summed in numpy's order by `pairwise_column_sums`
        // a row at a time: three passes over the rows (the columns copied out and each
        // summed on its own made six: 100,000 rows took 29 ms in the page).
        let copied: Vec<f64>;
        let values = match x.as_slice() {
            Some(values) => values,
            None => {
                copied = x.iter().copied().collect();
                &copied
            }
        };
        let width = x.ncols();
        let sums = pairwise_column_sums(values, &vec![0.0; width], Term::Deviation);
        // A value that is not finite makes its column's sum so: only then looked for.
        if sums.iter().any(|sum| !sum.is_finite()) {
            for (sample, row) in x.rows().into_iter().enumerate() {
                if let Some(feature) = row.iter().position(|value| !value.is_finite()) {
                    return Err(Error::NotFiniteIn { sample, feature });
                }
            }
        }
        let mean: Vec<f64> = sums.iter().map(|sum| sum / count).collect();
        let correction = pairwise_column_sums(values, &mean, Term::Deviation);
        let squares = pairwise_column_sums(values, &mean, Term::Square);
        let var: Vec<f64> = squares
            .iter()
            .zip(&correction)
            .map(|(squares, correction)| (squares - correction * correction / count) / count)
            .collect();
        Self::with_statistics(mean, var, n)
    }

    /// `partial_fit(x)` of a scaler fitted so far (or of [`StandardScaler::unfitted`]): its
    /// statistics and `x`'s combined as scikit-learn's `_incremental_mean_and_var` combines
    /// them (Chan, Golub and LeVeque's update), to the bit, so that a scaler kept current one
    /// sample or one batch at a time is scikit-learn's. A new scaler: a refused batch leaves
    /// this one as it was. On a fresh scaler it is [`fit`](Self::fit).
    ///
    /// ```
    /// use ndarray::array;
    /// use learner::preprocessing::StandardScaler;
    /// let mut scaler = StandardScaler::unfitted(2);
    /// for row in [[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]] {
    ///     scaler = scaler.partial_fit(array![row].view()).unwrap();
    /// }
    /// let all = StandardScaler::fit(array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]].view()).unwrap();
    /// assert_eq!((scaler.mean, scaler.n_samples_seen), (all.mean, all.n_samples_seen));
    /// assert_eq!(scaler.var[0], 8.0 / 3.0);
    /// ```
    pub fn partial_fit(&self, x: ArrayView2<f64>) -> Result<Self> {
        if x.ncols() != self.n_features() && x.nrows() > 0 {
            return Err(Error::FeatureCount { expected: self.n_features(), found: x.ncols() });
        }
        // The batch checked as `fit` checks it (rows, features, finite values), and its mean,
        // scikit-learn's `T`; then the sums scikit-learn combines, in numpy's order. `fit`
        // takes these sums too, but shares them with nothing: `fit` runs at the page's load,
        // and a helper returning them for both made its module 79 to 160 bytes bigger
        // gzipped (measured), for passes that a sample or a batch at a time cost little.
        let batch = Self::fit(x)?;
        let rows = x.as_standard_layout();
        let values = rows.as_slice().expect("a standard layout is contiguous");
        let new_sums = pairwise_column_sums(values, &vec![0.0; x.ncols()], Term::Deviation);
        let correction = pairwise_column_sums(values, &batch.mean, Term::Deviation);
        let squares = pairwise_column_sums(values, &batch.mean, Term::Square);
        let (last_count, count) = (self.n_samples_seen as f64, x.nrows() as f64);
        let updated_count = last_count + count;
        let (mut mean, mut var) = (Vec::with_capacity(x.ncols()), Vec::with_capacity(x.ncols()));
        for feature in 0..x.ncols() {
            let (last_sum, new_sum) = (self.mean[feature] * last_count, new_sums[feature]);
            mean.push((last_sum + new_sum) / updated_count);
            let new_unnormalized = squares[feature] - correction[feature] * correction[feature] / count;
            let unnormalized = if self.n_samples_seen == 0 {
                new_unnormalized
            } else {
                let last_over_new = last_count / count;
                let gap = last_sum / last_over_new - new_sum;
                self.var[feature] * last_count + new_unnormalized + last_over_new / updated_count * (gap * gap)
            };
            var.push(unnormalized / updated_count);
        }
        Self::with_statistics(mean, var, self.n_samples_seen + x.nrows())
    }

    /// A scaler before its first [`partial_fit`](Self::partial_fit), as scikit-learn's
    /// starts one: no samples seen, mean and variance 0 (its scale 1, the identity).
    pub fn unfitted(n_features: usize) -> Self {
        Self {
            mean: vec![0.0; n_features],
            var: vec![0.0; n_features],
            scale: vec![1.0; n_features],
            n_samples_seen: 0,
        }
    }

    /// The scaler of these statistics after `n_samples_seen` samples: each feature's scale its
    /// standard deviation, or 1 where scikit-learn finds it constant. Refused where they are
    /// not finite.
    fn with_statistics(mean: Vec<f64>, var: Vec<f64>, n_samples_seen: usize) -> Result<Self> {
        if let Some(feature) = mean.iter().zip(&var).position(|(mean, var)| !(mean.is_finite() && var.is_finite())) {
            return Err(Error::NotScalable { feature });
        }
        let count = n_samples_seen as f64;
        let scale = mean
            .iter()
            .zip(&var)
            .map(|(&mean, &var)| if is_constant_feature(var, mean, count) { 1.0 } else { var.sqrt() })
            .collect();
        Ok(Self { mean, var, scale, n_samples_seen })
    }

    /// [`fit`](Self::fit) on a data set's columns, a column that cannot be scaled refused
    /// by its name (`names` in the columns' order).
    pub fn fit_named(x: ArrayView2<f64>, names: &[String]) -> Result<Self> {
        Self::fit(x).map_err(|error| match error {
            Error::NotScalable { feature } if feature < names.len() => {
                DataError::NotScalable { name: names[feature].clone() }.into()
            }
            error => error,
        })
    }

    pub fn n_features(&self) -> usize {
        self.mean.len()
    }

    /// Whether statistics read from a file can scale rows of `n_features` values: one mean,
    /// variance and scale per feature, each finite, every scale positive and every variance
    /// non-negative. The reason names the field after `prefix` (`scaler.` in a model file).
    ///
    /// ```
    /// let scaler = learner::preprocessing::StandardScaler { mean: vec![0.0], var: vec![1.0], scale: vec![0.0], n_samples_seen: 2 };
    /// assert_eq!(scaler.check_statistics(2, "").unwrap_err(), "mean has 1 value, expected 2");
    /// assert_eq!(scaler.check_statistics(1, "scaler.").unwrap_err(), "scaler.scale must be positive and scaler.var non-negative");
    /// ```
    // Inlined: the page's split profile names the loader that calls it, not a function of its
    // own (one it does not name would be left to the lazy module).
    #[inline(always)]
    pub fn check_statistics(&self, n_features: usize, prefix: &str) -> std::result::Result<(), String> {
        for (name, values) in [("mean", &self.mean), ("var", &self.var), ("scale", &self.scale)] {
            if values.len() != n_features {
                return Err(format!(
                    "{prefix}{name} has {}, expected {n_features}",
                    crate::format::counted(values.len(), "value", "values")
                ));
            }
            if let Some(value) = values.iter().find(|value| !value.is_finite()) {
                return Err(format!("{prefix}{name} holds {}, not a finite number", crate::format::shortest(*value)));
            }
        }
        if self.scale.iter().any(|s| *s <= 0.0) || self.var.iter().any(|v| *v < 0.0) {
            return Err(format!("{prefix}scale must be positive and {prefix}var non-negative"));
        }
        Ok(())
    }

    /// `transform(x)`: `x -= mean_; x /= scale_`.
    pub fn transform(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        let mut out = x.to_owned();
        for mut row in out.rows_mut() {
            self.transform_row(row.as_slice_mut().expect("an owned array is contiguous"))?;
        }
        Ok(out)
    }

    /// Scale one sample in place.
    pub fn transform_row(&self, row: &mut [f64]) -> Result<()> {
        if row.len() != self.n_features() {
            return Err(Error::FeatureCount { expected: self.n_features(), found: row.len() });
        }
        for ((value, mean), scale) in row.iter_mut().zip(&self.mean).zip(&self.scale) {
            *value -= mean;
            *value /= scale;
        }
        Ok(())
    }
}

/// sklearn's `_is_constant_feature`: variance within rounding error of zero.
fn is_constant_feature(var: f64, mean: f64, n_samples: f64) -> bool {
    let eps = f64::EPSILON;
    let bound = n_samples * eps * var + (n_samples * mean * eps).powi(2);
    var <= bound
}

/// numpy's pairwise summation (`pairwise_sum_DOUBLE`), used by `np.sum` over a contiguous
/// column: eight interleaved partial sums in blocks of up to 128, halves above that; the
/// one-column case of [`pairwise_column_sums`].
pub(crate) fn pairwise_sum(a: &[f64]) -> f64 {
    pairwise_column_sums(a, &[0.0], Term::Deviation)[0]
}

/// What [`pairwise_column_sums`] adds up for a value `x` of a column centred on `c`.
#[derive(Clone, Copy, PartialEq)]
enum Term {
    /// `x - c`: the value itself where `c` is 0 (`x - 0.0` is `x`, to the bit, -0.0 too).
    Deviation,
    /// `(x - c)²`
    Square,
}

/// numpy's pairwise summation (`pairwise_sum_DOUBLE`) of each column of `values` (rows of
/// `center.len()` values, one after another) of its [`Term`], with the same additions in the
/// same order as over each column on its own (so the same sums, to the bit), read a row at a
/// time: the blocks of up to 128 rows and their halves are numpy's, and in a block each
/// column keeps its eight partial sums. One function for every sum, not one per closure:
/// the page's primary module holds it.
fn pairwise_column_sums(values: &[f64], center: &[f64], term: Term) -> Vec<f64> {
    const BLOCK: usize = 128;
    let width = center.len();
    let n = values.len().checked_div(width).unwrap_or(0);
    let rows = |first: usize, count: usize| values[first * width..(first + count) * width].chunks_exact(width);
    if n > BLOCK {
        let mut half = n / 2;
        half -= half % 8;
        let (first, second) = values.split_at(half * width);
        let mut sums = pairwise_column_sums(first, center, term);
        for (sum, second) in sums.iter_mut().zip(pairwise_column_sums(second, center, term)) {
            *sum += second;
        }
        return sums;
    }
    // Below 8 rows, a sum from 0.0 (numpy's start, which matters for -0.0); otherwise eight
    // partial sums a column, the k-th row of `partials` the sums of rows k, k + 8, k + 16,
    // ..., each from -0.0 (to which adding x gives x, to the bit: the same as starting from
    // the row's own value, as numpy does), then the rows left over.
    let whole = if n < 8 { 0 } else { n - n % 8 };
    let mut partials = vec![-0.0; 8 * width];
    for (index, row) in rows(0, whole).enumerate() {
        add_terms(&mut partials[index % 8 * width..][..width], row, center, term);
    }
    let mut sums = vec![0.0; width];
    if n >= 8 {
        let r = |k: usize, column: usize| partials[k * width + column];
        for (column, sum) in sums.iter_mut().enumerate() {
            *sum = ((r(0, column) + r(1, column)) + (r(2, column) + r(3, column)))
                + ((r(4, column) + r(5, column)) + (r(6, column) + r(7, column)));
        }
    }
    for row in rows(whole, n - whole) {
        add_terms(&mut sums, row, center, term);
    }
    sums
}

/// Adds each value's [`Term`] to its column's sum. One copy of the loop for the blocks and
/// the rows left over (not inlined into each: the page's primary module holds it).
#[inline(never)]
fn add_terms(sums: &mut [f64], row: &[f64], center: &[f64], term: Term) {
    for ((sum, &value), &center) in sums.iter_mut().zip(row).zip(center) {
        let deviation = value - center;
        *sum += if term == Term::Square { deviation * deviation } else { deviation };
    }
}

/// The row indices of a train/test split, each in scikit-learn's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

/// `train_test_split(range(n_samples), test_size=test_size, random_state=seed)`:
/// `ceil(test_size * n)` test rows, the first of `RandomState(seed).permutation(n)`, and the
/// rest for training, in permutation order.
///
/// ```
/// let split = learner::preprocessing::train_test_split(303, 0.2, 0).unwrap();
/// assert_eq!((split.train.len(), split.test.len()), (242, 61));
/// assert_eq!(split.test[..3], [225, 152, 228]);
/// ```
pub fn train_test_split(n_samples: usize, test_size: f64, seed: u32) -> Result<Split> {
    if !(test_size > 0.0 && test_size < 1.0) {
        return Err(Error::InvalidParams(format!(
            "test_size must be in (0, 1), got {}",
            crate::format::shortest(test_size)
        )));
    }
    let n_test = (test_size * n_samples as f64).ceil() as usize;
    if n_samples < 2 {
        return Err(Error::TooFewSamples { samples: n_samples });
    }
    if n_test >= n_samples {
        return Err(empty_training_set(test_size, n_samples));
    }
    Ok(split_at(n_samples, n_test, seed))
}

/// [`train_test_split`] with scikit-learn's whole-number `test_size`: `n_test` test rows
/// (at least one, and fewer than `n_samples`), the first of the same permutation.
///
/// ```
/// use learner::preprocessing::{train_test_split, train_test_split_rows};
/// assert_eq!(train_test_split_rows(303, 61, 0).unwrap(), train_test_split(303, 0.2, 0).unwrap());
/// assert_eq!(
///     train_test_split_rows(10, 10, 0).unwrap_err().to_string(),
///     "invalid hyper-parameter: test_size 10 leaves none of the 10 samples to train on"
/// );
/// ```
pub fn train_test_split_rows(n_samples: usize, n_test: usize, seed: u32) -> Result<Split> {
    if n_samples < 2 {
        return Err(Error::TooFewSamples { samples: n_samples });
    }
    if n_test == 0 {
        return Err(Error::InvalidParams("test_size must be at least one sample".to_owned()));
    }
    if n_test >= n_samples {
        return Err(empty_training_set(n_test as f64, n_samples));
    }
    Ok(split_at(n_samples, n_test, seed))
}

/// The first `n_test` of `RandomState(seed).permutation(n_samples)` for testing, the rest
/// for training, in permutation order. Inlined, as the page's split profile names its caller.
#[inline(always)]
fn split_at(n_samples: usize, n_test: usize, seed: u32) -> Split {
    let mut permutation = RandomState::new(seed).permutation(n_samples);
    let train = permutation.split_off(n_test);
    Split { train, test: permutation }
}

/// scikit-learn's "the resulting train set will be empty", said of `test_size`. Apart and
/// cold: the page splits at load, and its module keeps what runs then (this never does).
#[cold]
#[inline(never)]
fn empty_training_set(test_size: f64, n_samples: usize) -> Error {
    Error::InvalidParams(format!(
        "test_size {} leaves none of the {n_samples} samples to train on",
        crate::format::shortest(test_size)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn pairwise_sum_splits_like_numpy() {
        // Values whose sum depends on the association order.
        let values: Vec<f64> = (0..303).map(|i| 1.0 / f64::from(i + 1) + 1e16 * f64::from(i % 3 == 0)).collect();
        let half = 144; // 151 rounded down to a multiple of 8
        assert_eq!(pairwise_sum(&values), pairwise_sum(&values[..half]) + pairwise_sum(&values[half..]));
        assert_eq!(pairwise_sum(&values).to_bits(), numpy_pairwise_sum(&values).to_bits());
        assert_eq!(pairwise_sum(&[1.0, 2.0, 3.0]), 6.0);
        assert_eq!(pairwise_sum(&[]), 0.0);
    }

    /// numpy's `pairwise_sum_DOUBLE` as numpy writes it, a column on its own: the reference
    /// the row-at-a-time sums are checked against.
    fn numpy_pairwise_sum(a: &[f64]) -> f64 {
        const BLOCK: usize = 128;
        let n = a.len();
        if n < 8 {
            // numpy starts the reduction from the identity 0.0 here too (it matters for -0.0).
            a.iter().fold(0.0, |sum, &x| sum + x)
        } else if n <= BLOCK {
            let mut r = [0.0; 8];
            r.copy_from_slice(&a[..8]);
            let whole = n - n % 8;
            for chunk in a[8..whole].chunks_exact(8) {
                for (partial, &x) in r.iter_mut().zip(chunk) {
                    *partial += x;
                }
            }
            let mut sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &x in &a[whole..] {
                sum += x;
            }
            sum
        } else {
            let mut half = n / 2;
            half -= half % 8;
            numpy_pairwise_sum(&a[..half]) + numpy_pairwise_sum(&a[half..])
        }
    }

    /// The statistics as scikit-learn computes them a column at a time (numpy's sums over
    /// each column, contiguous): mean and variance.
    fn column_by_column(x: &Array2<f64>) -> (Vec<f64>, Vec<f64>) {
        let count = x.nrows() as f64;
        x.columns()
            .into_iter()
            .map(|column| {
                let column: Vec<f64> = column.to_vec();
                let mean = numpy_pairwise_sum(&column) / count;
                let deviations: Vec<f64> = column.iter().map(|value| value - mean).collect();
                let squares: Vec<f64> = deviations.iter().map(|deviation| deviation * deviation).collect();
                let correction = numpy_pairwise_sum(&deviations);
                (mean, (numpy_pairwise_sum(&squares) - correction * correction / count) / count)
            })
            .unzip()
    }

    #[test]
    fn the_statistics_summed_a_row_at_a_time_are_numpys_to_the_bit() {
        // Row counts on each side of numpy's block (8, 128) and halving boundaries, values
        // spread over many magnitudes so that any other order of the additions shows.
        let mut random = crate::random::RandomState::new(7);
        for rows in [1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 136, 255, 256, 257, 1000, 4099, 100_003] {
            let x = Array2::from_shape_fn((rows, 5), |(row, column)| {
                let magnitude = 10f64.powi((row * 7 + column * 3) as i32 % 17 - 8);
                (random.random_sample() - 0.3) * magnitude + column as f64 * 1e3
            });
            let scaler = StandardScaler::fit(x.view()).unwrap();
            let (mean, var) = column_by_column(&x);
            let bits = |values: &[f64]| values.iter().map(|value| value.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&scaler.mean), bits(&mean), "means of {rows} rows");
            assert_eq!(bits(&scaler.var), bits(&var), "variances of {rows} rows");
        }
        // Negative zeros: numpy's sum of a few is 0.0 (from its start, 0.0), of eight or more
        // -0.0.
        for rows in [3, 8, 20, 300] {
            let zeros = Array2::from_elem((rows, 2), -0.0);
            let (mean, _) = column_by_column(&zeros);
            let scaler = StandardScaler::fit(zeros.view()).unwrap();
            assert_eq!(scaler.mean[0].to_bits(), mean[0].to_bits(), "{rows} rows of -0.0");
            assert_eq!(scaler.mean[0].is_sign_negative(), rows >= 8);
        }
        // A view that is not in standard layout (the columns of a transposed array).
        let x = Array2::from_shape_fn((3, 300), |(row, column)| (row * 300 + column) as f64 / 7.0);
        let scaler = StandardScaler::fit(x.t()).unwrap();
        let (mean, var) = column_by_column(&x.t().to_owned());
        assert_eq!((scaler.mean, scaler.var), (mean, var));
    }

    #[test]
    fn fitting_zero_rows_or_rows_with_no_values_is_an_error() {
        let empty = Array2::<f64>::zeros((0, 3));
        assert_eq!(StandardScaler::fit(empty.view()), Err(Error::NoSamples { action: "fit a scaler" }));
        let no_values = Array2::<f64>::zeros((3, 0));
        assert_eq!(StandardScaler::fit(no_values.view()), Err(Error::NoFeatures { action: "fit a scaler" }));
    }

    #[test]
    fn fitting_values_that_are_not_finite_is_an_error() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let x = array![[1.0, 2.0], [3.0, bad], [4.0, 5.0]];
            assert_eq!(StandardScaler::fit(x.view()), Err(Error::NotFiniteIn { sample: 1, feature: 1 }));
        }
    }

    #[test]
    fn fitting_values_whose_variance_overflows_is_an_error() {
        // Finite values whose squares (or sum) pass the largest double.
        for far in [1e300, 1e160, f64::MAX] {
            let x = array![[1.0, far], [2.0, -far], [3.0, far]];
            assert_eq!(StandardScaler::fit(x.view()), Err(Error::NotScalable { feature: 1 }));
        }
        let summed = array![[f64::MAX], [f64::MAX]];
        assert_eq!(StandardScaler::fit(summed.view()), Err(Error::NotScalable { feature: 0 }));
        // Large but scalable: what it scales to is finite.
        let named =
            StandardScaler::fit_named(array![[1.0, 1e300], [2.0, -1e300]].view(), &["age".into(), "chol".into()]);
        assert_eq!(named, Err(DataError::NotScalable { name: "chol".into() }.into()));
        assert_eq!(
            named.unwrap_err().to_string(),
            "column `chol` holds values too far apart to scale: their variance is beyond the largest number a double holds"
        );
        let large = array![[1e150], [-1e150], [3e150]];
        let scaler = StandardScaler::fit(large.view()).unwrap();
        assert!(scaler.transform(large.view()).unwrap().iter().all(|value| value.is_finite()));
    }

    #[test]
    fn transforming_the_wrong_width_is_an_error() {
        let scaler = StandardScaler::fit(array![[1.0, 2.0], [3.0, 5.0]].view()).unwrap();
        assert_eq!(
            scaler.transform(array![[1.0, 2.0, 3.0]].view()),
            Err(Error::FeatureCount { expected: 2, found: 3 })
        );
    }

    #[test]
    fn a_split_needs_a_sensible_test_size_and_enough_rows() {
        assert!(matches!(train_test_split(10, 0.0, 0), Err(Error::InvalidParams(_))));
        assert!(matches!(train_test_split(10, 1.0, 0), Err(Error::InvalidParams(_))));
        assert!(matches!(train_test_split(10, f64::NAN, 0), Err(Error::InvalidParams(_))));
        assert_eq!(train_test_split(1, 0.2, 0), Err(Error::TooFewSamples { samples: 1 }));
        assert_eq!(train_test_split(0, 0.2, 0), Err(Error::TooFewSamples { samples: 0 }));
        assert_eq!(
            Error::TooFewSamples { samples: 1 }.to_string(),
            "the data set has 1 sample: too few to split into a training and a test set"
        );
        let split = train_test_split(2, 0.2, 0).unwrap();
        assert_eq!((split.train.len(), split.test.len()), (1, 1));
        // Enough rows, but a test_size that leaves none to train on: the reason is test_size.
        assert_eq!(
            train_test_split(50, 0.999, 0).unwrap_err().to_string(),
            "invalid hyper-parameter: test_size 0.999 leaves none of the 50 samples to train on"
        );
        assert_eq!(train_test_split(50, 0.98, 0).map(|split| split.train.len()), Ok(1));
    }
}
