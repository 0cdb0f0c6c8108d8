import { beforeAll, describe, expect, it } from "vitest";
import { type FrameworkSnapshot, type Profile, profileOf, snapshotOf } from "../../core/assessment.js";
import { indexFramework } from "../../core/model.js";
import { nodeFileSystem } from "../../load/fs-port.js";
import { loadFramework } from "../../load/load-framework.js";
import { ProfileTable, RadarChart, StripChart } from "./profile-chart.js";

const root = new URL("../../../", import.meta.url).pathname;
let eng: FrameworkSnapshot;
let profile: Profile;

/** Renders a component to its HTML; pages are synchronous, so anything else is a failure here. */
function render(node: unknown): string {
  const html = node === null || node === undefined ? "" : String(node);
  expect(html).not.toContain("[object Promise]");
  return html;
}

const count = (html: string, needle: string | RegExp) =>
  typeof needle === "string" ? html.split(needle).length - 1 : (html.match(needle) ?? []).length;

beforeAll(async () => {
  const loaded = await loadFramework(`${root}examples/engineering`, nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load examples/engineering");
  eng = snapshotOf(indexFramework(loaded.framework), "v1");
  // mid, aiming at senior: a jagged profile with two gaps, strengths and one competency not assessed
  const picks = new Map(eng.competencies.map((c) => [c.id, "senior"]));
  picks.set("code-quality", "junior");
  picks.set("planning", "mid");
  picks.set("hiring", "staff");
  picks.delete("communication");
  profile = profileOf(eng, picks, "mid");
});

describe("RadarChart", () => {
  it("is an image with a title and a summary, and draws a polygon per series", () => {
    const html = render(RadarChart({ profile, snapshot: eng }));
    expect(html).toMatch(/<svg[^>]* role="img"/);
    expect(html).toContain('aria-labelledby="profile-radar-title profile-radar-desc"');
    expect(html).toContain('<title id="profile-radar-title">');
    expect(html).toMatch(
      /<desc id="profile-radar-desc">Assessed level in 18 of 19 competencies, against the current level Mid and the target level Senior\. 2 competencies below the target; the largest gap is Code &amp; design quality, 2 levels below\./,
    );
    for (const series of ["pick", "current", "target"])
      expect(count(html, `data-series="${series}"`), series).toBe(1);
    expect(count(html, /<path d="M[^"]*Z" class="series target"/g)).toBe(1);
    // a dot per assessed competency, saying which level
    expect(count(html, "<circle")).toBe(18);
    expect(html).toContain("<title>\u2068Hiring &amp; team building\u2069: \u2068Staff\u2069</title>");
  });

  it("labels every competency, with the whole name where the label is cut", () => {
    const html = render(RadarChart({ profile, snapshot: eng }));
    expect(count(html, 'class="competency"')).toBe(eng.competencies.length);
    expect(html).toContain("<title>Customer &amp; product understanding</title>");
  });

  it("has a visible legend naming the levels", () => {
    const html = render(RadarChart({ profile, snapshot: eng }));
    expect(html).toMatch(
      /<figcaption class="chart-legend">.*Assessed level.*Current level: Mid.*Target level: Senior/s,
    );
    const noCurrent = render(RadarChart({ profile: profileOf(eng, new Map(), null, "lead"), snapshot: eng }));
    expect(noCurrent).not.toContain("Current level");
    expect(noCurrent).not.toContain('data-series="current"');
    expect(noCurrent).toContain("Target level: Lead");
  });

  it("gives two charts on one page their own ids", () => {
    const html = render(RadarChart({ profile, snapshot: eng, id: "before" }));
    expect(html).toContain('aria-labelledby="before-title before-desc"');
    expect(html).not.toContain("profile-radar");
  });
});

describe("StripChart", () => {
  it("draws the jagged line between the current and target levels, labelled by level and competency", () => {
    const html = render(StripChart({ profile, snapshot: eng }));
    expect(html).toMatch(/<svg[^>]* role="img"/);
    expect(html).toContain('<desc id="profile-strip-desc">');
    for (const series of ["pick", "current", "target"])
      expect(count(html, `data-series="${series}"`), series).toBe(1);
    // the not-assessed competency breaks the line in two
    expect(html).toMatch(/<path d="M[^"]*M[^"]*" class="series pick"/);
    expect(count(html, 'class="competency"')).toBe(eng.competencies.length);
    expect(count(html, 'class="level"')).toBe(9);
    expect(html).toContain("<title>Principal / Director</title>");
    expect(html).toMatch(/transform="rotate\(-60 /);
  });
});

describe("ProfileTable", () => {
  it("has a row per competency with area, levels and the gap in words", () => {
    const html = render(ProfileTable({ profile, snapshot: eng }));
    expect(count(html, '<th scope="col">')).toBe(6);
    expect(count(html, '<tr id="profile-')).toBe(eng.competencies.length);
    expect(html).toContain(
      "<caption>Assessed level per competency, against the current level (Mid) and the target level (Senior)</caption>",
    );
    const row = (id: string) =>
      html.match(new RegExp(`<tr id="profile-${id}"[^>]*>(.*?)</tr>`, "s"))?.[1] ?? "";
    expect(row("code-quality")).toBe(
      '<th scope="row">Code &amp; design quality</th><td>Technical craft</td><td>Junior</td><td>Mid</td><td>Senior</td><td data-gap="-2">2 levels below</td>',
    );
    expect(row("planning")).toContain("1 level below");
    expect(row("hiring")).toContain("2 levels above");
    expect(row("execution")).toContain("At the target");
    expect(row("communication")).toContain("<td>Not assessed</td>");
    expect(html).toMatch(/<tr id="profile-communication" class="gap-unpicked">/);
  });
});

describe("escaping", () => {
  it("escapes framework text everywhere it is shown", () => {
    const hostile = '<script>alert("x")</script> & a very long name that will be cut';
    const snapshot: FrameworkSnapshot = {
      ...eng,
      levels: eng.levels.map((l) => (l.id === "mid" ? { ...l, name: "<b>Mid</b>" } : l)),
      competencies: eng.competencies.map((c, i) =>
        i === 0 ? { ...c, name: hostile, areaName: "<i>Area</i>" } : c,
      ),
    };
    const p = profileOf(snapshot, new Map([[eng.competencies[0]?.id ?? "", "mid"]]), "mid");
    const html = [
      render(RadarChart({ profile: p, snapshot })),
      render(StripChart({ profile: p, snapshot })),
      render(ProfileTable({ profile: p, snapshot })),
    ].join("\n");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a very long name that will be cut",
    );
    expect(html).toContain("Current level: &lt;b&gt;Mid&lt;/b&gt;");
  });
});
