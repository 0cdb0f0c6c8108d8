import { expect, it } from "vitest";
import { signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { rowCells, type TeamJson, teamJson, teamOrg } from "../../../../test/support/team-org.js";
import { can, personActor } from "../../auth/policy.js";

describeEachDatabase(
  "team views: the heatmap, distribution, readiness, the unassessed, calibration, and who sees whom",
  (ctx) => {
    const org = () => teamOrg(ctx);

    it("shows each competency relative to the person's own level, from the agreed assessment first", async () => {
      const { app, pat, pete, lin } = await org();
      const mia = await signedIn(app, "mia@example.com");
      const json = await teamJson(mia);
      const eng = json.frameworks.find((f) => f.id === "engineering");
      if (!eng) throw new Error("no engineering group");
      const ids = eng.competencies.map((c) => c.id);
      const patRow = eng.people.find((p) => p.id === pat.id);
      expect(patRow?.assessment?.kind).toBe("agreed");
      const delta = (row: typeof patRow, competency: string) => row?.deltas[ids.indexOf(competency)];
      expect(delta(patRow, "code-quality")).toBe(1); // lead (4) − senior (3)
      expect(delta(patRow, "testing-reliability")).toBe(0);
      expect(delta(patRow, "planning")).toBe(2); // staff (5)
      expect(delta(patRow, "execution")).toBe(-3); // intern (0)
      expect(delta(patRow, "communication")).toBe(2); // manager (5), another track
      expect(delta(patRow, "feedback")).toBeNull(); // not picked
      expect(patRow?.picks[ids.indexOf("planning")]).toBe("staff");
      // Pete: a manager assessment beats his own
      const peteRow = eng.people.find((p) => p.id === pete.id);
      expect(peteRow?.assessment?.kind).toBe("manager");
      expect(delta(peteRow, "hiring")).toBe(1);
      // Lin: only a self-assessment, in the closed cycle, on another framework
      const product = json.frameworks.find((f) => f.id === "product-matrix");
      const linRow = product?.people.find((p) => p.id === lin.id);
      expect(linRow?.assessment?.kind).toBe("self");
      expect(linRow?.deltas[product?.competencies.findIndex((c) => c.id === "writing") ?? -1]).toBe(1);
      expect(linRow?.deltas[product?.competencies.findIndex((c) => c.id === "scoping") ?? -1]).toBe(-2);

      // the page says the same, each number in text and its colour as a class
      const page = await mia.get("/team/");
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("private, no-store");
      const cells = rowCells(page.body, pat.id);
      expect(cells).toHaveLength(ids.length);
      expect(cells[ids.indexOf("code-quality")]).toEqual(["d1", "+1"]);
      expect(cells[ids.indexOf("testing-reliability")]).toEqual(["d0", "0"]);
      expect(cells[ids.indexOf("execution")]).toEqual(["d-2", "\u22123"]);
      expect(cells[ids.indexOf("planning")]).toEqual(["d2", "+2"]);
      expect(cells[ids.indexOf("feedback")]).toEqual(["dn", "\u2014"]);
      const source = (id: string, kind: string) =>
        new RegExp(`<tr id="row-${id}">.*?<td data-label="Assessment" class="source">${kind} <time`);
      expect(page.body).toMatch(source(pat.id, "agreed"));
      expect(page.body).toMatch(source(pete.id, "manager"));
      // the table is of one framework (the viewer's by default); another is a choice away
      expect(page.body).toContain('id="heatmap-engineering"');
      expect(page.body).not.toContain(`id="row-${lin.id}"`);
      const productPage = await mia.get("/team/?framework=product-matrix");
      expect(productPage.body).toContain('id="heatmap-product-matrix"');
      expect(productPage.body).toMatch(source(lin.id, "self"));
      // competency names as column headers, cut when long: the full name on hover and as the header's name
      expect(page.body).toContain(
        '<th scope="col" class="competency" id="col-engineering-testing-reliability" title="Testing &amp; reliability" aria-label="Testing &amp; reliability"><span aria-hidden="true">Testing &amp; reliabi\u2026</span></th>',
      );
      expect(page.body).toContain(`href="/people/${pat.id}/profile/"`);
      // no inline styles anywhere in the heatmap
      expect(page.body).not.toMatch(/<t[dh][^>]* style=/);
      // the track filter names each track as the framework does, on the table and the heatmap by team
      const trackOptions =
        '<option value="" selected="">Any track</option><option value="trunk">Shared trunk</option><option value="ic">Individual contributor</option>';
      expect(page.body).toContain(trackOptions);
      expect((await mia.get("/team/by-team/")).body).toContain(trackOptions);
    });

    it("counts the distribution per competency and lists who is ready for their next level", async () => {
      const { app, pat, pete } = await org();
      const mia = await signedIn(app, "mia@example.com");
      const json = await teamJson(mia);
      const eng = json.frameworks.find((f) => f.id === "engineering");
      const planning = eng?.distribution.find((d) => d.competency === "planning");
      // Pat +2 (staff), Pete +1 (senior); Quinn is not assessed
      expect(planning?.counts).toEqual({ "-2-": 0, "-1": 0, "0": 0, "+1": 1, "+2+": 1 });
      const execution = eng?.distribution.find((d) => d.competency === "execution");
      expect(execution?.counts).toEqual({ "-2-": 1, "-1": 0, "0": 0, "+1": 1, "+2+": 0 });
      // Pete's manager picked senior everywhere senior expects something: ready for senior
      expect(json.meetsNext).toEqual([
        { id: pete.id, name: "Pete Peer", framework: "engineering", level: "mid", next: "senior" },
      ]);
      expect(eng?.people.find((p) => p.id === pat.id)?.meetsNext).toBe(false);
      // the database finds the same people ready (the status filter), and counts them by team
      const ready = await mia.get("/team/?status=ready");
      expect([...ready.body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1])).toEqual([pete.id]);
      const byTeam = await mia.get("/team/by-team/");
      expect(byTeam.status).toBe(200);
      const teamRow = (id: string) =>
        new RegExp(`<tr id="team-${id}">(.*?)</tr>`).exec(byTeam.body)?.[1] ?? "";
      // Pat's team is Pat and Quinn; each team's cell is its mean: planning Pat +2, Quinn not assessed
      expect(teamRow(pat.id)).toContain(
        `framework=engineering&amp;team=${pat.id}" title="\u2068Pat Person\u2069: drill down"`,
      );
      expect(teamRow(pat.id)).toContain(
        `&amp;team=${pat.id}">2</a></td><td data-label="Assessed">1</td><td data-label="Ready">0</td>`,
      );
      expect(teamRow(pat.id)).toContain('<td data-label="Planning &amp; estimation" class="d2">+2.0</td>');
      // a framework without criteria: no count of criteria shown, and no word about one
      expect(byTeam.body).not.toContain("criteria-count");
      expect(byTeam.body).not.toContain("ticked as shown");
      expect(teamRow(pete.id)).toContain('<td data-label="Ready">1</td>');
    });

    it("lists who has no assessment in the open cycle, and in a past cycle when asked", async () => {
      const { app, store, lin, sam, quinn, pat, c1, c2 } = await org();
      const mia = await signedIn(app, "mia@example.com");
      const json = await teamJson(mia);
      expect(json.due?.id).toBe(c2.id);
      expect(json.unassessed.map((p) => p.name).sort()).toEqual([lin.name, sam.name, quinn.name].sort());
      expect(json.withoutFramework).toEqual([{ id: sam.id, name: "Sam Someone", framework: null }]);
      const page = await mia.get("/team/?status=unassessed");
      expect(page.body).toContain("Assessed means a submitted assessment in <bdi>Spring 2030</bdi>");
      // on the engineering table: Quinn (Lin is on another framework, Sam on none)
      expect([...page.body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1])).toEqual([quinn.id]);

      // a past cycle: only its assessments count
      const past = await teamJson(mia, `/api/team?cycle=${c1.id}`);
      expect(past.cycle?.id).toBe(c1.id);
      const eng = past.frameworks.find((f) => f.id === "engineering");
      const patRow = eng?.people.find((p) => p.id === pat.id);
      expect(patRow?.assessment).toMatchObject({ kind: "self", cycleId: c1.id });
      expect(patRow?.deltas[eng?.competencies.findIndex((c) => c.id === "code-quality") ?? -1]).toBe(-3);
      expect(past.unassessed.map((p) => p.name)).not.toContain("Pat Person");
      expect(past.unassessed.map((p) => p.name)).toContain("Pete Peer");

      // no cycle open: "no assessment yet" means never
      await store.cycles.close(c2.id);
      const none = await teamJson(mia);
      expect(none.due).toBeNull();
      expect(none.unassessed.map((p) => p.name).sort()).toEqual([sam.name, quinn.name].sort());
      expect((await mia.get("/team/")).body).toContain("No cycle is open");

      // a cycle id that is not one is refused by the schema; one that does not exist is a clear 404
      const malformed = await mia.get("/team/?cycle=nope");
      expect(malformed.status).toBe(422);
      expect(malformed.body).toContain("cycle");
      const missing = await mia.get("/team/?cycle=00000000-0000-4000-8000-000000000000");
      expect(missing.status).toBe(404);
      expect(missing.body).toContain("does not exist");
      const missingApi = await mia.get("/api/team?cycle=00000000-0000-4000-8000-000000000000");
      expect(missingApi.status).toBe(404);
      expect(JSON.parse(missingApi.body)).toMatchObject({ parameter: "cycle" });
    });

    it("shows a manager their whole subtree and nobody else, each of them readable under the policy", async () => {
      const { app, store, mia, gus, uma, ursula, pat } = await org();
      const ids = (json: TeamJson) => [
        ...json.frameworks.flatMap((f) => f.people.map((p) => p.id)),
        ...json.withoutFramework.map((p) => p.id),
      ];
      const asMia = await teamJson(await signedIn(app, "mia@example.com"));
      expect(asMia.people).toBe(5);
      expect(ids(asMia)).not.toContain(ursula.id);
      expect(ids(asMia)).not.toContain(mia.id);
      const asGus = await teamJson(await signedIn(app, "gus@example.com"));
      expect(ids(asGus)).toContain(mia.id);
      expect(ids(asGus)).toContain(pat.id);
      expect(ids(asGus)).not.toContain(ursula.id);
      const asUma = await teamJson(await signedIn(app, "uma@example.com"));
      expect(ids(asUma)).toEqual([ursula.id]);
      // the subtree is exactly whose assessments they may read
      for (const [manager, json] of [
        [mia, asMia],
        [gus, asGus],
        [uma, asUma],
      ] as const) {
        const actor = personActor(manager, (m, p) => store.people.manages(m, p));
        for (const id of ids(json)) expect((await can(actor, "assessment:read", { id })).allowed).toBe(true);
      }
      // the CSV too
      const csv = await (await signedIn(app, "uma@example.com")).get("/team/export.csv");
      expect(csv.body).toContain("Ursula Else");
      expect(csv.body).not.toContain("Pat Person");
      // deactivated people drop out of team views
      await store.people.deactivate(ursula.id);
      expect((await teamJson(await signedIn(app, "uma@example.com"))).people).toBe(0);
    });

    it("pages, drills down only into the viewer's own people, and refuses parameters it cannot read", async () => {
      const { app, mia, pat, quinn, pete, ursula } = await org();
      const gus = await signedIn(app, "gus@example.com");
      const rows = (body: string) => [...body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1]);
      // Gus drills into Mia's team: Mia and everyone below her, nobody else
      const drill = await gus.get(`/team/?team=${mia.id}&sort=level&dir=desc`);
      expect(drill.status).toBe(200);
      expect(drill.body).toContain("Your team: <bdi>Mia Manager</bdi>&#39;s team");
      expect(rows(drill.body)).toEqual([mia.id, pat.id, pete.id, quinn.id]);
      const byTeam = await gus.get(`/team/by-team/?team=${mia.id}`);
      expect(byTeam.body).toContain(`id="team-${pat.id}"`);
      expect(byTeam.body).not.toContain(`id="team-${ursula.id}"`);
      // a team that is not theirs is answered as if there were none, on both views
      const asMia = await signedIn(app, "mia@example.com");
      for (const path of ["/team/", "/team/by-team/"]) {
        const other = await asMia.get(`${path}?team=${ursula.id}`);
        expect(other.status).toBe(404);
        expect(other.body).not.toContain("Ursula");
      }
      expect((await asMia.get(`/team/?team=${mia.id}`)).status).toBe(404);
      // the last page, and the filters' blank choices mean "any"
      const page = await asMia.get("/team/?page=1&level=&status=&track=&cycle=");
      expect(page.status).toBe(200);
      expect(page.body).toContain("Page 1 of 1");
      // each parameter through its schema: a located 422, never a 500
      for (const bad of [
        "page=0",
        "page=abc",
        "sort=salary",
        "dir=up",
        "status=fired",
        "team=nope",
        "level=%00",
      ]) {
        const answer = await asMia.get(`/team/?${bad}`);
        expect(answer.status, bad).toBe(422);
        expect(answer.body, bad).toContain(bad.split("=")[0] as string);
      }
    });

    it("says when the team is on several frameworks, and switches with the other filters kept", async () => {
      const { app, lin, pat } = await org();
      const mia = await signedIn(app, "mia@example.com");
      const note = (body: string) => /<p[^>]*id="team-frameworks"[^>]*>(.*?)<\/p>/s.exec(body)?.[1];
      for (const view of ["/team/", "/team/by-team/"]) {
        const page = await mia.get(`${view}?status=assessed&sort=level&dir=desc&level=senior`);
        expect(page.body).toMatch(/id="team-count">[^<]* on <bdi>Engineering Career Framework/);
        const said = note(page.body) ?? "";
        expect(said, view).toContain("Shown: people on ");
        // Lin is the one on the product matrix; Sam is on none; the level is the engineering framework's own
        const href = /href="([^"]*framework=product-matrix[^"]*)"/.exec(said)?.[1]?.replace(/&amp;/g, "&");
        const asked = new URLSearchParams(href?.split("?")[1]);
        expect(href?.split("?")[0], view).toBe(view);
        expect(Object.fromEntries(asked)).toEqual({
          framework: "product-matrix",
          status: "assessed",
          sort: "level",
          dir: "desc",
        });
        expect(said).toContain("(1 person)</a>");
        expect(said).toContain("1 person is on no framework served here");
      }
      const product = await mia.get("/team/?framework=product-matrix");
      expect(product.body).toContain(`id="row-${lin.id}"`);
      // the select counts the people of the team only: Ursula (Uma's team) is nobody's here
      expect(product.body).toMatch(/<option value="engineering"[^>]*>[^<]*\(3 people\)<\/option>/);
      // a team all on one framework says nothing more
      expect(note((await mia.get(`/team/?team=${pat.id}`)).body)).toBeUndefined();
      // someone on no framework is shown what most of their people are on, and what else they are on
      const gus = await signedIn(app, "gus@example.com");
      const theirs = await gus.get("/team/");
      expect(theirs.body).toContain('id="heatmap-engineering"');
      expect(note(theirs.body)).toContain("(1 person)</a>");
    });

    it("gives someone without reports a friendly page, not an error", async () => {
      const { app } = await org();
      const pete = await signedIn(app, "pete@example.com");
      const page = await pete.get("/team/");
      expect(page.status).toBe(200);
      expect(page.body).toContain("Nobody reports to you");
      const json = await teamJson(pete);
      expect(json.people).toBe(0);
      expect(json.frameworks).toEqual([]);
    });

    it("shows admins the whole organization with calibration of managers against self-assessments", async () => {
      const { app, mia, uma, ursula } = await org();
      const ada = await signedIn(app, "ada@example.com");
      const json = await teamJson(ada, "/api/admin/team");
      expect(json.scope).toBe("organization");
      expect(json.people).toBe(10);
      const ids = json.frameworks.flatMap((f) => f.people.map((p) => p.id));
      expect(ids).toContain(ursula.id);
      // Mia: Pat's five pairs (−1, +1, +1, −1, +1) and Pete's seventeen (+1 each) in the latest cycle with both
      // Uma: Ursula's two (−1, −1): too few to tell
      expect(json.calibration).toEqual([
        {
          managerId: uma.id,
          managerName: "Uma Other",
          pairs: 2,
          meanDelta: -1,
          higher: 0,
          lower: 2,
          same: 0,
          tooFew: true,
        },
        {
          managerId: mia.id,
          managerName: "Mia Manager",
          pairs: 22,
          meanDelta: 18 / 22,
          higher: 20,
          lower: 2,
          same: 0,
          tooFew: false,
        },
      ]);
      const page = await ada.get("/admin/team/calibration/");
      expect(page.status).toBe(200);
      const row = (id: string) =>
        new RegExp(`<tr id="calibration-${id}"[^>]*>(.*?)</tr>`).exec(page.body)?.[1] ?? "";
      expect(row(mia.id)).toContain("rates higher than self-assessments (by 0.82 levels on average)");
      expect(row(mia.id)).toContain("+0.82");
      expect(row(uma.id)).toContain("too few to tell");
      const organization = await ada.get("/admin/team/?framework=engineering");
      expect(organization.body).toContain(`id="heatmap-engineering"`);
      expect(organization.body).toContain(`id="row-${ursula.id}"`);
      const csv = await ada.get("/admin/team/export.csv");
      expect(csv.headers.get("content-disposition")).toBe(
        `attachment; filename="rungs-organization.csv"; filename*=UTF-8''rungs-organization.csv`,
      );
      expect(csv.body).toContain("Ursula Else");
      // managers and others are refused openly
      expect((await (await signedIn(app, "mia@example.com")).get("/api/admin/team")).status).toBe(403);
    });
  },
);
