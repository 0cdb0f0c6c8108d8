/**
 * Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser). The server is
 * the real app over the bundled examples on a free loopback port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject, onTestFinished } from "vitest";
import { openDatabase } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore } from "../../src/store/store.js";
import { hashPassword } from "../../src/web/auth/passwords.js";
import { SESSION_COOKIE } from "../../src/web/auth/session.js";
import { exampleApp, pathsApp } from "../support/app.js";
import { runBuilt } from "../support/run-cli.js";
import { AXE_SCRIPT } from "./browser.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";

const root = new URL("../../", import.meta.url).pathname;
export const SCREENSHOTS = join(root, "test-results/screenshots");

/** The two widths every page kind is checked and pictured at: a laptop and a small phone. */
export const WIDTHS = [1280, 360] as const;

export { CHROMIUM } from "./chromium.js";

/**
 * `rungs build` of `paths` into a new temporary folder, as the built binary runs it (runBuilt: in this process
 * each of the build's threads would load the sources through tsx); its status and what it printed.
 */
export async function buildStaticSite(
  paths: string[],
): Promise<{ out: string; status: number; log: string }> {
  const out = mkdtempSync(join(tmpdir(), "rungs-static-"));
  const built = await runBuilt(process.cwd(), "build", ...paths, "--out", out);
  return { out, status: built.status, log: built.out + built.err };
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
    // a server that starts after the test gave up would outlive the run: stop it too
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`rungs serve did not start:\n${output}`));
    }, 30_000);
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
  const endpoint = provided("chromiumEndpoint");
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What browser.ts, the browser project's global setup, provides for the run; nothing outside a Vitest worker. */
function provided(key: "chromiumEndpoint" | "axeUrl"): string | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

export interface Watched {
  page: Page;
  /** Console errors, page errors and failed or non-2xx/3xx requests seen so far. */
  problems: string[];
}

/** Pages whose test has ended, kept for the next `watchedPage(…, { reuse: true })` that can take them. */
const idlePages = new WeakMap<Browser, Map<string, Page[]>>();

/**
 * A page that records everything a user would count as broken. Call it inside a test: when the test ends
 * (pass or fail) the page's context is closed, so a file's pages do not stay open in the shared Chromium until
 * the file's connection closes; or, with `reuse`, the page is kept for the file's next test that asks for one
 * with the same `enforceCsp` and `signedInAs` (its size and colour scheme are set anew). A new page costs
 * Chromium a renderer and a cold cache: about three times the CPU of a load in a page already open. A reused
 * page keeps its HTTP cache and its history, starts on a blank document, and has its permissions, routes,
 * listeners, size and emulated media reset, and its cookies unless it is `signedInAs` someone
 * (`signedInPage`): reuse it only in tests that wait for no particular request.
 */
export async function watchedPage(
  browser: Browser,
  options: {
    width?: number;
    height?: number;
    colorScheme?: "light" | "dark";
    /** Apply the page's Content-Security-Policy (then axe-core cannot be injected); default false. */
    enforceCsp?: boolean;
    /** Take a page an earlier test of the file left (see above); default false. */
    reuse?: boolean;
    /** Whose session the page keeps between tests (see `signedInPage`); default no one's. */
    signedInAs?: string;
  } = {},
): Promise<Watched> {
  const viewport = { width: options.width ?? 1280, height: options.height ?? 900 };
  const colorScheme = options.colorScheme ?? "light";
  const key = JSON.stringify([options.enforceCsp ?? false, options.signedInAs ?? null]);
  const idle = idlePages.get(browser) ?? new Map<string, Page[]>();
  idlePages.set(browser, idle);
  let page = options.reuse ? idle.get(key)?.pop() : undefined;
  if (page) {
    page.removeAllListeners();
    // a new document for each test, in the same renderer: what the last test's page still had running stops,
    // and a goto that differs from the last test's URL only in its hash loads the page instead of scrolling
    await page.goto("about:blank");
    await page.unrouteAll({ behavior: "ignoreErrors" });
    if (!options.signedInAs) await page.context().clearCookies();
    await page.context().clearPermissions();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: null, colorScheme });
  } else {
    const context = await browser.newContext({
      viewport,
      colorScheme,
      // lets axe-core be injected; the app's own scripts are still only its external files
      bypassCSP: !options.enforceCsp,
    });
    page = await context.newPage();
  }
  const kept = page;
  onTestFinished(async () => {
    if (options.reuse && !kept.isClosed()) idle.set(key, [...(idle.get(key) ?? []), kept]);
    else await kept.context().close();
  });
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

/**
 * Runs axe-core once on the page as it is now, at its present size, and returns the serious and critical
 * violations, each prefixed with the width. One run per state a test brings a page to (a dialog open, errors
 * shown, a form filled, something expanded, hostile text rendered); the page kinds as loaded are checked at
 * both widths once, by checkPageKind in page-kinds.test.ts. A test whose state changes structure with the
 * width resizes and calls this again.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const width = page.viewportSize()?.width ?? WIDTHS[0];
  return (await axeHere(page)).map((v) => `${width} px: ${v}`);
}

/** axe-core's serious and critical violations at the page's present size, described. */
async function axeHere(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => "axe" in window);
  if (!injected) {
    // by URL where the run serves it (cached and compiled once per context), else the file's text
    const url = provided("axeUrl");
    await page.addScriptTag(url ? { url } : { path: AXE_SCRIPT });
  }
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const axe = (window as any).axe;
    // A rule given an impact reports every violation at that impact (axe-core's finalizeRuleResult): one
    // whose impact is minor or moderate can never be reported here, so it is not run (a run on the public page
    // kinds then costs Chromium 0.85 of the CPU it did). Read from axe-core's own rule table each
    // run, so a rule made serious in a later axe-core runs again; a rule without an impact of its own, or an
    // axe-core without that table, runs as before.
    const rules = (axe._audit?.rules ?? []) as { id: string; impact?: string }[];
    const quiet = rules.filter((rule) => rule.impact === "minor" || rule.impact === "moderate");
    // Nothing here reads a node's HTML, and axe-core takes each result node's outerHTML (the whole page, for
    // <html>) unless told not to: noHtml cut an audit of the level and role pages by about a quarter and the
    // stepped matrix by half (in-page time, 6 interleaved runs each). The app's pages have no frames to enter.
    axe.configure({ noHtml: true });
    const result = await axe.run(document, {
      resultTypes: ["violations"],
      iframes: false,
      rules: Object.fromEntries(quiet.map((rule) => [rule.id, { enabled: false }])),
    });
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

/**
 * Resolves once the page's autosave has stored a draft holding `text` (a PUT answered OK). Set it up before
 * typing: the "Draft saved" status may already be showing from an earlier save (of a pick) that did not carry
 * the text, and a reload after that loses what was typed since.
 */
export function draftSavedWith(page: Page, text: string): Promise<unknown> {
  return page.waitForResponse(
    (r) => r.request().method() === "PUT" && r.ok() && (r.request().postData() ?? "").includes(text),
  );
}

/**
 * Saves the first screen under test-results/screenshots (kept by CI) for a person to look at; no test reads
 * it. Not the whole page: pictures of long pages cost as much as the checks around them, and what only the
 * rest of a page would show (a page wider than the screen) is checkPageKind's sideways check.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A database under `folder`/rungs-data (where `rungs serve` run in `folder` finds it), migrated, with a way
 * to add people who share one password; close it before the server starts.
 */
export async function folderStore(folder: string, password: string) {
  mkdirSync(join(folder, "rungs-data"), { recursive: true });
  const database = openDatabase({ file: join(folder, "rungs-data/rungs.db") });
  await migrate(database);
  const store = createStore(database);
  const passwordHash = await hashPassword(password);
  const add = async (person: Omit<Parameters<typeof store.people.create>[0], "passwordHash">) => {
    const made = await store.people.create({ ...person, passwordHash });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.value;
  };
  return { store, add, close: () => database.close() };
}

export type FolderStore = Awaited<ReturnType<typeof folderStore>>;

/** What `seededServer` gives a test file once its beforeAll has run. */
export interface SeededServer {
  readonly browser: Browser;
  /** The temporary folder `rungs serve` runs in (its database in rungs-data/). */
  readonly folder: string;
  readonly origin: string;
  /** Everything the server printed so far. */
  output(): string;
}

/**
 * The setup of a signed-in browser test file, once for all its tests: a temporary folder whose database
 * `seed` fills (through folderStore: everyone added shares `password`), the built `rungs serve` over it as an
 * operator runs it (over `paths`, default the bundled examples; settings from `env`, never the machine's
 * DATABASE_URL or RUNGS_REQUIRE_LOGIN), and a connection to the run's browser. Started before the file's
 * tests (after any beforeAll registered earlier, so `env` may use what those started); all stopped and
 * removed after them.
 */
export function seededServer(options: {
  name: string;
  password: string;
  seed: (db: FolderStore, folder: string) => Promise<void>;
  paths?: (folder: string) => string[];
  env?: () => NodeJS.ProcessEnv;
}): SeededServer {
  const state = {} as { browser: Browser; folder: string; server?: Awaited<ReturnType<typeof serveRungs>> };
  beforeAll(async () => {
    state.browser = await launchBrowser();
    state.folder = mkdtempSync(join(tmpdir(), `rungs-e2e-${options.name}-`));
    const db = await folderStore(state.folder, options.password);
    try {
      await options.seed(db, state.folder);
    } finally {
      await db.close();
    }
    const env = { ...process.env, ...options.env?.() };
    delete env.RUNGS_REQUIRE_LOGIN;
    delete env.DATABASE_URL;
    state.server = await serveRungs({ cwd: state.folder, env, paths: options.paths?.(state.folder) });
  }, 90_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.stop();
    if (state.folder) rmSync(state.folder, { recursive: true, force: true });
  });
  return {
    get browser() {
      return state.browser;
    },
    get folder() {
      return state.folder;
    },
    get origin() {
      return state.server?.origin ?? "";
    },
    output: () => state.server?.output() ?? "",
  };
}

/**
 * A watched page (`watchedPage`, reused) of `credentials.email` on `next`, loaded: signed in through the form
 * the first time a file asks for this person, and after that the page an earlier test of the file left for
 * them, still signed in. The sign-in itself is tested in auth.test.ts; a second one is only time.
 */
export async function signedInPage(
  browser: Browser,
  origin: string,
  credentials: { email: string; password: string },
  next: string,
  options: { width?: number; height?: number } = {},
): Promise<Watched> {
  const watched = await watchedPage(browser, { ...options, reuse: true, signedInAs: credentials.email });
  const cookies = await watched.page.context().cookies(origin);
  if (!cookies.some((c) => c.name === SESSION_COOKIE))
    await signInAs(watched.page, origin, credentials, next);
  else await watched.page.goto(`${origin}${next}`);
  return watched;
}

/** Signs in through the form and waits for the page it was sent on to. */
export async function signInAs(
  page: Page,
  origin: string,
  credentials: { email: string; password: string },
  next: string,
): Promise<void> {
  await page.goto(`${origin}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}${next}`);
}

/** How far the page as it is now scrolls sideways, in px (0 or less: it fits its window). */
export function sidewaysBy(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Checks the page as it is now at each of WIDTHS: axe-core's serious and critical violations, and that the
 * page does not scroll sideways (a table or a chart wider than the screen; wide tables scroll inside their own
 * wrapper); both returned, prefixed with the width, for the test to expect none. Saves `<name>-<width>-top.png`
 * (the first screen, what the README shows) under test-results/screenshots. Leaves the page at the first width.
 * Pictures of the whole page (up to 6,000 px) cost a third as much again as the axe runs, for pictures no test
 * read: what they let a person see at 360 px, a page wider than the screen, is the sideways check.
 */
export async function checkPageKind(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  const height = page.viewportSize()?.height ?? 900;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 360 ? 800 : height });
    const sideways = await sidewaysBy(page);
    if (sideways > 0) found.push(`${width} px: the page scrolls sideways by ${sideways} px`);
    for (const v of await axeHere(page)) found.push(`${width} px: ${v}`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-top.png`) });
  }
  await page.setViewportSize({ width: WIDTHS[0], height });
  return found;
}
