// Whether an SDK decodes the job the API really sends: one cancel of the responder's usual job, which carries
// data_source_uuids as every job the API returns does. Run by benchmarks/compare.sh for each SDK it measures.
// Usage: node decode-job.mjs --base-url URL [--sdk gradient|dots] [--peer DIR]
// Prints one tab-separated line: impl, "yes" or "no", and the phase decoded or the error raised (its first line).
// Exits 0 either way: a failure to decode is a result here, not a failure of the run.
import { cancelCall } from './sdks.mjs';

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!args['base-url']) {
  throw new Error('--base-url is required');
}
const { impl, cancel } = await cancelCall(args.sdk ?? 'gradient', args.peer, args['base-url']);
const oneLine = (text) => String(text).split('\n')[0].replace(/\t/g, ' ');
try {
  const response = await cancel('79ca9798-cf7d-11ef-bf8f-4e013e2ddde4');
  const phase = response?.job?.phase;
  const uuids = response?.job?.dataSourceUuids ?? response?.job?.data_source_uuids;
  const decoded = phase === 'BATCH_JOB_PHASE_CANCELLED' && Array.isArray(uuids) && uuids.length === 2;
  console.log([impl, decoded ? 'yes' : 'no',
    decoded ? `phase ${phase}, ${uuids.length} data_source_uuids` : oneLine(`decoded without its fields: ${JSON.stringify(response?.job ?? response).slice(0, 120)}`)].join('\t'));
} catch (error) {
  const name = error?.constructor?.name ?? typeof error;
  console.log([impl, 'no', oneLine(`${name}: ${error?.message ?? JSON.stringify(error)}`)].join('\t'));
}
