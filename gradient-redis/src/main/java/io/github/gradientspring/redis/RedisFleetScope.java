package io.github.gradientspring.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetAnswer;
import io.github.gradientspring.client.fleet.FleetGrant;
import io.github.gradientspring.client.fleet.FleetJobState;
import io.github.gradientspring.client.fleet.FleetPriority;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.FleetSentRequest;
import io.github.gradientspring.client.fleet.FleetStatus;
import io.github.gradientspring.client.fleet.FleetWakeUp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * One member's part in one scope of a {@link RedisGradientFleet}: the shared budget's scripts, the leases and
 * registrations of the jobs it watches, and the scope's two channels (job states, wake-ups). What Redis last said
 * (the fleet's size, the windows' counts, the leases held) is kept here, so that {@link #status()} and
 * {@link #holds} cost no round trip.
 */
final class RedisFleetScope implements FleetScope {

    private static final Log logger = LogFactory.getLog(RedisFleetScope.class);

    /** How long the probe after a pause may stay out before another request may probe instead. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    /** How long the state hash outlives its last write: longer than any pause (an hour at most). */
    static final Duration STATE_TTL = Duration.ofHours(2);

    private static final Sinks.EmitFailureHandler RETRY_BRIEFLY = Sinks.EmitFailureHandler
        .busyLooping(Duration.ofMillis(100));

    private final RedisGradientFleet fleet;

    private final FleetKeys keys;

    private final String key;

    private final RateLimitPolicy policy;

    private final Duration maxRetryAfter;

    private final AtomicLong grants = new AtomicLong();

    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final Sinks.Many<FleetJobState> states = Sinks.many().multicast().directBestEffort();

    private final Sinks.Many<FleetWakeUp> wakeUps = Sinks.many().multicast().directBestEffort();

    private final Sinks.Many<String> leasesTaken = Sinks.many().multicast().directBestEffort();

    private volatile int members = 1;

    private volatile int remainingInMinute = -1;

    private volatile int remainingInHour = -1;

    private @Nullable Disposable subscription;

    RedisFleetScope(RedisGradientFleet fleet, FleetKeys keys, String key, RateLimitPolicy policy,
            Duration maxRetryAfter) {
        this.fleet = fleet;
        this.keys = keys;
        this.key = key;
        this.policy = policy;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Subscribes to the scope's channels (again after a failure, as long as the fleet lives) and beats once. A
     * subscription Redis does not confirm within the command timeout is made again on a new connection, rather than
     * waited for: until it is confirmed this member hears no state another member publishes.
     */
    void start() {
        this.subscription = Flux.usingWhen(
                Mono.fromCallable(() -> new ReactiveRedisMessageListenerContainer(this.fleet.connectionFactory())),
                (container) -> container.receiveLater(ChannelTopic.of(this.keys.states()),
                        ChannelTopic.of(this.keys.wakeUps()))
                    .timeout(this.fleet.commandTimeout())
                    .flatMapMany((messages) -> messages),
                ReactiveRedisMessageListenerContainer::destroyLater)
            .doOnNext(this::received)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)))
            .repeatWhen((ended) -> ended.delayElements(Duration.ofMillis(500)))
            .subscribe();
        heartbeat().subscribe();
    }

    @Override
    public String key() {
        return this.key;
    }

    @Override
    public Mono<FleetGrant> acquire(FleetPriority priority) {
        String id = this.fleet.memberId() + ":" + this.grants.incrementAndGet();
        int minuteLimit = this.policy.requestsPerMinute();
        int hourLimit = this.policy.requestsPerHour();
        List<String> args = List.of((priority == FleetPriority.POLL) ? "1" : "0", Integer.toString(minuteLimit),
                Integer.toString(hourLimit), Integer.toString(minuteLimit / 20), Integer.toString(hourLimit / 20), id,
                Long.toString(PROBE_TIMEOUT.toMillis()), Long.toString(STATE_TTL.toMillis()));
        return run(FleetScripts.ACQUIRE, List.of(this.keys.minute(), this.keys.hour(), this.keys.state()), args)
            .map((result) -> {
                int inMinute = (int) Math.max(0, number(result, 5));
                int inHour = (int) Math.max(0, number(result, 6));
                this.remainingInMinute = inMinute;
                this.remainingInHour = inHour;
                boolean granted = number(result, 0) == 1;
                long retryAt = number(result, 3);
                long pausedUntil = number(result, 4);
                return new FleetGrant(granted, granted ? id : null, number(result, 1), number(result, 2) == 1,
                        (retryAt > 0) ? Instant.ofEpochMilli(retryAt) : null,
                        (pausedUntil > 0) ? Instant.ofEpochMilli(pausedUntil) : null, inMinute, inHour);
            });
    }

    @Override
    public Mono<Void> answered(FleetGrant grant, FleetAnswer answer) {
        Long remaining = answer.remaining();
        Instant reset = answer.reset();
        Duration retryAfter = answer.retryAfter();
        List<String> args = List.of(Long.toString(grant.epoch()), grant.probe() ? "1" : "0",
                Integer.toString(answer.status()), Long.toString((remaining != null) ? Math.max(0, remaining) : -1),
                Long.toString((reset != null) ? reset.toEpochMilli() : 0),
                Long.toString((retryAfter != null) ? retryAfter.toMillis() : 0),
                Long.toString(this.maxRetryAfter.toMillis()), this.keys.wakeUps(),
                Long.toString(STATE_TTL.toMillis()));
        return run(FleetScripts.ANSWERED, List.of(this.keys.state()), args).then();
    }

    @Override
    public Mono<Void> released(FleetGrant grant) {
        if (!grant.probe()) {
            return Mono.empty();
        }
        return run(FleetScripts.RELEASED, List.of(this.keys.state()),
                List.of(Long.toString(grant.epoch()), "1", this.keys.wakeUps())).then();
    }

    @Override
    public Mono<Void> recount(List<FleetSentRequest> sent) {
        if (sent.isEmpty()) {
            return Mono.empty();
        }
        List<String> args = new ArrayList<>(sent.size() * 2);
        for (FleetSentRequest request : sent) {
            args.add(request.id());
            args.add(Long.toString(request.age().toMillis()));
        }
        return run(FleetScripts.RECOUNT, List.of(this.keys.minute(), this.keys.hour()), args).then();
    }

    @Override
    public Flux<FleetWakeUp> wakeUps() {
        return this.wakeUps.asFlux();
    }

    @Override
    public Mono<Boolean> watch(String jobUuid) {
        this.watched.add(jobUuid);
        return beat(List.of(jobUuid)).map((heldNow) -> {
            if (heldNow.contains(jobUuid) && this.watched.contains(jobUuid)) {
                this.held.add(jobUuid);
                return true;
            }
            return false;
        });
    }

    @Override
    public Mono<Void> unwatch(String jobUuid) {
        this.watched.remove(jobUuid);
        if (!this.held.remove(jobUuid)) {
            return Mono.empty();
        }
        return run(FleetScripts.UNWATCH, List.of(this.keys.lease(jobUuid)), List.of(this.fleet.memberId())).then();
    }

    @Override
    public boolean holds(String jobUuid) {
        return this.held.contains(jobUuid);
    }

    @Override
    public Flux<String> leasesTaken() {
        return this.leasesTaken.asFlux();
    }

    @Override
    public Mono<Duration> claimPage(int page, Duration hold) {
        return run(FleetScripts.CLAIM_PAGE, List.of(this.keys.page(page)),
                List.of(this.fleet.memberId(), Long.toString(Math.max(1, hold.toMillis()))))
            .map((result) -> Duration.ofMillis(number(result, 0)));
    }

    @Override
    public Mono<Void> publish(List<FleetJobState> states) {
        if (states.isEmpty()) {
            return Mono.empty();
        }
        List<String> args = new ArrayList<>(2 + 3 * states.size());
        args.add(this.keys.states());
        args.add(this.fleet.memberId());
        for (FleetJobState state : states) {
            args.add(state.jobUuid());
            args.add(Integer.toString(state.page()));
            args.add(state.payload());
        }
        return run(FleetScripts.PUBLISH, List.of(this.keys.watched()), args).then();
    }

    @Override
    public Flux<FleetJobState> states() {
        return this.states.asFlux();
    }

    @Override
    public Mono<Void> reset() {
        return this.fleet.bounded(this.fleet.redis()
            .delete(this.keys.minute(), this.keys.hour(), this.keys.state())).then();
    }

    @Override
    public FleetStatus status() {
        return new FleetStatus(this.fleet.isDegraded(), this.members, this.held.size(), this.watched.size(),
                this.remainingInMinute, this.remainingInHour);
    }

    /** One heartbeat: announce this member, renew the registrations and leases of every job it watches. */
    Mono<Void> heartbeat() {
        List<String> jobs = new ArrayList<>(this.watched);
        return beat(jobs).doOnNext((heldNow) -> {
            for (String jobUuid : heldNow) {
                if (this.watched.contains(jobUuid) && this.held.add(jobUuid)) {
                    this.leasesTaken.emitNext(jobUuid, RETRY_BRIEFLY);
                }
            }
            for (String jobUuid : jobs) {
                if (!heldNow.contains(jobUuid)) {
                    this.held.remove(jobUuid);
                }
            }
            this.held.retainAll(this.watched);
        }).then().onErrorResume((failure) -> Mono.empty());
    }

    /** Leaves the scope: the leases held are released and the member stops counting. */
    Mono<Void> leave() {
        List<String> releases = new ArrayList<>(this.held);
        this.held.clear();
        return Flux.fromIterable(releases)
            .flatMap((jobUuid) -> run(FleetScripts.UNWATCH, List.of(this.keys.lease(jobUuid)),
                    List.of(this.fleet.memberId())))
            .then(this.fleet.bounded(this.fleet.redis().opsForZSet().remove(this.keys.members(),
                    this.fleet.memberId())))
            .then()
            .onErrorResume((failure) -> Mono.empty());
    }

    /** Stops listening and ends the scope's signals. */
    void stop() {
        Disposable subscription = this.subscription;
        if (subscription != null) {
            subscription.dispose();
        }
        this.states.emitComplete(RETRY_BRIEFLY);
        this.wakeUps.emitComplete(RETRY_BRIEFLY);
        this.leasesTaken.emitComplete(RETRY_BRIEFLY);
    }

    // The heartbeat script for the given jobs: updates what is known of the scope, returns the jobs held.
    private Mono<Set<String>> beat(List<String> jobs) {
        List<String> keys = new ArrayList<>(4 + jobs.size());
        keys.add(this.keys.members());
        keys.add(this.keys.watched());
        keys.add(this.keys.minute());
        keys.add(this.keys.hour());
        List<String> args = new ArrayList<>(3 + jobs.size());
        args.add(this.fleet.memberId());
        args.add(Long.toString(this.fleet.memberTtl().toMillis()));
        args.add(Long.toString(this.fleet.leaseExpiry().toMillis()));
        for (String jobUuid : jobs) {
            keys.add(this.keys.lease(jobUuid));
            args.add(jobUuid);
        }
        return run(FleetScripts.HEARTBEAT, keys, args).map((result) -> {
            this.members = (int) Math.max(1, number(result, 0));
            this.remainingInMinute = (int) Math.max(0, this.policy.requestsPerMinute() - number(result, 1));
            this.remainingInHour = (int) Math.max(0, this.policy.requestsPerHour() - number(result, 2));
            Set<String> heldNow = new HashSet<>();
            for (int i = 3; i < result.size(); i++) {
                heldNow.add(jobs.get((int) number(result, i) - 1));
            }
            return heldNow;
        });
    }

    private void received(Message<String, String> message) {
        String body = message.getMessage();
        if (message.getChannel().equals(this.keys.wakeUps())) {
            try {
                this.wakeUps.emitNext(FleetWakeUp.valueOf(body), RETRY_BRIEFLY);
            }
            catch (IllegalArgumentException ex) {
                logger.debug("Ignored an unknown wake-up on " + message.getChannel());
            }
            return;
        }
        // member id, job UUID, page and the state, one line each; a member's own states are not news to it
        int first = body.indexOf('\n');
        int second = (first >= 0) ? body.indexOf('\n', first + 1) : -1;
        int third = (second >= 0) ? body.indexOf('\n', second + 1) : -1;
        if (third < 0) {
            logger.debug("Ignored a job state that is not four lines on " + message.getChannel());
            return;
        }
        if (body.regionMatches(0, this.fleet.memberId(), 0, first) && first == this.fleet.memberId().length()) {
            return;
        }
        int page;
        try {
            page = Integer.parseInt(body, second + 1, third, 10);
        }
        catch (NumberFormatException ex) {
            logger.debug("Ignored a job state without a page on " + message.getChannel());
            return;
        }
        this.states.emitNext(new FleetJobState(body.substring(first + 1, second), page, body.substring(third + 1)),
                RETRY_BRIEFLY);
    }

    // Runs a script, bounded; a list result comes back as one list.
    private <T> Mono<List<Object>> run(RedisScript<T> script, List<String> keys, List<String> args) {
        Flux<T> results = this.fleet.redis().execute(script, keys, args);
        return this.fleet.bounded(results.collectList()).map(RedisFleetScope::flatten);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> flatten(List<?> results) {
        if (results.size() == 1 && results.get(0) instanceof List<?> list) {
            return (List<Object>) list;
        }
        return (List<Object>) results;
    }

    private static long number(List<Object> result, int index) {
        Object value = result.get(index);
        return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
    }

    @Override
    public String toString() {
        return "RedisFleetScope[" + this.key.substring(0, Math.min(8, this.key.length())) + "…, member "
                + this.fleet.memberId() + "]";
    }

}
