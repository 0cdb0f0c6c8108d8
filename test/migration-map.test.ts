/**
 * The migration map (`previous`, `renamedFrom`, `migration`): `rungs check` holds a version to mapping
 * every id removed since the version it names, and `rungs diff` reports declared renames as confirmed and
 * each removal with its fate. Golden outputs for a declared rename, a merge, a split and a retirement.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runIn } from "./support/run-cli.js";

const OLD = `rungs: 2
id: tiny
name: Tiny
version: "2026.1"
tracks:
  - id: trunk
    name: Trunk
levels:
  - id: junior
    name: Junior
    track: trunk
  - id: senior
    name: Senior
    track: trunk
    follows: [junior]
roles:
  - id: dev
    name: Developer
    family: eng
    levels: [junior, senior]
families:
  - id: eng
    name: Engineering
areas:
  - id: craft
    name: Craft
    competencies:
      - id: code
        name: Code
        expectations:
          junior: Writes small changes that pass review.
          senior: Designs the changes a team builds on.
      - id: testing
        name: Testing
        expectations:
          junior: Writes tests for the changes they make.
          senior: Plans how a team tests its systems.
      - id: delivery
        name: Delivery
        expectations:
          junior: Finishes the tasks they pick up and ships them.
          senior: Plans projects of several weeks and ships them.
      - id: pairing
        name: Pairing
        expectations:
          junior: Pairs when asked.
          senior: Pairs to spread knowledge.
`;

/** The next version: junior renamed to associate (declared), code renamed to programming (declared, with a
 * new name), testing merged into programming, delivery split in two, pairing retired. */
const NEW = `rungs: 2
id: tiny
name: Tiny
version: "2027.1"
previous: old.yaml
migration:
  - { kind: competency, id: testing, mergedInto: programming }
  - { kind: competency, id: delivery, splitInto: [planning, shipping] }
  - { kind: competency, id: pairing, retired: Folded into how every competency is practised. }
tracks:
  - id: trunk
    name: Trunk
levels:
  - id: associate
    renamedFrom: [junior]
    name: Junior
    track: trunk
  - id: senior
    name: Senior
    track: trunk
    follows: [associate]
roles:
  - id: dev
    name: Developer
    family: eng
    levels: [associate, senior]
families:
  - id: eng
    name: Engineering
areas:
  - id: craft
    name: Craft
    competencies:
      - id: programming
        renamedFrom: [code]
        name: Programming
        expectations:
          associate: Writes small changes that pass review.
          senior: Designs the changes a team builds on.
      - id: planning
        name: Planning
        expectations:
          associate: Plans the tasks they pick up.
          senior: Plans projects of several weeks.
      - id: shipping
        name: Shipping
        expectations:
          associate: Ships what they finish.
          senior: Ships projects in slices.
`;

const GOLDEN = `changed   framework    tiny (version)
renamed   level        junior → associate (declared)
renamed   competency   code → programming (declared)
reworded  competency   programming
    [-Code-]{+Programming+}
added     competency   planning
added     competency   shipping
removed   competency   testing (merged into programming), with its 2 expectations
removed   competency   delivery (split into planning, shipping), with its 2 expectations
removed   competency   pairing (retired: Folded into how every competency is practised.), with its 2 expectations
added     expectation  planning@associate
added     expectation  planning@senior
added     expectation  shipping@associate
added     expectation  shipping@senior
`;

const scratch = mkdtempSync(join(tmpdir(), "rungs-migration-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, "old.yaml"), OLD);

/** What the command said, errors and all, as one text. */
async function cli(...args: string[]) {
  const { status, out, err } = await runIn(scratch, ...args);
  return { status, out: out + err };
}

const version = (name: string, text: string) => {
  writeFileSync(join(scratch, name), text);
  return name;
};

describe("the migration map", () => {
  it("a version that maps every removal checks clean", async () => {
    const run = await cli("check", version("new.yaml", NEW));
    expect(run.out).not.toMatch(/migration-entry|unmapped-removal|previous-version/);
  });

  it("an id gone without a fate is an unmapped-removal error at `previous`", async () => {
    const run = await cli(
      "check",
      version("unmapped.yaml", NEW.replace(/ {2}- \{ kind: competency, id: pairing.*\n/, "")),
    );
    expect(run.status).toBe(1);
    expect(run.out).toMatch(
      /unmapped\.yaml:5:11 {2}error {2}unmapped-removal {2}competency "pairing" of the previous version is gone/,
    );
    expect(run.out).toContain("unmapped-removal");
  });

  it("a fate that leads nowhere, a double claim, or a still-present id is a migration-entry error", async () => {
    const broken = NEW.replace("mergedInto: programming", "mergedInto: coding").replace(
      "renamedFrom: [code]",
      "renamedFrom: [code, planning]",
    );
    const run = await cli("check", version("broken.yaml", broken));
    expect(run.status).toBe(1);
    expect(run.out).toContain(
      'competency "testing" leads to "coding", which is not one of this version\'s competencies',
    );
    expect(run.out).toContain('competency "planning" still exists');
    const twoFates = NEW.replace("id: pairing, retired:", "id: pairing, replacedBy: shipping, retired:");
    expect((await cli("check", version("two.yaml", twoFates))).out).toContain(
      'the migration of competency "pairing" must give exactly one of',
    );
  });

  it("a previous version that cannot be read is a warning, not a failure", async () => {
    const run = await cli(
      "check",
      version("lost.yaml", NEW.replace("previous: old.yaml", "previous: gone.yaml")),
    );
    expect(run.out).toContain("cannot read the previous version: no file or folder gone.yaml");
    expect(run.out).toContain("previous-version");
  });

  it("rungs diff confirms declared renames, follows them in role level lists, and gives each removal its fate", async () => {
    const run = await cli("diff", "old.yaml", version("new.yaml", NEW));
    // a removed competency's expectations are counted on its own line, not listed one by one
    expect(run.out).toBe(`${GOLDEN}1 changed, 2 renamed, 1 reworded, 6 added, 3 removed\n`);
    const md = (await cli("diff", "old.yaml", "new.yaml", "--format", "markdown")).out;
    expect(md).toContain("3 removed");
    expect(md).toContain(
      "| removed | competency | testing \\(merged into programming\\), with its 2 expectations |  |",
    );
    expect(md).not.toContain("testing@");
    const page = (await cli("diff", "old.yaml", "new.yaml", "--format", "html")).out;
    expect(page).toContain(
      "<code>pairing (retired: Folded into how every competency is practised.), with its 2 expectations</code>",
    );
    expect(page).not.toContain("pairing@");
    const json = JSON.parse((await cli("diff", "old.yaml", "new.yaml", "--format", "json")).out);
    expect(json.changes).toContainEqual({
      kind: "competency",
      change: "removed",
      id: "delivery",
      fate: { fate: "split", to: ["planning", "shipping"] },
    });
    // JSON keeps every change: each removed expectation is there
    expect(json.changes).toContainEqual({ kind: "expectation", change: "removed", id: "delivery@senior" });
  });
});
