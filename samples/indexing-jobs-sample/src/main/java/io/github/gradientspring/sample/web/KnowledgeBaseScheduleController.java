package io.github.gradientspring.sample.web;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.GradientIds;
import io.github.gradientspring.client.model.IndexingSchedule;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A knowledge base's scheduled (auto) indexing as one resource, {@code /knowledge-bases/{kb}/schedule}: the API keeps
 * one schedule per knowledge base, so the knowledge base names it. {@code PUT} sets it
 * ({@code {"time": "02:30", "days": ["MONDAY", "THURSDAY"]}}, UTC), {@code GET} reads it (404 problem details when
 * there is none), {@code DELETE} removes it. Errors become problem details in {@link GradientProblemHandler}.
 */
@RestController
@RequestMapping("/knowledge-bases/{knowledgeBase}/schedule")
class KnowledgeBaseScheduleController {

    private final IndexingJobsClient client;

    KnowledgeBaseScheduleController(IndexingJobsClient client) {
        this.client = client;
    }

    /**
     * Sets the knowledge base's schedule: 200 with the schedule the API made. The API has no routed update, so a
     * schedule already there is deleted first and the new one created (two calls, not one atomic change).
     */
    @PutMapping
    Mono<ScheduleView> put(@PathVariable String knowledgeBase, @RequestBody ScheduleRequest body) {
        // Checked before any call, so a bad time or no days deletes nothing.
        CreateIndexingScheduleRequest request = CreateIndexingScheduleRequest.of(knowledgeBase, body.time(),
                body.days());
        return existing(knowledgeBase).flatMap((old) -> this.client.deleteSchedule(GradientIds.requireUuid(old.uuid(), "uuid")))
            .then(this.client.createSchedule(request))
            .map(ScheduleView::of);
    }

    @GetMapping
    Mono<ScheduleView> get(@PathVariable String knowledgeBase) {
        return this.client.retrieveSchedule(knowledgeBase).map(ScheduleView::of);
    }

    /** Removes the knowledge base's schedule: 200 with it as deleted; 404 when there is none. */
    @DeleteMapping
    Mono<ScheduleView> delete(@PathVariable String knowledgeBase) {
        return this.client.retrieveSchedule(knowledgeBase)
            .flatMap((schedule) -> this.client.deleteSchedule(GradientIds.requireUuid(schedule.uuid(), "uuid")))
            .map(ScheduleView::of);
    }

    /** The schedule there is, or empty when the knowledge base has none. */
    private Mono<IndexingSchedule> existing(String knowledgeBase) {
        return this.client.retrieveSchedule(knowledgeBase)
            .onErrorResume(GradientNotFoundException.class, (ex) -> Mono.empty());
    }

}
