// What both end-to-end test files read from the repository.
import { readdirSync, readFileSync } from "node:fs";

export const repo = new URL("../..", import.meta.url).pathname;
export const staticJson = JSON.parse(readFileSync(`${repo}static.json`, "utf8"));
/// The built site's files, without trunk's dot-files (which a deploy leaves out).
export const distFiles = readdirSync(`${repo}dist`).filter((name) => !name.startsWith("."));
