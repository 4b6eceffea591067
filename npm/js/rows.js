// Rows and labels read on JavaScript's side, where reading an array is fast, into one typed
// array each, which the module copies in at once: read from the module, each row and each
// value was a call across (a pass over the 242 training rows, 0.2 us an update).
//
// Everything the package reads of what it is given is read here, and the module calls these
// functions catching what they throw: a mistake's `Error` (which names it), or whatever the
// input itself throws (a revoked proxy, a getter), reaches the caller as it was thrown while
// the model is left usable, where an exception passing through the module while it holds
// the model would leave the model locked for good.

/// The most values `readRows` takes at once: 2^26 (512 MiB of the module's memory, which
/// holds 4 GiB and copies a batch's rows again as it learns them).
const MAX_VALUES = 2 ** 26;

const values = (count) => `${count} ${count === 1 ? "value" : "values"}`;

/// `x`'s rows, arrays of numbers or Float64Arrays all of one width, as
/// `[values, rows, width]`: one row-major Float64Array, a value that is not a number as NaN
/// (as the module reads it, which refuses NaN by name). Throws an Error naming `name` (`X`)
/// and the row that is not an array or has another width.
export function readRows(x, name) {
  if (!Array.isArray(x)) throw new Error(`${name} must be an array of rows`);
  const n = x.length;
  // As scikit-learn's `check_array` refuses 0 samples, for a fit as for a prediction.
  if (n === 0) throw new Error(`${name} has no rows`);
  const width = rowLength(x[0], name, 0);
  if (n * width > MAX_VALUES) {
    throw new Error(`${name} holds ${n * width} values, more than the ${MAX_VALUES} (2^26) the module takes at once: pass it in parts`);
  }
  const out = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = x[i];
    const length = rowLength(row, name, i);
    if (length !== width) throw new Error(`${name}[${i}] has ${values(length)}, expected ${width}`);
    if (row instanceof Float64Array) {
      out.set(row, i * width);
    } else {
      for (let j = 0; j < width; j++) {
        const value = row[j];
        out[i * width + j] = typeof value === "number" ? value : NaN;
      }
    }
  }
  return [out, n, width];
}

function rowLength(row, name, index) {
  if (row instanceof Float64Array || Array.isArray(row)) return row.length;
  throw new Error(`${name}[${index}] is not an array of numbers or a Float64Array`);
}

/// The labels `y` (an array or a typed array) as a Float64Array, a value that is not a
/// number as NaN (which the module refuses as a label, by its index).
export function readLabels(y) {
  const arrayLike = Array.isArray(y) || (typeof y === "object" && y !== null && "length" in y);
  if (!arrayLike) throw new Error("y must be an array of class labels (0 or 1)");
  return Float64Array.from(y, (value) => (typeof value === "number" ? value : NaN));
}

// The one row `readRow` fills for a plain array, kept between calls (the module copies it in
// at once): a per-sample call allocates nothing.
let scratch = new Float64Array(0);

/// One row `x` as a Float64Array: `x` itself if it is one; an array's values, one that is
/// not a number (`null`, `"1"`, `true`) as NaN, which the module refuses by name, where
/// JavaScript would convert it (`null` to 0, `"0x10"` to 16). Throws if `x` is neither.
export function readRow(x) {
  if (x instanceof Float64Array) return x;
  if (!Array.isArray(x)) throw new Error("x must be an array of numbers or a Float64Array");
  const n = x.length;
  if (scratch.length !== n) scratch = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const value = x[j];
    scratch[j] = typeof value === "number" ? value : NaN;
  }
  return scratch;
}
