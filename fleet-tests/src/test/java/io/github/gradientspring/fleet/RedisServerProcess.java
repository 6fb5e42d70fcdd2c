package io.github.gradientspring.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the one on the PATH) on 127.0.0.1 and a given port, without persistence; can be
 * stopped and started again on the same port. Temporary: the fleet-core module's test utility replaces it.
 */
final class RedisServerProcess implements AutoCloseable {

    private final int port;

    private final Path log;

    private Process process;

    private RedisServerProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    static RedisServerProcess start(int port, Path log) {
        RedisServerProcess redis = new RedisServerProcess(port, log);
        redis.start();
        return redis;
    }

    int port() {
        return this.port;
    }

    synchronized void start() {
        try {
            this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
                    .start();
            ChildProcesses.register(this.process);
        }
        catch (IOException ex) {
            throw new IllegalStateException("redis-server could not be started (is it on the PATH?)", ex);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answersPing()) {
            if (System.nanoTime() > deadline || !this.process.isAlive()) {
                stop();
                throw new IllegalStateException("redis-server did not answer on port " + this.port + "; see " + this.log);
            }
            Waits.pause(Duration.ofMillis(50));
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s); the port stays this server's for {@link #start()}. */
    synchronized void stop() {
        if (this.process == null) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
        this.process = null;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

}
