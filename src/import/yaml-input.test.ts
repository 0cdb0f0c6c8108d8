/** dropUnknownKeys: what an importer does not read is named once per key, however long the list. */
import { describe, expect, it } from "vitest";
import { hostileFt } from "../../test/support/hostile-ft.js";
import { ImportError, ImportLog } from "./types.js";
import {
  boundEntries,
  dropUnknownKeys,
  readYamlText,
  YAML_INPUT_ENTRIES,
  YAML_INPUT_TOKENS,
  type YamlInput,
} from "./yaml-input.js";

/** Parsed data as readYamlText gives it, each node located at a line made from its path. */
const input = (value: unknown): YamlInput => ({
  value,
  at: (path) => ({ file: "family.yml", line: 1 + Number(path.find((p) => typeof p === "number") ?? 0) }),
});

describe("dropUnknownKeys", () => {
  it("names each unread key once, at its first entry, with how many entries hold it", () => {
    const log = new ImportLog();
    const levels = [
      { id: "a", name: "A", colour: "red" },
      { id: "b", owner: "x" },
      "not an entry",
      { id: "c", colour: "" },
    ];
    dropUnknownKeys(input({ levels }), log, ["levels"], ["id", "name"]);
    expect(log.bends.map((b) => [b.at.line, b.message])).toEqual([
      [1, "levels: colour has no place in a rungs framework (on 2 of 4)"],
      [2, "levels: owner has no place in a rungs framework (on 1 of 4)"],
    ]);
  });

  it("a nested list is named by its path; a path that is not there reports nothing", () => {
    const log = new ImportLog();
    const topics = [{ content: [{ level: 1 }, { level: 2, note: "n" }] }];
    dropUnknownKeys(input({ topics }), log, ["topics", 0, "content"], ["level"]);
    dropUnknownKeys(input({ topics }), log, ["topics", 5, "content"], ["level"]);
    dropUnknownKeys(input(null), log, ["topics"], ["level"]);
    expect(log.bends.map((b) => b.message)).toEqual([
      "topics[0].content: note has no place in a rungs framework (on 1 of 2)",
    ]);
  });

  it("hostile: 100,000 entries each with an unread key are one bend, read once", () => {
    const log = new ImportLog();
    const competencies = Array.from({ length: 100_000 }, (_, i) => ({ id: `c${i}`, [`k${i % 3}`]: i }));
    const started = process.cpuUsage();
    dropUnknownKeys(input({ competencies }), log, ["competencies"], ["id"]);
    const cpu = process.cpuUsage(started);
    expect(log.bends.map((b) => b.message)).toEqual([
      "competencies: k0 has no place in a rungs framework (on 33334 of 100000)",
      "competencies: k1 has no place in a rungs framework (on 33333 of 100000)",
      "competencies: k2 has no place in a rungs framework (on 33333 of 100000)",
    ]);
    // linear: a few tens of milliseconds; a pass per entry over the list would take minutes
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2000);
  });
});

describe("the bound on a YAML input's entries", () => {
  const refusal = (text: string, limit = 3) => {
    try {
      boundEntries("big.yml", text, 1, limit);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      return (error as ImportError).problems.map((p) => `${p.at.file}:${p.at.line}: ${p.message}`);
    }
    return [];
  };

  it("counts block pairs and items, flow entries once each, and nothing inside a text", () => {
    const over = "holds more than 3 entries (key: value pairs and list items), more than an import reads";
    expect(refusal("a: 1\nb:\n  - x\n  - y\n")).toEqual([`big.yml:4: ${over}`]);
    expect(refusal("a: 1\nb:\n  - x\n")).toEqual([]);
    expect(refusal("{a: 1, b: 2, c: 3}")).toEqual([]);
    expect(refusal("{a: 1, b: 2, c: 3, d: 4}")).toEqual([`big.yml:1: ${over}`]);
    expect(refusal("[x, y, z]\n")).toEqual([]);
    expect(refusal("[x, y, z, w]\n")).toEqual([`big.yml:1: ${over}`]);
    expect(refusal(`t: "a: b, - c, [d]"\nu: |\n  e: f, - g\n  {h: i}\n`)).toEqual([]);
  });

  it("hostile: a 10 MiB flow line is refused in a pass that stops at the bound", async () => {
    const huge = new TextDecoder().decode(hostileFt(10 * 1024 * 1024));
    const started = process.cpuUsage();
    expect(() => readYamlText("huge.yml", huge)).toThrow(
      `holds more than ${YAML_INPUT_ENTRIES.toLocaleString("en")} entries (key: value pairs and list items)`,
    );
    const cpu = process.cpuUsage(started);
    // about half a second; the yaml library's parse of the whole line takes ~17 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(4000);
  });

  it("hostile: 2 million comment lines are refused by the bound on tokens, not parsed", () => {
    const started = process.cpuUsage();
    expect(() => readYamlText("notes.yml", `${"# note\n".repeat(2_000_000)}a: 1\n`)).toThrow(
      `notes.yml:${YAML_INPUT_TOKENS / 2 + 1}: holds more than ${YAML_INPUT_TOKENS.toLocaleString("en")} YAML tokens`,
    );
    const cpu = process.cpuUsage(started);
    // parsed whole, such a file took 6 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
  });
});

describe("nesting in a YAML input", () => {
  it("hostile: 5,000 nested brackets are refused at the bound framework files have, not a stack overflow", () => {
    for (const text of [
      `a: ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`,
      `${"{a: ".repeat(3_000)}1${"}".repeat(3_000)}`,
    ])
      expect(() => readYamlText("deep.yml", text)).toThrow(
        "deep.yml:1: mappings and lists are nested more than 64 deep here",
      );
  });
});

describe("duplicate keys in a YAML input", () => {
  it("are refused at the repeat, in a mapping at any depth", () => {
    const refused = (text: string) => {
      try {
        readYamlText("family.yml", text);
      } catch (error) {
        return (error as ImportError).problems.map((p) => `${p.at.file}:${p.at.line}: ${p.message}`);
      }
      return [];
    };
    expect(refused("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n")).toEqual([
      'family.yml:5: the key "c" is written twice in one mapping: each key is written once',
    ]);
    expect(refused("__proto__: 1\n__proto__: 2\n")).toEqual([
      'family.yml:2: the key "__proto__" is written twice in one mapping: each key is written once',
    ]);
    expect(refused("- {a: 1}\n- {a: 1}\n")).toEqual([]);
  });

  it("hostile: 40,000 different keys are checked in one pass", () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join("\n");
    const started = process.cpuUsage();
    readYamlText("wide.yml", text);
    const cpu = process.cpuUsage(started);
    // the yaml library's own check compared every key with every other: 20 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(3000);
  });
});
