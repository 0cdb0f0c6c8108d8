/**
 * The XSS corpus's eyes in the browser (xss.test.ts): an audit of each page for payloads that ran or markup
 * that got in, the form filling the run does through real pages, the app's route list as patterns, and what
 * the run needs of the routes (queries, ids, the routes it cannot reach and the forms it need not send).
 */
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { frameworkToCase } from "../../src/export/case-export.js";
import type { FrameworkRegistry } from "../../src/load/registry.js";
import { openDatabase } from "../../src/store/db.js";
import { createStore } from "../../src/store/store.js";
import { createApp } from "../../src/web/app.js";
import { occupationSlug } from "../../src/web/links.js";
import { CANARY, payloadFor, where } from "../fixtures/xss/corpus.js";

// ------------------------------------------------------------------------------------------ the audit

/**
 * Runs in a page: everything in a document that a payload could have put there, and whether the document
 * shows the canary as text. The document is the page's own, or, given `html`, that text parsed by the
 * browser's own HTML parser (DOMParser: an inert document, nothing in it runs or loads) as if served at `url`.
 */
function domAudit({ html, url, canary }: { html?: string; url: string; canary: string }) {
  const doc = html === undefined ? document : new DOMParser().parseFromString(html, "text/html");
  const out: string[] = [];
  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster"]);
  // file: only where the page itself is a file (a static site opened from disk)
  const SCHEMES = new Set(["http:", "https:", "mailto:", ...(url.startsWith("file:") ? ["file:"] : [])]);
  for (const el of Array.from(doc.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name === "data-xss") out.push(`an injected <${el.localName}>`);
      else if (name.startsWith("on")) out.push(`<${el.localName} ${name}="${attr.value.slice(0, 40)}">`);
      else if (name === "srcdoc") out.push(`<${el.localName} srcdoc>`);
      // the policy refuses inline styles in markup (a loaded page reports that as a violation; there scripts
      // may style elements, which the policy allows), so parsed markup must have none
      else if (name === "style" && html !== undefined)
        out.push(`<${el.localName} style="${attr.value.slice(0, 40)}">`);
      else if (URL_ATTRIBUTES.has(name)) {
        let scheme = "";
        try {
          scheme = new URL(attr.value, url).protocol;
        } catch {
          continue;
        }
        // a scheme the allowlist refuses, or //host: another site dressed as a path on this one
        if (!SCHEMES.has(scheme) || /^\s*[\\/]{2}/.test(attr.value))
          out.push(`<${el.localName} ${name}="${attr.value.slice(0, 60)}">`);
      }
    }
  }
  for (const script of Array.from(doc.querySelectorAll("script"))) {
    const src = script.getAttribute("src") ?? script.getAttribute("href");
    // schema.org JSON-LD (components/downloads.tsx): a data block the browser never runs; it must stay JSON
    if (!src && script.getAttribute("type") === "application/ld+json") {
      try {
        JSON.parse(script.textContent ?? "");
      } catch {
        out.push("a JSON-LD block that is not JSON");
      }
      continue;
    }
    if (!src) out.push("an inline <script>");
    else if (!/\/(assets\/[a-z0-9.-]+\.js|search-index\.js)$/.test(new URL(src, url).pathname))
      out.push(`<script src="${src}">`);
  }
  for (const tag of ["iframe", "frame", "object", "embed", "base", "style", "portal"]) {
    if (doc.querySelector(tag)) out.push(`a <${tag}> element`);
  }
  for (const meta of Array.from(doc.querySelectorAll("meta[http-equiv]"))) {
    if (meta.getAttribute("http-equiv")?.toLowerCase() !== "content-security-policy")
      out.push(`<meta http-equiv="${meta.getAttribute("http-equiv")}">`);
  }
  return { found: out, shown: doc.body?.textContent?.includes(canary) ?? false };
}

/** A page address short enough to read in a list of findings (queries carry whole payloads). */
function short(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}

/** Findings across every page of a run, each with the page it was seen on. */
export class Audit {
  readonly findings: string[] = [];
  pages = 0;
  /** Pages that show a payload as text: what proves the payloads reached the pages at all. */
  shown = 0;
  constructor(private readonly browser: Browser) {}

  /** A browser context that reports executions, dialogs, policy violations and page errors. */
  async context(): Promise<BrowserContext> {
    // no bypassCSP: every page runs under the policy it ships with
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.exposeBinding("__xss", ({ page }, n: number) => {
      this.findings.push(`${short(page.url())}: __xss(${n}) ran, from ${where(n)}`);
    });
    context.on("page", (page) => {
      page.on("dialog", (dialog) => {
        this.findings.push(`${short(page.url())}: a ${dialog.type()} dialog "${dialog.message()}" opened`);
        dialog.dismiss().catch(() => {});
      });
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
          this.findings.push(`${short(page.url())}: ${message.text().slice(0, 240)}`);
      });
      page.on("pageerror", (error) =>
        this.findings.push(`${short(page.url())}: page error ${error.message}`),
      );
    });
    return context;
  }

  /** Audits the page as it is now, with everything its scripts did to it. */
  async check(page: Page): Promise<void> {
    this.record(page.url(), await page.evaluate(domAudit, { url: page.url(), canary: CANARY }));
  }

  /**
   * Audits the HTML a page at `url` would be built from, parsed (not run) in a blank page: for the pages
   * whose markup alone is in question (the browser loads one page of each kind, where scripts run).
   */
  async checkHtml(url: string, html: string): Promise<void> {
    this.parser ??= this.browser.newContext().then((c) => c.newPage());
    this.record(url, await (await this.parser).evaluate(domAudit, { html, url, canary: CANARY }));
  }

  private parser?: Promise<Page>;

  private record(url: string, audit: { found: string[]; shown: boolean }) {
    this.pages++;
    if (audit.shown) this.shown++;
    for (const found of audit.found) this.findings.push(`${short(url)}: ${found}`);
  }

  /** Closes the page that parses HTML (the contexts made by `context()` are their makers' to close). */
  async close(): Promise<void> {
    await (await this.parser)?.context().close();
  }
}

/** Clicks `button` and waits for the page it loads. */
export async function submitWith(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent("load"), button.click()]);
}

/** Fills a form's fields by name (text, selects, checkboxes) and submits it with `button` (default: its first). */
export async function submit(
  audit: Audit,
  page: Page,
  form: Locator,
  fields: Record<string, string | boolean>,
  button?: Locator,
): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const field = form.locator(`[name="${name}"]`).first();
    const kind = await field.evaluate((el) => `${el.localName}:${(el as HTMLInputElement).type}`);
    if (kind.startsWith("select")) await field.selectOption(String(value));
    else if (kind === "input:checkbox") await field.setChecked(Boolean(value));
    else await field.fill(String(value));
  }
  await submitWith(page, button ?? form.locator("button[type=submit], button:not([type])").first());
  await audit.check(page);
}

// ------------------------------------------------------------------------------------ routes and pages

export interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  params: string[];
}

/** The app's own route list (the same code `rungs serve` runs), with a matcher per route. */
export function routeList(registry: FrameworkRegistry, dir: string): Route[] {
  const database = openDatabase({ file: join(dir, "routes.db") });
  const app = createApp({ registry, store: createStore(database) });
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const { method, path } of app.routes) {
    if (method === "ALL" || seen.has(`${method} ${path}`)) continue;
    seen.add(`${method} ${path}`);
    const params: string[] = [];
    const source = path.replace(
      /:([A-Za-z]+)(\{[^}]+\})?|[.*+?^$()|[\]\\]/g,
      (token, name?: string, custom?: string) => {
        if (!name) return `\\${token}`;
        params.push(name);
        return custom ? `(${custom.slice(1, -1)})` : "([^/]+)";
      },
    );
    routes.push({ method, path, params, pattern: new RegExp(`^${source}$`) });
  }
  void database.close();
  return routes;
}

/** The route a path belongs to (the first registered that matches, as the app picks it). */
export function routeOf(routes: Route[], method: string, path: string): Route | undefined {
  const clean = path.split(/[?#]/)[0] as string;
  return routes.find((r) => r.method === method && r.pattern.test(clean));
}

/**
 * Concrete paths for a route from the values each parameter can take (at most `limit`). A parameter's values
 * are looked up first by the literal segment nearest before it with its name (`people/:id`, `CFItems/:id`,
 * `compare-roles/:a`), so a route is tried only with ids of the kind it names, then by its name alone (`fw`,
 * `level`). A parameter with no values leaves the route without paths (the run then says it never reached it).
 */
export function candidates(route: Route, values: Map<string, string[]>, limit = 40): string[] | undefined {
  let paths = [route.path];
  for (const name of route.params) {
    const options = values.get(namedAfter(route.path, name)) ?? values.get(name);
    if (!options?.length) return undefined;
    const token = new RegExp(`:${name}(\\{[^}]+\\})?`);
    paths = paths.flatMap((p) => options.map((v) => p.replace(token, encodeURIComponent(v)))).slice(0, limit);
  }
  return paths;
}

/** `segment/:name`: parameter `name` of `path` with the literal segment nearest before it. */
function namedAfter(path: string, name: string): string {
  const segments = path.split("/");
  const at = segments.findIndex((s) => new RegExp(`^:${name}(\\{|$)`).test(s));
  const literal = segments.slice(0, at).findLast((s) => s !== "" && !s.startsWith(":"));
  return `${literal}/:${name}`;
}

/**
 * Fills every GET form on the page with payloads, once per kind of form (its target route and fields): first
 * by typing into its text fields (islands react as they would to a person), then by loading its target with
 * every field, selects and hidden ones included, set to a payload (what a crafted link would do). Leaves the
 * page at the last link it loaded.
 */
export async function fillGetForms(
  audit: Audit,
  page: Page,
  done: Set<string>,
  kindOf: (url: string) => string,
): Promise<void> {
  const forms = await page.locator("form").evaluateAll((all) =>
    all
      .map((f, index) => ({
        index,
        method: (f.getAttribute("method") ?? "get").toLowerCase(),
        action: (f as HTMLFormElement).action,
        names: [
          ...new Set(
            Array.from((f as HTMLFormElement).elements)
              .map((e) => e.getAttribute("name"))
              .filter(Boolean),
          ),
        ] as string[],
      }))
      .filter((f) => f.method === "get"),
  );
  const from = page.url();
  const fresh = forms.filter((form) => {
    const key = `${kindOf(form.action)} ${form.names.join(",")}`;
    if (done.has(key)) return false;
    done.add(key);
    return true;
  });
  for (const [i, form] of fresh.entries()) {
    // back to the page for the next form (the last one leaves the page at its crafted link)
    if (i > 0) await page.goto(from);
    const locator = page.locator("form").nth(form.index);
    for (const input of await locator
      .locator("input[type=search], input[type=text], input:not([type]), textarea")
      .all()) {
      if (await input.isEditable()) await input.fill(payloadFor(`typed into a GET form on ${from}`));
    }
    await audit.check(page);
    const url = new URL(form.action);
    // short: queries have length limits, and a refused one shows less
    for (const name of form.names)
      url.searchParams.set(name, payloadFor(`?${name}= of ${form.action}`, "short"));
    await page.goto(url.href);
    await audit.check(page);
  }
}

// ------------------------------------------------------------------- what the corpus's run needs of the routes

/** The query string a route needs before it answers at all (a payload where the value is free text). */
export const QUERIES = new Map([
  ["/api/frameworks/:fw/goals/personal", `?pick=quality:builder,delivery:lead&target=lead`],
  ["/api/roles", `?title=${encodeURIComponent(payloadFor("?title= of /api/roles", "short"))}`],
]);

/** The occupation codes of the corpus's roles, as their pages name them (decoded: paths are encoded once). */
export function occupationSlugs(registry: FrameworkRegistry): string[] {
  return registry
    .list()
    .flatMap((fw) => [...(fw.index?.roles.values() ?? [])])
    .flatMap((role) => (role.classifications ?? []).map((c) => decodeURIComponent(occupationSlug(c.code))));
}

/** GET routes that answer only for what this corpus cannot have, with why. */
export const UNREACHABLE = new Map([
  ["/search-index/:part", "the index comes in parts only above 1,000 search documents; the corpus is small"],
]);

/** Forms with nothing to type into (a button each), which the run need not send. */
export const BUTTONS_ONLY = new Map([
  ["POST /sign-out", "a button"],
  ["POST /admin/frameworks/import/:token/zip", "a button under the import preview (a download)"],
  ["POST /admin/frameworks/import/:token/write", "a button, shown only when RUNGS_IMPORT_DIR is set"],
  ["POST /account/sessions/:id/revoke", "a button per session"],
  ["POST /account/sign-out-everywhere", "a button"],
  ["DELETE /api/account/sessions/:id", "the API's revoke: no body"],
  ["POST /admin/people/:id/deactivate", "a button"],
  ["POST /admin/people/:id/reactivate", "a button"],
  ["POST /admin/cycles/:id/close", "a button (with the version it read)"],
]);

/** The identifiers of each framework's CASE objects by the collection their route names (`CFItems/:id`). */
export function caseIds(registry: FrameworkRegistry): [string, string[]][] {
  const packages = registry.list().flatMap((fw) => {
    if (!fw.index) return [];
    return [frameworkToCase(fw.index.framework, { changed: "2026-01-01T00:00:00Z" })];
  });
  // one object of each kind per framework: the routes answer every one alike
  const first = (of: (pkg: (typeof packages)[number]) => { identifier: string }[] | undefined) =>
    packages.flatMap((pkg) => of(pkg)?.[0]?.identifier ?? []);
  return [
    ["CFPackages/:id", first((pkg) => [pkg.CFDocument])],
    ["CFItems/:id", first((pkg) => pkg.CFItems)],
    ["CFAssociations/:id", first((pkg) => pkg.CFAssociations)],
    ["CFRubrics/:id", first((pkg) => pkg.CFRubrics)],
  ];
}
