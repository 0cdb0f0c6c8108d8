/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { BROKEN_FRAMEWORK, FrameworkRef, fwParam, idParam } from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { goalQuerySchema, personalQuerySchema } from "./requests.js";

export const SourceRef = z
  .looseObject({
    kind: z.enum([
      "role-responsibility",
      "level-responsibility",
      "expectation",
      "role-expectation",
      "criterion",
      "step",
      "level-dimension",
      "level-name",
      "role-name",
      "family-name",
      "competency-name",
      "area-name",
      "dimension-name",
    ]),
    role: z
      .string()
      .meta({ description: "The role (or role family) whose own cell it is, for a role's own text." })
      .optional(),
    level: z.string().optional(),
    criterion: z
      .string()
      .meta({ description: "The criterion's id (its position from 1 where the file gives none)." })
      .optional(),
    index: z
      .int()
      .min(0)
      .meta({ description: "Position in the list, from 0 (the label counts from 1)." })
      .optional(),
    competency: z.string().optional(),
    dimension: z.string().optional(),
    family: z.string().optional(),
    area: z.string().optional(),
    label: z.string().meta({ examples: ["role backend-engineer · level senior · responsibility 3"] }),
  })
  .register(apiSchemas, { id: "SourceRef" });

export const Segment = z
  .looseObject({
    type: z.enum(["text", "quote", "placeholder"]),
    text: z
      .string()
      .meta({ description: "Fixed wording (text) or framework text as written (quote)." })
      .optional(),
    name: z.enum(["baseline", "target", "date"]).meta({ description: "For placeholders." }).optional(),
    source: SourceRef.optional(),
  })
  .register(apiSchemas, { id: "Segment" });

export const GoalDocument = z
  .looseObject({
    framework: FrameworkRef,
    subject: z
      .looseObject({
        type: z.enum(["role-level", "level", "assessment"]),
        role: z.string().optional(),
        roleName: z.string().optional(),
        family: z.string().optional(),
        familyName: z.string().optional(),
        level: z.string().optional(),
        levelName: z.string().optional(),
        target: z.string().optional(),
        targetName: z.string().optional(),
      })
      .meta({
        description:
          "What the goals are for. For personal goals (`assessment`), `role` and `roleName` name the role whose own expectations are quoted, when there is one.",
      }),
    filled: z.looseObject({
      baseline: z.string().optional(),
      target: z.string().optional(),
      date: z.string().optional(),
    }),
    sections: z.array(
      z.looseObject({
        kind: z.enum(["smart", "okr", "mbo", "scorecard"]),
        title: z.string(),
        intro: z.string(),
        groups: z.array(
          z.looseObject({
            title: z
              .string()
              .meta({ description: "Scorecard perspective; absent for other kinds." })
              .optional(),
            goals: z.array(
              z.looseObject({
                id: z.string().meta({ examples: ["smart-3"] }),
                text: z
                  .string()
                  .meta({ description: "The title as plain text, placeholders filled where given." }),
                title: z.array(Segment),
                sources: z.array(SourceRef),
                lines: z.array(
                  z.looseObject({
                    label: z.string(),
                    text: z.string(),
                    segments: z.array(Segment),
                    sources: z.array(SourceRef),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .register(apiSchemas, { id: "GoalDocument" });

/** The `/api` operations of this feature, for the generated API document. */
export const goalsApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/roles/:role/goals/:level",
    operationId: "getRoleGoals",
    summary: "Goal templates for a role at a level",
    description:
      "SMART goals, OKRs, MBO areas and a scorecard, one goal per responsibility the role has at the level. Every line is fixed wording around quoted framework text and names the fields it quotes; placeholders are filled from baseline, target and date where given.",
    tags: ["goals"],
    access: "public",
    params: z.object({
      fw: fwParam,
      role: idParam("Role id.", "backend-engineer"),
      level: idParam("Level id; the role must span it.", "senior"),
    }),
    query: goalQuerySchema(),
    response: { description: "The goal document.", schema: GoalDocument },
    problems: {
      422: "kind is not a goal kind, or a placeholder value is too long or has control characters (see `errors`).",
      404: "No framework, role or level with that id, or the role does not span the level (`levels` lists those it does).",
      ...BROKEN_FRAMEWORK,
    },
  },
  {
    method: "get",
    path: "/api/frameworks/:fw/levels/:level/goals",
    operationId: "getLevelGoals",
    summary: "Goal templates for a level alone",
    description:
      "The four kinds of goal templates with no role chosen: one goal per competency expectation at the level.",
    tags: ["goals"],
    access: "public",
    params: z.object({
      fw: fwParam,
      level: idParam("Level id.", "senior"),
    }),
    query: goalQuerySchema(),
    response: { description: "The goal document.", schema: GoalDocument },
    problems: {
      422: "kind is not a goal kind, or a placeholder value is too long or has control characters (see `errors`).",
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
  {
    method: "get",
    path: "/api/frameworks/:fw/goals/personal",
    operationId: "getPersonalGoals",
    summary: "Personal goals from a mirror's picks",
    description:
      "Personal SMART goals for every competency picked below the target level, largest gap first, each quoting what the target level expects: for a role, its own expectation there too (after the shared one, or in its place). The picks are the mirror's (#pick=… on a matrix page); nothing is stored. Without `role`, the goals are for the signed-in person's role where they have one in this framework, and the answer is private.",
    tags: ["goals"],
    access: "public",
    params: z.object({
      fw: fwParam,
    }),
    query: personalQuerySchema(),
    response: { description: "The goal document.", schema: GoalDocument },
    problems: {
      400: "No pick, a malformed pick, or an unknown competency, level or role.",
      422: "A bad kind, a placeholder value that is too long or has control characters, or a target that is not an id (see `errors`).",
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
