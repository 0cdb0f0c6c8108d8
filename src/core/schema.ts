/**
 * The one definition of the framework file format. Types come from it (`z.infer`), the loader validates
 * with it, and `schema/*.schema.json` is generated from it (see scripts/write-schema.ts).
 *
 * Field descriptions here are what editors show on hover, so they are written for framework authors.
 */
import * as z from "zod";
import { MIGRATION_KINDS } from "./format-lists.js";

export { COLLECTIONS, type CollectionName, MIGRATION_KINDS, type MigrationKind } from "./format-lists.js";

/** The file format version this build writes (`rungs migrate`); it reads this one and every earlier one. */
export const FORMAT_VERSION = 2;

/** Every format version this build reads: a v1 file loads to the same model it always did. */
export const FORMAT_VERSIONS = [1, 2] as const;

// Descriptions: `.meta()` copies a schema before describing it, which a shared one (`Text`, `Id`) needs, since
// it says something else in each place. A schema made for its one field is described as it is, with
// `.register(docs, …)`: the ~90 copies cost a fifth of building this file, on every command that validates
// (rungs check's start-up).
const docs = z.globalRegistry;
export const ID_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export const Id = z
  .string()
  .regex(ID_PATTERN, { message: "must be lowercase letters, digits and single - _ . separators" })
  .register(docs, {
    description: "Identifier: lowercase letters and digits, words joined by - _ or .",
  });

const Text = z
  .string()
  .register(docs, { description: "Plain text with light Markdown (emphasis, lists, links)." });
const TextList = z.array(Text);
/**
 * A name or title people read (of the framework, a track, level, competency or role): text with something in
 * it. `name: ""` or a name of spaces alone would show as nothing in a heading, a list or a sentence.
 */
const Name = z
  .string()
  .regex(/\S/, { message: "must not be empty or only spaces: write the name people read" })
  .register(docs, { description: "A name people read: not empty, not only spaces." });
const SourceRefs = z
  .array(Id)
  .register(docs, { description: "Ids of entries in `sources` that this content comes from." });
// The optional fields most entries have, made once and shared (a schema is immutable) rather than once each.
const OptionalText = Text.optional();
const OptionalSources = SourceRefs.optional();

const RenamedFrom = z.array(Id).max(50).optional().register(docs, {
  description:
    "Ids this entry had in earlier versions: `rungs diff` reports the rename and picks made under them carry over.",
});

export const Severity = z.enum(["error", "warning", "info"]);
export const RuleSetting = z.enum(["error", "warning", "info", "off"]);

export const Track = z.strictObject({
  id: Id,
  renamedFrom: RenamedFrom,
  name: Name.meta({ description: "Display name, e.g. Individual contributor." }),
  kind: z.enum(["trunk", "ic", "management", "apex", "other"]).optional().register(docs, {
    description: "What the track is for; drives how the ladder is drawn. Default other.",
  }),
  description: OptionalText,
  sources: OptionalSources,
});

export const CodeScheme = z.strictObject({
  id: Id,
  name: Text.meta({ description: "e.g. Pay band, Internal level, Public title." }),
  description: OptionalText,
  sources: OptionalSources,
});

export const DIMENSION_ASPECTS = [
  "scope",
  "autonomy",
  "complexity",
  "impact",
  "decision-rights",
  "leadership",
  "experience",
  "knowledge",
  "collaboration",
  "other",
] as const;

export const Dimension = z.strictObject({
  id: Id,
  name: Text,
  kind: z.enum(["dimension", "rubric"]).optional().register(docs, {
    description:
      "dimension: an attribute such as scope; rubric: a column of a leveling rubric. Default dimension.",
  }),
  aspect: z.enum(DIMENSION_ASPECTS).optional().register(docs, {
    description: "What the dimension measures, so goal templates can find e.g. the complexity bar.",
  }),
  calibration: z.boolean().optional().register(docs, {
    description:
      "true: the dimension is a calibration bar, quoted when roles and people are calibrated. When no dimension says so, every one is.",
  }),
  description: OptionalText,
  sources: OptionalSources,
});

export const RatingBand = z.strictObject({
  id: Id,
  name: Text.meta({ description: "e.g. Needs improvement, Meets, Exceeds." }),
  description: OptionalText,
  sources: OptionalSources,
});

/** Bounds on the lists format 2 adds: far beyond any published framework, so a hostile file stays cheap. */
export const FORMAT_LIMITS = { steps: 50, criteria: 100, examples: 100, documents: 100 } as const;

export const Step = z.strictObject({
  id: Id.meta({ description: "The step's id, e.g. practitioner or 3." }),
  name: Text.optional().register(docs, {
    description: "Display name, e.g. Practitioner. Default: made from the id.",
  }),
  description: OptionalText,
  points: z.number().min(0).max(10_000).optional().register(docs, {
    description: "Points the step is worth where the framework places people by points.",
  }),
});

const scaleFields = {
  name: Text.optional().register(docs, { description: "e.g. Proficiency, Milestone." }),
  description: OptionalText,
  steps: z
    .array(Step)
    .min(1)
    .max(FORMAT_LIMITS.steps)
    .register(docs, { description: "The named steps, lowest first." }),
};

export const Scale = z.strictObject({ id: Id, ...scaleFields, sources: OptionalSources });

export const GuidanceBlock = z.strictObject({
  title: Text,
  text: OptionalText,
  items: TextList.optional(),
});

export const GuidanceSection = z.strictObject({
  title: Text,
  text: OptionalText,
  items: TextList.optional(),
  sections: z.array(GuidanceBlock).optional().register(docs, { description: "Titled sub-sections." }),
  placement: z.enum(["before", "after"]).optional().register(docs, {
    description:
      "Where pages show the section: before the main content (the ladder, the level's expectations) or after it. Default after.",
  }),
  sources: OptionalSources,
});

export const REFERENCE_MATCHES = ["exact", "close", "broad", "narrow"] as const;

/** Where a level sits on the rungs reference scale (docs/job-architecture.md), so levels compare across frameworks. */
export const LevelReference = z.strictObject({
  rank: z.number().int().min(1).max(12).register(docs, {
    description: "Step of the rungs reference scale (1 entry … 12 chief officer) this level sits at.",
  }),
  to: z.number().int().min(1).max(12).optional().register(docs, {
    description: "Last step, when the level spans a range of the scale (rank to `to`).",
  }),
  match: z.enum(REFERENCE_MATCHES).optional().register(docs, {
    description: "How well the level matches the step (SKOS match types). Default exact.",
  }),
  note: OptionalText,
});

export const LEVEL_MARKERS = ["fork", "top"] as const;

export const Level = z.strictObject({
  id: Id,
  renamedFrom: RenamedFrom,
  name: Name.meta({ description: "Short name on the ladder, e.g. Senior." }),
  title: Name.optional().register(docs, {
    description: "Full job title, e.g. Senior Software Engineer.",
  }),
  track: Id.meta({ description: "Id of the track this level is on." }),
  follows: z.array(Id).optional().register(docs, {
    description: "Ids of the levels that lead to this one. A level without it is a root of the ladder.",
  }),
  codes: z.record(Id, z.string().min(1)).optional().register(docs, {
    description: "Code of this level in each declared code scheme, e.g. { band: P4, internal: L5 }.",
  }),
  summary: Text.optional().register(docs, {
    description: "What good looks like at this level, in a sentence or two.",
  }),
  leverage: Text.optional().register(docs, {
    description: "The unit of leverage: what this level's output moves.",
  }),
  dimensions: z.record(Id, Text).optional().register(docs, {
    description: "Value of each declared dimension at this level, by dimension id.",
  }),
  responsibilities: TextList.optional(),
  narrative: Text.optional().register(docs, { description: "A longer portrait of the level." }),
  reachNext: z
    .union([Text, z.record(Id, Text)])
    .optional()
    .register(docs, {
      description: "How to reach the next level: text, or text per next level id where the ladder forks.",
    }),
  guidance: z
    .array(GuidanceSection)
    .optional()
    .register(docs, { description: "Free sections: titled text or lists." }),
  reference: LevelReference.optional(),
  rank: z.number().min(0).max(1000).optional().register(docs, {
    description:
      "Height on this framework's ladder (format 2): levels of equal rank are drawn side by side, e.g. IC3 beside M3. Default: the level's depth in the follows graph.",
  }),
  band: Text.optional().register(docs, {
    description:
      "The level these sub-levels split (format 2): 3 for levels 3a and 3b. Levels sharing a band are shown together.",
  }),
  markers: z.array(z.enum(LEVEL_MARKERS)).max(LEVEL_MARKERS.length).optional().register(docs, {
    description: "fork: the ladder forks here; top: the top of its track (format 2).",
  }),
  sources: OptionalSources,
});

export const Criterion = z.union([
  Text.meta({
    description: "The criterion's text (shorthand for { text }); its id is its position, 1, 2, …",
  }),
  z.strictObject({
    id: Id.optional().register(docs, {
      description: "Stable id (assessments record criteria by it). Default: position.",
    }),
    text: Text,
    examples: TextList.max(FORMAT_LIMITS.examples).optional(),
    ratings: z.record(Id, Text).optional().register(docs, { description: "Text per rating band id." }),
    sources: OptionalSources,
  }),
]);

const cellFields = {
  statement: Text.optional().register(docs, { description: "What is expected at this level." }),
  criteria: z.array(Criterion).max(FORMAT_LIMITS.criteria).optional().register(docs, {
    description: "Separate criteria, each assessed on its own (format 2).",
  }),
  step: Id.optional().register(docs, {
    description: "The step of the competency's scale this level asks for (format 2).",
  }),
  examples: TextList.max(FORMAT_LIMITS.examples).optional(),
  ratings: z
    .record(Id, Text)
    .optional()
    .register(docs, { description: "Text per rating band id of the framework's ratingScale." }),
};

export const RoleExpectation = z.strictObject({
  replace: z.boolean().optional().register(docs, {
    description: "true: this text replaces the shared expectation for the role; default: it adds to it.",
  }),
  ...cellFields,
  note: OptionalText,
});

export const ExpectationDetail = z.strictObject({
  ...cellFields,
  elaboration: Text.optional().register(docs, {
    description: "Longer text on what sets this level apart from its neighbours.",
  }),
  unchanged: z.boolean().optional().register(docs, {
    description:
      "true: the previous level's expectation holds here unchanged; with text or criteria: as the previous level, plus these (format 2).",
  }),
  roles: z.record(Id, RoleExpectation).optional().register(docs, {
    description:
      "Expectation for one role or role family (by id) at this level: added to the shared one, or replacing it with replace: true (format 2).",
  }),
  notApplicable: z.boolean().optional().register(docs, {
    description: "true: the competency deliberately has no expectation at this level.",
  }),
  note: Text.optional().register(docs, {
    description: "Why it is not applicable, or any remark.",
  }),
  sources: OptionalSources,
});

export const Expectation = z.union([
  Text.meta({ description: "The expectation statement (shorthand for { statement })." }),
  ExpectationDetail,
]);

export const Competency = z.strictObject({
  id: Id,
  renamedFrom: RenamedFrom,
  name: Name.optional().register(docs, {
    description: "Display name. Default: made from the id.",
  }),
  description: OptionalText,
  scale: z
    .union([
      Id.meta({ description: "Id of a scale in the framework's scales." }),
      z.strictObject(scaleFields).register(docs, { description: "The competency's own scale." }),
    ])
    .optional()
    .register(docs, {
      description: "The named steps this competency's expectations ask for (format 2).",
    }),
  levels: z.array(Id).optional().register(docs, {
    description: "The levels this competency spans. Default: the levels of its area.",
  }),
  expectations: z.record(Id, Expectation).register(docs, { description: "Expectation per level id." }),
  sources: OptionalSources,
});

export const Document = z.strictObject({
  title: Text,
  url: z.string().optional(),
  note: OptionalText,
});

export const Area = z.strictObject({
  id: Id,
  renamedFrom: RenamedFrom,
  name: Text.optional().register(docs, {
    description: "Display name. Default: made from the id.",
  }),
  kind: z.enum(["theme", "stage"]).optional().register(docs, {
    description: "theme: a group such as Impact; stage: a step of the work such as Discover. Default theme.",
  }),
  summary: OptionalText,
  description: OptionalText,
  levels: z.array(Id).optional().register(docs, {
    description: "The levels this area describes. Default: every level of the framework.",
  }),
  takeaways: z
    .record(Id, Text)
    .optional()
    .register(docs, { description: "The area at a glance, per level id." }),
  note: Text.optional().register(docs, {
    description: "Shown for the levels this area does not describe.",
  }),
  documents: z.array(Document).max(FORMAT_LIMITS.documents).optional().register(docs, {
    description: "Documents about the area, e.g. a stage's process documents (format 2).",
  }),
  competencies: z.array(Competency),
  sources: OptionalSources,
});

export const Family = z.strictObject({
  id: Id,
  name: Text,
  description: OptionalText,
  parent: Id.optional().register(docs, {
    description: "Id of the family this one is a sub-family of.",
  }),
  sources: OptionalSources,
});

export const MATCH_TYPES = ["exact", "close", "broad", "narrow", "related"] as const;

export const Classification = z.strictObject({
  scheme: Id.meta({
    description:
      "soc-2018, onet-soc-2019, isco-08, esco, or another scheme id (checked only where a code list for it is loaded).",
  }),
  code: z.string().register(docs, { description: "e.g. 15-1252 (SOC 2018) or 15-1252.00 (O*NET-SOC 2019)." }),
  match: z.enum(MATCH_TYPES).optional().register(docs, {
    description: "How closely the role matches the code (SKOS match types). Default exact.",
  }),
  note: OptionalText,
  sources: OptionalSources,
});

export const Skill = z.strictObject({
  name: Text,
  description: OptionalText,
  sources: OptionalSources,
});

export const Role = z.strictObject({
  id: Id,
  renamedFrom: RenamedFrom,
  name: Name.meta({ description: "The role (focus), e.g. Backend Engineer." }),
  family: Id.meta({ description: "Id of the role family." }),
  code: z.string().optional().register(docs, { description: "The role's code in the job architecture." }),
  summary: OptionalText,
  tracks: z.array(Id).optional().register(docs, { description: "Ids of the tracks the role runs on." }),
  levels: z.array(Id).register(docs, { description: "Ids of the levels the role spans, lowest first." }),
  responsibilities: z
    .record(Id, TextList)
    .optional()
    .register(docs, { description: "Responsibilities per level id." }),
  skills: z.array(Skill).optional(),
  aliases: TextList.optional().register(docs, {
    description: "Other titles people use for this role.",
  }),
  classifications: z.array(Classification).optional(),
  related: z.array(Id).optional().register(docs, { description: "Ids of related roles." }),
  sources: OptionalSources,
});

export const Review = z.strictObject({
  scores: z.record(Id, z.number().min(1).max(5)).register(docs, {
    description: "Score 1–5 per review criterion, e.g. { accuracy: 4, clarity: 5 }.",
  }),
  passMark: z.number().min(1).max(5).optional().register(docs, {
    description: "The score every criterion must reach; lower scores are reported by the linter.",
  }),
  reviewer: OptionalText,
  date: z.string().optional(),
});

export const Source = z.strictObject({
  id: Id,
  title: Text,
  url: z.string().optional(),
  publisher: OptionalText,
  date: z.string().optional(),
  note: OptionalText,
  review: Review.optional(),
});

/** What became of an id the previous version had and this one does not: exactly one of the four. */
export const Removal = z
  .strictObject({
    kind: z.enum(MIGRATION_KINDS),
    id: Id.meta({ description: "The id in the previous version." }),
    replacedBy: Id.optional().register(docs, {
      description: "A different entry takes its place.",
    }),
    mergedInto: Id.optional().register(docs, { description: "It is now part of this entry." }),
    splitInto: z
      .array(Id)
      .min(2)
      .max(50)
      .optional()
      .register(docs, { description: "Its content is now in these entries." }),
    retired: Text.optional().register(docs, {
      description: "Why it is gone with nothing in its place.",
    }),
  })
  .register(docs, {
    description: "One entry of the migration map (docs/format.md#migration-map).",
  });

/** The collections a framework can split across files. */
export const collectionShape = {
  levels: z.array(Level).optional(),
  areas: z.array(Area).optional(),
  roles: z.array(Role).optional(),
  families: z.array(Family).optional(),
  sources: z.array(Source).optional(),
};

export const FrameworkFile = z
  .strictObject({
    rungs: z.literal(FORMAT_VERSIONS).register(docs, {
      description: "The file format version: 2 (1 still reads; `rungs migrate` rewrites it).",
    }),
    extends: z.string().min(1).max(1000).optional().register(docs, {
      description:
        "Path of a base framework (file or directory, relative to this file) whose content this one inherits and overrides by id (format 2).",
    }),
    id: Id,
    name: Name,
    version: z
      .string()
      .optional()
      .register(docs, { description: "Version of the framework's content, e.g. 2026.1." }),
    previous: z.string().min(1).max(1000).optional().register(docs, {
      description:
        "The previous version: a file or folder (relative to this file) or git:REF[:PATH]; every id it had and this one lacks must be in `migration` or renamed.",
    }),
    migration: z.array(Removal).max(10_000).optional().register(docs, {
      description: "What became of the ids removed since the previous version.",
    }),
    description: OptionalText,
    organization: OptionalText,
    codeSchemes: z.array(CodeScheme).optional(),
    tracks: z.array(Track),
    dimensions: z.array(Dimension).optional(),
    ratingScale: z
      .array(RatingBand)
      .optional()
      .register(docs, { description: "Rating bands, lowest first." }),
    scales: z.array(Scale).optional().register(docs, {
      description: "Named step scales competencies share, e.g. a proficiency scale (format 2).",
    }),
    points: z
      .strictObject({
        levels: z.record(Id, z.number().min(0).max(1_000_000)).register(docs, {
          description:
            "The point total that reaches each level id: the highest level whose total is met is reached.",
        }),
        description: OptionalText,
      })
      .optional()
      .register(docs, {
        description:
          "Placement by points (format 2): each competency's step is worth its points; the total reaches a level.",
      }),
    beyond: Text.optional().register(docs, {
      description:
        "What lies beyond the levels the framework describes, e.g. above its top level (format 2).",
    }),
    publish: z
      .strictObject({
        passMark: z.number().min(1).max(5).optional().register(docs, {
          description:
            "The score every review criterion must reach for `rungs check --publish`, where a review sets none.",
        }),
        reviewed: z.boolean().optional().register(docs, {
          description: "true: `rungs check --publish` fails while a source has no review.",
        }),
      })
      .optional()
      .register(docs, {
        description: "What `rungs check --publish` holds the sources' reviews to (format 2).",
      }),
    guidance: z.array(GuidanceSection).optional().register(docs, {
      description: "Free sections about the whole framework: how to read it, at a glance, status.",
    }),
    adjacency: z
      .strictObject({
        close: z.number().min(0).max(1).optional().register(docs, {
          description: "Distance up to which another role-level counts as close. Default 0.25.",
        }),
        review: z.number().min(0).max(1).optional().register(docs, {
          description: "Distance up to which a match needs review; beyond it is far. Default 0.5.",
        }),
        weights: z
          .strictObject({
            level: z.number().min(0).optional(),
            taxonomy: z.number().min(0).optional(),
            content: z.number().min(0).optional(),
          })
          .optional()
          .register(docs, {
            description: "Relative weight of level, taxonomy and content distance. Default 0.5, 0.35, 0.15.",
          }),
      })
      .optional()
      .register(docs, {
        description: "How adjacent roles are banded (docs/job-architecture.md).",
      }),
    lint: z.record(z.string(), RuleSetting).optional().register(docs, {
      description: "Severity per lint rule code: error, warning, info or off.",
    }),
    lintWords: z
      .strictObject({
        vague: z.array(z.string().min(1).max(80)).max(200).optional().register(docs, {
          description: "Words and phrases the vague-wording rule flags; replaces the built-in list.",
        }),
        intensifiers: z.array(z.string().min(1).max(40)).max(200).optional().register(docs, {
          description:
            "Words the intensifier-only rule ignores when comparing levels; replaces the built-in list.",
        }),
      })
      .optional()
      .register(docs, {
        description: "Word lists of the ladder-quality lint rules (docs/format.md, ladder quality).",
      }),
    ...collectionShape,
  })
  .register(docs, {
    title: "rungs framework",
    description: "The root file of a rungs career framework.",
  });

export const FragmentFile = z.strictObject(collectionShape).register(docs, {
  title: "rungs framework fragment",
  description: "Levels, areas, roles, families or sources merged into the framework.",
});

export type Framework = z.infer<typeof FrameworkFile>;
export type Level = z.infer<typeof Level>;
export type Area = z.infer<typeof Area>;
export type Competency = z.infer<typeof Competency>;
export type Expectation = z.infer<typeof Expectation>;
export type ExpectationDetail = z.infer<typeof ExpectationDetail>;
export type Role = z.infer<typeof Role>;
export type Source = z.infer<typeof Source>;
export type Track = z.infer<typeof Track>;
export type Dimension = z.infer<typeof Dimension>;
export type RuleSetting = z.infer<typeof RuleSetting>;
export type SeverityName = z.infer<typeof Severity>;
export type GuidanceSection = z.infer<typeof GuidanceSection>;
export type LevelReference = z.infer<typeof LevelReference>;
export type Criterion = z.infer<typeof Criterion>;
export type RoleExpectation = z.infer<typeof RoleExpectation>;
export type Scale = z.infer<typeof Scale>;
export type Step = z.infer<typeof Step>;
export type RatingBand = z.infer<typeof RatingBand>;
export type Review = z.infer<typeof Review>;
export type Removal = z.infer<typeof Removal>;
