package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.gradientspring.client.model.RateLimitStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The request budget one client shares among all it sends: two token buckets, one of a minute's requests and one
 * of an hour's, from which every attempt takes a token. A token comes back one window after it was spent, which is
 * how DigitalOcean counts (each request counts for one rolling minute and one rolling hour), so the client never
 * sends more than the policy allows in any minute or any hour, bursts included. Waiting is non-blocking: a request
 * that finds no token queues, and one timer wakes the queue when the next token comes back. Calls of the
 * application queue ahead of polls.
 * <p>
 * Time comes from a Reactor {@link Scheduler}, so that tests can drive the budget with virtual time.
 */
final class LocalRequestBudget implements RequestBudget {

    /** Who is asking: the application's own calls go first. */
    enum Priority {

        /** A call the application made. */
        USER,

        /** A poll made by a watch. */
        POLL

    }

    // How long polls pause after a 429 that did not say how long to wait.
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(5);

    // A pause longer than this is not believed: a clock skew or a hostile header must not stop the client for long.
    static final Duration MAX_PAUSE = Duration.ofHours(1);

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private final RateLimitPolicy policy;

    private final Supplier<Scheduler> scheduler;

    private final Clock clock;

    private final Deque<Waiter> userQueue = new ArrayDeque<>();

    private final Deque<Waiter> pollQueue = new ArrayDeque<>();

    private final SpentTokens minute;

    private final SpentTokens hour;

    // What the API last said remains of the token's hourly allowance, less what was sent since; -1 when unknown.
    private long apiRemaining = -1;

    // When the API said its count starts again (ratelimit-reset), in scheduler time; MIN_VALUE when unknown.
    private long apiResetAt = Long.MIN_VALUE;

    private long pollsPausedUntil = Long.MIN_VALUE;

    private long allPausedUntil = Long.MIN_VALUE;

    private Disposable timer;

    private long timerAt = Long.MAX_VALUE;

    private long granted;

    LocalRequestBudget(RateLimitPolicy policy, Supplier<Scheduler> scheduler, Clock clock) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.clock = clock;
        this.minute = new SpentTokens(policy.requestsPerMinute(), MINUTE);
        this.hour = new SpentTokens(policy.requestsPerHour(), HOUR);
    }

    /** Whether requests wait for tokens at all: without a rate limit, {@link #acquire} completes at once. */
    boolean isEnabled() {
        return this.policy.isEnabled();
    }

    /**
     * Completes when the request may be sent. Cancelling the returned {@code Mono} leaves the queue.
     */
    Mono<Void> acquire(Priority priority) {
        if (!this.policy.isEnabled()) {
            return Mono.empty();
        }
        return Mono.create((sink) -> {
            Waiter waiter = new Waiter(sink);
            synchronized (this) {
                queue(priority).addLast(waiter);
            }
            sink.onCancel(() -> {
                synchronized (this) {
                    queue(priority).remove(waiter);
                }
            });
            drain();
        });
    }

    /**
     * Learns from a response: the API's count of remaining requests caps the hourly bucket, an exhausted count
     * pauses everything until the API's reset, and a 429 pauses polls for as long as it asks.
     */
    void learn(int status, RateLimitStatus rateLimit, Duration retryAfter) {
        if (!this.policy.isEnabled()) {
            return;
        }
        synchronized (this) {
            long now = now();
            if (rateLimit.reset() != null) {
                this.apiResetAt = now + bounded(Duration.between(this.clock.instant(), rateLimit.reset()));
            }
            boolean exhausted = this.apiRemaining == 0 && now < this.allPausedUntil;
            if (rateLimit.remaining() != null && !exhausted) {
                this.apiRemaining = Math.max(0, rateLimit.remaining());
                if (this.apiRemaining == 0) {
                    pauseUntilTheApiResets(now);
                }
            }
            // While the allowance is spent, a count in a response is no news: responses overtake each other on
            // different connections, and one answered before the count ran out must not lift the pause. The pause
            // ends at the API's reset, after which the next response says afresh what remains.
            if (status == 429) {
                Duration pause = (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) ? retryAfter
                        : DEFAULT_PAUSE;
                this.pollsPausedUntil = Math.max(this.pollsPausedUntil, now + bounded(pause));
            }
        }
        drain();
    }

    /** How many requests have been let through so far. */
    synchronized long granted() {
        return this.granted;
    }

    @Override
    public RateLimitPolicy policy() {
        return this.policy;
    }

    @Override
    public synchronized int remainingInMinute() {
        return this.policy.isEnabled() ? this.minute.remaining(now()) : -1;
    }

    @Override
    public synchronized int remainingInHour() {
        return this.policy.isEnabled() ? this.hour.remaining(now()) : -1;
    }

    @Override
    public Instant pausedUntil() {
        return pollsPausedUntil();
    }

    @Override
    public void reset() {
        synchronized (this) {
            this.minute.clear();
            this.hour.clear();
            this.apiRemaining = -1;
            this.apiResetAt = Long.MIN_VALUE;
            this.pollsPausedUntil = Long.MIN_VALUE;
            this.allPausedUntil = Long.MIN_VALUE;
        }
        drain();
    }

    /** How many requests are waiting for a token. */
    @Override
    public synchronized int waiting() {
        return this.userQueue.size() + this.pollQueue.size();
    }

    /** Until when polls are paused by a 429, or {@code null} when they are not. */
    synchronized Instant pollsPausedUntil() {
        long now = now();
        long until = Math.max(this.pollsPausedUntil, this.allPausedUntil);
        return (until > now) ? this.clock.instant().plusNanos(until - now) : null;
    }

    private void drain() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            long now = now();
            if (this.apiRemaining == 0 && this.allPausedUntil != Long.MIN_VALUE && now >= this.allPausedUntil) {
                this.apiRemaining = -1; // the API's reset has passed: its count starts again
            }
            while (this.minute.available(now) && this.hour.available(now) && this.apiRemaining != 0) {
                Deque<Waiter> next = nextQueue(now);
                if (next == null) {
                    break;
                }
                this.minute.spend(now);
                this.hour.spend(now);
                if (this.apiRemaining > 0 && --this.apiRemaining == 0) {
                    pauseUntilTheApiResets(now);
                }
                this.granted++;
                ready.add(next.pollFirst());
            }
            scheduleWakeUp(now);
        }
        for (Waiter waiter : ready) {
            waiter.sink.success();
        }
    }

    private Deque<Waiter> nextQueue(long now) {
        if (now < this.allPausedUntil) {
            return null;
        }
        if (!this.userQueue.isEmpty()) {
            return this.userQueue;
        }
        if (!this.pollQueue.isEmpty() && now >= this.pollsPausedUntil) {
            return this.pollQueue;
        }
        return null;
    }

    // Nothing is left of the token's hourly allowance: wait for the API's reset, or, when it gave none, for a short
    // pause after which one request may ask again and its answer say more.
    private void pauseUntilTheApiResets(long now) {
        long until = (this.apiResetAt > now) ? this.apiResetAt : now + DEFAULT_PAUSE.toNanos();
        this.allPausedUntil = Math.max(this.allPausedUntil, until);
    }

    private void scheduleWakeUp(long now) {
        boolean usersWait = !this.userQueue.isEmpty();
        boolean pollsWait = !this.pollQueue.isEmpty();
        if (!usersWait && !pollsWait) {
            return;
        }
        long wakeAt = Math.max(this.minute.nextAvailable(now), this.hour.nextAvailable(now));
        wakeAt = Math.max(wakeAt, this.allPausedUntil);
        if (!usersWait) {
            wakeAt = Math.max(wakeAt, this.pollsPausedUntil);
        }
        if (this.timer != null && !this.timer.isDisposed() && this.timerAt <= wakeAt) {
            return;
        }
        if (this.timer != null) {
            this.timer.dispose();
        }
        this.timerAt = wakeAt;
        this.timer = this.scheduler.get().schedule(this::wakeUp, Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
    }

    private void wakeUp() {
        synchronized (this) {
            this.timer = null;
            this.timerAt = Long.MAX_VALUE;
        }
        drain();
    }

    private static long bounded(Duration pause) {
        if (pause.isNegative()) {
            return 0;
        }
        return (pause.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE.toNanos() : pause.toNanos();
    }

    private long now() {
        return this.scheduler.get().now(TimeUnit.NANOSECONDS);
    }

    private Deque<Waiter> queue(Priority priority) {
        return (priority == Priority.USER) ? this.userQueue : this.pollQueue;
    }

    /**
     * The tokens of one window that are out, by when they were spent, oldest first: a token is back once its window
     * has passed.
     */
    private static final class SpentTokens {

        private final long[] spentAt;

        private final long window;

        private int first;

        private int size;

        SpentTokens(int capacity, long window) {
            this.spentAt = new long[capacity];
            this.window = window;
        }

        boolean available(long now) {
            returnExpired(now);
            return this.size < this.spentAt.length;
        }

        void spend(long now) {
            this.spentAt[(this.first + this.size) % this.spentAt.length] = now;
            this.size++;
        }

        int remaining(long now) {
            returnExpired(now);
            return this.spentAt.length - this.size;
        }

        void clear() {
            this.first = 0;
            this.size = 0;
        }

        long nextAvailable(long now) {
            returnExpired(now);
            return (this.size < this.spentAt.length) ? now : this.spentAt[this.first] + this.window;
        }

        private void returnExpired(long now) {
            while (this.size > 0 && this.spentAt[this.first] + this.window <= now) {
                this.first = (this.first + 1) % this.spentAt.length;
                this.size--;
            }
        }

    }

    private static final class Waiter {

        final MonoSink<Void> sink;

        Waiter(MonoSink<Void> sink) {
            this.sink = sink;
        }

    }

}
