package io.github.gradientspring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.gradientspring.client.error.GradientApiError;
import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One attempt of a request: send it, bound it by the per-attempt timeout, decode a success with the client's own
 * JSON reader and turn anything else into the library's exceptions. What the facade's endpoints share, as Spring's
 * {@code ExchangeFunctions} is what {@code DefaultWebClient} sits on. Retries and the request budget wrap it.
 */
final class GradientExchange {

    // Spring's WebClient puts a request's URI template under this attribute; its http.client.requests observation
    // then tags the template instead of "none". Requests here are built from ready URIs, so it is set by hand.
    private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private final WebClient webClient;

    private final ClientSettings settings;

    private final ClientTime time;

    GradientExchange(WebClient webClient, ClientSettings settings, ClientTime time) {
        this.webClient = webClient;
        this.settings = settings;
        this.time = time;
    }

    /** What an attempt tells about each response it receives, before its body is read. */
    @FunctionalInterface
    interface ResponseFeedback {

        void responded(int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter);

    }

    /**
     * Sends the request once. Nothing happens until subscription; the returned {@code Mono} fails with a
     * {@code GradientException} subclass for every failure, a timeout of the attempt included.
     */
    <T> Mono<T> attempt(GradientRequest request, BodyReader<T> reader, CallState state, ResponseFeedback feedback) {
        WebClient.RequestBodySpec spec = this.webClient.method(request.method())
            .uri(request.uri())
            .attribute(URI_TEMPLATE_ATTRIBUTE, request.uriTemplate());
        byte[] body = request.body();
        WebClient.RequestHeadersSpec<?> exchange = (body != null)
                ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
        Duration timeout = this.settings.timeout();
        String description = request.description();
        // The attempt ends when the timer does: takeUntilOther cancels the exchange (its connection is closed) and
        // completes empty, which no answered attempt does. Not Mono.timeout: it names its source on every subscription
        // by walking the operator chain (FluxTimeout.addNameToTimeoutDescription), a cost per call for a message the
        // client replaces anyway.
        return exchange.exchangeToMono((response) -> handle(response, description, reader, state, feedback))
            .takeUntilOther(Mono.delay(timeout, Schedulers.parallel()))
            .switchIfEmpty(Mono.error(TimeoutException::new))
            .onErrorMap((failure) -> TransportErrors.map(failure, description, timeout,
                    this.settings.maxResponseBytes()));
    }

    private <T> Mono<T> handle(ClientResponse response, String request, BodyReader<T> reader, CallState state,
            ResponseFeedback feedback) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        RateLimitStatus rateLimit = ResponseHeaders.rateLimit(headers);
        boolean success = status >= 200 && status < 300;
        // Read once, for the budget (a 429's pause) and for the error the response becomes.
        Duration retryAfter = success ? null : ResponseHeaders.retryAfter(headers, this.time.instant());
        state.responded(status, rateLimit);
        feedback.responded(status, rateLimit, (status == 429) ? retryAfter : null);
        if (success) {
            return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.settings.maxResponseBytes())
                .map((buffer) -> decode(buffer, status, headers, request, reader))
                .switchIfEmpty(Mono.error(() -> new GradientResponseException(
                        request + " returned " + status + " with an empty body", status, null)));
        }
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(response.body(BodyExtractors.toDataBuffers()),
                this.settings.maxResponseBytes()))
            .map(GradientExchange::toBytes)
            .defaultIfEmpty(new byte[0])
            .flatMap((bytes) -> Mono.error(GradientApiException.of(errorOf(status, headers, bytes, request, rateLimit,
                    retryAfter))));
    }

    private <T> T decode(DataBuffer buffer, int status, HttpHeaders headers, String request, BodyReader<T> reader) {
        try (InputStream in = buffer.asInputStream(true)) {
            return reader.read(in);
        }
        catch (IOException | JacksonException ex) {
            MediaType contentType = headers.getContentType();
            throw new GradientResponseException(request + " returned " + status + " with a body that is not the "
                    + "expected JSON" + ((contentType != null) ? " (content type " + contentType + ")" : "") + ": "
                    + TransportErrors.firstLine(ex.getMessage()), status, ex);
        }
    }

    private GradientApiError errorOf(int status, HttpHeaders headers, byte[] body, String request,
            RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
        GradientJson.ErrorBody parsed = GradientJson.INSTANCE.readErrorBody(body);
        String id = (parsed != null) ? parsed.id() : null;
        String message = (parsed != null) ? parsed.message() : ErrorBodies.summarize(status, headers, body);
        String requestId = (parsed != null && parsed.requestId() != null) ? parsed.requestId()
                : ResponseHeaders.requestId(headers);
        return new GradientApiError(status, request, id, message, requestId, rateLimit, retryAfter,
                ResponseHeaders.shouldRetry(headers),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Reads one kind of success body. */
    @FunctionalInterface
    interface BodyReader<T> {

        T read(InputStream body) throws IOException;

    }

}
