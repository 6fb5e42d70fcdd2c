package io.github.gradientspring.client;

import java.net.URI;
import java.time.Duration;

import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.IndexingJobFailedException;
import io.github.gradientspring.client.error.IndexingJobTimeoutException;
import io.github.gradientspring.client.internal.DefaultIndexingJobsClientBuilder;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.observation.DefaultGradientObservationConvention;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A reactive client for the knowledge-base indexing jobs of DigitalOcean Gradient
 * ({@code /v2/gen-ai/indexing_jobs}).
 * <p>
 * Every method is lazy: nothing is sent until the result is subscribed to, and cancelling the subscription aborts
 * the exchange and any pending retry or poll. Ids are checked before anything is sent; a bad one fails with
 * {@link IllegalArgumentException} naming the argument. Failures of the API or the network arrive as a
 * {@link GradientException}. Instances are thread-safe; make one per access token and share it.
 *
 * <pre>{@code
 * IndexingJobsClient client = IndexingJobsClient.builder()
 *     .accessToken(System.getenv("DIGITALOCEAN_ACCESS_TOKEN"))
 *     .build();
 * IndexingJob cancelled = client.cancel(jobUuid).block();
 * }</pre>
 * <p>
 * The longest file of the client because it is the whole documented contract: every operation and every builder
 * setting, each with its Javadoc.
 */
public interface IndexingJobsClient {

    /**
     * Starts indexing a knowledge base ({@code POST /v2/gen-ai/indexing_jobs}). Retried only where no job can have
     * started: the connection was refused, or the API answered 429 or 503.
     * @param request the knowledge base and, optionally, which of its data sources to index
     * @return the new job
     */
    Mono<IndexingJob> create(CreateIndexingJobRequest request);

    /**
     * Fetches a job's current state ({@code GET /v2/gen-ai/indexing_jobs/{uuid}}).
     * @param jobUuid the job
     * @return the job
     */
    Mono<IndexingJob> retrieve(String jobUuid);

    /**
     * Fetches one page of the account's indexing jobs, newest first ({@code GET /v2/gen-ai/indexing_jobs}).
     * @param pageRequest which page, and how many jobs per page
     * @return the page
     */
    Mono<IndexingJobPage> list(PageRequest pageRequest);

    /**
     * Streams every indexing job of the account, newest first. Pages are fetched one at a time, and the next only
     * when the subscriber asks for more than the pages so far held; it stops after the last page.
     * @return the jobs
     */
    Flux<IndexingJob> listAll();

    /**
     * Fetches the latest indexing jobs of one knowledge base (the API returns at most 15)
     * ({@code GET /v2/gen-ai/knowledge_bases/{uuid}/indexing_jobs}).
     * @param knowledgeBaseUuid the knowledge base
     * @return the jobs, in a page
     */
    Mono<IndexingJobPage> listByKnowledgeBase(String knowledgeBaseUuid);

    /**
     * Streams the per-data-source results of a job ({@code GET /v2/gen-ai/indexing_jobs/{uuid}/data_sources}).
     * @param jobUuid the job
     * @return the data sources
     */
    Flux<IndexedDataSource> listDataSources(String jobUuid);

    /**
     * Fetches a signed URL to download a job's report
     * ({@code GET /v2/gen-ai/indexing_jobs/{uuid}/details_signed_url}); see
     * {@link IndexingJob#isReportAvailable()}.
     * @param jobUuid the job
     * @return the URL
     */
    Mono<URI> detailsSignedUrl(String jobUuid);

    /**
     * Cancels a job ({@code PUT /v2/gen-ai/indexing_jobs/{uuid}/cancel} with body {@code {"uuid": jobUuid}}).
     * @param jobUuid the job
     * @return the job as the API returned it after the cancel
     */
    Mono<IndexingJob> cancel(String jobUuid);

    /**
     * Follows a job: emits its state now and each time it changes, and completes after a terminal phase. Polls
     * at an interval that starts short and grows while nothing changes. Fails with
     * {@link IndexingJobTimeoutException} after the client's watch timeout.
     * @param jobUuid the job
     * @return each distinct state of the job
     */
    Flux<IndexingJob> watch(String jobUuid);

    /**
     * Waits for a job to end. Succeeds with the job when its phase is {@code SUCCEEDED}; fails with
     * {@link IndexingJobFailedException} when it ends {@code FAILED}, {@code ERROR} or {@code CANCELLED}, and with
     * {@link IndexingJobTimeoutException} when it has not ended within the timeout.
     * @param jobUuid the job
     * @param timeout how long to wait
     * @return the succeeded job
     */
    Mono<IndexingJob> awaitCompletion(String jobUuid, Duration timeout);

    /**
     * Returns the base URL this client sends its requests to, as the builder normalised it (such as
     * {@code https://api.digitalocean.com}); {@code null} from this default, for other implementations. For reports
     * such as the health indicator's; the token is never part of it.
     * @return the base URL, or {@code null}
     */
    default @Nullable URI baseUrl() {
        return null;
    }

    /**
     * Ends every open {@link #watch} and {@link #awaitCompletion} of this client, and of the other clients of its
     * access token (they share one watch hub, as they share the budget), with a {@code GradientException}: their
     * polls stop and their subscribers are told. For test support, which stops the watches a test left open before
     * the next one, and for an application that shuts its work down; this default, for other implementations, does
     * nothing.
     */
    default void stopWatches() {
    }

    /**
     * Returns the request budget this client draws from, shared with every client of the same access token and base
     * URL in this JVM: what is left of it, whether DigitalOcean has paused the token, and a reset for tests. A client
     * that keeps no budget (and this default, for other implementations) reports {@link RequestBudget#unlimited()}.
     * @return the client's request budget
     */
    default RequestBudget budget() {
        return RequestBudget.unlimited();
    }

    /**
     * Starts building a client.
     * @return a new builder
     */
    static Builder builder() {
        return new DefaultIndexingJobsClientBuilder();
    }

    /**
     * Builds an {@link IndexingJobsClient}. Only the access token is required.
     */
    interface Builder {

        /** The API's address when none is set. */
        String DEFAULT_BASE_URL = "https://api.digitalocean.com";

        /**
         * Sets the DigitalOcean API token sent as {@code Authorization: Bearer …}. Required.
         * @param accessToken the token
         * @return this builder
         */
        Builder accessToken(String accessToken);

        /**
         * Sets the API's address; {@value #DEFAULT_BASE_URL} by default. Plain {@code http} is accepted only for a
         * loopback host, such as the simulator.
         * @param baseUrl an absolute URL
         * @return this builder
         */
        Builder baseUrl(String baseUrl);

        /**
         * Sets a {@link WebClient.Builder} to start from, such as Spring Boot's, so that its filters, codecs and
         * customizations apply. It is cloned, never changed.
         * @param webClientBuilder the builder to start from
         * @return this builder
         */
        Builder webClientBuilder(WebClient.Builder webClientBuilder);

        /**
         * Sets the connector that carries requests. Without one, the client makes a Reactor Netty connector that
         * follows no redirects and applies {@link #connectTimeout(Duration)}.
         * @param connector the connector
         * @return this builder
         */
        Builder clientConnector(ClientHttpConnector connector);

        /**
         * Sets how long to wait for a connection; 5 seconds by default. Applies to the connector the client makes.
         * @param connectTimeout the connect timeout
         * @return this builder
         */
        Builder connectTimeout(Duration connectTimeout);

        /**
         * Sets how long one attempt may take, from sending to the last byte of the response; 60 seconds by
         * default. Retries get a fresh timeout each.
         * @param timeout the per-attempt timeout
         * @return this builder
         */
        Builder timeout(Duration timeout);

        /**
         * Sets when and how failed calls are retried; {@link RetryPolicy#defaults()} unless set.
         * @param retryPolicy the policy
         * @return this builder
         */
        Builder retryPolicy(RetryPolicy retryPolicy);

        /**
         * Sets the client-wide quota every retry draws from, so that an outage is not multiplied by the retries;
         * unless set, each client built gets its own {@link RetryQuota#standard()} quota. A quota given here is
         * shared by every client built with it (or with a {@link #copy()} of this builder).
         * {@link RetryQuota#disabled()} lets the {@link RetryPolicy} alone bound the retries.
         * @param retryQuota the quota
         * @return this builder
         */
        Builder retryQuota(RetryQuota retryQuota);

        /**
         * Sets the largest response body the client accepts, in bytes; 4 MiB by default. Larger responses fail
         * with a clear error instead of exhausting memory.
         * @param maxResponseBytes the limit
         * @return this builder
         */
        Builder maxResponseSize(int maxResponseBytes);

        /**
         * Sets the registry that records a {@code gradient.client.operation} observation per call;
         * {@link ObservationRegistry#NOOP} by default.
         * @param observationRegistry the registry
         * @return this builder
         */
        Builder observationRegistry(ObservationRegistry observationRegistry);

        /**
         * Sets the convention that names and tags the {@code gradient.client.operation} observation. Without one,
         * a {@link io.micrometer.observation.GlobalObservationConvention} of the registry that supports
         * {@link GradientObservationContext} applies, else {@link DefaultGradientObservationConvention}.
         * @param observationConvention the convention
         * @return this builder
         */
        Builder observationConvention(GradientObservationConvention observationConvention);

        /**
         * Adds a listener told about every HTTP response the client receives, with its status and rate-limit
         * headers; listeners are called in the order added. See {@link GradientResponseListener}.
         * @param listener the listener
         * @return this builder
         */
        Builder responseListener(GradientResponseListener listener);

        /**
         * Returns an independent copy of this builder with the same settings, so that a variant of a client (such
         * as one with another timeout or no retries, for a health check) can be built without changing this one.
         * The {@link WebClient.Builder} given, if any, is shared; it is cloned at build time anyway.
         * @return a new builder
         */
        Builder copy();

        /**
         * Sets the request budget the client keeps to; {@link RateLimitPolicy#defaults()} (200 requests a minute,
         * 4,000 an hour: 80 % of DigitalOcean's limits) unless set.
         * @param rateLimitPolicy the budget
         * @return this builder
         */
        Builder rateLimitPolicy(RateLimitPolicy rateLimitPolicy);

        /**
         * Sets the first wait between polls of {@link #watch}; 2 seconds by default.
         * @param initialInterval the first poll interval
         * @return this builder
         */
        Builder watchInitialInterval(Duration initialInterval);

        /**
         * Sets the longest wait between polls of {@link #watch}; 30 seconds by default.
         * @param maxInterval the poll interval cap
         * @return this builder
         */
        Builder watchMaxInterval(Duration maxInterval);

        /**
         * Sets how long {@link #watch} follows a job before failing with {@link IndexingJobTimeoutException};
         * 1 hour by default.
         * @param timeout the watch timeout
         * @return this builder
         */
        Builder watchTimeout(Duration timeout);

        /**
         * Sets whether {@link #watch} may refresh several due jobs with one request for a page of the account's job
         * list instead of one {@code retrieve} each; on by default. The sweep assumes that a job in the list is the
         * same representation {@code retrieve} returns; the list's newest-first order only makes it cheaper, and a
         * job the pages did not show is retrieved. Switch it off when the list is not a faithful view of the jobs
         * (a proxy that filters or caches it, say): then every poll is a {@code retrieve}.
         * @param listSweep {@code false} to poll every job with its own {@code retrieve}
         * @return this builder
         */
        Builder watchListSweep(boolean listSweep);

        /**
         * Sets how many jobs {@link #listAll()} asks for per page; 200, the API's maximum, by default.
         * @param pageSize from 1 to 200
         * @return this builder
         */
        Builder listAllPageSize(int pageSize);

        /**
         * Sets the Reactor scheduler the client's waits run on (retry backoff, waits for the request budget, the
         * polls of {@link #watch}) and reads its time from. Without one, waits run on
         * {@link reactor.core.scheduler.Schedulers#parallel()} and durations are measured with the monotonic
         * {@link System#nanoTime()}. Tests pass a {@code VirtualTimeScheduler} to drive a client through hours of
         * budget and polling in milliseconds. A client on a scheduler of its own keeps a request budget of its own.
         * @param scheduler the scheduler
         * @return this builder
         */
        Builder scheduler(Scheduler scheduler);

        /**
         * Sets whether the client shares the request budget of every other client of this JVM built for the same
         * access token and base URL; {@code true} by default, since DigitalOcean counts requests per token, so two
         * budgets for one token could together exceed its limit. The first client built for a token and base URL
         * sets the shared budget's {@link RateLimitPolicy} and {@code retry-after} cap; a later client that asks for
         * another policy shares that budget all the same, with a warning in the log. {@code false} gives this client
         * a budget of its own, for example to give a token's other uses a separate share. A client on a
         * {@linkplain #scheduler(Scheduler) scheduler of its own} always keeps a budget of its own, as does one
         * without a rate limit. The watch hub stays per client.
         * @param sharedBudget whether to share the token's budget
         * @return this builder
         */
        Builder sharedBudget(boolean sharedBudget);

        /**
         * Makes the client a member of a fleet: every instance of the application given a fleet for the same
         * access token and base URL then draws from one request budget in the fleet's store and polls each job
         * watched on several of them once, the holder of the job's lease publishing each state to the others. The
         * store sees no token: the client derives the fleet's scope from a keyed hash of it. When the store cannot
         * be reached, the client runs on its share of the {@linkplain #rateLimitPolicy policy} (divided by the last
         * known number of members) and polls its own watches, and no call fails or hangs because of it. The fleet
         * comes from a module such as {@code gradient-redis} ({@code RedisGradientFleet}); without one (the default)
         * the client budgets alone. Ignored by a client without a rate limit or on a
         * {@linkplain #scheduler(Scheduler) scheduler of its own}.
         * @param fleet the fleet to join
         * @return this builder
         * @see io.github.gradientspring.client.fleet
         */
        Builder fleet(io.github.gradientspring.client.fleet.GradientFleet fleet);

        /**
         * Builds the client.
         * @return the client
         * @throws IllegalStateException when the access token is missing or a setting is invalid
         */
        IndexingJobsClient build();

    }

}
