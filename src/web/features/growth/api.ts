/** A person's growth profile as JSON, and its `/api` operation (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

export const GrowthProfile = z
  .looseObject({
    person: z.looseObject({ id: z.string(), name: z.string(), level: z.string().nullable() }),
    assessment: z
      .looseObject({
        id: z.string(),
        frameworkVersion: z.string(),
        frameworkCommit: z.string().optional().meta({
          description:
            "The git commit whose files were the framework version the assessment was made on, when it was served from a repository with its files as committed.",
        }),
      })
      .nullable()
      .describe("The assessment the profile is drawn from, as the assessment API gives it."),
    framework: z.looseObject({ id: z.string(), version: z.string() }),
    target: z.string().describe("The level the gaps are measured to."),
    carried: z
      .object({
        from: z
          .string()
          .describe("The version the assessment was made on (its label, else its hash's start)."),
        picks: z
          .array(
            z.object({
              competency: z.string(),
              from: z.array(z.string()),
              fate: z.enum(["renamed", "replaced", "merged", "split", "retired"]),
            }),
          )
          .describe("The picks that came through the migration map, by today's competency id."),
        dropped: z
          .array(z.object({ competency: z.string(), level: z.string().nullable(), note: z.string() }))
          .describe("The picks the map could not carry, and why."),
      })
      .nullable()
      .describe(
        "Null when the assessment was made on the loaded version; else the profile reads it on the loaded version through the framework's migration map.",
      ),
  })
  .describe(
    "The jagged profile of an assessment: per competency, the level picked against the person's and the target level.",
  )
  .register(apiSchemas, { id: "GrowthProfile" });

export const growthApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/people/:id/profile",
    operationId: "getGrowthProfile",
    summary: "A person's growth profile",
    tags: ["assessments"],
    access: "signed-in",
    params: z.object({ id: z.string().meta({ description: "A person's id." }) }),
    query: z.object({
      target: z
        .string()
        .optional()
        .meta({ description: "The level to measure gaps to (default: the next one)." }),
      assessment: z
        .string()
        .optional()
        .meta({ description: "Which assessment (default: the one of record)." }),
    }),
    response: { description: "The profile.", schema: GrowthProfile },
    problems: {
      404: "No such person, or one the asker may not see.",
      409: "The person has no framework, or it cannot be loaded.",
    },
  },
];
