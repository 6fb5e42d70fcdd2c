package io.github.gradientspring.sample.local;

import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.sample.SampleProperties;
import io.github.gradientspring.sample.dashboard.KnowledgeBaseCatalog;
import io.github.gradientspring.sample.dashboard.OfferedDataSource;
import io.github.gradientspring.sample.dashboard.OfferedKnowledgeBase;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The local application's stand-in for DigitalOcean: an embedded simulator on 127.0.0.1, seeded with the demo's
 * knowledge base, and the {@link GradientConnectionDetails} that point the client at it. Because the details are
 * a bean, the auto-configuration's own (from {@code gradient.*} and {@code DIGITALOCEAN_ACCESS_TOKEN}) backs off,
 * so a token in the shell can never send the local application to a real account. The simulator's clock is the
 * demo's {@link io.github.gradientspring.sample.demo.ApiClock}, so the demo's schedule runs without a minute's wait.
 * <p>
 * It lives on the test class path only, as Spring Boot's dev-time services do: the production jar carries no
 * simulator. {@link TestIndexingJobsSampleApplication} adds it to the application. The dashboard offers the
 * simulator's knowledge bases.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalSimulatorConfiguration {

    /** The demo knowledge base; fixed, so that the printed curl lines can be pasted as they are. */
    public static final String DEMO_KNOWLEDGE_BASE_UUID = "9758a232-b351-11ef-bf8f-4e013e2ddde4";

    private static final String[] DEMO_DATA_SOURCE_UUIDS = { "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde4",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde5", "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde6",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde7" };

    /** The simulator's clock, which the demo's schedule moves ahead to its run instead of waiting a minute. */
    @Bean
    JumpingClock simulatorClock() {
        return new JumpingClock();
    }

    // tag::simulator-bean[]
    @Bean(destroyMethod = "close")
    GradientSimulator gradientSimulator(SampleProperties properties, JumpingClock clock) {
        SampleProperties.Simulator settings = properties.getSimulator();
        GradientSimulator simulator = GradientSimulator.builder()
            .port(settings.getPort())
            .clock(clock)
            .jobTiming(JobTiming.of(settings.getPending(), settings.getPerDataSource()))
            .start();
        simulator.addKnowledgeBase(KnowledgeBaseSpec.named("demo-docs")
            .withUuid(DEMO_KNOWLEDGE_BASE_UUID)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[0], 120, 4_800_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[1], 80, 2_000_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[2], 35, 1_200_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[3], 8, 65_536));
        return simulator;
    }

    @Bean
    GradientConnectionDetails gradientConnectionDetails(GradientSimulator simulator) {
        return new GradientConnectionDetails() {

            @Override
            public String accessToken() {
                return simulator.accessToken();
            }

            @Override
            public String baseUrl() {
                return simulator.baseUrl();
            }

        };
    }
    // end::simulator-bean[]

    /** The dashboard offers the simulator's seeded knowledge bases, whatever {@code sample.knowledge-bases} says. */
    @Bean
    @Primary
    KnowledgeBaseCatalog simulatorKnowledgeBases(GradientSimulator simulator) {
        return () -> simulator.knowledgeBases()
            .stream()
            .map((kb) -> new OfferedKnowledgeBase(kb.uuid(), kb.name(),
                    kb.dataSources()
                        .stream()
                        .map((source) -> new OfferedDataSource(source.uuid(), source.itemCount()))
                        .toList()))
            .toList();
    }

}
