package io.github.gradientspring.simulator;

import java.time.Instant;

/**
 * A job a schedule started, as the {@link Journal} records it beside the requests it received.
 *
 * @param scheduleUuid      the schedule
 * @param knowledgeBaseUuid the knowledge base indexed
 * @param jobUuid           the job started, which the job list and {@code GET …/indexing_jobs/{uuid}} show
 * @param startedAt         the scheduled instant on the simulator's clock, which is the job's {@code created_at}
 */
public record ScheduledRun(String scheduleUuid, String knowledgeBaseUuid, String jobUuid, Instant startedAt) {
}
