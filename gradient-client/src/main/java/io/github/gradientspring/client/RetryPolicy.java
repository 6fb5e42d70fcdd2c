package io.github.gradientspring.client;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When and how {@link IndexingJobsClient} retries a failed attempt.
 * <p>
 * The defaults follow DigitalOcean's official SDKs: up to 2 retries of timeouts, connection failures and the
 * statuses 408, 409, 429 and 5xx, waiting 0.5 s doubling to at most 8 s with up to 25 % random shortening, unless
 * the response says how long to wait ({@code retry-after-ms}, then {@code retry-after} in seconds or as an HTTP
 * date), which is honoured when it is more than zero and at most 60 s. A response header
 * {@code x-should-retry: true|false} overrides the status rule. Unlike the SDKs, {@code create} is retried only
 * when no job can have started: the connection was refused, or the API answered 429 or 503.
 * <p>
 * A policy bounds the retries of one call. Across calls, every retry also draws from the client's
 * {@link RetryQuota}, which refuses retries while most attempts fail, so that an outage is not multiplied by the
 * retries; see {@link IndexingJobsClient.Builder#retryQuota(RetryQuota)}.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private static final RetryPolicy NONE = builder().maxRetries(0).build();

    private final int maxRetries;

    private final Duration initialDelay;

    private final Duration maxDelay;

    private final Duration maxRetryAfter;

    private final double jitter;

    private RetryPolicy(Builder builder) {
        this.maxRetries = builder.maxRetries;
        this.initialDelay = builder.initialDelay;
        this.maxDelay = builder.maxDelay;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.jitter = builder.jitter;
    }

    /**
     * The official SDKs' policy, made safe for {@code create}.
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Never retries: each call makes one attempt.
     * @return a policy without retries
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Starts from the defaults.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** How many times a call is retried after its first attempt. */
    public int maxRetries() {
        return this.maxRetries;
    }

    /** The wait before the first retry, doubled for each one after. */
    public Duration initialDelay() {
        return this.initialDelay;
    }

    /** The longest wait the doubling reaches. */
    public Duration maxDelay() {
        return this.maxDelay;
    }

    /** The longest wait a response may ask for and be honoured; longer requests fall back to the backoff. */
    public Duration maxRetryAfter() {
        return this.maxRetryAfter;
    }

    /**
     * The wait a response asked for, if this policy honours it: more than zero and at most
     * {@link #maxRetryAfter()}, as the Python SDK reads it. The one rule for {@code retry-after}: the retries of a
     * call and the next poll of a watch both apply it.
     * @param asked the wait the response asked for, or {@code null}
     * @return the wait to honour, or {@code null} when there is none to honour (then the backoff applies)
     */
    @Nullable Duration honouredRetryAfter(@Nullable Duration asked) {
        if (asked == null || asked.isNegative() || asked.isZero() || asked.compareTo(this.maxRetryAfter) > 0) {
            return null;
        }
        return asked;
    }

    /** The largest share, from 0 to 1, by which a backoff wait is randomly shortened. */
    public double jitter() {
        return this.jitter;
    }

    /**
     * The backoff wait before retry number {@code retry} (0 for the first), before jitter.
     * @param retry how many retries came before this one
     * @return the nominal wait
     */
    public Duration nominalDelay(int retry) {
        long initial = this.initialDelay.toNanos();
        long max = this.maxDelay.toNanos();
        long delay = (retry >= 62 || initial > (max >> Math.min(retry, 62))) ? max : initial << retry;
        return Duration.ofNanos(Math.min(delay, max));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + this.maxRetries + ", initialDelay=" + this.initialDelay + ", maxDelay="
                + this.maxDelay + ", maxRetryAfter=" + this.maxRetryAfter + ", jitter=" + this.jitter + "]";
    }

    /**
     * Builds a {@link RetryPolicy}.
     */
    public static final class Builder {

        private int maxRetries = 2;

        private Duration initialDelay = Duration.ofMillis(500);

        private Duration maxDelay = Duration.ofSeconds(8);

        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private double jitter = 0.25;

        private Builder() {
        }

        /**
         * Sets how many times a call is retried; 2 by default, 0 for none.
         * @param maxRetries from 0
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, but was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the wait before the first retry; 500 ms by default.
         * @param initialDelay a positive duration
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = positive(initialDelay, "initialDelay");
            return this;
        }

        /**
         * Sets the longest backoff wait; 8 s by default.
         * @param maxDelay a positive duration
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets the longest wait a response may ask for and be honoured; 60 s by default.
         * @param maxRetryAfter a positive duration
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Sets the largest share by which a backoff wait is randomly shortened; 0.25 by default, 0 for none.
         * @param jitter from 0 to 1
         * @return this builder
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, but was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Builds the policy.
         * @return the policy
         */
        public RetryPolicy build() {
            if (this.maxDelay.compareTo(this.initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay (" + this.maxDelay
                        + ") must not be shorter than initialDelay (" + this.initialDelay + ")");
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, () -> name + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + value);
            }
            return value;
        }

    }

}
