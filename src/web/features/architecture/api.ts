/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import {
  BROKEN_FRAMEWORK,
  Diff,
  FrameworkRef,
  fwParam,
  idParam,
  LevelRef,
  Overlap,
} from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { adjacentQuery, titleQuery } from "./requests.js";

export const RoleLevelRef = z
  .looseObject({
    framework: z.string(),
    role: z.string(),
    level: z.string(),
  })
  .register(apiSchemas, { id: "RoleLevelRef" });

export const Distance = z
  .looseObject({
    total: z.number().min(0).max(1).meta({ description: "Weighted average of the parts used." }),
    level: z.number().min(0).max(1),
    taxonomy: z.number().min(0).max(1),
    content: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: "Absent when either role lists no skills (its weight is then left out)." })
      .optional(),
  })
  .register(apiSchemas, { id: "Distance" });

export const AdjacencySettings = z
  .looseObject({
    close: z.number(),
    review: z.number(),
    weights: z.looseObject({
      level: z.number().optional(),
      taxonomy: z.number().optional(),
      content: z.number().optional(),
    }),
  })
  .register(apiSchemas, { id: "AdjacencySettings" });

export const Band = z.enum(["close", "review", "far"]).register(apiSchemas, { id: "Band" });

export const ReferencePlacement = z
  .looseObject({
    from: z.int().min(0),
    to: z.int().min(0),
    match: z.enum(["exact", "close", "broad", "narrow"]),
    steps: z.array(
      z.looseObject({
        rank: z.int().min(0).optional(),
        name: z.string().optional(),
      }),
    ),
    note: z.string().optional(),
  })
  .register(apiSchemas, { id: "ReferencePlacement" });

export const ReferenceComparison = z
  .looseObject({
    comparable: z.boolean().meta({ description: "False when either level is not placed on the scale." }),
    overlap: z.boolean(),
    gap: z.int().meta({ description: "Steps from a to b: positive when b is higher, 0 when they overlap." }),
    distance: z.number().optional(),
  })
  .register(apiSchemas, { id: "ReferenceComparison" });

const AdjacentRoleLevel = z.looseObject({
  target: RoleLevelRef,
  code: z.string().meta({
    description: "family.role.level",
    examples: ["software-engineering.frontend-engineer.senior"],
  }),
  roleName: z.string(),
  levelName: z.string(),
  frameworkName: z.string(),
  distance: Distance,
  band: Band,
});

export const AdjacentRoles = z
  .looseObject({
    framework: FrameworkRef,
    role: z.looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
    }),
    level: z.looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
      label: z.string().optional(),
      code: z.string().optional(),
      reference: ReferencePlacement.optional(),
    }),
    defaulted: z.boolean().meta({ description: "True when no level was asked for and the first was taken." }),
    settings: AdjacencySettings,
    compared: z.int().min(0).meta({ description: "How many role-levels were compared." }).optional(),
    adjacent: z.array(AdjacentRoleLevel).meta({ description: "The nearest role-levels, nearest first." }),
    sameRole: z
      .array(AdjacentRoleLevel)
      .meta({ description: "The same role at its other levels, nearest first." })
      .optional(),
    roles: z
      .array(
        z.looseObject({
          framework: z.string(),
          role: z.string(),
          roleName: z.string(),
          frameworkName: z.string(),
          levels: z.array(AdjacentRoleLevel).meta({ description: "Its levels compared, nearest first." }),
        }),
      )
      .meta({ description: "The nearest other roles (up to limit), each with every level compared." })
      .optional(),
  })
  .register(apiSchemas, { id: "AdjacentRoles" });

const LevelSide = z.looseObject({
  framework: FrameworkRef.optional(),
  level: LevelRef.optional(),
  trackName: z.string().optional(),
  codes: z.array(z.unknown()).optional(),
  summary: z.string().optional(),
  reference: ReferencePlacement.optional(),
});

export const CompareAcrossLevels = z
  .looseObject({
    a: LevelSide,
    b: LevelSide,
    sameFramework: z.boolean(),
    reference: ReferenceComparison,
    dimensions: z.array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        aspect: z.string().optional(),
        a: z.looseObject({}).optional(),
        b: z.looseObject({}).optional(),
        diff: Diff.optional(),
      }),
    ),
    unpaired: z
      .looseObject({
        a: z.array(z.unknown()).optional(),
        b: z.array(z.unknown()).optional(),
      })
      .optional(),
    competencies: z
      .array(z.unknown())
      .meta({ description: "Within one framework: areas of competency rows, as in CompareLevels." })
      .optional(),
    expectations: z
      .looseObject({
        a: z.array(z.unknown()).optional(),
        b: z.array(z.unknown()).optional(),
      })
      .optional(),
  })
  .register(apiSchemas, { id: "CompareAcrossLevels" });

const RoleLevelSide = z.looseObject({
  framework: FrameworkRef.optional(),
  role: z
    .looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  family: z
    .looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  level: LevelRef.optional(),
  code: z.string().optional(),
  responsibilities: z.array(z.string()).optional(),
});

export const CompareRoleLevels = z
  .looseObject({
    a: RoleLevelSide,
    b: RoleLevelSide,
    sameFramework: z.boolean().optional(),
    sameRole: z.boolean().optional(),
    sameFamily: z.boolean().optional(),
    reference: ReferenceComparison.optional(),
    skills: Overlap,
    classifications: Overlap,
    distance: Distance.optional(),
    band: Band.optional(),
    settings: AdjacencySettings,
  })
  .register(apiSchemas, { id: "CompareRoleLevels" });

export const EquivalenceCell = z
  .looseObject({
    framework: z.string(),
    level: z.string(),
    levelName: z.string(),
    code: z.string().optional(),
    match: z.enum(["exact", "close", "broad", "narrow"]),
    from: z.int().min(0),
    to: z.int().min(0),
  })
  .register(apiSchemas, { id: "EquivalenceCell" });

export const Equivalence = z
  .looseObject({
    frameworks: z.array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        levels: z.array(LevelRef).optional(),
      }),
    ),
    rows: z.array(
      z.looseObject({
        rank: z.int().min(0),
        name: z.string(),
        description: z.string().optional(),
        cells: z
          .record(z.string(), z.array(EquivalenceCell))
          .meta({ description: "Per framework id, the levels at this step." }),
      }),
    ),
    unplaced: z.array(
      z.looseObject({
        framework: FrameworkRef.optional(),
        levels: z.array(LevelRef).optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Equivalence" });

export const Occupations = z
  .looseObject({
    schemes: z.array(
      z.looseObject({
        scheme: z.string().optional(),
        schemeName: z.string().optional(),
        codes: z
          .array(
            z.looseObject({
              scheme: z.string().optional(),
              schemeName: z.string().optional(),
              code: z.string().optional(),
              title: z.string().optional(),
              roles: z.int().min(0).optional(),
            }),
          )
          .optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Occupations" });

export const Occupation = z
  .looseObject({
    scheme: z.string(),
    schemeName: z.string(),
    code: z.string(),
    title: z.string().optional(),
    hierarchy: z.array(
      z.looseObject({
        group: z.enum(["major", "minor", "broad", "detailed"]).optional(),
        code: z.string().optional(),
        title: z.string().optional(),
      }),
    ),
    roles: z.array(
      z.looseObject({
        framework: FrameworkRef.optional(),
        role: z
          .looseObject({
            id: z.string().optional(),
            name: z.string().optional(),
          })
          .optional(),
        family: z
          .looseObject({
            id: z.string().optional(),
            name: z.string().optional(),
          })
          .optional(),
        match: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Occupation" });

export const TitleMatches = z
  .looseObject({
    title: z.string(),
    matches: z.array(
      z.looseObject({
        framework: FrameworkRef,
        role: z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
        }),
        family: z
          .looseObject({
            id: z.string().optional(),
            name: z.string().optional(),
          })
          .optional(),
        matched: z.string().meta({ description: "The name or alias that matched, as written." }),
        via: z.enum(["name", "alias"]),
      }),
    ),
  })
  .register(apiSchemas, { id: "TitleMatches" });

export const architectureApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/roles/:role/adjacent",
    operationId: "getAdjacentRoles",
    summary: "The role-levels nearest to a role at a level",
    description:
      "Every other role-level of every loaded framework, nearest first, by a distance in [0, 1]: the weighted average of the level distance on the rungs reference scale, the taxonomy distance (same role, same family, other family) and, where both roles list skills, 1 minus the share of skills they have in common. Each has a band: close, review or far, by the framework's thresholds.",
    tags: ["architecture"],
    access: "public",
    params: z.object({
      fw: fwParam,
      role: idParam("Role id.", "backend-engineer"),
    }),
    query: adjacentQuery(),
    response: { description: "The role-level and its nearest neighbours.", schema: AdjacentRoles },
    problems: {
      400: "The role does not span level (`levels` lists those it does).",
      422: "limit is not 1–100, or level is not an id (see `errors`).",
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
  {
    method: "get",
    path: "/api/compare-across/levels/:fwA/:a/:fwB/:b",
    operationId: "compareAcrossLevels",
    summary: "Two levels of any frameworks compared",
    description:
      "Level a of framework fwA and level b of framework fwB side by side: codes, reference steps and how they match, summaries, dimensions paired by aspect (word diff where both have text), and expectations: competency by competency within one framework, each level's own areas across two.",
    tags: ["architecture"],
    access: "public",
    params: z.object({
      fwA: idParam("First framework id.", "engineering"),
      a: idParam("Level id in fwA.", "senior"),
      fwB: idParam("Second framework id.", "product-matrix"),
      b: idParam("Level id in fwB.", "l3"),
    }),
    response: { description: "The comparison.", schema: CompareAcrossLevels },
    problems: {
      400: "Both sides are the same level.",
      404: "An unknown framework or level; `unknown` lists them as fw or fw/level.",
    },
  },
  {
    method: "get",
    path: "/api/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB",
    operationId: "compareRoleLevels",
    summary: "Two role-levels of any frameworks compared",
    description:
      "Two roles, each at a level it spans: family, role, role-level code, level, responsibilities there, skills shared and only in one, classification codes, and the distance between them with its parts and band.",
    tags: ["architecture"],
    access: "public",
    params: z.object({
      fwA: idParam("First framework id.", "engineering"),
      roleA: idParam("Role id in fwA.", "backend-engineer"),
      levelA: idParam("A level roleA spans.", "senior"),
      fwB: idParam("Second framework id.", "engineering"),
      roleB: idParam("Role id in fwB.", "frontend-engineer"),
      levelB: idParam("A level roleB spans.", "senior"),
    }),
    response: { description: "The comparison.", schema: CompareRoleLevels },
    problems: {
      400: "Both sides are the same role-level.",
      404: "An unknown framework or role, or a level the role does not span; `unknown` lists them as fw, fw/role or fw/role/level.",
    },
  },
  {
    method: "get",
    path: "/api/equivalence",
    operationId: "getEquivalence",
    summary: "Level equivalence across frameworks",
    description:
      "One row per step of the rungs reference scale (1 entry … 12 chief officer), with the levels each framework places there and how well they match; a level spanning steps is in each of their rows. Levels placed nowhere are listed per framework.",
    tags: ["architecture"],
    access: "public",
    response: { description: "The table.", schema: Equivalence },
    problems: {},
  },
  {
    method: "get",
    path: "/api/occupations",
    operationId: "listOccupations",
    summary: "Every occupation code roles are mapped to",
    description:
      "Grouped by scheme (SOC 2018, O*NET-SOC 2019, ISCO-08, ESCO, then others), each code with its title where rungs knows it and how many roles use it.",
    tags: ["architecture"],
    access: "public",
    response: { description: "The codes.", schema: Occupations },
    problems: {},
  },
  {
    method: "get",
    path: "/api/occupations/:scheme/:slug",
    operationId: "getOccupation",
    summary: "One occupation code and the roles mapped to it",
    description:
      "Title and scheme, the groups above the code (for SOC-based codes: major, minor and broad group of SOC 2018), and every role of every framework mapped to it with its match type.",
    tags: ["architecture"],
    access: "public",
    params: z.object({
      scheme: idParam("Classification scheme id.", "soc-2018"),
      slug: idParam(
        "The code; a URI (ESCO) by its last segment; other characters percent-encoded.",
        "15-1252",
      ),
    }),
    response: { description: "The code.", schema: Occupation },
    problems: {
      404: "No role is mapped to this code.",
    },
  },
  {
    method: "get",
    path: "/api/roles",
    operationId: "findRolesByTitle",
    summary: "Roles by title",
    description:
      "The roles of every framework whose name or one of whose aliases is the title, ignoring case and spaces. An empty list when none is.",
    tags: ["architecture"],
    access: "public",
    query: titleQuery(),
    response: { description: "The matches.", schema: TitleMatches },
    problems: {
      422: "title is missing, empty, too long or has control characters (see `errors`).",
    },
  },
];
