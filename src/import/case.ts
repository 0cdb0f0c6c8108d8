/**
 * A CASE 1.1 package → a rungs framework (`rungs import case`). Pure: JSON in, framework and bends out.
 *
 * Items typed Track, Level, Area, Competency and Role (what `rungs export case` writes) map back one to one,
 * and `extensions.rungs` gives back what CASE has no field for, so an export imports to an equal framework.
 * A package from elsewhere has no such types: its top-level items become areas, their descendants
 * competencies, its rubric's criterion levels the levels of one track, each guess named in the bends.
 */
import { JSON_TOO_DEEP, jsonTooDeepAt } from "../core/json-depth.js";
import { type Expectation, FORMAT_VERSION, type Framework, FrameworkFile } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { quoted } from "../core/text.js";
import {
  CASE_FIELDS,
  type CaseBend,
  type CaseEntry,
  CaseGraph,
  CasePackage,
  type CasePackageData,
  entityId,
  extOf,
  Ids,
  itemAt,
  overlay,
  shownTexts,
} from "./case-package.js";
import { unread } from "./case-unread.js";
import { slugify } from "./ids.js";
import { ImportError, type Imported, type Importer, type ImportInput } from "./types.js";

export type { CaseBend } from "./case-package.js";
export interface CaseError {
  /** Where in the package: `CFItems[3].fullStatement`, or `framework.levels.2.track` for the result. */
  at: string;
  message: string;
}
export type CaseImport =
  | { ok: true; framework: Framework; bends: CaseBend[]; provenance: Map<string, string> }
  | { ok: false; errors: CaseError[] };

type Obj = Record<string, unknown>;

/** The members of `value` in the order of `keys` (the schema's order, as a person writes them). */
function ordered(value: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** Gives each entry its rungs id (unique among `entries`, in package order). */
function name(entries: CaseEntry[], bends: CaseBend[]): CaseEntry[] {
  const ids = new Ids();
  for (const entry of entries) entry.id = entityId(entry, ids, bends);
  return entries;
}

/** A quality as a key: "Proficient ", "proficient" and "Proficient" name one level. */
const qualityKey = (quality: string) => quality.trim().toLowerCase();

/**
 * An entity from its named item: id, name from fullStatement (an empty one: from the item's abbreviated
 * statement, the short form of the same words, else its code, else its id, a `guessed` bend), `notes` into
 * `notesField`, then the extension.
 */
function entity(
  entry: CaseEntry,
  notesField: string,
  fields: readonly string[],
  rebuilt: readonly string[],
  bends: CaseBend[],
): Obj {
  let name = entry.item.fullStatement;
  if (!name.trim()) {
    const code = entry.item.humanCodingScheme?.trim();
    const short = entry.item.abbreviatedStatement?.trim();
    const [how, given] = short
      ? ["its abbreviatedStatement", short]
      : code
        ? ["its code", code]
        : ["its identifier", entry.item.identifier];
    name = given as string;
    bends.push({
      kind: "guessed",
      at: itemAt(entry),
      message: `no fullStatement: named by ${how} "${name}"`,
    });
  }
  const out: Obj = { id: entry.id, name };
  if (entry.item.notes !== undefined) out[notesField] = entry.item.notes;
  const keep = fields.filter((f) => !["id", "name", notesField, ...rebuilt].includes(f));
  overlay(out, extOf(entry.item), keep);
  return out;
}

class FrameworkReader {
  readonly bends: CaseBend[];
  readonly graph: CaseGraph;
  readonly tracks: Obj[] = [];
  readonly levels: Obj[] = [];
  /** Level ids in ladder order, and by their name (the rubric's `quality`). */
  readonly levelIds: string[] = [];
  readonly levelByName = new Map<string, string>();
  readonly competencies = new Map<string, Obj>();
  /** Entity path (`levels.senior`, `areas.craft.competencies.testing`) → the item it was read from. */
  readonly provenance = new Map<string, string>();

  constructor(readonly pkg: CasePackageData) {
    this.graph = new CaseGraph(pkg);
    this.bends = [...this.graph.repeated];
  }

  readTracks(): void {
    for (const entry of name(this.graph.ofKind("track"), this.bends)) {
      this.tracks.push(
        ordered(entity(entry, "description", CASE_FIELDS.track, [], this.bends), CASE_FIELDS.track),
      );
      this.provenance.set(`tracks.${entry.id}`, itemAt(entry));
    }
  }

  defaultTrack(): string {
    if (!this.tracks.length) {
      this.tracks.push({ id: "main", name: "Main" });
      this.bends.push({
        kind: "guessed",
        at: "CFItems",
        message: 'no Track item: every level is on a track "main"',
      });
    }
    return this.tracks[0]?.id as string;
  }

  readLevels(): void {
    const entries = name(this.graph.ofKind("level"), this.bends);
    for (const entry of entries) {
      const level = entity(entry, "summary", CASE_FIELDS.level, ["title", "track", "follows"], this.bends);
      if (entry.item.alternativeLabel !== undefined) level.title = entry.item.alternativeLabel;
      const track = this.graph.outOf("isChildOf", entry.item.identifier).find((e) => e.kind === "track");
      level.track = track?.id ?? this.defaultTrack();
      const follows = this.graph.into("precedes", entry.item.identifier).filter((e) => e.kind === "level");
      if (follows.length) level.follows = follows.map((e) => e.id);
      this.addLevel(level);
      this.provenance.set(`levels.${entry.id}`, itemAt(entry));
    }
    if (!entries.length) this.levelsFromRubric();
  }

  private addLevel(level: Obj): void {
    this.levels.push(ordered(level, CASE_FIELDS.level));
    this.levelIds.push(level.id as string);
    this.levelByName.set(qualityKey(level.name as string), level.id as string);
  }

  /** A package without Level items: its rubric's criterion levels, by position, are one ladder. */
  private levelsFromRubric(): void {
    const names = new Map<number, string>();
    this.pkg.CFRubrics.forEach((rubric, r) => {
      (rubric.CFRubricCriteria ?? []).forEach((criterion, c) => {
        (criterion.CFRubricCriterionLevels ?? []).forEach((cell, i) => {
          const position = cell.position ?? i + 1;
          const quality = cell.quality?.trim() || `Level ${position}`;
          const named = names.get(position);
          if (named === undefined) names.set(position, quality);
          else if (qualityKey(named) !== qualityKey(quality))
            this.bends.push({
              kind: "guessed",
              at: `CFRubrics[${r}].CFRubricCriteria[${c}].CFRubricCriterionLevels[${i}]`,
              message: `position ${position} is named "${named}" and "${quality}": the level is named "${named}"`,
            });
        });
      });
    });
    if (!names.size) return;
    const ids = new Ids();
    const track = this.defaultTrack();
    let previous: string | undefined;
    for (const [, name] of [...names].sort((a, b) => a[0] - b[0])) {
      const id = ids.take(slugify(name));
      this.addLevel({ id, name, track, ...(previous ? { follows: [previous] } : {}) });
      previous = id;
    }
    this.bends.push({
      kind: "guessed",
      at: "CFRubrics",
      message: `no Level item: ${names.size} level(s) made from the rubric's criterion levels, in position order`,
    });
  }

  readAreas(): Obj[] {
    const typed = this.graph.ofKind("area");
    return typed.length ? this.typedAreas(typed) : this.untypedAreas();
  }

  private typedAreas(entries: CaseEntry[]): Obj[] {
    name(entries, this.bends);
    const competencyIds = new Ids();
    return entries.map((entry) => {
      const area = entity(entry, "description", CASE_FIELDS.area, ["competencies"], this.bends);
      this.provenance.set(`areas.${entry.id}`, itemAt(entry));
      const children = this.graph
        .into("isChildOf", entry.item.identifier)
        .filter((e) => e.kind === "competency");
      area.competencies = children.map((child) => this.competency(child, competencyIds, entry));
      return ordered(area, CASE_FIELDS.area);
    });
  }

  private competency(entry: CaseEntry, ids: Ids, area: CaseEntry): Obj {
    entry.id = entityId(entry, ids, this.bends);
    const competency = entity(entry, "description", CASE_FIELDS.competency, ["expectations"], this.bends);
    this.provenance.set(`areas.${area.id}.competencies.${entry.id}`, itemAt(entry));
    competency.expectations = {};
    this.competencies.set(entry.item.identifier, competency);
    return competency;
  }

  /** Items from elsewhere: the document's children are areas, everything below them their competencies. */
  private untypedAreas(): Obj[] {
    const placed = new Set(
      this.graph.ofKind("level").concat(this.graph.ofKind("track"), this.graph.ofKind("role")),
    );
    const tops = this.graph.into("isChildOf", this.pkg.CFDocument.identifier).filter((e) => !placed.has(e));
    name(tops, this.bends);
    const competencyIds = new Ids();
    const areas = tops.map((top) => {
      placed.add(top);
      const area = entity(top, "description", CASE_FIELDS.area, ["competencies"], this.bends);
      this.provenance.set(`areas.${top.id}`, itemAt(top));
      const competencies: Obj[] = [];
      // depth first, each child before its next sibling, on a stack of its own: a package's chain of
      // 20,000 items, each the child of the one before, was deeper than the call stack
      const below = (parent: CaseEntry, depth: number) =>
        this.graph
          .into("isChildOf", parent.item.identifier)
          .map((child) => ({ child, depth }))
          .reverse();
      const stack = below(top, 1);
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        const { child, depth } = next;
        if (placed.has(child)) continue;
        placed.add(child);
        if (depth > 1)
          this.bends.push({
            kind: "merged",
            at: itemAt(child),
            message: `"${child.item.fullStatement}" is ${depth} levels below its area: it is a competency of "${top.item.fullStatement}"`,
          });
        competencies.push(this.competency(child, competencyIds, top));
        for (const entry of below(child, depth + 1)) stack.push(entry);
      }
      area.competencies = competencies;
      return ordered(area, CASE_FIELDS.area);
    });
    for (const entry of this.graph.byUuid.values()) {
      if (!placed.has(entry))
        this.bends.push({
          kind: "dropped",
          at: itemAt(entry),
          message: `"${entry.item.fullStatement}" is in no area`,
        });
    }
    return areas;
  }

  readExpectations(): void {
    this.pkg.CFRubrics.forEach((rubric, r) => {
      (rubric.CFRubricCriteria ?? []).forEach((criterion, c) => {
        const where = `CFRubrics[${r}].CFRubricCriteria[${c}]`;
        const competency = criterion.CFItemURI && this.competencies.get(criterion.CFItemURI.identifier);
        if (!competency) {
          this.bends.push({ kind: "dropped", at: where, message: "the criterion names no competency item" });
          return;
        }
        (criterion.CFRubricCriterionLevels ?? []).forEach((cell, i) => {
          const ext = extOf(cell);
          const wanted = typeof ext?.level === "string" ? ext.level : undefined;
          const level =
            (wanted !== undefined && this.levelIds.includes(wanted) ? wanted : undefined) ??
            (cell.quality !== undefined ? this.levelByName.get(qualityKey(cell.quality)) : undefined) ??
            this.levelIds[(cell.position ?? i + 1) - 1];
          if (level === undefined) {
            this.bends.push({
              kind: "dropped",
              at: `${where}.CFRubricCriterionLevels[${i}]`,
              message: "no level matches it",
            });
            return;
          }
          const detail = ext?.expectation;
          let expectation: Expectation | undefined = cell.description;
          if (detail !== null && typeof detail === "object") {
            const out: Obj = cell.description !== undefined ? { statement: cell.description } : {};
            overlay(
              out,
              detail as Obj,
              CASE_FIELDS.expectation.filter((f) => f !== "statement"),
            );
            expectation = ordered(out, CASE_FIELDS.expectation) as Expectation;
          }
          if (expectation === undefined) return;
          const cells = competency.expectations as Obj;
          const filled = cells[level];
          if (filled !== undefined) {
            const text = (e: unknown) =>
              quoted(String(typeof e === "string" ? e : ((e as Obj).statement ?? "")), 60);
            this.bends.push({
              kind: "dropped",
              at: `${where}.CFRubricCriterionLevels[${i}]`,
              message: `${text(expectation)}${cell.quality ? ` (${cell.quality.trim()})` : ""} falls on level ${level}, which ${text(filled)} fills already`,
            });
            return;
          }
          cells[level] = expectation;
        });
      });
    });
  }

  readRoles(): Obj[] {
    return name(this.graph.ofKind("role"), this.bends).map((entry) => {
      const role = entity(entry, "summary", CASE_FIELDS.role, ["levels"], this.bends);
      this.provenance.set(`roles.${entry.id}`, itemAt(entry));
      role.levels = this.graph
        .outOf("isRelatedTo", entry.item.identifier)
        .filter((e) => e.kind === "level")
        .map((e) => e.id);
      return ordered(role, CASE_FIELDS.role);
    });
  }
}

function frameworkOf(pkg: CasePackageData): {
  framework: Obj;
  bends: CaseBend[];
  provenance: Map<string, string>;
} {
  const doc = pkg.CFDocument;
  const ext = extOf(doc);
  const decoded = ext ? [] : shownTexts(pkg);
  const reader = new FrameworkReader(pkg);
  if (!ext)
    reader.bends.push({
      kind: "guessed",
      at: "CFDocument",
      message:
        "the package has no rungs extension: only CASE's own fields are read (ids from codes or names; no roles, codes, scales or examples)",
    });
  if (!ext) reader.bends.push(...unread(pkg), ...decoded);
  const fw: Obj = {
    rungs: FORMAT_VERSION,
    id: typeof ext?.id === "string" ? ext.id : slugify(doc.title),
    name: doc.title,
    version: doc.version,
    description: doc.description,
    // CASE requires a creator, a publisher is optional: the organization is the publisher, else the creator
    organization: doc.publisher ?? (ext ? undefined : doc.creator),
  };
  const rebuilt = [
    "rungs",
    "id",
    "name",
    "version",
    "description",
    "organization",
    "tracks",
    "levels",
    "areas",
    "roles",
  ];
  overlay(
    fw,
    ext,
    CASE_FIELDS.framework.filter((f) => !rebuilt.includes(f)),
  );
  reader.readTracks();
  reader.readLevels();
  const areas = reader.readAreas();
  reader.readExpectations();
  const roles = reader.readRoles();
  fw.tracks = reader.tracks;
  if (reader.levels.length) fw.levels = reader.levels;
  if (areas.length) fw.areas = areas;
  if (roles.length) fw.roles = roles;
  return {
    framework: ordered(fw, CASE_FIELDS.framework),
    bends: reader.bends,
    provenance: reader.provenance,
  };
}

function located(issues: { path: PropertyKey[]; message: string }[], prefix: string): CaseError[] {
  return issues.slice(0, 20).map((issue) => ({
    at: prefix + issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join(""),
    message: issue.message,
  }));
}

/** A CASE package (parsed JSON) → a framework in format 2, with what did not fit; located errors otherwise. */
export function importCase(input: unknown): CaseImport {
  const parsed = CasePackage.safeParse(input);
  if (!parsed.success) return { ok: false, errors: located(parsed.error.issues, "package") };
  const { framework, bends, provenance } = frameworkOf(parsed.data);
  const checked = FrameworkFile.safeParse(framework);
  if (!checked.success) return { ok: false, errors: located(checked.error.issues, "framework") };
  return { ok: true, framework: checked.data, bends, provenance };
}

/**
 * Lines (1-based) of each identifier's mentions in the package text, in order: the object it names starts at
 * the first, and the n-th item that repeats it (a package may) at the n-th.
 */
function identifierLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  let line = 1;
  let from = 0;
  for (const m of text.matchAll(/"identifier"\s*:\s*"([^"\\]{1,100})"/g)) {
    for (let i = text.indexOf("\n", from); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    from = m.index;
    const id = (m[1] as string).toLowerCase();
    const seen = lines.get(id);
    if (seen) seen.push(line);
    else lines.set(id, [line]);
  }
  return lines;
}

/** For each item, how many items before it have its identifier (0 for all but repeats). */
function repeatsBefore(items: unknown): number[] {
  const counts = new Map<string, number>();
  return (Array.isArray(items) ? items : []).map((item) => {
    const id = (item as { identifier?: unknown } | null)?.identifier;
    if (typeof id !== "string") return 0;
    const n = counts.get(id.toLowerCase()) ?? 0;
    counts.set(id.toLowerCase(), n + 1);
    return n;
  });
}

/** The value at a bend's or error's path (`CFItems[3]`, `package.CFRubrics[0].CFRubricCriteria[2]`). */
function atPath(root: unknown, path: string): unknown {
  let value = root;
  for (const [, key, index] of path
    .replace(/^(package|framework)\.?/, "")
    .matchAll(/\.?([A-Za-z]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== "object") return undefined;
    const name = key ?? Number(index);
    value = Object.hasOwn(value, name) ? (value as Record<string | number, unknown>)[name] : undefined;
  }
  return value;
}

/**
 * A package some tools write inside a member of its own, `{ "CFPackage": { "CFDocument": … } }`: what it
 * holds is the package.
 */
function unwrap(json: unknown): { json: unknown; was: boolean } {
  const inner = (json as { CFPackage?: unknown } | null)?.CFPackage;
  const plain = json !== null && typeof json === "object" && !Object.hasOwn(json, "CFDocument");
  return plain && inner !== null && typeof inner === "object"
    ? { json: inner, was: true }
    : { json, was: false };
}

export const caseImporter: Importer = {
  async read(inputs: ImportInput[]): Promise<Imported> {
    const input = inputs[0] as ImportInput;
    if (inputs.length > 1)
      throw new ImportError([{ at: { file: input.name }, message: "case reads one package file" }]);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(input.bytes);
    // counted before JSON.parse, which has no depth bound (core/json-depth.ts)
    const deep = jsonTooDeepAt(text);
    if (deep !== undefined)
      throw new ImportError([{ at: { file: input.name, line: deep }, message: JSON_TOO_DEEP }]);
    let json: unknown;
    try {
      // CASE's JSON binding writes an optional field it has no value for as null: read as absent
      json = JSON.parse(text, (key, value) => (value === null && key !== "" ? undefined : value));
    } catch (error) {
      throw new ImportError([{ at: { file: input.name }, message: `not JSON: ${(error as Error).message}` }]);
    }
    const wrapped = unwrap(json);
    json = wrapped.json;
    const lines = identifierLines(text);
    const repeats = repeatsBefore((json as { CFItems?: unknown } | null)?.CFItems);
    // the line of the nearest object on the path that has an identifier
    const where = (path: string): SourceLocation => {
      const step = /(\.[A-Za-z]+|\[\d+\])$/;
      for (let p = path; ; p = p.replace(step, "")) {
        const found = atPath(json, p);
        const id =
          found && typeof found === "object" ? (found as { identifier?: unknown }).identifier : undefined;
        const item = /^(?:package\.)?CFItems\[(\d+)\]$/.exec(p);
        const mentions = typeof id === "string" ? lines.get(id.toLowerCase()) : undefined;
        const line = mentions?.[item ? (repeats[Number(item[1])] ?? 0) : 0] ?? mentions?.[0];
        if (line !== undefined) return { file: input.name, line };
        if (!step.test(p)) return { file: input.name };
      }
    };
    const result = importCase(json);
    if (!result.ok)
      throw new ImportError(
        result.errors.map((e) => ({ at: where(e.at), message: `${e.at}: ${e.message}` })),
      );
    const provenance = new Map<string, SourceLocation>();
    const doc = (json as { CFDocument: { identifier: string } }).CFDocument;
    provenance.set("framework", {
      file: input.name,
      line: lines.get(doc.identifier.toLowerCase())?.[0] ?? 1,
    });
    for (const [entity, at] of result.provenance) provenance.set(entity, where(at));
    return {
      framework: result.framework,
      provenance,
      bends: [
        ...(wrapped.was
          ? [
              {
                kind: "guessed" as const,
                at: { file: input.name },
                message: "the package is wrapped in a CFPackage member: what it holds is read",
              },
            ]
          : []),
        ...result.bends.map((b) => ({ kind: b.kind, at: where(b.at), message: `${b.at}: ${b.message}` })),
      ],
    };
  },
};
