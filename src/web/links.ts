/**
 * Every URL a page prints goes through `Links`: absolute paths on the server, relative paths ending in
 * index.html in a static site, so the site works from any folder of any host and from disk.
 */
export interface Links {
  /** A link to a site path such as `/frameworks/eng/levels/senior/` (may carry `?query` and `#hash`). */
  to(path: string): string;
  /** A file under /assets/. */
  asset(name: string): string;
  /** True in a static build: no server behind the pages (no server-side search or query handling). */
  readonly staticSite: boolean;
}

export function makeLinks(currentPath: string, staticSite: boolean): Links {
  return {
    staticSite,
    to: (path) => (staticSite ? relative(currentPath, path) : path),
    asset: (name) => (staticSite ? relative(currentPath, `/assets/${name}`) : `/assets/${name}`),
  };
}

function relative(from: string, to: string): string {
  const [pathPart, suffix = ""] = splitSuffix(to);
  const target = pathPart.endsWith("/") ? `${pathPart}index.html` : pathPart;
  const fromDir = from.endsWith("/") ? from : from.slice(0, from.lastIndexOf("/") + 1);
  const fromParts = fromDir.split("/").filter(Boolean);
  const toParts = target.split("/").filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common])
    common++;
  const up = fromParts.length - common;
  return `${"../".repeat(up)}${toParts.slice(common).join("/")}${suffix}`;
}

function splitSuffix(url: string): [string, string] {
  const i = url.search(/[?#]/);
  return i < 0 ? [url, ""] : [url.slice(0, i), url.slice(i)];
}

/**
 * A code as one path segment that is also a safe folder name in the static site: URIs (ESCO) by their last
 * segment; a code of letters, digits and `._~-` as it is; anything else (spaces, slashes, `..`) as its safe
 * characters joined by `-` plus a short hash of the code, so two codes that differ only in what was replaced
 * keep their own pages. (Percent-encoding, the old way, made folders a static server could not find.)
 */
export function occupationSlug(code: string): string {
  const last = /^https?:\/\//.test(code) ? (code.split("/").filter(Boolean).pop() ?? code) : code;
  if (/^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/.test(last)) return last;
  const readable = last
    .replace(/[^A-Za-z0-9._~-]+/g, "-")
    .replace(/^[.~-]+|[.~-]+$/g, "")
    .slice(0, 60);
  return `${readable || "code"}-${fnv1a(last)}`;
}

/** FNV-1a of a text's UTF-16 units, as 8 hex digits: a stable short tag, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Path segments of the site, in one place so pages, API and static build agree. */
export const paths = {
  home: () => "/",
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : "/search/"),
  framework: (fw: string) => `/frameworks/${fw}/`,
  diagnostics: (fw: string) => `/frameworks/${fw}/diagnostics/`,
  changes: (fw: string) => `/frameworks/${fw}/changes/`,
  level: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/`,
  levelText: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/text.txt`,
  matrix: (fw: string) => `/frameworks/${fw}/matrix/`,
  area: (fw: string, area: string) => `/frameworks/${fw}/areas/${area}/`,
  role: (fw: string, role: string, level?: string) =>
    `/frameworks/${fw}/roles/${role}/${level ? `?level=${encodeURIComponent(level)}#level-${level}` : ""}`,
  roleText: (fw: string, role: string) => `/frameworks/${fw}/roles/${role}/text.txt`,
  compare: (fw: string) => `/frameworks/${fw}/compare/`,
  compareLevels: (fw: string, a: string, b: string) => `/frameworks/${fw}/compare/${a}/${b}/`,
  /** One level's half of a level comparison, a script the static site's compare form reads. */
  levelCompareHalf: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/compare.js`,
  compareRoles: (fw: string, a: string, b: string) => `/frameworks/${fw}/compare-roles/${a}/${b}/`,
  compareRolesChooser: (fw: string) => `/frameworks/${fw}/compare-roles/`,
  /** Goal templates for a level alone (its expectations). */
  levelGoals: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/goals/`,
  /** Goal templates for a role at a level (its responsibilities). */
  roleGoals: (fw: string, role: string, level: string) => `/frameworks/${fw}/roles/${role}/goals/${level}/`,
  /** Personal goals from picks (competency → level) and a target level; server only (the query carries the picks). */
  personalGoals: (fw: string, picks?: string, target?: string, role?: string) => {
    const query = Object.entries({ pick: picks, target, role })
      .flatMap(([name, value]) => (value ? [`${name}=${encodeURIComponent(value)}`] : []))
      .join("&");
    return `/frameworks/${fw}/goals/personal/${query ? `?${query}` : ""}`;
  },
  /** Level equivalence across all loaded frameworks (the rungs reference scale). */
  equivalence: () => "/equivalence/",
  /** Every occupation code used by any role, and one page per code. */
  occupations: () => "/occupations/",
  occupation: (scheme: string, code: string) => `/occupations/${scheme}/${occupationSlug(code)}/`,
  /** Two levels of (possibly) different frameworks side by side. */
  compareAcrossLevels: (fwA: string, a: string, fwB: string, b: string) =>
    `/compare-across/levels/${fwA}/${a}/${fwB}/${b}/`,
  /** Two role-levels of (possibly) different frameworks side by side: the adjacent-roles "compare" link. */
  compareRoleLevels: (
    fwA: string,
    roleA: string,
    levelA: string,
    fwB: string,
    roleB: string,
    levelB: string,
  ) => `/compare-across/role-levels/${fwA}/${roleA}/${levelA}/${fwB}/${roleB}/${levelB}/`,
  /** Sign-in, coming back to `next` (a local path) afterwards. */
  signIn: (next?: string) =>
    next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in",
  /** Single sign-on: sends the browser to the OpenID Connect provider, coming back to `next` afterwards. */
  signInSso: (next?: string) =>
    next && next !== "/" ? `/sign-in/sso/?next=${encodeURIComponent(next)}` : "/sign-in/sso/",
  /** Where the provider sends the browser back (the redirect URI registered there). */
  signInSsoCallback: () => "/sign-in/sso/callback/",
  /** POST: ends this browser's session. */
  signOut: () => "/sign-out",
  /** The signed-in person's own page: profile, password, sessions. */
  account: () => "/account/",
  /** The signed-in home: where I stand and what next. */
  myHome: () => "/home/",
  /** POST: change the password (current + new twice). */
  accountPassword: () => "/account/password",
  /** POST: end one of the person's sessions. */
  accountSessionRevoke: (sessionId: string) => `/account/sessions/${sessionId}/revoke`,
  /** The person's API tokens for scripts (an admin sees everyone's); POST makes one. */
  accountTokens: () => "/account/tokens/",
  /** POST: revoke an API token (one's own; an admin, anyone's). */
  accountTokenRevoke: (tokenId: string) => `/account/tokens/${tokenId}/revoke`,
  /** POST: end every session of the person, this one included. */
  signOutEverywhere: () => "/account/sign-out-everywhere",
  /** The one-time first-run link printed by `rungs serve` when there is no admin. */
  setup: (token: string) => `/setup/${token}`,
  /** A one-time password reset link an admin issued. */
  reset: (token: string) => `/reset/${token}`,
  /** An invitation link: the person chooses their first password (a reset token marked as an invitation). */
  welcome: (token: string) => `/welcome/${token}`,
  /** Admin, POST: invite the people picked in the list, or everyone without a password. */
  adminInvitations: () => "/admin/people/invitations",
  /** Admin, POST: invite one person, or invite them again (a new link; the older one stops working). */
  adminInvite: (personId: string) => `/admin/people/${personId}/invitation`,
  /** Admin: issue a password reset link for a person (GET asks, POST issues). */
  adminResetLink: (personId: string) => `/admin/people/${personId}/reset-link`,
  /** Everything stored about the signed-in person, as a JSON download. */
  accountExport: () => "/account/export.json",
  /** The directory of people (signed in only), optionally searched. */
  people: (q?: string) => (q ? `/people/?q=${encodeURIComponent(q)}` : "/people/"),
  /** One person's page (role, level, manager, reports), visible per the privacy policy. */
  person: (id: string) => `/people/${id}/`,
  /** Admin: people list and the create form. */
  adminPeople: (q?: string) => (q ? `/admin/people/?q=${encodeURIComponent(q)}` : "/admin/people/"),
  /** Admin: one person's edit page (POST saves). */
  adminPerson: (id: string) => `/admin/people/${id}/`,
  /** Admin: POST the person's manager (by email). */
  adminPersonManager: (id: string) => `/admin/people/${id}/manager`,
  /** Admin: POST deactivate / reactivate. */
  adminPersonActive: (id: string, active: boolean) =>
    `/admin/people/${id}/${active ? "reactivate" : "deactivate"}`,
  /** Admin: CSV import (POST previews). */
  adminImport: () => "/admin/import/",
  /** Admin: POST the previewed CSV again to import it. */
  adminImportConfirm: () => "/admin/import/confirm",
  /** Admin: import a framework (POST previews). */
  frameworkImport: () => "/admin/frameworks/import/",
  frameworkImportTemplate: (ext: "csv" | "xlsx") => `/admin/frameworks/import/template/${ext}`,
  frameworkImportZip: (token: string) => `/admin/frameworks/import/${token}/zip`,
  frameworkImportWrite: (token: string) => `/admin/frameworks/import/${token}/write`,
  /** Admin: instance settings. */
  adminSettings: () => "/admin/settings/",
  /** A manager's whole subtree: heatmap, distribution, ready for the next level, who is not assessed (`?cycle=`). */
  team: (cycle?: string) => `/team/${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""}`,
  /** The team heatmap's rows as a CSV download. */
  teamCsv: (cycle?: string) => `/team/export.csv${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""}`,
  /** Admin: the team view of the whole organization, plus calibration of managers' ratings. */
  adminTeam: (cycle?: string) => `/admin/team/${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""}`,
  /** Admin: the whole organization's heatmap rows as a CSV download. */
  adminTeamCsv: (cycle?: string) =>
    `/admin/team/export.csv${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""}`,
  /** The heatmap by team (one row per team, ?team= drills down) of my team, and of the organization. */
  teamByTeam: () => "/team/by-team/",
  adminTeamByTeam: () => "/admin/team/by-team/",
  /** Admin: managers' ratings against their reports' self-assessments. */
  adminTeamCalibration: (cycle?: string) =>
    `/admin/team/calibration/${cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""}`,
  /** Admin: assessment cycles (list, open a new one). */
  adminCycles: () => "/admin/cycles/",
  /** Admin: POST closes an open cycle (with the version the page showed). */
  adminCycleClose: (id: string) => `/admin/cycles/${id}/close`,
  /** What is due: the open cycle, my assessments, my reports' (signed in). */
  assessments: () => "/assessments/",
  /** The self (`self`) or manager (`manager`) assessment form about a person: GET shows, POST saves or submits. */
  assessmentForm: (personId: string, kind: "self" | "manager") => `/people/${personId}/assessments/${kind}/`,
  /** PUT: autosave of that form's draft as JSON. */
  assessmentDraftApi: (personId: string, kind: "self" | "manager") =>
    `/api/people/${personId}/assessments/${kind}/draft`,
  /** One assessment, read-only once submitted. */
  assessment: (id: string) => `/assessments/${id}/`,
  /** Self and manager assessments side by side, and the agreed picks (POST saves them). */
  assessmentReview: (personId: string) => `/people/${personId}/review/`,
  /** The jagged profile against a target level (default: the next one). */
  profile: (personId: string, target?: string) =>
    `/people/${personId}/profile/${target ? `?target=${encodeURIComponent(target)}` : ""}`,
  /** Every submitted assessment over time, and what changed. */
  history: (personId: string) => `/people/${personId}/history/`,
  /** POST: save a goal from the profile; POST …/{goal}/status: mark it done or dropped. */
  goals: (personId: string) => `/people/${personId}/goals/`,
  /** The cell of competency `competency` at `level` on the competency matrix. */
  matrixCell: (fw: string, competency: string, level: string) =>
    `/frameworks/${fw}/matrix/#cell-${competency}--${level}`,
};
