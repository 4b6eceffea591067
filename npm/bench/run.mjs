// make bench-browser: the benchmark page (index.html, bench.js) served with the packed
// package and TensorFlow.js from npm, run in headless Chromium; prints the table the page
// makes. With `--serve [port]` (make bench-browser-page) it only serves the page.
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
// `--serve [port]`: the page for any browser (the same headers), until interrupted.
const serve = process.argv.indexOf("--serve");
if (serve >= 0) {
  const port = Number(process.argv[serve + 1] ?? 8082);
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  console.log(`The race at http://127.0.0.1:${port}/ (open it in any browser; Ctrl-C stops the server)`);
} else {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch(chromiumOptions);
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error(`page error: ${error}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.benchResults, null, { timeout: 300_000 });
    const { table, verdicts, crossOriginIsolated, browser: name } = await page.evaluate(() => window.benchResults);
    console.log(`${name}, cross-origin isolated: ${crossOriginIsolated}`);
    const line = (cells) => `| ${cells.join(" | ")} |`;
    console.log([line(table[0]), line(table[0].map(() => "---")), ...table.slice(1).map(line), ...verdicts].join("\n"));
  } finally {
    await browser.close();
    server.close();
  }
}
