package io.github.gradientspring.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.benchmarks.Responder;

/**
 * The benchmarks' {@link Responder} in a JVM of its own, so that the classes it loads and the code it warms up are
 * not the application's: in the same JVM it would load the JDK's socket and NIO classes before the first call does.
 */
final class ResponderProcess implements AutoCloseable {

    private static final String READY_PREFIX = "listening on ";

    private final Process process;

    private final String baseUrl;

    private ResponderProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static ResponderProcess start() throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Responder.class.getName(), "--port", "0", "--max-seconds", "600"))
            .redirectErrorStream(true)
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // The responder prints its address, then nothing more; readLine returns null if it exits first.
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(READY_PREFIX)) {
                return new ResponderProcess(process, line.substring(READY_PREFIX.length()).trim());
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the responder exited before it was listening");
    }

    String baseUrl() {
        return this.baseUrl;
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }

}
