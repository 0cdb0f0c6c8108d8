/** The form that picks two roles of a framework to compare (or one more role, beside a fixed one). */
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../core/model.js";
import { paths } from "../links.js";
import { useLinks } from "./page.js";

/**
 * A select's options for a framework's roles, grouped by family: declared families in order, then any family
 * a role names without declaring it. Every page that lets a reader pick a role lists them this way.
 */
export const RoleOptions: FC<{
  roles: { id: string; name: string; family: string }[];
  families: { id: string; name: string }[];
  chosen?: string | undefined;
}> = ({ roles, families, chosen }) => {
  const groups = new Map(families.map((f) => [f.id, f.name]));
  for (const r of roles) if (!groups.has(r.family)) groups.set(r.family, r.family);
  return (
    <>
      {[...groups].map(([id, familyName]) => {
        const members = roles.filter((r) => r.family === id);
        return members.length ? (
          <optgroup label={familyName}>
            {members.map((r) => (
              <option value={r.id} selected={r.id === chosen}>
                {r.name}
              </option>
            ))}
          </optgroup>
        ) : null;
      })}
    </>
  );
};

/**
 * A GET form: the server redirects ?a=&b= to the path form; in a static site the compare-form island builds
 * the path in the browser from `data-compare-pattern`.
 */
export const RoleChooser: FC<{
  index: FrameworkIndex;
  a?: string | undefined;
  b?: string | undefined;
  fixedA?: boolean;
}> = ({ index, a, b, fixedA }) => {
  const links = useLinks();
  const fw = index.framework;
  const roles = [...index.roles.values()];
  const first = a && index.roles.has(a) ? a : roles[0]?.id;
  const second = b && index.roles.has(b) ? b : roles.find((r) => r.id !== first)?.id;
  const select = (name: "a" | "b", label: string, chosen: string | undefined) => (
    <div class="field">
      <label for={`compare-role-${name}`}>{label}</label>
      <select id={`compare-role-${name}`} name={name} required>
        <RoleOptions
          roles={roles.filter((r) => !(fixedA && name === "b" && r.id === a))}
          families={fw.families ?? []}
          chosen={chosen}
        />
      </select>
    </div>
  );
  return (
    <form
      class="compare-chooser"
      method="get"
      action={links.to(paths.compareRolesChooser(fw.id))}
      data-compare-pattern={links.to(paths.compareRoles(fw.id, "{a}", "{b}"))}
    >
      {fixedA && first ? <input type="hidden" name="a" value={first} /> : select("a", "First role", first)}
      {select("b", fixedA ? "Role to compare with" : "Second role", second)}
      <button type="submit">Compare</button>
    </form>
  );
};
