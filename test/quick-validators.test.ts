/**
 * The CLI's quick validators (scripts/quick-validators.ts: zod's compiled validators written out as code, in
 * the place of src/load/quick-validate.ts) answer as the schemas do: for every framework file of the examples
 * and the fixtures, and for variants of each made invalid in the ways authors get files wrong. A validator
 * that let an invalid file through would hide its errors from `rungs check`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { quickValidatorsModule } from "../scripts/quick-validators.js";
import { FragmentFile, FrameworkFile } from "../src/core/schema.js";

const root = new URL("../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "rungs-quick-validators-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "quick-validate.mjs");
const moduleText = quickValidatorsModule();
writeFileSync(file, moduleText);
const { quickValid } = (await import(file)) as {
  quickValid: Record<"framework" | "fragment", (value: unknown) => boolean>;
};

/** The YAML files under a folder, each with its value (files the YAML library cannot read are left out). */
function yamlValues(folder: string): { path: string; value: unknown }[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return yamlValues(path);
    if (!/\.ya?ml$/.test(name)) return [];
    try {
      return [{ path, value: parse(readFileSync(path, "utf8")) as unknown }];
    } catch {
      return [];
    }
  });
}

/** Copies of `value`, each wrong in one place: an unknown field, a wrong type, a bad id, a field gone. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown, edit: (make: (node: unknown) => unknown) => void) => {
    if (out.length > 400 || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, (make) => edit((copy) => (copy as unknown[]).with(i, make((copy as unknown[])[i]))));
      });
      return;
    }
    edit((copy) => ({ ...(copy as object), unknownField: 1 }));
    for (const key of Object.keys(node)) {
      const at = (make: (node: unknown) => unknown) =>
        edit((copy) => ({ ...(copy as object), [key]: make((copy as Record<string, unknown>)[key]) }));
      const child = (node as Record<string, unknown>)[key];
      at(() => 5);
      at(() => ["a list"]);
      if (key === "id" || typeof child === "string") at(() => "Not An Id!");
      edit((copy) => Object.fromEntries(Object.entries(copy as object).filter(([k]) => k !== key)));
      visit(child, at);
    }
  };
  visit(value, (make) => out.push(make(structuredClone(value))));
  return out;
}

const files = [...yamlValues(join(root, "examples")), ...yamlValues(join(root, "test/fixtures"))];

describe("quick validators", () => {
  it("reads the examples and fixtures", () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(files.map((f) => [f.path.slice(root.length), f.value]))(
    "answer as the schema does: %s",
    (_, value) => {
      const kind =
        value && typeof value === "object" && Object.hasOwn(value, "rungs") ? "framework" : "fragment";
      const schema = kind === "framework" ? FrameworkFile : FragmentFile;
      // compared in plain code, each disagreement written out (the start of the value and both answers), then
      // asserted once: a message for every candidate stringified the whole file each time
      const disagree = [value, ...variants(value)].flatMap((candidate) => {
        const quick = quickValid[kind](candidate);
        const full = schema.safeParse(candidate).success;
        return quick === full
          ? []
          : [`quick ${quick}, schema ${full}: ${JSON.stringify(candidate).slice(0, 200)}`];
      });
      expect(disagree).toEqual([]);
    },
  );
  it("are written in parentheses, minified too: V8 compiles them with their module, which Node's compile cache keeps", () => {
    const validators = moduleText.match(/\(input\) => \{/g)?.length ?? 0;
    expect(validators).toBeGreaterThan(2);
    expect(moduleText.match(/\(\(input\) => \{/g)?.length).toBe(validators);
    // as scripts/build-cli.ts bundles it: each factory's arrow returns its validator in parentheses
    const minified = transformSync(moduleText, { minify: true, format: "esm" }).code;
    expect(minified.match(/=>\([\w$]+=>/g)?.length).toBe(validators);
  });
});
