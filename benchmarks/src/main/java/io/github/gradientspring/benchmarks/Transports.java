package io.github.gradientspring.benchmarks;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Gives both sides of a comparison the same transport: a Reactor Netty client configured as the client's own
 * default connector (no redirects, 5 s connect timeout), each side with a pool of its own, large enough that 64
 * requests in flight never queue for a connection.
 */
public final class Transports {

    /** The dummy token both sides send. */
    public static final String TOKEN = "dop_v1_benchmark0000000000000000000000000000000000000000000000000000";

    static final int MAX_CONNECTIONS = 128;

    private Transports() {
    }

    /** A connector with a pool of its own; {@link #dispose} it when done. */
    public static ReactorClientHttpConnector connector(String name) {
        ConnectionProvider pool = ConnectionProvider.builder(name)
            .maxConnections(MAX_CONNECTIONS)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(30))
            .build();
        HttpClient httpClient = HttpClient.create(pool)
            .followRedirect(false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        return new ReactorClientHttpConnector(httpClient);
    }

    /**
     * The library's client on the given connector, with every other setting at its default but one: its
     * client-side rate limit. By default a client keeps to 80 % of DigitalOcean's limits (200 requests a minute),
     * which is a policy, not a cost: left on, it would be what every benchmark measures.
     */
    public static IndexingJobsClient client(String baseUrl, ReactorClientHttpConnector connector) {
        return client(baseUrl, connector, ObservationRegistry.NOOP);
    }

    /** The same, recording its observations (and its WebClient's) into the given registry. */
    public static IndexingJobsClient client(String baseUrl, ReactorClientHttpConnector connector,
            ObservationRegistry registry) {
        return IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl)
            .clientConnector(connector)
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .observationRegistry(registry)
            .build();
    }

    /** The baseline on the given connector. */
    public static RawWebClient raw(String baseUrl, ReactorClientHttpConnector connector) {
        return raw(baseUrl, connector, ObservationRegistry.NOOP);
    }

    /** The baseline, its WebClient recording {@code http.client.requests} into the given registry. */
    public static RawWebClient raw(String baseUrl, ReactorClientHttpConnector connector, ObservationRegistry registry) {
        return new RawWebClient(baseUrl, TOKEN, connector, registry);
    }

}
