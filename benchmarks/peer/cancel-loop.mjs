// The TypeScript side of benchmarks/compare.sh: the same closed loop of cancel calls as CancelLoop.java, with the
// official SDK (@digitalocean/gradient, installed by compare.sh into benchmarks/.peer at a pinned version).
// Usage: node cancel-loop.mjs --base-url URL --requests N --warmup W --concurrency C --peer DIR
// Prints one tab-separated line: impl, concurrency, requests, seconds, req/s, p50 ms, p99 ms, peak RSS MiB, failures.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const baseURL = args['base-url'];
const requests = Number(args.requests ?? 20000);
const warmup = Number(args.warmup ?? 40000);
const concurrency = Number(args.concurrency ?? 1);
const peer = args.peer ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '.peer');
if (!baseURL) {
  throw new Error('--base-url is required');
}

const require = createRequire(path.join(path.resolve(peer), 'package.json'));
const { Gradient } = require('@digitalocean/gradient');
// Every option but the address and the token at its default (maxRetries 2, as our client; no request fails here).
const client = new Gradient({ accessToken: 'dop_v1_benchmark0000000000000000000000000000000000000000000000000000', baseURL });
const jobUuid = '79ca9798-cf7d-11ef-bf8f-4e013e2ddde4';

let failures = 0;

// `count` calls, `concurrency` in flight: each worker starts its next call when its last one ends.
async function run(latencies) {
  let next = 0;
  const count = latencies.length;
  async function worker() {
    while (next < count) {
      const i = next++;
      const started = process.hrtime.bigint();
      try {
        // The SDK's documented cancel; it names the body field body_uuid (see docs/benchmarks.md).
        const response = await client.knowledgeBases.indexingJobs.updateCancel(jobUuid, { body_uuid: jobUuid });
        latencies[i] = Number(process.hrtime.bigint() - started);
        if (response.job?.phase !== 'BATCH_JOB_PHASE_CANCELLED') {
          failures++;
        }
      } catch (error) {
        failures++;
        if (failures === 1) {
          console.error(error);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

function percentile(sorted, p) {
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
}

function peakRssMib() {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Number(line.replace(/[^0-9]/g, '')) / 1024;
  } catch {
    return -1;
  }
}

await run(new Array(warmup).fill(0));
failures = 0;
const latencies = new Float64Array(requests);
const start = process.hrtime.bigint();
await run(latencies);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
latencies.sort();
console.log(['ts-sdk', concurrency, requests, seconds.toFixed(3), (requests / seconds).toFixed(0),
  (percentile(latencies, 0.5) / 1e6).toFixed(3), (percentile(latencies, 0.99) / 1e6).toFixed(3),
  peakRssMib().toFixed(1), failures].join('\t'));
process.exit(failures > 0 ? 1 : 0);
