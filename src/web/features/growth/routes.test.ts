import { expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn, type TestBrowser } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";

/** A form POST that asks for JSON, as a script would: its problems come back as problem+json. */
function postJson(browser: TestBrowser, path: string, fields: Record<string, string>) {
  const form = new URLSearchParams({ ...fields, _csrf: browser.csrf ?? "" });
  return browser.request("POST", path, {
    body: form.toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      Origin: ORIGIN,
    },
  });
}

describeEachDatabase("kept goals", (ctx) => {
  it("edits the wording, ⟨target⟩ and date of a kept goal, keeps what it quoted, and tracks its status", async () => {
    const { app, store } = await authApp(ctx);
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      framework: "engineering",
      level: "mid",
    });
    const pete = await addPerson(store, { name: "Pete Peer", email: "pete@example.com" });
    const kept = await store.goals.save(pat.id, pat.id, {
      framework: "engineering",
      target: "senior",
      text: 'Own "code review" at Senior\nMeasurable: from ⟨baseline⟩ to ⟨target⟩\nTime-bound: by ⟨date⟩.',
      sources: [{ kind: "expectation", competency: "code-quality", level: "senior" }],
    });
    if (!kept.ok) throw new Error("not kept");
    const goal = kept.value;
    expect(goal.status).toBe("not-started");
    const path = `/people/${pat.id}/goals/${goal.id}`;
    const patB = await signedIn(app, "pat@example.com");

    // unfilled placeholders are shown as to fill, and the edit form is open for them
    const before = await patB.get(`/people/${pat.id}/profile/`);
    expect(before.status).toBe(200);
    expect(before.body).toContain('<mark class="placeholder to-fill" data-placeholder="target">⟨target⟩');
    expect(before.body).toContain("to fill: baseline, target, date");
    expect(before.body).toMatch(/<details class="goal-edit" open/);
    expect(before.body).not.toContain("As the framework put it");

    // schema errors: 422 with the fields, as problem+json for a client that asks for JSON
    const bad = await postJson(patB, path, { text: "", due: "2030-02-30", "target-value": "x\u0007" });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = JSON.parse(bad.body);
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "due",
      "target-value",
      "text",
    ]);
    const badStatus = await postJson(patB, `${path}/status`, { status: "active" });
    expect(badStatus.status).toBe(422);
    expect(JSON.parse(badStatus.body).errors[0].field).toBe("status");
    expect((await patB.post(`${path}/status`, { status: "someday" })).status).toBe(422);

    // an edit: the values fill the placeholders; the wording is marked edited; the original stays
    const edited = await patB.post(path, {
      text: 'Own "code review" at Senior, with the team\nMeasurable: from ⟨baseline⟩ to ⟨target⟩\nTime-bound: by ⟨date⟩.',
      "target-value": "1 escaped defect a quarter",
      due: "2030-06-30",
    });
    expect(edited.status).toBe(303);
    expect((await patB.post(`${path}/status`, { status: "in-progress" })).status).toBe(303);
    const after = await patB.get(`/people/${pat.id}/profile/`);
    expect(after.body).toContain('<strong class="filled-value">1 escaped defect a quarter</strong>');
    expect(after.body).toContain('<strong class="filled-value">2030-06-30</strong>');
    expect(after.body).toContain("to fill: baseline");
    expect(after.body).not.toContain("to fill: baseline, target");
    expect(after.body).toContain('<span class="goal-edited"> · edited</span>');
    expect(after.body).toContain("As the framework put it");
    expect(after.body).toContain("Code &amp; design quality expectation");
    expect(after.body).toMatch(/<option value="in-progress" selected="">In progress<\/option>/);
    const stored = await store.goals.get(goal.id);
    expect(stored).toMatchObject({
      status: "in-progress",
      targetValue: "1 escaped defect a quarter",
      due: "2030-06-30",
      original: goal.text,
      sources: goal.sources,
    });
    // keeping the same suggestion again while it is open gives back the goal, edited as it is
    const again = await store.goals.save(pat.id, pat.id, {
      framework: "engineering",
      text: goal.text,
      sources: goal.sources,
    });
    expect(again.ok && again.value.id).toBe(goal.id);

    // nobody else edits it: to a peer the person is not there, and under their own id the goal is not found
    const peteB = await signedIn(app, "pete@example.com");
    expect((await peteB.post(path, { text: "Mine now" })).status).toBe(404);
    expect((await peteB.post(`/people/${pete.id}/goals/${goal.id}`, { text: "Mine now" })).status).toBe(404);
    expect((await store.goals.get(goal.id))?.text).not.toBe("Mine now");
  });
});
