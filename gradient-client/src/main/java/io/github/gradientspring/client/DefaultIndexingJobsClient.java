package io.github.gradientspring.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.gradientspring.client.error.GradientApiError;
import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.IndexingJobFailedException;
import io.github.gradientspring.client.error.IndexingJobTimeoutException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.GradientIds;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link IndexingJobsClient} on Spring's {@link WebClient}. Each call is one logical operation: attempts, each
 * under the per-attempt timeout, with the retry policy's waits between them, inside one observation.
 */
final class DefaultIndexingJobsClient implements IndexingJobsClient {

    private static final Log logger = LogFactory.getLog(DefaultIndexingJobsClient.class);

    // Spring's WebClient puts a request's URI template under this attribute; its http.client.requests observation
    // then tags the template instead of "none". Requests here are built from ready URIs, so it is set by hand.
    private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    static final String JOBS_PATH = "/v2/gen-ai/indexing_jobs";

    static final String JOB_TEMPLATE = JOBS_PATH + "/{uuid}";

    static final String CANCEL_TEMPLATE = JOB_TEMPLATE + "/cancel";

    static final String DATA_SOURCES_TEMPLATE = JOB_TEMPLATE + "/data_sources";

    static final String SIGNED_URL_TEMPLATE = JOB_TEMPLATE + "/details_signed_url";

    static final String LIST_TEMPLATE = JOBS_PATH + "?page={page}&per_page={per_page}";

    static final String BY_KNOWLEDGE_BASE_TEMPLATE = "/v2/gen-ai/knowledge_bases/{uuid}/indexing_jobs";

    private final WebClient webClient;

    private final ClientSettings settings;

    private final String base;

    private final GradientJson json = GradientJson.INSTANCE;

    private final OperationObservations observations;

    private final Function<Duration, Mono<Long>> retryDelays;

    private final Function<Duration, Mono<Long>> attemptDeadlines;

    private final LocalRequestBudget budget;

    private final ExchangesInFlight exchangesInFlight = new ExchangesInFlight();

    private final WatchHub watches;

    DefaultIndexingJobsClient(WebClient webClient, ClientSettings settings, Function<Duration, Mono<Long>> retryDelays,
            Function<Duration, Mono<Long>> attemptDeadlines, LocalRequestBudget budget, ClientTime time) {
        this.webClient = webClient;
        this.retryDelays = (retryDelays != null) ? retryDelays : (delay) -> Mono.delay(delay, time.timers());
        this.attemptDeadlines = attemptDeadlines;
        this.budget = budget;
        this.watches = new WatchHub(new HubPoller(), settings.watchInitialInterval(), settings.watchMaxInterval(),
                time::timers);
        this.settings = settings;
        this.base = settings.baseUrl().toString();
        this.observations = new OperationObservations(settings);
    }

    @Override
    public Mono<IndexingJob> create(CreateIndexingJobRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        byte[] body = this.json.writeCreate(request);
        return call(GradientOperation.CREATE, HttpMethod.POST, JOBS_PATH, this.base + JOBS_PATH, body,
                request.knowledgeBaseUuid(), null, this.json::readJob);
    }

    @Override
    public Mono<IndexingJob> retrieve(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        return call(GradientOperation.RETRIEVE, HttpMethod.GET, JOB_TEMPLATE, this.base + JOBS_PATH + "/" + jobUuid,
                null, null, jobUuid, this.json::readJob);
    }

    @Override
    public Mono<IndexingJobPage> list(PageRequest pageRequest) {
        if (pageRequest == null) {
            throw new IllegalArgumentException("pageRequest must not be null");
        }
        String uri = this.base + JOBS_PATH + "?page=" + pageRequest.page() + "&per_page=" + pageRequest.perPage();
        return call(GradientOperation.LIST, HttpMethod.GET, LIST_TEMPLATE, uri, null, null, null, this.json::readPage);
    }

    @Override
    public Flux<IndexingJob> listAll() {
        return LazyPager.stream(this::list, this.settings.listAllPageSize());
    }

    @Override
    public Mono<IndexingJobPage> listByKnowledgeBase(String knowledgeBaseUuid) {
        GradientIds.requireUuid(knowledgeBaseUuid, "knowledgeBaseUuid");
        String uri = this.base + "/v2/gen-ai/knowledge_bases/" + knowledgeBaseUuid + "/indexing_jobs";
        return call(GradientOperation.LIST_BY_KNOWLEDGE_BASE, HttpMethod.GET, BY_KNOWLEDGE_BASE_TEMPLATE, uri, null,
                knowledgeBaseUuid, null, this.json::readPage);
    }

    @Override
    public Flux<IndexedDataSource> listDataSources(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        String uri = this.base + JOBS_PATH + "/" + jobUuid + "/data_sources";
        return call(GradientOperation.LIST_DATA_SOURCES, HttpMethod.GET, DATA_SOURCES_TEMPLATE, uri, null, null,
                jobUuid, this.json::readDataSources)
            .flatMapIterable((dataSources) -> dataSources);
    }

    @Override
    public Mono<URI> detailsSignedUrl(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        String uri = this.base + JOBS_PATH + "/" + jobUuid + "/details_signed_url";
        return call(GradientOperation.DETAILS_SIGNED_URL, HttpMethod.GET, SIGNED_URL_TEMPLATE, uri, null, null,
                jobUuid, this.json::readSignedUrl)
            .map(DefaultIndexingJobsClient::toUri);
    }

    @Override
    public Mono<IndexingJob> cancel(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        // The id is a checked UUID (hex digits and dashes), so it needs no JSON escaping.
        byte[] body = ("{\"uuid\":\"" + jobUuid + "\"}").getBytes(StandardCharsets.US_ASCII);
        String uri = this.base + JOBS_PATH + "/" + jobUuid + "/cancel";
        return call(GradientOperation.CANCEL, HttpMethod.PUT, CANCEL_TEMPLATE, uri, body, null, jobUuid,
                this.json::readJob);
    }

    @Override
    public Flux<IndexingJob> watch(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        return this.observations.observeFlux(GradientOperation.WATCH, null, jobUuid,
                (state) -> follow(jobUuid, this.settings.watchTimeout()));
    }

    @Override
    public Mono<IndexingJob> awaitCompletion(String jobUuid, Duration timeout) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        return this.observations.observeMono(GradientOperation.WATCH, null, jobUuid, (state) -> follow(jobUuid, timeout)
            .last()
            .flatMap((job) -> (job.phase() == IndexingJobPhase.SUCCEEDED) ? Mono.just(job)
                    : Mono.error(new IndexingJobFailedException(job))));
    }

    /**
     * Polls a job until a terminal phase, emitting each distinct state; fails with
     * {@link IndexingJobTimeoutException} when the job has not ended within the timeout.
     */
    private Flux<IndexingJob> follow(String jobUuid, Duration timeout) {
        return Flux.defer(() -> {
            AtomicReference<IndexingJob> lastSeen = new AtomicReference<>();
            return this.watches.watch(jobUuid)
                .doOnNext(lastSeen::set)
                .takeUntilOther(Mono.delay(timeout))
                .concatWith(Mono.defer(() -> {
                    IndexingJob last = lastSeen.get();
                    return (last != null && last.isTerminal()) ? Mono.empty()
                            : Mono.error(new IndexingJobTimeoutException(jobUuid, timeout, last));
                }));
        });
    }

    @Override
    public RequestBudget budget() {
        return this.budget.isEnabled() ? this.budget : RequestBudget.unlimited();
    }

    /** The request budget, for tests that drive it with virtual time. */
    LocalRequestBudget localBudget() {
        return this.budget;
    }

    /** The watch hub, for tests that drive it with virtual time. */
    WatchHub watchHub() {
        return this.watches;
    }

    /** One logical call: attempts with retries, inside one observation. */
    private <T> Mono<T> call(GradientOperation operation, HttpMethod method, String uriTemplate, String uri,
            byte[] body, String knowledgeBaseUuid, String jobUuid, BodyReader<T> reader) {
        return call(operation, method, uriTemplate, uri, body, knowledgeBaseUuid, jobUuid, reader,
                LocalRequestBudget.Priority.USER);
    }

    private <T> Mono<T> call(GradientOperation operation, HttpMethod method, String uriTemplate, String uri,
            byte[] body, String knowledgeBaseUuid, String jobUuid, BodyReader<T> reader,
            LocalRequestBudget.Priority priority) {
        URI target = URI.create(uri);
        String request = method.name() + " " + target.getRawPath();
        return this.observations.observeMono(operation, knowledgeBaseUuid, jobUuid, (state) -> {
            Mono<T> attempt = this.budget.acquire(priority).flatMap((permit) -> attempt(method, uriTemplate, target,
                    body, request, reader, state, permit).doFinally((signal) -> permit.release()));
            return withRetries(operation, attempt, 0, request, state);
        });
    }

    private <T> Mono<T> withRetries(GradientOperation operation, Mono<T> attempt, int retriesSoFar, String request,
            CallState state) {
        // Each subscription is one call with its own record of what its last retry took from the quota, which a
        // success gives back (or, after no retry, the quota's refill).
        return Mono.defer(() -> {
            RetryQuota quota = this.settings.retries().quota();
            AtomicInteger lastRetryCost = new AtomicInteger(-1);
            return retrying(operation, attempt, retriesSoFar, request, state, lastRetryCost)
                .doOnSuccess((value) -> quota.succeeded(lastRetryCost.get()));
        });
    }

    private <T> Mono<T> retrying(GradientOperation operation, Mono<T> attempt, int retriesSoFar, String request,
            CallState state, AtomicInteger lastRetryCost) {
        return attempt.onErrorResume(GradientException.class, (failure) -> {
            RetryDecider retries = this.settings.retries();
            Duration delay = retries.delayBeforeRetry(operation, failure, retriesSoFar);
            if (delay == null) {
                return Mono.error(failure);
            }
            int cost = retries.acquireRetry(failure);
            if (cost < 0) {
                if (logger.isDebugEnabled()) {
                    logger.debug("Not retrying " + request + ": the retry quota is spent (" + retries.quota()
                            + ") after: " + failure.getMessage());
                }
                return Mono.error(failure);
            }
            lastRetryCost.set(cost);
            if (logger.isDebugEnabled()) {
                logger.debug("Retrying " + request + " in " + delay.toMillis() + " ms (retry " + (retriesSoFar + 1)
                        + " of " + retries.policy().maxRetries() + ") after: " + failure.getMessage());
            }
            state.retried(failure);
            return this.retryDelays.apply(delay)
                .then(Mono.defer(() -> retrying(operation, attempt, retriesSoFar + 1, request, state,
                        lastRetryCost)));
        });
    }

    private <T> Mono<T> attempt(HttpMethod method, String uriTemplate, URI target, byte[] body, String request,
            BodyReader<T> reader, CallState state, Permit permit) {
        WebClient.RequestBodySpec spec = this.webClient.method(method)
            .uri(target)
            .attribute(URI_TEMPLATE_ATTRIBUTE, uriTemplate);
        WebClient.RequestHeadersSpec<?> exchange = (body != null)
                ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
        Duration timeout = this.settings.timeout();
        return new GuardedAttempt<>(exchange.exchangeToMono((response) -> handle(response, request, reader, state, permit)),
                this.attemptDeadlines.apply(timeout), timeout,
                (failure) -> TransportErrors.map(failure, request, timeout, this.settings.maxResponseBytes()),
                this.exchangesInFlight);
    }

    /**
     * How many exchanges are on the wire now. Tests that drive the client with virtual time wait for this to reach
     * zero before they move the clock on, so that no response arrives late in virtual time.
     */
    int exchangesInFlight() {
        return this.exchangesInFlight.get();
    }

    /** The count behind {@link #exchangesInFlight()}. */
    private static final class ExchangesInFlight extends AtomicInteger implements GuardedAttempt.InFlight {

        @Override
        public void started() {
            incrementAndGet();
        }

        @Override
        public void ended() {
            decrementAndGet();
        }

    }

    private <T> Mono<T> handle(ClientResponse response, String request, BodyReader<T> reader, CallState state,
            Permit permit) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        RateLimitStatus rateLimit = ResponseHeaders.rateLimit(headers);
        state.responded(status, rateLimit);
        permit.responded(status, rateLimit,
                (status == 429) ? ResponseHeaders.retryAfter(headers, this.settings.clock()) : null);
        if (status >= 200 && status < 300) {
            return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.settings.maxResponseBytes())
                .map((buffer) -> decode(buffer, status, headers, request, reader))
                .switchIfEmpty(Mono.error(() -> new GradientResponseException(
                        request + " returned " + status + " with an empty body", status, null)));
        }
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(response.body(BodyExtractors.toDataBuffers()),
                MAX_ERROR_BODY_BYTES))
            .map(DefaultIndexingJobsClient::toBytes)
            .defaultIfEmpty(new byte[0])
            .flatMap((bytes) -> Mono.error(GradientApiException.of(errorOf(status, headers, bytes, request))));
    }

    private <T> T decode(DataBuffer buffer, int status, HttpHeaders headers, String request, BodyReader<T> reader) {
        try (InputStream in = buffer.asInputStream(true)) {
            return reader.read(in);
        }
        catch (IOException | JacksonException ex) {
            MediaType contentType = headers.getContentType();
            throw new GradientResponseException(request + " returned " + status + " with a body that is not the "
                    + "expected JSON" + ((contentType != null) ? " (content type " + contentType + ")" : "") + ": "
                    + TransportErrors.firstLine(ex.getMessage()), status, ex);
        }
    }

    private GradientApiError errorOf(int status, HttpHeaders headers, byte[] body, String request) {
        GradientJson.ErrorBody parsed = this.json.readErrorBody(body);
        String id = (parsed != null) ? parsed.id() : null;
        String message = (parsed != null) ? parsed.message() : ErrorBodies.summarize(status, headers, body);
        String requestId = (parsed != null && parsed.requestId() != null) ? parsed.requestId()
                : ResponseHeaders.requestId(headers);
        return new GradientApiError(status, request, id, message, requestId, ResponseHeaders.rateLimit(headers),
                ResponseHeaders.retryAfter(headers, this.settings.clock()), ResponseHeaders.shouldRetry(headers));
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static URI toUri(String signedUrl) {
        try {
            return new URI(signedUrl);
        }
        catch (URISyntaxException ex) {
            throw new GradientResponseException(
                    "details_signed_url returned a signed_url that is not a URI: " + ex.getReason(), 200, ex);
        }
    }

    @Override
    public String toString() {
        return "IndexingJobsClient[baseUrl=" + this.base + ", accessToken=******]";
    }

    /** The polls of the watch hub: plain calls of this client, queued behind the application's own. */
    private final class HubPoller implements WatchHub.Poller {

        @Override
        public Mono<IndexingJob> retrieve(String jobUuid) {
            return call(GradientOperation.RETRIEVE, HttpMethod.GET, JOB_TEMPLATE,
                    DefaultIndexingJobsClient.this.base + JOBS_PATH + "/" + jobUuid, null, null, jobUuid,
                    DefaultIndexingJobsClient.this.json::readJob, LocalRequestBudget.Priority.POLL);
        }

        @Override
        public Mono<IndexingJobPage> page(int page) {
            String uri = DefaultIndexingJobsClient.this.base + JOBS_PATH + "?page=" + page + "&per_page="
                    + PageRequest.MAX_PER_PAGE;
            return call(GradientOperation.LIST, HttpMethod.GET, LIST_TEMPLATE, uri, null, null, null,
                    DefaultIndexingJobsClient.this.json::readPage, LocalRequestBudget.Priority.POLL);
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return RetryDecider.isRetryable(GradientOperation.RETRIEVE, failure);
        }

    }

    /** Reads one kind of success body. */
    @FunctionalInterface
    interface BodyReader<T> {

        T read(InputStream body) throws IOException;

    }

}
