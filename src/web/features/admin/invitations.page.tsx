/** What became of each invitation: mailed, a link to pass on (with why the mail did not go), or skipped. */

import type { Context } from "hono";
import type { FC } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type { InviteOutcome } from "../../../services/invitations.js";
import { COPY_LINK_SCRIPT, CopyableLink } from "../../components/copy-link.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { AppEnv } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { crumbsFor } from "./admin-parts.js";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The one-line summary at the top: how many were mailed, need their link passed on, were skipped. */
function summary(outcomes: InviteOutcome[], unknown: number): string {
  const mailed = outcomes.filter((o) => o.status === "mailed").length;
  const links = outcomes.filter((o) => o.status === "link").length;
  const skipped = outcomes.filter((o) => o.status === "skipped").length;
  const parts = [
    mailed ? `${count(mailed, "invitation", "invitations")} sent by mail` : "",
    links ? `${count(links, "link", "links")} to pass on` : "",
    skipped ? `${count(skipped, "person", "people")} not invited` : "",
    unknown ? `${count(unknown, "pick", "picks")} named nobody (removed meanwhile?)` : "",
  ].filter(Boolean);
  return parts.length
    ? `${parts.join(", ")}.`
    : "Nobody to invite: everyone active already has a password or an open invitation.";
}

const Outcome: FC<{ outcome: InviteOutcome; index: number; links: Links }> = ({ outcome, index, links }) => {
  const who = (
    <th scope="row">
      <a href={links.to(paths.adminPerson(outcome.person.id))}>{outcome.person.name}</a>
      <span class="meta">{` ${outcome.person.email}`}</span>
    </th>
  );
  if (outcome.status === "skipped") {
    return (
      <tr>
        {who}
        <td>{`Not invited: ${outcome.reason}.`}</td>
      </tr>
    );
  }
  const until = (
    <>
      {"The link works once, until "}
      <When at={outcome.invitation.expiresAt} />.
    </>
  );
  if (outcome.status === "mailed") {
    return (
      <tr>
        {who}
        <td>
          {"Sent by mail. "}
          {until}
        </td>
      </tr>
    );
  }
  return (
    <tr>
      {who}
      <td>
        {outcome.mailError ? (
          <p
            class="problems"
            role="alert"
          >{`The mail was not sent. ${outcome.mailError} Pass this link on instead.`}</p>
        ) : null}
        <CopyableLink
          id={`invite-link-${index}`}
          label={`Invitation link for ${isolated(outcome.person.name)}`}
          link={outcome.link}
        />
        <p class="meta">{until}</p>
      </td>
    </tr>
  );
};

export function outcomesPage(
  c: Context<AppEnv>,
  outcomes: InviteOutcome[],
  { unknown, mailConfigured }: { unknown: number; mailConfigured: boolean },
): Response {
  const links = c.get("links");
  c.header("Cache-Control", "no-store");
  const anyLink = outcomes.some((o) => o.status === "link");
  return html(
    c,
    <Page
      title="Invitations"
      links={links}
      kind="admin"
      crumbs={crumbsFor(links, "Invitations")}
      scripts={[COPY_LINK_SCRIPT]}
    >
      <h1>Invitations</h1>
      <p role="status">{summary(outcomes, unknown)}</p>
      {anyLink ? (
        <p>
          {mailConfigured
            ? "Pass each link below on in person or over a channel you trust. "
            : "No mail server is set (RUNGS_SMTP_URL), so pass each link on in person or over a channel you trust. "}
          The links are shown only now: rungs keeps only a fingerprint of each.
        </p>
      ) : null}
      {outcomes.length ? (
        <div class="table-scroll">
          <table class="invite-outcomes stack-on-phone">
            <caption>What happened for each person</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Invitation</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((outcome, index) => (
                <Outcome outcome={outcome} index={index} links={links} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <a href={links.to(paths.adminPeople())}>Back to the people list</a>
      </p>
    </Page>,
  );
}
