package io.github.gradientspring.fleet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process a fleet run starts, so that a shutdown hook ends those the run could not stop itself (the test JVM
 * interrupted, a failure before a finally block).
 */
final class ChildProcesses {

    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::destroyAll, "fleet-child-processes"));
    }

    private ChildProcesses() {
    }

    static void register(Process process) {
        STARTED.add(process);
    }

    /** Kills whatever is still running; returns how many were. */
    static int destroyAll() {
        int alive = 0;
        for (Process process : STARTED) {
            if (process.isAlive()) {
                alive++;
                process.destroyForcibly();
            }
            STARTED.remove(process);
        }
        return alive;
    }

}
