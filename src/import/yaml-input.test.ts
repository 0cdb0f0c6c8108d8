/** dropUnknownKeys: what an importer does not read is named once per key, however long the list. */
import { describe, expect, it } from "vitest";
import { ImportLog } from "./types.js";
import { dropUnknownKeys, type YamlInput } from "./yaml-input.js";

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
