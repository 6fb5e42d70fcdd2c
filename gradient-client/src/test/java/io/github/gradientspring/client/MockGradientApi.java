package io.github.gradientspring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on 127.0.0.1 that speaks like the Gradient API, with the spec's example payloads at hand, and a
 * client pointed at it that takes its retry waits at once and records them.
 */
final class MockGradientApi implements AutoCloseable {

    static final String TOKEN = "dop_v1_test_secret_token_0123456789";

    static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    static final String KB = "9758a232-b351-4c2b-9b2d-3c6f2e1d0a11";

    static final String DS = "5c0e7a2b-1f3d-4e8a-9b6c-7d8e9f0a1b2c";

    final MockWebServer server = new MockWebServer();

    final WaitSkippingScheduler waits;

    MockGradientApi() {
        this(Instant.now());
    }

    /** An API whose client's clock starts at the given instant and moves only by the waits it skips. */
    MockGradientApi(Instant clientStart) {
        this.waits = new WaitSkippingScheduler(clientStart);
        try {
            this.server.start(InetAddress.getByName("127.0.0.1"), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + this.server.getPort();
    }

    IndexingJobsClient.Builder builder() {
        // No jitter, and the waits before retries taken at once and recorded, through the builder's public seams.
        return IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .retryPolicy(RetryPolicy.builder().jitter(0.0).build())
            .scheduler(this.waits);
    }

    IndexingJobsClient client() {
        return builder().build();
    }

    void enqueue(MockResponse response) {
        this.server.enqueue(response);
    }

    void enqueueJson(int status, String body) {
        enqueue(json(status, body).build());
    }

    static MockResponse.Builder json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body);
    }

    void enqueueFixture(String name) {
        enqueueJson(200, fixture(name));
    }

    RecordedRequest take() {
        try {
            RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived");
            }
            return request;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    int requestCount() {
        return this.server.getRequestCount();
    }

    List<Duration> retryWaits() {
        return this.waits.skippedWaits();
    }

    static String fixture(String name) {
        try (InputStream in = MockGradientApi.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String job(String uuid, String phase) {
        return "{\"job\":{\"uuid\":\"" + uuid + "\",\"phase\":\"" + phase + "\"}}";
    }

    @Override
    public void close() {
        this.server.close();
    }

}
