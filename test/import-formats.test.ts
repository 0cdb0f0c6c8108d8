/**
 * Each importer's fixtures (test/fixtures/import/<format>/, written in the published shapes with our own
 * content) import to the golden framework beside them (`<fixture>.golden/`), pass `rungs check` with no
 * errors, and report the bends they should. `UPDATE_GOLDEN=1` rewrites the golden files after a deliberate
 * change (review the diff).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ftImporter } from "../src/import/ft.js";
import { runImport } from "../src/import/run.js";
import { formatBends, ImportError } from "../src/import/types.js";

const root = fileURLToPath(new URL("./fixtures/import/", import.meta.url));
/** The Pathway fixture's files other than its levels, which a whole import needs beside them. */
const PATHWAY_BESIDE_LEVELS = [
  "capabilities/running.yaml",
  "capabilities/building.yaml",
  "disciplines/web_engineering.yaml",
  "tracks/reliability.yaml",
  "behaviours/curiosity.yaml",
  "behaviours/candour.yaml",
];

const read = (format: string, name: string) => ({
  name: `${format}/${name}`,
  bytes: new Uint8Array(readFileSync(join(root, format, name))),
});

function golden(dir: string, files: { path: string; text: string }[], bends: string[]) {
  const all = [...files, { path: "bends.txt", text: bends.map((b) => `${b}\n`).join("") }];
  if (process.env.UPDATE_GOLDEN) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of all) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
  }
  expect(existsSync(dir), `${dir} (run with UPDATE_GOLDEN=1)`).toBe(true);
  for (const f of all) expect(f.text, f.path).toBe(readFileSync(join(dir, f.path), "utf8"));
}

const FIXTURES: [format: string, inputs: string[]][] = [
  ["ft", ["data-family.yml"]],
  ["ft", ["legacy-family.yml"]],
  // a byte-order mark, Windows line ends, unknown keys, a proficiency in another case, HTML
  ["ft", ["variant-family.yml"]],
  // the current file's fork: levels ending -ic and -pm are two tracks from the trunk, meeting at the top
  ["ft", ["forked-family.yml"]],
  // the FT's data before job families: a list of competencies naming level and area, levels beside it
  ["ft", ["older-competencies.yml", "older-levels.yml"]],
  // HTML character references in names, summaries, examples and labels, read as the FT's pages show them
  ["ft", ["escaped-family.yml"]],
  // a CASE package from a publisher: nulls for absent fields, CFDefinitions, item types, associations rungs
  // does not read, an item without a statement, HTML character references, a byte-order mark and CRLF
  ["case", ["publisher-escaped.json"]],
  ["snowflake", ["constants.js"]],
  // Medium's own shape: Flow's exact object types, $Keys and maybe types, which Node's blanker refuses
  ["snowflake", ["flow-typed.js"]],
  // the generic first: the golden folder is named after the first input
  ["monzo", ["generic.md", "data-platform.md"]],
  ["monzo", ["data-platform.md"]],
  // a byte-order mark, Windows line ends, unknown keys on a topic and a level, an empty level, HTML
  ["monzo", ["variant-web.md"]],
  // a text page (yaml: false): levels, topics, groups and criteria read from its markdown headings and bullets
  ["monzo", ["support-leadership.md"]],
  [
    "pathway",
    [
      "framework.yaml",
      "levels.yaml",
      "capabilities/building.yaml",
      "capabilities/running.yaml",
      "behaviours/candour.yaml",
      "behaviours/curiosity.yaml",
      "disciplines/web_engineering.yaml",
      "tracks/reliability.yaml",
      "drivers.yaml",
    ],
  ],
];

describe("importers turn their published shapes into golden frameworks", () => {
  it.each(FIXTURES)("%s %s", async (format, names) => {
    const run = await runImport(
      format,
      names.map((n) => read(format, n)),
      {},
    );
    const bends = formatBends(run.bends);
    golden(join(root, format, `${names[0]}.golden`), run.files, bends);
    // the same input gives the same bytes
    const again = await runImport(
      format,
      names.map((n) => read(format, n)),
      {},
    );
    expect(again.files).toEqual(run.files);
  });
});

describe("importers refuse bad input with located errors", () => {
  const refuse = async (format: string, name: string, text: string) => {
    const error = await runImport(format, [{ name, bytes: new TextEncoder().encode(text) }], {}).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).message;
  };

  it("ft: an unknown level, a duplicate level id, YAML that does not parse", async () => {
    const message = await refuse(
      "ft",
      "bad.yml",
      "name: X\nlevels:\n  - id: a\n  - id: a\nthemes:\n  - id: t\ncompetencies:\n  - level: b\n    theme: t\n    summary: S\n",
    );
    expect(message).toContain("bad.yml:4: level a appears twice (duplicate id)");
    expect(message).toContain('bad.yml:8: competency at unknown level "b" (missing level)');
    expect(await refuse("ft", "broken.yml", "name: X\nlevels: [\n")).toMatch(/^broken.yml:\d+: /);
    // a list written as a mapping would otherwise import nothing without a word
    expect(
      await refuse("ft", "map.yml", "name: X\nlevels:\n  - id: a\nthemes:\n  t: 1\ncompetencies: 5\n"),
    ).toBe(
      'map.yml:5: themes is not a list (each entry a "- " line)\nmap.yml:6: competencies is not a list (each entry a "- " line)',
    );
  });

  it("ft: the older competencies list beside a job family, or two of them, is refused", async () => {
    const older = { name: "c.yml", bytes: new TextEncoder().encode("- summary: S\n  level: a\n  area: t\n") };
    const family = { name: "f.yml", bytes: new TextEncoder().encode("name: X\nlevels: []\n") };
    const mixed = await runImport("ft", [older, family], {}).catch((e: ImportError) => e.message);
    expect(mixed).toBe(
      "f.yml:1: a job-family file given with the older competencies.yml: give one or the other",
    );
    const families = await runImport("ft", [family, { ...family, name: "g.yml" }, family], {}).catch(
      (e: ImportError) => e.message,
    );
    expect(families).toContain(
      "g.yml: give one job-family file per import (3 were given: import each on its own, each to its own --out)\n",
    );
    const twice = await runImport("ft", [older, { ...older, name: "d.yml" }], {}).catch(
      (e: ImportError) => e.message,
    );
    expect(twice).toBe(
      "d.yml: give one competencies.yml (a list of competencies), and optionally the levels.yml beside it",
    );
  });

  it("snowflake: code that would run, in the data or when the module loads, is never run", async () => {
    const ran = "globalThis.rungsRan = true";
    const message = await refuse(
      "snowflake",
      "evil.js",
      `export const pointsToLevels = { '0': '1' }\nexport const tracks = {\n  A: { milestones: [(() => { ${ran} })()] },\n}\n${ran}\n`,
    );
    expect(message).toContain("evil.js:3: tracks: code that would run: CallExpression");
    expect(message).toContain("evil.js:5: code that would run when the module loads: ExpressionStatement");
    expect(Object.hasOwn(globalThis, "rungsRan")).toBe(false);
    expect(
      await refuse("snowflake", "getter.js", "export const tracks = { get A() { return 1 } }\n"),
    ).toContain("getter.js:1: tracks: code that would run: a spread, getter, method or computed key");
    expect(await refuse("snowflake", "levels.js", "export const tracks = {}\n")).toContain(
      "no pointsToLevels object (missing levels)",
    );
  });
});

describe("monzo and pathway: bad input, strictness, and ids that survive reordering", () => {
  const text = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });
  const refused = async (format: string, inputs: ReturnType<typeof text>[], strict = false) => {
    const error = await runImport(format, inputs, { strict }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).message;
  };

  it("monzo: a level beyond the count, a duplicate topic, no front matter, two frameworks at once", async () => {
    const message = await refused("monzo", [
      text(
        "bad.md",
        "---\ntitle: X\nlevels: 2\ntopics:\n  - name: a\n    content:\n      - level: 3\n        criteria: [c]\n  - name: a\n    content: []\n---\n",
      ),
    ]);
    expect(message).toContain("bad.md:7: topic a: level 3 is not one of 1…2 (missing level)");
    expect(message).toContain("bad.md:9: topic a appears twice (duplicate id)");
    expect(await refused("monzo", [text("plain.md", "# Just prose\n")])).toBe(
      "plain.md:1: no YAML front matter (the file must start with a --- line)",
    );
    expect(await refused("monzo", [text("open.md", "---\nlevels: [\n")])).toMatch(/^open\.md:\d+: /);
    expect(await refused("monzo", [text("many.md", "---\nlevels: 1000000000\n---\n")])).toBe(
      "many.md:2: levels is 1000000000: it must be a whole number from 1 to 30",
    );
    expect(await refused("monzo", [text("none.md", "---\ntitle: X\n---\n")])).toContain("(missing levels)");
    const one =
      "---\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: [c]\n---\n";
    expect(await refused("monzo", [text("a.md", one), text("b.md", one)])).toContain(
      "give one framework file per import, and optionally the generic framework (path: /generic) it inherits (2 frameworks were given: import each page on its own, with the generic)",
    );
  });

  it("pathway: a discipline naming an unknown skill, an unknown proficiency, no levels file", async () => {
    const levels = "- id: one\n  ordinalRank: 1\n  baseSkillProficiencies:\n    primary: wizard\n";
    const discipline = "specialization: X\ncoreSkills:\n  - nowhere\n";
    const message = await refused("pathway", [text("levels.yaml", levels), text("d.yaml", discipline)]);
    expect(message).toContain('levels.yaml:4: unknown proficiency "wizard"');
    expect(message).toContain('d.yaml:3: coreSkills names unknown skill "nowhere"');
    expect(await refused("pathway", [text("d.yaml", discipline)])).toContain("(missing levels)");
  });

  it("--strict refuses what would bend, naming where", async () => {
    const names = ["framework.yaml", "levels.yaml", "drivers.yaml"];
    const message = await refused(
      "pathway",
      names.map((n) => read("pathway", n)),
      true,
    );
    expect(message).toContain("pathway/drivers.yaml:1: dropped (--strict): not a Pathway file");
    expect(message).toContain('pathway/levels.yaml:1: renamed (--strict): level "E1" is read as e1');
  });

  it("the same files in another order give the same bytes", async () => {
    const names = ["levels.yaml", ...PATHWAY_BESIDE_LEVELS];
    const forward = await runImport(
      "pathway",
      names.map((n) => read("pathway", n)),
      {},
    );
    const backward = await runImport(
      "pathway",
      [...names].reverse().map((n) => read("pathway", n)),
      {},
    );
    expect(backward.files).toEqual(forward.files);
    const monzo = await runImport(
      "monzo",
      ["data-platform.md", "generic.md"].map((n) => read("monzo", n)),
      {},
    );
    expect(monzo.folders).toEqual(["generic", "engineering-data-platform"]);
    expect(monzo.files.map((f) => f.path)).toContain("engineering-data-platform/framework.yaml");
  });
});

it("every importer has fixtures here", () => {
  for (const format of new Set(FIXTURES.map(([f]) => f)))
    expect(readdirSync(join(root, format)).length).toBeGreaterThan(0);
});

describe("ft: a summary written as a numbered list", () => {
  const criteriaOf = async (summary: string) => {
    const yaml = `name: X\nlevels:\n  - id: a\nthemes:\n  - id: t\ncompetencies:\n  - id: c1\n    level: a\n    theme: t\n    summary: |\n${summary
      .split("\n")
      .map((l) => `      ${l}`)
      .join("\n")}\n`;
    const run = await runImport("ft", [{ name: "f.yml", bytes: new TextEncoder().encode(yaml) }], {});
    const text = run.files.find((f) => f.path.includes("areas/"))?.text ?? "";
    return [...text.matchAll(/- id: (\S+)\n\s+text: (.*)/g)].map((m) => `${m[1]} ${m[2]}`);
  };

  it("is one criterion per item, a line that starts no item continuing the one before", async () => {
    expect(await criteriaOf("1. Writes tests.\n\n2) Reviews code\n   of others.")).toEqual([
      "c1-1 Writes tests.",
      "c1-2 Reviews code of others.",
    ]);
  });

  it("stays one criterion when it is not a list from 1 without a gap", async () => {
    for (const summary of ["1. Only one item.", "Intro line.\n1. a\n2. b", "1. a\n3. b", "2. a\n3. b"])
      expect(await criteriaOf(summary)).toHaveLength(1);
  });
});

describe("pathway: two levels of one rank", () => {
  it("are kept in file order, and the import says so at the second's rank", async () => {
    const levels = read("pathway", "levels.yaml");
    const text = new TextDecoder().decode(levels.bytes).replace("ordinalRank: 3", "ordinalRank: 2");
    const run = await runImport(
      "pathway",
      [
        { ...levels, bytes: new TextEncoder().encode(text) },
        ...PATHWAY_BESIDE_LEVELS.map((n) => read("pathway", n)),
      ],
      {},
    );
    expect(formatBends(run.bends).filter((b) => b.includes("share ordinalRank"))).toEqual([
      "guessed  pathway/levels.yaml:33: levels e2 and e3 share ordinalRank 2: e3 follows e2, as the file lists them",
    ]);
  });
});

describe("ft: a level or theme without a name", () => {
  it("is named after its id, and the import says so", async () => {
    const yaml = `name: X\nlevels:\n  - id: senior-engineer\n  - id: lead\n    name: Lead\nthemes:\n  - id: code-quality\n    name: ""\ncompetencies: []\n`;
    const run = await runImport("ft", [{ name: "f.yml", bytes: new TextEncoder().encode(yaml) }], {});
    expect(formatBends(run.bends).filter((b) => b.includes("has no name"))).toEqual([
      'guessed  f.yml:3: level senior-engineer has no name: named "Senior engineer" after its id',
      'guessed  f.yml:7: theme code-quality has no name: named "Code quality" after its id',
    ]);
  });
});

describe("ft: the -ic/-pm fork", () => {
  it("hostile: 40,000 levels alternating -ic and -pm fork in one pass, the top level following both ends", async () => {
    const lines = ["name: Wide\nlevels:\n  - id: trunk\n"];
    for (let i = 0; i < 40_000; i++) lines.push(`  - id: l${i}-${i % 2 ? "pm" : "ic"}\n`);
    lines.push("  - id: director\nthemes:\n  - id: t\ncompetencies: []\n");
    const bytes = new TextEncoder().encode(lines.join(""));
    const started = process.cpuUsage();
    const { framework } = await ftImporter.read([{ name: "wide.yml", bytes }], {});
    const cpu = process.cpuUsage(started);
    expect(framework.tracks.map((t) => t.id)).toEqual([
      "wide",
      "individual-contributor",
      "people-manager",
      "apex",
    ]);
    expect(framework.levels).toHaveLength(40_002);
    expect(framework.levels?.slice(1, 4)).toEqual([
      { id: "l0-ic", name: "L0 ic", track: "individual-contributor", follows: ["trunk"] },
      { id: "l1-pm", name: "L1 pm", track: "people-manager", follows: ["trunk"] },
      { id: "l2-ic", name: "L2 ic", track: "individual-contributor", follows: ["l0-ic"] },
    ]);
    expect(framework.levels?.at(-1)).toEqual({
      id: "director",
      name: "Director",
      track: "apex",
      follows: ["l39998-ic", "l39999-pm"],
    });
    // about 3 s, nearly all of it the yaml library's parse; a pass over the levels read per level would
    // take hours
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(30_000);
  }, 120_000);
});

describe("ft: the family's track comes from the file", () => {
  const frameworkOf = async (yaml: string) =>
    (await ftImporter.read([{ name: "family.yml", bytes: new TextEncoder().encode(yaml) }], {})).framework;

  it("names the trunk after the family, whatever the family", async () => {
    const { tracks, levels } = await frameworkOf(
      "name: Customer Support\nlevels:\n  - id: agent\n  - id: lead\nthemes: []\ncompetencies: []\n",
    );
    expect(tracks).toEqual([{ id: "customer-support", name: "Customer Support" }]);
    expect(levels?.map((l) => l.track)).toEqual(["customer-support", "customer-support"]);
    // a family named like a track of the fork keeps both apart
    const apex = await frameworkOf(
      "name: Apex\nlevels:\n  - id: a\n  - id: b-ic\nthemes: []\ncompetencies: []\n",
    );
    expect(apex.tracks.map((t) => t.id)).toEqual(["apex-2", "individual-contributor"]);
  });

  it("forks where level names say (Individual Contributor) and (People Manager), as the operations family does", async () => {
    const { tracks, levels } = await frameworkOf(
      [
        "name: Site Operations",
        "levels:",
        "  - { id: junior, name: Junior Operator }",
        "  - { id: senior, name: Senior Operator }",
        "  - { id: senior-2, name: Senior Operator 2 (Individual Contributor) }",
        "  - { id: team-manager, name: Team Manager (People Manager) }",
        "  - { id: head, name: Head of Site Operations }",
        "themes: []",
        "competencies: []",
        "",
      ].join("\n"),
    );
    expect(tracks.map((t) => t.id)).toEqual([
      "site-operations",
      "individual-contributor",
      "people-manager",
      "apex",
    ]);
    expect(levels?.map((l) => [l.id, l.track, l.follows])).toEqual([
      ["junior", "site-operations", undefined],
      ["senior", "site-operations", ["junior"]],
      ["senior-2", "individual-contributor", ["senior"]],
      ["team-manager", "people-manager", ["senior"]],
      ["head", "apex", ["senior-2", "team-manager"]],
    ]);
  });
});

describe("snowflake: levels and tracks as the module's own page shows them", () => {
  const read = async (source: string) =>
    (await runImport("snowflake", [{ name: "constants.js", bytes: new TextEncoder().encode(source) }], {}))
      .files;
  const module = (levels: string, extra = "") =>
    `export const pointsToLevels = { ${levels} }\nexport const titles = [\n  { label: 'Engineer', minPoints: 0, maxPoints: 9 },\n  { label: 'Staff Engineer', minPoints: 10 },\n  { label: 'Engineering Manager', minPoints: 10 },\n]\nexport const tracks = {\n  CRAFT: {\n    displayName: 'Craft',\n    category: 'A',\n${extra}    description: 'How the work is made.',\n    milestones: [{ summary: 'Follows the conventions', signals: [], examples: [] }],\n  },\n}\n`;

  it("names a numbered level Level N, its id unchanged, titled with every title its points reach", async () => {
    const files = await read(module("'0': 1, '10': '2', '20': '2.1'"));
    const framework = files.find((f) => f.path === "framework.yaml")?.text ?? "";
    expect(framework).toContain('  - id: "1"\n    name: Level 1\n    title: Engineer\n');
    expect(framework).toContain(
      '  - id: "2"\n    name: Level 2\n    title: Staff Engineer / Engineering Manager\n',
    );
    expect(framework).toContain('  - id: "2.1"\n    name: Level 2.1\n');
    // a level the module names in words keeps its name
    expect(
      (await read(module("'0': 'Apprentice'"))).find((f) => f.path === "framework.yaml")?.text,
    ).toContain("    name: Apprentice\n");
  });

  it("gives a milestone past Medium's five no points when the module's points are not a switch", async () => {
    const six = Array.from({ length: 6 }, (_, i) => `{ summary: 'Step ${i + 1}' }`).join(", ");
    const source = module("'0': '1'").replace(/milestones: \[.*\]/, `milestones: [${six}]`);
    const run = await runImport(
      "snowflake",
      [
        {
          name: "six.js",
          bytes: new TextEncoder().encode(`${source}export const milestoneToPoints = (m) => m * 2\n`),
        },
      ],
      {},
    );
    const area = run.files.find((f) => f.path.startsWith("areas/"))?.text ?? "";
    expect([...area.matchAll(/points: (\d+)/g)].map((m) => Number(m[1]))).toEqual([1, 3, 6, 12, 20]);
    expect(area).toContain('- id: "6"\n              description: Step 6\n');
    expect(formatBends(run.bends).join("\n")).toMatch(
      /guessed {2}six\.js:\d+: milestone points: 1, 3, 6, 12, 20; milestones past 5 get none/,
    );
  });

  it("keeps a track's summary, before its description", async () => {
    const files = await read(module("'0': '1'", "    summary: 'Builds things that last',\n"));
    const area = files.find((f) => f.path.startsWith("areas/"))?.text ?? "";
    expect(area).toContain(
      "description: |-\n          Builds things that last\n\n          How the work is made.\n",
    );
  });
});

describe("monzo: the page's prose and its topics' names", () => {
  const frameworkOf = async (front: string, body: string) => {
    const page = `---\n${front}levels: 1\ntopics:\n  - name: "impact: scope and ambiguity of the work"\n    title:\n    content:\n      - level: 1\n        criteria: [Finishes what they start]\n---\n${body}`;
    const run = await runImport("monzo", [{ name: "page.md", bytes: new TextEncoder().encode(page) }], {});
    return run.files.map((f) => f.text).join("\n");
  };

  it("drops the leading heading that repeats the title, and only that one", async () => {
    const title = 'title: "🧭 Data Platform"\n';
    const body = "# Data platform\n\nHow we grow.\n\n# Data Platform\n\nAgain, lower down.\n";
    const text = await frameworkOf(title, body);
    expect(text).toContain("description: |-\n  How we grow.\n\n  # Data Platform\n\n  Again, lower down.\n");
    // Windows line ends and a setext heading read the same
    expect(
      await frameworkOf(
        title,
        body.replace("# Data platform\n", "Data Platform\n===\n").replaceAll("\n", "\r\n"),
      ),
    ).toContain("description: |-\n  How we grow.\n");
    // a heading that says something else is the prose's own
    expect(await frameworkOf(title, "## About the framework\n\nHow we grow.\n")).toContain(
      "description: |-\n  ## About the framework\n\n  How we grow.\n",
    );
  });

  it("hostile: a heading of 100,000 spaces is compared in one pass", async () => {
    const started = process.cpuUsage();
    const text = await frameworkOf('title: "a b"\n', `# a${" ".repeat(100_000)}b\n\nThe prose.\n`);
    const cpu = process.cpuUsage(started);
    expect(text).toContain("description: The prose.\n");
    // a backtracking pattern over the line took 25 s here
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_000);
  });

  it("reads level numbers written in quotes", async () => {
    const page =
      '---\ntitle: X\nlevels: "2"\ntopics:\n  - name: a\n    content:\n      - level: "2"\n        criteria: [c]\n---\n';
    const run = await runImport("monzo", [{ name: "q.md", bytes: new TextEncoder().encode(page) }], {});
    expect(run.stats.levels).toBe(2);
    expect(run.files.find((f) => f.path.startsWith("areas/"))?.text).toContain("level-2:\n");
  });

  it("names a topic without a title by its name as written", async () => {
    const text = await frameworkOf('title: "People"\n', "");
    expect(text).toContain(
      '  - id: impact-scope-and-ambiguity-of-the-work\n    name: "Impact: scope and ambiguity of the work"\n',
    );
  });
});
