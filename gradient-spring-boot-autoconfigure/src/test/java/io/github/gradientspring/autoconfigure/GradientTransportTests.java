package io.github.gradientspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.model.IndexingJob;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The token goes only to the configured origin, through the auto-configured client, with either reactive connector
 * Boot offers ({@code spring.http.clients.reactive.connector=reactor} and {@code =jdk}): a redirect to another host
 * is never followed, even when {@code spring.http.clients.redirects=follow} asks for it; an https base URL with an
 * untrusted certificate fails; and the SSL bundle of {@code spring.http.clients.ssl.bundle} reaches the connector.
 */
class GradientTransportTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final HeldCertificate CERTIFICATE = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .build();

    private MockWebServer api;

    private MockWebServer elsewhere;

    @TempDir
    Path directory;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ReactiveHttpClientAutoConfiguration.class, JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
        .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN, "gradient.rate-limit.enabled=false");

    @BeforeEach
    void start() throws IOException {
        this.elsewhere = WireFixtures.startServer();
    }

    @AfterEach
    void stop() {
        this.elsewhere.close();
        if (this.api != null) {
            this.api.close();
        }
    }

    private void startApi(boolean https) throws IOException {
        this.api = new MockWebServer();
        if (https) {
            this.api.useHttps(new HandshakeCertificates.Builder().heldCertificate(CERTIFICATE).build().sslSocketFactory());
        }
        this.api.start(InetAddress.getLoopbackAddress(), 0);
    }

    @ParameterizedTest(name = "connector={0}")
    @ValueSource(strings = { "reactor", "jdk" })
    void aRedirectToAnotherHostIsNotFollowedEvenWhenBootIsToldToFollowRedirects(String connector) throws Exception {
        startApi(false);
        // Another port, and another host name: whichever rule a connector uses to keep or drop the header on a
        // redirect, this one changes origin by every one of them.
        this.api.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", "http://localhost:" + this.elsewhere.getPort() + "/v2/gen-ai/indexing_jobs/"
                    + WireFixtures.JOB_UUID)
            .build());
        this.elsewhere.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner
            .withPropertyValues("gradient.base-url=" + WireFixtures.baseUrl(this.api),
                    "spring.http.clients.reactive.connector=" + connector, "spring.http.clients.redirects=follow",
                    "gradient.retry.max-retries=0")
            .run((context) -> {
                Throwable error = catchThrowable(
                        () -> context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID).block(WAIT));
                assertThat(error).isExactlyInstanceOf(GradientApiException.class)
                    .hasMessageContaining("redirects are not followed");
            });
        RecordedRequest first = this.api.takeRequest();
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + WireFixtures.TOKEN);
        assertThat(this.elsewhere.getRequestCount()).as("requests the other host received").isZero();
    }

    @ParameterizedTest(name = "connector={0}")
    @ValueSource(strings = { "reactor", "jdk" })
    void anHttpsBaseUrlWithAnUntrustedCertificateFails(String connector) throws Exception {
        startApi(true);
        this.contextRunner
            .withPropertyValues("gradient.base-url=https://127.0.0.1:" + this.api.getPort(),
                    "spring.http.clients.reactive.connector=" + connector, "gradient.retry.max-retries=0")
            .run((context) -> {
                Throwable error = catchThrowable(
                        () -> context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID).block(WAIT));
                assertThat(error).isExactlyInstanceOf(GradientConnectionException.class);
                assertThat(((GradientConnectionException) error).requestSent()).isFalse();
            });
        assertThat(this.api.getRequestCount()).isZero();
    }

    @ParameterizedTest(name = "connector={0}")
    @ValueSource(strings = { "reactor", "jdk" })
    void theSslBundleOfSpringHttpClientsReachesTheConnector(String connector) throws Exception {
        startApi(true);
        this.api.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        Path trusted = this.directory.resolve("gradient-ca.pem");
        Files.writeString(trusted, CERTIFICATE.certificatePem(), StandardCharsets.US_ASCII);
        this.contextRunner
            .withPropertyValues("gradient.base-url=https://127.0.0.1:" + this.api.getPort(),
                    "spring.http.clients.reactive.connector=" + connector,
                    "spring.ssl.bundle.pem.gradient-api.truststore.certificate=file:" + trusted,
                    "spring.http.clients.ssl.bundle=gradient-api")
            .run((context) -> {
                IndexingJob job = context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID).block(WAIT);
                assertThat(job.uuid()).isEqualTo(WireFixtures.JOB_UUID);
            });
        assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + WireFixtures.TOKEN);
    }

}
