package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/**
 * Puts a {@link Reply} on the wire, honestly or, when a {@link Fault} says so, not. Header names and the
 * common values are interned {@link AsciiString}s so the hot path allocates little beyond the numbers.
 */
final class ReplySender {

    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    static final AsciiString RATELIMIT_LIMIT = AsciiString.cached("ratelimit-limit");
    static final AsciiString RATELIMIT_REMAINING = AsciiString.cached("ratelimit-remaining");
    static final AsciiString RATELIMIT_RESET = AsciiString.cached("ratelimit-reset");
    static final AsciiString JSON = AsciiString.cached(Reply.JSON);
    static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    static final AsciiString HTML = AsciiString.cached("text/html; charset=utf-8");

    /** Not JSON by any reading, but plausible enough to get past a content-type check. */
    private static final byte[] MALFORMED = "{\"job\": {\"uuid\": \"3f9c\", \"phase\": BATCH_JOB_PHASE_<<garbage>>,,}"
            .getBytes(StandardCharsets.US_ASCII);

    private static final String HTML_PAGE = """
            <html>
            <head><title>%1$d %2$s</title></head>
            <body>
            <center><h1>%1$d %2$s</h1></center>
            <hr><center>gradient-simulator</center>
            </body>
            </html>
            """;

    // The reply is null exactly when a fault replaces the request (and so never reads it), which NullAway cannot
    // follow.
    @SuppressWarnings("NullAway")
    Publisher<Void> send(HttpServerResponse response, @Nullable Reply reply, @Nullable Fault fault, String requestId) {
        if (fault == null) {
            return plain(response, reply, requestId);
        }
        Mono<Void> action = Mono.defer(() -> Mono.from(faulty(response, reply, fault, requestId)));
        return fault.delay().isZero() ? action : Mono.delay(fault.delay()).then(action);
    }

    /** The reply as it is: one full response, written and flushed once. */
    Publisher<Void> plain(HttpServerResponse response, Reply reply, String requestId) {
        response.status(reply.status());
        HttpHeaders headers = response.responseHeaders();
        standardHeaders(headers, reply, requestId);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.body().length == 0) {
            return response.send();
        }
        return response.sendObject(Unpooled.wrappedBuffer(reply.body()));
    }

    private static void standardHeaders(HttpHeaders headers, Reply reply, String requestId) {
        if (reply.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        headers.set(X_REQUEST_ID, requestId);
        RateLimiter.Decision rate = reply.rate();
        if (rate != null) {
            headers.set(RATELIMIT_LIMIT, Integer.toString(rate.limit()));
            headers.set(RATELIMIT_REMAINING, Integer.toString(rate.remaining()));
            headers.set(RATELIMIT_RESET, Long.toString(rate.resetEpochSeconds()));
        }
        if (reply.headerName() != null) {
            headers.set(reply.headerName(), reply.headerValue());
        }
    }

    private Publisher<Void> faulty(HttpServerResponse response, Reply reply, Fault fault, String requestId) {
        return switch (fault.kind()) {
            case STATUS -> withFaultHeaders(response, fault, plain(response, statusReply(fault, requestId), requestId));
            case DELAY -> plain(response, reply, requestId);
            case STALL_MID_BODY -> split(response, reply, requestId, fault, false);
            case RESET_MID_BODY -> split(response, reply, requestId, fault, true);
            case CONNECTION_RESET -> Mono.fromRunnable(() -> response.withConnection(c -> reset(c.channel())));
            case MALFORMED_JSON -> withFaultHeaders(response, fault,
                    plain(response, Reply.json(fault.status(), MALFORMED), requestId));
            case TRUNCATED_JSON -> plain(response, new Reply(reply.status(),
                    Arrays.copyOf(reply.body(), reply.body().length / 2), reply.contentType(), reply.headerName(),
                    reply.headerValue(), reply.rate()), requestId);
            case HTML_ERROR_PAGE -> withFaultHeaders(response, fault, plain(response, htmlReply(fault), requestId));
            case EMPTY_BODY -> withFaultHeaders(response, fault,
                    plain(response, Reply.json(fault.status(), new byte[0]), requestId));
            case WRONG_CONTENT_TYPE -> plain(response, new Reply(reply.status(), reply.body(), TEXT, reply.headerName(),
                    reply.headerValue(), reply.rate()), requestId);
            case LARGE_BODY -> withFaultHeaders(response, fault,
                    plain(response, Reply.json(fault.status(), largeBody(fault.size())), requestId));
            case REDIRECT -> withFaultHeaders(response, fault, plain(response,
                    new Reply(fault.status(), new byte[0], null, "location", fault.location(), null), requestId));
        };
    }

    /** Adds the fault's own headers; runs before {@code send} because {@link #plain} only builds a lazy publisher. */
    private static Publisher<Void> withFaultHeaders(HttpServerResponse response, Fault fault, Publisher<Void> send) {
        HttpHeaders headers = response.responseHeaders();
        for (Map.Entry<String, String> header : fault.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        if (fault.retryAfterHttpDate() != null) {
            headers.set("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(ZonedDateTime.now(ZoneOffset.UTC).plus(fault.retryAfterHttpDate())));
        }
        return send;
    }

    private static Reply statusReply(Fault fault, String requestId) {
        if (fault.body() != null) {
            return new Reply(fault.status(), fault.body().getBytes(StandardCharsets.UTF_8), fault.contentType(),
                    null, null, null);
        }
        return ApiErrors.of(fault.status(), requestId);
    }

    private static Reply htmlReply(Fault fault) {
        if (fault.body() != null) {
            return new Reply(fault.status(), fault.body().getBytes(StandardCharsets.UTF_8), fault.contentType(),
                    null, null, null);
        }
        String reason = HttpResponseStatus.valueOf(fault.status()).reasonPhrase();
        return new Reply(fault.status(), String.format(HTML_PAGE, fault.status(), reason).getBytes(StandardCharsets.UTF_8),
                HTML, null, null, null);
    }

    /**
     * Headers with the full Content-Length, half the body, flushed; then after the stall either the rest or a reset.
     * Written as a stream of chunks (not one full message) so the first half really leaves before the stall.
     */
    private Publisher<Void> split(HttpServerResponse response, Reply reply, String requestId, Fault fault, boolean reset) {
        response.status(reply.status());
        HttpHeaders headers = response.responseHeaders();
        standardHeaders(headers, reply, requestId);
        byte[] body = reply.body();
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        int half = body.length / 2;
        ByteBuf first = Unpooled.wrappedBuffer(body, 0, half);
        Mono<Void> stall = fault.stall().isZero() ? Mono.empty() : Mono.delay(fault.stall()).then();
        if (reset) {
            return response.send(Mono.just(first), buf -> true).then()
                    .then(stall)
                    .then(Mono.fromRunnable(() -> response.withConnection(c -> reset(c.channel()))));
        }
        Flux<ByteBuf> chunks = Flux.concat(Mono.just(first),
                stall.then(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body, half, body.length - half))));
        return response.send(chunks, buf -> true);
    }

    /** SO_LINGER 0 turns the close into a TCP RST: the peer sees "connection reset", not an orderly end of stream. */
    private static void reset(Channel channel) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    /** {@code {"padding":"xxx…"}} of exactly {@code size} bytes: valid JSON, just far too big. */
    static byte[] largeBody(int size) {
        byte[] body = new byte[size];
        byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        Arrays.fill(body, head.length, size - 2, (byte) 'x');
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }
}
