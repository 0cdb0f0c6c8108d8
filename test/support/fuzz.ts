/**
 * Fuzzed framework files, the same for the same seed and number: mutations of real frameworks and of the
 * hostile corpus, and YAML documents generated from random trees. Shared by the fuzz test in the suite
 * and bench/fuzz (which runs 100,000 of them). Each input goes through `checkFramework`, and the outcome
 * is judged by `judge`: it must not throw, and every diagnostic must point inside the text.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../src/core/diagnostics.js";
import { LINT_RULES } from "../../src/core/lint-rules.js";
import type { OccupationCatalog } from "../../src/core/occupations.js";
import { memoryFileSystem } from "../../src/load/fs-port.js";
import { checkFramework } from "../../src/load/load-framework.js";
import { BASE } from "./check-yaml.js";
import { hostileCorpus } from "./hostile-corpus.js";

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

const root = new URL("../../", import.meta.url).pathname;

/** Every .yaml and .yml file under `dir`. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

let seedTexts: string[] | undefined;

/** The texts mutations start from: the little base framework, every example file, the small hostile cases. */
function seeds(): string[] {
  seedTexts ??= [
    BASE,
    ...yamlFiles(join(root, "examples")).map((f) => readFileSync(f, "utf8")),
    ...hostileCorpus()
      .flatMap((c) => Object.values(c.files))
      .filter((t): t is string => typeof t === "string" && t.length < 20_000),
  ];
  return seedTexts;
}

const FIELDS = [
  "rungs",
  "id",
  "name",
  "tracks",
  "levels",
  "areas",
  "competencies",
  "expectations",
  "roles",
  "families",
  "sources",
  "follows",
  "track",
  "codes",
  "dimensions",
  "lint",
  "classifications",
  "scheme",
  "code",
  "ratings",
  "takeaways",
  "responsibilities",
  "review",
  "scores",
  "reference",
  "rank",
];
const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];
const TOKENS = [
  ":",
  ": ",
  "- ",
  "? ",
  "  ",
  "\n",
  "\t",
  "\r",
  "[",
  "]",
  "{",
  "}",
  ",",
  "'",
  '"',
  "#",
  "|",
  ">-",
  "&a ",
  "*a",
  "&b [*a, *a, *a, *a]",
  "!!binary aGk= ",
  "!!set ",
  "!!omap ",
  "!!timestamp ",
  "!local ",
  "!!str ",
  "<<: ",
  "---\n",
  "...\n",
  "%YAML 1.1\n",
  "\u0000",
  "\u001b[2J",
  "\u009b",
  "\ufffd",
  "\ufeff",
  "\ud800",
  "\u202e",
  "🙂",
  "~",
  "null",
  "42",
  "-1.5e9",
  ".inf",
  "true",
  "0x1F",
  ...INHERITED,
  ...LINT_RULES.map((r) => r.code),
];
const SCALARS = [
  "123",
  "true",
  "[]",
  "{}",
  "~",
  "'x'",
  "-1.5",
  '""',
  "constructor",
  "__proto__",
  "2001-12-14",
  "*a",
];

type Mutation = (text: string, rng: Rng) => string;

const at = (text: string, rng: Rng) => int(rng, text.length + 1);
const lineOp = (f: (lines: string[], n: number, rng: Rng) => void): Mutation => {
  return (text, rng) => {
    const lines = text.split("\n");
    f(lines, int(rng, lines.length), rng);
    return lines.join("\n");
  };
};

const MUTATIONS: Mutation[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + int(r, 60));
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(r, TOKENS) + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(r, TOKENS).repeat(1 + int(r, 200)) + t.slice(i);
  },
  lineOp((lines, n) => {
    lines.splice(n, 0, lines[n] as string);
  }),
  lineOp((lines, n) => {
    lines.splice(n, 1);
  }),
  lineOp((lines, n, r) => {
    const m = int(r, lines.length);
    [lines[n], lines[m]] = [lines[m] as string, lines[n] as string];
  }),
  lineOp((lines, n, r) => {
    lines[n] = r() < 0.5 ? `  ${lines[n]}` : (lines[n] as string).replace(/^ {1,2}/, "");
  }),
  lineOp((lines, n, r) => {
    lines[n] = (lines[n] as string).replace(/: .*$/, `: ${pick(r, SCALARS)}`);
  }),
  // an anchor on a value and aliases to it further down
  lineOp((lines, n, r) => {
    lines[n] = (lines[n] as string).replace(/: (.+)$/, ": &x $1");
    const m = n + 1 + int(r, Math.max(1, lines.length - n));
    if (m < lines.length)
      lines[m] = (lines[m] as string).replace(/: .*$/, r() < 0.5 ? ": *x" : ": [*x, *x, *x, *x]");
  }),
  // a value nested in brackets, as deep as a limit or past it
  lineOp((lines, n, r) => {
    const depth = pick(r, [3, 20, 63, 64, 65, 200, 5000]);
    lines[n] = (lines[n] as string).replace(/: (.*)$/, `: ${"[".repeat(depth)}$1${"]".repeat(depth)}`);
  }),
  // a key everyone inherits, or a schema field where it does not belong
  lineOp((lines, n, r) => {
    const indent = (lines[n] as string).match(/^\s*/)?.[0] ?? "";
    lines.splice(
      n,
      0,
      `${indent}${pick(r, [...INHERITED, ...FIELDS])}: ${pick(r, [...SCALARS, ...INHERITED])}`,
    );
  }),
  // a tag on a value
  lineOp((lines, n, r) => {
    lines[n] = (lines[n] as string).replace(
      /: /,
      `: ${pick(r, ["!!binary ", "!!set ", "!!omap ", "!x ", "!!str ", "! "])}`,
    );
  }),
  // a long run of one character
  (t, r) => {
    const i = at(t, r);
    return (
      t.slice(0, i) + pick(r, ["a", " ", "[", "-", "#", "é"]).repeat(1_000 + int(r, 50_000)) + t.slice(i)
    );
  },
  // the start of one text and the end of another
  (t, r) => {
    const other = pick(r, seeds());
    return t.slice(0, at(t, r)) + other.slice(int(r, other.length + 1));
  },
];

/** A random tree written as YAML, in block or flow style, with anchors, aliases and tags here and there. */
function generated(rng: Rng): string {
  let anchors = 0;
  const key = () =>
    pick(rng, [
      () => pick(rng, FIELDS),
      () => pick(rng, INHERITED),
      () => `k${int(rng, 50)}`,
      () => `[${int(rng, 3)}]`,
      () => "? [a, b]",
    ])();
  const scalar = (): string => {
    const s = pick(rng, [
      () => pick(rng, SCALARS),
      () => pick(rng, INHERITED),
      () => `"${pick(rng, ["\\e[31m", "\\0", "\\x9b", "\\ud800", "tab\\there", "ok"])}"`,
      () => String(int(rng, 1000)),
      () => `l${int(rng, 20)}`,
      () => (anchors ? `*a${int(rng, anchors)}` : "x"),
      () => `!!binary aGk=`,
    ])();
    return rng() < 0.1 ? `&a${anchors++} ${s}` : s;
  };
  const flow = (depth: number): string => {
    if (depth <= 0 || rng() < 0.3) return scalar();
    const n = int(rng, 5);
    if (rng() < 0.5) return `[${Array.from({ length: n }, () => flow(depth - 1)).join(", ")}]`;
    return `{${Array.from({ length: n }, () => `${key()}: ${flow(depth - 1)}`).join(", ")}}`;
  };
  const block = (depth: number, indent: string): string => {
    const n = 1 + int(rng, 6);
    const lines: string[] = [];
    const list = rng() < 0.4;
    for (let i = 0; i < n; i++) {
      const head = list ? `${indent}- ` : `${indent}${key()}:`;
      if (depth > 0 && rng() < 0.4) lines.push(`${head}\n${block(depth - 1, `${indent}  `)}`);
      else lines.push(`${head}${list ? "" : " "}${rng() < 0.3 ? flow(3) : scalar()}`);
    }
    return lines.join("\n");
  };
  return `rungs: 1\nid: fuzz\n${block(1 + int(rng, 5), "")}\n`;
}

/** The `n`th input of `seed`: a mutated seed text most of the time, else a generated document. */
export function fuzzInput(seed: number, n: number): string {
  const rng = random((seed * 1_000_003 + n) >>> 0);
  if (rng() < 0.25) return generated(rng);
  let text = pick(rng, seeds());
  for (let i = 1 + int(rng, 4); i > 0; i--) text = pick(rng, MUTATIONS)(text, rng);
  return text;
}

export interface FuzzOutcome {
  threw?: string;
  /** Diagnostics that do not point inside the text. */
  unlocated: Diagnostic[];
  /**
   * The process's CPU time for the check, in milliseconds. CPU rather than wall time: on a machine shared
   * with other work, wall time measures the others too.
   */
  ms: number;
}

/** Checks one input as the single file `fw.yaml`, and judges what came back. Never throws. */
export async function judge(text: string, occupations?: OccupationCatalog): Promise<FuzzOutcome> {
  const started = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  try {
    const result = await checkFramework("fw.yaml", memoryFileSystem({ "fw.yaml": text }), { occupations });
    const ms = cpuMs();
    const lines = text.split("\n");
    const unlocated = result.diagnostics.filter(
      (d) =>
        d.file !== "fw.yaml" ||
        !(d.line >= 1 && d.line <= lines.length) ||
        !(d.column >= 1 && d.column <= (lines[d.line - 1]?.length ?? 0) + 1) ||
        typeof d.message !== "string" ||
        !d.code,
    );
    return { unlocated, ms };
  } catch (error) {
    const threw = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { threw, unlocated: [], ms: cpuMs() };
  }
}
