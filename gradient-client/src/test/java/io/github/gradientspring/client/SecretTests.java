package io.github.gradientspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The access token never shows: not in a message, a {@code toString()}, or a log line, even with Spring's request
 * details logged at TRACE.
 */
class SecretTests {

    private static final String[] VERBOSE_LOGGERS = { "io.github.gradientspring", "org.springframework.web",
            "org.springframework.http", "reactor.netty" };

    private final MockGradientApi api = new MockGradientApi();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final List<Level> previousLevels = new ArrayList<>();

    @BeforeEach
    void captureLogsAtTheMostVerboseLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.logs.setContext(context);
        this.logs.start();
        for (String name : VERBOSE_LOGGERS) {
            Logger logger = context.getLogger(name);
            this.previousLevels.add(logger.getLevel());
            logger.setLevel(Level.TRACE);
            logger.addAppender(this.logs);
        }
    }

    @AfterEach
    void restore() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (int i = 0; i < VERBOSE_LOGGERS.length; i++) {
            Logger logger = context.getLogger(VERBOSE_LOGGERS[i]);
            logger.detachAppender(this.logs);
            logger.setLevel(this.previousLevels.get(i));
        }
        this.api.close();
    }

    @Test
    void theTokenAppearsInNoLogLineMessageOrToStringOfAWholeWorkflow() {
        WebClient.Builder loggingRequestDetails = WebClient.builder()
            .codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true));
        IndexingJobsClient client = this.api.builder().webClientBuilder(loggingRequestDetails).build();
        this.api.enqueueFixture("create-indexing-job.response.json");
        this.api.enqueueJson(503, "{\"id\":\"unavailable\",\"message\":\"later\"}");
        this.api.enqueueFixture("get-indexing-job.response.json");
        this.api.enqueueFixture("list-indexing-jobs.response.json");
        this.api.enqueueJson(401, MockGradientApi.fixture("error-401.json"));
        List<Object> seen = new ArrayList<>();
        seen.add(client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30)));
        seen.add(client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        seen.add(client.list(PageRequest.first()).block(Duration.ofSeconds(30)));
        Throwable failure = catchThrowable(() -> client.cancel(MockGradientApi.JOB).block(Duration.ofSeconds(10)));
        seen.add(client);
        assertThat(failure).isNotNull();
        List<ILoggingEvent> captured;
        // The appender adds events under its own lock, from the client's threads.
        synchronized (this.logs) {
            captured = new ArrayList<>(this.logs.list);
        }
        assertThat(captured).as("the logs were captured").isNotEmpty();
        assertThat(captured).anySatisfy((event) -> assertThat(event.getFormattedMessage()).contains("Retrying"));
        for (ILoggingEvent event : captured) {
            assertThat(event.getFormattedMessage()).doesNotContain(MockGradientApi.TOKEN);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(MockGradientApi.TOKEN);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain(MockGradientApi.TOKEN);
            assertThat(cause.toString()).doesNotContain(MockGradientApi.TOKEN);
        }
        for (Object value : seen) {
            assertThat(value.toString()).doesNotContain(MockGradientApi.TOKEN);
        }
        assertThat(client.toString()).contains("******");
    }

}
