/*
 * The page cache (middleware/page-cache.ts): a page missed by many requests at once is rendered once, and a
 * page is kept per host it was asked at (the CASE answers name it in their URIs).
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { exampleApp } from "../../../test/support/app.js";
import { actorOf } from "../auth/session.js";
import type { AppEnv } from "../context.js";
import { cachePages } from "./page-cache.js";

describe("the page cache", () => {
  it("renders a page once for requests that miss it at the same time", async () => {
    const { registry } = await exampleApp();
    const app = new Hono<AppEnv>();
    cachePages(app, registry);
    let renders = 0;
    app.get("/slow/", async (c) => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return c.text(`render ${renders}`);
    });
    const answers = await Promise.all(Array.from({ length: 16 }, () => app.request("/slow/")));
    expect(await Promise.all(answers.map((res) => res.text()))).toEqual(Array(16).fill("render 1"));
    expect(renders).toBe(1);
    // another query string is another page
    expect(await (await app.request("/slow/?other")).text()).toBe("render 2");
  });

  it("renders a page again when a waiting request finds the first answer was not kept", async () => {
    const { registry } = await exampleApp();
    const app = new Hono<AppEnv>();
    cachePages(app, registry);
    let renders = 0;
    app.get("/own/", async (c) => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return c.text("someone's own", 200, { "Cache-Control": "private, no-store" });
    });
    await Promise.all(Array.from({ length: 4 }, () => app.request("/own/")));
    expect(renders).toBe(4);
  });

  it("never keeps an answer made after asking who the viewer is, whatever its headers say", async () => {
    const { registry } = await exampleApp();
    const app = new Hono<AppEnv>();
    cachePages(app, registry);
    let renders = 0;
    // a route that forgot to mark its answer private (a team page once did): the question alone decides
    app.get("/mine/", (c) => {
      actorOf(c);
      return c.text(`for whoever asked, ${++renders}`);
    });
    for (let i = 1; i <= 3; i++)
      expect(await (await app.request("/mine/")).text()).toBe(`for whoever asked, ${i}`);
  });

  it("keeps what each host was sent apart", async () => {
    const { app } = await exampleApp();
    const documents = "/ims/case/v1p1/CFDocuments";
    for (const host of ["a.example", "b.example", "a.example", "b.example"]) {
      const res = await app.request(`http://${host}${documents}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(`http://${host}/`);
      expect(body).not.toContain(host === "a.example" ? "b.example" : "a.example");
    }
  });
});
