// trunk post-build hook (Trunk.toml): moves the inline module script trunk writes into
// index.html to its own content-hashed file, so the site's Content-Security-Policy can
// forbid inline scripts (static.json: script-src 'self' 'wasm-unsafe-eval').
//
// index.html then loads /boot-<hash>.js with a sha384 integrity digest, like trunk's other
// assets. Anything unexpected (no inline script, several, an inline style) stops the build:
// a page that the policy would break must never reach dist/.
//
// The boot script imports the glue itself, inside a `try`: where the module cannot start (a
// browser without WebAssembly's SIMD, as Safari before 16.4; a file that did not arrive), the
// page shows its <noscript> sentence, which says what it needs, instead of staying blank. A
// trap of the running module (a panic) is not that: the panic hook has said it already.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  fail("TRUNK_STAGING_DIR is not set: run this as trunk's post_build hook");
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const indexPath = join(staging, "index.html");
const html = readFileSync(indexPath, "utf8");

// `type="module"`, or `type=module` where trunk minified the page.
const inlineScript = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inlineScript)];
if (found.length !== 1) {
  fail(`expected trunk's one inline module script in index.html, found ${found.length}`);
}
const [tag, code] = found[0];
const bytes = Buffer.from(startOrSay(code.trim()) + "\n", "utf8");
const name = `boot-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.js`;
const integrity = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
writeFileSync(join(staging, name), bytes);

const external = `<script type="module" src="${publicUrl}${name}" integrity="${integrity}"></script>`;
const rewritten = html.replace(tag, external);
// `trunk serve` (make run) adds its live-reload client as an inline script; `trunk build`
// never does, so the check below skips it and only it.
const devServerClient = /<script>(?:(?!<\/script>)[\s\S])*\.well-known\/trunk\/ws[\s\S]*?<\/script>/g;
const checked = rewritten.replace(devServerClient, "");
for (const [pattern, what] of [
  [/<script(?![^>]*\bsrc=)[^>]*>/i, "an inline <script>"],
  [/<style[\s>]/i, "an inline <style>"],
  [/\son[a-z]+\s*=/i, "an inline event handler"],
  [/\sstyle\s*=/i, "a style attribute"],
]) {
  if (pattern.test(checked)) {
    fail(`index.html still has ${what}, which the Content-Security-Policy blocks`);
  }
}
// trunk's server fills its client's placeholders only where one is a whole literal
// (`{{__TRUNK_ADDRESS__}}` in quotes); `trunk serve --release` minifies the client, which
// folds them into the socket's address too (`://{{__TRUNK_ADDRESS__}}{{__TRUNK_WS_BASE__}}...`),
// left unfilled: the page would never reload on a change. There they become the client's
// variables again.
const served = rewritten.replace(devServerClient, (client) => {
  const variables = { ADDRESS: /\baddress=`\{\{__TRUNK_ADDRESS__\}\}`/, WS_BASE: /\bbase=`\{\{__TRUNK_WS_BASE__\}\}`/ };
  if (!variables.ADDRESS.test(client) || !variables.WS_BASE.test(client)) {
    return client;
  }
  return client.replace(/\{\{__TRUNK_(ADDRESS|WS_BASE)__\}\}/g, (placeholder, which, at) =>
    client[at - 1] === "`" && client[at + placeholder.length] === "`" ? placeholder : which === "ADDRESS" ? "${address}" : "${base}",
  );
});
writeFileSync(indexPath, served);
console.log(`externalize-boot: inline boot script -> ${name}`);

/// trunk's boot script (`import init from "/app-….js"; const wasm = await init(...); ...`)
/// with the glue imported inside a `try` whose `catch` shows the page's <noscript> sentence
/// (in a paragraph laid out as the page is).
function startOrSay(code) {
  const staticImport = /^import\s+init\s+from\s*(["'`])([^"'`]+)\1\s*;?/;
  const found = code.match(staticImport);
  if (!found) {
    fail(`expected trunk's boot script to begin with \`import init from "…"\`, found: ${code.slice(0, 80)}`);
  }
  const rest = code.slice(found[0].length).trim();
  return (
    `try{const{default:init}=await import("${found[2]}");${rest}}` +
    `catch(e){if(e.name!="RuntimeError"){const p=document.createElement("p");p.className="page";` +
    `p.textContent=document.querySelector("noscript").textContent;document.body.append(p)}throw e}`
  );
}

function fail(message) {
  console.error(`externalize-boot: ${message}`);
  process.exit(1);
}
