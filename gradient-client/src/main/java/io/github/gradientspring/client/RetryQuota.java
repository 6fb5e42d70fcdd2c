package io.github.gradientspring.client;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A client-wide allowance of retries, so that an outage is not multiplied by the retry policy.
 * <p>
 * The quota is a bucket of tokens. Each retry must first take tokens from it: {@link #retryCost()} for a retry after
 * an error answer or a lost connection, {@link #timeoutRetryCost()} for a retry after a timeout. When the bucket
 * holds too few, the call is not retried and fails with the error of its last attempt. Every call that succeeds at
 * its first attempt puts {@link #successRefill()} token back; a call that succeeds after retrying puts back what its
 * last retry took. The bucket never holds more than {@link #capacity()}.
 * <p>
 * So while the API answers normally, nothing is ever refused; when every request fails, the retries stop after
 * {@code capacity / retryCost} of them and each further call makes one attempt, instead of three; and once the API
 * answers again, each success refills the bucket, so that retrying resumes after {@code retryCost / successRefill}
 * successes. This is the scheme of the retry quota of the AWS SDKs' "standard" retry mode, whose numbers are the
 * defaults here: 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per success.
 * <p>
 * A quota is thread-safe and belongs to the clients it is given to: each client built without one gets its own
 * {@link #standard()} quota. Give one instance to several clients (or read {@link #available()} for a gauge) to
 * share or watch it.
 */
public final class RetryQuota {

    /** The capacity of the {@link #standard()} quota, as in the AWS SDKs. */
    public static final int DEFAULT_CAPACITY = 500;

    /** What a retry costs in the {@link #standard()} quota, as in the AWS SDKs. */
    public static final int DEFAULT_RETRY_COST = 5;

    /** What a retry after a timeout costs in the {@link #standard()} quota, as in the AWS SDKs. */
    public static final int DEFAULT_TIMEOUT_RETRY_COST = 10;

    /** What a success at the first attempt gives back in the {@link #standard()} quota, as in the AWS SDKs. */
    public static final int DEFAULT_SUCCESS_REFILL = 1;

    private final boolean enabled;

    private final int capacity;

    private final int retryCost;

    private final int timeoutRetryCost;

    private final int successRefill;

    private final AtomicInteger available;

    private final LongAdder denied = new LongAdder();

    private RetryQuota(boolean enabled, int capacity, int retryCost, int timeoutRetryCost, int successRefill) {
        this.enabled = enabled;
        this.capacity = capacity;
        this.retryCost = retryCost;
        this.timeoutRetryCost = timeoutRetryCost;
        this.successRefill = successRefill;
        this.available = new AtomicInteger(capacity);
    }

    /**
     * A new, full quota with the AWS SDKs' numbers: 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back
     * per success at the first attempt.
     * @return a new quota
     */
    public static RetryQuota standard() {
        return new RetryQuota(true, DEFAULT_CAPACITY, DEFAULT_RETRY_COST, DEFAULT_TIMEOUT_RETRY_COST,
                DEFAULT_SUCCESS_REFILL);
    }

    /**
     * A new, full quota of the given sizes.
     * @param capacity the most tokens the quota holds, from 1
     * @param retryCost what a retry takes, from 0 (0: such retries are never refused)
     * @param timeoutRetryCost what a retry after a timeout takes, from 0
     * @param successRefill what a success at the first attempt gives back, from 0
     * @return a new quota
     */
    public static RetryQuota of(int capacity, int retryCost, int timeoutRetryCost, int successRefill) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, but was " + capacity);
        }
        requireNotNegative(retryCost, "retryCost");
        requireNotNegative(timeoutRetryCost, "timeoutRetryCost");
        requireNotNegative(successRefill, "successRefill");
        return new RetryQuota(true, capacity, retryCost, timeoutRetryCost, successRefill);
    }

    /**
     * A quota that never refuses a retry: only the {@link RetryPolicy} bounds them, as in the official Gradient SDKs.
     * @return a quota that is switched off
     */
    public static RetryQuota disabled() {
        return new RetryQuota(false, 0, 0, 0, 0);
    }

    /** Whether the quota can refuse retries at all. */
    public boolean isEnabled() {
        return this.enabled;
    }

    /** The most tokens the quota holds; 0 when disabled. */
    public int capacity() {
        return this.capacity;
    }

    /** What a retry after an error answer or a lost connection takes. */
    public int retryCost() {
        return this.retryCost;
    }

    /** What a retry after a timeout takes. */
    public int timeoutRetryCost() {
        return this.timeoutRetryCost;
    }

    /** What a call that succeeds at its first attempt gives back. */
    public int successRefill() {
        return this.successRefill;
    }

    /** The tokens the quota holds now; 0 when disabled. */
    public int available() {
        return this.available.get();
    }

    /** How many retries the quota has refused since it was made. */
    public long deniedRetries() {
        return this.denied.sum();
    }

    /**
     * Puts the quota back as it was made: full, with no refused retries counted. For tests that share a quota (or
     * a Spring context holding one) between test methods, so that one test's failures do not take another's
     * retries; {@code @AutoConfigureGradientSimulator} calls it after each test method.
     */
    public void reset() {
        this.available.set(this.capacity);
        this.denied.reset();
    }

    /**
     * Takes the cost of one retry, if the quota holds it. The client calls this before each retry; a quota shared
     * with code of your own can be drawn from the same way.
     * @param afterTimeout whether the failed attempt timed out
     * @return the tokens taken (0 when disabled), or -1 when the retry is refused
     */
    public int tryAcquire(boolean afterTimeout) {
        if (!this.enabled) {
            return 0;
        }
        int cost = afterTimeout ? this.timeoutRetryCost : this.retryCost;
        while (true) {
            int now = this.available.get();
            if (now < cost) {
                this.denied.increment();
                return -1;
            }
            if (this.available.compareAndSet(now, now - cost)) {
                return cost;
            }
        }
    }

    /**
     * Refills the quota after a call succeeded; the client calls this once per successful call.
     * @param lastRetryCost what the call's last retry took, or -1 when it succeeded at its first attempt
     */
    public void succeeded(int lastRetryCost) {
        if (!this.enabled) {
            return;
        }
        int refill = (lastRetryCost < 0) ? this.successRefill : lastRetryCost;
        if (refill > 0) {
            this.available.accumulateAndGet(refill, (now, more) -> (int) Math.min(this.capacity, (long) now + more));
        }
    }

    private static void requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
        }
    }

    @Override
    public String toString() {
        return this.enabled ? "RetryQuota[available=" + available() + "/" + this.capacity + ", retryCost="
                + this.retryCost + ", timeoutRetryCost=" + this.timeoutRetryCost + ", successRefill="
                + this.successRefill + ", denied=" + deniedRetries() + "]" : "RetryQuota[disabled]";
    }

}
