/*
 * First run as an operator meets it: `rungs serve` (the built binary, on a fresh SQLite database in an empty
 * folder) prints a setup link; opening it in Chromium creates the admin, who signs out, mistypes the
 * password, and signs in again; then imports people from a CSV with one bad row, fixes it, and signs out.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, screenshot, watchedPage } from "./harness.js";

const root = new URL("../../", import.meta.url).pathname;
const PASSWORD = "violet staircase under rain";

let server: ChildProcess | undefined;
let folder: string;
let browser: Browser;
let origin: string;
let setupLink: string;
let output = "";

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "rungs-e2e-auth-"));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.RUNGS_REQUIRE_LOGIN;
  server = spawn(process.execPath, [join(root, "dist/cli/main.js"), "serve", "--port", "0"], {
    cwd: folder,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup link printed:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const link = /(http:\/\/127\.0\.0\.1:\d+)\/setup\/[\w-]{43}/.exec(output);
      if (link) {
        clearTimeout(timer);
        origin = link[1] ?? "";
        resolve(link[0]);
      }
    };
    server?.stdout?.on("data", read);
    server?.stderr?.on("data", read);
    server?.on("exit", (code) => reject(new Error(`rungs serve exited with ${code}:\n${output}`)));
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

describe("sign-in in Chromium", () => {
  it("first run: the printed link creates the admin and signs them in; then sign out, a wrong password, sign in", async () => {
    expect(output).toContain("no admin yet");
    const { page, problems } = await watchedPage(browser, { reuse: true });

    await page.goto(setupLink);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Set up rungs");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Your name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Password again").fill(PASSWORD);
    await page.getByRole("button", { name: "Create the admin account" }).click();

    await page.waitForURL(`${origin}/account/?done=welcome`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("My account");
    await expect(page.getByRole("status").textContent()).resolves.toContain("Your admin account is ready");
    await expect(page.getByRole("navigation", { name: "Account" }).textContent()).resolves.toContain(
      "Ada Lovelace",
    );
    await expect(page.locator("table.sessions tbody tr").count()).resolves.toBe(1);
    await expect(page.locator("table.sessions").textContent()).resolves.toContain("this browser");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "account");

    // sign out from the header
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${origin}/sign-in?done=signed-out`);
    await expect(page.getByRole("status").textContent()).resolves.toBe("You have signed out.");

    // the setup link is spent
    const again = await page.goto(setupLink);
    expect(again?.status()).toBe(410);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Setup is already done",
    );

    // a framework page offers "Sign in", which comes back to it
    await page.goto(`${origin}/frameworks/engineering/`);
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(`${origin}/sign-in?next=%2Fframeworks%2Fengineering%2F`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sign-in");

    // a wrong password
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("not my password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "The email or password is not right.",
    );
    await expect(page.getByLabel("Email").inputValue()).resolves.toBe("ada@example.com");
    await expect(page.getByLabel("Password").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sign-in-wrong-password");

    // and the right one, back to the framework page, signed in
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${origin}/frameworks/engineering/`);
    await expect(page.getByRole("navigation", { name: "Account" }).textContent()).resolves.toContain(
      "Ada Lovelace",
    );

    const expected = [
      `HTTP 410: ${setupLink}`,
      `HTTP 401: ${origin}/sign-in`,
      "console: Failed to load resource: the server responded with a status of 410 (Gone)",
      "console: Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    ];
    expect(problems.filter((p) => !expected.includes(p))).toEqual([]);
  });

  it("the admin imports people: a CSV with one bad row is previewed by line, fixed in place, imported; then sign out", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${origin}/sign-in?next=%2Fadmin%2Fimport%2F`);
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${origin}/admin/import/`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Import people");

    const csv = [
      "name,email,manager_email,framework,track,level,role",
      "Grace Hopper,grace@example.com,ada@example.com,engineering,,senior,",
      "Alan Turing,alan.example.com,grace@example.com,engineering,,mid,",
      "Edsger Dijkstra,edsger@example.com,grace@example.com,engineering,,senior,",
      "",
    ].join("\n");
    await page
      .getByLabel("CSV or .xlsx file")
      .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Import preview");
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "1 problem on 1 line; nothing was written.",
    );
    const row = page.locator("table.import-problems tbody tr");
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator("th").textContent()).resolves.toBe('people.csv:3:2 (column "email")');
    await expect(row.locator("td").textContent()).resolves.toContain("is not an email address");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "import-preview-problem");

    // nothing was written: the directory has only the admin
    const directory = await page.context().request.get(`${origin}/people/`);
    expect(await directory.text()).not.toContain("Grace Hopper");

    // fix the bad row right there and preview again
    const box = page.getByLabel("Or fix the CSV here");
    await expect(box.inputValue()).resolves.toBe(csv);
    await box.fill(csv.replace("alan.example.com", "alan@example.com"));
    await page.getByRole("button", { name: "Preview" }).click();
    // the preview of a file without problems is the page that offers the import: read once it has loaded
    await page.getByRole("button", { name: "Import these people" }).waitFor();
    await expect(page.locator("table.import-plan tbody tr").count()).resolves.toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "import-preview-ready");
    await page.getByRole("button", { name: "Import these people" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("3 created, 0 updated");

    // the org tree is there: Grace reports to Ada, Alan and Edsger to Grace
    await page.goto(`${origin}/people/?q=grace`);
    await page.getByRole("link", { name: "Grace Hopper" }).click();
    await expect(page.locator("#reports").textContent()).resolves.toContain("Alan Turing");
    await expect(page.locator("#reports").textContent()).resolves.toContain("Edsger Dijkstra");
    await expect(page.locator("#placement").textContent()).resolves.toContain("Ada Lovelace");
    await screenshot(page, "person");

    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${origin}/sign-in?done=signed-out`);
    const expected = [
      `HTTP 422: ${origin}/admin/import/`,
      "console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
    ];
    expect(problems.filter((p) => !expected.includes(p))).toEqual([]);
  });

  it("my account at 360 px in dark mode: no sideways scrolling, still accessible", async () => {
    const { page, problems } = await watchedPage(browser, {
      reuse: true,
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${origin}/`);
    await page.goto(`${origin}/account/`);
    await expect(page.locator("table.sessions tbody tr").count()).resolves.toBe(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "account-mobile-dark");
    expect(problems).toEqual([]);
  });
});
