/** Team views as JSON, and their `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { teamExportQuery } from "./requests.js";

const cycle = z.looseObject({ id: z.string(), name: z.string() }).nullable();
const named = { id: z.string(), name: z.string() };

export const TeamView = z
  .looseObject({
    scope: z.enum(["team", "organization"]),
    cycle: cycle.describe("The cycle asked for (?cycle=), or null for everyone's latest assessments."),
    due: cycle.describe("The cycle assessments are due in now, if any."),
    people: z.int().min(0).describe("How many people the view covers."),
    frameworks: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        version: z.string(),
        competencies: z.array(z.looseObject({ ...named, area: z.string() })),
        people: z.array(
          z.looseObject({
            ...named,
            level: z.string().nullable(),
            assessment: z
              .looseObject({
                id: z.string(),
                kind: z.string(),
                frameworkVersion: z.string(),
                frameworkCommit: z.string().optional().meta({
                  description:
                    "The git commit whose files were the framework version the assessment was made on, when it was served from a repository with its files as committed.",
                }),
                submittedAt: z.string(),
              })
              .nullable(),
            deltas: z.array(z.number().nullable()),
            picks: z.array(z.string().nullable()),
            carried: z
              .array(z.array(z.string()).nullable())
              .describe(
                "Per competency, the ids a pick made on an earlier framework version was carried from; null where it was not.",
              ),
            criteria: z
              .array(z.looseObject({ shown: z.int().min(0), of: z.int().min(1) }).nullable())
              .describe(
                "Per competency, where the picked level writes criteria (format 2): how many of them were ticked as shown (at most `of`), of how many the level writes for everyone; null where it writes none or nothing was picked.",
              ),
            meetsNext: z.boolean(),
          }),
        ),
        distribution: z.unknown(),
      }),
    ),
    meetsNext: z.array(
      z.looseObject({ ...named, framework: z.string(), level: z.string(), next: z.string() }),
    ),
    unassessed: z.array(z.looseObject(named)),
    withoutFramework: z.array(z.looseObject({ ...named, framework: z.string().nullable() })),
    calibration: z
      .array(z.looseObject({ tooFew: z.boolean() }))
      .optional()
      .describe("Organization only: how self and manager assessments compare, per framework level."),
  })
  .register(apiSchemas, { id: "TeamView" });

const query = teamExportQuery();

export const teamApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/team",
    operationId: "getTeam",
    summary: "My team",
    description:
      "The asker's reports (direct and indirect): latest assessments, the heatmap and who meets the next level.",
    tags: ["team"],
    access: "signed-in",
    query,
    response: { description: "The team view.", schema: TeamView },
    problems: { 403: "The asker manages nobody.", 404: "No assessment cycle with that id." },
  },
  {
    method: "get",
    path: "/api/admin/team",
    operationId: "getOrganization",
    summary: "The whole organization",
    description: "As /api/team for every active person, with calibration. Admins only.",
    tags: ["team"],
    access: "signed-in",
    query,
    response: { description: "The organization view.", schema: TeamView },
    problems: {
      403: "Only admins may see the whole organization.",
      404: "No assessment cycle with that id.",
    },
  },
];
