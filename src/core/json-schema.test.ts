import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { frameworkJsonSchema } from "./json-schema.js";

const root = new URL("../../", import.meta.url).pathname;
const committed = JSON.parse(readFileSync(join(root, "schema/rungs.schema.json"), "utf8"));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

describe("JSON Schema", () => {
  it("the committed schema is what the zod schema generates (run `npm run schema:write` after changing it)", () => {
    expect(committed).toEqual(frameworkJsonSchema());
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(committed);
  const files = [...yamlFiles(join(root, "examples")), ...yamlFiles(join(root, "test/fixtures/shapes"))];

  it("finds the example files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(root.length)]))("validates %s", (file) => {
    const ok = validate(parse(readFileSync(join(root, file), "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects a name or title with nothing in it, as the loader does", () => {
    const level = { id: "a", name: "A", track: "t" };
    const file = (name: string, title?: string) => ({
      rungs: 1,
      id: "x",
      name,
      tracks: [{ id: "t", name: "T" }],
      levels: [{ ...level, ...(title === undefined ? {} : { title }) }],
    });
    expect(validate(file("X"))).toBe(true);
    expect(validate(file(""))).toBe(false);
    expect(validate(file(" \t "))).toBe(false);
    expect(validate(file("X", "  "))).toBe(false);
    expect(validate({ roles: [{ id: "r", name: "" }] })).toBe(false);
  });

  it("rejects a file with an unknown field and a wrong type", () => {
    expect(validate({ rungs: 1, id: "x", name: 3, tracks: [] })).toBe(false);
    expect(validate({ levels: [], colour: "red" })).toBe(false);
  });
});
