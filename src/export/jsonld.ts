/**
 * A framework as schema.org JSON-LD (`rungs export jsonld`, and the `<script type="application/ld+json">`
 * of the level and role pages): an `Occupation` per level and per role (name, description,
 * occupationalCategory codes, skills, responsibilities) and a `DefinedTermSet` of the competencies.
 *
 * Every node's `@id` is the entity's `urn:uuid:` (the same UUID as its CASE item), so the node a page embeds
 * is the very node of the whole export, and a crawler joins them.
 */
import {
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
} from "../core/model.js";
import type { Level, Role } from "../core/schema.js";
import { entityUuid } from "./uuid.js";

type Node = Record<string, unknown>;

const SCHEMA = "https://schema.org";

/** Code sets rungs knows by name (a role's classification scheme id → the set's name). */
const CODE_SETS = new Map([
  ["soc-2018", "Standard Occupational Classification 2018"],
  ["onet-soc-2019", "O*NET-SOC 2019"],
  ["isco-08", "ISCO-08"],
  ["esco", "ESCO occupations"],
]);

// the same scope as the CASE export's identifiers: a second framework served with the same id differs
const idOf = (index: FrameworkIndex, kind: string, id = "") =>
  `urn:uuid:${entityUuid(index.servedAs ?? index.framework.id, kind, id)}`;

function term(index: FrameworkIndex, id: string): Node | undefined {
  const ref = index.competencies.get(id);
  if (!ref) return undefined;
  return {
    "@type": "DefinedTerm",
    "@id": idOf(index, "competency", id),
    termCode: id,
    name: displayName(ref.competency),
    ...(ref.competency.description ? { description: ref.competency.description } : {}),
    inDefinedTermSet: idOf(index, "competencies"),
  };
}

/** The competency terms: every competency, grouped by nothing (the area is the term's description context). */
export function competencyTerms(index: FrameworkIndex): Node {
  return {
    "@type": "DefinedTermSet",
    "@id": idOf(index, "competencies"),
    name: `${index.framework.name}: competencies`,
    hasDefinedTerm: [...index.competencies.keys()].map((id) => term(index, id)),
  };
}

/** The competencies a level asks something of, as references to their terms. */
function levelSkills(index: FrameworkIndex, level: Level): Node[] {
  const out: Node[] = [];
  for (const [id, { competency, area }] of index.competencies) {
    if (!competencySpan(index, competency, area).includes(level.id)) continue;
    const detail = expectationDetail(entryOf(competency.expectations, level.id));
    if (!detail || detail.notApplicable) continue;
    out.push({ "@type": "DefinedTerm", "@id": idOf(index, "competency", id), name: displayName(competency) });
  }
  return out;
}

function category(classification: NonNullable<Role["classifications"]>[number]): Node {
  const set = CODE_SETS.get(classification.scheme) ?? classification.scheme;
  return { "@type": "CategoryCode", codeValue: classification.code, inCodeSet: set };
}

export function levelOccupation(index: FrameworkIndex, level: Level): Node {
  const codes = Object.values(level.codes ?? {});
  return {
    "@type": "Occupation",
    "@id": idOf(index, "level", level.id),
    name: level.title ?? level.name,
    ...(level.title && level.title !== level.name ? { alternateName: level.name } : {}),
    ...(level.summary ? { description: level.summary } : {}),
    ...(codes.length ? { identifier: codes } : {}),
    skills: levelSkills(index, level),
    ...(level.responsibilities?.length ? { responsibilities: level.responsibilities } : {}),
  };
}

export function roleOccupation(index: FrameworkIndex, role: Role): Node {
  const responsibilities = role.levels.flatMap((level) => entryOf(role.responsibilities, level) ?? []);
  return {
    "@type": "Occupation",
    "@id": idOf(index, "role", role.id),
    name: role.name,
    ...(role.aliases?.length ? { alternateName: role.aliases } : {}),
    ...(role.summary ? { description: role.summary } : {}),
    ...(role.code ? { identifier: role.code } : {}),
    ...(role.classifications?.length ? { occupationalCategory: role.classifications.map(category) } : {}),
    ...(role.skills?.length
      ? {
          skills: role.skills.map((s) => ({
            "@type": "DefinedTerm",
            name: s.name,
            ...(s.description ? { description: s.description } : {}),
          })),
        }
      : {}),
    ...(responsibilities.length ? { responsibilities: [...new Set(responsibilities)] } : {}),
  };
}

/** The whole framework as one JSON-LD document. */
export function frameworkJsonLd(index: FrameworkIndex): Node {
  return {
    "@context": SCHEMA,
    "@graph": [
      competencyTerms(index),
      ...index.levelOrder.map((id) => levelOccupation(index, index.levels.get(id) as Level)),
      ...[...index.roles.values()].map((role) => roleOccupation(index, role)),
    ],
  };
}

/** One level's or role's node, as a page embeds it (the same node the whole export has). */
export function pageJsonLd(index: FrameworkIndex, kind: "level" | "role", id: string): Node | undefined {
  const node =
    kind === "level"
      ? index.levels.get(id) && levelOccupation(index, index.levels.get(id) as Level)
      : index.roles.get(id) && roleOccupation(index, index.roles.get(id) as Role);
  return node ? { "@context": SCHEMA, ...node } : undefined;
}

/** What could end a script element or a line in older parsers, in one pass; each spelled as JSON escapes it. */
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
const SCRIPT_SAFE = new Map([
  ["<", "\\u003c"],
  [">", "\\u003e"],
  ["&", "\\u0026"],
  ["\u2028", "\\u2028"],
  ["\u2029", "\\u2029"],
]);

/**
 * JSON for inside a `<script>` element: `<`, `>` and `&` written as \u escapes (so no `</script>` or `<!--`
 * in the text can end or change the element), and the two line separators JavaScript once refused.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => SCRIPT_SAFE.get(c) ?? c);
}
