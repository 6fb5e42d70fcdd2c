package io.github.gradientspring.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobPlanTests {

    private static final List<String> JOBS = IntStream.range(0, JobPlan.JOBS).mapToObj((i) -> "job-" + i).toList();

    @Test
    void everyMemberWatchesThreeHundredSharedJobsAndAHundredOfItsOwn() {
        assertThat(JobPlan.sharedJobs(JOBS)).hasSize(300);
        for (int member = 0; member < JobPlan.MEMBERS; member++) {
            List<String> watched = JobPlan.watchedBy(member, JOBS);
            assertThat(watched).hasSize(400).containsAll(JobPlan.sharedJobs(JOBS));
        }
    }

    @Test
    void endsSpreadOverThirtySecondsStartingSeventyFiveSecondsAfterTheCreates() {
        List<Duration> ends = new ArrayList<>();
        for (int i = 0; i < JobPlan.JOBS; i++) {
            Duration created = JobPlan.CREATE_STEP.multipliedBy(i);
            ends.add(created.plus(JobPlan.PENDING).plus(JobPlan.PER_DATA_SOURCE.multipliedBy(JobPlan.dataSources(i))));
        }
        Duration watchesStart = JobPlan.CREATE_STEP.multipliedBy(JobPlan.JOBS - 1).plus(JobPlan.MINUTE_WINDOW);
        Duration first = ends.stream().min(Duration::compareTo).orElseThrow();
        Duration last = ends.stream().max(Duration::compareTo).orElseThrow();
        assertThat(first.minus(watchesStart)).isEqualTo(JobPlan.firstEndAfterCreates())
                .isBetween(Duration.ofSeconds(75), Duration.ofSeconds(76));
        assertThat(last.minus(first)).isLessThan(Duration.ofSeconds(30)).isGreaterThan(Duration.ofSeconds(29));
        assertThat(IntStream.range(0, JobPlan.JOBS).map(JobPlan::dataSources).min().orElseThrow()).isEqualTo(1);
    }

    @Test
    void createsStayUnderDigitalOceansPerMinuteLimitWithRoomToSpare() {
        long perMinute = Duration.ofMinutes(1).toMillis() / JobPlan.CREATE_STEP.toMillis();
        assertThat(perMinute).isEqualTo(200).isLessThan(250);
    }

}
