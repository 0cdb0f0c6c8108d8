/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import {
  BROKEN_FRAMEWORK,
  FrameworkRef,
  fwParam,
  idParam,
  LevelRef,
  RatingText,
  TrackRef,
} from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

const NamedItem = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
});

export const Level = z
  .looseObject({
    framework: FrameworkRef,
    id: z.string(),
    name: z.string(),
    title: z.string().optional(),
    heading: z.string().optional(),
    label: z.string().optional(),
    track: TrackRef.optional(),
    codes: z
      .array(
        z.looseObject({
          scheme: z.string().optional(),
          schemeName: z.string().optional(),
          code: z.string().optional(),
        }),
      )
      .optional(),
    leverage: z.string().optional(),
    summary: z.string().optional(),
    follows: z.array(LevelRef).optional(),
    next: z.array(LevelRef).optional(),
    dimensions: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          kind: z.enum(["dimension", "rubric"]).optional(),
          description: z.string().optional(),
          value: z.string().optional(),
        }),
      )
      .optional(),
    responsibilities: z.array(z.string()).optional(),
    ratingScale: z.array(NamedItem).optional(),
    areas: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          kind: z.string().optional(),
          describes: z.boolean().optional(),
          takeaway: z.string().optional(),
          note: z.string().optional(),
          expectations: z
            .array(
              z.looseObject({
                competency: NamedItem.optional(),
                anchor: z.string().optional(),
                statement: z.string().optional(),
                elaboration: z.string().optional(),
                examples: z.array(z.string()).optional(),
                ratings: z.array(RatingText).optional(),
                notApplicable: z.boolean().optional(),
                note: z.string().optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
    guidance: z
      .array(
        z.looseObject({
          title: z.string().optional(),
          text: z.string().optional(),
          items: z.array(z.string()).optional(),
        }),
      )
      .optional(),
    narrative: z.string().optional(),
    reachNext: z
      .looseObject({
        text: z.string().optional(),
        next: z.array(LevelRef).optional(),
      })
      .optional(),
  })
  .register(apiSchemas, { id: "Level" });

/** The `/api` operations of this feature, for the generated API document. */
export const levelApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/levels/:level",
    operationId: "getLevel",
    summary: "One level with everything it carries",
    description:
      "Codes, summary, unit of leverage, dimension values, responsibilities, every area's expectations at this level, guidance, narrative and how to reach the next level.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({
      fw: fwParam,
      level: idParam("Level id.", "senior"),
    }),
    response: { description: "The level page's data.", schema: Level },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
