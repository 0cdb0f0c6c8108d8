/**
 * A structural diff of two versions of a framework: what was added, removed, renamed (same content under a
 * new id, found by similarity), moved (to another track or area) and reworded (with a word diff), entity by
 * entity, never a line diff of YAML. Pure: both sides come in loaded.
 */
import { type DiffPart, diffWords, tokenize } from "./diff.js";
import { MIGRATION_KINDS, type MigrationKind } from "./format-lists.js";
import { type Fate, migrationMap } from "./migration.js";
import { expectationDetail, type FrameworkIndex } from "./model.js";
import type { Framework } from "./schema.js";
import { canonicalJson } from "./version.js";

export const DIFF_KINDS = [
  "framework",
  "track",
  "level",
  "dimension",
  "scale",
  "area",
  "competency",
  "expectation",
  "criterion",
  "role",
] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];
export type ChangeType = "added" | "removed" | "renamed" | "moved" | "reworded" | "changed";

export interface FrameworkChange {
  kind: DiffKind;
  change: ChangeType;
  /** The id (for expectations `competency@level`, for criteria `competency@level#criterion`) on the new side,
   * or on the old side for a removal. */
  id: string;
  /** renamed: the old id. */
  from?: string;
  /** moved: the old and the new parent (track of a level, area of a competency). */
  parent?: { from: string; to: string };
  /** changed: the fields (other than its text) whose values differ. */
  fields?: string[];
  /** reworded: how the text changed, word by word. */
  words?: DiffPart[];
  /** renamed: true when the new version's `renamedFrom` declares it, absent when found by similarity alone. */
  confirmed?: boolean;
  /** removed: what the new version's migration map says became of it. */
  fate?: Fate;
}

export interface FrameworkDiff {
  changes: FrameworkChange[];
}

/** One thing of one kind as the diff sees it. */
interface Entity {
  key: string;
  parent?: string;
  /** The words a reader sees (name, description, statement): reworded compares these. */
  text: string;
  /** Everything else it says, field by field, canonical: changed compares these. */
  rest: Map<string, string>;
  /** The value it was made from: its words (children's included) find renames, only for the unmatched. */
  value: object;
  /**
   * For a cell, what the file says (its text, or its mapping): the same on both sides means no change, and
   * then `text` and `rest` are never worked out (a diff of a large framework compares tens of thousands).
   */
  written?: unknown;
}

/** Two unmatched entities this similar (0–1, by shared words) are one entity renamed. */
export const RENAME_SIMILARITY = 0.75;

/** Map bookkeeping, not content: the diff uses it (to confirm renames) but never reports it as a change. */
const MAP_KEYS = ["renamedFrom"];

/**
 * The words of every value inside `value` (never its field names, which every entry of a kind shares and
 * which would make any two entries look alike), its own id and map keys left out.
 */
function valueWords(value: unknown, top = true): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => valueWords(v, false)).join(" ");
  if (value === null || typeof value !== "object") return "";
  return Object.keys(value)
    .sort()
    .filter((k) => !top || !["id", ...MAP_KEYS].includes(k))
    .map((k) => valueWords((value as Record<string, unknown>)[k], false))
    .join(" ");
}

const TEXT_KEYS = ["name", "description", "summary", "statement", "text", "title"];
const COMPETENCY_CHILDREN = ["expectations"];
const CELL_CHILDREN = ["criteria"];
const AREA_CHILDREN = ["competencies"];
/**
 * The framework itself is its name, description and settings (version, organization, points, publish, …):
 * what the other kinds diff, the migration map and the format version are left to them or are bookkeeping.
 */
const FRAMEWORK_CHILDREN = [
  "rungs",
  "previous",
  "migration",
  "tracks",
  "dimensions",
  "scales",
  "levels",
  "areas",
  "roles",
];

/** The fields an entity's `rest` leaves out, per list of children (few lists, built once each). */
const skipped = new Map<readonly string[], ReadonlySet<string>>();
const skippedFor = (children: readonly string[]) => {
  const known = skipped.get(children);
  if (known) return known;
  const set = new Set(["id", "track", ...MAP_KEYS, ...TEXT_KEYS, ...children]);
  skipped.set(children, set);
  return set;
};
const NO_CHILDREN: readonly string[] = [];

/** An entity whose text and other fields are read on first use: one pass over its fields then. */
class LazyEntity implements Entity {
  private fields: { text: string; rest: Map<string, string> } | undefined;
  constructor(
    readonly key: string,
    readonly value: object,
    private readonly children: readonly string[],
    readonly parent?: string,
    readonly written?: unknown,
  ) {}

  get text(): string {
    return this.read().text;
  }

  get rest(): Map<string, string> {
    return this.read().rest;
  }

  private read(): { text: string; rest: Map<string, string> } {
    if (this.fields) return this.fields;
    const own = this.value as Record<string, unknown>;
    const texts: string[] = [];
    for (const k of TEXT_KEYS) {
      const v = own[k];
      if (typeof v === "string") texts.push(v);
    }
    const skip = skippedFor(this.children);
    const rest = new Map<string, string>();
    for (const k of Object.keys(own)) {
      const v = own[k];
      if (v !== undefined && !skip.has(k)) rest.set(k, canonicalJson(v));
    }
    this.fields = { text: texts.join("\n"), rest };
    return this.fields;
  }
}

/** Runs for every entity of both sides (tens of thousands of cells). */
function entity(
  key: string,
  value: object,
  children = NO_CHILDREN,
  parent?: string,
  written?: unknown,
): Entity {
  return new LazyEntity(key, value, children, parent, written);
}

type Rename = (kind: DiffKind, id: string) => string;

/**
 * Every entity of one kind on one side; `rename` maps old ids to new ones (identity on the new side). The cells
 * and criteria come from `cellsOf`, which walks every cell once for both kinds.
 */
function entitiesOf(framework: Framework, kind: DiffKind, rename: Rename, cellsOf: () => Cells): Entity[] {
  switch (kind) {
    case "framework":
      return [entity(framework.id, framework, FRAMEWORK_CHILDREN)];
    case "track":
      return (framework.tracks ?? []).map((t) => entity(t.id, t));
    case "level":
      return (framework.levels ?? []).map((l) => {
        const follows = l.follows?.map((f) => rename("level", f));
        return entity(l.id, { ...l, follows }, NO_CHILDREN, rename("track", l.track));
      });
    case "dimension":
      return (framework.dimensions ?? []).map((d) => entity(d.id, d));
    case "scale":
      return (framework.scales ?? []).map((s) => entity(s.id, s));
    case "role":
      return (framework.roles ?? []).map((r) => {
        const levels = r.levels.map((l) => rename("level", l));
        const tracks = r.tracks?.map((t) => rename("track", t));
        const responsibilities = r.responsibilities && renameKeys(r.responsibilities, "level", rename);
        return entity(r.id, { ...r, levels, tracks, responsibilities });
      });
    case "area":
      return (framework.areas ?? []).map((a) => {
        const levels = a.levels?.map((l) => rename("level", l));
        const takeaways = a.takeaways && renameKeys(a.takeaways, "level", rename);
        return entity(a.id, { ...a, levels, takeaways }, AREA_CHILDREN);
      });
    case "competency":
      return (framework.areas ?? []).flatMap((a) =>
        a.competencies.map((c) => {
          const levels = c.levels?.map((l) => rename("level", l));
          return entity(c.id, { ...c, levels }, COMPETENCY_CHILDREN, rename("area", a.id));
        }),
      );
    case "expectation":
    case "criterion":
      return cellsOf()[kind];
  }
}

/** A record keyed by ids of `kind`, its keys renamed (the order of keys is not content). */
function renameKeys<T>(record: Record<string, T>, kind: DiffKind, rename: Rename): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [rename(kind, k), v]));
}

/** Expectation cells and the criteria inside them, of one side. */
type Cells = Record<"expectation" | "criterion", Entity[]>;

/**
 * A cell of a competency that both loaded versions leave out, whose statement alone changed (told from the
 * files' lines, src/load/diff-cells.ts): its statement on each side. It is diffed as if its competency stood
 * right after the competency `after` (kept on both sides, in the same list), where the files have it.
 */
export interface OutsideCell {
  after: string;
  competency: string;
  level: string;
  before: string;
  next: string;
}

/** Expectation cells (their statement and other fields) and the criteria inside them, in one pass. */
function cells(
  framework: Framework,
  rename: Rename,
  side: "before" | "after",
  outside?: ReadonlyMap<string, OutsideCell[]>,
): Cells {
  const out: Cells = { expectation: [], criterion: [] };
  for (const area of framework.areas ?? []) {
    for (const competency of area.competencies) {
      for (const [level, expectation] of Object.entries(competency.expectations)) {
        const cell = expectationDetail(expectation);
        if (!cell) continue;
        const at = `${rename("competency", competency.id)}@${rename("level", level)}`;
        out.expectation.push(entity(at, cell, CELL_CHILDREN, undefined, expectation));
        (cell.criteria ?? []).forEach((c, i) => {
          const criterion = typeof c === "string" ? { text: c } : c;
          const id = ("id" in criterion && criterion.id) || String(i + 1);
          out.criterion.push(entity(`${at}#${id}`, criterion));
        });
      }
      for (const cell of outside?.get(competency.id) ?? []) {
        const statement = side === "before" ? cell.before : cell.next;
        const at = `${cell.competency}@${cell.level}`;
        out.expectation.push(entity(at, { statement }, CELL_CHILDREN, undefined, statement));
      }
    }
  }
  return out;
}

/** The lower-cased words of a text, counted. */
function wordCounts(text: string): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const token of tokenize(text.toLowerCase())) {
    if (!/[\p{L}\p{N}]/u.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** Dice coefficient of two texts' word multisets: 1 for the same words, 0 for none in common. */
export function similarity(a: string, b: string): number {
  return dice(wordCounts(a), wordCounts(b));
}

function dice(a: ReturnType<typeof wordCounts>, b: ReturnType<typeof wordCounts>): number {
  if (a.total + b.total === 0) return 1;
  let shared = 0;
  for (const [word, n] of a.counts) shared += Math.min(n, b.counts.get(word) ?? 0);
  return (2 * shared) / (a.total + b.total);
}

/**
 * Above this many removed × added pairs of one kind, renames are not looked for (each is then an addition
 * and a removal): a rewrite that replaces thousands of ids at once is not a set of renames to review.
 */
export const MAX_RENAME_PAIRS = 250_000;

/** What changed between two entities taken to be the same one. */
function compare(kind: DiffKind, before: Entity, after: Entity, out: FrameworkChange[]): void {
  const id = after.key;
  if (before.parent !== after.parent && before.parent !== undefined && after.parent !== undefined)
    out.push({ kind, change: "moved", id, parent: { from: before.parent, to: after.parent } });
  // a cell's content names no ids, so the same text (or the same mapping, from a file both sides share) is
  // the same cell
  if (before.written !== undefined && before.written === after.written) return;
  if (before.text !== after.text)
    out.push({ kind, change: "reworded", id, words: diffWords(before.text, after.text) });
  // most pairs are equal: look without building anything, and list the fields only when one differs
  const fields: string[] = [];
  for (const [k, v] of before.rest) if (after.rest.get(k) !== v) fields.push(k);
  for (const k of after.rest.keys()) if (!before.rest.has(k)) fields.push(k);
  if (fields.length) out.push({ kind, change: "changed", id, fields: fields.sort() });
}

/** The diff of one kind; returns the renames it found (old id → new id). `fates` is the new version's map. */
function diffKind(
  kind: DiffKind,
  before: Entity[],
  after: Entity[],
  out: FrameworkChange[],
  fates: ReadonlyMap<string, Fate> = new Map(),
): Map<string, string> {
  const renames = new Map<string, string>();
  const oldByKey = new Map(before.map((e) => [e.key, e]));
  const newKeys = new Set(after.map((e) => e.key));
  const added = after.filter((e) => !oldByKey.has(e.key));
  const removed = before.filter((e) => !newKeys.has(e.key));
  for (const next of after) {
    const previous = oldByKey.get(next.key);
    if (previous) compare(kind, previous, next, out);
  }
  const taken = new Set<Entity>();
  const pair = (r: Entity, a: Entity, confirmed: boolean) => {
    taken.add(r).add(a);
    renames.set(r.key, a.key);
    out.push({ kind, change: "renamed", id: a.key, from: r.key, ...(confirmed ? { confirmed } : {}) });
    compare(kind, r, a, out);
  };
  // Renames the map declares first; then the most similar unmatched pairs, leaving alone what the map gives
  // another fate. Cells are keyed by position, never renamed.
  const addedByKey = new Map(added.map((a) => [a.key, a]));
  for (const r of removed) {
    const fate = fates.get(r.key);
    const a = fate?.fate === "renamed" ? addedByKey.get(fate.to) : undefined;
    if (a && !taken.has(a)) pair(r, a, true);
  }
  // Only what is left unmatched by id is compared by words: the rest of the framework costs nothing here.
  const look =
    kind !== "expectation" &&
    removed.length > 0 &&
    added.length > 0 &&
    removed.length * added.length <= MAX_RENAME_PAIRS;
  const addedWords = look
    ? added.filter((a) => !taken.has(a)).map((a) => ({ a, words: wordCounts(valueWords(a.value)) }))
    : [];
  const pairs = removed
    .filter((r) => !taken.has(r) && !fates.has(r.key))
    .flatMap((r) => {
      const words = wordCounts(valueWords(r.value));
      return addedWords.map(({ a, words: other }) => ({ r, a, score: dice(words, other) }));
    })
    .filter((p) => p.score >= RENAME_SIMILARITY)
    .sort((x, y) => y.score - x.score);
  for (const { r, a } of pairs) if (!taken.has(r) && !taken.has(a)) pair(r, a, false);
  for (const a of added) if (!taken.has(a)) out.push({ kind, change: "added", id: a.key });
  for (const r of removed) {
    if (taken.has(r)) continue;
    const fate = fates.get(r.key);
    out.push({ kind, change: "removed", id: r.key, ...(fate ? { fate } : {}) });
  }
  return renames;
}

/**
 * How `after` differs from `before`, kind by kind, parents before children; with the `outside` cells of
 * competencies both leave out (OutsideCell) among their cells.
 */
export function diffFrameworks(
  before: FrameworkIndex,
  after: FrameworkIndex,
  outside: readonly OutsideCell[] = [],
): FrameworkDiff {
  const changes: FrameworkChange[] = [];
  const renames = new Map<DiffKind, Map<string, string>>();
  const rename: Rename = (kind, id) => renames.get(kind)?.get(id) ?? id;
  const same: Rename = (_kind, id) => id;
  const map = migrationMap(after.framework);
  // the cells of a side, made when first asked for: after the competencies' and levels' renames are known
  const following = Map.groupBy(outside, (cell) => cell.after);
  const cellsOf = (framework: Framework, rename: Rename, side: "before" | "after") => {
    let made: Cells | undefined;
    return () => {
      made ??= cells(framework, rename, side, following);
      return made;
    };
  };
  const beforeCells = cellsOf(before.framework, rename, "before");
  const afterCells = cellsOf(after.framework, same, "after");
  for (const kind of DIFF_KINDS) {
    const fates = (MIGRATION_KINDS as readonly string[]).includes(kind)
      ? map.get(kind as MigrationKind)
      : undefined;
    const run = (out: FrameworkChange[]) =>
      diffKind(
        kind,
        entitiesOf(before.framework, kind, rename, beforeCells),
        entitiesOf(after.framework, kind, same, afterCells),
        out,
        fates,
      );
    // Levels name each other (follows): a first pass finds their renames, so the second compares follows
    // through them.
    if (kind === "level") renames.set(kind, run([]));
    renames.set(kind, run(changes));
  }
  return { changes };
}

/**
 * True when a level or a track was renamed: their ids are named all over a framework (follows, the levels of
 * roles, areas and competencies, every cell), so a diff of part of two versions is not the diff of the whole.
 */
export function renamesReferences(diff: FrameworkDiff): boolean {
  return diff.changes.some((c) => c.change === "renamed" && (c.kind === "level" || c.kind === "track"));
}

/** What a change is, in words: `renamed  competency  old-id → new-id`. */
export function changeSubject(change: FrameworkChange): string {
  if (change.change === "renamed")
    return `${change.from} → ${change.id}${change.confirmed ? " (declared)" : " (by similarity)"}`;
  if (change.fate) return `${change.id} (${fateText(change.fate)})`;
  if (change.change === "moved" && change.parent)
    return `${change.id} (${change.parent.from} → ${change.parent.to})`;
  if (change.fields) return `${change.id} (${change.fields.join(", ")})`;
  return change.id;
}

/** What the migration map says became of a removed id. */
export function fateText(fate: Fate): string {
  switch (fate.fate) {
    case "renamed":
      return `renamed to ${fate.to}`;
    case "replaced":
      return `replaced by ${fate.to}`;
    case "merged":
      return `merged into ${fate.to}`;
    case "split":
      return `split into ${fate.to.join(", ")}`;
    case "retired":
      return `retired: ${fate.note}`;
  }
}

export function diffSummary(diff: FrameworkDiff): string {
  const counts = new Map<string, number>();
  for (const c of diff.changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
  if (counts.size === 0) return "no changes";
  return [...counts].map(([change, n]) => `${n} ${change}`).join(", ");
}
