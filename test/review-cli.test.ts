/**
 * `rungs review`, the entry point of the GitHub Action, run locally on a pull request made in a git
 * repository built here: the comment it prints, and with --post the ONE comment it creates and then updates
 * on a GitHub API served by a real local HTTP server (GITHUB_API_URL), found again by its hidden marker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { REVIEW_MARKER } from "../src/cli/review-command.js";
import { gitIn, TINY } from "./support/git-repo.js";

const BASE = TINY;
const HEAD = BASE.replace("Designs the changes", "Designs the systems");

const scratch = mkdtempSync(join(tmpdir(), "rungs-review-"));
const repo = join(scratch, "repo");
mkdirSync(join(repo, "fw"), { recursive: true });
const git = gitIn(repo);
git("init", "-q", "-b", "main");
writeFileSync(join(repo, "fw/framework.yaml"), BASE);
git("add", ".");
git("commit", "-qm", "base");
git("checkout", "-qb", "change");
writeFileSync(join(repo, "fw/framework.yaml"), HEAD);
git("commit", "-qam", "reword senior code");
writeFileSync(join(scratch, "event.json"), JSON.stringify({ pull_request: { number: 7 } }));

/** The little of GitHub's REST API the review uses: list, create and update issue comments. */
const comments: { id: number; body: string }[] = [{ id: 1, body: "Looks good to me" }];
const calls: string[] = [];
const read = async (req: IncomingMessage) => {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as { body: string }) : undefined;
};
const github = createServer(async (req, res) => {
  calls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(value));
  };
  const update = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(req.url ?? "");
  if (req.method === "GET" && req.url?.startsWith("/repos/o/r/issues/7/comments?"))
    return json(200, comments);
  if (req.method === "POST" && req.url === "/repos/o/r/issues/7/comments") {
    const comment = { id: comments.length + 1, body: (await read(req))?.body ?? "" };
    comments.push(comment);
    return json(201, comment);
  }
  const found = update && comments.find((c) => c.id === Number(update[1]));
  if (req.method === "PATCH" && found) {
    found.body = (await read(req))?.body ?? "";
    return json(200, found);
  }
  json(404, { message: "Not Found" });
});
let api = "";
beforeAll(async () => {
  await new Promise<void>((done) => github.listen(0, "127.0.0.1", done));
  api = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => github.close(done));
  rmSync(scratch, { recursive: true, force: true });
});

async function review(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const status = await runCli(["review", ...args], { stdout, stderr, env, cwd: repo });
  return { status, out, err };
}

describe("rungs review (the Action's entry point)", () => {
  it("prints one Markdown comment: the lint result and the structural diff against the base", async () => {
    const run = await review(["fw", "--base", "main"]);
    expect(run.status).toBe(0);
    expect(
      run.out.startsWith(
        `${REVIEW_MARKER}\n\n## rungs review\n\n### fw\n\n✅ passes \`rungs check\`: 0 errors, 0 warnings`,
      ),
    ).toBe(true);
    expect(run.out).toContain("#### Changes since main");
    expect(run.out).toContain(
      "| reworded | expectation | code@senior | Designs the ~~changes~~**systems** a team builds on\\. |",
    );
  });

  it("a framework with errors fails the review (exit 1) and lists them instead of a diff", async () => {
    writeFileSync(join(repo, "fw/framework.yaml"), HEAD.replace("follows: [junior]", "follows: [nobody]"));
    const run = await review(["fw", "--base", "main"]);
    writeFileSync(join(repo, "fw/framework.yaml"), HEAD);
    expect(run.status).toBe(1);
    expect(run.out).toContain("❌ fails `rungs check`: 1 error");
    expect(run.out).toContain("**error** `unknown-reference`");
    expect(run.out).toContain("_No diff: fix the errors first._");
  });

  it("--post creates the comment once, then updates that same comment", async () => {
    const env = {
      GITHUB_TOKEN: "test-token",
      GITHUB_REPOSITORY: "o/r",
      GITHUB_API_URL: api,
      GITHUB_EVENT_PATH: join(scratch, "event.json"),
    };
    expect(await review(["fw", "--base", "main", "--post"], env)).toMatchObject({
      status: 0,
      out: "posted the review comment on o/r#7\n",
    });
    writeFileSync(join(repo, "fw/framework.yaml"), HEAD.replace("pass review", "pass review quickly"));
    expect((await review(["fw", "--base", "main", "--post"], env)).out).toBe(
      "updated the review comment on o/r#7\n",
    );
    expect(comments.map((c) => c.id)).toEqual([1, 2]);
    expect(comments[0]?.body).toBe("Looks good to me");
    expect(comments[1]?.body).toContain(
      "| reworded | expectation | code@junior | Writes small changes that pass review",
    );
    expect(calls).toEqual([
      "GET /repos/o/r/issues/7/comments?per_page=100&page=1 Bearer test-token",
      "POST /repos/o/r/issues/7/comments Bearer test-token",
      "GET /repos/o/r/issues/7/comments?per_page=100&page=1 Bearer test-token",
      "PATCH /repos/o/r/issues/comments/2 Bearer test-token",
    ]);
  });

  it("--post without what it needs is a usage error; a GitHub error is reported", async () => {
    const missing = await review(["fw", "--base", "main", "--post"], { GITHUB_REPOSITORY: "o/r" });
    expect(missing).toMatchObject({ status: 2 });
    expect(missing.err).toContain("--post needs GITHUB_TOKEN");
    const wrongPr = await review(["fw", "--base", "main", "--post", "--pr", "8"], {
      GITHUB_TOKEN: "t",
      GITHUB_REPOSITORY: "o/r",
      GITHUB_API_URL: api,
    });
    expect(wrongPr.status).toBe(2);
    expect(wrongPr.err).toContain("GitHub answered 404 to GET /repos/o/r/issues/8/comments");
  });
});
