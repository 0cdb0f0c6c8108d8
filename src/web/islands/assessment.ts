/**
 * The assessment form saves itself: a moment after each change it PUTs the whole form as JSON to the draft
 * endpoint with the version it last saw. A 409 (another tab or another person saved in between) stops the
 * saving and shows both versions where they differ; the form keeps what is typed here, so nothing is lost.
 * Without JavaScript the form's own "Save draft" button does the same by a plain POST.
 */
const form = document.querySelector<HTMLFormElement>("form#assessment-form");

interface SavedPick {
  competency: string;
  level: string | null;
}

if (form?.dataset.api) {
  const api = form.dataset.api;
  const status = form.querySelector<HTMLElement>(".autosave-status");
  const version = form.querySelector<HTMLInputElement>('input[name="version"]');
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving = false;
  let again = false;
  let stopped = false;

  const say = (text: string, problem = false) => {
    if (!status) return;
    status.hidden = false;
    status.textContent = text;
    status.classList.toggle("problem", problem);
  };

  /** The criteria ticked in one competency, each with the evidence written beside it. */
  const criteriaOf = (id: string) => {
    const fieldset = form.querySelector(`#assess-pick-${CSS.escape(id)}`);
    return [...(fieldset?.querySelectorAll<HTMLInputElement>("input[data-criterion]:checked") ?? [])].map(
      (box) => ({
        level: box.dataset.level ?? "",
        criterion: box.dataset.criterion ?? "",
        evidence: form.querySelector<HTMLTextAreaElement>(`#${CSS.escape(box.id)}-evidence`)?.value ?? "",
      }),
    );
  };

  const picks = () => {
    const data = new FormData(form);
    const ids = new Set<string>();
    // every competency has a pick.<id> radio checked ("not picked yet" at least)
    for (const key of data.keys()) if (key.startsWith("pick.")) ids.add(key.slice("pick.".length));
    return [...ids].map((id) => ({
      competency: id,
      level: String(data.get(`pick.${id}`) ?? ""),
      band: String(data.get(`band.${id}`) ?? ""),
      evidence: String(data.get(`evidence.${id}`) ?? ""),
      links: String(data.get(`links.${id}`) ?? ""),
      criteria: criteriaOf(id),
      ...(data.has(`comment.${id}`) ? { comment: String(data.get(`comment.${id}`) ?? "") } : {}),
    }));
  };

  // the criteria of the picked level and the next one come first; the others one click away
  const arrangeCriteria = (radio: HTMLInputElement) => {
    const fieldset = radio.closest<HTMLFieldSetElement>("fieldset.competency-pick");
    const near = fieldset?.querySelector<HTMLElement>(".criteria-near");
    const others = fieldset?.querySelector<HTMLElement>(".criteria-others");
    const more = fieldset?.querySelector<HTMLDetailsElement>(".criteria-more");
    if (!fieldset || !near || !others || !more || radio.dataset.rank === undefined) return;
    const rank = Number(radio.dataset.rank);
    // in level order again (by rank) whichever container they were in
    const groups = [...fieldset.querySelectorAll<HTMLFieldSetElement>("fieldset.criteria-group")].sort(
      (a, b) => Number(a.dataset.rank) - Number(b.dataset.rank),
    );
    let away = 0;
    for (const group of groups) {
      const at = Number(group.dataset.rank);
      const ticked = group.querySelector("input[data-criterion]:checked") !== null;
      const isNear = ticked || at === rank || at === rank + 1;
      (isNear ? near : others).append(group);
      if (!isNear) away++;
    }
    more.hidden = away === 0;
    const count = more.querySelector(".criteria-more-count");
    if (count) count.textContent = String(away);
  };

  const labelOf = (competency: string, level: string | null) => {
    if (!level) return "not picked";
    const label = form.querySelector(`label[for="assess-${competency}--${level}"] .pick-level`);
    return label?.firstChild?.textContent?.trim() || level;
  };

  const showConflict = (theirs: {
    updatedAt: string;
    status: string;
    version: number;
    picks: SavedPick[];
  }) => {
    stopped = true;
    // "Save draft" now replaces the saved version on purpose
    if (version) version.value = String(theirs.version);
    const stored = new Map(theirs.picks.map((p) => [p.competency, p.level ?? null]));
    const rows = picks()
      .filter((p) => (stored.get(p.competency) ?? null) !== (p.level || null))
      .map((p) => {
        const legend =
          form.querySelector(`#assess-pick-${CSS.escape(p.competency)} legend`)?.textContent ?? p.competency;
        return [
          legend,
          labelOf(p.competency, stored.get(p.competency) ?? null),
          labelOf(p.competency, p.level),
        ];
      });
    const panel = document.createElement("div");
    panel.className = "conflict";
    panel.setAttribute("role", "alert");
    const h = document.createElement("h2");
    h.textContent =
      theirs.status === "submitted"
        ? "This assessment was submitted elsewhere"
        : "This draft was changed elsewhere";
    const p = document.createElement("p");
    p.textContent = `It was saved at ${theirs.updatedAt.slice(0, 16).replace("T", " ")} UTC from another tab or by someone else, so saving here has stopped. ${
      rows.length
        ? `The two versions differ in ${rows.length} competencies:`
        : "The picks are the same; evidence may differ."
    }`;
    panel.append(h, p);
    if (rows.length) {
      const table = document.createElement("table");
      table.className = "conflict-diff";
      const head = table.createTHead().insertRow();
      for (const t of ["Competency", "Saved version", "Yours (below)"]) {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = t;
        head.append(th);
      }
      const body = table.createTBody();
      for (const [name, saved, yours] of rows) {
        const tr = body.insertRow();
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name ?? "";
        tr.append(th);
        for (const text of [saved, yours]) tr.insertCell().textContent = text ?? "";
      }
      panel.append(table);
    }
    const next = document.createElement("p");
    next.textContent =
      theirs.status === "submitted"
        ? "A submitted assessment cannot be changed. Reload to see it."
        : "The form below still holds your version: use “Save draft” to replace the saved one, or reload to continue from it.";
    panel.append(next);
    form.prepend(panel);
    say("Not saved: this draft was changed elsewhere (see above).", true);
    panel.scrollIntoView({ block: "start" });
  };

  const save = async () => {
    if (stopped) return;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    say("Saving…");
    try {
      const response = await fetch(api, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ version: Number(version?.value ?? 0), picks: picks() }),
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        if (version) version.value = String(answer.version);
        say(`Draft saved at ${new Date(answer.savedAt).toLocaleTimeString()}.`);
      } else if (response.status === 409 && answer.theirs) {
        showConflict(answer.theirs);
      } else if (response.status === 422) {
        say("Not saved yet: some entries need fixing (links must start with http:// or https://).", true);
      } else if (response.status === 401) {
        stopped = true;
        say("Not saved: your session has ended. Copy anything you typed, sign in again and reload.", true);
      } else {
        say(`Not saved (${answer.error ?? `status ${response.status}`}). “Save draft” keeps it.`, true);
      }
    } catch {
      say("Not saved: the server could not be reached. “Save draft” keeps it once it is back.", true);
    } finally {
      saving = false;
      if (again) {
        again = false;
        void save();
      }
    }
  };

  // the progress at the top and per section, as picks change ("12 of 27 answered")
  const countAnswered = () => {
    const perArea = new Map<string, { answered: number; total: number }>();
    let answered = 0;
    let total = 0;
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>("fieldset.competency-pick")) {
      // what the person's place does not ask is optional: not in the count of what is left to answer
      if (fieldset.closest("[data-optional]")) continue;
      const area = fieldset.closest<HTMLElement>("section[data-area]")?.dataset.area ?? "";
      const counts = perArea.get(area) ?? { answered: 0, total: 0 };
      const picked = fieldset.querySelector('input[type="radio"]:checked:not([value=""])') !== null;
      counts.total++;
      total++;
      if (picked) {
        counts.answered++;
        answered++;
      }
      perArea.set(area, counts);
    }
    const shown = form.querySelector<HTMLElement>("[data-answered]");
    if (shown) shown.textContent = String(answered);
    const bar = form.querySelector<HTMLProgressElement>(".assess-progress progress");
    if (bar) {
      bar.max = total;
      bar.value = answered;
    }
    for (const count of form.querySelectorAll<HTMLElement>(".area-count[data-area]")) {
      const counts = perArea.get(count.dataset.area ?? "");
      if (counts) count.textContent = `${counts.answered} of ${counts.total}`;
    }
  };

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 800);
  };
  // Submitting (or "Save draft") waits for an autosave in flight and drops one still to come, so the POST
  // carries the version that save answered with: a quick pick-then-Submit must not meet its own draft as
  // "changed elsewhere".
  let submitting = false;
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    if (submitting) return;
    submitting = true;
    if (!saving) {
      stopped = true;
      return;
    }
    event.preventDefault();
    const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
    const waiting = setInterval(() => {
      if (saving) return;
      clearInterval(waiting);
      stopped = true;
      form.requestSubmit(submitter);
    }, 50);
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "radio" && target.name.startsWith("pick."))
      arrangeCriteria(target);
    countAnswered();
    soon();
  });
  form.addEventListener("input", (event) => {
    if (event.target instanceof HTMLTextAreaElement) soon();
  });
}
