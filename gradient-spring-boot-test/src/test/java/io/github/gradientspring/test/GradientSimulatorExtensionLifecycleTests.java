package io.github.gradientspring.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * How long the extension's simulators live: per test unless a class-level method asked for one, and closed when
 * their scope ends. The example classes are run with JUnit's test kit; the build does not run them on their own.
 */
class GradientSimulatorExtensionLifecycleTests {

    static final List<GradientSimulator> seen = new CopyOnWriteArrayList<>();

    @Test
    void eachTestGetsItsOwnSimulatorClosedAfterIt() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(PerTest.class))
            .execute()
            .testEvents()
            .assertStatistics((stats) -> stats.started(2).succeeded(2));
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(seen.get(2)).isSameAs(seen.get(3));
        assertThat(seen.get(0)).isNotSameAs(seen.get(2));
        seen.forEach(SimulatorPorts::assertReleased);
    }

    @Test
    void simulatorAskedForByBeforeAllServesTheWholeClass() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(PerClass.class))
            .execute()
            .testEvents()
            .assertStatistics((stats) -> stats.started(2).succeeded(2));
        assertThat(seen).hasSize(3).allSatisfy((simulator) -> assertThat(simulator).isSameAs(seen.get(0)));
        SimulatorPorts.assertReleased(seen.get(0));
    }

    @ExtendWith(GradientSimulatorExtension.class)
    static class PerTest {

        @BeforeEach
        void before(GradientSimulator simulator) {
            seen.add(simulator);
        }

        @Test
        void one(GradientSimulator simulator, IndexingJobsClient client) {
            seen.add(simulator);
            assertThat(client).isNotNull();
        }

        @Test
        void two(GradientSimulator simulator) {
            seen.add(simulator);
        }

    }

    @ExtendWith(GradientSimulatorExtension.class)
    static class PerClass {

        @BeforeAll
        static void beforeAll(GradientSimulator simulator) {
            seen.add(simulator);
        }

        @Test
        void one(GradientSimulator simulator) {
            seen.add(simulator);
        }

        @Test
        void two(GradientSimulator simulator) {
            seen.add(simulator);
        }

    }

}
