package io.github.gradientspring.client.error;

import java.time.Duration;

import io.github.gradientspring.client.model.RateLimitStatus;

/**
 * What an error response of the API said: its status, DigitalOcean's error body ({@code id}, {@code message},
 * {@code request_id}), and the headers that matter for what to do next.
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
 */
public record GradientApiError(int status, String request, String id, String message, String requestId,
        RateLimitStatus rateLimit, Duration retryAfter, Boolean shouldRetry) {

    public GradientApiError {
        rateLimit = (rateLimit != null) ? rateLimit : RateLimitStatus.NONE;
    }

}
