// The npm package as a user gets it: `npm pack`'s tarball installed into a scratch folder,
// imported by name (the `exports` map picks node.js), then the same calls in headless
// Chromium from the installed files with no bundler (browser.js). The numbers are
// scikit-learn's, from the core's fixtures.
//
//   make package-test
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
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

/// The original notebook's preparation with the package: read, scale, split.
function notebookData({ readCsv, StandardScaler, trainTestSplit }, csv) {
  const heart = readCsv(csv);
  const X = new StandardScaler().fitTransform(heart.X);
  const { train, test } = trainTestSplit(X.length, { testSize: 0.2, randomState: 0 });
  const pick = (indices) => [[...indices].map((i) => X[i]), [...indices].map((i) => heart.y[i])];
  return { heart, train: pick(train), test: pick(test) };
}

describe("in Node, from the packed tarball", () => {
  test("the README's example: the notebook's first checkpoint, 0.6065573770491803 after 26 samples", () => {
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

  test("mistakes are Errors with the core's reason", () => {
    const { MLPClassifier, StandardScaler, readCsv, trainTestSplit } = mlp;
    const throws = (f, message) => assert.throws(f, (e) => e instanceof Error && e.message === message);
    throws(() => new MLPClassifier({ alpha: -1 }), "invalid hyper-parameter: alpha must be a finite number >= 0, got -1");
    assert.throws(() => new MLPClassifier({ learningRate: 0.1 }), /^Error: invalid options: unknown field `learningRate`/);
    const clf = new MLPClassifier({ seed: 1 });
    throws(() => clf.predict([[1, 2]]), "This MLPClassifier instance is not fitted yet: call partialFit or learnOne first");
    throws(() => clf.partialFit([[1, 2, 3], [1, 2]], [0, 1]), "X[1] has 2 values, expected 3");
    throws(() => clf.partialFit([[1, 2, 3]], [2]), "label 2 of sample 0 is not one of the classes 0 and 1");
    throws(() => clf.partialFit([[1, 2, 3], [1, "x", 3]], [1, 0]), "feature 1 of sample 1 is not a finite number");
    clf.learnOne([1, 2, 3], 1);
    throws(() => clf.predictProbaOne([1, 2]), "expected 3 features per sample, got 2");
    throws(() => MLPClassifier.fromJSON("{}"), "invalid model file: missing field `format` at line 1 column 2");
    throws(() => readCsv("a,target\n1.5,1\nx,0\n"), "line 3, column 1 (`a`): `x` is not a number");
    throws(() => new StandardScaler().transform([[1]]), "This StandardScaler instance is not fitted yet: call fit first");
    throws(() => clf.toModelFile(new StandardScaler()), "This StandardScaler instance is not fitted yet: call fit first");
    throws(() => trainTestSplit(1, { testSize: 0.2, randomState: 0 }), "the data set has 1 sample: too few to split into a training and a test set");
  });
});

describe("in Chromium, from the installed files, no bundler", () => {
  test("the same calls give the same numbers", async () => {
    const root = join(scratch, "node_modules");
    const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".csv": "text/csv" };
    const server = createServer((request, response) => {
      const path = request.url === "/heart.csv" ? `${repo}data/heart.csv` : request.url === "/" ? null : join(root, request.url);
      if (path === null) {
        response.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>online-mlp</title>");
        return;
      }
      let body;
      try {
        body = readFileSync(path);
      } catch {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
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
        return { score: clf.score(xTest, yTest), proba: clf.predictProba(xTest).map((p) => Array.from(p)), file: JSON.stringify(clf), error };
      });
      const { train, test } = notebookData(mlp, heartCsv);
      const clf = new mlp.MLPClassifier({ seed: 5 });
      for (let i = 0; i < 26; i++) clf.learnOne(train[0][i], train[1][i]);
      assert.equal(inBrowser.score, 0.6065573770491803);
      assert.deepEqual(inBrowser.proba, clf.predictProba(test[0]).map((p) => Array.from(p)), "bit for bit Node's");
      assert.equal(inBrowser.file, JSON.stringify(clf));
      assert.equal(inBrowser.error, "Error: invalid hyper-parameter: beta_1 must be in [0, 1), got 1");
    } finally {
      await browser.close();
      server.close();
    }
  });
});
