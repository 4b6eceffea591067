//! `_forward_pass`: each layer's affine map then its activation, for any number of rows.
//!
//! Each output is summed in input order from 0.0, a multiply then an add each rounded (never
//! fused), then its intercept added: scikit-learn's values, whatever the processor. The
//! kernels take several rows and several outputs at a time only so that the sums run side by
//! side; every lane does the scalar code's operations in its order, so the bits do not depend
//! on how rows are grouped (a unit test in `mod.rs` compares rows taken together with each row
//! alone).

use super::Layout;

/// `_forward_pass`: `activations[i + 1] = relu(activations[i] @ coefs_[i] + intercepts_[i])`
/// with a logistic output layer. `activations` receives layers 1 and up; layer 0 is `input`.
pub(super) fn forward_pass(
    layout: &Layout,
    weights: &[f64],
    input: &[f64],
    rows: usize,
    activations: &mut Vec<Vec<f64>>,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { forward_pass_avx2(layout, weights, input, rows, activations) };
    }
    forward_pass_portable(layout, weights, input, rows, activations);
}

/// [`forward_pass`] compiled for processors with AVX2 (chosen at run time, so the portable
/// build keeps running everywhere): four doubles per vector where the portable x86-64 build
/// has two. No fused multiply-add (Rust never contracts `a * b + c`): each multiply and each
/// add is rounded as before, the same bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn forward_pass_avx2(
    layout: &Layout,
    weights: &[f64],
    input: &[f64],
    rows: usize,
    activations: &mut Vec<Vec<f64>>,
) {
    forward_pass_portable(layout, weights, input, rows, activations);
}

/// [`forward_pass`] for any processor the build targets.
#[inline(always)]
fn forward_pass_portable(
    layout: &Layout,
    weights: &[f64],
    input: &[f64],
    rows: usize,
    activations: &mut Vec<Vec<f64>>,
) {
    let n_layers = layout.n_weight_layers();
    activations.resize_with(n_layers, Vec::new);
    for layer in 0..n_layers {
        let (fan_in, fan_out) = layout.shape(layer);
        let (done, rest) = activations.split_at_mut(layer);
        let previous: &[f64] = if layer == 0 { input } else { &done[layer - 1] };
        let out = &mut rest[0];
        out.clear();
        out.resize(rows * fan_out, 0.0);
        let coefs = &weights[layout.coefs(layer)];
        let intercepts = &weights[layout.intercepts(layer)];
        // Blocks of 8 outputs, then half a block where four remain (the hidden layer of 100's
        // last four).
        let vectored = fan_out / (AFFINE_BLOCK / 2) * (AFFINE_BLOCK / 2);
        let shape = (fan_in, fan_out);
        // TILE_ROWS rows at a time where there are as many: they share each block's loads of
        // weights. Then the rows left, one at a time.
        let tiles = previous.chunks_exact(TILE_ROWS * fan_in).zip(out.chunks_exact_mut(TILE_ROWS * fan_out));
        for (in_rows, out_rows) in tiles {
            affine_blocks::<TILE_ROWS>(in_rows, coefs, intercepts, shape, vectored, out_rows);
        }
        let tiled = rows / TILE_ROWS * TILE_ROWS;
        let last =
            previous[tiled * fan_in..].chunks_exact(fan_in).zip(out[tiled * fan_out..].chunks_exact_mut(fan_out));
        for (in_row, out_row) in last {
            affine_blocks::<1>(in_row, coefs, intercepts, shape, vectored, out_row);
        }
        // The outputs past the blocks (the output layer's only one), ROW_GROUP rows at a time:
        // each row's sum is one chain of dependent additions, and several rows' chains
        // overlap where one row's would wait on each addition in turn.
        let groups = previous.chunks_exact(ROW_GROUP * fan_in).zip(out.chunks_exact_mut(ROW_GROUP * fan_out));
        for (in_rows, out_rows) in groups {
            for first in vectored..fan_out {
                affine_rows::<ROW_GROUP>(in_rows, coefs, intercepts, shape, first, out_rows);
            }
        }
        let grouped = rows / ROW_GROUP * ROW_GROUP;
        let rest =
            previous[grouped * fan_in..].chunks_exact(fan_in).zip(out[grouped * fan_out..].chunks_exact_mut(fan_out));
        for (in_row, out_row) in rest {
            for first in vectored..fan_out {
                affine_rows::<1>(in_row, coefs, intercepts, shape, first, out_row);
            }
        }
        activate(out, layer + 1 == n_layers);
    }
}

/// The activation function in place: scipy's `expit` for the output layer, else ReLU.
#[inline(always)]
pub(super) fn activate(out: &mut [f64], output_layer: bool) {
    if output_layer {
        for z in out.iter_mut() {
            *z = 1.0 / (1.0 + (-*z).exp());
        }
    } else {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let out = {
            // Two at a time, written out (the page's size-optimised link leaves loops
            // unvectorized): `pmax(z, 0)` is `z < 0 ? 0 : z`, what `relu` gives.
            use core::arch::wasm32::{f64x2_pmax, f64x2_splat, v128, v128_load, v128_store};
            let mut pairs = out.chunks_exact_mut(2);
            for pair in &mut pairs {
                let at = pair.as_mut_ptr().cast::<v128>();
                // SAFETY: `pair` holds two doubles: the load and the store each touch both.
                unsafe { v128_store(at, f64x2_pmax(v128_load(at), f64x2_splat(0.0))) };
            }
            pairs.into_remainder()
        };
        for z in out.iter_mut() {
            *z = relu(*z);
        }
    }
}

/// numpy's `maximum(z, 0)`, as scikit-learn's `inplace_relu` computes it: a NaN stays NaN
/// (a sum of `inf` and `-inf`, from inputs or weights too large for the layer, is NaN in
/// scikit-learn's `predict_proba` too), and a negative number is +0.0. (No sum here is
/// -0.0, as each starts from +0.0.) Rust's `max` would give 0.0 for NaN; `if z < 0.0 { 0.0 }
/// else { z }` became a branch per unit natively, 30 to 45% slower learning (criterion's
/// `learn_rows_one_sample_steps_x242`). wasm's pairs take `f64x2.pmax` (above).
#[inline(always)]
pub(super) fn relu(z: f64) -> f64 {
    // Every bit cleared where `z < 0` (+0.0), else `z` as it is: a comparison and a mask,
    // which the compiler keeps branch-free and vectorizes.
    let negative = u64::from(z < 0.0).wrapping_neg();
    f64::from_bits(z.to_bits() & !negative)
}

/// Outputs computed together by [`affine_tile`], in registers.
const AFFINE_BLOCK: usize = 8;
/// Rows whose outputs are computed together by [`affine_tile`]: two in wasm's
/// two-double vectors, four in x86's wider ones.
const TILE_ROWS: usize = if cfg!(all(target_arch = "wasm32", target_feature = "simd128")) { 2 } else { 4 };
/// Rows computed together by [`affine_rows`].
const ROW_GROUP: usize = 4;
/// Rows [`MlpClassifier::predict_proba`](super::MlpClassifier::predict_proba) takes through the layers at a time: a multiple of
/// [`TILE_ROWS`] and [`ROW_GROUP`], and a block of 100 hidden units' activations (200 KB)
/// that stays in a core's cache.
pub(super) const PREDICT_BLOCK_ROWS: usize = 256;

/// The most a block's activations may take (a wide network's fewer rows at a time): 8 MB.
/// The original's network takes 256 rows in 0.2 MB; a network of 1,666,000 hidden units (5
/// million parameters on one feature, the most a model file holds) one row in 13 MB, where
/// 256 rows would take 3.4 GB, most of the 4 GB a wasm module can address.
const PREDICT_BLOCK_BYTES: usize = 8 << 20;

/// The rows [`forward_pass`] takes at a time to predict with a network of `layer_units`:
/// [`PREDICT_BLOCK_ROWS`], or as many as fit [`PREDICT_BLOCK_BYTES`] (whole tiles where
/// more than one fits; one row at least). Each row's value is the same whatever the block.
pub(super) fn predict_block_rows(layer_units: &[usize]) -> usize {
    let bytes_per_row = layer_units[1..].iter().fold(0usize, |sum, &units| sum.saturating_add(units)).saturating_mul(8);
    match PREDICT_BLOCK_BYTES / bytes_per_row.max(1) {
        fit if fit >= PREDICT_BLOCK_ROWS => PREDICT_BLOCK_ROWS,
        fit if fit >= ROW_GROUP => fit / ROW_GROUP * ROW_GROUP,
        _ => 1,
    }
}

/// `out[r, first] = sum_i(x[r, i] * coefs[i, first]) + intercepts[first]` for `ROWS`
/// row-major rows of `x` and `out`, each sum taken in input order from 0.0 as
/// [`affine_tile`] takes it, the rows side by side.
///
/// The same arithmetic as `affine_tile_of::<ROWS, 1>` (native builds), kept apart: in the
/// page's wasm build, which has no `affine_tile_of`, that generic form measured 89 bytes
/// gzipped more than this loop.
#[inline(always)]
fn affine_rows<const ROWS: usize>(
    x: &[f64],
    coefs: &[f64],
    intercepts: &[f64],
    (fan_in, fan_out): (usize, usize),
    first: usize,
    out: &mut [f64],
) {
    let rows: [&[f64]; ROWS] = std::array::from_fn(|row| &x[row * fan_in..][..fan_in]);
    let coefs = &coefs[..fan_in * fan_out];
    let mut sums = [0.0; ROWS];
    for i in 0..fan_in {
        let w = coefs[i * fan_out + first];
        for (sum, row) in sums.iter_mut().zip(&rows) {
            *sum += row[i] * w;
        }
    }
    for (row, sum) in sums.into_iter().enumerate() {
        out[row * fan_out + first] = sum + intercepts[first];
    }
}

/// The outputs before `vectored` of `ROWS` rows (`x` and `out` hold that many row-major
/// rows): blocks of [`AFFINE_BLOCK`], then half a block if `vectored` says so.
#[inline(always)]
fn affine_blocks<const ROWS: usize>(
    x: &[f64],
    coefs: &[f64],
    intercepts: &[f64],
    shape: (usize, usize),
    vectored: usize,
    out: &mut [f64],
) {
    let blocks = vectored / AFFINE_BLOCK * AFFINE_BLOCK;
    for first in (0..blocks).step_by(AFFINE_BLOCK) {
        affine_tile::<ROWS, { AFFINE_BLOCK / 2 }>(x, coefs, intercepts, shape, first, out);
    }
    if vectored > blocks {
        affine_tile::<ROWS, { AFFINE_BLOCK / 4 }>(x, coefs, intercepts, shape, blocks, out);
    }
}

/// `out[r, j] = sum_i(x[r, i] * coefs[i, j]) + intercepts[j]` for the `2 * VECTORS` outputs
/// from `first` of `ROWS` row-major rows, side by side: each sum taken in input order from
/// 0.0, then the intercept added. The rows share each load of weights, and their sums are
/// `ROWS` times more independent chains of additions than one row's (the AVX2 build's lone
/// row was bound by the latency of its two chains).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn affine_tile<const ROWS: usize, const VECTORS: usize>(
    x: &[f64],
    coefs: &[f64],
    intercepts: &[f64],
    shape: (usize, usize),
    first: usize,
    out: &mut [f64],
) {
    // The compiler makes the vectors, as wide as the build's.
    match VECTORS {
        4 => affine_tile_of::<ROWS, 8>(x, coefs, intercepts, shape, first, out),
        2 => affine_tile_of::<ROWS, 4>(x, coefs, intercepts, shape, first, out),
        _ => unreachable!("blocks of 8 or 4 outputs"),
    }
}

/// [`affine_tile`] on `WIDTH` outputs.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn affine_tile_of<const ROWS: usize, const WIDTH: usize>(
    x: &[f64],
    coefs: &[f64],
    intercepts: &[f64],
    (fan_in, fan_out): (usize, usize),
    first: usize,
    out: &mut [f64],
) {
    let rows: [&[f64]; ROWS] = std::array::from_fn(|row| &x[row * fan_in..][..fan_in]);
    let coefs = &coefs[..fan_in * fan_out];
    let mut sums = [[0.0; WIDTH]; ROWS];
    for i in 0..fan_in {
        let w: &[f64; WIDTH] = coefs[i * fan_out + first..][..WIDTH].try_into().expect("a block of WIDTH weights");
        for (sums, row) in sums.iter_mut().zip(&rows) {
            let a = row[i];
            for (s, &w) in sums.iter_mut().zip(w) {
                *s += a * w;
            }
        }
    }
    let bias = &intercepts[first..first + WIDTH];
    for (row, sums) in sums.iter().enumerate() {
        for ((z, s), &b) in out[row * fan_out + first..][..WIDTH].iter_mut().zip(sums).zip(bias) {
            *z = s + b;
        }
    }
}

/// [`affine_tile`] in wasm's 128-bit SIMD written out (the page's size-optimised link
/// vectorizes nothing; the generic loop made a "+25" click's median 2.3 to 2.6 ms against 2.2
/// ms): each lane does a multiply then an add, each rounded, in input order: the same bits.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn affine_tile<const ROWS: usize, const VECTORS: usize>(
    x: &[f64],
    coefs: &[f64],
    intercepts: &[f64],
    (fan_in, fan_out): (usize, usize),
    first: usize,
    out: &mut [f64],
) {
    use core::arch::wasm32::{f64x2_add, f64x2_mul, f64x2_splat, v128, v128_load, v128_store};
    /// `VECTORS` vectors of two doubles from `values` (wasm loads need no alignment).
    #[inline(always)]
    fn load<const VECTORS: usize>(values: &[f64]) -> [v128; VECTORS] {
        let values = &values[..2 * VECTORS];
        // SAFETY: `values` holds 2 * VECTORS doubles (checked above): each load reads two.
        std::array::from_fn(|lane| unsafe { v128_load(values.as_ptr().wrapping_add(2 * lane).cast::<v128>()) })
    }
    let rows: [&[f64]; ROWS] = std::array::from_fn(|row| &x[row * fan_in..(row + 1) * fan_in]);
    let mut sums = [[f64x2_splat(0.0); VECTORS]; ROWS];
    for (i, coef_row) in coefs.chunks_exact(fan_out).enumerate() {
        let w = load::<VECTORS>(&coef_row[first..]);
        for (sums, row) in sums.iter_mut().zip(&rows) {
            let a = f64x2_splat(row[i]);
            for (sum, &w) in sums.iter_mut().zip(&w) {
                *sum = f64x2_add(*sum, f64x2_mul(a, w));
            }
        }
    }
    let bias = load::<VECTORS>(&intercepts[first..]);
    for (sums, out) in sums.iter().zip(out.chunks_exact_mut(fan_out)) {
        let out = out[first..first + 2 * VECTORS].as_mut_ptr();
        for (lane, (&sum, &bias)) in sums.iter().zip(&bias).enumerate() {
            // SAFETY: `out` holds 2 * VECTORS doubles (checked above): each store writes two.
            unsafe { v128_store(out.wrapping_add(2 * lane).cast::<v128>(), f64x2_add(sum, bias)) };
        }
    }
}
