package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.gradientspring.client.fleet.FleetJobState;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.model.IndexingJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * What the {@link WatchHub} of a fleet member does with the fleet: registers the jobs it watches, polls only those it
 * holds the lease of (all of them while the fleet is degraded), publishes what it polls and applies what the other
 * members publish. Every request to the fleet's store is bounded by {@link FleetRequestBudget#STORE_TIMEOUT} and runs
 * in the background, but for a page's claim, which the list sweep waits for; a failure costs a watch nothing, since
 * the member then polls its own watches itself (and lists a page whose claim got no answer).
 */
final class FleetWatchLink {

    private static final Log logger = LogFactory.getLog(FleetWatchLink.class);

    private final FleetScope scope;

    private final ClientTime time;

    FleetWatchLink(FleetScope scope, ClientTime time) {
        this.scope = scope;
        this.time = time;
    }

    /** The job's first local watch started. */
    void started(String jobUuid) {
        background(this.scope.watch(jobUuid).then());
    }

    /** The job's last local watch ended. */
    void ended(String jobUuid) {
        background(this.scope.unwatch(jobUuid));
    }

    /** Whether this member polls the job: it holds the job's lease, or the fleet is degraded. */
    boolean polls(String jobUuid) {
        return this.scope.status().degraded() || this.scope.holds(jobUuid);
    }

    /**
     * Whether this member lists the page now, or how long another member's claim to list it still holds: zero (list
     * it) while the fleet is degraded, and when the store does not answer within {@link FleetRequestBudget#STORE_TIMEOUT},
     * as a page listed twice costs a request, never a watch.
     */
    Mono<Duration> claimPage(int page, Duration hold) {
        if (this.scope.status().degraded()) {
            return Mono.just(Duration.ZERO);
        }
        return this.scope.claimPage(page, hold)
            .timeout(FleetRequestBudget.STORE_TIMEOUT, this.time.timers())
            .onErrorReturn(Duration.ZERO)
            .defaultIfEmpty(Duration.ZERO);
    }

    /**
     * Publishes states this member polled (one job, or every job of a list page) to the members watching them.
     * @param page the list page they were on, or 0 for a job retrieved on its own
     */
    void publish(List<IndexingJob> jobs, int page) {
        List<FleetJobState> states = new ArrayList<>(jobs.size());
        for (IndexingJob job : jobs) {
            String jobUuid = job.uuid();
            if (jobUuid != null) {
                states.add(new FleetJobState(jobUuid, page, GradientJson.INSTANCE.writeJobState(job)));
            }
        }
        if (!states.isEmpty()) {
            background(this.scope.publish(states));
        }
    }

    /**
     * Applies what other members publish and polls soon the jobs whose lease this member takes over; for the life
     * of the fleet.
     */
    Disposable connect(PublishedState state, Consumer<String> leaseTaken) {
        Disposable states = this.scope.states().subscribe((published) -> {
            IndexingJob job;
            try {
                job = GradientJson.INSTANCE.readJobState(published.payload());
            }
            catch (RuntimeException ex) {
                logger.debug("Ignored a state of job " + published.jobUuid() + " that does not read as a job", ex);
                return;
            }
            state.accept(published.jobUuid(), published.page(), job);
        }, (failure) -> logger.debug("The fleet's job states ended", failure));
        Disposable leases = this.scope.leasesTaken()
            .subscribe(leaseTaken, (failure) -> logger.debug("The fleet's lease signals ended", failure));
        return () -> {
            states.dispose();
            leases.dispose();
        };
    }

    private void background(Mono<Void> request) {
        request.timeout(FleetRequestBudget.STORE_TIMEOUT, this.time.timers())
            .onErrorResume((failure) -> Mono.empty())
            .subscribe();
    }

    /** What the hub does with a state another member published. */
    @FunctionalInterface
    interface PublishedState {

        /**
         * @param jobUuid the job
         * @param page the list page it was on, or 0 when it was retrieved on its own
         * @param job its state
         */
        void accept(String jobUuid, int page, IndexingJob job);

    }

}
