import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { EXIT } from "../src/cli/context.js";
import { REFERENCE_SCALE } from "../src/core/equivalence.js";
import { LINT_RULES } from "../src/core/lint-rules.js";
import * as schema from "../src/core/schema.js";
import { SUGGESTION_BUDGET, SUGGESTION_MAX_LENGTH } from "../src/core/text.js";
import { DEFAULT_LOAD_LIMITS, formatBytes } from "../src/load/limits.js";
import { checkYaml } from "./support/check-yaml.js";

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

describe("the documented limits and exit statuses are the ones in the code", () => {
  const security = readFileSync(join(root, "docs/security.md"), "utf8");
  const cli = readFileSync(join(root, "docs/cli.md"), "utf8");
  const n = (value: number) => value.toLocaleString("en");
  const limits = [
    ["size of one file", formatBytes(DEFAULT_LOAD_LIMITS.fileBytes)],
    ["size of all the files of a framework", formatBytes(DEFAULT_LOAD_LIMITS.frameworkBytes)],
    ["YAML files in a framework directory", n(DEFAULT_LOAD_LIMITS.files)],
    ["nesting of mappings and lists", n(DEFAULT_LOAD_LIMITS.depth)],
    ["aliases read in one file", n(DEFAULT_LOAD_LIMITS.aliases)],
    ["what aliases copy in one file", n(DEFAULT_LOAD_LIMITS.aliasedSize)],
    ["a word that gets a did-you-mean suggestion", `${SUGGESTION_MAX_LENGTH} characters`],
    ["names did-you-mean compares in one check of a file or framework", n(SUGGESTION_BUDGET)],
  ] as const;

  it.each(limits)("%s: %s in format.md and security.md", (bound, value) => {
    for (const page of [format, security]) {
      const row = page.split("\n").find((line) => line.startsWith(`| ${bound}`));
      expect(row, bound).toBeDefined();
      expect(row?.split("|")[2]?.trim(), bound).toBe(value);
    }
  });

  it("every exit status is in cli.md's table", () => {
    for (const status of Object.values(EXIT)) expect(cli).toMatch(new RegExp(`^\\| ${status} +\\|`, "m"));
  });
});

describe("the README stays true to the repository", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");

  it("names only files and folders that exist", () => {
    // Relative links, and paths in code spans that start with a top-level folder of the repository.
    const linked = [...readme.matchAll(/\]\(((?:docs|examples|test|bench|data|schema|src)\/[^)#\s]*)/g)];
    const quoted = [...readme.matchAll(/`((?:docs|examples|test|bench|data|schema|src)\/[\w./-]+)`/g)];
    const paths = [...linked, ...quoted].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it("names, in its commands and code spans too, only paths that exist, and links only headings that exist", () => {
    // paths inside code blocks and spans: the repository's own folders and its top-level files
    const code = [...readme.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((m) => m[0]).join("\n");
    const inCode = [
      ...code.matchAll(
        /(?<![\w./-])((?:\.ci|docs|examples|test|bench|data|schema|src|scripts)\/[\w./*-]*[\w*])/g,
      ),
      ...code.matchAll(
        /(?<![\w./-])((?:package|tsconfig|biome|vitest\.config)[\w.]*\.(?:json|ts))(?![\w/])/g,
      ),
    ].map((m) => m[1] as string);
    expect(inCode).toContain("test/fixtures/four-problems.yaml");
    for (const path of inCode) {
      // a pattern (examples/seed-*) must match something
      const [folder = "", pattern] = path.includes("*") ? [dirname(path), basename(path)] : [path];
      const exists = pattern
        ? readdirSync(join(root, folder)).some((name) => name.startsWith(pattern.replace(/\*.*$/, "")))
        : existsSync(join(root, path));
      expect(exists, path).toBe(true);
    }
    // a link to a heading of a doc (docs/operations.md#2-the-database) names a heading that is there
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, "")
        .replace(/\s/g, "-");
    for (const [, file, anchor] of readme.matchAll(/\]\(((?:docs|bench)\/[\w./-]+\.md)#([\w-]+)\)/g)) {
      const headings = readFileSync(join(root, file as string), "utf8")
        .split("\n")
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => slug(line.replace(/^#+ /, "")));
      expect(headings, `${file}#${anchor}`).toContain(anchor);
    }
  });

  it("starts your own framework with one that checks clean", async () => {
    const block = /## Your own framework[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    // the current format, which every missing-root message names
    expect(block).toContain("rungs: 2");
    expect((await checkYaml(block ?? "")).diagnostics).toEqual([]);
  });

  it("shows a mistake exactly as `rungs check` prints it", () => {
    const block = /A mistake looks like this[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeTruthy();
    const file = /^(\S+?):\d+:\d+/.exec(block ?? "")?.[1] as string;
    const run = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "check", file], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(run.status).toBe(EXIT.errors);
    expect(run.stdout).toContain((block ?? "").trimEnd());
  });
});
