package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.gradientspring.client.RateLimitPolicy;
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
 * in {@value FairQueues#POLL_SHARE} goes to a poll, so that watches are never starved. A call waits at most the
 * policy's {@link RateLimitPolicy#maxWait() max wait}, and fails at once when the wait it already knows of is longer
 * or when {@link RateLimitPolicy#maxQueued() max queued} calls already wait. Polls wait as long as needed; their number is
 * bounded by the watch hubs (a hub has at most 16 polls out).
 * <p>
 * A little over the usual length because one lock guards the queues, the windows and what DigitalOcean said, and
 * every grant decision reads all three; the counting itself lives in {@link RollingWindow}, {@link ApiAllowance}
 * and {@link FairQueues}.
 */
final class LocalRequestBudget implements ClientBudget, Permit.Owner {

    /** Who is asking. */
    enum Priority {

        /** A call the application made: first in line, and bounded by the policy's max wait. */
        USER,

        /** A poll made by a watch: waits as long as needed, and gets one grant in {@value FairQueues#POLL_SHARE}. */
        POLL

    }

    private final RateLimitPolicy policy;

    private final ClientTime time;

    private final RollingWindow minute;

    private final RollingWindow hour;

    private final ApiAllowance api;

    private final FairQueues<Waiter> queues = new FairQueues<>();

    // The watch hub of the clients that draw from this budget: one per token, like the budget (see watchHub).
    private @Nullable WatchHub watchHub;

    private @Nullable Disposable timer;

    private long timerAt = Long.MAX_VALUE;

    /**
     * @param maxRetryAfter the retry policy's cap on {@code retry-after}, which caps a 429's pause too
     */
    /**
     * The watch hub of the clients that share this budget, made by the first of them that asks: every client of one
     * token then polls a job watched through several of them once, with the first client's intervals and settings.
     */
    @Override
    public synchronized WatchHub watchHub(Supplier<WatchHub> firstClientsHub) {
        WatchHub hub = this.watchHub;
        if (hub == null) {
            hub = firstClientsHub.get();
            this.watchHub = hub;
        }
        return hub;
    }

    LocalRequestBudget(RateLimitPolicy policy, Duration maxRetryAfter, ClientTime time) {
        this.policy = policy;
        this.time = time;
        this.minute = new RollingWindow(policy.requestsPerMinute(), Duration.ofMinutes(1));
        this.hour = new RollingWindow(policy.requestsPerHour(), Duration.ofHours(1));
        this.api = new ApiAllowance(maxRetryAfter);
    }

    /**
     * Counts requests sent before this budget existed (by the fleet a member leaves for its own share, say), spread
     * evenly over each window, since only their numbers are known. Only on a budget that has granted nothing yet.
     */
    synchronized void countEarlier(long inMinute, long inHour) {
        long now = this.time.nanoTime();
        this.minute.takeSpread(inMinute, now);
        this.hour.takeSpread(inHour, now);
    }

    /** Whether requests wait for slots at all: without a rate limit, {@link #acquire} grants at once. */
    @Override
    public boolean isEnabled() {
        return this.policy.isEnabled();
    }

    /**
     * Grants a slot when the request may be sent. Cancelling the returned {@code Mono} leaves the queue. A call
     * ({@link Priority#USER}) fails with {@link RequestBudgetExhaustedException} when it would wait too long.
     */
    @Override
    public Mono<Permit> acquire(Priority priority) {
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
        // Registered before the waiter can be granted, so that no cancel goes unseen.
        sink.onCancel(() -> {
            Permit unclaimed = null;
            synchronized (this) {
                if (!this.queues.remove(waiter)) {
                    unclaimed = (waiter.permit != null && !waiter.permit.delivered) ? waiter.permit : null;
                }
            }
            if (unclaimed != null) {
                unclaimed.release(); // granted while it was being cancelled: nobody will send it
            }
        });
        RequestBudgetExhaustedException refused = null;
        synchronized (this) {
            long now = this.time.nanoTime();
            this.api.allows(now); // turns an allowance spent with no answer to come into its pause: a known wait
            if (priority == Priority.USER && this.queues.calls() >= this.policy.maxQueued()) {
                refused = exhausted(this.queues.calls());
            }
            else if (priority == Priority.USER && knownFreeAt(now) - now > this.policy.maxWait().toNanos()) {
                refused = exhausted(-1);
            }
            else {
                this.queues.add(waiter, priority == Priority.USER);
            }
        }
        if (refused != null) {
            sink.error(refused);
            return;
        }
        drain();
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
        return this.queues.size();
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
            while (!this.queues.isEmpty() && this.minute.hasRoom(now) && this.hour.hasRoom(now)
                    && this.api.allows(now)) {
                Waiter next = this.queues.next();
                this.minute.take(now);
                this.hour.take(now);
                next.permit = new Permit(this, this.api.grant());
                ready.add(next);
            }
            scheduleWakeUp(now);
        }
        for (Waiter waiter : ready) {
            waiter.sink.success(waiter.permit);
        }
    }

    // The earliest time a slot may be granted, as far as is known now; never before now.
    private long knownFreeAt(long now) {
        return Math.max(Math.max(this.minute.nextFreeAt(now), this.hour.nextFreeAt(now)), this.api.pausedUntil(now));
    }

    private void scheduleWakeUp(long now) {
        if (this.queues.isEmpty()) {
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

    @Override
    public void answered(Permit permit, int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
        synchronized (this) {
            ApiAllowance.Ticket ticket = permit.ticket;
            if (permit.done || ticket == null) {
                return;
            }
            permit.done = true;
            this.api.answered(ticket, this.time.nanoTime(), this.time.instant(), status, rateLimit,
                    retryAfter);
        }
        drain();
    }

    @Override
    public void released(Permit permit) {
        synchronized (this) {
            ApiAllowance.Ticket ticket = permit.ticket;
            if (permit.done || ticket == null) {
                return;
            }
            permit.done = true;
            this.api.released(ticket);
        }
        drain();
    }

    // Why a call cannot be granted in time, and when a slot frees.
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

    private static final class Waiter {

        final MonoSink<Permit> sink;

        @Nullable Permit permit;

        Waiter(MonoSink<Permit> sink) {
            this.sink = sink;
        }

    }

}
