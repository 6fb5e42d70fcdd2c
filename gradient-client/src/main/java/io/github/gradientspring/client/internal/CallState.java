package io.github.gradientspring.client.internal;

import java.util.List;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientResponseListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What one logical call learns on its way, written into its observation context: the status and rate-limit headers
 * of each response, and each retry with its reason. Each response is also passed to the client's
 * {@link GradientResponseListener}s. Written by the call's own attempts, which never overlap.
 * <p>
 * A call that nobody observes (a no-op registry and no listeners) shares {@link #UNOBSERVED}, which records nothing,
 * so that such a call allocates no context at all.
 */
final class CallState {

    private static final Log logger = LogFactory.getLog(CallState.class);

    /** The retry reason of a failure that is neither an API error, a timeout nor a connection failure. */
    static final String OTHER_REASON = "other";

    /** The state of every call that nobody observes: stateless, so one instance serves them all. */
    static final CallState UNOBSERVED = new CallState(null, List.of());

    private final @Nullable GradientObservationContext context;

    private final List<GradientResponseListener> listeners;

    CallState(@Nullable GradientObservationContext context, List<GradientResponseListener> listeners) {
        this.context = context;
        this.listeners = listeners;
    }

    void responded(int statusCode, RateLimitStatus rateLimit) {
        if (this.context == null) {
            return;
        }
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
        if (this.context == null) {
            return;
        }
        String reason = retryReason(failure);
        this.context.addRetry(reason);
        for (GradientResponseListener listener : this.listeners) {
            try {
                listener.onRetry(this.context.getOperation(), reason);
            }
            catch (RuntimeException ex) {
                logger.warn("GradientResponseListener " + listener.getClass().getName() + " failed; ignored", ex);
            }
        }
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

}
