//! Where each layer's coefficients and intercepts sit in the network's one flat parameter
//! vector (scikit-learn's `coefs_ + intercepts_` order, each matrix row-major).

/// Where each layer's coefficients and intercepts sit in the flat parameter vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    layer_units: Vec<usize>,
    coef_offsets: Vec<usize>,
    intercept_offsets: Vec<usize>,
    n_params: usize,
}

impl Layout {
    /// The layout for `layer_units = [n_features, hidden..., 1]`.
    pub fn new(layer_units: &[usize]) -> Self {
        let mut offset = 0;
        let mut coef_offsets = Vec::new();
        for pair in layer_units.windows(2) {
            coef_offsets.push(offset);
            offset += pair[0] * pair[1];
        }
        let mut intercept_offsets = Vec::new();
        for &fan_out in &layer_units[1..] {
            intercept_offsets.push(offset);
            offset += fan_out;
        }
        Self { layer_units: layer_units.to_vec(), coef_offsets, intercept_offsets, n_params: offset }
    }

    /// Units per layer, input first: scikit-learn's `layer_units`.
    pub fn layer_units(&self) -> &[usize] {
        &self.layer_units
    }

    /// The number of weight layers (`n_layers_ - 1`).
    pub fn n_weight_layers(&self) -> usize {
        self.layer_units.len() - 1
    }

    pub fn n_params(&self) -> usize {
        self.n_params
    }

    /// `(fan_in, fan_out)` of weight layer `layer`.
    pub fn shape(&self, layer: usize) -> (usize, usize) {
        (self.layer_units[layer], self.layer_units[layer + 1])
    }

    /// The index range of `coefs_[layer]` in the flat vector.
    pub fn coefs(&self, layer: usize) -> std::ops::Range<usize> {
        let (fan_in, fan_out) = self.shape(layer);
        self.coef_offsets[layer]..self.coef_offsets[layer] + fan_in * fan_out
    }

    /// The index range of `intercepts_[layer]` in the flat vector.
    pub fn intercepts(&self, layer: usize) -> std::ops::Range<usize> {
        self.intercept_offsets[layer]..self.intercept_offsets[layer] + self.layer_units[layer + 1]
    }
}
