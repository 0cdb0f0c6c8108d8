// The floor bench/serve compares `rungs serve` with: a plain node:http server, in its own process, that
// answers each path with bytes and headers fetched from rungs beforehand, and does nothing else. Plain
// JavaScript run by bare node, like the built CLI, so neither side carries a loader the other lacks.
//
//   node bench/floor-server.mjs <pages.json>
//   pages.json: [{ "path": "/…", "status": 200, "headers": [["content-type", "…"], …], "body": "<file>" }]
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const pages = new Map(
  JSON.parse(readFileSync(process.argv[2], "utf8")).map((page) => [
    page.path,
    { status: page.status, headers: page.headers, body: readFileSync(page.body) },
  ]),
);

const server = createServer((req, res) => {
  const page = pages.get(req.url);
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(page.status, page.headers);
  res.end(page.body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
