package io.github.gradientspring.client;

import java.time.Duration;
import java.time.Instant;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientAuthenticationException;
import io.github.gradientspring.client.error.GradientBadRequestException;
import io.github.gradientspring.client.error.GradientConflictException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientPermissionDeniedException;
import io.github.gradientspring.client.error.GradientRateLimitException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientUnprocessableEntityException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Error responses become typed exceptions carrying what DigitalOcean said, whatever shape the body has.
 */
class ErrorMappingTests {

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.builder().retryPolicy(RetryPolicy.none()).build();

    @AfterEach
    void close() {
        this.api.close();
    }

    @ParameterizedTest
    @CsvSource({ "400, GradientBadRequestException", "401, GradientAuthenticationException",
            "403, GradientPermissionDeniedException", "404, GradientNotFoundException",
            "409, GradientConflictException", "422, GradientUnprocessableEntityException",
            "429, GradientRateLimitException", "500, GradientServerException", "502, GradientServerException",
            "503, GradientServerException", "418, GradientApiException" })
    void eachStatusFamilyHasItsOwnException(int status, String exceptionName) {
        this.api.enqueueJson(status, "{\"id\":\"some_id\",\"message\":\"Some message.\"}");
        Throwable error = catchThrowable(() -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.getClass().getSimpleName()).isEqualTo(exceptionName);
        assertThat(((GradientApiException) error).statusCode()).isEqualTo(status);
    }

    @Test
    void theErrorBodyAndHeadersAreCarried() {
        this.api.enqueue(MockGradientApi.json(404, MockGradientApi.fixture("error-404.json").replace("}",
                ",\"request_id\":\"4d9d8375-3c56-4925-a3e7-eb137fed17e9\"}"))
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "4816")
            .addHeader("ratelimit-reset", "1444931833")
            .build());
        GradientNotFoundException error = (GradientNotFoundException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.errorId()).isEqualTo("not_found");
        assertThat(error.errorMessage()).isEqualTo("The resource you requested could not be found.");
        assertThat(error.requestId()).isEqualTo("4d9d8375-3c56-4925-a3e7-eb137fed17e9");
        assertThat(error.rateLimit().limit()).isEqualTo(5000L);
        assertThat(error.rateLimit().remaining()).isEqualTo(4816L);
        assertThat(error.rateLimit().reset()).isEqualTo(Instant.ofEpochSecond(1444931833));
        assertThat(error.getMessage()).isEqualTo("Gradient API answered 404 (not_found) to GET /v2/gen-ai/indexing_jobs/"
                + MockGradientApi.JOB + ": The resource you requested could not be found. "
                + "[request id 4d9d8375-3c56-4925-a3e7-eb137fed17e9]");
    }

    @Test
    void theRequestIdFallsBackToTheHeader() {
        this.api.enqueue(MockGradientApi.json(401, MockGradientApi.fixture("error-401.json"))
            .addHeader("x-request-id", "515850a0-a812-50bf-aa3c-d0d21d287e40")
            .build());
        GradientAuthenticationException error = (GradientAuthenticationException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.requestId()).isEqualTo("515850a0-a812-50bf-aa3c-d0d21d287e40");
        assertThat(error.errorId()).isEqualTo("unauthorized");
        assertThat(error.getMessage()).contains("Unable to authenticate you.")
            .contains("gradient.access-token")
            .contains("DIGITALOCEAN_ACCESS_TOKEN");
    }

    @Test
    void aPermissionErrorNamesTheScopes() {
        this.api.enqueueJson(403, "{\"id\":\"forbidden\",\"message\":\"You are not allowed to do this.\"}");
        Throwable error = catchThrowable(() -> this.client.cancel(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientPermissionDeniedException.class).hasMessageContaining("genai:update");
    }

    @Test
    void aRateLimitErrorCarriesRetryAfter() {
        this.api.enqueue(MockGradientApi.json(429, MockGradientApi.fixture("error-429.json"))
            .addHeader("retry-after", "29")
            .addHeader("ratelimit-remaining", "0")
            .build());
        GradientRateLimitException error = (GradientRateLimitException) catchThrowable(
                () -> this.client.list(io.github.gradientspring.client.model.PageRequest.first()).block(Duration.ofSeconds(30)));
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(29));
        assertThat(error.rateLimit().remaining()).isZero();
        assertThat(error.errorMessage()).isEqualTo("API rate limit exceeded.");
    }

    @Test
    void anHtmlErrorPageFromAProxyStillGivesATypedReadableException() {
        this.api.enqueue(new MockResponse.Builder().code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                    + "<script>var x = 1;</script></body></html>")
            .build());
        GradientServerException error = (GradientServerException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.statusCode()).isEqualTo(502);
        assertThat(error.errorId()).isNull();
        assertThat(error.errorMessage()).isEqualTo("Bad Gateway (an HTML page, not DigitalOcean's JSON: 502 Bad Gateway)");
    }

    @Test
    void anEmptyErrorBodyStillGivesATypedException() {
        this.api.enqueue(new MockResponse.Builder().code(500).build());
        GradientServerException error = (GradientServerException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.errorMessage()).isEqualTo("Internal Server Error (no body)");
    }

    @Test
    void aRedirectIsNotFollowedAndSaysSo() {
        this.api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "https://elsewhere.example/x").build());
        GradientApiException error = (GradientApiException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error.statusCode()).isEqualTo(302);
        assertThat(error.errorMessage()).contains("https://elsewhere.example/x").contains("not followed");
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void terminalEscapesAndLineBreaksInTheErrorTextAreRemovedFromTheMessageAndKeptInTheBody() {
        String body = "{\"id\":\"bad\\u001b[2J_id\",\"message\":\"Job \\u001b[31mfailed\\u001b[0m\\r\\n"
                + "2026-01-01 ERROR forged log line\\u0007\\u202e\",\"request_id\":\"r\\n1\"}";
        this.api.enqueueJson(500, body);
        GradientServerException error = (GradientServerException) catchThrowable(
                () -> publicClient().retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error.getMessage()).doesNotContainPattern("[\\p{Cntrl}\\p{Cf}]")
            .doesNotContain("[31m")
            .doesNotContain("[2J")
            .contains("(bad_id)")
            .contains(": Job failed 2026-01-01 ERROR forged log line [request id r 1]");
        assertThat(error.errorMessage()).isEqualTo("Job failed 2026-01-01 ERROR forged log line");
        assertThat(error.responseBody()).isEqualTo(body);
    }

    @Test
    void aHundredKilobyteMessageIsCutAt500CharactersAndTheWholeBodyStaysReachable() {
        String message = "x".repeat(100_000);
        String body = "{\"id\":\"server_error\",\"message\":\"" + message + "\"}";
        this.api.enqueueJson(500, body);
        GradientServerException error = (GradientServerException) catchThrowable(
                () -> publicClient().retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error.errorMessage()).isEqualTo("x".repeat(500) + "… (cut at 500 characters)");
        assertThat(error.getMessage()).hasSizeLessThan(700).contains("(server_error)");
        assertThat(error.responseBody()).isEqualTo(body);
        assertThat(error.error().responseBody()).isEqualTo(body);
    }

    @Test
    void aTextBodyWithTerminalEscapesIsSummarizedWithoutThem() {
        this.api.enqueue(new MockResponse.Builder().code(503)
            .setHeader("Content-Type", "text/plain")
            .body("upstream \u001b[1;31mdown\u001b[0m\nretry later")
            .build());
        GradientServerException error = (GradientServerException) catchThrowable(
                () -> publicClient().retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error.errorMessage()).isEqualTo("Service Unavailable (text/plain body: upstream down retry later)");
        assertThat(error.responseBody()).isEqualTo("upstream \u001b[1;31mdown\u001b[0m\nretry later");
    }

    // Through the public builder only: one attempt, no budget.
    private IndexingJobsClient publicClient() {
        return IndexingJobsClient.builder()
            .accessToken(MockGradientApi.TOKEN)
            .baseUrl(this.api.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .build();
    }

    @Test
    void aSuccessWithMalformedJsonIsAResponseException() {
        this.api.enqueueJson(200, "{\"job\": {\"uuid\": ");
        Throwable error = catchThrowable(() -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientResponseException.class).hasMessageContaining("not the expected JSON");
    }

    @Test
    void aSuccessWithAnEmptyBodyIsAResponseException() {
        this.api.enqueue(new MockResponse.Builder().code(200).build());
        Throwable error = catchThrowable(() -> this.client.cancel(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientResponseException.class).hasMessageContaining("empty body");
    }

    @Test
    void aSuccessWithoutTheEnvelopeIsAResponseException() {
        this.api.enqueueJson(200, "{\"uuid\":\"" + MockGradientApi.JOB + "\"}");
        Throwable error = catchThrowable(() -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientResponseException.class).hasMessageContaining("\"job\"");
    }

    @Test
    void aBodyLargerThanTheLimitFailsClearly() {
        IndexingJobsClient limited = this.api.builder().maxResponseSize(2048).build();
        this.api.enqueueJson(200, "{\"job\":{\"uuid\":\"" + "x".repeat(4096) + "\"}}");
        Throwable error = catchThrowable(() -> limited.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientResponseException.class).hasMessageContaining("larger than the client's limit of 2048 bytes");
    }

}
