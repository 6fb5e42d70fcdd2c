package io.github.gradientspring.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    private static final String JOBS = "/v2/gen-ai/indexing_jobs";

    private GradientSimulator simulator;
    private Http http;
    private SeededKnowledgeBase kb;
    private String job;

    @BeforeEach
    void start() {
        simulator = Fixtures.manual().rateLimits(RateLimits.OFF).start();
        http = Http.to(simulator);
        kb = Fixtures.docs(simulator);
        job = Fixtures.createJob(http, kb);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Http.Response retrieve() {
        return http.get(JOBS + "/" + job);
    }

    @Test
    void statusFaultAnswersGivenTimesWithRetryAfterThenRecovers() {
        simulator.faults().on(Operation.CANCEL).times(2).respond(Fault.status(503).retryAfter(Duration.ofSeconds(1)));
        String path = JOBS + "/" + job + "/cancel";

        for (int i = 0; i < 2; i++) {
            Http.Response faulted = http.put(path, "{}");
            assertThat(faulted.status()).isEqualTo(503);
            assertThat(faulted.header("retry-after")).isEqualTo("1");
            assertThat(faulted.json().get("id").asString()).isEqualTo("service_unavailable");
            assertThat(faulted.json().get("request_id").asString()).isEqualTo(faulted.header("x-request-id"));
        }
        // The faulted cancels never reached the service: the job was still pending.
        assertThat(retrieve().job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_PENDING");
        assertThat(http.put(path, "{}").job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_CANCELLED");
        assertThat(simulator.journal().count(Operation.CANCEL)).isEqualTo(3);
        assertThat(simulator.faults().pendingRules()).isZero();
    }

    @Test
    void statusFaultOnlyHitsItsOperation() {
        simulator.faults().on(Operation.CREATE).respond(Fault.status(500));
        assertThat(retrieve().status()).isEqualTo(200);
        Http.Response create = http.post(JOBS, Fixtures.createBody(kb.uuid()));
        assertThat(create.status()).isEqualTo(500);
        assertThat(create.json().get("id").asString()).isEqualTo("server_error");
        assertThat(http.get(JOBS).json().get("meta").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void retryHeadersCanBeHttpDateMillisecondsAndShouldRetry() {
        simulator.faults().onAny().respond(Fault.status(429).retryAfterHttpDate(Duration.ofSeconds(30)));
        simulator.faults().onAny().respond(Fault.status(500).retryAfterMillis(250).shouldRetry(false));

        Http.Response dated = retrieve();
        ZonedDateTime date = ZonedDateTime.parse(dated.header("retry-after"), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(date).isAfter(ZonedDateTime.now().plusSeconds(20));
        assertThat(dated.json().get("id").asString()).isEqualTo("too_many_requests");

        Http.Response millis = retrieve();
        assertThat(millis.header("retry-after-ms")).isEqualTo("250");
        assertThat(millis.header("x-should-retry")).isEqualTo("false");
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void statusFaultCanCarryCustomBody() {
        simulator.faults().onAny().respond(Fault.status(422).withBody("application/json", "{\"id\":\"custom\",\"message\":\"m\"}"));
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("id").asString()).isEqualTo("custom");
    }

    @Test
    void delayFaultAnswersTheRealResponseLater() {
        simulator.faults().on(Operation.RETRIEVE).respond(Fault.delay(Duration.ofMillis(300)));
        long started = System.nanoTime();
        Http.Response response = retrieve();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.job().get("uuid").asString()).isEqualTo(job);
    }

    @Test
    void delayedCreateStillStartsTheJob() {
        simulator.faults().on(Operation.CREATE).respond(Fault.delay(Duration.ofMillis(50)));
        assertThat(http.post(JOBS, Fixtures.createBody(kb.uuid())).status()).isEqualTo(200);
        assertThat(http.get(JOBS).json().get("meta").get("total").asInt()).isEqualTo(2);
    }

    @Test
    void anyFaultCanBeDelayedBeforeItsHeaders() {
        simulator.faults().onAny().respond(Fault.status(504).delayedBy(Duration.ofMillis(200)));
        long started = System.nanoTime();
        assertThat(retrieve().status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void stallMidBodySendsHalfTheBodyThenTheRestAfterTheStall() throws IOException {
        simulator.faults().on(Operation.RETRIEVE).respond(Fault.stallMidBody(Duration.ofMillis(800)));
        String expected = retrieveBodyWithoutFaults();
        simulator.faults().on(Operation.RETRIEVE).respond(Fault.stallMidBody(Duration.ofMillis(800)));

        try (Socket socket = rawGet(JOBS + "/" + job)) {
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            String head = readHead(in);
            int length = contentLength(head);
            byte[] firstHalf = in.readNBytes(length / 2);
            Duration firstHalfAfter = Duration.ofNanos(System.nanoTime() - started);
            byte[] rest = in.readNBytes(length - length / 2);
            Duration restAfter = Duration.ofNanos(System.nanoTime() - started);

            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(firstHalfAfter).isLessThan(Duration.ofMillis(700));
            assertThat(restAfter).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(new String(firstHalf, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
    }

    private String retrieveBodyWithoutFaults() {
        simulator.faults().clear();
        return retrieve().body();
    }

    @Test
    void connectionResetClosesWithoutResponse() {
        // java.net.http retries an idempotent GET once after a connection failure, so arm more than one.
        simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.connectionReset());
        assertThatThrownBy(this::retrieve).isInstanceOf(UncheckedIOException.class);
        assertThat(simulator.journal().last().status()).isZero();
        simulator.faults().clear();
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void resetMidBodySendsHeadersAndPartOfTheBodyThenResets() throws IOException {
        simulator.faults().on(Operation.RETRIEVE).respond(Fault.resetMidBody());
        try (Socket socket = rawGet(JOBS + "/" + job)) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            int length = contentLength(head);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                in.transferTo(received);
            }
            catch (IOException expectedReset) {
                // A reset may surface as an exception instead of an end of stream; either way the body is short.
            }
            assertThat(received.size()).isLessThan(length);
        }
        assertThatThrownBy(() -> {
            simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.resetMidBody());
            retrieve();
        }).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void malformedJsonAnswers200WithUnparsableBody() {
        simulator.faults().onAny().respond(Fault.malformedJson());
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThatThrownBy(response::json).isInstanceOf(JacksonException.class);
    }

    @Test
    void truncatedJsonCutsTheRealBodyInHalf() {
        String full = retrieve().body();
        simulator.faults().onAny().respond(Fault.truncatedJson());
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(full.substring(0, full.length() / 2));
        assertThat(response.header("content-length")).isEqualTo(Integer.toString(full.length() / 2));
        assertThatThrownBy(response::json).isInstanceOf(JacksonException.class);
    }

    @Test
    void htmlErrorPageAnswers502TextHtml() {
        simulator.faults().onAny().respond(Fault.htmlErrorPage());
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("content-type")).startsWith("text/html");
        assertThat(response.body()).contains("<html>", "502 Bad Gateway");
    }

    @Test
    void emptyBodyAnswers200WithZeroBytes() {
        simulator.faults().onAny().respond(Fault.emptyBody());
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("content-length")).isEqualTo("0");
    }

    @Test
    void wrongContentTypeLabelsTheRealBodyAsText() {
        simulator.faults().onAny().respond(Fault.wrongContentType());
        Http.Response response = retrieve();
        assertThat(response.header("content-type")).startsWith("text/plain");
        assertThat(response.job().get("uuid").asString()).isEqualTo(job);
    }

    @Test
    void largeBodyAnswersTenMegabytesOfValidJson() {
        simulator.faults().onAny().respond(Fault.largeBody());
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(10 * 1024 * 1024);
        assertThat(response.json().get("padding").asString()).startsWith("xxxx");
    }

    @Test
    void redirectAnswers3xxWithLocation() {
        simulator.faults().onAny().respond(Fault.redirect(307, "http://elsewhere.invalid/v2/gen-ai/indexing_jobs"));
        Http.Response response = retrieve();
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("location")).isEqualTo("http://elsewhere.invalid/v2/gen-ai/indexing_jobs");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void afterRequestsLetsTheFirstRequestsThrough() {
        simulator.faults().on(Operation.RETRIEVE).afterRequests(2).respond(Fault.status(500));
        assertThat(retrieve().status()).isEqualTo(200);
        assertThat(retrieve().status()).isEqualTo(200);
        assertThat(retrieve().status()).isEqualTo(500);
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void alwaysFaultsUntilCleared() {
        simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.status(502));
        for (int i = 0; i < 5; i++) {
            assertThat(retrieve().status()).isEqualTo(502);
        }
        simulator.faults().clear();
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void rulesFireInTheOrderTheyWereArmed() {
        simulator.faults().onAny().respond(Fault.status(500));
        simulator.faults().onAny().respond(Fault.status(503));
        assertThat(retrieve().status()).isEqualTo(500);
        assertThat(retrieve().status()).isEqualTo(503);
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void outageFailsEveryRequestUntilEnded() {
        simulator.faults().outage();
        assertThat(retrieve().status()).isEqualTo(503);
        assertThat(http.post(JOBS, Fixtures.createBody(kb.uuid())).status()).isEqualTo(503);
        assertThat(http.get("/v2/unknown").status()).isEqualTo(503);
        // The admin API stays reachable during an outage, so a test can end it over HTTP too.
        assertThat(http.get("/_simulator/state").status()).isEqualTo(200);
        simulator.faults().endOutage();
        assertThat(retrieve().status()).isEqualTo(200);
    }

    @Test
    void randomModeIsReproducibleForTheSameSeed() {
        List<Integer> first = randomStatuses(42L);
        List<Integer> second = randomStatuses(42L);
        assertThat(first).isEqualTo(second);
        assertThat(first).contains(200, 503);
        long faulted = first.stream().filter(status -> status == 503).count();
        assertThat(faulted).isBetween(10L, 90L);
    }

    private List<Integer> randomStatuses(long seed) {
        simulator.faults().clear();
        simulator.faults().random(seed, 0.3, List.of(Fault.status(503)));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(retrieve().status());
        }
        return statuses;
    }

    @Test
    void randomModePicksAmongTheGivenFaults() {
        simulator.faults().random(7, 1.0, List.of(Fault.status(500), Fault.status(502), Fault.htmlErrorPage(504)));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(retrieve().status());
        }
        assertThat(statuses).containsOnly(500, 502, 504).contains(500, 502, 504);
    }

    @Test
    void clearRemovesRulesRandomModeAndOutage() {
        simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.status(500));
        simulator.faults().random(1, 1.0, List.of(Fault.status(502)));
        simulator.faults().outage();
        simulator.faults().clear();
        assertThat(retrieve().status()).isEqualTo(200);
        assertThat(simulator.faults().pendingRules()).isZero();
    }

    private Socket rawGet(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", simulator.port());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + simulator.accessToken()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Stream ended inside the headers");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("No content-length in " + head);
    }
}
