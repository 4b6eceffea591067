// Rows and labels gathered on JavaScript's side, where reading an array is fast, into one
// typed array each, which the module copies in at once: read from the module, each row and
// each value was a call across (a pass over the 242 training rows, 0.2 us an update).

/// `x`'s rows, arrays of numbers or Float64Arrays all of one width, as one row-major
/// Float64Array, a value that is not a number as NaN (as the module reads it, which refuses
/// NaN by name); or null if a row is neither or has another width (the module then finds
/// the row and says what is wrong with it).
export function flatRows(x) {
  const n = x.length;
  if (n === 0) return new Float64Array(0);
  const width = x[0]?.length;
  if (typeof width !== "number") return null;
  const values = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = x[i];
    if (row instanceof Float64Array) {
      if (row.length !== width) return null;
      values.set(row, i * width);
    } else if (Array.isArray(row)) {
      if (row.length !== width) return null;
      for (let j = 0; j < width; j++) {
        const value = row[j];
        values[i * width + j] = typeof value === "number" ? value : NaN;
      }
    } else {
      return null;
    }
  }
  return values;
}

/// The labels `y` (an array or a typed array) as a Float64Array, a value that is not a
/// number as NaN (which the module refuses as a label, by its index).
export function flatLabels(y) {
  return Float64Array.from(y, (value) => (typeof value === "number" ? value : NaN));
}

// The one row `oneRow` fills for a plain array, kept between calls (the module copies it in
// at once): a per-sample call allocates nothing.
let scratch = new Float64Array(0);

/// One row `x` as a Float64Array: `x` itself if it is one; an array's values, one that is
/// not a number (`null`, `"1"`, `true`) as NaN, which the module refuses by name, where
/// JavaScript would convert it (`null` to 0, `"0x10"` to 16); or null if `x` is neither.
export function oneRow(x) {
  if (x instanceof Float64Array) return x;
  if (!Array.isArray(x)) return null;
  const n = x.length;
  if (scratch.length !== n) scratch = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const value = x[j];
    scratch[j] = typeof value === "number" ? value : NaN;
  }
  return scratch;
}
