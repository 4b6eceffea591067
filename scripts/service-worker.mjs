// Writes DIST/sw.js: service-worker.js with the workbench's files and the build's version,
// so that the site opens offline once visited. Run by `make dist` after both pages are in
// DIST.
//
//   node scripts/service-worker.mjs dist
//
// The files stored at install are the workbench's, the page by its address ("/": the
// service worker answers every address of the page with it); the streams page's are stored
// when first used, and with them what it fetches later (`later`: its lazy module, the raw
// files). The version is a hash of every file of the build, so that a new build is a new
// cache.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { minify } from "terser";

const dist = process.argv[2];
if (!dist) {
  fail("usage: node scripts/service-worker.mjs DIST");
}
const template = readFileSync(new URL("../service-worker.js", import.meta.url), "utf8");
// The line that `make dist` fills in.
const buildLine = /^const BUILD = .*$/m;
if (!buildLine.test(template)) {
  fail("service-worker.js no longer has its line `const BUILD = ...`");
}

// Every file a deploy carries (trunk's dot-files are left out, as scripts/heroku.sh does).
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && entry.name !== "sw.js")
  .map((entry) => relative(dist, join(entry.parentPath, entry.name)).split(sep).join("/"))
  .sort();
for (const page of ["index.html", "streams/index.html"]) {
  if (!files.includes(page)) {
    fail(`${dist}/${page} is missing: build both pages first (make dist)`);
  }
}
const hash = createHash("sha256");
for (const file of files) {
  hash.update(file).update("\0").update(readFileSync(join(dist, file))).update("\0");
}
const version = hash.digest("hex").slice(0, 16);
const urls = files.filter((file) => !file.includes("/")).map((file) => "/" + file.replace(/^index\.html$/, ""));

// What the streams page fetches only when a visitor uses a part that needs it, which
// offline it could not: its lazy module (none in a build left whole: instrumented for make
// split-profile, or NAMED_UNSPLIT) and the four hospitals' raw files.
const lazy = files.filter((file) => /^streams\/[^/]+_lazy\.wasm$/.test(file));
if (lazy.length > 1) {
  fail(`expected one lazy module in ${dist}/streams/, found ${lazy.join(" ")}`);
}
const raw = files.filter((file) => /^streams\/uci\/processed\.[a-z]+\.data$/.test(file));
if (raw.length !== 4) {
  fail(`expected the four hospitals' raw files in ${dist}/streams/uci/, found ${raw.join(" ") || "none"}`);
}
const later = [...lazy, ...raw].map((file) => "/" + file);
const build = `const BUILD = ${JSON.stringify({ version, files: urls, later })};`;
// The rest minified (terser, from npm, a build tool only): the browser fetches the script
// after the page has loaded, and the README's budget counts it; the repository keeps the
// readable one. The build's line stays first and as written, for the tests to read.
const { code } = await minify(template.replace(buildLine, ""), {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(join(dist, "sw.js"), `${build}\n${code}\n`);
console.log(`service-worker: ${dist}/sw.js, version ${version}, stores ${urls.join(" ")}; with the streams page ${later.join(" ")}`);

function fail(message) {
  console.error(`service-worker: ${message}`);
  process.exit(1);
}
