/**
 * The paged team pages as a use case (team views at 10,000 people): a page of people, sorted and filtered
 * in SQL (TeamPagesRepository), each row with their assessment of record against one framework as loaded
 * now; and the heatmap aggregated by team, with drill-down into a team. Every count and the readiness of a
 * whole team are computed by the database; only the rows shown are read into memory (one page, or one row
 * per team).
 */
import {
  criteriaShownOf,
  criteriaWritten,
  type FrameworkSnapshot,
  type HeatRow,
  type TeamMember,
  teamHeatmap,
  teamScalesOf,
} from "../core/assessment.js";
import { cellExtras } from "../core/cells.js";
import type { FrameworkIndex } from "../core/model.js";
import type { FrameworkRegistry } from "../load/registry.js";
import { currentCycle } from "../store/cycles.repository.js";
import type { Store } from "../store/store.js";
import type { RecordAssessment } from "../store/team.repository.js";
import type {
  TeamBranch,
  TeamFilter,
  TeamPageRow,
  TeamRoot,
  TeamScales,
  TeamSort,
} from "../store/team-pages.repository.js";
import type { Cycle, Person } from "../store/types.js";
import { liveSnapshot } from "./assessments.js";
import {
  ANY_VERSION,
  type CarriedMark,
  carriedRecords,
  carryTableOf,
  type NotCarried,
} from "./carried-picks.js";

/** Rows on one page of a team table. */
export const TEAM_PAGE_SIZE = 50;
/** The most teams a heatmap by team shows (drill down, or filter, for the rest). */
export const TEAM_BRANCHES_SHOWN = 200;

export interface TeamPageQuery {
  filter: TeamFilter;
  sort: TeamSort;
  descending: boolean;
  /** 1-based. */
  page: number;
  /** ?cycle=: only this cycle's assessments count. */
  cycle: Cycle | undefined;
  /** Every cycle (CyclesRepository.list), read once by the page: without ?cycle=, the current one is due. */
  cycles: readonly Cycle[];
}

export interface TeamTableRow extends TeamPageRow {
  record: RecordAssessment | undefined;
  /** Against the table's framework; undefined when the person is on another one. */
  heat: HeatRow | undefined;
  /** Competency id → how its pick came from an earlier version of the framework (none when it did not). */
  marks: ReadonlyMap<string, CarriedMark> | undefined;
  /** Picks of an earlier version that could not be carried (a retired competency), with the map's note. */
  dropped: NotCarried[] | undefined;
  /** Competency id → the name of the step its picked level asks for, where the competency has a step scale. */
  steps: ReadonlyMap<string, string> | undefined;
  /** Competency id → criteria shown at the picked level of the N it writes, where it writes some (format 2). */
  criteria: ReadonlyMap<string, { shown: number; of: number }> | undefined;
}

export interface TeamTable {
  /** The framework the table's competency columns are about (the filter's, else the first with people). */
  snapshot: FrameworkSnapshot | undefined;
  /** The snapshot's framework's tracks, for the filter to name them. */
  tracks: { id: string; name: string }[];
  /** The loaded frameworks, for the filter. */
  frameworks: { id: string; name: string }[];
  due: Cycle | undefined;
  rows: TeamTableRow[];
  total: number;
  page: number;
  pages: number;
}

export interface TeamHeatmapByTeam {
  snapshot: FrameworkSnapshot | undefined;
  /** The snapshot's framework's tracks, for the filter to name them. */
  tracks: { id: string; name: string }[];
  frameworks: { id: string; name: string }[];
  due: Cycle | undefined;
  branches: TeamBranch[];
  /** Branches beyond TEAM_BRANCHES_SHOWN, not shown. */
  more: number;
}

/** How the people of a team page are spread over the frameworks: what the page says of those it leaves out. */
export interface TeamPlacement {
  /** The loaded frameworks someone of the page's people is on, in loaded order, with how many. */
  frameworks: { id: string; name: string; people: number }[];
  /** People on no framework, or on one not loaded: on no team page's table. */
  elsewhere: number;
}

export class TeamPagesService {
  readonly #store: Store;
  readonly #registry: FrameworkRegistry;

  constructor(store: Store, registry: FrameworkRegistry) {
    this.#store = store;
    this.#registry = registry;
  }

  #snapshot(id: string | undefined): FrameworkSnapshot | undefined {
    if (id === undefined) return undefined;
    const fw = this.#registry.get(id);
    return fw?.ok && fw.index ? liveSnapshot(fw, fw.index) : undefined;
  }

  /**
   * Every loaded framework's scales: the database reads ranks and readiness from them, and carries records
   * made on an earlier version through the carry tables of every version the store keeps (and of any other,
   * by today's map alone), as the people's own pages carry them.
   */
  async #scales(carry = true): Promise<TeamScales> {
    const scales: TeamScales = { ranks: [], needs: [], criteria: [], ...(carry ? { carry: [] } : {}) };
    for (const fw of this.#registry.list()) {
      const snapshot = this.#snapshot(fw.id);
      if (!snapshot || !fw.index) continue;
      const made = teamScalesOf(snapshot);
      scales.ranks.push(...made.ranks);
      scales.needs.push(...made.needs);
      scales.criteria?.push(...made.criteria);
      if (!scales.carry) continue;
      const index = fw.index;
      const earlier = (await this.#store.snapshots.versions(fw.id)).filter((v) => v !== fw.version);
      const versions = await Promise.all(
        [...earlier, ANY_VERSION].map(async (version) => ({
          version,
          ...(await carryTableOf(this.#store, fw, index, version)),
        })),
      );
      scales.carry?.push({ framework: fw.id, current: fw.version, versions });
    }
    return scales;
  }

  #tracks(snapshot: FrameworkSnapshot | undefined): { id: string; name: string }[] {
    const fw = snapshot && this.#registry.get(snapshot.framework);
    return fw?.ok && fw.index ? [...fw.index.tracks.values()].map((t) => ({ id: t.id, name: t.name })) : [];
  }

  #frameworks(): { id: string; name: string }[] {
    return this.#registry.list().flatMap((fw) => {
      const snapshot = this.#snapshot(fw.id);
      return snapshot ? [{ id: fw.id, name: snapshot.name }] : [];
    });
  }

  /** Whether `teamId` is someone below `managerId` (a team a manager may drill into). */
  manages(managerId: string, teamId: string): Promise<boolean> {
    return this.#store.people.manages(managerId, teamId);
  }

  /** An active person by id (the team drilled into). */
  async person(id: string): Promise<Person | undefined> {
    const person = await this.#store.people.get(id);
    return person?.active ? person : undefined;
  }

  /** One page of the table of `root`. */
  async table(root: TeamRoot, query: TeamPageQuery): Promise<TeamTable> {
    const due = query.cycle ?? currentCycle(query.cycles);
    const when = { dueCycleId: due?.id, cycleId: query.cycle?.id };
    const snapshot = this.#snapshot(query.filter.framework);
    // the records are read in SQL only to tell who is ready
    const scales = await this.#scales(query.filter.status === "ready");
    const { rows, total } = await this.#store.teamPages.page(root, query.filter, when, scales, {
      sort: query.sort,
      descending: query.descending,
      offset: (query.page - 1) * TEAM_PAGE_SIZE,
      limit: TEAM_PAGE_SIZE,
    });
    // records made on an earlier version are read on the loaded one, as every page about people reads them
    const { records, marks, dropped } = await carriedRecords(
      this.#store,
      this.#registry,
      await this.#store.team.recordsOf(
        { personIds: rows.map((r) => r.person.id) },
        query.cycle ? { cycleId: query.cycle.id } : {},
      ),
    );
    const heat = new Map<string, HeatRow>();
    const members = snapshot ? rows.filter((r) => r.person.framework === snapshot.framework) : [];
    if (snapshot) {
      const map = teamHeatmap(
        snapshot,
        members.map((r) => memberOf(r.person, records, snapshot)),
      );
      for (const row of map.rows) heat.set(row.personId, row);
    }
    const written = snapshot && criteriaWritten(snapshot);
    return {
      snapshot,
      tracks: this.#tracks(snapshot),
      frameworks: this.#frameworks(),
      due,
      rows: rows.map((r) => {
        const record = records.get(r.person.id);
        const mine = snapshot && record?.framework === snapshot.framework ? record : undefined;
        return {
          ...r,
          record,
          heat: heat.get(r.person.id),
          marks: marks.get(r.person.id),
          dropped: dropped.get(r.person.id),
          steps: stepsOf(this.#registry, snapshot, record),
          criteria: written && mine ? criteriaShownOf(written, mine.picks, mine.shown) : undefined,
        };
      }),
      total,
      page: query.page,
      pages: Math.max(1, Math.ceil(total / TEAM_PAGE_SIZE)),
    };
  }

  /** The heatmap of `root` by team, on the filter's framework. */
  async byTeam(
    root: TeamRoot,
    filter: TeamFilter,
    cycle: Cycle | undefined,
    cycles: readonly Cycle[],
  ): Promise<TeamHeatmapByTeam> {
    const due = cycle ?? currentCycle(cycles);
    const snapshot = this.#snapshot(filter.framework);
    const branches = snapshot
      ? await this.#store.teamPages.branches(
          root,
          filter,
          { dueCycleId: due?.id, cycleId: cycle?.id },
          await this.#scales(),
        )
      : [];
    return {
      snapshot,
      tracks: this.#tracks(snapshot),
      frameworks: this.#frameworks(),
      due,
      branches: branches.slice(0, TEAM_BRANCHES_SHOWN),
      more: Math.max(0, branches.length - TEAM_BRANCHES_SHOWN),
    };
  }

  /** How the active people of `root` are spread over the loaded frameworks (counted by the database). */
  async placement(root: TeamRoot): Promise<TeamPlacement> {
    const counts = await this.#store.teamPages.frameworks(root);
    const frameworks = this.#frameworks().flatMap((f) => {
      const people = counts.get(f.id) ?? 0;
      return people ? [{ ...f, people }] : [];
    });
    const everyone = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return { frameworks, elsewhere: everyone - frameworks.reduce((sum, f) => sum + f.people, 0) };
  }

  /**
   * The framework a page shows when none is asked for: the viewer's when some of the page's people are on
   * it, else the one most of them are on, else the viewer's, else the first loaded one.
   */
  defaultFramework(viewer: Person, placement: TeamPlacement): string | undefined {
    const placed = placement.frameworks;
    if (placed.some((f) => f.id === viewer.framework)) return viewer.framework ?? undefined;
    const most = placed.reduce<TeamPlacement["frameworks"][number] | undefined>(
      (best, f) => (best && best.people >= f.people ? best : f),
      undefined,
    );
    const frameworks = this.#frameworks();
    return most?.id ?? frameworks.find((f) => f.id === viewer.framework)?.id ?? frameworks[0]?.id;
  }
}

function memberOf(
  person: Person,
  records: ReadonlyMap<string, RecordAssessment>,
  snapshot: FrameworkSnapshot,
): TeamMember {
  const record = records.get(person.id);
  const mine = record && record.framework === snapshot.framework ? record : undefined;
  return {
    personId: person.id,
    name: person.name,
    level: person.level,
    assessed: mine !== undefined,
    picks: mine?.picks ?? new Map(),
  };
}

/** Step names already worked out, per loaded version: role, competency and level → the step's name. */
const stepNames = new WeakMap<FrameworkIndex, Map<string, string | undefined>>();

/**
 * The steps a record's picks name on the table's framework: for each competency with a step scale, the
 * name of the step its picked level asks for, in the role the assessment was made in (format 2).
 */
function stepsOf(
  registry: FrameworkRegistry,
  snapshot: FrameworkSnapshot | undefined,
  record: RecordAssessment | undefined,
): ReadonlyMap<string, string> | undefined {
  const index = snapshot && registry.get(snapshot.framework)?.index;
  if (!index || !record || record.framework !== snapshot.framework) return undefined;
  const known = stepNames.get(index) ?? new Map<string, string | undefined>();
  stepNames.set(index, known);
  const steps = new Map<string, string>();
  for (const [competency, level] of record.picks) {
    if (index.competencies.get(competency)?.competency.scale === undefined) continue;
    const key = `${record.role ?? ""}\0${competency}\0${level}`;
    if (!known.has(key))
      known.set(key, cellExtras(index, competency, level, record.role ?? undefined).step?.name);
    const name = known.get(key);
    if (name !== undefined) steps.set(competency, name);
  }
  return steps.size ? steps : undefined;
}
