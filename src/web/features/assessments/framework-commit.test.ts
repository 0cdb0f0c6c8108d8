/**
 * An assessment made on a framework in a git repository (built here) records the commit of the version it
 * was made on, and the API gives it (the assessment answers, the growth profile, a conflict's `theirs`, the
 * team export): none while the files differ from their last commit, added once the same files are committed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { addPerson, ORIGIN, signedIn, type TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { repoWithVersions, TINY } from "../../../../test/support/git-repo.js";
import { nodeGit } from "../../../load/framework-version.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

const scratch = mkdtempSync(join(tmpdir(), "rungs-snapshot-commit-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Saves the self-assessment draft over the API and returns it as `GET /api/assessments/{id}` gives it. */
async function savedDraft(browser: TestBrowser, personId: string, version: number) {
  const saved = await browser.request("PUT", `/api/people/${personId}/assessments/self/draft`, {
    headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "" },
    body: JSON.stringify({ version, picks: [{ competency: "code", level: "junior" }] }),
  });
  expect(saved.status).toBe(200);
  const { id } = JSON.parse(saved.body);
  const read = await browser.get(`/api/assessments/${id}`);
  expect(read.status).toBe(200);
  return JSON.parse(read.body);
}

describeEachDatabase("the commit of an assessment's framework version", (ctx) => {
  it("is recorded from the repository the framework is served from, and only for files as committed", async () => {
    const repo = join(scratch, ctx.dialect);
    const git = repoWithVersions(repo, [{ message: "First version", files: { "fw/framework.yaml": TINY } }]);
    const first = git("rev-parse", "HEAD");
    const registry = new FrameworkRegistry([join(repo, "fw")], {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
      git: nodeGit,
    });
    await registry.load();
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const lee = await addPerson(store, { name: "Lee", email: "lee@example.com", framework: "tiny" });
    const pat = await addPerson(store, {
      name: "Pat",
      email: "pat@example.com",
      framework: "tiny",
      level: "junior",
      managerId: lee.id,
    });
    const browser = await signedIn(app, "pat@example.com");

    const onFirst = await savedDraft(browser, pat.id, 0);
    expect(onFirst.frameworkVersion).toBe(registry.get("tiny")?.version);
    expect(onFirst.frameworkCommit).toBe(first);
    expect(await store.snapshots.commitOf("tiny", onFirst.frameworkVersion)).toBe(first);

    // edited and not committed: a new version, which no commit is
    writeFileSync(join(repo, "fw/framework.yaml"), TINY.replace("small changes", "small, tested changes"));
    await registry.load();
    const edited = await savedDraft(browser, pat.id, onFirst.version);
    expect(edited.frameworkVersion).not.toBe(onFirst.frameworkVersion);
    expect(edited).not.toHaveProperty("frameworkCommit");

    // the same files committed: that version is now the new commit
    git("commit", "-qam", "Second version");
    const second = git("rev-parse", "HEAD");
    await registry.load();
    const committed = await savedDraft(browser, pat.id, edited.version);
    expect(committed.frameworkVersion).toBe(edited.frameworkVersion);
    expect(committed.frameworkCommit).toBe(second);
    // saved from a page loaded before: the conflict's stored version carries its commit
    const stale = await browser.request("PUT", `/api/people/${pat.id}/assessments/self/draft`, {
      headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "" },
      body: JSON.stringify({ version: edited.version, picks: [{ competency: "code", level: "junior" }] }),
    });
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.body).theirs.frameworkCommit).toBe(second);
    // the first version keeps its own
    expect(await store.snapshots.commitOf("tiny", onFirst.frameworkVersion)).toBe(first);

    // submitted, it is in the person's history with its commit
    const form = `/people/${pat.id}/assessments/self/`;
    await browser.get(form);
    const submit = { version: String(committed.version), action: "submit", "pick.code": "junior" };
    expect((await browser.post(form, submit)).status).toBe(303);
    const history = JSON.parse((await browser.get(`/api/people/${pat.id}/assessments`)).body);
    expect(history.assessments.map((a: { frameworkCommit?: string }) => a.frameworkCommit)).toEqual([second]);
    const profile = JSON.parse((await browser.get(`/api/people/${pat.id}/profile`)).body);
    expect(profile.assessment.frameworkCommit).toBe(second);
    const manager = await signedIn(app, "lee@example.com");
    const team = JSON.parse((await manager.get("/api/team")).body);
    const row = team.frameworks[0].people.find((p: { id: string }) => p.id === pat.id);
    expect(row.assessment.frameworkCommit).toBe(second);
  });
});
