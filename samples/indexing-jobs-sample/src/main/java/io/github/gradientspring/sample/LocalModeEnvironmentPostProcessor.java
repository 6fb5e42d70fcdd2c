package io.github.gradientspring.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.SeededKnowledgeBase;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode: starts an embedded Gradient simulator and points the client at it, before any bean exists.
 * <p>
 * Why an {@link EnvironmentPostProcessor}: the starter reads {@code gradient.base-url} and
 * {@code gradient.access-token} when it creates the {@code IndexingJobsClient} bean, and refuses to start without a
 * token. The simulator's address is only known once it listens, so it has to be started, and its address put into
 * the environment, before the application context creates a single bean. This runs right after
 * {@code application.yml} is loaded (so {@code sample.mode} can be set there, on the command line or as
 * {@code SAMPLE_MODE}), and does nothing unless the mode is {@code local}.
 * <p>
 * It adds two property sources:
 * <ul>
 * <li>first, above everything: {@code gradient.base-url} and {@code gradient.access-token} of the simulator, so
 * that a {@code DIGITALOCEAN_ACCESS_TOKEN} in the shell can never send local mode to a real account;</li>
 * <li>last, below everything: defaults for local mode (the seeded knowledge base for the demo, the demo switched on,
 * quick {@code watch} polling), which any other setting overrides.</li>
 * </ul>
 * The simulator becomes the {@code gradientSimulator} bean and is closed with the context, also when the context
 * fails to start.
 */
public class LocalModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The property source that points the client at the simulator. */
    public static final String SIMULATOR_PROPERTY_SOURCE = "sampleLocalModeSimulator";

    /** The property source of local mode's defaults. */
    public static final String DEFAULTS_PROPERTY_SOURCE = "sampleLocalModeDefaults";

    /** The simulator's bean name. */
    public static final String SIMULATOR_BEAN = "gradientSimulator";

    /** The demo knowledge base; fixed, so that the printed curl lines can be pasted as they are. */
    public static final String DEMO_KNOWLEDGE_BASE_UUID = "9758a232-b351-11ef-bf8f-4e013e2ddde4";

    private static final String[] DEMO_DATA_SOURCE_UUIDS = { "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde4",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde5", "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde6",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde7" };

    @Override
    public int getOrder() {
        // After application.yml and profiles are loaded.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(IndexingJobsSampleApplication.class)) {
            // Only the sample application has a local mode, not every application on this class path.
            return;
        }
        Binder binder = Binder.get(environment);
        SampleProperties.Mode mode = binder.bind("sample.mode", SampleProperties.Mode.class)
            .orElse(SampleProperties.Mode.LOCAL);
        if (mode != SampleProperties.Mode.LOCAL) {
            return;
        }
        SampleProperties.Simulator settings = binder.bind("sample.simulator", SampleProperties.Simulator.class)
            .orElseGet(SampleProperties.Simulator::new);
        // tag::point-at-simulator[]
        GradientSimulator simulator = GradientSimulator.builder()
            .port(settings.getPort())
            .jobTiming(JobTiming.of(settings.getPending(), settings.getPerDataSource()))
            .start();
        application.addInitializers(new SimulatorBeanRegistrar(simulator));
        SeededKnowledgeBase demo = seed(simulator);

        Map<String, Object> pointing = new LinkedHashMap<>();
        pointing.put("gradient.base-url", simulator.baseUrl());
        pointing.put("gradient.access-token", simulator.accessToken());
        environment.getPropertySources().addFirst(new MapPropertySource(SIMULATOR_PROPERTY_SOURCE, pointing));
        // end::point-at-simulator[]

        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("sample.demo.enabled", "true");
        defaults.put("sample.demo.knowledge-base-uuid", demo.uuid());
        defaults.put("sample.demo.data-source-uuids", String.join(",", demo.dataSourceUuids().subList(0, 3)));
        // The simulator's jobs move every second or so: poll often enough to draw smooth progress bars.
        defaults.put("gradient.watch.initial-interval", "500ms");
        defaults.put("gradient.watch.max-interval", "2s");
        environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_PROPERTY_SOURCE, defaults));
    }

    private static SeededKnowledgeBase seed(GradientSimulator simulator) {
        return simulator.addKnowledgeBase(KnowledgeBaseSpec.named("demo-docs")
            .withUuid(DEMO_KNOWLEDGE_BASE_UUID)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[0], 120, 4_800_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[1], 80, 2_000_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[2], 35, 1_200_000)
            .dataSource(DEMO_DATA_SOURCE_UUIDS[3], 8, 65_536));
    }

    /** Makes the simulator a bean that is closed with the context, whether it starts or fails. */
    private record SimulatorBeanRegistrar(GradientSimulator simulator)
            implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            var beanFactory = context.getBeanFactory();
            beanFactory.registerSingleton(SIMULATOR_BEAN, this.simulator);
            if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(SIMULATOR_BEAN, this.simulator::close);
            }
        }

    }

}
