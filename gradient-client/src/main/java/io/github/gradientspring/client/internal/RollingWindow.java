package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One rolling window of a request budget (a minute's or an hour's requests), counted per second: a bucket holds
 * how many slots were taken in one second of the client's monotonic clock. Memory depends on the window, never on
 * the limit: at most one bucket per second of the window (61 for a minute, 3,601 for an hour), whether the limit is
 * 10 or {@link Integer#MAX_VALUE}.
 * <p>
 * A slot taken at any time within second {@code s} comes back at the start of second {@code s + 1 + window}: up to
 * a second late, never early, so that no rolling window of DigitalOcean's ever sees more than the limit.
 */
final class RollingWindow {

    private static final long SECOND = 1_000_000_000L;

    private final long limit;

    private final long windowSeconds;

    // {second, slots taken in it}, oldest first
    private final ArrayDeque<long[]> buckets = new ArrayDeque<>();

    private long taken;

    RollingWindow(int limit, Duration window) {
        this.limit = limit;
        this.windowSeconds = window.getSeconds();
    }

    boolean hasRoom(long now) {
        expire(now);
        return this.taken < this.limit;
    }

    void take(long now) {
        expire(now);
        long second = Math.floorDiv(now, SECOND);
        long[] last = this.buckets.peekLast();
        if (last != null && last[0] == second) {
            last[1]++;
        }
        else {
            this.buckets.addLast(new long[] { second, 1 });
        }
        this.taken++;
    }

    /**
     * Counts {@code slots} requests already sent over the window before {@code now}, spread evenly over it, as if
     * this window had seen them: for a window that starts where another one's count is all that is known. Only on a
     * window that has taken nothing yet, since buckets are kept oldest first.
     */
    void takeSpread(long slots, long now) {
        if (slots <= 0) {
            return;
        }
        long span = this.windowSeconds * SECOND;
        for (long i = 1; i <= slots; i++) {
            take(now - span + span * i / (slots + 1));
        }
    }

    long remaining(long now) {
        expire(now);
        return this.limit - this.taken;
    }

    /** When a slot is free: {@code now} if one is, else when the oldest bucket's slots come back. */
    long nextFreeAt(long now) {
        expire(now);
        return (this.taken < this.limit) ? now : freedAt(this.buckets.peekFirst()[0]);
    }

    void clear() {
        this.buckets.clear();
        this.taken = 0;
    }

    /** How many buckets are held: what memory the window uses. */
    int buckets() {
        return this.buckets.size();
    }

    private long freedAt(long second) {
        return (second + 1 + this.windowSeconds) * SECOND;
    }

    private void expire(long now) {
        while (!this.buckets.isEmpty() && freedAt(this.buckets.peekFirst()[0]) <= now) {
            this.taken -= this.buckets.pollFirst()[1];
        }
    }

}
