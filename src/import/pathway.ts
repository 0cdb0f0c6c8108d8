/**
 * forwardimpact Pathway's YAML data (github.com/forwardimpact/pathway, `examples/pathway/`): `framework.yaml`
 * (title, description), `levels.yaml` (a list: id, professionalTitle, ordinalRank, qualificationSummary,
 * typicalExperienceRange, baseSkillProficiencies by skill type, baseBehaviourMaturity, expectations),
 * `capabilities/*.yaml` (id, name, description, skills with a proficiency description per step),
 * `behaviours/*.yaml` (name, a maturity description per step), `disciplines/*.yaml` (specialization,
 * roleTitle, core/supporting/broad skills, behaviour modifiers, valid tracks) and `tracks/*.yaml` (name,
 * skill modifiers per capability, behaviour modifiers). A file's kind is told by what it holds, so uploads
 * without their folders read the same; a discipline's, track's or behaviour's id is its file name.
 *
 * Mapped: levels → one track of levels by ordinal rank, their expectations and experience → dimensions;
 * capabilities → areas, skills → competencies with a Proficiency scale; behaviours → an area `behaviours`
 * with a Maturity scale, each level asking for its base maturity; disciplines → role families
 * (professional / management) and roles, one per discipline and valid track, each asking, per skill and
 * level, for the step Pathway derives (the level's base proficiency for the skill's type, moved by the
 * track's modifier for its capability), and for a behaviour the maturity its modifiers move to.
 */
import { labelFromId } from "../core/model.js";
import type { Area, Competency, Dimension, Framework, Level, Role } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { isId, slugify } from "./ids.js";
import { type Importer, type ImportInput, ImportLog } from "./types.js";
import { dropUnknownKeys, get, list, readYamlInput, text, type YamlInput } from "./yaml-input.js";

const PROFICIENCIES = ["awareness", "foundational", "working", "practitioner", "expert"];
const MATURITIES = ["emerging", "developing", "practicing", "role_modeling", "exemplifying"];
const SKILL_TYPES = [
  ["coreSkills", "primary"],
  ["supportingSkills", "secondary"],
  ["broadSkills", "broad"],
] as const;
const TRACK = "professional";

/**
 * The keys rungs reads (or drops with a bend of its own) in each kind of file; any other key is a `dropped`
 * bend at its line, so an agent profile, a tool list or a weighting the format grew is never lost unsaid.
 * Older Pathway versions name some keys differently: `baseSkillLevels` and `levelDescriptions` are read as
 * `baseSkillProficiencies` and `proficiencyDescriptions` (a `renamed` bend), `minGrade` as `minLevel`.
 */
const READ_KEYS = {
  framework: ["title", "description"],
  levels: [
    "id",
    "professionalTitle",
    "managementTitle",
    "typicalExperienceRange",
    "ordinalRank",
    "qualificationSummary",
    "baseSkillProficiencies",
    "baseSkillLevels",
    "baseBehaviourMaturity",
    "expectations",
  ],
  capability: [
    "id",
    "name",
    "description",
    "ordinalRank",
    "skills",
    "professionalResponsibilities",
    "managementResponsibilities",
  ],
  skill: ["id", "name", "human"],
  skillHuman: ["description", "proficiencyDescriptions", "levelDescriptions"],
  behaviour: ["name", "human"],
  behaviourHuman: ["description", "maturityDescriptions"],
  discipline: [
    "specialization",
    "roleTitle",
    "isProfessional",
    "isManagement",
    "validTracks",
    "coreSkills",
    "supportingSkills",
    "broadSkills",
    "behaviourModifiers",
    "human",
    "description",
    "minLevel",
    "minGrade",
  ],
  disciplineHuman: ["roleSummary", "professionalRoleSummary", "managementRoleSummary"],
  track: ["name", "skillModifiers", "behaviourModifiers", "roleContext"],
} as const;

/** A mapping's keys (at `path` in the file) that rungs does not read, each a `dropped` bend at its line. */
function dropUnread(file: Read, path: string[], known: readonly string[], log: ImportLog): void {
  let value: unknown = file.yaml.value;
  for (const step of path) value = get(value, step);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const key of Object.keys(value))
    if (!known.includes(key))
      log.bend(
        "dropped",
        file.yaml.at([...path, key]),
        `${file.id}: ${[...path, key].join(".")} has no place in a rungs framework`,
      );
}

/** Every key of every file that rungs does not read, by the file's kind. */
function dropUnreadKeys(read: Read[], log: ImportLog): void {
  for (const file of read) {
    if (file.kind === "levels") dropUnknownKeys(file.yaml, log, [], READ_KEYS.levels);
    else dropUnread(file, [], READ_KEYS[file.kind], log);
    if (file.kind === "capability") {
      dropUnknownKeys(file.yaml, log, ["skills"], READ_KEYS.skill);
      for (const [j, skill] of list(get(file.yaml.value, "skills")).entries())
        for (const key of Object.keys(get(skill, "human") ?? {}))
          if (!READ_KEYS.skillHuman.includes(key as never))
            log.bend(
              "dropped",
              file.yaml.at(["skills", j, "human", key]),
              `${file.id}: skills[${j}].human.${key} has no place in a rungs framework`,
            );
    }
    if (file.kind === "behaviour") dropUnread(file, ["human"], READ_KEYS.behaviourHuman, log);
    if (file.kind === "discipline") dropUnread(file, ["human"], READ_KEYS.disciplineHuman, log);
  }
}

/** `value[key]`, else `value[older]` with a `renamed` bend (once per file): a key an older Pathway named so. */
function readAs(
  file: Read,
  path: (string | number)[],
  key: string,
  older: string,
  log: ImportLog,
  said: Set<string>,
): unknown {
  let value: unknown = file.yaml.value;
  for (const step of path) value = typeof step === "number" ? list(value)[step] : get(value, step);
  const current = get(value, key);
  if (current !== undefined) return current;
  const old = get(value, older);
  if (old !== undefined && !said.has(older)) {
    said.add(older);
    log.bend(
      "renamed",
      file.yaml.at([...path, older]),
      `${file.id}: ${older} (an older Pathway's name) is read as ${key}`,
    );
  }
  return old;
}

type Kind = "framework" | "levels" | "capability" | "behaviour" | "discipline" | "track";

interface Read {
  kind: Kind;
  id: string;
  yaml: YamlInput;
  file: string;
}

/** What a file is, from what it holds (Pathway's folders are lost when files are uploaded one by one). */
function kindOf(value: unknown): Kind | undefined {
  if (Array.isArray(value))
    return ["ordinalRank", "professionalTitle", "baseSkillProficiencies"].some(
      (key) => get(value[0], key) !== undefined,
    )
      ? "levels"
      : undefined;
  if (get(value, "skills") !== undefined) return "capability";
  if (get(value, "specialization") !== undefined || get(value, "coreSkills") !== undefined)
    return "discipline";
  if (get(get(value, "human"), "maturityDescriptions") !== undefined) return "behaviour";
  if (get(value, "skillModifiers") !== undefined || get(value, "roleContext") !== undefined) return "track";
  if (get(value, "title") !== undefined) return "framework";
  return undefined;
}

/** An id as Pathway spells it (`L1`, `role_modeling`), or made from it with a `renamed` bend. */
function idOf(raw: string, at: SourceLocation, what: string, log: ImportLog): string {
  if (isId(raw)) return raw;
  const id = slugify(raw);
  log.bend("renamed", at, `${what} "${raw}" is read as ${id}`);
  return id;
}

function readInputs(inputs: ImportInput[], log: ImportLog): Read[] {
  const read: Read[] = [];
  for (const input of [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const base = input.name.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, "");
    if (base.startsWith("_")) continue; // _index.yaml: Pathway's own listing of the folder
    const yaml = readYamlInput(input);
    const kind = kindOf(yaml.value);
    if (!kind) {
      log.bend("dropped", yaml.at([]), "not a Pathway file rungs reads (drivers, stages, questions…)");
      continue;
    }
    const named = kind === "capability" ? (text(get(yaml.value, "id")) ?? base) : base;
    read.push({ kind, id: idOf(named, yaml.at([]), kind, log), yaml, file: input.name });
  }
  return read;
}

/** `impactScope` → `impact-scope`, with the aspect its words name. */
function dimensionOf(key: string): Dimension {
  const id = slugify(key.replace(/([a-z])([A-Z])/g, "$1-$2"));
  const aspect = (
    [
      ["experience", "experience"],
      ["impact", "impact"],
      ["autonomy", "autonomy"],
      ["complexity", "complexity"],
      ["influence", "scope"],
      ["scope", "scope"],
    ] as const
  ).find(([word]) => id.includes(word))?.[1];
  return { id, name: labelFromId(id), ...(aspect ? { aspect } : {}) };
}

interface PathwayLevel {
  level: Level;
  skills: Map<string, number>;
  behaviour?: number;
  /** The file's ordinalRank, as written. */
  rankGiven?: number;
}

// long: one level entry read field by field, each field with its own located error or bend
function readLevels(file: Read, log: ImportLog, dimensions: Map<string, Dimension>): PathwayLevel[] {
  const entries = list(file.yaml.value).map((raw, i) => ({ raw, i }));
  const rank = (raw: unknown) => {
    const r = get(raw, "ordinalRank");
    return typeof r === "number" ? r : Number.POSITIVE_INFINITY;
  };
  entries.sort((a, b) => rank(a.raw) - rank(b.raw) || a.i - b.i);
  const levels: PathwayLevel[] = [];
  const seen = new Set<string>();
  const said = new Set<string>();
  for (const { raw, i } of entries) {
    const at = file.yaml.at([i]);
    const given = text(get(raw, "id"));
    if (!given) {
      log.error(at, "a level without an id");
      continue;
    }
    const id = idOf(given, at, "level", log);
    if (seen.has(id)) {
      log.error(at, `level ${id} appears twice (duplicate id)`);
      continue;
    }
    seen.add(id);
    log.from(`levels.${id}`, at);
    if (get(raw, "managementTitle") !== undefined)
      log.bend("dropped", file.yaml.at([i, "managementTitle"]), `level ${id}: the management title`);
    const experience = text(get(raw, "typicalExperienceRange"));
    const values: Record<string, string> = {};
    if (experience) values[dimensionOf("typicalExperience").id] = experience;
    for (const [key, value] of Object.entries(get(raw, "expectations") ?? {})) {
      const dimension = dimensionOf(key);
      const v = text(value);
      if (!v) continue;
      dimensions.set(dimension.id, dimension);
      values[dimension.id] = v;
    }
    if (experience) dimensions.set("typical-experience", dimensionOf("typicalExperience"));
    const summary = text(get(raw, "qualificationSummary"))?.replaceAll(
      "{typicalExperienceRange}",
      experience ?? "",
    );
    const skills = new Map<string, number>();
    const base = readAs(file, [i], "baseSkillProficiencies", "baseSkillLevels", log, said);
    const baseKey =
      get(raw, "baseSkillProficiencies") === undefined ? "baseSkillLevels" : "baseSkillProficiencies";
    for (const [type, word] of Object.entries(base ?? {})) {
      const step = PROFICIENCIES.indexOf(String(word));
      if (step < 0) log.error(file.yaml.at([i, baseKey, type]), `unknown proficiency "${word}"`);
      else skills.set(type, step);
    }
    const maturity = text(get(raw, "baseBehaviourMaturity"));
    const behaviour = maturity ? MATURITIES.indexOf(maturity) : -1;
    if (maturity && behaviour < 0)
      log.error(file.yaml.at([i, "baseBehaviourMaturity"]), `unknown maturity "${maturity}"`);
    const rankValue = get(raw, "ordinalRank");
    const previous = levels.at(-1);
    if (typeof rankValue === "number" && previous?.rankGiven === rankValue)
      log.bend(
        "guessed",
        file.yaml.at([i, "ordinalRank"]),
        `levels ${previous.level.id} and ${id} share ordinalRank ${rankValue}: ${id} follows ${previous.level.id}, as the file lists them`,
      );
    levels.push({
      level: {
        id,
        name: text(get(raw, "professionalTitle")) ?? labelFromId(id),
        track: TRACK,
        ...(previous ? { follows: [previous.level.id] } : {}),
        ...(summary ? { summary } : {}),
        ...(Object.keys(values).length ? { dimensions: values } : {}),
        ...(typeof rankValue === "number" && rankValue >= 0 && rankValue <= 1000 ? { rank: rankValue } : {}),
      },
      skills,
      ...(behaviour >= 0 ? { behaviour } : {}),
      ...(typeof rankValue === "number" ? { rankGiven: rankValue } : {}),
    });
  }
  return levels;
}

function scaleOf(name: string, words: string[], descriptions: unknown) {
  return {
    name,
    steps: words.map((word) => {
      const description = text(get(descriptions, word));
      return { id: word, name: labelFromId(word), ...(description ? { description } : {}) };
    }),
  };
}

interface Skill {
  competency: Competency;
  capability: string;
}

function readCapability(file: Read, log: ImportLog, skills: Map<string, Skill>): Area {
  const root = file.yaml.value;
  log.from(`areas.${file.id}`, file.yaml.at([]));
  for (const key of ["professionalResponsibilities", "managementResponsibilities"])
    if (get(root, key) !== undefined)
      log.bend("dropped", file.yaml.at([key]), `${file.id}: ${key} (a text per proficiency, not per level)`);
  const competencies: Competency[] = [];
  const said = new Set<string>();
  for (const [j, raw] of list(get(root, "skills")).entries()) {
    const at = file.yaml.at(["skills", j]);
    const given = text(get(raw, "id"));
    if (!given) {
      log.error(at, "a skill without an id");
      continue;
    }
    const id = idOf(given, at, "skill", log);
    if (skills.has(id)) {
      log.error(at, `skill ${id} appears twice (duplicate id)`);
      continue;
    }
    const human = get(raw, "human");
    const description = text(get(human, "description"));
    const competency: Competency = {
      id,
      name: text(get(raw, "name")) ?? labelFromId(id),
      ...(description ? { description } : {}),
      scale: scaleOf(
        "Proficiency",
        PROFICIENCIES,
        readAs(file, ["skills", j, "human"], "proficiencyDescriptions", "levelDescriptions", log, said),
      ),
      expectations: {},
    };
    skills.set(id, { competency, capability: file.id });
    log.from(`areas.${file.id}.competencies.${id}`, at);
    competencies.push(competency);
  }
  const description = text(get(root, "description"));
  return {
    id: file.id,
    name: text(get(root, "name")) ?? labelFromId(file.id),
    ...(description ? { summary: description } : {}),
    competencies,
  };
}

function readBehaviour(file: Read, levels: PathwayLevel[], log: ImportLog): Competency {
  const human = get(file.yaml.value, "human");
  const description = text(get(human, "description"));
  log.from(`areas.behaviours.competencies.${file.id}`, file.yaml.at([]));
  const expectations: Competency["expectations"] = {};
  for (const { level, behaviour } of levels)
    if (behaviour !== undefined) expectations[level.id] = { step: MATURITIES[behaviour] as string };
  return {
    id: file.id,
    name: text(get(file.yaml.value, "name")) ?? labelFromId(file.id),
    ...(description ? { description } : {}),
    scale: scaleOf("Maturity", MATURITIES, get(human, "maturityDescriptions")),
    expectations,
  };
}

/** A modifier map (`{ delivery: 1 }`), each key checked against `known`. */
function modifiers(file: Read, key: string, known: Set<string>, log: ImportLog): Map<string, number> {
  const found = new Map<string, number>();
  for (const [name, value] of Object.entries(get(file.yaml.value, key) ?? {})) {
    if (!known.has(name)) log.error(file.yaml.at([key, name]), `${key} names unknown "${name}"`);
    else if (typeof value !== "number" || !Number.isInteger(value))
      log.error(file.yaml.at([key, name]), `${key}.${name} is not a whole number`);
    else found.set(name, value);
  }
  return found;
}

interface Context {
  levels: PathwayLevel[];
  skills: Map<string, Skill>;
  behaviours: Map<string, Competency>;
  tracks: Map<string, Read>;
  log: ImportLog;
}

const clamp = (n: number, top: number) => Math.max(0, Math.min(top, n));

/** Sets what one role asks for in a cell (only where it differs from the shared cell's step). */
function ask(competency: Competency, level: string, role: string, step: string) {
  const cell = (competency.expectations[level] ?? {}) as Exclude<Competency["expectations"][string], string>;
  if (cell.step === step) return;
  cell.roles = { ...cell.roles, [role]: { step } };
  competency.expectations[level] = cell;
}

// long: one discipline read end to end: its skills by type, its tracks, and the role per valid track
function readDiscipline(file: Read, context: Context, families: Set<string>): Role[] {
  const { log, levels, skills, behaviours, tracks } = context;
  const root = file.yaml.value;
  const typed: [string, string][] = [];
  for (const [key, type] of SKILL_TYPES)
    for (const [k, raw] of list(get(root, key)).entries()) {
      const skill = text(raw) ?? "";
      if (!skills.has(skill)) log.error(file.yaml.at([key, k]), `${key} names unknown skill "${skill}"`);
      else typed.push([skill, type]);
    }
  const ownBehaviours = modifiers(file, "behaviourModifiers", new Set(behaviours.keys()), log);
  const family = get(root, "isManagement") === true ? "management" : "professional";
  families.add(family);
  const valid = get(root, "validTracks") === undefined ? [null] : list(get(root, "validTracks"));
  const roles: Role[] = [];
  const title = text(get(root, "roleTitle")) ?? labelFromId(file.id);
  const own = roleSummary(file, family, log)
    ?.replaceAll("{roleTitle}", title)
    .replaceAll("{specialization}", text(get(root, "specialization")) ?? title);
  for (const [k, track] of valid.entries()) {
    const trackFile = track === null ? undefined : tracks.get(text(track) ?? "");
    if (track !== null && !trackFile) {
      log.error(file.yaml.at(["validTracks", k]), `validTracks names unknown track "${String(track)}"`);
      continue;
    }
    const capabilities = new Set([...skills.values()].map((s) => s.capability));
    const shift = trackFile ? modifiers(trackFile, "skillModifiers", capabilities, log) : new Map();
    const lean = trackFile
      ? modifiers(trackFile, "behaviourModifiers", new Set(behaviours.keys()), log)
      : new Map();
    const id = trackFile ? `${file.id}-${trackFile.id}` : file.id;
    const summary = (trackFile ? text(get(trackFile.yaml.value, "roleContext")) : undefined) ?? own;
    log.from(`roles.${id}`, file.yaml.at([]));
    for (const { level, skills: base, behaviour } of levels) {
      for (const [skillId, type] of typed) {
        const skill = skills.get(skillId) as Skill;
        const step = base.get(type);
        if (step === undefined) continue;
        const moved = clamp(step + (shift.get(skill.capability) ?? 0), PROFICIENCIES.length - 1);
        ask(skill.competency, level.id, id, PROFICIENCIES[moved] as string);
      }
      if (behaviour === undefined) continue;
      for (const [behaviourId, competency] of behaviours) {
        const moved = behaviour + (ownBehaviours.get(behaviourId) ?? 0) + (lean.get(behaviourId) ?? 0);
        ask(competency, level.id, id, MATURITIES[clamp(moved, MATURITIES.length - 1)] as string);
      }
    }
    const name = trackFile
      ? `${title} (${text(get(trackFile.yaml.value, "name")) ?? labelFromId(trackFile.id)})`
      : title;
    roles.push({
      id,
      name,
      family,
      ...(summary ? { summary } : {}),
      levels: levels.map((l) => l.level.id),
    });
  }
  for (const key of ["minLevel", "minGrade"])
    if (get(root, key) !== undefined)
      log.bend("dropped", file.yaml.at([key]), `${file.id}: ${key} (the roles span every level)`);
  return roles;
}

/**
 * A discipline's role summary: its `human.roleSummary`, else the professional or management summary (the
 * family's first), else its `description`. Another of them also given is a `dropped` bend at its line.
 */
function roleSummary(file: Read, family: string, log: ImportLog): string | undefined {
  const kinds = ["professionalRoleSummary", "managementRoleSummary"];
  const order = [
    ["human", "roleSummary"],
    ...(family === "management" ? kinds.reverse() : kinds).map((k) => ["human", k]),
    ["description"],
  ];
  let found: { text: string; path: string } | undefined;
  for (const path of order) {
    const value = text(path.reduce<unknown>((v, k) => get(v, k), file.yaml.value));
    if (!value) continue;
    if (!found) found = { text: value, path: path.join(".") };
    else
      log.bend(
        "dropped",
        file.yaml.at(path),
        `${file.id}: ${path.join(".")} (the roles' summary is its ${found.path})`,
      );
  }
  return found?.text;
}

function build(read: Read[], log: ImportLog): Framework {
  dropUnreadKeys(read, log);
  const of = (kind: Kind) => read.filter((r) => r.kind === kind);
  const levelFiles = of("levels");
  if (levelFiles.length !== 1)
    log.error(
      { file: levelFiles[1]?.file ?? read[0]?.file ?? "pathway" },
      "give exactly one levels file (levels.yaml) (missing levels)",
    );
  const dimensions = new Map<string, Dimension>();
  const levels = levelFiles[0] ? readLevels(levelFiles[0], log, dimensions) : [];
  const skills = new Map<string, Skill>();
  const areas = of("capability")
    .sort((a, b) => rankOf(a) - rankOf(b) || (a.id < b.id ? -1 : 1))
    .map((file) => readCapability(file, log, skills));
  const behaviours = new Map(of("behaviour").map((f) => [f.id, readBehaviour(f, levels, log)]));
  const tracks = new Map(of("track").map((f) => [f.id, f]));
  const families = new Set<string>();
  const roles = of("discipline").flatMap((f) =>
    readDiscipline(f, { levels, skills, behaviours, tracks, log }, families),
  );
  if (behaviours.size)
    areas.push({ id: "behaviours", name: "Behaviours", competencies: [...behaviours.values()] });
  const framework = of("framework")[0]?.yaml.value;
  const name = text(get(framework, "title")) ?? "Pathway framework";
  const description = text(get(framework, "description"));
  return {
    rungs: 2,
    id: slugify(name),
    name,
    ...(description ? { description } : {}),
    tracks: [{ id: TRACK, name: "Professional" }],
    ...(dimensions.size ? { dimensions: [...dimensions.values()] } : {}),
    levels: levels.map((l) => l.level),
    areas,
    ...(families.size
      ? { families: [...families].sort().map((id) => ({ id, name: labelFromId(id) })), roles }
      : {}),
  } as Framework;
}

function rankOf(file: Read): number {
  const rank = get(file.yaml.value, "ordinalRank");
  return typeof rank === "number" ? rank : Number.POSITIVE_INFINITY;
}

export const pathwayImporter: Importer = {
  async read(inputs) {
    const log = new ImportLog();
    const read = readInputs(inputs, log);
    const framework = build(read, log);
    return log.done(framework);
  },
};
