// The Heroku side without Heroku: what a deploy pushes, and what the dyno's start does with
// static.json (config/nginx.conf.erb, run by erb as the nginx buildpack runs it).
//
//   node --test tests/e2e/     (make e2e builds dist/ first)
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distFiles, distFolderFiles, repo, staticJson } from "./project.mjs";

const scratch = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/// A fresh folder under the system's temporary one, removed after the tests.
function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error) throw result.error;
  return result;
}

/// A dyno's /app with the given static.json: erb's output and exit status.
function startWith(site, env = { PORT: "5000" }) {
  const app = scratchDir("dyno-");
  mkdirSync(join(app, "config"));
  copyFileSync(`${repo}config/nginx.conf.erb`, join(app, "config/nginx.conf.erb"));
  copyFileSync("/etc/nginx/mime.types", join(app, "config/mime.types"));
  writeFileSync(join(app, "static.json"), JSON.stringify(site));
  const erb = run("erb", ["config/nginx.conf.erb"], { cwd: app, env: { PATH: process.env.PATH, ...env } });
  return { app, ...erb };
}

test("a deploy pushes the built site and the serving configuration, nothing else", () => {
  const remote = scratchDir("heroku-remote-");
  run("git", ["init", "--quiet", "--bare", remote]);
  const deploy = run(`${repo}scripts/heroku.sh`, ["deploy", "test-app"], {
    env: { ...process.env, HEROKU_GIT_URL: remote },
  });
  assert.equal(deploy.status, 0, deploy.stderr);
  const pushed = run("git", ["--git-dir", remote, "ls-tree", "-r", "--name-only", "main"]).stdout.trim().split("\n");
  const expected = ["Procfile", "config/nginx.conf.erb", "static.json", ...[...distFiles, ...distFolderFiles].map((f) => `dist/${f}`)];
  assert.deepEqual(pushed.sort(), expected.sort());
  const procfile = run("git", ["--git-dir", remote, "show", "main:Procfile"]).stdout;
  assert.equal(procfile, "web: bin/start-nginx-static\n");
  const message = run("git", ["--git-dir", remote, "log", "-1", "--format=%s", "main"]).stdout;
  assert.match(message, /^Site built from [0-9a-f]{7,}/);
});

test("the committed static.json makes a configuration nginx accepts", () => {
  const { app, status, stdout, stderr } = startWith(staticJson);
  assert.equal(status, 0, stderr);
  writeFileSync(join(app, "config/nginx.conf"), stdout);
  // stdout to /dev/null: the access log is /dev/stdout, which nginx cannot open on a socket.
  const check = run("/usr/sbin/nginx", ["-t", "-p", app, "-c", "config/nginx.conf"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  assert.equal(check.status, 0, check.stderr);
  assert.match(stdout, /listen 5000;/);
  assert.match(stdout, new RegExp(`root ${app}/dist;`));
  assert.match(stdout, /location = \/streams \{\s*return 301 \/streams\/\$is_args\$args;\s*\}/);
});

test("a mistake in static.json stops the start with a message that names it", () => {
  const headers = staticJson.headers;
  const cases = [
    [{ ...staticJson, clean_urls: true }, /unknown keys \["clean_urls"\]/],
    [{ ...staticJson, root: "../elsewhere" }, /root must be a folder name/],
    [{ ...staticJson, headers: { ...headers, "/x y": { A: "b" } } }, /"\/x y" is not a path pattern/],
    [{ ...staticJson, headers: { ...headers, "/**": { "X-Leak": "$http_cookie" } } }, /header X-Leak of "\/\*\*" must be a string without quotes/],
    [{ ...staticJson, headers: { ...headers, "/*.js": { "Bad Name": "x" } } }, /"Bad Name" is not a header name/],
    [{ ...staticJson, headers: { "/**": { "Content-Type": "text/plain" } } }, /Content-Type cannot apply to every path/],
    [{ ...staticJson, routes: { "/**": "../../etc/passwd" } }, /route target "..\/..\/etc\/passwd" is not a file name inside root/],
    [{ ...staticJson, redirects: { "/a": { url: "//elsewhere.example/" } } }, /redirect of "\/a" to "\/\/elsewhere.example\/": not a path of the site/],
    [{ ...staticJson, redirects: { "/a": { url: "https://elsewhere.example/" } } }, /not a path of the site/],
    [{ ...staticJson, redirects: { "/a/**": { url: "/b" } } }, /redirect "\/a\/\*\*" is not a path of the site/],
    [{ ...staticJson, redirects: { "/a": "/b" } }, /redirect of "\/a" must be \{ "url": path, "status": code \}/],
    [{ ...staticJson, redirects: { "/a": { url: "/b", status: 200 } } }, /status 200 is not 301, 302, 307 or 308/],
  ];
  for (const [site, message] of cases) {
    const { status, stderr } = startWith(site);
    assert.notEqual(status, 0, `refused: ${message}`);
    assert.match(stderr, message);
  }
  const { status, stderr } = startWith(staticJson, {});
  assert.notEqual(status, 0);
  assert.match(stderr, /PORT is not set/);
});
