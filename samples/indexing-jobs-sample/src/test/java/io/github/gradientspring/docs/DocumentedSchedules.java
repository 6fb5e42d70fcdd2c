package io.github.gradientspring.docs;

import java.time.DayOfWeek;
import java.time.LocalTime;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.IndexingSchedule;
import reactor.core.publisher.Mono;

/**
 * The schedule calls docs/scheduling.md shows, compiled here and run on the simulator by
 * {@link DocumentedSchedulesTests}.
 */
final class DocumentedSchedules {

    private DocumentedSchedules() {
    }

    static Mono<IndexingSchedule> nightly(IndexingJobsClient client, String knowledgeBaseUuid) {
        // tag::create[]
        CreateIndexingScheduleRequest request = CreateIndexingScheduleRequest.of(knowledgeBaseUuid,
                LocalTime.of(2, 30), DayOfWeek.MONDAY, DayOfWeek.THURSDAY); // 02:30 UTC, sent as "02:30", [1,4]
        Mono<IndexingSchedule> schedule = client.createSchedule(request);
        // end::create[]
        return schedule;
    }

    // tag::replace[]
    static Mono<IndexingSchedule> replace(IndexingJobsClient client, CreateIndexingScheduleRequest request) {
        return client.retrieveSchedule(request.knowledgeBaseUuid())
            .flatMap((old) -> client.deleteSchedule(old.uuid()))
            .onErrorResume(GradientNotFoundException.class, (none) -> Mono.empty())
            .then(client.createSchedule(request));
    }
    // end::replace[]

}
