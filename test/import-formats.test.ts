/**
 * Each importer's fixtures (test/fixtures/import/<format>/, written in the published shapes with our own
 * content) import to the golden framework beside them (`<fixture>.golden/`), pass `rungs check` with no
 * errors, and report the bends they should. `UPDATE_GOLDEN=1` rewrites the golden files after a deliberate
 * change (review the diff).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runImport } from "../src/import/run.js";
import { formatBends, ImportError } from "../src/import/types.js";

const root = fileURLToPath(new URL("./fixtures/import/", import.meta.url));
const read = (format: string, name: string) => ({
  name: `${format}/${name}`,
  bytes: new Uint8Array(readFileSync(join(root, format, name))),
});

function golden(dir: string, files: { path: string; text: string }[], bends: string[]) {
  const all = [...files, { path: "bends.txt", text: bends.map((b) => `${b}\n`).join("") }];
  if (process.env.UPDATE_GOLDEN) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of all) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
  }
  expect(existsSync(dir), `${dir} (run with UPDATE_GOLDEN=1)`).toBe(true);
  for (const f of all) expect(f.text, f.path).toBe(readFileSync(join(dir, f.path), "utf8"));
}

const FIXTURES: [format: string, inputs: string[]][] = [
  ["ft", ["data-family.yml"]],
  ["ft", ["legacy-family.yml"]],
  ["snowflake", ["constants.js"]],
  // the generic first: the golden folder is named after the first input
  ["monzo", ["generic.md", "data-platform.md"]],
  ["monzo", ["data-platform.md"]],
];

describe("importers turn their published shapes into golden frameworks", () => {
  it.each(FIXTURES)("%s %s", async (format, names) => {
    const run = await runImport(
      format,
      names.map((n) => read(format, n)),
      {},
    );
    const bends = formatBends(run.bends);
    golden(join(root, format, `${names[0]}.golden`), run.files, bends);
    // the same input gives the same bytes
    const again = await runImport(
      format,
      names.map((n) => read(format, n)),
      {},
    );
    expect(again.files).toEqual(run.files);
  });
});

describe("importers refuse bad input with located errors", () => {
  const refuse = async (format: string, name: string, text: string) => {
    const error = await runImport(format, [{ name, bytes: new TextEncoder().encode(text) }], {}).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).message;
  };

  it("ft: an unknown level, a duplicate level id, YAML that does not parse", async () => {
    const message = await refuse(
      "ft",
      "bad.yml",
      "name: X\nlevels:\n  - id: a\n  - id: a\nthemes:\n  - id: t\ncompetencies:\n  - level: b\n    theme: t\n    summary: S\n",
    );
    expect(message).toContain("bad.yml:4: level a appears twice (duplicate id)");
    expect(message).toContain('bad.yml:8: competency at unknown level "b" (missing level)');
    expect(await refuse("ft", "broken.yml", "name: X\nlevels: [\n")).toMatch(/^broken.yml:\d+: /);
  });

  it("snowflake: code that would run, in the data or when the module loads, is never run", async () => {
    const ran = "globalThis.rungsRan = true";
    const message = await refuse(
      "snowflake",
      "evil.js",
      `export const pointsToLevels = { '0': '1' }\nexport const tracks = {\n  A: { milestones: [(() => { ${ran} })()] },\n}\n${ran}\n`,
    );
    expect(message).toContain("evil.js:3: tracks: code that would run: CallExpression");
    expect(message).toContain("evil.js:5: code that would run when the module loads: ExpressionStatement");
    expect(Object.hasOwn(globalThis, "rungsRan")).toBe(false);
    expect(
      await refuse("snowflake", "getter.js", "export const tracks = { get A() { return 1 } }\n"),
    ).toContain("getter.js:1: tracks: code that would run: a spread, getter, method or computed key");
    expect(await refuse("snowflake", "levels.js", "export const tracks = {}\n")).toContain(
      "no pointsToLevels object (missing levels)",
    );
  });
});

it("every importer has fixtures here", () => {
  for (const format of new Set(FIXTURES.map(([f]) => f)))
    expect(readdirSync(join(root, format)).length).toBeGreaterThan(0);
});
