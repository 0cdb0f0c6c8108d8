import { describe, expect, it } from "vitest";
import { indexFramework } from "../model.js";
import type { Framework } from "../schema.js";
import { roleData, schemeName } from "./role.js";

const framework: Framework = {
  rungs: 1,
  id: "jobs",
  name: "Jobs",
  tracks: [{ id: "t", name: "Track" }],
  dimensions: [
    { id: "scope", name: "Scope" },
    { id: "know", name: "Knowledge", kind: "rubric" },
    { id: "impact", name: "Impact" },
    { id: "collab", name: "Collaboration", kind: "rubric" },
  ],
  levels: [
    { id: "l1", name: "One", track: "t", codes: { x: "L1" }, dimensions: { scope: "Small", know: "Basics" } },
    {
      id: "l2",
      name: "Two",
      title: "Engineer Two",
      track: "t",
      follows: ["l1"],
      dimensions: { impact: "Team" },
    },
  ],
  families: [
    { id: "eng", name: "Engineering" },
    { id: "sre", name: "Reliability", parent: "eng" },
  ],
  sources: [
    {
      id: "handbook",
      title: "Handbook",
      review: { scores: { accuracy: 4, clarity: 2 }, passMark: 3, reviewer: "Board" },
    },
    { id: "soc", title: "SOC 2018", url: "https://www.bls.gov/soc/2018/" },
    { id: "unused", title: "Not cited" },
  ],
  roles: [
    {
      id: "sre",
      name: "Site Reliability Engineer",
      family: "sre",
      code: "SWE.SRE",
      summary: "Keeps things up.",
      tracks: ["t"],
      levels: ["l1", "l2"],
      responsibilities: { l2: ["Runs incidents."] },
      skills: [{ name: "Observability", description: "Logs, metrics, traces." }],
      aliases: ["SRE"],
      classifications: [
        { scheme: "soc-2018", code: "15-1244", match: "close", note: "Close enough.", sources: ["soc"] },
        { scheme: "esco", code: "http://data.europa.eu/esco/occupation/x" },
      ],
      related: ["dev", "ghost"],
      sources: ["handbook"],
    },
    { id: "dev", name: "Developer", family: "eng", levels: ["l1"] },
  ],
};
const index = indexFramework(framework);
const titles = (scheme: string, code: string) =>
  scheme === "soc-2018" && code === "15-1244" ? "Network and Computer Systems Administrators" : undefined;

describe("roleData", () => {
  it("is undefined for an unknown role", () => {
    expect(roleData(index, "nope")).toBeUndefined();
  });

  it("gives family with its parent, code, summary, tracks and levels spanned", () => {
    const data = roleData(index, "sre", titles);
    expect(data?.family).toEqual({
      id: "sre",
      name: "Reliability",
      parent: { id: "eng", name: "Engineering" },
    });
    expect(data?.code).toBe("SWE.SRE");
    expect(data?.tracks).toEqual([{ id: "t", name: "Track" }]);
    expect(data?.levels.map((l) => [l.id, l.label, l.known])).toEqual([
      ["l1", "L1", true],
      ["l2", "Two", true],
    ]);
    expect(data?.levels[1]?.responsibilities).toEqual(["Runs incidents."]);
    expect(data?.levels[0]?.responsibilities).toEqual([]);
  });

  it("puts rubric dimensions first, then the others, and aligns each level's values to them", () => {
    const data = roleData(index, "sre", titles);
    expect(data?.dimensions.map((d) => d.id)).toEqual(["know", "collab", "scope", "impact"]);
    expect(data?.levels[0]?.dimensions).toEqual(["Basics", null, "Small", null]);
    expect(data?.levels[1]?.dimensions).toEqual([null, null, null, "Team"]);
  });

  it("classification codes carry the scheme's name, the catalog title where known, the match type (unknown where the file is silent) and their sources", () => {
    expect(roleData(index, "sre", titles)?.classifications).toEqual([
      {
        scheme: "soc-2018",
        schemeName: "SOC 2018",
        code: "15-1244",
        title: "Network and Computer Systems Administrators",
        match: "close",
        note: "Close enough.",
        sources: ["soc"],
      },
      {
        scheme: "esco",
        schemeName: "ESCO",
        code: "http://data.europa.eu/esco/occupation/x",
        match: "unknown",
      },
    ]);
    expect(schemeName("onet-soc-2019")).toBe("O*NET-SOC 2019");
    expect(schemeName("house-scheme")).toBe("house-scheme");
  });

  it("related roles say whether they exist; sources cited anywhere on the role come with their review", () => {
    const data = roleData(index, "sre", titles);
    expect(data?.related).toEqual([
      { id: "dev", name: "Developer", known: true },
      { id: "ghost", name: "ghost", known: false },
    ]);
    expect(data?.sources.map((s) => s.id)).toEqual(["handbook", "soc"]);
    expect(data?.sources[0]?.review).toEqual({
      scores: [
        { criterion: "accuracy", score: 4, passes: true },
        { criterion: "clarity", score: 2, passes: false },
      ],
      passMark: 3,
      passes: false,
      reviewer: "Board",
    });
  });
});
