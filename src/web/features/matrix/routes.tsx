/**
 * The competency matrix (/frameworks/:fw/matrix/, filterable by ?track=&from=&to=) and the area matrix
 * (/frameworks/:fw/areas/:area/), their JSON under /api/, and the hooks the mirror island needs: pickable
 * cells carry data-* attributes, level headers carry rank, successors and track membership, and the mirror
 * panel is rendered hidden so the page reads as a plain matrix without JavaScript.
 */
import type { Context } from "hono";
import { areaMatrixData, matrixData, matrixLevels, parseMatrixFilter } from "../../../core/views/matrix.js";
import { Downloads } from "../../components/downloads.js";
import { html } from "../../components/html.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { AreaPage, MatrixPage } from "./matrix.page.js";
import { matrixFilterQuery } from "./requests.js";

function matrixQuery(c: Context<AppEnv>): { track?: string; from?: string; to?: string; role?: string } {
  const { track, from, to, role } = c.req.query();
  return { track, from, to, role };
}

export function matrixRoutes(app: App, { registry, staticSite }: RouteDeps): void {
  app.get("/api/frameworks/:fw/matrix", validate("query", matrixFilterQuery), (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { filter, problems } = parseMatrixFilter(found.index, c.req.valid("query"));
    if (problems.length) {
      return problem(c, new HttpProblem(400, { detail: "bad filter", extra: { problems } }));
    }
    return c.json(matrixData(found.index, filter));
  });

  app.get("/api/frameworks/:fw/areas/:area", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = areaMatrixData(found.index, c.req.param("area"));
    return data ? c.json(data) : notFound(c, `area "${c.req.param("area")}"`);
  });

  app.get("/frameworks/:fw/matrix/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const links = c.get("links");
    // A static site has no server to read the query: it renders every level and the island filters.
    const query = staticSite ? {} : matrixQuery(c);
    const { filter, problems } = parseMatrixFilter(found.index, query);
    const all = matrixLevels(found.index);
    const data = matrixData(found.index, filter);
    const serverFiltered = Object.keys(data.filter).length > 0;
    const page = (
      <MatrixPage data={data} levels={all} problems={problems} serverFiltered={serverFiltered} links={links}>
        <Downloads links={links} fw={found.fw.id} index={found.index} page={{ kind: "matrix" }} />
      </MatrixPage>
    );
    return html(c, page, problems.length ? 400 : 200);
  });

  app.get("/frameworks/:fw/areas/:area/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = areaMatrixData(found.index, c.req.param("area"));
    if (!data) return notFound(c, `area "${c.req.param("area")}"`);
    const links = c.get("links");
    const levelNames = new Map(matrixLevels(found.index).map((l) => [l.id, l.name]));
    return html(c, <AreaPage data={data} levelNames={levelNames} links={links} />);
  });
}
