import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import { memoryFileSystem, nodeFileSystem } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { loadFramework } from "./load-framework.js";
import { ParseCache } from "./parse-cache.js";

describe("loader diagnostics", () => {
  it("an unclosed bracket is located where it opens, and the file is not read further", async () => {
    const result = await checkYaml(BASE.replace("follows: [junior]", "follows: [junior"));
    expect(located(result.diagnostics)).toEqual(["yaml-syntax@18:14"]);
    expect(result.diagnostics[0]?.message).toBe("this [ is never closed");
    expect(result.diagnostics[0]?.file).toBe("fw.yaml");
    expect(result.framework).toBeUndefined();
  });

  it("a duplicate key is located at the second key, names the first, and the rest is still checked", async () => {
    const result = await checkYaml(BASE.replace("    name: Senior\n", "    name: Senior\n    name: Elder\n"));
    expect(located(result.diagnostics)).toEqual(["duplicate-key@17:5"]);
    expect(result.diagnostics[0]?.hint).toBe(
      '"name" is already set on line 16; remove or rename one of them',
    );
    expect(result.framework?.levels?.[1]?.name).toBe("Senior");
  });

  it("a wrong type is located at the value with a hint", async () => {
    const result = await checkYaml(BASE.replace("name: Tiny", "name: 42"));
    expect(located(result.diagnostics)).toEqual(["invalid-type@3:7"]);
    expect(result.diagnostics[0]?.message).toBe("expected text, got the number 42");
    expect(result.diagnostics[0]?.hint).toBe('put the value in quotes to make it text: "42"');
    expect(result.diagnostics[0]?.path).toBe("name");
  });

  it("an unknown field is located at its key with a did-you-mean hint", async () => {
    const result = await checkYaml(
      BASE.replace("    name: Junior\n", "    name: Junior\n    sumary: Learns.\n"),
    );
    expect(located(result.diagnostics)).toEqual(["unknown-field@14:5"]);
    expect(result.diagnostics[0]?.hint).toBe('did you mean "summary"?');
    expect(result.diagnostics[0]?.path).toBe("levels[0].sumary");
  });

  it("an unknown field far from any known one lists the known fields", async () => {
    const result = await checkYaml(
      BASE.replace("    name: Trunk\n", "    name: Trunk\n    colourful: yes\n"),
    );
    expect(result.diagnostics[0]?.hint).toBe(
      "known fields: id, renamedFrom, name, kind, description, sources",
    );
  });

  it("a missing required field is located at its mapping", async () => {
    const result = await checkYaml(BASE.replace("    name: Junior\n", ""));
    expect(located(result.diagnostics)).toEqual(["missing-field@12:5"]);
    expect(result.diagnostics[0]?.message).toBe('missing required field "name"');
  });

  it("a level left out for a missing field is not reported again at every reference to it", async () => {
    const result = await checkYaml(
      BASE.replace("    name: Junior\n    track: trunk\n", "    name: Junior\n"),
    );
    expect(located(result.diagnostics)).toEqual(["missing-field@12:5"]);
    expect(result.diagnostics[0]?.message).toBe('missing required field "track"');
    // a reference to a level nobody declared is still one
    const typo = await checkYaml(
      BASE.replace("    name: Junior\n    track: trunk\n", "    name: Junior\n").replace(
        "follows: [senior]\n  - id: manager",
        "follows: [senoir]\n  - id: manager",
      ),
    );
    expect(typo.diagnostics.map((d) => d.message)).toContain('unknown level "senoir"');
  });

  it("an invalid enum value suggests the closest option", async () => {
    const result = await checkYaml(BASE.replace("    name: IC\n", "    name: IC\n    kind: icc\n"));
    expect(located(result.diagnostics)).toEqual(["invalid-value@9:11"]);
    expect(result.diagnostics[0]?.hint).toBe('did you mean "ic"?');
  });

  it("a malformed id says what an id looks like", async () => {
    const result = await checkYaml(
      BASE.replace("  - id: staff", "  - id: Staff Engineer").replace(
        "[senior]\n  - id: manager",
        "[senior]\n  - id: manager",
      ),
    );
    const d = result.diagnostics.find((x) => x.code === "invalid-value");
    expect(d && `${d.line}:${d.column}`).toBe("19:9");
    expect(d?.message).toContain("must be lowercase letters, digits");
  });

  it("an expectation of the wrong kind names both accepted forms", async () => {
    const result = await checkYaml(
      BASE.replace("junior: Writes small changes that pass review.", "junior: [a, b]"),
    );
    const d = result.diagnostics.find((x) => x.code === "invalid-type");
    expect(d && `${d.line}:${d.column}`).toBe("34:19");
    expect(d?.message).toBe("expected text or a mapping, got a list");
  });

  it("an unknown field inside an expectation mapping is found through the union", async () => {
    const result = await checkYaml(
      BASE.replace("junior: Writes small changes that pass review.", "junior: { statment: Writes. }"),
    );
    expect(located(result.diagnostics)).toEqual(["missing-expectation@33:9", "unknown-field@34:21"]);
    expect(result.diagnostics[1]?.hint).toBe('did you mean "statement"?');
  });

  it("an unsupported format version is refused", async () => {
    const result = await checkYaml(BASE.replace("rungs: 1", "rungs: 3"));
    expect(located(result.diagnostics)).toEqual(["invalid-value@1:8"]);
    expect(result.framework).toBeUndefined();
  });

  it("one id where a list is expected is shown as the list it should be, which fits a { … } line too", async () => {
    const result = await checkYaml(BASE.replace("follows: [junior]", "follows: junior"));
    expect(located(result.diagnostics)).toEqual(["invalid-type@18:14"]);
    expect(result.diagnostics[0]?.hint).toBe('write a list: [junior], or one "- item" per line');
    const text = await checkYaml(BASE.replace("follows: [junior]", "follows: the junior level"));
    expect(text.diagnostics[0]?.hint).toBe('write a list: one "- item" per line');
  });

  it("a format version in quotes is told to drop the quotes, not offered the same text back", async () => {
    const result = await checkYaml(BASE.replace("rungs: 1", 'rungs: "1"'));
    expect(located(result.diagnostics)).toEqual(["invalid-value@1:8"]);
    expect(result.diagnostics[0]?.hint).toBe('write it without quotes: 1 is a number, "1" is text');
  });

  it("a type error, an unknown field, a duplicate key and a dangling reference: four diagnostics in one run", async () => {
    const yaml = BASE.replace("name: Tiny", "name: [Tiny]")
      .replace("    name: Junior\n", "    name: Junior\n    titel: Junior Engineer\n")
      .replace("    name: Senior\n", "    name: Senior\n    name: Senior Engineer\n")
      .replace("    follows: [senior]\n  - id: manager", "    follows: [seniour]\n  - id: manager");
    const result = await checkYaml(yaml);
    expect(located(result.diagnostics)).toEqual([
      "invalid-type@3:7",
      "unknown-field@14:5",
      "duplicate-key@18:5",
      "unknown-reference@24:15",
    ]);
    expect(result.ok).toBe(false);
  });
});

describe("what is not a framework", () => {
  it("a file named other than .yaml or .yml is refused unread, saying what a framework is", async () => {
    // a README's emphasis (*word*) read as YAML would be reported as an alias without its anchor
    const fs = memoryFileSystem({ "README.md": "**Career** frameworks\n", "fw.YML": BASE });
    const readme = await loadFramework("README.md", fs);
    expect(readme.framework).toBeUndefined();
    expect(readme.diagnostics.map((d) => `${d.file}:${d.code}@${d.line}:${d.column}`)).toEqual([
      "README.md:read-error@1:1",
    ]);
    expect(readme.diagnostics[0]?.message).toMatch(
      /^not a framework file: a framework is a folder of \.yaml or \.yml files/,
    );
    expect((await loadFramework("fw.YML", fs)).framework?.id).toBeDefined();
  });
});

describe("list entries removed as invalid", () => {
  it("leave every later entry located at its own place in the file", async () => {
    const result = await checkYaml(BASE.replace("follows: [junior]", "follows: [42, juniour, [x], junor]"));
    expect(located(result.diagnostics)).toEqual([
      "invalid-type@18:15",
      "unknown-reference@18:19",
      "invalid-type@18:28",
      "unknown-reference@18:33",
    ]);
    expect(result.diagnostics[3]?.path).toBe("levels[1].follows[3]");
  });
});

describe("size limits", () => {
  it("a file over the file limit is located and not read; the others still are", async () => {
    const root = BASE.split("levels:")[0] as string;
    const levels = `levels:${(BASE.split("levels:")[1] as string).split("areas:")[0]}`;
    const big = `levels:\n${"  # padding\n".repeat(1000)}`;
    const fs = memoryFileSystem({ "fw/framework.yaml": root, "fw/levels.yaml": levels, "fw/more.yaml": big });
    const result = await loadFramework("fw", fs, { limits: { fileBytes: 4096 } });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}@${d.line}:${d.column}`)).toEqual([
      "fw/more.yaml:too-large@1:1",
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      "this file is 11.8 KiB, over the limit of 4 KiB for one file; it is not read",
    );
    expect(result.framework?.levels?.length).toBe(4);
  });

  it("the default limit is 5 MiB, and a file just over it says so", async () => {
    const text = `${BASE}# ${"x".repeat(5 * 1024 * 1024 - BASE.length)}\n`;
    const result = await checkYaml(text);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "this file is 5.1 MiB, over the limit of 5 MiB for one file; it is not read",
    ]);
  });

  it("the files of a framework together, and how many there are, are bounded", async () => {
    const files: Record<string, string> = { "fw/framework.yaml": BASE };
    for (let i = 0; i < 5; i++) files[`fw/sources-${i}.yaml`] = `sources:\n  - { id: s${i}, title: S }\n`;
    const total = await loadFramework("fw", memoryFileSystem(files), {
      limits: { frameworkBytes: BASE.length + 2 * (files["fw/sources-0.yaml"] as string).length },
    });
    expect(total.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual([
      "fw/sources-2.yaml:too-large",
      "fw/sources-3.yaml:too-large",
      "fw/sources-4.yaml:too-large",
    ]);
    const count = await loadFramework("fw", memoryFileSystem(files), { limits: { files: 3 } });
    expect(count.diagnostics.map((d) => `${d.file}:${d.code}:${d.message}`)).toEqual([
      "fw:too-large:more than 3 YAML files in this directory; the rest are not read",
    ]);
    expect(count.files.map((f) => f.file)).toEqual([
      "fw/framework.yaml",
      "fw/sources-0.yaml",
      "fw/sources-1.yaml",
    ]);
  });

  it("a folder within the bounds formats no number for a locale (the first starts ICU's locale data)", async () => {
    const files = { "fw/framework.yaml": BASE, "fw/sources.yaml": "sources:\n  - { id: s1, title: S }\n" };
    const formatted: unknown[] = [];
    const original = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (this: number, ...args: unknown[]) {
      formatted.push(this.valueOf());
      return original.apply(this, args as Parameters<typeof original>);
    };
    try {
      const result = await loadFramework("fw", memoryFileSystem(files));
      expect(result.diagnostics).toEqual([]);
      expect(formatted).toEqual([]);
      // the bound's message, when a folder is over it, still formats its number
      await loadFramework("fw", memoryFileSystem(files), { limits: { files: 1 } });
      expect(formatted).toContain(1);
    } finally {
      Number.prototype.toLocaleString = original;
    }
  });

  it("a directory linked into itself is read once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-loop-"));
    try {
      writeFileSync(join(dir, "framework.yaml"), BASE);
      mkdirSync(join(dir, "more"));
      symlinkSync(dir, join(dir, "more", "again"));
      const result = await loadFramework(dir, nodeFileSystem);
      expect(result.diagnostics).toEqual([]);
      expect(result.files.map((f) => f.file)).toEqual([join(dir, "framework.yaml")]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("directories", () => {
  const root = BASE.split("levels:")[0] as string;
  const levels = `levels:${(BASE.split("levels:")[1] as string).split("areas:")[0]}`;
  const areas = `areas:${BASE.split("areas:")[1]}`;

  it("merges a root file and fragments in path order", async () => {
    const result = await checkYaml({
      "framework.yaml": root,
      "levels/all.yaml": levels,
      "areas/craft.yaml": areas,
      "notes.txt": "ignored",
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.framework?.levels?.map((l) => l.id)).toEqual(["junior", "senior", "staff", "manager"]);
    expect(result.framework?.areas?.[0]?.competencies[0]?.id).toBe("code");
    expect(result.files.map((f) => f.file)).toEqual([
      "fw/areas/craft.yaml",
      "fw/framework.yaml",
      "fw/levels/all.yaml",
    ]);
  });

  it("locates problems in the fragment they are in", async () => {
    const result = await checkYaml({
      "framework.yaml": root,
      "levels/all.yaml": levels.replace("follows: [junior]", "follows: [junor]"),
      "areas/craft.yaml": areas.replace("    name: Craft\n", "    name: Craft\n    owner: me\n"),
    });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}@${d.line}:${d.column}`)).toEqual([
      "fw/areas/craft.yaml:unknown-field@4:5",
      "fw/levels/all.yaml:unknown-reference@8:15",
    ]);
  });

  it("a fragment may not carry root fields", async () => {
    const result = await checkYaml({
      "framework.yaml": root,
      "levels.yaml": `name: Other\n${levels}`,
      "areas.yaml": areas,
    });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}@${d.line}:${d.column}`)).toEqual([
      "fw/levels.yaml:unknown-field@1:1",
    ]);
  });

  it("reports a directory without a root file, its fragments unread", async () => {
    const result = await checkYaml({ "levels.yaml": `${levels}\n  - [broken` });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual(["fw:read-error"]);
    expect(result.diagnostics[0]?.message).toMatch(/^no framework here: no root file/);
  });

  it("finds a root file one folder down, not two", async () => {
    const one = await checkYaml({ "meta/framework.yaml": BASE, "areas/more.yaml": "areas: []\n" });
    expect(one.diagnostics).toEqual([]);
    const two = await checkYaml({ "a/meta/framework.yaml": BASE, "b/other.yaml": "x: [1\n" });
    expect(two.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual(["fw:read-error"]);
  });

  it("reports a second root file at its rungs key", async () => {
    const result = await checkYaml({ "a.yaml": BASE, "b.yaml": root });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}@${d.line}:${d.column}`)).toEqual([
      "fw/b.yaml:multiple-roots@1:1",
    ]);
  });

  it("a folder of frameworks says so and names their folders", async () => {
    const fs = memoryFileSystem({ "all/one/framework.yaml": BASE, "all/two/framework.yaml": BASE });
    const result = await loadFramework("all", fs);
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual([
      "all/two/framework.yaml:multiple-roots",
    ]);
    expect(result.diagnostics[0]?.hint).toBe(
      "all holds 2 frameworks, each in a folder of its own (all/one, all/two, …): name their folders, not the folder that holds them",
    );
    // a YAML file in no framework's folder is why the folder is not read as frameworks: the hint names it
    const stray = memoryFileSystem({
      "all/one/framework.yaml": BASE,
      "all/two/framework.yaml": BASE,
      "all/notes.yaml": "note: stray\n",
    });
    expect(
      (await loadFramework("all", stray)).diagnostics.find((d) => d.code === "multiple-roots")?.hint,
    ).toBe(
      "all holds 2 frameworks, each in a folder of its own (all/one, all/two, …), and YAML files in none of them (all/notes.yaml): move those into a framework's folder to have it read as a folder of frameworks, or name each framework's folder",
    );
    // two roots in one framework's own folder keep the plain hint
    const same = await loadFramework("fw", memoryFileSystem({ "fw/a.yaml": BASE, "fw/sub/b.yaml": BASE }));
    expect(same.diagnostics[0]?.hint).toBe("the root file is fw/a.yaml");
  });

  it("a path that does not exist is an I/O diagnostic, not an exception", async () => {
    const result = await loadFramework("nowhere", memoryFileSystem({}));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["read-error"]);
  });

  it("an empty directory says so", async () => {
    const result = await loadFramework("fw", memoryFileSystem({ "fw/readme.md": "hi" }));
    expect(result.diagnostics[0]?.message).toMatch(/^no framework here: /);
  });
});

describe("cascades", () => {
  it("while a fragment cannot be parsed, references to what it may define are not reported", async () => {
    const root = BASE.split("levels:")[0] as string;
    const levels = `levels:${(BASE.split("levels:")[1] as string).split("areas:")[0]}`;
    const areas = `areas:${BASE.split("areas:")[1]}`;
    const result = await checkYaml({
      "framework.yaml": root,
      "levels.yaml": `${levels}  - [broken`,
      "areas.yaml": areas,
    });
    expect(result.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual(["fw/levels.yaml:yaml-syntax"]);
  });

  it("any entity can cite sources, and an unknown one is located", async () => {
    const yaml = BASE.replace("    name: Trunk\n", "    name: Trunk\n    sources: [hr-wiki]\n");
    const result = await checkYaml(yaml);
    expect(located(result.diagnostics)).toEqual(["unknown-reference@7:15"]);
  });
});

describe("loads that share a ParseCache (rungs diff's two sides)", () => {
  const area = (text: string) =>
    `areas:\n  - id: extra\n    competencies:\n      - id: c\n        expectations:\n          junior: ${text}\n`;
  const sides = (fragment: string) =>
    memoryFileSystem({
      "old/fw.yaml": BASE,
      "old/more.yaml": area("Writes tests."),
      "new/fw.yaml": BASE,
      "new/more.yaml": fragment,
    });

  it("parse a file of the same text once: both versions hold its very values", async () => {
    const fs = sides(area("Writes careful tests."));
    const parsed = new ParseCache();
    const before = await loadFramework("old", fs, { version: false, parsed });
    const after = await loadFramework("new", fs, { version: false, parsed });
    // the root file is the same bytes on both sides; the fragment is not
    expect(after.framework?.levels?.[0]).toBe(before.framework?.levels?.[0]);
    const extra = (fw: typeof before) => fw.framework?.areas?.find((a) => a.id === "extra");
    expect(extra(after)).not.toBe(extra(before));
    expect(extra(after)?.competencies[0]?.expectations.junior).toBe("Writes careful tests.");
  });

  it("leave the values they share as the file says: display names are filled in copies", async () => {
    const unnamed = area("Writes tests.");
    const fs = sides(unnamed);
    const parsed = new ParseCache();
    const before = await loadFramework("old", fs, { version: false, parsed });
    const after = await loadFramework("new", fs, { version: false, parsed });
    for (const side of [before, after]) {
      const extra = side.framework?.areas?.find((a) => a.id === "extra");
      expect([extra?.name, extra?.competencies[0]?.name]).toEqual(["Extra", "C"]);
    }
    // the parse both loads share (the same text is not parsed again) still has no names
    const shared = parsed.parse("other/more.yaml", unnamed, DEFAULT_LOAD_LIMITS).source.value as {
      areas: { name?: string; competencies: { name?: string }[] }[];
    };
    expect(shared.areas[0]?.name).toBeUndefined();
    expect(shared.areas[0]?.competencies[0]?.name).toBeUndefined();
  });

  it("do not reuse the files of a load with errors: validation cut its values", async () => {
    const bad = memoryFileSystem({ "a/fw.yaml": BASE.replace("name: Tiny", "name: 42") });
    const parsed = new ParseCache();
    const first = await loadFramework("a", bad, { version: false, parsed });
    const second = await loadFramework("a", bad, { version: false, parsed });
    expect(located(first.diagnostics)).toEqual(["invalid-type@3:7"]);
    expect(located(second.diagnostics)).toEqual(["invalid-type@3:7"]);
  });
});

describe("names and titles with nothing in them", () => {
  it("are refused where they are written, for the framework, a track, level, competency and role", async () => {
    const text = `${BASE.replace("name: Tiny", 'name: "   "')
      .replace("    name: Trunk", '    name: ""')
      .replace("    name: Senior", '    name: Senior\n    title: "\\t"')
      .replace(
        "        name: Code",
        '        name: " "',
      )}roles:\n  - id: dev\n    name: ""\n    levels: [junior]\n`;
    const { diagnostics } = await checkYaml(text);
    const refused = diagnostics.filter((d) => d.message.includes("must not be empty or only spaces"));
    expect(refused.map((d) => `${d.code}@${d.line}:${d.column} ${d.path}`)).toEqual([
      "invalid-value@3:7 name",
      "invalid-value@6:11 tracks[0].name",
      "invalid-value@17:12 levels[1].title",
      "invalid-value@33:15 areas[0].competencies[0].name",
      "invalid-value@41:11 roles[0].name",
    ]);
    expect(refused.every((d) => d.severity === "error")).toBe(true);
  });
});
