package io.github.gradientspring.client;

import java.util.List;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientResponseListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What one logical call learns on its way, written into its observation context: the status and rate-limit headers
 * of each response, and each retry with its reason. Each response is also passed to the client's
 * {@link GradientResponseListener}s. Written by the call's own attempts, which never overlap.
 */
final class CallState {

    private static final Log logger = LogFactory.getLog(CallState.class);

    /** The retry reason of a failure that is neither an API error, a timeout nor a connection failure. */
    static final String OTHER_REASON = "other";

    private final GradientObservationContext context;

    private final List<GradientResponseListener> listeners;

    private volatile Throwable lastRetriedFailure;

    CallState(GradientObservationContext context, List<GradientResponseListener> listeners) {
        this.context = context;
        this.listeners = listeners;
    }

    void responded(int statusCode, RateLimitStatus rateLimit) {
        this.context.setStatusCode(statusCode);
        if (rateLimit != RateLimitStatus.NONE) {
            this.context.setRateLimit(rateLimit);
        }
        for (GradientResponseListener listener : this.listeners) {
            try {
                listener.onResponse(this.context.getOperation(), statusCode, rateLimit);
            }
            catch (RuntimeException ex) {
                // A monitoring hook must never break the call it watches.
                logger.warn("GradientResponseListener " + listener.getClass().getName() + " failed; ignored", ex);
            }
        }
    }

    void retried(Throwable failure) {
        this.lastRetriedFailure = failure;
        this.context.addRetry(retryReason(failure));
    }

    /**
     * Why a failed attempt is retried, as the {@code reason} of the {@code gradient.client.retries} metric: the
     * status code, {@code timeout}, or {@code connection}.
     */
    static String retryReason(Throwable failure) {
        if (failure instanceof GradientApiException api) {
            return Integer.toString(api.statusCode());
        }
        if (failure instanceof GradientTimeoutException) {
            return "timeout";
        }
        if (failure instanceof GradientConnectionException) {
            return "connection";
        }
        return OTHER_REASON;
    }

    GradientObservationContext context() {
        return this.context;
    }

    /** The last status the API answered, or -1 when no response came. */
    int statusCode() {
        return this.context.getStatusCode();
    }

    RateLimitStatus rateLimit() {
        return this.context.getRateLimit();
    }

    int retries() {
        return this.context.getRetries();
    }

    Throwable lastRetriedFailure() {
        return this.lastRetriedFailure;
    }

}
