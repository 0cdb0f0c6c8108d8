/**
 * The signed-in home (/home/): where I stand and what next. My framework, level and track; my latest
 * assessment of record and its largest gaps to the next level; my goals; for managers, their people's
 * assessment status this cycle; for admins, what needs their attention. Everything through the policy and
 * the services: nothing here reads another person's data the person could not open themselves.
 */
import { profileOf } from "../../../core/assessment.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { AssessmentsService, picksMap } from "../../../services/assessments.js";
import { type ChangeSince, changesSince } from "../../../services/framework-changes.js";
import { servedFramework } from "../../../services/frameworks.js";
import type { Store } from "../../../store/store.js";
import type { AssessmentSummary, Person } from "../../../store/types.js";
import { denied } from "../../auth/pages.js";
import { assessmentVisibleTo, can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { mayRead } from "../../components/assessed.js";
import { FrameworkChangedNotice } from "../../components/framework-changed.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { type AttentionItem, MyHomePage, type Standing } from "./me.page.js";

/** At most this many people are read for an admin's "needs attention" counts (the counts say when capped). */
const ATTENTION_SCAN = 5_000;

export function myHomeRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);
  app.get(paths.myHome(), async (c) => {
    const viewer = c.get("viewer");
    const decision = await can(actorOf(c), "person:read", { id: viewer?.person.id ?? "" });
    if (!decision.allowed) return denied(c, decision);
    if (!viewer) return c.notFound();
    const person = (await store.people.get(viewer.person.id)) ?? viewer.person;
    const visible = (a: AssessmentSummary) => assessmentVisibleTo(actorOf(c), a);
    const [standing, due, goals, attention] = await Promise.all([
      standingOf(c, store, registry, assessments, person),
      assessments.due(person, visible),
      store.goals.list(person.id),
      person.admin ? attentionItems(store) : Promise.resolve(undefined),
    ]);
    const changed = standing.changed;
    return MyHomePage(c, {
      person,
      standing,
      frameworkNotice: changed ? <FrameworkChangedNotice {...changed} links={c.get("links")} /> : undefined,
      cycle: due.cycle,
      reports: due.standings.filter((s) => s.person.id !== person.id),
      goals: goals.filter((g) => g.status === "not-started" || g.status === "in-progress"),
      attention,
    });
  });
}

/** My placement, and the gaps of my latest assessment of record to the next level. */
async function standingOf(
  c: AppContext,
  store: Store,
  registry: FrameworkRegistry,
  assessments: AssessmentsService,
  person: Person,
): Promise<Standing & { changed?: ChangeSince }> {
  const served = servedFramework(registry, person.framework);
  if (!served) return { framework: undefined };
  const { fw, index } = served;
  const level = person.level ? index.levels.get(person.level) : undefined;
  const track = level?.track ? index.tracks.get(level.track) : undefined;
  const latest = (await store.assessments.latestOfRecord([person.id])).get(person.id);
  const readable = latest && (await mayRead(c, latest)) ? latest : undefined;
  let gaps: Standing["gaps"];
  let changed: ChangeSince | undefined;
  if (readable) {
    changed = await changesSince(store, fw, index, readable, person.level);
    const snapshot = await assessments.snapshotFor(readable, () => assessments.currentSnapshot(fw, index));
    const profile = profileOf(snapshot, picksMap(readable), person.level, undefined, person.track);
    const name = (id: string) => snapshot.levels.find((l) => l.id === id)?.name ?? id;
    gaps = { target: name(profile.target), items: profile.pushNext, count: profile.gaps.length };
  }
  return {
    framework: { id: fw.id, name: index.framework.name },
    level: level ? { id: level.id, name: level.name ?? level.id } : undefined,
    track: track?.name ?? level?.track,
    latest: readable,
    gaps,
    ...(changed ? { changed } : {}),
  };
}

/** For admins: people who cannot be assessed yet (no placement) and people who have never signed in. */
async function attentionItems(store: Store): Promise<AttentionItem[]> {
  const { people, total } = await store.people.list({
    active: true,
    limit: ATTENTION_SCAN,
    emailsOf: "everyone",
  });
  const unplaced = people.filter((p) => !p.framework || !p.level).length;
  const capped = total > people.length ? ` (of the first ${people.length})` : "";
  const items: AttentionItem[] = [];
  if (unplaced)
    items.push({
      text: `${unplaced} ${unplaced === 1 ? "person has" : "people have"} no framework or level yet${capped}, so they cannot be assessed.`,
      href: paths.adminPeople(),
    });
  if (!(await store.cycles.current()))
    items.push({ text: "No assessment cycle is open.", href: paths.adminCycles() });
  return items;
}
