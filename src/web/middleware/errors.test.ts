import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../test/support/app.js";
import { createApp } from "../app.js";
import { HttpProblem } from "./errors.js";

describe("one error path", () => {
  it("an unknown API address is problem+json; an unknown page is the HTML error page", async () => {
    const { app } = await exampleApp();
    const api = await get(app, "/api/nothing-here");
    expect(api.status).toBe(404);
    expect(api.type).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toEqual({
      type: "about:blank",
      title: "Not found",
      status: 404,
      detail: "not found",
      error: "not found",
      path: "/api/nothing-here",
    });
    const page = await get(app, "/nothing-here/");
    expect(page.status).toBe(404);
    expect(page.type).toContain("text/html");
    expect(page.body).toContain("<h1>Not found</h1>");
  });

  it("a page asked for as JSON (Accept) answers its problem as JSON; a browser's Accept gets the page", async () => {
    const { app } = await exampleApp();
    const json = await get(app, "/frameworks/nope/", { Accept: "application/json" });
    expect(json.status).toBe(404);
    expect(JSON.parse(json.body)).toMatchObject({ status: 404, error: 'no framework "nope"' });
    const browser = await get(app, "/frameworks/nope/", { Accept: "text/html,application/json;q=0.9" });
    expect(browser.type).toContain("text/html");
  });

  it("an id of 10,000 characters is quoted back cut to 200 with an ellipsis, on the page and in problem+json", async () => {
    const { app } = await exampleApp();
    const id = "é".repeat(10_000);
    const cut = `"${"é".repeat(200)}…"`;
    for (const path of [
      `/frameworks/${id}/`,
      `/api/frameworks/${id}`,
      `/api/frameworks/engineering/levels/${id}`,
    ]) {
      const json = await get(app, path, { Accept: "application/json" });
      expect(json.status).toBe(404);
      expect(JSON.parse(json.body).detail).toContain(cut);
      expect(json.body.length).toBeLessThan(2_000);
    }
    const page = await get(app, `/frameworks/engineering/levels/${id}/`);
    expect(page.status).toBe(404);
    expect(page.body).toContain(cut.replaceAll('"', "&quot;"));
    expect(page.body).not.toContain("é".repeat(201));
  });

  it("a thrown HttpProblem is answered in its format, and any other error is a 500 without its stack", async () => {
    const { registry } = await exampleApp();
    const app = createApp({ registry });
    const thrown = new HttpProblem(409, { detail: "already done", extra: { id: "x" } });
    app.get("/api/test/problem", () => {
      throw thrown;
    });
    app.get("/test/problem/", () => {
      throw thrown;
    });
    app.get("/api/test/fault", () => {
      throw new Error("secret internals at /srv/rungs");
    });
    const api = await get(app, "/api/test/problem");
    expect(api.status).toBe(409);
    expect(JSON.parse(api.body)).toMatchObject({ title: "Conflict", detail: "already done", id: "x" });
    const page = await get(app, "/test/problem/");
    expect(page.status).toBe(409);
    expect(page.body).toContain("already done");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const fault = await get(app, "/api/test/fault");
      expect(fault.status).toBe(500);
      expect(fault.body).not.toContain("secret");
      expect(JSON.parse(fault.body)).toMatchObject({ status: 500, error: "internal error" });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
