// make run: the workbench from trunk's server at http://127.0.0.1:8080, rebuilt and reloaded
// on a change, with the streams page beside it at /streams/. Trunk builds and serves one page
// per run, and answers any other address with the workbench's index.html: without this, the
// workbench's link to the streams page would open the workbench again. So a second trunk,
// `trunk watch`, builds the streams page into target/streams-dist (as `make dist` builds it,
// under /streams/) and again on each change, and it is served from there, on a port of its
// own, behind trunk's proxy for /streams/. The two builds share cargo's target folder (cargo
// runs one at a time); the streams page is not reloaded by itself: reload it after a change.
//
// Usage (the Makefile's `run`, with the wasm32 toolchain on PATH): node scripts/run.mjs
// [TRUNK_ARGS...], the arguments passed on to `trunk serve`.
import { spawn } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".data": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/// An HTTP server (not yet listening) that answers GET and HEAD for the files under `root` at
/// the addresses under `mount` (`/streams/`): a folder's address gives its index.html, the
/// query is ignored, and anything else (another address, a path leaving `root`, a missing
/// file, another method) gets a plain error.
export function folderServer(root, mount) {
  return createServer((request, response) => {
    const refuse = (status, text) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      response.end(`${text}\n`);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      return refuse(405, "only GET and HEAD");
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    } catch {
      return refuse(400, "malformed address");
    }
    if (path === mount.slice(0, -1)) {
      response.writeHead(301, { location: mount });
      return response.end();
    }
    if (!path.startsWith(mount)) {
      return refuse(404, `not under ${mount}`);
    }
    const file = normalize(join(root, path.slice(mount.length)));
    if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) {
      return refuse(404, "not found");
    }
    let found;
    try {
      found = statSync(file).isDirectory() ? join(file, "index.html") : file;
      statSync(found);
    } catch {
      return refuse(404, "not found");
    }
    response.writeHead(200, {
      "content-type": types[extname(found)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    if (request.method === "HEAD") {
      return response.end();
    }
    createReadStream(found).pipe(response);
  });
}

/// The two trunk commands of `make run` (arguments to `trunk`): the workbench served, building
/// into target/serve-dist (`make dist`'s dist/ stays as it was), with `args` passed on; the
/// streams page watched, building into `streamsDist` for the addresses under /streams/.
export function trunkCommands(repo, streamsDist, args) {
  return {
    serve: ["serve", "--release", "--dist", join(repo, "target", "serve-dist"), ...args],
    watch: ["watch", "--release", "--dist", streamsDist, "--public-url", "/streams/", "streams.html"],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const repo = new URL("..", import.meta.url).pathname;
  const streamsDist = join(repo, "target", "streams-dist");
  const streams = folderServer(streamsDist, "/streams/");
  streams.listen(0, "127.0.0.1", () => {
    const backend = `http://127.0.0.1:${streams.address().port}/streams/`;
    const commands = trunkCommands(repo, streamsDist, process.argv.slice(2));
    const env = { ...process.env, TRUNK_SERVE_PROXY_BACKEND: backend };
    const trunks = [commands.serve, commands.watch].map((args) => spawn("trunk", args, { cwd: repo, stdio: "inherit", env }));
    const stop = (signal) => trunks.forEach((trunk) => trunk.exitCode === null && trunk.kill(signal));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // Either trunk ending (an error, or the interrupt) ends both and the server.
    let exited = 0;
    let status = 0;
    for (const trunk of trunks) {
      trunk.on("exit", (code, signal) => {
        status ||= code ?? (signal ? 1 : 0);
        stop("SIGTERM");
        if (++exited === trunks.length) {
          streams.close();
          process.exit(status);
        }
      });
    }
  });
}
