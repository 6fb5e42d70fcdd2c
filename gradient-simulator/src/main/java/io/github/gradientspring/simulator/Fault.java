package io.github.gradientspring.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One misbehaviour the simulator can answer a request with. Immutable: the modifiers return a copy.
 * Arm it with {@link Faults}, for example:
 *
 * <pre>{@code
 * simulator.faults().on(Operation.CANCEL).times(2)
 *         .respond(Fault.status(503).retryAfter(Duration.ofSeconds(1)));
 * }</pre>
 *
 * <p>Two families: faults that <em>replace</em> the request ({@link #status}, {@link #connectionReset},
 * {@link #malformedJson}, {@link #htmlErrorPage}, {@link #emptyBody}, {@link #largeBody}, {@link #redirect}) are
 * answered without the request reaching the simulated service, so a faulted create starts no job; faults that
 * <em>disturb</em> the real answer ({@link #delay}, {@link #stallMidBody}, {@link #resetMidBody},
 * {@link #truncatedJson}, {@link #wrongContentType}) let the request take effect, then mangle how its answer
 * travels, like a network or proxy failing after the server did the work.
 */
public final class Fault {

    /** The kinds of fault. */
    public enum Kind {
        /** A chosen status with DigitalOcean's error body, optionally with retry headers. */
        STATUS,
        /** The real answer, after a delay before the headers. */
        DELAY,
        /** The real answer: half the body, a stall, then the rest. */
        STALL_MID_BODY,
        /** The connection is reset (TCP RST) without any response. */
        CONNECTION_RESET,
        /** Headers and half the real body, then the connection is reset. */
        RESET_MID_BODY,
        /** 200 with a body that is not JSON at all. */
        MALFORMED_JSON,
        /** The real status with the real body cut in half (a consistent Content-Length, an unparsable body). */
        TRUNCATED_JSON,
        /** A proxy's HTML error page (502 text/html by default). */
        HTML_ERROR_PAGE,
        /** 200 with zero bytes. */
        EMPTY_BODY,
        /** The real answer labelled {@code text/plain}. */
        WRONG_CONTENT_TYPE,
        /** 200 with a very large (valid JSON) body. */
        LARGE_BODY,
        /** A 3xx with a {@code Location} header. */
        REDIRECT;

        /** True for the kinds that answer instead of the simulated service. */
        boolean replacesRequest() {
            return switch (this) {
                case DELAY, STALL_MID_BODY, RESET_MID_BODY, TRUNCATED_JSON, WRONG_CONTENT_TYPE -> false;
                default -> true;
            };
        }
    }

    /** Ten megabytes: large enough to exceed a default 256 KiB in-memory codec limit many times over. */
    public static final int DEFAULT_LARGE_BODY_BYTES = 10 * 1024 * 1024;

    private final Kind kind;
    private final int status;
    private final Duration delay;
    private final Duration stall;
    private final int size;
    private final @Nullable String location;
    private final @Nullable String body;
    private final @Nullable String contentType;
    private final Map<String, String> headers;
    private final @Nullable Duration retryAfterHttpDate;

    private Fault(Kind kind, int status, Duration delay, Duration stall, int size, @Nullable String location,
            @Nullable String body, @Nullable String contentType, Map<String, String> headers,
            @Nullable Duration retryAfterHttpDate) {
        this.kind = kind;
        this.status = status;
        this.delay = delay;
        this.stall = stall;
        this.size = size;
        this.location = location;
        this.body = body;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
        this.retryAfterHttpDate = retryAfterHttpDate;
    }

    private static Fault of(Kind kind, int status) {
        return new Fault(kind, status, Duration.ZERO, Duration.ZERO, 0, null, null, null, Map.of(), null);
    }

    /** Answers {@code status} (400–599) with DigitalOcean's error body for it, e.g. 503 {@code service_unavailable}. */
    public static Fault status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Not an HTTP status: " + status);
        }
        return of(Kind.STATUS, status);
    }

    /** The real answer, sent after {@code delay} (a non-blocking timer, not a sleeping thread). */
    public static Fault delay(Duration delay) {
        return of(Kind.DELAY, 0).delayedBy(delay);
    }

    /** The real answer: headers and half the body, a stall of {@code stall}, then the rest of the body. */
    public static Fault stallMidBody(Duration stall) {
        requireNotNegative(stall, "stall");
        return new Fault(Kind.STALL_MID_BODY, 0, Duration.ZERO, stall, 0, null, null, null, Map.of(), null);
    }

    /** Closes the connection with a TCP reset before any byte of a response. */
    public static Fault connectionReset() {
        return of(Kind.CONNECTION_RESET, 0);
    }

    /** Sends the headers and half the real body, then resets the connection. */
    public static Fault resetMidBody() {
        return of(Kind.RESET_MID_BODY, 0);
    }

    /** 200 {@code application/json} with a body that does not parse. */
    public static Fault malformedJson() {
        return of(Kind.MALFORMED_JSON, 200);
    }

    /** The real status and the first half of the real body, with a Content-Length that matches the cut body. */
    public static Fault truncatedJson() {
        return of(Kind.TRUNCATED_JSON, 0);
    }

    /** 502 {@code text/html}, the page a load balancer shows when the service behind it is down. */
    public static Fault htmlErrorPage() {
        return htmlErrorPage(502);
    }

    /** An HTML error page with the given status. */
    public static Fault htmlErrorPage(int status) {
        return new Fault(Kind.HTML_ERROR_PAGE, status, Duration.ZERO, Duration.ZERO, 0, null, null, null, Map.of(), null);
    }

    /** 200 {@code application/json} with an empty body (Content-Length 0). */
    public static Fault emptyBody() {
        return of(Kind.EMPTY_BODY, 200);
    }

    /** The real answer with {@code Content-Type: text/plain; charset=utf-8}. */
    public static Fault wrongContentType() {
        return of(Kind.WRONG_CONTENT_TYPE, 0);
    }

    /** 200 with a valid JSON body of {@link #DEFAULT_LARGE_BODY_BYTES} bytes. */
    public static Fault largeBody() {
        return largeBody(DEFAULT_LARGE_BODY_BYTES);
    }

    /** 200 with a valid JSON body of exactly {@code bytes} bytes ({@code {"padding":"xxx…"}}; at least 16). */
    public static Fault largeBody(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("A large body needs at least 16 bytes, got " + bytes);
        }
        return new Fault(Kind.LARGE_BODY, 200, Duration.ZERO, Duration.ZERO, bytes, null, null, null, Map.of(), null);
    }

    /** A redirect ({@code 301, 302, 303, 307 or 308}) to {@code location}, with an empty body. */
    public static Fault redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("A redirect needs a 3xx status, got " + status);
        }
        Objects.requireNonNull(location, "location");
        return new Fault(Kind.REDIRECT, status, Duration.ZERO, Duration.ZERO, 0, location, null, null, Map.of(), null);
    }

    /** Waits {@code delay} before sending the headers of this fault (any kind). */
    public Fault delayedBy(Duration delay) {
        requireNotNegative(delay, "delay");
        return new Fault(kind, status, delay, stall, size, location, body, contentType, headers, retryAfterHttpDate);
    }

    /** Adds {@code retry-after} in whole seconds (rounded up), as DigitalOcean sends with 429. */
    public Fault retryAfter(Duration after) {
        requireNotNegative(after, "after");
        long seconds = (after.toMillis() + 999) / 1000;
        return header("retry-after", Long.toString(seconds));
    }

    /**
     * Adds {@code retry-after} as an HTTP-date {@code after} from the moment the response is sent. The date is taken
     * from the wall clock even when the simulator runs on a manual clock, because the client compares it with its own.
     */
    public Fault retryAfterHttpDate(Duration after) {
        requireNotNegative(after, "after");
        return new Fault(kind, status, delay, stall, size, location, body, contentType, headers, after);
    }

    /** Adds {@code retry-after-ms}, the Stainless SDKs' millisecond variant. */
    public Fault retryAfterMillis(long millis) {
        return header("retry-after-ms", Long.toString(millis));
    }

    /** Adds {@code x-should-retry: true|false}, which overrides the SDKs' retry decision. */
    public Fault shouldRetry(boolean retry) {
        return header("x-should-retry", Boolean.toString(retry));
    }

    /** Adds any response header. */
    public Fault header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new Fault(kind, status, delay, stall, size, location, body, contentType, more, retryAfterHttpDate);
    }

    /** Replaces the body of a {@link #status} or {@link #htmlErrorPage} fault. */
    public Fault withBody(String contentType, String body) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        return new Fault(kind, status, delay, stall, size, location, body, contentType, headers, retryAfterHttpDate);
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /** The status this fault answers with, or 0 when it keeps the real one or sends none. */
    public int status() {
        return status;
    }

    /** The delay before the headers. */
    public Duration delay() {
        return delay;
    }

    /** The stall in the middle of the body ({@link Kind#STALL_MID_BODY}). */
    public Duration stall() {
        return stall;
    }

    /** The body size of a {@link Kind#LARGE_BODY} fault. */
    public int size() {
        return size;
    }

    /** The redirect target of a {@link Kind#REDIRECT} fault. */
    public @Nullable String location() {
        return location;
    }

    @Nullable String body() {
        return body;
    }

    @Nullable String contentType() {
        return contentType;
    }

    Map<String, String> headers() {
        return headers;
    }

    @Nullable Duration retryAfterHttpDate() {
        return retryAfterHttpDate;
    }

    private static void requireNotNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "") + (delay.isZero() ? "" : " after " + delay)
                + (headers.isEmpty() ? "" : " " + headers) + "]";
    }
}
