//! `_backprop`'s deltas and `_compute_loss_grad`: what the weights' gradients are made of.

use super::{adam, Layout, Workspace};

/// `_backprop`'s deltas (without the loss value, which does not touch the weights): the
/// output delta `activations[-1] - y`, then per layer `deltas[i - 1] = deltas[i] @
/// coefs_[i].T`, zeroed where the ReLU was inactive. The gradients follow from them.
#[cfg_attr(target_arch = "x86_64", inline(always))]
pub(super) fn backprop(layout: &Layout, weights: &[f64], labels: &[f64], workspace: &mut Workspace) {
    let rows = labels.len();
    let n_layers = layout.n_weight_layers();
    let Workspace { activations, deltas, .. } = workspace;
    deltas.resize_with(n_layers, Vec::new);

    let last = n_layers - 1;
    deltas[last].clear();
    deltas[last].extend(activations[last].iter().zip(labels).map(|(p, y)| p - y));

    for layer in (1..n_layers).rev() {
        let (fan_in, fan_out) = layout.shape(layer);
        let previous = &activations[layer - 1];
        let (below, above) = deltas.split_at_mut(layer);
        let delta = &above[0];
        let delta_below = &mut below[layer - 1];
        delta_below.resize(rows * fan_in, 0.0);
        let coefs = &weights[layout.coefs(layer)];
        for ((d_row, below_row), act_row) in
            delta.chunks_exact(fan_out).zip(delta_below.chunks_exact_mut(fan_in)).zip(previous.chunks_exact(fan_in))
        {
            // Each unit's sum over the deltas above, from 0.0 in their order, all units side
            // by side (a loop over the units that vectorizes, where a sum per unit did not:
            // with the single output unit, a step's deltas took 0.4 us in wasm).
            below_row.fill(0.0);
            for (j, &dj) in d_row.iter().enumerate() {
                if fan_out == 1 {
                    for (sum, &w) in below_row.iter_mut().zip(coefs) {
                        *sum += dj * w;
                    }
                } else {
                    for (sum, coef_row) in below_row.iter_mut().zip(coefs.chunks_exact(fan_out)) {
                        *sum += dj * coef_row[j];
                    }
                }
            }
            for (d, &a) in below_row.iter_mut().zip(act_row) {
                // Zero where the unit was inactive (which units are, is unpredictable).
                *d = adam::zeroed_if(*d, a == 0.0);
            }
        }
    }
}

/// `_compute_loss_grad` of one layer: `coef_grads = (a.T @ delta + alpha * coefs) / n` and
/// `intercept_grads = sum(delta, axis=0) / n`.
#[allow(clippy::too_many_arguments)]
pub(super) fn compute_loss_grad(
    layout: &Layout,
    layer: usize,
    alpha: f64,
    rows: usize,
    weights: &[f64],
    activation: &[f64],
    delta: &[f64],
    grads: &mut [f64],
) {
    let (fan_in, fan_out) = layout.shape(layer);
    let coef_range = layout.coefs(layer);
    let (coef_grads, coefs) = (&mut grads[coef_range.clone()], &weights[coef_range]);
    let n = rows as f64;
    coef_grads.fill(0.0);
    for (a_row, d_row) in activation.chunks_exact(fan_in).zip(delta.chunks_exact(fan_out)) {
        for (&a, grad_row) in a_row.iter().zip(coef_grads.chunks_exact_mut(fan_out)) {
            for (g, &d) in grad_row.iter_mut().zip(d_row) {
                *g += a * d;
            }
        }
    }
    for (g, &w) in coef_grads.iter_mut().zip(coefs) {
        *g += alpha * w;
        *g /= n;
    }
    let intercept_grads = &mut grads[layout.intercepts(layer)];
    intercept_grads.fill(0.0);
    for d_row in delta.chunks_exact(fan_out) {
        for (g, &d) in intercept_grads.iter_mut().zip(d_row) {
            *g += d;
        }
    }
    for g in intercept_grads.iter_mut() {
        *g /= n;
    }
}
