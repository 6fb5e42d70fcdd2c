package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The terminal demo: starts two indexing jobs on a knowledge base, follows both with
 * {@link IndexingJobsClient#watch}, cancels the first with {@link IndexingJobsClient#cancel} once some of its data
 * sources are done, and prints how both ended.
 * <p>
 * Nothing here knows about the simulator: pointed at DigitalOcean, the demo does the same to a real knowledge
 * base (which is why remote mode runs it only when asked).
 */
public final class IndexingDemo {

    /** The label of the job that indexes the whole knowledge base, and is cancelled. */
    public static final String CANCELLED_LABEL = "all-sources";

    /** The label of the job that indexes some data sources, and runs to its end. */
    public static final String COMPLETED_LABEL = "some-sources";

    private final IndexingJobsClient client;

    private final ProgressDisplay display;

    private final PrintStream out;

    public IndexingDemo(IndexingJobsClient client, ProgressDisplay display, PrintStream out) {
        this.client = client;
        this.display = display;
        this.out = out;
    }

    /**
     * Runs the demo; nothing happens until the result is subscribed to.
     * @param knowledgeBaseUuid the knowledge base to index
     * @param dataSourceUuids the data sources of the second job; empty for all of them
     * @param cancelAfterDataSources cancel the first job once this many of its data sources have finished
     * @return how both jobs ended
     */
    public Mono<DemoResult> run(String knowledgeBaseUuid, List<String> dataSourceUuids, int cancelAfterDataSources) {
        CreateIndexingJobRequest all = CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid);
        CreateIndexingJobRequest some = dataSourceUuids.isEmpty() ? all
                : CreateIndexingJobRequest.forDataSources(knowledgeBaseUuid, dataSourceUuids);
        return Mono.defer(() -> {
            this.out.println("Starting two indexing jobs on knowledge base " + knowledgeBaseUuid + ":");
            return this.client.create(all);
        })
            .zipWhen((first) -> this.client.create(some))
            .flatMap((jobs) -> {
                IndexingJob first = jobs.getT1();
                IndexingJob second = jobs.getT2();
                this.out.println("  " + CANCELLED_LABEL + "  " + first.uuid() + "  (every data source; cancelled after "
                        + cancelAfterDataSources + ")");
                this.out.println("  " + COMPLETED_LABEL + " " + second.uuid() + "  (" + describe(second) + ")");
                this.out.println();
                return Flux.merge(followAndCancel(first.uuid(), cancelAfterDataSources), follow(second.uuid()))
                    .then(Mono.zip(this.client.retrieve(first.uuid()), this.client.retrieve(second.uuid())));
            })
            .map((ended) -> new DemoResult(ended.getT1(), ended.getT2()))
            .doOnNext(this::printFinalState);
    }

    private Flux<IndexingJob> follow(String jobUuid) {
        return this.client.watch(jobUuid).doOnNext((job) -> this.display.update(COMPLETED_LABEL, job));
    }

    private Flux<IndexingJob> followAndCancel(String jobUuid, int cancelAfterDataSources) {
        AtomicBoolean cancelSent = new AtomicBoolean();
        return this.client.watch(jobUuid).concatMap((job) -> {
            this.display.update(CANCELLED_LABEL, job);
            long done = (job.completedDatasources() != null) ? job.completedDatasources() : 0;
            if (job.isTerminal() || done < cancelAfterDataSources || !cancelSent.compareAndSet(false, true)) {
                return Mono.just(job);
            }
            this.display.message("Cancelling " + CANCELLED_LABEL + " after " + done + " of " + job.totalDatasources()
                    + " data sources: IndexingJobsClient.cancel(\"" + jobUuid + "\")");
            return this.client.cancel(jobUuid).doOnNext((cancelled) -> {
                this.display.update(CANCELLED_LABEL, cancelled);
                this.display.message("Cancel answered: phase " + cancelled.phase() + ", status " + cancelled.status());
            });
        });
    }

    private static String describe(IndexingJob job) {
        return job.dataSourceUuids().size() + " data sources";
    }

    private void printFinalState(DemoResult result) {
        this.out.println();
        this.out.println("Final state:");
        printJob(CANCELLED_LABEL, result.cancelled());
        printJob(COMPLETED_LABEL, result.completed());
        this.out.flush();
    }

    private void printJob(String label, IndexingJob job) {
        this.out.printf("  %-12s %s  phase %s, status %s, %d/%d data sources, %s tokens%n", label, job.uuid(),
                job.phase(), job.status(), job.completedDatasources(), job.totalDatasources(), job.totalTokens());
        for (IndexedDataSource source : job.dataSourceJobs()) {
            this.out.printf("      data source %s  %s, %s/%s items indexed%n", source.dataSourceUuid(), source.status(),
                    source.indexedItemCount(), source.totalFileCount());
        }
    }

}
