/**
 * bench/import: `rungs export xlsx` and `rungs import xlsx` of the large generated framework (400
 * competencies × 15 levels; --small: 100), in this process, against the floor of the same work done with
 * exceljs alone: writing the same rows to a workbook, and loading that workbook and reading every cell.
 * What rungs adds on export is building the rows and the matrix sheets; on import, the zip guard, reading
 * the layout, the canonical YAML and the in-memory `rungs check`. Median CPU of the rounds.
 * Also ids from names (src/import/ids.ts) for 50,000 names that all make one slug (--small: 10,000), against
 * the floor of making each name's slug and sorting the names: suffixing them was once quadratic (thousands
 * of times the floor). Targets: export ≤ 2× the floor, import ≤ 4×, ids ≤ 5×.
 *
 *   tsx bench/import.ts [--small] [--no-fail] [--rounds N]
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { indexFramework } from "../src/core/model.js";
import { allocateIds, slugify } from "../src/import/ids.js";
import { layoutRows } from "../src/import/layout-write.js";
import { runImport } from "../src/import/run.js";
import { layoutXlsx } from "../src/import/xlsx.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs, countFlag, median, ROUNDS_FLAGS } from "./measure.js";

const USAGE = `tsx bench/import.ts [--small] [--no-fail] [--rounds N]

  --small     100 competencies instead of 400, 10,000 names instead of 50,000 (a quick look)
  --no-fail   report a missed target without exiting 1
  --rounds    rounds of each side, of which the median counts (default 5; 3 with --small)`;
const values = benchArgs("import", USAGE, ROUNDS_FLAGS);
const SMALL = values.small ?? false;
const ROUNDS = countFlag("import", USAGE, "rounds", values.rounds, SMALL ? 3 : 5);
const AREAS = SMALL ? 5 : 20;

const bench = new Bench(
  "import",
  `generated framework of ${(AREAS * 20).toLocaleString("en")} competencies × 15 levels, median CPU of ${ROUNDS} runs`,
);

function cpu<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.cpuUsage();
  return work().then((value) => {
    const used = process.cpuUsage(start);
    return { ms: (used.user + used.system) / 1000, value };
  });
}

const dir = join(tmpdir(), `rungs-bench-import-${process.pid}`);
try {
  const fw = generateFramework(dir, { levels: 15, areas: AREAS, perArea: 20 });
  const loaded = await loadFramework(fw.dir, nodeFileSystem);
  if (!loaded.framework) throw new Error("the generated framework did not load");
  const index = indexFramework(loaded.framework);
  const { header, rows } = layoutRows(index);
  const exportMs: number[] = [];
  const writeFloor: number[] = [];
  const importMs: number[] = [];
  const readFloor: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < ROUNDS; i++) {
    const floor = await cpu(async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Rows");
      sheet.addRow(header);
      for (const row of rows) sheet.addRow(row);
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    });
    writeFloor.push(floor.ms);
    const ours = await cpu(() => layoutXlsx(index));
    exportMs.push(ours.ms);
    bytes = ours.value.bytes;
    const read = await cpu(async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as never);
      let cells = 0;
      workbook.getWorksheet("Rows")?.eachRow((row) => {
        row.eachCell(() => {
          cells++;
        });
      });
      return cells;
    });
    readFloor.push(read.ms);
    const imported = await cpu(() => runImport("xlsx", [{ name: "bench.xlsx", bytes }], {}));
    if (imported.value.stats.competencies !== fw.competencies)
      throw new Error(
        `the import read ${imported.value.stats.competencies} competencies of ${fw.competencies}`,
      );
    importMs.push(imported.ms);
  }
  bench.note(
    `${rows.length.toLocaleString("en")} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB of xlsx`,
  );
  bench.row({
    what: "rungs export xlsx (rows + matrix sheets)",
    value: median(exportMs),
    unit: "ms CPU",
    floor: { name: "exceljs writing the rows", value: median(writeFloor) },
    target: { op: "<=", value: 2, of: "ratio" },
  });
  bench.row({
    what: "rungs import xlsx (guard, layout, YAML, check)",
    value: median(importMs),
    unit: "ms CPU",
    floor: { name: "exceljs reading every cell", value: median(readFloor) },
    target: { op: "<=", value: 4, of: "ratio" },
  });
  collidingIds();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** allocateIds on names that all make one slug (the slug stops at 80 characters), against its floor. */
function collidingIds(): void {
  const stem = "a".repeat(80);
  const names = Array.from({ length: SMALL ? 10_000 : 50_000 }, (_, i) => `${stem} ${i}`);
  const ours: number[] = [];
  const floor: number[] = [];
  const time = (work: () => void) => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < ROUNDS; i++) {
    floor.push(time(() => [...new Set(names)].map(slugify).sort()));
    ours.push(
      time(() => {
        if (allocateIds(names).size !== names.length) throw new Error("allocateIds lost a name");
      }),
    );
  }
  bench.row({
    what: `ids for ${names.length.toLocaleString("en")} names on one slug`,
    value: median(ours),
    unit: "ms CPU",
    floor: { name: "slugging and sorting the names", value: median(floor) },
    target: { op: "<=", value: 5, of: "ratio" },
  });
}
bench.finish();
