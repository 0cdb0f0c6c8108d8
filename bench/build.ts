/**
 * bench/build: the real `rungs build` (the built CLI, a child process) of the large generated framework
 * (2,000 competencies × 15 levels; --small: 200). Prints, from the output tree, the count, bytes and time
 * of each page kind, then the wall time per page, the CPU time, the child's peak RSS and the search index
 * against the targets: ≤ 50 ms a page, RSS < 500 MB, search index ≤ 3 MB.
 *
 * The time of a kind is read from the files' modification times: each file is charged the time since the
 * file written before it. That is right while the build writes each page as it renders it (as it does
 * today, one at a time), to the file system's clock tick (a few ms: of files stamped with the same time,
 * the largest is taken to be the one that took the time); with several workers the kinds interleave and
 * the split is only indicative, the total stays right.
 *
 * Then two rebuilds into the same folder with `--incremental`, as a site is kept up to date: nothing changed
 * (the manifest's key matches: nothing is rendered), and one word of one expectation changed (every page is
 * rendered again, only the files whose bytes changed are written): wall time, CPU, peak RSS and files written.
 *
 * `--jobs N` is handed to `rungs build` (default: its own, every core); peak RSS is the process's, so every
 * worker thread's memory is in it.
 *
 *   tsx bench/build.ts [--small] [--jobs N] [--no-fail]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs } from "./measure.js";
import { CLI, requireBuiltCli, runMeasured } from "./processes.js";

const USAGE = `tsx bench/build.ts [--small] [--jobs N] [--no-fail]

  --small     200 competencies instead of 2,000 (a quick look)
  --jobs      handed to \`rungs build --jobs\` (default: its own, every core)
  --no-fail   report a missed target without exiting 1
Run \`npm run build\` first.`;
const values = benchArgs("build", USAGE, {
  small: { type: "boolean", default: false },
  jobs: { type: "string" },
  "no-fail": { type: "boolean", default: false },
});
const JOBS = values.jobs ? ["--jobs", values.jobs] : [];
const SMALL = values.small ?? false;
const TARGET_MS_PER_PAGE = 50;
const TARGET_RSS_MB = 500;
const TARGET_INDEX_MB = 3;
const MB = 1024 * 1024;

/** The page kind of a file of the output, from its path. */
function pageKind(path: string): string {
  const parts = path.split("/");
  const [top] = parts;
  if (parts.length === 1) return path === "index.html" ? "home" : path.replace(/\.(html|js|json)$/, "");
  if (top === "search-index")
    return path.includes("/d-") ? "search-index docs part" : "search-index terms part";
  if (top !== "frameworks") return top as string;
  const section = parts[2] as string;
  if (parts.length === 3) return "framework overview";
  if (section === "levels" || section === "roles") {
    const what = section.slice(0, -1);
    // a large goal page is in parts, one per area (src/web/features/goals/areas.tsx)
    if (parts.includes("goals")) return parts.includes("areas") ? `${what} goals part` : `${what} goals`;
    if (path.endsWith("/compare.js")) return `${what} half (browser compare)`;
    return path.endsWith(".txt") ? `${what} text` : what;
  }
  if (section === "compare" || section === "compare-roles")
    return parts.length > 5 ? `${section} pair` : `${section} chooser`;
  return section;
}

interface Kind {
  count: number;
  bytes: number;
  ms: number;
  largest: number;
}

function outputTree(out: string): {
  kinds: Map<string, Kind>;
  files: number;
  bytes: number;
  firstMtime: number;
} {
  const files = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const stat = statSync(path);
      return { path: relative(out, path), bytes: stat.size, mtime: stat.mtimeMs };
    })
    // file systems stamp times at the kernel's clock tick (a few ms), so files written within one tick tie;
    // the time before a tie most likely went on the largest page of it (render time follows size): first
    .sort((a, b) => a.mtime - b.mtime || b.bytes - a.bytes);
  const kinds = new Map<string, Kind>();
  let previous = files[0]?.mtime ?? 0;
  for (const file of files) {
    const kind = pageKind(file.path);
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0, ms: 0, largest: 0 };
    entry.count++;
    entry.largest = Math.max(entry.largest, file.bytes);
    entry.bytes += file.bytes;
    entry.ms += file.mtime - previous;
    previous = file.mtime;
    kinds.set(kind, entry);
  }
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { kinds, files: files.length, bytes, firstMtime: files[0]?.mtime ?? Date.now() };
}

requireBuiltCli("build");
const shape = SMALL ? { levels: 15, areas: 10, perArea: 20 } : { levels: 15, areas: 100, perArea: 20 };
const work = mkdtempSync(join(tmpdir(), "rungs-bench-build-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const fw = generateFramework(join(work, "large"), shape);
const bench = new Bench(
  "build",
  `rungs build of a generated framework: ${fw.competencies.toLocaleString("en")} competencies × ${fw.levels} levels (${fw.expectations.toLocaleString("en")} expectations)`,
);
const out = join(work, "site");
const startedAt = Date.now();
const build = async () => {
  const measured = await runMeasured([CLI, "build", fw.dir, "--out", out, "--incremental", ...JOBS]);
  if (measured.status !== 0)
    throw new Error(`rungs build exited ${measured.status}: ${measured.stderr || measured.stdout}`);
  return measured;
};
const run = await build();
bench.note(
  `rungs build ran on ${values.jobs ?? availableParallelism()} thread(s) (--jobs; the machine has ${availableParallelism()} cores)`,
);
const tree = outputTree(out);
bench.row({
  what: "start-up, load and check, before the first file",
  value: (tree.firstMtime - startedAt) / 1000,
  unit: "s",
});
for (const [kind, k] of [...tree.kinds].sort((x, y) => y[1].ms - x[1].ms)) {
  bench.row({
    what: `${kind}: ${k.count.toLocaleString("en")} files, ${(k.bytes / MB).toFixed(1)} MB, ${(k.ms / k.count).toFixed(1)} ms each`,
    value: k.ms / 1000,
    unit: "s",
  });
}
bench.row({ what: "wall time", value: run.wallMs / 1000, unit: "s" });
bench.row({ what: "CPU time (user + system)", value: run.cpuMs / 1000, unit: "s" });
bench.row({ what: "written", value: tree.bytes / MB, unit: "MB" });
bench.row({
  what: `wall time per file (${tree.files.toLocaleString("en")} files)`,
  value: run.wallMs / tree.files,
  unit: "ms",
  target: { op: "<=", value: TARGET_MS_PER_PAGE, of: "value" },
});
// the CPU the build used per file, all its threads together: steadier than the wall time on a shared machine
bench.row({
  what: "CPU time per file",
  value: run.cpuMs / tree.files,
  unit: "ms",
  target: { op: "<=", value: TARGET_MS_PER_PAGE, of: "value" },
});
bench.row({
  what: "peak RSS of rungs build (all its threads)",
  value: run.maxRssMb,
  unit: "MB",
  target: { op: "<", value: TARGET_RSS_MB, of: "value" },
});
// a large index is in parts (src/core/search-shards.ts): the search page loads the head, a search the term
// parts of its words and the document chunks of its (at most 50) results
const index = tree.kinds.get("search-index");
bench.row({
  what: "search index loaded with the search page (search-index.js)",
  value: (index?.bytes ?? 0) / MB,
  unit: "MB",
  target: { op: "<=", value: TARGET_INDEX_MB, of: "value" },
});
const terms = tree.kinds.get("search-index terms part");
const docs = tree.kinds.get("search-index docs part");
if (terms && docs) {
  bench.row({
    what: `search index parts: ${terms.count + docs.count} files, the largest term part ${(terms.largest / 1024).toFixed(0)} KB, the largest document chunk ${(docs.largest / 1024).toFixed(0)} KB`,
    value: (terms.bytes + docs.bytes) / MB,
    unit: "MB",
  });
}
// cached: rebuilds into the same folder, as a published site is kept up to date
const unchanged = await build();
const area = join(fw.dir, "areas/area-000.yaml");
const text = readFileSync(area, "utf8");
if (!text.includes("Regularly documents"))
  throw new Error(`${area}: the word the bench changes is not there`);
writeFileSync(area, text.replace("Regularly documents", "Regularly records"));
const oneWord = await build();
for (const [what, measured] of [
  ["incremental rebuild, nothing changed", unchanged],
  ["incremental rebuild, one word changed", oneWord],
] as const) {
  const wrote = /wrote (\d+) files/.exec(measured.stdout)?.[1] ?? "0";
  bench.row({
    what: `${what}: wall time (${wrote} files written)`,
    value: measured.wallMs / 1000,
    unit: "s",
  });
  bench.row({ what: `${what}: CPU time`, value: measured.cpuMs / 1000, unit: "s" });
  bench.row({
    what: `${what}: peak RSS`,
    value: measured.maxRssMb,
    unit: "MB",
    target: { op: "<", value: TARGET_RSS_MB, of: "value" },
  });
}
if (!index)
  bench.note("no search-index.js in the output: the index row counts 0 bytes; check where it moved");
bench.finish();
