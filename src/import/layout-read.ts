/**
 * Tables in the canonical long layout (or mapped onto it with `--map`) → a framework. Each filled id or
 * name column declares its entity; a row with a competency and a level is an expectation cell, and with a
 * criterion it is one criterion of that cell. Ids come from the id columns, else from the names
 * (src/import/ids.ts). Conflicting declarations and missing parts are located errors.
 */
import { labelFromId } from "../core/model.js";
import type {
  Area,
  Competency,
  Criterion,
  ExpectationDetail,
  Framework,
  Level,
  Source,
} from "../core/schema.js";
import { allocateIds, isId, slugify } from "./ids.js";
import {
  type Column,
  columnFor,
  type ImportMap,
  mappedColumn,
  mappedLevel,
  normalizeHeader,
  RATING_PREFIX,
  type Table,
  type TableRow,
} from "./table.js";
import { type Imported, ImportLog, type SourceLocation } from "./types.js";

/** Bounds on one cell's text (an expectation is a paragraph, not a book). */
export const MAX_CELL_CHARS = 20_000;

interface Header {
  columns: Map<Column, number>;
  ratings: { col: number; id: string }[];
  wide: { col: number; level: string; name: string }[];
}

interface Declared<T> {
  at: SourceLocation;
  fields: Map<string, { value: T; at: SourceLocation }>;
}

interface CellDraft {
  at: SourceLocation;
  statement?: { value: string; at: SourceLocation };
  examples: string[];
  ratings: Map<string, string>;
  sources: string[];
  criteria: {
    id?: string;
    text: string;
    examples: string[];
    ratings: Map<string, string>;
    sources: string[];
    at: SourceLocation;
  }[];
}

/** Splits a multi-value cell: one value per line (examples, sources, follows also take commas). */
function lines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

class LayoutReader {
  readonly framework = new Map<string, { value: string; at: SourceLocation }>();
  readonly bands = new Map<string, { name: string; at: SourceLocation }>();
  readonly tracks = new Map<string, Declared<string>>();
  readonly levels = new Map<string, Declared<string>>();
  readonly areas = new Map<string, Declared<string>>();
  readonly competencies = new Map<string, Declared<string>>();
  readonly cells = new Map<string, CellDraft>();
  readonly sources = new Map<string, { title?: string; url?: string; at: SourceLocation }>();
  followsColumn = false;

  constructor(
    readonly log: ImportLog,
    readonly map: ImportMap,
  ) {}

  readHeader(header: TableRow): Header {
    const result: Header = { columns: new Map(), ratings: [], wide: [] };
    header.cells.forEach((raw, col) => {
      const text = raw.trim();
      if (!text) return;
      const wideLevel = mappedLevel(this.map, text);
      if (wideLevel !== undefined) {
        result.wide.push({ col, level: wideLevel, name: text });
        return;
      }
      const column = mappedColumn(this.map, text) ?? columnFor(text);
      if (column) {
        const earlier = result.columns.get(column);
        if (earlier !== undefined)
          this.log.error(
            header.at(col),
            `a second "${column}" column (the first is "${header.cells[earlier]}")`,
          );
        else result.columns.set(column, col);
        return;
      }
      if (normalizeHeader(text).startsWith(RATING_PREFIX)) {
        const [id = "", ...name] = text.slice(RATING_PREFIX.length).trim().split(/\s+/);
        if (!isId(id)) this.log.error(header.at(col), `"${id}" is not a rating band id (rating:<id> <name>)`);
        else {
          const band = this.bands.get(id);
          const bandName = name.join(" ") || labelFromId(id);
          if (band && band.name !== bandName)
            this.log.error(header.at(col), `rating band ${id} is named "${band.name}" elsewhere`);
          if (!band) this.bands.set(id, { name: bandName, at: header.at(col) });
          result.ratings.push({ col, id });
        }
        return;
      }
      this.log.bend("dropped", header.at(col), `column "${text}" is not part of the layout; ignored`);
    });
    const has = (c: Column) => result.columns.has(c) || Object.hasOwn(this.map.values ?? {}, c);
    if (!has("level") && !has("level_name") && result.wide.length === 0)
      this.log.error(
        header.at(0),
        `no level column: the header has ${
          header.cells
            .filter(Boolean)
            .map((c) => `"${c}"`)
            .join(", ") || "nothing"
        }; the layout's columns are level, competency, expectation… (docs/import.md), or give --map`,
      );
    if (result.columns.has("follows")) this.followsColumn = true;
    return result;
  }

  declare(
    kind: Map<string, Declared<string>>,
    what: string,
    key: string,
    at: SourceLocation,
    fields: [string, string, SourceLocation][],
  ): void {
    let entity = kind.get(key);
    if (!entity) {
      entity = { at, fields: new Map() };
      kind.set(key, entity);
    }
    for (const [field, value, fieldAt] of fields) {
      if (!value) continue;
      const known = entity.fields.get(field);
      if (!known) entity.fields.set(field, { value, at: fieldAt });
      else if (known.value !== value)
        this.log.error(
          fieldAt,
          `${what} "${key}" has ${field} "${value}" here but "${known.value}" at ${locationText(known.at)} (one ${what} id, two definitions)`,
        );
    }
  }

  readTable(table: Table): void {
    const header = this.readHeader(table.header);
    const fill = new Set(this.map.fill ?? []);
    const carried = new Map<Column, string>();
    for (const row of table.rows) {
      if (row.cells.every((c) => !c.trim())) continue;
      const colAt = (c: Column) => row.at(header.columns.get(c) ?? 0);
      const value = (c: Column): string => {
        const col = header.columns.get(c);
        let text = col === undefined ? (this.map.values?.[c] ?? "") : (row.cells[col] ?? "").trim();
        if (fill.has(c)) {
          if (text) carried.set(c, text);
          else text = carried.get(c) ?? "";
        }
        if (text.length > MAX_CELL_CHARS) {
          this.log.error(colAt(c), `longer than ${MAX_CELL_CHARS} characters`);
          return "";
        }
        return text;
      };
      this.readRow(row, header, value, colAt);
    }
  }

  readRow(row: TableRow, header: Header, value: (c: Column) => string, colAt: (c: Column) => SourceLocation) {
    for (const c of ["framework", "framework_name", "version"] as const) {
      const v = value(c);
      if (!v) continue;
      const known = this.framework.get(c);
      if (!known) this.framework.set(c, { value: v, at: colAt(c) });
      else if (known.value !== v)
        this.log.error(
          colAt(c),
          `${c} "${v}" differs from "${known.value}" at ${locationText(known.at)}: one framework per import`,
        );
    }
    const track = value("track") || value("track_name");
    if (track)
      this.declare(this.tracks, "track", track, colAt("track"), [
        ["name", value("track_name"), colAt("track_name")],
      ]);
    const level = value("level") || value("level_name");
    if (level) {
      const rank = value("rank");
      if (rank && !(Number.isFinite(Number(rank)) && Number(rank) >= 0 && Number(rank) <= 1000))
        this.log.error(colAt("rank"), `rank "${rank}" is not a number from 0 to 1000`);
      this.declare(this.levels, "level", level, colAt(header.columns.has("level") ? "level" : "level_name"), [
        ["name", value("level_name"), colAt("level_name")],
        ["title", value("level_title"), colAt("level_title")],
        ["track", track, colAt("track")],
        ["rank", rank, colAt("rank")],
        ["follows", value("follows"), colAt("follows")],
      ]);
    }
    const area = value("area") || value("area_name");
    if (area)
      this.declare(this.areas, "area", area, colAt("area"), [
        ["name", value("area_name"), colAt("area_name")],
      ]);
    const competency = value("competency") || value("competency_name");
    if (competency)
      this.declare(this.competencies, "competency", competency, colAt("competency"), [
        ["name", value("competency_name"), colAt("competency_name")],
        ["area", area, colAt("area")],
      ]);
    const ratings = new Map<string, string>();
    for (const r of header.ratings) {
      const text = (row.cells[r.col] ?? "").trim();
      if (text) ratings.set(r.id, text);
    }
    const statement = value("expectation");
    const criterion = value("criterion");
    const content = statement || criterion || value("examples") || ratings.size > 0;
    if (content && !competency) this.log.error(colAt("competency"), "an expectation without a competency");
    else if (content && !level)
      this.log.error(colAt("level"), "an expectation without a level (missing level)");
    else if (content) this.readCell(competency, level, row, value, colAt, ratings);
    for (const wide of header.wide) {
      const text = (row.cells[wide.col] ?? "").trim();
      if (!text) continue;
      if (!competency) {
        this.log.error(row.at(wide.col), "an expectation without a competency");
        continue;
      }
      this.declare(this.levels, "level", wide.level, row.at(wide.col), [["track", track, colAt("track")]]);
      if (!isId(wide.level))
        this.levels.get(wide.level)?.fields.set("name", { value: wide.level, at: row.at(wide.col) });
      this.cell(competency, wide.level, row.at(wide.col)).statement ??= { value: text, at: row.at(wide.col) };
    }
  }

  cell(competency: string, level: string, at: SourceLocation): CellDraft {
    const key = `${competency}\u0000${level}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { at, examples: [], ratings: new Map(), sources: [], criteria: [] };
      this.cells.set(key, cell);
    }
    return cell;
  }

  readCell(
    competency: string,
    level: string,
    row: TableRow,
    value: (c: Column) => string,
    colAt: (c: Column) => SourceLocation,
    ratings: Map<string, string>,
  ): void {
    const cell = this.cell(competency, level, colAt("competency"));
    const statement = value("expectation");
    if (statement) {
      if (!cell.statement) cell.statement = { value: statement, at: colAt("expectation") };
      else if (cell.statement.value !== statement)
        this.log.error(
          colAt("expectation"),
          `a second expectation for ${competency} at ${level} (the first is at ${locationText(cell.statement.at)})`,
        );
    }
    const sources = this.readSources(value("sources"), colAt("sources"));
    const criterion = value("criterion");
    if (!criterion) {
      cell.examples.push(...lines(value("examples")));
      for (const [band, text] of ratings) cell.ratings.set(band, text);
      cell.sources.push(...sources.filter((s) => !cell.sources.includes(s)));
      return;
    }
    const id = value("criterion_id") || undefined;
    if (id !== undefined && !isId(id)) this.log.error(colAt("criterion_id"), `"${id}" is not an id`);
    if (id !== undefined && cell.criteria.some((c) => c.id === id))
      this.log.error(
        colAt("criterion_id"),
        `criterion ${id} appears twice for ${competency} at ${level} (duplicate id)`,
      );
    cell.criteria.push({
      ...(id ? { id } : {}),
      text: criterion,
      examples: lines(value("examples")),
      ratings,
      sources,
      at: row.at(0),
    });
  }

  /** `id`, or `id | title | url`, one per line. */
  readSources(text: string, at: SourceLocation): string[] {
    const ids: string[] = [];
    for (const line of lines(text)) {
      const [id = "", title, url] = line.split("|").map((s) => s.trim());
      if (!isId(id)) {
        this.log.error(at, `source "${id}" is not an id (write id, or id | title | url)`);
        continue;
      }
      ids.push(id);
      const known = this.sources.get(id);
      if (!known) this.sources.set(id, { ...(title ? { title } : {}), ...(url ? { url } : {}), at });
      else if ((title && known.title && title !== known.title) || (url && known.url && url !== known.url))
        this.log.error(at, `source ${id} is described differently at ${locationText(known.at)}`);
      else {
        if (title) known.title ??= title;
        if (url) known.url ??= url;
      }
    }
    return ids;
  }
}

function locationText(at: SourceLocation): string {
  return at.sheet !== undefined
    ? `${at.sheet}!${at.cell}`
    : at.line !== undefined
      ? `line ${at.line}`
      : at.file;
}

/** Key → id for one kind of entity: explicit ids kept, names made into ids without taking them. */
function idsFor(keys: Iterable<string>): Map<string, string> {
  const all = [...keys];
  const explicit = all.filter(isId);
  const ids = allocateIds(
    all.filter((k) => !isId(k)),
    explicit,
  );
  for (const id of explicit) ids.set(id, id);
  return ids;
}

/** Reads the tables (one per sheet or file) into a framework; throws ImportError on bad input. */
export function readLayout(tables: readonly Table[], map: ImportMap, log = new ImportLog()): Imported {
  const reader = new LayoutReader(log, map);
  for (const table of tables) reader.readTable(table);
  log.check();
  return log.done(buildFramework(reader, tables[0]?.header.at(0) ?? { file: "input" }));
}

function field(entity: Declared<string> | undefined, name: string): string | undefined {
  return entity?.fields.get(name)?.value;
}

function buildFramework(r: LayoutReader, top: SourceLocation): Framework {
  const { log } = r;
  const given = (c: string) => r.framework.get(c)?.value;
  const name = given("framework_name");
  let id = given("framework");
  if (!id || !isId(id)) {
    id = slugify(id ?? name ?? "imported");
    log.bend("guessed", r.framework.get("framework")?.at ?? top, `framework id: ${id}`);
  }
  const frameworkName = name ?? labelFromId(id);
  if (!name) log.bend("guessed", top, `framework name: ${frameworkName}`);
  // Every level needs a track: the one track there is, or a track made for them.
  const untracked = [...r.levels].filter(([, l]) => !field(l, "track"));
  if (untracked.length) {
    const only = r.tracks.size === 1 ? [...r.tracks.keys()][0] : undefined;
    const track = only ?? "main";
    if (!only) r.tracks.set("main", { at: top, fields: new Map([["name", { value: "Main", at: top }]]) });
    for (const [key, level] of untracked) {
      level.fields.set("track", { value: track, at: level.at });
      log.bend("guessed", level.at, `level ${key} has no track; put on track ${track}`);
    }
  }
  for (const [key, level] of r.levels) {
    const track = field(level, "track") as string;
    if (!r.tracks.has(track)) r.tracks.set(track, { at: level.at, fields: new Map() });
    log.from(`levels.${key}`, level.at);
  }
  const trackIds = idsFor(r.tracks.keys());
  const levelIds = idsFor(r.levels.keys());
  const areaIds = idsFor(r.areas.keys());
  const competencyIds = idsFor(r.competencies.keys());
  const nameOf = (key: string, entity: Declared<string> | undefined) =>
    field(entity, "name") ?? (isId(key) ? labelFromId(key) : key);
  const levels: Level[] = [];
  for (const [key, level] of r.levels) {
    const lid = levelIds.get(key) as string;
    const follows = lines(field(level, "follows") ?? "", true).flatMap((k) => {
      const target = levelIds.get(k);
      if (target === undefined)
        log.error(level.fields.get("follows")?.at ?? level.at, `follows unknown level "${k}"`);
      return target === undefined ? [] : [target];
    });
    const rank = field(level, "rank");
    const title = field(level, "title");
    levels.push({
      id: lid,
      name: nameOf(key, level),
      ...(title ? { title } : {}),
      track: trackIds.get(field(level, "track") as string) as string,
      ...(follows.length ? { follows } : {}),
      ...(rank ? { rank: Number(rank) } : {}),
    });
  }
  if (!r.followsColumn) guessFollows(levels, log, r);
  log.check();
  const areas = buildAreas(r, areaIds, competencyIds, levelIds, nameOf, top);
  const sources: Source[] = [...r.sources].map(([sid, s]) => {
    if (!s.title) log.bend("guessed", s.at, `source ${sid} has no title; titled by its id`);
    return { id: sid, title: s.title ?? labelFromId(sid), ...(s.url ? { url: s.url } : {}) };
  });
  for (const [key, t] of r.tracks) log.from(`tracks.${trackIds.get(key)}`, t.at);
  const version = given("version");
  return {
    rungs: 2,
    id,
    name: frameworkName,
    ...(version ? { version } : {}),
    tracks: [...r.tracks].map(([key, t]) => ({ id: trackIds.get(key) as string, name: nameOf(key, t) })),
    ...(r.bands.size ? { ratingScale: [...r.bands].map(([bid, b]) => ({ id: bid, name: b.name })) } : {}),
    levels,
    ...(areas.length ? { areas } : {}),
    ...(sources.length ? { sources } : {}),
  };
}

/** Without a follows column: in each track, each level follows the one before it (by rank, then row). */
function guessFollows(levels: Level[], log: ImportLog, r: LayoutReader): void {
  const byTrack = new Map<string, Level[]>();
  for (const level of levels) byTrack.set(level.track, [...(byTrack.get(level.track) ?? []), level]);
  for (const [track, list] of byTrack) {
    const ordered = list
      .map((level, i) => ({ level, i }))
      .sort((a, b) => (a.level.rank ?? a.i) - (b.level.rank ?? b.i) || a.i - b.i)
      .map((x) => x.level);
    ordered.forEach((level, i) => {
      const previous = ordered[i - 1];
      if (previous) level.follows = [previous.id];
    });
    if (ordered.length > 1)
      log.bend(
        "guessed",
        [...r.levels.values()][0]?.at ?? { file: "input" },
        `no follows column: the levels of track ${track} follow each other in row order`,
      );
  }
}

function buildAreas(
  r: LayoutReader,
  areaIds: Map<string, string>,
  competencyIds: Map<string, string>,
  levelIds: Map<string, string>,
  nameOf: (key: string, entity: Declared<string> | undefined) => string,
  top: SourceLocation,
): Area[] {
  const { log } = r;
  const competencies = new Map<string, Competency[]>();
  for (const [key, c] of r.competencies) {
    let area = field(c, "area");
    if (!area) {
      area = "general";
      if (!r.areas.has(area)) r.areas.set(area, { at: top, fields: new Map() });
      if (!areaIds.has(area)) areaIds.set(area, allocateIds([area], areaIds.values()).get(area) as string);
      log.bend("guessed", c.at, `competency ${key} has no area; put in area general`);
    }
    const cid = competencyIds.get(key) as string;
    const name = nameOf(key, c);
    const competency: Competency = {
      id: cid,
      ...(name !== labelFromId(cid) || !isId(key) ? { name } : {}),
      expectations: {},
    };
    competencies.set(area, [...(competencies.get(area) ?? []), competency]);
    log.from(`areas.${areaIds.get(area)}.competencies.${cid}`, c.at);
  }
  const byId = new Map([...competencies.values()].flat().map((c) => [c.id, c]));
  for (const [key, cell] of r.cells) {
    const [ckey = "", lkey = ""] = key.split("\u0000");
    const lid = levelIds.get(lkey);
    const competency = byId.get(competencyIds.get(ckey) ?? "");
    if (!lid || !competency) continue;
    const detail: ExpectationDetail = {};
    if (cell.statement) detail.statement = cell.statement.value;
    if (cell.criteria.length)
      detail.criteria = cell.criteria.map(
        (c): Criterion => ({
          ...(c.id ? { id: c.id } : {}),
          text: c.text,
          ...(c.examples.length ? { examples: c.examples } : {}),
          ...(c.ratings.size ? { ratings: Object.fromEntries(c.ratings) } : {}),
          ...(c.sources.length ? { sources: c.sources } : {}),
        }),
      );
    if (cell.examples.length) detail.examples = cell.examples;
    if (cell.ratings.size) detail.ratings = Object.fromEntries(cell.ratings);
    if (cell.sources.length) detail.sources = cell.sources;
    competency.expectations[lid] = detail;
  }
  return [...r.areas].map(([key, a]) => {
    const aid = areaIds.get(key) as string;
    const name = nameOf(key, a);
    log.from(`areas.${aid}`, a.at);
    return {
      id: aid,
      ...(name !== labelFromId(aid) || !isId(key) ? { name } : {}),
      competencies: competencies.get(key) ?? [],
    };
  });
}
