package io.github.gradientspring.client.internal;

import java.net.URI;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * Adds {@code Authorization: Bearer …} at the connector, below {@code WebClient}'s exchange functions and filters.
 * <p>
 * Spring's request logging ({@code spring.http.codecs.log-request-details} with TRACE logging) prints the headers
 * a request has when it reaches the exchange function; a header added here is not among them, so the token never
 * reaches a log. The connector also refuses to send the token anywhere but the configured origin.
 */
final class BearerTokenConnector implements ClientHttpConnector {

    private final ClientHttpConnector delegate;

    private final String authorization;

    private final URI origin;

    BearerTokenConnector(ClientHttpConnector delegate, String accessToken, URI origin) {
        this.delegate = delegate;
        this.authorization = "Bearer " + accessToken;
        this.origin = origin;
    }

    @Override
    public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
            Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
        if (!sameOrigin(uri)) {
            return Mono.error(new IllegalStateException("Refusing to send the access token to " + uri.getScheme()
                    + "://" + uri.getAuthority() + ": only the configured base URL " + this.origin + " receives it"));
        }
        return this.delegate.connect(method, uri, (request) -> {
            // WebClient copies its own headers with putIfAbsent, so this value wins over any Authorization a filter
            // or default header might have set.
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.authorization);
            return requestCallback.apply(request);
        });
    }

    private boolean sameOrigin(URI uri) {
        return this.origin.getScheme().equalsIgnoreCase(uri.getScheme())
                && this.origin.getHost().equalsIgnoreCase(uri.getHost()) && port(this.origin) == port(uri);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "BearerTokenConnector[origin=" + this.origin + ", token=******]";
    }

}
