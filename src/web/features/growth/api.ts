/** A person's growth profile as JSON, and its `/api` operation (see middleware/openapi.ts). */
import { z } from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

export const GrowthProfile = z
  .looseObject({
    person: z.looseObject({ id: z.string(), name: z.string(), level: z.string().nullable() }),
    assessment: z
      .looseObject({ id: z.string() })
      .nullable()
      .describe("The assessment the profile is drawn from."),
    framework: z.looseObject({ id: z.string(), version: z.string() }),
    target: z.string().describe("The level the gaps are measured to."),
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
