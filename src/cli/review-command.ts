/**
 * `rungs review [paths...] --base REF [--post]`: what a pull request does to each framework, as one Markdown
 * comment: the lint result of the new version and the structural diff against the base (read from git, no
 * checkout). Printed, or with `--post` written to the pull request as ONE comment, found again by a hidden
 * marker and updated on every push. The GitHub Action (action.yml) runs this.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { FrameworkDiff } from "../core/framework-diff.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { type CheckResult, checkFramework, displayPath } from "../load/load-framework.js";
import { ParseCache } from "../load/parse-cache.js";
import { type CliIo, EXIT, loadCatalog, print, UsageError } from "./context.js";
import { diffSides } from "./diff-command.js";
import { diffMarkdown, markdownText } from "./diff-render.js";
import { formatCounts } from "./format-diagnostics.js";
import { frameworkPaths } from "./load-indexes.js";

/** How the comment is found again: an HTML comment GitHub does not show. */
export const REVIEW_MARKER = "<!-- rungs-review -->";
/** GitHub refuses comments over 65,536 characters. */
const MAX_BODY = 60_000;
const LISTED_PROBLEMS = 50;

export interface ReviewOptions {
  base: string;
  post?: boolean;
  pr?: string;
}

function checkMarkdown(result: CheckResult, cwd: string): string {
  const problems = result.diagnostics.filter((d) => d.severity !== "info");
  const head = `${result.ok ? "✅ passes" : "❌ fails"} \`rungs check\`: ${formatCounts(result.diagnostics)}`;
  const lines = problems
    .slice(0, LISTED_PROBLEMS)
    .map(
      (d) =>
        `- ${markdownText(`${displayPath(d.file, cwd)}:${d.line}:${d.column}`)} **${d.severity}** \`${d.code}\` ${markdownText(d.message)}`,
    );
  if (problems.length > LISTED_PROBLEMS) lines.push(`- and ${problems.length - LISTED_PROBLEMS} more`);
  return [head, ...lines].join("\n");
}

/** The diff against the base, or why there is none. */
async function baseDiff(path: string, result: CheckResult, base: string, io: CliIo): Promise<string> {
  if (!result.framework || !result.ok) return "_No diff: fix the errors first._";
  let before: FrameworkDiff | string;
  try {
    // the new version as checked, not loaded again; the files the base shares with it are not parsed again
    const parsed = new ParseCache(false, result.locator);
    parsed.keep(result.files);
    const against = { next: result.framework, parsed };
    before = (await diffSides(`git:${base}:${path}`, path, io, against)).diff;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    before = `_No diff: the base ${markdownText(base)} has no readable framework here (${markdownText(error.message)})._`;
  }
  return typeof before === "string"
    ? before
    : diffMarkdown(before, `Changes since ${base}`).replace(/^### /, "#### ").trimEnd();
}

export async function reviewCommand(paths: string[], options: ReviewOptions, io: CliIo): Promise<number> {
  const occupations = await loadCatalog(io);
  const sections = [REVIEW_MARKER, "## rungs review"];
  let failed = false;
  for (const path of await frameworkPaths(paths, io, ["."])) {
    const result = await checkFramework(resolve(io.cwd, path), nodeFileSystem, { occupations });
    failed ||= !result.ok;
    sections.push(
      `### ${markdownText(path)}`,
      checkMarkdown(result, io.cwd),
      await baseDiff(path, result, options.base, io),
    );
  }
  let body = `${sections.join("\n\n")}\n`;
  if (body.length > MAX_BODY)
    body = `${body.slice(0, MAX_BODY)}\n\n… (cut: run \`rungs review\` locally for all of it)\n`;
  if (!options.post) print(io.stdout, body);
  else {
    const target = await githubTarget(io, options.pr);
    const done = await upsertComment(target, body);
    print(io.stdout, `${done} the review comment on ${target.repo}#${target.pr}\n`);
  }
  return failed ? EXIT.errors : EXIT.ok;
}

interface GitHubTarget {
  api: string;
  repo: string;
  pr: number;
  token: string;
}

/** Where to post, from the Actions environment (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN, the event). */
async function githubTarget(io: CliIo, pr: string | undefined): Promise<GitHubTarget> {
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repo, GITHUB_EVENT_PATH: event } = io.env;
  const api = (io.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, "");
  if (!token) throw new UsageError("--post needs GITHUB_TOKEN");
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw new UsageError("--post needs GITHUB_REPOSITORY (owner/name)");
  if (!/^https?:\/\//.test(api)) throw new UsageError("GITHUB_API_URL must be an http(s) address");
  let number = pr !== undefined ? Number(pr) : undefined;
  if (number === undefined && event) {
    const text = await readFile(resolve(io.cwd, event), "utf8").catch(() => "");
    const parsed =
      text.length < 10_000_000 ? (JSON.parse(text || "{}") as { pull_request?: { number?: unknown } }) : {};
    if (typeof parsed.pull_request?.number === "number") number = parsed.pull_request.number;
  }
  if (number === undefined || !Number.isSafeInteger(number) || number < 1)
    throw new UsageError(
      "--post needs the pull request: --pr N, or GITHUB_EVENT_PATH of a pull_request event",
    );
  return { api, repo, pr: number, token };
}

/** Updates the comment that carries the marker, or creates it. */
async function upsertComment(target: GitHubTarget, body: string): Promise<"updated" | "posted"> {
  const headers = {
    Accept: "application/vnd.github+json",
    Authorization: `Bearer ${target.token}`,
    "Content-Type": "application/json",
    "User-Agent": "rungs-review",
    "X-GitHub-Api-Version": "2022-11-28",
  };
  const call = async (method: string, path: string, payload?: unknown) => {
    const res = await fetch(`${target.api}${path}`, {
      method,
      headers,
      ...(payload ? { body: JSON.stringify(payload) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    if (!res.ok) throw new UsageError(`GitHub answered ${res.status} to ${method} ${path}`);
    return res.json() as Promise<unknown>;
  };
  const issue = `/repos/${target.repo}/issues/${target.pr}`;
  for (let page = 1; page <= 20; page++) {
    const list = await call("GET", `${issue}/comments?per_page=100&page=${page}`);
    if (!Array.isArray(list)) throw new UsageError("GitHub answered the comment list with something else");
    const mine = (list as { id?: unknown; body?: unknown }[]).find(
      (c) => typeof c.body === "string" && c.body.includes(REVIEW_MARKER) && typeof c.id === "number",
    );
    if (mine) {
      await call("PATCH", `/repos/${target.repo}/issues/comments/${mine.id}`, { body });
      return "updated";
    }
    if (list.length < 100) break;
  }
  await call("POST", `${issue}/comments`, { body });
  return "posted";
}
