/** Roles found by a job title (/roles/by-title/): the form and the matches to choose from. */
import type { FC } from "hono/jsx";
import type { TitleMatch } from "../../../core/views/occupations.js";
import { Md, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

export const TitleForm: FC<{ title?: string | undefined }> = ({ title }) => {
  const links = useLinks();
  return (
    <form class="level-picker" method="get" action={links.to("/roles/by-title/")}>
      <label for="by-title">Job title</label>
      <input id="by-title" type="text" name="title" value={title ?? ""} required maxlength={200} />
      <button type="submit">Find the role</button>
    </form>
  );
};

export const TitleMatches: FC<{ title: string; matches: TitleMatch[] }> = ({ title, matches }) => {
  const links = useLinks();
  return (
    <>
      <h1>{`Roles called “${title}”`}</h1>
      <p>{`${matches.length} roles have this name or title. Choose one:`}</p>
      <ul class="title-matches">
        {matches.map((m) => (
          <li>
            <a href={links.to(paths.role(m.framework.id, m.role.id))}>{m.role.name}</a>
            <span class="meta">
              {" · "}
              <bdi>{m.family.name}</bdi>
              {" · "}
              <bdi>{m.framework.name}</bdi>
              {m.via === "alias" ? " · also called " : ""}
            </span>
            {m.via === "alias" ? <Md text={m.matched} inline /> : null}
          </li>
        ))}
      </ul>
    </>
  );
};
