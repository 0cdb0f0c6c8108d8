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
import { oneLine } from "../../middleware/fields.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

const SpannedText = z.looseObject({
  spans: z.boolean().optional(),
  text: z.string().optional(),
  notApplicable: z.boolean().optional(),
  note: z.string().optional(),
});

export const CompareRow = z
  .looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    a: SpannedText.optional(),
    b: SpannedText.optional(),
    diff: Diff.optional(),
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

/** ?a=&b= of a chooser: two ids, as typed (the handler says which are missing or unknown). */
export const chooserQuery = z.object({
  a: oneLine("id").optional(),
  b: oneLine("id").optional(),
});

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
