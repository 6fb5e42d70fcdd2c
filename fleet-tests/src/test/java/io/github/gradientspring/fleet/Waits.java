package io.github.gradientspring.fleet;

import java.time.Duration;

/**
 * The harness's one way to let wall-clock time pass. Four JVMs, a simulator and a redis-server run on the wall clock,
 * so the harness has to wait for them; every wait is in a loop with a deadline.
 */
final class Waits {

    private Waits() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

}
