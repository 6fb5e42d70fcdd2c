package io.github.gradientspring.test;

import java.util.Objects;
import java.util.function.Consumer;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that gives plain tests (no Spring context) a started {@link GradientSimulator} and an
 * {@link IndexingJobsClient} pointed at it, as parameters of test, lifecycle and constructor methods.
 * <p>
 * A simulator lives as long as the scope it was first asked for in: one asked for by a {@code @BeforeAll} method
 * serves the whole class, one asked for by a test or {@code @BeforeEach} method serves that test only. It is closed
 * when its scope ends. The client asked for in the same scope talks to that simulator.
 * <p>
 * With {@code @ExtendWith(GradientSimulatorExtension.class)} the simulator runs on a manual clock and the client has
 * the library's defaults. Register it with {@code @RegisterExtension} to change either:
 *
 * <pre>{@code
 * @RegisterExtension
 * static GradientSimulatorExtension gradient = new GradientSimulatorExtension()
 *     .simulator((simulator) -> simulator.rateLimits(RateLimits.OFF))
 *     .client((client) -> client.retryPolicy(RetryPolicy.none()));
 * }</pre>
 */
public final class GradientSimulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
        .create(GradientSimulatorExtension.class);

    private final Consumer<GradientSimulator.Builder> simulatorCustomizer;

    private final Consumer<IndexingJobsClient.Builder> clientCustomizer;

    /**
     * An extension with a manual-clock simulator and a default client.
     */
    public GradientSimulatorExtension() {
        this(GradientSimulator.Builder::manualClock, (client) -> {
        });
    }

    private GradientSimulatorExtension(Consumer<GradientSimulator.Builder> simulatorCustomizer,
            Consumer<IndexingJobsClient.Builder> clientCustomizer) {
        this.simulatorCustomizer = simulatorCustomizer;
        this.clientCustomizer = clientCustomizer;
    }

    /**
     * Returns an extension that also applies the given settings to each simulator it starts, after its defaults
     * (a manual clock).
     * @param customizer changes the simulator builder, for example its job timing or rate limits
     * @return a new extension
     */
    public GradientSimulatorExtension simulator(Consumer<GradientSimulator.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer must not be null");
        return new GradientSimulatorExtension(this.simulatorCustomizer.andThen(customizer), this.clientCustomizer);
    }

    /**
     * Returns an extension that also applies the given settings to each client it makes, after the simulator's
     * base URL and token.
     * @param customizer changes the client builder, for example its retry policy or watch intervals
     * @return a new extension
     */
    public GradientSimulatorExtension client(Consumer<IndexingJobsClient.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer must not be null");
        return new GradientSimulatorExtension(this.simulatorCustomizer, this.clientCustomizer.andThen(customizer));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == GradientSimulator.class || type == IndexingJobsClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == GradientSimulator.class) {
            return simulator(extensionContext);
        }
        if (type == IndexingJobsClient.class) {
            return client(extensionContext);
        }
        throw new ParameterResolutionException("GradientSimulatorExtension cannot resolve " + type.getName());
    }

    private GradientSimulator simulator(ExtensionContext context) {
        // Stores see their ancestors' values: a simulator started for the class is found from each test, and a
        // store closes the AutoCloseable simulator when its scope ends.
        return context.getStore(NAMESPACE).computeIfAbsent(GradientSimulator.class, (key) -> {
            GradientSimulator.Builder builder = GradientSimulator.builder();
            this.simulatorCustomizer.accept(builder);
            return builder.start();
        }, GradientSimulator.class);
    }

    private IndexingJobsClient client(ExtensionContext context) {
        GradientSimulator simulator = simulator(context);
        return context.getStore(NAMESPACE).computeIfAbsent(IndexingJobsClient.class, (key) -> {
            IndexingJobsClient.Builder builder = IndexingJobsClient.builder()
                .baseUrl(simulator.baseUrl())
                .accessToken(simulator.accessToken());
            this.clientCustomizer.accept(builder);
            return builder.build();
        }, IndexingJobsClient.class);
    }

}
