import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE, checkYaml } from "../../test/support/check-yaml.js";
import { yamlFiles } from "../../test/support/fuzz.js";
import type { CheckResult } from "./load-framework.js";

const root = new URL("../../", import.meta.url).pathname;

// Seeds: the little base framework and every example root file (single-file frameworks check on their own).
const seeds = [BASE, ...yamlFiles(join(root, "examples")).map((f) => readFileSync(f, "utf8"))].filter((t) =>
  t.includes("rungs: 1"),
);

/** Every diagnostic must point inside the text it is about. */
function assertLocated(result: CheckResult, text: string): void {
  const lines = text.split("\n");
  for (const d of result.diagnostics) {
    expect(d.file).toBe("fw.yaml");
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(Math.max(1, lines.length));
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
    expect(typeof d.message).toBe("string");
    expect(["error", "warning", "info"]).toContain(d.severity);
  }
}

const mutation = (text: string) =>
  fc.oneof(
    // delete a slice
    fc.tuple(fc.nat(text.length), fc.nat(40)).map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
    // insert YAML-ish noise
    fc
      .tuple(
        fc.nat(text.length),
        fc.constantFrom(
          ":",
          "- ",
          "  ",
          "\n",
          "[",
          "{",
          "'",
          '"',
          "&a ",
          "*a",
          "? ",
          "#",
          "\t",
          "42",
          "null",
          "id: x\n",
        ),
      )
      .map(([at, s]) => text.slice(0, at) + s + text.slice(at)),
    // duplicate or drop a line, or change its indentation
    fc.tuple(fc.nat(400), fc.constantFrom("dup", "drop", "indent", "dedent")).map(([i, op]) => {
      const lines = text.split("\n");
      const n = i % lines.length;
      const line = lines[n] as string;
      if (op === "dup") lines.splice(n, 0, line);
      else if (op === "drop") lines.splice(n, 1);
      else if (op === "indent") lines[n] = `  ${line}`;
      else lines[n] = line.replace(/^ {1,2}/, "");
      return lines.join("\n");
    }),
    // replace a scalar with another type
    fc.tuple(fc.nat(400), fc.constantFrom("123", "true", "[]", "{}", "~", "'x'", "-1.5")).map(([i, v]) => {
      const lines = text.split("\n");
      const n = i % lines.length;
      lines[n] = (lines[n] as string).replace(/: .*$/, `: ${v}`);
      return lines.join("\n");
    }),
  );

describe("loader never throws and always locates", () => {
  it("on mutations of real frameworks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...seeds)
          .chain((seed) =>
            fc
              .array(fc.constant(null), { minLength: 1, maxLength: 3 })
              .chain((ops) => ops.reduce((acc) => acc.chain(mutation), fc.constant(seed))),
          ),
        async (text) => {
          const result = await checkYaml(text);
          assertLocated(result, text);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });

  it("on arbitrary text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        const result = await checkYaml(text);
        assertLocated(result, text);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it("on arbitrary JSON-like values written as YAML", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const text = `rungs: 1\n${JSON.stringify({ x: value })}`;
        const result = await checkYaml(text);
        assertLocated(result, text);
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
