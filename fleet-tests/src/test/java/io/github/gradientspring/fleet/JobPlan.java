package io.github.gradientspring.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.gradientspring.simulator.JobTiming;

/**
 * The jobs of a fleet run and when they end.
 * <p>
 * 700 jobs: 300 that every member watches and 100 of each of four members' own. They are created one every
 * {@link #CREATE_STEP} of the API's clock (200 a minute, under DigitalOcean's 250, leaving room for the members'
 * own calls meanwhile); job {@code i} indexes {@code 7 - i / 100} data sources of {@link #PER_DATA_SOURCE} each, so
 * that a later job runs shorter by as much as it started later, and the 700 ends spread evenly over 30 seconds,
 * starting 75 seconds after the creates (and the {@link #MINUTE_WINDOW} the clock then skips): the watches start
 * at once, and a client's first poll of each new watch is a request of its own, which for 400 or 700 new watches
 * takes a minute's budget; the ends come after that minute, as ends of long jobs do. Roles are dealt in turn ({@code i % 7}: 0–2 shared, 3–6 a member's), so
 * that shared and own jobs end all through those 30 seconds.
 */
final class JobPlan {

    static final int JOBS = 700;

    static final int MEMBERS = 4;

    static final Duration CREATE_STEP = Duration.ofMillis(300);

    /**
     * How far the API's clock moves on after the last create, so that the creates have left its minute window
     * before the members' watches start (they stay in its hour window, as anyone else's use of the token would).
     */
    static final Duration MINUTE_WINDOW = Duration.ofSeconds(60);

    static final Duration PENDING = Duration.ofSeconds(135);

    static final Duration PER_DATA_SOURCE = Duration.ofSeconds(30);

    static final int MAX_DATA_SOURCES = 7;

    static final JobTiming TIMING = JobTiming.of(PENDING, PER_DATA_SOURCE);

    private JobPlan() {
    }

    /** How many data sources job {@code i} indexes. */
    static int dataSources(int i) {
        return MAX_DATA_SOURCES - i / (JOBS / MAX_DATA_SOURCES);
    }

    /** Whether job {@code i} is watched by every member. */
    static boolean shared(int i) {
        return i % 7 < 3;
    }

    /** The member (0–3) whose own job {@code i} is; only for jobs that are not shared. */
    static int owner(int i) {
        return i % 7 - 3;
    }

    /** The jobs member {@code member} watches: the shared ones and its own. */
    static List<String> watchedBy(int member, List<String> jobs) {
        List<String> watched = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (shared(i) || owner(i) == member) {
                watched.add(jobs.get(i));
            }
        }
        return watched;
    }

    /** The shared jobs. */
    static List<String> sharedJobs(List<String> jobs) {
        List<String> watched = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (shared(i)) {
                watched.add(jobs.get(i));
            }
        }
        return watched;
    }

    /**
     * How long after the creates (and the skipped minute) the first job ends: the time the members have to start
     * watching.
     */
    static Duration firstEndAfterCreates() {
        // Job 0 ends at 0 + PENDING + 7 * 30 s; the last create is at 699 * 0.3 s = 209.7 s, then a minute is skipped.
        Duration firstEnd = PENDING.plus(PER_DATA_SOURCE.multipliedBy(dataSources(0)));
        return firstEnd.minus(CREATE_STEP.multipliedBy(JOBS - 1)).minus(MINUTE_WINDOW);
    }

}
