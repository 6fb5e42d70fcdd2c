package io.github.gradientspring.client.error;

import java.time.Duration;

import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;

/**
 * What an error response of the API said: its status, DigitalOcean's error body ({@code id}, {@code message},
 * {@code request_id}), and the headers that matter for what to do next.
 * <p>
 * The text fields that come from the server ({@code id}, {@code message}, {@code requestId}) are made safe to show:
 * terminal escape sequences and control characters are removed (line breaks become a space) and they are cut at
 * 100 characters ({@code id}, {@code requestId}) and 500 characters ({@code message}). The body exactly as it came
 * is {@link #responseBody()}.
 *
 * @param status the HTTP status code
 * @param request the request that failed, such as {@code PUT /v2/gen-ai/indexing_jobs/…/cancel}
 * @param id DigitalOcean's error id, such as {@code not_found}, or {@code null} when the body had none
 * @param message DigitalOcean's error message, or a readable summary of a body that was not JSON
 * @param requestId the {@code request_id} of the body, else the {@code x-request-id} header, or {@code null}
 * @param rateLimit the rate-limit headers of the response
 * @param retryAfter the wait the response asked for ({@code retry-after-ms} or {@code retry-after}), or
 * {@code null}
 * @param shouldRetry the {@code x-should-retry} header, by which the API overrides the usual retry rules, or
 * {@code null} when absent
 * @param responseBody the whole body of the response as it came (decoded as UTF-8, up to the client's
 * {@code maxResponseSize}), control characters and all; {@code ""} for none, {@code null} when not known
 */
public record GradientApiError(int status, String request, @Nullable String id, @Nullable String message,
        @Nullable String requestId, RateLimitStatus rateLimit, @Nullable Duration retryAfter,
        @Nullable Boolean shouldRetry, @Nullable String responseBody) {

    public GradientApiError {
        rateLimit = (rateLimit != null) ? rateLimit : RateLimitStatus.NONE;
        id = ServerText.clean(id, ServerText.MAX_FIELD);
        message = ServerText.clean(message, ServerText.MAX_MESSAGE);
        requestId = ServerText.clean(requestId, ServerText.MAX_FIELD);
    }

    /**
     * What an error response said, without its body.
     * @param status the HTTP status code
     * @param request the request that failed
     * @param id DigitalOcean's error id, or {@code null}
     * @param message DigitalOcean's error message, or {@code null}
     * @param requestId the request id, or {@code null}
     * @param rateLimit the rate-limit headers of the response
     * @param retryAfter the wait the response asked for, or {@code null}
     * @param shouldRetry the {@code x-should-retry} header, or {@code null}
     */
    public GradientApiError(int status, String request, @Nullable String id, @Nullable String message,
            @Nullable String requestId, @Nullable RateLimitStatus rateLimit, @Nullable Duration retryAfter,
            @Nullable Boolean shouldRetry) {
        this(status, request, id, message, requestId, (rateLimit != null) ? rateLimit : RateLimitStatus.NONE,
                retryAfter, shouldRetry, null);
    }

}
