/*
 * Single sign-on as people meet it: `rungs serve` (the built binary) configured from the environment for an
 * OpenID Connect provider that this test runs; Chromium clicks "Sign in with …", goes through the provider
 * and lands back on the page it came from, signed in. A refusal at the provider ends on a page that says so.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore } from "../../src/store/store.js";
import { TestOidcProvider } from "../support/oidc-provider.js";
import { axeViolations, launchBrowser, screenshot, serveRungs, watchedPage } from "./harness.js";

let folder: string;
let provider: TestOidcProvider;
let server: Awaited<ReturnType<typeof serveRungs>>;
let browser: Browser;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "rungs-e2e-sso-"));
  // Ada exists (an admin added from the CLI, say) and has no password: SSO is her only way in
  const database = openDatabase({ file: join(folder, "rungs-data/rungs.db") });
  try {
    await migrate(database);
    const created = await createStore(database).people.create({
      name: "Ada Lovelace",
      email: "ada@example.com",
      admin: true,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
  } finally {
    await database.close();
  }

  provider = await TestOidcProvider.start();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("RUNGS_")) delete env[name];
  delete env.DATABASE_URL;
  Object.assign(env, {
    RUNGS_OIDC_ISSUER: provider.issuer,
    RUNGS_OIDC_CLIENT_ID: provider.clientId,
    RUNGS_OIDC_CLIENT_SECRET: provider.clientSecret,
    RUNGS_OIDC_NAME: "Example ID",
  });
  server = await serveRungs({ cwd: folder, env });
  // registered at the provider as an operator would: RUNGS_PUBLIC_URL (here the local address) + the path
  provider.redirectUris.add(`${server.origin}/sign-in/sso/callback/`);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("single sign-on in Chromium", () => {
  it("says at start which provider it uses", () => {
    expect(server.output()).toContain(`rungs: single sign-on with ${provider.issuer}\n`);
    expect(server.output()).not.toContain(provider.clientSecret);
  });

  it("a framework page → Sign in → Sign in with Example ID → back on that page, signed in", async () => {
    provider.user = { sub: "ada-1", email: "Ada@Example.com", email_verified: true, name: "Ada L." };
    const { page, problems } = await watchedPage(browser, { reuse: true });
    const { origin } = server;

    await page.goto(`${origin}/frameworks/engineering/`);
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(`${origin}/sign-in?next=%2Fframeworks%2Fengineering%2F`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sign-in-sso");

    await page.getByRole("link", { name: "Sign in with Example ID" }).click();
    await page.waitForURL(`${origin}/frameworks/engineering/`);
    await expect(page.getByRole("navigation", { name: "Account" }).textContent()).resolves.toContain(
      "Ada Lovelace",
    );
    await page.goto(`${origin}/account/`);
    await expect(page.locator("table.sessions tbody tr").count()).resolves.toBe(1);
    expect(provider.tokenRequests).toEqual([{ method: "client_secret_basic", outcome: "ok" }]);
    expect(problems).toEqual([]);
  });

  it("a refusal at the provider ends on a page that says so, with a way to try again", async () => {
    provider.refuseWith = "access_denied";
    const { page, problems } = await watchedPage(browser, {
      reuse: true,
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    const { origin } = server;
    await page.goto(`${origin}/sign-in`);
    await page.getByRole("link", { name: "Sign in with Example ID" }).click();
    await page.waitForURL(new RegExp(`^${origin}/sign-in/sso/callback/\\?`));
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "The identity provider did not sign you in",
    );
    await expect(page.locator("main code").textContent()).resolves.toBe("access_denied");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sign-in-sso-refused-mobile-dark");

    // trying again once the provider lets them in
    provider.refuseWith = undefined;
    await page.getByRole("link", { name: "Try again" }).click();
    await page.waitForURL(`${origin}/`);
    await expect(page.getByRole("navigation", { name: "Account" }).textContent()).resolves.toContain(
      "Ada Lovelace",
    );
    expect(problems.filter((p) => !/^(HTTP 401: |console: Failed to load resource.*401)/.test(p))).toEqual(
      [],
    );
    expect(problems.some((p) => p.startsWith(`HTTP 401: ${origin}/sign-in/sso/callback/`))).toBe(true);
  });
});
