// End to end: the site offline once visited. The built site (dist/, with the service worker
// `make dist` writes) served as on Heroku; a visitor opens the workbench and the streams
// page once, then the network goes away and they reload, open another seed's address and
// run the streams page's scenario again.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { accuracy, chromiumOptions, remaining, screenshots, startSite } from "./browser.mjs";
import { repo } from "./project.mjs";

const serverSteps = JSON.parse(readFileSync(`${repo}learner/tests/fixtures/server.json`, "utf8")).steps;
const [, seed42] = JSON.parse(readFileSync(`${repo}learner/tests/fixtures/workbench.json`, "utf8")).runs;
const worker = readFileSync(`${repo}dist/sw.js`, "utf8");
const build = JSON.parse(worker.match(/^const BUILD = (.*);$/m)[1]);

let site;

before(async () => {
  site = await startSite();
});

after(() => site?.stop());

test("the service worker stores the workbench's files, the page by its address", () => {
  assert.match(build.version, /^[0-9a-f]{16}$/);
  assert.ok(build.files.includes("/"), "the page");
  for (const asset of [/^\/app-[0-9a-f]+_bg\.wasm$/, /^\/app-[0-9a-f]+_lazy\.wasm$/, /^\/app-[0-9a-f]+\.js$/, /^\/boot-[0-9a-f]+\.js$/, /^\/style-[0-9a-f]+\.css$/]) {
    assert.ok(build.files.some((url) => asset.test(url)), `${asset} in ${build.files}`);
  }
  for (const named of ["/icon.svg", "/manifest.webmanifest"]) {
    assert.ok(build.files.includes(named), named);
  }
  assert.equal(build.files.length, 8, "nothing else: the streams page's files are stored when first used");
  // With them, what that page fetches only when used: its lazy module, the raw files.
  assert.equal(build.later.length, 5, `${build.later}`);
  assert.match(build.later[0], /^\/streams\/streams-[0-9a-f]+_lazy\.wasm$/);
  assert.deepEqual(build.later.slice(1), ["cleveland", "hungarian", "switzerland", "va"].map((site) => `/streams/uci/processed.${site}.data`));
});

test("offline, a page not stored yet is a page of the site's own that leads back to the workbench", async () => {
  const { page, problems } = await site.openPage();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const context = page.context();
  await context.setOffline(true);
  // The streams page, never opened: not the browser's error page. Its address without the
  // slash is sent to it, as the site does online.
  for (const path of ["/streams/?seed=5", "/streams?seed=5"]) {
    const response = await page.goto(`${site.base}${path}`);
    assert.equal(response.status(), 503, path);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, "/streams/?seed=5", path);
    assert.equal(await page.textContent("h1"), "You are offline", path);
    assert.match(await page.textContent("#offline"), /has not stored this page yet: it keeps it the first time it is opened with a network/);
  }
  await page.screenshot({ path: `${screenshots}/offline-not-stored.png` });
  await page.click("text=The workbench");
  await page.waitForSelector("#accr");
  assert.equal(await page.textContent("#remaining"), "100 samples learned, 142 remaining");
  // Chromium logs the status of each page not stored, and nothing else.
  assert.deepEqual(problems, Array(2).fill("Failed to load resource: the server responded with a status of 503 ()"));
  await context.close();
});

test("once visited, both pages open and learn with no network, the session restored", async () => {
  const { page, problems } = await site.openPage();
  // The build stored, and this page under the service worker's control.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const stored = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return { names, urls: (await cache.keys()).map((request) => new URL(request.url).pathname) };
  });
  assert.deepEqual(stored.names, [`online-learning-${build.version}`]);
  assert.deepEqual(stored.urls.sort(), [...build.files].sort(), "the workbench's files, stored at install");
  await page.click("#train-btn");
  await remaining(page, 117);
  // The streams page once, its scenario run (which fetches the raw UCI files).
  await page.goto(`${site.base}/streams/?seed=5`);
  await runHospitals(page);
  await page.goto(`${site.base}/`);
  await page.waitForSelector("#accr");

  const context = page.context();
  await context.setOffline(true);
  const answered = [];
  page.on("response", (response) => answered.push([new URL(response.url()).pathname, response.fromServiceWorker()]));
  await page.reload();
  await page.waitForSelector("#accr");
  assert.equal(await page.textContent("#remaining"), "125 samples learned, 117 remaining", "the saved session");
  assert.equal(await accuracy(page), serverSteps[1].result.toFixed(5));
  await page.click("#train-btn");
  await remaining(page, 92);
  assert.equal(await accuracy(page), serverSteps[2].result.toFixed(5));
  assert.ok(answered.length >= 4, `the page and its files: ${JSON.stringify(answered)}`);
  assert.ok(answered.every(([, fromWorker]) => fromWorker), `all from the service worker: ${JSON.stringify(answered)}`);
  await page.screenshot({ path: `${screenshots}/offline.png` });

  // Any address of the workbench is the workbench: another seed's numbers.
  await page.goto(`${site.base}/?seed=42`);
  await page.waitForSelector("#accr");
  assert.equal(await page.textContent("#seed"), "42");
  assert.equal(await accuracy(page), seed42.held_out[99].toFixed(5));

  // The streams page and the raw files its scenario fetches.
  await page.goto(`${site.base}/streams/?seed=5`);
  await runHospitals(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the streams page opened first, before any service worker, opens offline afterwards", async () => {
  // A class given the streams page's address: its files loaded before the worker existed
  // (without a fix, the reload offline was the browser's error page).
  const { page, problems } = await site.openPage({}, "/streams/?seed=42", "#hospitals-run");
  const kept = () =>
    page.evaluate(async () => {
      const names = await caches.keys();
      if (names.length === 0) return [];
      return (await (await caches.open(names[0])).keys()).map((request) => new URL(request.url).pathname);
    });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  // Its own page, glue, module and stylesheet, fetched again under the worker and stored,
  // and with them what the page itself has not fetched: its lazy module, the raw files.
  const expected = [/^\/streams\/$/, /^\/streams\/streams-[0-9a-f]+_bg\.wasm$/, /^\/streams\/streams-[0-9a-f]+_lazy\.wasm$/, /^\/streams\/streams-[0-9a-f]+\.js$/, /^\/streams\/boot-[0-9a-f]+\.js$/, /^\/streams\/style-[0-9a-f]+\.css$/, /^\/streams\/uci\/processed\.va\.data$/];
  for (const started = Date.now(); ; await page.waitForTimeout(100)) {
    const urls = await kept();
    if (expected.every((pattern) => urls.some((url) => pattern.test(url)))) break;
    assert.ok(Date.now() - started < 30000, `the streams page's files stored: ${urls}`);
  }
  // The raw files that the scenario fetches are stored with them, although it never ran.
  const context = page.context();
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("#hospitals-run");
  await runHospitals(page);
  // A visitor's own stream, which needs the lazy module: from the worker's store.
  await page.setInputFiles("#stream-files", [{ name: "heart.csv", mimeType: "text/csv", buffer: readFileSync(`${repo}data/heart.csv`) }]);
  await page.waitForFunction(() => /^Keep learning: progressive accuracy 0\.\d{5} over 303 patients/.test(document.querySelector("#own-stream-summary")?.textContent ?? ""));
  assert.deepEqual(problems, []);
  await context.close();
});

/// Run the streams page's four hospitals and wait for its summary.
async function runHospitals(page) {
  await page.click("#hospitals-run");
  const summary = () => /^Keep learning: progressive accuracy/.test(document.querySelector("#hospitals-summary")?.textContent ?? "");
  await page.waitForFunction(summary, null, { timeout: 60000 });
}

test("a new deploy's service worker takes over and deletes the old build's store", async () => {
  const { page } = await site.openPage();
  const storesOf = () => page.evaluate(() => caches.keys());
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  assert.deepEqual(await storesOf(), [`online-learning-${build.version}`]);
  // A deploy: the same site with a new build's version (as a changed file would give).
  const next = "0123456789abcdef";
  writeFileSync(`${site.served}/sw.js`, worker.replace(build.version, next));
  try {
    // The visitor comes back (twice: the first visit under the old worker finds the new one).
    const storesAre = async (expected) => {
      for (const started = Date.now(); Date.now() - started < 30000; await page.waitForTimeout(100)) {
        if ((await storesOf()).join() === expected) {
          return;
        }
      }
      assert.fail(`the stores are ${await storesOf()}, not ${expected}`);
    };
    for (let visit = 0; visit < 2; visit++) {
      await page.reload();
      await page.waitForSelector("#accr");
      await storesAre(`online-learning-${next}`);
    }
    assert.deepEqual(await storesOf(), [`online-learning-${next}`]);
    assert.equal(await accuracy(page), serverSteps[0].result.toFixed(5));
  } finally {
    writeFileSync(`${site.served}/sw.js`, worker);
    await page.context().close();
  }
});

test("the site can be installed as an app: Chromium finds nothing missing", async () => {
  // A profile of its own: Chromium installs no app from an off-the-record context, which
  // every other test uses.
  const profile = mkdtempSync(`${tmpdir()}/online-learning-profile-`);
  const context = await chromium.launchPersistentContext(profile, chromiumOptions);
  try {
    const page = await context.newPage();
    await page.goto(`${site.base}/`);
    await page.waitForSelector("#accr");
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.equal(new URL(manifest.url).pathname, "/manifest.webmanifest");
    assert.deepEqual(manifest.errors, []);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
