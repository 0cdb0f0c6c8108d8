/**
 * The organization bench/team measures, written straight into the database in large batches (through the
 * store's connection and migrations, not through the app: 10,000 people would take minutes one by one): a
 * tree of people, REPORTS_PER_MANAGER each, at levels of one generated framework; cycles, the last open;
 * and self, manager and agreed assessments in each cycle with a pick per competency. Deterministic, so both
 * databases get the same organization. Also the raw SQL the team page is compared with.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database, Dialect, Tables } from "../src/store/db.js";
import { refreshTeamSummary } from "../src/store/team-records.js";

export const REPORTS_PER_MANAGER = 8;
/** Person 9: the root's first report's first report (people are numbered breadth first). */
const MANAGER = 1 + REPORTS_PER_MANAGER;

export interface OrgShape {
  people: number;
  cycles: number;
  /** The generated framework's id, content version, levels in rank order and competencies. */
  framework: { id: string; version: string; levelIds: string[]; competencyIds: string[] };
}

export interface Org {
  people: number;
  assessments: number;
  picks: number;
  /** Person 0: the root of the tree and the admin. */
  rootId: string;
  /** A manager two levels below the root (the first of them), with their whole team below. */
  managerId: string;
  managerSubtree: number;
}

/** A small deterministic generator, so both databases get the same organization. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Inserts rows in large batches: one bound JSON text (SQLite) or one array per column (PostgreSQL). */
async function bulk(
  db: Kysely<Tables>,
  dialect: Dialect,
  table: string,
  columns: [name: string, pgType: string][],
  rows: unknown[][],
): Promise<void> {
  if (!rows.length) return;
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  if (dialect === "sqlite") {
    const values = sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`));
    await sql`insert into ${sql.table(table)} (${names}) select ${values} from json_each(${JSON.stringify(rows)})`.execute(
      db,
    );
    return;
  }
  const arrays = sql.join(columns.map(([, type], i) => sql`${rows.map((r) => r[i])}::${sql.raw(type)}[]`));
  await sql`insert into ${sql.table(table)} (${names}) select * from unnest(${arrays})`.execute(db);
}

/** People in a tree, cycles (the last open), and self, manager and agreed assessments in each. */
export async function fillOrg(database: Database, shape: OrgShape): Promise<Org> {
  const { levelIds, competencyIds, version } = shape.framework;
  const headcount = shape.people;
  const cycleCount = shape.cycles;
  const levelCount = levelIds.length;
  const { db, dialect } = database;
  const rnd = random(20300101);
  const bool = (b: boolean) => (dialect === "sqlite" ? (b ? 1 : 0) : b);
  const ids = Array.from({ length: headcount }, () => randomUUID());
  const level = ids.map(() => 1 + Math.floor(rnd() * (levelCount - 3))); // rank 1 … 12
  const created = "2029-01-01T00:00:00.000Z";
  const people = ids.map((id, i) => {
    const name = `Person ${String(i).padStart(5, "0")}`;
    const email = `p${String(i).padStart(5, "0")}@bench.example`;
    const manager = i === 0 ? null : ids[Math.floor((i - 1) / REPORTS_PER_MANAGER)];
    return [
      id,
      name,
      name.toLowerCase(),
      email,
      email,
      manager,
      shape.framework.id,
      "ladder",
      levelIds[level[i] as number],
      null,
      bool(true),
      bool(i === 0),
      null,
      1,
      created,
      created,
    ];
  });
  const cycles = Array.from({ length: cycleCount }, (_, c) => {
    const month = String(1 + c * 3).padStart(2, "0");
    const open = c === cycleCount - 1;
    return [
      randomUUID(),
      `Cycle ${c + 1}`,
      `2030-${month}-01`,
      `2030-${month}-28`,
      open ? "open" : "closed",
      `2030-${month}-01T00:00:00.000Z`,
      open ? null : `2030-${month}-28T00:00:00.000Z`,
      open ? 1 : 2,
    ];
  });
  let assessments = 0;
  let picks = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < people.length; i += 2_000) {
      await bulk(
        trx,
        dialect,
        "people",
        [
          ["id", "uuid"],
          ["name", "text"],
          ["name_key", "text"],
          ["email", "text"],
          ["email_key", "text"],
          ["manager_id", "uuid"],
          ["framework", "text"],
          ["track", "text"],
          ["level", "text"],
          ["role", "text"],
          ["active", "boolean"],
          ["admin", "boolean"],
          ["password_hash", "text"],
          ["version", "integer"],
          ["created_at", "timestamptz"],
          ["updated_at", "timestamptz"],
        ],
        people.slice(i, i + 2_000),
      );
    }
    await bulk(
      trx,
      dialect,
      "cycles",
      [
        ["id", "uuid"],
        ["name", "text"],
        ["starts_on", "text"],
        ["ends_on", "text"],
        ["status", "text"],
        ["created_at", "timestamptz"],
        ["closed_at", "timestamptz"],
        ["version", "integer"],
      ],
      cycles,
    );
    const assessmentColumns: [string, string][] = [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["author_id", "uuid"],
      ["kind", "text"],
      ["cycle_id", "uuid"],
      ["framework", "text"],
      ["framework_version", "text"],
      ["level", "text"],
      ["status", "text"],
      ["version", "integer"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
      ["submitted_at", "timestamptz"],
    ];
    const pickColumns: [string, string][] = [
      ["assessment_id", "uuid"],
      ["competency", "text"],
      ["level", "text"],
    ];
    let aRows: unknown[][] = [];
    let pRows: unknown[][] = [];
    const flush = async () => {
      await bulk(trx, dialect, "assessments", assessmentColumns, aRows);
      for (let i = 0; i < pRows.length; i += 60_000)
        await bulk(trx, dialect, "assessment_picks", pickColumns, pRows.slice(i, i + 60_000));
      assessments += aRows.length;
      picks += pRows.length;
      aRows = [];
      pRows = [];
    };
    for (let c = 0; c < cycleCount; c++) {
      const cycle = cycles[c] as unknown[];
      const open = c === cycleCount - 1;
      for (let i = 0; i < headcount; i++) {
        const own = level[i] as number;
        const manager = i === 0 ? null : (ids[Math.floor((i - 1) / REPORTS_PER_MANAGER)] as string);
        // the open cycle is under way: not everyone is done
        const kinds: ["self" | "manager" | "agreed", string | null][] = [];
        if (!open || rnd() < 0.6) kinds.push(["self", ids[i] as string]);
        if (manager && (!open || rnd() < 0.4)) kinds.push(["manager", manager]);
        if (manager && rnd() < (open ? 0.1 : 0.35)) kinds.push(["agreed", manager]);
        let minute = Math.floor(rnd() * 20_000);
        for (const [kind, author] of kinds) {
          minute += 1 + Math.floor(rnd() * 5_000);
          const at = new Date(Date.parse(cycle[5] as string) + minute * 60_000).toISOString();
          const id = randomUUID();
          aRows.push([
            id,
            ids[i],
            author,
            kind,
            cycle[0],
            shape.framework.id,
            version,
            levelIds[own],
            "submitted",
            2,
            at,
            at,
            at,
          ]);
          const bias = kind === "self" ? 0.3 : kind === "manager" ? -0.2 : 0;
          for (const competency of competencyIds) {
            const r = rnd();
            if (r < 0.03) continue; // not picked
            const delta = Math.round((rnd() + rnd() + rnd() - 1.5) * 2 + bias);
            const rank = Math.min(levelCount - 1, Math.max(0, own + delta));
            pRows.push([id, competency, levelIds[rank]]);
          }
        }
        if (pRows.length >= 120_000) await flush();
      }
    }
    await flush();
    // written around the store's submit: its summary of each person's record is rebuilt, as after a restore
    await refreshTeamSummary(trx, dialect, "everyone");
  });
  // a database in use has statistics; a freshly loaded one has none until analyzed
  await sql`analyze`.execute(db);
  let managerSubtree = 0;
  for (let i = MANAGER; i < headcount; i++) {
    let boss = i;
    while (boss > MANAGER) boss = Math.floor((boss - 1) / REPORTS_PER_MANAGER);
    if (boss === MANAGER) managerSubtree++;
  }
  await sql`create table bench_level_ranks (level text primary key, rank integer not null)`.execute(db);
  await bulk(
    db,
    dialect,
    "bench_level_ranks",
    [
      ["level", "text"],
      ["rank", "integer"],
    ],
    levelIds.map((id, rank) => [id, rank]),
  );
  return {
    people: headcount,
    assessments,
    picks,
    rootId: ids[0] as string,
    managerId: ids[MANAGER] as string,
    managerSubtree,
  };
}

/**
 * The raw SQL: the same numbers as the organization's team page, computed by the database alone: per person
 * the assessment of record (the same window query as the app's), its picks joined to level ranks as deltas
 * grouped per person, their distribution per competency, who has no assessment in the open cycle, and each
 * manager's mean difference from their reports' self-assessments. Returns the number of rows it read.
 */
export async function rawAggregate(db: Kysely<Tables>, dialect: Dialect): Promise<number> {
  const activeTrue = dialect === "postgres" ? "true" : "1";
  const record = sql`
    select id, person_id from (
      select r.id, r.person_id, row_number() over (
        partition by person_id order by round_at desc, kind_rank, submitted_at desc, id desc) as rn
      from (
        select a.id, a.person_id, a.submitted_at,
          max(a.submitted_at) over (partition by a.person_id, coalesce(a.cycle_id, a.id)) as round_at,
          case a.kind when 'agreed' then 0 when 'manager' then 1 else 2 end as kind_rank
        from assessments a join people p on p.id = a.person_id and p.active = ${sql.raw(activeTrue)}
        where a.status = 'submitted'
      ) r
    ) ranked where rn = 1`;
  // per person, the deltas as a JSON array of [competency, delta] (the app reads picks grouped the same way)
  const pairs =
    dialect === "postgres"
      ? sql`json_agg(json_build_array(ap.competency, pick.rank - own.rank))`
      : sql`json_group_array(json_array(ap.competency, pick.rank - own.rank))`;
  const cells = await sql<{ person_id: string; deltas: unknown }>`
    with record as (${record})
    select record.person_id, ${pairs} as deltas
    from record
    join people p on p.id = record.person_id
    join bench_level_ranks own on own.level = p.level
    join assessment_picks ap on ap.assessment_id = record.id
    join bench_level_ranks pick on pick.level = ap.level
    group by record.person_id`.execute(db);
  const distribution = await sql`
    with record as (${record})
    select ap.competency,
      case when pick.rank - own.rank <= -2 then -2 when pick.rank - own.rank >= 2 then 2
        else pick.rank - own.rank end as bucket,
      count(*) as n
    from record
    join people p on p.id = record.person_id
    join bench_level_ranks own on own.level = p.level
    join assessment_picks ap on ap.assessment_id = record.id
    join bench_level_ranks pick on pick.level = ap.level
    group by ap.competency, bucket`.execute(db);
  const unassessed = await sql`
    select p.id from people p where p.active = ${sql.raw(activeTrue)} and not exists (
      select 1 from assessments a join cycles c on c.id = a.cycle_id
      where a.person_id = p.id and a.status = 'submitted' and c.status = 'open')`.execute(db);
  const latest = (kind: string) => sql`
    select a.id, a.person_id, a.cycle_id, a.author_id,
      row_number() over (partition by a.person_id, a.cycle_id order by a.submitted_at desc, a.id desc) as rn
    from assessments a join people p on p.id = a.person_id and p.active = ${sql.raw(activeTrue)}
    where a.kind = ${kind} and a.status = 'submitted' and a.cycle_id is not null`;
  const calibration = await sql`
    with s as (${latest("self")}), m as (${latest("manager")}),
    paired as (
      select s.id as self_id, m.id as manager_assessment_id, m.author_id,
        row_number() over (partition by s.person_id order by c.starts_on desc, c.created_at desc, c.id desc) as rk
      from s join m on m.person_id = s.person_id and m.cycle_id = s.cycle_id
      join cycles c on c.id = s.cycle_id
      where s.rn = 1 and m.rn = 1 and m.author_id is not null
    )
    select paired.author_id, count(*) as pairs, avg(mr.rank - sr.rank) as mean_delta
    from paired
    join assessment_picks sp on sp.assessment_id = paired.self_id
    join assessment_picks mp on mp.assessment_id = paired.manager_assessment_id and mp.competency = sp.competency
    join bench_level_ranks sr on sr.level = sp.level
    join bench_level_ranks mr on mr.level = mp.level
    where paired.rk = 1
    group by paired.author_id`.execute(db);
  return cells.rows.length + distribution.rows.length + unassessed.rows.length + calibration.rows.length;
}
