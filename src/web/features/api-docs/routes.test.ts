import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import { openApiDocument } from "./routes.js";

describe("API description", () => {
  it("/api/openapi.json is an OpenAPI 3.1 document describing every endpoint", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/api/frameworks",
      "/api/frameworks/{fw}",
      "/api/frameworks/{fw}/levels/{level}",
      "/api/frameworks/{fw}/matrix",
      "/api/frameworks/{fw}/areas/{area}",
      "/api/frameworks/{fw}/roles/{role}",
      "/api/frameworks/{fw}/roles/{role}/adjacent",
      "/api/frameworks/{fw}/compare/{a}/{b}",
      "/api/frameworks/{fw}/compare-roles/{a}/{b}",
      "/api/compare-across/levels/{fwA}/{a}/{fwB}/{b}",
      "/api/compare-across/role-levels/{fwA}/{roleA}/{levelA}/{fwB}/{roleB}/{levelB}",
      "/api/frameworks/{fw}/roles/{role}/goals/{level}",
      "/api/frameworks/{fw}/levels/{level}/goals",
      "/api/frameworks/{fw}/goals/personal",
      "/api/equivalence",
      "/api/occupations",
      "/api/occupations/{scheme}/{slug}",
      "/api/roles",
      "/api/search",
      "/api/openapi.json",
    ]);
    // every $ref resolves
    for (const [, name] of res.body.matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)) {
      expect(doc.components.schemas, name).toHaveProperty(name as string);
    }
    expect((await get(app, "/api/openapi.json")).body).toBe(res.body);
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
  };

  for (const path of Object.keys(openApiDocument.paths)) {
    it(`GET ${path} answers 200 with JSON for the example framework`, async () => {
      const { app } = await exampleApp();
      const url = EXAMPLES[path] ?? path.replace("{fw}", "engineering");
      const res = await get(app, url);
      expect(res.status, url).toBe(200);
      expect(res.type, url).toContain("application/json");
      expect(() => JSON.parse(res.body)).not.toThrow();
    });
  }
});
