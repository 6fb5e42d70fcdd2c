package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException.Window;
import io.github.gradientspring.client.fleet.FleetAnswer;
import io.github.gradientspring.client.fleet.FleetGrant;
import io.github.gradientspring.client.fleet.FleetPriority;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.FleetStatus;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * The request budget of one token and base URL in fleet mode: every slot is taken from the budget the fleet shares
 * in its store ({@link FleetScope#acquire}), which applies the in-process rules (two rolling windows, the probe after
 * a pause, the application's calls before polls) for every member at once, and every answer is told to it, so that
 * one member's 429 pauses them all.
 * <p>
 * A refused request waits, without blocking, until the time the refusal names or a {@linkplain FleetScope#wakeUps()
 * wake-up} of the fleet, whichever comes first, and at most {@value #LONGEST_WAIT_SECONDS} s before it asks again; a
 * call waits at most the policy's max wait in all, as in the in-process budget, and fails at once when the wait it
 * is told of is longer. Every request to the store is bounded by {@link #STORE_TIMEOUT}: when the store fails or is
 * slow, or the fleet says it is degraded, the request takes its slot from a {@link LocalRequestBudget} of this
 * member's share instead (the policy divided by the last known number of members), so that no call fails or hangs
 * because of the store.
 */
final class FleetRequestBudget implements ClientBudget, Permit.Owner {

    private static final Log logger = LogFactory.getLog(FleetRequestBudget.class);

    /** The longest a request to the fleet's store may take before the member goes on alone for it. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);

    static final long LONGEST_WAIT_SECONDS = 2;

    private final FleetScope scope;

    private final RateLimitPolicy policy;

    private final Duration maxRetryAfter;

    private final ClientTime time;

    private final AtomicInteger waiting = new AtomicInteger();

    private final AtomicInteger waitingCalls = new AtomicInteger();

    private volatile @Nullable Instant pausedUntil;

    // What this member sent in the last hour, counted again in the fleet's windows once it is back from the store's
    // absence (SentRequests says why).
    private final SentRequests sent;

    // Whether this member went without the store since it last drew from it: set by a degraded fleet or a failed
    // request to the store, cleared by the recount when it is back.
    private boolean away;

    // The budget of this member's share, made when the fleet is first found degraded (with the fleet size known
    // then) and kept until it has rejoined.
    private @Nullable LocalRequestBudget share;

    private @Nullable WatchHub watchHub;

    FleetRequestBudget(FleetScope scope, RateLimitPolicy policy, Duration maxRetryAfter, ClientTime time) {
        this.scope = scope;
        this.policy = policy;
        this.maxRetryAfter = maxRetryAfter;
        this.time = time;
        this.sent = new SentRequests(policy.requestsPerHour());
    }

    FleetScope scope() {
        return this.scope;
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public Mono<Permit> acquire(LocalRequestBudget.Priority priority) {
        if (priority == LocalRequestBudget.Priority.POLL) {
            return counted(attempt(priority, Long.MAX_VALUE), false);
        }
        if (this.waitingCalls.get() >= this.policy.maxQueued()) {
            return Mono.error(() -> exhausted(null, this.waitingCalls.get()));
        }
        long deadline = this.time.nanoTime() + this.policy.maxWait().toNanos();
        // The attempts keep to the deadline themselves; this timeout only bounds a store slower than its own bound.
        return counted(attempt(priority, deadline), true).timeout(this.policy.maxWait().plus(STORE_TIMEOUT),
                Mono.defer(() -> Mono.error(exhausted(null, -1))), this.time.timers());
    }

    private Mono<Permit> counted(Mono<Permit> grant, boolean call) {
        return Mono.defer(() -> {
            this.waiting.incrementAndGet();
            if (call) {
                this.waitingCalls.incrementAndGet();
            }
            return grant.doFinally((signal) -> {
                this.waiting.decrementAndGet();
                if (call) {
                    this.waitingCalls.decrementAndGet();
                }
            });
        }).doOnNext(Permit::delivered);
    }

    // One question to the store; a refusal waits and asks again, a failure of the store goes to the local share.
    private Mono<Permit> attempt(LocalRequestBudget.Priority priority, long deadline) {
        return Mono.defer(() -> {
            if (this.scope.status().degraded()) {
                return alone(priority);
            }
            if (this.time.nanoTime() >= deadline) {
                return Mono.error(exhausted(null, -1));
            }
            Mono<Void> recount = Mono.empty();
            if (rejoined()) {
                logger.debug("The fleet's store is reachable again: requests draw from the shared budget, and the "
                        + "requests of the last hour are counted in it again");
                recount = this.scope.recount(this.sent.lastHour(this.time.nanoTime()))
                    .timeout(STORE_TIMEOUT, this.time.timers())
                    .onErrorResume((failure) -> Mono.empty());
            }
            FleetPriority asking = (priority == LocalRequestBudget.Priority.POLL) ? FleetPriority.POLL
                    : FleetPriority.CALL;
            return recount.then(this.scope.acquire(asking))
                .timeout(STORE_TIMEOUT, this.time.timers())
                .materialize()
                .flatMap((signal) -> answer(signal, priority, deadline));
        });
    }

    private Mono<Permit> answer(Signal<FleetGrant> signal, LocalRequestBudget.Priority priority, long deadline) {
        FleetGrant grant = signal.get();
        if (grant == null) {
            // The store failed or was too slow: this request goes on alone, on the member's share.
            return alone(priority);
        }
        this.pausedUntil = grant.pausedUntil();
        if (grant.granted()) {
            this.sent.sent(grant.id(), this.time.nanoTime());
            return Mono.just(new Permit(this, null, grant));
        }
        long now = this.time.nanoTime();
        Instant retryAt = grant.retryAt();
        long wait = Duration.ofSeconds(LONGEST_WAIT_SECONDS).toNanos();
        if (retryAt != null) {
            long known = Math.max(0, Duration.between(this.time.instant(), retryAt).toNanos());
            if (priority == LocalRequestBudget.Priority.USER && now + known > deadline) {
                return Mono.error(exhausted(grant, -1));
            }
            wait = Math.min(wait, known);
        }
        if (priority == LocalRequestBudget.Priority.USER) {
            wait = Math.min(wait, Math.max(0, deadline - now));
        }
        Mono<?> wakeUp = this.scope.wakeUps().next();
        return Mono.firstWithSignal(Mono.delay(Duration.ofNanos(Math.max(wait, 1_000_000)), this.time.timers()),
                    wakeUp.onErrorResume((failure) -> Mono.never()))
            .then(attempt(priority, deadline));
    }

    // A slot of the member's share, recorded as sent alone.
    private Mono<Permit> alone(LocalRequestBudget.Priority priority) {
        return share().acquire(priority).doOnNext((permit) -> this.sent.sent(null, this.time.nanoTime()));
    }

    private synchronized LocalRequestBudget share() {
        this.away = true;
        LocalRequestBudget share = this.share;
        if (share == null) {
            FleetStatus status = this.scope.status();
            int members = Math.max(1, status.members());
            int perMinute = Math.max(1, this.policy.requestsPerMinute() / members);
            int perHour = Math.max(perMinute, this.policy.requestsPerHour() / members);
            RateLimitPolicy own = RateLimitPolicy.of(perMinute, perHour)
                .withMaxWait(this.policy.maxWait())
                .withMaxQueued(this.policy.maxQueued());
            share = new LocalRequestBudget(own, this.maxRetryAfter, this.time);
            // What the fleet spent in the last minute and hour, as last known, still counts at DigitalOcean: each
            // member's share starts with its part of it, spread over the windows (only the counts are known), so
            // that the members going on alone do not add a whole policy to a minute that is already full.
            share.countEarlier(spent(this.policy.requestsPerMinute(), status.remainingInMinute(), members),
                    spent(this.policy.requestsPerHour(), status.remainingInHour(), members));
            this.share = share;
        }
        return share;
    }

    // A member's part of what the fleet spent of a window, as last known: nothing when nothing is known.
    private static long spent(int limit, int remaining, int members) {
        if (remaining < 0) {
            return 0;
        }
        long used = Math.max(0, (long) limit - remaining);
        return (used + members - 1) / members;
    }

    // Whether this member is back from a time without the store. The share is dropped then; requests already
    // waiting on it finish there.
    private synchronized boolean rejoined() {
        boolean back = this.away;
        this.away = false;
        this.share = null;
        return back;
    }

    @Override
    public void answered(Permit permit, int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
        FleetGrant grant = permit.grant;
        if (grant == null || !markDone(permit)) {
            return;
        }
        tell(this.scope.answered(grant, new FleetAnswer(status, rateLimit.remaining(), rateLimit.reset(),
                retryAfter)));
    }

    @Override
    public void released(Permit permit) {
        FleetGrant grant = permit.grant;
        if (grant == null || !markDone(permit)) {
            return;
        }
        tell(this.scope.released(grant));
    }

    private static boolean markDone(Permit permit) {
        synchronized (permit) {
            if (permit.done) {
                return false;
            }
            permit.done = true;
            return true;
        }
    }

    // What the fleet is told is told in the background: a store that is down costs the request nothing.
    private void tell(Mono<Void> report) {
        report.timeout(STORE_TIMEOUT, this.time.timers()).onErrorResume((failure) -> Mono.empty()).subscribe();
    }

    @Override
    public synchronized WatchHub watchHub(Supplier<WatchHub> firstClientsHub) {
        WatchHub hub = this.watchHub;
        if (hub == null) {
            hub = firstClientsHub.get();
            this.watchHub = hub;
        }
        return hub;
    }

    @Override
    public RateLimitPolicy policy() {
        return this.policy;
    }

    @Override
    public int remainingInMinute() {
        FleetStatus status = this.scope.status();
        LocalRequestBudget share = currentShare();
        if (status.degraded() && share != null) {
            return share.remainingInMinute();
        }
        return (status.remainingInMinute() >= 0) ? status.remainingInMinute() : this.policy.requestsPerMinute();
    }

    @Override
    public int remainingInHour() {
        FleetStatus status = this.scope.status();
        LocalRequestBudget share = currentShare();
        if (status.degraded() && share != null) {
            return share.remainingInHour();
        }
        return (status.remainingInHour() >= 0) ? status.remainingInHour() : this.policy.requestsPerHour();
    }

    @Override
    public @Nullable Instant pausedUntil() {
        LocalRequestBudget share = currentShare();
        if (this.scope.status().degraded() && share != null) {
            return share.pausedUntil();
        }
        Instant until = this.pausedUntil;
        return (until != null && until.isAfter(this.time.instant())) ? until : null;
    }

    @Override
    public int waiting() {
        return this.waiting.get();
    }

    @Override
    public void reset() {
        LocalRequestBudget share = currentShare();
        if (share != null) {
            share.reset();
        }
        this.pausedUntil = null;
        this.scope.reset().timeout(STORE_TIMEOUT, this.time.timers()).onErrorResume((failure) -> Mono.empty())
            .block(STORE_TIMEOUT.multipliedBy(2));
    }

    private synchronized @Nullable LocalRequestBudget currentShare() {
        return this.share;
    }

    private RequestBudgetExhaustedException exhausted(@Nullable FleetGrant grant, int queued) {
        Instant at = (grant != null) ? grant.retryAt() : null;
        Window window = Window.SERVER_PAUSE;
        long limit = 0;
        if (grant != null && grant.pausedUntil() == null) {
            window = (grant.remainingInMinute() <= 0) ? Window.MINUTE : Window.HOUR;
            limit = (window == Window.MINUTE) ? this.policy.requestsPerMinute() : this.policy.requestsPerHour();
        }
        Duration in = (at != null) ? Duration.between(this.time.instant(), at) : null;
        return new RequestBudgetExhaustedException(window, limit, at, in, this.policy.maxWait(), queued);
    }

    @Override
    public String toString() {
        return "FleetRequestBudget[" + this.policy + ", scope " + this.scope.key().substring(0, 8) + "…]";
    }

}
