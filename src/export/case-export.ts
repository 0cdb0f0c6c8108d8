/**
 * A framework as a CASE 1.1 package (CFPackage): the framework is the CFDocument; tracks, levels, areas,
 * competencies and roles are CFItems (typed by CFItemType, coded by their rungs id in humanCodingScheme);
 * the tree and the ladder are CFAssociations (isChildOf, precedes, isRelatedTo); the expectations are one
 * CFRubric whose criteria are the competencies and whose criterion levels are the levels.
 *
 * Identifiers are UUID v5 of the framework and entity ids (./uuid.ts): stable across exports. What CASE has
 * no field for travels in `extensions.rungs`, so `rungs import case` of this output gives the framework
 * back (docs/export.md says field by field where everything goes).
 */

import type { Area, Competency, Expectation, Framework, Level, Role, Track } from "../core/schema.js";
import { withoutTrailingSlashes } from "../core/text.js";
import {
  type AssociationType,
  type CfAssociation,
  type CfDocument,
  type CfItem,
  type CfItemType,
  type CfPackage,
  type CfRubric,
  type CfRubricCriterion,
  type CfRubricCriterionLevel,
  ITEM_TYPES,
  type ItemKind,
  type LinkGenUri,
  type RungsExtension,
} from "./case-types.js";
import { entityUuid } from "./uuid.js";

export interface CaseExportOptions {
  /** ISO date-time written as every object's lastChangeDateTime. */
  changed: string;
  /** Origin of the CASE endpoints (`https://rungs.example.org`); without it URIs are `urn:uuid:…`. */
  baseUri?: string;
  /** The id the identifiers derive from: the framework's own, or the one it is served under (index.servedAs). */
  scope?: string;
}

/**
 * The lastChangeDateTime of a version's CASE objects: SOURCE_DATE_EPOCH (seconds, for reproducible builds)
 * when set, else when the framework's newest file last changed (`modified`, so the same files give the same
 * time after a restart, on another server, in every export), else `now`. ISO 8601 without milliseconds.
 */
export function changedAt(modified?: string, now: Date = new Date()): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const usable =
    process.env.SOURCE_DATE_EPOCH && Number.isInteger(epoch) && epoch >= 0 && epoch < 253402300800;
  if (!usable && modified) return modified;
  const when = usable ? new Date(epoch * 1000) : now;
  return `${when.toISOString().slice(0, 19)}Z`;
}

/** Framework fields CFDocument holds itself (the rest go to its extension, the collections to items). */
const DOCUMENT_FIELDS = ["rungs", "extends", "name", "description", "version", "organization"] as const;
const COLLECTIONS = ["tracks", "levels", "areas", "roles"] as const;

/** Leaves out `keys` and the members whose value is undefined. */
export function omit(value: object, keys: readonly string[]): RungsExtension {
  const out: RungsExtension = {};
  for (const [key, member] of Object.entries(value)) {
    if (!keys.includes(key) && member !== undefined) out[key] = member;
  }
  return out;
}

function withExtension<T extends object>(object: T, rungs: RungsExtension): T {
  return Object.keys(rungs).length ? { ...object, extensions: { rungs } } : object;
}

class PackageWriter {
  readonly items: CfItem[] = [];
  readonly associations: CfAssociation[] = [];
  private readonly links = new Map<string, LinkGenUri>();
  readonly document: LinkGenUri;
  /** What every identifier derives from, beside the entity's kind and id. */
  readonly scope: string;

  constructor(
    readonly framework: Framework,
    readonly options: CaseExportOptions,
  ) {
    this.scope = options.scope ?? framework.id;
    const identifier = entityUuid(this.scope, "document");
    this.document = { title: framework.name, identifier, uri: this.uri("CFDocuments", identifier) };
  }

  uri(collection: string, identifier: string): string {
    const base = this.options.baseUri && withoutTrailingSlashes(this.options.baseUri);
    return base ? `${base}/ims/case/v1p1/${collection}/${identifier}` : `urn:uuid:${identifier}`;
  }

  /** The link to the item of `kind` with rungs id `id` (after it was added). */
  link(kind: ItemKind, id: string): LinkGenUri | undefined {
    return this.links.get(`${kind}:${id}`);
  }

  addItem(
    kind: ItemKind,
    entity: { id: string },
    text: { statement: string; notes?: string | undefined; label?: string | undefined },
    rest: RungsExtension,
  ): LinkGenUri {
    const identifier = entityUuid(this.scope, kind, entity.id);
    const uri = this.uri("CFItems", identifier);
    const type = ITEM_TYPES[kind];
    const item: CfItem = {
      identifier,
      uri,
      fullStatement: text.statement,
      ...(text.label !== undefined ? { alternativeLabel: text.label } : {}),
      humanCodingScheme: entity.id,
      CFItemType: type,
      CFItemTypeURI: this.itemTypeLink(kind),
      ...(text.notes !== undefined ? { notes: text.notes } : {}),
      lastChangeDateTime: this.options.changed,
      CFDocumentURI: this.document,
    };
    this.items.push(withExtension(item, rest));
    const link = { title: text.statement, identifier, uri };
    this.links.set(`${kind}:${entity.id}`, link);
    return link;
  }

  itemTypeLink(kind: ItemKind): LinkGenUri {
    const identifier = entityUuid(this.scope, "item-type", kind);
    return { title: ITEM_TYPES[kind], identifier, uri: this.uri("CFItemTypes", identifier) };
  }

  associate(type: AssociationType, origin: LinkGenUri, destination: LinkGenUri, sequence?: number): void {
    const identifier = entityUuid(
      this.scope,
      `association-${type}`,
      `${origin.identifier}>${destination.identifier}`,
    );
    this.associations.push({
      identifier,
      uri: this.uri("CFAssociations", identifier),
      associationType: type,
      ...(sequence !== undefined ? { sequenceNumber: sequence } : {}),
      originNodeURI: origin,
      destinationNodeURI: destination,
      lastChangeDateTime: this.options.changed,
      CFDocumentURI: this.document,
    });
  }
}

function addTracks(w: PackageWriter, tracks: readonly Track[]): void {
  tracks.forEach((track, i) => {
    const link = w.addItem(
      "track",
      track,
      { statement: track.name, notes: track.description },
      omit(track, ["id", "name", "description"]),
    );
    w.associate("isChildOf", link, w.document, i + 1);
  });
}

function addLevels(w: PackageWriter, levels: readonly Level[]): void {
  const seen = new Set<string>();
  levels.forEach((level, i) => {
    if (seen.has(level.id)) return;
    seen.add(level.id);
    const link = w.addItem(
      "level",
      level,
      { statement: level.name, notes: level.summary, label: level.title },
      omit(level, ["id", "name", "summary", "title", "track", "follows"]),
    );
    w.associate("isChildOf", link, w.link("track", level.track) ?? w.document, i + 1);
  });
  for (const level of levels) {
    const to = w.link("level", level.id);
    (level.follows ?? []).forEach((from, i) => {
      const origin = w.link("level", from);
      // an unknown level is a lint error: the export names only what exists
      if (origin && to) w.associate("precedes", origin, to, i + 1);
    });
  }
}

function addAreas(w: PackageWriter, areas: readonly Area[]): void {
  areas.forEach((area, i) => {
    const link = w.addItem(
      "area",
      area,
      { statement: area.name ?? area.id, notes: area.description },
      omit(area, ["id", "name", "description", "competencies"]),
    );
    w.associate("isChildOf", link, w.document, i + 1);
    area.competencies.forEach((competency, j) => {
      const child = w.addItem(
        "competency",
        competency,
        { statement: competency.name ?? competency.id, notes: competency.description },
        omit(competency, ["id", "name", "description", "expectations"]),
      );
      w.associate("isChildOf", child, link, j + 1);
    });
  });
}

function addRoles(w: PackageWriter, roles: readonly Role[]): void {
  roles.forEach((role, i) => {
    const link = w.addItem(
      "role",
      role,
      { statement: role.name, notes: role.summary },
      omit(role, ["id", "name", "summary", "levels"]),
    );
    w.associate("isChildOf", link, w.document, i + 1);
    role.levels.forEach((level, j) => {
      const destination = w.link("level", level);
      if (destination) w.associate("isRelatedTo", link, destination, j + 1);
    });
  });
}

/** A cell as a rubric criterion level: the statement is its description, the rest its extension. */
function criterionLevel(
  w: PackageWriter,
  competency: Competency,
  level: Level,
  position: number,
  expectation: Expectation,
  criterionId: string,
): CfRubricCriterionLevel {
  const identifier = entityUuid(w.scope, "criterion-level", `${competency.id}@${level.id}`);
  const statement = typeof expectation === "string" ? expectation : expectation.statement;
  const rest = typeof expectation === "string" ? undefined : omit(expectation, ["statement"]);
  const out: CfRubricCriterionLevel = {
    identifier,
    uri: w.uri("CFRubricCriterionLevels", identifier),
    ...(statement !== undefined ? { description: statement } : {}),
    quality: level.name,
    score: position,
    position,
    rubricCriterionId: criterionId,
    lastChangeDateTime: w.options.changed,
  };
  return withExtension(out, { level: level.id, ...(rest ? { expectation: rest } : {}) });
}

function rubricOf(w: PackageWriter, levels: readonly Level[], areas: readonly Area[]): CfRubric {
  const rubricId = entityUuid(w.scope, "rubric");
  const criteria: CfRubricCriterion[] = [];
  for (const area of areas) {
    for (const competency of area.competencies) {
      const identifier = entityUuid(w.scope, "criterion", competency.id);
      const cells: CfRubricCriterionLevel[] = [];
      levels.forEach((level, i) => {
        if (!Object.hasOwn(competency.expectations, level.id)) return;
        const expectation = competency.expectations[level.id] as Expectation;
        cells.push(criterionLevel(w, competency, level, i + 1, expectation, identifier));
      });
      const item = w.link("competency", competency.id);
      criteria.push({
        identifier,
        uri: w.uri("CFRubricCriteria", identifier),
        category: area.name ?? area.id,
        ...(competency.description !== undefined ? { description: competency.description } : {}),
        ...(item ? { CFItemURI: item } : {}),
        position: criteria.length + 1,
        rubricId,
        lastChangeDateTime: w.options.changed,
        CFRubricCriterionLevels: cells,
      });
    }
  }
  return {
    identifier: rubricId,
    uri: w.uri("CFRubrics", rubricId),
    title: `${w.framework.name}: expectations`,
    description: "Each criterion is a competency; each criterion level is what one level expects of it.",
    lastChangeDateTime: w.options.changed,
    CFRubricCriteria: criteria,
  };
}

function itemTypes(w: PackageWriter): CfItemType[] {
  return (Object.keys(ITEM_TYPES) as ItemKind[]).map((kind, i) => {
    const link = w.itemTypeLink(kind);
    return {
      identifier: link.identifier,
      uri: link.uri,
      title: link.title,
      description: `A ${kind} of a rungs career framework.`,
      hierarchyCode: String(i + 1),
      typeCode: kind,
      lastChangeDateTime: w.options.changed,
    };
  });
}

/** The CASE 1.1 package of a loaded framework. Pure and deterministic: same framework, same package. */
export function frameworkToCase(framework: Framework, options: CaseExportOptions): CfPackage {
  const w = new PackageWriter(framework, options);
  const levels = framework.levels ?? [];
  const areas = framework.areas ?? [];
  addTracks(w, framework.tracks);
  addLevels(w, levels);
  addAreas(w, areas);
  addRoles(w, framework.roles ?? []);
  // a package is named by its document's identifier, as CASE providers do
  const packageId = w.document.identifier;
  const document: CfDocument = withExtension(
    {
      identifier: w.document.identifier,
      uri: w.document.uri,
      creator: framework.organization ?? framework.name,
      title: framework.name,
      lastChangeDateTime: options.changed,
      ...(framework.organization !== undefined ? { publisher: framework.organization } : {}),
      ...(framework.description !== undefined ? { description: framework.description } : {}),
      ...(framework.version !== undefined ? { version: framework.version } : {}),
      frameworkType: "career framework",
      caseVersion: "1.1" as const,
      CFPackageURI: { title: framework.name, identifier: packageId, uri: w.uri("CFPackages", packageId) },
    },
    omit(framework, [...DOCUMENT_FIELDS, ...COLLECTIONS]),
  );
  return {
    CFDocument: document,
    CFItems: w.items,
    CFAssociations: w.associations,
    CFDefinitions: { CFItemTypes: itemTypes(w) },
    CFRubrics: [rubricOf(w, levels, areas)],
  };
}

/** How much JSON `caseJsonChunks` gathers before it gives it out. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A package as `JSON.stringify(pkg, null, 2)` would write it, the same characters, given out in pieces of about
 * CHUNK_CHARS: the package of a large framework is hundreds of MB of JSON, which as one string is that much
 * memory at once (twice, once encoded).
 */
export function* caseJsonChunks(pkg: CfPackage): Generator<string> {
  let gathered: string[] = [];
  let size = 0;
  for (const piece of prettyJson(pkg, "")) {
    gathered.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      yield gathered.join("");
      gathered = [];
      size = 0;
    }
  }
  if (gathered.length) yield gathered.join("");
}

/**
 * JSON indented by two spaces, in pieces: arrays and objects with members are taken apart down to
 * `depth` levels (a package's criteria and their levels are 4 deep), anything deeper is stringified whole.
 * Members that JSON leaves out (undefined, functions) are left out; only plain data is expected here.
 */
function* prettyJson(value: unknown, indent: string, depth = 5): Generator<string> {
  const inner = `${indent}  `;
  if (depth > 0 && Array.isArray(value) && value.length) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield i ? `,\n${inner}` : `\n${inner}`;
      const member = value[i];
      if (member === undefined || typeof member === "function") yield "null";
      else yield* prettyJson(member, inner, depth - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  if (depth > 0 && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, m]) => m !== undefined && typeof m !== "function");
    if (entries.length) {
      yield "{";
      for (const [i, [key, member]] of entries.entries()) {
        yield `${i ? "," : ""}\n${inner}${JSON.stringify(key)}: `;
        yield* prettyJson(member, inner, depth - 1);
      }
      yield `\n${indent}}`;
      return;
    }
  }
  // JSON strings hold no line breaks (they are escaped), so every one in here is indentation
  yield (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `\n${indent}`);
}
