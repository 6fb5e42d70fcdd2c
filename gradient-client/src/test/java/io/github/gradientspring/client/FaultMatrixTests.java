package io.github.gradientspring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConflictException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The fault matrix of docs/reliability.md: every operation against every kind of failure the simulator can inject,
 * each ending as the document says (retried or not, which exception, within what time), with no pooled connection
 * left in use, and {@code create} reaching the server a second time only when the server said it started no job.
 * <p>
 * Faults are injected once ({@code times(1)}), so a retried case succeeds at its second attempt. Retry waits are
 * recorded, not taken (backoff 1 ms, doubling to at most 5 ms); a wait asked for by {@code retry-after} is asserted
 * on the recorded value, so honouring it costs no time. The cases about timeouts run with a per-attempt timeout of
 * 1 s (the retry after the timed-out attempt must be answered within it, even on a loaded machine); the others with
 * 10 s, which none of them comes near.
 */
class FaultMatrixTests {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    static final Duration OTHER_TIMEOUT = Duration.ofSeconds(10);

    /** How long a case may take besides the timeouts it is about. */
    static final Duration SLACK = Duration.ofSeconds(2);

    private static GradientSimulator simulator;

    private static PoolProbe pool;

    private static String knowledgeBase;

    private static String finishedJob;

    private static int closedPort;

    private final WaitSkippingScheduler waits = new WaitSkippingScheduler();

    @BeforeAll
    static void start() throws IOException {
        simulator = GradientSimulator.builder().manualClock().rateLimits(RateLimits.OFF).start();
        knowledgeBase = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 40_000).dataSource(3, 900))
            .uuid();
        pool = new PoolProbe("fault-matrix", 16);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(simulator.accessToken())
            .baseUrl(simulator.baseUrl())
            .clientConnector(pool.connector())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .build();
        finishedJob = client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
            .block(Duration.ofSeconds(30))
            .uuid();
        simulator.advance(Duration.ofHours(1));
        // Warm-up: the first exchanges of a JVM load classes; no case should pay for that within its timeout.
        for (Op op : Op.values()) {
            op.call(client);
        }
    }

    @AfterAll
    static void stop() {
        pool.close();
        simulator.close();
    }

    @BeforeEach
    void clear() {
        simulator.faults().clear();
        simulator.journal().clear();
    }

    /** The operations, each with a call that blocks for its result and an answer with unknown fields. */
    enum Op {

        CREATE(Operation.CREATE, """
                {"job":{"uuid":"%s","phase":"BATCH_JOB_PHASE_FROM_THE_FUTURE","status":"INDEX_JOB_STATUS_NEW",
                "a_new_field":{"x":[1,2]}},"another":true}"""),
        RETRIEVE(Operation.RETRIEVE, CREATE.unknownFieldsBody),
        LIST(Operation.LIST, """
                {"jobs":[{"uuid":"%s","phase":"BATCH_JOB_PHASE_FROM_THE_FUTURE","a_new_field":1}],
                "links":{"pages":{"something":"new"}},"meta":{"page":1,"pages":1,"total":1,"new":2},"more":[]}"""),
        LIST_BY_KNOWLEDGE_BASE(Operation.LIST_BY_KNOWLEDGE_BASE, LIST.unknownFieldsBody),
        LIST_DATA_SOURCES(Operation.LIST_DATA_SOURCES, """
                {"indexed_data_sources":[{"data_source_uuid":"%s","status":"DATA_SOURCE_STATUS_NEW",
                "a_new_count":"12"}],"more":{}}"""),
        DETAILS_SIGNED_URL(Operation.DETAILS_SIGNED_URL, """
                {"signed_url":"https://reports.example.com/%s.json?X-Amz-Expires=900","expires_in":900}"""),
        CANCEL(Operation.CANCEL, CREATE.unknownFieldsBody);

        final Operation operation;

        final String unknownFieldsBody;

        Op(Operation operation, String unknownFieldsBody) {
            this.operation = operation;
            this.unknownFieldsBody = unknownFieldsBody;
        }

        boolean idempotent() {
            return this != CREATE;
        }

        Object call(IndexingJobsClient client) {
            Duration bound = Duration.ofSeconds(20);
            return switch (this) {
                case CREATE -> client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase)).block(bound);
                case RETRIEVE -> client.retrieve(finishedJob).block(bound);
                case LIST -> client.list(PageRequest.of(1, 5)).block(bound);
                case LIST_BY_KNOWLEDGE_BASE -> client.listByKnowledgeBase(knowledgeBase).block(bound);
                case LIST_DATA_SOURCES -> client.listDataSources(finishedJob).collectList().block(bound);
                case DETAILS_SIGNED_URL -> client.detailsSignedUrl(finishedJob).block(bound);
                case CANCEL -> client.cancel(finishedJob).block(bound);
            };
        }

        /** Checks a result decoded from {@link #unknownFieldsBody}: unknown enum values become UNKNOWN. */
        void checkUnknown(Object result) {
            switch (this) {
                case CREATE, RETRIEVE, CANCEL -> assertThat(((IndexingJob) result).phase())
                    .isEqualTo(IndexingJobPhase.UNKNOWN);
                case LIST, LIST_BY_KNOWLEDGE_BASE -> assertThat(((IndexingJobPage) result).jobs())
                    .singleElement()
                    .satisfies((job) -> assertThat(job.phase()).isEqualTo(IndexingJobPhase.UNKNOWN));
                case LIST_DATA_SOURCES -> assertThat((List<?>) result).singleElement()
                    .satisfies((source) -> assertThat(((IndexedDataSource) source).status())
                        .isEqualTo(DataSourceStatus.UNKNOWN));
                case DETAILS_SIGNED_URL -> assertThat(((URI) result).getHost()).isEqualTo("reports.example.com");
            }
        }

    }

    /** How a case ends for one operation. */
    record Outcome(int attempts, Class<? extends Throwable> error, String message, Duration minWait,
            Duration maxWait) {

        /** Retried once after a wait in [min, max], then the real answer. */
        static Outcome retried(Duration min, Duration max) {
            return new Outcome(2, null, null, min, max);
        }

        /** Retried once after the backoff's first wait (1 ms here). */
        static Outcome retried() {
            return retried(Duration.ofMillis(1), Duration.ofMillis(1));
        }

        /** One attempt, then the given exception. */
        static Outcome fails(Class<? extends Throwable> error, String message) {
            return new Outcome(1, error, message, null, null);
        }

        /** One attempt and a result. */
        static Outcome succeeds() {
            return new Outcome(1, null, null, null, null);
        }

        boolean isRetried() {
            return this.attempts > 1;
        }

    }

    /** The failures, each with what docs/reliability.md says an idempotent operation and {@code create} do. */
    enum Case {

        STATUS_503_RETRY_AFTER(() -> Fault.status(503).retryAfter(Duration.ofSeconds(1)),
                Outcome.retried(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Outcome.retried(Duration.ofSeconds(1), Duration.ofSeconds(1))),
        STATUS_500(() -> Fault.status(500), Outcome.retried(),
                Outcome.fails(GradientServerException.class, "500")),
        STATUS_502_HTML(() -> Fault.htmlErrorPage(502), Outcome.retried(),
                Outcome.fails(GradientServerException.class, "HTML page")),
        STATUS_504(() -> Fault.status(504), Outcome.retried(), Outcome.fails(GradientServerException.class, "504")),
        STATUS_408(() -> Fault.status(408), Outcome.retried(), Outcome.fails(GradientApiException.class, "408")),
        STATUS_409(() -> Fault.status(409), Outcome.retried(), Outcome.fails(GradientConflictException.class, "409")),
        STATUS_429_RETRY_AFTER(() -> Fault.status(429).retryAfter(Duration.ofSeconds(1)),
                Outcome.retried(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Outcome.retried(Duration.ofSeconds(1), Duration.ofSeconds(1))),
        STATUS_429_RETRY_AFTER_MS(() -> Fault.status(429).retryAfterMillis(250),
                Outcome.retried(Duration.ofMillis(250), Duration.ofMillis(250)),
                Outcome.retried(Duration.ofMillis(250), Duration.ofMillis(250))),
        // An HTTP-date has whole seconds: "2 s from now" is between 1 and 2 s away when the client reads it.
        STATUS_429_RETRY_AFTER_HTTP_DATE(() -> Fault.status(429).retryAfterHttpDate(Duration.ofSeconds(2)),
                Outcome.retried(Duration.ofMillis(500), Duration.ofSeconds(2)),
                Outcome.retried(Duration.ofMillis(500), Duration.ofSeconds(2))),
        STATUS_429_NO_RETRY_AFTER(() -> Fault.status(429), Outcome.retried(), Outcome.retried()),
        CONNECTION_REFUSED(null, new Outcome(3, GradientConnectionException.class, "could not connect", null, null),
                new Outcome(3, GradientConnectionException.class, "could not connect", null, null)),
        CONNECTION_RESET(Fault::connectionReset, Outcome.retried(),
                Outcome.fails(GradientConnectionException.class, "lost its connection")),
        CONNECTION_RESET_MID_BODY(Fault::resetMidBody, Outcome.retried(),
                Outcome.fails(GradientConnectionException.class, "lost its connection")),
        HEADERS_AFTER_TIMEOUT(() -> Fault.delay(Duration.ofSeconds(4)), Outcome.retried(),
                Outcome.fails(GradientTimeoutException.class, "per-attempt timeout")),
        BODY_STALLS_MID_WAY(() -> Fault.stallMidBody(Duration.ofSeconds(4)), Outcome.retried(),
                Outcome.fails(GradientTimeoutException.class, "per-attempt timeout")),
        MALFORMED_JSON(Fault::malformedJson, Outcome.fails(GradientResponseException.class, "not the expected JSON"),
                Outcome.fails(GradientResponseException.class, "not the expected JSON")),
        TRUNCATED_BODY(Fault::truncatedJson, Outcome.fails(GradientResponseException.class, "not the expected JSON"),
                Outcome.fails(GradientResponseException.class, "not the expected JSON")),
        EMPTY_200(Fault::emptyBody, Outcome.fails(GradientResponseException.class, "empty body"),
                Outcome.fails(GradientResponseException.class, "empty body")),
        WRONG_CONTENT_TYPE(Fault::wrongContentType, Outcome.succeeds(), Outcome.succeeds()),
        BODY_OF_10_MB(Fault::largeBody, Outcome.fails(GradientResponseException.class, "larger than the client's limit"),
                Outcome.fails(GradientResponseException.class, "larger than the client's limit")),
        UNKNOWN_FIELDS_AND_ENUM_VALUES(null, Outcome.succeeds(), Outcome.succeeds()),
        REDIRECT(null, Outcome.fails(GradientApiException.class, "redirects are not followed"),
                Outcome.fails(GradientApiException.class, "redirects are not followed"));

        private final Supplier<Fault> fault;

        final Outcome idempotent;

        final Outcome create;

        Case(Supplier<Fault> fault, Outcome idempotent, Outcome create) {
            this.fault = fault;
            this.idempotent = idempotent;
            this.create = create;
        }

        Fault fault(Op op) {
            return switch (this) {
                case UNKNOWN_FIELDS_AND_ENUM_VALUES -> Fault.status(200)
                    .withBody("application/json", op.unknownFieldsBody.formatted(finishedJob));
                // Back to this very server: were it followed, the journal would show a second request.
                case REDIRECT -> Fault.redirect(302, simulator.baseUrl() + "/v2/gen-ai/indexing_jobs");
                default -> this.fault.get();
            };
        }

        boolean isTimeout() {
            return this == HEADERS_AFTER_TIMEOUT || this == BODY_STALLS_MID_WAY;
        }

    }

    static Stream<Arguments> matrix() {
        return Stream.of(Op.values())
            .flatMap((op) -> Stream.of(Case.values()).map((fault) -> Arguments.of(op, fault)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void eachFailureEndsAsDocumented(Op op, Case fault) {
        Outcome expected = op.idempotent() ? fault.idempotent : fault.create;
        String baseUrl = (fault == Case.CONNECTION_REFUSED) ? "http://127.0.0.1:" + closedPort : simulator.baseUrl();
        if (fault != Case.CONNECTION_REFUSED) {
            simulator.faults().on(op.operation).times(1).respond(fault.fault(op));
        }
        // Only the cases about timeouts get the short one: a 10 MB body on a loaded machine may take longer.
        IndexingJobsClient client = client(baseUrl, fault.isTimeout() ? ATTEMPT_TIMEOUT : OTHER_TIMEOUT);

        long started = System.nanoTime();
        Object result = null;
        Throwable error = null;
        try {
            result = op.call(client);
        }
        catch (RuntimeException ex) {
            error = ex;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        if (expected.error() == null) {
            assertThat(error).as("the call's failure").isNull();
            assertThat(result).isNotNull();
            if (fault == Case.UNKNOWN_FIELDS_AND_ENUM_VALUES) {
                op.checkUnknown(result);
            }
        }
        else {
            assertThat(error).isExactlyInstanceOf(expected.error()).hasMessageContaining(expected.message());
            assertThat(error).isInstanceOf(GradientException.class);
        }
        List<Duration> recorded = recordedWaits();
        assertThat(recorded).as("retry waits").hasSize(expected.attempts() - 1);
        if (expected.minWait() != null) {
            assertThat(recorded.get(0)).isBetween(expected.minWait(), expected.maxWait());
        }
        if (fault == Case.CONNECTION_REFUSED) {
            assertThat(simulator.journal().total()).isZero();
            assertThat(recorded).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
        }
        else {
            assertThat(simulator.journal().count(op.operation)).as("requests received").isEqualTo(expected.attempts());
            assertThat(simulator.journal().total()).as("requests to any endpoint").isEqualTo(expected.attempts());
        }
        if (op == Op.CREATE) {
            boolean serverSaidNoJob = fault == Case.STATUS_503_RETRY_AFTER || fault.name().startsWith("STATUS_429");
            assertThat(simulator.journal().count(Operation.CREATE)).as("creates sent for one call")
                .isLessThanOrEqualTo(serverSaidNoJob ? 2 : 1);
        }
        Duration bound = SLACK.plus(fault.isTimeout() ? ATTEMPT_TIMEOUT.multipliedBy(expected.attempts()) : Duration.ZERO);
        assertThat(took).as("time the call took").isLessThan(bound);
        if (fault.isTimeout()) {
            assertThat(took).isGreaterThanOrEqualTo(ATTEMPT_TIMEOUT);
        }
        assertThat(pool.pools()).as("pools reporting their gauges").isPositive();
        assertThat(pool.awaitNoneInUse(Duration.ofSeconds(3))).as("pooled connections still in use").isZero();
    }

    private IndexingJobsClient client(String baseUrl, Duration timeout) {
        return IndexingJobsClient.builder()
            .scheduler(this.waits)
            .accessToken(simulator.accessToken())
            .baseUrl(baseUrl)
            .clientConnector(pool.connector())
            .timeout(timeout)
            .retryPolicy(RetryPolicy.builder().jitter(0.0).initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .build();
    }

    private List<Duration> recordedWaits() {
        return this.waits.skippedWaits();
    }

}
