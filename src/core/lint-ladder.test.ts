/**
 * The ladder-quality rules on the fixtures in test/fixtures/ladder: each bad fixture trips its rule where
 * docs/format.md says it would, each good one (the fix the docs show) trips none of them; severities and
 * word lists come from the framework; the bundled examples stay clean.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkYaml, located } from "../../test/support/check-yaml.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { checkFramework } from "../load/load-framework.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => readFileSync(join(repo, "test/fixtures/ladder", `${name}.yaml`), "utf8");

const LADDER_RULES = [
  "same-as-adjacent",
  "level-adds-nothing",
  "vague-wording",
  "intensifier-only",
  "outlier-length",
  "span-hole",
];

async function findings(yaml: string, codes = LADDER_RULES) {
  const result = await checkYaml(yaml);
  return result.diagnostics.filter((d) => codes.includes(d.code));
}

describe("ladder-quality lint rules", () => {
  const expected: Record<string, string[]> = {
    "same-as-adjacent": ["same-as-adjacent@19:17"],
    "level-adds-nothing": ["level-adds-nothing@8:11"],
    "vague-wording": ["vague-wording@18:21", "vague-wording@20:31", "vague-wording@20:70"],
    "intensifier-only": ["intensifier-only@19:11", "intensifier-only@20:11"],
    "outlier-length": ["outlier-length@19:11"],
    "span-hole": ["span-hole@17:17", "span-hole@26:11"],
  };

  it.each(LADDER_RULES)(
    "%s: the bad fixture trips it where the docs say; the good one trips no ladder rule",
    async (code) => {
      expect(located(await findings(fixture(`${code}-bad`), [code]))).toEqual(expected[code]);
      expect(located(await findings(fixture(`${code}-good`)))).toEqual([]);
    },
  );

  it("same-as-adjacent: a repeat marked unchanged: true is meant, and not reported", async () => {
    const marked = fixture("same-as-adjacent-bad").replace(
      "mate: Ties off a vessel at a berth it knows.",
      "mate: { unchanged: true, statement: Ties off a vessel at a berth it knows. }",
    );
    expect(await findings(marked, ["same-as-adjacent"])).toEqual([]);
  });

  it("messages name the competency and levels; vague-wording names the words it found", async () => {
    const vague = await findings(fixture("vague-wording-bad"), ["vague-wording"]);
    expect(vague.map((d) => d.message)).toEqual([
      'competency "mooring" at "deckhand" uses wording nobody can measure: "appropriately"',
      'competency "mooring" at "bosun" uses wording nobody can measure: "various"',
      'competency "mooring" at "bosun" uses wording nobody can measure: "as needed"',
    ]);
    const [hole] = await findings(fixture("span-hole-bad"), ["span-hole"]);
    expect(hole?.message).toBe(
      'competency "mooring" skips "bosun" between levels it describes on track "crew"',
    );
    expect(hole?.hint).toBe('add "bosun" to the competency\'s levels');
  });

  it("span-hole: a rung left out just past a fork is a hole on that branch; the other branch is whole", async () => {
    const holes = await findings(fixture("span-hole-fork"), ["span-hole"]);
    expect(holes.map((d) => d.message)).toEqual([
      'competency "mooring" skips "second-officer" between levels it describes on track "deck"',
    ]);
    // the same rung written: no hole on either branch
    const whole = fixture("span-hole-fork")
      .replace("[deckhand, mate, first-officer,", "[deckhand, mate, second-officer, first-officer,")
      .replace(
        "          first-officer:",
        "          second-officer: Moors a vessel on a falling tide.\n          first-officer:",
      );
    expect(await findings(whole, ["span-hole"])).toEqual([]);
  });

  it("default severities: warnings, and info for the two that only ask for a second look", async () => {
    const severities = new Map<string, string>();
    for (const code of LADDER_RULES) {
      for (const d of await findings(fixture(`${code}-bad`), [code])) severities.set(code, d.severity);
    }
    expect(Object.fromEntries(severities)).toEqual({
      "same-as-adjacent": "warning",
      "level-adds-nothing": "warning",
      "vague-wording": "warning",
      "intensifier-only": "info",
      "outlier-length": "info",
      "span-hole": "warning",
    });
  });

  it("a framework sets each rule's severity in lint:, and replaces the word lists in lintWords", async () => {
    const strict = fixture("vague-wording-bad").replace(
      "tracks:",
      "lint: { vague-wording: error, intensifier-only: off }\ntracks:",
    );
    expect((await findings(strict, ["vague-wording"])).map((d) => d.severity)).toEqual([
      "error",
      "error",
      "error",
    ]);
    const quiet = fixture("intensifier-only-bad").replace(
      "tracks:",
      "lint: { intensifier-only: off }\ntracks:",
    );
    expect(await findings(quiet, ["intensifier-only"])).toEqual([]);

    const ownWords = fixture("vague-wording-bad").replace(
      "tracks:",
      "lintWords: { vague: [vessel] }\ntracks:",
    );
    const own = await findings(ownWords, ["vague-wording"]);
    expect(own.map((d) => d.message.split(": ").at(-1))).toEqual(['"vessel"', '"vessel"']);

    // with no intensifiers, "some" → "most" counts as a real difference
    const noIntensifiers = fixture("intensifier-only-bad").replace(
      "tracks:",
      "lintWords: { intensifiers: [] }\ntracks:",
    );
    expect(await findings(noIntensifiers, ["intensifier-only"])).toEqual([]);
  });

  it("whole words only: 'etc' inside 'fetch' and 'various' inside 'variously' pass", async () => {
    const yaml = fixture("vague-wording-good").replace(
      "Ties off a vessel with the two knots the harbour rules name.",
      "Fetches the lines variously stowed on deck.",
    );
    expect(await findings(yaml, ["vague-wording"])).toEqual([]);
  });

  it("the bundled examples trip no ladder rule", async () => {
    for (const name of readdirSync(join(repo, "examples"))) {
      const result = await checkFramework(join(repo, "examples", name), nodeFileSystem);
      expect(located(result.diagnostics.filter((d) => LADDER_RULES.includes(d.code))), name).toEqual([]);
    }
  });
});
