// End to end: the session kept in the browser and moved in and out of it, in the built site
// served as Heroku serves it, in Debian's Chromium. A reload restores the page exactly; each
// storage fault (storage refused, storage full, an entry corrupt, of another version or made
// on other data) leaves the session working and the saved entry untouched; the model file
// and the session snapshot go out and come back in (picked or dropped); hostile files are
// refused with the field named. The size of a saved session and the time to save and
// restore it are written to target/e2e/session-timings.json.
//
//   node --test tests/e2e/     (make e2e builds dist/ first)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { accuracy, clearLiveRegions, downloaded, downloadedText, listenToLiveRegions, remaining, screenshots, seen, startSite } from "./browser.mjs";
import { repo } from "./project.mjs";

const AUTOSAVE = "online-learning/session/seed=5&hidden=100";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

/// The saved session, once the page has saved what it shows: it saves in the task after the
/// frame that shows an action (src/autosave.rs), so the entry is read in the task after the
/// next frame, asked for after the page's.
const saved = (page) =>
  page.evaluate(
    (key) => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(localStorage.getItem(key)), 0))),
    AUTOSAVE,
  );

/// Some clicks of a visitor: +25, Reset, +25, the next patient taught, a field edited.
async function someActions(page) {
  await page.click("#train-btn");
  await remaining(page, 117);
  await page.click("#reset-btn");
  await remaining(page, 241);
  await page.click("#train-btn");
  await remaining(page, 216);
  await page.click("#patient-next");
  await page.click("#teach-disease");
  await page.waitForFunction(() => document.querySelector("#remaining").textContent.includes("(1 taught)"));
  await page.fill("#patient-age", "61");
}

/// Import `file` ({name, mimeType, buffer}) with the file picker; the status it leaves.
async function importFile(page, file) {
  const before = await page.textContent("#import-status");
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction((text) => document.querySelector("#import-status").textContent !== text, before);
  return page.textContent("#import-status");
}

/// The row of the snapshot `name` in the list.
const snapshot = (page, name) => page.locator("#snapshot-list li").filter({ has: page.locator(".snapshot-name", { hasText: name }) });

const json = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.isBuffer(value) ? value : Buffer.from(typeof value === "string" ? value : JSON.stringify(value)) });

describe("a reload", () => {
  test("restores the same numbers, curve, earlier runs and patient, and a Reset after it draws the same model", async () => {
    const { page, problems } = await site.openPage();
    await someActions(page);
    const before = await seen(page);

    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.waitForSelector("#accr");
    assert.deepEqual(await seen(other), before);
    assert.match(await other.textContent("#status"), /^Restored your saved session: 27 samples learned/);
    await page.reload();
    await page.waitForSelector("#accr");
    assert.deepEqual(await seen(page), before);

    // The stream where it stood: Reset on the reloaded page and on a page that never
    // reloaded (the same actions from the start, in another visitor's browser) agree.
    const { page: never } = await site.openPage();
    await someActions(never);
    for (const p of [page, never]) {
      await p.click("#reset-btn");
      await remaining(p, 241);
    }
    assert.deepEqual(await seen(page), await seen(never));
    assert.deepEqual(problems, []);
    await never.context().close();
    await page.context().close();
  });

  test("brings the visitor back to the same place on the page, where a link, an address or a new tab starts at the top", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { page, problems } = await site.openPage({ viewport });
      await page.click("#train-btn");
      await remaining(page, 117);
      const y = await page.evaluate(() => {
        document.querySelector("#patient-form").scrollIntoView();
        return scrollY;
      });
      assert.ok(y > 400, `${viewport.width}: scrolled to the patient form (${y})`);
      await page.reload();
      await page.waitForSelector("#accr");
      await page.waitForFunction((y) => scrollY === y, y);
      assert.match(await page.textContent("#remaining"), /^125 samples learned/);
      // Left again from there and reloaded: the place the page was left at.
      await page.evaluate(() => scrollTo(0, 200));
      await page.reload();
      await page.waitForSelector("#accr");
      await page.waitForFunction(() => scrollY === 200);
      // Another address opened from there (another setup) starts at the top, as a link does.
      await page.goto(`${page.url().split("?")[0]}?seed=42`);
      await page.waitForSelector("#accr");
      assert.equal(await page.evaluate(() => scrollY), 0, "another setup opens at the top");
      const other = await page.context().newPage();
      await other.setViewportSize(viewport);
      await other.goto(page.url());
      await other.waitForSelector("#accr");
      assert.equal(await other.evaluate(() => scrollY), 0, "another tab opens at the top");
      assert.deepEqual(problems, []);
      await page.context().close();
    }
  });

  test("a pass is saved once it ends, without waiting for the page to be left", async () => {
    const { page, problems } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    assert.match(await saved(page), /"actions":\["train"\]/);
    await page.click("#train-pass");
    await page.waitForFunction(() => document.querySelector("#pass-status")?.textContent.includes("done"));
    await remaining(page, 0);
    const entry = JSON.parse(await saved(page));
    // Its slices, as they were asked for (the last asks for more than remain; the replay
    // learns what remains, as the pass did).
    const asked = entry.actions.slice(1).reduce((sum, action) => sum + action.learn, 0);
    assert.ok(asked >= 117, `the pass's slices are in the saved session: ${JSON.stringify(entry.actions)}`);
    // And an action after it is saved too.
    await page.click("#patient-next");
    await page.click("#teach-disease");
    await page.waitForFunction(() => document.querySelector("#remaining").textContent.includes("(1 taught)"));
    assert.ok(JSON.parse(await saved(page)).actions.at(-1).teach, "the taught patient is saved");
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("Start fresh clears the saved session, and keeps the one it leaves as a snapshot", async () => {
    const { page } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    await page.click("#start-fresh");
    await remaining(page, 142);
    assert.equal(
      await page.textContent("#status"),
      "Started fresh. The session before is kept as the snapshot \u201cBefore Start fresh\u201d. Learned 100 samples: held-out accuracy 0.80328.",
    );
    await page.reload();
    await page.waitForSelector("#accr");
    assert.equal(await accuracy(page), "0.80328");
    assert.match(await saved(page), /"actions":\[\]/);
    // A press by mistake loses nothing: the session it left opens from the snapshot, which a
    // second press on the fresh start (nothing to keep) leaves as it was.
    await page.click("#start-fresh");
    await page.waitForFunction(() => document.querySelector("#snapshot-status").textContent === "Started fresh.");
    assert.equal(await page.textContent("#snapshot-list .snapshot-name"), "Before Start fresh");
    await page.click("#snapshot-list .snapshot-open");
    await remaining(page, 117);
    await page.context().close();
  });

  test("two tabs: a tab never saves over what another tab saved, unless the visitor keeps it", async () => {
    const { page: first, problems } = await site.openPage();
    await first.click("#train-btn");
    await remaining(first, 117);
    const open = async () => {
      const tab = await first.context().newPage();
      await tab.goto(first.url());
      await tab.waitForSelector("#accr");
      return tab;
    };
    const second = await open();
    await remaining(second, 117);
    await second.click("#train-btn");
    await remaining(second, 92);

    // The first tab is told, and what it does next is not saved over the second's.
    await first.waitForFunction(() => document.querySelector("#storage-status").textContent.includes("changed in another tab"));
    assert.equal(await first.textContent("#storage-status"),
      "This setup's session was changed in another tab, so this tab no longer saves over it. Reload to go on from there, or keep this tab's session instead.");
    await first.click("#reset-btn");
    await remaining(first, 241);
    const third = await open();
    await remaining(third, 92);
    await third.close();

    // Kept: the first tab saves again, and now the second is told.
    await first.click("#storage-take-over");
    await first.waitForFunction(() => document.querySelector("#storage-status").textContent.startsWith("Saved"));
    assert.equal(await first.locator("#storage-take-over").count(), 0);
    await second.waitForFunction(() => document.querySelector("#storage-status").textContent.includes("changed in another tab"));
    const fourth = await open();
    await remaining(fourth, 241);
    assert.deepEqual(problems, []);
    await first.context().close();
  });

  test("named snapshots: save as, list, open after a reload, delete", async () => {
    const { page } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    const kept = await seen(page);
    await page.fill("#snapshot-name", "one click");
    await page.click("#snapshot-save");
    await page.click("#reset-btn");
    await remaining(page, 241);
    await page.reload();
    await page.waitForSelector("#accr");
    assert.equal(await page.textContent("#snapshot-list .snapshot-name"), "one click");
    await page.click("#snapshot-list .snapshot-open");
    await remaining(page, 117);
    assert.deepEqual(await seen(page), kept);
    // The session it replaced is kept, and opens: the Reset's, which keeps the other in turn.
    assert.equal(await page.textContent("#snapshot-status"), "Opened \u201cone click\u201d. The session before is kept as the snapshot \u201cBefore opening a snapshot\u201d.");
    const names = () => page.$$eval("#snapshot-list .snapshot-name", (names) => names.map((name) => name.textContent));
    assert.deepEqual(await names(), ["Before opening a snapshot", "one click"]);
    await snapshot(page, "Before opening a snapshot").locator(".snapshot-open").click();
    await remaining(page, 241);
    await snapshot(page, "Before opening a snapshot").locator(".snapshot-open").click();
    await remaining(page, 117);
    assert.deepEqual(await seen(page), kept);
    for (const name of ["Before opening a snapshot", "one click"]) {
      await snapshot(page, name).locator(".snapshot-delete").click();
      await snapshot(page, name).waitFor({ state: "detached" });
    }
    assert.equal(await page.textContent("#snapshot-list"), "No snapshots yet.");

    // Another tab's snapshots: one it saves is listed here at once, its name is not saved
    // over from here without asking, and one it deletes goes from the list at once.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.waitForSelector("#accr");
    await other.fill("#snapshot-name", "from the other tab");
    await other.click("#snapshot-save");
    await page.waitForFunction(() => document.querySelector("#snapshot-list .snapshot-name")?.textContent === "from the other tab");
    await page.fill("#snapshot-name", "from the other tab");
    await page.click("#snapshot-save");
    assert.match(await page.textContent("#snapshot-status"), /^A snapshot named \u201cfrom the other tab\u201d exists\./);
    await other.click("#snapshot-list .snapshot-delete");
    await page.waitForFunction(() => document.querySelector("#snapshot-list").textContent === "No snapshots yet.");

    // A snapshot gone without a word to this tab (its own storage changed under it, which
    // fires no event here): opening it says so, and the list drops it.
    await other.fill("#snapshot-name", "short-lived");
    await other.click("#snapshot-save");
    await page.waitForFunction(() => document.querySelector("#snapshot-list .snapshot-name")?.textContent === "short-lived");
    await page.evaluate(() => localStorage.removeItem("online-learning/snapshots/short-lived"));
    await page.click("#snapshot-list .snapshot-open");
    await page.waitForFunction(() => document.querySelector("#snapshot-list").textContent === "No snapshots yet.");
    assert.equal(await page.textContent("#snapshot-status"), "\u201cshort-lived\u201d could not be opened: it is gone. Your session is unchanged.");
    await page.context().close();
  });

  test("the size of a saved session and the time to save and restore it", async () => {
    const { page } = await site.openPage();
    const timings = {};
    for (const [label, clicks] of [["a few clicks", 4], ["200 clicks", 200]]) {
      await page.click("#start-fresh");
      await remaining(page, 142);
      for (let click = 0; click < clicks; click++) {
        await page.click(click % 5 === 4 ? "#reset-btn" : "#train-btn");
      }
      await page.waitForFunction((n) => (localStorage.getItem("online-learning/session/seed=5&hidden=100").match(/"(train|reset)"/g) || []).length === n, clicks);
      const saveMs = await page.evaluate(() => performance.getEntriesByName("session-save").map((e) => e.duration));
      await page.reload();
      await page.waitForSelector("#accr");
      const restoreMs = await page.evaluate(() => performance.getEntriesByName("session-restore").map((e) => e.duration));
      timings[label] = {
        clicks,
        entryBytes: (await saved(page)).length,
        saveMsMedian: saveMs.sort((a, b) => a - b)[Math.floor(saveMs.length / 2)],
        restoreMs: restoreMs[0],
      };
    }
    const file = `${screenshots}/session-timings.json`;
    writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
    console.log(`saved sessions (${file}):`, JSON.stringify(timings));
    assert.ok(timings["200 clicks"].entryBytes > timings["a few clicks"].entryBytes);
    await page.context().close();
  });
});

describe("storage faults never cost the session", () => {
  test("storage refused by the browser: the page works and says the session will not be kept", async () => {
    const refuse = `Object.defineProperty(window, "localStorage", { get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });`;
    const { page, problems } = await site.openPage({ initScript: refuse });
    assert.match(await page.textContent("#storage-status"), /does not let this page store anything/);
    await page.click("#train-btn");
    await remaining(page, 117);
    assert.equal(await accuracy(page), "0.83607");
    assert.equal(await page.isDisabled("#snapshot-save"), true);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("storage full: the last saved state is kept, the visitor is told, and saving resumes when there is room", async () => {
    const { page } = await site.openPage({ initScript: listenToLiveRegions });
    await page.click("#train-btn");
    await remaining(page, 117);
    const before = await saved(page);
    await page.evaluate(clearLiveRegions);
    // Fill the origin's real quota.
    await page.evaluate(() => {
      let size = 1 << 20;
      for (let i = 0; size >= 16; i++) {
        try {
          localStorage.setItem(`fill-${i}`, "x".repeat(size));
        } catch {
          size >>= 1;
        }
      }
    });
    await page.click("#train-btn");
    await remaining(page, 92);
    await page.waitForFunction(() => /storage for this page is full/.test(document.querySelector("#storage-status").textContent));
    // What to do: with no snapshot to delete, take the session away as a file.
    assert.equal(
      await page.textContent("#storage-status"),
      "The browser's storage for this page is full: the latest changes are not saved (the last saved state is kept). Download the session to keep it.",
    );
    assert.equal(await saved(page), before, "the last saved state is kept");
    assert.equal(await accuracy(page), "0.81967", "the session goes on");
    // Said once, after the action's own status, to a screen reader too.
    assert.deepEqual(await page.evaluate(() => window.__live.heard), ["status", "storage-status"]);
    // A snapshot saved now: its own sentence beside the snapshots, not the status's again.
    await page.fill("#snapshot-name", "when full");
    await page.click("#snapshot-save");
    await page.waitForFunction(() => document.querySelector("#snapshot-status").textContent !== "");
    assert.equal(
      await page.textContent("#snapshot-status"),
      "The browser's storage for this page is full: the snapshot is not saved. Download the session to keep it.",
    );
    assert.equal(await page.textContent("#snapshot-list"), "No snapshots yet.");
    await page.screenshot({ path: `${screenshots}/sessions-storage-full.png` });
    // Start fresh cannot keep the session as a snapshot: nothing changes until the visitor
    // says to go on without it.
    await page.click("#start-fresh");
    await page.waitForFunction(() => /^The browser's storage/.test(document.querySelector("#snapshot-status").textContent));
    assert.equal(
      await page.textContent("#snapshot-status"),
      "The browser's storage for this page is full: the session is not kept as a snapshot, so it was not replaced. Download the session to keep it. Or start fresh without keeping it.",
    );
    assert.equal(await accuracy(page), "0.81967", "the session is as it was");
    assert.equal(await page.textContent("#start-fresh"), "Start fresh without keeping it");

    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("fill-")).forEach((k) => localStorage.removeItem(k)));
    await page.click("#train-btn");
    await remaining(page, 67);
    await page.waitForFunction(() => document.querySelector("#storage-status").textContent.startsWith("Saved"));
    assert.match(await saved(page), /"actions":\["train","train","train"\]/);
    assert.equal((await page.evaluate(() => window.__live.said)).at(-1), "Saved in this browser after every action: a reload brings you back here.");
    await page.context().close();
  });

  for (const [what, entry, reason] of [
    ["corrupt", '{"format":"online-learning-page-session","version":1,"data"', /not JSON/],
    ["of another version", '{"format":"online-learning-page-session","version":7}', /another version of this page \(format version 7; this page reads version 1\)/],
    ["made on other data", null, /saved on other data \(heart\.csv 297 rows/],
    ["with an action that does not replay", null, /actions\[1\]: unknown action \u201cjump\u201d/],
  ]) {
    test(`a saved session ${what} is reported, kept, and not saved over until discarded`, async () => {
      const { page } = await site.openPage();
      await page.click("#train-btn");
      await remaining(page, 117);
      const good = await saved(page);
      const bad = entry ?? (what.includes("data") ? good.replace("303 rows", "297 rows") : good.replace('"actions":["train"]', '"actions":["train","jump"]'));
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [AUTOSAVE, bad]);
      await page.reload();
      await page.waitForSelector("#accr");
      assert.equal(await accuracy(page), "0.80328", "the page starts fresh");
      assert.match(await page.textContent("#storage-status"), reason);
      await page.click("#train-btn");
      await remaining(page, 117);
      assert.equal(await saved(page), bad, "never silently overwritten");

      assert.equal(await downloadedText(page, "#storage-download"), bad, "the visitor can take it away");
      await page.click("#storage-discard");
      await page.waitForFunction(() => document.querySelector("#storage-status").textContent.startsWith("Saved"));
      assert.match(await saved(page), /"actions":\["train"\]/);
      await page.context().close();
    });
  }
});

describe("files in and out", () => {
  test("the model file and the session snapshot go out and come back in, picked or dropped", async () => {
    const { page, problems } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    const exported = await seen(page);
    const files = {};
    for (const id of ["export-model", "export-session"]) {
      files[id] = await downloaded(page, `#${id}`);
    }
    assert.equal(files["export-model"].name, "heart-model.json");
    const model = JSON.parse(files["export-model"].text);
    assert.deepEqual([model.format, model.version, model.layer_sizes, model.progress], ["online-mlp-classifier", 1, [13, 100, 1], { samples_seen: 125, next_sample: 125 }]);
    const session = JSON.parse(files["export-session"].text);
    assert.deepEqual([session.format, session.stream.seed], ["online-learning-session", 5]);
    assert.deepEqual(session.model, model);

    // Somewhere else, then the session snapshot back: the same page, and the same Reset.
    await page.click("#reset-btn");
    await remaining(page, 241);
    assert.equal(await importFile(page, json("heart-session.json", files["export-session"].text)), "Imported heart-session.json. The session before is kept as the snapshot \u201cBefore the import\u201d.");
    await remaining(page, 117);
    assert.equal(await accuracy(page), exported.accuracy);
    assert.match(await page.textContent("#status"), /^Imported a 13-100-1 network that has learned 125 samples/);

    // The model file, dropped on the page.
    await page.click("#train-btn");
    await remaining(page, 92);
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "heart-model.json", { type: "application/json" }));
      document.querySelector("main").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files["export-model"].text);
    await page.waitForFunction(() => document.querySelector("#import-status").textContent === "Imported heart-model.json. The session before is kept as the snapshot \u201cBefore the import\u201d.");
    await remaining(page, 117);
    assert.equal(await accuracy(page), exported.accuracy);
    // Whatever its name, JSON dropped is a file to import.
    const drop = (files) =>
      page.evaluate((files) => {
        const data = new DataTransfer();
        for (const [text, name, type] of files) data.items.add(new File([text], name, { type }));
        document.querySelector("main").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      }, files);
    await page.click("#train-btn");
    await remaining(page, 92);
    await drop([[files["export-model"].text, "model copy.txt", "text/plain"]]);
    await page.waitForFunction(() => document.querySelector("#import-status").textContent === "Imported model copy.txt. The session before is kept as the snapshot \u201cBefore the import\u201d.");
    await remaining(page, 117);
    // Two files at once: neither is taken, and the visitor is told why.
    await drop([[files["export-model"].text, "model.json", "application/json"], ["age,target\n", "data.csv", "text/csv"]]);
    await page.waitForFunction(() => document.querySelector("#data-status").textContent !== "");
    assert.equal(await page.textContent("#data-status"), "2 files were dropped: drop one at a time. Your session is unchanged.");
    await remaining(page, 117);

    // And it survives a reload.
    await page.reload();
    await page.waitForSelector("#accr");
    await remaining(page, 117);
    assert.equal(await accuracy(page), exported.accuracy);
    // What the last import replaced is kept, and opens: the session trained once more.
    assert.deepEqual(await page.$$eval("#snapshot-list .snapshot-name", (names) => names.map((name) => name.textContent)), ["Before the import"]);
    await snapshot(page, "Before the import").locator(".snapshot-open").click();
    await remaining(page, 92);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a session imported into another setup says what it learned and which setup runs", async () => {
    const { page, problems } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    await page.click("#patient-next");
    await page.click("#teach-disease");
    await page.waitForFunction(() => document.querySelector("#remaining").textContent === "126 samples learned (1 taught), 117 remaining");
    const text = await downloadedText(page, "#export-session");

    const other = await page.context().newPage();
    await other.goto(new URL("/?seed=6&hidden=32", page.url()).href);
    await other.waitForSelector("#accr");
    assert.equal(await other.locator("#setup-running").count(), 0, "the page's own setup runs");
    assert.equal(
      await importFile(other, json("heart-session.json", text)),
      "Imported heart-session.json. It runs with seed 5's random stream and hidden layers 100, not this page's setup.",
    );
    await other.waitForFunction(() => document.querySelector("#remaining").textContent === "126 samples learned (1 besides the split, before the import), 117 remaining");
    assert.match(await other.textContent("#status"), /^Imported a 13-100-1 network that has learned 126 samples/);
    assert.equal(await other.textContent("#seed"), "6", "the page's address");
    assert.equal(
      await other.textContent("#setup-running"),
      "The session running now came from an imported file: seed 5's random stream, hidden layers 100. The link and the form open this page's setup afresh.",
    );
    // Its curve begins with the next sample learned here, as the chart says for all to see.
    assert.equal(await other.textContent("#curve-note"), "Imported after 126 samples: the curve begins with the next sample learned here.");
    await other.click("#train-btn");
    await remaining(other, 92);
    assert.equal(await other.locator("#curve-note").count(), 0);
    assert.equal(await other.textContent("#remaining"), "151 samples learned (1 besides the split, before the import), 92 remaining");
    assert.match(await other.textContent("#status"), /^Learned 25 more samples, 151 in all/);
    assert.match(await other.textContent("#curve-desc"), /^Held-out accuracy after each sample learned here, samples 127 to 151, from /);
    // A Reset draws the imported session's next model: still seed 5's stream and 100 units.
    await other.click("#reset-btn");
    await remaining(other, 241);
    assert.equal(await other.textContent("#remaining"), "1 sample learned, 241 remaining");
    assert.equal(await other.locator("#setup-running").count(), 1);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a snapshot of another setup, opened, keeps the session saved for that setup as a snapshot first", async () => {
    const { page, problems } = await site.openPage({}, "/?seed=7&hidden=32,16");
    await page.click("#train-btn");
    await remaining(page, 117);
    await page.fill("#snapshot-name", "seven");
    await page.click("#snapshot-save");
    await page.waitForFunction(() => document.querySelector("#snapshot-status").textContent === "Saved the session as \u201cseven\u201d.");
    await page.click("#train-btn");
    await remaining(page, 92);
    await page.click("#train-btn");
    await remaining(page, 67);

    await page.goto(new URL("/", page.url()).href);
    await page.waitForSelector("#accr");
    await page.click('button[aria-label="Open seven"]');
    await remaining(page, 117);
    const kept = "Saved session, seed 7, hidden 32,16";
    assert.equal(
      await page.textContent("#snapshot-status"),
      `Opened \u201cseven\u201d. The session this browser had saved for seed 7, hidden layers 32,16 is kept as the snapshot \u201c${kept}\u201d.`,
    );
    assert.deepEqual(await page.$$eval("#snapshot-list .snapshot-name", (names) => names.map((name) => name.textContent)), [kept, "seven"]);
    await page.click(`button[aria-label="Open ${kept}"]`);
    await remaining(page, 67);
    // The same setup: the session it replaces kept, as an import keeps it.
    assert.equal(await page.textContent("#snapshot-status"), `Opened \u201c${kept}\u201d. The session before is kept as the snapshot \u201cBefore opening a snapshot\u201d.`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a model whose numbers overflow while learning is not written out, and the visitor is told why", async () => {
    const { page, problems } = await site.openPage();
    const model = JSON.parse(await downloadedText(page, "#export-model"));
    model.coefs[0][0][0] = 1e300; // finite, so accepted; its square in Adam's second moment is not
    assert.equal(await importFile(page, json("huge.json", model)), "Imported huge.json.");
    await page.click("#train-btn");
    await remaining(page, 117);
    let downloaded = false;
    page.on("download", () => (downloaded = true));
    for (const id of ["export-model", "export-session"]) {
      await page.click(`#${id}`);
      await page.waitForFunction(() => document.querySelector("#import-status").textContent.startsWith("The model cannot be written"));
      assert.match(
        await page.textContent("#import-status"),
        /^The model cannot be written: \u201cadam\.vs\.coefs\[\d+\]\[\d+\]\[\d+\]\u201d is inf, not a finite number \(a value overflowed while learning\)\. Nothing was downloaded\.$/,
      );
      // Another message between the two (a refused import), so that the second is seen anew.
      assert.match(await importFile(page, json("empty.json", "{}")), /^empty\.json was not imported: /);
    }
    assert.equal(downloaded, false);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a model whose every step would overflow learns nothing, and a pass says it stopped, not that it was cancelled", async () => {
    const { page, problems } = await site.openPage();
    const model = JSON.parse(await downloadedText(page, "#export-model"));
    model.hyperparameters.learning_rate_init = 1e300; // scikit-learn accepts it; its first step overflows
    assert.equal(await importFile(page, json("lr-huge.json", model)), "Imported lr-huge.json.");
    await page.click("#train-btn");
    await page.waitForSelector("#status + p.error");
    assert.equal(await page.textContent("#status + p.error"), "That step was not taken: it would make the model's numbers overflow.");
    await page.click("#train-pass");
    await page.waitForFunction(() => !/: 0 of /.test(document.querySelector("#pass-status")?.textContent ?? ": 0 of "));
    assert.equal(await page.textContent("#pass-status"), "Learning one pass: stopped after 0 of 142 samples: the next step was refused.");
    assert.equal(await page.textContent("#remaining"), "100 samples learned, 142 remaining");
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a file given to the other control is refused, and only the last file's message shows", async () => {
    const { page, problems } = await site.openPage();
    const csv = { name: "heart.csv", mimeType: "text/csv", buffer: readFileSync(`${repo}data/heart.csv`) };
    assert.match(await importFile(page, csv), /^heart\.csv was not imported: it looks like a CSV file: give it to “Your own CSV”/);
    await page.setInputFiles("#data-file", json("model.json", "{}"));
    await page.waitForFunction(() => /^model\.json was not loaded: it looks like JSON/.test(document.querySelector("#data-status")?.textContent ?? ""));
    assert.equal(await page.textContent("#import-status"), "", "the import's refusal gone with the next file");
    // And the other way round.
    assert.match(await importFile(page, csv), /^heart\.csv was not imported: /);
    assert.equal(await page.textContent("#data-status"), "", "the data file's refusal gone with the next file");
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("hostile files are refused with the field named, and the session stays as it was", async () => {
    const { page } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    const model = JSON.parse(await downloadedText(page, "#export-model"));
    const session = JSON.parse(await downloadedText(page, "#export-session"));
    const edited = (edit, file = model) => {
      const copy = structuredClone(file);
      edit(copy);
      return copy;
    };
    const cases = [
      [json("big.json", Buffer.alloc(17 * 1024 * 1024, 32)), /big\.json was not read: it is 17\.0 MB, and the page reads files up to 16\.0 MB/],
      [json("text.json", "this is not JSON"), /not JSON \(/],
      // Another kind of file: said in words, and what to do with it.
      [json("binary.json", Buffer.from([0x45, 0x5f, 0x0d, 0xff, 0xfe, 0x00, 0x9c, 0x4a])), /: it is not a text file\. Your session/],
      [json("heart.json", readFileSync(`${repo}data/heart.csv`)), /: it looks like a CSV file: give it to \u201cYour own CSV\u201d under \u201cThe data\u201d\. Your session/],
      [json("deep.json", "[".repeat(500_000) + "]".repeat(500_000)), /expected an object, found an array/],
      [json("other.json", { format: "keras", version: 1, layers: [] }), /other\.json was not imported: invalid model file: format is \u201ckeras\u201d, expected \u201conline-mlp-classifier\u201d\./],
      [json("unknown.json", edited((m) => (m.adam.momentum = 0.9))), /adam: unknown field \u201cmomentum\u201d/],
      [json("missing.json", edited((m) => delete m.scaler)), /missing field \u201cscaler\u201d/],
      [json("shape.json", edited((m) => m.coefs[0].pop())), /coefs\[0\] has 12 rows, expected 13/],
      [json("string.json", edited((m) => (m.intercepts[1][0] = "0.5"))), /intercepts\[1\]\[0\]: expected a number, found a string/],
      [json("infinite.json", JSON.stringify(model).replace(/"intercepts":\[\[[^,\]]+/, '"intercepts":[[-1e999')), /intercepts\[0\] holds -inf, not a finite number/],
      [json("nested.json", JSON.stringify(model).replace(/"coefs":\[\[\[[^,\]]+/, `"coefs":[[[${"[".repeat(200_000)}${"]".repeat(200_000)}`)), /coefs\[0\]\[0\]\[0\]: expected a number, found an array/],
      [json("version.json", edited((m) => (m.version = 3))), /version 3 is not supported \(this build reads version 1\)/],
      [json("scaler.json", edited((m) => (m.scaler.mean[0] = 50))), /saved on other data \(its scaler differs from this data's\)/],
      [json("progress.json", edited((m) => (m.progress.next_sample = 1e6))), /its next sample is 1000000, past the 242 training samples/],
      // A session's random stream: its next outputs checked, an old file's replay bounded.
      [json("stream.json", edited((s) => (s.stream.next[0] = (s.stream.next[0] ^ 1) >>> 0), session)), /stream\.next is not what seed 5 gives after \d+ draws/],
      [json("replay.json", edited((s) => Object.assign(s, { version: 1, stream: { seed: 5, draws: 2 ** 24 + 1 } }), session)), /may replay at most 16777216 draws, not 16777217/],
    ];
    for (const [file, reason] of cases) {
      const status = await importFile(page, file);
      assert.match(status, new RegExp(`^${file.name.replace(".", "\\.")} was (not imported|not read): `), file.name);
      assert.match(status, reason, file.name);
      assert.match(status, /Your session is unchanged\.$/, file.name);
      assert.equal(await page.textContent("#remaining"), "125 samples learned, 117 remaining", file.name);
    }
    assert.equal(await accuracy(page), "0.83607");
    await page.screenshot({ path: `${screenshots}/sessions-refused.png`, fullPage: false });
    await page.context().close();
  });

  test("a screen reader hears an import, an opened snapshot, a data file and a refusal once each; what was said of a replaced session goes", async () => {
    const { page, problems } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    const session = await downloadedText(page, "#export-session");
    await page.fill("#snapshot-name", "one click");
    await page.click("#snapshot-save");
    await page.click("#reset-btn");
    await remaining(page, 241);
    await page.evaluate(listenToLiveRegions);
    /// What the live regions say while `act` runs and the page settles, by region.
    const heard = async (act) => {
      await page.evaluate(clearLiveRegions);
      await act();
      await page.waitForTimeout(300);
      return page.evaluate(() => window.__live.heard.map((region, i) => [region, window.__live.said[i]]));
    };

    // Shown beside the file picker, said once, by the status, which tells the result too.
    const imported = await heard(async () => { await importFile(page, json("heart-session.json", session)); await remaining(page, 117); });
    assert.deepEqual(imported, [["status", `Imported a 13-100-1 network that has learned 125 samples. Held-out accuracy ${await accuracy(page)}. The session before is kept as the snapshot \u201cBefore the import\u201d.`]]);
    assert.equal(await page.textContent("#import-status"), "Imported heart-session.json. The session before is kept as the snapshot \u201cBefore the import\u201d.", "shown where it was asked for");

    await page.click("#reset-btn");
    await remaining(page, 241);
    const opened = await heard(async () => { await snapshot(page, "one click").locator(".snapshot-open").click(); await remaining(page, 117); });
    assert.deepEqual(opened, [["status", `Opened \u201cone click\u201d: held-out accuracy ${await accuracy(page)}. The session before is kept as the snapshot \u201cBefore opening a snapshot\u201d.`]]);
    // Shown beside the snapshots, the file's line cleared.
    assert.deepEqual([await page.textContent("#snapshot-status"), await page.textContent("#import-status")], ["Opened \u201cone click\u201d. The session before is kept as the snapshot \u201cBefore opening a snapshot\u201d.", ""]);

    const data = await heard(async () => {
      await page.setInputFiles("#data-file", `${repo}data/uci/processed.cleveland.data`);
      await page.waitForFunction(() => document.querySelector("#data-status").textContent === "Now learning processed.cleveland.data. The session before is kept as the snapshot \u201cBefore the data changed\u201d.");
      await remaining(page, 137);
    });
    assert.deepEqual(data.filter(([region]) => region !== "visually-hidden").map(([region]) => region), ["status"], JSON.stringify(data));
    assert.match(data.at(-1)[1], /^Now learning processed\.cleveland\.data\. The session before is kept as the snapshot \u201cBefore the data changed\u201d\. Learned 100 samples: held-out accuracy 0\.\d{5}\.$/);
    // The data replaced the session the snapshot had opened: its line no longer stands.
    assert.deepEqual([await page.textContent("#snapshot-status"), await page.textContent("#import-status")], ["", ""]);

    // A refusal leaves the status as it was: the import's own line says it.
    const refused = await heard(() => importFile(page, json("text.json", "this is not JSON")));
    assert.deepEqual(refused.map(([region]) => region), ["import-status"]);
    assert.match(refused[0][1], /^text\.json was not imported: .*Your session is unchanged\.$/);
    // Back to the bundled heart.csv: the import's line, of the session that gives way, goes too.
    await page.click("#data-bundled");
    await page.waitForFunction(() => document.querySelector("#data-status").textContent === "Back to the bundled heart.csv.");
    assert.deepEqual([await page.textContent("#import-status"), await page.textContent("#snapshot-status")], ["", ""]);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});

describe("your own data", () => {
  const cleveland = `${repo}data/uci/processed.cleveland.data`;
  // The data panel's line once it says something new (it is cleared as a file starts to be read).
  const dataStatus = async (page, before) => {
    await page.waitForFunction((text) => !["", text].includes(document.querySelector("#data-status").textContent), before);
    return page.textContent("#data-status");
  };

  test("UCI's raw Cleveland file, recoded, missing values left out or filled in; kept across a reload; back to heart.csv", async () => {
    const { page, problems } = await site.openPage();
    await page.setInputFiles("#data-file", cleveland);
    assert.equal(await dataStatus(page, ""), "Now learning processed.cleveland.data.");
    assert.match(await page.textContent("#data-summary"), /UCI's raw form recoded to heart\.csv's codes: 303 rows read, 6 left out for missing values; 297 patients\./);
    await remaining(page, 137);
    await page.click("#train-btn");
    await remaining(page, 112);
    const learned = await accuracy(page);
    assert.match(await page.textContent("#patient-source"), /^Test patient 1 of 60; in the data: /);

    await page.reload();
    await page.waitForSelector("#accr");
    await remaining(page, 112);
    assert.equal(await accuracy(page), learned, "the file is kept with the session");
    assert.match(await page.textContent("#data-summary"), /^processed\.cleveland\.data, UCI's raw form/);
    assert.equal(await page.inputValue("#data-missing"), "drop", "the choice the file was read with");

    // The other choice (a keyboard's arrow on the closed list makes one at each step) offers
    // to read the session's file again that way, and only the offer's button does: other
    // data, a new start.
    await page.selectOption("#data-missing", "impute");
    await page.waitForSelector("#data-read-again");
    assert.equal(
      await page.textContent("#data-read-again-note"),
      "processed.cleveland.data was read the other way. This choice is for the files you give from now on, or read processed.cleveland.data again this way (a new start)",
    );
    await page.waitForTimeout(300);
    assert.equal(await accuracy(page), learned, "nothing read again yet");
    await remaining(page, 112);
    await page.selectOption("#data-missing", "drop");
    assert.equal(await page.locator("#data-read-again").count(), 0, "back to the way it was read: nothing to offer");
    await page.selectOption("#data-missing", "impute");
    await page.click("#data-read-again");
    await page.waitForFunction(() => document.querySelector("#data-status").textContent === "Now learning processed.cleveland.data. The session before is kept as the snapshot \u201cBefore the data changed\u201d.");
    assert.equal(await page.evaluate(() => document.activeElement.id), "data-missing", "the focus kept near");
    await remaining(page, 142);
    assert.match(await page.textContent("#data-summary"), /303 rows read, 6 missing values filled in with their column's mean; 303 patients\./);

    // A snapshot of the file read one way, opened when it was read the other: the choice shown follows.
    await page.fill("#snapshot-name", "imputed");
    await page.click("#snapshot-save");
    await snapshot(page, "imputed").waitFor();
    await page.selectOption("#data-missing", "drop");
    await page.click("#data-read-again");
    await page.waitForFunction(() => /6 left out/.test(document.querySelector("#data-summary").textContent));
    await snapshot(page, "imputed").locator(".snapshot-open").click();
    await page.waitForFunction(() => /6 missing values filled in/.test(document.querySelector("#data-summary").textContent));
    // The choice stays the visitor's, for the files given from now on; the opened session's
    // file, read the other way, is offered to be read again this way.
    assert.equal(await page.inputValue("#data-missing"), "drop");
    await page.waitForSelector("#data-read-again");
    assert.equal(await page.textContent("#data-status"), "", "what the panel said of the file read the other way is gone");

    // Every test patient, filled-in values included (a category's mean is not one of its
    // codes), is shown, predicted and can be taught.
    const patients = Number((await page.textContent("#patient-source")).match(/of (\d+);/)[1]);
    for (let patient = 1; patient <= patients; patient++) {
      await page.waitForFunction((n) => document.querySelector("#patient-source").textContent.startsWith(`Test patient ${n} of`), patient);
      assert.match(await page.textContent("#patient-probability"), /^\d+\.\d%$/, `test patient ${patient}`);
      assert.equal(await page.locator(".field-error").count(), 0, `test patient ${patient}`);
      await page.click("#patient-next");
    }

    await page.click("#data-bundled");
    await page.waitForFunction(() => document.querySelector("#data-status").textContent.startsWith("Back to the bundled heart.csv."));
    await remaining(page, 142);
    assert.equal(await accuracy(page), "0.80328");
    assert.match(await page.textContent("#data-summary"), /^heart\.csv, the original's file: 303 patients\.$/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("a wrong file is refused with its line and column, and the session stays as it was", async () => {
    const { page } = await site.openPage();
    await page.click("#train-btn");
    await remaining(page, 117);
    const header = readFileSync(`${repo}data/heart.csv`, "utf8").split("\n")[0];
    const cases = [
      [`${header}\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n64,1,3,x,233,1,0,150,0,2.3,0,0,1,1\n`, /^bad\.csv was not loaded: line 3, column 4 \(\u201ctrestbps\u201d\): \u201cx\u201d is not a number\. Your session is unchanged\.$/],
      ["age,b,target\n1,2,0\n3,4,1\n", /^bad\.csv was not loaded: the file has no columns \u201csex\u201d, .*, \u201cthal\u201d, and a column \u201cb\u201d that is not a feature: heart\.csv's columns are age, sex, .*, thal, and target\. Your session is unchanged\.$/],
      ["63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,9\n", /line 1, column 14 \(\u201cnum\u201d\): \u201c9\u201d is not a diagnosis 0 to 4/],
      // Finite values whose variance overflows: scaled, they would be NaNs the model learns from.
      [`${header}\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n64,1,3,145,1e300,1,0,150,0,2.3,0,0,1,0\n65,1,3,145,-1e300,1,0,150,0,2.3,0,0,1,1\n`, /^bad\.csv was not loaded: column \u201cchol\u201d holds values too far apart to scale: their variance is beyond the largest number a double holds\. Your session is unchanged\.$/],
      // Another kind of file: said in words, and what to do with it.
      ['{"format": "online-learning-model", "version": 1}', /^bad\.csv was not loaded: it looks like JSON: import model files and sessions under \u201cFiles\u201d\. Your session is unchanged\.$/],
      ["\u0000\u0001\u0002binary", /^bad\.csv was not loaded: it is not a text file\. Your session is unchanged\.$/],
      // UTF-16 with its byte order mark, as Excel's "Unicode text" is saved.
      [Buffer.from(`\ufeff${header.replace(/^\ufeff/, "")}\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n`, "utf16le"), /^bad\.csv was not loaded: it is UTF-16 text: save it as UTF-8\. Your session is unchanged\.$/],
      [`${header}\n63,1,3,,233,1,0,150,0,2.3,0,0,1,1\n`, /^bad\.csv was not loaded: line 2, column 4 \(\u201ctrestbps\u201d\) is empty\. Your session is unchanged\.$/],
      // heart.csv's rows without its header: taken for UCI's raw form, whose codes they do not follow.
      ["63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n", /^bad\.csv was not loaded: line 1, column 11 \(\u201cslope\u201d\): \u201c0\u201d is not one of UCI's codes for it \(heart\.csv's form needs its header line\)\. Your session is unchanged\.$/],
      [`${header.replaceAll(",", ";")}\n63;1;3;145;233;1;0;150;0;2,3;0;0;1;1\n`, /^bad\.csv was not loaded: the header is one column with \u201ctarget\u201d inside: the file is separated by semicolons, where a CSV file's fields are separated by commas \(save or export it with commas\)\. Your session is unchanged\.$/],
    ];
    for (const [text, reason] of cases) {
      const before = await page.textContent("#data-status");
      await page.setInputFiles("#data-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
      assert.match(await dataStatus(page, before), reason);
      assert.equal(await page.textContent("#remaining"), "125 samples learned, 117 remaining");
    }
    // Dropped on the page, a CSV is data (a JSON file would be a model).
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "processed.cleveland.data", { type: "" }));
      document.querySelector("main").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, readFileSync(cleveland, "utf8"));
    await remaining(page, 137);
    await page.context().close();
  });

  test("heart.csv's columns in another order are found by name: the same numbers as heart.csv", async () => {
    const { page, problems } = await site.openPage();
    const atLoad = await accuracy(page);
    const reversed = readFileSync(`${repo}data/heart.csv`, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/)
      .map((line) => line.split(",").reverse().join(",")).join("\n");
    assert.match(reversed, /^target,thal,ca,/);
    await page.click("#train-btn");
    await remaining(page, 117);
    await page.setInputFiles("#data-file", { name: "reversed.csv", mimeType: "text/csv", buffer: Buffer.from(reversed) });
    await page.waitForFunction(() => /reversed\.csv/.test(document.querySelector("#data-summary").textContent));
    assert.equal(await page.textContent("#data-summary"), "reversed.csv, in heart.csv's form, its columns found by name: 303 patients.");
    await remaining(page, 142);
    assert.equal(await accuracy(page), atLoad);
    await page.click("#train-btn");
    await remaining(page, 117);
    assert.equal(await accuracy(page), "0.83607", "the original's second number");
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
