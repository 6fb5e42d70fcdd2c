package io.github.gradientspring.fleet;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * One member of a fleet run: a JVM of {@link FleetMemberApplication} started with the test's class path, on a free
 * port it reports through a file, its output in {@code target/fleet/<run>/<name>.log}.
 */
final class MemberProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;

    private final Process process;

    private final Path portFile;

    private final Path log;

    private int port;

    private MemberProcess(String name, Process process, Path portFile, Path log) {
        this.name = name;
        this.process = process;
        this.portFile = portFile;
        this.log = log;
    }

    /**
     * Starts a member; returns at once (see {@link #awaitReady}).
     * @param name its name
     * @param directory where its port file and log go
     * @param properties Spring Boot properties for it ({@code gradient.*}, {@code spring.data.redis.*}, …)
     */
    static MemberProcess start(String name, Path directory, Map<String, String> properties) {
        Path portFile = directory.resolve(name + ".port");
        Path log = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting JVMs: five of them share the machine with the simulator and the test.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dmember.port-file=" + portFile, "-Dmember.exit-with-parent=true", "-cp", classPath(),
                FleetMemberApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
                "--member.name=" + name));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.deleteIfExists(portFile);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ChildProcesses.register(process);
            return new MemberProcess(name, process, portFile, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start member " + name, ex);
        }
    }

    private static String classPath() {
        try {
            String dependencies = Files.readString(Path.of(System.getProperty("fleet.member.classpath"))).trim();
            return System.getProperty("fleet.member.classes") + File.pathSeparator + dependencies;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("the member class path (run through Maven, which writes it)", ex);
        }
    }

    String name() {
        return this.name;
    }

    /** Waits until the member listens, at most {@code timeout}. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.port == 0) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see "
                        + this.log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this.name + " did not start within " + timeout + "; see " + this.log);
            }
            try {
                if (Files.exists(this.portFile)) {
                    String text = Files.readString(this.portFile).trim();
                    if (!text.isEmpty()) {
                        this.port = Integer.parseInt(text);
                        break;
                    }
                }
            }
            catch (IOException | NumberFormatException ex) {
                // Being written; read it again.
            }
            Waits.pause(Duration.ofMillis(200));
        }
    }

    void watch(List<String> jobUuids) {
        String body = JSON.writeValueAsString(jobUuids);
        send(HttpRequest.newBuilder(uri("/member/watch")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build());
    }

    MemberReport report() {
        String body = send(HttpRequest.newBuilder(uri("/member/report")).timeout(Duration.ofSeconds(10)).GET().build());
        return JSON.readValue(body, MemberReport.class);
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /** {@code kill -9}: the JVM ends at once, without its shutdown hooks. */
    void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(this.name + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(this.name + " did not answer " + request.uri(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** Stops the member as a platform would (SIGTERM), then kills it if it is still there after 10 s. */
    @Override
    public void close() {
        if (!this.process.isAlive()) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

}
