/*
 * The API document as a client's tools read it: it validates as OpenAPI (swagger-parser), passes Redocly's
 * recommended rules, and describes exactly the /api routes the app serves, taken from the app itself.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import { authApp } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { entityUuid } from "../../../export/uuid.js";
import type { App } from "../../context.js";
import { openApiPath } from "../../middleware/openapi.js";

type Doc = {
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
};

async function documentOf(app: App): Promise<{ body: string; doc: Doc }> {
  const res = await get(app, "/api/openapi.json");
  expect(res.status).toBe(200);
  expect(res.type).toContain("application/json");
  return { body: res.body, doc: JSON.parse(res.body) };
}

/** Every method + path under /api/ (and the CASE service's /ims/) the app serves, from its own route table. */
function apiRoutes(app: App): string[] {
  const found = new Set<string>();
  for (const route of app.routes) {
    if (!/^\/(api|ims)\//.test(route.path) || route.path.includes("*") || route.method === "ALL") continue;
    found.add(`${route.method.toLowerCase()} ${openApiPath(route.path)}`);
  }
  return [...found].sort();
}

function documented(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
    .sort();
}

describeEachDatabase("the API document of an app with people", (ctx) => {
  it("describes every /api route the app serves, public and signed-in, and nothing else", async () => {
    const { app } = await authApp(ctx);
    const { doc } = await documentOf(app);
    expect(documented(doc)).toEqual(apiRoutes(app));
    expect(documented(doc)).toContain("put /api/people/{id}/assessments/{kind}/draft");
  });

  it("is a valid OpenAPI 3.1 document and passes Redocly's recommended rules without a warning", async () => {
    const { app } = await authApp(ctx);
    const { body, doc } = await documentOf(app);
    await SwaggerParser.validate(structuredClone(doc) as never);
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: body, absoluteRef: "/api/openapi.json", config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("declares security for every operation (public reads too) and describes their 4xx answers", async () => {
    const { app } = await authApp(ctx);
    const { doc } = await documentOf(app);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.security, `${method} ${path}`).toBeDefined();
        expect(
          Object.keys(op.responses).some((s) => s.startsWith("4")),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });
});

describe("the API document of a public app", () => {
  it("describes only what it serves, passes the same rules, the same bytes every time", async () => {
    const { app } = await exampleApp();
    const { body, doc } = await documentOf(app);
    expect(documented(doc)).toEqual(apiRoutes(app));
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: body, absoluteRef: "/api/openapi.json", config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect((await get(app, "/api/openapi.json")).body).toBe(body);
  });

  it("has a page to read at /api-docs/ listing every operation", async () => {
    const { app } = await exampleApp();
    const page = await get(app, "/api-docs/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>API reference</h1>");
    expect(page.body).toContain("GET /api/frameworks/{fw}/levels/{level}");
  });

  // Example ids from examples/engineering for each path parameter.
  const EXAMPLES: Record<string, string> = {
    "/api/frameworks/{fw}/levels/{level}": "/api/frameworks/engineering/levels/senior",
    "/api/frameworks/{fw}/areas/{area}": "/api/frameworks/engineering/areas/craft",
    "/api/frameworks/{fw}/roles/{role}": "/api/frameworks/engineering/roles/backend-engineer",
    "/api/frameworks/{fw}/compare/{a}/{b}": "/api/frameworks/engineering/compare/senior/lead",
    "/api/frameworks/{fw}/compare-roles/{a}/{b}":
      "/api/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer",
    "/api/frameworks/{fw}/roles/{role}/goals/{level}":
      "/api/frameworks/engineering/roles/backend-engineer/goals/senior",
    "/api/frameworks/{fw}/levels/{level}/goals": "/api/frameworks/engineering/levels/senior/goals",
    "/api/frameworks/{fw}/goals/personal": "/api/frameworks/engineering/goals/personal?pick=code-quality:mid",
    "/api/search": "/api/search?q=incident",
    "/api/frameworks/{fw}/roles/{role}/adjacent":
      "/api/frameworks/engineering/roles/backend-engineer/adjacent?level=senior&limit=5",
    "/api/compare-across/levels/{fwA}/{a}/{fwB}/{b}":
      "/api/compare-across/levels/engineering/senior/product-matrix/l3",
    "/api/compare-across/role-levels/{fwA}/{roleA}/{levelA}/{fwB}/{roleB}/{levelB}":
      "/api/compare-across/role-levels/engineering/backend-engineer/senior/engineering/frontend-engineer/senior",
    "/api/occupations/{scheme}/{slug}": "/api/occupations/soc-2018/15-1252",
    "/api/roles": "/api/roles?title=Backend%20developer",
    "/ims/case/v1p1/CFPackages/{id}": `/ims/case/v1p1/CFPackages/${entityUuid("engineering", "document")}`,
    "/ims/case/v1p1/CFItems/{id}": `/ims/case/v1p1/CFItems/${entityUuid("engineering", "area", "craft")}`,
    "/ims/case/v1p1/CFAssociations/{id}": `/ims/case/v1p1/CFAssociations/${entityUuid(
      "engineering",
      "association-precedes",
      `${entityUuid("engineering", "level", "intern")}>${entityUuid("engineering", "level", "junior")}`,
    )}`,
    "/ims/case/v1p1/CFRubrics/{id}": `/ims/case/v1p1/CFRubrics/${entityUuid("engineering", "rubric")}`,
  };

  it("every public GET answers 200 with JSON for the example framework", async () => {
    const { app } = await exampleApp();
    const { doc } = await documentOf(app);
    for (const path of Object.keys(doc.paths)) {
      const url = EXAMPLES[path] ?? path.replace("{fw}", "engineering");
      const res = await get(app, url);
      expect(res.status, url).toBe(200);
      expect(res.type, url).toContain("application/json");
    }
  });
});
