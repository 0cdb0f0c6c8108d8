import * as z from "zod";
import { checkCriteriaShown, checkLinks, checkMultiline, checkSources } from "./assessment-input.js";
import { canonicalJson, SIGNATURE_ALGORITHM } from "./backup-signature.js";
import { isId } from "./columns.js";
import { checkEmail, checkText } from "./person-input.js";
import { GIT_COMMIT } from "./snapshots.repository.js";
import { TEXT_LIMITS, textLength } from "./text-limits.js";
import type { Problem } from "./types.js";

/*
 * What a backup file is, row by row: every column's type and bound, checked as strictly as the store checks
 * what people write (the same limits, the same characters refused), so a restore writes nothing the app
 * itself could not have written. A problem is located as table/row/column, rows counted from 1 in the file.
 */

export const BACKUP_FORMAT = "rungs-backup";
/** 2: no sessions, one-time tokens, rate limits or locks, and an optional signature. */
export const BACKUP_VERSION = 2;

/**
 * Tables a backup never holds, each with the reason. Backups of format 1 had them; a restore leaves them
 * out. Every table of the database is either here or in BACKED_UP: a test enumerates the migrated database's
 * tables and fails on one that is in neither, so a new table cannot miss its backup decision.
 */
export const NEVER_BACKED_UP = {
  sessions: "a backup must not be a way to plant a sign-in",
  one_time_tokens: "a backup must not be a way to plant a set-up or password-reset link",
  api_tokens: "a backup must not be a way to plant an API token: people make new ones after a restore",
  rate_limits: "sign-in rate-limit windows are only about the running moment",
  locks: "leases between running processes are only about the running moment",
  invitations: "an invitation is only as good as its one-time link, which a backup never holds: invite again",
  team_records: "a summary of each person's assessment of record, rebuilt from the assessments on restore",
  team_record_picks:
    "the picks of each person's assessment of record, rebuilt from the assessments on restore",
  team_sums: "sums per subtree of the org tree, rebuilt from the people and their records on restore",
  team_sum_people: "counts per subtree of the org tree, rebuilt from the people and assessments on restore",
} as const;

export type NotBackedUpTable = keyof typeof NEVER_BACKED_UP;
export const NOT_BACKED_UP = Object.keys(NEVER_BACKED_UP) as NotBackedUpTable[];

/** Columns the store derives from others (lower-cased keys): recomputed on restore, never in a backup. */
export const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  people: ["name_key", "email_key"],
  assessment_picks: ["criteria_shown"],
};

const iso = z.iso.datetime();
const id = z.string().refine(isId, "must be a UUID");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

/** Text checked as `check` checks it, and no longer than `max` as it stands (surrounding spaces count). */
function checked(max: number, check: (raw: string) => { problem?: Problem | undefined }) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value).problem;
    if (problem) ctx.addIssue({ code: "custom", message: problem.message });
    else if (textLength(value, max) > max)
      ctx.addIssue({ code: "custom", message: `longer than ${max} characters` });
  });
}

/** One line of text, required, at most `max` characters. */
function line(label: string, max: number) {
  return checked(max, (raw) =>
    raw.trim() === ""
      ? { problem: { kind: "invalid", code: "required", message: `${label} is required` } }
      : checkText(raw, "", label, max),
  );
}

const anId = line("An id", TEXT_LIMITS.id);

const personRecord = z.strictObject({
  id,
  name: line("Name", TEXT_LIMITS.personName),
  email: checked(TEXT_LIMITS.email, (raw) => checkEmail(raw)),
  manager_id: id.nullable(),
  framework: anId.nullable(),
  track: anId.nullable(),
  level: anId.nullable(),
  role: anId.nullable(),
  active: z.boolean(),
  admin: z.boolean(),
  // only argon2 hashes are ever stored (src/web/auth/passwords.ts)
  password_hash: z
    .string()
    .regex(/^\$argon2(id|i|d)\$[\x21-\x7e]{1,500}$/, "must be an argon2 hash")
    .nullable(),
  version: z.number().int().positive(),
  created_at: iso,
  updated_at: iso,
});

const settingRecord = z.strictObject({
  key: line("A setting's key", TEXT_LIMITS.settingKey),
  value: checked(TEXT_LIMITS.settingValue, (raw) =>
    checkMultiline(raw, "", "A setting", TEXT_LIMITS.settingValue),
  ),
});

const cycleRecord = z.strictObject({
  id,
  name: line("The cycle name", TEXT_LIMITS.cycleName),
  starts_on: day,
  ends_on: day,
  status: z.enum(["open", "closed"]),
  created_at: iso,
  closed_at: iso.nullable(),
  version: z.number().int().positive(),
});

/** The largest framework snapshot restored (as canonical JSON): twice the largest framework file. */
const SNAPSHOT_MAX = 10 * 1024 * 1024;
const snapshotText = z.string().refine((s) => !s.includes("\u0000"), "must not contain NUL");

/** A FrameworkSnapshot (src/core/assessment.ts), the shape pages read it in. */
const snapshotContent = z
  .looseObject({
    framework: snapshotText,
    version: snapshotText,
    label: snapshotText.optional(),
    name: snapshotText,
    levels: z.array(
      z.looseObject({
        id: snapshotText,
        name: snapshotText,
        rank: z.number().int(),
        track: snapshotText,
        next: z.array(snapshotText),
      }),
    ),
    competencies: z.array(
      z.looseObject({
        id: snapshotText,
        name: snapshotText,
        area: snapshotText,
        areaName: snapshotText,
        expectations: z.record(snapshotText, snapshotText),
        bands: z.record(snapshotText, z.array(snapshotText)).optional(),
      }),
    ),
    bands: z.array(z.looseObject({ id: snapshotText, name: snapshotText })).optional(),
  })
  .refine((s) => canonicalJson(s).length <= SNAPSHOT_MAX, `larger than ${SNAPSHOT_MAX} characters`);

/** The snapshot itself is kept as JSON (not as a string) so the backup stays readable. */
const snapshotRecord = z.strictObject({
  framework: anId,
  version: anId,
  snapshot: snapshotContent,
  created_at: iso,
  // absent in backups taken before 0012_snapshot_commit: no commit known, as that migration leaves it
  git_commit: z
    .string()
    .regex(GIT_COMMIT, "must be a full git commit id (40 or 64 hex digits)")
    .nullable()
    .default(null),
});

const assessmentRecord = z.strictObject({
  id,
  person_id: id,
  author_id: id.nullable(),
  kind: z.enum(["self", "manager", "agreed"]),
  cycle_id: id.nullable(),
  framework: anId,
  framework_version: anId,
  level: anId.nullable(),
  // absent in backups taken before 0010_assessment_role: restored as the person's role, as that migration does
  role: anId.nullable().optional(),
  target: anId.nullable(),
  status: z.enum(["draft", "submitted"]),
  version: z.number().int().positive(),
  created_at: iso,
  updated_at: iso,
  submitted_at: iso.nullable(),
});

const pickRecord = z.strictObject({
  assessment_id: id,
  competency: anId,
  level: anId.nullable(),
  band: anId.nullable(),
  evidence: checked(TEXT_LIMITS.evidence, (raw) => checkMultiline(raw, "", "Evidence", TEXT_LIMITS.evidence)),
  links: z.array(z.string()).superRefine((links, ctx) => {
    for (const problem of checkLinks(links, "").problems)
      ctx.addIssue({ code: "custom", message: problem.message });
  }),
  // backups taken before 0007_assessment_notes: no criteria shown, no comment
  criteria: z
    .array(z.strictObject({ level: anId, criterion: anId, evidence: z.string() }))
    .superRefine((criteria, ctx) => {
      for (const problem of checkCriteriaShown(criteria, "").problems)
        ctx.addIssue({ code: "custom", message: problem.message });
    })
    .default([]),
  comment: checked(TEXT_LIMITS.comment, (raw) =>
    checkMultiline(raw, "", "The comment", TEXT_LIMITS.comment),
  ).default(""),
});

const goalRecord = z.strictObject({
  id,
  person_id: id,
  author_id: id.nullable(),
  assessment_id: id.nullable(),
  framework: anId,
  target: anId.nullable(),
  text: checked(TEXT_LIMITS.goal, (raw) =>
    raw.trim() === ""
      ? { problem: { kind: "invalid", code: "required", message: "The goal is required" } }
      : checkMultiline(raw, "", "The goal", TEXT_LIMITS.goal),
  ),
  sources: z.array(z.record(z.string(), z.unknown())).superRefine((sources, ctx) => {
    const problem = checkSources(sources).problem;
    if (problem) ctx.addIssue({ code: "custom", message: problem.message });
  }),
  // backups taken before 0005_goal_progress: the text as kept is the text; "active" goals are in progress
  original: z.string().optional(),
  target_value: checked(TEXT_LIMITS.goalValue, (raw) =>
    checkText(raw, "", "The target", TEXT_LIMITS.goalValue),
  )
    .nullable()
    .default(null),
  due: day.nullable().default(null),
  status: z
    .enum(["not-started", "in-progress", "done", "dropped", "active"])
    .transform((status) => (status === "active" ? "in-progress" : status)),
  created_at: iso,
  updated_at: iso,
});

/** The tables a backup holds, in the order they are restored (referenced before referencing). */
export const BACKED_UP = {
  people: personRecord,
  settings: settingRecord,
  cycles: cycleRecord,
  framework_snapshots: snapshotRecord,
  assessments: assessmentRecord,
  assessment_picks: pickRecord,
  goals: goalRecord,
} as const;

export type BackupTableName = keyof typeof BACKED_UP;
export const BACKUP_TABLES = Object.keys(BACKED_UP) as BackupTableName[];

const signature = z.strictObject({
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  key: z.string().regex(/^[0-9a-f]{16}$/),
  value: z.string().regex(/^[0-9a-f]{64}$/),
});

export const backupDocument = z
  .strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.union([z.literal(1), z.literal(BACKUP_VERSION)]),
    exportedAt: iso,
    /** the schema the data was taken from */
    migrations: z.array(z.string()),
    tables: z.strictObject({
      people: z.array(personRecord),
      settings: z.array(settingRecord),
      // absent from backups taken before assessments existed (migration 0004)
      cycles: z.array(cycleRecord).default([]),
      framework_snapshots: z.array(snapshotRecord).default([]),
      assessments: z.array(assessmentRecord).default([]),
      assessment_picks: z.array(pickRecord).default([]),
      goals: z.array(goalRecord).default([]),
      // format 1 only: read past and never restored (NOT_BACKED_UP)
      sessions: z.array(z.unknown()).optional(),
      one_time_tokens: z.array(z.unknown()).optional(),
      rate_limits: z.array(z.unknown()).optional(),
      locks: z.array(z.unknown()).optional(),
    }),
    signature: signature.optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc.version === 1) return;
    for (const table of NOT_BACKED_UP) {
      if ((doc.tables as Record<string, unknown>)[table] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["tables", table],
          message: `a backup never holds ${table.replace(/_/g, " ")}`,
        });
    }
  });

/** A whole-database backup, as written by `exportAll`. */
export type BackupDocument = z.output<typeof backupDocument>;
export type BackupTables = { [T in BackupTableName]: z.output<(typeof BACKED_UP)[T]>[] };

/** A zod issue's path as table/row/column (`people/3/email`), rows counted from 1. */
export function locate(path: readonly PropertyKey[]): string {
  if (path[0] === "tables" && typeof path[1] === "string") {
    const [, table, row, ...rest] = path;
    const parts: string[] = [table];
    if (typeof row === "number") parts.push(String(row + 1));
    if (rest.length) parts.push(rest.map(String).join("."));
    return parts.join("/");
  }
  return path.map(String).join(".") || "(document)";
}
