package io.github.gradientspring.sample.quickstart;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;

/**
 * The README's "client in ten lines", compiled here so that it cannot drift from the API. It talks to DigitalOcean
 * with a real token, so no test runs it.
 */
final class ClientInTenLines {

    private ClientInTenLines() {
    }

    static IndexingJob startWatchAndCancel(String knowledgeBaseUuid) {
        // tag::client[]
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(System.getenv("DIGITALOCEAN_ACCESS_TOKEN"))   // required; never logged
            .build();                                                   // base URL https://api.digitalocean.com

        IndexingJob started = client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid)).block();
        client.watch(started.uuid())                                    // each change, until a terminal phase
            .subscribe(job -> System.out.println(job.phase() + " " + job.completedDatasources() + "/" + job.totalDatasources()));
        IndexingJob cancelled = client.cancel(started.uuid()).block();  // PUT …/indexing_jobs/{uuid}/cancel
        // end::client[]
        return cancelled;
    }

}
