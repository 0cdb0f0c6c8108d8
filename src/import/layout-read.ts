/**
 * Tables in the canonical long layout (or mapped onto it with `--map`) → a framework. Each filled id or
 * name column declares its entity; a row with a competency and a level is an expectation cell (a role's own
 * cell when it names a role), and with a criterion it is one criterion of that cell. A row with a step and
 * no level declares a step of a scale; a row with a role and no competency declares the role. The drafts
 * become a framework in layout-build.ts. Conflicting declarations are located errors.
 */
import { labelFromId } from "../core/model.js";
import { FORMAT_LIMITS, LEVEL_MARKERS } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { isId } from "./ids.js";
import { buildFramework } from "./layout-build.js";
import {
  type CellDraft,
  cellKey,
  competencyOwner,
  type Declarable,
  type Declared,
  type LayoutDrafts,
  type Located,
  lines,
  locationText,
  scaleOwner,
} from "./layout-drafts.js";
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
  yesNo,
} from "./table.js";
import { TEXT_LIMIT, tooLong } from "./text-bound.js";
import { type Imported, ImportLog } from "./types.js";

interface Header {
  columns: Map<Column, number>;
  ratings: { col: number; id: string }[];
  wide: { col: number; level: string; name: string }[];
}

type Value = (c: Column) => string;
type ColumnAt = (c: Column) => SourceLocation;

class LayoutReader implements LayoutDrafts {
  readonly framework = new Map<string, Located>();
  readonly bands = new Map<string, { name: string; at: SourceLocation; description?: Located }>();
  readonly tracks = new Map<string, Declared>();
  readonly levels = new Map<string, Declared>();
  readonly areas = new Map<string, Declared>();
  readonly takeaways = new Map<string, Map<string, Located>>();
  readonly competencies = new Map<string, Declared>();
  readonly scales = new Map<string, Declared>();
  readonly steps = new Map<string, Map<string, Declarable>>();
  readonly families = new Map<string, Declared>();
  readonly roles = new Map<string, Declarable>();
  readonly roleLevels = new Map<string, Map<string, Located>>();
  readonly cells = new Map<string, CellDraft>();
  readonly sources = new Map<string, { title?: string; url?: string; at: SourceLocation }>();
  followsColumn = false;
  /** Counts declaring rows, so steps and roles keep the order of their declarations. */
  private declarations = 0;

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
        header.at(),
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

  declare<T extends Declared>(
    kind: Map<string, T>,
    what: string,
    key: string,
    at: SourceLocation,
    fields: [string, string, SourceLocation][],
  ): T {
    let entity = kind.get(key);
    if (!entity) {
      entity = { at, fields: new Map() } as T;
      kind.set(key, entity);
    }
    for (const [name, value, fieldAt] of fields) {
      if (!value) continue;
      const known = entity.fields.get(name);
      if (!known) entity.fields.set(name, { value, at: fieldAt });
      else if (known.value !== value)
        this.log.error(
          fieldAt,
          `${what} "${key}" has ${name.replace("_", " ")} "${value}" here but "${known.value}" at ${locationText(known.at)} (one ${what} id, two definitions)`,
        );
    }
    return entity;
  }

  /** Marks a step or role as declared by this row (the first declaring row sets its order). */
  declared(entity: Declarable): void {
    entity.declared ??= this.declarations++;
  }

  /** A number column's text, checked to be a number from 0 to `max`. */
  number(value: Value, colAt: ColumnAt, column: Column, max: number): string {
    const text = value(column);
    if (text && !(Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= max))
      this.log.error(colAt(column), `${column.replace("_", " ")} "${text}" is not a number from 0 to ${max}`);
    return text;
  }

  flag(value: Value, colAt: ColumnAt, column: "unchanged" | "replace" | "not_applicable"): boolean {
    const text = value(column);
    const yes = yesNo(text);
    if (yes === undefined) this.log.error(colAt(column), `${column} "${text}" is neither yes nor no`);
    return yes === true;
  }

  readTable(table: Table): void {
    const header = this.readHeader(table.header);
    const fill = new Set(this.map.fill ?? []);
    const carried = new Map<Column, string>();
    for (const row of table.rows) {
      if (row.cells.every((c) => !c.trim())) continue;
      // a column the sheet lacks (or the map gives a value for) is located at the row
      const colAt = (c: Column) => row.at(header.columns.get(c));
      const value = (c: Column): string => {
        const col = header.columns.get(c);
        let text = col === undefined ? (this.map.values?.[c] ?? "") : (row.cells[col] ?? "").trim();
        if (fill.has(c)) {
          if (text) carried.set(c, text);
          else text = carried.get(c) ?? "";
        }
        if (text.length > TEXT_LIMIT) {
          this.log.error(colAt(c), tooLong(text.length));
          return "";
        }
        return text;
      };
      this.readRow(row, header, value, colAt);
    }
  }

  readRow(row: TableRow, header: Header, value: Value, colAt: ColumnAt) {
    this.readFramework(value, colAt);
    const track = value("track") || value("track_name");
    if (track)
      this.declare(this.tracks, "track", track, colAt("track"), [
        ["name", value("track_name"), colAt("track_name")],
        ["description", value("track_description"), colAt("track_description")],
      ]);
    const level = value("level") || value("level_name");
    if (level) {
      const rank = this.number(value, colAt, "rank", 1000);
      const points = this.number(value, colAt, "level_points", 1_000_000);
      const markers = lines(value("markers"), true);
      for (const marker of markers)
        if (!(LEVEL_MARKERS as readonly string[]).includes(marker))
          this.log.error(colAt("markers"), `marker "${marker}" is not one of ${LEVEL_MARKERS.join(", ")}`);
      this.declare(this.levels, "level", level, colAt(header.columns.has("level") ? "level" : "level_name"), [
        ["name", value("level_name"), colAt("level_name")],
        ["title", value("level_title"), colAt("level_title")],
        ["track", track, colAt("track")],
        ["rank", rank, colAt("rank")],
        ["follows", value("follows"), colAt("follows")],
        ["band", value("band"), colAt("band")],
        ["markers", markers.join("\n"), colAt("markers")],
        ["points", points, colAt("level_points")],
        ["sources", this.sourceIds(value, colAt, "level_sources"), colAt("level_sources")],
      ]);
    }
    const area = value("area") || value("area_name");
    if (area)
      this.declare(this.areas, "area", area, colAt("area"), [
        ["name", value("area_name"), colAt("area_name")],
        ["description", value("area_description"), colAt("area_description")],
        ["summary", value("area_summary"), colAt("area_summary")],
        ["sources", this.sourceIds(value, colAt, "area_sources"), colAt("area_sources")],
      ]);
    if (area && level) this.readTakeaway(value, colAt, area, level);
    const competency = value("competency") || value("competency_name");
    const scale = value("scale");
    if (competency)
      this.declare(this.competencies, "competency", competency, colAt("competency"), [
        ["name", value("competency_name"), colAt("competency_name")],
        ["description", value("competency_description"), colAt("competency_description")],
        ["sources", this.sourceIds(value, colAt, "competency_sources"), colAt("competency_sources")],
        ["area", area, colAt("area")],
        ["scale", scale, colAt("scale")],
        ["scale_name", scale ? "" : value("scale_name"), colAt("scale_name")],
        ["scale_description", scale ? "" : value("scale_description"), colAt("scale_description")],
      ]);
    if (scale)
      this.declare(this.scales, "scale", scale, colAt("scale"), [
        ["name", value("scale_name"), colAt("scale_name")],
        ["description", value("scale_description"), colAt("scale_description")],
      ]);
    this.orphanDescriptions(value, colAt, { track, level, area, competency, scale });
    this.readStep(value, colAt, scale, competency, level);
    const role = this.readRole(value, colAt, competency, level);
    this.readContent(row, header, value, colAt, { competency, level, role });
    this.readWide(row, header, competency, track, colAt);
  }

  /** The row's cell content (a text, criterion, rating texts, step or marker), read into its cell. */
  readContent(
    row: TableRow,
    header: Header,
    value: Value,
    colAt: ColumnAt,
    { competency, level, role }: { competency: string; level: string; role: string },
  ) {
    const ratings = new Map<string, string>();
    for (const r of header.ratings) {
      const text = (row.cells[r.col] ?? "").trim();
      if (!text) continue;
      // on a row that names no competency, level or role, a rating column holds the band's description
      if (!competency && !level && !role) this.bandDescription(r.id, text, row.at(r.col));
      else ratings.set(r.id, text);
    }
    const unchanged = this.flag(value, colAt, "unchanged");
    const replace = this.flag(value, colAt, "replace");
    const notApplicable = this.flag(value, colAt, "not_applicable");
    const content =
      value("expectation") ||
      value("elaboration") ||
      value("note") ||
      notApplicable ||
      value("criterion") ||
      value("examples") ||
      ratings.size > 0 ||
      unchanged ||
      replace ||
      (level && value("step")) ||
      (role && competency);
    if (content && !competency) this.log.error(colAt("competency"), "an expectation without a competency");
    else if (content && !level)
      this.log.error(colAt("level"), "an expectation without a level (missing level)");
    else if (content)
      this.readCell({ competency, level, role, unchanged, replace, notApplicable }, value, colAt, ratings);
  }

  /** A description column on a row without the entity it describes. */
  orphanDescriptions(
    value: Value,
    colAt: ColumnAt,
    row: { track: string; level: string; area: string; competency: string; scale: string },
  ) {
    const orphans: [Column, boolean, string][] = [
      ["track_description", !row.track, "a track (fill track or track_name)"],
      ["level_sources", !row.level, "a level (fill level or level_name)"],
      ["area_description", !row.area, "an area (fill area or area_name)"],
      ["area_summary", !row.area, "an area (fill area or area_name)"],
      ["area_sources", !row.area, "an area (fill area or area_name)"],
      ["takeaway", !row.area || !row.level, "an area and a level (the area's takeaway at that level)"],
      ["competency_sources", !row.competency, "a competency (fill competency or competency_name)"],
      ["competency_description", !row.competency, "a competency (fill competency or competency_name)"],
      [
        "scale_description",
        !row.scale && !row.competency,
        "a scale: fill scale (a shared one) or competency (its own scale)",
      ],
      ["family_description", !(value("family") || value("family_name")), "a family (fill family)"],
    ];
    for (const [column, missing, what] of orphans)
      if (missing && value(column))
        this.log.error(colAt(column), `${column.replace("_", " ")} on a row without ${what}`);
  }

  /** A rating band's description (a rating column on a row of no cell): one per band. */
  bandDescription(id: string, text: string, at: SourceLocation): void {
    const band = this.bands.get(id);
    if (!band) return;
    if (!band.description) band.description = { value: text, at };
    else if (band.description.value !== text)
      this.log.error(
        at,
        `rating band ${id} has the description "${text}" here but "${band.description.value}" at ${locationText(band.description.at)}`,
      );
  }

  /** The area's takeaway at the row's level: one per area and level. */
  readTakeaway(value: Value, colAt: ColumnAt, area: string, level: string): void {
    const text = value("takeaway");
    if (!text) return;
    let byLevel = this.takeaways.get(area);
    if (!byLevel) {
      byLevel = new Map();
      this.takeaways.set(area, byLevel);
    }
    const known = byLevel.get(level);
    if (!known) byLevel.set(level, { value: text, at: colAt("takeaway") });
    else if (known.value !== text)
      this.log.error(
        colAt("takeaway"),
        `a second takeaway for area ${area} at ${level} (the first is at ${locationText(known.at)})`,
      );
  }

  /** An entity's sources column, read like a cell's (`id`, or `id | title | url`), as its ids, one per line. */
  sourceIds(value: Value, colAt: ColumnAt, column: Column): string {
    return this.readSources(value(column), colAt(column)).join("\n");
  }

  /** The framework's own columns: the same on every row that fills them. */
  readFramework(value: Value, colAt: ColumnAt): void {
    for (const c of ["framework", "framework_name", "version", "points_description"] as const) {
      const v = value(c);
      if (!v) continue;
      const known = this.framework.get(c);
      if (!known) this.framework.set(c, { value: v, at: colAt(c) });
      else if (known.value !== v)
        this.log.error(
          colAt(c),
          `${c} "${v}" differs from "${known.value}" at ${locationText(known.at)}: ${
            c === "points_description"
              ? "the points rule has one description (give it on one row)"
              : "one framework per import"
          }`,
        );
    }
  }

  /** A wide layout's level columns (`--map` levels): each filled cell is that level's expectation. */
  readWide(row: TableRow, header: Header, competency: string, track: string, colAt: ColumnAt): void {
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
      this.cell(competency, wide.level, "", row.at(wide.col)).statement ??= {
        value: text,
        at: row.at(wide.col),
      };
    }
  }

  /**
   * A step: of the shared scale the row names, else of the row's competency's own scale. Declared by a row
   * without a level, or by one giving the step's name, description or points; a cell row only names it.
   */
  readStep(value: Value, colAt: ColumnAt, scale: string, competency: string, level: string): void {
    const step = value("step");
    const fields: [string, string, SourceLocation][] = (
      ["step_name", "step_description", "step_points"] as const
    ).map((c) => [c.slice("step_".length), value(c), colAt(c)]);
    if (!step) {
      for (const [name, text, at] of fields)
        if (text) this.log.error(at, `a step ${name} without a step (fill the step column)`);
      return;
    }
    const owner = scale ? scaleOwner(scale) : competency ? competencyOwner(competency) : undefined;
    if (!owner) {
      this.log.error(
        colAt("step"),
        `step "${step}" belongs to no scale: fill competency (its own scale) or scale (a shared one)`,
      );
      return;
    }
    this.number(value, colAt, "step_points", 10_000);
    let steps = this.steps.get(owner);
    if (!steps) {
      steps = new Map();
      this.steps.set(owner, steps);
    }
    const draft = this.declare(steps, "step", step, colAt("step"), fields);
    if (!level || fields.some(([, text]) => text)) this.declared(draft);
  }

  /** The row's role ("" for none): a row without a competency declares it, with its family and a level it spans. */
  readRole(value: Value, colAt: ColumnAt, competency: string, level: string): string {
    const family = value("family") || value("family_name");
    if (family)
      this.declare(this.families, "family", family, colAt("family"), [
        ["name", value("family_name"), colAt("family_name")],
        ["description", value("family_description"), colAt("family_description")],
      ]);
    const role = value("role") || value("role_name");
    if (!role) return "";
    const draft = this.declare(this.roles, "role", role, colAt("role"), [
      ["name", value("role_name"), colAt("role_name")],
      ["family", family, colAt("family")],
    ]);
    if (competency) return role;
    this.declared(draft);
    if (level) {
      const spans = this.roleLevels.get(role) ?? new Map<string, Located>();
      if (!spans.has(level)) spans.set(level, { value: level, at: colAt("level") });
      this.roleLevels.set(role, spans);
    }
    return role;
  }

  cell(competency: string, level: string, role: string, at: SourceLocation): CellDraft {
    const key = cellKey(competency, level, role);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { at, examples: [], ratings: new Map(), sources: [], criteria: [] };
      this.cells.set(key, cell);
    }
    return cell;
  }

  readCell(
    where: {
      competency: string;
      level: string;
      role: string;
      unchanged: boolean;
      replace: boolean;
      notApplicable: boolean;
    },
    value: Value,
    colAt: ColumnAt,
    ratings: Map<string, string>,
  ): void {
    const { competency, level, role } = where;
    const cell = this.cell(competency, level, role, colAt("competency"));
    const what = `${competency} at ${level}${role ? ` for role ${role}` : ""}`;
    if (role) cell.roleAt ??= colAt("role");
    if (where.unchanged && role)
      this.log.error(
        colAt("unchanged"),
        "unchanged marks the shared expectation; a role's own cell adds to it or replaces it (leave unchanged empty on role rows)",
      );
    else if (where.unchanged) cell.unchanged ??= colAt("unchanged");
    if (role && (where.notApplicable || value("elaboration")))
      this.log.error(
        colAt(where.notApplicable ? "not_applicable" : "elaboration"),
        `${where.notApplicable ? "not_applicable" : "elaboration"} belongs to the shared cell; a role's own cell has a note at most (leave it empty on role rows)`,
      );
    else if (where.notApplicable) cell.notApplicable ??= colAt("not_applicable");
    if (where.replace && !role)
      this.log.error(colAt("replace"), "replace needs a role: the role's own cell replaces the shared one");
    else if (where.replace) cell.replace ??= colAt("replace");
    for (const [key, column] of [
      ["step", "step"],
      ["statement", "expectation"],
      ["note", "note"],
      ["elaboration", "elaboration"],
    ] as const) {
      const text = value(column);
      const first = cell[key];
      if (!text) continue;
      if (!first) cell[key] = { value: text, at: colAt(column) };
      else if (first.value !== text)
        this.log.error(
          colAt(column),
          // a step is a word, worth quoting; an expectation may be a paragraph
          `a second ${column} for ${what} (the first${key === "step" ? `, "${first.value}",` : ""} is at ${locationText(first.at)})`,
        );
    }
    const sources = this.readSources(value("sources"), colAt("sources"));
    const criterion = value("criterion");
    if (!criterion) {
      cell.examples.push(...lines(value("examples")));
      for (const [band, text] of ratings) cell.ratings.set(band, text);
      cell.sources.push(...sources.filter((s) => !cell.sources.includes(s)));
      if (sources.length) cell.sourcesAt ??= colAt("sources");
      return;
    }
    const id = value("criterion_id") || undefined;
    if (id !== undefined && !isId(id)) this.log.error(colAt("criterion_id"), `"${id}" is not an id`);
    if (id !== undefined && cell.criteria.some((c) => c.id === id))
      this.log.error(colAt("criterion_id"), `criterion ${id} appears twice for ${what} (duplicate id)`);
    if (cell.criteria.length === FORMAT_LIMITS.criteria)
      this.log.error(colAt("criterion"), `more than ${FORMAT_LIMITS.criteria} criteria for ${what}`);
    cell.criteria.push({
      ...(id ? { id } : {}),
      text: criterion,
      examples: lines(value("examples")),
      ratings,
      sources,
      at: colAt("criterion"),
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

/** Reads the tables (one per sheet or file) into a framework; throws ImportError on bad input. */
export function readLayout(tables: readonly Table[], map: ImportMap, log = new ImportLog()): Imported {
  const reader = new LayoutReader(log, map);
  for (const table of tables) reader.readTable(table);
  log.check();
  return log.done(buildFramework(reader, tables[0]?.header.at() ?? { file: "input" }));
}
