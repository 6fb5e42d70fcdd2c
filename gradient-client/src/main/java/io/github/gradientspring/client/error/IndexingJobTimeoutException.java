package io.github.gradientspring.client.error;

import java.time.Duration;

import io.github.gradientspring.client.model.IndexingJob;
import org.jspecify.annotations.Nullable;

/**
 * A job that was awaited or watched did not end in time. The job keeps running on DigitalOcean's side; cancel it
 * if it should not.
 */
public class IndexingJobTimeoutException extends GradientException {

    private static final long serialVersionUID = 1L;

    private final String jobUuid;

    private final Duration timeout;

    private final transient @Nullable IndexingJob lastSeen;

    /**
     * Creates the exception.
     * @param jobUuid the job
     * @param timeout how long it was waited for
     * @param lastSeen the job as last seen, or {@code null} when no poll succeeded
     */
    public IndexingJobTimeoutException(String jobUuid, Duration timeout, @Nullable IndexingJob lastSeen) {
        super("Indexing job " + jobUuid + " did not end within " + readable(timeout)
                + ((lastSeen != null) ? "; last seen " + lastSeen.phase() : "") + "; it keeps running until cancelled");
        this.jobUuid = jobUuid;
        this.timeout = timeout;
        this.lastSeen = lastSeen;
    }

    // "60s" or "1500ms", as the properties are written, rather than Duration's "PT1M".
    private static String readable(Duration duration) {
        return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** The job. */
    public String jobUuid() {
        return this.jobUuid;
    }

    /** How long it was waited for. */
    public Duration timeout() {
        return this.timeout;
    }

    /** The job as last seen, or {@code null} when no poll succeeded. */
    public @Nullable IndexingJob lastSeen() {
        return this.lastSeen;
    }

}
