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

const SpannedText = z.looseObject({
  spans: z.boolean().optional(),
  text: z.string().optional(),
  notApplicable: z.boolean().optional(),
  note: z.string().optional(),
  shared: z
    .boolean()
    .meta({
      description: "A role's row: the level has nothing of the role's own, it reads the shared cell alone.",
    })
    .optional(),
});

const Step = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  position: z.int().meta({ description: "1-based place on the competency's scale." }),
  of: z.int().meta({ description: "Steps on the scale." }),
});

const rowFields = {
  id: z.string().optional(),
  name: z.string().optional(),
  a: SpannedText.optional(),
  b: SpannedText.optional(),
  diff: Diff.optional(),
  criteria: z
    .array(
      z.looseObject({
        id: z.string(),
        status: z.enum(["same", "changed", "added", "removed"]),
        a: z.string().optional(),
        b: z.string().optional(),
        diff: Diff.optional(),
      }),
    )
    .meta({ description: "Format 2: the cells' criteria matched by id, each compared on its own." })
    .optional(),
  steps: z
    .looseObject({ a: Step.optional(), b: Step.optional() })
    .meta({ description: "Format 2: the step of the competency's scale each side asks for." })
    .optional(),
};

export const CompareRow = z
  .looseObject({
    ...rowFields,
    roles: z
      .array(
        z.looseObject({
          ...rowFields,
          role: z.looseObject({ id: z.string(), name: z.string() }),
          replace: z.looseObject({ a: z.boolean(), b: z.boolean() }).meta({
            description: "Where, on each side, the role's own cell stands in place of the shared one.",
          }),
        }),
      )
      .meta({ description: "Format 2: each role's (or role family's) own cells, compared the same way." })
      .optional(),
  })
  .register(apiSchemas, { id: "CompareRow" });

export const CompareLevels = z
  .looseObject({
    framework: FrameworkRef,
    a: LevelRef,
    b: LevelRef,
    same: z.boolean().optional(),
    adjacent: z.boolean().optional(),
    dimensions: z.array(CompareRow).optional(),
    areas: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          takeaway: CompareRow.optional(),
          competencies: z.array(CompareRow).optional(),
        }),
      )
      .optional(),
  })
  .register(apiSchemas, { id: "CompareLevels" });

const SpannedItems = z.looseObject({
  spans: z.boolean().optional(),
  items: z.array(z.string()).optional(),
});

const RoleSummary = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  family: z.string().optional(),
  familyName: z.string().optional(),
  code: z.string().optional(),
  summary: z.string().optional(),
  aliases: z.array(z.string()).optional(),
});

export const CompareRoles = z
  .looseObject({
    framework: FrameworkRef,
    a: RoleSummary,
    b: RoleSummary,
    same: z.boolean().optional(),
    levels: z
      .array(
        z.looseObject({
          level: LevelRef.optional(),
          a: SpannedItems.optional(),
          b: SpannedItems.optional(),
          own: z
            .array(CompareRow)
            .meta({
              description:
                "Format 2: each cell at the level where either role has one of its own, as each role reads it.",
            })
            .optional(),
        }),
      )
      .optional(),
    skills: Overlap.optional(),
    aliases: z
      .looseObject({
        shared: z.array(z.string()).optional(),
        onlyA: z.array(z.string()).optional(),
        onlyB: z.array(z.string()).optional(),
      })
      .optional(),
    classifications: Overlap.optional(),
  })
  .register(apiSchemas, { id: "CompareRoles" });

/** The `/api` operations of this feature, for the generated API document. */
export const compareApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/compare/:a/:b",
    operationId: "compareLevels",
    summary: "Two levels compared",
    description:
      "Dimension values and expectations of level a and level b side by side, with a word diff where both have text.",
    tags: ["compare"],
    access: "public",
    params: z.object({
      fw: fwParam,
      a: idParam("First level id.", "senior"),
      b: idParam("Second level id.", "lead"),
    }),
    response: { description: "The comparison.", schema: CompareLevels },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
  {
    method: "get",
    path: "/api/frameworks/:fw/compare-roles/:a/:b",
    operationId: "compareRoles",
    summary: "Two roles compared",
    description:
      "Responsibilities per level, skills, aliases and occupation codes of role a and role b, shared and distinct.",
    tags: ["compare"],
    access: "public",
    params: z.object({
      fw: fwParam,
      a: idParam("First role id.", "backend-engineer"),
      b: idParam("Second role id.", "frontend-engineer"),
    }),
    response: { description: "The comparison.", schema: CompareRoles },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
