package io.github.gradientspring.client;

import io.github.gradientspring.client.model.RateLimitStatus;

/**
 * What one logical call learnt on its way, for its observation: the last status the API answered, its rate-limit
 * headers, and whether and why it retried. Written by the call's own attempts, which never overlap.
 */
final class CallState {

    private volatile int statusCode = -1;

    private volatile RateLimitStatus rateLimit = RateLimitStatus.NONE;

    private volatile int retries;

    private volatile Throwable lastRetriedFailure;

    void responded(int statusCode, RateLimitStatus rateLimit) {
        this.statusCode = statusCode;
        if (rateLimit != RateLimitStatus.NONE) {
            this.rateLimit = rateLimit;
        }
    }

    void retried(Throwable failure) {
        this.retries++;
        this.lastRetriedFailure = failure;
    }

    /** The last status the API answered, or -1 when no response came. */
    int statusCode() {
        return this.statusCode;
    }

    RateLimitStatus rateLimit() {
        return this.rateLimit;
    }

    int retries() {
        return this.retries;
    }

    Throwable lastRetriedFailure() {
        return this.lastRetriedFailure;
    }

}
