package io.github.gradientspring.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientResponseListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A {@link ReactiveHealthIndicator} that asks the Gradient API for the first page of indexing jobs, one job long:
 * the cheapest call that proves the API is reachable and accepts the access token.
 * <ul>
 * <li>UP when it answers, with the base URL, the latency and the rate-limit headers; also UP, with
 * {@code rateLimited: true}, when it answers 429, which says the service is reachable and the token accepted.</li>
 * <li>DOWN on 401 and 403, with DigitalOcean's error id and a hint (an invalid token, or one without the
 * {@code genai:read} scope); on any other error status; when it cannot be reached; and when it does not answer
 * within the timeout.</li>
 * </ul>
 * The auto-configuration gives each indicator an application client to probe as it is (its retries bounded by the
 * timeout); an indicator made from a builder probes with a copy that never retries. The result is reused for a time
 * (the cache TTL): however often the health
 * endpoint is probed, one instance sends at most one request per TTL, and probes that arrive while a request is
 * under way share it. No detail ever carries the access token.
 * <p>
 * It belongs in the readiness group, not liveness: restarting an application does not mend the API or the token.
 */
public class GradientHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Log logger = LogFactory.getLog(GradientHealthIndicator.class);

    static final String HINT_UNAUTHORIZED = "The API did not accept the access token: it is invalid, expired or "
            + "revoked. Check gradient.access-token or the DIGITALOCEAN_ACCESS_TOKEN environment variable.";

    static final String HINT_FORBIDDEN = "The access token was accepted but may not read indexing jobs: it lacks "
            + "the genai:read scope. Create a token with that scope (or with read access to everything).";

    static final String HINT_NOT_FOUND = "The address answered but has no indexing-jobs API: check gradient.base-url.";

    static final String HINT_SERVER_ERROR = "The Gradient API reports a server error; it is usually temporary.";

    static final String HINT_CONNECTION = "The API could not be reached: check gradient.base-url, DNS, proxies and "
            + "firewalls.";

    static final String HINT_TIMEOUT = "The API did not answer in time: it or the network to it is slow, or "
            + "gradient.health.timeout is too short.";

    private final IndexingJobsClient probe;

    private final LastResponse lastResponse;

    private final @Nullable String baseUrl;

    private final Duration timeout;

    private final Duration cacheTtl;

    private final Clock clock;

    private final AtomicReference<Check> current = new AtomicReference<>();

    private volatile @Nullable GradientFleet fleet;

    /**
     * Creates an indicator that probes with a client built from a copy of the given builder, changed to wait at
     * most the timeout, never retry, and report each response's rate-limit headers to this indicator.
     * @param clientBuilder the builder of the application's client; it is copied, never changed
     * @param baseUrl the API address, shown in the details; {@code null} to show none
     * @param timeout how long to wait for the answer
     * @param cacheTtl how long a result is reused; zero for not at all
     */
    public GradientHealthIndicator(IndexingJobsClient.Builder clientBuilder, @Nullable String baseUrl, Duration timeout,
            Duration cacheTtl) {
        this(clientBuilder, baseUrl, timeout, cacheTtl, Clock.systemUTC());
    }

    /**
     * Creates an indicator that probes with the given client as it is: its own retry policy applies, and only the
     * rate-limit headers of error responses are known. Prefer the constructor taking a builder.
     * @param client the client
     * @param baseUrl the API address, shown in the details; {@code null} to show none
     * @param timeout how long to wait for the answer
     * @param cacheTtl how long a result is reused; zero for not at all
     */
    public GradientHealthIndicator(IndexingJobsClient client, @Nullable String baseUrl, Duration timeout, Duration cacheTtl) {
        this(client, new LastResponse(), baseUrl, timeout, cacheTtl, Clock.systemUTC());
    }

    GradientHealthIndicator(IndexingJobsClient.Builder clientBuilder, @Nullable String baseUrl, Duration timeout,
            Duration cacheTtl, Clock clock) {
        this(new LastResponse(), clientBuilder, baseUrl, timeout, cacheTtl, clock);
    }

    private GradientHealthIndicator(LastResponse lastResponse, IndexingJobsClient.Builder clientBuilder,
            @Nullable String baseUrl, Duration timeout, Duration cacheTtl, Clock clock) {
        this(probeClient(clientBuilder, positive(timeout), lastResponse), lastResponse, baseUrl, timeout, cacheTtl,
                clock);
    }

    GradientHealthIndicator(IndexingJobsClient probe, LastResponse lastResponse, @Nullable String baseUrl, Duration timeout,
            Duration cacheTtl, Clock clock) {
        super("Gradient health check failed");
        this.probe = Objects.requireNonNull(probe, "probe must not be null");
        this.lastResponse = lastResponse;
        this.baseUrl = baseUrl;
        this.timeout = positive(timeout);
        Objects.requireNonNull(cacheTtl, "cacheTtl must not be null");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("gradient.health.cache-ttl must not be negative, but was " + cacheTtl);
        }
        this.cacheTtl = cacheTtl;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    private static IndexingJobsClient probeClient(IndexingJobsClient.Builder builder, Duration timeout,
            LastResponse lastResponse) {
        return builder.copy().retryPolicy(RetryPolicy.none()).timeout(timeout).responseListener(lastResponse).build();
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("gradient.health.timeout must be positive, but was " + timeout);
        }
        return timeout;
    }

    /**
     * Shows fleet mode in the details: the member, the fleet's size, the leases this member holds, and whether it
     * is degraded (the store unreachable, this instance on its share of the budget). Read at every check, not
     * cached with the API's answer. Degraded stays UP: the client goes on alone and no call fails because of it.
     * @param fleet the fleet the indicator's client joined, or {@code null} for none
     */
    public void setFleet(@Nullable GradientFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.defer(() -> currentCheck().result).map(this::withFleet);
    }

    private Health withFleet(Health health) {
        GradientFleet fleet = this.fleet;
        if (fleet == null) {
            return health;
        }
        return Health.status(health.getStatus()).withDetails(health.getDetails())
            .withDetail("fleet", FleetDetails.of(fleet))
            .build();
    }

    /** The check whose result is still fresh or still coming, else a new one. */
    private Check currentCheck() {
        while (true) {
            Check check = this.current.get();
            if (check != null && check.isUsableAt(this.clock.instant())) {
                return check;
            }
            Check fresh = new Check();
            if (this.current.compareAndSet(check, fresh)) {
                return fresh;
            }
        }
    }

    private Mono<Health> probeOnce() {
        return Mono.defer(() -> {
            Instant start = this.clock.instant();
            this.lastResponse.clear();
            return this.probe.list(PageRequest.of(1, 1))
                .timeout(this.timeout)
                .map((page) -> up(start))
                .onErrorResume((ex) -> Mono.just(fromFailure(ex, start)));
        });
    }

    private Health up(Instant start) {
        Health.Builder builder = Health.up();
        addCommonDetails(builder, start);
        LastResponse.Seen seen = this.lastResponse.get();
        if (seen != null) {
            addRateLimit(builder, seen.rateLimit());
        }
        return builder.build();
    }

    private Health fromFailure(Throwable failure, Instant start) {
        Health health = describeFailure(failure, start);
        if (health.getStatus().equals(Status.DOWN)
                && logger.isWarnEnabled()) {
            logger.warn("Gradient health check is DOWN: " + failure.getMessage());
        }
        return health;
    }

    private Health describeFailure(Throwable failure, Instant start) {
        if (failure instanceof GradientApiException api) {
            // A check the token's shared request budget refused (status 0) is as rate-limited as a 429.
            int status = api.statusCode();
            boolean rateLimited = status == 429 || api instanceof RequestBudgetExhaustedException;
            Health.Builder builder = rateLimited ? Health.up().withDetail("rateLimited", true) : Health.down();
            addCommonDetails(builder, start);
            builder.withDetail("status", status);
            if (api.errorId() != null) {
                builder.withDetail("errorId", api.errorId());
            }
            if (api.requestId() != null) {
                builder.withDetail("requestId", api.requestId());
            }
            addRateLimit(builder, api.rateLimit());
            if (rateLimited) {
                if (api.retryAfter() != null) {
                    builder.withDetail("retryAfterMillis", api.retryAfter().toMillis());
                }
                return builder.build();
            }
            builder.withDetail("error", api.getMessage());
            String hint = hintFor(status);
            if (hint != null) {
                builder.withDetail("hint", hint);
            }
            return builder.build();
        }
        Health.Builder builder = Health.down();
        addCommonDetails(builder, start);
        if (failure instanceof GradientTimeoutException || failure instanceof TimeoutException) {
            return builder.withDetail("error", "No answer within " + this.timeout.toMillis() + " ms")
                .withDetail("timeoutMillis", this.timeout.toMillis())
                .withDetail("hint", HINT_TIMEOUT)
                .build();
        }
        if (failure instanceof GradientConnectionException) {
            return builder.withDetail("error", failure.getMessage()).withDetail("hint", HINT_CONNECTION).build();
        }
        return builder.withDetail("error", failure.getClass().getSimpleName() + ": " + failure.getMessage()).build();
    }

    private static String hintFor(int status) {
        if (status == 401) {
            return HINT_UNAUTHORIZED;
        }
        if (status == 403) {
            return HINT_FORBIDDEN;
        }
        if (status == 404) {
            return HINT_NOT_FOUND;
        }
        return (status >= 500) ? HINT_SERVER_ERROR : null;
    }

    private void addCommonDetails(Health.Builder builder, Instant start) {
        Instant end = this.clock.instant();
        if (this.baseUrl != null) {
            builder.withDetail("baseUrl", this.baseUrl);
        }
        builder.withDetail("latencyMillis", Duration.between(start, end).toMillis());
        builder.withDetail("checkedAt", end.toString());
    }

    private static void addRateLimit(Health.Builder builder, RateLimitStatus rateLimit) {
        if (rateLimit == null) {
            return;
        }
        if (rateLimit.remaining() != null) {
            builder.withDetail("rateLimitRemaining", rateLimit.remaining());
        }
        if (rateLimit.limit() != null) {
            builder.withDetail("rateLimitLimit", rateLimit.limit());
        }
        if (rateLimit.reset() != null) {
            builder.withDetail("rateLimitReset", rateLimit.reset().toString());
        }
    }

    @Override
    public String toString() {
        return "GradientHealthIndicator[baseUrl=" + this.baseUrl + ", timeout=" + this.timeout + ", cacheTtl="
                + this.cacheTtl + "]";
    }

    /**
     * One request to the API and its result, shared by every probe until it expires: while under way, and for the
     * cache TTL after its result arrived.
     */
    private final class Check {

        private volatile Instant expiresAt;

        private final Mono<Health> result = probeOnce()
            .doOnNext((health) -> this.expiresAt = GradientHealthIndicator.this.clock.instant()
                .plus(GradientHealthIndicator.this.cacheTtl))
            .cache();

        boolean isUsableAt(Instant now) {
            Instant expiry = this.expiresAt;
            return expiry == null || now.isBefore(expiry);
        }

    }

    /** Remembers the last response the probe client received, for its rate-limit headers. */
    static final class LastResponse implements GradientResponseListener {

        private final AtomicReference<Seen> last = new AtomicReference<>();

        @Override
        public void onResponse(GradientOperation operation, int statusCode, RateLimitStatus rateLimit) {
            this.last.set(new Seen(statusCode, rateLimit));
        }

        Seen get() {
            return this.last.get();
        }

        void clear() {
            this.last.set(null);
        }

        record Seen(int statusCode, RateLimitStatus rateLimit) {
        }

    }

}
