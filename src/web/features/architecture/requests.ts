/** What the architecture routes read from a request: the chooser's values (by schema), unknown ids named. */
import * as z from "zod";
import { frameworkId } from "../../middleware/fields.js";

export const quoteList = (ids: string[]) => ids.map((id) => `"${id}"`).join(" and ");

/** One side of the level chooser: `fw:level`, both ids. */
const levelChoice = z
  .string()
  .trim()
  .transform((value) => value.split(":"))
  .pipe(z.tuple([frameworkId, frameworkId]))
  .transform(([fw, level]) => ({ fw, level }));

/** The level chooser's GET form: ?a=fw:level&b=fw:level. */
export const chooserQuery = z.object({ a: levelChoice, b: levelChoice });

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
