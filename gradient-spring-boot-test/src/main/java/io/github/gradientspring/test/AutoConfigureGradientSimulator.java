package io.github.gradientspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.gradientspring.simulator.GradientSimulator;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs a Spring test context against a local {@link GradientSimulator} instead of DigitalOcean, in a
 * {@code @SpringBootTest} or in a slice such as {@code @WebFluxTest}.
 * <p>
 * As Spring Boot's own {@code @AutoConfigureXxx} annotations, it is an {@link ImportAutoConfiguration} listed in
 * {@code META-INF/spring/io.github.gradientspring.test.AutoConfigureGradientSimulator.imports}: the Gradient
 * auto-configuration (with WebClient's, so that a slice that leaves those out still gets a client) and
 * {@link GradientSimulatorAutoConfiguration}, which starts a simulator on {@code 127.0.0.1} as the
 * {@code gradientSimulator} bean and supplies the {@code GradientConnectionDetails} that point every client the
 * starter builds at it, whatever {@code application.yml} or a real {@code DIGITALOCEAN_ACCESS_TOKEN} say. Inject the
 * simulator to seed knowledge bases, move its clock, inject faults and read its journal. It is closed with the
 * context.
 * <p>
 * It also sets test defaults, below every other property source, that make watches poll quickly
 * ({@code gradient.watch.initial-interval=10ms}, {@code gradient.watch.max-interval=100ms}), since the simulator's
 * jobs move when the test advances its clock, not in real time. A context (and its simulator) is shared by the test
 * classes that have the same configuration, as Spring caches contexts, so by default the simulator and the
 * client's retry quota are {@linkplain GradientSimulator#reset() reset} after each test method.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureGradientSimulator
 * class IndexingTests {
 *     @Autowired IndexingJobsClient client;
 *     @Autowired GradientSimulator simulator;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping(GradientSimulatorAutoConfiguration.PREFIX)
public @interface AutoConfigureGradientSimulator {

    /**
     * Whether the simulator runs on a manual clock that only {@link GradientSimulator#advance} moves, so that jobs
     * progress exactly when the test says and no test has to wait for them.
     * @return whether to use a manual clock
     */
    boolean manualClock() default true;

    /**
     * The token the simulator accepts and the client sends.
     * @return the access token
     */
    String accessToken() default GradientSimulator.DEFAULT_ACCESS_TOKEN;

    /**
     * Whether the simulator enforces DigitalOcean's rate limits and sends their headers.
     * @return whether rate limits are on
     */
    boolean rateLimits() default true;

    /**
     * Whether to forget jobs, faults and the journal after each test method, and refill the retry quotas of the
     * context, so that tests sharing a context do not see each other's work. Seeded knowledge bases and the clock
     * are kept.
     * @return whether to reset after each test
     */
    @PropertyMapping(skip = PropertyMapping.Skip.YES)
    boolean resetAfterEachTest() default true;

}
