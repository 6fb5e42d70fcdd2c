package io.github.gradientspring.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The rules that keep the access token with the API, beside {@link BearerTokenConnector}, which applies them to every
 * request: a base URL is an absolute {@code https} URL (plain {@code http} only to a loopback address), without user
 * info, query or fragment; the connector the client makes itself follows no redirect.
 */
final class TransportSafety {

    static final String DEFAULT_BASE_URL = IndexingJobsClient.Builder.DEFAULT_BASE_URL;

    private TransportSafety() {
    }

    /**
     * Checks a base URL and returns it normalised: lower-case scheme, no trailing slash.
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static URI checkBaseUrl(@Nullable String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl must not be null or blank");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL such as " + DEFAULT_BASE_URL
                    + ", but could not be parsed: " + ex.getReason());
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || !uri.isAbsolute()
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(
                    "baseUrl must be an absolute http(s) URL such as " + DEFAULT_BASE_URL + ", but was " + baseUrl);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment");
        }
        if ("http".equalsIgnoreCase(scheme) && !isLoopback(host)) {
            throw new IllegalArgumentException("baseUrl uses plain http to " + host
                    + ", which would send the access token unencrypted; use https, or http only to a loopback "
                    + "address such as 127.0.0.1 or localhost");
        }
        String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme.toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    /** Whether a host is a loopback address; only {@code localhost} and literal addresses are judged, with no DNS. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    /**
     * The connector a client makes when it is given none: Reactor Netty, following no redirect (its default, stated
     * here to make it a promise: a redirect must not carry the token to another host), with the connect timeout.
     */
    static ClientHttpConnector defaultConnector(Duration connectTimeout) {
        HttpClient httpClient = HttpClient.create()
            .followRedirect(false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        return new ReactorClientHttpConnector(httpClient);
    }

}
