package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The builder checks each setting where it is made, and leaves what it was given untouched.
 */
class BuilderTests {

    private final MockGradientApi api = new MockGradientApi();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void anAccessTokenIsRequired() {
        assertThatIllegalStateException().isThrownBy(() -> IndexingJobsClient.builder().build())
            .withMessageContaining("access token is required")
            .withMessageContaining("DIGITALOCEAN_ACCESS_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void aBlankTokenIsRejected(String token) {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexingJobsClient.builder().accessToken(token))
            .withMessage("accessToken must not be null or blank");
    }

    @Test
    void aTokenThatWouldBreakTheHeaderIsRejectedWithoutBeingShown() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> IndexingJobsClient.builder().accessToken("dop_v1_secret\r\nX-Evil: 1"))
            .withMessageContaining("position 13")
            .withMessageNotContaining("dop_v1_secret");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://api.digitalocean.com", "http://10.0.0.5:8080", "http://gradient.internal" })
    void plainHttpIsRefusedForHostsThatAreNotLoopback(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexingJobsClient.builder().baseUrl(baseUrl))
            .withMessageContaining("plain http")
            .withMessageContaining("unencrypted");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8089", "http://localhost:8089", "http://[::1]:8089",
            "https://api.digitalocean.com", "https://proxy.example.com/do/" })
    void httpsAnywhereAndHttpToLoopbackAreAccepted(String baseUrl) {
        assertThat(IndexingJobsClient.builder().accessToken("t").baseUrl(baseUrl).build()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.digitalocean.com", "/v2", "ftp://api.digitalocean.com", "https://user:pw@api.example.com",
            "https://api.example.com?x=1", "https://exa mple.com" })
    void baseUrlsThatAreNotAbsoluteHttpUrlsAreRejected(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexingJobsClient.builder().baseUrl(baseUrl))
            .withMessageContaining("baseUrl");
    }

    @Test
    void durationsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexingJobsClient.builder().timeout(Duration.ZERO))
            .withMessage("timeout must be positive, but was PT0S");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> IndexingJobsClient.builder().watchInitialInterval(Duration.ofSeconds(-1)))
            .withMessage("watchInitialInterval must be positive, but was PT-1S");
        assertThatIllegalStateException()
            .isThrownBy(() -> IndexingJobsClient.builder()
                .accessToken("t")
                .watchInitialInterval(Duration.ofSeconds(10))
                .watchMaxInterval(Duration.ofSeconds(5))
                .build())
            .withMessageContaining("watchMaxInterval");
    }

    @Test
    void theGivenWebClientBuilderIsClonedNotChanged() {
        WebClient.Builder original = WebClient.builder().defaultHeader("X-Team", "search");
        this.api.builder().webClientBuilder(original).build();
        this.api.enqueueJson(200, "{}");
        original.build().get().uri(this.api.baseUrl() + "/plain").retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getHeaders().get("X-Team")).isEqualTo("search");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("User-Agent")).doesNotContain("gradient-spring-boot");
    }

    @Test
    void theGivenWebClientBuildersSettingsReachTheClientsRequests() {
        WebClient.Builder original = WebClient.builder().defaultHeader("X-Team", "search");
        IndexingJobsClient client = this.api.builder().webClientBuilder(original).build();
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        RecordedRequest request = this.api.take();
        assertThat(request.getHeaders().get("X-Team")).isEqualTo("search");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockGradientApi.TOKEN);
    }

    @Test
    void changesToTheGivenWebClientBuilderAfterBuildingNeverReachTheClient() {
        WebClient.Builder original = WebClient.builder();
        IndexingJobsClient client = this.api.builder().webClientBuilder(original).build();
        // The client builds its WebClient from a clone of the builder, made in build().
        original.defaultHeader("X-Late", "changed after build");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.take().getHeaders().get("X-Late")).isNull();
    }

    @Test
    void theWebClientIsBuiltOnceWhenTheClientIsBuilt() {
        AtomicInteger codecConfigurations = new AtomicInteger();
        WebClient.Builder original = WebClient.builder().codecs((codecs) -> codecConfigurations.incrementAndGet());
        IndexingJobsClient client = this.api.builder().webClientBuilder(original).build();
        assertThat(codecConfigurations).as("codecs made while building the client").hasValue(1);
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(codecConfigurations).as("codecs made by two requests").hasValue(1);
    }

    @Test
    void anAuthorizationHeaderFromTheWebClientBuilderCannotReplaceTheToken() {
        WebClient.Builder original = WebClient.builder().defaultHeader("Authorization", "Bearer someone-else");
        IndexingJobsClient client = this.api.builder().webClientBuilder(original).build();
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.take().getHeaders().values("Authorization"))
            .containsExactly("Bearer " + MockGradientApi.TOKEN);
    }

    @Test
    void retryPolicyValuesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxRetries(-1))
            .withMessage("maxRetries must be 0 or more, but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().jitter(1.5))
            .withMessage("jitter must be between 0 and 1, but was 1.5");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(1)).build())
            .withMessageContaining("maxDelay");
        assertThat(RetryPolicy.defaults().maxRetries()).isEqualTo(2);
        assertThat(RetryPolicy.defaults().initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryPolicy.defaults().maxDelay()).isEqualTo(Duration.ofSeconds(8));
        assertThat(RetryPolicy.defaults().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.none().maxRetries()).isZero();
    }

}
