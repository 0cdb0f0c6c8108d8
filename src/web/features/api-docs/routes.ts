/**
 * The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. A plain object literal, so the
 * document is the same bytes every time; docs/api.md is the human version of it.
 */
import type { App, RouteDeps } from "../../context.js";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: "string" } as const;
const strs = { type: "array", items: str } as const;
const int = { type: "integer", minimum: 0 } as const;
const bool = { type: "boolean" } as const;
/** An object with these properties (required where listed); more properties may be added over time. */
const obj = (properties: Record<string, object>, required: string[] = []) => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: true,
});
const frameworkRef = obj({ id: str, name: str, version: str }, ["id", "name"]);
const levelRef = obj({ id: str, name: str, title: str, label: str, track: str }, ["id", "name"]);

const pathParam = (name: string, description: string, example: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", pattern: "^[a-z0-9]+(?:[-_.][a-z0-9]+)*$" },
  example,
});

const fwParam = pathParam("fw", "Framework id, as listed by GET /api/frameworks.", "engineering");

const errors = {
  "400": { description: "A query parameter is not valid.", content: json(ref("Error")) },
  "404": { description: "No framework, level, area or role with that id.", content: json(ref("Error")) },
  "503": {
    description:
      "The framework has errors and cannot be shown until they are fixed; its diagnostics are included.",
    content: json(ref("FrameworkErrors")),
  },
};
const notModified = { description: "Not modified: the If-None-Match header matched the current ETag." };
const ok = (description: string, schema: object) => ({
  description,
  headers: {
    ETag: { description: "Entity tag of this response; send it back in If-None-Match.", schema: str },
    "Cache-Control": { description: "public, max-age=0, must-revalidate", schema: str },
  },
  content: json(schema),
});

/** ?kind= and the placeholder values every goal endpoint takes (the personal one fills ⟨target⟩ by target-value). */
function goalParams(personal: boolean) {
  const fill = (name: string, description: string, example: string) => ({
    name,
    in: "query",
    required: false,
    description: `${description} At most 200 characters.`,
    schema: { type: "string", maxLength: 200 },
    example,
  });
  return [
    {
      name: "kind",
      in: "query",
      required: false,
      description: "Only these kinds, comma-separated: smart, okr, mbo, scorecard (default: all four).",
      schema: str,
      example: "smart,okr",
    },
    fill("baseline", "Fills the ⟨baseline⟩ placeholder.", "3 incidents a quarter"),
    fill(personal ? "target-value" : "target", "Fills the ⟨target⟩ placeholder.", "1 incident a quarter"),
    fill("date", "Fills the ⟨date⟩ placeholder.", "2026-09-30"),
  ];
}

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "rungs API",
    version: "1",
    summary:
      "Read-only JSON for every page of a rungs web app: frameworks, levels, matrices, roles, comparisons, goal templates, the job architecture across frameworks, search.",
    description:
      "Every page of the web app has its data here, returned by the same function that renders the page. All " +
      "framework data is public: there is no authentication and nothing to write. Responses carry an ETag and " +
      "`Cache-Control: public, max-age=0, must-revalidate`; send `If-None-Match` to get 304 Not Modified. Errors " +
      "are JSON objects with an `error` message: 400 for a bad query parameter, 404 for an unknown id, 503 for a " +
      "framework whose files have errors (with its `diagnostics`). See docs/api.md.",
    license: { name: "MIT", identifier: "MIT" },
  },
  servers: [{ url: "http://127.0.0.1:8080", description: "rungs serve on its default port" }],
  tags: [
    { name: "frameworks", description: "Frameworks and their levels, matrices and roles." },
    { name: "compare", description: "Two levels or two roles side by side." },
    {
      name: "goals",
      description: "Goal templates that quote the framework: by role and level, by level, from picks.",
    },
    {
      name: "architecture",
      description:
        "The job architecture across every loaded framework: adjacent roles, comparisons across frameworks, level equivalence, occupation codes, roles by title.",
    },
    { name: "search", description: "Full-text search over every loaded framework." },
    { name: "meta", description: "This description." },
  ],
  paths: {
    "/api/frameworks": {
      get: {
        tags: ["frameworks"],
        operationId: "listFrameworks",
        summary: "The loaded frameworks",
        description:
          "Every framework the server loaded, including those with errors (`ok: false`, with an error count).",
        responses: {
          "200": ok("The frameworks, in the order they were loaded.", ref("FrameworkList")),
          "304": notModified,
        },
      },
    },
    "/api/frameworks/{fw}": {
      get: {
        tags: ["frameworks"],
        operationId: "getFramework",
        summary: "A framework's overview",
        description:
          "What the overview page shows: levels in ladder order, tracks, areas, roles, guidance and the ladder's layout.",
        parameters: [fwParam],
        responses: {
          "200": ok("The overview.", ref("Overview")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/levels/{level}": {
      get: {
        tags: ["frameworks"],
        operationId: "getLevel",
        summary: "One level with everything it carries",
        description:
          "Codes, summary, unit of leverage, dimension values, responsibilities, every area's expectations at this level, guidance, narrative and how to reach the next level.",
        parameters: [fwParam, pathParam("level", "Level id.", "senior")],
        responses: {
          "200": ok("The level page's data.", ref("Level")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/matrix": {
      get: {
        tags: ["frameworks"],
        operationId: "getMatrix",
        summary: "The competency matrix",
        description:
          "Every competency (rows, grouped by area) by every level (columns), optionally narrowed to a track and a range of levels.",
        parameters: [
          fwParam,
          {
            name: "track",
            in: "query",
            required: false,
            description:
              "Show only the levels on this track's path (a branch includes the trunk below it and the apex above).",
            schema: str,
            example: "ic",
          },
          {
            name: "from",
            in: "query",
            required: false,
            description: "Lowest level id to show.",
            schema: str,
            example: "senior",
          },
          {
            name: "to",
            in: "query",
            required: false,
            description: "Highest level id to show.",
            schema: str,
            example: "principal",
          },
        ],
        responses: {
          "200": ok("The matrix.", ref("Matrix")),
          "304": notModified,
          "400": {
            description: "A filter names an unknown track or level, or from is above to.",
            content: json(
              obj({ error: str, problems: { type: "array", items: obj({ param: str, message: str }) } }, [
                "error",
              ]),
            ),
          },
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/areas/{area}": {
      get: {
        tags: ["frameworks"],
        operationId: "getArea",
        summary: "One area's matrix",
        description:
          "The area's competencies (columns) by the levels it describes (rows), with its takeaway per level.",
        parameters: [fwParam, pathParam("area", "Area id.", "craft")],
        responses: {
          "200": ok("The area matrix.", ref("AreaMatrix")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/roles/{role}": {
      get: {
        tags: ["frameworks"],
        operationId: "getRole",
        summary: "A role profile",
        description:
          "Family, summary, the levels the role spans with its responsibilities at each, skills, aliases, occupation codes and related roles.",
        parameters: [fwParam, pathParam("role", "Role id.", "backend-engineer")],
        responses: {
          "200": ok("The role profile.", ref("Role")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/roles/{role}/adjacent": {
      get: {
        tags: ["architecture"],
        operationId: "getAdjacentRoles",
        summary: "The role-levels nearest to a role at a level",
        description:
          "Every other role-level of every loaded framework, nearest first, by a distance in [0, 1]: the weighted average of the level distance on the rungs reference scale, the taxonomy distance (same role, same family, other family) and, where both roles list skills, 1 minus the share of skills they have in common. Each has a band: close, review or far, by the framework's thresholds.",
        parameters: [
          fwParam,
          pathParam("role", "Role id.", "backend-engineer"),
          {
            name: "level",
            in: "query",
            required: false,
            description: "A level the role spans (default: its first level; `defaulted` says so).",
            schema: str,
            example: "senior",
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "How many role-levels to return.",
            schema: { type: "integer", minimum: 1, maximum: 100, default: 10 },
          },
        ],
        responses: {
          "200": ok("The role-level and its nearest neighbours.", ref("AdjacentRoles")),
          "304": notModified,
          "400": {
            description:
              "limit is not 1–100, or the role does not span level (`levels` lists those it does).",
            content: json(obj({ error: str, levels: strs }, ["error"])),
          },
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/compare/{a}/{b}": {
      get: {
        tags: ["compare"],
        operationId: "compareLevels",
        summary: "Two levels compared",
        description:
          "Dimension values and expectations of level a and level b side by side, with a word diff where both have text.",
        parameters: [
          fwParam,
          pathParam("a", "First level id.", "senior"),
          pathParam("b", "Second level id.", "lead"),
        ],
        responses: {
          "200": ok("The comparison.", ref("CompareLevels")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/compare-roles/{a}/{b}": {
      get: {
        tags: ["compare"],
        operationId: "compareRoles",
        summary: "Two roles compared",
        description:
          "Responsibilities per level, skills, aliases and occupation codes of role a and role b, shared and distinct.",
        parameters: [
          fwParam,
          pathParam("a", "First role id.", "backend-engineer"),
          pathParam("b", "Second role id.", "frontend-engineer"),
        ],
        responses: {
          "200": ok("The comparison.", ref("CompareRoles")),
          "304": notModified,
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/compare-across/levels/{fwA}/{a}/{fwB}/{b}": {
      get: {
        tags: ["architecture"],
        operationId: "compareAcrossLevels",
        summary: "Two levels of any frameworks compared",
        description:
          "Level a of framework fwA and level b of framework fwB side by side: codes, reference steps and how they match, summaries, dimensions paired by aspect (word diff where both have text), and expectations: competency by competency within one framework, each level's own areas across two.",
        parameters: [
          pathParam("fwA", "First framework id.", "engineering"),
          pathParam("a", "Level id in fwA.", "senior"),
          pathParam("fwB", "Second framework id.", "product-matrix"),
          pathParam("b", "Level id in fwB.", "l3"),
        ],
        responses: {
          "200": ok("The comparison.", ref("CompareAcrossLevels")),
          "304": notModified,
          "400": { description: "Both sides are the same level.", content: json(ref("Error")) },
          "404": {
            description: "An unknown framework or level; `unknown` lists them as fw or fw/level.",
            content: json(obj({ error: str, unknown: strs }, ["error"])),
          },
        },
      },
    },
    "/api/compare-across/role-levels/{fwA}/{roleA}/{levelA}/{fwB}/{roleB}/{levelB}": {
      get: {
        tags: ["architecture"],
        operationId: "compareRoleLevels",
        summary: "Two role-levels of any frameworks compared",
        description:
          "Two roles, each at a level it spans: family, role, role-level code, level, responsibilities there, skills shared and only in one, classification codes, and the distance between them with its parts and band.",
        parameters: [
          pathParam("fwA", "First framework id.", "engineering"),
          pathParam("roleA", "Role id in fwA.", "backend-engineer"),
          pathParam("levelA", "A level roleA spans.", "senior"),
          pathParam("fwB", "Second framework id.", "engineering"),
          pathParam("roleB", "Role id in fwB.", "frontend-engineer"),
          pathParam("levelB", "A level roleB spans.", "senior"),
        ],
        responses: {
          "200": ok("The comparison.", ref("CompareRoleLevels")),
          "304": notModified,
          "400": { description: "Both sides are the same role-level.", content: json(ref("Error")) },
          "404": {
            description:
              "An unknown framework or role, or a level the role does not span; `unknown` lists them as fw, fw/role or fw/role/level.",
            content: json(obj({ error: str, unknown: strs }, ["error"])),
          },
        },
      },
    },
    "/api/frameworks/{fw}/roles/{role}/goals/{level}": {
      get: {
        tags: ["goals"],
        operationId: "getRoleGoals",
        summary: "Goal templates for a role at a level",
        description:
          "SMART goals, OKRs, MBO areas and a scorecard, one goal per responsibility the role has at the level. Every line is fixed wording around quoted framework text and names the fields it quotes; placeholders are filled from baseline, target and date where given.",
        parameters: [
          fwParam,
          pathParam("role", "Role id.", "backend-engineer"),
          pathParam("level", "Level id; the role must span it.", "senior"),
          ...goalParams(false),
        ],
        responses: {
          "200": ok("The goal document.", ref("GoalDocument")),
          "304": notModified,
          "400": {
            description: "kind is not a goal kind, or a placeholder value is too long.",
            content: json(ref("Error")),
          },
          "404": {
            description:
              "No framework, role or level with that id, or the role does not span the level (`levels` lists those it does).",
            content: json(obj({ error: str, levels: strs }, ["error"])),
          },
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/levels/{level}/goals": {
      get: {
        tags: ["goals"],
        operationId: "getLevelGoals",
        summary: "Goal templates for a level alone",
        description:
          "The four kinds of goal templates with no role chosen: one goal per competency expectation at the level.",
        parameters: [fwParam, pathParam("level", "Level id.", "senior"), ...goalParams(false)],
        responses: {
          "200": ok("The goal document.", ref("GoalDocument")),
          "304": notModified,
          "400": {
            description: "kind is not a goal kind, or a placeholder value is too long.",
            content: json(ref("Error")),
          },
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/frameworks/{fw}/goals/personal": {
      get: {
        tags: ["goals"],
        operationId: "getPersonalGoals",
        summary: "Personal goals from a mirror's picks",
        description:
          "Personal SMART goals for every competency picked below the target level, largest gap first, each quoting what the target level expects. The picks are the mirror's (#pick=… on a matrix page); nothing is stored.",
        parameters: [
          fwParam,
          {
            name: "pick",
            in: "query",
            required: true,
            description:
              "Per competency, the level picked: <competency>:<level>, comma-separated; the parameter may also be repeated.",
            schema: str,
            example: "code-quality:mid,testing-reliability:junior",
          },
          {
            name: "target",
            in: "query",
            required: false,
            description: "The level aimed for (default: the level after the most common pick).",
            schema: str,
            example: "senior",
          },
          ...goalParams(true),
        ],
        responses: {
          "200": ok("The goal document.", ref("GoalDocument")),
          "304": notModified,
          "400": {
            description:
              "No pick, a malformed pick, an unknown competency or level, a bad kind, or a placeholder value that is too long.",
            content: json(ref("Error")),
          },
          "404": errors["404"],
          "503": errors["503"],
        },
      },
    },
    "/api/equivalence": {
      get: {
        tags: ["architecture"],
        operationId: "getEquivalence",
        summary: "Level equivalence across frameworks",
        description:
          "One row per step of the rungs reference scale (1 entry … 12 chief officer), with the levels each framework places there and how well they match; a level spanning steps is in each of their rows. Levels placed nowhere are listed per framework.",
        responses: { "200": ok("The table.", ref("Equivalence")), "304": notModified },
      },
    },
    "/api/occupations": {
      get: {
        tags: ["architecture"],
        operationId: "listOccupations",
        summary: "Every occupation code roles are mapped to",
        description:
          "Grouped by scheme (SOC 2018, O*NET-SOC 2019, ISCO-08, ESCO, then others), each code with its title where rungs knows it and how many roles use it.",
        responses: { "200": ok("The codes.", ref("Occupations")), "304": notModified },
      },
    },
    "/api/occupations/{scheme}/{slug}": {
      get: {
        tags: ["architecture"],
        operationId: "getOccupation",
        summary: "One occupation code and the roles mapped to it",
        description:
          "Title and scheme, the groups above the code (for SOC-based codes: major, minor and broad group of SOC 2018), and every role of every framework mapped to it with its match type.",
        parameters: [
          pathParam("scheme", "Classification scheme id.", "soc-2018"),
          {
            name: "slug",
            in: "path",
            required: true,
            description: "The code; a URI (ESCO) by its last segment; other characters percent-encoded.",
            schema: str,
            example: "15-1252",
          },
        ],
        responses: {
          "200": ok("The code.", ref("Occupation")),
          "304": notModified,
          "404": { description: "No role is mapped to this code.", content: json(ref("Error")) },
        },
      },
    },
    "/api/roles": {
      get: {
        tags: ["architecture"],
        operationId: "findRolesByTitle",
        summary: "Roles by title",
        description:
          "The roles of every framework whose name or one of whose aliases is the title, ignoring case and spaces. An empty list when none is.",
        parameters: [
          {
            name: "title",
            in: "query",
            required: true,
            description: "A job title (at most 200 characters, no control characters).",
            schema: { type: "string", minLength: 1, maxLength: 200 },
            example: "Backend developer",
          },
        ],
        responses: {
          "200": ok("The matches.", ref("TitleMatches")),
          "304": notModified,
          "400": {
            description: "title is missing, empty, too long or has control characters.",
            content: json(ref("Error")),
          },
        },
      },
    },
    "/api/search": {
      get: {
        tags: ["search"],
        operationId: "search",
        summary: "Search every framework",
        description:
          "Ranked full-text search over the names, codes and text of every level, level section, area, competency, expectation and role of every framework without errors. Typos of about one letter in five are forgiven and a word's start is enough. Results with every word come first. An empty or missing q gives no results.",
        parameters: [
          {
            name: "q",
            in: "query",
            required: false,
            description: "The words to find (at most 200 characters, no control characters).",
            schema: { type: "string", maxLength: 200 },
            example: "incident review",
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "How many results to return.",
            schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
          },
        ],
        responses: {
          "200": ok("The results, best first.", ref("SearchResponse")),
          "304": notModified,
          "400": {
            description: "q is longer than 200 characters or has control characters, or limit is not 1–100.",
            content: json(ref("Error")),
          },
        },
      },
    },
    "/api/openapi.json": {
      get: {
        tags: ["meta"],
        operationId: "openapi",
        summary: "This description",
        responses: { "200": ok("The OpenAPI 3.1 document.", { type: "object" }), "304": notModified },
      },
    },
  },
  components: {
    schemas: {
      Error: obj({ error: { type: "string", description: "What went wrong, in a sentence." } }, ["error"]),
      Diagnostic: obj(
        {
          code: str,
          severity: { enum: ["error", "warning", "info"] },
          message: str,
          file: str,
          line: int,
          column: int,
          path: str,
          hint: str,
        },
        ["code", "severity", "message", "file", "line", "column"],
      ),
      FrameworkErrors: obj({ error: str, diagnostics: { type: "array", items: ref("Diagnostic") } }, [
        "error",
        "diagnostics",
      ]),
      Stats: obj({ levels: int, tracks: int, areas: int, competencies: int, expectations: int, roles: int }, [
        "levels",
        "tracks",
        "areas",
        "competencies",
        "expectations",
        "roles",
      ]),
      FrameworkList: obj(
        {
          frameworks: {
            type: "array",
            items: obj(
              {
                id: { type: "string", description: "The id used in URLs." },
                name: str,
                ok: {
                  type: "boolean",
                  description: "False when the framework has errors; its pages answer 503.",
                },
                version: {
                  type: "string",
                  description: "The framework's content version, when it declares one.",
                },
                description: str,
                stats: {
                  ...ref("Stats"),
                  description: "Counts; absent when the framework could not be read.",
                },
                errors: {
                  type: "integer",
                  minimum: 0,
                  description: "How many errors the framework's files have.",
                },
              },
              ["id", "name", "ok", "errors"],
            ),
          },
        },
        ["frameworks"],
      ),
      Overview: obj(
        {
          id: str,
          name: str,
          version: str,
          organization: str,
          description: str,
          stats: ref("Stats"),
          codeSchemes: { type: "array", items: obj({ id: str, name: str }, ["id", "name"]) },
          tracks: {
            type: "array",
            items: obj(
              {
                id: str,
                name: str,
                kind: { enum: ["trunk", "ic", "management", "apex", "other"] },
                description: str,
              },
              ["id", "name"],
            ),
          },
          levels: {
            type: "array",
            description: "Every level, roots first, each after the levels it follows.",
            items: obj(
              {
                id: str,
                name: str,
                title: str,
                track: str,
                trackName: str,
                codes: { type: "object", additionalProperties: str, description: "Code per code scheme id." },
                leverage: str,
                summary: str,
                follows: strs,
              },
              ["id", "name", "track", "trackName", "codes", "follows"],
            ),
          },
          areas: {
            type: "array",
            items: obj(
              {
                id: str,
                name: str,
                kind: { enum: ["theme", "stage"] },
                summary: str,
                competencies: { type: "array", items: obj({ id: str, name: str }, ["id", "name"]) },
              },
              ["id", "name", "kind", "competencies"],
            ),
          },
          roles: {
            type: "array",
            items: obj({ id: str, name: str, family: str, familyName: str, code: str, summary: str }, [
              "id",
              "name",
              "family",
              "familyName",
            ]),
          },
          guidance: { type: "array", items: obj({ title: str, text: str, items: strs }, ["title"]) },
          ladder: obj({}, []),
        },
        ["id", "name", "stats", "codeSchemes", "tracks", "levels", "areas", "roles", "guidance", "ladder"],
      ),
      Level: obj(
        {
          framework: frameworkRef,
          id: str,
          name: str,
          title: str,
          heading: str,
          label: str,
          track: obj({ id: str, name: str, kind: str }),
          codes: { type: "array", items: obj({ scheme: str, schemeName: str, code: str }) },
          leverage: str,
          summary: str,
          follows: { type: "array", items: levelRef },
          next: { type: "array", items: levelRef },
          dimensions: {
            type: "array",
            items: obj({
              id: str,
              name: str,
              kind: { enum: ["dimension", "rubric"] },
              description: str,
              value: str,
            }),
          },
          responsibilities: strs,
          ratingScale: { type: "array", items: obj({ id: str, name: str, description: str }) },
          areas: {
            type: "array",
            items: obj({
              id: str,
              name: str,
              kind: str,
              describes: bool,
              takeaway: str,
              note: str,
              expectations: {
                type: "array",
                items: obj({
                  competency: obj({ id: str, name: str, description: str }),
                  anchor: str,
                  statement: str,
                  elaboration: str,
                  examples: strs,
                  ratings: { type: "array", items: obj({ band: str, name: str, text: str }) },
                  notApplicable: bool,
                  note: str,
                }),
              },
            }),
          },
          guidance: { type: "array", items: obj({ title: str, text: str, items: strs }) },
          narrative: str,
          reachNext: obj({ text: str, next: { type: "array", items: levelRef } }),
        },
        ["framework", "id", "name"],
      ),
      MatrixCell: obj({
        id: { type: "string", description: "cell-<competency>--<level>: the cell's id on the matrix page." },
        competency: str,
        level: str,
        state: str,
        statement: str,
        elaboration: str,
        examples: strs,
        ratings: { type: "array", items: obj({ band: str, name: str, text: str }) },
        note: str,
      }),
      MatrixLevel: obj({
        id: str,
        name: str,
        title: str,
        code: str,
        track: str,
        trackName: str,
        trackKind: str,
        order: int,
        rank: int,
        next: strs,
        tracks: strs,
      }),
      Matrix: obj(
        {
          framework: frameworkRef,
          filter: obj({ track: str, from: str, to: str }),
          tracks: { type: "array", items: obj({ id: str, name: str, kind: str }) },
          ratingScale: { type: "array", items: obj({ id: str, name: str }) },
          levels: { type: "array", items: ref("MatrixLevel") },
          areas: {
            type: "array",
            items: obj({
              id: str,
              name: str,
              kind: str,
              summary: str,
              competencies: {
                type: "array",
                items: obj({
                  id: str,
                  name: str,
                  description: str,
                  span: strs,
                  cells: { type: "array", items: ref("MatrixCell") },
                }),
              },
            }),
          },
        },
        ["framework", "levels", "areas"],
      ),
      AreaMatrix: obj(
        {
          framework: frameworkRef,
          area: obj({ id: str, name: str, kind: str, summary: str, description: str, note: str }),
          ratingScale: { type: "array", items: obj({ id: str, name: str }) },
          competencies: { type: "array", items: obj({ id: str, name: str, description: str, span: strs }) },
          levels: { type: "array", items: ref("MatrixLevel") },
          rows: {
            type: "array",
            items: obj({ level: str, takeaway: str, cells: { type: "array", items: ref("MatrixCell") } }),
          },
          hasTakeaways: bool,
          notDescribed: { type: "array", items: obj({ id: str, name: str, code: str }) },
        },
        ["framework", "area", "competencies", "levels", "rows"],
      ),
      Classification: obj({
        scheme: str,
        schemeName: str,
        code: { type: "string", examples: ["15-1252"] },
        title: {
          type: "string",
          description: "The occupation's title where rungs knows the code (SOC 2018, O*NET-SOC).",
        },
        match: { enum: ["exact", "close", "broad", "narrow", "related"] },
        note: str,
      }),
      Role: obj(
        {
          framework: frameworkRef,
          id: str,
          name: str,
          code: str,
          summary: str,
          family: obj({ id: str, name: str, description: str, parent: obj({ id: str, name: str }) }),
          tracks: { type: "array", items: obj({ id: str, name: str }) },
          levels: {
            type: "array",
            items: obj({
              id: str,
              name: str,
              title: str,
              known: bool,
              codes: { type: "object", additionalProperties: str },
              responsibilities: strs,
              dimensions: { type: "array", items: { type: ["string", "null"] } },
            }),
          },
          dimensions: { type: "array", items: obj({ id: str, name: str, kind: str, description: str }) },
          skills: { type: "array", items: obj({ name: str, description: str }) },
          aliases: strs,
          classifications: { type: "array", items: ref("Classification") },
          related: { type: "array", items: obj({ id: str, name: str, known: bool }) },
          sources: { type: "array", items: obj({ id: str, title: str, url: str }) },
        },
        ["framework", "id", "name", "levels"],
      ),
      Diff: {
        type: "array",
        description: "How b differs from a, word by word: same + remove gives a, same + add gives b.",
        items: obj({ op: { enum: ["same", "add", "remove"] }, text: str }, ["op", "text"]),
      },
      CompareRow: obj({
        id: str,
        name: str,
        a: obj({ spans: bool, text: str, notApplicable: bool, note: str }),
        b: obj({ spans: bool, text: str, notApplicable: bool, note: str }),
        diff: ref("Diff"),
      }),
      CompareLevels: obj(
        {
          framework: frameworkRef,
          a: levelRef,
          b: levelRef,
          same: bool,
          adjacent: bool,
          dimensions: { type: "array", items: ref("CompareRow") },
          areas: {
            type: "array",
            items: obj({
              id: str,
              name: str,
              takeaway: ref("CompareRow"),
              competencies: { type: "array", items: ref("CompareRow") },
            }),
          },
        },
        ["framework", "a", "b"],
      ),
      CompareRoles: obj(
        {
          framework: frameworkRef,
          a: obj({
            id: str,
            name: str,
            family: str,
            familyName: str,
            code: str,
            summary: str,
            aliases: strs,
          }),
          b: obj({
            id: str,
            name: str,
            family: str,
            familyName: str,
            code: str,
            summary: str,
            aliases: strs,
          }),
          same: bool,
          levels: {
            type: "array",
            items: obj({
              level: levelRef,
              a: obj({ spans: bool, items: strs }),
              b: obj({ spans: bool, items: strs }),
            }),
          },
          skills: obj({ shared: { type: "array" }, onlyA: { type: "array" }, onlyB: { type: "array" } }),
          aliases: obj({ shared: strs, onlyA: strs, onlyB: strs }),
          classifications: obj({
            shared: { type: "array" },
            onlyA: { type: "array" },
            onlyB: { type: "array" },
          }),
        },
        ["framework", "a", "b"],
      ),
      SourceRef: obj(
        {
          kind: {
            enum: [
              "role-responsibility",
              "level-responsibility",
              "expectation",
              "level-dimension",
              "level-name",
              "role-name",
              "family-name",
              "competency-name",
              "area-name",
              "dimension-name",
            ],
          },
          role: str,
          level: str,
          index: { ...int, description: "Position in the list, from 0 (the label counts from 1)." },
          competency: str,
          dimension: str,
          family: str,
          area: str,
          label: { type: "string", examples: ["role backend-engineer · level senior · responsibility 3"] },
        },
        ["kind", "label"],
      ),
      Segment: obj(
        {
          type: { enum: ["text", "quote", "placeholder"] },
          text: { type: "string", description: "Fixed wording (text) or framework text as written (quote)." },
          name: { enum: ["baseline", "target", "date"], description: "For placeholders." },
          source: ref("SourceRef"),
        },
        ["type"],
      ),
      GoalDocument: obj(
        {
          framework: frameworkRef,
          subject: obj(
            {
              type: { enum: ["role-level", "level", "assessment"] },
              role: str,
              roleName: str,
              family: str,
              familyName: str,
              level: str,
              levelName: str,
              target: str,
              targetName: str,
            },
            ["type"],
          ),
          filled: obj({ baseline: str, target: str, date: str }),
          sections: {
            type: "array",
            items: obj(
              {
                kind: { enum: ["smart", "okr", "mbo", "scorecard"] },
                title: str,
                intro: str,
                groups: {
                  type: "array",
                  items: obj(
                    {
                      title: {
                        type: "string",
                        description: "Scorecard perspective; absent for other kinds.",
                      },
                      goals: {
                        type: "array",
                        items: obj(
                          {
                            id: { type: "string", examples: ["smart-3"] },
                            text: {
                              type: "string",
                              description: "The title as plain text, placeholders filled where given.",
                            },
                            title: { type: "array", items: ref("Segment") },
                            sources: { type: "array", items: ref("SourceRef") },
                            lines: {
                              type: "array",
                              items: obj(
                                {
                                  label: str,
                                  text: str,
                                  segments: { type: "array", items: ref("Segment") },
                                  sources: { type: "array", items: ref("SourceRef") },
                                },
                                ["label", "text", "segments", "sources"],
                              ),
                            },
                          },
                          ["id", "text", "title", "sources", "lines"],
                        ),
                      },
                    },
                    ["goals"],
                  ),
                },
              },
              ["kind", "title", "intro", "groups"],
            ),
          },
        },
        ["framework", "subject", "filled", "sections"],
      ),
      RoleLevelRef: obj({ framework: str, role: str, level: str }, ["framework", "role", "level"]),
      Distance: obj(
        {
          total: {
            type: "number",
            minimum: 0,
            maximum: 1,
            description: "Weighted average of the parts used.",
          },
          level: { type: "number", minimum: 0, maximum: 1 },
          taxonomy: { type: "number", minimum: 0, maximum: 1 },
          content: {
            type: "number",
            minimum: 0,
            maximum: 1,
            description: "Absent when either role lists no skills (its weight is then left out).",
          },
        },
        ["total", "level", "taxonomy"],
      ),
      AdjacencySettings: obj(
        {
          close: { type: "number" },
          review: { type: "number" },
          weights: obj({
            level: { type: "number" },
            taxonomy: { type: "number" },
            content: { type: "number" },
          }),
        },
        ["close", "review", "weights"],
      ),
      Band: { enum: ["close", "review", "far"] },
      ReferencePlacement: obj(
        {
          from: int,
          to: int,
          match: { enum: ["exact", "close", "broad", "narrow"] },
          steps: { type: "array", items: obj({ rank: int, name: str }) },
          note: str,
        },
        ["from", "to", "match", "steps"],
      ),
      ReferenceComparison: obj(
        {
          comparable: { type: "boolean", description: "False when either level is not placed on the scale." },
          overlap: bool,
          gap: {
            type: "integer",
            description: "Steps from a to b: positive when b is higher, 0 when they overlap.",
          },
          distance: { type: "number" },
        },
        ["comparable", "overlap", "gap"],
      ),
      AdjacentRoles: obj(
        {
          framework: frameworkRef,
          role: obj({ id: str, name: str }),
          level: obj({ id: str, name: str, label: str, code: str, reference: ref("ReferencePlacement") }),
          defaulted: {
            type: "boolean",
            description: "True when no level was asked for and the first was taken.",
          },
          settings: ref("AdjacencySettings"),
          compared: { ...int, description: "How many role-levels were compared." },
          adjacent: {
            type: "array",
            items: obj(
              {
                target: ref("RoleLevelRef"),
                code: {
                  type: "string",
                  description: "family.role.level",
                  examples: ["software-engineering.frontend-engineer.senior"],
                },
                roleName: str,
                levelName: str,
                frameworkName: str,
                distance: ref("Distance"),
                band: ref("Band"),
              },
              ["target", "code", "roleName", "levelName", "frameworkName", "distance", "band"],
            ),
          },
        },
        ["framework", "role", "level", "defaulted", "settings", "adjacent"],
      ),
      CompareAcrossLevels: obj(
        {
          a: obj({
            framework: frameworkRef,
            level: levelRef,
            trackName: str,
            codes: { type: "array" },
            summary: str,
            reference: ref("ReferencePlacement"),
          }),
          b: obj({
            framework: frameworkRef,
            level: levelRef,
            trackName: str,
            codes: { type: "array" },
            summary: str,
            reference: ref("ReferencePlacement"),
          }),
          sameFramework: bool,
          reference: ref("ReferenceComparison"),
          dimensions: {
            type: "array",
            items: obj({ id: str, name: str, aspect: str, a: obj({}), b: obj({}), diff: ref("Diff") }),
          },
          unpaired: obj({ a: { type: "array" }, b: { type: "array" } }),
          competencies: {
            type: "array",
            description: "Within one framework: areas of competency rows, as in CompareLevels.",
          },
          expectations: obj({ a: { type: "array" }, b: { type: "array" } }, []),
        },
        ["a", "b", "sameFramework", "reference", "dimensions"],
      ),
      CompareRoleLevels: obj(
        {
          a: obj({
            framework: frameworkRef,
            role: obj({ id: str, name: str }),
            family: obj({ id: str, name: str }),
            level: levelRef,
            code: str,
            responsibilities: strs,
          }),
          b: obj({
            framework: frameworkRef,
            role: obj({ id: str, name: str }),
            family: obj({ id: str, name: str }),
            level: levelRef,
            code: str,
            responsibilities: strs,
          }),
          sameFramework: bool,
          sameRole: bool,
          sameFamily: bool,
          reference: ref("ReferenceComparison"),
          skills: obj({ shared: { type: "array" }, onlyA: { type: "array" }, onlyB: { type: "array" } }),
          classifications: obj({
            shared: { type: "array" },
            onlyA: { type: "array" },
            onlyB: { type: "array" },
          }),
          distance: ref("Distance"),
          band: ref("Band"),
          settings: ref("AdjacencySettings"),
        },
        ["a", "b", "skills", "classifications", "settings"],
      ),
      EquivalenceCell: obj(
        {
          framework: str,
          level: str,
          levelName: str,
          code: str,
          match: { enum: ["exact", "close", "broad", "narrow"] },
          from: int,
          to: int,
        },
        ["framework", "level", "levelName", "match", "from", "to"],
      ),
      Equivalence: obj(
        {
          frameworks: {
            type: "array",
            items: obj({ id: str, name: str, levels: { type: "array", items: levelRef } }),
          },
          rows: {
            type: "array",
            items: obj(
              {
                rank: int,
                name: str,
                description: str,
                cells: {
                  type: "object",
                  description: "Per framework id, the levels at this step.",
                  additionalProperties: { type: "array", items: ref("EquivalenceCell") },
                },
              },
              ["rank", "name", "cells"],
            ),
          },
          unplaced: {
            type: "array",
            items: obj({ framework: frameworkRef, levels: { type: "array", items: levelRef } }),
          },
        },
        ["frameworks", "rows", "unplaced"],
      ),
      Occupations: obj(
        {
          schemes: {
            type: "array",
            items: obj({
              scheme: str,
              schemeName: str,
              codes: {
                type: "array",
                items: obj({ scheme: str, schemeName: str, code: str, title: str, roles: int }),
              },
            }),
          },
        },
        ["schemes"],
      ),
      Occupation: obj(
        {
          scheme: str,
          schemeName: str,
          code: str,
          title: str,
          hierarchy: {
            type: "array",
            items: obj({ group: { enum: ["major", "minor", "broad", "detailed"] }, code: str, title: str }),
          },
          roles: {
            type: "array",
            items: obj({
              framework: frameworkRef,
              role: obj({ id: str, name: str }),
              family: obj({ id: str, name: str }),
              match: str,
              note: str,
            }),
          },
        },
        ["scheme", "schemeName", "code", "hierarchy", "roles"],
      ),
      TitleMatches: obj(
        {
          title: str,
          matches: {
            type: "array",
            items: obj(
              {
                framework: frameworkRef,
                role: obj({ id: str, name: str }),
                family: obj({ id: str, name: str }),
                matched: { type: "string", description: "The name or alias that matched, as written." },
                via: { enum: ["name", "alias"] },
              },
              ["framework", "role", "matched", "via"],
            ),
          },
        },
        ["title", "matches"],
      ),
      SearchResult: obj(
        {
          framework: { type: "string", description: "Framework id." },
          frameworkName: str,
          type: {
            enum: [
              "framework",
              "framework-guidance",
              "level",
              "level-section",
              "area",
              "competency",
              "expectation",
              "role",
              "role-level",
            ],
            description: "What was found; decides where url points.",
          },
          kind: {
            type: "string",
            description: "The type as shown: Expectation, Level, Role…",
            examples: ["Expectation"],
          },
          title: { type: "string", description: "Link text.", examples: ["Code & design quality at Senior"] },
          context: {
            type: "string",
            description: "Where the result sits in its framework.",
            examples: ["Technical craft › Code & design quality · Senior"],
          },
          url: {
            type: "string",
            description:
              "Site-absolute path of the exact place: a matrix cell (#cell-<competency>--<level>), a level page section (#summary, #dimensions, #responsibilities, #narrative, #next, #guidance-<n>), a matrix row (#competency-<id>), an area or a role page.",
            examples: ["/frameworks/engineering/matrix/#cell-code-quality--senior"],
          },
          also: {
            ...obj({ label: str, url: str }, ["label", "url"]),
            description:
              "Another place with the same text: an expectation on its level page (#exp-<competency>).",
          },
          score: {
            type: "number",
            description: "Relevance; higher is better. Comparable within one response only.",
          },
          snippet: {
            type: "string",
            description: "HTML: the text around the first match, escaped, with matched words in <mark>.",
          },
        },
        ["framework", "frameworkName", "type", "kind", "title", "context", "url", "score", "snippet"],
      ),
      SearchResponse: obj(
        {
          query: { type: "string", description: "The query as searched (trimmed)." },
          total: {
            type: "integer",
            minimum: 0,
            description: "How many documents match, of which `results` are the best.",
          },
          results: { type: "array", items: ref("SearchResult") },
        },
        ["query", "total", "results"],
      ),
    },
  },
} as const;

export function apiDocsRoutes(app: App, _deps: RouteDeps): void {
  app.get("/api/openapi.json", (c) => c.json(openApiDocument));
}
