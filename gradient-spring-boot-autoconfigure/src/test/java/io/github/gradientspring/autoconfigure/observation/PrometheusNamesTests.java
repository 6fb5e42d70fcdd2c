package io.github.gradientspring.autoconfigure.observation;

import java.io.IOException;
import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus names that {@code docs/observability.md} promises are the ones a scrape shows.
 */
class PrometheusNamesTests {

    private static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        this.server = new MockWebServer();
        this.server.start();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void aScrapeShowsTheDocumentedNamesAndLabels() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig()
            .observationHandler(new DefaultMeterObservationHandler(prometheus));
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken("dop_v1_prometheus_token_0123456789")
            .baseUrl("http://127.0.0.1:" + this.server.getPort())
            .observationRegistry(observations)
            .responseListener(new GradientRateLimitMetrics(prometheus))
            .responseListener(new GradientRetryMetrics(prometheus))
            .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).build())
            .build();
        this.server.enqueue(new MockResponse.Builder().code(503)
            .addHeader("Content-Type", "application/json")
            .body("{\"id\":\"service_unavailable\",\"message\":\"Try again\"}")
            .build());
        this.server.enqueue(new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/json")
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "4999")
            .body("{\"job\":{\"uuid\":\"" + JOB + "\",\"phase\":\"BATCH_JOB_PHASE_CANCELLED\"}}")
            .build());

        client.cancel(JOB).block(Duration.ofSeconds(10));

        String scrape = prometheus.scrape();
        assertThat(scrape).contains("gradient_client_operation_seconds_count{error=\"none\",error_type=\"none\","
                + "gradient_operation=\"cancel\",http_status_code=\"200\",outcome=\"SUCCESS\",retried=\"true\"} 1")
            .contains("gradient_client_operation_seconds_sum{")
            .contains("gradient_client_operation_seconds_max{")
            .contains("gradient_client_operation_active_seconds_count{error_type=\"none\",gradient_operation=\"cancel\"")
            .contains("gradient_client_retries_total{gradient_operation=\"cancel\",reason=\"503\"} 1.0")
            .contains("gradient_client_rate_limit_remaining 4999.0")
            .contains("gradient_client_rate_limit_limit 5000.0")
            .doesNotContain("dop_v1_prometheus_token");
    }

}
