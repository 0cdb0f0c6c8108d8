/**
 * bench/team's seeding, in its own process: writes the organization of bench/team-org.ts into a database,
 * creates a session for its root and for its manager, closes the database, and prints one line of JSON
 * ({ org, cookies }). Kept out of the measuring process, so that it measures with a clean heap, and so
 * that the server is the only process with the database open while it is measured.
 *
 *   tsx bench/team-seed.ts --framework DIR --people N --cycles N (--db-file FILE | --db-url URL)
 *
 * BENCH_TEAM_EARLIER=1 (passed on by bench/team.ts) seeds every assessment on an earlier version.
 */
import { FrameworkRegistry, loadOccupations, nodeFileSystem } from "../src/index.js";
import { openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { benchArgs, usageError } from "./measure.js";
import { fillOrg } from "./team-org.js";

const SESSION = { idleMs: 24 * 3_600_000, absoluteMs: 7 * 24 * 3_600_000 };
const USAGE = `tsx bench/team-seed.ts --framework DIR --people N --cycles N (--db-file FILE | --db-url URL)

Run by bench/team.ts: seeds its organization and prints { org, cookies } as one line of JSON.`;
const values = benchArgs("team-seed", USAGE, {
  framework: { type: "string" },
  people: { type: "string" },
  cycles: { type: "string" },
  "db-file": { type: "string" },
  "db-url": { type: "string" },
});
if (!values.framework || !values.people || !values.cycles || !(values["db-file"] || values["db-url"]))
  usageError("team-seed", "--framework, --people, --cycles and a database are all needed", USAGE);
const registry = new FrameworkRegistry([values.framework], {
  fs: nodeFileSystem,
  occupations: await loadOccupations(nodeFileSystem),
});
await registry.load();
const [loaded] = registry.list();
if (!loaded?.ok || !loaded.index) throw new Error("the generated framework does not load");
const database = openDatabase(
  values["db-url"] ? { url: values["db-url"] } : { file: values["db-file"] as string },
);
try {
  await migrate(database);
  const org = await fillOrg(database, {
    people: Number(values.people),
    cycles: Number(values.cycles),
    framework: {
      id: loaded.id,
      // BENCH_TEAM_EARLIER=1: every assessment on a version the server never kept, so the team views carry
      // every record (the slower path of team-pages.repository.ts) instead of reading them as stored
      version: process.env.BENCH_TEAM_EARLIER === "1" ? "earlier" : loaded.version,
      levelIds: loaded.index.levelOrder, // l1 … l15, one track: rank = position
      competencyIds: [...loaded.index.competencies.keys()],
    },
  });
  const store = createStore(database);
  const session = async (id: string) =>
    `rungs_session=${(await store.sessions.create(id, { userAgent: "bench/team" }, SESSION)).token}`;
  const cookies = { root: await session(org.rootId), manager: await session(org.managerId) };
  console.log(JSON.stringify({ org, cookies }));
} finally {
  await database.close();
}
