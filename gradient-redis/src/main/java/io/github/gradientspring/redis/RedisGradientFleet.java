package io.github.gradientspring.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.GradientFleet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Fleet mode on Redis: the {@link GradientFleet} of every instance of an application that shares one Redis, through
 * Spring Data Redis reactive (Lettuce). Give it to the client's builder:
 * <pre>{@code
 * RedisGradientFleet fleet = RedisGradientFleet.builder(connectionFactory).build();
 * IndexingJobsClient client = IndexingJobsClient.builder().accessToken(token).fleet(fleet).build();
 * }</pre>
 * <b>The shared budget.</b> Each scope (one access token and base URL) keeps two rolling windows in Redis, a minute's
 * and an hour's, as sorted sets of the slots taken, each scored by when it frees, and one hash of what DigitalOcean
 * said (a pause, the probe after it, the remaining count, the reset). Taking a slot is one Lua script
 * ({@link FleetScripts} says why), which keeps the in-process rules for the whole fleet: both windows, the pause and
 * its single probe, and a twentieth of each window left to the application's calls by the polls of watches (yet one grant
 * in ten may go to a poll while calls take the rest, so that watches never starve).
 * <p>
 * <b>One poller per job.</b> A member that watches a job registers it (a sorted set of watched jobs, scored by when
 * the registration ends) and tries its lease: a key holding the holder's member id, set with {@code SET NX PX} and
 * renewed only by its holder ({@linkplain Builder#leaseTime lease time} 10 s, renewed every heartbeat). Only the
 * holder polls the job, and publishes each state it sees on the scope's channel; every member applies them to its
 * own watches. A list page polled by any member publishes each job on it that any member watches. When a holder
 * stops (or is killed), its lease expires and the next heartbeat of another watcher takes the job over: within one
 * lease time (a lease key lives four fifths of it after each renewal, and the heartbeat comes every fifth).
 * <p>
 * <b>Membership and failure.</b> Each member announces itself on every heartbeat (every fifth of the lease time) in
 * a sorted set scored by expiry, so each knows the fleet's size. Every Redis command is bounded by the
 * {@linkplain Builder#commandTimeout command timeout} (1 s). When one fails the fleet is <em>degraded</em>: it
 * logs one warning, and the client runs alone on its share of the budget (the policy divided by the last known fleet
 * size) and polls its own watches. The heartbeat keeps trying; when it gets through the fleet logs that it rejoined,
 * and the shared budget is used again. What the shared windows hold then is what Redis kept: the requests members
 * made alone while it was away are not added (each kept to its share meanwhile), and a Redis that restarted empty
 * starts counting afresh; DigitalOcean's own {@code ratelimit-remaining}, learned from the next answers, bounds both.
 * <p>
 * Only counts, timestamps, member ids and job UUIDs are stored, and job states are published, never stored: no access
 * token, header or response body goes to Redis. Every key has a time to live, so an idle scope's keys expire.
 */
public final class RedisGradientFleet implements GradientFleet {

    /** Where the keys live unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "gradient:";

    /** How long a lease lasts unless renewed, unless told otherwise. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);

    /** How long one Redis command may take, unless told otherwise. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private static final Log logger = LogFactory.getLog(RedisGradientFleet.class);

    private final ReactiveRedisConnectionFactory connectionFactory;

    private final ReactiveStringRedisTemplate redis;

    private final String keyPrefix;

    private final Duration leaseTime;

    private final Duration commandTimeout;

    private final Duration heartbeatInterval;

    private final String memberId = UUID.randomUUID().toString();

    private final List<RedisFleetScope> scopes = new CopyOnWriteArrayList<>();

    private final Disposable heartbeat;

    private volatile boolean degraded;

    private volatile boolean closed;

    private RedisGradientFleet(Builder builder) {
        this.connectionFactory = builder.connectionFactory;
        this.redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
        this.keyPrefix = builder.keyPrefix;
        this.leaseTime = builder.leaseTime;
        this.commandTimeout = builder.commandTimeout;
        this.heartbeatInterval = builder.leaseTime.dividedBy(5);
        // One timer for every scope; a heartbeat that is late is dropped, never queued behind a slow one.
        this.heartbeat = Flux.interval(this.heartbeatInterval, this.heartbeatInterval, Schedulers.parallel())
            .onBackpressureDrop()
            .concatMap((tick) -> heartbeats(), 1)
            .subscribe();
    }

    /**
     * A fleet on Redis with the default settings.
     * @param connectionFactory the reactive connection factory (Lettuce), such as Spring Boot's
     * @return the fleet
     */
    public static RedisGradientFleet create(ReactiveRedisConnectionFactory connectionFactory) {
        return builder(connectionFactory).build();
    }

    /**
     * A builder of a fleet on Redis.
     * @param connectionFactory the reactive connection factory (Lettuce), such as Spring Boot's
     * @return the builder
     */
    public static Builder builder(ReactiveRedisConnectionFactory connectionFactory) {
        return new Builder(Objects.requireNonNull(connectionFactory, "connectionFactory must not be null"));
    }

    @Override
    public FleetScope join(String scopeKey, RateLimitPolicy policy, Duration maxRetryAfter) {
        if (scopeKey == null || scopeKey.isBlank()) {
            throw new IllegalArgumentException("scopeKey must not be null or blank");
        }
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
        RedisFleetScope scope = new RedisFleetScope(this, FleetKeys.of(this.keyPrefix, scopeKey), scopeKey, policy,
                maxRetryAfter);
        this.scopes.add(scope);
        scope.start();
        return scope;
    }

    @Override
    public String memberId() {
        return this.memberId;
    }

    @Override
    public Collection<FleetScope> scopes() {
        return List.copyOf(this.scopes);
    }

    /**
     * Whether Redis could not be reached at the last attempt, or the fleet is closed: then every client of this
     * fleet runs alone.
     * @return whether the fleet is degraded
     */
    public boolean isDegraded() {
        return this.degraded || this.closed;
    }

    /**
     * Where this fleet's keys live.
     * @return the key prefix
     */
    public String keyPrefix() {
        return this.keyPrefix;
    }

    /**
     * How long a lease lasts unless its holder renews it.
     * @return the lease time
     */
    public Duration leaseTime() {
        return this.leaseTime;
    }

    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.heartbeat.dispose();
        // Leaving releases the leases this member holds at once, so that the others take its jobs over now rather
        // than when the leases expire. Bounded: a Redis that is away costs the close one command timeout.
        Flux.fromIterable(this.scopes)
            .flatMap(RedisFleetScope::leave)
            .then()
            .onErrorResume((failure) -> Mono.empty())
            .block(this.commandTimeout.multipliedBy(2));
        this.scopes.forEach(RedisFleetScope::stop);
    }

    @Override
    public String toString() {
        return "RedisGradientFleet[member " + this.memberId + ", keyPrefix " + this.keyPrefix + ", "
                + (this.degraded ? "degraded" : "joined") + "]";
    }

    private Mono<Void> heartbeats() {
        return Flux.fromIterable(this.scopes).concatMap(RedisFleetScope::heartbeat).then();
    }

    ReactiveRedisConnectionFactory connectionFactory() {
        return this.connectionFactory;
    }

    ReactiveStringRedisTemplate redis() {
        return this.redis;
    }

    Duration commandTimeout() {
        return this.commandTimeout;
    }

    Duration memberTtl() {
        return this.leaseTime;
    }

    /**
     * How long a lease key lives after each renewal: the lease time less one heartbeat. A holder that dies just
     * after renewing leaves a key that expires four fifths of a lease time later, and the next heartbeat of another
     * watcher (a fifth later at most) takes the job: the takeover comes within one lease time of the death. The
     * holder renews every fifth, so a renewal may come three fifths of a lease time late (6 s by default, on a busy
     * machine) before the lease is lost.
     */
    Duration leaseExpiry() {
        return this.leaseTime.minus(this.heartbeatInterval);
    }

    /** Bounds one Redis command and tells the fleet whether Redis answered. */
    <T> Mono<T> bounded(Mono<T> command) {
        return command.timeout(this.commandTimeout).doOnSuccess((value) -> reachable()).doOnError(this::failed);
    }

    private void failed(Throwable failure) {
        synchronized (this) {
            if (this.degraded || this.closed) {
                return;
            }
            this.degraded = true;
        }
        logger.warn("Fleet mode is degraded for member " + this.memberId + ": Redis did not answer (" + failure
                + "). This instance now keeps to its share of the request budget and polls its own watches, until "
                + "Redis answers again");
    }

    private void reachable() {
        synchronized (this) {
            if (!this.degraded) {
                return;
            }
            this.degraded = false;
        }
        logger.info("Fleet mode rejoined for member " + this.memberId + ": Redis answers again, and the request "
                + "budget and the polls of watched jobs are shared again");
    }

    /** The settings of a {@link RedisGradientFleet}. */
    public static final class Builder {

        private final ReactiveRedisConnectionFactory connectionFactory;

        private String keyPrefix = DEFAULT_KEY_PREFIX;

        private Duration leaseTime = DEFAULT_LEASE_TIME;

        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder(ReactiveRedisConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
        }

        /**
         * Sets where the fleet's keys live: every key starts with it; {@code "gradient:"} by default.
         * @param keyPrefix the prefix, such as {@code "gradient:"}
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must not be null, blank or contain whitespace");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * Sets how long a job's lease lasts unless its holder renews it (each heartbeat, every fifth of it, does):
         * the longest a job goes unpolled after its holder stops. 10 seconds by default; at least 300 ms.
         * @param leaseTime the lease time
         * @return this builder
         */
        public Builder leaseTime(Duration leaseTime) {
            if (leaseTime == null || leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
                throw new IllegalArgumentException("leaseTime must be at least 300 ms, but was " + leaseTime);
            }
            this.leaseTime = leaseTime;
            return this;
        }

        /**
         * Sets how long one Redis command may take before the fleet counts Redis as unreachable and each client
         * goes on alone; 1 second by default.
         * @param commandTimeout the command timeout
         * @return this builder
         */
        public Builder commandTimeout(Duration commandTimeout) {
            if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, but was " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * Builds the fleet and starts its heartbeat; {@link RedisGradientFleet#close()} stops it.
         * @return the fleet
         */
        public RedisGradientFleet build() {
            return new RedisGradientFleet(this);
        }

    }

}
