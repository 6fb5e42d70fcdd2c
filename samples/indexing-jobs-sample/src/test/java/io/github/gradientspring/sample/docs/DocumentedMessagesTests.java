package io.github.gradientspring.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The messages {@code docs/troubleshooting.md} quotes are the ones the product gives: each quoted message is read
 * from the page and compared with the message of the failure it describes, provoked for real (against the
 * simulator on 127.0.0.1 where it is an answer of the API). In a quoted message, {@code …} and a
 * {@code <placeholder>} stand for any text; everything else must be exactly as the product says it.
 */
class DocumentedMessagesTests {

    private static final Duration BLOCK = Duration.ofSeconds(20);

    private static final String JOB = "8f3ad5c8-5d2c-4a4f-9a64-cd0d3b6b5ae1";

    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    @Test
    void theBaseUrlMessagesOfTheTroubleshootingPageAreTheOnesTheClientGives() throws IOException {
        List<String> documented = new ArrayList<>();
        List<String> lines = page().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("- `baseUrl ")) {
                StringBuilder bullet = new StringBuilder(lines.get(i));
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ")) {
                    bullet.append(' ').append(lines.get(++i).strip());
                }
                Matcher quoted = QUOTED.matcher(bullet);
                assertThat(quoted.find()).as("a quoted message in %s", bullet).isTrue();
                documented.add(quoted.group(1).replaceAll("\\s+", " "));
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String value : List.of("", "api.digitalocean.com", "/v2", "ftp://api.digitalocean.com",
                "https://api.digitalocean.com/with space", "https://user@api.digitalocean.com",
                "https://api.digitalocean.com?x=1", "http://api.example.com")) {
            given.put(value, catchThrowable(() -> IndexingJobsClient.builder().baseUrl(value)).getMessage());
        }
        // Every documented message is one the client gives, and every message the client gives is documented.
        for (String template : documented) {
            assertThat(given.values()).as("a baseUrl message matching the documented `%s`", template)
                .anyMatch((message) -> matches(template, message));
        }
        for (Map.Entry<String, String> message : given.entrySet()) {
            assertThat(documented).as("the page documents the message for baseUrl \"%s\": %s", message.getKey(),
                    message.getValue())
                .anyMatch((template) -> matches(template, message.getValue()));
        }
        assertThat(documented).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void anEmptyBaseUrlPropertyStopsTheApplicationWithTheDocumentedMessage() throws IOException {
        String documented = page().lines()
            .filter((line) -> line.startsWith("- `baseUrl must not be null or blank`"))
            .findFirst()
            .orElseThrow();
        assertThat(documented).contains("`gradient.base-url=`");
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=a-token", "gradient.base-url=")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessage("baseUrl must not be null or blank"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theTimeoutMessageOfTheTroubleshootingPageIsTheOneTheClientGives() throws IOException {
        String template = quotedAfter("- `GradientTimeoutException`: ");
        assertThat(template).contains("within 60s");
        try (GradientSimulator simulator = GradientSimulator.builder().start()) {
            simulator.faults().on(Operation.RETRIEVE).always().respond(Fault.delay(Duration.ofSeconds(10)));
            Duration timeout = Duration.ofSeconds(1);
            String message = failure(client(simulator, simulator.accessToken(), timeout), (c) -> c.retrieve(JOB));
            // The page shows the default, 60 s; the client here waits 1 s, written the same way.
            assertThat(message).matches(regex(template.replace("within 60s", "within " + timeout.toSeconds() + "s")));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theApiErrorMessagesOfTheTroubleshootingPageAreTheOnesTheClientGives() throws IOException {
        try (GradientSimulator simulator = GradientSimulator.builder().readOnlyTokens("read-only-token")
            .rateLimits(RateLimits.of(2, 100))
            .start()) {
            String kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.demo()).uuid();
            assertThat(failure(client(simulator, "not-the-token", null), (c) -> c.retrieve(JOB)))
                .matches(regex(quotedAfter("## 401 Unauthorized")));
            assertThat(failure(client(simulator, "read-only-token", null),
                    (c) -> c.create(CreateIndexingJobRequest.forKnowledgeBase(kb))))
                .matches(regex(quotedAfter("## 403 Forbidden")));
            IndexingJobsClient limited = client(simulator, simulator.accessToken(), null);
            String exhausted = null;
            for (int i = 0; i < 3 && exhausted == null; i++) {
                String message = failure(limited, (c) -> c.retrieve(JOB));
                exhausted = message.contains(" 429 ") ? message : null;
            }
            assertThat(exhausted).matches(regex(quotedAfter("## 429 Too Many Requests")));
        }
        try (GradientSimulator simulator = GradientSimulator.builder().start()) {
            simulator.faults().onAny().always().respond(Fault.redirect(301, "https://elsewhere.example/v2"));
            assertThat(failure(client(simulator, simulator.accessToken(), null), (c) -> c.retrieve(JOB)))
                .matches(regex(quotedAfter("## Redirects")));
        }
    }

    private static IndexingJobsClient client(GradientSimulator simulator, String token, Duration timeout) {
        IndexingJobsClient.Builder builder = IndexingJobsClient.builder()
            .baseUrl(simulator.baseUrl())
            .accessToken(token)
            .retryPolicy(RetryPolicy.none())
            .rateLimitPolicy(RateLimitPolicy.unlimited());
        if (timeout != null) {
            builder.timeout(timeout);
        }
        return builder.build();
    }

    private static String failure(IndexingJobsClient client, Function<IndexingJobsClient, Mono<?>> call) {
        Throwable failure = catchThrowable(() -> call.apply(client).block(BLOCK));
        assertThat(failure).as("the call fails").isNotNull();
        return failure.getMessage();
    }

    private static String page() throws IOException {
        return Files.readString(DocumentedCommands.ROOT.resolve("docs/troubleshooting.md"));
    }

    /** The first quoted text after a heading or other marker text, its line breaks made spaces. */
    private static String quotedAfter(String marker) throws IOException {
        String text = page();
        int at = text.indexOf(marker);
        assertThat(at).as("the page has %s", marker).isNotNegative();
        int from = marker.startsWith("#") ? text.indexOf('\n', at) : at + marker.length();
        Matcher quoted = QUOTED.matcher(text);
        assertThat(quoted.find(from)).as("a quoted message after %s", marker).isTrue();
        return quoted.group(1).replaceAll("\\s+", " ");
    }

    private static boolean matches(String template, String message) {
        return message.replaceAll("\\s+", " ").matches(regex(template));
    }

    /** A documented message as a pattern: {@code …} and {@code <placeholder>} match any text. */
    static String regex(String template) {
        StringBuilder regex = new StringBuilder("(?s)");
        Matcher wildcard = Pattern.compile("…|<[a-z][a-z ]*>").matcher(template);
        int last = 0;
        while (wildcard.find()) {
            regex.append(Pattern.quote(template.substring(last, wildcard.start()))).append(".*?");
            last = wildcard.end();
        }
        return regex.append(Pattern.quote(template.substring(last))).toString();
    }

}
