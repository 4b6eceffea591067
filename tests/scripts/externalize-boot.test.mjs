// scripts/externalize-boot.mjs, trunk's post-build hook, run as trunk runs it on a staging
// folder: the page's inline boot script moves to its own file, and under `make run` (trunk
// serve --release, whose minifier folds its live-reload client's placeholders into the
// socket's address) the client still reaches trunk's server.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repo } from "../e2e/project.mjs";

// trunk's boot script as it writes it into a built page.
const boot = "import init from\"/app.js\";const wasm=await init({module_or_path:`/app_bg.wasm`});dispatchEvent(new CustomEvent(`TrunkApplicationStarted`,{detail:{wasm}}));";
// The same, importing the glue inside a `try` whose `catch` shows the page's <noscript>.
const started =
  "try{const{default:init}=await import(\"/app.js\");const wasm=await init({module_or_path:`/app_bg.wasm`});dispatchEvent(new CustomEvent(`TrunkApplicationStarted`,{detail:{wasm}}));}" +
  "catch(e){if(e.name!=\"RuntimeError\"){const p=document.createElement(\"p\");p.className=\"page\";" +
  "p.textContent=document.querySelector(\"noscript\").textContent;document.body.append(p)}throw e}\n";
// trunk's live-reload client as `trunk serve --release` writes it (its first lines; the rest
// draws an overlay), the socket's address folded into one template literal.
const devClient =
  "<script>(function(){let address=`{{__TRUNK_ADDRESS__}}`,base=`{{__TRUNK_WS_BASE__}}`,protocol=``;" +
  "protocol||=window.location.protocol===`https:`?`wss`:`ws`;" +
  "let url=protocol+`://{{__TRUNK_ADDRESS__}}{{__TRUNK_WS_BASE__}}.well-known/trunk/ws`;window.__url=url})()</script>";

/// The page's index.html after the hook, and the files of the staging folder.
function afterHook(html) {
  const staging = mkdtempSync(join(tmpdir(), "externalize-boot-"));
  try {
    writeFileSync(join(staging, "index.html"), html);
    execFileSync("node", [`${repo}scripts/externalize-boot.mjs`], {
      env: { ...process.env, TRUNK_STAGING_DIR: staging, TRUNK_PUBLIC_URL: "/" },
      stdio: "pipe",
    });
    const files = Object.fromEntries(readdirSync(staging).map((name) => [name, readFileSync(join(staging, name), "utf8")]));
    return { html: files["index.html"], files };
  } finally {
    rmSync(staging, { recursive: true });
  }
}

test("the inline boot script becomes a file named by its content, loaded with its digest", () => {
  const { html, files } = afterHook(`<!doctype html><html><body><script type=module>${boot}</script></body></html>`);
  const [name] = Object.keys(files).filter((file) => file.startsWith("boot-"));
  assert.equal(files[name], started);
  assert.equal(name, `boot-${createHash("sha256").update(started).digest("hex").slice(0, 16)}.js`);
  const integrity = `sha384-${createHash("sha384").update(started).digest("base64")}`;
  assert.ok(html.includes(`<script type="module" src="/${name}" integrity="${integrity}"></script>`), html);
  assert.ok(!html.includes(boot), "no inline script left");
});

test("under make run the live-reload client connects to trunk's server", () => {
  const { html } = afterHook(`<!doctype html><html><body><script type=module>${boot}</script>${devClient}</body></html>`);
  const client = html.match(/<script>([\s\S]*?)<\/script>/)[1];
  // What trunk's server does to every page it serves: the placeholders that stand alone.
  const served = client.replaceAll("`{{__TRUNK_ADDRESS__}}`", "`127.0.0.1:8080`").replaceAll("`{{__TRUNK_WS_BASE__}}`", "`/`");
  const window = { location: { protocol: "http:" } };
  new Function("window", served)(window);
  assert.equal(window.__url, "ws://127.0.0.1:8080/.well-known/trunk/ws");
});

test("a page whose build refuses what the Content-Security-Policy blocks stops the build", () => {
  assert.throws(() => afterHook(`<html><body><script type=module>${boot}</script><div style="color:red"></div></body></html>`), /a style attribute/);
});

test("the boot script shows the page's <noscript> where the module cannot start, and leaves a panic to its hook", async () => {
  const { files } = afterHook(`<!doctype html><html><body><script type=module>${boot}</script></body></html>`);
  const [name] = Object.keys(files).filter((file) => file.startsWith("boot-"));
  // The script's body run with a stand-in page and `import`: the glue's `init` failing as the
  // browser would fail it.
  const body = files[name].replace('await import("/app.js")', "await importGlue()");
  const run = new Function("document", "importGlue", "dispatchEvent", "CustomEvent", `return (async () => { ${body} })();`);
  for (const [error, shown] of [
    [Object.assign(new Error("invalid opcode"), { name: "CompileError" }), ["page: This page needs WebAssembly with SIMD."]],
    [new TypeError("Failed to fetch dynamically imported module"), ["page: This page needs WebAssembly with SIMD."]],
    [Object.assign(new Error("unreachable"), { name: "RuntimeError" }), []],
  ]) {
    const appended = [];
    const document = {
      body: { append: (element) => appended.push(`${element.className}: ${element.textContent}`) },
      createElement: () => ({}),
      querySelector: () => ({ textContent: "This page needs WebAssembly with SIMD." }),
    };
    const importGlue = async () => ({ default: async () => { throw error; } });
    await assert.rejects(run(document, importGlue, () => {}, class {}), error, "the error is still thrown");
    assert.deepEqual(appended, shown, error.name);
  }
});

test("a boot script of another shape stops the build", () => {
  assert.throws(() => afterHook(`<html><body><script type=module>import { start } from "/app.js";start();</script></body></html>`), /expected trunk's boot script/);
});
