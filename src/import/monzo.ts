/**
 * Monzo's progression-framework markdown (github.com/monzo/progression-framework, `frameworks/*.md`): YAML
 * front matter between `---` lines with `title`, `levels` (a count), `yaml: true` and `topics`, each topic a
 * `name`, an optional `title` and `description`, and `content`: per `level`, `criteria` (strings) and
 * `exampleCriteria` ({ criteria, examples }). The body after the front matter is the framework's prose.
 *
 * Mapped: levels 1…n → levels `level-1`… on one track, following each other; each topic → an area with one
 * competency of the same id, its criteria (examples kept on theirs) the cells. Monzo's site shows the
 * generic framework (`path: /generic`) inside every other one: a topic with a generic topic's name takes
 * the generic's title and description and lists the generic's criteria after its own. Given together,
 * the generic becomes a base framework and the other one `extends` it; a shared topic's own criteria
 * become a second competency of the generic's area (`<topic>-<framework>`).
 */
import { labelFromId } from "../core/model.js";
import type { Area, Competency, Criterion, Framework, Level } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { quoted } from "../core/text.js";
import { isId, slugify } from "./ids.js";
import { readTextPage, type TextPart } from "./monzo-text.js";
import { type Importer, type ImportInput, ImportLog, utf8 } from "./types.js";
import { dropUnknownKeys, get, list, readYamlText, text, texts, type YamlInput } from "./yaml-input.js";

/** Keys of the front matter the site uses for display and navigation only: read or skipped, no bend. */
const SITE_KEYS = ["path", "title", "sidebarTitle", "sidebarGroup", "yaml", "levels", "homepage", "topics"];
/** Monzo's frameworks have six or seven levels; a count beyond this is a typo, not a ladder. */
const MAX_LEVELS = 30;
const TRACK = "main";

interface Topic {
  id: string;
  title?: string;
  /** The name to show: the title, else the topic's name as written ("impact: ambiguity and scope"). */
  label: string;
  description?: string;
  /** Criteria per level number, in file order. */
  cells: Map<number, Criterion[]>;
  /** A text page's topic: its groups of criteria, each a competency (`cells` is then empty). */
  parts?: TextPart[];
  at: SourceLocation;
}

interface MonzoFile {
  name: string;
  id: string;
  /** The last part of the path (`backend` of /engineering/backend): names a shared topic's competency. */
  short: string;
  title: string;
  body?: string;
  levels: number;
  /** The lowest level a text page has a heading for (1 on a page of topics). */
  first: number;
  topics: Topic[];
  generic: boolean;
}

/** The front matter as YAML (lines numbered as in the file) and the markdown body after it. */
function splitFrontMatter(
  input: ImportInput,
  log: ImportLog,
): { yaml?: YamlInput; body: string; bodyLine: number } {
  const all = utf8(input).replace(/^\uFEFF/, "");
  const lines = all.split(/\r?\n/);
  if (lines[0]?.trim() !== "---") {
    log.error({ file: input.name, line: 1 }, "no YAML front matter (the file must start with a --- line)");
    return { body: all, bodyLine: 1 };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) {
    log.error({ file: input.name, line: 1 }, "the front matter has no closing --- line");
    return { body: all, bodyLine: 1 };
  }
  return {
    yaml: readYamlText(input.name, lines.slice(1, end).join("\n"), 2),
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}

/** Letters and digits only, in one case: "🛠️ Backend  Engineering" and "# Backend engineering" compare equal. */
const plain = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * The body without its leading heading when that heading repeats the page's title (`# Backend Engineering`
 * under `title: "🛠️ Backend Engineering"`): the title already names the framework, and the description
 * would open with it again. Only that heading goes; one saying anything else, or any later heading, stays.
 */
function withoutTitleHeading(body: string, title: string): string {
  const text = body.trim();
  const end = text.indexOf("\n");
  const first = end < 0 ? text : text.slice(0, end);
  const next = end < 0 ? -1 : text.indexOf("\n", end + 1);
  const second = end < 0 ? "" : text.slice(end + 1, next < 0 ? undefined : next).trimEnd();
  // no regex over the heading's text: a line of 100,000 spaces would cost one a quadratic backtrack
  const atx = /^#{1,6}[ \t]/.test(first);
  const setext = !atx && /^(?:=+|-+)$/.test(second);
  const words = plain(title);
  if (!(atx || setext) || !words || plain(first) !== words) return text;
  const rest = setext ? next : end;
  return rest < 0 ? "" : text.slice(rest + 1).trim();
}

const HOW = "write it as a string, or under exampleCriteria as { criteria, examples }";

/** What a criterion that is not text is, for the error naming it: `a mapping (text)`, `a list`. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return `a mapping (${Object.keys(value as object)
    .join(", ")
    .slice(0, 60)})`;
}

/**
 * One entry of `criteria`: text as written (a number or true/false as its text), an example criterion
 * written there ({ criteria, examples }, a `guessed` bend), or a located error naming what else it is.
 */
function criterionOf(value: unknown, at: SourceLocation, cell: string, log: ImportLog): Criterion[] {
  if (typeof value === "boolean") return [String(value)];
  if (value === null || value === undefined || typeof value !== "object") {
    const written = text(value);
    if (!written) log.bend("dropped", at, `${cell}: an empty criterion`);
    return written ? [written] : [];
  }
  const criterion = text(get(value, "criteria"));
  if (!criterion) {
    log.error(at, `${cell}: a criterion is ${kindOf(value)}, not text: ${HOW}`);
    return [];
  }
  log.bend(
    "guessed",
    at,
    `${cell}: a criterion written as { criteria, examples } is read as an example criterion`,
  );
  return [exampleCriterion(criterion, value)];
}

function exampleCriterion(criterion: string, entry: unknown): Criterion {
  const examples = texts(get(entry, "examples"));
  return examples.length ? { text: criterion, examples } : criterion;
}

function readCriteria(
  yaml: YamlInput,
  path: (string | number)[],
  entry: unknown,
  cell: string,
  log: ImportLog,
) {
  // one criterion written where the list goes (`criteria: Ships it`) is a list of that one
  const given = get(entry, "criteria");
  const criteria: Criterion[] = Array.isArray(given)
    ? given.flatMap((c, k) => criterionOf(c, yaml.at([...path, "criteria", k]), cell, log))
    : given === undefined || given === null
      ? []
      : criterionOf(given, yaml.at([...path, "criteria"]), cell, log);
  for (const [k, ex] of list(get(entry, "exampleCriteria")).entries()) {
    const criterion = text(get(ex, "criteria"));
    if (!criterion) {
      log.error(yaml.at([...path, "exampleCriteria", k]), "an example criterion without its criteria text");
      continue;
    }
    criteria.push(exampleCriterion(criterion, ex));
  }
  return criteria;
}

// long: one pass over a topic's levels, with a located error or bend for each way an entry can be off
function readTopic(yaml: YamlInput, i: number, levels: number, log: ImportLog): Topic | undefined {
  const topic = get(yaml.value, "topics") as unknown[];
  const raw = topic[i];
  const title = text(get(raw, "title"));
  const name = text(get(raw, "name"));
  if (!name && !title) {
    log.error(yaml.at(["topics", i]), "a topic without a name or a title (name:)");
    return undefined;
  }
  const id = name ? (isId(name) ? name : slugify(name)) : slugify(title as string);
  if (!name)
    log.bend(
      "guessed",
      yaml.at(["topics", i]),
      `a topic without a name is named by its title "${title}": ${id}`,
    );
  else if (id !== name)
    log.bend("renamed", yaml.at(["topics", i, "name"]), `topic "${name}" is read as ${id}`);
  const cells = new Map<number, Criterion[]>();
  for (const [j, entry] of list(get(raw, "content")).entries()) {
    const path = ["topics", i, "content", j];
    const level = whole(get(entry, "level"));
    if (typeof level !== "number" || !Number.isInteger(level) || level < 1 || level > levels) {
      log.error(
        yaml.at(path),
        `topic ${id}: level ${String(level ?? "")} is not one of 1…${levels} (missing level)`,
      );
      continue;
    }
    const criteria = readCriteria(yaml, path, entry, `topic ${id} at level ${level}`, log);
    if (criteria.length === 0) {
      log.bend("dropped", yaml.at(path), `topic ${id} at level ${level} has no criteria`);
      continue;
    }
    const known = cells.get(level);
    if (known)
      log.bend("merged", yaml.at(path), `topic ${id} lists level ${level} twice; the criteria are joined`);
    cells.set(level, [...(known ?? []), ...criteria]);
  }
  const description = text(get(raw, "description"));
  const written = name ? name.charAt(0).toUpperCase() + name.slice(1) : id;
  return {
    id,
    ...(title ? { title } : {}),
    label: title ?? (id === name ? labelFromId(id) : written),
    ...(description ? { description } : {}),
    cells,
    at: yaml.at(["topics", i]),
  };
}

type FileBase = Pick<MonzoFile, "name" | "id" | "short" | "title" | "generic">;

function readFile(input: ImportInput, log: ImportLog): MonzoFile | undefined {
  const { yaml, body, bodyLine } = splitFrontMatter(input, log);
  if (!yaml) return undefined;
  const root = yaml.value;
  for (const key of Object.keys(root ?? {}))
    if (!SITE_KEYS.includes(key))
      log.bend("dropped", yaml.at([key]), `${key} has no place in a rungs framework`);
  const path = text(get(root, "path")) ?? input.name.replace(/^.*[\\/]/, "").replace(/\.md$/i, "");
  const parts = path.split("/").filter(Boolean);
  const id = slugify(parts.join("-") || "framework");
  const base: FileBase = {
    name: input.name,
    id,
    short: slugify(parts.at(-1) ?? id),
    title: text(get(root, "title")) ?? labelFromId(id),
    generic: parts.length === 1 && parts[0] === "generic",
  };
  if (get(root, "yaml") === false) return textFile(base, yaml, body, bodyLine, log);
  const given = get(root, "levels");
  const levels = whole(given);
  if (typeof levels !== "number" || !Number.isInteger(levels) || levels < 1 || levels > MAX_LEVELS) {
    // "missing" only when it is: a count out of range is named as written (its first 20 characters)
    log.error(
      yaml.at(["levels"]),
      given === undefined || given === null
        ? `no levels: the front matter gives how many levels there are, a whole number from 1 to ${MAX_LEVELS} (missing levels)`
        : `levels is ${JSON.stringify(given)?.slice(0, 20) ?? typeof given}: it must be a whole number from 1 to ${MAX_LEVELS}`,
    );
    return undefined;
  }
  const description = withoutTitleHeading(body, base.title);
  return {
    ...base,
    ...(description ? { body: description } : {}),
    levels,
    first: 1,
    topics: readTopics(yaml, levels, log),
  };
}

function readTopics(yaml: YamlInput, levels: number, log: ImportLog): Topic[] {
  const topics: Topic[] = [];
  const seen = new Set<string>();
  dropUnknownKeys(yaml, log, ["topics"], ["name", "title", "description", "content"]);
  for (const i of list(get(yaml.value, "topics")).keys()) {
    dropUnknownKeys(yaml, log, ["topics", i, "content"], ["level", "criteria", "exampleCriteria"]);
    const topic = readTopic(yaml, i, levels, log);
    if (!topic) continue;
    if (seen.has(topic.id)) {
      log.error(topic.at, `topic ${topic.id} appears twice (duplicate id)`);
      continue;
    }
    seen.add(topic.id);
    topics.push(topic);
  }
  // a topic refused for its own reason is reported at its line; "no topics" is for a page that lists none
  if (list(get(yaml.value, "topics")).length === 0)
    log.error(yaml.at(["topics"]), "no topics (topics: [{ name, content }])");
  return topics;
}

/**
 * A text page (`yaml: false`): its levels, topics and criteria read from the markdown's headings, bold
 * lines and bullets (monzo-text.ts), a `guessed` bend saying so. A front-matter `levels` or `topics` the
 * headings overrule is a `dropped` bend.
 */
function textFile(
  base: FileBase,
  yaml: YamlInput,
  body: string,
  bodyLine: number,
  log: ImportLog,
): MonzoFile | undefined {
  const page = readTextPage(base.name, body, bodyLine, log);
  if (page.last === 0 || page.last > MAX_LEVELS) {
    log.error(
      yaml.at(["yaml"]),
      page.last
        ? `a text page (yaml: false) with a "## Level ${page.last}" heading: levels go from 1 to ${MAX_LEVELS}`
        : `a text page (yaml: false) without a "## Level N" heading: its levels are prose the importer cannot read`,
    );
    return undefined;
  }
  if (page.topics.length === 0)
    log.error(yaml.at(["yaml"]), 'a text page (yaml: false) without a "### Topic" heading under its levels');
  log.bend(
    "guessed",
    yaml.at(["yaml"]),
    `a text page (yaml: false): levels ${page.first}…${page.last} are read from its "## Level" headings, areas from "###", their descriptions from "####", competencies from bold lines, criteria from bullets`,
  );
  const levels = whole(get(yaml.value, "levels"));
  if (levels !== null && levels !== undefined && levels !== page.last)
    log.bend(
      "dropped",
      yaml.at(["levels"]),
      `levels: ${String(levels).slice(0, 20)} is not read: the headings give the levels`,
    );
  if (get(yaml.value, "topics") !== undefined)
    log.bend(
      "dropped",
      yaml.at(["topics"]),
      "topics on a text page are not read: its headings give the topics",
    );
  const description = withoutTitleHeading(page.intro, base.title);
  return {
    ...base,
    ...(description ? { body: description } : {}),
    levels: page.last,
    first: page.first,
    topics: page.topics.map((t) => ({ ...t, cells: new Map() })),
  };
}

const levelId = (n: number) => `level-${n}`;

/** A level number as the file writes it: `3`, or quoted, `"3"`. */
function whole(value: unknown): unknown {
  return typeof value === "string" && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
}

/** Levels `from`…`last`, each following the one before; the first too when it continues a base's ladder. */
function levelsOf(last: number, from: number, continues = false): Level[] {
  return Array.from({ length: last - from + 1 }, (_, k) => {
    const n = from + k;
    return {
      id: levelId(n),
      name: `Level ${n}`,
      track: TRACK,
      ...(n > from || continues ? { follows: [levelId(n - 1)] } : {}),
    };
  });
}

function competencyOf(id: string, name: string, cells: Map<number, Criterion[]>): Competency {
  const expectations: Competency["expectations"] = {};
  for (const [level, criteria] of [...cells].sort(([a], [b]) => a - b))
    expectations[levelId(level)] = { criteria };
  return { id, name, expectations };
}

/**
 * A topic's competencies: a text page's groups of criteria, else one competency of the topic's cells. `own`
 * gives the id and name of the competency the topic's own criteria make (the topic's, or a shared topic's
 * `<topic>-<framework>`).
 */
function competenciesOf(topic: Topic, own: { id: string; name: string }): Competency[] {
  if (!topic.parts) return [competencyOf(own.id, own.name, topic.cells)];
  return topic.parts.map((part) =>
    part.id === topic.id
      ? competencyOf(own.id, own.name, part.cells)
      : competencyOf(part.id, part.name, part.cells),
  );
}

/** `prefix` tells a base's entities apart from the extending framework's in the provenance list. */
function standalone(file: MonzoFile, log: ImportLog, prefix = ""): Framework {
  const areas: Area[] = file.topics.map((topic) => {
    const name = topic.label;
    log.from(`${prefix}areas.${topic.id}`, topic.at);
    return {
      id: topic.id,
      name,
      ...(topic.description ? { summary: topic.description } : {}),
      competencies: competenciesOf(topic, { id: topic.id, name }),
    };
  });
  return {
    rungs: 2,
    id: file.id,
    name: file.title,
    ...(file.body ? { description: file.body } : {}),
    tracks: [{ id: TRACK, name: file.title }],
    levels: levelsOf(file.levels, file.first),
    areas,
  };
}

/** The framework as an extension of the generic: only what it adds, the rest inherited. */
function extending(file: MonzoFile, generic: MonzoFile, log: ImportLog): Framework {
  const shared = new Map(generic.topics.map((t) => [t.id, t]));
  if (file.levels < generic.levels)
    log.bend(
      "merged",
      { file: file.name },
      `${file.levels} levels, the generic framework ${generic.levels}: levels ${file.levels + 1}…${generic.levels} come from the generic`,
    );
  const areas = file.topics.map((topic): Area => {
    const base = shared.get(topic.id);
    log.from(`areas.${topic.id}`, topic.at);
    if (!base) {
      const name = topic.label;
      return {
        id: topic.id,
        name,
        ...(topic.description ? { summary: topic.description } : {}),
        competencies: competenciesOf(topic, { id: topic.id, name }),
      };
    }
    if (topic.title && topic.title !== base.title)
      log.bend(
        "dropped",
        topic.at,
        `topic ${topic.id}: the title "${topic.title}" gives way to the generic's`,
      );
    if (topic.description && topic.description !== base.description)
      log.bend(
        "dropped",
        topic.at,
        `topic ${topic.id}: the description ${quoted(topic.description, 60)} gives way to the generic's`,
      );
    const name = `${base.label}: ${labelFromId(file.short)}`;
    const competencies = competenciesOf(topic, { id: `${topic.id}-${file.short}`, name });
    return { id: topic.id, competencies } as Area;
  });
  return {
    rungs: 2,
    extends: `../${generic.id}`,
    id: file.id,
    name: file.title,
    ...(file.body ? { description: file.body } : {}),
    ...(file.levels > generic.levels ? { levels: levelsOf(file.levels, generic.levels + 1, true) } : {}),
    areas,
  } as Framework;
}

export const monzoImporter: Importer = {
  async read(inputs) {
    const log = new ImportLog();
    const files = inputs.flatMap((input) => readFile(input, log) ?? []);
    log.check();
    const generics = files.filter((f) => f.generic);
    const others = files.filter((f) => !f.generic);
    if (generics.length > 1 || others.length > 1)
      log.error(
        { file: (generics[1] ?? others[1] ?? files[0])?.name ?? "monzo" },
        `give one framework file per import, and optionally the generic framework (path: /generic) it inherits (${others.length} frameworks${generics.length ? ` and ${generics.length} generic` : ""} were given: import each page on its own, with the generic)`,
      );
    log.check();
    const [generic] = generics;
    const [own] = others;
    if (own && generic)
      return log.done(extending(own, generic, log), standalone(generic, log, `${generic.id}/`));
    return log.done(standalone((own ?? generic) as MonzoFile, log));
  },
};
