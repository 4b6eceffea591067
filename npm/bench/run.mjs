// make bench-browser: the benchmark page (index.html, bench.js) served with the packed
// package and TensorFlow.js from npm, run in headless Chromium; prints the table.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumOptions } from "../../tests/e2e/browser.mjs";

const here = new URL(".", import.meta.url).pathname;
const repo = new URL("../../", import.meta.url).pathname;
const roots = {
  "/online-mlp/": `${repo}target/npm/pkg/`,
  "/tf/": `${here}node_modules/@tensorflow/tfjs/dist/`,
  "/tf-wasm/": `${here}node_modules/@tensorflow/tfjs-backend-wasm/dist/`,
};
const files = { "/": `${here}index.html`, "/bench.js": `${here}bench.js`, "/heart.csv": `${repo}data/heart.csv` };
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".csv": "text/csv" };

const server = createServer((request, response) => {
  const url = request.url.split("?")[0];
  const prefix = Object.keys(roots).find((root) => url.startsWith(root));
  const path = files[url] ?? (prefix && join(roots[prefix], url.slice(prefix.length)));
  let body;
  try {
    body = readFileSync(path);
  } catch {
    response.writeHead(404).end();
    return;
  }
  // Cross-origin isolated: precise timers, and TensorFlow.js may use its threaded wasm.
  response.writeHead(200, {
    "Content-Type": types[extname(path)] ?? "application/octet-stream",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
  });
  response.end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch(chromiumOptions);
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 300_000 });
  const { results, crossOriginIsolated, userAgent } = await page.evaluate(() => window.benchResults);
  const fastest = Math.min(...results.filter((r) => !r.unavailable).map((r) => r.usPerUpdate));
  const ours = results.filter((r) => r.learner.startsWith("online-mlp"));
  const fastestTf = Math.min(...results.filter((r) => !r.unavailable && !ours.includes(r)).map((r) => r.usPerUpdate));
  console.log(`headless ${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? userAgent}, cross-origin isolated: ${crossOriginIsolated}`);
  console.log("| learner | backend | us per update | x the fastest | test accuracy after one pass |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of results) {
    console.log(
      r.unavailable
        ? `| ${r.learner} | ${r.backend} | unavailable here | | |`
        : `| ${r.learner} | ${r.backend} | ${r.usPerUpdate.toFixed(1)} | ${(r.usPerUpdate / fastest).toFixed(1)} | ${r.accuracy.toFixed(5)} |`,
    );
  }
  for (const r of ours) {
    console.log(`${r.learner}: ${(fastestTf / r.usPerUpdate).toFixed(0)}x faster than TensorFlow.js's fastest backend here.`);
  }
} finally {
  await browser.close();
  server.close();
}
