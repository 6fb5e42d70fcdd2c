package io.github.gradientspring.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Turns what the transport and the decoder throw into the library's exceptions, so that callers handle one
 * hierarchy whatever connector or codec is underneath.
 */
final class TransportErrors {

    private TransportErrors() {
    }

    static GradientException map(Throwable failure, String request, Duration timeout, int maxResponseBytes) {
        if (failure instanceof GradientException gradient) {
            return gradient;
        }
        if (failure instanceof TimeoutException) {
            return new GradientTimeoutException(request + " got no complete response within " + readable(timeout)
                    + " (the per-attempt timeout)", timeout, failure);
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return new GradientResponseException(request + " returned a body larger than the client's limit of "
                        + maxResponseBytes + " bytes", 200, failure);
            }
            if (cause instanceof SSLHandshakeException) {
                // No request byte goes out before the handshake completes. The library never relaxes certificate
                // checks: an untrusted or mismatched certificate ends here, with the reason the JDK gave.
                return new GradientConnectionException(request + " could not establish a trusted TLS connection: "
                        + firstLine(cause.getMessage()), failure, false);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return new GradientConnectionException(
                        request + " could not connect: " + cause.getMessage(), failure, false);
            }
            if (cause instanceof JacksonException) {
                return new GradientResponseException(request + " returned a body that is not valid JSON: "
                        + firstLine(cause.getMessage()), 200, failure);
            }
        }
        if (hasIoCause(failure)) {
            return new GradientConnectionException(
                    request + " lost its connection: " + firstLine(rootMessage(failure)), failure, true);
        }
        return new GradientException(request + " failed: " + firstLine(rootMessage(failure)), failure);
    }

    // "60s" or "1500ms", as the properties are written, rather than Duration's "PT1M".
    static String readable(Duration duration) {
        return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static boolean hasIoCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return failure.getClass().getName().startsWith("reactor.netty");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0) ? message.substring(0, newline) : message;
    }

}
