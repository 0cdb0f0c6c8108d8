/**
 * Route tests with people: an app over a real store (the suite's database) and a small browser that keeps
 * cookies, sends our own Origin and fills in the CSRF token the last page carried, as a real one would.
 */

import { createStore, type Store } from "../../src/store/store.js";
import type { NewPerson, Person } from "../../src/store/types.js";
import { createApp } from "../../src/web/app.js";
import type { AuthOptions } from "../../src/web/auth/config.js";
import { hashPassword } from "../../src/web/auth/passwords.js";
import type { App } from "../../src/web/context.js";
import { exampleApp } from "./app.js";
import type { DatabaseContext } from "./databases.js";
import { manualClock } from "./databases.js";

export const ORIGIN = "http://localhost";
export const PASSWORD = "a long and unusual passphrase";

export interface AuthApp {
  app: App;
  store: Store;
  clock: ReturnType<typeof manualClock>;
}

/** The example frameworks with a store on the suite's database (or `database`) and a clock the test moves. */
export async function authApp(
  ctx: DatabaseContext,
  options: {
    auth?: AuthOptions;
    clock?: ReturnType<typeof manualClock>;
    database?: DatabaseContext["database"];
    uploadLimitBytes?: number;
  } = {},
): Promise<AuthApp> {
  const { registry } = await exampleApp();
  const clock = options.clock ?? manualClock();
  const store = createStore(options.database ?? ctx.database, { clock });
  const app = createApp({
    registry,
    store,
    clock,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.uploadLimitBytes ? { uploadLimitBytes: options.uploadLimitBytes } : {}),
  });
  return { app, store, clock };
}

/**
 * One argon2id hash per password per test process: tests add hundreds of people with the same password,
 * and hashing is deliberately slow (PASSWORD_HASHING). Every hash is still a real one, and signing in
 * still verifies it.
 */
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/** A person stored with a password (PASSWORD unless given). */
export async function addPerson(
  store: Store,
  person: Omit<NewPerson, "passwordHash"> & { password?: string | null },
): Promise<Person> {
  const { password, ...rest } = person;
  const created = await store.people.create({
    ...rest,
    passwordHash: password === null ? null : await hashOnce(password ?? PASSWORD),
  });
  if (!created.ok) throw new Error(`cannot add ${person.email}: ${JSON.stringify(created.problems)}`);
  return created.value;
}

export interface Answer {
  status: number;
  body: string;
  headers: Headers;
  location: string | null;
  /** Set-Cookie lines of this response. */
  setCookies: string[];
}

/** The value of the CSRF hidden field on a page, if it has one. */
export function csrfFrom(body: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
}

/** A browser for `app.request`: cookies, Origin, and the CSRF token of the last page it saw. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  userAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
  /** Headers sent with every request (e.g. X-Forwarded-For behind a trusted proxy). */
  extraHeaders: Record<string, string> = {};

  constructor(public app: App) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      "User-Agent": this.userAgent,
      ...this.extraHeaders,
      ...init.headers,
    };
    const cookie = this.cookieHeader();
    if (cookie) headers.Cookie = cookie;
    const res = await this.app.request(path, {
      method,
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = await res.text();
    const token = csrfFrom(body);
    if (token) this.csrf = token;
    return {
      status: res.status,
      body,
      headers: res.headers,
      location: res.headers.get("location"),
      setCookies,
    };
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.request("GET", path, headers ? { headers } : {});
  }

  /**
   * POSTs a form from our own origin with the last page's CSRF token, unless `csrf` says otherwise
   * (a string: that token; null: no token field at all).
   */
  post(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: string | null; origin?: string | null } = {},
  ): Promise<Answer> {
    const form = new URLSearchParams(fields);
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== null && token !== undefined) form.set("_csrf", token);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    const origin = options.origin === undefined ? ORIGIN : options.origin;
    if (origin !== null) headers.Origin = origin;
    return this.request("POST", path, { body: form.toString(), headers });
  }

  /** Opens the sign-in page and signs in; returns the POST's answer (303 on success). */
  async signIn(email: string, password = PASSWORD): Promise<Answer> {
    await this.get("/sign-in");
    return this.post("/sign-in", { email, password });
  }
}

/** A signed-in browser (fails the test if signing in does not work). */
export async function signedIn(app: App, email: string, password = PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(app);
  const answer = await browser.signIn(email, password);
  if (answer.status !== 303)
    throw new Error(`sign-in as ${email} answered ${answer.status}: ${answer.body.slice(0, 500)}`);
  // the page a browser lands on after signing in carries the session's own CSRF token
  await browser.get("/account/");
  return browser;
}
