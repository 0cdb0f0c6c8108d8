/*
 * Every route that takes a body, taken from the app's own route list (a new route is covered without being
 * listed here), refuses a body over its limit with 413 before anything reads it: anonymous visitors at
 * 64 KiB everywhere, people signed in at 64 KiB except on the routes that declare `acceptsUpload`.
 */
import { expect, it } from "vitest";
import { addPerson, authApp, csrfFrom, ORIGIN, signedIn, TestBrowser } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import type { App } from "../context.js";
import { acceptsUpload, describeBytes, FORM_LIMIT_BYTES } from "./body-limit.js";

/** Small, so the test sends little; the default (10 MiB) is checked in the server test. */
const UPLOAD_LIMIT = 256 * 1024;

interface BodyRoute {
  method: string;
  path: string;
  upload: boolean;
}

/** The routes that take a body, with their parameters filled in (the limit applies before any lookup). */
function bodyRoutes(app: App): BodyRoute[] {
  const found = new Map<string, BodyRoute>();
  for (const route of app.routes) {
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(route.method)) continue;
    const path = route.path.replace(/:[a-z]+/gi, "00000000-0000-4000-8000-000000000000");
    const key = `${route.method} ${path}`;
    const known = found.get(key);
    found.set(key, {
      method: route.method,
      path,
      upload: (known?.upload ?? false) || route.handler === acceptsUpload,
    });
  }
  return [...found.values()];
}

/** A body of exactly `bytes` that our own page could have sent (the CSRF token comes first). */
function bodyOf(
  route: BodyRoute,
  csrf: string,
  bytes: number,
): { body: string; headers: Record<string, string> } {
  if (route.path.startsWith("/api/")) {
    const head = '{"version":0,"picks":[],"filler":"';
    return {
      body: `${head}${"a".repeat(bytes - head.length - 2)}"}`,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    };
  }
  const head = `_csrf=${csrf}&filler=`;
  return {
    body: `${head}${"a".repeat(bytes - head.length)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

/** Sends `bytes` to `route` as `browser`, declared with Content-Length or streamed without one. */
async function send(
  browser: TestBrowser,
  route: BodyRoute,
  bytes: number,
  declared: boolean,
): Promise<Response> {
  const { body, headers } = bodyOf(route, browser.csrf ?? "", bytes);
  expect(Buffer.byteLength(body)).toBe(bytes);
  const encoded = new TextEncoder().encode(body);
  const init: RequestInit & { duplex?: "half" } = {
    method: route.method,
    headers: {
      ...headers,
      Origin: ORIGIN,
      Cookie: browser.cookieHeader(),
      ...(declared ? { "Content-Length": String(bytes) } : {}),
    },
    // a stream has no length until it ends: what a chunked upload looks like
    body: declared
      ? encoded
      : new ReadableStream({
          start(controller) {
            for (let at = 0; at < encoded.length; at += 16 * 1024)
              controller.enqueue(encoded.slice(at, at + 16 * 1024));
            controller.close();
          },
        }),
    duplex: "half",
  };
  return browser.app.request(route.path, init);
}

describeEachDatabase("request body limits", (ctx) => {
  it("every route that takes a body refuses an anonymous one over 64 KiB, declared or streamed", async () => {
    const { app } = await authApp(ctx);
    const routes = bodyRoutes(app);
    // the app really has such routes, and the upload ones are declared
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => r.upload).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        "POST /admin/import/",
        "POST /admin/import/confirm",
        "POST /people/00000000-0000-4000-8000-000000000000/assessments/00000000-0000-4000-8000-000000000000/",
        "PUT /api/people/00000000-0000-4000-8000-000000000000/assessments/00000000-0000-4000-8000-000000000000/draft",
      ]),
    );
    const browser = new TestBrowser(app);
    await browser.get("/sign-in");
    for (const route of routes) {
      for (const declared of [true, false]) {
        const answer = await send(browser, route, FORM_LIMIT_BYTES + 1, declared);
        expect(answer.status, `${route.method} ${route.path} (${declared ? "declared" : "streamed"})`).toBe(
          413,
        );
      }
    }
  });

  it("a signed-in person may send up to the upload limit to upload routes, and 64 KiB elsewhere", async () => {
    const { app, store } = await authApp(ctx, { uploadLimitBytes: UPLOAD_LIMIT });
    await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    for (const route of bodyRoutes(app)) {
      const label = `${route.method} ${route.path}`;
      // signed in afresh for each route: some of them (signing out) end the session
      const admin = await signedIn(app, "ada@example.com");
      const limit = route.upload ? UPLOAD_LIMIT : FORM_LIMIT_BYTES;
      for (const declared of [true, false]) {
        const within = await send(admin, route, limit, declared);
        expect(within.status, `${label}: ${limit} bytes`).not.toBe(413);
        expect(within.status, `${label}: ${limit} bytes`).toBeLessThan(500);
        const over = await send(admin, route, limit + 1, declared);
        expect(over.status, `${label}: ${limit + 1} bytes`).toBe(413);
      }
    }
  });

  it("answers 413 with the usual error page, or JSON under /api/, and closes the connection", async () => {
    const { app } = await authApp(ctx);
    const browser = new TestBrowser(app);
    const page = await browser.get("/sign-in");
    const route = { method: "POST", path: "/sign-in", upload: false };
    const answer = await send(browser, route, 1024 * 1024, true);
    expect(answer.status).toBe(413);
    expect(answer.headers.get("connection")).toBe("close");
    expect(answer.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await answer.text();
    expect(html).toContain("<h1>Too much sent at once</h1>");
    expect(html).toContain(`at most ${describeBytes(FORM_LIMIT_BYTES)}`);
    expect(csrfFrom(page.body)).toBeDefined();

    const api = await send(
      browser,
      { method: "PUT", path: "/api/people/x/assessments/self/draft", upload: true },
      FORM_LIMIT_BYTES + 1,
      false,
    );
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({
      error: "the request body is larger than 64 KiB",
      limitBytes: 65_536,
    });
  });
});
