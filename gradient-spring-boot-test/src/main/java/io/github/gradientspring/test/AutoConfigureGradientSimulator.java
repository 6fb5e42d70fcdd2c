package io.github.gradientspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.gradientspring.simulator.GradientSimulator;

/**
 * Runs a Spring test context against a local {@link GradientSimulator} instead of DigitalOcean.
 * <p>
 * Put it on a {@code @SpringBootTest} class (or any Spring TestContext test). Before the context starts, a
 * simulator is started on {@code 127.0.0.1}; {@code gradient.base-url} and {@code gradient.access-token} are set to
 * its address and token, above every other property source, so the auto-configured
 * {@link io.github.gradientspring.client.IndexingJobsClient} talks to it. The simulator is a bean: inject it to seed
 * knowledge bases, move its clock, inject faults and read its journal. It is closed when the context closes; a
 * context (and its simulator) is shared by the test classes that have the same configuration, as Spring caches
 * contexts, so by default the simulator is {@linkplain GradientSimulator#reset() reset} after each test method.
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
     * Whether to forget jobs, faults and the journal after each test method, so that tests sharing a context do not
     * see each other's work. Seeded knowledge bases and the clock are kept.
     * @return whether to reset after each test
     */
    boolean resetAfterEachTest() default true;

}
