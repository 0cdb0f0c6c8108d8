/** The choosers: two levels or two roles to compare, on their own page and under each comparison. */

import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import { levelsByTrack } from "../../../core/views/level.js";
import { Page, useLinks } from "../../components/page.js";
import { RoleChooser } from "../../components/role-chooser.js";
import { type Links, paths } from "../../links.js";

/** What the chooser shows: the ids asked for, and why they could not be compared. */
export interface ChooserState {
  a?: string;
  b?: string;
  message?: string;
}

/** The chooser on its own page (also the answer to a bad or unknown choice, with the message on top). */
export const ChooserPage: FC<{
  links: Links;
  index: FrameworkIndex;
  kind: "levels" | "roles";
  state: ChooserState;
}> = ({ links, index, kind, state }) => {
  const fw = index.framework;
  const title = kind === "levels" ? "Compare two levels" : "Compare two roles";
  return (
    <Page
      title={`${title} · ${isolated(fw.name)}`}
      links={links}
      scripts={["compare-form.js"]}
      crumbs={[
        { label: "Frameworks", href: links.to(paths.home()) },
        { label: fw.name, href: links.to(paths.framework(fw.id)) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {state.message ? (
        <p class="notice" role="alert">
          {state.message}
        </p>
      ) : (
        <p>
          {kind === "levels"
            ? "Pick two levels to see them side by side, competency by competency, with the words that change from one to the other marked."
            : "Pick two roles to see their responsibilities level by level, their skills, titles and classification codes side by side."}
        </p>
      )}
      {kind === "levels" ? (
        <LevelChooser index={index} a={state.a} b={state.b} />
      ) : index.roles.size ? (
        <RoleChooser index={index} a={state.a} b={state.b} />
      ) : null}
      <p>
        <a href={links.to(paths.framework(fw.id))}>
          Back to <bdi>{fw.name}</bdi>
        </a>
      </p>
    </Page>
  );
};

/** The GET form choosing two levels; `compare-form.js` turns its submit into the path form of the URL. */
export const LevelChooser: FC<{ index: FrameworkIndex; a?: string | undefined; b?: string | undefined }> = ({
  index,
  a,
  b,
}) => {
  const links = useLinks();
  const fw = index.framework.id;
  const groups = levelsByTrack(index);
  const order = index.levelOrder;
  const first = a && index.levels.has(a) ? a : order[0];
  const second = b && index.levels.has(b) ? b : ((index.successors.get(first ?? "") ?? [])[0] ?? order[1]);
  const select = (name: "a" | "b", label: string, chosen: string | undefined) => (
    <div class="field">
      <label for={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} required>
        {groups.map((g) => (
          <optgroup label={g.track.name}>
            {g.levels.map((l) => (
              <option value={l.id} selected={l.id === chosen}>
                {l.label === l.name ? l.name : `${isolated(l.label)} · ${isolated(l.name)}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
  return (
    <form
      class="compare-chooser"
      method="get"
      action={links.to(paths.compare(fw))}
      data-compare-pattern={links.to(paths.compareLevels(fw, "{a}", "{b}"))}
    >
      {select("a", "First level", first)}
      {select("b", "Second level", second)}
      <button type="submit">Compare</button>
    </form>
  );
};

/** One side of a diff: same text plain, the other side's changes left out, this side's own marked. */
