/**
 * Round trips through the canonical layout: every example and every shape fixture exported to csv (and
 * xlsx) and imported back loads without errors and equals the original on everything the layout holds
 * (test/support/layout-projection.ts). The import is deterministic, and ids survive reordered rows.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { indexFramework } from "../src/core/model.js";
import { csvImporter, layoutCsv } from "../src/import/csv.js";
import type { Importer, ImportInput } from "../src/import/types.js";
import { checkFrameworkFiles, frameworkFiles } from "../src/import/write.js";
import { layoutXlsx, xlsxImporter } from "../src/import/xlsx.js";
import { memoryFileSystem, nodeFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { layoutProjection } from "./support/layout-projection.js";

const dirs = (base: string) =>
  readdirSync(fileURLToPath(new URL(base, import.meta.url)))
    .sort()
    .map((name) => fileURLToPath(new URL(`${base}${name}`, import.meta.url)));
const FRAMEWORKS = [...dirs("../examples/"), ...dirs("./fixtures/shapes/")];

async function load(path: string) {
  const loaded = await loadFramework(path, nodeFileSystem);
  if (!loaded.framework) throw new Error(`${path} did not load`);
  return loaded.framework;
}

/** Imports the inputs, checks the files in memory like `rungs check`, and loads them back. */
async function importBack(inputs: ImportInput[], importer: Importer = csvImporter) {
  const imported = await importer.read(inputs, {});
  const files = frameworkFiles(imported.framework);
  await checkFrameworkFiles(files);
  const fs = memoryFileSystem(Object.fromEntries(files.map((f) => [`/out/${f.path}`, f.text])));
  const loaded = await loadFramework("/out", fs);
  return { files, framework: loaded.framework, bends: imported.bends };
}

const csvInput = (name: string, text: string): ImportInput => ({
  name,
  bytes: new TextEncoder().encode(text),
});

describe("csv and xlsx round trips", () => {
  it.each(FRAMEWORKS.map((path) => [path.split("/").slice(-2).join("/"), path]))(
    "%s comes back equal",
    async (_name, path) => {
      const original = await load(path);
      const index = indexFramework(original);
      const { text } = layoutCsv(index);
      const back = await importBack([csvInput("export.csv", text)]);
      expect(back.bends).toEqual([]);
      expect(layoutProjection(back.framework as never)).toEqual(layoutProjection(original));
      const { bytes } = await layoutXlsx(index);
      const fromXlsx = await importBack([{ name: "export.xlsx", bytes }], xlsxImporter);
      expect(fromXlsx.bends).toEqual([]);
      // the same rows whichever spreadsheet format carried them
      expect(fromXlsx.files).toEqual(back.files);
    },
  );

  it("writes the same spreadsheet bytes for the same framework at any time of day", async () => {
    const index = indexFramework(await load(FRAMEWORKS[0] as string));
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-03-01T09:15:02Z"));
      const morning = (await layoutXlsx(index)).bytes;
      vi.setSystemTime(new Date("2027-11-30T23:59:59Z"));
      const night = (await layoutXlsx(index)).bytes;
      expect(Buffer.from(night).equals(Buffer.from(morning))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("is byte-identical on the same input, and keeps ids when rows are reordered or one changes", async () => {
    const original = await load(FRAMEWORKS[0] as string);
    const { text } = layoutCsv(indexFramework(original));
    const first = await importBack([csvInput("a.csv", text)]);
    const again = await importBack([csvInput("a.csv", text)]);
    expect(again.files).toEqual(first.files);
    const [head, ...rows] = text.trimEnd().split("\r\n");
    const shuffled = [head, ...rows.reverse()].join("\r\n");
    const reordered = await importBack([csvInput("b.csv", shuffled)]);
    const ids = (fw: typeof first.framework) =>
      [
        ...(fw?.levels ?? []).map((l) => l.id),
        ...(fw?.areas ?? []).flatMap((a) => [a.id, ...a.competencies.map((c) => c.id)]),
      ].sort();
    expect(ids(reordered.framework)).toEqual(ids(first.framework));
    const oneChanged = text.replace("Writes small changes", "Writes tiny changes");
    expect(oneChanged).not.toBe(text);
    const changed = await importBack([csvInput("c.csv", oneChanged)]);
    expect(ids(changed.framework)).toEqual(ids(first.framework));
  });
});
