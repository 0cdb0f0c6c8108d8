/**
 * Parts of API answers and operations more than one feature uses (see middleware/openapi.ts).
 */
import * as z from "zod";
import type { ProblemStatus } from "../middleware/errors.js";
import { frameworkId } from "../middleware/fields.js";
import { apiSchemas } from "../middleware/openapi.js";

/** A path parameter naming something in a framework by id. */
export function idParam(description: string, example: string) {
  return frameworkId().meta({ description, examples: [example] });
}

export const fwParam = idParam("Framework id, as listed by GET /api/frameworks.", "engineering");

/** What every operation about one framework may answer when its files have errors. */
export const BROKEN_FRAMEWORK: Partial<Record<ProblemStatus, string>> = {
  503: "The framework has errors and cannot be shown until they are fixed; its diagnostics are included.",
};

export const TrackRef = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  kind: z.string().optional(),
});

export const RatingText = z.looseObject({
  band: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
});

export const Overlap = z.looseObject({
  shared: z.array(z.unknown()).optional(),
  onlyA: z.array(z.unknown()).optional(),
  onlyB: z.array(z.unknown()).optional(),
});

export const FrameworkRef = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.string().optional(),
});

export const LevelRef = z.looseObject({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  label: z.string().optional(),
  track: z.string().optional(),
});

export const Diff = z
  .array(
    z.looseObject({
      op: z.enum(["same", "add", "remove"]),
      text: z.string(),
    }),
  )
  .meta({ description: "How b differs from a, word by word: same + remove gives a, same + add gives b." })
  .register(apiSchemas, { id: "Diff" });
