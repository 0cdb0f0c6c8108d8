/**
 * "What changed": the versions of a framework the server knows (the loaded one, and the commits that changed
 * it when its folder is a git repository) and the structural diff between any two, as a page and as JSON.
 * The answer depends on the repository as well as the loaded files, so it is never cached.
 */
import { diffFrameworks } from "../../../core/framework-diff.js";
import { type FrameworkIndex, indexFramework } from "../../../core/model.js";
import { frameworkAt, frameworkHistory, type HistoryEntry } from "../../../load/framework-history.js";
import type { LoadedFramework } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { changesQuery } from "./api.js";
import { type ChangesData, ChangesPage } from "./changes.page.js";

const NO_STORE = { "Cache-Control": "no-store" };

/** Old versions read from git, by commit: a few kept, since a reader compares the same ones repeatedly. */
const CACHED_VERSIONS = 8;

export function changesRoutes(app: App, { registry }: RouteDeps): void {
  const versions = new Map<string, FrameworkIndex>();

  /** The framework at a version: `current` is what is loaded; a commit must be one of its history. */
  async function indexAt(fw: LoadedFramework, current: FrameworkIndex, id: string): Promise<FrameworkIndex> {
    if (id === "current") return current;
    const key = `${fw.path}\0${id}`;
    const cached = versions.get(key);
    if (cached) return cached;
    const at = await frameworkAt(fw.path, id);
    if ("error" in at)
      throw new HttpProblem(404, { detail: `cannot read version ${id.slice(0, 12)}: ${at.error}` });
    const index = indexFramework(at.framework);
    if (versions.size >= CACHED_VERSIONS) versions.delete(versions.keys().next().value as string);
    versions.set(key, index);
    return index;
  }

  async function changes(c: AppContext, from?: string, to?: string): Promise<ChangesData | Response> {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const history: HistoryEntry[] = await frameworkHistory(found.fw.path);
    const ids = new Set(["current", ...history.map((h) => h.commit)]);
    for (const asked of [from, to])
      if (asked !== undefined && !ids.has(asked))
        return problem(c, new HttpProblem(404, { detail: `no version ${asked} of this framework` }));
    // By default: the newest commit (or the one before it, when the files are as committed) to the current.
    const fallback = found.fw.identity?.dirty ? history[0] : (history[1] ?? history[0]);
    const pair = { from: from ?? fallback?.commit, to: to ?? "current" };
    const data: ChangesData = {
      framework: found.fw.id,
      versions: [
        { id: "current" },
        ...history.map((h) => ({ id: h.commit, date: h.date, subject: h.subject })),
      ],
    };
    if (pair.from === undefined) return data;
    const [before, after] = [
      await indexAt(found.fw, found.index, pair.from),
      await indexAt(found.fw, found.index, pair.to),
    ];
    return { ...data, from: pair.from, to: pair.to, diff: diffFrameworks(before, after) };
  }

  app.get("/api/frameworks/:fw/changes", validate("query", changesQuery), async (c) => {
    const { from, to } = c.req.valid("query");
    const data = await changes(c, from, to);
    if (data instanceof Response) return data;
    const { diff, ...rest } = data;
    return c.json({ ...rest, ...(diff ? { changes: diff.changes } : {}) }, 200, NO_STORE);
  });

  app.get("/frameworks/:fw/changes/", validate("query", changesQuery), async (c) => {
    const { from, to } = c.req.valid("query");
    const data = await changes(c, from, to);
    if (data instanceof Response) return data;
    const res = html(c, <ChangesPage data={data} links={c.get("links")} />);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
