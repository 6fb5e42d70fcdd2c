package io.github.gradientspring.client.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RequestBudget;
import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.internal.GradientExchange.BodyReader;
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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * The {@link IndexingJobsClient}: a thin facade of endpoints. Each method checks its arguments, describes its
 * request and hands it to {@link #call}, which wraps one {@link GradientExchange} attempt in the request budget, the
 * retries and one observation; {@code watch} goes through the {@link WatchHub}, which polls through the same path.
 * <p>
 * Its length is that of the API: ten operations, the paging of {@code listAll} and the poller the watch hub uses,
 * each a few lines over {@link #call}.
 */
final class DefaultIndexingJobsClient implements IndexingJobsClient {

    static final String JOBS_PATH = "/v2/gen-ai/indexing_jobs";

    static final String JOB_TEMPLATE = JOBS_PATH + "/{uuid}";

    static final String CANCEL_TEMPLATE = JOB_TEMPLATE + "/cancel";

    static final String DATA_SOURCES_TEMPLATE = JOB_TEMPLATE + "/data_sources";

    static final String SIGNED_URL_TEMPLATE = JOB_TEMPLATE + "/details_signed_url";

    static final String LIST_TEMPLATE = JOBS_PATH + "?page={page}&per_page={per_page}";

    static final String BY_KNOWLEDGE_BASE_TEMPLATE = "/v2/gen-ai/knowledge_bases/{uuid}/indexing_jobs";

    private static final GradientExchange.ResponseFeedback NO_FEEDBACK = (status, rateLimit, retryAfter) -> {
    };

    private final GradientJson json = GradientJson.INSTANCE;

    private final ClientSettings settings;

    private final String base;

    private final GradientExchange exchange;

    private final RetryStep retries;

    private final ClientBudget budget;

    private final OperationObservations observations;

    private final ClientTime time;

    private final WatchHub watches;

    DefaultIndexingJobsClient(GradientExchange exchange, ClientSettings settings, ClientBudget budget,
            ClientTime time) {
        this.exchange = exchange;
        this.settings = settings;
        this.base = settings.baseUrl().toString();
        this.retries = new RetryStep(settings.retries(), time);
        this.budget = budget;
        this.observations = new OperationObservations(settings);
        this.time = time;
        // Shared like the budget: the clients of one token poll each watched job once between them.
        // In fleet mode it polls only the jobs this member holds the lease of, and hears of the others from the fleet.
        FleetWatchLink fleet = (budget instanceof FleetRequestBudget shared) ? new FleetWatchLink(shared.scope(), time)
                : null;
        this.watches = budget.watchHub(() -> new WatchHub(new HubPoller(), settings.watchInitialInterval(),
                settings.watchMaxInterval(), time::timers, settings.watchListSweep(), fleet));
    }

    @Override
    public Mono<IndexingJob> create(CreateIndexingJobRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        return call(request(GradientOperation.CREATE, HttpMethod.POST, JOBS_PATH, JOBS_PATH,
                this.json.writeCreate(request), request.knowledgeBaseUuid(), null), this.json::readJob);
    }

    @Override
    public Mono<IndexingJob> retrieve(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        return call(retrieveRequest(jobUuid), this.json::readJob);
    }

    @Override
    public Mono<IndexingJobPage> list(PageRequest pageRequest) {
        if (pageRequest == null) {
            throw new IllegalArgumentException("pageRequest must not be null");
        }
        return call(listRequest(pageRequest), this.json::readPage);
    }

    @Override
    public Flux<IndexingJob> listAll() {
        PageRequest first = PageRequest.of(1, this.settings.listAllPageSize());
        // concatMap fetches a page, then asks for the next page number as soon as that page's Flux ends, whether or
        // not the subscriber wants more. So each page's Flux ends with a marker, which (like any value) is passed on
        // only when the subscriber asks for it, that is for a job beyond the page's last: the next page is fetched
        // only when the subscriber wants more jobs than the pages so far held, and never two at once. The marker of
        // the last page ends the listing.
        return Flux.<PageRequest, PageRequest>generate(() -> first, (next, sink) -> {
                sink.next(next);
                return next.next();
            })
            .concatMap((request) -> list(request).flatMapMany((page) -> Flux.fromIterable(page.jobs())
                .map(Listed::of)
                .concatWith(Mono.just(Listed.endOf(page)))), 0)
            .takeUntil(Listed::endsTheListing)
            .mapNotNull(Listed::job);
    }

    @Override
    public Mono<IndexingJobPage> listByKnowledgeBase(String knowledgeBaseUuid) {
        GradientIds.requireUuid(knowledgeBaseUuid, "knowledgeBaseUuid");
        return call(request(GradientOperation.LIST_BY_KNOWLEDGE_BASE, HttpMethod.GET, BY_KNOWLEDGE_BASE_TEMPLATE,
                "/v2/gen-ai/knowledge_bases/" + knowledgeBaseUuid + "/indexing_jobs", null, knowledgeBaseUuid, null),
                this.json::readPage);
    }

    @Override
    public Flux<IndexedDataSource> listDataSources(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        return call(request(GradientOperation.LIST_DATA_SOURCES, HttpMethod.GET, DATA_SOURCES_TEMPLATE,
                JOBS_PATH + "/" + jobUuid + "/data_sources", null, null, jobUuid), this.json::readDataSources)
            .flatMapIterable((dataSources) -> dataSources);
    }

    @Override
    public Mono<URI> detailsSignedUrl(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        return call(request(GradientOperation.DETAILS_SIGNED_URL, HttpMethod.GET, SIGNED_URL_TEMPLATE,
                JOBS_PATH + "/" + jobUuid + "/details_signed_url", null, null, jobUuid), this.json::readSignedUrl)
            .map(DefaultIndexingJobsClient::toUri);
    }

    @Override
    public Mono<IndexingJob> cancel(String jobUuid) {
        GradientIds.requireUuid(jobUuid, "jobUuid");
        // The id is a checked UUID (hex digits and dashes), so it needs no JSON escaping.
        byte[] body = ("{\"uuid\":\"" + jobUuid + "\"}").getBytes(StandardCharsets.US_ASCII);
        return call(request(GradientOperation.CANCEL, HttpMethod.PUT, CANCEL_TEMPLATE,
                JOBS_PATH + "/" + jobUuid + "/cancel", body, null, jobUuid), this.json::readJob);
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

    @Override
    public URI baseUrl() {
        return this.settings.baseUrl();
    }

    @Override
    public void stopWatches() {
        this.watches.stopAll(new GradientException("The watch was stopped: stopWatches() was called on a client "
                + "of its access token"));
    }

    @Override
    public RequestBudget budget() {
        return this.budget.isEnabled() ? this.budget : RequestBudget.unlimited();
    }

    /**
     * Polls a job until a terminal phase, emitting each distinct state; fails with
     * {@link IndexingJobTimeoutException} when the job has not ended within the timeout.
     */
    private Flux<IndexingJob> follow(String jobUuid, Duration timeout) {
        return Flux.defer(() -> {
            AtomicReference<@Nullable IndexingJob> lastSeen = new AtomicReference<>();
            return this.watches.watch(jobUuid)
                .doOnNext(lastSeen::set)
                .takeUntilOther(Mono.delay(timeout, this.time.timers()))
                .concatWith(Mono.defer(() -> {
                    IndexingJob last = lastSeen.get();
                    return (last != null && last.isTerminal()) ? Mono.empty()
                            : Mono.error(new IndexingJobTimeoutException(jobUuid, timeout, last));
                }));
        });
    }

    /** One logical call: attempts, each after a slot of the budget, with retries, inside one observation. */
    private <T> Mono<T> call(GradientRequest request, BodyReader<T> reader) {
        return call(request, reader, LocalRequestBudget.Priority.USER);
    }

    private <T> Mono<T> call(GradientRequest request, BodyReader<T> reader, LocalRequestBudget.Priority priority) {
        return this.observations.observeMono(request.operation(), request.knowledgeBaseUuid(), request.jobUuid(),
                (state) -> {
                    // Each attempt takes a slot of the budget first and tells it what the response said; the slot is
                    // released however the attempt ends.
                    // (Without a rate limit there is no slot to take and nothing to tell: the attempt alone.)
                    Mono<T> attempt = !this.budget.isEnabled()
                            ? Mono.defer(() -> this.exchange.attempt(request, reader, state, NO_FEEDBACK))
                            : this.budget.acquire(priority).flatMap((permit) -> this.exchange
                                .attempt(request, reader, state, permit::responded)
                                .doFinally((signal) -> permit.release()));
                    return this.retries.withRetries(request, attempt, state);
                });
    }

    private GradientRequest request(GradientOperation operation, HttpMethod method, String uriTemplate, String path,
            byte @Nullable [] body, @Nullable String knowledgeBaseUuid, @Nullable String jobUuid) {
        return new GradientRequest(operation, method, uriTemplate, URI.create(this.base + path), body,
                knowledgeBaseUuid, jobUuid);
    }

    private GradientRequest retrieveRequest(String jobUuid) {
        return request(GradientOperation.RETRIEVE, HttpMethod.GET, JOB_TEMPLATE, JOBS_PATH + "/" + jobUuid, null, null,
                jobUuid);
    }

    private GradientRequest listRequest(PageRequest page) {
        return request(GradientOperation.LIST, HttpMethod.GET, LIST_TEMPLATE,
                JOBS_PATH + "?page=" + page.page() + "&per_page=" + page.perPage(), null, null, null);
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

    /** A job of {@link #listAll()}, or the marker after the last job of a page (no job). */
    private record Listed(@Nullable IndexingJob job, boolean endsTheListing) {

        static Listed of(IndexingJob job) {
            return new Listed(job, false);
        }

        static Listed endOf(IndexingJobPage page) {
            return new Listed(null, !page.hasNext());
        }

    }

    /** The polls of the watch hub: plain calls of this client, queued behind the application's own. */
    private final class HubPoller implements WatchHub.Poller {

        @Override
        public Mono<IndexingJob> retrieve(String jobUuid) {
            return call(retrieveRequest(jobUuid), DefaultIndexingJobsClient.this.json::readJob,
                    LocalRequestBudget.Priority.POLL);
        }

        @Override
        public Mono<IndexingJobPage> page(int page) {
            return call(listRequest(PageRequest.of(page, PageRequest.MAX_PER_PAGE)),
                    DefaultIndexingJobsClient.this.json::readPage, LocalRequestBudget.Priority.POLL);
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return RetryDecider.isRetryable(GradientOperation.RETRIEVE, failure);
        }

        @Override
        public @Nullable Duration retryAfter(Throwable failure) {
            return DefaultIndexingJobsClient.this.settings.retries().honouredRetryAfter(failure);
        }

    }

}
