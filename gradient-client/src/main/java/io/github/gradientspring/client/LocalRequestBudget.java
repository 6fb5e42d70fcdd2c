package io.github.gradientspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException.Window;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The request budget of one token and base URL: every attempt takes a slot of it first. Two rolling windows (a
 * minute's and an hour's, {@link RollingWindow}) keep to the {@link RateLimitPolicy}; {@link ApiAllowance} keeps to
 * what DigitalOcean's headers say. A grant is a {@link Permit} the attempt reports its response to, which is how a
 * probe after a pause decides what follows.
 * <p>
 * Waiting is non-blocking: a request that finds no slot queues, and one timer on the client's scheduler wakes the
 * queues when the next slot frees. The application's calls go first, but while both queues wait at least one grant
 * in {@value #POLL_SHARE} goes to a poll, so that watches are never starved. A call waits at most the policy's
 * {@link RateLimitPolicy#maxWait() max wait}, and fails at once when the wait it already knows of is longer or when
 * {@link RateLimitPolicy#maxQueued() max queued} calls already wait. Polls wait as long as needed; their number is
 * bounded by the watch hubs (a hub has at most 17 polls out).
 */
final class LocalRequestBudget implements RequestBudget {

    /** Who is asking. */
    enum Priority {

        /** A call the application made: first in line, and bounded by the policy's max wait. */
        USER,

        /** A poll made by a watch: waits as long as needed, and gets one grant in {@value #POLL_SHARE}. */
        POLL

    }

    /** While calls and polls both wait, one grant in this many goes to a poll. */
    static final int POLL_SHARE = 10;

    private final RateLimitPolicy policy;

    private final ClientTime time;

    private final RollingWindow minute;

    private final RollingWindow hour;

    private final ApiAllowance api;

    private final Deque<Waiter> calls = new ArrayDeque<>();

    private final Deque<Waiter> polls = new ArrayDeque<>();

    private int callsInARow;

    private @Nullable Disposable timer;

    private long timerAt = Long.MAX_VALUE;

    private long granted;

    /**
     * @param maxRetryAfter the retry policy's cap on {@code retry-after}, which caps a 429's pause too
     */
    LocalRequestBudget(RateLimitPolicy policy, Duration maxRetryAfter, ClientTime time) {
        this.policy = policy;
        this.time = time;
        this.minute = new RollingWindow(policy.requestsPerMinute(), Duration.ofMinutes(1));
        this.hour = new RollingWindow(policy.requestsPerHour(), Duration.ofHours(1));
        this.api = new ApiAllowance(maxRetryAfter);
    }

    /** Whether requests wait for slots at all: without a rate limit, {@link #acquire} grants at once. */
    boolean isEnabled() {
        return this.policy.isEnabled();
    }

    /**
     * Grants a slot when the request may be sent. Cancelling the returned {@code Mono} leaves the queue. A call
     * ({@link Priority#USER}) fails with {@link RequestBudgetExhaustedException} when it would wait too long.
     */
    Mono<Permit> acquire(Priority priority) {
        if (!this.policy.isEnabled()) {
            return Mono.just(Permit.NONE);
        }
        Mono<Permit> grant = Mono.<Permit>create((sink) -> enqueue(priority, sink)).doOnNext(Permit::delivered);
        if (priority == Priority.POLL) {
            return grant;
        }
        return grant.timeout(this.policy.maxWait(), Mono.defer(() -> Mono.error(exhausted(-1))), this.time.timers());
    }

    private void enqueue(Priority priority, MonoSink<Permit> sink) {
        Waiter waiter = new Waiter(sink);
        RequestBudgetExhaustedException refused = null;
        synchronized (this) {
            long now = this.time.nanoTime();
            if (priority == Priority.USER && this.calls.size() >= this.policy.maxQueued()) {
                refused = exhausted(this.calls.size());
            }
            else if (priority == Priority.USER && knownFreeAt(now) - now > this.policy.maxWait().toNanos()) {
                refused = exhausted(-1);
            }
            else {
                ((priority == Priority.USER) ? this.calls : this.polls).addLast(waiter);
            }
        }
        if (refused != null) {
            sink.error(refused);
            return;
        }
        sink.onCancel(() -> {
            Permit unclaimed = null;
            synchronized (this) {
                if (!this.calls.remove(waiter) && !this.polls.remove(waiter)) {
                    unclaimed = (waiter.permit != null && !waiter.permit.delivered) ? waiter.permit : null;
                }
            }
            if (unclaimed != null) {
                unclaimed.release(); // granted while it was being cancelled: nobody will send it
            }
        });
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
        return this.policy.isEnabled() ? (int) Math.min(Integer.MAX_VALUE, this.minute.remaining(this.time.nanoTime()))
                : -1;
    }

    @Override
    public synchronized int remainingInHour() {
        return this.policy.isEnabled() ? (int) Math.min(Integer.MAX_VALUE, this.hour.remaining(this.time.nanoTime()))
                : -1;
    }

    @Override
    public synchronized @Nullable Instant pausedUntil() {
        long now = this.time.nanoTime();
        long until = this.api.pausedUntil(now);
        return (until != Long.MIN_VALUE) ? this.time.instant().plusNanos(until - now) : null;
    }

    @Override
    public synchronized int waiting() {
        return this.calls.size() + this.polls.size();
    }

    @Override
    public void reset() {
        synchronized (this) {
            this.minute.clear();
            this.hour.clear();
            this.api.reset();
        }
        drain();
    }

    private void drain() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            long now = this.time.nanoTime();
            while ((!this.calls.isEmpty() || !this.polls.isEmpty()) && this.minute.hasRoom(now)
                    && this.hour.hasRoom(now) && this.api.allows(now)) {
                Waiter next = next();
                this.minute.take(now);
                this.hour.take(now);
                next.permit = new Permit(this, this.api.grant());
                this.granted++;
                ready.add(next);
            }
            scheduleWakeUp(now);
        }
        for (Waiter waiter : ready) {
            waiter.sink.success(waiter.permit);
        }
    }

    // Calls first, but a waiting poll gets every POLL_SHARE-th grant.
    private Waiter next() {
        if (!this.polls.isEmpty() && (this.calls.isEmpty() || this.callsInARow >= POLL_SHARE - 1)) {
            this.callsInARow = 0;
            return this.polls.pollFirst();
        }
        this.callsInARow++;
        return this.calls.pollFirst();
    }

    // The earliest time a slot may be granted as far as is known now; MIN_VALUE-free: at least now.
    private long knownFreeAt(long now) {
        return Math.max(Math.max(this.minute.nextFreeAt(now), this.hour.nextFreeAt(now)), this.api.pausedUntil(now));
    }

    private void scheduleWakeUp(long now) {
        if (this.calls.isEmpty() && this.polls.isEmpty()) {
            return;
        }
        long wakeAt = knownFreeAt(now);
        if (wakeAt <= now) {
            return; // waiting for DigitalOcean's answer to a probe or to requests out: a response drains
        }
        if (this.timer != null && !this.timer.isDisposed() && this.timerAt <= wakeAt) {
            return;
        }
        if (this.timer != null) {
            this.timer.dispose();
        }
        this.timerAt = wakeAt;
        this.timer = this.time.timers().schedule(this::wakeUp, wakeAt - now, TimeUnit.NANOSECONDS);
    }

    private void wakeUp() {
        synchronized (this) {
            this.timer = null;
            this.timerAt = Long.MAX_VALUE;
        }
        drain();
    }

    private void answered(Permit permit, int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
        synchronized (this) {
            if (permit.done) {
                return;
            }
            permit.done = true;
            this.api.answered(permit.ticket, this.time.nanoTime(), this.time.instant(), status, rateLimit, retryAfter);
        }
        drain();
    }

    private void released(Permit permit) {
        synchronized (this) {
            if (permit.done) {
                return;
            }
            permit.done = true;
            this.api.released(permit.ticket);
        }
        drain();
    }

    // Called with the lock held: why a call cannot be granted in time, and when a slot frees.
    private RequestBudgetExhaustedException exhausted(int queued) {
        synchronized (this) {
            long now = this.time.nanoTime();
            long paused = this.api.pausedUntil(now);
            long minuteFree = this.minute.nextFreeAt(now);
            long hourFree = this.hour.nextFreeAt(now);
            Window window;
            long freeAt;
            if (paused != Long.MIN_VALUE || (minuteFree <= now && hourFree <= now)) {
                window = Window.SERVER_PAUSE;
                freeAt = paused; // MIN_VALUE while a probe or requests out are unanswered: not known
            }
            else if (hourFree >= minuteFree) {
                window = Window.HOUR;
                freeAt = hourFree;
            }
            else {
                window = Window.MINUTE;
                freeAt = minuteFree;
            }
            long limit = (window == Window.HOUR) ? this.policy.requestsPerHour() : this.policy.requestsPerMinute();
            Duration in = (freeAt != Long.MIN_VALUE) ? Duration.ofNanos(freeAt - now) : null;
            Instant at = (in != null) ? this.time.instant().plus(in) : null;
            return new RequestBudgetExhaustedException(window, limit, at, in, this.policy.maxWait(), queued);
        }
    }

    /**
     * A granted slot. The attempt that holds it reports the response it got ({@link #responded}), so that the
     * budget learns DigitalOcean's headers, and {@link #release() releases} it when it ends, answered or not.
     */
    static final class Permit {

        /** The permit of a client without a budget: reports go nowhere. */
        static final Permit NONE = new Permit(null, null);

        private final @Nullable LocalRequestBudget budget;

        private final ApiAllowance.@Nullable Ticket ticket;

        // guarded by the budget's lock
        private boolean done;

        private volatile boolean delivered;

        private Permit(@Nullable LocalRequestBudget budget, ApiAllowance.@Nullable Ticket ticket) {
            this.budget = budget;
            this.ticket = ticket;
        }

        /** The response to the request sent with this permit; the first report counts. */
        void responded(int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
            if (this.budget != null) {
                this.budget.answered(this, status, rateLimit, retryAfter);
            }
        }

        /** The request ended (answered, failed or cancelled); idempotent. */
        void release() {
            if (this.budget != null) {
                this.budget.released(this);
            }
        }

        private void delivered() {
            this.delivered = true;
        }

    }

    private static final class Waiter {

        final MonoSink<Permit> sink;

        @Nullable Permit permit;

        Waiter(MonoSink<Permit> sink) {
            this.sink = sink;
        }

    }

}
