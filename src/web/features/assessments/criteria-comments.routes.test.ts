import { expect, it } from "vitest";
import { pathsApp } from "../../../../test/support/app.js";
import { addPerson, ORIGIN, signedIn, type TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

const PICKS = { "pick.code-quality": "l2", "pick.shipping": "l2" };

async function putDraft(browser: TestBrowser, path: string, body: unknown) {
  return browser.request("PUT", path, {
    headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "" },
    body: JSON.stringify(body),
  });
}

describeEachDatabase("assessments: criteria shown and comments", (ctx) => {
  async function org() {
    const { registry } = await pathsApp(["test/fixtures/shapes/criteria-lists"]);
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const boss = await addPerson(store, {
      name: "Bo Boss",
      email: "bo@example.com",
      framework: "criteria-lists",
      level: "l3b",
    });
    const mia = await addPerson(store, {
      name: "Mia Manager",
      email: "mia@example.com",
      managerId: boss.id,
      framework: "criteria-lists",
      level: "l3b",
    });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "criteria-lists",
      level: "l2",
    });
    return { app, store, pat, mia, boss };
  }

  it("the form ticks criteria by level (the own level's and the next first), keeps their evidence, and refuses unknown ones", async () => {
    const { app, store, pat } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const path = `/people/${pat.id}/assessments/self/`;
    const page = await patB.get(path);
    expect(page.status).toBe(200);
    // a level written as criteria is offered one criterion a line, not as one run of "- a - b"
    expect(page.body).toMatch(/<span class="pick-statement">• [^<]+<br\/?>• /);
    // "readable" is reworded at l1 and l2 under one id: one tick per level
    expect(page.body).toContain('name="shown.code-quality.l1.readable"');
    expect(page.body).toContain('name="shown.code-quality.l2.readable"');
    const near = page.body.slice(
      page.body.indexOf('class="criteria-near"'),
      page.body.indexOf('class="criteria-more"'),
    );
    expect(near).toContain('data-level="l2"');
    expect(near).toContain('data-level="l3a"');
    expect(near).not.toContain('data-level="l1"');
    expect(page.body).toContain("Comment for the review (optional)");

    const saved = await patB.post(path, {
      version: "0",
      action: "save",
      ...PICKS,
      "shown.code-quality.l2.readable": "shown",
      "criterion-evidence.code-quality.l2.readable": "Renamed the <b>parser</b> helpers.",
      "criterion-evidence.code-quality.l2.tested": "typed but not ticked: not kept",
      "comment.code-quality": "I'd like to talk about tests.",
    });
    expect(saved.status).toBe(303);
    const draft = await store.assessments.draft(pat.id, "self", null);
    expect(draft?.picks.find((p) => p.competency === "code-quality")).toMatchObject({
      criteria: [{ level: "l2", criterion: "readable", evidence: "Renamed the <b>parser</b> helpers." }],
      comment: "I'd like to talk about tests.",
    });
    const again = await patB.get(path);
    expect(again.body).toMatch(/name="shown.code-quality.l2.readable" value="shown" checked=""/);
    expect(again.body).toContain("Renamed the &lt;b&gt;parser&lt;/b&gt; helpers.");

    const api = `/api/people/${pat.id}/assessments/self/draft`;
    const bad = await putDraft(patB, api, {
      version: draft?.version,
      picks: [
        {
          competency: "code-quality",
          level: "l2",
          criteria: [
            { level: "l2", criterion: "no-such" },
            { level: "l2", criterion: "readable", evidence: "x".repeat(2_001) },
          ],
          comment: "bell\u0007",
        },
      ],
    });
    expect(bad.status).toBe(422);
    const messages = JSON.parse(bad.body).problems.map(
      (p: { field: string; message: string }) => `${p.field}: ${p.message}`,
    );
    expect(messages).toEqual([
      "comment-code-quality: Code quality: The comment contains characters that cannot be stored",
      "criteria-code-quality: Code quality: The criterion's evidence is too long (at most 2000 characters)",
      'criteria-code-quality: Code quality: "no-such" is not one of this competency\'s criteria at "l2".',
    ]);
    const flood = await putDraft(patB, api, {
      version: draft?.version,
      picks: [
        {
          competency: "code-quality",
          criteria: Array.from({ length: 401 }, () => ({ level: "l1", criterion: "x" })),
        },
      ],
    });
    expect(flood.status).toBe(422);
    expect(JSON.parse(flood.body).errors[0].field).toContain("criteria");
  });

  it("comments from both sides: the person's reaches the manager once submitted, the manager's reaches the person once agreed", async () => {
    const { app, store, pat, mia } = await org();
    const patB = await signedIn(app, "pat@example.com");
    const miaB = await signedIn(app, "mia@example.com");
    const boB = await signedIn(app, "bo@example.com");
    const selfPath = `/people/${pat.id}/assessments/self/`;
    const mgrPath = `/people/${pat.id}/assessments/manager/`;
    await patB.post(selfPath, {
      version: "0",
      action: "save",
      ...PICKS,
      "shown.shipping.l2.l2-1": "shown",
      "comment.shipping": "PAT-SECRET-DRAFT-NOTE",
    });
    // a draft is its author's: the manager does not see the comment yet
    expect((await miaB.get(`/people/${pat.id}/review/`)).body).not.toContain("PAT-SECRET-DRAFT-NOTE");
    const draft = await store.assessments.draft(pat.id, "self", null);
    expect(
      (
        await patB.post(selfPath, {
          version: String(draft?.version),
          action: "submit",
          ...PICKS,
          "shown.shipping.l2.l2-1": "shown",
          "comment.shipping": "PAT-SECRET-DRAFT-NOTE",
        })
      ).status,
    ).toBe(303);

    // a manager comments when agreeing, not on the manager assessment (which the person sees on submission)
    const refused = await miaB.post(mgrPath, {
      version: "0",
      action: "save",
      ...PICKS,
      "comment.shipping": "early",
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("A manager comments on the review");
    expect(
      (await miaB.post(mgrPath, { version: "0", action: "submit", ...PICKS, "pick.shipping": "l3a" })).status,
    ).toBe(303);

    const review = await miaB.get(`/people/${pat.id}/review/`);
    expect(review.body).toContain("PAT-SECRET-DRAFT-NOTE");
    expect(review.body).toContain("Breaks a feature into releases that each add value.");
    expect(review.body).toContain('name="agreed-comment.shipping"');

    const agreed = { version: "0", "agreed.code-quality": "l2", "agreed.shipping": "l2" };
    expect(
      (
        await miaB.post(`/people/${pat.id}/review/`, {
          ...agreed,
          action: "save",
          "agreed-comment.shipping": "MIA-NOTE",
        })
      ).status,
    ).toBe(303);
    // the agreed draft and its comments are Mia's alone: not Pat's, not Bo's (her manager)
    for (const b of [patB, boB])
      expect((await b.get(`/people/${pat.id}/review/`)).body).not.toContain("MIA-NOTE");
    expect((await miaB.get(`/people/${pat.id}/review/`)).body).toContain("MIA-NOTE");
    const version = (await store.assessments.draft(pat.id, "agreed", null))?.version;
    expect(
      (
        await miaB.post(`/people/${pat.id}/review/`, {
          ...agreed,
          version: String(version),
          action: "submit",
          "agreed-comment.shipping": "MIA-NOTE",
        })
      ).status,
    ).toBe(303);

    const patReview = await patB.get(`/people/${pat.id}/review/`);
    expect(patReview.body).toContain("MIA-NOTE");
    const recorded = (await store.assessments.history(pat.id, { kind: "agreed" }))[0];
    const view = await patB.get(`/assessments/${recorded?.id}/`);
    expect(view.body).toContain("Manager’s comment");
    expect(view.body).toContain("MIA-NOTE");
    const json = JSON.parse((await patB.get(`/api/assessments/${recorded?.id}`)).body);
    expect(json.picks.find((p: { competency: string }) => p.competency === "shipping").comment).toBe(
      "MIA-NOTE",
    );
    expect(mia.id).toBeTruthy();
  });
});
