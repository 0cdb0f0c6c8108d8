/**
 * Reading a CASE 1.1 package for `rungs import case` (./case.ts maps it to a framework): its shape, bounded
 * (zod, loose: members rungs does not read are let through), and its graph of items and associations.
 */
import * as z from "zod";
import {
  Area as AreaSchema,
  Competency as CompetencySchema,
  ExpectationDetail,
  FrameworkFile,
  Level as LevelSchema,
  Role as RoleSchema,
  Track as TrackSchema,
} from "../core/schema.js";
import { quoted } from "../core/text.js";
import { ITEM_TYPES, type ItemKind } from "../export/case-types.js";
import { plainName } from "./html-text.js";
import { isId, slugify } from "./ids.js";
import { TEXT_LIMIT, tooLong } from "./text-bound.js";

/** Bounds on a package, far beyond any published framework, so a hostile file stays cheap. */
export const CASE_LIMITS = {
  items: 20_000,
  associations: 100_000,
  criteria: 20_000,
  text: TEXT_LIMIT,
} as const;

const Str = z.string().max(CASE_LIMITS.text, { error: (issue) => tooLong(String(issue.input ?? "").length) });
const Ext = z.looseObject({ rungs: z.record(z.string(), z.unknown()).optional() }).optional();
const Link = z.looseObject({ identifier: Str, title: Str.optional(), uri: Str.optional() });

const Item = z.looseObject({
  identifier: Str,
  // required by CASE, yet left out (or null) by some publishers: named by its abbreviatedStatement instead,
  // else its code (a bend)
  fullStatement: Str.default(""),
  abbreviatedStatement: Str.optional(),
  alternativeLabel: Str.optional(),
  humanCodingScheme: Str.optional(),
  CFItemType: Str.optional(),
  notes: Str.optional(),
  extensions: Ext,
});
const Association = z.looseObject({
  identifier: Str,
  associationType: Str,
  sequenceNumber: z.number().optional(),
  originNodeURI: Link,
  destinationNodeURI: Link,
});
const CriterionLevel = z.looseObject({
  identifier: Str,
  description: Str.optional(),
  quality: Str.optional(),
  position: z.number().optional(),
  extensions: Ext,
});
const Criterion = z.looseObject({
  identifier: Str,
  category: Str.optional(),
  description: Str.optional(),
  CFItemURI: Link.optional(),
  position: z.number().optional(),
  CFRubricCriterionLevels: z.array(CriterionLevel).max(CASE_LIMITS.criteria).optional(),
});
export const CasePackage = z.looseObject({
  CFDocument: z.looseObject({
    identifier: Str,
    title: Str,
    creator: Str.optional(),
    publisher: Str.optional(),
    description: Str.optional(),
    version: Str.optional(),
    extensions: Ext,
  }),
  CFItems: z.array(Item).max(CASE_LIMITS.items).default([]),
  CFAssociations: z.array(Association).max(CASE_LIMITS.associations).default([]),
  CFRubrics: z
    .array(z.looseObject({ CFRubricCriteria: z.array(Criterion).max(CASE_LIMITS.criteria).optional() }))
    .max(100)
    .default([]),
});
export type CasePackageData = z.infer<typeof CasePackage>;
type PkgItem = z.infer<typeof Item>;

export type BendKind = "merged" | "dropped" | "renamed" | "guessed";
export interface CaseBend {
  kind: BendKind;
  /** Where in the package: `CFItems[3]`, `CFRubrics[0].CFRubricCriteria[2]`… */
  at: string;
  message: string;
}
export interface CaseError {
  at: string;
  message: string;
}

/**
 * A package from elsewhere, its texts as CASE tools show them: CASE's statements and notes are markdown,
 * where `Tools &amp; Data` reads "Tools & Data", and rungs shows a name as plain text. So the document's
 * title and description, the items' statements, labels and notes, and the rubric's categories, qualities
 * and descriptions are read with HTML's character references decoded (one `renamed` bend, at the first,
 * with how many). Identifiers, codes and URIs are read as written.
 */
export function shownTexts(pkg: CasePackageData): CaseBend[] {
  let first: { at: string; was: string; now: string } | undefined;
  let count = 0;
  const show = (holder: object, keys: readonly string[], at: string) => {
    const texts = holder as Record<string, unknown>;
    for (const key of keys) {
      const text = texts[key];
      if (typeof text !== "string") continue;
      const now = plainName(text);
      if (now === text) continue;
      count++;
      first ??= { at: `${at}.${key}`, was: text, now };
      texts[key] = now;
    }
  };
  show(pkg.CFDocument, ["title", "description"], "CFDocument");
  pkg.CFItems.forEach((item, i) => {
    show(item, ["fullStatement", "abbreviatedStatement", "alternativeLabel", "notes"], `CFItems[${i}]`);
  });
  pkg.CFRubrics.forEach((rubric, r) => {
    (rubric.CFRubricCriteria ?? []).forEach((criterion, c) => {
      const at = `CFRubrics[${r}].CFRubricCriteria[${c}]`;
      show(criterion, ["category", "description"], at);
      (criterion.CFRubricCriterionLevels ?? []).forEach((cell, l) => {
        show(cell, ["quality", "description"], `${at}.CFRubricCriterionLevels[${l}]`);
      });
    });
  });
  if (!first) return [];
  const more = count > 1 ? ` (${count} texts in all)` : "";
  const message = `HTML character references are read as the characters they stand for, as CASE's markdown shows them: ${quoted(first.was)} is read as ${quoted(first.now)}${more}`;
  return [{ kind: "renamed", at: first.at, message }];
}

/**
 * Ids unique within one kind: the first keeps the id, the next get -2, -3… in package order (a package
 * names its items by code, so a code, not a position, decides an id; only equal codes or names collide).
 */
export class Ids {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id); n++) id = `${wanted}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** Copies from an extension only the members the entity's schema has (never `__proto__` or strangers). */
export function overlay(
  target: Record<string, unknown>,
  ext: Record<string, unknown> | undefined,
  keys: string[],
) {
  if (!ext) return;
  for (const key of keys) if (Object.hasOwn(ext, key) && ext[key] !== undefined) target[key] = ext[key];
}

export const CASE_FIELDS = {
  track: Object.keys(TrackSchema.shape),
  level: Object.keys(LevelSchema.shape),
  area: Object.keys(AreaSchema.shape),
  competency: Object.keys(CompetencySchema.shape),
  role: Object.keys(RoleSchema.shape),
  expectation: Object.keys(ExpectationDetail.shape),
  framework: Object.keys(FrameworkFile.shape),
} as const;

function kindOf(item: PkgItem): ItemKind | undefined {
  const type = item.CFItemType?.toLowerCase();
  return (Object.keys(ITEM_TYPES) as ItemKind[]).find((kind) => ITEM_TYPES[kind].toLowerCase() === type);
}

export interface CaseEntry {
  item: PkgItem;
  index: number;
  kind: ItemKind | undefined;
  id?: string;
}

type Edge = z.infer<typeof Association>;
/** Associations of one type by the identifier at one end. */
type Edges = Map<string, Edge[]>;

/** Reads a package's graph: items by identifier, and each kind of association by origin and destination. */
export class CaseGraph {
  readonly byUuid = new Map<string, CaseEntry>();
  /**
   * The associations by type, then by origin or by destination, in package order: indexed once, as a scan of
   * every association per item was 20,000 items × 100,000 associations at the package's bounds.
   */
  private readonly byEnd = { origin: new Map<string, Edges>(), destination: new Map<string, Edges>() };

  /** An item whose identifier an earlier item has: not read, and said so. */
  readonly repeated: CaseBend[] = [];

  constructor(readonly pkg: CasePackageData) {
    pkg.CFItems.forEach((item, index) => {
      const first = this.byUuid.get(item.identifier);
      if (!first) this.byUuid.set(item.identifier, { item, index, kind: kindOf(item) });
      else
        this.repeated.push({
          kind: "dropped",
          at: `CFItems[${index}]`,
          message: `"${item.fullStatement}" has the identifier of ${itemAt(first)} ("${first.item.fullStatement}"): it is not read`,
        });
    });
    for (const a of pkg.CFAssociations) {
      for (const [end, node] of [
        ["origin", a.originNodeURI],
        ["destination", a.destinationNodeURI],
      ] as const) {
        let ofType = this.byEnd[end].get(a.associationType);
        if (!ofType) {
          ofType = new Map();
          this.byEnd[end].set(a.associationType, ofType);
        }
        const list = ofType.get(node.identifier);
        if (list) list.push(a);
        else ofType.set(node.identifier, [a]);
      }
    }
  }

  /** Origins of `type` associations into `destination`, by sequence number then package order. */
  into(type: string, destination: string): CaseEntry[] {
    return this.sorted(this.byEnd.destination.get(type)?.get(destination) ?? [], "origin");
  }

  /** Destinations of `type` associations out of `origin`, by sequence number then package order. */
  outOf(type: string, origin: string): CaseEntry[] {
    return this.sorted(this.byEnd.origin.get(type)?.get(origin) ?? [], "destination");
  }

  private sorted(found: Edge[], end: "origin" | "destination"): CaseEntry[] {
    const ordered = found
      .map((a, i) => ({ a, i }))
      .sort((x, y) => (x.a.sequenceNumber ?? Infinity) - (y.a.sequenceNumber ?? Infinity) || x.i - y.i);
    const out = new Set<CaseEntry>();
    for (const { a } of ordered) {
      const entry = this.byUuid.get(
        end === "origin" ? a.originNodeURI.identifier : a.destinationNodeURI.identifier,
      );
      if (entry) out.add(entry);
    }
    return [...out];
  }

  ofKind(kind: ItemKind): CaseEntry[] {
    return [...this.byUuid.values()].filter((e) => e.kind === kind).sort((a, b) => a.index - b.index);
  }
}

export const itemAt = (entry: CaseEntry) => `CFItems[${entry.index}]`;
export const extOf = (x: { extensions?: { rungs?: Record<string, unknown> | undefined } | undefined }) =>
  x.extensions?.rungs;

export function entityId(entry: CaseEntry, ids: Ids, bends: CaseBend[]): string {
  const code = entry.item.humanCodingScheme;
  if (code !== undefined && isId(code)) return ids.take(code);
  const { fullStatement, abbreviatedStatement, identifier } = entry.item;
  // as the item is named (case.ts): an item with no statement at all by its identifier, not by ""
  const id = ids.take(slugify(code ?? (fullStatement.trim() || abbreviatedStatement?.trim() || identifier)));
  // a name always becomes an id; a code that is not one is worth saying
  if (code !== undefined)
    bends.push({ kind: "renamed", at: itemAt(entry), message: `code "${code}" has the id "${id}"` });
  return id;
}
