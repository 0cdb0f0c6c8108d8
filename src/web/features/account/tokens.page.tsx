/** The API tokens page: one's tokens (an admin's list has everyone's), making one, and revoking them. */
import type { Context } from "hono";
import { API_TOKEN_NAME_MAX, type ApiToken } from "../../../store/api-tokens.repository.js";
import { publicBase } from "../../auth/session.js";
import { CsrfField } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { AppEnv, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { RevocableTable } from "./account.page.js";

function TokenRow({ token, viewer, links }: { token: ApiToken; viewer: Viewer; links: Links }) {
  return (
    <tr id={`token-${token.id}`}>
      <th scope="row">{token.name}</th>
      {viewer.person.admin ? <td data-label="Person">{token.email}</td> : null}
      <td data-label="Made">
        <When at={token.createdAt} />
      </td>
      <td data-label="Last used">
        {token.lastUsedAt ? <When at={token.lastUsedAt} show="relative" label="Last used" /> : "never"}
      </td>
      <td>
        <form method="post" action={links.to(paths.accountTokenRevoke(token.id))}>
          <CsrfField token={viewer.csrfToken} />
          <button type="submit" class="secondary" aria-label={`Revoke the token ${token.name}`}>
            Revoke
          </button>
        </form>
      </td>
    </tr>
  );
}

/** The page, with the secret of a token just made (shown this once) or the problem with the name asked for. */
export function tokensPage(
  c: Context<AppEnv>,
  viewer: Viewer,
  tokens: readonly ApiToken[],
  shown: { secret?: string; problem?: string } = {},
  status: 200 | 422 = 200,
): Response {
  const links = c.get("links");
  // the address people reach the app at (RUNGS_PUBLIC_URL), not the one a proxy asked this request at
  const curl = `curl -H "Authorization: Bearer ${shown.secret ?? "rungs_…"}" ${publicBase(c)}/api/account`;
  return html(
    c,
    <Page
      title="API tokens"
      links={links}
      kind="account"
      crumbs={[{ label: "My account", href: links.to(paths.account()) }, { label: "API tokens" }]}
    >
      <h1>API tokens</h1>
      <p>
        A token lets a script read the API (<code>/api/…</code>) as you: it sees exactly what you see, and is
        refused everywhere else. Keep it as secret as a password; revoke it when the script is retired.
      </p>
      {shown.secret ? (
        <Section id="new-token" title="Your new token">
          <p role="status">Copy it now: it is shown only this once (rungs keeps only a hash of it).</p>
          <pre class="secret">
            <code>{shown.secret}</code>
          </pre>
          <pre>
            <code>{curl}</code>
          </pre>
        </Section>
      ) : null}
      <Section id="make" title="Make a token">
        {shown.problem ? (
          <p class="problems" role="alert">
            {shown.problem}
          </p>
        ) : null}
        <form method="post" action={links.to(paths.accountTokens())} class="stacked">
          <CsrfField token={viewer.csrfToken} />
          <div class="field">
            <label for="token-name">What it is for</label>
            <input id="token-name" name="name" required maxlength={API_TOKEN_NAME_MAX} />
          </div>
          <button type="submit">Make a token</button>
        </form>
      </Section>
      <Section id="tokens" title={viewer.person.admin ? "Everyone's tokens" : "Your tokens"}>
        <RevocableTable
          class="tokens"
          caption={`${tokens.length} token${tokens.length === 1 ? "" : "s"}, newest first`}
          columns={
            viewer.person.admin ? ["Name", "Person", "Made", "Last used"] : ["Name", "Made", "Last used"]
          }
        >
          {tokens.map((token) => (
            <TokenRow token={token} viewer={viewer} links={links} />
          ))}
        </RevocableTable>
      </Section>
    </Page>,
    status,
  );
}
