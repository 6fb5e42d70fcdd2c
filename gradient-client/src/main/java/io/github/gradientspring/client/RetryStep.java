package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The retries of one logical call: the {@link RetryPolicy}'s rules, as {@link RetryDecider} applies them, through
 * Reactor's {@code retryWhen}. Each retry also draws from the client's {@link RetryQuota}; a call that succeeds gives
 * back what its last retry took, or, after no retry, the quota's refill.
 */
final class RetryStep {

    private static final Log logger = LogFactory.getLog(RetryStep.class);

    private final RetryDecider retries;

    private final ClientTime time;

    RetryStep(RetryDecider retries, ClientTime time) {
        this.retries = retries;
        this.time = time;
    }

    /** Subscribes to the attempt again after each failure the rules retry, after the wait they choose. */
    <T> Mono<T> withRetries(GradientRequest request, Mono<T> attempt, CallState state) {
        return Mono.defer(() -> {
            AtomicInteger lastRetryCost = new AtomicInteger(-1);
            return attempt
                .retryWhen(Retry.from((failures) -> failures.concatMap((failure) -> waitBeforeRetry(request,
                        failure.failure(), (int) failure.totalRetries(), state, lastRetryCost))))
                .doOnSuccess((value) -> this.retries.quota().succeeded(lastRetryCost.get()));
        });
    }

    // Emits after the wait when the failure is to be retried; else fails with it, which ends the call with it.
    private Mono<Long> waitBeforeRetry(GradientRequest request, Throwable failure, int retriesSoFar, CallState state,
            AtomicInteger lastRetryCost) {
        Duration delay = this.retries.delayBeforeRetry(request.operation(), failure, retriesSoFar);
        if (delay == null) {
            return Mono.error(failure);
        }
        int cost = this.retries.acquireRetry(failure);
        if (cost < 0) {
            if (logger.isDebugEnabled()) {
                logger.debug("Not retrying " + request.description() + ": the retry quota is spent ("
                        + this.retries.quota() + ") after: " + failure.getMessage());
            }
            return Mono.error(failure);
        }
        lastRetryCost.set(cost);
        if (logger.isDebugEnabled()) {
            logger.debug("Retrying " + request.description() + " in " + delay.toMillis() + " ms (retry "
                    + (retriesSoFar + 1) + " of " + this.retries.policy().maxRetries() + ") after: "
                    + failure.getMessage());
        }
        state.retried(failure);
        return Mono.delay(delay, this.time.timers());
    }

}
