// End to end: the built site (dist/), served as production serves it (scripts/heroku.sh
// serve: Debian's nginx with the Heroku configuration made from static.json), checked over
// HTTP and driven in Debian's Chromium through playwright-core.
//
//   node --test tests/e2e/     (make e2e builds dist/ first)
//
// The expected numbers are the original Flask server's answers, from the core's
// scikit-learn fixture. Screenshots go to target/e2e/ for people to look at.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { accuracy, remaining, screenshots, startSite, viaHerokuRouter } from "./browser.mjs";
import { distFiles, repo, staticJson } from "./project.mjs";

const serverSteps = JSON.parse(readFileSync(`${repo}learner/tests/fixtures/server.json`, "utf8")).steps;
const shown = (step) => step.result.toFixed(5);

let site;
let base;
let openPage;

before(async () => {
  site = await startSite();
  ({ base, openPage } = site);
});

after(() => site?.stop());

describe("served as on Heroku", () => {
  test("plain http is redirected to https", async () => {
    const response = await get("/", { "X-Forwarded-Proto": "http" });
    assert.equal(response.status, 301);
    assert.equal(response.headers["location"], "https://127.0.0.1/");
  });

  test("the streams page's address without its slash is redirected to it, the query kept", async () => {
    for (const [path, to] of [["/streams", "/streams/"], ["/streams?seed=42", "/streams/?seed=42"]]) {
      const response = await get(path);
      assert.equal(response.status, 301, path);
      // Where on this site, not a host and port: nginx sees the router's plain http.
      assert.equal(response.headers["location"], to, path);
      assert.equal(response.headers["cache-control"], "no-cache", path);
    }
    assert.equal((await get("/streams/")).body.toString("utf8"), readFileSync(`${repo}dist/streams/index.html`, "utf8"));
  });

  test("every response carries the security headers static.json declares", async () => {
    const declared = staticJson.headers["/**"];
    const policy = declared["Content-Security-Policy"];
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/, "no inline scripts and no eval");
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    for (const path of ["/", "/index.html", "/some/client/route", "/streams", "/missing.js", ...distFiles.map((f) => `/${f}`)]) {
      const response = await get(path);
      for (const name of ["Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options"]) {
        assert.equal(response.headers[name.toLowerCase()], declared[name], `${name} of ${path}`);
      }
      assert.equal(response.headers["x-content-type-options"], "nosniff");
    }
  });

  test("the page and its routes are never cached; hashed assets are cached for good", async () => {
    for (const path of ["/", "/index.html", "/some/client/route"]) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers["content-type"], /^text\/html; charset=utf-8$/, path);
      assert.equal(response.headers["cache-control"], "no-cache", path);
      assert.equal(response.body.toString("utf8"), readFileSync(`${repo}dist/index.html`, "utf8"), path);
    }
    // The files whose addresses others hold keep their names: the page, the service worker,
    // the icon and the manifest that name each other.
    const named = ["index.html", "sw.js", "icon.svg", "manifest.webmanifest"];
    const assets = distFiles.filter((name) => !named.includes(name));
    assert.ok(assets.length >= 5, `boot script, bindings, the two parts of the module and css in ${distFiles}`);
    for (const name of assets) {
      // trunk writes the 64-bit hash in hex without leading zeros (1 name in 16 has 15 digits).
      assert.match(name, /-[0-9a-f]{8,16}(_bg|_lazy)?\.(js|wasm|css)$/, "every asset's name carries its content hash");
      const response = await get(`/${name}`);
      assert.equal(response.status, 200, name);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable", name);
    }
    // Those are revalidated like the page, so that a new deploy's reach visitors.
    for (const [name, type] of [
      ["sw.js", /^(application|text)\/javascript/],
      ["icon.svg", /^image\/svg\+xml/],
      ["manifest.webmanifest", /^application\/manifest\+json/],
    ]) {
      const response = await get(`/${name}`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers["content-type"], type, name);
      assert.equal(response.headers["cache-control"], "no-cache", name);
    }
  });

  test("a returning visitor revalidates the page and gets a 304", async () => {
    const first = await get("/");
    const etag = first.headers["etag"];
    assert.ok(etag, "index.html has an ETag");
    const again = await get("/", { "If-None-Match": etag });
    assert.equal(again.status, 304);
  });

  test("the wasm module is application/wasm, gzipped on the wire, byte for byte the build", async () => {
    const wasm = distFiles.find((name) => name.endsWith(".wasm"));
    const response = await get(`/${wasm}`, { "Accept-Encoding": "gzip" });
    assert.equal(response.headers["content-type"], "application/wasm");
    assert.equal(response.headers["content-encoding"], "gzip");
    assert.deepEqual(gunzipSync(response.body), readFileSync(`${repo}dist/${wasm}`));
  });

  test("every file of the site is gzipped on the wire, byte for byte the build", async () => {
    for (const name of distFiles) {
      const response = await get(name === "index.html" ? "/" : `/${name}`, { "Accept-Encoding": "gzip" });
      assert.equal(response.headers["content-encoding"], "gzip", name);
      assert.deepEqual(gunzipSync(response.body), readFileSync(`${repo}dist/${name}`), name);
    }
  });

  test("a missing asset is a 404 that is not cached, not the page", async () => {
    for (const path of ["/missing.wasm"]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers["cache-control"], undefined, path);
    }
  });
});

describe("the page in Chromium", () => {
  test("the original click sequence shows the original server's numbers", async () => {
    const { page, problems, warnings, requests } = await openPage();
    assert.equal(await accuracy(page), shown(serverSteps[0]));
    assert.equal(await page.textContent("#remaining"), "100 samples learned, 142 remaining");
    for (const step of serverSteps.slice(1)) {
      await page.click(step.action === "reset" ? "#reset-btn" : "#train-btn");
      await remaining(page, step.remaining);
      assert.equal(await accuracy(page), shown(step), `${step.action} -> ${step.remaining} remaining`);
      if (step.remaining === 0) {
        assert.equal(await page.isDisabled("#train-btn"), true);
        assert.equal(await page.textContent("#train-btn"), "No more samples remaining");
        await page.screenshot({ path: `${screenshots}/desktop-all-trained.png` });
      } else {
        assert.equal(await page.isDisabled("#train-btn"), false);
        assert.equal(await page.textContent("#train-btn"), "+25 Training");
      }
    }
    assert.deepEqual(problems, [], "no errors and no Content-Security-Policy violations");
    assert.deepEqual(warnings, [], "nor any warning (an integrity digest on the module's preload was one)");
    const elsewhere = requests.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith("data:"));
    assert.deepEqual(elsewhere, [], "nothing is loaded from another origin");
    await page.context().close();
  });

  test("once loaded it learns offline", async () => {
    const { page, problems } = await openPage();
    await page.context().setOffline(true);
    await page.click("#train-btn");
    await remaining(page, 117);
    assert.equal(await accuracy(page), "0.83607");
    await page.click("#reset-btn");
    await remaining(page, 241);
    assert.equal(await accuracy(page), "0.65574");
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("where the module cannot start, each page says what it needs instead of staying blank", async () => {
    // A module the browser cannot compile (as one without WebAssembly's SIMD cannot compile
    // ours), and a glue script that never arrives.
    const notCompiled = (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 255]) });
    const notArrived = (route) => route.abort();
    for (const [path, files, failing] of [
      ["/", "**/app-*_bg.wasm", notCompiled],
      ["/", "**/app-*.js", notArrived],
      ["/streams/", "**/streams-*_bg.wasm", notCompiled],
    ]) {
      const context = await site.browser.newContext({ extraHTTPHeaders: viaHerokuRouter });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error));
      await page.route(files, failing);
      await page.goto(`${base}${path}`);
      const needs = await page.locator("noscript").textContent();
      assert.match(needs, /needs JavaScript and WebAssembly with SIMD \(Chrome or Edge 91, Firefox 89, Safari 16\.4 or later\)\. If yours has them, reload the page\.$/);
      await page.waitForFunction((text) => document.body.innerText.trim() === text, needs, { timeout: 10_000 });
      assert.equal(errors.length, 1, `${path} ${files}: the error is still reported, once`);
      await context.close();
    }
  });

  test("the accuracy counts up, or jumps straight there for reduced motion", async () => {
    for (const [reducedMotion, animated] of [["no-preference", true], ["reduce", false]]) {
      const { page } = await openPage({ reducedMotion });
      const seen = await page.evaluate(async () => {
        const accr = document.querySelector("#accr");
        const values = [];
        const observer = new MutationObserver(() => values.push(accr.textContent));
        observer.observe(accr, { childList: true, characterData: true, subtree: true });
        document.querySelector("#train-btn").click();
        // Until the count-up has ended (however slowly a loaded machine runs it).
        const started = Date.now();
        do {
          await new Promise((resolve) => setTimeout(resolve, 50));
        } while (accr.classList.contains("counting") && Date.now() - started < 10000);
        observer.disconnect();
        return values;
      });
      assert.equal(seen.at(-1), "0.83607", reducedMotion);
      if (animated) {
        assert.ok(seen.length > 10, `a count-up over many frames, saw ${seen.length}`);
        assert.ok(seen.slice(0, -1).every((v) => v > "0.80328" && v < "0.83607"), `values on the way: ${seen}`);
      } else {
        assert.deepEqual(seen, ["0.83607"]);
      }
      await page.context().close();
    }
  });

  test("on a phone the page fits the screen and the buttons are easy to press", async () => {
    const { page } = await openPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    for (const id of ["#train-btn", "#reset-btn"]) {
      const box = await page.locator(id).boundingBox();
      assert.ok(box.height >= 44, `${id} is at least 44px tall`);
    }
    await page.screenshot({ path: `${screenshots}/phone-at-load.png` });
    await page.context().close();
  });

  test("with a phone's largest text neither page scrolls sideways, and every table stays in its card", async () => {
    // Chromium's text size setting (Android's largest is some 24 px for 16): the pages lay
    // out in rem, so at 390 px they have 16 rem, where the matrix's words once stuck out.
    for (const [width, fontSize] of [[390, 24], [320, 20]]) {
      for (const [path, ready, act] of [
        ["/", "#accr", (page) => page.click("#train-btn")],
        ["/streams/?seed=5", "#hospitals-run", (page) => page.click("#hospitals-run").then(() => page.waitForSelector("#hospitals-detections", { timeout: 60000 }))],
      ]) {
        const { page, problems } = await openPage({ viewport: { width, height: 844 } }, path, ready);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Page.enable");
        await cdp.send("Page.setFontSizes", { fontSizes: { standard: fontSize, fixed: Math.round(fontSize * 0.8) } });
        await page.reload();
        await page.waitForSelector(ready);
        await act(page);
        const where = `${path} at ${width} px, text ${fontSize} px`;
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), `${fontSize}px`, where);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${where}: no sideways scrolling (overflow ${overflow}px)`);
        // Tables shown whole (not the curve's, which scrolls in its own box).
        const outside = await page.$$eval("table", (tables) =>
          tables
            .filter((table) => !table.closest(".table-scroll"))
            .filter((table) => table.getBoundingClientRect().right > table.closest(".card").getBoundingClientRect().right)
            .map((table) => table.id));
        assert.deepEqual(outside, [], where);
        if (width === 390 && path === "/") {
          await page.locator("#confusion-matrix").scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${screenshots}/phone-largest-text.png` });
        }
        assert.deepEqual(problems, [], where);
        await page.context().close();
      }
    }
  });

  test("printed, the page shows the curve's whole table and none of its buttons or file pickers", async () => {
    const { page, problems } = await openPage();
    await page.click("#curve-table-toggle");
    await page.waitForSelector("#curve-table");
    await page.emulateMedia({ media: "print" });
    const region = await page.$eval("#curve-table-region", (box) => [box.scrollHeight, box.clientHeight]);
    assert.ok(region[0] <= region[1] + 1, `the table's 100 rows not cut by its scroll box (${region})`);
    for (const selector of ["#train-btn", "#curve-table-toggle", "#data-file", "#import-file", "#snapshot-save", ".setup-form"]) {
      assert.equal(await page.isVisible(selector), false, selector);
    }
    assert.equal(await page.isVisible("#patient-form [name=age]"), true, "the patient's values stay");
    assert.equal(await page.isVisible("#curve-chart"), true);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("the page is in English, with one heading and labelled buttons", async () => {
    const { page } = await openPage();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.getByRole("button", { name: "+25 Training" }).count(), 1);
    assert.equal(await page.getByRole("button", { name: "Reset" }).count(), 1);
    assert.match(await page.textContent("footer"), /Janosi.*CC BY 4\.0/s);
    await page.screenshot({ path: `${screenshots}/desktop-at-load.png` });
    await page.context().close();
  });
});

/// A request as Heroku's router forwards it: status, headers (lower-case names) and the body
/// as sent (not decompressed).
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers: { ...viaHerokuRouter, ...headers } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}
