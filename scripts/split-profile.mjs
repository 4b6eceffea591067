// make split-profile: which functions each page runs at load and in its everyday use,
// written to its profile (tools/wasm-splitter/workbench-profile.txt for the workbench,
// streams-profile.txt for the streams page: the functions that stay in the module the page
// loads; scripts/split-module.mjs moves the rest to the lazy module), in the section of the
// compiler that built the modules: two compilers name a build's functions differently
// (rustup's Rust and Debian's rustc-web, the wasm32 routes of scripts/setup.sh), so run it
// on each route (`SETUP_WASM_ROUTE=debian make split-profile` for the second).
//
// Runs on dist/ built with WASM_SPLIT=instrument (the Makefile does both): the site served
// as Heroku serves it, in headless Chromium, through what a visitor does on a first visit
// without files or snapshots. On the workbench: open the page (and another seed and
// layers), learn by click and by keyboard, browse, edit (valid, empty, non-numeric and
// out-of-range fields) and teach patients, reset, leave the page; what stays out (the
// curve's table, one pass, restoring a saved session, an invalid address, files) loads the
// lazy module when first used. On the streams page: below (everydayStreams). Which
// functions each step ran goes to target/wasm-split/steps.json, to read what a step costs.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { accuracy, remaining, startSite } from "../tests/e2e/browser.mjs";

const repo = new URL("..", import.meta.url).pathname;
const site = await startSite();
const hits = new Set();
// Which functions each step ran, for reading which steps cost what (target/wasm-split/steps.json).
const steps = {};

async function step(page, name, action = async () => {}) {
  await action();
  const found = await page.evaluate(() => {
    if (!globalThis.__wasmSplitHits) throw new Error("dist/ is not instrumented: build it with WASM_SPLIT=instrument");
    const ran = Array.from(globalThis.__wasmSplitHits.entries()).filter(([, hit]) => hit).map(([index]) => index);
    globalThis.__wasmSplitHits.fill(0);
    return ran;
  });
  steps[name] = [...new Set([...(steps[name] ?? []), ...found])];
  found.forEach((index) => hits.add(index));
}

/// A first visit's everyday use, on a page whose CPU runs `slowdown` times slower than this
/// machine's (Chromium's throttling): a slow device opens the page in more slices and
/// interrupts more count-ups, paths a fast one never takes.
async function everydayUse(slowdown) {
  const { page } = await site.openPage({ slowdown });
  await step(page, "load", () => accuracy(page));
  await step(page, "train", async () => {
    await page.click("#train-btn");
    await remaining(page, 117);
    await accuracy(page);
  });
  await step(page, "browse patients", async () => {
    for (const button of ["#patient-next", "#patient-previous", "#patient-random"]) {
      await page.click(button);
    }
  });
  await step(page, "edit a patient", async () => {
    await page.fill('#patient-form [name="age"]', "61");
    await page.selectOption('#patient-form [name="cp"]', { index: 1 });
  });
  await step(page, "invalid field", async () => {
    await page.fill('#patient-form [name="trestbps"]', "400");
    await page.fill('#patient-form [name="trestbps"]', "");
    await page.fill('#patient-form [name="trestbps"]', "abc");
    await page.fill('#patient-form [name="trestbps"]', "130");
  });
  await step(page, "teach", async () => {
    await page.click("#teach-disease");
    await page.click("#teach-no-disease");
  });
  await step(page, "keyboard", async () => {
    await page.focus("#train-btn");
    await page.keyboard.press("Enter");
    await remaining(page, 92);
    await accuracy(page);
  });
  await step(page, "reset", async () => {
    await page.click("#reset-btn");
    await page.click("#train-btn");
    await accuracy(page);
  });
  // What the page does when it is left (a reload, another address, a closed tab): keeping its
  // place on the page (src/scroll.rs), saving what waits. The event as the browser sends it;
  // a page being left could not load the lazy module.
  await step(page, "leave", () => page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }))));
  await page.context().close();
}

/// A first visit's everyday use of the streams page: the four hospitals streamed (by click
/// and by keyboard, on a wide and a narrow screen), the million samples started and
/// cancelled, or streamed to the end on this machine. What stays out (a visitor's own
/// stream, the download, an invalid address) loads the lazy module when first used.
async function everydayStreams(slowdown, narrow) {
  const screen = narrow ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } : {};
  const { page } = await site.openPage({ slowdown, ...screen }, "/streams/?seed=5", "#hospitals-run");
  const summary = () => page.waitForFunction(() => /^Keep learning: progressive accuracy/.test(document.querySelector("#hospitals-summary")?.textContent ?? ""), null, { timeout: 120_000 });
  await step(page, "streams: load");
  await step(page, "streams: hospitals", async () => {
    await page.click("#hospitals-run");
    await summary();
  });
  await step(page, "streams: hospitals by keyboard", async () => {
    await page.focus("#hospitals-run");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !document.querySelector("#hospitals-run").disabled);
    await summary();
  });
  const status = (start) => page.waitForFunction((start) => (document.querySelector("#stream-status")?.textContent ?? "").startsWith(start), start, { timeout: 120_000 });
  await step(page, "streams: a million samples cancelled", async () => {
    await page.click("#stream-million");
    await status("Learning:");
    await page.click("#stream-cancel");
    await status("Cancelled after");
  });
  if (slowdown === 1 && !narrow) {
    await step(page, "streams: a million samples", async () => {
      await page.click("#stream-million");
      await status("Done:");
    });
  }
  await step(page, "streams: leave", () => page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }))));
  await page.context().close();
}

// Some functions run or not by timing (a closure dropped before or after a frame, say): a
// function one run misses and a visitor's page runs would load the lazy module in everyday
// use, so each page's scenario runs several times (SPLIT_PROFILE_ROUNDS, 3 unless set) and
// its profile keeps what any run ran.
const rounds = Number(process.env.SPLIT_PROFILE_ROUNDS ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(`SPLIT_PROFILE_ROUNDS must be a positive integer, not ${process.env.SPLIT_PROFILE_ROUNDS}`);
}
// The compiler that built the instrumented modules (split-module.mjs wrote it down).
const compiler = readFileSync(`${repo}target/wasm-split/compiler.txt`, "utf8").trim();

/// The functions `hits` holds, as names of the page built by `bin`, written to its profile's
/// section for the compiler; `hits` emptied for the next page.
function writeProfile(bin, name) {
  const hitsFile = `${repo}target/wasm-split/${bin}-hits.txt`;
  writeFileSync(hitsFile, [...hits].sort((a, b) => a - b).join("\n") + "\n");
  const profile = `${repo}tools/wasm-splitter/${name}-profile.txt`;
  execFileSync(
    "cargo",
    ["run", "--quiet", "--release", "-p", "wasm-splitter", "--", "profile", `${repo}target/wasm-split/${bin}.opt.wasm`, hitsFile, compiler, profile],
    { stdio: "inherit", cwd: repo },
  );
  console.log(`split-profile: ${hits.size} functions of the ${name} ran; ${profile}'s section for ${compiler} written`);
  hits.clear();
}

try {
  for (let round = 1; round <= rounds; round++) {
    const before = hits.size;
    await everydayUse(1);
    await everydayUse(6);
    console.log(`split-profile: the workbench, round ${round} of ${rounds}, ${hits.size - before} functions new`);
  }
  for (const [name, path] of [["another seed and layers", "/?seed=42&hidden=32,16"]]) {
    const { page } = await site.openPage({}, path);
    await step(page, name, () => accuracy(page));
    await page.context().close();
  }
  writeProfile("app", "workbench");
  for (let round = 1; round <= rounds; round++) {
    const before = hits.size;
    await everydayStreams(1, false);
    await everydayStreams(6, false);
    await everydayStreams(1, true);
    console.log(`split-profile: the streams page, round ${round} of ${rounds}, ${hits.size - before} functions new`);
  }
  for (const [name, path] of [["streams: another seed and layers", "/streams/?seed=42&hidden=32,16"]]) {
    const { page } = await site.openPage({}, path, "#hospitals-run");
    await step(page, name);
    await page.context().close();
  }
  writeProfile("streams", "streams");
} finally {
  await site.stop();
}
writeFileSync(`${repo}target/wasm-split/steps.json`, JSON.stringify(steps));
