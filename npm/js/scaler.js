// A StandardScaler's statistics as its `toJSON` writes them (a model file's `scaler`), read on
// JavaScript's side, where the browser's JSON parser is: the module checks the numbers. Read
// in the module by serde_json, the reader cost the package 23 KB.

const FIELDS = ["mean", "var", "scale", "n_samples_seen"];

const refused = (reason) => new Error(`invalid scaler: ${reason}`);

/// At most 40 characters of `text`, as the model file's messages quote a value.
const clipped = (text) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/// A value read from the JSON as a message shows it: a string, number, boolean or null as
/// JSON, clipped; an array or object by its kind (its JSON could be huge, or nested deeper
/// than JSON.stringify can go).
const shown = (value) => {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return clipped(JSON.stringify(value));
};

/// The statistics in `text`, `[mean, var, scale, n_samples_seen]`, each list a Float64Array;
/// throws an Error naming the field that is missing, unknown or not numbers.
export function readScaler(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refused(`not JSON: ${error.message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw refused("expected an object of mean, var, scale and n_samples_seen");
  }
  for (const key of Object.keys(value)) {
    if (!FIELDS.includes(key)) throw refused(`unknown field \`${clipped(key)}\`, expected one of ${FIELDS.map((f) => `\`${f}\``).join(", ")}`);
  }
  for (const key of FIELDS) {
    if (!(key in value)) throw refused(`missing field \`${key}\``);
  }
  const numbers = (name) => {
    const list = value[name];
    if (!Array.isArray(list)) throw refused(`${name} must be an array of numbers`);
    return Float64Array.from(list, (entry, index) => {
      if (typeof entry !== "number") throw refused(`${name}[${index}] is ${shown(entry)}, not a number`);
      return entry;
    });
  };
  const seen = value.n_samples_seen;
  if (!Number.isInteger(seen) || seen < 0 || seen > 2 ** 53) {
    throw refused(`n_samples_seen must be a whole number from 0 to 2^53, got ${shown(seen)}`);
  }
  return [numbers("mean"), numbers("var"), numbers("scale"), seen];
}
