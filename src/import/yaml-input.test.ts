/** dropUnknownKeys: what an importer does not read is named once per key, however long the list. */
import { describe, expect, it } from "vitest";
import { hostileFt } from "../../test/support/hostile-ft.js";
import { ImportError, ImportLog } from "./types.js";
import {
  boundEntries,
  dropUnknownKeys,
  readYamlText,
  YAML_INPUT_ENTRIES,
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
      `holds more than ${YAML_INPUT_ENTRIES} entries (key: value pairs and list items)`,
    );
    const cpu = process.cpuUsage(started);
    // about half a second; the yaml library's parse of the whole line takes ~17 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(4000);
  });
});
