/**
 * The Financial Times engineering-progression job-family YAML (data/job-families/*.yml): `levels` (id,
 * name), `themes` (id, name, summary) and `competencies`, each one line of one theme at one level with a
 * `proficiency`; legacy files add `examples` and `supportingUrls` ({label, url}).
 *
 * Mapped: the job family → one track named after it, whose levels follow in file order (forked into an
 * individual-contributor and a people-manager track where level ids end -ic and -pm, or names say so); each
 * theme → an area with one
 * competency of the same name; the FT competencies of a theme at a level → that cell's criteria (their
 * ids kept), with examples and the supporting URLs as sources; the proficiencies → the competency's
 * scale, each cell asking for the step its criteria name.
 */
import { labelFromId } from "../core/model.js";
import type { Area, Competency, ExpectationDetail, Framework, Level, Source, Track } from "../core/schema.js";
import { quoted } from "../core/text.js";
import { isOlderFt, olderFamily } from "./ft-older.js";
import { decodeTexts } from "./html-text.js";
import { allocateIds, isId, slugify } from "./ids.js";
import { type Importer, ImportLog } from "./types.js";
import { dropUnknownKeys, get, list, readYamlInput, text, texts, type YamlInput } from "./yaml-input.js";

/** The FT's proficiency words, lowest first; others are added after them in order of appearance. */
const PROFICIENCIES = ["Awareness", "Foundational", "Working knowledge", "Practitioner", "Expert"];
const COMPETENCY_KEYS = ["id", "level", "theme", "summary", "proficiency", "examples", "supportingUrls"];

/** A word as the FT spells it when it is one of theirs in another case or spacing ("working  Knowledge"). */
function proficiencyWord(word: string): string {
  const plain = (w: string) => w.toLowerCase().replace(/\s+/g, " ");
  return PROFICIENCIES.find((p) => plain(p) === plain(word)) ?? word;
}

/**
 * The items of a summary that is a numbered list ("1. …", "2. …", numbered from 1 without a gap; a line
 * that starts no item continues the one before), else the summary alone.
 */
function numberedItems(summary: string): string[] {
  const items: string[] = [];
  for (const line of summary.split("\n")) {
    const item = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
    if (item && Number(item[1]) === items.length + 1) items.push(item[2] ?? "");
    else if (!items.length) return [summary];
    else if (line.trim()) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.length > 1 ? items.map((t) => t.trim()) : [summary];
}

export const ftImporter: Importer = {
  async read(inputs) {
    const log = new ImportLog();
    const files = inputs.map((input) => ({ input, yaml: readYamlInput(input) }));
    for (const { yaml } of files) shownAsHtml(yaml, log);
    const older = files.some((f) => isOlderFt(f.yaml));
    if (!older && inputs.length !== 1)
      log.error(
        { file: inputs[1]?.name ?? "ft" },
        `give one job-family file per import (${inputs.length} were given: import each on its own, each to its own --out)`,
      );
    const yaml = older ? olderFamily(files, log) : files[0]?.yaml;
    if (!yaml) return log.done({} as Framework);
    const root = yaml.value;
    for (const key of Object.keys(root ?? {}))
      if (!["name", "summary", "levels", "themes", "competencies"].includes(key))
        log.bend("dropped", yaml.at([key]), `${key} has no place in a rungs framework`);
    for (const key of ["levels", "themes", "competencies"])
      if (get(root, key) != null && !Array.isArray(get(root, key)))
        log.error(yaml.at([key]), `${key} is not a list (each entry a "- " line)`);
    dropUnknownKeys(yaml, log, ["levels"], ["id", "name"]);
    dropUnknownKeys(yaml, log, ["themes"], ["id", "name", "summary"]);
    dropUnknownKeys(yaml, log, ["competencies"], COMPETENCY_KEYS);
    const familyName = text(get(root, "name"));
    if (!familyName) log.error(yaml.at([]), "no job-family name (name:)");
    const name = familyName ?? "Job family";
    const { levels, levelIds, tracks } = readLevels(yaml, log, familyTrack(name));
    if (levels.length === 0) log.error(yaml.at(["levels"]), "no levels (levels: [{ id, name }])");
    const themes = readThemes(yaml, log);
    const { cells, sources, proficiencies } = readCompetencies(yaml, log, levelIds, themes);
    const areas = areasOf(themes, cells, proficiencies);
    const summary = text(get(root, "summary"));
    return log.done({
      rungs: 2,
      id: slugify(name),
      name,
      ...(summary ? { description: summary } : {}),
      tracks,
      levels,
      areas,
      ...(sources.size ? { sources: [...sources.values()] } : {}),
    });
  },
};

type Cell = ExpectationDetail & { proficiency?: string };
type Themes = Map<string, { name: string; summary?: string }>;

/**
 * The FT's two ways up from one rung on: level ids ending `-ic` (individual contributor) and `-pm` (people
 * manager), as in "senior-2-ic" and "senior-2-pm". Each suffix is a track of its own.
 */
const BRANCHES: Record<string, Track> = {
  ic: { id: "individual-contributor", name: "Individual contributor", kind: "ic" },
  pm: { id: "people-manager", name: "People manager", kind: "management" },
};

/**
 * The family's own track, named as the file names the family ("Global Service Desk" →
 * `global-service-desk`): an FT repository holds engineering, operations, service desk and other families,
 * each a file of its own. An id the fork's tracks use is suffixed (`apex-2`).
 */
function familyTrack(name: string): Track {
  const id = allocateIds(
    [name],
    Object.values(BRANCHES)
      .map((t) => t.id)
      .concat("apex"),
  ).get(name);
  return { id: id as string, name };
}

/**
 * A level's side of the fork: its id's `-ic` or `-pm` ending, else its name's "(Individual Contributor)" or
 * "(People Manager)", as the FT's operations family marks its senior-2 and team-manager levels.
 */
function branchOf(id: string, name: string | undefined): string | undefined {
  const suffix = /-(ic|pm)$/.exec(id)?.[1];
  if (suffix) return suffix;
  const said = /\((individual contributor|people manager)\)\s*$/i.exec(name ?? "")?.[1]?.toLowerCase();
  return said ? (said === "people manager" ? "pm" : "ic") : undefined;
}

/**
 * The family's levels in file order, each following the one before. When some ids end in -ic or -pm, the
 * ladder forks there: the levels before the first such id are the family's trunk, each suffix's levels follow
 * one another from the trunk's last level, and a level without a suffix after the fork (a director) follows
 * the last level of every branch, on a track of its own where the branches meet again.
 */
function readLevels(yaml: YamlInput, log: ImportLog, family: Track) {
  const levels: Level[] = [];
  const levelIds = new Set<string>();
  const forks = list(get(yaml.value, "levels")).some((l) =>
    branchOf(text(get(l, "id")) ?? "", text(get(l, "name"))),
  );
  const trunk: Track = forks ? { ...family, kind: "trunk" } : family;
  const apex: Track = { id: "apex", name: "Where the tracks meet", kind: "apex" };
  const last = new Map<string, string>();
  for (const [i, l] of list(get(yaml.value, "levels")).entries()) {
    const id = text(get(l, "id"));
    if (!id || !isId(id)) {
      log.error(yaml.at(["levels", i]), `level id "${id ?? ""}" is not an id`);
      continue;
    }
    if (levelIds.has(id)) {
      log.error(yaml.at(["levels", i, "id"]), `level ${id} appears twice (duplicate id)`);
      continue;
    }
    levelIds.add(id);
    log.from(`levels.${id}`, yaml.at(["levels", i]));
    const branch = branchOf(id, text(get(l, "name")));
    const forked = [...last.keys()].some((track) => track !== trunk.id && track !== apex.id);
    const track = branch ? (BRANCHES[branch] as Track) : forked ? apex : trunk;
    const follows =
      track === apex && !last.has(apex.id)
        ? [...last].filter(([t]) => t !== trunk.id).map(([, level]) => level)
        : [last.get(track.id) ?? last.get(trunk.id)].filter((level) => level !== undefined);
    levels.push({
      id,
      name: nameOf(log, yaml.at(["levels", i]), `level ${id}`, id, get(l, "name")),
      track: track.id,
      ...(follows.length ? { follows } : {}),
    });
    last.set(track.id, id);
  }
  const tracks = [trunk, ...Object.values(BRANCHES), apex].filter((t) => last.has(t.id));
  if (forks)
    log.bend(
      "guessed",
      yaml.at(["levels"]),
      `levels ending -ic and -pm (or named "(Individual Contributor)" and "(People Manager)") fork the ladder: tracks ${tracks.map((t) => t.id).join(", ")}`,
    );
  return { levels, levelIds, tracks };
}

/**
 * The texts as the FT's site shows them: its pages put names, summaries and examples into the HTML as
 * written, so `Data &amp; Tools` reads "Data & Tools" there, and here, and `<em>careful</em>` is emphasis
 * there and `*careful*` here (one `renamed` bend per file, at the first, with how many; ids made from
 * names are made from what is read).
 */
function shownAsHtml(yaml: YamlInput, log: ImportLog): void {
  const { count, first } = decodeTexts(yaml.value);
  if (!first) return;
  const more = count > 1 ? ` (${count} texts in all)` : "";
  const message = `HTML is read as the FT's pages show it (character references as their characters, inline tags as markdown): ${quoted(first.was)} is read as ${quoted(first.now)}${more}`;
  log.bend("renamed", yaml.at(first.path), message);
}

/** The name given, or one made from the id and said so (a bend): an FT level or theme without a name. */
function nameOf(
  log: ImportLog,
  at: ReturnType<YamlInput["at"]>,
  what: string,
  id: string,
  given: unknown,
): string {
  const name = text(given);
  if (name) return name;
  const made = labelFromId(id);
  log.bend("guessed", at, `${what} has no name: named "${made}" after its id`);
  return made;
}

function readThemes(yaml: YamlInput, log: ImportLog): Themes {
  const themes = new Map<string, { name: string; summary?: string }>();
  for (const [i, t] of list(get(yaml.value, "themes")).entries()) {
    const id = text(get(t, "id"));
    if (!id || !isId(id)) {
      log.error(yaml.at(["themes", i]), `theme id "${id ?? ""}" is not an id`);
      continue;
    }
    const summary = text(get(t, "summary"));
    const name = nameOf(log, yaml.at(["themes", i]), `theme ${id}`, id, get(t, "name"));
    themes.set(id, { name, ...(summary ? { summary } : {}) });
    log.from(`areas.${id}`, yaml.at(["themes", i]));
  }
  return themes;
}

/** Each FT competency is one criterion of its theme's cell at its level. */
// long: one FT competency line checked field by field, each problem located, then folded into its cell
function readCompetencies(yaml: YamlInput, log: ImportLog, levelIds: Set<string>, themes: Themes) {
  const cells = new Map<string, Map<string, ExpectationDetail & { proficiency?: string }>>();
  const sources = new Map<string, Source>();
  const proficiencies = new Map<string, string[]>();
  const seen = new Set<string>();
  const respelled = new Map<string, { first: number; count: number }>();
  const numbered = { first: 0, count: 0 };
  for (const [i, c] of list(get(yaml.value, "competencies")).entries()) {
    const at = yaml.at(["competencies", i]);
    const level = text(get(c, "level"));
    const theme = text(get(c, "theme"));
    const summary = text(get(c, "summary"));
    const id = text(get(c, "id"));
    if (!level || !levelIds.has(level)) {
      log.error(at, `competency at unknown level "${level ?? ""}" (missing level)`);
      continue;
    }
    if (!theme || !themes.has(theme)) {
      log.error(at, `competency in unknown theme "${theme ?? ""}"`);
      continue;
    }
    if (!summary) {
      log.error(at, "competency without a summary");
      continue;
    }
    if (id && seen.has(id)) {
      log.error(yaml.at(["competencies", i, "id"]), `competency ${id} appears twice (duplicate id)`);
      continue;
    }
    if (id) seen.add(id);
    const cell = cells.get(theme)?.get(level) ?? {};
    cells.set(theme, (cells.get(theme) ?? new Map()).set(level, cell));
    const examples = texts(get(c, "examples"));
    const refs = list(get(c, "supportingUrls")).flatMap((u, j) => {
      const url = text(get(u, "url"));
      const label = text(get(u, "label")) ?? url;
      if (!url || !label) {
        log.bend(
          "dropped",
          yaml.at(["competencies", i, "supportingUrls", j]),
          "a supporting URL without a url",
        );
        return [];
      }
      const sid = slugify(label);
      if (!sources.has(sid)) sources.set(sid, { id: sid, title: label, url });
      return [sid];
    });
    cell.criteria = cell.criteria ?? [];
    // a summary written as a numbered list holds several criteria, each assessed on its own
    const items = examples.length || refs.length ? [summary] : numberedItems(summary);
    if (items.length > 1 && numbered.count++ === 0) numbered.first = i;
    for (const [n, item] of items.entries())
      cell.criteria.push({
        ...(id && isId(id) ? { id: items.length > 1 ? `${id}-${n + 1}` : id } : {}),
        text: item,
        ...(examples.length ? { examples } : {}),
        ...(refs.length ? { sources: refs } : {}),
      });
    const written = text(get(c, "proficiency"));
    const proficiency = written && proficiencyWord(written);
    if (written && proficiency !== written) {
      const use = respelled.get(written);
      if (use) use.count++;
      else respelled.set(written, { first: i, count: 1 });
    }
    if (proficiency) {
      if (cell.proficiency && cell.proficiency !== proficiency)
        log.bend(
          "merged",
          at,
          `${theme} at ${level} names proficiencies ${cell.proficiency} and ${proficiency}; the cell asks for ${cell.proficiency}`,
        );
      cell.proficiency ??= proficiency;
      proficiencies.set(theme, [...new Set([...(proficiencies.get(theme) ?? []), proficiency])]);
    }
    if (id && !isId(id))
      log.bend(
        "renamed",
        yaml.at(["competencies", i, "id"]),
        `id "${id}" is not an id; the criterion is numbered by position`,
      );
  }
  if (numbered.count)
    log.bend(
      "guessed",
      yaml.at(["competencies", numbered.first, "summary"]),
      `a summary written as a numbered list is read as one criterion per item, ids <id>-1, <id>-2…${numbered.count > 1 ? ` (on ${numbered.count} competencies)` : ""}`,
    );
  // one line per spelling, at its first use, however many lines use it
  for (const [written, { first, count }] of respelled)
    log.bend(
      "renamed",
      yaml.at(["competencies", first, "proficiency"]),
      `proficiency "${written}" is read as ${proficiencyWord(written)}${count > 1 ? ` (on ${count} competencies)` : ""}`,
    );
  return { cells, sources, proficiencies };
}

function areasOf(
  themes: Themes,
  cells: Map<string, Map<string, Cell>>,
  proficiencies: Map<string, string[]>,
): Area[] {
  return [...themes].map(([themeId, theme]) => {
    const used = proficiencies.get(themeId) ?? [];
    const order = [
      ...PROFICIENCIES.filter((p) => used.includes(p)),
      ...used.filter((p) => !PROFICIENCIES.includes(p)),
    ];
    const stepIds = allocateIds(order);
    const expectations: Competency["expectations"] = {};
    for (const [level, { proficiency, ...detail }] of cells.get(themeId) ?? [])
      expectations[level] = {
        ...detail,
        ...(proficiency ? { step: stepIds.get(proficiency) as string } : {}),
      };
    const competency: Competency = {
      id: themeId,
      name: theme.name,
      ...(order.length
        ? {
            scale: {
              name: "Proficiency",
              steps: order.map((p) => ({ id: stepIds.get(p) as string, name: p })),
            },
          }
        : {}),
      expectations,
    };
    return {
      id: themeId,
      name: theme.name,
      ...(theme.summary ? { summary: theme.summary } : {}),
      competencies: [competency],
    };
  });
}
