package io.github.gradientspring.fleet;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of fleet mode (issue 14, point 5): four member JVMs on one token against the simulator with
 * DigitalOcean's limits, each watching the same 300 jobs and 100 of its own, with a real redis-server; beside them one
 * member alone watching all 700 (and making the calls of all four) on a simulator of its own. A few minutes per run,
 * so only in the fleet profile: {@code ./mvnw -B -Pfleet -pl fleet-tests -am verify}. The figures of each run are in
 * {@code fleet-tests/target/fleet/<run>/results.md}.
 */
@EnabledIfSystemProperty(named = "gradient.fleet.runs", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTests {

    @AfterAll
    static void noProcessIsLeftRunning() {
        assertThat(ChildProcesses.destroyAll()).as("processes still running after the runs").isZero();
    }

    @Test
    @Order(1)
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void fourInstancesWithoutFleetModeOverspendTheToken() {
        FleetResult result;
        try (FleetRun run = new FleetRun("without-fleet", false)) {
            result = run.run();
        }
        System.out.print(result.table());
        // The "before" of docs/benchmarks.md: each instance budgets alone, so together they ask for more than the
        // token allows or more than one instance would.
        assertThat(result.rateLimited() > 0 || result.requestRatio() > 1.2).as(result.table()).isTrue();
    }

    @Test
    @Order(2)
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void fourInstancesInFleetModeShareOneBudgetAndPollEachJobOnce() {
        FleetResult result;
        try (FleetRun run = new FleetRun("fleet", true)) {
            result = run.run();
        }
        System.out.print(result.table());
        assertThat(result.rateLimited()).as("429 answers to the fleet\n" + result.table()).isZero();
        for (FleetResult.Member member : result.members()) {
            assertThat(member.lost()).as(member.name() + " lost ends\n" + result.table()).isZero();
            assertThat(member.backInTime()).as(member.name() + " states back in time").isZero();
            assertThat(member.calls().failed()).as(member.name() + " failed calls\n" + result.table()).isZero();
        }
        assertThat(result.maxDelayMillis(result.members())).as("latest end seen\n" + result.table())
                .isLessThanOrEqualTo(Duration.ofSeconds(10).toMillis());
        assertThat(result.alone().lost()).as("ends the member alone lost").isZero();
        assertThat(result.requestRatio()).as("the fleet's requests over one instance's\n" + result.table())
                .isLessThanOrEqualTo(1.2);
    }

    @Test
    @Order(3)
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aKilledMemberAndTwentySecondsWithoutRedisLoseNoWatchAndHangNoCall() {
        FleetResult result;
        try (FleetRun run = new FleetRun("fleet-failures", true)) {
            run.at(Duration.ofSeconds(3), () -> run.kill(run.member(3)))
                    .at(Duration.ofSeconds(6), () -> run.redis().stop())
                    .at(Duration.ofSeconds(26), () -> run.redis().start());
            result = run.run();
        }
        System.out.print(result.table());
        assertThat(result.rateLimited()).as("429 answers to the fleet\n" + result.table()).isZero();
        assertThat(result.survivors()).hasSize(3);
        for (FleetResult.Member member : result.survivors()) {
            // Each survivor watches the killed member's 300 shared jobs too: none may be lost.
            assertThat(member.lost()).as(member.name() + " lost ends\n" + result.table()).isZero();
            assertThat(member.calls().failed()).as(member.name() + " failed calls\n" + result.table()).isZero();
            assertThat(member.calls().maxMillis()).as(member.name() + " longest call\n" + result.table())
                    .isLessThan(Duration.ofSeconds(10).toMillis());
        }
    }

}
