/**
 * Vitest's global setup for the browser project: one Chromium for the whole run, which every test file
 * connects to (harness.ts, launchBrowser) instead of starting its own, as each did before: a browser start
 * costs a second or more of both cores. Each test still gets its own browser context (cookies, storage).
 *
 * Also axe-core's script over loopback HTTP for the run (harness.ts, axeViolations): a page that loads it by
 * URL takes it from the context's cache and its compiled code after the first time, where the file's text
 * sent through Playwright (`addScriptTag({ path })`, half a megabyte) was parsed and compiled again on every
 * page, as much as the page's own load.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint, for `chromium.connect`. */
    chromiumEndpoint: string;
    /** axe-core's script, served for the run. */
    axeUrl: string;
  }
}

export const AXE_SCRIPT = new URL("../../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide("chromiumEndpoint", server.wsEndpoint());
  const axe = readFileSync(AXE_SCRIPT);
  const scripts = createServer((_request, response) => {
    response.writeHead(200, {
      "content-type": "text/javascript",
      "cache-control": "max-age=86400, immutable",
    });
    response.end(axe);
  });
  await new Promise<void>((listening) => scripts.listen(0, "127.0.0.1", listening));
  project.provide("axeUrl", `http://127.0.0.1:${(scripts.address() as AddressInfo).port}/axe.min.js`);
  return async () => {
    await new Promise((closed) => scripts.close(closed));
    await server.close();
  };
}
