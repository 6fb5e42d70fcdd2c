package io.github.gradientspring.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * The fault plan of a simulator: what to break, on which endpoint, how often. Thread-safe.
 *
 * <p>For each API request the first match wins, in this order: an {@linkplain #outage(Fault) outage} (every
 * request), then the {@linkplain #on(Operation...) rules} in the order they were armed, then the
 * {@linkplain #random(long, double, List) random mode}. Admin routes under {@code /_simulator/} are never faulted.
 */
public final class Faults {

    private final List<Rule> rules = new ArrayList<>();
    private @Nullable Fault outage;
    private @Nullable SplittableRandom random;
    private double randomRate;
    private List<Fault> randomFaults = List.of();

    /**
     * Lets the request path skip the lock entirely while no fault is armed, which is the case in benchmarks.
     */
    private volatile boolean armed;

    Faults() {
    }

    /** Starts a rule for the given endpoints (every endpoint when none are given). */
    public RuleBuilder on(Operation... operations) {
        Set<Operation> set = operations.length == 0 ? EnumSet.allOf(Operation.class) : EnumSet.noneOf(Operation.class);
        for (Operation operation : operations) {
            set.add(Objects.requireNonNull(operation, "operation"));
        }
        return new RuleBuilder(set);
    }

    /** Starts a rule for every endpoint. */
    public RuleBuilder onAny() {
        return on();
    }

    /**
     * Faults a fraction of all API requests, reproducibly: the same seed and the same request order give the same
     * faults. Replaces any earlier random mode.
     *
     * @param seed   seed of the generator
     * @param rate   probability in [0, 1] that a request is faulted
     * @param faults the faults to pick from, uniformly
     */
    public synchronized Faults random(long seed, double rate, List<Fault> faults) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("random mode needs at least one fault");
        }
        this.random = new SplittableRandom(seed);
        this.randomRate = rate;
        this.randomFaults = List.copyOf(faults);
        rearm();
        return this;
    }

    /** Every API request answers 503 {@code service_unavailable} until {@link #clear()} or {@link #endOutage()}. */
    public Faults outage() {
        return outage(Fault.status(503));
    }

    /** Every API request gets {@code fault} until {@link #clear()} or {@link #endOutage()}. */
    public synchronized Faults outage(Fault fault) {
        this.outage = Objects.requireNonNull(fault, "fault");
        rearm();
        return this;
    }

    /** Ends an outage, keeping rules and random mode. */
    public synchronized Faults endOutage() {
        this.outage = null;
        rearm();
        return this;
    }

    /** Removes every rule, the random mode and any outage. */
    public synchronized void clear() {
        rules.clear();
        outage = null;
        random = null;
        randomFaults = List.of();
        rearm();
    }

    /** How many armed rules still have faults to give (an {@code always()} rule counts as one). */
    public synchronized int pendingRules() {
        return (int) rules.stream().filter(rule -> rule.remaining != 0).count();
    }

    /** The fault for the next API request to {@code operation} (null for an unrouted one: only outages and random mode match it), or null to answer normally. */
    @Nullable Fault next(@Nullable Operation operation) {
        if (!armed) {
            return null;
        }
        synchronized (this) {
            if (outage != null) {
                return outage;
            }
            for (Rule rule : rules) {
                if (rule.remaining != 0 && rule.operations.contains(operation)) {
                    if (rule.skip > 0) {
                        rule.skip--;
                        continue;
                    }
                    if (rule.remaining > 0) {
                        rule.remaining--;
                    }
                    Fault fault = rule.fault;
                    rules.removeIf(r -> r.remaining == 0);
                    rearm();
                    return fault;
                }
            }
            if (random != null && random.nextDouble() < randomRate) {
                return randomFaults.get(random.nextInt(randomFaults.size()));
            }
            return null;
        }
    }

    private synchronized void add(Rule rule) {
        rules.add(rule);
        rearm();
    }

    private void rearm() {
        armed = outage != null || !rules.isEmpty() || random != null;
    }

    /** Builds one rule: which requests of the chosen endpoints to fault, and with what. */
    public final class RuleBuilder {

        private final Set<Operation> operations;
        private int times = 1;
        private int skip;

        private RuleBuilder(Set<Operation> operations) {
            this.operations = operations;
        }

        /** Faults the next {@code times} matching requests (default 1). */
        public RuleBuilder times(int times) {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, got " + times);
            }
            this.times = times;
            return this;
        }

        /** Faults every matching request until {@link Faults#clear()}. */
        public RuleBuilder always() {
            this.times = -1;
            return this;
        }

        /** Lets the first {@code requests} matching requests through before faulting (e.g. fail the third poll). */
        public RuleBuilder afterRequests(int requests) {
            if (requests < 0) {
                throw new IllegalArgumentException("requests must not be negative, got " + requests);
            }
            this.skip = requests;
            return this;
        }

        /** Arms the rule. */
        public Faults respond(Fault fault) {
            add(new Rule(EnumSet.copyOf(operations), times, skip, Objects.requireNonNull(fault, "fault")));
            return Faults.this;
        }
    }

    /** An armed rule; {@code remaining} is -1 for always, and counts down otherwise. Guarded by the Faults lock. */
    private static final class Rule {

        final Set<Operation> operations;
        final Fault fault;
        int remaining;
        int skip;

        Rule(Set<Operation> operations, int remaining, int skip, Fault fault) {
            this.operations = operations;
            this.remaining = remaining;
            this.skip = skip;
            this.fault = fault;
        }
    }
}
