package io.github.gradientspring.sample.demo;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingSchedule;

/**
 * What the schedule part of the demo did.
 *
 * @param schedule the schedule as the API created it
 * @param job the job the schedule started, as it ended
 * @param deleted the schedule as the API answered its delete
 */
public record ScheduleDemoResult(IndexingSchedule schedule, IndexingJob job, IndexingSchedule deleted) {
}
