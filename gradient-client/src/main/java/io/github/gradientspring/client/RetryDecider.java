package io.github.gradientspring.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link RetryPolicy} to one failed attempt: whether to retry, and after how long; and holds the client's
 * {@link RetryQuota}, which may still refuse a retry the policy allows.
 */
final class RetryDecider {

    private final RetryPolicy policy;

    private final DoubleSupplier random;

    private final RetryQuota quota;

    RetryDecider(RetryPolicy policy, DoubleSupplier random, RetryQuota quota) {
        this.policy = policy;
        this.random = random;
        this.quota = quota;
    }

    RetryPolicy policy() {
        return this.policy;
    }

    /** The client-wide quota every retry draws from. */
    RetryQuota quota() {
        return this.quota;
    }

    /**
     * Takes the quota's price of retrying after the given failure.
     * @param failure the failure about to be retried
     * @return the tokens taken, or -1 when the quota refuses the retry
     */
    int acquireRetry(Throwable failure) {
        return this.quota.tryAcquire(failure instanceof GradientTimeoutException);
    }

    /**
     * Returns the wait before the next attempt, or {@code null} when the failure is not retried.
     * @param operation what was attempted
     * @param failure how the attempt failed, already mapped to a {@code GradientException}
     * @param retriesSoFar how many retries this call has already made
     */
    @Nullable Duration delayBeforeRetry(GradientOperation operation, Throwable failure, int retriesSoFar) {
        if (retriesSoFar >= this.policy.maxRetries() || !isRetryable(operation, failure)) {
            return null;
        }
        Duration asked = honouredRetryAfter(failure);
        return (asked != null) ? asked : backoff(retriesSoFar);
    }

    /**
     * The wait a failed attempt's response asked for ({@code retry-after-ms} or {@code retry-after}), if the policy
     * honours it; {@code null} otherwise.
     */
    @Nullable Duration honouredRetryAfter(Throwable failure) {
        return (failure instanceof GradientApiException api) ? this.policy.honouredRetryAfter(api.retryAfter()) : null;
    }

    Duration backoff(int retriesSoFar) {
        Duration nominal = this.policy.nominalDelay(retriesSoFar);
        double factor = 1 - this.random.getAsDouble() * this.policy.jitter();
        return Duration.ofNanos((long) (nominal.toNanos() * factor));
    }

    static boolean isRetryable(GradientOperation operation, Throwable failure) {
        if (failure instanceof GradientApiException api) {
            int status = api.statusCode();
            Boolean shouldRetry = api.error().shouldRetry();
            if (Boolean.FALSE.equals(shouldRetry)) {
                return false;
            }
            if (!operation.isIdempotent()) {
                // 429 and 503 are the answers by which the API says it did not take the request on. Anything else
                // (500, 502, 504, 408, 409, or x-should-retry: true) may follow a job that did start.
                return status == 429 || status == 503;
            }
            if (Boolean.TRUE.equals(shouldRetry)) {
                return true;
            }
            return status == 408 || status == 409 || status == 429 || status >= 500;
        }
        if (failure instanceof GradientTimeoutException) {
            return operation.isIdempotent();
        }
        if (failure instanceof GradientConnectionException connection) {
            if (TransportErrors.isCertificateFailure(connection)) {
                return false; // the next handshake meets the same certificate
            }
            return operation.isIdempotent() || !connection.requestSent();
        }
        return false;
    }

}
