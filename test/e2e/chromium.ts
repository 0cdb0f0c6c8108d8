/** Debian's Chromium (never a downloaded browser), and the flags every start of it takes. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
  // One renderer process per tab rather than per site, at most two at once, and none of the browser's own
  // background features: the tests load one origin (the server under test, or file:), and a new process per
  // site or per frame was a share of every browser test's CPU. Two interleaved runs of two browser files
  // (2026-12, loaded machine, CPU of the whole process tree): 25.9 and 27.7 s → 21.7 and 20.8 s (-16 to -25%).
  "--disable-site-isolation-trials",
  "--disable-features=site-per-process,IsolateOrigins,Translate,OptimizationHints,MediaRouter",
  "--renderer-process-limit=2",
  // The compositor's GPU thread (software here: --disable-gpu) in the browser process, not a process of its
  // own beside it. Same-run interleaved pairs (2026-12, loaded machine, CPU of the whole process tree), two
  // and four browser files: 76.7 → 73.2 s and 103.8 → 102.4 s (-1 to -5%), every test passing.
  "--in-process-gpu",
  "--disable-extensions",
  "--mute-audio",
];
