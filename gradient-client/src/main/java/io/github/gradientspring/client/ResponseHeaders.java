package io.github.gradientspring.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.github.gradientspring.client.model.RateLimitStatus;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads the response headers that steer what the client does next. Header names are matched without regard to
 * case, as DigitalOcean's own samples mix {@code ratelimit-reset} and {@code rateLimit-reset}.
 */
final class ResponseHeaders {

    private ResponseHeaders() {
    }

    static RateLimitStatus rateLimit(HttpHeaders headers) {
        Long limit = parseLong(headers.getFirst("ratelimit-limit"));
        Long remaining = parseLong(headers.getFirst("ratelimit-remaining"));
        Long reset = parseLong(headers.getFirst("ratelimit-reset"));
        if (limit == null && remaining == null && reset == null) {
            return RateLimitStatus.NONE;
        }
        // A reset beyond any sensible date is dropped rather than allowed to overflow the arithmetic that uses it.
        Instant resetAt = (reset != null && reset >= 0 && reset < 32503680000L) ? Instant.ofEpochSecond(reset) : null;
        return new RateLimitStatus(limit, remaining, resetAt);
    }

    /**
     * The wait a response asks for, as the official SDKs read it: {@code retry-after-ms} in milliseconds, else
     * {@code retry-after} in seconds (fractions allowed) or as an HTTP date. {@code null} when neither parses. The
     * result may be zero, negative (a date in the past) or longer than any wait worth taking: this reads, it does not
     * judge. Whether to honour it is {@link RetryPolicy}'s one rule (more than zero, at most its
     * {@code maxRetryAfter}, 60 s by default), which the retries and the watch both apply. Numbers beyond 10^9
     * (seconds or milliseconds) are not read at all, so that converting them cannot overflow.
     */
    static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
        Duration millis = parseMillis(headers.getFirst("retry-after-ms"));
        if (millis != null) {
            return millis;
        }
        String retryAfter = headers.getFirst("retry-after");
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        Duration seconds = parseSeconds(retryAfter);
        if (seconds != null) {
            return seconds;
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Duration.between(now, date.toInstant());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** The {@code x-should-retry} header: {@code true}, {@code false}, or {@code null} when absent or other. */
    static @Nullable Boolean shouldRetry(HttpHeaders headers) {
        String value = headers.getFirst("x-should-retry");
        if ("true".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        return null;
    }

    static @Nullable String requestId(HttpHeaders headers) {
        return headers.getFirst("x-request-id");
    }

    private static @Nullable Duration parseMillis(@Nullable String value) {
        Double number = parseFinite(value);
        return (number != null) ? Duration.ofNanos((long) (number * 1_000_000)) : null;
    }

    private static @Nullable Duration parseSeconds(@Nullable String value) {
        Double number = parseFinite(value);
        return (number != null) ? Duration.ofNanos((long) (number * 1_000_000_000)) : null;
    }

    private static @Nullable Double parseFinite(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            // Bounded so that a hostile header cannot overflow the conversion to nanoseconds.
            return (Double.isFinite(number) && Math.abs(number) < 1e9) ? number : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static @Nullable Long parseLong(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

}
