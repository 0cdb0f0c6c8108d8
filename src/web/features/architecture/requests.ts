/** What the architecture routes read from a request: the chooser's values (by schema), unknown ids named. */
import * as z from "zod";
import { MAX_ADJACENT_LIMIT } from "../../../core/views/architecture.js";
import { frameworkId, lazySchema, oneLine, wholeNumber } from "../../middleware/fields.js";

export const quoteList = (ids: string[]) => ids.map((id) => `"${id}"`).join(" and ");

/** One side of the level chooser: `fw:level`, both ids. */
const levelChoice = lazySchema(() =>
  z
    .string()
    .trim()
    .transform((value) => value.split(":"))
    .pipe(z.tuple([frameworkId(), frameworkId()]))
    .transform(([fw, level]) => ({ fw, level })),
);

/** The level chooser's GET form: ?a=fw:level&b=fw:level. */
export const chooserQuery = lazySchema(() => z.object({ a: levelChoice(), b: levelChoice() }));

export function describeUnknown(unknown: string[]): string {
  return unknown
    .map((u) => {
      const parts = u.split("/");
      if (parts.length === 1) return `framework "${u}"`;
      if (parts.length === 2) return `level or role "${parts[1]}" in ${parts[0]}`;
      return `level "${parts[2]}" of role "${parts[1]}" in ${parts[0]}`;
    })
    .join(" and ");
}

/** The `/api` operations of this feature, for the generated API document. */
/** ?level= and ?limit= of the adjacent roles (the routes parse with it; the API document shows it). */
export const adjacentQuery = lazySchema(() =>
  z.object({
    level: frameworkId()
      .optional()
      .meta({
        description: "A level the role spans (default: its first level; `defaulted` says so).",
        examples: ["senior"],
      }),
    limit: wholeNumber(1, MAX_ADJACENT_LIMIT)
      .optional()
      .meta({ description: "How many role-levels to return." }),
  }),
);

/** ?title= of the roles found by title: one line, not empty. */
export const titleQuery = lazySchema(() =>
  z.object({
    title: oneLine(200)
      .refine((t) => t !== "", {
        message: "must not be empty: give a title, e.g. ?title=Backend%20developer",
      })
      .meta({
        description: "A job title (at most 200 characters, no control characters).",
        examples: ["Backend developer"],
      }),
  }),
);
