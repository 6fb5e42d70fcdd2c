package io.github.gradientspring.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request the simulator received, as a test would want to assert on it.
 *
 * @param method     HTTP method, e.g. {@code "PUT"}
 * @param path       the raw path, without the query
 * @param query      the raw query string without {@code ?}, or {@code ""}
 * @param headers    request headers, names in lower case, values in arrival order
 * @param body       the body decoded as UTF-8, or {@code ""}
 * @param operation  the endpoint it was routed to, or null when it matched none (unknown route, wrong method)
 * @param receivedAt the simulator-clock instant it was received
 * @param status     the status answered, or 0 when the connection was reset without a response
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
        @Nullable Operation operation, Instant receivedAt, int status) {

    /** Makes the header map immutable. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (case-insensitive name), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
