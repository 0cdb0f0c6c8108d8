/**
 * Growth: the jagged profile of an assessment against the person's level and a target level (charts, the
 * gaps ranked, where to push next, strengths, personal goals that can be kept), and the history of every
 * submitted assessment with what changed between them.
 */
import type { Context } from "hono";
import * as z from "zod";
import { type Profile, profileOf } from "../../../core/assessment.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { type Assessed, AssessmentsService } from "../../../services/assessments.js";
import { type ProfileReading, profileReading } from "../../../services/carried-picks.js";
import { changesSince } from "../../../services/framework-changes.js";
import { GoalsService } from "../../../services/goals.js";
import { continuousHistory } from "../../../services/history.js";
import type { Store } from "../../../store/store.js";
import { GOAL_STATUSES } from "../../../store/types.js";
import { denied } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { assessedOr, assessmentJson, draftAccess, mayRead } from "../../components/assessed.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem } from "../../middleware/errors.js";
import { frameworkId, isoDate, lazySchema, multiLine, oneLine, recordId } from "../../middleware/fields.js";
import { describeFieldErrors, validate } from "../../middleware/validate.js";
import { historyPage } from "./history.page.js";
import { profilePage } from "./profile.page.js";

function profileJson(
  person: Assessed["person"],
  reading: ProfileReading,
  profile: Profile,
  commit: string | undefined,
) {
  const { source, carried } = reading;
  return {
    person: { id: person.id, name: person.name, level: person.level },
    assessment: source.assessment ? assessmentJson(source.assessment, commit) : null,
    framework: { id: source.snapshot.framework, version: source.snapshot.version },
    ...profile,
    carried: carried
      ? {
          from: carried.from,
          picks: [...carried.marks].map(([competency, m]) => ({ competency, from: m.from, fate: m.fate })),
          dropped: carried.dropped.map((d) => ({ competency: d.competency, level: d.level, note: d.note })),
        }
      : null,
  };
}

export function growthRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);

  const profileFor = async (c: Context<AppEnv>) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id") ?? "", "assessment:read");
    if (subject instanceof Response) return subject;
    const asker = c.get("viewer")?.person.id;
    const asked = c.req.query("assessment");
    const asIs = await assessments.profileSource(subject, asked, asker, draftAccess(c, store));
    if (!asIs) return c.notFound();
    // made on an earlier version: read on the loaded one through its migration map
    const reading = await profileReading(store, subject, asIs);
    const { snapshot } = reading.source;
    const target = c.req.query("target");
    const profile = profileOf(
      snapshot,
      reading.picks,
      subject.person.level,
      target && snapshot.levels.some((l) => l.id === target) ? target : undefined,
      subject.person.track,
    );
    return { subject, reading, profile };
  };

  app.get("/people/:id/profile/", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    const { subject, reading, profile } = found;
    const canKeep = (await can(actorOf(c), "assessment:self", { id: subject.person.id })).allowed;
    const canAssess = (await can(actorOf(c), "assessment:manager", { id: subject.person.id })).allowed;
    const saved = await new GoalsService(store).goalsOf(subject.person.id);
    const { fw, index, person } = subject;
    const changed = await changesSince(store, fw, index, reading.source.assessment, person.level);
    return profilePage(c, subject, reading, profile, { saved, canKeep, canAssess, changed });
  });

  app.get("/api/people/:id/profile", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    const made = found.reading.source.assessment;
    const commit = made && (await store.snapshots.commitOf(made.framework, made.frameworkVersion));
    return c.json(profileJson(found.subject.person, found.reading, found.profile, commit), 200);
  });

  app.get("/people/:id/history/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const { rounds, changes } = await assessments.history(subject);
    // followed across framework versions: rounds of earlier ones read on the loaded one
    return historyPage(c, subject, rounds, await continuousHistory(store, subject, rounds, changes));
  });

  // keep a suggested goal: regenerated here from the assessment, never taken from the form
  keptGoalRoutes(app, store, registry, assessments);
}

/** A kept goal's edit form: its wording, what ⟨target⟩ stands for, and its date (empty clears them). */
export const goalEditForm = lazySchema(() =>
  z.object({
    text: multiLine("goal").refine((t) => t.trim() !== "", { message: "must not be empty" }),
    "target-value": oneLine("goalValue").optional(),
    due: z.union([z.literal(""), isoDate()]).optional(),
  }),
);

/** Keeping a suggested goal (regenerated from the assessment, never taken from the form). */
export const keepGoalForm = lazySchema(() =>
  z.object({
    assessment: recordId(),
    target: z.union([z.literal(""), frameworkId()]).optional(),
    goal: frameworkId(),
  }),
);

export const goalStatusForm = lazySchema(() => z.object({ status: z.enum(GOAL_STATUSES) }));

/** Keeping a suggested goal, editing a kept one, and moving it through its statuses. */
function keptGoalRoutes(
  app: App,
  store: Store,
  registry: FrameworkRegistry,
  assessments: AssessmentsService,
): void {
  const goals = new GoalsService(store);
  const backToGoals = (id: string, done: string, goal?: string) =>
    `${paths.profile(id)}?done=${done}#${goal ? `goal-${goal}` : "kept-goals"}`;

  app.post("/people/:id/goals/", validate("form", keepGoalForm), async (c) => {
    const id = c.req.param("id");
    const form = c.req.valid("form");
    const subject = await assessedOr(c, store, registry, id, "assessment:self");
    if (subject instanceof Response) return subject;
    const assessment = await store.assessments.get(form.assessment);
    // goals come from the person's own assessments as they may see them: never from another's draft
    if (!assessment || assessment.personId !== id || !(await mayRead(c, assessment))) return c.notFound();
    const snapshot = await assessments.snapshotFor(assessment, () =>
      assessments.currentSnapshot(subject.fw, subject.index),
    );
    // the goals the profile offered: read on the loaded version when the assessment is of an earlier one
    const read = await profileReading(store, subject, { assessment, snapshot, basis: "" });
    const source = { ...read.source, assessment };
    const profile = profileOf(
      source.snapshot,
      read.picks,
      subject.person.level,
      form.target || undefined,
      subject.person.track,
    );
    const saved = await goals.keepSuggested(subject, source, profile, form.goal, viewerOf(c).person.id);
    if (!saved) return c.notFound();
    if (!saved.ok) {
      const errors = saved.problems.map((p) => ({ field: p.field ?? "goal", message: p.message }));
      throw new HttpProblem(422, { detail: describeFieldErrors(errors), errors });
    }
    return c.redirect(
      `${paths.profile(id, profile.target)}${profile.target ? "&" : "?"}done=goal-saved#kept-goals`,
      303,
    );
  });

  app.post("/people/:id/goals/:goal/status", validate("form", goalStatusForm), async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:self", { id });
    if (!decision.allowed) return denied(c, decision);
    const updated = await goals.setStatus(c.req.param("goal"), id, c.req.valid("form").status);
    if (!updated.ok) return c.notFound();
    return c.redirect(backToGoals(id, "goal-updated", updated.value.id), 303);
  });

  app.post("/people/:id/goals/:goal", validate("form", goalEditForm), async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:self", { id });
    if (!decision.allowed) return denied(c, decision);
    const form = c.req.valid("form");
    const edited = await goals.edit(c.req.param("goal"), id, {
      text: form.text,
      targetValue: form["target-value"] || null,
      due: form.due || null,
    });
    if (!edited.ok) {
      if (edited.problems.some((p) => p.kind === "not-found")) return c.notFound();
      const errors = edited.problems.map((p) => ({ field: p.field ?? "", message: p.message }));
      throw new HttpProblem(422, { detail: describeFieldErrors(errors), errors });
    }
    return c.redirect(backToGoals(id, "goal-updated", edited.value.id), 303);
  });
}
