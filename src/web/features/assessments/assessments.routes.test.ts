import { expect, it } from "vitest";
import { exampleApp } from "../../../../test/support/app.js";
import { addPerson, authApp, ORIGIN, signedIn, TestBrowser } from "../../../../test/support/auth.js";
import { countingQueries, describeEachDatabase } from "../../../../test/support/databases.js";
import type { FrameworkIndex } from "../../../core/model.js";
import type { Store } from "../../../store/store.js";
import { csrfTokenFor, SESSION_COOKIE } from "../../auth/session.js";
import { pickOptions } from "../../components/assessment-form.js";

/** Every competency of the example framework picked at `level` (where it has one), as form fields. */
function formFor(index: FrameworkIndex, level: string, version: number, action: "save" | "submit") {
  const fields: Record<string, string> = { version: String(version), action };
  for (const { competency } of index.competencies.values()) {
    const levels = Object.keys(competency.expectations);
    fields[`pick.${competency.id}`] = levels.includes(level) ? level : (levels[0] ?? "");
  }
  return fields;
}

async function putDraft(browser: TestBrowser, path: string, body: unknown) {
  return browser.request("PUT", path, {
    headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "" },
    body: JSON.stringify(body),
  });
}

describeEachDatabase("assessments", (ctx) => {
  async function org() {
    const made = await authApp(ctx);
    const { store } = made;
    const mia = await addPerson(store, {
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "engineering",
      level: "manager",
    });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "engineering",
      level: "mid",
    });
    const pete = await addPerson(store, { name: "Pete Peer", email: "pete@example.com", managerId: mia.id });
    const { registry } = await exampleApp();
    const index = registry.get("engineering")?.index as FrameworkIndex;
    return { ...made, mia, pat, pete, index };
  }

  it("a self-assessment: the form shows every competency's levels with the current one marked; drafts save and come back; submitting freezes it", async () => {
    const { app, store, pat, index } = await org();
    const browser = await signedIn(app, "pat@example.com");
    const path = `/people/${pat.id}/assessments/self/`;
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>My self-assessment</h1>");
    expect(page.body.match(/<fieldset class="competency-pick"/g)).toHaveLength(index.competencies.size);
    expect(page.body).toContain('<span class="badge">your level</span>');
    expect(page.body).toContain('name="version" value="0"');

    // save a draft with one pick, evidence and a link
    const saved = await browser.post(path, {
      version: "0",
      action: "save",
      "pick.code-quality": "senior",
      "evidence.code-quality": "Led the <b>review</b> guild\nfor a year",
      "links.code-quality": "https://example.com/rfc/12",
    });
    expect(saved.status).toBe(303);
    const again = await browser.get(path);
    expect(again.body).toMatch(
      /id="assess-code-quality--senior" name="pick.code-quality" value="senior" checked/,
    );
    expect(again.body).toContain("Led the &lt;b&gt;review&lt;/b&gt; guild\nfor a year");
    expect(again.body).toContain("https://example.com/rfc/12");
    const draft = await store.assessments.draft(pat.id, "self", null);
    expect(draft?.picks.find((p) => p.competency === "code-quality")).toMatchObject({
      level: "senior",
      links: ["https://example.com/rfc/12"],
    });

    // what cannot be saved is a located problem, and nothing typed is lost: a link that is not a web
    // address; a pick on a competency the framework does not have (changed since the page was loaded),
    // named rather than dropped unsaid
    const refused = async (field: string, value: string, problem: string) => {
      const answer = await browser.post(path, {
        version: String(draft?.version),
        action: "save",
        "pick.code-quality": "mid",
        [field]: value,
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toContain(problem);
      expect(answer.body).toMatch(/value="mid" checked/);
      return answer;
    };
    const bad = await refused("links.code-quality", "javascript:alert(1)", "is not a web address");
    expect(bad.body).toContain('href="#assess-links-code-quality"');
    await refused(
      "pick.retired-skill",
      "senior",
      "This framework has no competency &quot;retired-skill&quot;",
    );
    expect((await store.assessments.draft(pat.id, "self", null))?.version).toBe(draft?.version);
    // hostile: 100,000 of them are answered with the first few
    const flood = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`pick.gone-${i}`, "mid"]));
    const flooded = await browser.post(path, { version: String(draft?.version), action: "save", ...flood });
    expect(flooded.status).toBe(422);
    expect(flooded.body.match(/This framework has no competency/g)).toHaveLength(10);

    // submitting with competencies unpicked is refused, by name
    const incomplete = await browser.post(path, {
      version: String(draft?.version),
      action: "submit",
      "pick.code-quality": "senior",
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toContain("pick a level before submitting");

    const current = await store.assessments.draft(pat.id, "self", null);
    const submitted = await browser.post(path, {
      ...formFor(index, "mid", current?.version ?? 0, "submit"),
      "evidence.code-quality": "Design notes at https://example.com/notes?id=4&v=2. Also javascript:alert(1)",
    });
    expect(submitted.status).toBe(303);
    expect(submitted.location).toMatch(/^\/assessments\/[\w-]+\/\?done=submitted$/);
    const view = await browser.get(submitted.location ?? "");
    expect(view.status).toBe(200);
    expect(view.body).toContain("Self-assessment of <bdi>Pat Person</bdi>");
    // the evidence's web address is a link (marked as user content), the rest of the text stays text
    expect(view.body).toContain(
      '<p class="evidence">Design notes at <a href="https://example.com/notes?id=4&amp;v=2" rel="noopener noreferrer nofollow ugc">https://example.com/notes?id=4&amp;v=2</a>. Also javascript:alert(1)</p>',
    );
    // beside each pick, what its level asks for, as the form offered it
    const row = /<tr id="pick-code-quality">(.*?)<\/tr>/s.exec(view.body)?.[1] ?? "";
    const asked = pickOptions(index, "code-quality").find((o) => o.level === "mid")?.statement ?? "";
    expect(asked.length).toBeGreaterThan(20);
    expect(/<p class="pick-asks">(.*?)<\/p>/s.exec(row)?.[1]).toContain(asked.slice(0, 20));
    const history = await store.assessments.history(pat.id);
    expect(history).toHaveLength(1);
    expect(history[0]?.status).toBe("submitted");
    expect(await store.snapshots.get("engineering", history[0]?.frameworkVersion ?? "")).toBeDefined();
  });

  it("autosave over JSON: versions move on; a stale save is a 409 carrying both versions", async () => {
    const { app, pat } = await org();
    const tab1 = await signedIn(app, "pat@example.com");
    const tab2 = await signedIn(app, "pat@example.com");
    const api = `/api/people/${pat.id}/assessments/self/draft`;
    const first = await putDraft(tab1, api, {
      version: 0,
      picks: [{ competency: "code-quality", level: "mid" }],
    });
    expect(first.status).toBe(200);
    const { version } = JSON.parse(first.body);
    // the second tab loaded the page before that save
    const second = await putDraft(tab2, api, {
      version: 0,
      picks: [{ competency: "code-quality", level: "lead" }],
    });
    expect(second.status).toBe(409);
    const conflict = JSON.parse(second.body);
    expect(conflict.error).toContain("saved elsewhere");
    expect(conflict.yours).toEqual([
      {
        competency: "code-quality",
        level: "lead",
        band: null,
        evidence: "",
        links: [],
        criteria: [],
        comment: "",
      },
    ]);
    expect(
      conflict.theirs.picks.find((p: { competency: string }) => p.competency === "code-quality").level,
    ).toBe("mid");
    // the first tab goes on
    const next = await putDraft(tab1, api, {
      version,
      picks: [{ competency: "code-quality", level: "senior" }],
    });
    expect(next.status).toBe(200);
    // a stale version from the plain form: the page shows both
    const page = await tab2.post(`/people/${pat.id}/assessments/self/`, {
      version: String(version),
      action: "save",
      "pick.code-quality": "junior",
    });
    expect(page.status).toBe(409);
    expect(page.body).toContain("This draft was changed elsewhere");
    expect(page.body).toMatch(/<td>Senior<\/td>\s*<td>Junior<\/td>/);
    // bad bodies are told what is expected
    const shapeless = await putDraft(tab1, api, { version: "x" });
    expect(shapeless.status).toBe(422);
    expect(shapeless.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.parse(shapeless.body).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "version" })]),
    );
    const notJson = await tab1.request("PUT", api, {
      headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": tab1.csrf ?? "" },
      body: "{version",
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toContain("cannot be read");
    // JSON sent as another type is refused for its type, not read as an empty body that fails the schema
    const asText = await tab1.request("PUT", api, {
      headers: { Origin: ORIGIN, "Content-Type": "text/plain", "X-CSRF-Token": tab1.csrf ?? "" },
      body: JSON.stringify({ version: 2, picks: [] }),
    });
    expect(asText.status).toBe(415);
    expect(asText.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.parse(asText.body).error).toBe(
      'the body must be JSON (Content-Type: application/json), not "text/plain"',
    );
    const unknown = await putDraft(tab1, api, { version: 2, picks: [{ competency: "nope", level: "mid" }] });
    expect(unknown.status).toBe(422);
  });

  it("manager assessment, side by side, agreeing: disagreements are marked and the agreed picks become the record", async () => {
    const { app, store, pat, index } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const miaB = await signedIn(app, "mia@example.com");
    const selfPath = `/people/${pat.id}/assessments/self/`;
    expect((await patB.post(selfPath, formFor(index, "mid", 0, "submit"))).status).toBe(303);
    // Pat cannot write the manager assessment, Mia cannot write Pat's self-assessment
    expect((await patB.get(`/people/${pat.id}/assessments/manager/`)).status).toBe(403);
    expect((await miaB.get(selfPath)).status).toBe(403);

    const managerFields = formFor(index, "mid", 0, "submit");
    managerFields["pick.code-quality"] = "senior";
    managerFields["evidence.code-quality"] = "Ran the <review> rota since spring";
    const m = await miaB.post(`/people/${pat.id}/assessments/manager/`, managerFields);
    expect(m.status).toBe(303);

    const review = await miaB.get(`/people/${pat.id}/review/`);
    expect(review.status).toBe(200);
    expect(review.body).toContain("They differ in 1 of");
    expect(review.body).toMatch(/<tr id="review-code-quality" class="disagree">/);
    expect(review.body).toContain("differs by 1 level");
    // the manager's evidence beside their pick, as text
    expect(review.body).toContain("Ran the &lt;review&gt; rota since spring");
    // the agreed choice offers only the levels the competency has (code quality has no Director)
    const agreedSelect = review.body.match(/<select id="review-agreed-code-quality"[\s\S]*?<\/select>/)?.[0];
    expect(agreedSelect).toContain('value="senior"');
    expect(agreedSelect).not.toContain('value="director"');
    expect(review.body).toMatch(
      /<select id="review-agreed-people-management"[^>]*>(?:(?!<\/select>)[\s\S])*value="director"/,
    );
    // Pat sees it read-only
    const patView = await patB.get(`/people/${pat.id}/review/`);
    expect(patView.status).toBe(200);
    expect(patView.body).not.toContain("Record as agreed");

    const agreed: Record<string, string> = { version: "0", action: "submit" };
    for (const [key, value] of Object.entries(managerFields)) {
      if (key.startsWith("pick.")) agreed[`agreed.${key.slice(5)}`] = value;
    }
    const missing = await miaB.post(`/people/${pat.id}/review/`, { ...agreed, "agreed.code-quality": "" });
    expect(missing.status).toBe(422);
    const lacking = await miaB.post(`/people/${pat.id}/review/`, {
      ...agreed,
      action: "save",
      "agreed.code-quality": "director",
    });
    expect(lacking.status).toBe(422);
    expect(lacking.body).toContain("is not one of this competency");
    const draft = await store.assessments.draft(pat.id, "agreed", null);
    const done = await miaB.post(`/people/${pat.id}/review/`, { ...agreed, version: String(draft?.version) });
    expect(done.status).toBe(303);
    const record = (await store.assessments.latestOfRecord([pat.id])).get(pat.id);
    expect(record?.kind).toBe("agreed");
    expect(record?.picks.find((p) => p.competency === "code-quality")?.level).toBe("senior");
  });

  it("profile: the jagged line against the next level, gaps largest first, goals that can be kept", async () => {
    const { app, store, pat, mia, index } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const fields = formFor(index, "mid", 0, "submit");
    fields["pick.code-quality"] = "junior";
    await patB.post(`/people/${pat.id}/assessments/self/`, fields);
    const page = await patB.get(`/people/${pat.id}/profile/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>My profile</h1>");
    expect(page.body).toContain("<svg");
    expect(page.body).toMatch(/<option value="senior" selected="">Senior<\/option>/);
    expect(page.body).toMatch(
      /<li id="gap-code-quality"><strong>[^<]+<\/strong>: Junior, 2 levels below<\/li>/,
    );
    expect(page.body).toContain("Keep this goal");

    const goal =
      /<input type="hidden" name="assessment" value="([^"]+)"\/?>[\s\S]*?name="goal" value="([^"]+)"/.exec(
        page.body,
      );
    const kept = await patB.post(`/people/${pat.id}/goals/`, {
      assessment: goal?.[1] ?? "",
      target: "senior",
      goal: goal?.[2] ?? "",
    });
    expect(kept.status).toBe(303);
    const goals = await store.goals.list(pat.id);
    expect(goals).toHaveLength(1);
    expect(goals[0]?.sources.length).toBeGreaterThan(0);
    // a goal id that the assessment does not produce is not kept
    expect(
      (
        await patB.post(`/people/${pat.id}/goals/`, {
          assessment: goal?.[1] ?? "",
          target: "senior",
          goal: "smart-99",
        })
      ).status,
    ).toBe(404);

    // the management track as a target
    const mgmt = await patB.get(`/people/${pat.id}/profile/?target=manager`);
    expect(mgmt.body).toMatch(/<option value="manager" selected="">/);
    const json = JSON.parse((await patB.get(`/api/people/${pat.id}/profile?target=manager`)).body);
    expect(json.target).toBe("manager");
    expect(json.rows).toHaveLength(index.competencies.size);

    // the manager sees it; a peer is told nothing; the manager cannot keep goals for Pat
    const miaB = await signedIn(app, "mia@example.com");
    expect((await miaB.get(`/people/${pat.id}/profile/`)).body).not.toContain("Keep this goal");
    expect(
      (
        await miaB.post(`/people/${pat.id}/goals/`, {
          assessment: goal?.[1] ?? "",
          target: "senior",
          goal: goal?.[2] ?? "",
        })
      ).status,
    ).toBe(403);
    const peteB = await signedIn(app, "pete@example.com");
    expect((await peteB.get(`/people/${pat.id}/profile/`)).status).toBe(404);
    expect((await peteB.get(`/api/people/${pat.id}/profile`)).status).toBe(404);
    expect(mia.id).toBeTruthy();
  });

  it("history: every submission kept, what changed since last time", async () => {
    const { app, pat, index, clock } = await org();
    const patB = await signedIn(app, "pat@example.com");
    await patB.post(`/people/${pat.id}/assessments/self/`, formFor(index, "junior", 0, "submit"));
    clock.advance(60_000);
    const fields = formFor(index, "junior", 0, "submit");
    fields["pick.code-quality"] = "mid";
    await patB.post(`/people/${pat.id}/assessments/self/`, fields);
    const page = await patB.get(`/people/${pat.id}/history/`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<li class="up"><strong>[^<]+<\/strong>: Junior → Mid \(\+1\)<\/li>/);
    expect(page.body.match(/<th scope="col"><a href="\/assessments\//g)).toHaveLength(2);
    const list = JSON.parse((await patB.get(`/api/people/${pat.id}/assessments`)).body);
    expect(list.assessments).toHaveLength(2);
  });

  it("history across a framework change: reworded expectations, removed and new competencies are listed", async () => {
    const { app, store, pat, index, clock } = await org();
    // an earlier version of the framework: one competency reworded at Mid, one that is gone now, one not yet there
    const { snapshotOf } = await import("../../../core/assessment.js");
    const now = snapshotOf(index, "current");
    const old = structuredClone({ ...now, version: "earlier" });
    const codeQuality = old.competencies.find((c) => c.id === "code-quality");
    if (codeQuality) codeQuality.expectations.mid = "Writes code that works.";
    old.competencies = old.competencies.filter((c) => c.id !== "influence");
    old.competencies.push({
      id: "legacy-skill",
      name: "Legacy skill",
      area: "craft",
      areaName: "Craft",
      expectations: {},
    });
    await store.snapshots.save(old);
    const started = await store.assessments.startDraft({
      personId: pat.id,
      authorId: pat.id,
      kind: "self",
      cycleId: null,
      framework: "engineering",
      frameworkVersion: "earlier",
      level: "mid",
    });
    if (!started.ok) throw new Error("cannot start");
    const saved = await store.assessments.saveDraft(started.value.id, started.value.version, {
      picks: [
        { competency: "code-quality", level: "junior" },
        { competency: "legacy-skill", level: "mid" },
      ],
    });
    if (!saved.ok) throw new Error("cannot save");
    await store.assessments.submit(saved.value.id, saved.value.version);
    clock.advance(60_000);

    const patB = await signedIn(app, "pat@example.com");
    expect(
      (await patB.post(`/people/${pat.id}/assessments/self/`, formFor(index, "mid", 0, "submit"))).status,
    ).toBe(303);
    const page = await patB.get(`/people/${pat.id}/history/`);
    expect(page.body).toContain("The framework changed in between");
    expect(page.body).toContain("No longer in the framework: <bdi>Legacy skill</bdi>.");
    expect(page.body).toMatch(/New in the framework: .*Influence/);
    expect(page.body).toContain("Before: Writes code that works.");
    expect(page.body).toMatch(
      /<li class="up"><strong>Code &amp; design quality<\/strong>: Junior → Mid \(\+1\)<\/li>/,
    );
    // the old competency keeps its row in the timeline, retired from the round the framework dropped it
    expect(page.body).toMatch(
      /<tr class="retired"><th scope="row">Legacy skill<\/th><td>Mid<\/td><td class="absent version-change">retired<\/td>/,
    );
  });

  it("the overview says what is due, for me and my reports", async () => {
    const { app, store, pat } = await org();
    const cycle = await store.cycles.create({
      name: "2026 H2",
      startsOn: "2026-07-01",
      endsOn: "2026-12-31",
    });
    expect(cycle.ok).toBe(true);
    const miaB = await signedIn(app, "mia@example.com");
    const page = await miaB.get("/assessments/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("The cycle “<bdi>2026 H2</bdi>” is open from 2026-07-01 to 2026-12-31.");
    expect(page.body).toContain(`<tr id="report-${pat.id}">`);
    expect(page.body).toContain(`href="/people/${pat.id}/assessments/manager/"`);
  });

  it("a draft is its author's alone: another manager neither sees nor overwrites it, and the person does not see it", async () => {
    const { app, store, pat, mia, index } = await org();
    const gus = await addPerson(store, { name: "Gus Grand", email: "gus@example.com" });
    expect((await store.people.setManager(mia.id, gus.id)).ok).toBe(true);
    const patB = await signedIn(app, "pat@example.com");
    const miaB = await signedIn(app, "mia@example.com");
    const gusB = await signedIn(app, "gus@example.com");
    const form = `/people/${pat.id}/assessments/manager/`;
    const api = `/api/people/${pat.id}/assessments/manager/draft`;
    const notes = "notes only Mia has seen so far";
    const saved = await miaB.post(form, {
      version: "0",
      action: "save",
      "pick.code-quality": "senior",
      "evidence.code-quality": notes,
    });
    expect(saved.status).toBe(303);
    const draft = await store.assessments.draft(pat.id, "manager", null);

    // Gus manages Pat too, but Mia's draft is hers: said so, with nothing of it shown or changed
    const page = await gusB.get(form);
    expect(page.status).toBe(409);
    expect(page.body).toContain(
      "Another of \u2068Pat Person\u2069’s managers has started the manager assessment",
    );
    expect(page.body).not.toContain(notes);
    expect(page.body).not.toContain('class="competency-pick"');
    const post = await gusB.post(form, {
      version: String(draft?.version),
      action: "save",
      "pick.code-quality": "junior",
    });
    expect(post.status).toBe(409);
    expect(post.body).not.toContain(notes);
    const put = await putDraft(gusB, api, {
      version: draft?.version,
      picks: [{ competency: "code-quality" }],
    });
    expect(put.status).toBe(409);
    expect(JSON.parse(put.body)).toMatchObject({
      status: 409,
      error: expect.stringContaining("has started the manager assessment"),
    });
    expect(await store.assessments.draft(pat.id, "manager", null)).toEqual(draft);
    // … and neither Pat nor Gus can open it by its id (the same answer as for an id that does not exist)
    for (const browser of [patB, gusB]) {
      expect((await browser.get(`/assessments/${draft?.id}/`)).status).toBe(404);
      expect((await browser.get(`/api/assessments/${draft?.id}`)).status).toBe(404);
      expect((await browser.get(`/people/${pat.id}/profile/?assessment=${draft?.id}`)).status).toBe(404);
    }
    expect((await miaB.get(`/assessments/${draft?.id}/`)).body).toContain(notes);

    // the agreement Gus drafts is his until he records it: Mia and Pat see none of his picks
    expect(
      (await patB.post(`/people/${pat.id}/assessments/self/`, formFor(index, "mid", 0, "submit"))).status,
    ).toBe(303);
    const current = await store.assessments.draft(pat.id, "manager", null);
    expect((await miaB.post(form, formFor(index, "mid", current?.version ?? 0, "submit"))).status).toBe(303);
    const agreed: Record<string, string> = { version: "0", action: "save" };
    for (const [key, value] of Object.entries(formFor(index, "senior", 0, "save"))) {
      if (key.startsWith("pick.")) agreed[`agreed.${key.slice(5)}`] = value;
    }
    expect((await gusB.post(`/people/${pat.id}/review/`, agreed)).status).toBe(303);
    const gusView = await gusB.get(`/people/${pat.id}/review/`);
    expect(gusView.body).toContain('<option value="senior" selected="">');
    const miaView = await miaB.get(`/people/${pat.id}/review/`);
    expect(miaView.body).toContain(
      "Another of \u2068Pat Person\u2069’s managers has started the agreed assessment",
    );
    expect(miaView.body).not.toContain("Record as agreed");
    // the agreed column stays empty: Gus's picks (senior) are not shown
    const agreedCell =
      /<tr id="review-code-quality">(?:(?!<\/tr>)[\s\S])*<td><span class="pick-level">([^<]*)<\/span><\/td><\/tr>/;
    expect(agreedCell.exec(gusView.body)?.[1]).toBeUndefined();
    expect(agreedCell.exec(miaView.body)?.[1]).toBe("—");
    const patView = await patB.get(`/people/${pat.id}/review/`);
    expect(patView.body).not.toContain("has started the agreed assessment");
    expect(agreedCell.exec(patView.body)?.[1]).toBe("—");
    expect((await miaB.post(`/people/${pat.id}/review/`, { ...agreed, version: "2" })).status).toBe(409);
    // nor does the overview of what is due show Mia any trace of it
    expect((await miaB.get("/assessments/")).body).not.toMatch(/status draft/);
  });

  it("a draft its author can no longer finish does not block the others: it is discarded, unread", async () => {
    const { app, store, pat, mia } = await org();
    const gus = await addPerson(store, { name: "Gus Grand", email: "gus@example.com" });
    expect((await store.people.setManager(mia.id, gus.id)).ok).toBe(true);
    const miaB = await signedIn(app, "mia@example.com");
    const gusB = await signedIn(app, "gus@example.com");
    const form = `/people/${pat.id}/assessments/manager/`;
    const notes = "notes Mia never finished";
    expect(
      (await miaB.post(form, { version: "0", action: "save", "evidence.code-quality": notes })).status,
    ).toBe(303);
    expect((await gusB.get(form)).status).toBe(409);
    // Mia leaves: her draft is nobody's to finish, so Gus starts his own (and never sees hers)
    expect((await store.people.deactivate(mia.id)).ok).toBe(true);
    const page = await gusB.get(form);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(notes);
    expect(page.body).toContain('name="version" value="0"');
    expect((await gusB.post(form, { version: "0", action: "save", "pick.code-quality": "mid" })).status).toBe(
      303,
    );
    const draft = await store.assessments.draft(pat.id, "manager", null);
    expect(draft?.authorId).toBe(gus.id);
    expect(JSON.stringify(draft)).not.toContain(notes);
  });

  it("what is due costs as many queries for 50 reports as for one, in a cycle and outside cycles", async () => {
    const counted = countingQueries(ctx.database);
    const { app, store } = await authApp(ctx, { database: counted.database });
    const managerOf = async (reports: number) => {
      const manager = await addPerson(store, {
        name: `M${reports}`,
        email: `m${reports}@example.com`,
        password: null,
      });
      for (let i = 0; i < reports; i++) {
        const created = await store.people.create({
          name: `R${reports}-${i}`,
          email: `r${reports}-${i}@example.com`,
          managerId: manager.id,
          framework: "engineering",
          level: "mid",
        });
        if (!created.ok) throw new Error(JSON.stringify(created.problems));
        await assessBoth(store, created.value.id, manager.id);
      }
      const { token } = await store.sessions.create(
        manager.id,
        {},
        { idleMs: 3_600_000, absoluteMs: 86_400_000 },
      );
      const browser = new TestBrowser(app);
      browser.cookies.set(SESSION_COOKIE, token);
      browser.csrf = csrfTokenFor(token);
      return browser;
    };
    const one = await managerOf(1);
    const fifty = await managerOf(50);
    const cost = async (browser: TestBrowser) => {
      await browser.get("/assessments/"); // warm: the framework snapshot, the session's last-seen time
      counted.reset();
      const page = await browser.get("/assessments/");
      expect(page.status).toBe(200);
      return { queries: counted.queries(), rows: page.body.match(/<tr id="report-/g)?.length };
    };
    const outside = await cost(one);
    expect(outside.rows).toBe(1);
    expect(await cost(fifty)).toEqual({ queries: outside.queries, rows: 50 });
    const cycle = await store.cycles.create({ name: "H2", startsOn: "2030-01-01", endsOn: "2030-06-30" });
    expect(cycle.ok).toBe(true);
    const inCycle = await cost(one);
    expect(await cost(fifty)).toEqual({ queries: inCycle.queries, rows: 50 });
  });

  it("the history reads each framework version's snapshot once, however many rounds were measured against it", async () => {
    const counted = countingQueries(ctx.database);
    const { app, store } = await authApp(ctx, { database: counted.database });
    const pat = await addPerson(store, { name: "Pat", email: "pat@example.com", framework: "engineering" });
    const browser = await signedIn(app, "pat@example.com");
    const cost = async () => {
      await browser.get(`/people/${pat.id}/history/`);
      counted.reset();
      expect((await browser.get(`/people/${pat.id}/history/`)).status).toBe(200);
      return counted.queries();
    };
    await assessBoth(store, pat.id, pat.id);
    const one = await cost();
    for (let round = 0; round < 9; round++) await assessBoth(store, pat.id, pat.id);
    expect(await cost()).toBe(one);
  });
});

/** A submitted self-assessment and the manager's draft, outside cycles. */
async function assessBoth(store: Store, personId: string, managerId: string): Promise<void> {
  for (const kind of ["self", "manager"] as const) {
    const started = await store.assessments.startDraft({
      personId,
      authorId: kind === "self" ? personId : managerId,
      kind,
      cycleId: null,
      framework: "engineering",
      frameworkVersion: "v",
      level: "mid",
    });
    if (!started.ok) throw new Error(JSON.stringify(started.problems));
    const saved = await store.assessments.saveDraft(started.value.id, 1, {
      picks: [{ competency: "code-quality", level: "mid" }],
    });
    if (kind === "self" && saved.ok) await store.assessments.submit(saved.value.id, saved.value.version);
  }
}
