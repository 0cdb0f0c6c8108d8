/** What a person who is not placed in a framework does next: an admin places themself, anyone else waits. */
import type { FC } from "hono/jsx";
import type { Person } from "../../store/types.js";
import { type Links, paths } from "../links.js";

export const NotPlaced: FC<{ person: Person; links: Links }> = ({ person, links }) =>
  person.admin ? (
    <p>
      You are not placed in a framework yet. As an admin, you place yourself: set your framework and level on{" "}
      <a href={links.to(paths.adminPerson(person.id))}>your admin page</a>, and then you can assess yourself.
    </p>
  ) : (
    <p>
      You are not placed in a framework yet: an admin sets your framework and level, and then you can assess
      yourself.
    </p>
  );
