package io.github.gradientspring.client.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Collects and checks the settings of an {@link IndexingJobsClient}; each setter checks its value at once, so
 * that a mistake names the setting where it was made.
 * <p>
 * Its length is that of the setting list: one field, one checking setter and one line of {@link #copy()} each, and
 * {@link #build()}, which puts them together.
 */
public final class DefaultIndexingJobsClientBuilder implements IndexingJobsClient.Builder {

    static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private @Nullable String accessToken;

    private URI baseUrl = URI.create(DEFAULT_BASE_URL);

    private WebClient.@Nullable Builder webClientBuilder;

    private @Nullable ClientHttpConnector connector;

    private Duration connectTimeout = Duration.ofSeconds(5);

    private Duration timeout = Duration.ofSeconds(60);

    private RetryPolicy retryPolicy = RetryPolicy.defaults();

    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    private @Nullable GradientObservationConvention observationConvention;

    private final List<GradientResponseListener> responseListeners = new ArrayList<>();

    private Duration watchInitialInterval = Duration.ofSeconds(2);

    private Duration watchMaxInterval = Duration.ofSeconds(30);

    private Duration watchTimeout = Duration.ofHours(1);

    private boolean watchListSweep = true;

    private int listAllPageSize = PageRequest.MAX_PER_PAGE;

    private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.defaults();

    // null: each client built gets its own RetryQuota.standard()
    private @Nullable RetryQuota retryQuota;

    private @Nullable Scheduler scheduler;

    private boolean sharedBudget = true;

    private @Nullable GradientFleet fleet;

    @Override
    public IndexingJobsClient.Builder accessToken(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be null or blank");
        }
        String trimmed = accessToken.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            // A token is sent in a header: any whitespace or control character inside it would corrupt or split
            // the header. The message never shows the token itself.
            if (c <= 0x20 || c == 0x7f || c > 0x7e) {
                throw new IllegalArgumentException("accessToken must be printable ASCII without spaces; the given "
                        + "value has an invalid character at position " + i);
            }
        }
        this.accessToken = trimmed;
        return this;
    }

    @Override
    public IndexingJobsClient.Builder baseUrl(String baseUrl) {
        this.baseUrl = TransportSafety.checkBaseUrl(baseUrl);
        return this;
    }

    @Override
    public IndexingJobsClient.Builder webClientBuilder(WebClient.Builder webClientBuilder) {
        this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder clientConnector(ClientHttpConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder timeout(Duration timeout) {
        this.timeout = positive(timeout, "timeout");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder maxResponseSize(int maxResponseBytes) {
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseSize must be at least 1024 bytes, but was " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        return this;
    }

    @Override
    public IndexingJobsClient.Builder observationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder observationConvention(GradientObservationConvention observationConvention) {
        this.observationConvention = Objects.requireNonNull(observationConvention,
                "observationConvention must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder responseListener(GradientResponseListener listener) {
        this.responseListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
        return this;
    }

    @Override
    public DefaultIndexingJobsClientBuilder copy() {
        DefaultIndexingJobsClientBuilder copy = new DefaultIndexingJobsClientBuilder();
        copy.accessToken = this.accessToken;
        copy.baseUrl = this.baseUrl;
        copy.webClientBuilder = this.webClientBuilder;
        copy.connector = this.connector;
        copy.connectTimeout = this.connectTimeout;
        copy.timeout = this.timeout;
        copy.retryPolicy = this.retryPolicy;
        copy.maxResponseBytes = this.maxResponseBytes;
        copy.observationRegistry = this.observationRegistry;
        copy.observationConvention = this.observationConvention;
        copy.responseListeners.addAll(this.responseListeners);
        copy.watchInitialInterval = this.watchInitialInterval;
        copy.watchMaxInterval = this.watchMaxInterval;
        copy.watchTimeout = this.watchTimeout;
        copy.watchListSweep = this.watchListSweep;
        copy.listAllPageSize = this.listAllPageSize;
        copy.rateLimitPolicy = this.rateLimitPolicy;
        copy.retryQuota = this.retryQuota;
        copy.scheduler = this.scheduler;
        copy.sharedBudget = this.sharedBudget;
        copy.fleet = this.fleet;
        return copy;
    }

    @Override
    public IndexingJobsClient.Builder retryQuota(RetryQuota retryQuota) {
        this.retryQuota = Objects.requireNonNull(retryQuota, "retryQuota must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder rateLimitPolicy(RateLimitPolicy rateLimitPolicy) {
        this.rateLimitPolicy = Objects.requireNonNull(rateLimitPolicy, "rateLimitPolicy must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder watchInitialInterval(Duration initialInterval) {
        this.watchInitialInterval = positive(initialInterval, "watchInitialInterval");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder watchMaxInterval(Duration maxInterval) {
        this.watchMaxInterval = positive(maxInterval, "watchMaxInterval");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder watchTimeout(Duration timeout) {
        this.watchTimeout = positive(timeout, "watchTimeout");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder watchListSweep(boolean listSweep) {
        this.watchListSweep = listSweep;
        return this;
    }

    @Override
    public IndexingJobsClient.Builder listAllPageSize(int pageSize) {
        this.listAllPageSize = PageRequest.of(1, pageSize).perPage();
        return this;
    }

    @Override
    public IndexingJobsClient.Builder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient.Builder sharedBudget(boolean sharedBudget) {
        this.sharedBudget = sharedBudget;
        return this;
    }

    @Override
    public IndexingJobsClient.Builder fleet(GradientFleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet must not be null");
        return this;
    }

    @Override
    public IndexingJobsClient build() {
        String accessToken = this.accessToken;
        if (accessToken == null) {
            throw new IllegalStateException("An access token is required: set one with accessToken(..), for example "
                    + "from the DIGITALOCEAN_ACCESS_TOKEN environment variable");
        }
        if (this.watchMaxInterval.compareTo(this.watchInitialInterval) < 0) {
            throw new IllegalStateException("watchMaxInterval (" + this.watchMaxInterval
                    + ") must not be shorter than watchInitialInterval (" + this.watchInitialInterval + ")");
        }
        ClientHttpConnector transport = (this.connector != null) ? this.connector
                : TransportSafety.defaultConnector(this.connectTimeout);
        // A WebClient.Builder given (such as Spring Boot's) brings its own observation set-up; the client's own one
        // records Spring's http.client.requests per attempt into the client's registry.
        WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
                : WebClient.builder().observationRegistry(this.observationRegistry);
        WebClient webClient = builder
            .clientConnector(new BearerTokenConnector(transport, accessToken, this.baseUrl))
            .defaultHeaders((headers) -> {
                headers.set("Accept", "application/json");
                headers.set("User-Agent", UserAgent.VALUE);
            })
            .build();
        ClientTime time = new ClientTime(this.scheduler, Clock.systemUTC());
        ClientSettings settings = new ClientSettings(this.baseUrl, this.timeout, this.maxResponseBytes,
                new RetryDecider(this.retryPolicy, () -> ThreadLocalRandom.current().nextDouble(),
                        (this.retryQuota != null) ? this.retryQuota : RetryQuota.standard()), this.observationRegistry,
                this.watchInitialInterval, this.watchMaxInterval, this.watchTimeout, this.listAllPageSize,
                this.observationConvention, this.responseListeners, this.watchListSweep);
        return new DefaultIndexingJobsClient(new GradientExchange(webClient, settings, time), settings,
                budget(time, accessToken), time);
    }

    // One budget per token and base URL in the JVM, unless the client runs on a scheduler of its own (its time is
    // not the others') or was told to keep its own; a client without a rate limit needs none, and joins no fleet.
    private ClientBudget budget(ClientTime time, String accessToken) {
        Duration maxRetryAfter = this.retryPolicy.maxRetryAfter();
        if (!this.rateLimitPolicy.isEnabled() || this.scheduler != null) {
            return new LocalRequestBudget(this.rateLimitPolicy, maxRetryAfter, time);
        }
        if (!this.sharedBudget) {
            return SharedBudgets.newBudget(accessToken, this.baseUrl, this.rateLimitPolicy, maxRetryAfter, time,
                    this.fleet);
        }
        return SharedBudgets.budgetFor(accessToken, this.baseUrl, this.rateLimitPolicy, maxRetryAfter, time,
                this.fleet);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

}
