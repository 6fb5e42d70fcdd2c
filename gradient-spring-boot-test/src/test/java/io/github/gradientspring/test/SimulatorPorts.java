package io.github.gradientspring.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.github.gradientspring.simulator.GradientSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the tests that a simulator is closed when its owner ends. */
final class SimulatorPorts {

    private SimulatorPorts() {
    }

    /**
     * Asserts that a closed simulator's port is free to bind again. Connecting to it instead can succeed even then,
     * when the kernel happens to pick that port as the connecting socket's own and connects it to itself.
     */
    static void assertReleased(GradientSimulator simulator) {
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(new InetSocketAddress("127.0.0.1", simulator.port()));
            assertThat(rebound.isBound()).isTrue();
        }
        catch (IOException ex) {
            throw new AssertionError("the simulator still holds port " + simulator.port(), ex);
        }
    }

}
