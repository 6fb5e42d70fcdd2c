package io.github.gradientspring.redis.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A real {@code redis-server} for tests, on a free loopback port: the one on the {@code PATH} when there is one,
 * else the binary that {@code com.github.codemonstur:embedded-redis} ships for the platform (copied out of its jar
 * once), so that the build passes on a machine with only a JDK. It runs without persistence; {@link #stop()} and
 * {@link #start()} again keep its port, for outage tests. Close it (try-with-resources or {@code @AfterAll}).
 * <p>
 * Part of gradient-redis's test-jar ({@code <type>test-jar</type>}), for the fleet tests of other modules.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private static volatile Path extracted;

    private final Path binary;

    private final int port;

    private final Path log;

    private Process process;

    private RedisServerProcess(Path binary, int port) throws IOException {
        this.binary = binary;
        this.port = port;
        this.log = Files.createTempFile("redis-server-" + port + "-", ".log");
        this.log.toFile().deleteOnExit();
    }

    /**
     * Starts a server on a free loopback port.
     * @return the running server
     */
    public static RedisServerProcess startOnFreePort() {
        try {
            RedisServerProcess server = new RedisServerProcess(binary(), freePort());
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The server's host: always the loopback address. */
    public String host() {
        return "127.0.0.1";
    }

    /** The server's port, the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        return this.port;
    }

    /** The server's URL, such as {@code redis://127.0.0.1:6390}. */
    public String url() {
        return "redis://" + host() + ":" + this.port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public synchronized void start() {
        if (this.process != null && this.process.isAlive()) {
            return;
        }
        try {
            this.process = new ProcessBuilder(this.binary.toString(), "--port", Integer.toString(this.port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(this.log.toFile())
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + this.binary, ex);
        }
        // A process that starts listening signals nothing but its port, so the port is tried every 20 ms, within
        // the start timeout.
        Process started = this.process;
        Long listening = Flux.interval(Duration.ZERO, Duration.ofMillis(20), Schedulers.boundedElastic())
            .filter((tick) -> !started.isAlive() || accepts())
            .next()
            .timeout(START_TIMEOUT, Mono.empty())
            .block(START_TIMEOUT.plusSeconds(1));
        if (!started.isAlive()) {
            throw new IllegalStateException("redis-server exited at start: " + readLog());
        }
        if (listening == null) {
            stop();
            throw new IllegalStateException("redis-server did not accept connections within " + START_TIMEOUT + ": "
                    + readLog());
        }
    }

    /** Stops the server (its data is gone: it keeps none) and waits until it is gone. */
    public synchronized void stop() {
        Process process = this.process;
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        this.process = null;
    }

    /** Whether the server is running. */
    public synchronized boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), this.port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private String readLog() {
        try {
            return Files.readString(this.log);
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path binary() throws IOException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return embedded();
    }

    // The platform's binary from embedded-redis's jar, copied out once per JVM.
    private static synchronized Path embedded() throws IOException {
        if (extracted != null) {
            return extracted;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm");
        List<String> names;
        if (os.contains("win")) {
            names = List.of("redis-server-5.0.14.1-windows-amd64.exe");
        }
        else if (os.contains("mac") || os.contains("darwin")) {
            names = List.of(arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64");
        }
        else {
            names = List.of(arm ? "redis-server-6.2.7-linux-arm64"
                    : (arch.contains("64") ? "redis-server-6.2.6-v5-linux-amd64" : "redis-server-6.2.7-linux-386"));
        }
        for (String name : names) {
            try (InputStream in = RedisServerProcess.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    continue;
                }
                Path target = Files.createTempFile("redis-server-", name.endsWith(".exe") ? ".exe" : "");
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().setExecutable(true);
                target.toFile().deleteOnExit();
                extracted = target;
                return target;
            }
        }
        throw new IllegalStateException("No redis-server on the PATH and none in embedded-redis for " + os + "/"
                + arch + ": install one (apt-get install redis-server, brew install redis)");
    }

}
