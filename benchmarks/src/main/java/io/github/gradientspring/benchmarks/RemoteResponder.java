package io.github.gradientspring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Responder} in a JVM of its own, so that its allocations and JIT never count against the code under
 * measurement (JMH's {@code -prof gc} counts every thread of the benchmark JVM).
 */
final class RemoteResponder implements AutoCloseable {

    private final Process process;

    private final String baseUrl;

    private RemoteResponder(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static RemoteResponder start() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Responder.class.getName(), "--port", "0", "--max-seconds",
                "7200");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        String line = out.readLine();
                        if (line == null) {
                            break;
                        }
                        if (line.startsWith(Responder.READY_PREFIX)) {
                            return line.substring(Responder.READY_PREFIX.length()).trim();
                        }
                    }
                    throw new IllegalStateException("the responder exited or never said it was listening");
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            String baseUrl = ready.get(30, TimeUnit.SECONDS);
            // Later output is not read: the responder prints nothing more.
            return new RemoteResponder(process, baseUrl);
        }
        catch (IOException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not start the responder: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String baseUrl() {
        return this.baseUrl;
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

}
