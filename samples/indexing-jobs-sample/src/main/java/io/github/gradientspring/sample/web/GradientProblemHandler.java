package io.github.gradientspring.sample.web;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientAuthenticationException;
import io.github.gradientspring.client.error.GradientBadRequestException;
import io.github.gradientspring.client.error.GradientConflictException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientPermissionDeniedException;
import io.github.gradientspring.client.error.GradientRateLimitException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.error.GradientUnprocessableEntityException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the client's exceptions into RFC 9457 problem details with the status a caller of this application should
 * see. What the caller got wrong is 4xx (a bad id is 400, an unknown job 404); what DigitalOcean or this
 * application's configuration got wrong is 5xx (a rejected token is this server's problem, not the caller's: 502).
 * Spring's own errors (a missing body, a bad parameter) are problem details too.
 */
@RestControllerAdvice
class GradientProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
    }

    @ExceptionHandler(GradientNotFoundException.class)
    ProblemDetail notFound(GradientNotFoundException ex) {
        return withApiError(problem(HttpStatus.NOT_FOUND, "Not found", ex.errorMessage()), ex);
    }

    @ExceptionHandler({ GradientBadRequestException.class, GradientUnprocessableEntityException.class })
    ProblemDetail rejected(GradientApiException ex) {
        return withApiError(problem(HttpStatus.valueOf(ex.statusCode()), "Rejected by Gradient", ex.errorMessage()),
                ex);
    }

    @ExceptionHandler(GradientConflictException.class)
    ProblemDetail conflict(GradientConflictException ex) {
        return withApiError(problem(HttpStatus.CONFLICT, "Conflict", ex.errorMessage()), ex);
    }

    @ExceptionHandler(GradientRateLimitException.class)
    ResponseEntity<ProblemDetail> rateLimited(GradientRateLimitException ex) {
        ProblemDetail problem = withApiError(problem(HttpStatus.TOO_MANY_REQUESTS, "Rate limited by Gradient",
                "DigitalOcean's rate limit for this token is spent; try again later."), ex);
        HttpHeaders headers = new HttpHeaders();
        if (ex.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).headers(headers).body(problem);
    }

    @ExceptionHandler({ GradientAuthenticationException.class, GradientPermissionDeniedException.class })
    ProblemDetail notAllowed(GradientApiException ex) {
        String detail = (ex instanceof GradientAuthenticationException)
                ? "DigitalOcean did not accept this application's access token; check gradient.access-token or DIGITALOCEAN_ACCESS_TOKEN."
                : "This application's access token lacks a scope the call needs (genai:read to read, genai:create or genai:update to start or cancel jobs).";
        return withApiError(problem(HttpStatus.BAD_GATEWAY, "Gradient refused this application", detail), ex);
    }

    @ExceptionHandler(GradientApiException.class)
    ProblemDetail apiError(GradientApiException ex) {
        return withApiError(problem(HttpStatus.BAD_GATEWAY, "Gradient failed", ex.getMessage()), ex);
    }

    @ExceptionHandler(GradientTimeoutException.class)
    ProblemDetail timeout(GradientTimeoutException ex) {
        return problem(HttpStatus.GATEWAY_TIMEOUT, "Gradient did not answer in time", ex.getMessage());
    }

    @ExceptionHandler({ GradientConnectionException.class, GradientException.class })
    ProblemDetail unreachable(GradientException ex) {
        return problem(HttpStatus.BAD_GATEWAY, "Gradient could not be used", ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail withApiError(ProblemDetail problem, GradientApiException ex) {
        problem.setProperty("gradientStatus", ex.statusCode());
        if (ex.errorId() != null) {
            problem.setProperty("gradientErrorId", ex.errorId());
        }
        if (ex.requestId() != null) {
            problem.setProperty("gradientRequestId", ex.requestId());
        }
        return problem;
    }

}
