import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../test/support/app.js";
import { createApp } from "./app.js";

/** A policy as a map of directive → sources, so order and spacing do not matter. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = "", ...sources] = d.split(/\s+/);
        return [name, sources.join(" ")];
      }),
  );
}

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\/?>/;

describe("the content security policy", () => {
  it("a static page carries the server's policy in a meta tag before anything it governs", async () => {
    const { app, registry } = await exampleApp();
    const header = (await get(app, "/frameworks/engineering/")).headers.get("content-security-policy") ?? "";
    const staticApp = createApp({ registry, staticSite: true });
    for (const path of ["/", "/frameworks/engineering/roles/backend-engineer/", "/search/", "/404.html"]) {
      const { body } = await get(staticApp, path);
      const meta = META.exec(body);
      expect(meta, path).not.toBeNull();
      const content = (meta?.[1] ?? "").replaceAll("&#39;", "'");
      const expected = directives(header);
      // a <meta> policy cannot say who may frame the page (CSP 3 ignores frame-ancestors there)
      expected.delete("frame-ancestors");
      expect(directives(content), path).toEqual(expected);
      const head = body.slice(0, body.indexOf("</head>"));
      expect(head.indexOf("<meta http-equiv"), path).toBeLessThan(head.search(/<link|<script|<style/));
    }
  });

  it("docs/security.md shows the policy the server sends", async () => {
    const { app } = await exampleApp();
    const header = (await get(app, "/")).headers.get("content-security-policy") ?? "";
    const docs = readFileSync(new URL("../../docs/security.md", import.meta.url), "utf8");
    const shown = /```\n(default-src[^`]*)```/.exec(docs)?.[1]?.replace(/\s+/g, " ").trim();
    expect(shown && directives(shown)).toEqual(directives(header));
  });

  it("server pages rely on the header alone", async () => {
    const { app } = await exampleApp();
    const { body, headers } = await get(app, "/");
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(body).not.toMatch(META);
  });
});
