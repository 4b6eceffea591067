//! The classes `predict` gives, found with a quarter of its arithmetic: each row first goes
//! through the network in single precision with fused multiply-adds (eight floats per
//! vector on x86-64 with AVX2 and FMA), with a bound on how far that output can be from the
//! one the exact forward pass computes. Where the bound leaves the sign certain, it is the
//! class; the few rows near the boundary go through the exact forward pass. The classes are
//! those of the exact forward pass, every time: only their arithmetic differs.
//!
//! The bound, per row and layer, with `E` the bound on the inputs' error (the largest over
//! the layer's inputs), `M` the largest input, `C = max_j sum_k |w_kj|` and `B = max_j |b_j|`:
//!
//! ```text
//! E' = E C + eps ((M + E) C + B) + tau,    eps = (fan_in + 4) 2^-23
//! ```
//!
//! The exact pre-activation `s = b + sum_k a_k w_k`, rounded per multiply and add, is within
//! `gamma64_{n+1} (sum_k |a_k w_k| + |b|)` of the real one; the single-precision one, from
//! weights and inputs rounded to floats (each within `2^-24` of their value, relative) and
//! `n` fused multiply-adds, within `gamma32_{n+1}` of the real one of its rounded operands;
//! the rounded operands' sum differs from the exact inputs' by at most `E C` plus `2^-24 M
//! C`. `eps` is more than twice the sum of those factors; `tau = (fan_in + 2) (M + E + 1)
//! 2^-148` covers the floats' underflow (each rounding at most 2^-150 absolute below 2^-126),
//! and the factor `1 + 2^-40` on `E'` the rounding of its own arithmetic. ReLU moves no two
//! values further apart. At the output, the exact class is 1 where the logistic of the exact
//! sum `z` is above 0.5: certainly where `z >= 2^-30`, never where `z <= 0`; the
//! single-precision sum decides where it is beyond `E + 2^-30` (and a hair more for the
//! comparison's rounding) on either side.
//!
//! Numbers too big for floats (any weight, input or sum's bound above 1e30) leave the row
//! to the exact forward pass.

/// The most any weight, input or pre-activation may be for the single-precision pass.
const LARGEST: f64 = 1e30;
/// Floats per vector.
const LANES: usize = 8;
/// Rows taken through a layer together (they share each load of weights).
const TILE: usize = 4;
/// Vectors of a layer's outputs computed together.
const BLOCK: usize = 2;
/// `2^exponent`, for exponents of normal doubles.
const fn two_to(exponent: i32) -> f64 {
    f64::from_bits(((1023 + exponent) as u64) << 52)
}
/// A class the single-precision pass leaves to the exact forward pass.
const UNSURE: u8 = 2;
/// From how many rows the single-precision pass goes first (its network in floats costs
/// about one row's exact forward pass).
const SCREENED_ROWS: usize = 8;

use super::{Layout, MlpClassifier};

/// Whether this processor runs the single-precision pass.
fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// A weight layer in floats, its rows padded to whole vectors with zeros.
struct Layer {
    fan_in: usize,
    /// The layer's inputs' padded width (its rows of coefficients).
    fan_in_padded: usize,
    fan_out: usize,
    /// `fan_out`, padded.
    width: usize,
    /// `fan_in_padded x width`, row-major; for a single unit, its `fan_in_padded` weights.
    coefs: Vec<f32>,
    intercepts: Vec<f32>,
    /// `C`: the largest sum of a unit's weights' magnitudes, rounded up.
    norm: f64,
    /// `B`: the largest intercept's magnitude.
    bias: f64,
    /// `eps`.
    eps: f64,
}

fn padded(units: usize) -> usize {
    units.div_ceil(LANES) * LANES
}

/// The network in floats, or `None` where a weight is too big for them.
#[target_feature(enable = "avx2")]
unsafe fn layers(layout: &Layout, weights: &[f64]) -> Option<Vec<Layer>> {
    let mut layers = Vec::with_capacity(layout.n_weight_layers());
    for layer in 0..layout.n_weight_layers() {
        let (fan_in, fan_out) = layout.shape(layer);
        let (fan_in_padded, width) = (padded(fan_in), padded(fan_out));
        let coefs64 = &weights[layout.coefs(layer)];
        let intercepts64 = &weights[layout.intercepts(layer)];
        let (coefs, sums) = if fan_out == 1 {
            let mut coefs: Vec<f32> = coefs64.iter().map(|&w| w as f32).collect();
            coefs.resize(fan_in_padded, 0.0);
            (coefs, vec![sum_of_magnitudes(coefs64)])
        } else {
            let mut coefs = vec![0.0f32; fan_in_padded * width];
            let mut sums = vec![0.0f64; fan_out];
            for (k, weights) in coefs64.chunks_exact(fan_out).enumerate() {
                let row = &mut coefs[k * width..][..fan_out];
                let sums = &mut sums[..fan_out];
                for j in 0..fan_out {
                    row[j] = weights[j] as f32;
                    sums[j] += weights[j].abs();
                }
            }
            (coefs, sums)
        };
        // Every weight and intercept at most LARGEST: each unit's sum of its weights'
        // magnitudes is (and NaN fails the comparison), and so is the intercepts'.
        if !(sums.iter().all(|&sum| sum <= LARGEST) && sum_of_magnitudes(intercepts64) <= LARGEST) {
            return None;
        }
        let mut intercepts = vec![0.0f32; width];
        for (float, &b) in intercepts.iter_mut().zip(intercepts64) {
            *float = b as f32;
        }
        // Each sum of fan_in magnitudes is within fan_in 2^-53 of its value, relative.
        let norm = largest_of(sums.iter().copied()) * (1.0 + (fan_in + 1) as f64 * two_to(-52));
        let bias = largest_of(intercepts64.iter().map(|b| b.abs()));
        let eps = (fan_in + 4) as f64 * two_to(-23);
        layers.push(Layer { fan_in, fan_in_padded, fan_out, width, coefs, intercepts, norm, bias, eps });
    }
    Some(layers)
}

/// The sum of the magnitudes of `values`, in four chains (in any order it is within
/// `values.len() 2^-53` of its value, relative); NaN if one is.
#[inline(always)]
fn sum_of_magnitudes(values: &[f64]) -> f64 {
    let mut sums = [0.0f64; 4];
    let mut quads = values.chunks_exact(4);
    for quad in &mut quads {
        for (sum, x) in sums.iter_mut().zip(quad) {
            *sum += x.abs();
        }
    }
    quads.remainder().iter().fold((sums[0] + sums[2]) + (sums[1] + sums[3]), |sum, x| sum + x.abs())
}

/// The largest of `values` (none NaN), in four chains.
#[inline(always)]
fn largest_of(values: impl Iterator<Item = f64>) -> f64 {
    let mut largest = [0.0f64; 4];
    for (index, x) in values.enumerate() {
        let lane = &mut largest[index % 4];
        *lane = if x > *lane { x } else { *lane };
    }
    largest.into_iter().fold(0.0, |max, x| if x > max { x } else { max })
}

/// The class `predict` gives each of the row-major rows in `input`, found by the
/// single-precision pass, the rows it is unsure of by the model's exact forward pass; `None`
/// where this pass does not pay (fewer than [`SCREENED_ROWS`] rows), the processor lacks
/// AVX2 or FMA, or the network's weights are too big for floats.
pub(super) fn classes(model: &MlpClassifier, input: &[f64]) -> Option<Vec<u8>> {
    let n_features = model.n_features();
    if input.len() < SCREENED_ROWS * n_features || !available() {
        return None;
    }
    let mut classes = screen(&model.layout, &model.weights, input)?;
    let unsure: Vec<usize> = (0..classes.len()).filter(|&row| classes[row] == UNSURE).collect();
    if !unsure.is_empty() {
        let rows: Vec<f64> = unsure.iter().flat_map(|&row| &input[row * n_features..][..n_features]).copied().collect();
        for (&row, p) in unsure.iter().zip(model.proba_of_rows(&rows)) {
            classes[row] = u8::from(p > 0.5);
        }
    }
    Some(classes)
}

/// The class of each row-major row of `input`, 0 or 1 where the single-precision pass is
/// sure of it, [`UNSURE`] where not; `None` where the network's weights are too big for
/// floats. Requires [`available`].
fn screen(layout: &Layout, weights: &[f64], input: &[f64]) -> Option<Vec<u8>> {
    debug_assert!(available());
    // SAFETY: `available` said the processor has AVX2.
    let layers = unsafe { layers(layout, weights)? };
    let n_features = layout.layer_units()[0];
    let mut classes = vec![UNSURE; input.len() / n_features];
    // SAFETY: `available` said the processor has AVX2 and FMA.
    unsafe { classes_avx2(&layers, input, n_features, &mut classes) };
    Some(classes)
}

#[target_feature(enable = "avx2,fma")]
unsafe fn classes_avx2(layers: &[Layer], input: &[f64], n_features: usize, classes: &mut [u8]) {
    let widest = layers.iter().map(|layer| layer.width.max(layer.fan_in_padded)).max().unwrap_or(LANES);
    let mut buffers = [vec![0.0f32; TILE * widest], vec![0.0f32; TILE * widest]];
    let mut tiles = input.chunks_exact(TILE * n_features).zip(classes.chunks_exact_mut(TILE));
    // SAFETY (both): the caller's processor has AVX2 and FMA.
    for (rows, classes) in &mut tiles {
        unsafe { tile::<TILE>(layers, rows, n_features, widest, &mut buffers, classes) };
    }
    let done = input.len() / n_features / TILE * TILE;
    for (row, class) in input[done * n_features..].chunks_exact(n_features).zip(&mut classes[done..]) {
        unsafe { tile::<1>(layers, row, n_features, widest, &mut buffers, std::slice::from_mut(class)) };
    }
}

/// `R` rows through the network, side by side. `buffers` hold `R` rows of `stride` floats.
#[target_feature(enable = "avx2,fma")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn tile<const R: usize>(
    layers: &[Layer],
    rows: &[f64],
    n_features: usize,
    stride: usize,
    buffers: &mut [Vec<f32>; 2],
    classes: &mut [u8],
) {
    let [mut inputs, mut outputs] = buffers.each_mut().map(|buffer| &mut buffer[..R * stride]);
    // Per row: the bound on the error of its current layer's inputs, and their largest.
    let mut error = [0.0f64; R];
    let mut largest = [0.0f64; R];
    for (r, row) in rows.chunks_exact(n_features).enumerate() {
        // SAFETY: the caller's processor has AVX2.
        largest[r] = unsafe { to_floats(row, &mut inputs[r * stride..][..padded(n_features)]) };
        // Each input rounded to a float: within 2^-24 of it relative, or 2^-150 absolute
        // below 2^-126. (An input past LARGEST leaves the row unsure at the first layer.)
        error[r] = largest[r] * two_to(-24) + two_to(-149);
    }
    for (index, layer) in layers.iter().enumerate() {
        for r in 0..R {
            let (e, m) = (error[r], largest[r]);
            let tau = (layer.fan_in + 2) as f64 * (m + e + 1.0) * two_to(-148);
            let bound = (e * layer.norm + layer.eps * ((m + e) * layer.norm + layer.bias) + tau) * (1.0 + two_to(-40));
            // The sums themselves must stay far inside the floats' range.
            let too_big = !(m <= LARGEST && (m + e) * layer.norm + layer.bias <= LARGEST && bound <= LARGEST);
            error[r] = if too_big { f64::INFINITY } else { bound };
        }
        // SAFETY (both): the caller's processor has AVX2 and FMA.
        if layer.fan_out == 1 {
            unsafe { dot::<R>(inputs, stride, layer, outputs) };
        } else {
            unsafe { affine::<R>(inputs, stride, layer, outputs) };
        }
        let last = index + 1 == layers.len();
        for r in 0..R {
            let out = &mut outputs[r * stride..][..layer.width];
            if last {
                // Compared, not subtracted: `z >= margin` says `z - error >= 2^-30` with
                // room for the margin's own rounding (the |z| term), and likewise below.
                let z = f64::from(out[0]);
                let margin = error[r] + z.abs() * two_to(-50) + two_to(-30);
                classes[r] = if !margin.is_finite() {
                    UNSURE
                } else if z >= margin {
                    1
                } else if z <= -margin {
                    0
                } else {
                    UNSURE
                };
            } else {
                // SAFETY: the caller's processor has AVX2.
                largest[r] = f64::from(unsafe { relu_max(out) });
            }
        }
        std::mem::swap(&mut inputs, &mut outputs);
    }
}

/// `row` rounded to floats into `into`, the rest of `into` zeroed; the largest magnitude
/// in `row`. (The rows are finite: `predict` checked them.)
#[target_feature(enable = "avx2")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn to_floats(row: &[f64], into: &mut [f32]) -> f64 {
    use std::arch::x86_64::{_mm256_andnot_pd, _mm256_cvtpd_ps, _mm256_loadu_pd, _mm256_max_pd, _mm256_set1_pd};
    use std::arch::x86_64::{_mm256_setzero_pd, _mm256_storeu_pd, _mm_storeu_ps};
    assert!(into.len() >= row.len());
    let sign = unsafe { _mm256_set1_pd(-0.0) };
    let mut max = unsafe { _mm256_setzero_pd() };
    let mut quads = row.chunks_exact(4);
    let mut k = 0;
    for quad in &mut quads {
        // SAFETY: `quad` holds 4 doubles, and `into` 4 floats from k (asserted above).
        unsafe {
            let x = _mm256_loadu_pd(quad.as_ptr());
            max = _mm256_max_pd(max, _mm256_andnot_pd(sign, x));
            _mm_storeu_ps(into.as_mut_ptr().add(k), _mm256_cvtpd_ps(x));
        }
        k += 4;
    }
    let mut lanes = [0.0f64; 4];
    // SAFETY: `lanes` holds 4 doubles.
    unsafe { _mm256_storeu_pd(lanes.as_mut_ptr(), max) };
    let mut largest = lanes.into_iter().fold(0.0f64, |max, x| if x > max { x } else { max });
    for &x in quads.remainder() {
        into[k] = x as f32;
        largest = if x.abs() > largest { x.abs() } else { largest };
        k += 1;
    }
    into[k..].fill(0.0);
    largest
}

/// ReLU in place on whole vectors (the padded units are 0 and stay so), and the largest
/// value: the next layer's largest input. (No value here is NaN: the sums' bound keeps them
/// finite, or the row is unsure.)
#[target_feature(enable = "avx2")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn relu_max(out: &mut [f32]) -> f32 {
    use std::arch::x86_64::_mm_shuffle_ps;
    use std::arch::x86_64::{_mm256_castps256_ps128, _mm256_extractf128_ps, _mm256_loadu_ps, _mm256_max_ps};
    use std::arch::x86_64::{_mm256_setzero_ps, _mm256_storeu_ps, _mm_cvtss_f32, _mm_max_ps, _mm_movehl_ps};
    let mut max = unsafe { _mm256_setzero_ps() };
    for vector in out.chunks_exact_mut(LANES) {
        // SAFETY: `vector` holds LANES floats.
        unsafe {
            let z = _mm256_max_ps(_mm256_loadu_ps(vector.as_ptr()), _mm256_setzero_ps());
            _mm256_storeu_ps(vector.as_mut_ptr(), z);
            max = _mm256_max_ps(max, z);
        }
    }
    unsafe {
        let half = _mm_max_ps(_mm256_castps256_ps128(max), _mm256_extractf128_ps::<1>(max));
        let quarter = _mm_max_ps(half, _mm_movehl_ps(half, half));
        _mm_cvtss_f32(_mm_max_ps(quarter, _mm_shuffle_ps::<1>(quarter, quarter)))
    }
}

/// `out[r][0] = intercept + sum_k inputs[r][k] * coefs[k]` for the single unit of `layer`,
/// `R` rows of `stride` floats, each in `LANES` chains of fused multiply-adds, then across
/// them; the rest of each row's `width` outputs zeroed.
#[target_feature(enable = "avx2,fma")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn dot<const R: usize>(inputs: &[f32], stride: usize, layer: &Layer, outputs: &mut [f32]) {
    use std::arch::x86_64::{__m256, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_setzero_ps, _mm256_storeu_ps};
    let n = layer.fan_in_padded;
    assert!(R > 0 && (R - 1) * stride + n <= inputs.len() && layer.coefs.len() >= n);
    assert!((R - 1) * stride + layer.width <= outputs.len());
    let mut sums: [__m256; R] = [unsafe { _mm256_setzero_ps() }; R];
    for k in (0..n).step_by(LANES) {
        // SAFETY: k + LANES <= n, within `coefs` and each row of `inputs` (asserted above).
        let w = unsafe { _mm256_loadu_ps(layer.coefs.as_ptr().add(k)) };
        for (r, sum) in sums.iter_mut().enumerate() {
            // SAFETY: as above.
            let a = unsafe { _mm256_loadu_ps(inputs.as_ptr().add(r * stride + k)) };
            *sum = unsafe { _mm256_fmadd_ps(a, w, *sum) };
        }
    }
    for (r, sum) in sums.into_iter().enumerate() {
        let mut lanes = [0.0f32; LANES];
        // SAFETY: `lanes` holds LANES floats.
        unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), sum) };
        let [a, b, c, d, e, f, g, h] = lanes;
        let out = &mut outputs[r * stride..][..layer.width];
        out.fill(0.0);
        out[0] = (((a + e) + (c + g)) + ((b + f) + (d + h))) + layer.intercepts[0];
    }
}

/// `out[r] = intercepts + sum_k inputs[r][k] * coefs[k]` for `R` rows of `stride` floats,
/// blocks of three vectors of outputs at a time, then one vector at a time.
#[target_feature(enable = "avx2,fma")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn affine<const R: usize>(inputs: &[f32], stride: usize, layer: &Layer, outputs: &mut [f32]) {
    let vectors = layer.width / LANES;
    let mut first = 0;
    // SAFETY (both): the caller's processor has AVX2 and FMA.
    while first + BLOCK <= vectors {
        unsafe { block::<R, BLOCK>(inputs, stride, layer, first * LANES, outputs) };
        first += BLOCK;
    }
    while first < vectors {
        unsafe { block::<R, 1>(inputs, stride, layer, first * LANES, outputs) };
        first += 1;
    }
}

/// [`affine`]'s `V` vectors of outputs from `first`: each a chain of fused multiply-adds
/// from the intercept, in input order; the rows share each load of weights.
#[target_feature(enable = "avx2,fma")]
#[inline]
#[allow(unused_unsafe)] // the intrinsics are safe here from Rust 1.87, unsafe in 1.85
unsafe fn block<const R: usize, const V: usize>(
    inputs: &[f32],
    stride: usize,
    layer: &Layer,
    first: usize,
    outputs: &mut [f32],
) {
    use std::arch::x86_64::{__m256, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_set1_ps, _mm256_storeu_ps};
    let (fan_in, width) = (layer.fan_in, layer.width);
    assert!(R > 0 && first + V * LANES <= width && layer.intercepts.len() >= width);
    assert!(layer.coefs.len() >= fan_in * width && (R - 1) * stride + fan_in <= inputs.len());
    assert!((R - 1) * stride + width <= outputs.len());
    // SAFETY (each load and store below): within the lengths asserted above.
    let bias: [__m256; V] =
        std::array::from_fn(|v| unsafe { _mm256_loadu_ps(layer.intercepts.as_ptr().add(first + v * LANES)) });
    let mut sums: [[__m256; V]; R] = [bias; R];
    let coefs = layer.coefs.as_ptr();
    for k in 0..fan_in {
        let w: [__m256; V] =
            std::array::from_fn(|v| unsafe { _mm256_loadu_ps(coefs.add(k * width + first + v * LANES)) });
        for (r, sums) in sums.iter_mut().enumerate() {
            let a = unsafe { _mm256_set1_ps(*inputs.get_unchecked(r * stride + k)) };
            for (sum, &w) in sums.iter_mut().zip(&w) {
                *sum = unsafe { _mm256_fmadd_ps(a, w, *sum) };
            }
        }
    }
    for (r, sums) in sums.iter().enumerate() {
        for (v, &sum) in sums.iter().enumerate() {
            unsafe { _mm256_storeu_ps(outputs.as_mut_ptr().add(r * stride + first + v * LANES), sum) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use crate::mlp::{MlpClassifier, MlpParams};
    use crate::random::RandomState;
    use crate::session::PreparedData;

    /// The exact forward pass's classes.
    fn exact(model: &MlpClassifier, input: &[f64]) -> Vec<u8> {
        model.proba_of_rows(input).iter().map(|&p| u8::from(p > 0.5)).collect()
    }

    /// The single-precision pass's classes, checked against the exact ones where it is sure,
    /// and how many rows it left to the exact pass.
    fn screened_against_exact(model: &MlpClassifier, input: &[f64]) -> usize {
        let rows = input.len() / model.n_features();
        let exact = exact(model, input);
        let classes = screen(&model.layout, &model.weights, input).expect("weights that fit in floats");
        for (row, (&class, &exact)) in classes.iter().zip(&exact).enumerate() {
            assert!(class == UNSURE || class == exact, "row {row}: screened {class}, exact {exact}");
        }
        let array = ndarray::ArrayView2::from_shape((rows, model.n_features()), input).unwrap();
        assert_eq!(model.predict(array).unwrap(), exact, "predict gives the exact classes");
        classes.iter().filter(|&&class| class == UNSURE).count()
    }

    fn heart() -> PreparedData {
        PreparedData::new(&Dataset::heart()).unwrap()
    }

    #[test]
    fn a_trained_model_is_scored_by_the_single_precision_pass_with_the_exact_classes() {
        if !available() {
            return;
        }
        let data = heart();
        let params = MlpParams::new().check().unwrap();
        let mut model = MlpClassifier::new(data.n_features(), params, &mut RandomState::new(5)).unwrap();
        let test = data.x_test.as_slice().unwrap();
        let mut unsure = 0;
        for _pass in 0..20 {
            for start in (0..data.n_train()).step_by(25) {
                let end = (start + 25).min(data.n_train());
                model.learn_rows(data.x_train.slice(ndarray::s![start..end, ..]), &data.y_train[start..end]).unwrap();
                unsure += screened_against_exact(&model, test);
            }
        }
        // 200 scores of 61 rows: nearly all rows are decided without the exact pass.
        assert!(unsure < 200 * 61 / 20, "{unsure} rows of {} left to the exact pass", 200 * 61);
    }

    #[test]
    fn random_networks_of_every_shape_and_scale_get_the_exact_classes() {
        if !available() {
            return;
        }
        let mut stream = RandomState::new(11);
        let mut uniform = move || stream.random_sample();
        let shapes: [&[usize]; 8] = [&[1], &[3], &[8], &[9, 4], &[100], &[24, 17, 5], &[256], &[7, 64, 3]];
        for (case, hidden) in shapes.iter().cycle().take(64).enumerate() {
            let n_features = 1 + (uniform() * 20.0) as usize;
            let params = MlpParams::new().hidden_layer_sizes(hidden).check().unwrap();
            let mut model = MlpClassifier::new(n_features, params, &mut RandomState::new(case as u32)).unwrap();
            // Weights from 2^-200 (subnormal in floats) to 2^40, each layer its own scale.
            for layer in 0..model.layout.n_weight_layers() {
                let scale = 2f64.powi((uniform() * 90.0) as i32 - 60);
                let bias_scale = 2f64.powi((uniform() * 40.0) as i32 - 30);
                for index in model.layout.coefs(layer) {
                    let tiny = uniform() < 0.05;
                    model.weights[index] *= if tiny { 2f64.powi(-200) } else { scale };
                }
                for index in model.layout.intercepts(layer) {
                    model.weights[index] *= bias_scale;
                }
            }
            let rows = 1 + (uniform() * 40.0) as usize;
            let input_scale = 2f64.powi((uniform() * 80.0) as i32 - 40);
            let input: Vec<f64> = (0..rows * n_features).map(|_| (uniform() - 0.5) * input_scale).collect();
            screened_against_exact(&model, &input);
            boundary_sweep(&mut model, &input[..n_features * rows.min(3)]);
        }
    }

    /// The heart model after 100 samples.
    fn heart_model() -> (MlpClassifier, PreparedData) {
        let data = heart();
        let params = MlpParams::new().check().unwrap();
        let mut model = MlpClassifier::new(data.n_features(), params, &mut RandomState::new(5)).unwrap();
        model.learn_rows(data.x_train.slice(ndarray::s![..100, ..]), &data.y_train[..100]).unwrap();
        (model, data)
    }

    /// Each row of `input` put near the boundary in turn, by the output unit's intercept:
    /// its output's sum is `offset` away from 0 for offsets from 0.1 to 1e-18 of its scale,
    /// both signs, several a decade where single precision's error lies. The screen must
    /// leave the closest rows to the exact pass, and be right about every row it decides.
    fn boundary_sweep(model: &mut MlpClassifier, input: &[f64]) {
        let n_features = model.n_features();
        let last = model.layout.n_weight_layers() - 1;
        let intercept = model.layout.intercepts(last).start;
        for x in input.chunks_exact(n_features) {
            let mut activations = Vec::new();
            super::super::forward_pass(&model.layout, &model.weights, x, 1, &mut activations);
            let below: &[f64] = if last == 0 { x } else { &activations[last - 1] };
            // The exact pass's sum before the intercept, in its order.
            let sum = below.iter().zip(&model.weights[model.layout.coefs(last)]).fold(0.0, |sum, (&a, &w)| sum + a * w);
            let scale = sum.abs().max(1e-300);
            for exponent in 2..=36 {
                let offset = scale * 10f64.powf(-f64::from(exponent) / 2.0);
                for offset in [-offset, offset, 0.0] {
                    model.weights[intercept] = -sum + offset;
                    let class = screen(&model.layout, &model.weights, x).unwrap()[0];
                    if offset.abs() < scale * 1e-12 {
                        assert_eq!(class, UNSURE, "offset {offset:e} of {scale:e}: too close to call in floats");
                    }
                    if offset == 0.0 {
                        // On the boundary the logistic gives 0.5: class 0.
                        assert_eq!(exact(model, x), [0]);
                    }
                    screened_against_exact(model, x);
                }
            }
        }
    }

    #[test]
    fn rows_at_the_boundary_are_left_to_the_exact_pass_and_get_its_class() {
        if !available() {
            return;
        }
        let (mut model, data) = heart_model();
        boundary_sweep(&mut model, data.x_test.as_slice().unwrap());
    }

    #[test]
    fn numbers_too_big_for_floats_leave_the_rows_to_the_exact_pass() {
        if !available() {
            return;
        }
        let (mut model, data) = heart_model();
        let mut test = data.x_test.as_slice().unwrap().to_vec();
        test[13 * 5 + 2] = 1e200;
        test[13 * 6 + 2] = -1e31;
        let screened = screen(&model.layout, &model.weights, &test).unwrap();
        assert_eq!((screened[5], screened[6]), (UNSURE, UNSURE));
        screened_against_exact(&model, &test);
        model.weights[3] = 1e40;
        assert!(screen(&model.layout, &model.weights, &test).is_none());
        assert!(classes(&model, &test).is_none(), "the exact pass, then");
        let array = ndarray::ArrayView2::from_shape((61, 13), &test[..]).unwrap();
        assert_eq!(model.predict(array).unwrap(), exact(&model, &test));
    }
}
