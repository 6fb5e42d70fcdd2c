package io.github.gradientspring.fleet;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RequestBudget;
import io.github.gradientspring.client.model.PageRequest;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The steady trickle of application calls every member makes beside its watches: a page of the job list every
 * {@code member.call-interval}, one call at a time, each timed, so that the report says whether any hung or failed.
 */
@Component
class ApplicationCalls implements SmartLifecycle {

    private final IndexingJobsClient client;

    private final MemberProperties properties;

    private final AtomicLong ok = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong maxMillis = new AtomicLong();

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private final AtomicLong leastInMinute = new AtomicLong(Long.MAX_VALUE);

    private final AtomicLong mostWaiting = new AtomicLong();

    private volatile @Nullable Instant lastPause;

    private volatile @Nullable Disposable calls;

    ApplicationCalls(IndexingJobsClient client, MemberProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public void start() {
        this.calls = Flux.interval(this.properties.callInterval())
                .onBackpressureDrop()
                .concatMap((tick) -> timed())
                .subscribe();
    }

    private Mono<Void> timed() {
        // What the client's budget says before each call: how the member's budget looked over the run.
        RequestBudget budget = this.client.budget();
        this.leastInMinute.accumulateAndGet(budget.remainingInMinute(), Math::min);
        this.mostWaiting.accumulateAndGet(budget.waiting(), Math::max);
        Instant paused = budget.pausedUntil();
        if (paused != null) {
            this.lastPause = paused;
        }
        long start = System.nanoTime();
        return this.client.list(PageRequest.of(1, 20))
                .doOnNext((page) -> this.ok.incrementAndGet())
                .doOnError((ex) -> {
                    this.failed.incrementAndGet();
                    if (this.errors.size() < 10) {
                        this.errors.add(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    }
                })
                .doFinally((signal) -> this.maxMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000,
                        Math::max))
                .onErrorResume((ex) -> Mono.empty())
                .then();
    }

    MemberReport.Calls report() {
        return new MemberReport.Calls(this.ok.get(), this.failed.get(), this.maxMillis.get(), List.copyOf(this.errors),
                "least left in the minute " + this.leastInMinute.get() + ", most waiting " + this.mostWaiting.get()
                        + ", last pause until " + this.lastPause);
    }

    @Override
    public void stop() {
        Disposable running = this.calls;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = this.calls;
        return running != null && !running.isDisposed();
    }

}
