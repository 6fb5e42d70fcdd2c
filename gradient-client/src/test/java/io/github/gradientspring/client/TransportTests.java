package io.github.gradientspring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.netty.handler.logging.LogLevel;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.logging.AdvancedByteBufFormat;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The token goes only to the configured origin, over TLS that is verified: an untrusted certificate fails the call,
 * a redirect is never followed by the client's own connector, and the two settings of a user-supplied connector that
 * would leak the token (following redirects with the JDK client, Reactor Netty's wiretap) are shown doing so, which
 * is why docs/reliability.md calls them unsafe. Plain HTTP to a host other than loopback is refused by the builder
 * ({@code BuilderTests.plainHttpIsRefusedForHostsThatAreNotLoopback}).
 */
class TransportTests {

    private static final String TOKEN = MockGradientApi.TOKEN;

    private static final HeldCertificate CERTIFICATE = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .build();

    private final List<MockWebServer> servers = new ArrayList<>();

    private final WaitSkippingScheduler waits = new WaitSkippingScheduler();

    @AfterEach
    void close() {
        this.servers.forEach(MockWebServer::close);
    }

    private MockWebServer server(boolean https) throws IOException {
        MockWebServer server = new MockWebServer();
        if (https) {
            server.useHttps(new HandshakeCertificates.Builder().heldCertificate(CERTIFICATE).build().sslSocketFactory());
        }
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        this.servers.add(server);
        return server;
    }

    private MockWebServer server(HandshakeCounter handshakes) throws IOException {
        MockWebServer server = new MockWebServer();
        server.useHttps(handshakes);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        this.servers.add(server);
        return server;
    }

    // Through the public builder only; retries would come at once (1 ms), so a test that counts them waits for none.
    private static IndexingJobsClient.Builder publicBuilder(String baseUrl) {
        return IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl)
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .retryPolicy(RetryPolicy.builder()
                .initialDelay(Duration.ofMillis(1))
                .maxDelay(Duration.ofMillis(1))
                .jitter(0.0)
                .build());
    }

    private IndexingJobsClient.Builder builder(String baseUrl) {
        return IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl)
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .retryPolicy(RetryPolicy.builder().jitter(0.0).build())
            .scheduler(this.waits);
    }

    private static String httpsUrl(MockWebServer server) {
        return "https://127.0.0.1:" + server.getPort();
    }

    private static MockResponse job() {
        return MockGradientApi.json(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING")).build();
    }

    @Test
    void anUntrustedCertificateFailsTheCallWithAConnectionException() throws IOException {
        MockWebServer server = server(true);
        IndexingJobsClient client = builder(httpsUrl(server)).retryPolicy(RetryPolicy.none()).build();
        long started = System.nanoTime();
        Throwable error = catchThrowable(() -> client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error).isExactlyInstanceOf(GradientConnectionException.class)
            .hasMessageContaining("could not establish a trusted TLS connection");
        assertThat(((GradientConnectionException) error).requestSent()).as("no request byte went out").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.getRequestCount()).as("requests the server read").isZero();
    }

    @Test
    void anUntrustedCertificateIsNotRetriedAndSaysToCheckTheChainAndTheTrustStore() throws IOException {
        HandshakeCounter handshakes = new HandshakeCounter(CERTIFICATE);
        MockWebServer server = server(handshakes);
        IndexingJobsClient client = publicBuilder(httpsUrl(server)).build();
        Throwable error = catchThrowable(() -> client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error).isExactlyInstanceOf(GradientConnectionException.class)
            .hasMessageContaining("could not establish a trusted TLS connection")
            .hasMessageContaining("certificate chain")
            .hasMessageContaining("trust store")
            .hasMessageContaining("not retried")
            .hasMessageNotContaining(TOKEN);
        assertThat(handshakes.count()).as("TLS handshakes").isEqualTo(1);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anUntrustedCertificateIsNotRetriedForCreateEither() throws IOException {
        HandshakeCounter handshakes = new HandshakeCounter(CERTIFICATE);
        MockWebServer server = server(handshakes);
        IndexingJobsClient client = publicBuilder(httpsUrl(server)).build();
        Throwable error = catchThrowable(() -> client.create(
                io.github.gradientspring.client.model.CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB))
            .block(Duration.ofSeconds(10)));
        assertThat(error).isExactlyInstanceOf(GradientConnectionException.class);
        assertThat(((GradientConnectionException) error).requestSent()).isFalse();
        assertThat(handshakes.count()).as("TLS handshakes").isEqualTo(1);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCertificateForAnotherHostIsNotRetriedAndSaysToCheckTheHostname() throws IOException {
        HeldCertificate elsewhere = new HeldCertificate.Builder().addSubjectAlternativeName("gradient.example.com")
            .build();
        HandshakeCounter handshakes = new HandshakeCounter(elsewhere);
        MockWebServer server = server(handshakes);
        HttpClient trusting = HttpClient.create()
            .secure((spec) -> spec.sslContext(Http11SslContextSpec.forClient()
                .configure((ssl) -> ssl.trustManager(elsewhere.certificate()))));
        IndexingJobsClient client = publicBuilder(httpsUrl(server))
            .clientConnector(new ReactorClientHttpConnector(trusting))
            .build();
        Throwable error = catchThrowable(() -> client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error).isExactlyInstanceOf(GradientConnectionException.class)
            .hasMessageContaining("could not establish a trusted TLS connection")
            .hasMessageContaining("hostname")
            .hasMessageContaining("127.0.0.1")
            .hasMessageNotContaining(TOKEN);
        assertThat(handshakes.count()).as("TLS handshakes").isEqualTo(1);
    }

    @Test
    void aCertificateTheApplicationTrustsWorksAndReceivesTheToken() throws Exception {
        MockWebServer server = server(true);
        server.enqueue(job());
        HttpClient trusting = HttpClient.create()
            .secure((spec) -> spec.sslContext(Http11SslContextSpec.forClient()
                .configure((ssl) -> ssl.trustManager(CERTIFICATE.certificate()))));
        IndexingJobsClient client = builder(httpsUrl(server))
            .clientConnector(new ReactorClientHttpConnector(trusting))
            .build();
        assertThat(client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)).uuid()).isEqualTo(MockGradientApi.JOB);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void theClientsOwnConnectorDoesNotFollowARedirectToAnotherHost() throws IOException {
        MockWebServer elsewhere = server(false);
        MockWebServer api = server(false);
        api.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", "http://localhost:" + elsewhere.getPort() + "/v2/gen-ai/indexing_jobs/"
                    + MockGradientApi.JOB)
            .build());
        IndexingJobsClient client = builder("http://127.0.0.1:" + api.getPort()).build();
        Throwable error = catchThrowable(() -> client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        assertThat(error).isExactlyInstanceOf(GradientApiException.class).hasMessageContaining("redirects are not followed");
        assertThat(elsewhere.getRequestCount()).as("requests to the other host").isZero();
        assertThat(api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aUserConnectorThatFollowsRedirectsWithReactorNettyDropsTheTokenForAnotherHost() throws Exception {
        MockWebServer elsewhere = server(false);
        elsewhere.enqueue(job());
        MockWebServer api = server(false);
        api.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", "http://localhost:" + elsewhere.getPort() + "/v2/gen-ai/indexing_jobs/"
                    + MockGradientApi.JOB)
            .build());
        IndexingJobsClient client = builder("http://127.0.0.1:" + api.getPort())
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
            .build();
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        RecordedRequest redirected = elsewhere.takeRequest();
        assertThat(redirected.getHeaders().get("Authorization")).as("Reactor Netty drops it across hosts").isNull();
    }

    @Test
    void aUserJdkConnectorThatFollowsRedirectsIsUnsafe() throws Exception {
        MockWebServer elsewhere = server(false);
        elsewhere.enqueue(job());
        MockWebServer api = server(false);
        api.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", "http://localhost:" + elsewhere.getPort() + "/v2/gen-ai/indexing_jobs/"
                    + MockGradientApi.JOB)
            .build());
        java.net.http.HttpClient following = java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.ALWAYS)
            .build();
        IndexingJobsClient client = builder("http://127.0.0.1:" + api.getPort())
            .clientConnector(new JdkClientHttpConnector(following))
            .build();
        client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        RecordedRequest redirected = elsewhere.takeRequest();
        // The JDK client replays the Authorization header to the host the redirect names: the reason the
        // auto-configuration always builds its connector with redirects off, and docs/reliability.md says never to
        // hand the client a connector that follows them.
        assertThat(redirected.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void reactorNettysWiretapInAUserConnectorPrintsTheToken() throws IOException {
        MockWebServer api = server(false);
        api.enqueue(job());
        List<ILoggingEvent> logs = CapturedLogs.capture("reactor.netty.wiretap", Level.TRACE, () -> {
            HttpClient wiretapped = HttpClient.create()
                .wiretap("reactor.netty.wiretap", LogLevel.DEBUG, AdvancedByteBufFormat.TEXTUAL);
            IndexingJobsClient client = builder("http://127.0.0.1:" + api.getPort())
                .clientConnector(new ReactorClientHttpConnector(wiretapped))
                .build();
            client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        });
        assertThat(logs).anySatisfy((event) -> assertThat(event.getFormattedMessage()).contains(TOKEN));
    }

    @Test
    void theClientsOwnConnectorHasNoWiretapEvenWithReactorNettyAtTrace() throws IOException {
        MockWebServer api = server(false);
        api.enqueue(job());
        List<ILoggingEvent> logs = CapturedLogs.capture("reactor.netty", Level.TRACE, () -> builder("http://127.0.0.1:" + api.getPort())
            .build()
            .retrieve(MockGradientApi.JOB)
            .block(Duration.ofSeconds(10)));
        assertThat(logs).as("Reactor Netty logged at TRACE").isNotEmpty();
        assertThat(logs).noneSatisfy((event) -> assertThat(event.getFormattedMessage()).contains(TOKEN));
        // A wiretap's lines are "[id, L:… - R:…] WRITE: 123B …" and "READ: …".
        assertThat(logs).noneSatisfy((event) -> assertThat(event.getFormattedMessage())
            .containsPattern("\\] (WRITE|READ): \\d+B"));
    }

    /** The server's TLS sockets, counted: one per handshake a client starts. */
    private static final class HandshakeCounter extends SSLSocketFactory {

        private final SSLSocketFactory delegate;

        private final AtomicInteger count = new AtomicInteger();

        HandshakeCounter(HeldCertificate certificate) {
            this.delegate = new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory();
        }

        int count() {
            return this.count.get();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            this.count.incrementAndGet();
            return this.delegate.createSocket(socket, host, port, autoClose);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return this.delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return this.delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            this.count.incrementAndGet();
            return this.delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            this.count.incrementAndGet();
            return this.delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            this.count.incrementAndGet();
            return this.delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            this.count.incrementAndGet();
            return this.delegate.createSocket(address, port, localAddress, localPort);
        }

    }

}
