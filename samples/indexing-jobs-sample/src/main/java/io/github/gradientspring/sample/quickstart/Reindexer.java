package io.github.gradientspring.sample.quickstart;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The README's quickstart service, compiled and tested here (see {@code QuickstartTests}).
 */
// tag::reindexer[]
@Service
class Reindexer {

    private final IndexingJobsClient gradient;

    Reindexer(IndexingJobsClient gradient) {
        this.gradient = gradient;
    }

    Mono<IndexingJob> reindex(String knowledgeBaseUuid) {
        return this.gradient.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid))
            .flatMap((job) -> this.gradient.awaitCompletion(job.uuid(), Duration.ofMinutes(30)));
    }

}
// end::reindexer[]
