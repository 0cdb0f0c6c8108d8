/**
 * "What changed": the versions of a framework the server knows (the loaded one, and the commits that changed
 * it when its folder is a git repository) and the structural diff between any two, as a page and as JSON.
 * The answer depends on the repository as well as the loaded files, so no response is cached; the server
 * keeps the history until HEAD moves (HistoryCache) and the diffs by pair and loaded version.
 */
import type { FrameworkDiff } from "../../../core/framework-diff.js";
import { diffBetween, HistoryCache, type HistoryEntry } from "../../../load/framework-history.js";
import type { LoadedFramework } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { type ChangesData, ChangesPage } from "./changes.page.js";
import { changesQuery } from "./requests.js";

const NO_STORE = { "Cache-Control": "no-store" };

/** Diffs by framework path and pair: a few kept, since a reader compares the same ones again. */
const CACHED_DIFFS = 8;

export function changesRoutes(app: App, { registry }: RouteDeps): void {
  const diffs = new Map<string, FrameworkDiff>();
  // `git log` on every request was a process per page view; a new commit moves HEAD, and is seen on reload
  const histories = new HistoryCache();

  /**
   * The diff between two versions (`current`: the framework's files as they are, else a listed commit). Kept
   * by pair and, for `current`, by the version the server has loaded (it changes whenever the files do): each
   * side is read from disk or git, file by file, which takes seconds on a large repository.
   */
  async function diffOf(fw: LoadedFramework, from: string, to: string): Promise<FrameworkDiff> {
    const key = `${fw.path}\0${from}\0${to}\0${from === "current" || to === "current" ? fw.version : ""}`;
    const cached = diffs.get(key);
    if (cached) return cached;
    const found = await diffBetween(fw.path, from, to);
    if ("error" in found)
      throw new HttpProblem(404, {
        detail: `cannot read version ${found.version.slice(0, 12)}: ${found.error}`,
      });
    if (diffs.size >= CACHED_DIFFS) diffs.delete(diffs.keys().next().value as string);
    diffs.set(key, found.diff);
    return found.diff;
  }

  async function changes(c: AppContext, from?: string, to?: string): Promise<ChangesData | Response> {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const history: HistoryEntry[] = await histories.history(found.fw.path);
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
    return { ...data, from: pair.from, to: pair.to, diff: await diffOf(found.fw, pair.from, pair.to) };
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
