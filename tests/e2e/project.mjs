// What both end-to-end test files read from the repository.
import { readdirSync, readFileSync } from "node:fs";

export const repo = new URL("../..", import.meta.url).pathname;
export const staticJson = JSON.parse(readFileSync(`${repo}static.json`, "utf8"));
/// The built site's files, without trunk's dot-files (which a deploy leaves out).
// The files at dist/'s top ...
export const distFiles = readdirSync(`${repo}dist`, { withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
  .map((entry) => entry.name);
// ... and in its folders (streams/: the streams page, with the raw UCI files it fetches on
// demand in streams/uci/).
export const distFolderFiles = readdirSync(`${repo}dist`, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.parentPath !== `${repo}dist` && !entry.name.startsWith("."))
  .map((entry) => `${entry.parentPath.slice(`${repo}dist/`.length)}/${entry.name}`);
