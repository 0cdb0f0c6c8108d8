import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOccupationCode, type OccupationCatalog, parseSchemeCsv, parseSocCsv } from "./occupations.js";

const root = new URL("../../", import.meta.url).pathname;
const soc = parseSocCsv(readFileSync(join(root, "data/soc2018.csv"), "utf8"));
const isco = parseSchemeCsv(readFileSync(join(root, "test/fixtures/schemes/isco-08.csv"), "utf8")).list;
const catalog: OccupationCatalog = Object.assign(new Map(soc), { schemes: new Map([["isco-08", isco]]) });

describe("checkOccupationCode: SOC 2018 and O*NET-SOC 2019", () => {
  it("a detailed SOC occupation is valid and has its title", () => {
    expect(checkOccupationCode("soc-2018", "15-1252", catalog)).toEqual({
      ok: true,
      title: "Software Developers",
    });
  });

  it("a broad group is not a detailed occupation, and the hint names some that are", () => {
    const check = checkOccupationCode("soc-2018", "15-1250", catalog);
    expect(check.ok).toBe(false);
    expect(check.problem).toBe(
      '"15-1250" is a broad group (Software and Web Developers, Programmers, and Testers), not a detailed occupation',
    );
    expect(check.hint).toContain("15-1252 Software Developers");
  });

  it("an unknown code is reported", () => {
    expect(checkOccupationCode("soc-2018", "15-9998", catalog)).toMatchObject({
      ok: false,
      problem: '"15-9998" is not an occupation in SOC 2018',
    });
  });

  it("O*NET suffixes .00 and .01 on a detailed code are valid; a bad suffix format is not", () => {
    expect(checkOccupationCode("onet-soc-2019", "15-1252.00", catalog)).toEqual({
      ok: true,
      title: "Software Developers",
    });
    expect(checkOccupationCode("onet-soc-2019", "15-1252.01", catalog).ok).toBe(true);
    for (const bad of ["15-1252.1", "15-1252.001", "15-1252", "15-1252-00"]) {
      const check = checkOccupationCode("onet-soc-2019", bad, catalog);
      expect(check).toMatchObject({ ok: false, problem: `"${bad}" is not a well-formed onet-soc-2019 code` });
      expect(check.hint).toBe("write it like 15-1252.00");
    }
  });
});

describe("checkOccupationCode: schemes with a code list", () => {
  it("a code in the list is valid and takes its title from the list", () => {
    expect(checkOccupationCode("isco-08", "2512", catalog)).toEqual({
      ok: true,
      title: "Software development professionals",
    });
    expect(checkOccupationCode("isco-08", "25", catalog).ok).toBe(true);
  });

  it("a code not in the list is an error with a suggestion", () => {
    const typo = checkOccupationCode("isco-08", "2152", catalog);
    expect(typo).toMatchObject({ ok: false, problem: '"2152" is not a code of isco-08' });
    expect(typo.hint).toMatch(/^did you mean "25\d\d" \(.+\)\?$/);
    expect(checkOccupationCode("isco-08", "2581", catalog).hint).toBe(
      'did you mean "2511" (Analysts of business information systems)?',
    );
    expect(checkOccupationCode("isco-08", "2560", catalog).hint).toBe(
      'codes under "25": 2511 Analysts of business information systems; 2512 Software development professionals; ' +
        "2513 Web and multimedia development professionals; 2514 Application programming professionals",
    );
    expect(checkOccupationCode("isco-08", "9999", catalog).hint).toBe("look the code up in the isco-08 list");
  });

  it("the format is still checked first, and a title written as the code is recognised", () => {
    expect(checkOccupationCode("isco-08", "25121", catalog)).toMatchObject({
      ok: false,
      problem: '"25121" is not a well-formed isco-08 code',
      hint: "write it like 2512",
    });
    expect(checkOccupationCode("isco-08", "Software development professional", catalog).hint).toBe(
      'did you mean "2512" (Software development professionals)?',
    );
  });

  it("without a list, ISCO-08 and ESCO are checked for format only; other schemes not at all", () => {
    const bare: OccupationCatalog = new Map(soc);
    expect(checkOccupationCode("isco-08", "2581", bare)).toEqual({ ok: true });
    expect(checkOccupationCode("esco", "not-a-uri", bare).ok).toBe(false);
    expect(checkOccupationCode("internal", "anything", bare)).toEqual({ ok: true });
  });

  it("a scheme rungs has no rules for is checked against its list when one is loaded", () => {
    const own: OccupationCatalog = Object.assign(new Map(), {
      schemes: new Map([["acme-jobs", parseSchemeCsv("ENG-1,Engineer\nENG-2,Senior engineer\n").list]]),
    });
    expect(checkOccupationCode("acme-jobs", "ENG-2", own)).toEqual({ ok: true, title: "Senior engineer" });
    expect(checkOccupationCode("acme-jobs", "ENG-3", own).hint).toBe('did you mean "ENG-1" (Engineer)?');
    expect(checkOccupationCode("acme-jobs", "Senior Engineer", own).hint).toBe(
      'did you mean "ENG-2" (Senior engineer)?',
    );
  });
});

describe("parseSchemeCsv", () => {
  it("reads code,title[,parent] rows with an optional header, comments and quoted fields", () => {
    const { list, problems } = parseSchemeCsv(
      '\uFEFF# a comment\ncode,title,parent\n1,"Managers, all",\n13,Specialist managers,1\n\n',
    );
    expect([...list.values()]).toEqual([
      { code: "1", title: "Managers, all" },
      { code: "13", title: "Specialist managers", parent: "1" },
    ]);
    expect(problems).toEqual([]);
  });

  it("reports rows without a title and repeated codes, by line, and keeps the first", () => {
    const { list, problems } = parseSchemeCsv("1,One\n2\n1,Again\n");
    expect(list.get("1")?.title).toBe("One");
    expect(problems).toEqual([
      { line: 2, message: 'a row needs a code and a title: "2"' },
      { line: 3, message: 'code "1" is listed twice; the first row is used' },
    ]);
  });
});
