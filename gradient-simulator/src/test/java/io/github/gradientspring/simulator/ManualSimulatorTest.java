package io.github.gradientspring.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up most simulator tests share: a fresh simulator on a manual clock with {@link Fixtures#TIMING}, a plain
 * HTTP client pointed at it, and the {@link Fixtures#docs docs} knowledge base.
 */
abstract class ManualSimulatorTest {

    protected GradientSimulator simulator;

    protected Http http;

    protected SeededKnowledgeBase kb;

    @BeforeEach
    void startSimulator() {
        this.simulator = Fixtures.manual().start();
        this.http = Http.to(this.simulator);
        this.kb = Fixtures.docs(this.simulator);
    }

    @AfterEach
    void stopSimulator() {
        this.simulator.close();
    }

}
