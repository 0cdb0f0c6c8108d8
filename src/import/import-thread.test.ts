/**
 * An import in its own thread (import-thread.ts): the run comes back whole, bad input comes back as its
 * located problems, and an import that outgrows its memory or time is stopped with a located problem.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hostileFt } from "../../test/support/hostile-ft.js";
import { runImportInThread } from "./import-thread.js";
import { ImportError } from "./types.js";

const fixture = (path: string) => ({
  name: path,
  bytes: new Uint8Array(readFileSync(new URL(`../../test/fixtures/import/${path}`, import.meta.url))),
});

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).problems.map((p) => `${p.at.file}: ${p.message}`);
}

describe("an import in a thread of its own", () => {
  it("answers with the whole run: files, bends, provenance, diagnostics and counts", async () => {
    const run = await runImportInThread({
      format: "ft",
      inputs: [fixture("ft/data-family.yml")],
      options: {},
      schemeDirs: [],
    });
    expect(run.id).toBe("data-engineering");
    expect(run.files.map((f) => f.path)).toContain("framework.yaml");
    expect(run.provenance).toBeInstanceOf(Map);
    expect(run.provenance.size).toBeGreaterThan(0);
    expect(run.stats.competencies).toBe(2);
  });

  it("answers bad input with its located problems", async () => {
    const bad = { name: "bad.csv", bytes: new TextEncoder().encode("Name,Email\nAda,ada@example.com\n") };
    const problems = await problemsOf(runImportInThread({ format: "csv", inputs: [bad], options: {} }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('bad.csv: no level column: the header has "Name", "Email"');
  });

  it("hostile: stops an import that outgrows its memory, and one that outgrows its time", async () => {
    // 1 MiB: about 90,000 entries, under the bound on entries (YAML_INPUT_ENTRIES), over 64 MB to parse
    const big = { name: "big.yml", bytes: hostileFt(1024 * 1024) };
    expect(
      await problemsOf(
        runImportInThread({ format: "ft", inputs: [big], options: {} }, { memoryMb: 64, seconds: 600 }),
      ),
    ).toEqual(["big.yml: reading the inputs needs more than 64 MB of memory; stopped, nothing imported"]);
    expect(
      await problemsOf(
        runImportInThread({ format: "ft", inputs: [big], options: {} }, { memoryMb: 4096, seconds: 0.2 }),
      ),
    ).toEqual(["big.yml: reading the inputs took longer than 0.2 s; stopped, nothing imported"]);
  }, 120_000);

  it("hostile: a 10 MiB FT file in flow style is refused at its line before the yaml library builds it", async () => {
    const huge = { name: "huge.yml", bytes: hostileFt(10 * 1024 * 1024) };
    const started = process.cpuUsage();
    // one run: its error read both as the messages it lists and as where the first one is
    const error = await runImportInThread({ format: "ft", inputs: [huge], options: {} }).catch((e) => e);
    expect(await problemsOf(Promise.reject(error))).toEqual([
      "huge.yml: holds more than 100,000 entries (key: value pairs and list items), more than an import reads",
    ]);
    expect((error as ImportError).problems[0]?.at).toEqual({ file: "huge.yml", line: 1 });
    // the thread's CPU counts in the process's: about 1 s (the thread's start included) against ~17 s for the
    // parse the bound spares
    const cpu = process.cpuUsage(started);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(4000);
  }, 120_000);
});
