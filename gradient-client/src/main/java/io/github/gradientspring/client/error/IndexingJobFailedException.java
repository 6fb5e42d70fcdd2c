package io.github.gradientspring.client.error;

import io.github.gradientspring.client.model.IndexingJob;

/**
 * A job that was awaited ended without success: its phase is {@code FAILED}, {@code ERROR} or
 * {@code CANCELLED}. The job as last seen is attached.
 */
public class IndexingJobFailedException extends GradientException {

    private static final long serialVersionUID = 1L;

    private final transient IndexingJob job;

    /**
     * Creates the exception.
     * @param job the job in its final state
     */
    public IndexingJobFailedException(IndexingJob job) {
        super("Indexing job " + job.uuid() + " ended " + job.phase() + " (status " + job.status() + ")");
        this.job = job;
    }

    /** The job in its final state. */
    public IndexingJob job() {
        return this.job;
    }

}
