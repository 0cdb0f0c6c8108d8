/** Instance settings (/admin/settings/): the organization name, and what the environment sets, read-only. */
import type { Context } from "hono";
import * as z from "zod";
import { checkText } from "../../../store/person-input.js";
import { DIRECTORY_KEY, ORGANIZATION_KEY } from "../../../store/settings.repository.js";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import { DIRECTORY_FIELDS, type DirectoryField, directorySetting } from "../../auth/policy.js";
import { CsrfField, Field, type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import type { App, AppEnv, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { formField, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { adminOnly, crumbsFor, notice } from "./admin-parts.js";
import { storeProblems } from "./person-form.js";

/** Settings driven by the environment: shown, never edited here. */
export function environmentSettings(c: Context<AppEnv>): [string, string][] {
  const config = c.get("auth")?.config;
  if (!config) return [];
  return [
    ["Sign-in required for framework pages (RUNGS_REQUIRE_LOGIN)", config.requireLogin ? "yes" : "no"],
    ["Trust proxy headers (RUNGS_TRUST_PROXY)", config.trustProxy ? "yes" : "no"],
    ["Session idle timeout (RUNGS_SESSION_IDLE_HOURS)", `${config.idleMs / 3_600_000} h`],
    ["Session maximum age (RUNGS_SESSION_MAX_DAYS)", `${config.absoluteMs / 86_400_000} days`],
    ["Public URL (RUNGS_PUBLIC_URL)", config.publicUrl ?? "(the request's own)"],
    ["Database", process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "SQLite"],
  ];
}

/** The instance settings form: the organization's name (its rule, the store's, is shown at the field). */
const settingsFormBody = lazySchema(() =>
  z.object({
    organization: formField(4 * TEXT_LIMITS.organizationName),
    // what colleagues see of one another in the directory: a checkbox each ("on" when ticked)
    "show.role": formField(10),
    "show.level": formField(10),
    "show.manager": formField(10),
    _csrf: textField().optional(),
  }),
);

const FIELD_NAMES: Record<DirectoryField, string> = { role: "Role", level: "Level", manager: "Manager" };

export function settingsRoutes(app: App, store: Store): void {
  const page = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    problems: FieldProblem[] = [],
    status: 200 | 422 = 200,
    value?: string,
  ) => {
    const links = c.get("links");
    const organization = value ?? (await store.settings.get(ORGANIZATION_KEY)) ?? "";
    const directory = directorySetting(await store.settings.get(DIRECTORY_KEY));
    return html(
      c,
      <Page title="Settings" links={links} kind="admin" crumbs={crumbsFor(links, "Settings")}>
        <h1>Settings</h1>
        {notice(c)}
        <Section id="organization" title="Organization">
          <SettingsForm
            links={links}
            csrfToken={viewer.csrfToken}
            organization={organization}
            directory={directory}
            problems={problems}
          />
        </Section>
        <Section id="environment" title="From the environment">
          <EnvironmentSettings rows={environmentSettings(c)} />
        </Section>
      </Page>,
      status,
    );
  };

  app.get("/admin/settings/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer);
  });

  app.post("/admin/settings/", validate("form", settingsFormBody), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const form = c.req.valid("form");
    const raw = form.organization;
    const checked = checkText(raw, "organization", "The organization name", TEXT_LIMITS.organizationName);
    if (checked.problem) return page(c, viewer, storeProblems([checked.problem]), 422, raw);
    const value = checked.value;
    if (value) await store.settings.set(ORGANIZATION_KEY, value);
    else await store.settings.delete(ORGANIZATION_KEY);
    const shown = DIRECTORY_FIELDS.filter((f) => form[`show.${f}`] === "on");
    await store.settings.set(DIRECTORY_KEY, shown.join(","));
    return c.redirect(`${paths.adminSettings()}?done=settings-saved`, 303);
  });
}

/** The organization's name and what colleagues see of one another, as a form. */
function SettingsForm(props: {
  links: Links;
  csrfToken: string;
  organization: string;
  directory: ReadonlySet<DirectoryField>;
  problems: FieldProblem[];
}) {
  const { links, csrfToken, organization, directory, problems } = props;
  return (
    <>
      <ProblemSummary problems={problems} form="settings" title="The settings were not saved" />
      <form method="post" action={links.to(paths.adminSettings())} class="stacked" novalidate>
        <CsrfField token={csrfToken} />
        <Field
          form="settings"
          name="organization"
          label="Organization name"
          value={organization}
          autocomplete="organization"
          maxlength={TEXT_LIMITS.organizationName}
          required={false}
          problems={problems}
        />
        <fieldset class="checks">
          <legend>What colleagues see of one another in the people directory</legend>
          <p class="hint">
            The name always shows. People always see all of this about themselves, managers about the people
            they manage, and admins about everyone.
          </p>
          {DIRECTORY_FIELDS.map((f) => (
            <label class="check">
              <input type="checkbox" name={`show.${f}`} checked={directory.has(f)} /> {FIELD_NAMES[f]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Save</button>
      </form>
    </>
  );
}

/** The settings that come from the environment, read-only. */
function EnvironmentSettings({ rows }: { rows: [string, string][] }) {
  return (
    <>
      <p>These are set where the server starts and are shown here read-only.</p>
      <dl class="profile">
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
    </>
  );
}
