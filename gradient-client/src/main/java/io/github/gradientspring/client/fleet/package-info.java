/**
 * Fleet mode's service provider interface: how several instances of an application on one access token share one
 * request budget and poll each watched job once between them, through a store such as Redis
 * ({@code io.github.gradientspring:gradient-redis}). This package names no store: the client stays free of Redis,
 * and an implementation never sees the access token.
 * <p>
 * <b>Who calls what.</b> An application (or Spring Boot's auto-configuration) makes one {@link GradientFleet}, the
 * store's implementation, and gives it to
 * {@link io.github.gradientspring.client.IndexingJobsClient.Builder#fleet(GradientFleet)}. When the client builds
 * its request budget (one per access token and base URL in a JVM) it calls {@link GradientFleet#join} once, with a
 * {@linkplain FleetScope#key() scope key} it computes itself: an HMAC-SHA256 of the base URL keyed with the token, so
 * every instance on the same token and base URL meets in the same scope and the store holds no token. Then:
 * <ul>
 * <li>the <b>budget</b> calls {@link FleetScope#acquire} before each request, {@link FleetScope#answered} with what
 * DigitalOcean's response said (only counts and times: {@code ratelimit-remaining}, {@code ratelimit-reset}, a 429's
 * {@code retry-after}), or {@link FleetScope#released} when the request got no answer; it waits for
 * {@link FleetScope#wakeUps()} or the time a refusal names before asking again;</li>
 * <li>the <b>watch hub</b> calls {@link FleetScope#watch} when a job's first local watch starts and
 * {@link FleetScope#unwatch} when its last one ends; it polls only the jobs it {@linkplain FleetScope#holds holds the
 * lease of}, {@linkplain FleetScope#publish publishes} every state it polls (those of a list page too: the
 * implementation forwards the jobs any member watches), applies {@link FleetScope#states()} of other members to its
 * own watches (the never-back-in-time rule still applies) and polls a job soon after
 * {@link FleetScope#leasesTaken()} names it;</li>
 * <li>the implementation renews the leases and the watch registrations of its members, keeps their heartbeat and
 * lets a lease of a member that stopped expire, so another member takes the job over within one lease period.</li>
 * </ul>
 * <b>Failure.</b> Every method returns at once or with a {@code Mono} that the client bounds with a short timeout of
 * its own. While {@link FleetScope#status()} says {@linkplain FleetStatus#degraded() degraded} (the store is
 * unreachable), or when a call fails or times out, the client keeps going alone: a local budget of its share (the
 * policy divided by the last known {@linkplain FleetStatus#members() fleet size}) and polls of all its own watches.
 * An implementation detects the store's return itself and reports {@code degraded() == false} again.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.client.fleet;

import org.jspecify.annotations.NullMarked;
