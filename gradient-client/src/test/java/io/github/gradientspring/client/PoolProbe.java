package io.github.gradientspring.client;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A Reactor Netty connection pool of the test's own, with its gauges read through a {@code MeterRegistrar}: how
 * many connections are handed out ({@code acquired}), open at all ({@code allocated}), and waited for
 * ({@code pending}). A connection left acquired after every call has ended is a leak.
 */
final class PoolProbe implements AutoCloseable {

    private final List<ConnectionPoolMetrics> pools = new CopyOnWriteArrayList<>();

    final ConnectionProvider provider;

    PoolProbe(String name, int maxConnections) {
        this.provider = ConnectionProvider.builder(name)
            .maxConnections(maxConnections)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(30))
            .metrics(true, () -> new ConnectionProvider.MeterRegistrar() {
                @Override
                public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
                        ConnectionPoolMetrics metrics) {
                    PoolProbe.this.pools.add(metrics);
                }
            })
            .build();
    }

    /** A connector on this pool, configured as the client's own default one (no redirects, a connect timeout). */
    ClientHttpConnector connector() {
        return new ReactorClientHttpConnector(HttpClient.create(this.provider)
            .followRedirect(false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000));
    }

    /** How many pools (one per remote address) have reported their gauges; 0 would make every check vacuous. */
    int pools() {
        return this.pools.size();
    }

    int acquired() {
        return sum(ConnectionPoolMetrics::acquiredSize);
    }

    int allocated() {
        return sum(ConnectionPoolMetrics::allocatedSize);
    }

    int pending() {
        return sum(ConnectionPoolMetrics::pendingAcquireSize);
    }

    private int sum(java.util.function.ToIntFunction<ConnectionPoolMetrics> gauge) {
        int total = 0;
        for (ConnectionPoolMetrics metrics : this.pools) {
            total += gauge.applyAsInt(metrics);
        }
        return total;
    }

    /**
     * Waits, up to {@code within}, until no connection is acquired or waited for. A connection goes back to the pool
     * on its event loop just after the call that used it has ended, so this is checked a few times rather than once.
     * @return the connections still acquired when the wait ended (0 unless they leaked)
     */
    int awaitNoneInUse(Duration within) {
        return awaitZero(() -> acquired() + pending(), within);
    }

    /** Waits, up to {@code within}, until no connection is open; returns those still open. */
    int awaitNoneOpen(Duration within) {
        return awaitZero(this::allocated, within);
    }

    static int awaitZero(IntSupplier gauge, Duration within) {
        // A bounded check every 2 ms on the test's own thread: no Reactor scheduler, so that virtual time set by a
        // test cannot stall it.
        long deadline = System.nanoTime() + within.toNanos();
        int value = gauge.getAsInt();
        while (value != 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(2_000_000);
            value = gauge.getAsInt();
        }
        return value;
    }

    @Override
    public void close() {
        this.provider.disposeLater().block(Duration.ofSeconds(5));
    }

}
