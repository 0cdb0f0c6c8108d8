/** What search reads from a request: the words, the filters and the page, for the page and the API alike. */
import * as z from "zod";
import { MAX_QUERY_LENGTH } from "../../../core/search.js";
import { SEARCH_KIND_IDS } from "../../../core/search-facets.js";
import { frameworkId, lazySchema, oneLine, wholeNumber } from "../../middleware/fields.js";

export const DEFAULT_API_LIMIT = 20;
export const MAX_API_LIMIT = 100;

/** The filters and the page of a search, for the page and the API alike (issue 17, item 13). */
export function searchFilterFields() {
  const id = (what: string) =>
    oneLine(100)
      .optional()
      .meta({ description: `Only results about this ${what} (its id).` });
  return {
    fw: frameworkId().optional().meta({ description: "Only results in this framework (its id)." }),
    level: id("level of the framework chosen (or the only one matching)"),
    area: id("area of the framework chosen (or the only one matching)"),
    kind: z.enum(SEARCH_KIND_IDS).optional().meta({ description: "Only results of this kind." }),
    page: wholeNumber(1, 10_000)
      .default(1)
      .meta({ description: "Which page of results (1-based); past the last gives the last." }),
  };
}

/** GET /search/: the page's filters and page (q is checked apart, to show its own message). */
export const searchPageQuery = lazySchema(() => z.object(searchFilterFields()));

/** A part of the static site's search index (`/search-index/<part>.js`): looked up by name, never a path. */
export const searchPartParam = lazySchema(() => z.object({ part: oneLine(80) }));

/** GET /api/search: what to look for, and how many results at most. */
export const apiSearchQuery = lazySchema(() =>
  z.object({
    q: oneLine(MAX_QUERY_LENGTH)
      .default("")
      .meta({
        description: "The words to find (at most 200 characters, no control characters).",
        examples: ["incident review"],
      }),
    limit: wholeNumber(1, MAX_API_LIMIT)
      .default(DEFAULT_API_LIMIT)
      .meta({ description: `How many results to return (default ${DEFAULT_API_LIMIT}).` }),
    ...searchFilterFields(),
  }),
);
