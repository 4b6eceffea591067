// The npm package as a user gets it: `npm pack`'s tarball installed into a scratch folder,
// imported by name (the `exports` map picks node.js), then the same calls in headless
// Chromium from the installed files with no bundler (browser.js). The numbers are
// scikit-learn's, from the core's fixtures.
//
//   make package-test
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumOptions } from "../../tests/e2e/browser.mjs";

const repo = new URL("../../", import.meta.url).pathname;
const fixture = (name) => JSON.parse(readFileSync(`${repo}learner/tests/fixtures/${name}.json`, "utf8"));
const heartCsv = readFileSync(`${repo}data/heart.csv`, "utf8");
const { version } = JSON.parse(readFileSync(`${repo}target/npm/pkg/package.json`, "utf8"));

let scratch;
let mlp;
before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "online-mlp-"));
  writeFileSync(join(scratch, "package.json"), '{ "name": "scratch", "private": true, "type": "module" }\n');
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", `${repo}target/npm/online-mlp-${version}.tgz`], { cwd: scratch });
  writeFileSync(join(scratch, "use.mjs"), 'export * from "online-mlp";\n');
  mlp = await import(join(scratch, "use.mjs"));
});
after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

/// The module an entry in a package.json's `exports` resolves to under `conditions` (in the
/// map's order, "default" always matching), as Node and TypeScript resolve it.
function resolveExport(target, conditions) {
  if (typeof target === "string") return target;
  for (const [key, value] of Object.entries(target)) {
    if (key === "default" || conditions.includes(key)) {
      const found = resolveExport(value, conditions);
      if (found) return found;
    }
  }
}

/// The values (not types) a declaration file exports, following its `export * from`, which,
/// in TypeScript as in JavaScript, re-exports everything but a default export.
function declaredValues(file) {
  const text = readFileSync(file, "utf8");
  const names = new Set([...text.matchAll(/^export (?:declare )?(?:class|function|const|let|var|enum) (\w+)/gm)].map((m) => m[1]));
  if (/^export default /m.test(text)) names.add("default");
  for (const [, from] of text.matchAll(/^export \* from "(.+)\.js";$/gm)) {
    for (const name of declaredValues(join(dirname(file), `${from}.d.ts`))) if (name !== "default") names.add(name);
  }
  return [...names].sort();
}

/// The installed package's entry (`js`) and its declarations (`types`) for Node or a browser.
function entry(world) {
  const dir = join(scratch, "node_modules", "online-mlp");
  const { exports } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const conditions = world === "node" ? ["node", "import"] : ["browser", "import"];
  return {
    js: join(dir, resolveExport(exports["."], conditions)),
    types: join(dir, resolveExport(exports["."], ["types", ...conditions])),
  };
}

/// The README's module for a private model per visitor (its code, without the fence), which
/// `npm/scripts/package.mjs` copies into the package's README.
function readmeModelModule() {
  const readme = readFileSync(`${repo}README.md`, "utf8");
  const start = readme.indexOf("```js\n// model.js");
  assert.ok(start >= 0, "the README has the module");
  return readme.slice(start + "```js\n".length, readme.indexOf("\n```\n", start) + 1);
}

/// A local HTTP server for Chromium: each request's path goes through `fileOf` to a file
/// to send (404 where there is none); listening when the promise resolves.
async function serveFiles(fileOf) {
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".csv": "text/csv" };
  const server = createServer((request, response) => {
    const file = fileOf(new URL(request.url, "http://localhost").pathname);
    let body;
    try {
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/// The original notebook's preparation with the package: read, scale, split.
function notebookData({ readCsv, StandardScaler, trainTestSplit }, csv) {
  const heart = readCsv(csv);
  const X = new StandardScaler().fitTransform(heart.X);
  const { train, test } = trainTestSplit(X.length, { testSize: 0.2, randomState: 0 });
  const pick = (indices) => [[...indices].map((i) => X[i]), [...indices].map((i) => heart.y[i])];
  return { heart, train: pick(train), test: pick(test) };
}

/// The example of `readme` (its block that imports from "online-mlp"), written to `file` in
/// the scratch folder and run as it is written, on the heart.csv the package carries: what
/// it printed.
function runReadmeExample(readme, file) {
  const example = readme.match(/```js\n(import [^`]*?from "online-mlp";\n[^`]*?)```/)?.[1];
  assert.ok(example, `the README has the example (${file})`);
  writeFileSync(join(scratch, file), example);
  return execFileSync(process.execPath, [file], { cwd: scratch, encoding: "utf8" });
}

describe("in Node, from the packed tarball", () => {
  test("the README's example, run as it is written, prints the notebook's first checkpoint", () => {
    assert.equal(runReadmeExample(readFileSync(`${repo}README.md`, "utf8"), "readme-example.mjs"), "0.6065573770491803\n");
  });

  test("the installed package carries the code and the data its manifest licenses, and its README with the model per visitor", () => {
    const dir = join(scratch, "node_modules", "online-mlp");
    const { license, engines } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    assert.equal(license, "(MIT AND CC-BY-4.0)", "the code's licence and the bundled data's");
    assert.deepEqual(engines, { node: ">=18" });
    // The data its examples learn, and its manifest, reachable through its exports.
    const resolve = createRequire(join(scratch, "index.js")).resolve;
    assert.equal(readFileSync(resolve("online-mlp/heart.csv"), "utf8"), heartCsv);
    assert.equal(resolve("online-mlp/package.json"), join(dir, "package.json"));
    assert.match(readFileSync(join(dir, "README.md"), "utf8"), /CC BY 4\.0/, "the data credited");
    const notice = readFileSync(join(dir, "LICENSE"), "utf8");
    assert.match(notice, /^MIT License\n\nCopyright \(c\) \d{4} /);
    assert.equal(notice, readFileSync(`${repo}LICENSE`, "utf8"));
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    assert.match(readme, /^# online-mlp\n/);
    assert.ok(readme.includes(`\`\`\`js\n${readmeModelModule()}\`\`\``), "the model per visitor, as the tests run it");
  });

  test("the README's drift example prints the detections scikit-learn and River make, in the repository's README and the package's", () => {
    // tools/make_fixtures.py: scikit-learn's progressive errors on heart.csv in its order, and
    // River's detections on them.
    const { heart_in_order: expected } = fixture("drift");
    const printed = [...expected.adwin.map((row) => [row, "ADWIN"]), ...expected.page_hinkley.map((row) => [row, "Page-Hinkley"])]
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
      .map(([row, detector]) => `${detector}: a drift at row ${row}\n`)
      .join("");
    assert.equal(printed, "ADWIN: a drift at row 192\n", "the README's comment");
    // The same errors, one by one, through the package.
    const heart = mlp.readCsv(heartCsv);
    const X = new mlp.StandardScaler().fitTransform(heart.X);
    const clf = new mlp.MLPClassifier({ seed: 5 });
    const errors = [];
    X.forEach((x, i) => {
      if (i > 0) errors.push(Number((clf.predictProbaOne(x)[1] > 0.5 ? 1 : 0) !== heart.y[i]));
      clf.learnOne(x, heart.y[i]);
    });
    assert.deepEqual(errors, expected.errors, "scikit-learn's errors");
    for (const [readme, file] of [[readFileSync(`${repo}README.md`, "utf8"), "drift.mjs"], [readFileSync(join(scratch, "node_modules", "online-mlp", "README.md"), "utf8"), "package-drift.mjs"]]) {
      const start = readme.indexOf("```js\n// drift.js");
      assert.ok(start >= 0, `the README has the drift example (${file})`);
      const example = readme.slice(start + "```js\n".length, readme.indexOf("\n```\n", start) + 1);
      writeFileSync(join(scratch, file), example);
      assert.equal(execFileSync(process.execPath, [file], { cwd: scratch, encoding: "utf8" }), printed);
    }
  });

  test("the installed package's README: its example prints the checkpoint, its API table names every export and method", () => {
    const readme = readFileSync(join(scratch, "node_modules", "online-mlp", "README.md"), "utf8");
    assert.equal(runReadmeExample(readme, "package-readme-example.mjs"), "0.6065573770491803\n");
    const table = readme.slice(readme.indexOf("| API | scikit-learn |"), readme.indexOf("\n\n", readme.indexOf("| API |")));
    const internal = new Set(["constructor", "__destroy_into_raw", "__wrap", "free", "length", "name", "prototype"]);
    const documented = (name) => internal.has(name) || new RegExp(`[\`. ]${name}[\`(]`).test(table);
    for (const name of Object.keys(mlp)) assert.ok(documented(name), `the API table names ${name}`);
    for (const kind of [mlp.MLPClassifier, mlp.StandardScaler, mlp.PageHinkley, mlp.ADWIN]) {
      for (const name of [...Object.getOwnPropertyNames(kind), ...Object.getOwnPropertyNames(kind.prototype)]) {
        assert.ok(documented(name), `the API table names ${kind.name}'s ${name}`);
      }
    }
    assert.match(readme, /`free\(\)` gives them back at once/);
  });

  test("PageHinkley and ADWIN detect where River detects, with River's defaults and with other parameters", () => {
    const drift = fixture("drift");
    const detections = (detector, stream) => {
      const found = [];
      stream.forEach((x, i) => detector.update(x) && found.push(i));
      assert.equal(detector.driftDetected, found.at(-1) === stream.length - 1, "driftDetected is the last update's");
      detector.free();
      return found;
    };
    for (const [name, stream] of Object.entries(drift.streams)) {
      assert.deepEqual(detections(new mlp.PageHinkley(), stream), drift.page_hinkley[name], `Page-Hinkley, ${name}`);
      assert.deepEqual(detections(new mlp.ADWIN(), stream), drift.adwin[name], `ADWIN, ${name}`);
    }
    // River's names in JavaScript's idiom: min_instances is minInstances.
    const names = { min_instances: "minInstances" };
    assert.equal(drift.with_parameters.length, 5);
    for (const { detector, parameters, detections: expected } of drift.with_parameters) {
      const options = Object.fromEntries(Object.entries(parameters).map(([key, value]) => [names[key] ?? key, value]));
      for (const [name, stream] of Object.entries(drift.streams)) {
        const made = detector === "adwin" ? new mlp.ADWIN(options) : new mlp.PageHinkley(options);
        assert.deepEqual(detections(made, stream), expected[name], `${detector} ${JSON.stringify(options)}, ${name}`);
      }
    }
    // Page-Hinkley's two tests after every value of the four hospitals' error stream: River's.
    const run = fixture("hospitals").runs.keep_learning;
    const detector = new mlp.PageHinkley();
    const tests = run.errors.map((error) => (detector.update(error), [detector.testIncrease, detector.testDecrease]));
    assert.deepEqual(tests, run.page_hinkley_increase.map((increase, i) => [increase, run.page_hinkley_decrease[i]]));
    const adwin = new mlp.ADWIN();
    run.errors.slice(0, 100).forEach((error) => adwin.update(error));
    assert.equal(adwin.width, 100, "no drift in the first 100: every value in the window");
  });

  test("the detectors' mistakes are Errors: a value that is not a finite number, an option misspelt, of the wrong type or out of range", () => {
    const thrown = (make) => {
      try {
        make();
      } catch (e) {
        assert.ok(e instanceof Error, `an Error, not ${e}`);
        return e.message;
      }
      assert.fail("no error");
    };
    for (const [make, message] of [
      [() => new mlp.PageHinkley({ threshold: 0 }), "invalid options: `threshold` must be a number > 0, got 0"],
      [() => new mlp.PageHinkley({ alpha: 1.5 }), "invalid options: `alpha` must be a number in (0, 1], got 1.5"],
      [() => new mlp.PageHinkley({ delta: -1 }), "invalid options: `delta` must be a number >= 0, got -1"],
      [() => new mlp.PageHinkley({ minInstances: 2.5 }), "invalid options: `minInstances` must be a whole number below 2^32, got 2.5"],
      [() => new mlp.PageHinkley({ mode: "sideways" }), 'invalid options: `mode` must be "up", "down" or "both", got "sideways"'],
      [() => new mlp.PageHinkley({ lambda: 20 }), "invalid options: unknown field `lambda`, expected one of minInstances, delta, threshold, alpha, mode"],
      [() => new mlp.ADWIN({ delta: 1 }), "invalid options: `delta` must be a number in (0, 1), got 1"],
      [() => new mlp.ADWIN({ delta: "0.1" }), 'invalid options: `delta` must be a number in (0, 1), got "0.1"'],
      [() => new mlp.ADWIN({ clock: 0 }), "invalid options: `clock` must be a whole number from 1 to 4294967295, got 0"],
      [() => new mlp.ADWIN(7), "invalid options: expected an object, got 7"],
    ]) {
      assert.equal(thrown(make), message);
    }
    for (const detector of [new mlp.PageHinkley({ mode: null }), new mlp.ADWIN({ clock: undefined })]) {
      for (const [x, shown] of [["1", '"1"'], [null, "null"], [true, "true"], [NaN, "NaN"], [Infinity, "Infinity"], [undefined, "a value of type undefined"]]) {
        assert.equal(thrown(() => detector.update(x)), `x must be a finite number, got ${shown}`);
      }
      // Refused values are not seen: the detector goes on as if they had not been given.
      assert.equal(detector.update(0), false);
    }
  });

  test("the notebook's first checkpoint, 0.6065573770491803 after 26 samples", () => {
    const { train, test } = notebookData(mlp, heartCsv);
    const clf = new mlp.MLPClassifier({ seed: 5 });
    for (let i = 0; i < 26; i++) {
      clf.learnOne(train[0][i], train[1][i]);
    }
    assert.equal(clf.score(...test), 0.6065573770491803);
    assert.equal(clf.samplesSeen, 26);
  });

  test("the notebook's whole curve, one partialFit per sample, is scikit-learn's", () => {
    const { curve } = fixture("mlp_seed5");
    const { train, test } = notebookData(mlp, heartCsv);
    const clf = new mlp.MLPClassifier({ seed: 5, hiddenLayerSizes: [100] });
    const checkpoints = [];
    for (let i = 0; i < train[0].length; i++) {
      clf.partialFit([train[0][i]], [train[1][i]]);
      if ((i > 0 && i % 25 === 0) || i === train[0].length - 1) {
        checkpoints.push([i, clf.score(...test)]);
      }
    }
    assert.deepEqual(checkpoints, curve);
  });

  test("learnEach is learnOne on each row, bit for bit", () => {
    const { train, test } = notebookData(mlp, heartCsv);
    const [one, each] = [new mlp.MLPClassifier({ seed: 5 }), new mlp.MLPClassifier({ seed: 5 })];
    train[0].forEach((x, i) => one.learnOne(x, train[1][i]));
    each.learnEach(train[0], train[1]);
    assert.equal(JSON.stringify(each), JSON.stringify(one));
    assert.equal(each.score(...test), fixture("mlp_seed5").curve.at(-1)[1]);
  });

  test("predictProba is scikit-learn's, for rows as arrays or Float64Arrays", () => {
    const { after_100: expected } = fixture("mlp_seed5");
    const { train, test } = notebookData(mlp, heartCsv);
    const clf = new mlp.MLPClassifier({ seed: 5 });
    train[0].slice(0, 100).forEach((x, i) => clf.learnOne(x, train[1][i]));
    const proba = clf.predictProba(test[0]);
    assert.ok(proba.every((p) => p instanceof Float64Array && p.length === 2 && p[0] + p[1] === 1));
    proba.forEach((p, i) => assert.ok(Math.abs(p[1] - expected.predict_proba_test[i]) <= 1e-12, `row ${i}`));
    const asArrays = test[0].map((row) => Array.from(row));
    assert.deepEqual(clf.predictProba(asArrays), proba);
    assert.deepEqual(clf.predictProbaOne(asArrays[0]), proba[0]);
    assert.deepEqual(Array.from(clf.predict(test[0])), proba.map((p) => (p[1] > 0.5 ? 1 : 0)));
  });

  test("a model file written by scikit-learn (tools/sklearn_io.py) predicts as scikit-learn does", () => {
    const trained = fixture("sklearn_roundtrip_trained_in_sklearn");
    const clf = mlp.MLPClassifier.fromJSON(JSON.stringify(trained.model_file));
    const { test } = notebookData(mlp, heartCsv);
    clf.predictProba(test[0]).forEach((p, i) => assert.ok(Math.abs(p[1] - trained.predict_proba_test[i]) <= 1e-15, `row ${i}`));
  });

  test("toJSON then fromJSON goes on learning identically", () => {
    const { train, test } = notebookData(mlp, heartCsv);
    const clf = new mlp.MLPClassifier({ seed: 5, hiddenLayerSizes: [16, 8], alpha: 1e-3 });
    clf.partialFit(train[0].slice(0, 100), train[1].slice(0, 100));
    const file = JSON.stringify(clf);
    assert.equal(JSON.parse(file).format, "online-mlp-classifier");
    const copy = mlp.MLPClassifier.fromJSON(file);
    for (const model of [clf, copy]) {
      train[0].slice(100, 150).forEach((x, i) => model.learnOne(x, train[1][100 + i]));
    }
    assert.deepEqual(copy.predictProba(test[0]), clf.predictProba(test[0]));
    assert.equal(JSON.stringify(copy), JSON.stringify(clf));
  });

  test("a model whose numbers overflowed while learning is not written: toJSON throws, naming the field", () => {
    const clf = new mlp.MLPClassifier({ seed: 5 });
    clf.learnOne(new Array(13).fill(1), 1);
    const file = clf.toJSON();
    file.coefs[0][0][0] = 1e300; // finite, so fromJSON takes it; its square in Adam's second moment is not
    const huge = mlp.MLPClassifier.fromJSON(file);
    huge.learnOne(new Array(13).fill(1), 0);
    const unwritable = { message: /^the model cannot be written: `adam\.vs\.coefs\[0\]\[0\]\[0\]` is inf, not a finite number/ };
    assert.throws(() => huge.toJSON(), unwritable);
    assert.throws(() => JSON.stringify(huge), unwritable);
  });

  test("rows may be arrays and Float64Arrays side by side, labels any array of numbers: the same model", () => {
    const { MLPClassifier } = mlp;
    const [arrays, mixed] = [new MLPClassifier({ seed: 3 }), new MLPClassifier({ seed: 3 })];
    arrays.learnEach([[1, 2, 3], [3, 2, 1], [0, 1, 0]], [0, 1, 1]);
    mixed.learnEach([new Float64Array([1, 2, 3]), [3, 2, 1], new Float64Array([0, 1, 0])], Uint8Array.from([0, 1, 1]));
    assert.deepEqual(mixed.toJSON(), arrays.toJSON());
    assert.deepEqual(mixed.predictProba([new Float64Array([1, 1, 1]), [2, 0, 2]]), arrays.predictProba([[1, 1, 1], [2, 0, 2]]));
  });

  test("one sample's values and label must be numbers: null, \"1\" or true are refused, not converted as JavaScript would", () => {
    const { MLPClassifier } = mlp;
    const throws = (f, message, what) => assert.throws(f, (e) => e instanceof Error && e.message === message, what);
    const clf = new MLPClassifier({ seed: 1 });
    clf.learnOne([0, 1], 1);
    for (const value of [null, "", " 1 ", true, [0.5], "0x10", undefined, {}]) {
      const what = JSON.stringify(value) ?? String(value);
      throws(() => clf.learnOne([value, 1], 0), "feature 0 of sample 0 is not a finite number", `learnOne, ${what}`);
      throws(() => clf.predictProbaOne([1, value]), "feature 1 of the sample is not a finite number", `predictProbaOne, ${what}`);
    }
    for (const [label, shown] of [[null, "null"], [true, "true"], ["1", '"1"'], [[1], "[1]"], [undefined, "a value of type undefined"], [0.5, "0.5"], [NaN, "NaN"], [2, "2"], [-1, "-1"]]) {
      throws(() => clf.learnOne([0, 1], label), `y must be a class label, 0 or 1, got ${shown}`, `label ${String(label)}`);
    }
    for (const x of [undefined, null, "01", 3, new Float32Array(2), { length: 2, 0: 1, 1: 2 }]) {
      throws(() => clf.learnOne(x, 1), "x must be an array of numbers or a Float64Array", `x ${String(x)}`);
      throws(() => clf.predictProbaOne(x), "x must be an array of numbers or a Float64Array", `x ${String(x)}`);
    }
    assert.equal(clf.samplesSeen, 1, "nothing refused was learned");
    // Rows of every length alike, one after another (the row's values are not carried over).
    const wide = new MLPClassifier({ seed: 1 });
    wide.learnOne([1, 2, 3], 1);
    throws(() => wide.learnOne([1, 2], 1), "expected 3 features per sample, got 2");
    assert.deepEqual(wide.predictProbaOne([1, 2, 3]), wide.predictProbaOne(new Float64Array([1, 2, 3])));
  });

  test("a first fit that is refused leaves the model unfitted, and the next draws what a fresh model would", () => {
    const { MLPClassifier } = mlp;
    const notFitted = "This MLPClassifier instance is not fitted yet: call partialFit or learnOne first";
    const { train } = notebookData(mlp, heartCsv);
    const fresh = new MLPClassifier({ seed: 5 });
    fresh.partialFit(train[0].slice(0, 30), train[1].slice(0, 30));
    for (const refuse of [
      (clf) => clf.learnOne([NaN, ...train[0][0].slice(1)], 1),
      (clf) => clf.learnEach(train[0].slice(0, 3), [0, 1, 3]),
      (clf) => clf.partialFit(train[0].slice(0, 3), [0, 1, 3]),
    ]) {
      const clf = new MLPClassifier({ seed: 5 });
      assert.throws(() => refuse(clf), Error);
      assert.equal(clf.samplesSeen, 0);
      assert.throws(() => clf.predictProbaOne(train[0][0]), (e) => e.message === notFitted);
      assert.throws(() => clf.toJSON(), (e) => e.message === notFitted);
      clf.partialFit(train[0].slice(0, 30), train[1].slice(0, 30));
      assert.equal(JSON.stringify(clf), JSON.stringify(fresh), String(refuse));
    }
  });

  test("options are read one by one: a wrong type names the option, null is the default", () => {
    const { MLPClassifier } = mlp;
    const throws = (options, message) =>
      assert.throws(() => new MLPClassifier(options), (e) => e instanceof Error && e.message === message, JSON.stringify(options));
    throws({ hiddenLayerSizes: 100 }, "invalid options: `hiddenLayerSizes` must be an array of whole numbers of units, each below 2^32, got 100");
    throws({ hiddenLayerSizes: [10.5] }, "invalid options: `hiddenLayerSizes` must be an array of whole numbers of units, each below 2^32, got [10.5]");
    throws({ alpha: "1e-4" }, 'invalid options: `alpha` must be a number, got "1e-4"');
    throws({ shuffle: 1 }, "invalid options: `shuffle` must be true or false, got 1");
    throws({ seed: -1 }, "invalid options: `seed` must be a whole number from 0 to 4294967295, got -1");
    throws({ seed: 2 ** 32 }, "invalid options: `seed` must be a whole number from 0 to 4294967295, got 4294967296");
    throws({ batchSize: NaN }, "invalid options: `batchSize` must be a whole number of rows, below 2^32, got NaN");
    throws({ batchSize: 1e12 }, "invalid options: `batchSize` must be a whole number of rows, below 2^32, got 1000000000000");
    throws(5, "invalid options: expected an object, got 5");
    throws([1], "invalid options: expected an object, got [1]");
    assert.throws(() => MLPClassifier.fromJSON("{}", { seed: "5" }), (e) => e.message === 'invalid options: `seed` must be a whole number from 0 to 4294967295, got "5"');
    const [nulls, defaults] = [new MLPClassifier({ alpha: null, hiddenLayerSizes: null, seed: 4 }), new MLPClassifier({ seed: 4 })];
    for (const clf of [nulls, defaults]) clf.learnOne([1, 2], 1);
    assert.equal(JSON.stringify(nulls), JSON.stringify(defaults));
  });

  test("no rows is refused by every method that takes rows, as scikit-learn refuses 0 samples", () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const clf = new MLPClassifier({ seed: 1 });
    clf.learnOne([1, 2], 1);
    const scaler = new StandardScaler();
    scaler.fit([[1, 2], [3, 4]]);
    for (const [what, f] of [
      ["predict", () => clf.predict([])],
      ["predictProba", () => clf.predictProba([])],
      ["score", () => clf.score([], [])],
      ["learnEach", () => clf.learnEach([], [])],
      ["partialFit", () => clf.partialFit([], [])],
      ["fit", () => new StandardScaler().fit([])],
      ["transform", () => scaler.transform([])],
    ]) {
      assert.throws(f, (e) => e instanceof Error && e.message === "X has no rows", what);
    }
  });

  test("readCsv refuses a text over 256 MiB before copying it in, and a file over 2^24 rows, with an Error", () => {
    const { readCsv } = mlp;
    const over = 2 ** 28 + 1;
    assert.throws(() => readCsv("1".repeat(over)), (e) => e instanceof Error && e.message === `text is at least ${over} bytes, more than readCsv reads at once (268435456, 256 MiB)`);
    assert.throws(() => readCsv(new Uint8Array(over)), (e) => e instanceof Error && e.message === `text is ${over} bytes, more than readCsv reads at once (268435456, 256 MiB)`);
    const rows = 2 ** 24 + 1;
    const text = Buffer.alloc(9 + 4 * rows);
    text.write("x,target\n");
    for (let row = 0, at = 9; row < rows; row += 1, at += 4) text.write("1,0\n", at);
    assert.throws(() => readCsv(text), (e) => e instanceof Error && e.message === `the file has ${rows} rows, more than readCsv gives at once (16777216, 2^24, as many as trainTestSplit splits)`);
    assert.equal(readCsv("x,target\n1,0\n").y.length, 1, "the module goes on");
  });

  test("rows with no values are refused by the scaler, as scikit-learn refuses 0 features, and it stays usable", () => {
    const { StandardScaler } = mlp;
    const scaler = new StandardScaler();
    const noFeatures = (e) => e instanceof Error && e.message === "cannot fit a scaler on rows with no values: at least one feature is needed";
    for (const rows of [[[]], [[], []], [new Float64Array(0)]]) {
      assert.throws(() => scaler.fit(rows), noFeatures);
      assert.throws(() => new StandardScaler().fitTransform(rows), noFeatures);
    }
    scaler.fit([[1], [3]]);
    assert.deepEqual(Array.from(scaler.mean), [2]);
    scaler.free();
  });

  test("partialFit keeps a scaler current a sample or a batch at a time, as scikit-learn's partial_fit, bit for bit", () => {
    const { StandardScaler, readCsv } = mlp;
    // tools/make_fixtures.py: scikit-learn's statistics after each call.
    const expected = JSON.parse(readFileSync(`${repo}learner/tests/fixtures/scaler_partial_fit.json`, "utf8"));
    const { X } = readCsv(heartCsv);
    for (const run of ["one_at_a_time", "batches"]) {
      const scaler = new StandardScaler();
      let seen = 0;
      for (const step of expected[run].steps) {
        scaler.partialFit(X.slice(seen, seen + step.rows));
        seen += step.rows;
        assert.deepEqual([Array.from(scaler.mean), Array.from(scaler.var), Array.from(scaler.scale)], [step.mean, step.var, step.scale], `${run}, after ${seen} rows`);
        assert.equal(scaler.toJSON().n_samples_seen, seen);
      }
      assert.deepEqual(Array.from(scaler.transform([X[0]])[0]), expected[run].first_row_scaled);
      scaler.free();
    }
    // A batch refused leaves the scaler as it was; one given to a fresh scaler leaves it unfitted.
    const scaler = new StandardScaler();
    scaler.partialFit([[1, 2], [3, 5]]);
    assert.throws(() => scaler.partialFit([[1, 2, 3]]), (e) => e instanceof Error && e.message === "expected 2 features per sample, got 3");
    assert.throws(() => scaler.partialFit([[1, NaN]]), (e) => e instanceof Error && e.message === "feature 1 of sample 0 is not a finite number");
    assert.equal(scaler.toJSON().n_samples_seen, 2);
    const fresh = new StandardScaler();
    assert.throws(() => fresh.partialFit([[1, Infinity]]), /not a finite number/);
    assert.throws(() => fresh.transform([[1, 2]]), (e) => e.message === "This StandardScaler instance is not fitted yet: call fit or partialFit first");
    fresh.partialFit([[1, 2]]);
    assert.deepEqual(Array.from(fresh.scale), [1, 1], "one sample: every feature constant, scaled by 1");
  });

  test("an object used after free() says so, and a second free() does nothing", () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const clf = new MLPClassifier({ seed: 1 });
    clf.learnOne([1, 2], 1);
    clf.free();
    clf.free();
    const freed = (kind) => (e) => e instanceof Error && e.message === `this ${kind} was freed (free(), or the end of its \`using\` block): it can no longer be used`;
    assert.throws(() => clf.learnOne([1, 2], 1), freed("MLPClassifier"));
    assert.throws(() => clf.samplesSeen, freed("MLPClassifier"));
    assert.throws(() => JSON.stringify(clf), freed("MLPClassifier"));
    const scaler = new StandardScaler();
    scaler.fit([[1], [2]]);
    scaler[Symbol.dispose]();
    scaler[Symbol.dispose]();
    assert.throws(() => scaler.transform([[1]]), freed("StandardScaler"));
    assert.throws(() => scaler.mean, freed("StandardScaler"));
    const fitted = new MLPClassifier({ seed: 1 });
    fitted.learnOne([1], 1);
    assert.throws(() => fitted.toModelFile(scaler), (e) => e.message === "the StandardScaler given to toModelFile was freed: it can no longer be used");
    assert.equal(MLPClassifier.prototype.learnOne.name, "learnOne");
    // A method called on another kind of object is refused, not run on that object's memory.
    const other = new StandardScaler();
    other.fit([[1], [2]]);
    const wrong = (e) => e instanceof TypeError && e.message === "MLPClassifier.predict was called on StandardScaler: it works on MLPClassifier objects only";
    assert.throws(() => MLPClassifier.prototype.predict.call(other, [[1]]), wrong);
    assert.throws(() => StandardScaler.prototype.transform.call(fitted, [[1]]), (e) => e instanceof TypeError && /^StandardScaler\.transform was called on MLPClassifier/.test(e.message));
    assert.throws(() => Object.getOwnPropertyDescriptor(MLPClassifier.prototype, "samplesSeen").get.call({}), /MLPClassifier\.samplesSeen was called on Object/);
    assert.throws(() => StandardScaler.prototype.free.call(fitted), /StandardScaler\.free was called on MLPClassifier/);
    assert.deepEqual([...other.transform([[1]])[0]], [-1], "both still usable");
    assert.equal(fitted.samplesSeen, 1);
  });

  test("mistakes are Errors with the core's reason", () => {
    const { MLPClassifier, StandardScaler, readCsv, trainTestSplit } = mlp;
    const throws = (f, message) => assert.throws(f, (e) => e instanceof Error && e.message === message);
    throws(() => new MLPClassifier({ alpha: -1 }), "invalid hyper-parameter: alpha must be a finite number >= 0, got -1");
    // The option's own name and the value as JavaScript writes it.
    throws(() => new MLPClassifier({ learningRateInit: 0 }), "invalid hyper-parameter: learningRateInit must be a finite number > 0, got 0");
    throws(() => new MLPClassifier({ beta2: 1 }), "invalid hyper-parameter: beta2 must be in [0, 1), got 1");
    throws(() => new MLPClassifier({ alpha: Infinity }), "invalid hyper-parameter: alpha must be a finite number >= 0, got Infinity");
    throws(() => new MLPClassifier({ epsilon: -Infinity }), "invalid hyper-parameter: epsilon must be a finite number > 0, got -Infinity");
    throws(() => new MLPClassifier({ batchSize: 0 }), "invalid hyper-parameter: batchSize must be at least 1");
    throws(() => new MLPClassifier({ hiddenLayerSizes: [0] }), "invalid hyper-parameter: hiddenLayerSizes must be positive, got [0]");
    assert.throws(() => new MLPClassifier({ learningRate: 0.1 }), /^Error: invalid options: unknown field `learningRate`/);
    const clf = new MLPClassifier({ seed: 1 });
    throws(() => clf.predict([[1, 2]]), "This MLPClassifier instance is not fitted yet: call partialFit or learnOne first");
    throws(() => clf.partialFit([[1, 2, 3], [1, 2]], [0, 1]), "X[1] has 2 values, expected 3");
    throws(() => clf.partialFit([[1, 2, 3], [1]], [0, 1]), "X[1] has 1 value, expected 3");
    throws(() => clf.partialFit([[1, 2, 3]], [2]), "label 2 of sample 0 is not one of the classes 0 and 1");
    throws(() => clf.partialFit([[1, 2, 3], [1, "x", 3]], [1, 0]), "feature 1 of sample 1 is not a finite number");
    throws(() => clf.partialFit([[1, 2, 3], "abc"], [0, 1]), "X[1] is not an array of numbers or a Float64Array");
    throws(() => clf.partialFit([[1, 2, 3], new Float32Array(3)], [0, 1]), "X[1] is not an array of numbers or a Float64Array");
    throws(() => clf.partialFit({ length: 1, 0: [1, 2, 3] }, [0]), "X must be an array of rows");
    throws(() => clf.partialFit([[1, 2, 3]], ["1"]), "y[0] is not a class label (0 or 1)");
    clf.learnOne([1, 2, 3], 1);
    throws(() => clf.predictProbaOne([1, 2]), "expected 3 features per sample, got 2");
    throws(() => MLPClassifier.fromJSON("{}"), "invalid model file: missing field `format` at line 1 column 2");
    // A newer build's file, a field added and the version raised: refused for its version.
    const newer = { ...JSON.parse(JSON.stringify(clf)), version: 2, activation: "tanh" };
    throws(() => MLPClassifier.fromJSON(newer), "invalid model file: version 2 is not supported (this build reads version 1)");
    throws(() => readCsv("a,target\n1.5,1\n,,\n ,0\n"), "line 4, column 1 (`a`) is empty");
    throws(() => readCsv("a,target\n1.5,1\nx,0\n"), "line 3, column 1 (`a`): `x` is not a number");
    // A control character quoted back (a newline in a quoted field, a terminal's escape
    // sequence) as its escape: the message stays on one line, as the notebook command writes it.
    throws(() => readCsv('a,target\n"1\n2",1\n'), "line 2, column 1 (`a`): `1\\n2` is not a number");
    throws(() => readCsv("a,target\n\u001b[31m,1\n"), "line 2, column 1 (`a`): `\\u{1b}[31m` is not a number");
    throws(() => new StandardScaler().transform([[1]]), "This StandardScaler instance is not fitted yet: call fit or partialFit first");
    throws(() => clf.toModelFile(new StandardScaler()), "This StandardScaler instance is not fitted yet: call fit or partialFit first");
    throws(() => trainTestSplit(1, { testSize: 0.2, randomState: 0 }), "the data set has 1 sample: too few to split into a training and a test set");
  });

  test("what the input throws as it is read (a revoked proxy, a getter) is passed on as thrown, and the objects stay usable", () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const { proxy, revoke } = Proxy.revocable([1, 2], {});
    revoke();
    const thrower = { length: 1, get 0() { throw new RangeError("a getter"); } };
    const clf = new MLPClassifier({ seed: 1, hiddenLayerSizes: [3] });
    clf.learnOne([1, 2], 1);
    const scaler = new StandardScaler();
    scaler.fit([[1, 2], [3, 4]]);
    const revoked = (e) => e instanceof TypeError && /revoked/.test(e.message);
    for (const [what, f, thrown] of [
      ["learnOne", () => clf.learnOne(proxy, 1), revoked],
      ["predictProbaOne", () => clf.predictProbaOne(proxy), revoked],
      ["partialFit, a row", () => clf.partialFit([[1, 2], proxy], [0, 1]), revoked],
      ["partialFit, the rows", () => clf.partialFit(proxy, [0, 1]), revoked],
      ["learnEach, a label", () => clf.learnEach([[1, 2]], thrower), (e) => e instanceof RangeError],
      ["score, a label", () => clf.score([[1, 2]], thrower), (e) => e instanceof RangeError],
      ["predict, a row", () => clf.predict(thrower), (e) => e instanceof Error && e.message === "X must be an array of rows"],
      ["fit", () => scaler.fit([proxy]), revoked],
      ["transform", () => scaler.transform([[1, 2], proxy]), revoked],
      ["an option's getter", () => new MLPClassifier({ get seed() { throw new RangeError("an option"); } }), (e) => e instanceof RangeError],
    ]) {
      assert.throws(f, thrown, what);
    }
    // Each object goes on: learning, predicting, freeing (a JavaScript exception through the
    // module while it held the model left it locked: "recursive use of an object").
    clf.learnOne([1, 2], 0);
    clf.partialFit([[1, 2], [2, 1]], [0, 1]);
    assert.equal(clf.samplesSeen, 4);
    assert.equal(scaler.transform([[1, 2]]).length, 1);
    clf.free();
    scaler.free();
  });

  test("a partialFit step too large for the module's memory is an Error, not a trap, and the model stays usable", () => {
    const { MLPClassifier } = mlp;
    const rows = Array.from({ length: 300000 }, (_, i) => [i % 7, 1]);
    const labels = rows.map(([a]) => a % 2);
    const clf = new MLPClassifier({ seed: 1, hiddenLayerSizes: [2000], batchSize: 300000 });
    assert.throws(() => clf.partialFit(rows, labels), (e) => e instanceof Error && e.message ===
      "a partialFit step of 300000 rows through 2 features and hiddenLayerSizes [2000] takes about 9170 MB of the module's memory, more than the 1024 MB a step may take: give a smaller batchSize");
    clf.partialFit(rows.slice(0, 1000), labels.slice(0, 1000)); // a step of 1,000 rows is 31 MB
    assert.equal(clf.samplesSeen, 1000);
    clf.free();
  });

  test("the widest network a model file holds predicts many rows at once within the module's memory", () => {
    const { MLPClassifier } = mlp;
    // 1,666,666 hidden units on one feature: a row's activations take 13 MB, 256 rows 3.4 GB.
    const clf = new MLPClassifier({ seed: 1, hiddenLayerSizes: [1666666] });
    clf.learnOne([1], 1);
    const rows = Array.from({ length: 40 }, (_, i) => [i / 10]);
    const classes = clf.predict(rows);
    const proba = clf.predictProba(rows);
    assert.equal(classes.length, 40);
    rows.forEach((row, i) => {
      assert.deepEqual(proba[i], clf.predictProbaOne(row), `row ${i}, as alone`);
      assert.equal(classes[i], Number(proba[i][1] > 0.5));
    });
    assert.equal(clf.score(rows, classes), 1);
    clf.learnOne([0], 0);
    assert.equal(clf.samplesSeen, 2, "still usable");
    clf.free();
  });

  test("a partialFit whose steps leave a weight infinite is refused, as scikit-learn's raises", () => {
    const { MLPClassifier } = mlp;
    const clf = new MLPClassifier({ seed: 1, hiddenLayerSizes: [4] });
    clf.partialFit([[1, 2], [2, 1]], [0, 1]);
    const M = Number.MAX_VALUE;
    // scikit-learn 1.9.1: "Solver produced non-finite parameter weights. The input data may
    // contain large values and need to be preprocessed."
    assert.throws(
      () => clf.partialFit([[M, -M], [-M, M], [M, M]], [1, 0, 1]),
      (e) => e instanceof Error && /^the solver produced non-finite parameter weights: the input data may contain large values/.test(e.message),
    );
    assert.equal(clf.samplesSeen, 5, "the steps were taken, as scikit-learn takes them");
    assert.throws(() => clf.predictProbaOne([1, 2]), (e) => e instanceof Error && /^the model cannot predict: /.test(e.message));
    clf.free();
  });

  test("a model whose weights overflowed refuses to predict, naming the first such weight", () => {
    const { MLPClassifier } = mlp;
    const clf = new MLPClassifier({ seed: 2, hiddenLayerSizes: [4], learningRateInit: 1e300 });
    for (let i = 0; i < 5; i++) clf.learnOne([1, 2], i % 2);
    const refused = (e) => e instanceof Error && /^the model cannot predict: `coefs\[0\]\[0\]\[0\]` is NaN, not a finite number \(a value overflowed while learning\); a learningRateInit or inputs too large make the steps overflow$/.test(e.message);
    for (const f of [() => clf.predictProbaOne([1, 2]), () => clf.predictProba([[1, 2]]), () => clf.predict([[1, 2]]), () => clf.score([[1, 2]], [1])]) {
      assert.throws(f, refused);
    }
  });

  test("a network larger than a model file holds (5,000,000 parameters) is an Error, not a trap, and the model stays usable", () => {
    const { MLPClassifier } = mlp;
    const throws = (f, message) => assert.throws(f, (e) => e instanceof Error && e.message === message);
    const tooLarge = (sizes) =>
      `hiddenLayerSizes [${sizes.join(", ")}] make a network of more than 5000000 parameters even on one feature: a model file holds at most 5000000`;
    throws(() => new MLPClassifier({ hiddenLayerSizes: [1e9], seed: 1 }), tooLarge([1e9]));
    throws(() => new MLPClassifier({ hiddenLayerSizes: [100000, 100000], seed: 1 }), tooLarge([100000, 100000]));
    throws(() => new MLPClassifier({ hiddenLayerSizes: [2 ** 31, 2 ** 31] }), tooLarge([2 ** 31, 2 ** 31])); // overflows 32 bits
    // On one feature, 1 * h + h + h * 1 + 1 parameters: 4,999,999 with h = 1,666,666.
    throws(() => new MLPClassifier({ hiddenLayerSizes: [1666667] }), tooLarge([1666667]));
    new MLPClassifier({ hiddenLayerSizes: [1666666] }); // nothing allocated before the first fit

    // The width is known at the first fit: 100,000 features x 100 units is 10,000,201.
    const clf = new MLPClassifier({ seed: 1 });
    const wide = "a network on 100000 features with hiddenLayerSizes [100] has more than 5000000 parameters: a model file holds at most 5000000";
    throws(() => clf.learnOne(new Float64Array(100000), 1), wide);
    throws(() => clf.partialFit([new Float64Array(100000)], [1]), wide);
    throws(() => clf.learnEach([new Float64Array(100000)], [1]), wide);
    throws(() => clf.learnOne([], 1), "the rows have no values: a model needs at least one feature");
    throws(() => clf.partialFit([[]], [1]), "the rows have no values: a model needs at least one feature");
    clf.learnOne(new Array(13).fill(0), 1);
    assert.equal(clf.samplesSeen, 1);
    assert.equal(mlp.MLPClassifier.fromJSON(JSON.stringify(clf)).samplesSeen, 1);
  });

  test("the largest network a model file holds goes to JSON and back (its text within JavaScript's longest string)", () => {
    // 4,999,999 parameters on one feature; the file is about 330 million characters
    // (25 seconds and 2.5 GB here). At twice the size, toJSON could not make the string.
    const clf = new mlp.MLPClassifier({ seed: 1, hiddenLayerSizes: [1666666] });
    clf.learnOne([1], 1);
    clf.learnOne([-1], 0);
    const text = JSON.stringify(clf);
    const copy = mlp.MLPClassifier.fromJSON(text);
    assert.equal(copy.samplesSeen, 2);
    assert.deepEqual(copy.predictProbaOne([0.5]), clf.predictProbaOne([0.5]));
    clf.free();
    copy.free();
  });

  test("trainTestSplit takes n, a whole number from 0 to 2^24, and options may be left out", () => {
    const { trainTestSplit } = mlp;
    const refused = (found) => `n must be a whole number of rows, at most 16777216 (2^24), got ${found}`;
    for (const [n, found] of [[-1, "-1"], [4e9, "4000000000"], [2 ** 32, "4294967296"], [2 ** 24 + 1, "16777217"], [2.5, "2.5"], [NaN, "NaN"], [Infinity, "Infinity"], [1e300, "1e+300"], ["10", '"10"'], [undefined, "a value of type undefined"], [10n, "a value of type bigint"]]) {
      assert.throws(() => trainTestSplit(n, { testSize: 0.5 }), (e) => e instanceof Error && e.message === refused(found), `n = ${String(n)}`);
    }
    assert.throws(() => trainTestSplit(0, { testSize: 0.5 }), /^Error: the data set has 0 samples/);
    // Enough rows, but a testSize that leaves none to train on: the message names testSize.
    assert.throws(() => trainTestSplit(50, { testSize: 0.999 }), (e) => e.message === "invalid hyper-parameter: testSize 0.999 leaves none of the 50 samples to train on");
    assert.throws(() => trainTestSplit(10, { testSize: "0.5" }), (e) => e.message === 'invalid options: `testSize` must be a number, got "0.5"');
    // null is "not given", for each option alike.
    assert.deepEqual(trainTestSplit(10, { testSize: null, randomState: 3 }), trainTestSplit(10, { randomState: 3 }));
    const { train, test } = trainTestSplit(10);
    assert.deepEqual([train.length, test.length], [7, 3]);
    // A whole number is a count of test rows, as scikit-learn's int test_size:
    // train_test_split(range(10), test_size=3, random_state=0) and (..., test_size=1, ...).
    const counted = (n, testSize) => Object.values(trainTestSplit(n, { testSize, randomState: 0 })).map((rows) => [...rows]);
    assert.deepEqual(counted(10, 3), [[9, 1, 6, 7, 3, 0, 5], [2, 8, 4]]);
    assert.deepEqual(counted(10, 1), [[8, 4, 9, 1, 6, 7, 3, 0, 5], [2]]);
    assert.deepEqual(counted(303, 61), counted(303, 0.2), "61 of 303 rows, as a count or as 0.2");
    assert.throws(() => trainTestSplit(10, { testSize: 10 }), (e) => e.message === "invalid hyper-parameter: testSize 10 leaves none of the 10 samples to train on");
    // A count past what the module holds (2^32 - 1) is refused as given.
    assert.throws(() => trainTestSplit(10, { testSize: 2 ** 40 }), (e) => e.message === "invalid hyper-parameter: testSize 1099511627776 leaves none of the 10 samples to train on");
    for (const [testSize, shown] of [[1.5, "1.5"], [0, "0"], [-2, "-2"], [NaN, "NaN"], [Infinity, "Infinity"]]) {
      assert.throws(() => trainTestSplit(10, { testSize }), (e) => e.message === `invalid options: \`testSize\` must be a fraction in (0, 1) or a whole number of test rows, got ${shown}`, shown);
    }
    assert.deepEqual([...train, ...test].sort((a, b) => a - b), [...Array(10).keys()]);
    const largest = trainTestSplit(2 ** 24, { testSize: 0.5, randomState: 0 });
    assert.deepEqual([largest.train.length, largest.test.length], [2 ** 23, 2 ** 23]);
  });

  test("readCsv takes a string or its UTF-8 bytes, and refuses anything else with an Error", () => {
    const { readCsv } = mlp;
    const fromText = readCsv(heartCsv);
    assert.deepEqual(readCsv(readFileSync(`${repo}data/heart.csv`)), fromText); // a Buffer
    assert.deepEqual(readCsv(new TextEncoder().encode(heartCsv)), fromText);
    assert.deepEqual(readCsv(new TextEncoder().encode(heartCsv).buffer), fromText, "an ArrayBuffer, as fetch's arrayBuffer() gives");
    for (const value of [5, {}, true, [1, 2], null, undefined, new Float64Array(2)]) {
      assert.throws(() => readCsv(value), (e) => e instanceof Error && e.message === "text must be a string, or its UTF-8 bytes in a Uint8Array or an ArrayBuffer", String(value));
    }
    // Options as a Map are refused, not read as an object without fields (every default).
    for (const make of [() => new mlp.MLPClassifier(new Map([["seed", 3]])), () => mlp.trainTestSplit(10, new Map([["testSize", 3]]))]) {
      assert.throws(make, { message: "invalid options: expected a plain object of named options, got a Map" });
    }
    assert.throws(() => readCsv(new Uint8Array([0x61, 0xff])), /^Error: text is not UTF-8: invalid utf-8 sequence of 1 bytes from index 1$/);
    assert.deepEqual(readCsv("a,target\n1.5,1\n").featureNames, ["a"]); // still usable
  });

  /// heart.csv scaled, and a model of seed 5 that has learned its first `samples` rows.
  function learnedOnHeart(samples) {
    const heart = mlp.readCsv(heartCsv);
    const scaler = new mlp.StandardScaler();
    const X = scaler.fitTransform(heart.X);
    const clf = new mlp.MLPClassifier({ seed: 5 });
    clf.learnEach(X.slice(0, samples), heart.y.slice(0, samples));
    return { heart, scaler, X, clf };
  }

  test("toModelFile refuses a scaler fitted on another width, and writes a file fromJSON reads", () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const { scaler, clf } = learnedOnHeart(50);
    const narrow = new StandardScaler();
    narrow.fit([[1, 2], [3, 4]]);
    assert.throws(() => clf.toModelFile(narrow), (e) => e instanceof Error && e.message === "the scaler was fitted on 2 features, the model takes 13: pass the scaler its rows went through");
    const single = new mlp.StandardScaler();
    single.fit([[1], [2]]);
    assert.throws(() => clf.toModelFile(single), (e) => e.message === "the scaler was fitted on 1 feature, the model takes 13: pass the scaler its rows went through");
    const file = clf.toModelFile(scaler);
    assert.deepEqual(file.scaler.mean, [...scaler.mean]);
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(file)), JSON.stringify(clf));
    // Where the notebook command's --import goes on in its training split: the start unless
    // told, as sklearn_io.from_sklearn's next_sample.
    assert.equal(file.progress.next_sample, 0);
    assert.equal(clf.toModelFile(scaler, { nextSample: 50 }).progress.next_sample, 50);
    assert.equal(clf.toModelFile(scaler, null).progress.next_sample, 0);
    assert.throws(() => clf.toModelFile(scaler, { nextSample: -1 }), (e) => e.message === "invalid options: `nextSample` must be a whole number of samples, below 2^32, got -1");
    assert.throws(() => clf.toModelFile(scaler, { next_sample: 5 }), (e) => e.message === "invalid options: unknown field `next_sample`, expected one of nextSample");
  });

  test("StandardScaler.fromJSON gives back the scaler a model file carries: the same statistics and rows, bit for bit", () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const { heart, scaler, X, clf } = learnedOnHeart(60);
    const text = JSON.stringify(clf.toModelFile(scaler));
    const [kept, model] = [StandardScaler.fromJSON(text), MLPClassifier.fromJSON(text)];
    for (const statistic of ["mean", "var", "scale"]) assert.deepEqual(kept[statistic], scaler[statistic], statistic);
    const rows = kept.transform(heart.X.slice(200, 260));
    assert.deepEqual(rows, X.slice(200, 260));
    assert.deepEqual(model.predictProba(rows), clf.predictProba(X.slice(200, 260)));
    assert.deepEqual(StandardScaler.fromJSON(JSON.parse(text)).mean, scaler.mean, "the object toModelFile gives");
    const identity = StandardScaler.fromJSON(clf.toJSON());
    assert.deepEqual([...identity.mean, ...identity.scale], [...Array(13).fill(0), ...Array(13).fill(1)]);
    assert.deepEqual(identity.transform(heart.X.slice(0, 3)), heart.X.slice(0, 3));
    const broken = JSON.parse(text);
    broken.scaler.scale[2] = -1;
    assert.throws(() => StandardScaler.fromJSON(broken), (e) => e instanceof Error && /scaler\.scale/.test(e.message));
    assert.throws(() => StandardScaler.fromJSON("{"), Error);
  });

  test("StandardScaler.toJSON writes its statistics as a model file's scaler, which fromJSON reads back, checked", () => {
    const { StandardScaler } = mlp;
    const scaler = new StandardScaler();
    assert.throws(() => JSON.stringify(scaler), (e) => e.message === "This StandardScaler instance is not fitted yet: call fit or partialFit first");
    const heart = mlp.readCsv(heartCsv);
    scaler.fit(heart.X);
    const file = scaler.toJSON();
    assert.deepEqual(Object.keys(file), ["mean", "var", "scale", "n_samples_seen"]);
    assert.deepEqual(file.mean, [...scaler.mean]);
    assert.equal(file.n_samples_seen, 303);
    const kept = StandardScaler.fromJSON(JSON.stringify(scaler));
    assert.deepEqual(kept.transform(heart.X.slice(0, 9)), scaler.transform(heart.X.slice(0, 9)), "bit for bit");
    assert.deepEqual(StandardScaler.fromJSON(file).scale, scaler.scale, "the object toJSON gave");
    const refused = (edit, message) => {
      const edited = JSON.parse(JSON.stringify(file));
      edit(edited);
      assert.throws(() => StandardScaler.fromJSON(edited), (e) => e instanceof Error && e.message === message, message);
    };
    refused((f) => f.var.pop(), "invalid scaler: var has 12 values, expected 13");
    refused((f) => (f.scale[3] = 0), "invalid scaler: scale must be positive and var non-negative");
    refused((f) => (f.mean[0] = null), "invalid scaler: mean[0] is null, not a number");
    refused((f) => (f.var = "x"), "invalid scaler: var must be an array of numbers");
    refused((f) => (f.n_samples_seen = 1.5), "invalid scaler: n_samples_seen must be a whole number from 0 to 2^53, got 1.5");
    // Within 2^53 but past the module's 2^32 - 1: refused, not taken as 2^32 - 1.
    refused((f) => (f.n_samples_seen = 5e9), "invalid scaler: n_samples_seen is 5000000000, more than 4294967295, the most this module counts");
    assert.equal(StandardScaler.fromJSON({ ...file, n_samples_seen: 2 ** 32 - 1 }).toJSON().n_samples_seen, 2 ** 32 - 1);
    assert.throws(() => StandardScaler.fromJSON(null), (e) => e.message === "the scaler's file must be its text (a string, or its UTF-8 bytes in a Uint8Array or an ArrayBuffer) or the object toJSON gave, not null");
    // No options: one given is refused, not ignored (scikit-learn's with_mean and with_std hold).
    assert.throws(() => new StandardScaler({ withMean: false }), (e) => e.message === "invalid options: unknown field `withMean`, this takes none");
    new StandardScaler(null);
    refused((f) => delete f.scale, "invalid scaler: missing field `scale`");
    assert.throws(() => StandardScaler.fromJSON("[1]"), (e) => e.message === "invalid scaler: expected an object of mean, var, scale and n_samples_seen");
    assert.throws(() => StandardScaler.fromJSON("{"), (e) => /^invalid scaler: not JSON: /.test(e.message));
    refused((f) => (f.extra = 1), "invalid scaler: unknown field `extra`, expected one of `mean`, `var`, `scale`, `n_samples_seen`");
    refused((f) => { f.mean = []; f.var = []; f.scale = []; }, "invalid scaler: mean has no values");
    // A hostile value is quoted at most 40 characters long, an array or object by its kind.
    refused((f) => (f.mean[0] = "a".repeat(1_000_000)), `invalid scaler: mean[0] is "${"a".repeat(39)}…, not a number`);
    refused((f) => (f.n_samples_seen = [1]), "invalid scaler: n_samples_seen must be a whole number from 0 to 2^53, got an array");
    refused((f) => (f["b".repeat(100)] = 1), `invalid scaler: unknown field \`${"b".repeat(40)}…\`, expected one of \`mean\`, \`var\`, \`scale\`, \`n_samples_seen\``);
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const nested = JSON.stringify(file).replace(/"mean":\[[^\]]*\]/, `"mean":[${deep}]`);
    assert.throws(() => StandardScaler.fromJSON(nested), (e) => e instanceof Error && e.message === "invalid scaler: mean[0] is an array, not a number");
  });

  test("StandardScaler.transform refuses what fit refuses: a value that is not a finite number", () => {
    const { StandardScaler } = mlp;
    const scaler = new StandardScaler();
    scaler.fit([[1, 2], [3, 4]]);
    for (const [row, message] of [[[null, 1], "feature 0 of sample 0 is not a finite number"], [["5", 1], "feature 0 of sample 0 is not a finite number"], [[1, Infinity], "feature 1 of sample 0 is not a finite number"]]) {
      assert.throws(() => scaler.transform([[1, 2], row]), (e) => e instanceof Error && e.message === message.replace("sample 0", "sample 1"));
    }
  });

  test("fromJSON takes the file's text, its UTF-8 bytes (a Uint8Array or an ArrayBuffer) or the object toJSON gave, and says what else it was given", () => {
    const { MLPClassifier } = mlp;
    const { clf } = learnedOnHeart(20);
    const text = JSON.stringify(clf);
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(Buffer.from(text))), text, "a Buffer read without \"utf8\"");
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(new TextEncoder().encode(text))), text);
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(new TextEncoder().encode(text).buffer)), text, "an ArrayBuffer, as fetch's arrayBuffer() gives");
    assert.deepEqual(mlp.StandardScaler.fromJSON(new TextEncoder().encode(text).buffer).mean, mlp.StandardScaler.fromJSON(text).mean);
    for (const [given, shown] of [[undefined, "a value of type undefined"], [() => 1, "a value of type function"], [Symbol("x"), "a value of type symbol"], [42, "42"], [[1], "[1]"], [new Float64Array(2), "a Float64Array"], [new DataView(new ArrayBuffer(2)), "a DataView"]]) {
      assert.throws(() => MLPClassifier.fromJSON(given), (e) => e.message === `the model file must be its text (a string, or its UTF-8 bytes in a Uint8Array or an ArrayBuffer) or the object toJSON gave, not ${shown}`, shown);
    }
    // The object's refusal names the field, without a place in a text the caller never saw.
    const edited = clf.toJSON();
    edited.coefs[0][0] = [1];
    assert.throws(() => MLPClassifier.fromJSON(edited), (e) => e.message === "invalid model file: coefs[0][0] has 1 value, expected 100");
    edited.coefs = "x";
    assert.throws(() => MLPClassifier.fromJSON(edited), (e) => e.message === 'invalid model file: coefs: invalid type: string "x", expected an array');
    assert.throws(() => MLPClassifier.fromJSON(JSON.stringify(edited)), (e) => /^invalid model file: coefs: invalid type: string "x", expected an array at line 1 column \d+$/.test(e.message));
    // A byte-order mark (a file saved by an editor that marks its UTF-8) is skipped.
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(`\u{feff}${text}`)), text);
  });

  test("fromJSON given a file still to be read (an await forgotten, a Response, a Blob) says what to do", async () => {
    const { MLPClassifier, StandardScaler } = mlp;
    const text = JSON.stringify(learnedOnHeart(20).clf);
    const pending = Promise.resolve(text);
    assert.throws(() => MLPClassifier.fromJSON(pending), { message: "the model file is a Promise: await it first (`fromJSON(await response.text())`)" });
    assert.throws(() => StandardScaler.fromJSON(pending), { message: "the scaler's file is a Promise: await it first (`fromJSON(await response.text())`)" });
    assert.throws(() => MLPClassifier.fromJSON(new Response(text)), { message: "the model file is a Response: give its text (`fromJSON(await response.text())`)" });
    for (const file of [new Blob([text]), new File([text], "model.json")]) {
      assert.throws(() => MLPClassifier.fromJSON(file), { message: "the model file is a Blob or a File: give its text (`fromJSON(await file.text())`)" });
    }
    // An object without a constructor is read as the object it is.
    assert.throws(() => MLPClassifier.fromJSON(Object.create(null)), { message: "invalid model file: missing field `format`" });
    assert.equal(JSON.stringify(MLPClassifier.fromJSON(await pending)), text);
  });

  test("flushSubnormals: numbers below 2.2e-308 set to zero after each step, nothing else changed, and the option read back", () => {
    const { MLPClassifier } = mlp;
    const { X, heart, clf } = learnedOnHeart(30);
    // Hidden unit 7 made dead (never active), its intercept's moments subnormal: its
    // gradient is zero, so the moments decay, subnormal still, unless flushed.
    const file = clf.toJSON();
    file.intercepts[0][7] = -1e6;
    file.adam.ms.intercepts[0][7] = 1e-310;
    file.adam.vs.intercepts[0][7] = 1e-310;
    const exact = MLPClassifier.fromJSON(file, { seed: 1 });
    const flushed = MLPClassifier.fromJSON(file, { seed: 1, flushSubnormals: true });
    assert.deepEqual([clf.flushSubnormals, exact.flushSubnormals, flushed.flushSubnormals], [false, false, true]);
    for (const model of [exact, flushed]) model.learnEach(X.slice(30, 60), heart.y.slice(30, 60));
    const subnormal = (model) => {
      const values = [];
      JSON.parse(JSON.stringify(model), (key, value) => (typeof value === "number" && values.push(value), value));
      return values.filter((v) => v !== 0 && Math.abs(v) < 2.2250738585072014e-308).length;
    };
    assert.ok(exact.toJSON().adam.ms.intercepts[0][7] > 0, "decayed, not flushed");
    assert.equal(flushed.toJSON().adam.ms.intercepts[0][7], 0);
    assert.ok(subnormal(exact) >= 2, "the exact model keeps its subnormal moments");
    assert.equal(subnormal(flushed), 0);
    assert.deepEqual(flushed.predictProba(X.slice(100, 160)), exact.predictProba(X.slice(100, 160)), "the same predictions, bit for bit");
    // From the constructor: the notebook's first checkpoint all the same.
    const { train, test } = notebookData(mlp, heartCsv);
    const fresh = new MLPClassifier({ seed: 5, flushSubnormals: true });
    fresh.learnEach(train[0].slice(0, 26), train[1].slice(0, 26));
    assert.equal(fresh.score(test[0], test[1]), 0.6065573770491803);
    assert.throws(() => new MLPClassifier({ flushSubnormals: "yes" }), { message: 'invalid options: `flushSubnormals` must be true or false, got "yes"' });
    assert.throws(() => MLPClassifier.fromJSON(file, { flushSubnormals: 1 }), { message: "invalid options: `flushSubnormals` must be true or false, got 1" });
  });

  test("StandardScaler.fit refuses values that are not finite, and features whose variance overflows (the core's checks)", () => {
    const { StandardScaler } = mlp;
    assert.throws(() => new StandardScaler().fit([[1, NaN], [1, 2]]), (e) => e instanceof Error && e.message === "feature 1 of sample 0 is not a finite number");
    assert.throws(() => new StandardScaler().fit([[1, 2], [Infinity, 2]]), (e) => e instanceof Error && e.message === "feature 0 of sample 1 is not a finite number");
    assert.throws(() => new StandardScaler().fit([[1, 1e300], [2, -1e300]]), (e) => e instanceof Error && /^feature 1's values are too far apart to scale/.test(e.message));
  });

  test("the TypeScript declarations check a strict program for Node with no DOM library, and for browsers, and refuse misuse", () => {
    // A project for Node: ES2022's library and Node's types (@types/node 20, which declare
    // `Symbol.dispose`), no "dom": the declarations need nothing else. Each @ts-expect-error
    // line must be an error, or tsc fails.
    const dir = join(scratch, "typescript");
    mkdirSync(dir);
    const compilerOptions = { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022"], types: ["node"], typeRoots: [`${repo}node_modules/@types`] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["use.ts"] }));
    writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
    writeFileSync(join(dir, "use.ts"), `import { ADWIN, MLPClassifier, PageHinkley, StandardScaler, readCsv, trainTestSplit } from "online-mlp";
import type { ADWINOptions, CsvData, MLPClassifierOptions, ModelFile, PageHinkleyOptions, Row, ScalerFile, Split } from "online-mlp";

const data: CsvData = readCsv("a,b,target\\n1,2,0\\n3,4,1\\n5,6,0\\n7,8,1\\n");
const scaler = new StandardScaler();
const X: Float64Array[] = scaler.fitTransform(data.X);
const split: Split = trainTestSplit(X.length, { testSize: 0.25, randomState: 0 });
const options: MLPClassifierOptions = { hiddenLayerSizes: [4], seed: 5 };
const clf = new MLPClassifier(options);
const rows: Row[] = Array.from(split.train, (i) => X[i]);
clf.partialFit(rows, Array.from(split.train, (i) => data.y[i]));
clf.learnOne([0, 1], 1);
clf.learnEach([X[0], [1, 2]], data.y.subarray(0, 2));
const p: Float64Array = clf.predictProbaOne(X[0]);
const proba: Float64Array[] = clf.predictProba(X);
const classes: Uint8Array = clf.predict(X);
const accuracy: number = clf.score(X, data.y);
const file: ModelFile = clf.toModelFile(scaler);
const copy: MLPClassifier = MLPClassifier.fromJSON(JSON.stringify(clf), { seed: 1 });
const kept: StandardScaler = StandardScaler.fromJSON(file);
const statistics: ScalerFile = kept.toJSON();
const again: StandardScaler = StandardScaler.fromJSON(statistics);
export const seen: number = copy.samplesSeen + file.layer_sizes[0] + p[1] + proba.length + classes[0] + accuracy + (again.mean?.[0] ?? 0);
copy.free();
const watching: PageHinkleyOptions = { threshold: 20, mode: "up" };
const ph = new PageHinkley(watching);
const windowing: ADWINOptions = { delta: 0.01, clock: 8 };
const adwin = new ADWIN(windowing);
export const drifted: boolean = ph.update(1) || adwin.update(0.5) || ph.driftDetected || adwin.driftDetected;
export const tested: number = ph.testIncrease + ph.testDecrease + adwin.width;

// @ts-expect-error: a mode Page-Hinkley does not have
new PageHinkley({ mode: "sideways" });
// @ts-expect-error: a value that is not a number
adwin.update("1");
// @ts-expect-error: a misspelt option
new MLPClassifier({ hiddenLayerSize: [4] });
// @ts-expect-error: a row of strings
clf.learnOne(["1", "2"], 1);
// @ts-expect-error: rows, not one row
clf.predictProba([1, 2]);
// @ts-expect-error: a model file has no such field
file.weights;
// Rows read only, and null for a default, as the runtime takes them.
const frozen = [[0, 1], [1, 0]] as const;
clf.partialFit(frozen, [0, 1]);
export const defaults = [new MLPClassifier(null), new MLPClassifier({ seed: null, hiddenLayerSizes: [4, 2] as const }), new StandardScaler(null)];
trainTestSplit(10, null);
new PageHinkley({ mode: null });
// @ts-expect-error: StandardScaler takes no options
new StandardScaler({ withMean: false });
`);
    // The same program in a project for browsers: ES2022's and the DOM's libraries, no
    // Node types, a bundler's resolution (browser.d.ts), the library files checked too.
    const browserOptions = { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"], types: [], skipLibCheck: false };
    writeFileSync(join(dir, "tsconfig.browser.json"), JSON.stringify({ compilerOptions: browserOptions, files: ["use.ts"] }));
    for (const project of ["tsconfig.json", "tsconfig.browser.json"]) {
      try {
        execFileSync(`${repo}node_modules/.bin/tsc`, ["-p", join(dir, project)], { encoding: "utf8" });
      } catch (e) {
        assert.fail(`tsc -p ${project}: ${e.stdout}${e.stderr}`);
      }
    }
  });

  test("the TypeScript declarations: ModelFile declares every field a model file has, at every level", () => {
    const types = readFileSync(join(dirname(entry("node").types), "online_mlp.d.ts"), "utf8");
    const declaration = (name) => types.slice(types.indexOf(`export interface ${name} `), types.indexOf("\n}", types.indexOf(`export interface ${name} `)));
    const declared = declaration("ModelFile") + declaration("Layers") + declaration("ScalerFile");
    const clf = new mlp.MLPClassifier({ seed: 5, hiddenLayerSizes: [4, 3] });
    clf.learnOne([1, 2], 1);
    const fields = (value, path) =>
      Object.entries(value).flatMap(([key, inner]) => [
        `${path}${key}`,
        ...(inner && typeof inner === "object" && !Array.isArray(inner) ? fields(inner, `${path}${key}.`) : []),
      ]);
    const all = fields(clf.toJSON(), "");
    assert.ok(all.length > 20, all.join(" "));
    for (const path of all) {
      const key = path.split(".").pop();
      assert.match(declared, new RegExp(`\\b${key}\\??:`), `ModelFile declares ${path}`);
    }
  });

  test("the TypeScript declarations: each entry declares the values it exports (no default), options optional", () => {
    const node = entry("node");
    assert.deepEqual(declaredValues(node.types), Object.keys(mlp).sort(), "node.js against its declarations");
    assert.ok(!declaredValues(entry("browser").types).includes("default"), "browser.js has no default export either");
    const types = readFileSync(join(dirname(node.types), "online_mlp.d.ts"), "utf8");
    for (const signature of [
      "constructor(options?: MLPClassifierOptions | null);",
      "static fromJSON(file: string | Uint8Array | ArrayBuffer | object, options?: { seed?: number | null, flushSubnormals?: boolean | null } | null): MLPClassifier;",
      "readonly flushSubnormals: boolean;",
      "static fromJSON(file: string | Uint8Array | ArrayBuffer | ScalerFile | object): StandardScaler;",
      "toJSON(): ModelFile;",
      "toJSON(): ScalerFile;",
      "toModelFile(scaler: StandardScaler, options?: { nextSample?: number | null } | null): ModelFile;",
      "export function trainTestSplit(n: number, options?: { testSize?: number | null, randomState?: number | null } | null): Split;",
      "export function readCsv(text: string | Uint8Array | ArrayBuffer): CsvData;",
      "constructor(options?: PageHinkleyOptions | null);",
      "constructor(options?: ADWINOptions | null);",
      "update(x: number): boolean;",
      "readonly driftDetected: boolean;",
      "constructor(options?: Record<string, never> | null);",
      "predict(x: readonly Row[]): Uint8Array;",
    ]) {
      assert.ok(types.includes(signature), signature);
    }
  });
});

describe("in Chromium, from the installed files, no bundler", () => {
  test("the README's model per visitor: kept across a reload bit for bit, a broken entry set aside, storage refused", async () => {
    writeFileSync(join(scratch, "model.js"), readmeModelModule());
    writeFileSync(join(scratch, "page.html"), '<!doctype html><title>model.js</title><script type="module">import * as m from "./model.js"; window.m = m;</script>');
    const server = await serveFiles((path) => join(scratch, path));
    const browser = await chromium.launch(chromiumOptions);
    try {
      const { train, test } = notebookData(mlp, heartCsv);
      const [rows, labels] = [train[0].slice(0, 30).map((x) => Array.from(x)), train[1].slice(0, 30)];
      const probe = Array.from(test[0][0]);
      const url = `http://127.0.0.1:${server.address().port}/page.html`;
      const open = async (page) => {
        await page.goto(url);
        await page.waitForFunction(() => window.m);
      };
      const context = await browser.newContext();
      const page = await context.newPage();
      await open(page);
      const first = await page.evaluate(
        ({ rows, labels, probe }) => {
          const before = window.m.probability(probe);
          const kept = rows.map((x, i) => window.m.learn(x, labels[i]));
          return { before, kept, seen: window.m.model.samplesSeen, after: window.m.probability(probe), bytes: localStorage.getItem("my-app/model").length };
        },
        { rows, labels, probe },
      );
      assert.equal(first.before, 0.5);
      assert.deepEqual(first.kept, Array(30).fill(true));
      assert.equal(first.seen, 30);
      assert.ok(first.after > 0 && first.after < 1 && first.after !== 0.5);
      console.log(`the README's model per visitor, 13 features and 16 hidden units, kept as ${first.bytes} bytes of JSON`);

      // A reload finds the same model: the same probability to the bit, and it learns on.
      await open(page);
      const reloaded = await page.evaluate((probe) => ({ seen: window.m.model.samplesSeen, p: window.m.probability(probe) }), probe);
      assert.deepEqual(reloaded, { seen: 30, p: first.after });

      // A broken entry: a new model, the entry set aside rather than lost.
      await page.evaluate(() => localStorage.setItem("my-app/model", '{"format": "online-mlp-classifier"'));
      await open(page);
      const broken = await page.evaluate((probe) => ({
        seen: window.m.model.samplesSeen,
        p: window.m.probability(probe),
        aside: localStorage.getItem("my-app/model/unreadable"),
      }), probe);
      assert.deepEqual(broken, { seen: 0, p: 0.5, aside: '{"format": "online-mlp-classifier"' });
      await context.close();

      // Storage refused by the browser: the module still loads and learns, in memory.
      const refused = await browser.newContext();
      await refused.addInitScript(() =>
        Object.defineProperty(window, "localStorage", {
          get() {
            throw new DOMException("Access is denied for this document.", "SecurityError");
          },
        }),
      );
      const refusedPage = await refused.newPage();
      await open(refusedPage);
      const inMemory = await refusedPage.evaluate(
        ({ rows, labels }) => ({ kept: window.m.learn(rows[0], labels[0]), seen: window.m.model.samplesSeen }),
        { rows, labels },
      );
      assert.deepEqual(inMemory, { kept: false, seen: 1 });
    } finally {
      await browser.close();
      server.close();
    }
  });
  test("the same calls give the same numbers", async () => {
    writeFileSync(join(scratch, "index.html"), "<!doctype html><title>online-mlp</title>");
    const server = await serveFiles((path) =>
      path === "/heart.csv" ? `${repo}data/heart.csv` : path === "/" ? join(scratch, "index.html") : join(scratch, "node_modules", path),
    );
    const browser = await chromium.launch(chromiumOptions);
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      const inBrowser = await page.evaluate(async () => {
        const mlp = await import("/online-mlp/browser.js");
        const heart = mlp.readCsv(await (await fetch("/heart.csv")).text());
        const X = new mlp.StandardScaler().fitTransform(heart.X);
        const { train, test } = mlp.trainTestSplit(X.length, { testSize: 0.2, randomState: 0 });
        const clf = new mlp.MLPClassifier({ seed: 5 });
        for (const i of train.slice(0, 26)) clf.learnOne(X[i], heart.y[i]);
        const [xTest, yTest] = [[...test].map((i) => X[i]), [...test].map((i) => heart.y[i])];
        let error;
        try {
          new mlp.MLPClassifier({ beta1: 1 });
        } catch (e) {
          error = `${e.constructor.name}: ${e.message}`;
        }
        const exported = Object.keys(mlp).sort();
        const stream = Array.from({ length: 2000 }, (_, i) => Number((i * 7919) % 100 < (i < 1000 ? 20 : 60)));
        const detected = (detector) => stream.flatMap((x, i) => (detector.update(x) ? [i] : []));
        const drifts = [detected(new mlp.PageHinkley()), detected(new mlp.ADWIN({ delta: 0.01 }))];
        return { score: clf.score(xTest, yTest), proba: clf.predictProba(xTest).map((p) => Array.from(p)), file: JSON.stringify(clf), error, exported, drifts };
      });
      const { train, test } = notebookData(mlp, heartCsv);
      const clf = new mlp.MLPClassifier({ seed: 5 });
      for (let i = 0; i < 26; i++) clf.learnOne(train[0][i], train[1][i]);
      assert.equal(inBrowser.score, 0.6065573770491803);
      assert.deepEqual(inBrowser.proba, clf.predictProba(test[0]).map((p) => Array.from(p)), "bit for bit Node's");
      assert.equal(inBrowser.file, JSON.stringify(clf));
      assert.equal(inBrowser.error, "Error: invalid hyper-parameter: beta1 must be in [0, 1), got 1");
      assert.deepEqual(inBrowser.exported, declaredValues(entry("browser").types), "browser.js against its declarations");
      const stream = Array.from({ length: 2000 }, (_, i) => Number((i * 7919) % 100 < (i < 1000 ? 20 : 60)));
      const detected = (detector) => stream.flatMap((x, i) => (detector.update(x) ? [i] : []));
      assert.deepEqual(inBrowser.drifts, [detected(new mlp.PageHinkley()), detected(new mlp.ADWIN({ delta: 0.01 }))], "the detectors as in Node");
      assert.ok(inBrowser.drifts.every((found) => found.length > 0), "each detects the error rate's rise");
    } finally {
      await browser.close();
      server.close();
    }
  });
});
