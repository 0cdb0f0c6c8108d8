import { expect, it } from "vitest";
import { addPerson, authApp, signedIn } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import type { App } from "../context.js";

/** A script's request: the token in Authorization, no cookie, no Origin, no CSRF token. */
const script = (app: App, path: string, secret: string, method = "GET") =>
  app.request(path, { method, headers: { Authorization: `Bearer ${secret}` } });

describeEachDatabase("personal API tokens", (ctx) => {
  async function organization(limit = 3) {
    const made = await authApp(ctx, { auth: { signInPerAddress: { limit, windowMs: 60_000 } } });
    const ada = await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const mia = await addPerson(made.store, { name: "Mia Manager", email: "mia@example.com" });
    const pat = await addPerson(made.store, {
      name: "Pat Report",
      email: "pat@example.com",
      managerId: mia.id,
    });
    const out = await addPerson(made.store, { name: "Out Sider", email: "out@example.com" });
    return { ...made, ada, mia, pat, out };
  }

  it("is made on the account page, shown once, and reads the API with exactly its person's rights", async () => {
    const { app, store, mia, pat, out } = await organization();
    const browser = await signedIn(app, "mia@example.com");
    await browser.get("/account/tokens/");
    const made = await browser.post("/account/tokens/", { name: "weekly report" });
    expect(made.status).toBe(200);
    expect(made.headers.get("cache-control")).toContain("no-store");
    const secret = /<code>(rungs_[\w-]{43})<\/code>/.exec(made.body)?.[1] ?? "";
    expect(secret).not.toBe("");
    const again = await browser.get("/account/tokens/");
    expect(again.body).toContain("weekly report");
    expect(again.body).not.toContain(secret);

    const account = await script(app, "/api/account", secret);
    expect(account.status).toBe(200);
    expect(account.headers.get("cache-control")).toBe("private, no-store");
    expect(((await account.json()) as { person: { id: string } }).person.id).toBe(mia.id);
    // the policy decides, as for Mia's own session: her report yes, someone unrelated "not found"
    expect((await script(app, `/api/people/${pat.id}/assessments`, secret)).status).toBe(200);
    expect((await script(app, `/api/people/${out.id}/assessments`, secret)).status).toBe(404);
    expect((await script(app, "/api/admin/team", secret)).status).toBe(403);
    const listed = await script(app, "/api/account/tokens", secret);
    expect(await listed.json()).toMatchObject({ tokens: [{ name: "weekly report", current: true }] });
    expect((await store.apiTokens.list({ personId: mia.id }))[0]?.lastUsedAt).not.toBeNull();
  });

  it("shows how to use it at the public address when one is configured", async () => {
    const { app, store } = await authApp(ctx, { auth: { publicUrl: "https://rungs.example.com/" } });
    await addPerson(store, { name: "Ada", email: "ada@example.com", admin: true });
    const browser = await signedIn(app, "ada@example.com");
    await browser.get("/account/tokens/");
    const made = await browser.post("/account/tokens/", { name: "nightly export" });
    expect(made.body).toMatch(
      /curl -H &quot;Authorization: Bearer rungs_[\w-]{43}&quot; https:\/\/rungs\.example\.com\/api\/account/,
    );
  });

  it("leaves other Authorization schemes alone (a proxy's Basic), and answers a malformed bearer 401", async () => {
    const { app } = await organization(10);
    const basic = await app.request("/api/frameworks", {
      headers: { Authorization: "Basic cHJveHk6c2VjcmV0" },
    });
    expect(basic.status).toBe(200);
    // hostile tokens: 100,000 characters, a prototype's name, a token with its prefix and nothing else
    for (const hostile of [`rungs_${"x".repeat(100_000)}`, "__proto__", "rungs_", "constructor"])
      expect((await script(app, "/api/account", hostile)).status).toBe(401);
    const bare = await app.request("/api/frameworks", { headers: { Authorization: "Bearer" } });
    expect([bare.status, bare.headers.get("www-authenticate")]).toEqual([
      401,
      'Bearer realm="rungs", error="invalid_request"',
    ]);
  });

  it("is refused off /api/, so it never stands in for a session on a page or a form", async () => {
    const { app, store, pat } = await organization();
    const made = await store.apiTokens.create(pat.id, "cli");
    if (!made.ok) throw new Error(made.problem);
    const page = await script(app, "/account/", made.secret);
    expect(page.status).toBe(403);
    expect(await page.json()).toMatchObject({ detail: expect.stringContaining("on /api/ only") });
    // a form post with a token and no CSRF token: refused, and nothing made
    const form = await app.request("/account/tokens/", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${made.secret}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "name=sneaky",
    });
    expect(form.status).toBe(403);
    expect(await store.apiTokens.list({ personId: pat.id })).toHaveLength(1);
  });

  it("revokes through the API without a CSRF token, and a revoked token is answered 401", async () => {
    const { app, store, pat, ada } = await organization();
    const made = await store.apiTokens.create(pat.id, "cron");
    const other = await store.apiTokens.create(ada.id, "admin script");
    if (!made.ok || !other.ok) throw new Error("not made");
    // Pat cannot revoke Ada's token (not found), the admin could revoke Pat's, Pat revokes their own
    expect((await script(app, `/api/account/tokens/${other.token.id}`, made.secret, "DELETE")).status).toBe(
      404,
    );
    const revoked = await script(app, `/api/account/tokens/${made.token.id}`, made.secret, "DELETE");
    expect([revoked.status, await revoked.json()]).toEqual([200, { revoked: made.token.id }]);
    const after = await script(app, "/api/account", made.secret);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toBe('Bearer realm="rungs", error="invalid_token"');
  });

  it("counts wrong tokens per address as failed sign-ins: past the limit even a right one waits", async () => {
    const { app, store, pat } = await organization();
    const made = await store.apiTokens.create(pat.id, "cron");
    if (!made.ok) throw new Error(made.problem);
    for (let i = 0; i < 3; i++)
      expect((await script(app, "/api/account", `rungs_wrong${i}`)).status).toBe(401);
    const waiting = await script(app, "/api/account", made.secret);
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is named in the OpenAPI document as the bearer scheme, for every operation", async () => {
    const { app } = await organization();
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security: object[] }>>;
    };
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/account/tokens/{id}"]?.delete?.security).toContainEqual({ bearer: [] });
    for (const operations of Object.values(doc.paths))
      for (const operation of Object.values(operations))
        expect(operation.security).toContainEqual({ bearer: [] });
  });
});
