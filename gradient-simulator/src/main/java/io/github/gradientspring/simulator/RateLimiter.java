package io.github.gradientspring.simulator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * DigitalOcean-style rolling-window limits, per token: every admitted request counts for 60 s against the
 * burst budget and for 3600 s against the hourly one. Times come from the simulator clock, so a manual clock
 * can expire a window without waiting. Rejected requests do not count, so a client that backs off recovers.
 */
final class RateLimiter {

    static final long MINUTE_MILLIS = 60_000;
    static final long HOUR_MILLIS = 3_600_000;

    /**
     * The result of one admission.
     *
     * @param allowed           whether the request may proceed
     * @param limit             the hourly budget ({@code ratelimit-limit})
     * @param remaining         what is left of the hourly budget ({@code ratelimit-remaining})
     * @param resetEpochSeconds when the oldest counted request leaves the hourly window ({@code ratelimit-reset})
     * @param retryAfterSeconds when denied, seconds until a slot frees in the exhausted window
     */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }

    private final RateLimits limits;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(RateLimits limits) {
        this.limits = limits;
    }

    boolean enabled() {
        return limits.enabled();
    }

    Decision acquire(String key, long nowMillis) {
        return windows.computeIfAbsent(key, k -> new Window()).acquire(nowMillis);
    }

    void clear() {
        windows.clear();
    }

    /** The admitted request times of one token, oldest first, for the minute and the hour. */
    private final class Window {

        private final LongQueue minute = new LongQueue();
        private final LongQueue hour = new LongQueue();

        synchronized Decision acquire(long now) {
            minute.dropUpTo(now - MINUTE_MILLIS);
            hour.dropUpTo(now - HOUR_MILLIS);
            long retryAfterMillis = -1;
            if (minute.size() >= limits.perMinute()) {
                retryAfterMillis = minute.first() + MINUTE_MILLIS - now;
            }
            else if (hour.size() >= limits.perHour()) {
                retryAfterMillis = hour.first() + HOUR_MILLIS - now;
            }
            else {
                minute.add(now);
                hour.add(now);
            }
            int remaining = limits.perHour() - hour.size();
            long reset = hour.size() == 0 ? now / 1000 : ceilSeconds(hour.first() + HOUR_MILLIS);
            boolean allowed = retryAfterMillis < 0;
            long retryAfter = allowed ? 0 : Math.max(1, ceilSeconds(retryAfterMillis));
            return new Decision(allowed, limits.perHour(), remaining, reset, retryAfter);
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }

    /** A growable ring of longs: no boxing, amortised O(1) at both ends. */
    private static final class LongQueue {

        private long[] items = new long[16];
        private int head;
        private int size;

        int size() {
            return size;
        }

        long first() {
            return items[head];
        }

        void add(long value) {
            if (size == items.length) {
                long[] bigger = new long[items.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) % items.length];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size) % items.length] = value;
            size++;
        }

        void dropUpTo(long inclusiveLimit) {
            while (size > 0 && items[head] <= inclusiveLimit) {
                head = (head + 1) % items.length;
                size--;
            }
        }
    }
}
