/** What this feature's JSON answers look like, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { apiSearchQuery } from "./requests.js";

export const SearchResult = z
  .looseObject({
    framework: z.string().describe("Framework id."),
    frameworkName: z.string(),
    type: z
      .enum([
        "framework",
        "framework-guidance",
        "level",
        "level-section",
        "area",
        "competency",
        "expectation",
        "criterion",
        "role",
        "role-level",
      ])
      .describe("What was found; decides where url points."),
    kind: z
      .string()
      .describe("The type as shown: Expectation, Level, Role…")
      .meta({ examples: ["Expectation"] }),
    title: z
      .string()
      .describe("Link text.")
      .meta({ examples: ["Code & design quality at Senior"] }),
    context: z
      .string()
      .describe("Where the result sits in its framework.")
      .meta({ examples: ["Technical craft › Code & design quality · Senior"] }),
    url: z
      .string()
      .describe(
        "Site-absolute path of the exact place: a matrix cell (#cell-<competency>--<level>), a level page section (#summary, #dimensions, #responsibilities, #narrative, #next, #guidance-<n>), a matrix row (#competency-<id>), an area or a role page.",
      )
      .meta({ examples: ["/frameworks/engineering/matrix/#cell-code-quality--senior"] }),
    also: z
      .looseObject({
        label: z.string(),
        url: z.string(),
      })
      .describe("Another place with the same text: an expectation on its level page (#exp-<competency>).")
      .optional(),
    score: z.number().describe("Relevance; higher is better. Comparable within one response only."),
    snippet: z
      .string()
      .describe("HTML: the text around the first match, escaped, with matched words in <mark>."),
  })
  .register(apiSchemas, { id: "SearchResult" });

const Facet = z
  .looseObject({
    value: z.string().describe("The filter's value, as the query parameter takes it."),
    label: z.string(),
    count: z.int().min(0).describe("Matches this value keeps, given the other filters."),
  })
  .register(apiSchemas, { id: "SearchFacet" });

export const SearchResponse = z
  .looseObject({
    query: z.string().describe("The query as searched (trimmed)."),
    total: z.int().min(0).describe("How many documents match the query and the filters."),
    results: z.array(SearchResult).describe("This page of them, best first."),
    page: z.int().min(1).describe("The page of results given (1-based)."),
    pages: z.int().min(1).describe("How many pages of `limit` results there are."),
    filters: z
      .looseObject({
        framework: z.string().optional(),
        level: z.string().optional(),
        area: z.string().optional(),
        kind: z.string().optional(),
      })
      .describe("The filters applied; a value that names nothing is left out."),
    facets: z
      .looseObject({
        framework: z.array(Facet),
        kind: z.array(Facet),
        level: z.array(Facet).describe("Offered within one framework (chosen, or the only one matching)."),
        area: z.array(Facet).describe("Offered within one framework (chosen, or the only one matching)."),
      })
      .describe("Each filter's values with how many matches they keep."),
  })
  .register(apiSchemas, { id: "SearchResponse" });

/** The `/api` operations of this feature, for the generated API document. */
export const searchApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/search",
    operationId: "search",
    summary: "Search every framework",
    description:
      "Ranked full-text search over the names, codes and text of every level, level section, area, competency, expectation and role of every framework without errors. Typos of about one letter in five are forgiven and a word's start is enough. Results with every word come first. An empty or missing q gives no results. Filters (fw, level, area, kind) narrow the results and each comes back with counts in `facets`; `limit` results per `page`.",
    tags: ["search"],
    access: "public",
    query: apiSearchQuery(),
    response: { description: "The results, best first.", schema: SearchResponse },
    problems: {
      422: "q is longer than 200 characters or has control characters, limit is not 1–100, kind is not a kind, or page is not a whole number (see `errors`).",
    },
  },
];
