// The race, in one page: the same 13-100-1 network (ReLU, logistic output, Adam with
// scikit-learn's defaults, L2 1e-4) on the same scaled heart data, one sample per update,
// with our package and with TensorFlow.js on each of its backends. Microseconds per update
// over whole passes of the 242 training samples after a first one, and each model's test
// accuracy after one pass from a fresh start (a sanity check, not part of the race). Results go to
// `window.benchResults` for `run.mjs`.
/* global tf */
import * as mlp from "/online-mlp/browser.js";

const heart = mlp.readCsv(await (await fetch("/heart.csv")).text());
const X = new mlp.StandardScaler().fitTransform(heart.X);
const { train, test } = mlp.trainTestSplit(X.length, { testSize: 0.2, randomState: 0 });
const [xTrain, yTrain] = [[...train].map((i) => X[i]), [...train].map((i) => heart.y[i])];
const [xTest, yTest] = [[...test].map((i) => X[i]), [...test].map((i) => heart.y[i])];
const HIDDEN = 100;
const ALPHA = 1e-4;

// Each learner's time is the median of ROUNDS timed rounds, after warm-up rounds: the
// browser compiles wasm and JavaScript in tiers (the first calls run baseline code while the
// optimised code is compiled in the background), and a round now and then meets a garbage
// collection or another process on the machine.
const ROUNDS = 9;

/// The median of ROUNDS calls of `round`, which returns the milliseconds it timed.
function medianMs(round) {
  return Array.from({ length: ROUNDS }, round).sort((a, b) => a - b)[ROUNDS >> 1];
}

function ours() {
  const fresh = new mlp.MLPClassifier({ seed: 5, hiddenLayerSizes: [HIDDEN], alpha: ALPHA });
  xTrain.forEach((x, i) => fresh.learnOne(x, yTrain[i]));
  const accuracy = fresh.score(xTest, yTest);
  // At the stream positions TensorFlow.js is timed at (after a first pass), over fresh
  // models: a round is 10 models' 3 passes each (about 20 ms), after 20 rounds of warm-up.
  const [models, passes] = [10, 3];
  const round = (learn) => () => {
    let ms = 0;
    for (let m = 0; m < models; m++) {
      const model = new mlp.MLPClassifier({ seed: m });
      learn(model);
      const start = performance.now();
      for (let pass = 0; pass < passes; pass++) learn(model);
      ms += performance.now() - start;
      model.free();
    }
    return ms;
  };
  const perSample = round((model) => xTrain.forEach((x, i) => model.learnOne(x, yTrain[i])));
  const perPass = round((model) => model.learnEach(xTrain, yTrain));
  for (let warm = 0; warm < 20; warm++) [perSample, perPass].forEach((round) => round());
  const updates = models * passes * xTrain.length;
  return [
    { learner: "online-mlp, learnOne(x, y) per sample", backend: "wasm", updates, usPerUpdate: (medianMs(perSample) * 1000) / updates, accuracy },
    { learner: "online-mlp, learnEach(X, y) per pass", backend: "wasm", updates, usPerUpdate: (medianMs(perPass) * 1000) / updates, accuracy },
  ];
}

async function tensorflow(backend) {
  if (!(await tf.setBackend(backend).catch(() => false))) {
    return { learner: "TensorFlow.js", backend, unavailable: true };
  }
  await tf.ready();
  const xs = xTrain.map((x) => tf.tensor2d([Array.from(x)]));
  const ys = yTrain.map((y) => tf.tensor2d([[y]]));
  const network = () => {
    const glorot = tf.initializers.glorotUniform({ seed: 5 });
    return {
      w1: tf.variable(glorot.apply([13, HIDDEN])),
      b1: tf.variable(tf.zeros([HIDDEN])),
      w2: tf.variable(glorot.apply([HIDDEN, 1])),
      b2: tf.variable(tf.zeros([1])),
      optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-8),
    };
  };
  const logits = (net, x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, net.w1), net.b1)), net.w2), net.b2);
  const step = (net, i) =>
    tf.tidy(() =>
      net.optimizer.minimize(() => {
        const loss = tf.losses.sigmoidCrossEntropy(ys[i], logits(net, xs[i]));
        const penalty = tf.mul(ALPHA / 2, tf.add(tf.sum(tf.square(net.w1)), tf.sum(tf.square(net.w2))));
        return tf.add(loss, penalty);
      }),
    );
  const pass = (net) => xs.forEach((_, i) => step(net, i));

  const fresh = network();
  pass(fresh);
  const proba = tf.tidy(() => tf.sigmoid(logits(fresh, tf.tensor2d(xTest.map((x) => Array.from(x))))).dataSync());
  const accuracy = yTest.filter((y, i) => (proba[i] > 0.5 ? 1 : 0) === y).length / yTest.length;

  const net = network();
  for (let warm = 0; warm < 3; warm++) pass(net); // warm-up: kernels compiled, memory allocated
  net.w2.dataSync();
  // A round is a pass, the GPU's queue drained at its end.
  const ms = medianMs(() => {
    const start = performance.now();
    pass(net);
    net.w2.dataSync();
    return performance.now() - start;
  });
  tf.dispose([...xs, ...ys, fresh.w1, fresh.b1, fresh.w2, fresh.b2, net.w1, net.b1, net.w2, net.b2]);
  return { learner: `TensorFlow.js ${tf.version.tfjs}`, backend, updates: xs.length, usPerUpdate: (ms * 1000) / xs.length, accuracy };
}

/// The results as a table (a header, then a row per learner and backend, each cell a
/// string) and a sentence per way of calling our package: its speed against TensorFlow.js's
/// fastest backend here. The page shows them; `run.mjs` prints them.
function report(results) {
  const available = results.filter((r) => !r.unavailable);
  const fastest = Math.min(...available.map((r) => r.usPerUpdate));
  const ours = results.filter((r) => r.learner.startsWith("online-mlp"));
  const fastestTf = Math.min(...available.filter((r) => !ours.includes(r)).map((r) => r.usPerUpdate));
  const table = [
    ["learner", "backend", "us per update", "x the fastest", "test accuracy after one pass"],
    ...results.map((r) =>
      r.unavailable
        ? [r.learner, r.backend, "unavailable here", "", ""]
        : [r.learner, r.backend, r.usPerUpdate.toFixed(1), (r.usPerUpdate / fastest).toFixed(1), r.accuracy.toFixed(5)],
    ),
  ];
  const verdicts = ours.map((r) => `${r.learner}: ${(fastestTf / r.usPerUpdate).toFixed(0)}x faster than TensorFlow.js's fastest backend here.`);
  return { table, verdicts };
}

/// The report in the page, for whoever opened it in their own browser.
function show({ table, verdicts }, browser) {
  const results = document.querySelector("#results");
  const element = (name, text) => Object.assign(document.createElement(name), text === undefined ? {} : { textContent: text });
  const caption = element("caption", `${browser}, cross-origin isolated: ${crossOriginIsolated}`);
  const head = element("thead");
  head.append(element("tr"));
  head.firstChild.append(...table[0].map((cell) => Object.assign(element("th", cell), { scope: "col" })));
  const body = element("tbody");
  for (const row of table.slice(1)) {
    const tr = element("tr");
    tr.append(...row.map((cell) => element("td", cell)));
    body.append(tr);
  }
  const shown = element("table");
  shown.append(caption, head, body);
  results.replaceChildren(shown, ...verdicts.map((verdict) => element("p", verdict)));
}

tf.wasm.setWasmPaths("/tf-wasm/");
const results = ours();
for (const backend of ["wasm", "cpu", "webgl"]) {
  document.querySelector("#results").textContent = `running: TensorFlow.js, ${backend} backend…`;
  results.push(await tensorflow(backend));
}
const agent = navigator.userAgent;
const safari = agent.match(/Version\/([\d.]+).*Safari/)?.[1];
const browser =
  ["Edg", "Firefox", "HeadlessChrome", "Chrome"].map((name) => agent.match(new RegExp(`${name}/[\\d.]+`))?.[0]).find(Boolean) ??
  (safari ? `Safari/${safari}` : agent);
window.benchResults = { results, crossOriginIsolated, browser, ...report(results) };
show(window.benchResults, browser);
