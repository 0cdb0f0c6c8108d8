/** The API document's own operation, and what the document says about the API as a whole. */
import * as z from "zod";
import { type ApiInfo, type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

export const OpenApiDocument = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .describe("An OpenAPI 3.1 document.")
  .register(apiSchemas, { id: "OpenApiDocument" });

export const apiDocsApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    summary: "This description",
    description: "The OpenAPI 3.1 document of every /api route, generated from the routes' own schemas.",
    tags: ["meta"],
    access: "public",
    response: { description: "The document.", schema: OpenApiDocument },
    problems: {},
  },
];

export const API_INFO: ApiInfo = {
  info: {
    title: "rungs API",
    version: "2",
    summary:
      "JSON for every page of a rungs web app: frameworks, levels, matrices, roles, comparisons, goal templates, the job architecture, search; and, on a server with people, accounts, people, assessments and team views.",
    description:
      "Framework data is public (unless the server requires sign-in) and read-only; its answers carry an ETag " +
      "(send If-None-Match for 304) and may be compressed (Accept-Encoding: br or gzip). Routes about people " +
      "need the session cookie of a signed-in person, and every write also the X-CSRF-Token header that " +
      "GET /api/account gives. Problems are application/problem+json (RFC 9457) with an `error` member: 401 " +
      "without a session where one is needed, 404 for an unknown id, 422 for a request that fails its schema " +
      "(with `errors` per field), 503 for a framework whose files have errors (with its `diagnostics`). " +
      "See docs/api.md.",
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
    {
      name: "case",
      description:
        "1EdTech CASE 1.1, read-only, under /ims/case/v1p1/: each framework as a CFDocument, its package, items, associations and rubric by stable UUID.",
    },
    { name: "account", description: "The signed-in person: their sessions and the CSRF token for writes." },
    {
      name: "people",
      description: "The people directory and a person's record, as the policy lets the asker see them.",
    },
    {
      name: "assessments",
      description: "Self, manager and agreed assessments, drafts and submitted, and growth profiles.",
    },
    {
      name: "team",
      description:
        "A manager's team and, for admins, the whole organization: latest assessments and calibration.",
    },
    { name: "meta", description: "This description." },
  ],
};
