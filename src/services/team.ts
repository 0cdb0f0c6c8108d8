/**
 * Team views as a use case: a manager's team or the whole organization, by framework, each person by their
 * assessment of record (TeamRepository.recordsOf) against the framework as loaded now: the heatmap, who is
 * ready for their next level, who has not been assessed in the due cycle, and the calibration of managers'
 * ratings. Pages, CSV and JSON render the same view.
 */
import {
  type CalibrationPair,
  type CalibrationRow,
  calibration,
  criteriaShownOf,
  criteriaWritten,
  type FrameworkSnapshot,
  profileOf,
  type TeamHeatmap,
  type TeamMember,
  teamHeatmap,
} from "../core/assessment.js";
import { assessedOn } from "../core/place.js";
import type { FrameworkRegistry } from "../load/registry.js";
import { isId } from "../store/columns.js";
import type { Store } from "../store/store.js";
import type { CalibrationSource, RecordAssessment, TeamScope } from "../store/team.repository.js";
import type { Cycle, Person } from "../store/types.js";
import { liveSnapshot } from "./assessments.js";
import { type CarriedMark, carriedRecords, type NotCarried } from "./carried-picks.js";

/** Calibration rows with fewer (self, manager) pairs than this say "too few to tell" instead of a reading. */
export const CALIBRATION_MIN_PAIRS = 5;

/** One framework's part of a team view: its people, their assessments of record, and the heatmap. */
export interface FrameworkGroup {
  framework: string;
  name: string;
  snapshot: FrameworkSnapshot;
  people: Person[];
  /** Aligned with `people`; undefined when the person has no assessment on this framework. */
  records: (RecordAssessment | undefined)[];
  heatmap: TeamHeatmap;
  levelNames: Map<string, string>;
  /** Aligned with `people`: how each carried pick came from an earlier version (none when none did). */
  marks: (ReadonlyMap<string, CarriedMark> | undefined)[];
  /** Aligned with `people`: the picks of an earlier version that could not be carried, and why. */
  notCarried: (readonly NotCarried[] | undefined)[];
  /**
   * Aligned with `people`: competency id → criteria shown at the picked level of the N it writes, where it
   * writes some (criteriaShownOf); undefined without a record.
   */
  criteria: (ReadonlyMap<string, { shown: number; of: number }> | undefined)[];
}

export interface ReadyPerson {
  person: Person;
  framework: string;
  /** Level ids. */
  level: string;
  next: string;
  /** What the page shows for the next level. */
  nextName: string;
}

export interface TeamView {
  scope: "team" | "organization";
  /** The cycle chosen with ?cycle= (only its assessments count), if any. */
  cycle: Cycle | undefined;
  /** The cycle "no assessment" is about: the chosen one, else the open one; none: "no assessment yet". */
  due: Cycle | undefined;
  groups: FrameworkGroup[];
  /** In scope but without a framework (or with one that is not loaded): no heatmap for them. */
  withoutFramework: Person[];
  /** No submitted assessment in `due` (or none at all when there is no cycle). */
  unassessed: Person[];
  ready: ReadyPerson[];
  /** Organization view only. */
  calibration?: CalibrationRow[];
  /** Everyone in scope. */
  total: number;
}

export class TeamService {
  readonly #store: Store;
  readonly #registry: FrameworkRegistry;

  constructor(store: Store, registry: FrameworkRegistry) {
    this.#store = store;
    this.#registry = registry;
  }

  /** A framework's snapshot at the loaded version (made once per version); none when it is not loaded. */
  #snapshot(id: string): FrameworkSnapshot | undefined {
    const fw = this.#registry.get(id);
    return fw?.ok && fw.index ? liveSnapshot(fw, fw.index) : undefined;
  }

  /** A stored cycle by id (what ?cycle= names); undefined when there is none. */
  async cycle(id: string): Promise<Cycle | undefined> {
    return isId(id) ? await this.#store.cycles.get(id) : undefined;
  }

  /** Every cycle, for choosing one (?cycle=). */
  cycles(): Promise<Cycle[]> {
    return this.#store.cycles.list();
  }

  /** Someone's team: everyone active below them in the org tree. */
  async teamOf(personId: string): Promise<Person[]> {
    const below = await this.#store.people.subtree(personId);
    return below.map((e) => e.person).filter((p) => p.active);
  }

  /** The whole organization's view: everyone active. */
  async organization(cycle: Cycle | undefined, withCalibration = true): Promise<TeamView> {
    return this.view("organization", await this.#store.team.activePeople(), cycle, withCalibration);
  }

  /**
   * The view of `people`: grouped by framework (in the registry's order), each with its heatmap, who meets
   * the next level, who has no assessment in the cycle that is due; calibration only for the organization,
   * and only where it is shown (not in CSV).
   */
  async view(
    scope: "team" | "organization",
    people: Person[],
    cycle: Cycle | undefined,
    withCalibration = scope === "organization",
  ): Promise<TeamView> {
    const teamScope: TeamScope =
      scope === "organization" ? "everyone" : { personIds: people.map((p) => p.id) };
    const due = cycle ?? (await this.#store.cycles.current());
    const [asMade, assessed, sources] = await Promise.all([
      this.#store.team.recordsOf(teamScope, cycle ? { cycleId: cycle.id } : {}),
      due ? this.#store.team.assessedIn(due.id, teamScope) : undefined,
      withCalibration
        ? this.#store.team.calibrationSources(teamScope, cycle ? { cycleId: cycle.id } : {})
        : undefined,
    ]);
    // records made on an earlier version are read on the loaded one, as every page about people reads them
    const { records, marks, dropped } = await carriedRecords(this.#store, this.#registry, asMade);
    const byFramework = new Map<string, Person[]>();
    const withoutFramework: Person[] = [];
    for (const person of people) {
      const snapshot = person.framework ? this.#snapshot(person.framework) : undefined;
      if (!snapshot || !person.framework) {
        withoutFramework.push(person);
        continue;
      }
      const list = byFramework.get(person.framework);
      if (list) list.push(person);
      else byFramework.set(person.framework, [person]);
    }
    const groups: FrameworkGroup[] = [];
    const ready: ReadyPerson[] = [];
    // frameworks in the order the registry lists them
    for (const fw of this.#registry.list()) {
      const members = byFramework.get(fw.id);
      const snapshot = this.#snapshot(fw.id);
      if (!members || !snapshot) continue;
      const group = groupOf(fw.id, snapshot, members, records, { marks, dropped });
      groups.push(group);
      ready.push(...readyIn(group));
    }
    const unassessed = people.filter((p) => (assessed ? !assessed.has(p.id) : !records.has(p.id)));
    const view: TeamView = {
      scope,
      cycle,
      due,
      groups,
      withoutFramework,
      unassessed,
      ready,
      total: people.length,
    };
    if (sources) view.calibration = await this.#calibrationOf(sources);
    return view;
  }

  /** Calibration of the whole organization (only `cycle`'s assessments, when given). */
  async calibration(cycle: Cycle | undefined): Promise<CalibrationRow[]> {
    const sources = await this.#store.team.calibrationSources("everyone", cycle ? { cycleId: cycle.id } : {});
    return this.#calibrationOf(sources);
  }

  /**
   * Per manager, one (self rank, manager rank) pair per competency both picked, ranked on the framework as
   * loaded (a framework that is not loaded, or a level it no longer has, contributes nothing); picks made
   * on an earlier version are carried to the loaded one first, as every view of people reads them.
   */
  async #calibrationOf(made: CalibrationSource[]): Promise<CalibrationRow[]> {
    const asMade = new Map(
      made.flatMap((s, i) => [
        [`self ${i}`, { framework: s.framework, frameworkVersion: s.selfVersion, picks: s.self }],
        [`manager ${i}`, { framework: s.framework, frameworkVersion: s.managerVersion, picks: s.manager }],
      ]),
    );
    const { records } = await carriedRecords(this.#store, this.#registry, asMade);
    const sources = made.map((s, i) => ({
      ...s,
      self: records.get(`self ${i}`)?.picks ?? s.self,
      manager: records.get(`manager ${i}`)?.picks ?? s.manager,
    }));
    const pairs: CalibrationPair[] = [];
    const ranks = new Map<string, Map<string, number>>();
    // only what the person's place is assessed on (core/place.ts): an optional pick is no rating to compare
    const places = new Map<string, Set<string>>();
    for (const source of sources) {
      let rank = ranks.get(source.framework);
      const snapshot = this.#snapshot(source.framework);
      if (!rank) {
        rank = new Map(snapshot?.levels.map((l) => [l.id, l.rank]) ?? []);
        ranks.set(source.framework, rank);
      }
      const placeKey = `${source.framework}\u0000${source.level ?? ""}\u0000${source.track ?? ""}`;
      const onPlace = places.get(placeKey) ?? (snapshot ? assessedOn(snapshot, source) : new Set<string>());
      places.set(placeKey, onPlace);
      for (const [competency, level] of source.manager) {
        if (!onPlace.has(competency)) continue;
        const manager = rank.get(level);
        const picked = source.self.get(competency);
        const self = picked === undefined ? undefined : rank.get(picked);
        if (manager === undefined || self === undefined) continue;
        pairs.push({ managerId: source.managerId, managerName: source.managerName, self, manager });
      }
    }
    return calibration(pairs);
  }
}

/** One framework's group: its members' assessments of record on it, and the heatmap they make. */
function groupOf(
  framework: string,
  snapshot: FrameworkSnapshot,
  members: Person[],
  records: ReadonlyMap<string, RecordAssessment>,
  carried: {
    marks: ReadonlyMap<string, ReadonlyMap<string, CarriedMark>>;
    dropped: ReadonlyMap<string, readonly NotCarried[]>;
  },
): FrameworkGroup {
  const groupRecords = members.map((p) => {
    const record = records.get(p.id);
    return record && record.framework === framework ? record : undefined;
  });
  const heatmap = teamHeatmap(
    snapshot,
    members.map(
      (p, i): TeamMember => ({
        personId: p.id,
        name: p.name,
        level: p.level,
        assessed: groupRecords[i] !== undefined,
        picks: groupRecords[i]?.picks ?? new Map(),
      }),
    ),
  );
  const levelNames = new Map(snapshot.levels.map((l) => [l.id, l.name]));
  const written = criteriaWritten(snapshot);
  return {
    framework,
    name: snapshot.name,
    snapshot,
    people: members,
    records: groupRecords,
    heatmap,
    levelNames,
    marks: members.map((p, i) => (groupRecords[i] ? carried.marks.get(p.id) : undefined)),
    notCarried: members.map((p, i) => (groupRecords[i] ? carried.dropped.get(p.id) : undefined)),
    criteria: groupRecords.map((r) => r && criteriaShownOf(written, r.picks, r.shown)),
  };
}

/** The people of a group whose assessment of record meets their next level, with that level. */
function readyIn(group: FrameworkGroup): ReadyPerson[] {
  const ready: ReadyPerson[] = [];
  group.heatmap.rows.forEach((row, i) => {
    const person = group.people[i] as Person;
    const record = group.records[i];
    if (!row.meetsNext || !record || !person.level) return;
    const next = profileOf(group.snapshot, record.picks, person.level, undefined, person.track).target;
    ready.push({
      person,
      framework: group.framework,
      level: person.level,
      next,
      nextName: group.levelNames.get(next) ?? next,
    });
  });
  return ready;
}
