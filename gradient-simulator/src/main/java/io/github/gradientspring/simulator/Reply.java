package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;

/**
 * An answer before it is written: status, body and the one extra header some answers need ({@code allow} on a
 * 405, {@code retry-after} on a 429). The standard headers are added by {@link ReplySender}. Keeping the answer a
 * value lets a fault decide afterwards how (or whether) it travels.
 *
 * @param status      HTTP status
 * @param body        body bytes (never null)
 * @param contentType content type, or null for none
 * @param headerName  an extra header, or null
 * @param headerValue its value
 * @param rate        the rate-limit decision for the {@code ratelimit-*} headers, or null when limiting is off
 */
record Reply(int status, byte[] body, @Nullable CharSequence contentType, @Nullable String headerName,
        @Nullable String headerValue, RateLimiter.@Nullable Decision rate) {

    static final String JSON = "application/json; charset=utf-8";

    static Reply json(int status, byte[] body) {
        return new Reply(status, body, JSON, null, null, null);
    }

    Reply withHeader(String name, @Nullable String value) {
        return new Reply(status, body, contentType, name, value, rate);
    }

    Reply withRate(RateLimiter.@Nullable Decision decision) {
        return new Reply(status, body, contentType, headerName, headerValue, decision);
    }
}
