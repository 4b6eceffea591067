// What the end-to-end tests share: the site served as Heroku serves it (scripts/heroku.sh
// serve: Debian's nginx with the configuration made from static.json) and Debian's
// Chromium driven by playwright-core, one fresh visitor per page.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, request } from "node:http";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { repo } from "./project.mjs";

export const screenshots = `${repo}target/e2e`;

// Heroku's router terminates TLS and says so in this header on every request it forwards.
// The site is reached through `herokuRouter` below, which adds it as the router does, to
// every request (a service worker's script and its fetches included, which no page-level
// header reaches); a request that sends its own keeps it (the https redirect's test).
export const viaHerokuRouter = { "X-Forwarded-Proto": "https" };

// Debian's Chromium as root, with nothing reaching for Google's servers.
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/// The site on a free port and a browser; `stop()` ends both.
export async function startSite() {
  const dynoPort = await freePort();
  let log = "";
  const server = spawn(`${repo}scripts/heroku.sh`, ["serve", String(dynoPort)], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.stderr.on("data", (chunk) => (log += chunk));
  await waitForServer(server, `http://127.0.0.1:${dynoPort}`, () => log);
  const router = await herokuRouter(dynoPort);
  const base = `http://127.0.0.1:${router.address().port}`;
  const browser = await chromium.launch(chromiumOptions);
  mkdirSync(screenshots, { recursive: true });

  /// A fresh visitor: their own context, the page at `path` loaded (`ready` shown). `problems` collects
  /// console errors and uncaught exceptions (Content-Security-Policy violations are
  /// console errors), `warnings` the console's warnings, `requests` every URL asked for. `options.slowdown` runs the page's CPU
  /// that many times slower (Chromium's throttling, from before the page loads): a slow phone.
  async function openPage(options = {}, path = "/", ready = "#accr") {
    const { initScript, slowdown, ...contextOptions } = options;
    const context = await browser.newContext({ extraHTTPHeaders: viaHerokuRouter, ...contextOptions });
    if (initScript) {
      await context.addInitScript({ content: initScript });
    }
    const page = await context.newPage();
    if (slowdown) {
      await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: slowdown });
    }
    const problems = [];
    const warnings = [];
    const requests = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
      if (message.type() === "warning") warnings.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`${base}${path}`);
    await page.waitForSelector(ready);
    return { page, problems, warnings, requests };
  }

  async function stop() {
    await browser.close();
    router.close();
    if (server.exitCode === null) {
      process.kill(-server.pid, "SIGTERM");
    }
  }

  // The files being served (scripts/heroku.sh serves a copy of the package, one per port):
  // a test can deploy a change by writing there.
  const served = `/tmp/heroku-site-${dynoPort}/dist`;

  return { base, browser, openPage, served, stop };
}

/// The accuracy once its count-up has ended.
/// A script that records from when it runs what the page's live regions say as a screen
/// reader hears them (tests/live-regions.js), in `window.__live`: `heard`, the regions (id
/// or class), and `said`, their texts; `clearLiveRegions` empties both. Give it as
/// `initScript`, or run it with `page.evaluate`.
export const listenToLiveRegions = `window.__live = (${readFileSync(`${repo}tests/live-regions.js`, "utf8")})(document);`;
export const clearLiveRegions = () => {
  window.__live.heard.length = 0;
  window.__live.said.length = 0;
};

/// The text of the file the page downloads when `selector` is clicked.
/// The file a click on `selector` downloads: its suggested name and its text.
export async function downloaded(page, selector) {
  const download = page.waitForEvent("download");
  await page.click(selector);
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

export async function downloadedText(page, selector) {
  return (await downloaded(page, selector)).text;
}

export async function accuracy(page) {
  await page.waitForFunction(() => !document.querySelector("#accr").classList.contains("counting"));
  return page.textContent("#accr");
}

/// What a visitor sees of the session: accuracy, progress, the curve's table, the patient.
export async function seen(page) {
  await accuracy(page);
  if ((await page.locator("#curve-table").count()) === 0) {
    await page.click("#curve-table-toggle");
  }
  return {
    accuracy: await page.textContent("#accr"),
    remaining: await page.textContent("#remaining"),
    curve: await page.$$eval("#curve-table tbody tr", (rows) => rows.map((row) => row.textContent)),
    earlierRuns: await page.locator("#curve-chart .earlier").count(),
    age: await page.inputValue("#patient-age"),
    probability: await page.textContent("#patient-probability"),
  };
}

/// Wait until `#remaining` ends with `, N remaining`.
export async function remaining(page, count) {
  await page.waitForFunction((n) => document.querySelector("#remaining").textContent.endsWith(`, ${n} remaining`), count);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/// A stand-in for Heroku's router on a free port: every request forwarded to the dyno on
/// `dynoPort` with the headers the router adds (`X-Forwarded-Proto: https` unless the request
/// has its own, and its `Via`), the answer passed back untouched. Each request on a connection
/// of its own (`agent: false`): Node's agent keeps connections alive, and one that nginx closes
/// after its 5 s `keepalive_timeout` just as the agent reuses it gave a 502 (a page that
/// failed to load after a test of more than 5 s, on a loaded machine).
function herokuRouter(dynoPort) {
  const router = createHttpServer((incoming, outgoing) => {
    const headers = { "x-forwarded-proto": "https", ...incoming.headers, via: "1.1 vegur" };
    const forwarded = request(
      { host: "127.0.0.1", port: dynoPort, method: incoming.method, path: incoming.url, headers, agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => router.listen(0, "127.0.0.1", () => resolve(router)));
}

async function waitForServer(server, base, log) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) {
      throw new Error(`the server stopped:\n${log()}`);
    }
    try {
      await fetch(`${base}/`, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the server did not answer within 10 s:\n${log()}`);
}
