/**
 * bench/team: the organization's team heatmap (/admin/team/, rendered by the app in-process for a signed-in
 * admin) for 10,000 people × 60 competencies with 4 cycles of submitted assessments, against a raw SQL
 * aggregate over the same rows in the same run, on SQLite and on PostgreSQL. Target: ratio <= 2.
 *
 * The raw SQL is the least that computes the page's numbers: per person the assessment of record (the same
 * window query as the app's), its picks joined to level ranks as deltas grouped per person, their
 * distribution per competency, who has no assessment in the open cycle, and each manager's mean difference from their
 * reports' self-assessments. The page does that plus reading people, building the view and writing some
 * 13 MB of HTML.
 *
 * PostgreSQL: a throwaway database on RUNGS_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/
 * postgres), created and dropped here; skipped, saying why, when the server cannot be reached.
 * BENCH_TEAM_PEOPLE changes the number of people (for a quick run).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadOccupations } from "../src/load/occupations.js";
import { FrameworkRegistry } from "../src/load/registry.js";
import { type Database, type Dialect, openDatabase, type Tables } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { createApp } from "../src/web/app.js";
import { hashPassword } from "../src/web/auth/passwords.js";
import { PASSWORD, signedIn } from "../test/support/auth.js";
import { generateFramework } from "./generate.js";
import { median } from "./measure.js";

const TARGET = 2;
const ROUNDS = 3;
const PEOPLE = Number(process.env.BENCH_TEAM_PEOPLE ?? 10_000);
const REPORTS_PER_MANAGER = 8;
const CYCLES = 4;
const LEVELS = 15;
const COMPETENCIES = 60;
const ADMIN_URL = process.env.RUNGS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PAGE = "/admin/team/";

const fwDir = mkdtempSync(join(tmpdir(), "rungs-bench-team-fw-"));
// removed however the run ends (the databases are removed by their own finally blocks below)
process.on("exit", () => rmSync(fwDir, { recursive: true, force: true }));
const fw = generateFramework(fwDir, { levels: LEVELS, areas: 3, perArea: COMPETENCIES / 3 });
const registry = new FrameworkRegistry([fw.dir], {
  fs: nodeFileSystem,
  occupations: await loadOccupations(nodeFileSystem),
});
await registry.load();
const loaded = registry.get("large");
if (!loaded?.ok || !loaded.index) throw new Error("the generated framework does not load");
const version = loaded.version;
const levelIds = loaded.index.levelOrder; // l1 … l15, one track: rank = position
const competencyIds = [...loaded.index.competencies.keys()];
const passwordHash = await hashPassword(PASSWORD);

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

interface Org {
  people: number;
  assessments: number;
  picks: number;
  adminEmail: string;
}

/** 10,000 people in a tree, 4 cycles (the last open), and self, manager and agreed assessments in each. */
async function fill(database: Database): Promise<Org> {
  const { db, dialect } = database;
  const rnd = random(20300101);
  const bool = (b: boolean) => (dialect === "sqlite" ? (b ? 1 : 0) : b);
  const ids = Array.from({ length: PEOPLE }, () => randomUUID());
  const level = ids.map(() => 1 + Math.floor(rnd() * (LEVELS - 3))); // rank 1 … 12
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
      "large",
      "ladder",
      levelIds[level[i] as number],
      null,
      bool(true),
      bool(i === 0),
      i === 0 ? passwordHash : null,
      1,
      created,
      created,
    ];
  });
  const cycles = Array.from({ length: CYCLES }, (_, c) => {
    const month = String(1 + c * 3).padStart(2, "0");
    const open = c === CYCLES - 1;
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
    for (let c = 0; c < CYCLES; c++) {
      const cycle = cycles[c] as unknown[];
      const open = c === CYCLES - 1;
      for (let i = 0; i < PEOPLE; i++) {
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
            "large",
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
            const rank = Math.min(LEVELS - 1, Math.max(0, own + delta));
            pRows.push([id, competency, levelIds[rank]]);
          }
        }
        if (pRows.length >= 120_000) await flush();
      }
    }
    await flush();
  });
  // a database in use has statistics; a freshly loaded one has none until analyzed
  await sql`analyze`.execute(db);
  return { people: PEOPLE, assessments, picks, adminEmail: "p00000@bench.example" };
}

/** The raw SQL: the same numbers as the page, computed by the database alone. */
async function rawAggregate(db: Kysely<Tables>, dialect: Dialect): Promise<number> {
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

interface Result {
  dialect: Dialect;
  org: Org;
  loadMs: number;
  pageMs: number;
  rawMs: number;
  bytes: number;
}

async function run(dialect: Dialect, database: Database): Promise<Result> {
  await migrate(database);
  const started = performance.now();
  const org = await fill(database);
  await sql`create table bench_level_ranks (level text primary key, rank integer not null)`.execute(
    database.db,
  );
  await bulk(
    database.db,
    dialect,
    "bench_level_ranks",
    [
      ["level", "text"],
      ["rank", "integer"],
    ],
    levelIds.map((id, rank) => [id, rank]),
  );
  const loadMs = performance.now() - started;
  const store = createStore(database);
  const app = createApp({ registry, store });
  const browser = await signedIn(app, org.adminEmail);
  const cookie = browser.cookieHeader();
  const page = async () => {
    const res = await app.request(PAGE, { headers: { Cookie: cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${PAGE} answered ${res.status}: ${body.slice(0, 300)}`);
    return body.length;
  };
  // warm up both paths (query plans, JIT), then alternate so drift on a noisy machine hits both equally
  const bytes = await page();
  const rows = await rawAggregate(database.db, dialect);
  if (rows < org.people) throw new Error(`the raw aggregate found only ${rows} rows`);
  const pageTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await page();
    pageTimes.push(performance.now() - t);
    t = performance.now();
    await rawAggregate(database.db, dialect);
    rawTimes.push(performance.now() - t);
  }
  return { dialect, org, loadMs, pageMs: median(pageTimes), rawMs: median(rawTimes), bytes };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const results: Result[] = [];
const skipped: string[] = [];

const sqliteDir = mkdtempSync(join(tmpdir(), "rungs-bench-team-"));
try {
  const database = openDatabase({ file: join(sqliteDir, "rungs.db") });
  try {
    results.push(await run("sqlite", database));
  } finally {
    await database.close();
  }
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}

const pgName = `rungs_bench_team_${randomBytes(6).toString("hex")}`;
let pgCreated = false;
try {
  await adminQuery(`create database ${pgName}`);
  pgCreated = true;
} catch (error) {
  skipped.push(
    `PostgreSQL skipped: ${ADMIN_URL} unreachable (${error instanceof Error ? error.message : error})`,
  );
}
if (pgCreated) {
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${pgName}`;
    const database = openDatabase({ url: url.toString() });
    try {
      results.push(await run("postgres", database));
    } finally {
      await database.close();
    }
  } finally {
    await adminQuery(`drop database if exists ${pgName} with (force)`);
  }
}
const first = results[0];
if (first) {
  console.log(
    `bench/team: ${PAGE} for ${first.org.people} people × ${COMPETENCIES} competencies, ${CYCLES} cycles (${first.org.assessments} submitted assessments, ${first.org.picks} picks), median of ${ROUNDS}`,
  );
}
for (const r of results) {
  const ratio = r.pageMs / r.rawMs;
  console.log(
    `  ${r.dialect.padEnd(8)} page ${r.pageMs.toFixed(0).padStart(6)} ms (${(r.bytes / 1e6).toFixed(1)} MB)   raw SQL ${r.rawMs.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(2)}   target <= ${TARGET}   ${ratio <= TARGET ? "meets target" : "MISSES target"}   (load ${(r.loadMs / 1000).toFixed(1)} s)`,
  );
}
for (const line of skipped) console.log(`  ${line}`);
