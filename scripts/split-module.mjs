// trunk post-build hook (Trunk.toml): splits a page's module in two with tools/wasm-splitter,
// so that the page loads only what it runs at load and in its everyday use (the functions
// its profile names: tools/wasm-splitter/workbench-profile.txt for the workbench,
// streams-profile.txt for the streams page) and the rest, the lazy module, when first
// needed.
//
// Steps: the linker's records of the data taken out of the module (kept aside); binaryen's
// wasm-opt -Oz keeping the functions' names (trunk's own wasm-opt is off for both pages: it
// would drop them); the split; the read-only data only the lazy module's functions reach
// moved into it (by those records); wasm-opt again on the primary module, which
// drops the names; the lazy module named by its content's hash; the glue script given the
// loader below; the names between the primary module and the glue shortened (shortenNames);
// the two rewritten files named by their content, the glue's integrity digest in index.html
// brought up to date and the module's preload left without one (updateIntegrity).
//
// The loader: the primary module calls `__wasm_split.load()` when it needs a moved function
// whose slot is still empty. Usually the lazy module is already there: it is fetched and
// compiled in the background as soon as a visitor shows intent to use a part of the page
// that needs it (a pointer moved over or the focus in an element marked `data-lazy`, a file
// dragged over the page; a pointer moved, not one resting while the page's layout slides a
// panel under it, which Chromium also reports as the pointer coming over it). Otherwise
// `load` fetches and compiles it synchronously (a
// synchronous XMLHttpRequest, which the service worker answers from its store once the site
// is installed) so that the call can go on.
//
// With WASM_SPLIT=instrument (make split-profile) the module is instrumented instead: it
// marks each function it enters in `globalThis.__wasmSplitHits`, and the optimised module
// whose indices those are is kept in target/wasm-split/ for `wasm-splitter profile`.
//
// With NAMED_UNSPLIT=1 (a developer's build for profiling: `NAMED_UNSPLIT=1 make dist`) the
// module is left whole, optimised, with its functions' names, so that Chromium's profiler
// names them; it is bigger than the budget and not what the site serves.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const repo = new URL("..", import.meta.url).pathname;
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  fail("TRUNK_STAGING_DIR is not set: run this as trunk's post_build hook");
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
// The page built: the workbench (the binary `app`) or the streams page (`streams`).
const files = readdirSync(staging);
const page = ["app", "streams"].find((bin) => files.some((name) => name.startsWith(`${bin}-`) && name.endsWith("_bg.wasm")));
if (!page) {
  fail(`no app-*_bg.wasm or streams-*_bg.wasm in ${staging}`);
}
const modules = files.filter((name) => new RegExp(`^${page}-[0-9a-f]+_bg\\.wasm$`).test(name));
if (modules.length !== 1) {
  fail(`expected one ${page}-*_bg.wasm, found ${modules.join(", ")}`);
}
const wasmName = modules[0];
// trunk names each file by its own content's hash.
const glues = files.filter((name) => new RegExp(`^${page}-[0-9a-f]+\\.js$`).test(name));
if (glues.length !== 1) {
  fail(`expected one glue script ${page}-*.js, found ${glues.join(", ")}`);
}
const glueName = glues[0];
const wasmPath = join(staging, wasmName);
const gluePath = join(staging, glueName);
const work = join(repo, "target", "wasm-split");
mkdirSync(work, { recursive: true });
const splitter = ["run", "--quiet", "--release", "--manifest-path", join(repo, "Cargo.toml"), "-p", "wasm-splitter", "--"];

// The glue minified here, whatever trunk did: trunk 0.22 minifies it, trunk 0.21 (a fresh
// machine's, which has no nightly toolchain for 0.22) fails to ("RequiredTokenNotFound") and
// leaves it whole. terser (from npm, a build tool only), top-level names kept, as the steps
// below read them (`wasm`, `__wbg_init`, the import object's entries).
let glue = (
  await minify(readFileSync(gluePath, "utf8"), { compress: { passes: 2 }, mangle: true })
).code;
// The import object the glue gives the module: its one entry, under wasm-bindgen's name
// (the loader's place, and the module name shortenNames renames).
const importEntry = new RegExp(`(["'])\\./${page}_bg\\.js\\1\\s*:`, "g");
if ([...glue.matchAll(importEntry)].length !== 1) {
  fail(`${glueName}: expected one import entry "./${page}_bg.js" in the glue`);
}

const features = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
  "--enable-simd",
];
const wasmOpt = join(repo, "node_modules", ".bin", "wasm-opt");
// The module as linked (with --emit-relocs, build.rs) keeps the linker's records of its data,
// which the data's move below reads; optimised without them (binaryen would leave them wrong).
const linked = join(work, `${page}.linked.wasm`);
const stripped = join(work, `${page}.stripped.wasm`);
copyFileSync(wasmPath, linked);
run("cargo", [...splitter, "strip-linking", linked, stripped]);
const optimised = join(work, `${page}.opt.wasm`);
// A function named `out_of_line_...` is kept a function of its own: the path it is on never
// runs on the page (a refusal's message, made where a check runs at load), so the split
// leaves it to the lazy module, where inlined into its one caller (binaryen inlines every
// function called once) it would be the primary module's to load.
run(wasmOpt, ["--no-inline=*::out_of_line_*", "-Oz", "--debuginfo", ...features, stripped, "-o", optimised]);

// The loader reads the primary module's exports from the glue's `wasm`.
if (!/\bwasm\s*=\s*[\w$]+\.exports\b/.test(glue)) {
  fail(`${glueName}: the glue no longer keeps the module's exports in \`wasm\``);
}

if (process.env.NAMED_UNSPLIT) {
  copyFileSync(optimised, wasmPath);
  updateIntegrity([wasmName]);
  process.exit(0);
}
// The compiler that built the module, as the build runs it (the Makefile puts the wasm32
// route's first on PATH): the profile has a section for each.
const compiler = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
if (process.env.WASM_SPLIT === "instrument") {
  writeFileSync(join(work, "compiler.txt"), compiler + "\n");
  run("cargo", [...splitter, "instrument", optimised, wasmPath]);
  glue = glue.replace(importEntry, (entry) => `"__wasm_split":__wasmSplitHit,${entry}`);
  glue += `
const __wasmSplitHits = (globalThis.__wasmSplitHits = new Uint8Array(1 << 16));
const __wasmSplitHit = { hit(index) { __wasmSplitHits[index] = 1; } };
`;
  writeFileSync(gluePath, glue);
  updateIntegrity([wasmName, glueName]);
  console.log(`split-module: ${wasmName} instrumented (profile run); indices of ${optimised}`);
  process.exit(0);
}

const profile = join(repo, "tools", "wasm-splitter", profileName(page));
// A profile measured with another compiler names other functions: the page would then load
// its lazy module in everyday use (the end-to-end test fails). Said, not refused: the site
// still works.
let hasSection = true;
try {
  execFileSync("cargo", [...splitter, "has-section", profile, compiler], { stdio: "ignore" });
} catch {
  hasSection = false;
  console.warn(`split-module: warning: ${profile} has no section for ${compiler}; run make split-profile with it`);
}
// A section measured before the app changed names functions this build no longer has (a
// closure numbered anew, a function moved), and those that took their place go to the lazy
// module: said too, with a few of the names.
const stale = hasSection
  ? execFileSync("cargo", [...splitter, "stale", optimised, profile, compiler], { encoding: "utf8" }).split("\n").filter(Boolean)
  : [];
if (stale.length > 0) {
  const some = stale.slice(0, 3).join("; ") + (stale.length > 3 ? "; ..." : "");
  console.warn(
    `split-module: warning: ${profile}'s section for ${compiler} names ${stale.length} functions this build does ` +
      `not have (${some}): the app changed since it was measured, and what replaced them loads with the lazy ` +
      "module; run make split-profile and commit the profiles",
  );
}
const primary = join(work, `${page}.primary.wasm`);
const lazy = join(work, `${page}.lazy.wasm`);
run("cargo", [...splitter, "split", optimised, profile, primary, lazy]);
// The read-only data only the lazy module's functions reach (their strings, mostly) goes with
// them: zeroes in the primary module, which the optimiser below drops from its segments.
run("cargo", [...splitter, "move-data", linked, primary, lazy]);
// Optimised once more, now that the moved functions' callers and callees are elsewhere (2.5 KB
// gzipped less than the split alone), and without names (wasm-opt writes none unless asked).
// `--low-memory-unused` (about 0.5 KB gzipped less): a constant added to an address is folded
// into the access's offset, which is right unless the sum wraps below 1 KB; Rust's module
// keeps nothing there (its stack's top and its data start at 1 MB; only a stack already
// overflowing would reach that low).
run(wasmOpt, ["-Oz", "--low-memory-unused", ...features, "--strip-producers", "--strip-target-features", primary, "-o", wasmPath]);
const lazyBytes = readFileSync(lazy);
const lazyName = `${page}-${createHash("sha256").update(lazyBytes).digest("hex").slice(0, 16)}_lazy.wasm`;
for (const old of readdirSync(staging).filter((name) => name.endsWith("_lazy.wasm"))) {
  rmSync(join(staging, old));
}
copyFileSync(lazy, join(staging, lazyName));

glue = glue.replace(importEntry, (entry) => `"__wasm_split":__wasmSplit.imports,${entry}`);
// The loader, written small (the glue is minified before this hook runs). `c` fetches and
// compiles the lazy module in the background, unless it is already there (compiled by `l`:
// intent shown after a synchronous load, the focus moved into a `data-lazy` panel by the
// page itself, fetched it again); `l` instantiates it (with the primary
// module's exports, which fills its slots), compiling it first if `c` has not: a synchronous
// request (its text as bytes: a page may not ask for an ArrayBuffer synchronously), which
// the service worker does not see but the browser's cache answers once the worker stored
// it. A visitor with a saved session needs the lazy module to restore it: the page then
// starts once both modules are compiled (the glue's `default` waits for `c`), so that the
// restore never waits on a synchronous request and works offline from the worker's store.
const exportStatement = /export\s*\{\s*initSync\s*,\s*__wbg_init as default\s*\}/;
if (!exportStatement.test(glue)) {
  fail(`${glueName}: the glue no longer exports \`__wbg_init as default\``);
}
glue = glue.replace(exportStatement, "export{initSync,__wasmSplitInit as default}");
// Where the workbench keeps its sessions (the app's STORAGE_PREFIX), read from the app's
// source; the streams page keeps none.
const storagePrefix = readFileSync(join(repo, "src", "components", "app.rs"), "utf8").match(
  /pub const STORAGE_PREFIX: &str = "([^"]+)";/,
)?.[1];
if (!storagePrefix) {
  fail("src/components/app.rs no longer declares STORAGE_PREFIX");
}
const restores = page === "app"
  ? `let s=0;try{s=Object.keys(localStorage).some(k=>k.startsWith(${JSON.stringify(storagePrefix)}))}catch{}`
  : "const s=0;";
glue += `
const __wasmSplit=(()=>{const u=new URL(${JSON.stringify(lazyName)},import.meta.url);let d=0,M,q;\
const i=()=>{M&&wasm&&!d&&(new WebAssembly.Instance(M,{primary:wasm}),d=1)};\
const c=()=>M||(q??=WebAssembly.compileStreaming(fetch(u)).then(m=>{M=m;i()},()=>{q=null}));\
const l=()=>{if(d)return;if(!M){const r=new XMLHttpRequest;r.open("GET",u,!1);r.overrideMimeType("text/plain; charset=x-user-defined");r.send();\
if(r.status!==200)throw Error(\`could not load \${u}: HTTP \${r.status}\`);const t=r.responseText,b=new Uint8Array(t.length);\
for(let k=0;k<t.length;k++)b[k]=t.charCodeAt(k);M=new WebAssembly.Module(b)}i()};\
const n=e=>e.target instanceof Element&&e.target.closest("[data-lazy]")&&c(),o={passive:!0};\
document.addEventListener("pointermove",n,o);document.addEventListener("focusin",n,o);document.addEventListener("dragenter",c,o);\
${restores}\
return{imports:{load:l},ready:s?c():null}})();
async function __wasmSplitInit(o){await __wasmSplit.ready;return __wbg_init(o)}
`;
const lazyImports = new Set(WebAssembly.Module.imports(new WebAssembly.Module(lazyBytes)).map((i) => i.name));
writeFileSync(gluePath, shortenNames(glue, lazyImports));
finish([`${lazyName} (lazy)`]);

/// trunk named the module and the glue by what wasm-bindgen wrote; they hold something else
/// now, and the site caches hashed names for good: named again by their content.
function finish(others) {
  const moduleName = renameByContent(wasmName, "_bg.wasm");
  const newGlueName = renameByContent(glueName, ".js");
  updateIntegrity([moduleName, newGlueName]);
  console.log(`split-module: ${[`${moduleName} (primary)`, ...others].join(" and ")}`);
}

// The names at the module's boundary with the glue, shortened (the workbench's primary
// module and glue: 5.7 KB gzipped less; the streams page's, before its split: 4.1 KB): wasm-bindgen names each import after its item and a hash
// (`__wbg_setAttribute_f75317b2b5cabfb4`), under the module "./app_bg.js", and each
// closure's export after its whole type, hundreds of characters. The imports get one- or
// two-letter names under the module "w", the exports the glue reads (`wasm.NAME`) too; the
// glue is rewritten to match, every name checked to be found where it is expected.
function shortenNames(glue, lazyImports) {
  const shortened = join(work, `${page}.short.wasm`);
  const mapPath = join(work, `${page}-short-names.txt`);
  const exports = [...new Set([...glue.matchAll(/\bwasm\.([A-Za-z_]\w*)/g)].map((m) => m[1]))].filter((name) => !lazyImports.has(name));
  run("cargo", [...splitter, "shorten", wasmPath, `./${page}_bg.js`, "w", exports.join(","), shortened, mapPath]);
  copyFileSync(shortened, wasmPath);
  for (const line of readFileSync(mapPath, "utf8").split("\n").filter(Boolean)) {
    const [kind, old, name] = line.split(" ");
    const pattern = kind === "import" ? new RegExp(`([{,])${old}:`, "g") : new RegExp(`\\bwasm\\.${old}(?![\\w$])`, "g");
    const found = glue.match(pattern)?.length ?? 0;
    if (kind === "import" ? found !== 1 : found === 0) {
      fail(`${glueName}: the ${kind} ${old} is ${found === 0 ? "not" : `${found} times`} where the glue ${kind}s it`);
    }
    glue = glue.replace(pattern, kind === "import" ? `$1${name}:` : `wasm.${name}`);
  }
  return glue.replace(importEntry, "w:");
}

/// The profile of the page built by the binary `bin`.
function profileName(bin) {
  return `${bin === "app" ? "workbench" : "streams"}-profile.txt`;
}

function renameByContent(name, suffix) {
  const bytes = readFileSync(join(staging, name));
  const renamed = `${page}-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}${suffix}`;
  rmSync(join(staging, name));
  writeFileSync(join(staging, renamed), bytes);
  const indexPath = join(staging, "index.html");
  const html = readFileSync(indexPath, "utf8");
  if (!html.includes(name)) {
    fail(`index.html does not name ${name}`);
  }
  writeFileSync(indexPath, html.replaceAll(name, renamed));
  return renamed;
}

/// The integrity digests of the `<link>`s to `names` made those of the rewritten files; the
/// module's (a preload `as=fetch`) taken out: browsers ignore an integrity digest on such a
/// preload (Chromium says so in the console at every load, crbug.com/981419), and the glue
/// script fetches the module without one.
function updateIntegrity(names) {
  const indexPath = join(staging, "index.html");
  let html = readFileSync(indexPath, "utf8");
  const integrity = /\s+integrity="?sha384-[^"\s>]+"?/;
  for (const name of names) {
    const tag = new RegExp(`<link[^>]*href="?${escape(publicUrl + name)}"?[^>]*>`, "g");
    const tags = [...html.matchAll(tag)];
    if (tags.length !== 1 || !integrity.test(tags[0][0])) {
      fail(`index.html: expected one <link> to ${name} with an integrity digest`);
    }
    const digest = () => `sha384-${createHash("sha384").update(readFileSync(join(staging, name))).digest("base64")}`;
    const updated = tags[0][0].replace(integrity, name.endsWith(".wasm") ? "" : ` integrity="${digest()}"`);
    html = html.replace(tags[0][0], updated);
  }
  writeFileSync(indexPath, html);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function run(command, args) {
  try {
    execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    fail(`${command} ${args.join(" ")} failed`);
  }
}

function fail(message) {
  console.error(`split-module: ${message}`);
  process.exit(1);
}
