/**
 * One assessment as a page (/assessments/:id/) and as JSON, and a person's submitted assessments as JSON:
 * for whom the policy lets read them (a draft: its author alone; anyone else is told "not found").
 */

import type { Context } from "hono";
import type { FrameworkSnapshot, Pick } from "../../../core/assessment.js";
import { isSafeUrl } from "../../../core/safe-url.js";
import { isolated } from "../../../core/text.js";
import { AssessmentsService, KIND_NAMES } from "../../../services/assessments.js";
import { type CarriedReading, carriedReading } from "../../../services/carried-picks.js";
import { type Served, servedFramework } from "../../../services/frameworks.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, Person } from "../../../store/types.js";
import { denied } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { assessmentsJson, noticeOf } from "../../components/assessed.js";
import { CriteriaShown, PickComment, snapshotCriterionTexts } from "../../components/assessment-criteria.js";
import { PickAsks, type PickOption, pickOptions } from "../../components/assessment-form.js";
import { CarriedNote, CarriedTag } from "../../components/carried.js";
import { html } from "../../components/html.js";
import { LinkedText, USER_LINK_REL } from "../../components/linked-text.js";
import { Notice, Page } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";

export function assessmentViewRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);

  app.get("/assessments/:id/", async (c) => {
    const a = await readableAssessment(c, store, c.req.param("id"));
    if (a instanceof Response) return a;
    const [person, author] = await Promise.all([
      store.people.get(a.personId),
      a.authorId ? store.people.get(a.authorId) : undefined,
    ]);
    if (!person) return c.notFound();
    const served = servedFramework(registry, a.framework);
    // a draft reads against the framework as it is now; when that cannot be loaded, against the version it started on
    const snapshot = served
      ? await assessments.snapshotFor(a, () => assessments.currentSnapshot(served.fw, served.index))
      : await store.snapshots.get(a.framework, a.frameworkVersion);
    if (!snapshot) return c.notFound();
    // made on an earlier version of a framework still served: read on today's through its migration map
    const carried = served ? await carriedReading(store, served.fw, served.index, a) : undefined;
    // the role it was made in, named as the framework names it (the id where it no longer has that role)
    const role = a.role === null ? undefined : (served?.index.roles.get(a.role)?.name ?? a.role);
    const asks = {
      made: asksOf(snapshot, served, a.role),
      now: carried && asksOf(carried.snapshot, served, a.role),
    };
    return assessmentPage(c, a, { person, author, snapshot, carried, role, asks });
  });

  app.get("/api/assessments/:id", async (c) => {
    const a = await readableAssessment(c, store, c.req.param("id"));
    if (a instanceof Response) return a;
    const [json] = await assessmentsJson(store, [a]);
    return c.json(json, 200);
  });

  app.get("/api/people/:id/assessments", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:read", { id });
    if (!decision.allowed) return denied(c, decision);
    const person = await store.people.get(id);
    if (!person) return c.notFound();
    const submitted = await store.assessments.history(id);
    return c.json(
      { person: { id: person.id, name: person.name }, assessments: await assessmentsJson(store, submitted) },
      200,
    );
  });
}

/** The assessment with that id and the policy's leave to read it, or the response to send instead. */
async function readableAssessment(
  c: Context<AppEnv>,
  store: Store,
  id: string,
): Promise<Assessment | Response> {
  const found = await store.assessments.get(id);
  // an unknown id, someone else's assessment and someone else's draft all get the same answer
  const decision = await can(actorOf(c), "assessment:read", { id: found?.personId ?? "", assessment: found });
  if (!decision.allowed) return denied(c, decision);
  return found ?? c.notFound();
}

function assessmentPage(
  c: Context<AppEnv>,
  a: Assessment,
  {
    person,
    author,
    snapshot,
    carried,
    role,
    asks,
  }: {
    person: Person;
    /** What each level asks on the version it was made on, and on today's when it is carried. */
    asks: { made: Asks; now: Asks | undefined };
    role: string | undefined; // the name of the role it was made in
    author: Person | undefined;
    /** The version it was made on (for a draft, today's). */
    snapshot: FrameworkSnapshot;
    carried: CarriedReading | undefined;
  },
): Response {
  const links = c.get("links");
  const notice = noticeOf(c);
  const title = `${KIND_NAMES[a.kind]} of ${isolated(person.name)}`;
  const commentBy = a.kind === "self" ? `Comment from ${isolated(person.name)}` : "Manager’s comment";
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="assessment"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: title },
      ]}
    >
      <h1>
        {KIND_NAMES[a.kind]} of <bdi>{person.name}</bdi>
      </h1>
      <Notice text={notice} />
      <p class="meta">
        {a.status === "submitted" && a.submittedAt ? (
          <>
            Submitted <When at={a.submittedAt} />
          </>
        ) : (
          <>
            Draft, last saved <When at={a.updatedAt} />
          </>
        )}
        {author ? (
          <>
            {" by "}
            <bdi>{author.name}</bdi>
          </>
        ) : null}
        {role ? ` · as ${role}` : ""}
        {" · "}
        <bdi>{snapshot.name}</bdi>
        {`${snapshot.label ? ` ${snapshot.label}` : ""} (content ${a.frameworkVersion})`}
      </p>
      <p>
        <a href={`${links.to(paths.profile(person.id))}?assessment=${a.id}`}>See it as a profile</a> ·{" "}
        <a href={links.to(paths.history(person.id))}>History</a>
      </p>
      <AssessmentPicks a={a} snapshot={snapshot} carried={carried} asks={asks} commentBy={commentBy} />
    </Page>,
  );
}

/** The picks as made, or read on today's version with the picks as made one click away. */
function AssessmentPicks({
  a,
  snapshot,
  carried,
  asks,
  commentBy,
}: {
  a: Assessment;
  snapshot: FrameworkSnapshot;
  carried: CarriedReading | undefined;
  asks: { made: Asks; now: Asks | undefined };
  commentBy: string;
}) {
  return carried ? (
    <>
      <CarriedNote
        from={carried.from}
        now={carried.snapshot.label ?? carried.snapshot.version.slice(0, 12)}
        dropped={carried.dropped}
      />
      <PicksTable
        picks={carried.picks}
        snapshot={carried.snapshot}
        commentBy={commentBy}
        marks={carried.marks}
        madeOn={snapshot}
        asks={asks.now ?? asks.made}
      />
      <details class="as-made">
        <summary>{`As made on version ${carried.from}`}</summary>
        <PicksTable picks={picksOf(a)} snapshot={snapshot} commentBy={commentBy} id="made" asks={asks.made} />
      </details>
    </>
  ) : (
    <PicksTable picks={picksOf(a)} snapshot={snapshot} commentBy={commentBy} asks={asks.made} />
  );
}

/** Per competency: the level picked (and band), the evidence, the criteria shown and the author's comment. */
function PicksTable({
  picks,
  snapshot,
  commentBy,
  marks,
  madeOn = snapshot,
  id = "pick",
  asks,
}: {
  /** By competency id of `snapshot`. */
  picks: ReadonlyMap<string, Pick>;
  snapshot: FrameworkSnapshot;
  commentBy: string;
  /** How carried picks came to `snapshot`; their criteria are read in `madeOn`, under their old ids. */
  marks?: CarriedReading["marks"];
  madeOn?: FrameworkSnapshot;
  /** Prefix of the rows' ids: a page with two tables gives one another. */
  id?: string;
  asks: Asks;
}) {
  const levelName = new Map(snapshot.levels.map((l) => [l.id, l.name]));
  const bandName = new Map((snapshot.bands ?? []).map((b) => [b.id, b.name]));
  return (
    <div class="table-scroll">
      <table class="assessment-picks stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Level</th>
            <th scope="col">Evidence and comments</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.competencies.map((comp) => {
            const pick = picks.get(comp.id);
            const mark = marks?.get(comp.id);
            const criteriaOf = mark ? madeOn : snapshot;
            return (
              <tr id={`${id}-${comp.id}`}>
                <th scope="row">{comp.name}</th>
                <td data-label="Level">
                  {pick?.level ? (
                    (levelName.get(pick.level) ?? pick.level)
                  ) : (
                    <span class="none">not picked</span>
                  )}
                  {pick?.band ? <span class="badge">{bandName.get(pick.band) ?? pick.band}</span> : null}
                  <CarriedTag mark={mark} />
                  {pick?.level ? <Asked asked={asks(comp.id, pick.level)} /> : null}
                </td>
                <td data-label="Evidence and comments">
                  <Evidence pick={pick} />
                  <CriteriaShown
                    shown={pick?.criteria ?? []}
                    texts={snapshotCriterionTexts(criteriaOf, mark?.from[0] ?? comp.id)}
                  />
                  <PickComment comment={pick?.comment} by={commentBy} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What a competency's level asks for (a statement, a step of its scale, or both), as the form offered it. */
type Asks = (
  competency: string,
  level: string,
) => { statement: PickOption["statement"]; step: PickOption["step"] } | undefined;

/**
 * What each level of `snapshot` asks, in `role`: read from the framework as served when the snapshot is its
 * version (the role's own statement, the step), as the form read it; else the text the snapshot froze.
 */
function asksOf(snapshot: FrameworkSnapshot, served: Served | undefined, role: string | null): Asks {
  if (served && served.fw.version === snapshot.version) {
    const options = new Map<string, PickOption[]>();
    return (competency, level) => {
      const offered = options.get(competency) ?? pickOptions(served.index, competency, role);
      options.set(competency, offered);
      return offered.find((o) => o.level === level);
    };
  }
  const frozen = new Map(snapshot.competencies.map((c) => [c.id, c.expectations]));
  return (competency, level) => {
    const statement = frozen.get(competency)?.[level];
    return statement ? { statement, step: undefined } : undefined;
  };
}

/** Beside a pick, what its level asks for: the statement (criteria a line each) and the step. */
function Asked({ asked }: { asked: ReturnType<Asks> }) {
  if (!asked?.statement && !asked?.step) return null;
  return (
    <p class="pick-asks">
      <PickAsks statement={asked.statement} step={asked.step} />
    </p>
  );
}

const picksOf = (a: Assessment): Map<string, Pick> => new Map(a.picks.map((p) => [p.competency, p]));

/**
 * Evidence as the person wrote it (plain text, line breaks kept, its http(s) URLs linked: LinkedText) and their
 * links, never as markup; a link stored before links were checked, or restored from a backup, is shown but not
 * followed unless it passes the URL allowlist.
 */
export function Evidence({ pick }: { pick: Pick | undefined }) {
  if (!pick?.evidence && !pick?.links?.length) return <span class="none">—</span>;
  return (
    <>
      {pick.evidence ? <LinkedText text={pick.evidence} /> : null}
      {pick.links?.length ? (
        <ul class="evidence-links">
          {pick.links.map((href) => (
            <li>
              {isSafeUrl(href) ? (
                <a href={href} rel={USER_LINK_REL}>
                  {href}
                </a>
              ) : (
                href
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
