package io.github.gradientspring.client;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.PageRequest;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Streams every job of a paged listing, fetching a page only when the subscriber has asked for more jobs than the
 * pages so far held, one page at a time, and stopping after the last page. Cancelling stops any fetch under way.
 */
final class LazyPager {

    private static final IndexingJobPage LAST_PAGE = new IndexingJobPage(null, null, null);

    private final FluxSink<IndexingJob> sink;

    private final Function<PageRequest, Mono<IndexingJobPage>> fetch;

    private final Queue<IndexingJob> buffered = new ArrayDeque<>();

    // Serialises drain() without locks: whoever raises it from 0 drains for everyone.
    private final AtomicInteger wip = new AtomicInteger();

    private PageRequest nextPage;

    private boolean fetching;

    private volatile Disposable inFlight;

    private LazyPager(FluxSink<IndexingJob> sink, Function<PageRequest, Mono<IndexingJobPage>> fetch,
            PageRequest firstPage) {
        this.sink = sink;
        this.fetch = fetch;
        this.nextPage = firstPage;
    }

    static Flux<IndexingJob> stream(Function<PageRequest, Mono<IndexingJobPage>> fetch, int pageSize) {
        PageRequest first = PageRequest.of(1, pageSize);
        return Flux.create((sink) -> {
            LazyPager pager = new LazyPager(sink, fetch, first);
            sink.onRequest((n) -> pager.drain());
            sink.onDispose(pager::dispose);
        });
    }

    private void drain() {
        if (this.wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            synchronized (this) {
                while (this.sink.requestedFromDownstream() > 0 && !this.buffered.isEmpty() && !this.sink.isCancelled()) {
                    this.sink.next(this.buffered.poll());
                }
                if (this.buffered.isEmpty() && !this.fetching) {
                    if (this.nextPage == null) {
                        this.sink.complete();
                    }
                    else if (this.sink.requestedFromDownstream() > 0 && !this.sink.isCancelled()) {
                        this.fetching = true;
                        PageRequest request = this.nextPage;
                        // The subscriber's context (an observation parent, for one) travels with each page fetch.
                        this.inFlight = this.fetch.apply(request)
                            .defaultIfEmpty(LAST_PAGE)
                            .contextWrite(this.sink.contextView())
                            .subscribe((page) -> onPage(request, page), this.sink::error);
                        if (this.sink.isCancelled()) {
                            // Cancelled while the fetch was being started: dispose() may have seen no fetch to stop.
                            this.inFlight.dispose();
                        }
                    }
                }
            }
            missed = this.wip.addAndGet(-missed);
        }
        while (missed != 0);
    }

    private void onPage(PageRequest request, IndexingJobPage page) {
        synchronized (this) {
            this.buffered.addAll(page.jobs());
            this.nextPage = page.hasNext() ? request.next() : null;
            this.fetching = false;
        }
        drain();
    }

    private void dispose() {
        Disposable current = this.inFlight;
        if (current != null) {
            current.dispose();
        }
    }

}
