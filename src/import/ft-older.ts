/**
 * The FT's data before job families (engineering-progression's `data/competencies.yml`, with
 * `data/levels.yml` beside it): the competencies file is a list at the top, each entry naming its `level`
 * (`junior-to-mid`) and `area` (`technical`) by id, and there are no themes. It is read as the job family it
 * would be: one family, levels in `levels.yml`'s order then any other level the competencies name in order
 * of first use, each area a theme (named after its id, a bend of the job-family reader). Every line keeps its
 * place in the file it came from.
 */
import type { SourceLocation } from "../core/source-location.js";
import type { ImportInput, ImportLog } from "./types.js";
import { get, list, text, type YamlInput } from "./yaml-input.js";

const FAMILY = "Engineering";

/** Whether the file is the older shape: a list of entries with a `level` (competencies) or without (levels). */
export function isOlderFt(yaml: YamlInput): boolean {
  return Array.isArray(yaml.value);
}

/**
 * The older files as one job-family YAML input: `levels`, `themes` and `competencies` built from them, each
 * path located in the file (and at the line) it was read from.
 */
export function olderFamily(
  files: { input: ImportInput; yaml: YamlInput }[],
  log: ImportLog,
): YamlInput | undefined {
  const isCompetencies = (yaml: YamlInput) => list(yaml.value).some((e) => get(e, "level") !== undefined);
  const competencies = files.filter((f) => isCompetencies(f.yaml));
  const levelFiles = files.filter((f) => Array.isArray(f.yaml.value) && !isCompetencies(f.yaml));
  for (const f of files)
    if (!Array.isArray(f.yaml.value))
      log.error(
        f.yaml.at([]),
        "a job-family file given with the older competencies.yml: give one or the other",
      );
  if (competencies.length !== 1 || levelFiles.length > 1) {
    log.error(
      { file: (competencies[1] ?? levelFiles[1] ?? files[0])?.input.name ?? "ft" },
      "give one competencies.yml (a list of competencies), and optionally the levels.yml beside it",
    );
    return undefined;
  }
  const comp = (competencies[0] as (typeof files)[number]).yaml;
  const levelsYaml = levelFiles[0]?.yaml;
  const entries = list(comp.value);
  const firstUse = (key: string) => {
    const first = new Map<string, number>();
    entries.forEach((e, i) => {
      const value = text(get(e, key));
      if (value && !first.has(value)) first.set(value, i);
    });
    return first;
  };
  const levelUse = firstUse("level");
  const areaUse = firstUse("area");
  const given = list(levelsYaml?.value);
  const givenIds = new Set(given.map((l) => text(get(l, "id"))));
  const extra = [...levelUse.keys()].filter((id) => !givenIds.has(id));
  log.bend(
    "guessed",
    comp.at([]),
    `the FT's data before job families: one family "${FAMILY}", each area a theme${
      extra.length
        ? `, levels ${levelsYaml ? "not in levels.yml " : ""}in order of first use (${extra.join(", ")})`
        : ""
    }`,
  );
  const value = {
    name: FAMILY,
    levels: [...given, ...extra.map((id) => ({ id }))],
    themes: [...areaUse.keys()].map((id) => ({ id })),
    competencies: entries.map((e) => {
      if (e === null || typeof e !== "object" || Array.isArray(e)) return e;
      const { area, ...rest } = e as Record<string, unknown>;
      return { ...rest, ...(area === undefined ? {} : { theme: area }) };
    }),
  };
  const at = (path: readonly (string | number)[]): SourceLocation => {
    const [head, index, ...rest] = path;
    if (head === "competencies" && typeof index === "number")
      return comp.at([index, ...rest.map((k) => (k === "theme" ? "area" : k))]);
    if (head === "levels" && typeof index === "number") {
      if (levelsYaml && index < given.length) return levelsYaml.at([index, ...rest]);
      return comp.at([levelUse.get(extra[index - given.length] as string) ?? 0, "level"]);
    }
    if (head === "themes" && typeof index === "number")
      return comp.at([areaUse.get(value.themes[index]?.id as string) ?? 0, "area"]);
    if (head === "levels" && levelsYaml) return levelsYaml.at([]);
    return comp.at([]);
  };
  return { value, at };
}
