package io.github.gradientspring.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import tools.jackson.core.JacksonException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Turns what the transport and the decoder throw into the library's exceptions, so that callers handle one
 * hierarchy whatever connector or codec is underneath.
 */
final class TransportErrors {

    private static final int MAX_SHOWN = 500;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

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
                        + describeHandshakeFailure(cause), failure, false);
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

    /**
     * Whether a failure is a TLS handshake that refused the server's certificate: not trusted (no path to a trusted
     * authority, an invalid chain) or issued for another host. Another attempt gets the same certificate, so such a
     * failure is never retried.
     */
    static boolean isCertificateFailure(Throwable failure) {
        boolean handshake = false;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            handshake |= cause instanceof SSLHandshakeException;
            if (handshake && isCertificateCause(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCertificateCause(Throwable cause) {
        return cause instanceof CertificateException || cause instanceof CertPathValidatorException
                || cause instanceof CertPathBuilderException;
    }

    // The JDK's HostnameChecker says "No subject alternative names matching IP address … found", "No subject
    // alternative DNS name matching … found" or "No name matching … found".
    private static boolean isHostnameMismatch(Throwable cause) {
        String message = cause.getMessage();
        return cause instanceof CertificateException && message != null
                && (message.startsWith("No subject alternative") || message.startsWith("No name matching"));
    }

    private static String describeHandshakeFailure(Throwable handshake) {
        for (Throwable cause = handshake; cause != null; cause = cause.getCause()) {
            if (isHostnameMismatch(cause)) {
                return "the server's certificate does not name the host the client connected to ("
                        + firstLine(cause.getMessage()) + "). Check that the hostname of the base URL "
                        + "(gradient.base-url) is one the certificate was issued for; not retried, since every "
                        + "attempt gets the same certificate";
            }
        }
        if (isCertificateFailure(handshake)) {
            return "the server's certificate is not trusted (" + firstLine(handshake.getMessage()) + "). Check the "
                    + "certificate chain the server sends (it must lead to an authority the client trusts) and the "
                    + "trust store the client uses (the JVM's cacerts, or the SSL bundle of "
                    + "spring.http.clients.ssl.bundle); not retried, since every attempt gets the same certificate";
        }
        return firstLine(handshake.getMessage());
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

    /**
     * The first line of a message from the transport or the decoder, without control characters and at most
     * {@value #MAX_SHOWN} characters long: such messages can quote what the server sent.
     */
    static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = (newline >= 0) ? message.substring(0, newline) : message;
        String clean = CONTROL.matcher(line).replaceAll("");
        return (clean.length() > MAX_SHOWN) ? clean.substring(0, MAX_SHOWN) + "…" : clean;
    }

}
