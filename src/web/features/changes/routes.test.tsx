/**
 * "What changed": a framework in a git repository built here (two commits, then an uncommitted edit), served
 * with the versions git knows and the structural diff between any two; the footer names the commit; a
 * framework outside git offers only its loaded version; the person notice lists changes at given levels.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { get } from "../../../../test/support/app.js";
import { gitIn, TINY } from "../../../../test/support/git-repo.js";
import { diffFrameworks } from "../../../core/framework-diff.js";
import { indexFramework } from "../../../core/model.js";
import type { Framework } from "../../../core/schema.js";
import { nodeGit } from "../../../load/framework-version.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { createApp } from "../../app.js";
import { FrameworkChangedNotice } from "../../components/framework-changed.js";
import { makeLinks } from "../../links.js";

const V1 = TINY.replace("name: Tiny\n", 'name: Tiny\nversion: "1"\n');
const V2 = V1.replace('version: "1"', 'version: "2"').replace("small changes", "small, tested changes");
const V3 = V2.replace("Designs the changes", "Designs the systems");

const scratch = mkdtempSync(join(tmpdir(), "rungs-changes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const repo = join(scratch, "repo");
const plain = join(scratch, "plain");
mkdirSync(join(repo, "fw"), { recursive: true });
mkdirSync(plain);
const git = gitIn(repo);
git("init", "-q");
writeFileSync(join(repo, "fw/framework.yaml"), V1);
git("add", ".");
git("commit", "-qm", "First version");
writeFileSync(join(repo, "fw/framework.yaml"), V2);
git("commit", "-qam", "Second version");
writeFileSync(join(repo, "fw/framework.yaml"), V3);
writeFileSync(join(plain, "framework.yaml"), V1.replace("id: tiny", "id: plain"));
const [second, first] = git("log", "--format=%H").split("\n") as [string, string];

const app = (async () => {
  const registry = new FrameworkRegistry([join(repo, "fw"), plain], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
    git: nodeGit,
  });
  await registry.load();
  return createApp({ registry });
})();

describe("what changed", () => {
  it("lists the loaded version and the commits, and shows the uncommitted changes by default", async () => {
    const page = await get(await app, "/frameworks/tiny/changes/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.body).toContain(`<option value="${second}" selected="">${second.slice(0, 12)} · `);
    expect(page.body).toContain("Second version</option>");
    expect(page.body).toContain('<option value="current" selected="">Current (as loaded)</option>');
    expect(page.body).toContain(`From ${second.slice(0, 12)} to current`);
    expect(page.body).toContain("<code>code@senior</code>");
    expect(page.body).toContain(`Framework version 2 · sha256:`);
    expect(page.body).toContain(` · commit ${second.slice(0, 12)} (modified)</p>`);
  });

  it("the JSON gives the diff between any two versions", async () => {
    const res = await get(await app, `/api/frameworks/tiny/changes?from=${first}&to=${second}`);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.versions.map((v: { id: string }) => v.id)).toEqual(["current", second, first]);
    // the second version also raised the framework's version
    expect(data.changes.map((c: { change: string; id: string }) => `${c.change} ${c.id}`)).toEqual([
      "changed tiny",
      "reworded code@junior",
    ]);
    expect(data.changes[1].words).toContainEqual({ op: "add", text: ", tested" });
  });

  it("refuses versions it does not list: 404 for an unknown commit, 422 for what is not one", async () => {
    const unknown = await get(await app, `/api/frameworks/tiny/changes?from=${"0".repeat(40)}`);
    expect(unknown.status).toBe(404);
    expect((await get(await app, "/api/frameworks/tiny/changes?from=HEAD~1")).status).toBe(422);
    expect((await get(await app, "/frameworks/tiny/changes/?to=--all")).status).toBe(422);
  });

  it("keeps the history until HEAD moves: a new commit is listed on the next request", async () => {
    const ids = async () =>
      (
        JSON.parse((await get(await app, "/api/frameworks/tiny/changes")).body).versions as { id: string }[]
      ).map((v) => v.id);
    expect(await ids()).toEqual(["current", second, first]);
    // a commit elsewhere in the repository moves HEAD without touching the framework's files: asked again
    writeFileSync(join(repo, "notes.txt"), "not the framework\n");
    git("add", "notes.txt");
    git("commit", "-qm", "Notes");
    expect(await ids()).toEqual(["current", second, first]);
    // a commit of the framework itself is listed at once
    git("add", "fw/framework.yaml");
    git("commit", "-qm", "Third version");
    const third = git("rev-parse", "HEAD");
    expect(await ids()).toEqual(["current", third, second, first]);
    // a branch checked out from the first commit has only it
    git("checkout", "-q", "-b", "old", first);
    expect(await ids()).toEqual(["current", first]);
    git("checkout", "-q", "-");
  });

  it("outside git only the loaded version is known", async () => {
    const page = await get(await app, "/frameworks/plain/changes/");
    expect(page.body).toContain("is not in a git repository");
    expect(JSON.parse((await get(await app, "/api/frameworks/plain/changes")).body)).toEqual({
      framework: "plain",
      versions: [{ id: "current" }],
    });
  });

  it("the person notice lists the changes at their level and the next, and nothing when there are none", () => {
    const fw = (text: string): Framework => ({
      rungs: 2,
      id: "t",
      name: "T",
      tracks: [{ id: "trunk", name: "Trunk" }],
      levels: [
        { id: "junior", name: "Junior", track: "trunk" },
        { id: "senior", name: "Senior", track: "trunk", follows: ["junior"] },
      ],
      areas: [{ id: "a", competencies: [{ id: "c", expectations: { junior: "Same.", senior: text } }] }],
    });
    const diff = diffFrameworks(indexFramework(fw("Leads.")), indexFramework(fw("Leads a team.")));
    const links = makeLinks("/people/1/", false);
    const notice = String(
      <FrameworkChangedNotice
        framework="t"
        diff={diff}
        levels={[
          { id: "junior", name: "Junior" },
          { id: "senior", name: "Senior" },
        ]}
        since="2026.1"
        links={links}
      />,
    );
    expect(notice).toContain("since your last assessment");
    expect(notice).toContain(
      "<p>Changes at <bdi>Junior</bdi> <code>junior</code> and <bdi>Senior</bdi> <code>senior</code> since 2026.1:</p>",
    );
    expect(notice).toContain("<li>reworded expectation <code>c@senior</code></li>");
    expect(notice).toContain('href="/frameworks/t/changes/"');
    const none = (
      <FrameworkChangedNotice
        framework="t"
        diff={diff}
        levels={[{ id: "junior", name: "Junior" }]}
        since="1"
        links={links}
      />
    );
    expect(String(none)).toBe("");
    // someone else's page: their name, never "your"
    const theirs = String(
      <FrameworkChangedNotice
        framework="t"
        diff={diff}
        levels={[{ id: "senior", name: "Senior" }]}
        since="2026.1"
        whose="Pat Person"
        links={links}
      />,
    );
    expect(theirs).toContain("The framework changed since the last assessment of Pat Person</h2>");
    expect(theirs).not.toContain("your");
  });
});
