/**
 * `rungs equivalence [paths...]`: the rungs reference scale with, per framework, the levels placed at each
 * step (docs/job-architecture.md#the-reference-scale).
 */
import { type EquivalenceCell, equivalenceTable } from "../core/equivalence.js";
import { type CliIo, EXIT, print } from "./context.js";
import { columns, loadIndexes } from "./load-indexes.js";

/** `Manager (M1) close`, `Senior Staff Engineer (L6) 7–8 broad`: name, code, range when wider, match when not exact. */
export function cellLabel(cell: EquivalenceCell): string {
  const code = cell.code !== undefined ? ` (${cell.code})` : "";
  const range = cell.from === cell.to ? "" : ` ${cell.from}–${cell.to}`;
  const match = cell.match === "exact" ? "" : ` ${cell.match}`;
  return `${cell.levelName}${code}${range}${match}`;
}

export async function equivalenceCommand(
  paths: string[],
  options: { format?: "text" | "json" },
  io: CliIo,
): Promise<number> {
  const indexes = await loadIndexes(paths, io);
  const table = equivalenceTable([...indexes.values()]);
  if (options.format === "json") {
    print(io.stdout, `${JSON.stringify(table, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = [["step", "", ...table.frameworks.map((f) => f.id)]];
  for (const row of table.rows) {
    rows.push([
      String(row.rank),
      row.name,
      ...table.frameworks.map((f) => (row.cells[f.id] ?? []).map(cellLabel).join(", ") || "—"),
    ]);
  }
  print(io.stdout, columns(rows));
  const unplaced = table.frameworks.filter((f) => (table.unplaced[f.id] ?? []).length > 0);
  if (unplaced.length) print(io.stdout, "\n");
  for (const f of unplaced) {
    print(io.stdout, `not on the scale in ${f.id}: ${(table.unplaced[f.id] ?? []).join(", ")}\n`);
  }
  print(
    io.stdout,
    "\nA level spanning several steps shows its range (7–8); close, broad or narrow: how well it matches the step.\n",
  );
  return EXIT.ok;
}
