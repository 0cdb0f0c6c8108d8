/** What the people directory reads from a request: part of a name or email, and which page. */
import * as z from "zod";
import { lazySchema, oneLine, wholeNumber } from "../../middleware/fields.js";

/** GET /api/people: part of a name or email, and which page. */
export const directoryQuery = lazySchema(() =>
  z.object({
    q: oneLine("search").optional().meta({ description: "Part of a name or email." }),
    page: wholeNumber(1, 100_000).optional().meta({ description: "Which page (default 1)." }),
  }),
);

/** GET /people/: the same, but a page number that is not one (a mangled link) shows the first page. */
export const directoryPageQuery = lazySchema(() =>
  directoryQuery().extend({
    page: z
      .string()
      .optional()
      .transform((raw) => {
        const n = Number(raw ?? "1");
        return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
      }),
  }),
);
