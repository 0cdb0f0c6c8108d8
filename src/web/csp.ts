/**
 * The Content-Security-Policy, in one place: the server sends it as a header, a static site carries it in a
 * <meta> tag, so a page published from `rungs build` is held to the same rules as the page the server sends.
 * Pages need nothing beyond it: no inline scripts, styles or event handlers, only files under /assets/.
 */

/** The directives, as hono's secureHeaders takes them (camelCase names, one array of sources each). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Directives a browser ignores when the policy comes in a <meta> element (CSP 3, §3.3): `frame-ancestors`
 * among them, so a static site cannot forbid framing; only its host's headers can. Leaving them out keeps
 * Chromium from logging a console error on every page.
 */
const HEADER_ONLY = new Set(["frameAncestors", "reportUri", "sandbox"]);

/** The policy as the content of a `<meta http-equiv="Content-Security-Policy">` tag. */
export const META_CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY)
  .filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(" ")}`)
  .join("; ");
