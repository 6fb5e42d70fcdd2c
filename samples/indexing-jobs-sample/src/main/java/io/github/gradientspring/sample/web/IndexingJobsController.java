package io.github.gradientspring.sample.web;

import java.net.URI;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP endpoints over the injected {@link IndexingJobsClient}. Every handler returns the client's publisher as it
 * is, so no thread waits on DigitalOcean; errors become problem details in {@link GradientProblemHandler}.
 */
@RestController
@RequestMapping("/jobs")
class IndexingJobsController {

    private final IndexingJobsClient client;

    private final OpenEventStreams streams;

    IndexingJobsController(IndexingJobsClient client, OpenEventStreams streams) {
        this.client = client;
        this.streams = streams;
    }

    /** Starts indexing a knowledge base: 201 with the new job and its location. */
    @PostMapping
    Mono<ResponseEntity<IndexingJob>> start(@RequestBody StartIndexingRequest request) {
        CreateIndexingJobRequest create = new CreateIndexingJobRequest(request.knowledgeBaseUuid(),
                request.dataSourceUuids());
        return this.client.create(create)
            .map((job) -> ResponseEntity.created(URI.create("/jobs/" + job.uuid())).body(job));
    }

    /** One page of the account's jobs, newest first; or the latest jobs of one knowledge base. */
    @GetMapping
    Mono<IndexingJobPage> list(@RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int perPage,
            @RequestParam(name = "knowledgeBase", required = false) String knowledgeBaseUuid) {
        if (knowledgeBaseUuid != null) {
            return this.client.listByKnowledgeBase(knowledgeBaseUuid);
        }
        return this.client.list(PageRequest.of(page, perPage));
    }

    @GetMapping("/{uuid}")
    Mono<IndexingJob> get(@PathVariable String uuid) {
        return this.client.retrieve(uuid);
    }

    @GetMapping("/{uuid}/data-sources")
    Flux<IndexedDataSource> dataSources(@PathVariable String uuid) {
        return this.client.listDataSources(uuid);
    }

    /** Cancels a job: 200 with the job as the API returned it. POST for curl and forms, PUT as the API has it. */
    @RequestMapping(path = "/{uuid}/cancel", method = { RequestMethod.POST, RequestMethod.PUT })
    Mono<IndexingJob> cancel(@PathVariable String uuid) {
        return this.client.cancel(uuid);
    }

    /**
     * Streams the job's progress as server-sent events: one {@code job} event per change, the last one terminal;
     * then the stream ends. The job is fetched first, so an unknown job is a plain 404, not an empty stream. Open
     * streams are counted in {@link OpenEventStreams}.
     */
    // tag::events[]
    @GetMapping(path = "/{uuid}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<IndexingJob>>>> events(@PathVariable String uuid) {
        return this.client.retrieve(uuid)
            .map((first) -> ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(this.streams.counted(this.client.watch(uuid).map(IndexingJobsController::event))));
    }
    // end::events[]

    private static ServerSentEvent<IndexingJob> event(IndexingJob job) {
        return ServerSentEvent.builder(job).event("job").build();
    }

}
