/**
 * Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser). The server is
 * the real app over the bundled examples on a free loopback port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { exampleApp, pathsApp } from "../support/app.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";

const root = new URL("../../", import.meta.url).pathname;
export const SCREENSHOTS = join(root, "test-results/screenshots");

export { CHROMIUM } from "./chromium.js";

/** `rungs build` of `paths` into a new temporary folder, as the CLI runs it; its status and what it printed. */
export async function buildStaticSite(
  paths: string[],
): Promise<{ out: string; status: number; log: string }> {
  // imported here, not at the top: most browser tests never build a site and need not load the CLI
  const { runCli } = await import("../../src/cli/program.js");
  const out = mkdtempSync(join(tmpdir(), "rungs-static-"));
  let log = "";
  const sink = {
    write: (s: string) => {
      log += s;
      return true;
    },
  };
  const status = await runCli(["build", ...paths, "--out", out], {
    stdout: sink as never,
    stderr: sink as never,
    env: {},
    cwd: process.cwd(),
  });
  return { out, status, log };
}

export async function startServer(
  /** Framework paths to serve instead of the bundled examples (the app then has no database). */
  paths?: string[],
): Promise<{ url: string; close: () => Promise<void> }> {
  const { app } = paths ? await pathsApp(paths) : await exampleApp();
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * The built `rungs serve` in `cwd` with `env` (the operator's way: settings from the environment, the
 * database under `cwd` unless DATABASE_URL says otherwise) over `paths`, on a free port; resolves once it is
 * listening.
 */
export async function serveRungs(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Framework paths to serve (default: the bundled examples). */
  paths?: string[];
}): Promise<{ origin: string; output: () => string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "dist/cli/main.js"), "serve", ...(options.paths ?? []), "--port", "0"],
    {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rungs serve did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const open = /rungs: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (open) {
        clearTimeout(timer);
        resolve(open[1] ?? "");
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`rungs serve exited with ${code}:\n${output}`)));
  });
  return { origin, output: () => output, stop };
}

/** A server and a browser for the tests of one file, started before them and closed after. */
export function liveApp(paths?: string[]): { readonly url: string; readonly browser: Browser } {
  const state = {} as { url: string; browser: Browser; close?: () => Promise<void> };
  beforeAll(async () => {
    const server = await startServer(paths);
    state.url = server.url;
    state.close = server.close;
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.close?.();
  });
  return state;
}

/**
 * A browser for one test file: a connection to the run's shared Chromium (started by browser.ts, Vitest's
 * global setup for the browser project); outside that (scripts/readme-screenshots.ts) a Chromium of its own.
 * Closing it closes only this connection and its contexts.
 */
export function launchBrowser(): Promise<Browser> {
  const endpoint = sharedEndpoint();
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function sharedEndpoint(): string | undefined {
  try {
    return inject("chromiumEndpoint");
  } catch {
    // not inside a Vitest worker
    return undefined;
  }
}

export interface Watched {
  page: Page;
  /** Console errors, page errors and failed or non-2xx/3xx requests seen so far. */
  problems: string[];
}

/** A new page that records everything a user would count as broken. */
export async function watchedPage(
  browser: Browser,
  options: {
    width?: number;
    height?: number;
    colorScheme?: "light" | "dark";
    /** Apply the page's Content-Security-Policy (then axe-core cannot be injected); default false. */
    enforceCsp?: boolean;
  } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
    // lets axe-core be injected; the app's own scripts are still only its external files
    bypassCSP: !options.enforceCsp,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    const error = r.failure()?.errorText ?? "";
    // Chromium fetches the favicon in the background and cancels it when the page moves on: not a failure
    // of the page (any other aborted request still counts, and a favicon answering an error status too)
    if (error === "net::ERR_ABORTED" && /\/(assets\/)?favicon\.(svg|ico)$/.test(new URL(r.url()).pathname))
      return;
    problems.push(`request failed: ${r.url()} ${error}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/** Runs axe-core in the page; returns the serious and critical violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(root, "node_modules/axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    );
}

/** Saves a full-page screenshot under test-results/screenshots (kept by CI). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
