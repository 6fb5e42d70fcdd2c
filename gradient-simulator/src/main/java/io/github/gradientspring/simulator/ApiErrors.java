package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;

/**
 * DigitalOcean's error answers: status, the {@code id} slug and the message the public API uses
 * (see gradient-api.md §4 and the error fixtures).
 */
final class ApiErrors {

    static final String UNAUTHORIZED = "Unable to authenticate you.";
    static final String FORBIDDEN = "You do not have access for the attempted action.";
    static final String NOT_FOUND = "The resource you requested could not be found.";
    static final String RATE_LIMITED = "API rate limit exceeded.";
    static final String SERVER_ERROR = "Unexpected server-side error";

    private ApiErrors() {
    }

    static Reply of(int status, String message, String requestId) {
        return Reply.json(status, WireJson.error(idFor(status), message, requestId));
    }

    static Reply of(int status, String requestId) {
        return of(status, defaultMessage(status), requestId);
    }

    static Reply badRequest(@Nullable String message, String requestId) {
        return of(400, (message != null) ? message : defaultMessage(400), requestId);
    }

    static Reply notFound(String requestId) {
        return of(404, NOT_FOUND, requestId);
    }

    /** The {@code id} slug DigitalOcean uses for a status. */
    static String idFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 422 -> "unprocessable_entity";
            case 429 -> "too_many_requests";
            case 500 -> "server_error";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> status >= 500 ? "server_error" : "error";
        };
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "The request was malformed.";
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> "The request method is not supported for this resource.";
            case 408 -> "The request timed out.";
            case 409 -> "The request conflicts with the current state of the resource.";
            case 422 -> "The request could not be processed.";
            case 429 -> RATE_LIMITED;
            case 502 -> "Bad gateway.";
            case 503 -> "The service is temporarily unavailable. Please try again later.";
            case 504 -> "Gateway timeout.";
            default -> status >= 500 ? SERVER_ERROR : "The request failed.";
        };
    }
}
