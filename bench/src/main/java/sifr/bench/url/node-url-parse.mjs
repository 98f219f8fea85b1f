// Times Node's built-in WHATWG URL parser (ada) over the same corpus as UrlParseBenchmark:
//   node bench/src/main/java/sifr/bench/url/node-url-parse.mjs [testdata/urls-kasztp/urls-kasztp.txt]
// Prints the median over 15 timed rounds (after 3 s of warm-up rounds) in ms per corpus pass and ns per
// URL. Rejected inputs cost a full attempt and are counted, as in the JMH benchmark.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? resolve(here, "../../../../../../../testdata/urls-kasztp/urls-kasztp.txt");
const urls = readFileSync(file, "utf8").split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l.length > 0);

function pass() {
  let ok = 0;
  let sink = 0;
  for (const u of urls) {
    try {
      const parsed = new URL(u);
      sink += parsed.href.length;
      ok++;
    } catch {
      sink++;
    }
  }
  return [ok, sink];
}

// Warm up by time, as the Java side does (at least 5 passes, then until 3 s have passed).
const warmupEnd = process.hrtime.bigint() + 3_000_000_000n;
for (let i = 0; i < 5_000 && (i < 5 || process.hrtime.bigint() < warmupEnd); i++) pass();
const times = [];
let accepted = 0;
for (let i = 0; i < 15; i++) {
  const start = process.hrtime.bigint();
  const [ok] = pass();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  accepted = ok;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`node ${process.version} URL: ${urls.length} urls (${accepted} accepted), median ${median.toFixed(2)} ms/pass, ${(median * 1e6 / urls.length).toFixed(1)} ns/url (fastest pass ${(times[0] * 1e6 / urls.length).toFixed(1)}, mean ${(times.reduce((a, b) => a + b, 0) / times.length * 1e6 / urls.length).toFixed(1)} ns/url)`);
