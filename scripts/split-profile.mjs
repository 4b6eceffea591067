// make split-profile: which functions the workbench runs at load and in its everyday use,
// written to tools/wasm-splitter/workbench-profile.txt (the functions that stay in the module
// the page loads; scripts/split-module.mjs moves the rest to the lazy module), in the section
// of the compiler that built the module: two compilers name a build's functions differently
// (rustup's Rust and Debian's rustc-web, the wasm32 routes of scripts/setup.sh), so run it
// on each route (`SETUP_WASM_ROUTE=debian make split-profile` for the second).
//
// Runs on dist/ built with WASM_SPLIT=instrument (the Makefile does both): the site served
// as Heroku serves it, in headless Chromium, through what a visitor does on a first visit
// without files or snapshots: open the page (and another seed and layers), learn by click
// and by keyboard, browse, edit (valid, empty, non-numeric and out-of-range fields) and
// teach patients, reset, leave the page. What stays out (the curve's table, one pass, restoring a saved
// session, an invalid address, files) loads the lazy module when first used. Which
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

// Some functions run or not by timing (a closure dropped before or after a frame, say): a
// function one run misses and a visitor's page runs would load the lazy module in everyday
// use, so the scenario runs several times (SPLIT_PROFILE_ROUNDS, 3 unless set) and the
// profile keeps what any run ran.
const rounds = Number(process.env.SPLIT_PROFILE_ROUNDS ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(`SPLIT_PROFILE_ROUNDS must be a positive integer, not ${process.env.SPLIT_PROFILE_ROUNDS}`);
}
try {
  for (let round = 1; round <= rounds; round++) {
    const before = hits.size;
    await everydayUse(1);
    await everydayUse(6);
    console.log(`split-profile: round ${round} of ${rounds}, ${hits.size - before} functions new`);
  }
  for (const [name, path] of [["another seed and layers", "/?seed=42&hidden=32,16"]]) {
    const { page } = await site.openPage({}, path);
    await step(page, name, () => accuracy(page));
    await page.context().close();
  }
} finally {
  await site.stop();
}
writeFileSync(`${repo}target/wasm-split/steps.json`, JSON.stringify(steps));

const hitsFile = `${repo}target/wasm-split/hits.txt`;
writeFileSync(hitsFile, [...hits].sort((a, b) => a - b).join("\n") + "\n");
const profile = `${repo}tools/wasm-splitter/workbench-profile.txt`;
// The compiler that built the instrumented module (split-module.mjs wrote it down).
const compiler = readFileSync(`${repo}target/wasm-split/compiler.txt`, "utf8").trim();
execFileSync(
  "cargo",
  ["run", "--quiet", "--release", "-p", "wasm-splitter", "--", "profile", `${repo}target/wasm-split/app.opt.wasm`, hitsFile, compiler, profile],
  { stdio: "inherit", cwd: repo },
);
console.log(`split-profile: ${hits.size} functions ran; ${profile}'s section for ${compiler} written`);
