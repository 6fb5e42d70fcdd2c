package io.github.gradientspring.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.gradientspring.autoconfigure.health.GradientHealthContributorAutoConfiguration;
import io.github.gradientspring.autoconfigure.observation.GradientMetricsAutoConfiguration;
import io.github.gradientspring.autoconfigure.observation.GradientObservationAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A complete workflow through the auto-configured client, with the most verbose settings a user might switch on
 * ({@code spring.http.codecs.log-request-details=true}, TRACE for Spring's web client, {@code org.springframework.http}
 * and {@code reactor.netty}, DEBUG for this library): the token appears in no captured log line, exception,
 * {@code toString()}, health detail, meter id or actuator endpoint.
 */
class GradientSecretsTests {

    private static final String TOKEN = "dop_v1_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100";

    private static final Map<String, Level> VERBOSE = Map.of("org.springframework.web.reactive.function.client",
            Level.TRACE, "org.springframework.http", Level.TRACE, "reactor.netty", Level.TRACE, "io.github.gradientspring",
            Level.DEBUG, "org.springframework.web", Level.TRACE);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final Map<String, Level> previous = new LinkedHashMap<>();

    private GradientSimulator simulator;

    @BeforeEach
    void start() {
        this.simulator = GradientSimulator.builder().accessToken(TOKEN).manualClock().rateLimits(RateLimits.OFF).start();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.logs.setContext(context);
        this.logs.start();
        VERBOSE.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            this.previous.put(name, logger.getLevel());
            logger.setLevel(level);
        });
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.logs);
    }

    @AfterEach
    void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.logs);
        this.previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
        this.simulator.close();
    }

    @Test
    void theTokenAppearsNowhereInACompleteWorkflowWithTheMostVerboseSettings() {
        String knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(4, 4_000)).uuid();
        List<Object> seen = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
                    ReactiveHttpClientAutoConfiguration.class, JacksonAutoConfiguration.class,
                    CodecsAutoConfiguration.class, WebClientAutoConfiguration.class, ObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, WebClientObservationAutoConfiguration.class,
                    GradientAutoConfiguration.class, GradientObservationAutoConfiguration.class,
                    GradientMetricsAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    GradientHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + TOKEN, "gradient.base-url=" + this.simulator.baseUrl(),
                    "spring.http.codecs.log-request-details=true", "gradient.rate-limit.enabled=false",
                    "gradient.retry.initial-delay=5ms", "gradient.retry.max-delay=10ms",
                    "gradient.watch.initial-interval=20ms", "gradient.watch.max-interval=40ms",
                    "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
                    "management.endpoints.web.exposure.include=*")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
                this.simulator.faults().on(Operation.CREATE).times(1).respond(Fault.status(503));
                this.simulator.faults().on(Operation.RETRIEVE).times(1).respond(Fault.connectionReset());
                IndexingJob job = client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase)).block(Duration.ofSeconds(30));
                seen.add(job);
                seen.add(client.retrieve(job.uuid()).block(Duration.ofSeconds(30)));
                this.simulator.advance(Duration.ofHours(1));
                seen.add(client.awaitCompletion(job.uuid(), Duration.ofMinutes(5)).block(Duration.ofSeconds(30)));
                seen.add(client.list(PageRequest.first()).block(Duration.ofSeconds(30)));
                seen.add(client.listAll().collectList().block(Duration.ofSeconds(30)));
                seen.add(client.listByKnowledgeBase(knowledgeBase).block(Duration.ofSeconds(30)));
                seen.add(client.listDataSources(job.uuid()).collectList().block(Duration.ofSeconds(30)));
                seen.add(client.detailsSignedUrl(job.uuid()).block(Duration.ofSeconds(30)));
                seen.add(client.cancel(job.uuid()).block(Duration.ofSeconds(30)));
                seen.add(client);
                failures.add(catchThrowable(() -> client.retrieve("123e4567-e89b-12d3-a456-426614174000").block(Duration.ofSeconds(30))));
                this.simulator.faults().on(Operation.LIST).times(1).respond(Fault.malformedJson());
                failures.add(catchThrowable(() -> client.list(PageRequest.first()).block(Duration.ofSeconds(30))));
                this.simulator.faults().outage();
                failures.add(catchThrowable(() -> client.cancel(job.uuid()).block(Duration.ofSeconds(30))));
                this.simulator.faults().endOutage();
                failures.add(catchThrowable(() -> client.retrieve("not a uuid").block(Duration.ofSeconds(30))));

                Health health = context.getBean("gradientHealthContributor", ReactiveHealthIndicator.class)
                    .health()
                    .block(Duration.ofSeconds(10));
                seen.add(health);
                seen.add(health.getDetails());

                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.getMeters()).isNotEmpty();
                for (Meter meter : meters.getMeters()) {
                    seen.add(meter.getId());
                }
                seen.add(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()
                    .getContexts()
                    .values()
                    .iterator()
                    .next()
                    .getBeans());
                seen.add(context.getBean(EnvironmentEndpoint.class).environment(null).getPropertySources().stream()
                    .flatMap((source) -> source.getProperties().entrySet().stream())
                    .map((entry) -> entry.getKey() + "=" + entry.getValue().getValue())
                    .toList());
                seen.add(context.getBean(GradientProperties.class));
            });

        assertThat(failures).hasSize(4).doesNotContainNull();
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).as("stack trace of " + failure).doesNotContain(TOKEN);
        }
        for (Object value : seen) {
            assertThat(String.valueOf(value)).doesNotContain(TOKEN);
        }
        List<ILoggingEvent> captured;
        synchronized (this.logs) {
            captured = new ArrayList<>(this.logs.list);
        }
        // The settings took effect: Spring logged the request details, Reactor Netty its own traces.
        assertThat(captured).anySatisfy((event) -> assertThat(event.getFormattedMessage()).contains("User-Agent"));
        assertThat(captured).anySatisfy((event) -> assertThat(event.getLoggerName()).startsWith("reactor.netty"));
        assertThat(captured).anySatisfy((event) -> assertThat(event.getFormattedMessage()).contains("Retrying"));
        for (ILoggingEvent event : captured) {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN);
            if (event.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(TOKEN);
            }
        }
        // The server did receive it, so that its absence above means something.
        assertThat(this.simulator.journal().requests().get(0).header("authorization")).isEqualTo("Bearer " + TOKEN);
    }

}
