package io.github.gradientspring.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Collects and checks the settings of an {@link IndexingJobsClient}; each setter checks its value at once, so
 * that a mistake names the setting where it was made.
 */
final class DefaultIndexingJobsClientBuilder implements IndexingJobsClient.Builder {

    static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private String accessToken;

    private URI baseUrl = URI.create(DEFAULT_BASE_URL);

    private WebClient.Builder webClientBuilder;

    private ClientHttpConnector connector;

    private Duration connectTimeout = Duration.ofSeconds(5);

    private Duration timeout = Duration.ofSeconds(60);

    private RetryPolicy retryPolicy = RetryPolicy.defaults();

    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    private GradientObservationConvention observationConvention;

    private final List<GradientResponseListener> responseListeners = new ArrayList<>();

    private Duration watchInitialInterval = Duration.ofSeconds(2);

    private Duration watchMaxInterval = Duration.ofSeconds(30);

    private Duration watchTimeout = Duration.ofHours(1);

    private int listAllPageSize = PageRequest.MAX_PER_PAGE;

    private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.defaults();

    // null: each client built gets its own RetryQuota.standard()
    private RetryQuota retryQuota;

    private Clock clock = Clock.systemUTC();

    private @Nullable Scheduler scheduler;

    private boolean sharedBudget = true;

    private DoubleSupplier jitterSource = () -> ThreadLocalRandom.current().nextDouble();

    // Lambdas rather than method references: a method reference links its class when the builder is made, and
    // linking Mono verifies it, which loads about 110 of Reactor's classes while the application starts. A lambda
    // reaches Mono and the timer wheel on the first call, which needs them anyway.
    private @Nullable Function<Duration, Mono<Long>> retryDelays;

    private Function<Duration, Mono<Long>> attemptDeadlines = (timeout) -> AttemptDeadlines.onTimerWheel(timeout);

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
        this.baseUrl = checkBaseUrl(baseUrl);
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
        copy.listAllPageSize = this.listAllPageSize;
        copy.clock = this.clock;
        copy.jitterSource = this.jitterSource;
        copy.retryDelays = this.retryDelays;
        copy.attemptDeadlines = this.attemptDeadlines;
        copy.rateLimitPolicy = this.rateLimitPolicy;
        copy.retryQuota = this.retryQuota;
        copy.scheduler = this.scheduler;
        copy.sharedBudget = this.sharedBudget;
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

    /** For tests: the clock that turns an HTTP-date {@code retry-after} into a wait. */
    DefaultIndexingJobsClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** For tests: the source of backoff jitter, values in [0, 1). */
    DefaultIndexingJobsClientBuilder jitterSource(DoubleSupplier jitterSource) {
        this.jitterSource = Objects.requireNonNull(jitterSource);
        return this;
    }

    /** For tests: how the wait before a retry is taken; they record the waits chosen instead of taking them. */
    DefaultIndexingJobsClientBuilder retryDelays(Function<Duration, Mono<Long>> retryDelays) {
        this.retryDelays = Objects.requireNonNull(retryDelays);
        return this;
    }

    /**
     * For tests: how the deadline of an attempt is armed. Tests that drive time virtually pass {@code Mono::delay},
     * which runs on Reactor's (virtual) parallel scheduler, instead of the real timer wheel.
     */
    DefaultIndexingJobsClientBuilder attemptDeadlines(Function<Duration, Mono<Long>> attemptDeadlines) {
        this.attemptDeadlines = Objects.requireNonNull(attemptDeadlines);
        return this;
    }

    @Override
    public IndexingJobsClient build() {
        if (this.accessToken == null) {
            throw new IllegalStateException("An access token is required: set one with accessToken(..), for example "
                    + "from the DIGITALOCEAN_ACCESS_TOKEN environment variable");
        }
        if (this.watchMaxInterval.compareTo(this.watchInitialInterval) < 0) {
            throw new IllegalStateException("watchMaxInterval (" + this.watchMaxInterval
                    + ") must not be shorter than watchInitialInterval (" + this.watchInitialInterval + ")");
        }
        ClientHttpConnector transport = (this.connector != null) ? this.connector : defaultConnector();
        // A WebClient.Builder given (such as Spring Boot's) brings its own observation set-up; the client's own one
        // records Spring's http.client.requests per attempt into the client's registry.
        WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
                : WebClient.builder().observationRegistry(this.observationRegistry);
        builder.clientConnector(new BearerTokenConnector(transport, this.accessToken, this.baseUrl))
            .defaultHeaders((headers) -> {
                headers.set("Accept", "application/json");
                headers.set("User-Agent", UserAgent.VALUE);
            });
        WebClient webClient = new BuiltOnFirstRequest(builder);
        ClientSettings settings = new ClientSettings(this.baseUrl, this.timeout, this.maxResponseBytes,
                new RetryDecider(this.retryPolicy, this.jitterSource,
                        (this.retryQuota != null) ? this.retryQuota : RetryQuota.standard()), this.observationRegistry,
                this.watchInitialInterval, this.watchMaxInterval, this.watchTimeout, this.listAllPageSize, this.clock,
                this.observationConvention, this.responseListeners);
        ClientTime time = new ClientTime(this.scheduler, this.clock);
        return new DefaultIndexingJobsClient(webClient, settings, this.retryDelays, this.attemptDeadlines,
                budget(time), time);
    }

    // One budget per token and base URL in the JVM, unless the client runs on a scheduler of its own (its time is
    // not the others') or was told to keep its own; a client without a rate limit needs none.
    private LocalRequestBudget budget(ClientTime time) {
        Duration maxRetryAfter = this.retryPolicy.maxRetryAfter();
        if (!this.sharedBudget || this.scheduler != null || !this.rateLimitPolicy.isEnabled()) {
            return new LocalRequestBudget(this.rateLimitPolicy, maxRetryAfter, time);
        }
        return SharedBudgets.budgetFor(this.accessToken, this.baseUrl, this.rateLimitPolicy, maxRetryAfter, time);
    }

    /**
     * The client's {@link WebClient}, built from its own clone of the builder when the client sends its first request
     * rather than when the client is built.
     * <p>
     * Building a WebClient makes its codecs: every default reader and writer (multipart, server-sent events,
     * Jackson...) and whatever the application's codec customizers add. The client uses none of them to read (it
     * decodes the raw bytes with {@link GradientJson}) and only the {@code byte[]} writer to send, yet making them
     * loaded about 180 classes while the application started (see docs/benchmarks.md, "Start-up"). They cannot be
     * left out without dropping the application's codec settings (such as
     * {@code spring.http.codecs.log-request-details}), which must still apply, so they are made on the first request
     * instead, which pays for them. The builder is cloned and configured at once, so that later changes to the
     * builder the application gave never reach the client.
     */
    static final class BuiltOnFirstRequest implements WebClient {

        private final WebClient.Builder builder;

        private volatile WebClient webClient;

        BuiltOnFirstRequest(WebClient.Builder builder) {
            this.builder = builder;
        }

        WebClient webClient() {
            WebClient built = this.webClient;
            if (built == null) {
                synchronized (this) {
                    built = this.webClient;
                    if (built == null) {
                        built = this.builder.build();
                        this.webClient = built;
                    }
                }
            }
            return built;
        }

        @Override
        public RequestHeadersUriSpec<?> get() {
            return webClient().get();
        }

        @Override
        public RequestHeadersUriSpec<?> head() {
            return webClient().head();
        }

        @Override
        public RequestBodyUriSpec post() {
            return webClient().post();
        }

        @Override
        public RequestBodyUriSpec put() {
            return webClient().put();
        }

        @Override
        public RequestBodyUriSpec patch() {
            return webClient().patch();
        }

        @Override
        public RequestHeadersUriSpec<?> delete() {
            return webClient().delete();
        }

        @Override
        public RequestHeadersUriSpec<?> options() {
            return webClient().options();
        }

        @Override
        public RequestBodyUriSpec method(HttpMethod method) {
            return webClient().method(method);
        }

        @Override
        public Builder mutate() {
            return webClient().mutate();
        }

    }

    private ClientHttpConnector defaultConnector() {
        // No redirects are followed (Reactor Netty's default, stated here to make it a promise): a redirect must not
        // carry the token to another host.
        HttpClient httpClient = HttpClient.create()
            .followRedirect(false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.connectTimeout.toMillis()));
        return new ReactorClientHttpConnector(httpClient);
    }

    static URI checkBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl must not be null or blank");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL such as " + DEFAULT_BASE_URL
                    + ", but could not be parsed: " + ex.getReason());
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(
                    "baseUrl must be an absolute http(s) URL such as " + DEFAULT_BASE_URL + ", but was " + baseUrl);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment");
        }
        if ("http".equalsIgnoreCase(scheme) && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("baseUrl uses plain http to " + uri.getHost()
                    + ", which would send the access token unencrypted; use https, or http only to a loopback "
                    + "address such as 127.0.0.1 or localhost");
        }
        String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme.toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        // Only literal addresses are judged, so that no DNS lookup happens here.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

}
