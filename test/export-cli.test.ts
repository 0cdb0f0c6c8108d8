/*
 * `rungs export case|jsonld|markdown|pdf` and `rungs import case` as people run them: an export imports back
 * to a framework `rungs check` accepts; Markdown lands as linked files; a missing browser and a level given
 * to a whole-framework format are clear refusals (exit 2) that write nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Framework } from "../src/core/schema.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { EXAMPLE_PATHS } from "./support/app.js";
import { runIn } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "rungs-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const [engineering, product] = EXAMPLE_PATHS as [string, string];

describe("rungs export and import case", () => {
  it("exports a package, imports it back as a checked framework folder", async () => {
    const exported = await runIn(dir, "export", "case", engineering, "--out", "eng.case.json");
    expect(exported.status, exported.err).toBe(0);
    expect(exported.err).toContain("extensions.rungs");
    const pkg = JSON.parse(readFileSync(join(dir, "eng.case.json"), "utf8"));
    expect(pkg.CFDocument).toMatchObject({ title: "Engineering Career Framework", caseVersion: "1.1" });
    const imported = await runIn(dir, "import", "case", "eng.case.json", "--out", "back");
    expect(imported.status, imported.err).toBe(0);
    expect((await runIn(dir, "check", "back")).status).toBe(0);
  });

  it("writes Markdown files and JSON-LD", async () => {
    expect((await runIn(dir, "export", "markdown", product, "--out", "md/")).status).toBe(0);
    expect(readFileSync(join(dir, "md", "index.md"), "utf8")).toMatch(/\]\(levels\/[a-z0-9-]+\.md\)/);
    expect((await runIn(dir, "export", "jsonld", product, "--out", "pm.jsonld")).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "pm.jsonld"), "utf8"))["@context"]).toBe("https://schema.org");
  });

  it("refuses what it cannot do, saying why, and writes nothing", async () => {
    const whole = await runIn(dir, "export", "jsonld", product, "--level", "l3", "--out", "one.jsonld");
    expect(whole.status).toBe(2);
    expect(whole.err).toContain("jsonld exports the whole framework");
    const saved = process.env.RUNGS_CHROMIUM;
    process.env.RUNGS_CHROMIUM = "/nowhere/chromium";
    try {
      const pdf = await runIn(dir, "export", "pdf", engineering, "--level", "senior", "--out", "s.pdf");
      expect(pdf.status).toBe(2);
      expect(pdf.err).toContain("RUNGS_CHROMIUM=/nowhere/chromium is not an executable file");
      expect(existsSync(join(dir, "s.pdf"))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.RUNGS_CHROMIUM;
      else process.env.RUNGS_CHROMIUM = saved;
    }
    // a path that is not there is a typo (exit 2), not a framework with errors (exit 1)
    const missing = await runIn(dir, "export", "csv", join(dir, "no-such-framework"), "--out", "x.csv");
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/^rungs: cannot read .*no-such-framework: no such file or directory\n$/);
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });

  it.each(["csv", "xlsx", "case"])(
    "exports a framework that extends a base whole in %s, and imports it back standing alone",
    async (format) => {
      const mobile = join(root, "test/fixtures/shapes/discipline-mobile");
      const exported = await runIn(
        dir,
        "export",
        format,
        mobile,
        "--out",
        `mobile.${format === "case" ? "case.json" : format}`,
      );
      expect(exported.status, exported.err).toBe(0);
      expect(exported.err).toContain(
        "resolved: discipline-mobile extends ../discipline-base; the export holds the base merged in and extends nothing",
      );
      expect(exported.err).not.toContain("leaves out");
      const imported = await runIn(
        dir,
        "import",
        format,
        `mobile.${format === "case" ? "case.json" : format}`,
        "--out",
        `mobile-${format}-back`,
      );
      expect(imported.status, imported.err).toBe(0);
      const back = await loadFramework(join(dir, `mobile-${format}-back`), nodeFileSystem);
      expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const original = (await loadFramework(mobile, nodeFileSystem)).framework as Framework;
      expect(back.framework?.extends).toBeUndefined();
      // the same pages: levels, and every competency's cells, the base's inherited ones included
      expect(entities(back.framework as Framework)).toEqual(entities(original));
      expect(entities(original).competencies.map((c) => c.id)).toEqual([
        "code",
        "debugging",
        "store-releases",
      ]);
    },
  );
});

/** What a reader sees of a framework: its levels, and each competency's name and text per level. */
function entities(framework: Framework) {
  return {
    levels: (framework.levels ?? []).map((l) => [l.id, l.name]),
    competencies: (framework.areas ?? []).flatMap((a) =>
      a.competencies.map((c) => ({
        area: a.id,
        id: c.id,
        name: c.name,
        cells: Object.entries(c.expectations ?? {}).map(([level, e]) => [
          level,
          typeof e === "string" ? e : (e as { statement?: string }).statement,
        ]),
      })),
    ),
  };
}
