import { ApiTokensRepository } from "./api-tokens.repository.js";
import { AssessmentsRepository } from "./assessments.repository.js";
import { CyclesRepository } from "./cycles.repository.js";
import type { Database } from "./db.js";
import { GoalsRepository } from "./goals.repository.js";
import { InvitationsRepository } from "./invitations.repository.js";
import { LocksRepository } from "./locks.repository.js";
import { PeopleRepository } from "./people.repository.js";
import { RateLimitsRepository } from "./rate-limits.repository.js";
import { SessionsRepository } from "./sessions.repository.js";
import { SettingsRepository } from "./settings.repository.js";
import { SnapshotsRepository } from "./snapshots.repository.js";
import { TeamRepository } from "./team.repository.js";
import { TeamPagesRepository } from "./team-pages.repository.js";
import { TokensRepository } from "./tokens.repository.js";
import { type Clock, systemClock } from "./types.js";

/** Every repository over one open database: what `createApp({ store })` and the CLI receive. */
export interface Store {
  database: Database;
  people: PeopleRepository;
  sessions: SessionsRepository;
  tokens: TokensRepository;
  /** Personal API tokens for scripts. */
  apiTokens: ApiTokensRepository;
  rateLimits: RateLimitsRepository;
  locks: LocksRepository;
  settings: SettingsRepository;
  /** Lean set-at-a-time reads for team views. */
  team: TeamRepository;
  /** The paged team pages and the heatmap by team, computed in SQL. */
  teamPages: TeamPagesRepository;
  cycles: CyclesRepository;
  assessments: AssessmentsRepository;
  /** The framework version each assessment is pinned to, as it was. */
  snapshots: SnapshotsRepository;
  goals: GoalsRepository;
  /** Who was invited to set a first password, when, and until when. */
  invitations: InvitationsRepository;
}

/** Wires the repositories to a database (migrate it first) and a clock (tests pass one they move). */
export function createStore(database: Database, options: { clock?: Clock } = {}): Store {
  const clock = options.clock ?? systemClock;
  return {
    database,
    people: new PeopleRepository(database, clock),
    sessions: new SessionsRepository(database, clock),
    tokens: new TokensRepository(database, clock),
    apiTokens: new ApiTokensRepository(database, clock),
    rateLimits: new RateLimitsRepository(database, clock),
    locks: new LocksRepository(database, clock),
    settings: new SettingsRepository(database),
    team: new TeamRepository(database),
    teamPages: new TeamPagesRepository(database),
    cycles: new CyclesRepository(database, clock),
    assessments: new AssessmentsRepository(database, clock),
    snapshots: new SnapshotsRepository(database, clock),
    goals: new GoalsRepository(database, clock),
    invitations: new InvitationsRepository(database, clock),
  };
}
