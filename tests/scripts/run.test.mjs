// scripts/run.mjs's server for the streams page under `make run` (behind trunk's proxy at
// /streams/): the page at its address and with a query, its files with the types a browser
// needs (a module's wasm is compiled while it streams only as application/wasm), and nothing
// outside its folder; and the two trunks of `make run`: the streams page rebuilt where this
// server reads it, for its addresses, and `make dist`'s dist/ left alone.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { folderServer, trunkCommands } from "../../scripts/run.mjs";

let scratch;
let server;
let base;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "run-server-"));
  const site = join(scratch, "site");
  mkdirSync(join(site, "uci"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><title>streams</title>");
  writeFileSync(join(site, "streams-0123_bg.wasm"), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(site, "streams-0123.js"), "export default 1;");
  writeFileSync(join(site, "uci", "processed.va.data"), "63,1,4,140,260,0,1,112,1,3,2,?,?,2\n");
  writeFileSync(join(scratch, "secret.txt"), "not for the browser");
  server = folderServer(site, "/streams/");
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.close();
  rmSync(scratch, { recursive: true });
});

async function get(path, init) {
  const response = await fetch(base + path, { redirect: "manual", ...init });
  return { status: response.status, type: response.headers.get("content-type"), location: response.headers.get("location"), body: await response.text() };
}

test("the page at its address, with the workbench's query, and without the last slash", async () => {
  for (const path of ["/streams/", "/streams/?seed=5", "/streams/index.html"]) {
    const page = await get(path);
    assert.equal(page.status, 200, path);
    assert.equal(page.type, "text/html; charset=utf-8", path);
    assert.match(page.body, /<title>streams<\/title>/, path);
  }
  const bare = await get("/streams?seed=5");
  assert.equal(bare.status, 301);
  assert.equal(bare.location, "/streams/");
});

test("the page's files with the types a browser needs", async () => {
  const wasm = await fetch(`${base}/streams/streams-0123_bg.wasm`);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer())], [0, 97, 115, 109, 1, 0, 0, 0]);
  assert.equal((await get("/streams/streams-0123.js")).type, "text/javascript; charset=utf-8");
  const data = await get("/streams/uci/processed.va.data");
  assert.equal(data.status, 200);
  assert.equal(data.body, "63,1,4,140,260,0,1,112,1,3,2,?,?,2\n");
  const head = await fetch(`${base}/streams/streams-0123.js`, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

test("nothing outside the folder or the address, and no other method", async () => {
  for (const path of ["/streams/../secret.txt", "/streams/%2e%2e/secret.txt", "/streams/..%2fsecret.txt", "/secret.txt", "/", "/streams/missing.js"]) {
    const answer = await get(path);
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /not for the browser/, path);
  }
  assert.equal((await get("/streams/%E0%A4%A")).status, 400);
  assert.equal((await get("/streams/", { method: "POST", body: "x" })).status, 405);
});

test("make run's trunks: the streams page watched into the folder served at /streams/, dist/ left alone", () => {
  const { serve, watch } = trunkCommands("/repo", "/repo/target/streams-dist", ["--port", "9000"]);
  assert.equal(serve[0], "serve");
  assert.equal(serve[serve.indexOf("--dist") + 1], "/repo/target/serve-dist");
  assert.deepEqual(serve.slice(-2), ["--port", "9000"]);
  assert.equal(watch[0], "watch");
  assert.equal(watch.at(-1), "streams.html");
  assert.equal(watch[watch.indexOf("--dist") + 1], "/repo/target/streams-dist");
  assert.equal(watch[watch.indexOf("--public-url") + 1], "/streams/");
  assert.ok(watch.includes("--release") && serve.includes("--release"));
});
