package io.github.gradientspring.sample.demo;

import io.github.gradientspring.client.model.IndexingJob;

/**
 * How the demo's two jobs ended, as the API reported them at the end.
 *
 * @param cancelled the job the demo set out to cancel (it may have ended first)
 * @param completed the job the demo let run to its end
 */
public record DemoResult(IndexingJob cancelled, IndexingJob completed) {
}
