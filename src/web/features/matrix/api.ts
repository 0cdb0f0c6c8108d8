/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import {
  BROKEN_FRAMEWORK,
  FrameworkRef,
  fwParam,
  idParam,
  RatingText,
  TrackRef,
} from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { matrixFilterQuery } from "./requests.js";

export const MatrixCell = z
  .looseObject({
    id: z
      .string()
      .meta({ description: "cell-<competency>--<level>: the cell's id on the matrix page." })
      .optional(),
    competency: z.string().optional(),
    level: z.string().optional(),
    state: z.string().optional(),
    statement: z.string().optional(),
    elaboration: z.string().optional(),
    examples: z.array(z.string()).optional(),
    ratings: z.array(RatingText).optional(),
    note: z.string().optional(),
    replacedBy: z
      .string()
      .meta({
        description:
          "With ?role=: the role or family whose own cell stands in place of the shared one (the cell's fields are then its own).",
      })
      .optional(),
    roles: z
      .array(
        z.looseObject({
          id: z.string(),
          name: z.string(),
          replace: z.boolean().meta({ description: "True when the role's cell replaces the shared one." }),
          own: z.string().optional().meta({ description: "What the role's own cell says." }),
          note: z.string().optional(),
        }),
      )
      .meta({
        description:
          "What roles or role families write of their own in this cell (format 2 `roles:`): every one, or with ?role= only that role's.",
      })
      .optional(),
  })
  .register(apiSchemas, { id: "MatrixCell" });

export const MatrixLevel = z
  .looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    title: z.string().optional(),
    code: z.string().optional(),
    track: z.string().optional(),
    trackName: z.string().optional(),
    trackKind: z.string().optional(),
    order: z.int().min(0).optional(),
    rank: z.int().min(0).optional(),
    next: z.array(z.string()).optional(),
    tracks: z.array(z.string()).optional(),
  })
  .register(apiSchemas, { id: "MatrixLevel" });

/** A competency's own scale (format 2): the steps a level may ask for, lowest first. */
export const MatrixScale = z
  .looseObject({
    name: z.string().optional(),
    steps: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  })
  .register(apiSchemas, { id: "MatrixScale" });

export const Matrix = z
  .looseObject({
    framework: FrameworkRef,
    filter: z
      .looseObject({
        track: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        role: z.string().optional(),
      })
      .optional(),
    tracks: z.array(TrackRef).optional(),
    roles: z
      .array(z.looseObject({ id: z.string(), name: z.string(), family: z.string() }))
      .meta({ description: "Every role of the framework, for ?role=." })
      .optional(),
    families: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
    ratingScale: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
        }),
      )
      .optional(),
    levels: z.array(MatrixLevel),
    areas: z.array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        kind: z.string().optional(),
        summary: z.string().optional(),
        competencies: z
          .array(
            z.looseObject({
              id: z.string().optional(),
              name: z.string().optional(),
              description: z.string().optional(),
              span: z.array(z.string()).optional(),
              scale: MatrixScale.optional(),
              cells: z.array(MatrixCell).optional(),
            }),
          )
          .optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Matrix" });

/** A source that a text cites (the framework's `sources:`), as the pages show it, with its review. */
export const Source = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    url: z.string().optional(),
    publisher: z.string().optional(),
    date: z.string().optional(),
    note: z.string().optional(),
    review: z
      .looseObject({
        scores: z.array(z.looseObject({ criterion: z.string(), score: z.number(), passes: z.boolean() })),
        passMark: z.number().optional(),
        passes: z.boolean().meta({
          description: "True when every score reaches the pass mark (or there is none): the lowest decides.",
        }),
        reviewer: z.string().optional(),
        date: z.string().optional(),
      })
      .optional(),
  })
  .register(apiSchemas, { id: "Source" });

export const AreaMatrix = z
  .looseObject({
    framework: FrameworkRef,
    area: z.looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
      kind: z.string().optional(),
      summary: z.string().optional(),
      description: z.string().optional(),
      note: z.string().optional(),
      documents: z
        .array(z.looseObject({ title: z.string(), url: z.string().optional(), note: z.string().optional() }))
        .meta({ description: "A stage's process documents (format 2 `documents`)." })
        .optional(),
      sources: z.array(Source).meta({ description: "The sources the area cites." }).optional(),
    }),
    ratingScale: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
        }),
      )
      .optional(),
    competencies: z.array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        description: z.string().optional(),
        span: z.array(z.string()).optional(),
        scale: MatrixScale.optional(),
        sources: z.array(Source).meta({ description: "The sources the competency cites." }).optional(),
      }),
    ),
    levels: z.array(MatrixLevel),
    rows: z.array(
      z.looseObject({
        level: z.string().optional(),
        takeaway: z.string().optional(),
        cells: z.array(MatrixCell).optional(),
      }),
    ),
    hasTakeaways: z.boolean().optional(),
    notDescribed: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          name: z.string().optional(),
          code: z.string().optional(),
        }),
      )
      .optional(),
  })
  .register(apiSchemas, { id: "AreaMatrix" });

/** The `/api` operations of this feature, for the generated API document. */
export const matrixApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/matrix",
    operationId: "getMatrix",
    summary: "The competency matrix",
    description:
      "Every competency (rows, grouped by area) by every level (columns), optionally narrowed to a track, a range of levels and one role's cells.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({
      fw: fwParam,
    }),
    query: matrixFilterQuery(),
    response: { description: "The matrix.", schema: Matrix },
    problems: {
      400: "A filter names an unknown track, level or role, or from is above to (`problems` says which).",
      422: "A filter is longer than an id can be or has control characters (`errors` says which).",
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
  {
    method: "get",
    path: "/api/frameworks/:fw/areas/:area",
    operationId: "getArea",
    summary: "One area's matrix",
    description:
      "The area's competencies (columns) by the levels it describes (rows), with its takeaway per level.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({
      fw: fwParam,
      area: idParam("Area id.", "craft"),
    }),
    response: { description: "The area matrix.", schema: AreaMatrix },
    problems: {
      404: "No framework, level, area or role with that id.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
