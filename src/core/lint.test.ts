import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import { LINT_RULES } from "./lint-rules.js";
import { sameText } from "./lint-same-text.js";

const ROLE = (extra: string) => `roles:
  - id: backend
    name: Backend Engineer
    family: swe
    tracks: [trunk, ic]
    levels: [junior, senior, staff]
${extra}families:
  - id: swe
    name: Software engineering
`;

async function codes(yaml: string, code: string): Promise<string[]> {
  const result = await checkYaml(yaml);
  return located(result.diagnostics.filter((d) => d.code === code));
}

describe("lint rules", () => {
  it("the base framework is clean", async () => {
    const result = await checkYaml(BASE);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("every rule has a code, a doc line and a default severity, and codes are unique", () => {
    const seen = new Set<string>();
    for (const rule of LINT_RULES) {
      expect(rule.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(seen.has(rule.code)).toBe(false);
      seen.add(rule.code);
    }
  });

  it("missing-expectation: a spanned level without an expectation", async () => {
    const yaml = BASE.replace("          staff: Shapes the systems several teams build on.\n", "");
    expect(await codes(yaml, "missing-expectation")).toEqual(["missing-expectation@33:9"]);
  });

  it("missing-expectation: an explicit notApplicable is allowed", async () => {
    expect(await codes(BASE, "missing-expectation")).toEqual([]);
  });

  it("same-as-adjacent: identical text at two adjacent levels, ignoring case and spacing", async () => {
    const yaml = BASE.replace(
      "senior: Designs the changes a team builds on.",
      "senior: writes small  changes that pass review.",
    );
    expect(await codes(yaml, "same-as-adjacent")).toEqual(["same-as-adjacent@35:19"]);
  });

  it("unknown-reference: level, track, area-level, source, role, family", async () => {
    const yaml = `${BASE.replace("follows: [junior]", "follows: [junoir]").replace("track: ic", "track: icc")}${ROLE(
      "    related: [frontend]\n    sources: [nowhere]\n",
    ).replace("family: swe", "family: sw")}`;
    const result = await checkYaml(yaml);
    const refs = result.diagnostics.filter((d) => d.code === "unknown-reference");
    expect(located(refs)).toEqual([
      "unknown-reference@18:15",
      "unknown-reference@21:12",
      "unknown-reference@41:13",
      "unknown-reference@44:15",
      "unknown-reference@45:15",
    ]);
    expect(refs[0]?.hint).toBe('did you mean "junior"?');
    expect(refs[0]?.message).toBe('unknown level "junoir"');
  });

  it("unknown-reference: an expectation for a level that does not exist", async () => {
    const yaml = BASE.replace("          junior:", "          juniour: Extra.\n          junior:");
    expect(await codes(yaml, "unknown-reference")).toEqual(["unknown-reference@34:11"]);
  });

  it("duplicate-id: two levels with one id, hint names the first", async () => {
    const yaml = BASE.replace("  - id: staff\n", "  - id: senior\n");
    const result = await checkYaml(yaml);
    const dup = result.diagnostics.filter((d) => d.code === "duplicate-id");
    expect(located(dup)).toEqual(["duplicate-id@19:9"]);
    expect(dup[0]?.hint).toBe("first used at fw.yaml:15:9");
  });

  it("level-cycle: levels that follow each other in a circle", async () => {
    const yaml = BASE.replace(
      "    name: Junior\n    track: trunk\n",
      "    name: Junior\n    track: trunk\n    follows: [senior]\n",
    );
    expect(await codes(yaml, "level-cycle")).toEqual(["level-cycle@19:15"]);
  });

  it("unreachable-level: a cycle no root leads into", async () => {
    const yaml = BASE.replace(
      "follows: [senior]\n  - id: manager",
      "follows: [manager]\n  - id: manager",
    ).replace("    track: mgmt\n    follows: [senior]", "    track: mgmt\n    follows: [staff]");
    const found = await codes(yaml, "unreachable-level");
    expect(found).toEqual(["unreachable-level@22:14", "unreachable-level@26:14"]);
  });

  it("single-branch-fork: a new track begins with one branch only", async () => {
    const yaml = BASE.replace(/ {2}- id: manager\n[\s\S]*?follows: \[senior\]\n/, "").replace(
      "          manager: { notApplicable: true, note: Managers grow craft through their team. }\n",
      "",
    );
    expect(await codes(yaml, "single-branch-fork")).toEqual(["single-branch-fork@21:12"]);
  });

  it("single-branch-fork: a rejoin at an apex is not a fork", async () => {
    const yaml = BASE.replace(
      "areas:",
      "  - id: cto\n    name: CTO\n    track: apex\n    follows: [staff, manager]\nareas:",
    ).replace("tracks:\n", "tracks:\n  - id: apex\n    name: Apex\n");
    const result = await checkYaml(yaml);
    expect(result.diagnostics.filter((d) => d.code === "single-branch-fork")).toEqual([]);
  });

  it("empty-text: a blank text field", async () => {
    expect(await codes(BASE.replace("name: Craft", 'name: "  "'), "empty-text")).toEqual([
      "empty-text@29:11",
    ]);
  });

  it("classification-code: malformed, broad group, unknown, and O*NET suffix on a detailed code", async () => {
    const yaml = `${BASE}${ROLE(`    classifications:
      - { scheme: soc-2018, code: 15-1252 }
      - { scheme: soc-2018, code: "151252" }
      - { scheme: soc-2018, code: 15-1250 }
      - { scheme: soc-2018, code: 15-9998 }
      - { scheme: onet-soc-2019, code: 15-1252.01 }
      - { scheme: onet-soc-2019, code: 15-1250.00 }
      - { scheme: isco-08, code: "2512" }
      - { scheme: isco-08, code: "25121" }
      - { scheme: internal, code: anything goes }
`)}`;
    const result = await checkYaml(yaml);
    const found = result.diagnostics.filter((d) => d.code === "classification-code");
    expect(located(found)).toEqual([
      "classification-code@46:35",
      "classification-code@47:35",
      "classification-code@48:35",
      "classification-code@50:40",
      "classification-code@52:34",
    ]);
    expect(found[0]?.message).toContain("not a well-formed soc-2018 code");
    expect(found[1]?.message).toBe(
      '"15-1250" is a broad group (Software and Web Developers, Programmers, and Testers), not a detailed occupation',
    );
    expect(found[1]?.hint).toContain("15-1252 Software Developers");
    expect(found[2]?.message).toBe('"15-9998" is not an occupation in SOC 2018');
    expect(found[3]?.message).toMatch(/^"15-1250.00" \(SOC 15-1250\) is a broad group/);
  });

  it("role-level-track: a role level on a track the role does not run on", async () => {
    const yaml = `${BASE}${ROLE("").replace("levels: [junior, senior, staff]", "levels: [junior, senior, manager]")}`;
    expect(await codes(yaml, "role-level-track")).toEqual(["role-level-track@43:30"]);
  });

  it("outside-span and missing-responsibilities on roles", async () => {
    const yaml = `${BASE}${ROLE(`    responsibilities:
      junior: [Ships small fixes.]
      senior: [Designs services.]
      manager: [Runs a team.]
`)}`;
    const result = await checkYaml(yaml);
    expect(located(result.diagnostics.filter((d) => d.code === "outside-span"))).toEqual([
      "outside-span@47:7",
    ]);
    expect(located(result.diagnostics.filter((d) => d.code === "missing-responsibilities"))).toEqual([
      "missing-responsibilities@44:5",
    ]);
  });

  it("review-below-pass: a review score under the source's own pass mark", async () => {
    const yaml = `${BASE}sources:
  - id: wiki
    title: Team wiki
    review: { scores: { accuracy: 5, clarity: 3 }, passMark: 4 }
`;
    expect(await codes(yaml, "review-below-pass")).toEqual(["review-below-pass@41:47"]);
  });

  it("missing-dimension: a level without a declared dimension", async () => {
    const yaml = BASE.replace("levels:\n", "dimensions:\n  - id: scope\n    name: Scope\nlevels:\n")
      .replace(
        /( {2}- id: (junior|senior|staff|manager)\n {4}name: \w+\n)/g,
        "$1    dimensions: { scope: Some scope. }\n",
      )
      .replace("    dimensions: { scope: Some scope. }\n    track: ic", "    track: ic");
    expect(await codes(yaml, "missing-dimension")).toEqual(["missing-dimension@24:5"]);
  });

  it("reference-order: a level lower on the reference scale than one it follows, or a backwards range", async () => {
    const yaml = BASE.replace(
      "    follows: [junior]\n",
      "    follows: [junior]\n    reference: { rank: 4 }\n",
    )
      .replace(
        "    track: ic\n    follows: [senior]\n",
        "    track: ic\n    follows: [senior]\n    reference: { rank: 3 }\n",
      )
      .replace(
        "    track: mgmt\n    follows: [senior]\n",
        "    track: mgmt\n    follows: [senior]\n    reference: { rank: 5, to: 4 }\n",
      );
    const result = await checkYaml(yaml);
    const found = result.diagnostics.filter((d) => d.code === "reference-order");
    expect(located(found)).toEqual(["reference-order@24:24", "reference-order@29:31"]);
    expect(found.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(found[0]?.message).toBe(
      'level "staff" sits at step 3 of the reference scale, below "senior" (step 4), which it follows',
    );
    expect(found[1]?.message).toBe(
      'level "manager" has a reference range that runs down the scale, from 5 to 4',
    );
    expect(found[1]?.hint).toBe("write rank: 4, to: 5");
  });

  it("reference-order: equal steps, and levels without a reference, are fine", async () => {
    const yaml = BASE.replace("    name: Junior\n", "    name: Junior\n    reference: { rank: 2 }\n").replace(
      "    track: ic\n    follows: [senior]\n",
      "    track: ic\n    follows: [senior]\n    reference: { rank: 1 }\n",
    );
    expect(await codes(yaml, "reference-order")).toEqual([]); // senior, in between, has no reference
    const level = BASE.replace(
      "    follows: [junior]\n",
      "    follows: [junior]\n    reference: { rank: 2, to: 3 }\n",
    ).replace("    name: Junior\n", "    name: Junior\n    reference: { rank: 2 }\n");
    expect(await codes(level, "reference-order")).toEqual([]);
  });

  it("unsafe-url: a source url or a Markdown link that is not http:, https:, mailto: or relative, at its value", async () => {
    const yaml = `${BASE.replace(
      "    name: Junior\n",
      "    name: Junior\n    summary: 'Reads [the guide](JavaScript:alert(1)) and [this](../guide/)'\n",
    )}sources:
  - id: script
    title: Script
    url: "java\\tscript:alert(1)"
  - id: web
    title: Web
    url: https://example.com/guide
  - id: elsewhere
    title: Elsewhere
    url: //evil.example/
  - id: entity
    title: Entity
    url: "&#106;avascript:alert(1)"
    note: "<data:text/html,x> and ![x](data:image/png;base64,AAAA)"
`;
    const result = await checkYaml(yaml);
    const found = result.diagnostics.filter((d) => d.code === "unsafe-url");
    expect(found.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`)).toEqual([
      '14:14 levels[0].summary: a link in "summary" uses the scheme "javascript:" (only http:, https:, mailto: or a relative path)',
      "42:10 sources[0].url: this url contains a control character",
      "48:10 sources[2].url: this url starts with // (a link to another site must say https://)",
      '51:10 sources[3].url: this url uses the scheme "javascript:" (only http:, https:, mailto: or a relative path) once its escapes are decoded',
      '52:11 sources[3].note: a link in "note" uses the scheme "data:" (only http:, https:, mailto: or a relative path)',
    ]);
    expect(found.every((d) => d.severity === "error")).toBe(true);
    expect(result.ok).toBe(false);
  });

  it("severity is configurable per framework, and unknown rule names are reported", async () => {
    const yaml = `${BASE.replace("senior: Designs the changes a team builds on.", "senior: Writes small changes that pass review.")}lint:
  same-as-adjacent: error
  missing-expectaton: off
`;
    const result = await checkYaml(yaml);
    const same = result.diagnostics.find((d) => d.code === "same-as-adjacent");
    expect(same?.severity).toBe("error");
    const unknown = result.diagnostics.find((d) => d.code === "unknown-lint-rule");
    expect(unknown && `${unknown.line}:${unknown.column}`).toBe("40:3");
    expect(unknown?.hint).toBe('did you mean "missing-expectation"?');
    expect(result.ok).toBe(false);
  });

  it("a rule set to off reports nothing", async () => {
    const yaml = `${BASE.replace("senior: Designs the changes a team builds on.", "senior: Writes small changes that pass review.")}lint:
  same-as-adjacent: off
`;
    expect(await codes(yaml, "same-as-adjacent")).toEqual([]);
  });
});

describe("sameText", () => {
  it("ignores case and runs of whitespace but not word boundaries", () => {
    expect(sameText("Writes  small\nchanges.", " writes small changes. ")).toBe(true);
    expect(sameText("Writes small changes.", "Writes smallchanges.")).toBe(false);
    expect(sameText("Writes small changes.", "Writes small changes")).toBe(false);
    expect(sameText("", "   ")).toBe(true);
    expect(sameText("a b", "a bc")).toBe(false);
  });
});
