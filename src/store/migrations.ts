import { type Kysely, type Migration, Migrator, type RawBuilder, sql } from "kysely";
import { type Database, type Dialect, StoreError } from "./db.js";
import { MIGRATION_NAMES } from "./migration-names.js";
import { teamRecordsAt0011, teamSumsAt0013 } from "./migration-rebuilds.js";

/*
 * Migrations live in code (not files next to the build) so the published package carries them and they
 * run the same from `rungs serve`, `rungs migrate` and the tests. Names sort in the order they run; a
 * migration, once released, is never edited: add the next one. A migration calls no live code of the store
 * (which changes with later migrations): a rebuild it runs is frozen in migration-rebuilds.ts.
 */

type ColumnTypeName = "text" | "uuid" | "timestamptz" | "boolean" | "integer" | "bigint";
type ColumnTypes = {
  id: ColumnTypeName;
  time: ColumnTypeName;
  bool: ColumnTypeName;
  /** text compared byte by byte, so ordering by it is the same on both databases */
  key: ColumnTypeName | RawBuilder<unknown>;
};

function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "postgres"
    ? { id: "uuid", time: "timestamptz", bool: "boolean", key: sql`text collate "C"` }
    : { id: "text", time: "text", bool: "integer", key: "text" };
}

/** The migrations for one dialect, by name. */
// long: the migration history, one entry per migration in order; shipped entries are never edited
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const t = columnTypes(dialect);
  const yes = dialect === "postgres" ? sql`true` : sql`1`;
  const no = dialect === "postgres" ? sql`false` : sql`0`;
  // SQLite has no boolean type; the check keeps 0/1 honest.
  const boolCheck = (column: string) =>
    dialect === "sqlite" ? sql`${sql.ref(column)} in (0, 1)` : sql`${sql.ref(column)} is not null`;

  return {
    "0001_people": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("people")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("name_key", t.key, (c) => c.notNull())
          .addColumn("email", "text", (c) => c.notNull())
          .addColumn("email_key", t.key, (c) => c.notNull())
          .addColumn("manager_id", t.id, (c) => c.references("people.id").onDelete("set null"))
          .addColumn("framework", "text")
          .addColumn("track", "text")
          .addColumn("level", "text")
          .addColumn("role", "text")
          .addColumn("active", t.bool, (c) => c.notNull().defaultTo(yes).check(boolCheck("active")))
          .addColumn("admin", t.bool, (c) => c.notNull().defaultTo(no).check(boolCheck("admin")))
          .addColumn("password_hash", "text")
          .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("updated_at", t.time, (c) => c.notNull())
          .addCheckConstraint("people_not_own_manager", sql`manager_id is null or manager_id <> id`)
          .execute();
        await db.schema
          .createIndex("people_email_key_unique")
          .on("people")
          .column("email_key")
          .unique()
          .execute();
        // reports, subtrees and chains all walk manager_id
        await db.schema.createIndex("people_manager_id_idx").on("people").column("manager_id").execute();
        // lists are ordered by name
        await db.schema.createIndex("people_name_key_idx").on("people").columns(["name_key", "id"]).execute();
      },
    },
    "0002_sessions_and_tokens": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("sessions")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("person_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("last_seen_at", t.time, (c) => c.notNull())
          .addColumn("expires_at", t.time, (c) => c.notNull())
          // bigint: a month of idleness in ms does not fit a 32-bit integer
          .addColumn("idle_ms", "bigint", (c) => c.notNull())
          .addColumn("user_agent", "text")
          .addColumn("ip", "text")
          .addColumn("revoked_at", t.time)
          .execute();
        await db.schema.createIndex("sessions_person_id_idx").on("sessions").column("person_id").execute();
        await db.schema.createIndex("sessions_expires_at_idx").on("sessions").column("expires_at").execute();

        await db.schema
          .createTable("one_time_tokens")
          .addColumn("hash", "text", (c) => c.primaryKey())
          .addColumn("purpose", "text", (c) =>
            c.notNull().check(sql`purpose in ('setup', 'reset', 'oidc-state')`),
          )
          .addColumn("person_id", t.id, (c) => c.references("people.id").onDelete("cascade"))
          .addColumn("payload", "text")
          .addColumn("expires_at", t.time, (c) => c.notNull())
          .addColumn("used_at", t.time)
          .execute();
        await db.schema
          .createIndex("one_time_tokens_person_id_idx")
          .on("one_time_tokens")
          .column("person_id")
          .execute();
        await db.schema
          .createIndex("one_time_tokens_expires_at_idx")
          .on("one_time_tokens")
          .column("expires_at")
          .execute();
      },
    },
    "0003_rate_limits_locks_settings": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("rate_limits")
          .addColumn("key", "text", (c) => c.notNull())
          .addColumn("window_start", t.time, (c) => c.notNull())
          .addColumn("count", "integer", (c) => c.notNull())
          .addColumn("expires_at", t.time, (c) => c.notNull())
          .addPrimaryKeyConstraint("rate_limits_pk", ["key", "window_start"])
          .execute();
        await db.schema
          .createIndex("rate_limits_expires_at_idx")
          .on("rate_limits")
          .column("expires_at")
          .execute();

        await db.schema
          .createTable("locks")
          .addColumn("name", "text", (c) => c.primaryKey())
          .addColumn("owner", "text", (c) => c.notNull())
          .addColumn("expires_at", t.time, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("settings")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
      },
    },
    "0004_assessments": {
      // long: a shipped migration (four tables and their indexes), which is never edited
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("cycles")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          // calendar dates as YYYY-MM-DD text: they compare correctly as text on both databases
          .addColumn("starts_on", "text", (c) => c.notNull())
          .addColumn("ends_on", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'closed')`))
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("closed_at", t.time)
          .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
          .addCheckConstraint("cycles_ends_after_start", sql`ends_on >= starts_on`)
          .execute();

        // What assessments were measured against, one row per framework content version (immutable).
        await db.schema
          .createTable("framework_snapshots")
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("version", "text", (c) => c.notNull())
          .addColumn("snapshot", "text", (c) => c.notNull())
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addPrimaryKeyConstraint("framework_snapshots_pk", ["framework", "version"])
          .execute();

        await db.schema
          .createTable("assessments")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("person_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("author_id", t.id, (c) => c.references("people.id").onDelete("set null"))
          .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('self', 'manager', 'agreed')`))
          .addColumn("cycle_id", t.id, (c) => c.references("cycles.id").onDelete("set null"))
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("framework_version", "text", (c) => c.notNull())
          .addColumn("level", "text")
          .addColumn("target", "text")
          .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
          .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("updated_at", t.time, (c) => c.notNull())
          .addColumn("submitted_at", t.time)
          .addCheckConstraint(
            "assessments_submitted_at_with_status",
            sql`(status = 'draft' and submitted_at is null) or (status = 'submitted' and submitted_at is not null)`,
          )
          .execute();
        // history and "latest submitted per person" walk this
        await db.schema
          .createIndex("assessments_person_submitted_idx")
          .on("assessments")
          .columns(["person_id", "submitted_at"])
          .execute();
        await db.schema
          .createIndex("assessments_cycle_id_idx")
          .on("assessments")
          .column("cycle_id")
          .execute();
        // deleting a person sets their authored assessments' author to null: find them without a scan
        await db.schema
          .createIndex("assessments_author_id_idx")
          .on("assessments")
          .column("author_id")
          .execute();
        // One draft per person, kind and cycle. Two partial indexes rather than one over coalesce(cycle_id, …):
        // NULLs are distinct in a unique index on both databases, and a uuid column has no neutral text value.
        await db.schema
          .createIndex("assessments_one_draft_per_cycle")
          .on("assessments")
          .columns(["person_id", "kind", "cycle_id"])
          .unique()
          .where(sql<boolean>`status = 'draft' and cycle_id is not null`)
          .execute();
        await db.schema
          .createIndex("assessments_one_draft_outside_cycles")
          .on("assessments")
          .columns(["person_id", "kind"])
          .unique()
          .where(sql<boolean>`status = 'draft' and cycle_id is null`)
          .execute();

        await db.schema
          .createTable("assessment_picks")
          .addColumn("assessment_id", t.id, (c) =>
            c.notNull().references("assessments.id").onDelete("cascade"),
          )
          .addColumn("competency", t.key, (c) => c.notNull())
          // null: the competency was seen but no level picked (evidence may still be there)
          .addColumn("level", "text")
          .addColumn("band", "text")
          .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
          // a JSON array of URLs
          .addColumn("links", "text", (c) => c.notNull().defaultTo("[]"))
          .addPrimaryKeyConstraint("assessment_picks_pk", ["assessment_id", "competency"])
          .execute();

        await db.schema
          .createTable("goals")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("person_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("author_id", t.id, (c) => c.references("people.id").onDelete("set null"))
          .addColumn("assessment_id", t.id, (c) => c.references("assessments.id").onDelete("set null"))
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("target", "text")
          .addColumn("text", "text", (c) => c.notNull())
          // a JSON array of the SourceRefs the text quotes (src/core/goals.ts)
          .addColumn("sources", "text", (c) => c.notNull().defaultTo("[]"))
          .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'done', 'dropped')`))
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("updated_at", t.time, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("goals_person_id_idx")
          .on("goals")
          .columns(["person_id", "created_at"])
          .execute();
        await db.schema.createIndex("goals_author_id_idx").on("goals").column("author_id").execute();
        await db.schema.createIndex("goals_assessment_id_idx").on("goals").column("assessment_id").execute();
      },
    },
    "0005_goal_progress": {
      // Kept goals become editable and tracked: the text as kept stays beside the wording people edit, the
      // ⟨target⟩ and ⟨date⟩ get their own columns, and status is one of four steps. A status check cannot be
      // altered in SQLite, so the table is rebuilt (on both databases alike); "active" goals are in progress.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("goals_next")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("person_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("author_id", t.id, (c) => c.references("people.id").onDelete("set null"))
          .addColumn("assessment_id", t.id, (c) => c.references("assessments.id").onDelete("set null"))
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("target", "text")
          .addColumn("text", "text", (c) => c.notNull())
          // the goal as generated when it was kept, never edited: what the sources quote
          .addColumn("original", "text", (c) => c.notNull())
          .addColumn("target_value", "text")
          .addColumn("due", "text")
          .addColumn("sources", "text", (c) => c.notNull().defaultTo("[]"))
          .addColumn("status", "text", (c) =>
            c.notNull().check(sql`status in ('not-started', 'in-progress', 'done', 'dropped')`),
          )
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("updated_at", t.time, (c) => c.notNull())
          .execute();
        await sql`insert into goals_next (id, person_id, author_id, assessment_id, framework, target, text, original,
          sources, status, created_at, updated_at)
          select id, person_id, author_id, assessment_id, framework, target, text, text, sources,
          case status when 'active' then 'in-progress' else status end, created_at, updated_at
          from goals`.execute(db);
        await db.schema.dropTable("goals").execute();
        await db.schema.alterTable("goals_next").renameTo("goals").execute();
        await db.schema
          .createIndex("goals_person_id_idx")
          .on("goals")
          .columns(["person_id", "created_at"])
          .execute();
        await db.schema.createIndex("goals_author_id_idx").on("goals").column("author_id").execute();
        await db.schema.createIndex("goals_assessment_id_idx").on("goals").column("assessment_id").execute();
      },
    },
    // Team views at 10,000 people (TeamPagesRepository): "assessed in the due cycle" is asked of every person
    // in a team; this answers it from the index alone, without reading the assessments.
    "0006_team_indexes": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex("assessments_person_status_cycle_idx")
          .on("assessments")
          .columns(["person_id", "status", "cycle_id"])
          .execute();
      },
    },
    // Per competency of an assessment: the criteria (format 2) ticked as shown with their evidence, as a JSON
    // array like the links beside them, and the author's comment for the review. Both are read and written
    // only with their pick, so they are columns of the pick rather than tables of their own.
    "0007_assessment_notes": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable("assessment_picks")
          .addColumn("criteria", "text", (c) => c.notNull().defaultTo("[]"))
          .execute();
        await db.schema
          .alterTable("assessment_picks")
          .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
          .execute();
      },
    },
    // Bulk invitations (InvitationsRepository): the latest invitation per person, so the admin list can say
    // "invited (when, expires)"; the link itself is a one-time token like a password reset's.
    "0008_invitations": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("invitations")
          .addColumn("person_id", t.id, (c) => c.primaryKey().references("people.id").onDelete("cascade"))
          .addColumn("invited_at", t.time, (c) => c.notNull())
          .addColumn("expires_at", t.time, (c) => c.notNull())
          .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('mail', 'link')`))
          .addColumn("accepted_at", t.time)
          .execute();
      },
    },
    // Team views at 10,000 people (TeamPagesRepository, TeamRepository), read from indexes alone: the
    // heatmap and "ready" read the level picked in each competency of every assessment of record (600,000
    // picks), not the table's rows beside their evidence (on PostgreSQL the organization's heatmap read
    // 130 MB of the table from disk without it); and the walk down the org tree reads each person's
    // columns to filter and sort on beside manager_id (on PostgreSQL half the time of the walk).
    "0009_team_covering_indexes": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex("assessment_picks_level_idx")
          .on("assessment_picks")
          .columns(["assessment_id", "competency", "level"])
          .execute();
        await db.schema
          .createIndex("people_tree_idx")
          .on("people")
          .columns(["manager_id", "id", "name_key", "framework", "level", "track", "active"])
          .execute();
      },
    },
    // The role an assessment was made in (format 2 lets a role add to or replace a level's expectations, and
    // the assessment offers that role's criteria): kept on the assessment, so an old assessment reads the
    // same after the person changes role. Null for people without a role.
    "0010_assessment_role": {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable("assessments").addColumn("role", "text").execute();
        // until now an assessment read in its person's current role: kept, so none reads differently today
        await sql`update assessments set role = (select role from people where people.id = assessments.person_id)`.execute(
          db,
        );
      },
    },
    // Team views at 10,000 people: the heatmap by team read every person's assessment of record out of all
    // their assessments and its picks out of all picks (millions), for every request. This summary (see
    // team-records.ts) holds each person's latest record and its picks, kept by the submit that changes it;
    // built here from the rows there are.
    "0011_team_records": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("team_records")
          .addColumn("person_id", t.id, (c) => c.primaryKey().references("people.id").onDelete("cascade"))
          .addColumn("assessment_id", t.id, (c) =>
            c.notNull().references("assessments.id").onDelete("cascade"),
          )
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("framework_version", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("team_record_picks")
          .addColumn("person_id", t.id, (c) =>
            c.notNull().references("team_records.person_id").onDelete("cascade"),
          )
          .addColumn("competency", t.key, (c) => c.notNull())
          .addColumn("level", "text")
          .addPrimaryKeyConstraint("team_record_picks_pk", ["person_id", "competency"])
          // SQLite: the rows kept in the primary key's order, so a person's picks are read together
          .$call((table) => (dialect === "sqlite" ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        await teamRecordsAt0011(db);
      },
    },
    // A framework version is its content and, inside a git repository, its commit (issue 16): each snapshot
    // keeps the commit its version was served from, so an assessment can say which commit it was made on.
    // Versions kept before this (and those served from outside git) have none.
    "0012_snapshot_commit": {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable("framework_snapshots").addColumn("git_commit", "text").execute();
      },
    },
    // The heatmap by team at 10,000 people grouped every pick below each branch (600,000, more than a
    // second) on every request: sums per subtree of the org tree (see team-sums.ts), kept by every write
    // that changes them; built here from the rows there are.
    "0013_team_sums": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("team_sums")
          .addColumn("node_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("version", "text", (c) => c.notNull())
          .addColumn("competency", t.key, (c) => c.notNull())
          .addColumn("level", "text", (c) => c.notNull())
          .addColumn("own_level", "text", (c) => c.notNull())
          .addColumn("n", "integer", (c) => c.notNull())
          .addPrimaryKeyConstraint("team_sums_pk", [
            "node_id",
            "framework",
            "version",
            "competency",
            "level",
            "own_level",
          ])
          // SQLite: a node's rows kept together, in the primary key's order
          .$call((table) => (dialect === "sqlite" ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        await db.schema
          .createTable("team_sum_people")
          .addColumn("node_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("framework", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("n", "integer", (c) => c.notNull())
          .addPrimaryKeyConstraint("team_sum_people_pk", ["node_id", "framework", "kind"])
          .$call((table) => (dialect === "sqlite" ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        await teamSumsAt0013(db, dialect);
      },
    },
    // The heatmap by team worked out "ready" (each expected competency at the next level's rank) from every
    // pick of everyone below the branch on every request: kept per record (see team-ready.ts) with what it
    // was worked out from, so a read recomputes only the records whose level or framework changed since.
    // Null until the first read works them out.
    "0014_team_ready": {
      async up(db: Kysely<unknown>) {
        for (const [column, type] of [
          ["ready", "integer"],
          ["ready_level", "text"],
          ["ready_basis", "text"],
        ] as const)
          await db.schema.alterTable("team_records").addColumn(column, type).execute();
      },
    },
    // The team heatmap says how many criteria (format 2) were shown at the picked level ("shown k of N",
    // docs/assessments.md): kept as a count beside each pick, its record's copy and the sums per subtree, so
    // the heatmap adds numbers rather than reading every pick's ticks. Filled here in SQL from the rows there
    // are, by the rule of assessment-row.ts criteriaShownAt (a test holds the two alike); only picks with a
    // tick at their level are touched, and only the sums above the people who have one.
    "0015_criteria_shown": {
      async up(db: Kysely<unknown>) {
        for (const table of ["assessment_picks", "team_record_picks", "team_sums"])
          await db.schema
            .alterTable(table)
            .addColumn("criteria_shown", "integer", (c) => c.notNull().defaultTo(0))
            .execute();
        const atLevel =
          dialect === "postgres"
            ? sql`(select count(*) from json_array_elements(ap.criteria::json) j where j->>'level' = ap.level)`
            : sql`(select count(*) from json_each(ap.criteria) j where json_extract(j.value, '$.level') = ap.level)`;
        await sql`update assessment_picks as ap set criteria_shown = ${atLevel}
          where ap.level is not null and ap.criteria <> '[]'`.execute(db);
        await sql`update team_record_picks set criteria_shown = (
            select ap.criteria_shown from team_records r cross join assessment_picks ap
            where r.person_id = team_record_picks.person_id and ap.assessment_id = r.assessment_id
              and ap.competency = team_record_picks.competency)
          where person_id in (select r.person_id from team_records r cross join assessment_picks ap
            where ap.assessment_id = r.assessment_id and ap.criteria_shown > 0)`.execute(db);
        // each counted pick (team-sums.ts's rule: an active person's record on their own framework) adds to
        // the sums of its person and of everyone above them
        await sql`with recursive up(node, person, depth) as (
            select p.id, p.id, 0 from people p
            where p.active = ${yes} and p.id in (select person_id from team_record_picks where criteria_shown > 0)
            union all
            select m.manager_id, up.person, up.depth + 1 from up cross join people m
            where m.id = up.node and m.manager_id is not null and up.depth < 10000
          ),
          shown as (
            select up.node, p.framework, r.framework_version as version, tp.competency, tp.level,
              coalesce(p.level, '') as own_level, sum(tp.criteria_shown) as n
            from up cross join people p cross join team_records r cross join team_record_picks tp
            where p.id = up.person and r.person_id = p.id and r.framework = p.framework
              and tp.person_id = p.id and tp.level is not null and tp.criteria_shown > 0
            group by up.node, p.framework, r.framework_version, tp.competency, tp.level, coalesce(p.level, '')
          )
          update team_sums set criteria_shown = shown.n from shown
          where team_sums.node_id = shown.node and team_sums.framework = shown.framework
            and team_sums.version = shown.version and team_sums.competency = shown.competency
            and team_sums.level = shown.level and team_sums.own_level = shown.own_level`.execute(db);
      },
    },
    "0016_api_tokens": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("api_tokens")
          .addColumn("id", "text", (c) => c.primaryKey())
          // SHA-256 (hex) of the secret; the secret itself is shown once, at creation, and never stored
          .addColumn("hash", "text", (c) => c.notNull().unique())
          .addColumn("person_id", t.id, (c) => c.notNull().references("people.id").onDelete("cascade"))
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("created_at", t.time, (c) => c.notNull())
          .addColumn("last_used_at", t.time)
          .execute();
        await db.schema
          .createIndex("api_tokens_person_id_idx")
          .on("api_tokens")
          .column("person_id")
          .execute();
      },
    },
  };
}

function migratorFor(database: Database): Migrator {
  const migrations = migrationsFor(database.dialect);
  // migration-names.ts answers "up to date" from its list: a migration missing from it would never run
  if (Object.keys(migrations).sort().join() !== MIGRATION_NAMES.join())
    throw new StoreError(
      "store.migration-failed",
      "migration-names.ts does not list the migrations of migrations.ts",
    );
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });
}

/**
 * Brings the schema up to date and returns the names of the migrations that ran, or with `dryRun` those
 * that would run, without touching anything. Several processes may call this at once: Kysely's migration
 * lock makes one of them do the work. A failing migration is a program fault (`store.migration-failed`).
 */
export async function migrate(
  database: Database,
  /** `to`: stop after this migration (a test of what a later one does to existing rows). */
  options: { dryRun?: boolean; to?: string } = {},
): Promise<string[]> {
  const migrator = migratorFor(database);
  if (options.dryRun) {
    const all = await migrator.getMigrations();
    return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  }
  const { error, results = [] } =
    options.to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.to);
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "(before any migration)";
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError("store.migration-failed", `migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations already applied, in order (for backups and `rungs migrate`). */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const all = await migratorFor(database).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
