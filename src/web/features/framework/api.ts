/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { BROKEN_FRAMEWORK, fwParam } from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

export const Stats = z
  .looseObject({
    levels: z.int().min(0),
    tracks: z.int().min(0),
    areas: z.int().min(0),
    competencies: z.int().min(0),
    expectations: z.int().min(0),
    roles: z.int().min(0),
  })
  .register(apiSchemas, { id: "Stats" });

export const Identity = z
  .looseObject({
    hash: z
      .string()
      .meta({ description: "`sha256:` and the hex digest of the framework's canonical content." }),
    version: z.string().optional().meta({ description: "The root file's `version:`." }),
    commit: z
      .string()
      .optional()
      .meta({ description: "The last git commit that changed the framework's files." }),
    dirty: z.boolean().optional().meta({ description: "True when the files differ from that commit." }),
  })
  .meta({
    description:
      "The version the answer was made from; every answer about one framework also carries it as the `Rungs-Framework-Version` header (the hash).",
  })
  .register(apiSchemas, { id: "FrameworkIdentity" });

export const FrameworkList = z
  .looseObject({
    frameworks: z.array(
      z.looseObject({
        id: z.string().meta({ description: "The id used in URLs." }),
        name: z.string(),
        ok: z.boolean().meta({ description: "False when the framework has errors; its pages answer 503." }),
        version: z
          .string()
          .meta({ description: "The framework's content version, when it declares one." })
          .optional(),
        identity: Identity.optional(),
        description: z.string().optional(),
        stats: Stats.optional(),
        errors: z.int().min(0).meta({ description: "How many errors the framework's files have." }),
      }),
    ),
  })
  .register(apiSchemas, { id: "FrameworkList" });

const IdName = z.looseObject({
  id: z.string(),
  name: z.string(),
});

export const Overview = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    version: z.string().optional(),
    identity: Identity.optional(),
    organization: z.string().optional(),
    description: z.string().optional(),
    stats: Stats,
    codeSchemes: z.array(IdName),
    tracks: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        kind: z.enum(["trunk", "ic", "management", "apex", "other"]).optional(),
        description: z.string().optional(),
      }),
    ),
    levels: z
      .array(
        z.looseObject({
          id: z.string(),
          name: z.string(),
          title: z.string().optional(),
          track: z.string(),
          trackName: z.string(),
          codes: z.record(z.string(), z.string()).meta({ description: "Code per code scheme id." }),
          leverage: z.string().optional(),
          summary: z.string().optional(),
          follows: z.array(z.string()),
        }),
      )
      .meta({ description: "Every level, roots first, each after the levels it follows." }),
    areas: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        kind: z.enum(["theme", "stage"]),
        summary: z.string().optional(),
        competencies: z.array(IdName),
      }),
    ),
    roles: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        family: z.string(),
        familyName: z.string(),
        code: z.string().optional(),
        summary: z.string().optional(),
      }),
    ),
    guidance: z.array(
      z.looseObject({
        title: z.string(),
        text: z.string().optional(),
        items: z.array(z.string()).optional(),
      }),
    ),
    ladder: z.looseObject({}),
  })
  .register(apiSchemas, { id: "Overview" });

/** The `/api` operations of this feature, for the generated API document. */
export const frameworkApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks",
    operationId: "listFrameworks",
    summary: "The loaded frameworks",
    description:
      "Every framework the server loaded, including those with errors (`ok: false`, with an error count).",
    tags: ["frameworks"],
    access: "public",
    response: { description: "The frameworks, in the order they were loaded.", schema: FrameworkList },
    problems: {},
  },
  {
    method: "get",
    path: "/api/frameworks/:fw",
    operationId: "getFramework",
    summary: "A framework's overview",
    description:
      "What the overview page shows: levels in ladder order, tracks, areas, roles, guidance and the ladder's layout.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({
      fw: fwParam,
    }),
    response: { description: "The overview.", schema: Overview },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
