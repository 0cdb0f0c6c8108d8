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
  // what a page loads comes from its own origin (the policy says so; a page only parsed has no policy at work)
  const origin = (u: URL) => `${u.protocol}//${u.host}`;
  for (const el of Array.from(doc.querySelectorAll("[src], [srcset], link[href], object[data]"))) {
    if (
      el.localName === "link" &&
      !/\b(stylesheet|icon|preload|modulepreload|manifest)\b/i.test(el.getAttribute("rel") ?? "")
    )
      continue;
    const values = [
      el.getAttribute("src"),
      el.localName === "link" ? el.getAttribute("href") : null,
      el.getAttribute("data"),
    ];
    for (const part of (el.getAttribute("srcset") ?? "").split(","))
      values.push(part.trim().split(/\s+/)[0] ?? null);
    for (const value of values) {
      if (!value) continue;
      try {
        if (origin(new URL(value, url)) !== origin(new URL(url)))
          out.push(`<${el.localName}> loads ${value.slice(0, 60)} from another origin`);
      } catch {
        out.push(`<${el.localName}> loads an address that is not one: ${value.slice(0, 60)}`);
      }
    }
  }
  for (const tag of ["iframe", "frame", "object", "embed", "base", "style", "portal"]) {
    if (doc.querySelector(tag)) out.push(`a <${tag}> element`);
  }
  for (const meta of Array.from(doc.querySelectorAll("meta[http-equiv]"))) {
    if (meta.getAttribute("http-equiv")?.toLowerCase() !== "content-security-policy")
      out.push(`<meta http-equiv="${meta.getAttribute("http-equiv")}">`);
  }
  // what only a browser running the page can see: scripts beyond local-time.js (which only rewrites
  // <time data-local>), the times it rewrites, and the GET forms a person could send
  const scripted =
    Array.from(doc.querySelectorAll("script[src]")).some(
      (s) => !/\/local-time(\.[a-z0-9]+)?\.js$/.test(new URL(s.getAttribute("src") ?? "", url).pathname),
    ) || doc.querySelector("time[data-local]") !== null;
  const getForms = Array.from(doc.querySelectorAll("form"))
    .map((f, index) => ({
      index,
      get: (f.getAttribute("method") ?? "get").toLowerCase() === "get",
      action: new URL(f.getAttribute("action") ?? "", url).href,
      names: [...new Set(Array.from(f.elements).map((e) => e.getAttribute("name") ?? ""))].filter(Boolean),
    }))
    .filter((f) => f.get);
  return { found: out, shown: doc.body?.textContent?.includes(canary) ?? false, scripted, getForms };
}

/** What the audit saw on a page: findings, whether it shows the canary, and what only a browser can see. */
export type Seen = ReturnType<typeof domAudit>;
type GetForm = Seen["getForms"][number];

/** A page address short enough to read in a list of findings (queries carry whole payloads). */
function short(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}

/**
 * The blank page each browser parses HTML in, shared by every audit on it (parsing runs nothing and leaves
 * nothing behind); closed with the browser. A context and page for each audit cost Chromium a renderer each.
 */
const parsers = new WeakMap<Browser, Promise<Page>>();

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
  async check(page: Page): Promise<Seen> {
    return this.record(page.url(), await page.evaluate(domAudit, { url: page.url(), canary: CANARY }));
  }

  /**
   * Audits the HTML a page at `url` would be built from, parsed (not run) in a blank page: for the pages
   * whose markup alone is in question (the browser loads one page of each kind, where scripts run).
   */
  async checkHtml(url: string, html: string): Promise<Seen> {
    const parser = parsers.get(this.browser) ?? this.browser.newContext().then((c) => c.newPage());
    parsers.set(this.browser, parser);
    return this.record(url, await (await parser).evaluate(domAudit, { html, url, canary: CANARY }));
  }

  private record(url: string, audit: Seen): Seen {
    this.pages++;
    if (audit.shown) this.shown++;
    for (const found of audit.found) this.findings.push(`${short(url)}: ${found}`);
    return audit;
  }
}

/**
 * Runs in a page: sets a form's fields by name (text, selects, checkboxes) as typing or picking would, with
 * the input and change events its island listens for, then sends the form as a click on `submitter` would
 * (its first submit button by default). A field or option the form does not have is an error, not a skip.
 */
function fillAndSend(
  form: HTMLFormElement,
  { fields, submitter }: { fields: Record<string, string | boolean>; submitter?: string },
): void {
  for (const [name, value] of Object.entries(fields)) {
    const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!field) throw new Error(`the form ${form.action} has no field "${name}"`);
    if (field instanceof HTMLSelectElement) {
      field.value = String(value);
      if (field.value !== value)
        throw new Error(`the form ${form.action} has no option "${value}" for "${name}"`);
    } else if (field instanceof HTMLInputElement && field.type === "checkbox") field.checked = Boolean(value);
    else if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)
      // as typing does: no more than the field takes
      field.value = field.maxLength >= 0 ? String(value).slice(0, field.maxLength) : String(value);
    else throw new Error(`the form ${form.action} has "${name}" on a <${field.localName}>, not a field`);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
  const button = form.querySelector<HTMLButtonElement>(
    submitter ?? "button[type=submit], button:not([type])",
  );
  if (!button) throw new Error(`the form ${form.action} has no button ${submitter ?? "to submit it"}`);
  form.requestSubmit(button);
}

/**
 * Fills `form`'s fields by name and sends it with the button `submitter` (a selector in the form; default its
 * first): one step in the page, not a round trip per field; then audits the page the answer loads.
 */
export async function submit(
  audit: Audit,
  page: Page,
  form: Locator,
  fields: Record<string, string | boolean> = {},
  submitter?: string,
): Promise<void> {
  await Promise.all([page.waitForEvent("load"), form.evaluate(fillAndSend, { fields, submitter })]);
  await audit.check(page);
}

/**
 * Runs in a page: in an assessment form, picks every competency's first level, rates it "meets" where the form
 * asks, and types its evidence and `links` into its two texts, with the events picking and typing make (the
 * island saves the draft on them).
 */
function fillCompetencies(
  form: HTMLFormElement,
  { evidence, links }: { evidence: [string, string][]; links: string },
): void {
  const set = (field: Element | null | undefined, value?: string) => {
    if (field instanceof HTMLInputElement) field.checked = true;
    else if (field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)
      field.value = value ?? "";
    else throw new Error(`the assessment form ${form.action} lacks a field it always has`);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  };
  for (const [id, text] of evidence) {
    const fieldset = form.querySelector(`fieldset.competency-pick[id$="-pick-${CSS.escape(id)}"]`);
    set(fieldset?.querySelector("ol.pick-options input[type=radio]"));
    const band = fieldset?.querySelector("select");
    if (band) set(band, "meets");
    const texts = fieldset?.querySelectorAll("textarea");
    set(texts?.[0], text);
    set(texts?.[1], links);
  }
}

/** Fills every competency of the assessment `form` (see fillCompetencies), its evidence by competency id. */
export async function fillAssessment(
  form: Locator,
  evidence: (competency: string) => string,
  links: string,
): Promise<void> {
  const ids = await form
    .locator("fieldset.competency-pick")
    .evaluateAll((sets) => sets.map((set) => set.id.replace(/^.*-pick-/, "")));
  await form.evaluate(fillCompetencies, {
    evidence: ids.map((id): [string, string] => [id, evidence(id)]),
    links,
  });
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
 * Of a page's GET forms, those of a kind (target route and fields) not yet in `done`, which it marks done:
 * one page per distinct form is filled, not every page that carries the same one.
 */
export function freshForms(forms: GetForm[], done: Set<string>, kindOf: (url: string) => string): GetForm[] {
  return forms.filter((form) => {
    const key = `${kindOf(form.action)} ${form.names.join(",")}`;
    if (done.has(key)) return false;
    done.add(key);
    return true;
  });
}

/**
 * Fills `forms` (GET forms of the page, as the audit saw them) with payloads: first by typing into the text
 * fields of all of them at once (islands react as they would to a person; one audit sees what each did), then
 * by loading each target with every field, selects and hidden ones included, set to a payload (what a crafted
 * link would do). Leaves the page at the last link it loaded.
 */
export async function fillGetForms(audit: Audit, page: Page, forms: GetForm[]): Promise<void> {
  if (!forms.length) return;
  const from = page.url();
  for (const form of forms) {
    const fields = page
      .locator("form")
      .nth(form.index)
      .locator("input[type=search], input[type=text], input:not([type]), textarea");
    for (const input of await fields.all()) {
      if (await input.isEditable()) await input.fill(payloadFor(`typed into a GET form on ${from}`));
    }
  }
  await audit.check(page);
  for (const form of forms) {
    const url = new URL(form.action);
    // short: queries have length limits, and a refused one shows less
    for (const name of form.names)
      url.searchParams.set(name, payloadFor(`?${name}= of ${form.action}`, "short"));
    await page.goto(url.href);
    await audit.check(page);
  }
}

/**
 * Opens a page whose markup was audited (`seen`) in the browser only where that shows more than the markup:
 * the first page of each kind (route) with scripts that run on it, and any page with GET forms of a kind not
 * yet filled, which are then filled. Every other page rests on the markup's audit, which also holds it to
 * loading nothing from another origin (what the policy would have refused).
 */
export async function openIfNeeded(
  audit: Audit,
  page: Page,
  url: string,
  seen: Seen,
  state: { opened: Set<string>; done: Set<string>; kindOf: (url: string) => string },
): Promise<void> {
  const kind = state.kindOf(url);
  const scripted = seen.scripted && !state.opened.has(kind);
  const forms = freshForms(seen.getForms, state.done, state.kindOf);
  if (!scripted && !forms.length) return;
  if (seen.scripted) state.opened.add(kind);
  await page.goto(url);
  await audit.check(page);
  await fillGetForms(audit, page, forms);
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

/**
 * Pages whose handlers never ask who the viewer is (no `actorOf`, src/web/features/architecture): one rendering
 * serves every visitor from the page cache, only the account header filled in for each (ACCOUNT_SLOT). The
 * admin's crawl reads every id; Pat's reads the first the admin saw as a page, for Pat's header around it, and
 * the run holds its content to the admin's (a page made personal that shows Pat more fails there).
 */
export const SAME_FOR_EVERYONE = new Map([
  ["/compare-across/levels/:fwA/:a/:fwB/:b/", "two levels of two frameworks side by side: 36 ids"],
]);

/**
 * `paths` for a crawl as another viewer than the admin's, whose crawl read `read` as pages: of a page the same
 * for everyone, the first the admin read.
 */
export function forAnotherViewer(routes: Route[], paths: string[], read: Map<string, string>): string[] {
  const first = new Set<string>();
  return paths.filter((path) => {
    const route = routeOf(routes, "GET", path)?.path ?? "";
    if (!SAME_FOR_EVERYONE.has(route)) return true;
    if (first.has(route) || !read.has(path)) return false;
    first.add(route);
    return true;
  });
}

/** Forms with nothing to type into (a button each), which the run need not send. */
export const BUTTONS_ONLY = new Map([
  ["POST /sign-out", "a button"],
  ["POST /admin/frameworks/import/:token/zip", "a button under the import preview (a download)"],
  ["POST /admin/frameworks/import/:token/write", "a button, shown only when RUNGS_IMPORT_DIR is set"],
  ["POST /account/sessions/:id/revoke", "a button per session"],
  ["POST /account/sign-out-everywhere", "a button"],
  ["DELETE /api/account/sessions/:id", "the API's revoke: no body"],
  ["POST /account/tokens/:id/revoke", "a button per API token"],
  ["DELETE /api/account/tokens/:id", "the API's revoke of a token: no body"],
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
