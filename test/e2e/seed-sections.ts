/**
 * What each of the five seed documents (../shared/seeds, issue 14) shows, checked on the bundled example in
 * its shape: every section the seed has is found on the page where a reader expects it. The same checks run
 * against the server (seeds.test.ts) and against the static site opened from disk (static-seeds.test.ts).
 * axe-core runs on every page visited (on the server's pages: the static site's are the same markup, and
 * axe cannot re-read a stylesheet over file://); the level page and the matrix are also checked at 360 px.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const SEED_EXAMPLES = [
  "examples/seed-role-profile",
  "examples/seed-goal-templates",
  "examples/seed-level-page",
  "examples/seed-forked-ladder",
  "examples/seed-leveled-matrix",
];

export interface SeedCheck {
  name: string;
  /** The site path opened first (`/frameworks/…/`, maybe with a query). */
  path: string;
  width?: number;
  /**
   * `go` opens another site path in the same page and waits until it has settled; `shot` saves a screenshot;
   * `axe` expects no serious axe-core violations on the page as it is (at the page's width) where the run checks them.
   */
  check: (
    page: Page,
    go: (path: string) => Promise<void>,
    shot: (name: string) => Promise<void>,
    axe: () => Promise<void>,
  ) => Promise<void>;
}

/** The text of the section whose heading has this id (`<id>-h`). */
const section = (page: Page, id: string) => page.locator(`section#${id}`);

export const SEED_CHECKS: SeedCheck[] = [
  {
    name: "000 role profile, in the seed's order: family and focus, code, responsibilities by level, rubric, skills, provenance, the level's summary and bars, adjacent, aliases, codes",
    path: "/frameworks/seed-role-profile/roles/platform-engineer/?level=p3",
    check: async (page, _go, shot, axe) => {
      await expect(page.locator("h1").textContent()).resolves.toBe("Platform engineer");
      const facts = await page.locator(".role-head").innerText();
      expect(facts).toContain("Technology roles › Platform");
      expect(facts).toContain("TECH.PLAT.ENG");
      await expect(page.locator("#level-p3[aria-current=true]").innerText()).resolves.toContain(
        "Designs the deployment platform of several products.",
      );
      // the seed's order: responsibilities, rubric, skills, provenance, then the highlighted level with its
      // one-line summary and its bars, the adjacent roles, aliases and codes (related and compare are ours)
      const order = await page.locator(".role-page > section").evaluateAll((els) => els.map((e) => e.id));
      expect(order).toEqual([
        "summary",
        "family",
        "responsibilities",
        "rubric",
        "skills",
        "sources",
        "level",
        "calibration",
        "dimensions",
        "adjacent",
        "aliases",
        "classifications",
        "related",
        "compare",
      ]);
      await expect(section(page, "level").locator("h2:visible").textContent()).resolves.toBe(
        "Level P3 — Senior professional",
      );
      await expect(section(page, "level").locator(".level-summary:visible").textContent()).resolves.toBe(
        "Experienced hand; takes on complex, open problems and may lead small efforts.",
      );
      expect(await section(page, "rubric").locator("thead th").allInnerTexts()).toEqual([
        "Level",
        "Knowledge and application",
        "Complexity and problem solving",
        "Collaboration and interaction",
      ]);
      // six calibration bars apart from the typical experience, as the framework marks them
      expect(await section(page, "calibration").locator("thead th").count()).toBe(7);
      expect(await section(page, "dimensions").locator("thead th").allInnerTexts()).toEqual([
        "Level",
        "Typical experience",
      ]);
      await expect(section(page, "skills").innerText()).resolves.toContain("Infrastructure as code");
      await expect(section(page, "adjacent").innerText()).resolves.toMatch(/close|needs review|far/);
      await expect(section(page, "aliases").innerText()).resolves.toContain(
        "No title aliases are recorded for this role yet.",
      );
      const codes = await section(page, "classifications").locator("tbody tr").allInnerTexts();
      expect(codes[0]).toMatch(/SOC 2018\s+15-1244.*close\s+Standard Occupational Classification manual/s);
      expect(codes[1]).toMatch(/O\*NET-SOC 2019\s+15-1244\.00.*not stated/s);
      const provenance = await section(page, "sources").innerText();
      expect(provenance).toContain("Review scores (1–5): accuracy 5, coverage 4, currency 4");
      expect(provenance).toContain("Passes at ≥ 4 on the lowest score: lowest 4, passes.");
      await axe();
      await shot("seed-role-profile");
    },
  },

  {
    name: "001 goal templates: goals headed with the level code, SMART, OKRs, MBO, scorecard, three calibration bars",
    path: "/frameworks/seed-goal-templates/roles/clinical-analyst/goals/a3/",
    check: async (page, _go, _shot, axe) => {
      // the kinds are tabs: the hidden ones count too
      const text = (await page.locator("main").textContent()) ?? "";
      for (const heading of ["SMART goals", "OKRs", "MBO areas", "Scorecard"])
        expect(text).toContain(heading);
      expect(text).toContain("responsibility (A3)");
      // the goals are headed with the level's code, as the seed heads them
      await expect(page.locator(".goals-kicker").textContent()).resolves.toBe(
        "Data and analytics · Clinical data analyst · A3 — Senior analyst",
      );
      // the bars the framework marks, not the typical experience
      expect(text).toContain("Complexity");
      expect(text).not.toContain("Typical experience bar");
      await axe();
    },
  },

  {
    name: "002 level page: intro at the top, responsibilities, three rating bands, strong performer, managing",
    path: "/frameworks/seed-level-page/levels/l4/",
    check: async (page, go, _shot, axe) => {
      await expect(page.locator("h1").textContent()).resolves.toBe("Senior Game Engineer");
      const order = await page.locator(".level-body > section").evaluateAll((els) => els.map((e) => e.id));
      // the intro before everything else; the strong performer placed before the expectations, managing after
      expect(order.slice(0, 5)).toEqual([
        "summary",
        "narrative",
        "responsibilities",
        "guidance-1",
        "expectations",
      ]);
      expect(order).toContain("guidance-2");
      await expect(section(page, "narrative").innerText()).resolves.toContain("set how their team builds");
      expect(await page.locator("table.ratings thead th").allInnerTexts()).toEqual([
        "Competency",
        "Needs improvement",
        "Meets expectations",
        "Exceeds expectations",
      ]);
      await expect(section(page, "guidance-1").innerText()).resolves.toContain(
        "What a strong performer looks like",
      );
      await expect(section(page, "guidance-2").innerText()).resolves.toContain(
        "Managing people at this level",
      );
      expect(await section(page, "guidance-2").locator("h3").allInnerTexts()).toEqual([
        "How to work with them",
        "Where to help them grow",
        "Signs of progress",
        "Mistakes to avoid",
      ]);
      // the table of contents stays in view on a wide screen
      expect(await page.locator(".level-toc").evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
      await axe();

      // a cell given only as rating-band texts is not empty in the matrix: the meets band stands for it
      await go("/frameworks/seed-level-page/matrix/");
      await expect(page.locator("#cell-technical-expertise--l4 .statement").innerText()).resolves.toContain(
        "sets patterns the team reuses",
      );
      await axe();
    },
  },

  {
    name: "003 forked ladder: tracks side by side by rank, fork and top markers, leverage, stage matrices, documents, beyond",
    path: "/frameworks/seed-forked-ladder/",
    check: async (page, go, shot, axe) => {
      const order = await page.locator("main > section").evaluateAll((els) => els.map((e) => e.id));
      expect(order.indexOf("guidance-1")).toBeLessThan(order.indexOf("ladder"));
      expect(order.indexOf("guidance-2")).toBeGreaterThan(order.indexOf("levels"));
      await expect(section(page, "guidance-1").locator("h3").allInnerTexts()).resolves.toEqual([
        "The trunk",
        "The fork",
      ]);
      // Principal (IC) and Director (management) share a rank: drawn side by side at one height
      const y = (name: string) =>
        page.locator(".ladder a.node", { hasText: name }).locator("rect").getAttribute("y");
      expect(await y("Principal")).toBe(await y("Director"));
      const markers = await page.locator(".ladder text.marker").allTextContents();
      expect(markers).toEqual(["fork point", "top", "top"]);
      await expect(section(page, "levels").innerText()).resolves.toContain("A team's output");
      await expect(section(page, "beyond").innerText()).resolves.toContain("one at a time");
      await axe();
      await shot("seed-forked-ladder");

      await go("/frameworks/seed-forked-ladder/areas/discover/");
      // what the stage is about, and what each of its competencies covers
      await expect(page.locator("main > .area-lead").innerText()).resolves.toBe(
        "Working out which problem is worth solving before anyone builds.",
      );
      await expect(page.locator("#competency-user-research").innerText()).resolves.toContain(
        "Learning from the people who use the product",
      );
      // a stage of one competency: the mirror says so in the singular
      await expect(page.locator("#mirror-summary").innerText()).resolves.toContain(
        "In the one competency, pick",
      );
      await expect(page.locator("#takeaway-mid").innerText()).resolves.toContain("question behind a request");
      await expect(page.locator("#note").innerText()).resolves.toContain("shape discovery");
      await expect(page.locator(".area-documents a").getAttribute("href")).resolves.toBe(
        "https://handbook.fernhill.example/discover",
      );
      // the stage and its competencies name their sources
      await expect(page.locator("main > .source-line").innerText()).resolves.toBe(
        "Source: Fernhill studio handbook",
      );
      await expect(page.locator("#competency-user-research .source-line").innerText()).resolves.toBe(
        "Source: Research guild notes",
      );
      await axe();

      await go("/frameworks/seed-forked-ladder/levels/lead/");
      await expect(page.locator(".level-kicker").innerText()).resolves.toContain("Fork point");
      await expect(page.locator("#area-build .area-documents").innerText()).resolves.toContain(
        "Build and release checklist",
      );
      await expect(page.locator("#next-principal").innerText()).resolves.toContain(
        "hardest technical problem",
      );
      await expect(page.locator("#next-director").innerText()).resolves.toContain("Grow two leads");
      await axe();
    },
  },

  {
    name: "004 leveled matrix: areas × competencies × numbered levels, folded elaborations, criteria, carried cells, rows that span part of the levels",
    path: "/frameworks/seed-leveled-matrix/matrix/",
    check: async (page, _go, shot, axe) => {
      expect(await page.locator("#matrix tbody .area-row").allInnerTexts()).toEqual([
        "Technical skills",
        "Delivery",
        "People",
      ]);
      expect(await page.locator("#matrix thead th[data-level]").count()).toBe(5);
      const apart = page.locator("#cell-code--3 details.apart");
      expect(await apart.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await expect(page.locator("#cell-testing--1 ol.criteria li").count()).resolves.toBe(2);
      await expect(page.locator("#cell-testing--2 .cell-unchanged").innerText()).resolves.toContain(
        "As Level 1",
      );
      // the overview shows every cell at once; jump links lead to each area
      expect(await page.locator("[data-overview-cell]").count()).toBe(5 * 5);
      // a row that starts above the first level and stops below the last leaves those cells blank
      expect(await page.locator("#cell-architecture--1").getAttribute("class")).toContain("is-outside");
      expect(await page.locator("#cell-architecture--5").getAttribute("class")).toContain("is-outside");
      await expect(page.locator("#cell-architecture--2").innerText()).resolves.toContain("Sketches how");
      expect(await page.locator(".area-jumps a").allInnerTexts()).toEqual([
        "Technical skills",
        "Delivery",
        "People",
      ]);
      // before any pick the mirror has no target (not the lowest level), and printing leaves its panel out
      expect(await page.locator("#mirror-target").inputValue()).toBe("");
      await expect(page.locator("#mirror-summary").innerText()).resolves.toContain("Nothing picked yet");
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("#mirror").evaluate((el) => getComputedStyle(el).display)).toBe("none");
      await page.emulateMedia({ media: "screen" });
      await axe();
      await shot("seed-leveled-matrix");
    },
  },

  {
    name: "at 360 px the level page and the matrix fit the phone and stay accessible",
    path: "/frameworks/seed-leveled-matrix/levels/2/",
    width: 360,
    check: async (page, go, _shot, axe) => {
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(1);
      // the table of contents sits above the content, not beside it
      expect(await page.locator(".level-toc").evaluate((el) => getComputedStyle(el).position)).not.toBe(
        "sticky",
      );
      await expect(page.locator("#exp-testing ol.criteria").innerText()).resolves.toContain("(from Level 1)");
      await axe();
      await go("/frameworks/seed-leveled-matrix/matrix/");
      expect(await overflow()).toBeLessThanOrEqual(1);
      await axe();
    },
  },
];
