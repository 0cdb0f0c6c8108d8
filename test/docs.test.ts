import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REFERENCE_SCALE } from "../src/core/equivalence.js";
import { LINT_RULES } from "../src/core/lint-rules.js";
import * as schema from "../src/core/schema.js";

const root = new URL("../", import.meta.url).pathname;
const format = readFileSync(join(root, "docs/format.md"), "utf8");

describe("docs/format.md stays true to the code", () => {
  it("lists every lint rule with its default severity and doc line", () => {
    for (const rule of LINT_RULES) {
      expect(format).toContain(`| \`${rule.code}\` | ${rule.severity} | ${rule.description} |`);
    }
  });

  it("describes every field of every entity", () => {
    const objects = (Object.values(schema) as unknown[]).filter(
      (v): v is z.ZodObject => v instanceof z.ZodObject,
    );
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) {
      for (const field of Object.keys(object.shape)) expect(format, field).toContain(`\`${field}\``);
    }
  });
});

describe("docs/job-architecture.md stays true to the code", () => {
  const architecture = readFileSync(join(root, "docs/job-architecture.md"), "utf8");

  it("lists every step of the reference scale with its name and description", () => {
    for (const step of REFERENCE_SCALE) {
      expect(architecture).toContain(`| ${step.rank} | ${step.name} | ${step.description} |`);
    }
  });
});
