// Turns wasm-pack's output (`--target web`) into the npm package `online-mlp`, one package
// for browsers and Node: `browser.js` (an ES module that fetches the .wasm beside it, no
// bundler needed) and `node.js` (reads it from disk), chosen by the `exports` map, both
// exporting the same API: the classes and functions the module declares, not wasm-bindgen's
// `init` and `initSync`, which the entries have already called. The TypeScript declarations
// are wasm-bindgen's without those two (whose types, `RequestInfo`, `BufferSource`, come
// from the DOM's library, which a project for Node does not have), re-exported for each
// entry by `node.d.ts` and `browser.d.ts`.
//
//   node npm/scripts/package.mjs <wasm-pack out-dir>
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";

const dir = process.argv[2];
const crate = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const version = crate.match(/^version = "(.+)"$/m)[1];
const description = crate.match(/^description = "(.+)"$/m)[1];

const declarations = readFileSync(`${dir}/online_mlp.d.ts`, "utf8");
const init = declarations.indexOf("\nexport type InitInput");
if (init < 0) throw new Error("online_mlp.d.ts: no `InitInput` where wasm-bindgen's init declarations begin");
// `Symbol.dispose` (the classes' `[Symbol.dispose]()`, for `using`) is declared by
// TypeScript's library "esnext.disposable", which a project for browsers with "es2022" and
// "dom" does not have (@types/node declares it for Node): referenced here, it type-checks in
// both.
writeFileSync(`${dir}/online_mlp.d.ts`, `/// <reference lib="esnext.disposable" />\n${declarations.slice(0, init + 1)}`);
const names = [...declarations.slice(0, init).matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
if (!names.includes("MLPClassifier")) throw new Error("online_mlp.d.ts declares no MLPClassifier");
const exported = `export { ${names.join(", ")} } from "./online_mlp.js";`;
copyFileSync(new URL("../js/freed.js", import.meta.url), `${dir}/freed.js`);
writeFileSync(`${dir}/browser.js`, `// The package in a browser: fetch and compile the module beside this file, then export the API.
import init from "./online_mlp.js";
import "./freed.js";
await init({ module_or_path: new URL("./online_mlp_bg.wasm", import.meta.url) });
${exported}
`);
writeFileSync(`${dir}/node.js`, `// The package in Node: read and compile the module beside this file, then export the API.
import { readFileSync } from "node:fs";
import { initSync } from "./online_mlp.js";
import "./freed.js";
initSync({ module: readFileSync(new URL("./online_mlp_bg.wasm", import.meta.url)) });
${exported}
`);
// Each entry's declarations beside it (TypeScript finds `browser.d.ts` for a page's
// `import ... from "./node_modules/online-mlp/browser.js"` too).
for (const entry of ["node", "browser"]) {
  writeFileSync(`${dir}/${entry}.d.ts`, `// The declarations of ${entry}.js, which re-exports the module's API (not its default export).
export * from "./online_mlp.js";
`);
}
// The licence the manifest names, whose notice MIT asks every copy to carry.
copyFileSync(new URL("../../LICENSE", import.meta.url), `${dir}/LICENSE`);
// The data the README's examples learn (credited in the package's README, as its licence asks).
copyFileSync(new URL("../../data/heart.csv", import.meta.url), `${dir}/heart.csv`);
const manifest = {
  name: "online-mlp",
  version,
  description,
  // The code's licence, and the bundled heart.csv's (credited in the README).
  license: "(MIT AND CC-BY-4.0)",
  type: "module",
  exports: {
    ".": {
      node: { types: "./node.d.ts", default: "./node.js" },
      default: { types: "./browser.d.ts", default: "./browser.js" },
    },
    "./heart.csv": "./heart.csv",
    "./package.json": "./package.json",
  },
  engines: { node: ">=18" },
  // For TypeScript's older module resolution, which reads no `exports`: the same API.
  types: "./node.d.ts",
  files: ["online_mlp.js", "online_mlp_bg.wasm", "online_mlp.d.ts", "browser.js", "browser.d.ts", "node.js", "node.d.ts", "freed.js", "snippets/", "heart.csv", "README.md", "LICENSE"],
  sideEffects: ["./browser.js", "./node.js", "./freed.js"],
  keywords: ["machine-learning", "online-learning", "scikit-learn", "mlp", "drift-detection", "webassembly"],
};
writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
// The package's README from the repository README's parts that concern it, so that they
// cannot drift apart: the example (which the package's tests run), the module for a private
// model per visitor (which they run too), the drift example (run too) and the API table.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
/// The README's text from `start` to the end of the line that begins with `end` after it.
function part(start, end, what) {
  const at = readme.indexOf(start);
  const stop = readme.indexOf(end, at + start.length);
  if (at < 0 || stop < 0) throw new Error(`README.md has no ${what}`);
  return readme.slice(at, readme.indexOf("\n", stop + 1));
}
const example = part('```js\nimport { readFileSync } from "node:fs";', "\n```", "example");
const perVisitor = part("```js\n// model.js", "\n```", "model.js example");
const driftExample = part("```js\n// drift.js", "\n```", "drift.js example");
const api = part("| API | scikit-learn |", "\n| `new ADWIN(", "API table");
writeFileSync(`${dir}/README.md`, `# online-mlp

${description}. The same numbers as scikit-learn's \`MLPClassifier\`, \`StandardScaler\` and
\`train_test_split\` (\`seed\` is \`np.random.seed\`), one sample per update in microseconds,
and River's drift detectors \`PageHinkley\` and \`ADWIN\`, which detect where River's do.
In Node 18+ and in browsers with WebAssembly's SIMD (Chrome and Edge 91, Firefox 89, Safari
16.4), as an ES module with no bundler, with TypeScript declarations.

${example}

That is the notebook's first checkpoint, as scikit-learn prints it. In a page, import
\`./node_modules/online-mlp/browser.js\` and read the file with \`fetch\`. \`heart.csv\`, which
comes with the package, is the file the original demo learns: the UCI Heart Disease data's
Cleveland patients (Janosi, Steinbrunn, Pfisterer and Detrano, 1988,
<https://doi.org/10.24432/C52P4X>, CC BY 4.0) as commonly preprocessed, 303 rows of 13
features and \`target\`, where 1 means **no** heart disease.

## A private model per visitor, with no server

Each visitor's model learns from the labels they give and is kept in their browser
(\`localStorage\`); nothing leaves it. In a page without a bundler:

${perVisitor}

## A model's errors watched for drift

River's \`PageHinkley\` and \`ADWIN\` on progressive validation's errors, here on heart.csv in
its own order (its first 165 patients have no heart disease, the rest have it):

${driftExample}

## API

${api}

Rows are arrays of numbers or \`Float64Array\`s. Every mistake is an \`Error\` with the reason
(\`X[1] has 2 values, expected 3\`, \`feature 1 of sample 1 is not a finite number\`), and the
object stays usable; what the input itself throws (a getter, a revoked proxy) is passed on
as it was thrown. A model or a scaler holds its numbers in the module's memory (a 13-100-1
model about 40 KB): \`free()\` gives them back at once (as \`using\` does, where the language
has it), otherwise the garbage collector does, in its own time, only between turns of the
event loop. Free them in a loop that makes many: the module's memory, once grown, does not
shrink, and at 4 GiB it is full. A model read back with \`fromJSON(text)\` shuffles its later
\`partialFit\` batches with a new random seed; \`fromJSON(text, { seed })\` gives it one.

## Speed

One-sample updates of a 13-100-1 network take about 2.4 us in headless Chromium on a 2-core
Intel Xeon, 249 to 288 times faster than TensorFlow.js's fastest backend on the same page
and the same data (measured on 2026-12-05 with the repository's \`make bench-browser\`).

${part("**Long streams.**", "\n\n", "long streams")}
`);
