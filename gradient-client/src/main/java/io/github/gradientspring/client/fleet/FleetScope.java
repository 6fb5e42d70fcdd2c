package io.github.gradientspring.client.fleet;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One member's view of a scope of the fleet (the members on one access token and base URL): the shared request
 * budget, the leases of watched jobs and the states the members publish. Got from {@link GradientFleet#join}.
 * <p>
 * The {@code Mono}s fail (or the client's own short timeout ends them) when the store cannot be reached; the client
 * then goes on alone for that request or poll, so an implementation need not hide its failures, only report them
 * through {@link #status()}.
 *
 * @see io.github.gradientspring.client.fleet
 */
public interface FleetScope {

    /**
     * The scope's key, as given to {@link GradientFleet#join}.
     * @return the key
     */
    String key();

    /**
     * Takes a slot of the shared budget if one is free now, in both rolling windows (a minute's and an hour's, each
     * request holding its slot for 60 s and 3,600 s), atomically for the whole fleet. A slot is refused while
     * DigitalOcean has paused the token, while the probe after a pause is out, or, for a {@linkplain FleetPriority#POLL
     * poll}, when only the application's reserve is left (unless the last nine grants all went to calls: one grant in
     * ten may go to a poll, so that watches never starve). Never waits: a refusal names when to ask again.
     * @param priority who asks
     * @return the grant or the refusal
     */
    Mono<FleetGrant> acquire(FleetPriority priority);

    /**
     * Tells the fleet what DigitalOcean answered to a request sent with a grant, so that every member learns a
     * pause (a 429, or {@code ratelimit-remaining: 0} until {@code ratelimit-reset}) at once. An answer to a grant
     * of an earlier pause is ignored; the answer to the probe ends the probe.
     * @param grant the grant the request was sent with
     * @param answer what the response said
     * @return completes when the fleet knows
     */
    Mono<Void> answered(FleetGrant grant, FleetAnswer answer);

    /**
     * Tells the fleet that a request sent with a grant got no answer (a timeout, a connection error, a cancel): if
     * it was the probe after a pause, another may go.
     * @param grant the grant
     * @return completes when the fleet knows
     */
    Mono<Void> released(FleetGrant grant);

    /**
     * Counts again, in the shared windows, the requests this member sent in the last hour, once it is back from a time
     * without the store: the requests it sent alone on its share meanwhile, and its earlier ones, which a store that
     * restarted empty has lost. Each holds its slot for what is left of its minute and its hour; a slot the windows
     * hold already (same id) is left as it is. Without this, the members back from an outage would spend a whole
     * budget again in a minute DigitalOcean still counts the outage's requests in.
     * @param sent the requests, oldest first
     * @return completes when counted
     */
    Mono<Void> recount(List<FleetSentRequest> sent);

    /**
     * Signals, from any member, that a refused request may be granted now: a pause ended, a probe was answered.
     * Hot and never-ending (until the fleet closes); a budget waiting for a slot asks again on each.
     * @return the wake-up signals
     */
    Flux<FleetWakeUp> wakeUps();

    /**
     * Registers a job as watched by this member (so a list sweep of any member refreshes it) and tries to take its
     * lease; the fleet renews both until {@link #unwatch}. Called when the job's first local watch starts.
     * @param jobUuid the job
     * @return whether this member holds the job's lease now
     */
    Mono<Boolean> watch(String jobUuid);

    /**
     * Ends this member's watch of a job: its lease is released if this member holds it, and its registration ends.
     * Called when the job's last local watch ends.
     * @param jobUuid the job
     * @return completes when done
     */
    Mono<Void> unwatch(String jobUuid);

    /**
     * Whether this member holds the job's lease, as last confirmed by the store: only the holder polls the job.
     * @param jobUuid the job
     * @return whether to poll it
     */
    boolean holds(String jobUuid);

    /**
     * Jobs whose lease this member has just taken over (their holder stopped, or released it): the watch hub polls
     * them soon. Hot and never-ending (until the fleet closes).
     * @return the job UUIDs, one per lease taken
     */
    Flux<String> leasesTaken();

    /**
     * Claims the next listing of a page of the account's job list for this member, so that the fleet lists each page
     * once however many members watch jobs on it: the page's jobs reach the others through {@link #publish}. A claim
     * holds for {@code hold} from the moment it is taken; the member holding it renews it each time it claims the page
     * again, so a page stays with the member that keeps listing it, and goes to another once that member stops
     * (or dies) and the claim runs out.
     * @param page the page, 1 for the first (the newest jobs)
     * @param hold how long no other member may list the page
     * @return {@link Duration#ZERO} when this member holds the claim now and lists the page; otherwise how much longer
     * another member's claim holds
     */
    Mono<Duration> claimPage(int page, Duration hold);

    /**
     * Publishes job states this member polled (one retrieve, or every job on a list page) to the members that
     * watch them; states of jobs nobody in the fleet watches are dropped. Messages are not stored.
     * @param states the states, in the order they were seen
     * @return completes when published
     */
    Mono<Void> publish(List<FleetJobState> states);

    /**
     * The states other members publish of jobs in this scope, in the order they were published (this member's own
     * are not repeated). Hot and never-ending (until the fleet closes).
     * @return the states
     */
    Flux<FleetJobState> states();

    /**
     * Forgets the scope's counts and pauses, for every member: what
     * {@link io.github.gradientspring.client.RequestBudget#reset()} does in fleet mode. For tests against a simulator
     * that is reset between them, never for production.
     * @return completes when done
     */
    Mono<Void> reset();

    /**
     * What this member last knew of the scope, without a round trip: for health, metrics and the client's
     * {@link io.github.gradientspring.client.RequestBudget} view.
     * @return the status
     */
    FleetStatus status();

}
