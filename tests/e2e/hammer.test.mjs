// End to end: 200 actions fired as fast as the browser takes them (+25, Reset, teaching a
// patient, a session file dropped on the page), in a seeded random order, in bursts of 20
// with no wait for any answer. The page must stay consistent: every count it shows on the
// way and at the end has `remaining` never negative and adding up to the 242 training
// samples; afterwards no sample counted twice (the curve's samples are consecutive and as
// many as the page says it learned), the accuracy shown that of the
// last curve point, and a second tab, which restores the session by replaying the actions
// the page recorded through the core, showing the same numbers.
//
//   node --test tests/e2e/     (make e2e builds dist/ first)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accuracy, downloadedText, startSite } from "./browser.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

/// The page's answer once everything fired has been handled (the dropped files are read
/// asynchronously: wait until two looks half a second apart agree).
async function settled(page) {
  let last = null;
  for (;;) {
    await accuracy(page);
    const remainingText = await page.textContent("#remaining");
    if ((await page.locator("#curve-table").count()) === 0) {
      await page.click("#curve-table-toggle");
    }
    const curve = await page.$$eval("#curve-table tbody tr", (rows) => rows.map((row) => [...row.cells].map((c) => c.textContent)));
    const now = { accuracy: await page.textContent("#accr"), remainingText, curve };
    if (last !== null && JSON.stringify(now) === JSON.stringify(last)) {
      return now;
    }
    last = now;
    await page.waitForTimeout(500);
  }
}

test("200 actions as fast as the browser takes them leave a consistent page", async () => {
  const { page, problems } = await site.openPage();
  // A session snapshot to drop (the page's own, after one "+25").
  await page.click("#train-btn");
  await page.waitForFunction(() => document.querySelector("#remaining").textContent.endsWith(", 117 remaining"));
  const snapshot = await downloadedText(page, "#export-session");

  const fired = await page.evaluate(async (snapshot) => {
    // Every text "#remaining" shows while the actions go on, checked afterwards.
    window.__remainingSeen = [];
    const remaining = document.querySelector("#remaining");
    new MutationObserver(() => window.__remainingSeen.push(remaining.textContent)).observe(remaining, {
      characterData: true,
      childList: true,
      subtree: true,
    });
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const counts = { train: 0, reset: 0, teach: 0, import: 0 };
    for (let action = 0; action < 200; action++) {
      const pick = random();
      if (pick < 0.6) {
        document.querySelector("#train-btn").click();
        counts.train += 1;
      } else if (pick < 0.75) {
        document.querySelector("#reset-btn").click();
        counts.reset += 1;
      } else if (pick < 0.95) {
        document.querySelector(random() < 0.5 ? "#teach-disease" : "#teach-no-disease").click();
        counts.teach += 1;
      } else {
        const data = new DataTransfer();
        data.items.add(new File([snapshot], "heart-session.json", { type: "application/json" }));
        document.querySelector("main").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        counts.import += 1;
      }
      if (action % 20 === 19) {
        // Let the browser breathe between bursts, so that files dropped earlier are read
        // and imported while the clicks go on.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    return counts;
  }, snapshot);
  assert.ok(Object.values(fired).every((count) => count > 0), JSON.stringify(fired));

  const after = await settled(page);
  console.log("fired", JSON.stringify(fired), "then", after.remainingText, after.accuracy, `${after.curve.length} curve points`);
  // At every step, not only at the end: never negative, and the stream's samples learned
  // and remaining adding up to the 242 of the training split (none counted twice).
  const counts = (text) => {
    const [, learned, taught, remaining] = text.match(/^(\d+) samples? learned(?: \((\d+) taught\))?, (\d+) remaining$/) ?? [];
    assert.ok(learned !== undefined, text);
    const trained = Number(learned) - Number(taught ?? 0);
    assert.ok(Number(remaining) >= 0 && Number(remaining) + trained === 242, text);
    return { learned: Number(learned) };
  };
  const seen = await page.evaluate(() => window.__remainingSeen);
  assert.ok(seen.length >= 5, `the page answered as it went (${seen.length} texts seen)`);
  seen.forEach(counts);
  const { learned } = counts(after.remainingText);
  const samples = after.curve.map((row) => Number(row[0]));
  assert.deepEqual(samples, samples.map((_, i) => samples[0] + i), "no sample counted twice");
  if (samples.length > 0) {
    assert.equal(samples.at(-1), Number(learned), "the curve ends at the samples learned");
  }
  if (after.curve.length > 0) {
    assert.equal(after.accuracy, after.curve.at(-1)[1], "the accuracy shown is the last curve point's");
  }
  assert.equal(await page.locator("#page-error").count(), 0, "no panic");
  assert.deepEqual(problems, []);

  // The core, replaying what the page recorded, gives the same page.
  const second = await page.context().newPage();
  await second.goto(page.url());
  await second.waitForSelector("#accr");
  const replayed = await settled(second);
  assert.deepEqual(replayed, after);
  await page.context().close();
});
