package io.github.gradientspring.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Makes a readable message from an error body that is not DigitalOcean's JSON, such as the HTML page of a proxy
 * or load balancer, so that the exception still says something useful.
 */
final class ErrorBodies {

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private static final int MAX_SHOWN = 200;

    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]?");

    private ErrorBodies() {
    }

    static String summarize(int status, HttpHeaders headers, byte[] body) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = (known != null) ? known.getReasonPhrase() : "HTTP " + status;
        if (status >= 300 && status < 400) {
            String location = headers.getFirst(HttpHeaders.LOCATION);
            return reason + ": the API redirected" + ((location != null) ? " to " + clean(location) : "")
                    + "; redirects are not followed, so that the access token stays with the configured base URL";
        }
        if (body.length == 0) {
            return reason + " (no body)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        MediaType contentType = headers.getContentType();
        boolean html = (contentType != null && contentType.isCompatibleWith(MediaType.TEXT_HTML))
                || text.stripLeading().toLowerCase(Locale.ROOT).startsWith("<");
        if (html) {
            Matcher title = TITLE.matcher(text);
            String shown = title.find() ? title.group(1) : TAG.matcher(text).replaceAll(" ");
            return reason + " (an HTML page, not DigitalOcean's JSON: " + clean(shown) + ")";
        }
        return reason + " (" + ((contentType != null) ? contentType + " " : "") + "body: " + clean(text) + ")";
    }

    private static String clean(String text) {
        // Terminal escape sequences first, so that no "[31m" is left behind when the escape character goes.
        String unescaped = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        String flat = unescaped.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return (flat.length() > MAX_SHOWN) ? flat.substring(0, MAX_SHOWN) + "…" : flat;
    }

}
