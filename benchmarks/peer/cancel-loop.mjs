// The Node side of benchmarks/compare.sh: the same closed loop of cancel calls as CancelLoop.java, with one of
// DigitalOcean's TypeScript SDKs, installed by compare.sh at a pinned version:
//   --sdk gradient  the retired @digitalocean/gradient (in benchmarks/.peer), printed as impl "ts-sdk";
//   --sdk dots      DoTs, @digitalocean/dots (in benchmarks/peer-dots), printed as impl "dots". DoTs 1.19.0 cannot
//                   decode a job that carries data_source_uuids (see decode-job.mjs), so it cancels the responder's
//                   job without that array (Payloads.JOB_WITHOUT_DATA_SOURCE_UUIDS).
// Usage: node cancel-loop.mjs --base-url URL --warmup-seconds W [--warmup-max-seconds X] --measure-seconds M
//        --concurrency C [--sdk gradient|dots] [--peer DIR] [--progress true]
// C calls in flight (none starts after a deadline). Warms up for W seconds, and longer while the throughput is still
// rising (the last 5 seconds completed more than 5 % more calls than the 5 before), up to X (by default W); then
// measures for M seconds. Prints one tab-separated line: impl, concurrency, measured requests, seconds, req/s,
// p50 ms, p99 ms, peak RSS MiB, failures, warm-up requests, warm-up seconds. With --progress true it also prints the
// requests completed in each second to standard error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cancelCall } from './sdks.mjs';

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const baseURL = args['base-url'];
const warmupSeconds = Number(args['warmup-seconds'] ?? 20);
const warmupMaxSeconds = Math.max(warmupSeconds, Number(args['warmup-max-seconds'] ?? warmupSeconds));
const measureSeconds = Number(args['measure-seconds'] ?? 10);
const concurrency = Number(args.concurrency ?? 1);
const progress = args.progress === 'true';
const sdk = args.sdk ?? 'gradient';
if (!baseURL) {
  throw new Error('--base-url is required');
}
// The job each SDK cancels: the responder's usual one, or for DoTs the same job without data_source_uuids.
const jobUuid = (sdk === 'dots') ? '79ca9798-cf7d-11ef-bf8f-4e013e2dd0d5' : '79ca9798-cf7d-11ef-bf8f-4e013e2ddde4';
const { impl, cancel } = await cancelCall(sdk, args.peer, baseURL);

let completed = 0;

// Latencies in nanoseconds, in a typed array that grows as needed.
class Recorder {
  constructor() {
    this.values = new Float64Array(1 << 16);
    this.size = 0;
  }

  add(nanos) {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.size * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = nanos;
  }

  sorted() {
    return this.values.slice(0, this.size).sort();
  }
}

// Calls until the deadline (which may move meanwhile), `concurrency` in flight: each worker starts its next call
// when its last one ends, until the deadline; then the calls in flight finish.
async function run(deadline, latencies) {
  let requests = 0;
  let failures = 0;
  const start = process.hrtime.bigint();
  async function worker() {
    while (process.hrtime.bigint() < deadline.at) {
      requests++;
      const started = process.hrtime.bigint();
      try {
        const response = await cancel(jobUuid);
        latencies?.add(Number(process.hrtime.bigint() - started));
        if (response.job?.phase !== 'BATCH_JOB_PHASE_CANCELLED') {
          failures++;
        }
      } catch (error) {
        failures++;
        if (failures === 1) {
          console.error(error);
        }
      }
      completed++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests, failures, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

// Whether the calls completed per second, oldest first, are still rising (see the usage above).
function rising(perSecond) {
  const n = perSecond.length;
  if (n < 10) {
    return true;
  }
  const sum = (from) => perSecond.slice(from, from + 5).reduce((a, b) => a + b, 0);
  return sum(n - 5) > sum(n - 10) * 1.05;
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return 0;
  }
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

const began = process.hrtime.bigint();
const warmupDeadline = { at: began + BigInt(Math.round(warmupMaxSeconds * 1e9)) };
let warming = true;
const perSecond = [];
let last = 0;
// Each second: count, print with --progress, and end the warm-up once its minimum is over and it no longer rises.
const meter = setInterval(() => {
  perSecond.push(completed - last);
  last = completed;
  if (progress) {
    console.error(['progress', perSecond.length, perSecond[perSecond.length - 1], completed].join('\t'));
  }
  if (warming && perSecond.length >= warmupSeconds && (warmupMaxSeconds <= warmupSeconds || !rising(perSecond))) {
    const now = process.hrtime.bigint();
    warmupDeadline.at = now < warmupDeadline.at ? now : warmupDeadline.at;
  }
}, 1000);
const warmup = await run(warmupDeadline, null);
warming = false;
const latencies = new Recorder();
const measured = await run({ at: process.hrtime.bigint() + BigInt(Math.round(measureSeconds * 1e9)) }, latencies);
clearInterval(meter);
const sorted = latencies.sorted();
console.log([impl, concurrency, measured.requests, measured.seconds.toFixed(3),
  (measured.requests / measured.seconds).toFixed(0), (percentile(sorted, 0.5) / 1e6).toFixed(3),
  (percentile(sorted, 0.99) / 1e6).toFixed(3), peakRssMib().toFixed(1), measured.failures, warmup.requests,
  warmup.seconds.toFixed(1)].join('\t'));
process.exit(measured.failures > 0 ? 1 : 0);
