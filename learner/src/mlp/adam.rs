//! scikit-learn's `AdamOptimizer` (`sklearn/neural_network/_stochastic_optimizers.py`).

use serde::{Deserialize, Serialize};

/// Adam's state: the step count and both moment estimates, one entry per parameter in the
/// network's flat parameter order (all coefficients, then all intercepts, like
/// scikit-learn's `params = coefs_ + intercepts_`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdamState {
    /// `t`: the number of updates made.
    pub t: u64,
    /// `ms`: the first moment estimates.
    pub ms: Vec<f64>,
    /// `vs`: the second moment estimates.
    pub vs: Vec<f64>,
}

/// Adam's constants (`learning_rate_init`, `beta_1`, `beta_2`, `epsilon`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adam {
    pub learning_rate_init: f64,
    pub beta_1: f64,
    pub beta_2: f64,
    pub epsilon: f64,
}

impl AdamState {
    /// A fresh optimizer: `t = 0` and zero moments.
    pub fn new(n_params: usize) -> Self {
        Self { t: 0, ms: vec![0.0; n_params], vs: vec![0.0; n_params] }
    }

    /// `update_params(params, grads)`: one Adam step, in scikit-learn's arithmetic order
    /// (`_get_updates`, then `param += update`). Every parameter is independent, so the
    /// moment updates and the parameter update run in one pass.
    pub fn update_params(&mut self, adam: &Adam, params: &mut [f64], grads: &[f64]) {
        debug_assert!(params.len() == grads.len() && params.len() == self.ms.len());
        let step = self.begin_step(adam);
        for (((param, &grad), m), v) in params.iter_mut().zip(grads).zip(&mut self.ms).zip(&mut self.vs) {
            step.update::<false>(param, m, v, grad);
        }
    }

    /// Count a new step (`t += 1`) and return its constants, for callers that produce each
    /// gradient as they update (the one-sample path) instead of a gradient vector.
    pub fn begin_step(&mut self, adam: &Adam) -> AdamStep {
        self.t += 1;
        // Python evaluates `1 - beta` and `beta**t` (C `pow`) in doubles.
        let step = self.t as f64;
        let learning_rate =
            adam.learning_rate_init * (1.0 - adam.beta_2.powf(step)).sqrt() / (1.0 - adam.beta_1.powf(step));
        AdamStep {
            keep_1: adam.beta_1,
            take_1: 1.0 - adam.beta_1,
            keep_2: adam.beta_2,
            take_2: 1.0 - adam.beta_2,
            minus_rate: -learning_rate,
            epsilon: adam.epsilon,
        }
    }
}

/// The constants of one Adam step (`t` already counted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamStep {
    keep_1: f64,
    take_1: f64,
    keep_2: f64,
    take_2: f64,
    minus_rate: f64,
    epsilon: f64,
}

impl AdamStep {
    /// One parameter's update, with scikit-learn's expressions:
    /// `m = beta_1 * m + (1 - beta_1) * grad`, `v = beta_2 * v + (1 - beta_2) * grad**2`,
    /// `param += -learning_rate * m / (sqrt(v) + epsilon)`. With `FLUSH`, the three are
    /// stored with a subnormal value set to zero, after the update made with them as computed,
    /// as flushing them after the step would ([`MlpParams::flush_subnormals`](super::MlpParams::flush_subnormals)).
    #[inline(always)]
    pub fn update<const FLUSH: bool>(&self, param: &mut f64, m: &mut f64, v: &mut f64, grad: f64) {
        let first = self.keep_1 * *m + self.take_1 * grad;
        let second = self.keep_2 * *v + self.take_2 * (grad * grad);
        let weight = *param + self.minus_rate * first / (second.sqrt() + self.epsilon);
        if FLUSH {
            (*m, *v, *param) = (flushed(first), flushed(second), flushed(weight));
        } else {
            (*m, *v, *param) = (first, second, weight);
        }
    }

    /// A row of a hidden layer's weights on the one-sample path: parameter `j`'s gradient is
    /// `a * d[j] + alpha * w[j]`, applied by [`update`](Self::update); with `FORWARD`, the
    /// next sample's sums take the updated weight, `z[j] += next_a * w[j]`. All slices have
    /// the row's width.
    #[inline(always)]
    pub fn update_row<const FORWARD: bool, const FLUSH: bool>(
        &self,
        row: Row<'_>,
        a: f64,
        d: &[f64],
        alpha: f64,
        next_a: f64,
    ) {
        let Row { w, m, v, z } = row;
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let done = simd::update_row::<FORWARD, FLUSH>(self, Row { w, m, v, z }, a, d, alpha, next_a);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        let done = 0;
        let rest = w[done..].iter_mut().zip(&mut m[done..]).zip(&mut v[done..]).zip(&d[done..]).zip(&mut z[done..]);
        for ((((w, m), v), &d), z) in rest {
            self.update::<FLUSH>(w, m, v, a * d + alpha * *w);
            if FORWARD {
                *z += next_a * *w;
            }
        }
    }
}

/// The parameters of one row being updated, and the next sample's sums it feeds.
pub struct Row<'a> {
    pub w: &'a mut [f64],
    pub m: &'a mut [f64],
    pub v: &'a mut [f64],
    pub z: &'a mut [f64],
}

/// [`AdamStep::update_row`] two parameters at a time, in wasm's 128-bit SIMD written out:
/// each lane makes the scalar code's operations in its order, each rounded (no fused
/// multiply-add), so the bits are the scalar code's.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::{
        f64x2_abs, f64x2_add, f64x2_div, f64x2_lt, f64x2_mul, f64x2_splat, f64x2_sqrt, v128, v128_andnot, v128_load,
        v128_store,
    };

    use super::{AdamStep, Row};

    /// Each lane of `values` as [`super::flushed`] gives it: zero where it is subnormal.
    #[inline(always)]
    pub fn flushed(values: v128) -> v128 {
        v128_andnot(values, f64x2_lt(f64x2_abs(values), f64x2_splat(f64::MIN_POSITIVE)))
    }

    /// The pairs of `row` (all of it, but an odd last parameter); returns how many were done.
    #[inline(always)]
    pub fn update_row<const FORWARD: bool, const FLUSH: bool>(
        step: &AdamStep,
        row: Row<'_>,
        a: f64,
        d: &[f64],
        alpha: f64,
        next_a: f64,
    ) -> usize {
        let Row { w, m, v, z } = row;
        let pairs = w.len() / 2;
        let done = 2 * pairs;
        assert!(m.len() >= done && v.len() >= done && d.len() >= done && z.len() >= done);
        let (a, alpha, next_a) = (f64x2_splat(a), f64x2_splat(alpha), f64x2_splat(next_a));
        let (keep_1, take_1) = (f64x2_splat(step.keep_1), f64x2_splat(step.take_1));
        let (keep_2, take_2) = (f64x2_splat(step.keep_2), f64x2_splat(step.take_2));
        let (minus_rate, epsilon) = (f64x2_splat(step.minus_rate), f64x2_splat(step.epsilon));
        let at = |values: &[f64], pair: usize| values.as_ptr().wrapping_add(2 * pair).cast::<v128>();
        let at_mut = |values: &mut [f64], pair: usize| values.as_mut_ptr().wrapping_add(2 * pair).cast::<v128>();
        for pair in 0..pairs {
            // SAFETY: every slice holds `done` = 2 * pairs doubles (asserted above); each load
            // and store touches two of them, at `2 * pair` (wasm needs no alignment).
            unsafe {
                let weight = v128_load(at(w, pair));
                let grad = f64x2_add(f64x2_mul(a, v128_load(at(d, pair))), f64x2_mul(alpha, weight));
                let first = f64x2_add(f64x2_mul(keep_1, v128_load(at(m, pair))), f64x2_mul(take_1, grad));
                let second =
                    f64x2_add(f64x2_mul(keep_2, v128_load(at(v, pair))), f64x2_mul(take_2, f64x2_mul(grad, grad)));
                let weight =
                    f64x2_add(weight, f64x2_div(f64x2_mul(minus_rate, first), f64x2_add(f64x2_sqrt(second), epsilon)));
                let (first, second, weight) =
                    if FLUSH { (flushed(first), flushed(second), flushed(weight)) } else { (first, second, weight) };
                v128_store(at_mut(m, pair), first);
                v128_store(at_mut(v, pair), second);
                v128_store(at_mut(w, pair), weight);
                if FORWARD {
                    v128_store(at_mut(z, pair), f64x2_add(v128_load(at(z, pair)), f64x2_mul(next_a, weight)));
                }
            }
        }
        done
    }
}

/// Set to zero every number below `f64::MIN_POSITIVE` (2.2e-308) in magnitude: the
/// subnormal ones (see [`MlpParams::flush_subnormals`](super::MlpParams::flush_subnormals)).
pub fn flush_subnormals(values: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let values = {
        // Two at a time in wasm's SIMD, written out: the page's bundle is optimised for size
        // after linking, which leaves loops unvectorized (there the scalar loop cost 2 to 3
        // us per step of a million-sample stream). Each lane keeps its value or zeroes it
        // as the loop below does.
        use core::arch::wasm32::{v128, v128_load, v128_store};
        let mut pairs = values.chunks_exact_mut(2);
        for pair in &mut pairs {
            let at = pair.as_mut_ptr().cast::<v128>();
            // SAFETY: `pair` holds two doubles: the load and the store each touch both.
            unsafe { v128_store(at, simd::flushed(v128_load(at))) };
        }
        pairs.into_remainder()
    };
    for value in values {
        *value = flushed(*value);
    }
}

/// `value`, or zero if it is subnormal (below `f64::MIN_POSITIVE`, 2.2e-308, in magnitude;
/// +0.0 for either sign).
#[inline(always)]
pub fn flushed(value: f64) -> f64 {
    zeroed_if(value, value.abs() < f64::MIN_POSITIVE)
}

/// `value`, or +0.0 if `zero`: its bits kept or cleared by a mask, a select and not a
/// branch; in a loop, not a store of zero where `zero` holds either, which the compiler makes
/// a masked store (`vmaskmovpd`), and AMD's processors run those slowly (with the flush, a
/// step's cost doubled on an AMD EPYC: 4.5 us against the exact mode's 2.2).
#[inline(always)]
pub fn zeroed_if(value: f64, zero: bool) -> f64 {
    f64::from_bits(value.to_bits() & if zero { 0 } else { u64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const DEFAULT: Adam = Adam { learning_rate_init: 1e-3, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-8 };

    #[test]
    fn flushing_zeroes_exactly_the_subnormal_numbers_of_any_sign_in_every_lane() {
        let tiny = f64::MIN_POSITIVE;
        let values = [1e-310, -1e-310, tiny, -tiny, 0.0, -0.0, 1.0, f64::NAN, 5e-324, -2.5, tiny / 2.0];
        let expected = [0.0, 0.0, tiny, -tiny, 0.0, 0.0, 1.0, f64::NAN, 0.0, -2.5, 0.0];
        // Every length, so that each value is met in each lane and in the odd one out.
        for length in 0..=values.len() {
            for start in 0..values.len() - length {
                let mut flushed = values[start..start + length].to_vec();
                flush_subnormals(&mut flushed);
                let bits = |values: &[f64]| values.iter().map(|value| value.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&flushed), bits(&expected[start..start + length]), "from {start}, {length} values");
            }
        }
    }

    #[test]
    fn a_row_updated_with_flushing_stores_what_the_exact_update_then_a_flush_would() {
        // Numbers near and below f64::MIN_POSITIVE, whose updates land on either side of it,
        // in every lane of the written-out SIMD and in the odd one out.
        let w = [1e-300, 3e-308, -2.5e-308, 0.5, 1e-310, -1e-309, 2.2e-308];
        let m = [1.5e-308, -2e-308, 1e-320, 0.01, 2.3e-308, 0.0, -1.9e-308];
        let v = [1e-310, 3e-308, 1e-300, 1e-6, 0.0, 2.5e-308, 1e-309];
        let d = [0.0, 0.0, 1e-310, 0.3, 0.0, -2e-308, 0.0];
        let z = [0.25, -1.0, 0.0, 2.0, 1e-308, 0.5, -0.125];
        let mut state = AdamState::new(7);
        state.t = 40_000;
        let step = state.begin_step(&DEFAULT);
        let (a, alpha, next_a) = (1.0e-4, 1e-4, 0.75);
        // The exact update of each parameter, unflushed.
        let exact = |width: usize| {
            let (mut w, mut m, mut v) = (w[..width].to_vec(), m[..width].to_vec(), v[..width].to_vec());
            for j in 0..width {
                let grad = a * d[j] + alpha * w[j];
                step.update::<false>(&mut w[j], &mut m[j], &mut v[j], grad);
            }
            (w, m, v)
        };
        let bits = |values: &[f64]| values.iter().map(|value| value.to_bits()).collect::<Vec<_>>();
        for width in 0..=7 {
            let (mut fw, mut fm, mut fv) = (w[..width].to_vec(), m[..width].to_vec(), v[..width].to_vec());
            let mut fz = z[..width].to_vec();
            let row = Row { w: &mut fw, m: &mut fm, v: &mut fv, z: &mut fz };
            step.update_row::<true, true>(row, a, &d[..width], alpha, next_a);
            let (mut ew, mut em, mut ev) = exact(width);
            for values in [&mut ew, &mut em, &mut ev] {
                flush_subnormals(values);
            }
            let ez: Vec<f64> = z[..width].iter().zip(&ew).map(|(z, w)| z + next_a * w).collect();
            assert_eq!(bits(&fw), bits(&ew), "weights, width {width}");
            assert_eq!(bits(&fm), bits(&em), "first moments, width {width}");
            assert_eq!(bits(&fv), bits(&ev), "second moments, width {width}");
            assert_eq!(bits(&fz), bits(&ez), "the next sums, width {width}");
        }
        // The test means something: unflushed, some results are subnormal.
        let (w, m, v) = exact(7);
        assert!(w.iter().chain(&m).chain(&v).any(|value| value.is_subnormal()));
    }

    #[test]
    fn the_first_step_moves_each_parameter_by_about_the_learning_rate_against_its_gradient() {
        let mut state = AdamState::new(3);
        let mut params = [1.0, 1.0, 1.0];
        state.update_params(&DEFAULT, &mut params, &[0.5, -2.0, 0.0]);
        assert_eq!(state.t, 1);
        assert!((params[0] - (1.0 - 1e-3)).abs() < 1e-9);
        assert!((params[1] - (1.0 + 1e-3)).abs() < 1e-9);
        assert_eq!(params[2], 1.0);
    }

    #[test]
    fn moments_follow_their_decay() {
        let mut state = AdamState::new(1);
        let mut params = [0.0];
        state.update_params(&DEFAULT, &mut params, &[1.0]);
        state.update_params(&DEFAULT, &mut params, &[1.0]);
        let take_1 = 1.0 - 0.9;
        assert_eq!(state.ms[0], 0.9 * take_1 + take_1);
        assert_eq!(state.vs[0], 0.999 * (1.0 - 0.999) + (1.0 - 0.999));
    }
}
