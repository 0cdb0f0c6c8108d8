/**
 * A role's own cells carry user text into new places (compare rows, search results and their labels, the
 * personal goals' role chooser and headings): a framework whose role names, role statements, role criteria
 * and step descriptions are markup must come out as text on every one of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";

const BAD = `<img src=x onerror=alert(1)>"><script>alert(2)</script>`;
const quoted = JSON.stringify(BAD);
const dir = mkdtempSync(join(tmpdir(), "rungs-hostile-roles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, "framework.yaml"),
  `rungs: 2
id: hostile
name: Hostile roles
scales:
  - id: s
    name: ${quoted}
    steps:
      - { id: one, name: ${quoted}, description: ${quoted} }
      - { id: two, name: Two, description: ${quoted} }
tracks: [{ id: t, name: Track }]
levels:
  - { id: l1, name: One, track: t }
  - { id: l2, name: Two, track: t, follows: [l1] }
areas:
  - id: a
    name: Area
    competencies:
      - id: c
        name: Competency
        scale: s
        expectations:
          l1: { step: one, statement: Shared one. }
          l2:
            step: two
            statement: Shared two.
            roles:
              r:
                replace: true
                step: one
                statement: ${quoted}
                criteria: [{ id: k, text: ${quoted} }]
roles:
  - { id: r, name: ${quoted}, family: f, levels: [l1, l2] }
  - { id: q, name: Quiet, family: f, levels: [l1, l2] }
families: [{ id: f, name: Family }]
`,
);
const { app, registry } = await pathsApp([dir]);

describe("role cells with markup in every text", () => {
  it("loads", () => expect(registry.get("hostile")?.index).toBeDefined());

  for (const path of [
    "/frameworks/hostile/compare/l1/l2/",
    "/frameworks/hostile/compare-roles/r/q/",
    "/search/?q=alert+img+script",
    "/frameworks/hostile/goals/personal/?pick=c:l1&target=l2&role=r",
    "/frameworks/hostile/goals/personal/",
  ]) {
    it(`${path} shows it as text`, async () => {
      const { status, body } = await get(app, path);
      expect(status).toBe(200);
      expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(body).not.toMatch(/<img src=x|<script>alert/);
    });
  }

  it("the JSON answers keep it as text too", async () => {
    for (const path of [
      "/api/frameworks/hostile/compare/l1/l2",
      "/api/search?q=alert+img+script",
      "/api/frameworks/hostile/goals/personal?pick=c:l1&target=l2&role=r",
    ]) {
      const { status, type, body } = await get(app, path);
      expect(status, path).toBe(200);
      expect(type).toContain("application/json");
      expect(JSON.stringify(JSON.parse(body))).toContain("onerror=alert(1)");
    }
  });
});
