/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { BROKEN_FRAMEWORK, FrameworkRef, fwParam, idParam } from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

export const Classification = z
  .looseObject({
    scheme: z.string().optional(),
    schemeName: z.string().optional(),
    code: z
      .string()
      .meta({ examples: ["15-1252"] })
      .optional(),
    title: z
      .string()
      .meta({ description: "The occupation's title where rungs knows the code (SOC 2018, O*NET-SOC)." })
      .optional(),
    match: z.enum(["exact", "close", "broad", "narrow", "related"]).optional(),
    note: z.string().optional(),
  })
  .register(apiSchemas, { id: "Classification" });

export const Role = z
  .looseObject({
    framework: FrameworkRef,
    id: z.string(),
    name: z.string(),
    code: z.string().optional(),
    summary: z.string().optional(),
    family: z
      .looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        description: z.string().optional(),
        parent: z
          .looseObject({
            id: z.string().optional(),
            name: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
    tracks: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
        }),
      )
      .optional(),
    levels: z.array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        title: z.string().optional(),
        known: z.boolean().optional(),
        summary: z.string().optional(),
        codes: z.record(z.string(), z.string()).optional(),
        responsibilities: z.array(z.string()).optional(),
        dimensions: z.array(z.string().nullable()).optional(),
      }),
    ),
    dimensions: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          kind: z.string().optional(),
          description: z.string().optional(),
        }),
      )
      .optional(),
    skills: z
      .array(
        z.looseObject({
          name: z.string().optional(),
          description: z.string().optional(),
        }),
      )
      .optional(),
    aliases: z.array(z.string()).optional(),
    classifications: z.array(Classification).optional(),
    related: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          known: z.boolean().optional(),
        }),
      )
      .optional(),
    sources: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          title: z.string().optional(),
          url: z.string().optional(),
        }),
      )
      .optional(),
  })
  .register(apiSchemas, { id: "Role" });

/** The `/api` operations of this feature, for the generated API document. */
export const roleApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/roles/:role",
    operationId: "getRole",
    summary: "A role profile",
    description:
      "Family, summary, the levels the role spans with its responsibilities at each, skills, aliases, occupation codes and related roles.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({
      fw: fwParam,
      role: idParam("Role id.", "backend-engineer"),
    }),
    response: { description: "The role profile.", schema: Role },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
