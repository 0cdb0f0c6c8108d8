/**
 * Growth: the jagged profile of an assessment against the person's level and a target level (charts, the
 * gaps ranked, where to push next, strengths, personal goals that can be kept), and the history of every
 * submitted assessment with what changed between them.
 */
import type { Context } from "hono";
import { type Profile, profileOf } from "../../../core/assessment.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import {
  type Assessed,
  AssessmentsService,
  type ProfileSource,
  picksMap,
} from "../../../services/assessments.js";
import type { Store } from "../../../store/store.js";
import { denied, PRIVATE } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { assessedOr, assessmentJson, draftAccess, mayRead } from "../../components/assessed.js";
import { goalSources } from "../../components/goal-block.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { historyPage } from "./history.page.js";
import { goalText, profilePage, templateGoals } from "./profile.page.js";

function profileJson(person: Assessed["person"], source: ProfileSource, profile: Profile) {
  return {
    person: { id: person.id, name: person.name, level: person.level },
    assessment: source.assessment ? assessmentJson(source.assessment) : null,
    framework: { id: source.snapshot.framework, version: source.snapshot.version },
    ...profile,
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
    const source = await assessments.profileSource(subject, asked, asker, draftAccess(c, store));
    if (!source) return c.notFound();
    const target = c.req.query("target");
    const profile = profileOf(
      source.snapshot,
      picksMap(source.assessment),
      subject.person.level,
      target && source.snapshot.levels.some((l) => l.id === target) ? target : undefined,
    );
    return { subject, source, profile };
  };

  app.get("/people/:id/profile/", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    const { subject, source, profile } = found;
    const canKeep = (await can(actorOf(c), "assessment:self", { id: subject.person.id })).allowed;
    const saved = await store.goals.list(subject.person.id);
    return profilePage(c, subject, source, profile, saved, canKeep);
  });

  app.get("/api/people/:id/profile", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    return c.json(profileJson(found.subject.person, found.source, found.profile), 200, PRIVATE);
  });

  app.get("/people/:id/history/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const { rounds, changes } = await assessments.history(subject);
    return historyPage(c, subject, rounds, changes);
  });

  // keep a suggested goal: regenerated here from the assessment, never taken from the form
  keptGoalRoutes(app, store, registry, assessments);
}

/** Keeping a suggested goal (regenerated from the assessment, never taken from the form) and its status. */
function keptGoalRoutes(
  app: App,
  store: Store,
  registry: FrameworkRegistry,
  assessments: AssessmentsService,
): void {
  app.post("/people/:id/goals/", async (c) => {
    const id = c.req.param("id");
    const subject = await assessedOr(c, store, registry, id, "assessment:self");
    if (subject instanceof Response) return subject;
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const assessment = await store.assessments.get(text("assessment"));
    // goals come from the person's own assessments as they may see them: never from another's draft
    if (!assessment || assessment.personId !== id || !(await mayRead(c, assessment))) return c.notFound();
    const snapshot = await assessments.snapshotFor(assessment, () =>
      assessments.currentSnapshot(subject.fw, subject.index),
    );
    const target = text("target");
    const profile = profileOf(snapshot, picksMap(assessment), subject.person.level, target || undefined);
    const goal = templateGoals(subject, { assessment, snapshot, basis: "" }, profile).find(
      (g) => g.id === text("goal"),
    );
    if (!goal) return c.notFound();
    const viewer = viewerOf(c);
    const saved = await store.goals.save(id, viewer.person.id, {
      assessmentId: assessment.id,
      framework: subject.fw.id,
      target: profile.target,
      text: goalText(goal),
      sources: goalSources(goal),
    });
    if (!saved.ok) return c.notFound();
    return c.redirect(
      `${paths.profile(id, profile.target)}${profile.target ? "&" : "?"}done=goal-saved#kept-goals`,
      303,
    );
  });

  app.post("/people/:id/goals/:goal/status", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:self", { id });
    if (!decision.allowed) return denied(c, decision);
    const status = (await c.req.parseBody()).status;
    if (status !== "active" && status !== "done" && status !== "dropped") return c.notFound();
    const updated = await store.goals.setStatus(c.req.param("goal"), id, status);
    if (!updated.ok) return c.notFound();
    return c.redirect(`${paths.profile(id)}?done=goal-updated#kept-goals`, 303);
  });
}
