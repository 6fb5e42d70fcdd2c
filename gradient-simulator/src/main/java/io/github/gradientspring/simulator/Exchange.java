package io.github.gradientspring.simulator;

import io.netty.handler.codec.http.HttpHeaders;

import java.time.Instant;

/**
 * One request as the handlers see it, already routed, with its body read.
 *
 * @param method    HTTP method
 * @param path      raw path, no query
 * @param query     raw query without {@code ?}, or {@code ""}
 * @param headers   request headers
 * @param body      request body bytes (empty when none)
 * @param route     the routing result
 * @param requestId the id this exchange is answered with ({@code x-request-id}, {@code request_id})
 * @param now       the simulator-clock instant the request is handled at
 */
record Exchange(String method, String path, String query, HttpHeaders headers, byte[] body, Route route,
        String requestId, Instant now) {
}
