package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageLinks;
import io.github.gradientspring.client.model.PageMeta;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The baseline: what a careful developer writes with a bare {@link WebClient} to make the same requests and get the
 * same records, at its fair best. One snake_case Jackson 3 mapper made once and installed as the JSON decoder, ready
 * {@link URI}s instead of template expansion, the same headers (Bearer token, {@code Accept}, the client's
 * {@code User-Agent}) and the same body bytes. No retries, timeouts or observations: that is the client's overhead
 * being measured.
 */
public final class RawWebClient {

    /** The same mapper settings as the client's own: snake_case, unknown fields ignored. */
    static final JsonMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    /** Byte for byte the {@code User-Agent} the client sends. */
    static final String USER_AGENT = "gradient-spring-boot/" + clientVersion() + " (Java "
            + System.getProperty("java.version", "unknown") + ")";

    private final WebClient webClient;

    private final String jobsUrl;

    public RawWebClient(String baseUrl, String accessToken, ClientHttpConnector connector) {
        this(baseUrl, accessToken, connector, ObservationRegistry.NOOP);
    }

    public RawWebClient(String baseUrl, String accessToken, ClientHttpConnector connector,
            ObservationRegistry observationRegistry) {
        this.jobsUrl = baseUrl + "/v2/gen-ai/indexing_jobs";
        this.webClient = WebClient.builder()
            .observationRegistry(observationRegistry)
            .clientConnector(connector)
            .codecs((codecs) -> {
                codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(MAPPER));
                codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024);
            })
            .defaultHeaders((headers) -> {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
                headers.set(HttpHeaders.ACCEPT, "application/json");
                headers.set(HttpHeaders.USER_AGENT, USER_AGENT);
            })
            .build();
    }

    /** {@code PUT …/indexing_jobs/{uuid}/cancel} with {@code {"uuid": …}}, as the client sends it. */
    public Mono<IndexingJob> cancel(String jobUuid) {
        byte[] body = ("{\"uuid\":\"" + jobUuid + "\"}").getBytes(StandardCharsets.US_ASCII);
        return this.webClient.put()
            .uri(URI.create(this.jobsUrl + "/" + jobUuid + "/cancel"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .retrieve()
            .bodyToMono(JobEnvelope.class)
            .map(JobEnvelope::job);
    }

    /** {@code GET …/indexing_jobs?page&per_page}, as the client sends it. */
    public Mono<IndexingJobPage> list(int page, int perPage) {
        return this.webClient.get()
            .uri(URI.create(this.jobsUrl + "?page=" + page + "&per_page=" + perPage))
            .retrieve()
            .bodyToMono(JobsEnvelope.class)
            .map(JobsEnvelope::toPage);
    }

    /** Decodes a list page from bytes with the baseline's mapper: the fastest a bare Jackson decode gets. */
    static IndexingJobPage decodePage(byte[] json) {
        return MAPPER.readValue(json, JobsEnvelope.class).toPage();
    }

    /** Decodes a {@code {"job": …}} body from bytes with the baseline's mapper. */
    static IndexingJob decodeJob(byte[] json) {
        return MAPPER.readValue(json, JobEnvelope.class).job();
    }

    private static String clientVersion() {
        Properties properties = new Properties();
        try (InputStream in = IndexingJob.class.getClassLoader().getResourceAsStream("META-INF/gradient/client.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException ex) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    record JobEnvelope(IndexingJob job) {
    }

    record JobsEnvelope(List<IndexingJob> jobs, @Nullable Links links, @Nullable PageMeta meta) {

        IndexingJobPage toPage() {
            Pages pages = (this.links != null) ? this.links.pages() : null;
            PageLinks pageLinks = (pages != null)
                    ? new PageLinks(pages.first(), pages.previous(), pages.next(), pages.last()) : PageLinks.NONE;
            return new IndexingJobPage(this.jobs, pageLinks, (this.meta != null) ? this.meta : PageMeta.NONE);
        }

    }

    record Links(@Nullable Pages pages) {
    }

    record Pages(@Nullable String first, @Nullable String previous, @Nullable String next, @Nullable String last) {
    }

}
