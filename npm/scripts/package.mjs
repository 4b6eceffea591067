// Turns wasm-pack's output (`--target web`) into the npm package `online-mlp`, one package
// for browsers and Node: `browser.js` (an ES module that fetches the .wasm beside it, no
// bundler needed) and `node.js` (reads it from disk), chosen by the `exports` map, both
// exporting the same API; the TypeScript declarations are wasm-bindgen's, re-exported for
// each entry by `node.d.ts` and `browser.d.ts` as the entries re-export the module: with
// `export *`, which leaves out wasm-bindgen's default export (its `init`, which the entries
// have already called).
//
//   node npm/scripts/package.mjs <wasm-pack out-dir>
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";

const dir = process.argv[2];
const crate = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const version = crate.match(/^version = "(.+)"$/m)[1];
const description = crate.match(/^description = "(.+)"$/m)[1];

writeFileSync(`${dir}/browser.js`, `// The package in a browser: fetch and compile the module beside this file, then export the API.
import init from "./online_mlp.js";
await init({ module_or_path: new URL("./online_mlp_bg.wasm", import.meta.url) });
export * from "./online_mlp.js";
`);
writeFileSync(`${dir}/node.js`, `// The package in Node: read and compile the module beside this file, then export the API.
import { readFileSync } from "node:fs";
import { initSync } from "./online_mlp.js";
initSync({ module: readFileSync(new URL("./online_mlp_bg.wasm", import.meta.url)) });
export * from "./online_mlp.js";
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
const manifest = {
  name: "online-mlp",
  version,
  description,
  license: "MIT",
  type: "module",
  exports: {
    ".": {
      node: { types: "./node.d.ts", default: "./node.js" },
      default: { types: "./browser.d.ts", default: "./browser.js" },
    },
  },
  // For TypeScript's older module resolution, which reads no `exports`: the same API.
  types: "./node.d.ts",
  files: ["online_mlp.js", "online_mlp_bg.wasm", "online_mlp.d.ts", "online_mlp_bg.wasm.d.ts", "browser.js", "browser.d.ts", "node.js", "node.d.ts", "snippets/", "README.md", "LICENSE"],
  sideEffects: ["./browser.js", "./node.js"],
  keywords: ["machine-learning", "online-learning", "scikit-learn", "mlp", "webassembly"],
};
writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
// The repository README's module for a private model per visitor, which the package's tests
// run: the package's README carries the same text.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const modelStart = readme.indexOf("```js\n// model.js");
if (modelStart < 0) throw new Error("README.md has no model.js example");
const perVisitor = readme.slice(modelStart, readme.indexOf("\n```\n", modelStart) + "\n```".length);
writeFileSync(`${dir}/README.md`, `# online-mlp

${description}. The same numbers as scikit-learn's \`MLPClassifier\`, \`StandardScaler\` and
\`train_test_split\` (\`seed\` is \`np.random.seed\`), one sample per update in microseconds.
In Node and in browsers (an ES module, no bundler), with TypeScript declarations.

\`\`\`js
import { MLPClassifier, StandardScaler, readCsv, trainTestSplit } from "online-mlp";

const heart = readCsv(csvText);                       // a header, numeric features, target 0/1
const X = new StandardScaler().fitTransform(heart.X);
const { train, test } = trainTestSplit(X.length, { testSize: 0.2, randomState: 0 });
const clf = new MLPClassifier({ seed: 5 });           // hiddenLayerSizes: [100], Adam
for (const i of train.slice(0, 26)) clf.learnOne(X[i], heart.y[i]);
clf.score([...test].map((i) => X[i]), [...test].map((i) => heart.y[i])); // 0.6065573770491803 on heart.csv
\`\`\`

\`toJSON()\` gives the model file (\`JSON.stringify(clf)\`), \`MLPClassifier.fromJSON(text)\` reads
one back, checked field by field; errors are \`Error\`s with the reason.

## A private model per visitor, with no server

Each visitor's model learns from the labels they give and is kept in their browser
(\`localStorage\`); nothing leaves it. In a page without a bundler:

${perVisitor}
`);
