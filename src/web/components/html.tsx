/**
 * A page as a Response, with the account part of its header filled in per request: pages are rendered once
 * (and cached per framework version) with a slot where the visitor's own sign-in links go.
 */
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppContext } from "../context.js";
import { paths } from "../links.js";
import { ACCOUNT_SLOT, AccountContext, type AccountHeader, AccountNav, VersionContext } from "./page.js";

/**
 * A page as a Response. Pages are synchronous components, so rendering gives a string at once; keeping it
 * synchronous lets route helpers return either a page or data without awaiting.
 */
export function html(
  c: AppContext,
  node: JSX.Element,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503 = 200,
): Response {
  const accounts = Boolean(c.get("auth"));
  const versioned = (
    <VersionContext.Provider value={c.get("frameworkVersion")}>{node}</VersionContext.Provider>
  );
  const shell = (
    accounts ? <AccountContext.Provider value={true}>{versioned}</AccountContext.Provider> : versioned
  ).toString();
  if (typeof shell !== "string") throw new Error("pages must render synchronously");
  c.set("pageShell", shell);
  return c.body(fillAccount(c, shell), status, { "Content-Type": "text/html; charset=utf-8" });
}

/** A page with the account part of its header filled in for this request's visitor. */
export function fillAccount(c: AppContext, shell: string, nav?: string): string {
  const at = shell.indexOf(ACCOUNT_SLOT);
  if (at < 0) return shell;
  return shell.slice(0, at) + (nav ?? accountNav(c)) + shell.slice(at + ACCOUNT_SLOT.length);
}

/** The account part of the header for this request's visitor (what fills a page's ACCOUNT_SLOT). */
export function accountNav(c: AppContext): string {
  const account = accountHeader(c);
  return account ? String(<AccountNav links={c.get("links")} account={account} />) : "";
}

/** What the page header shows about signing in; nothing when the app has no store. */
function accountHeader(c: AppContext): AccountHeader | undefined {
  if (!c.get("auth")) return undefined;
  const viewer = c.get("viewer");
  if (viewer) {
    return {
      signedIn: {
        name: viewer.person.name,
        csrfToken: viewer.csrfToken,
        organization: viewer.organization,
        admin: viewer.person.admin,
      },
    };
  }
  const url = new URL(c.req.url);
  const onTheWayIn = /^\/(sign-in|setup\/|reset\/)/.test(url.pathname);
  return onTheWayIn ? {} : { signInHref: paths.signIn(`${url.pathname}${url.search}`) };
}
