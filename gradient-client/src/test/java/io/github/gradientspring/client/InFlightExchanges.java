package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Counts the exchanges a client has on the wire, through a filter on the {@code WebClient.Builder} a test gives the
 * client's public {@code webClientBuilder(..)}. An exchange counts from when it is sent until its response body has
 * been read and handled (or it failed, or was cancelled), so that a test moving virtual time in lock step with the
 * simulator can wait until nothing real is still under way.
 */
final class InFlightExchanges implements ExchangeFilterFunction {

    private final AtomicInteger inFlight = new AtomicInteger();

    int get() {
        return this.inFlight.get();
    }

    /**
     * Blocks until no exchange is under way, or the timeout passes.
     * @return whether none is under way
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.inFlight.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            this.inFlight.incrementAndGet();
            Ending ending = new Ending();
            return next.exchange(request)
                // The body's end is after the client has decoded it and acted on it: doFinally runs once the
                // terminal signal has gone downstream.
                .map((response) -> response.mutate().body((body) -> body.doFinally((signal) -> ending.end())).build())
                .doOnError((failure) -> ending.end())
                .doOnCancel(ending::end);
        });
    }

    /** Ends one exchange once, however many of its signals arrive. */
    private final class Ending {

        private final AtomicBoolean ended = new AtomicBoolean();

        void end() {
            if (this.ended.compareAndSet(false, true) && InFlightExchanges.this.inFlight.decrementAndGet() == 0) {
                synchronized (InFlightExchanges.this) {
                    InFlightExchanges.this.notifyAll();
                }
            }
        }

    }

}
