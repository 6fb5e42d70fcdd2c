package io.github.gradientspring.client.observation;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code gradient.client.operation} observation knows about one logical call of the client: which
 * operation, on which job or knowledge base, what the API answered, how often the call was retried and why, and
 * the rate-limit headers of the last response. The call's error, if any, is {@link #getError()}.
 * <p>
 * The client fills it in as the call goes; conventions and handlers read it. The status, rate limit and retries
 * change while the call runs, so a handler sees their final values in {@code onStop}.
 */
public class GradientObservationContext extends Observation.Context {

    /** The value of {@link #getStatusCode()} while no response has been received, or when the last attempt got none. */
    public static final int NO_STATUS = -1;

    private final GradientOperation operation;

    private final URI baseUrl;

    private final @Nullable String knowledgeBaseUuid;

    private final @Nullable String jobUuid;

    private volatile int statusCode = NO_STATUS;

    private volatile RateLimitStatus rateLimit = RateLimitStatus.NONE;

    private final List<String> retryReasons = new CopyOnWriteArrayList<>();

    private volatile boolean finished;

    private volatile boolean cancelled;

    /**
     * Creates the context of one call.
     * @param operation the operation
     * @param baseUrl the API address the client calls
     * @param knowledgeBaseUuid the knowledge base the call is about, or {@code null}
     * @param jobUuid the indexing job the call is about, or {@code null}
     */
    public GradientObservationContext(GradientOperation operation, URI baseUrl, @Nullable String knowledgeBaseUuid,
            @Nullable String jobUuid) {
        this.operation = Objects.requireNonNull(operation, "operation must not be null");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl must not be null");
        this.knowledgeBaseUuid = knowledgeBaseUuid;
        this.jobUuid = jobUuid;
    }

    /** The operation called. */
    public GradientOperation getOperation() {
        return this.operation;
    }

    /** The API address the client calls (it never carries the token). */
    public URI getBaseUrl() {
        return this.baseUrl;
    }

    /** The knowledge base the call is about, or {@code null}. */
    public @Nullable String getKnowledgeBaseUuid() {
        return this.knowledgeBaseUuid;
    }

    /** The indexing job the call is about, or {@code null}. */
    public @Nullable String getJobUuid() {
        return this.jobUuid;
    }

    /**
     * The HTTP status of the call: while it runs, that of the last response; once it has ended, that of its final
     * attempt. {@link #NO_STATUS} when there was none, as when the last attempt timed out or could not connect.
     * @return the status code or {@link #NO_STATUS}
     */
    public int getStatusCode() {
        return this.statusCode;
    }

    /**
     * Sets the status code; done by the client.
     * @param statusCode the status code or {@link #NO_STATUS}
     */
    public void setStatusCode(int statusCode) {
        this.statusCode = statusCode;
    }

    /**
     * The rate-limit headers of the last response that carried any; {@link RateLimitStatus#NONE} before then.
     * @return the rate-limit status
     */
    public RateLimitStatus getRateLimit() {
        return this.rateLimit;
    }

    /**
     * Sets the rate-limit status; done by the client.
     * @param rateLimit the rate-limit status
     */
    public void setRateLimit(RateLimitStatus rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit must not be null");
    }

    /**
     * How many times the call was retried so far.
     * @return the number of retries
     */
    public int getRetries() {
        return this.retryReasons.size();
    }

    /**
     * Why each retry happened, in order: the status code that was retried (such as {@code 503}), {@code timeout}
     * or {@code connection}.
     * @return the reasons, one per retry
     */
    public List<String> getRetryReasons() {
        return List.copyOf(this.retryReasons);
    }

    /**
     * Records a retry; done by the client.
     * @param reason why the failed attempt is retried
     */
    public void addRetry(String reason) {
        this.retryReasons.add(Objects.requireNonNull(reason, "reason must not be null"));
    }

    /**
     * Whether the call has ended: completed, failed or was cancelled.
     * @return whether the call has ended
     */
    public boolean isFinished() {
        return this.finished;
    }

    /**
     * Whether the subscriber cancelled the call before it ended.
     * @return whether the call was cancelled
     */
    public boolean isCancelled() {
        return this.cancelled;
    }

    /**
     * Marks the call as ended; done by the client just before the observation stops.
     * @param cancelled whether it ended because the subscriber cancelled it
     */
    public void finish(boolean cancelled) {
        this.cancelled = cancelled;
        this.finished = true;
    }

}
