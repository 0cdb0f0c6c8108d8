/**
 * What the canonical csv/xlsx layout holds of a framework (docs/import.md, "What a round trip keeps"):
 * round-trip tests compare frameworks through this, so "equal" means equal on every part the layout carries.
 */
import { displayName, expectationDetail } from "../../src/core/model.js";
import type { Criterion, Framework, Step } from "../../src/core/schema.js";

const some = <T>(list: T[] | undefined) => (list?.length ? list : undefined);
const someRecord = (r: Record<string, string> | undefined) => (r && Object.keys(r).length ? r : undefined);

function criterion(c: Criterion) {
  const o = typeof c === "string" ? { text: c } : c;
  return {
    id: "id" in o ? o.id : undefined,
    text: o.text.trim(),
    examples: some("examples" in o ? o.examples : undefined),
    ratings: someRecord("ratings" in o ? o.ratings : undefined),
    sources: some("sources" in o ? o.sources : undefined),
  };
}

const step = (s: Step) => ({ id: s.id, name: s.name, description: s.description, points: s.points });

export function layoutProjection(fw: Framework): unknown {
  const cited = new Set<string>();
  const cite = (ids: string[] | undefined) => {
    for (const id of ids ?? []) cited.add(id);
    return some(ids);
  };
  const areas = (fw.areas ?? []).map((area) => ({
    id: area.id,
    name: displayName(area),
    description: area.description,
    summary: area.summary,
    takeaways: area.takeaways && Object.keys(area.takeaways).length ? area.takeaways : undefined,
    sources: cite(area.sources),
    competencies: area.competencies.map((c) => {
      const expectations: Record<string, unknown> = {};
      for (const [level, e] of Object.entries(c.expectations)) {
        const d = expectationDetail(e);
        if (!d) continue;
        const roles = Object.entries(d.roles ?? {}).map(([owner, own]) => ({
          owner,
          replace: own.replace || undefined,
          statement: own.statement?.trim(),
          step: own.step,
          examples: some(own.examples),
          ratings: someRecord(own.ratings),
          criteria: some(own.criteria?.map(criterion)),
          note: own.note?.trim(),
        }));
        const cell = {
          statement: d.statement?.trim(),
          step: d.step,
          unchanged: d.unchanged || undefined,
          examples: some(d.examples),
          ratings: someRecord(d.ratings),
          sources: some(d.sources),
          criteria: some(d.criteria?.map(criterion)),
          roles: some(roles),
          elaboration: d.elaboration?.trim(),
          notApplicable: d.notApplicable || undefined,
          note: d.note?.trim(),
        };
        const criteria = [...(cell.criteria ?? []), ...roles.flatMap((o) => o.criteria ?? [])];
        for (const s of [...(cell.sources ?? []), ...criteria.flatMap((x) => x.sources ?? [])]) cited.add(s);
        if (
          cell.statement ||
          cell.step ||
          cell.unchanged ||
          cell.examples ||
          cell.ratings ||
          cell.criteria ||
          cell.roles ||
          cell.elaboration ||
          cell.notApplicable ||
          cell.note
        )
          expectations[level] = cell;
      }
      const scale =
        typeof c.scale === "object"
          ? { name: c.scale.name, description: c.scale.description, steps: c.scale.steps.map(step) }
          : c.scale;
      const sources = cite(c.sources);
      return { id: c.id, name: displayName(c), description: c.description, scale, expectations, sources };
    }),
  }));
  const levels = (fw.levels ?? []).map((l) => ({
    id: l.id,
    name: l.name,
    title: l.title,
    track: l.track,
    follows: some(l.follows),
    rank: l.rank,
    band: l.band,
    markers: some(l.markers),
    sources: cite(l.sources),
  }));
  return JSON.parse(
    JSON.stringify({
      id: fw.id,
      name: fw.name,
      version: fw.version,
      tracks: fw.tracks.map((t) => ({ id: t.id, name: t.name, description: t.description })),
      ratingScale: fw.ratingScale?.map((b) => ({ id: b.id, name: b.name, description: b.description })),
      levels,
      points:
        fw.points && (Object.keys(fw.points.levels).length || fw.points.description)
          ? { levels: fw.points.levels, description: fw.points.description }
          : undefined,
      areas,
      scales: fw.scales?.map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        steps: s.steps.map(step),
      })),
      roles: fw.roles?.map((r) => ({ id: r.id, name: r.name, family: r.family, levels: r.levels })),
      families: fw.families?.map((f) => ({ id: f.id, name: f.name, description: f.description })),
      sources: (fw.sources ?? [])
        .filter((s) => cited.has(s.id))
        .map((s) => ({ id: s.id, title: s.title, url: s.url })),
    }),
  );
}
