package io.github.gradientspring.client.internal;

import java.util.function.Supplier;

import io.github.gradientspring.client.RequestBudget;
import reactor.core.publisher.Mono;

/**
 * What a client draws its slots from: the in-process {@link LocalRequestBudget}, or in fleet mode the
 * {@link FleetRequestBudget} shared through the fleet's store. Either is shared by the clients of one token and base
 * URL in a JVM ({@link SharedBudgets}), and so is the watch hub it holds.
 */
interface ClientBudget extends RequestBudget {

    /** Whether requests wait for slots at all: without a rate limit, {@link #acquire} grants at once. */
    boolean isEnabled();

    /**
     * Grants a slot when the request may be sent. A call ({@link LocalRequestBudget.Priority#USER}) fails with
     * {@code RequestBudgetExhaustedException} when it would wait too long; a poll waits as long as needed.
     */
    Mono<Permit> acquire(LocalRequestBudget.Priority priority);

    /** The watch hub of the clients that share this budget, made by the first of them that asks. */
    WatchHub watchHub(Supplier<WatchHub> firstClientsHub);

}
