// How benchmarks/peer/*.mjs call each of DigitalOcean's TypeScript SDKs: the SDK loaded from the folder compare.sh
// installed it into, every option at its default but the address and a dummy token (no request fails here).
// cancelCall(sdk, peer, baseURL) gives { impl, cancel }: the name compare.sh reports it under, and a function that
// cancels a job by id and resolves to the SDK's decoded answer, { job: { phase, … } } for both.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = path.dirname(new URL(import.meta.url).pathname);
const token = 'dop_v1_benchmark0000000000000000000000000000000000000000000000000000';

// Loads a package from a folder's node_modules (ESM or CommonJS alike) without installing it next to this script.
async function load(peer, name) {
  const require = createRequire(path.join(path.resolve(peer), 'package.json'));
  return import(pathToFileURL(require.resolve(name)).href);
}

export async function cancelCall(sdk, peer, baseURL) {
  if (sdk === 'gradient') {
    // The retired @digitalocean/gradient 0.1.0-alpha.2 (maxRetries 2 by default, as our client). Its documented
    // cancel names the body field body_uuid, which this version sends unchanged (see docs/benchmarks.md).
    const { Gradient } = await load(peer ?? path.join(here, '..', '.peer'), '@digitalocean/gradient');
    const client = new Gradient({ accessToken: token, baseURL });
    return {
      impl: 'ts-sdk',
      cancel: (uuid) => client.knowledgeBases.indexingJobs.updateCancel(uuid, { body_uuid: uuid }),
    };
  }
  if (sdk === 'dots') {
    // DoTs as its README sets it up: an API-key provider and Kiota's fetch adapter with its default middleware
    // (retry handler: 3 retries of 429, 503 and 504). Its cancel sends {"uuid": …}.
    const dotsPeer = peer ?? path.join(here, '..', 'peer-dots');
    const dots = await load(dotsPeer, '@digitalocean/dots');
    const { FetchRequestAdapter } = await load(dotsPeer, '@microsoft/kiota-http-fetchlibrary');
    const adapter = new FetchRequestAdapter(new dots.DigitalOceanApiKeyAuthenticationProvider(token));
    adapter.baseUrl = baseURL;
    const client = dots.createDigitalOceanClient(adapter);
    return {
      impl: 'dots',
      cancel: (uuid) => client.v2.genAi.indexing_jobs.byIndexing_job_uuId(uuid).cancel.put({ uuid }),
    };
  }
  throw new Error(`--sdk must be gradient or dots, not ${sdk}`);
}
