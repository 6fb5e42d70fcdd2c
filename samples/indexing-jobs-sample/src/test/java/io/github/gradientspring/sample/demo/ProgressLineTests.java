package io.github.gradientspring.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingJobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTests {

    private static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void rendersARunningJobAsPlainText() {
        assertThat(ProgressLine.plain("all-sources", running()))
            .isEqualTo("all-sources  [##########..........]  50%  RUNNING     2/4 data sources  180/300 items");
    }

    @Test
    void rendersARunningJobWithThePhaseInColour() {
        assertThat(ProgressLine.ansi("all-sources", running())).isEqualTo(
                "all-sources  [##########..........]  50%  \u001B[36mRUNNING   \u001B[0m  2/4 data sources  180/300 items");
    }

    @Test
    void rendersTerminalPhasesInTheirColours() {
        assertThat(ProgressLine.ansi("done", job(IndexingJobPhase.SUCCEEDED, 1, 1, List.of())))
            .isEqualTo("done         [####################] 100%  \u001B[32mSUCCEEDED \u001B[0m  1/1 data sources");
        assertThat(ProgressLine.ansi("stopped", job(IndexingJobPhase.CANCELLED, 0, 2, List.of())))
            .isEqualTo("stopped      [....................]   0%  \u001B[35mCANCELLED \u001B[0m  0/2 data sources");
    }

    @Test
    void countsTheRunningDataSourceByItsItems() {
        // two of four finished, the third half way: 2.5 / 4
        IndexingJob job = job(IndexingJobPhase.RUNNING, 2, 4, List.of(source(DataSourceStatus.UPDATED, 100, 100),
                source(DataSourceStatus.UPDATED, 50, 50), source(DataSourceStatus.IN_PROGRESS, 20, 40),
                source(DataSourceStatus.UNKNOWN, 0, 10)));
        assertThat(ProgressLine.percent(job)).isEqualTo(62);
    }

    @Test
    void ansiDisplayRedrawsItsBlockInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnsiProgressDisplay display = new AnsiProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        IndexingJob pending = job(IndexingJobPhase.PENDING, 0, 1, List.of());
        IndexingJob done = job(IndexingJobPhase.SUCCEEDED, 1, 1, List.of());

        display.update("a", pending);
        display.update("b", pending);
        display.message("cancelling a");
        display.update("b", done);
        display.update("b", done); // no change, nothing drawn

        String a = ProgressLine.ansi("a", pending);
        String bPending = ProgressLine.ansi("b", pending);
        String bDone = ProgressLine.ansi("b", done);
        String clear = "\r\u001B[2K";
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                clear + a + "\n"
                + "\u001B[1A" + clear + a + "\n" + clear + bPending + "\n"
                + "\u001B[2A" + clear + "cancelling a\n" + clear + a + "\n" + clear + bPending + "\n"
                + "\u001B[2A" + clear + a + "\n" + clear + bDone + "\n");
    }

    @Test
    void plainDisplayPrintsALineOnlyWhenThePhaseOrTheFinishedDataSourcesChange() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainProgressDisplay display = new PlainProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        display.update("a", job(IndexingJobPhase.RUNNING, 0, 2, List.of(source(DataSourceStatus.IN_PROGRESS, 1, 10))));
        display.update("a", job(IndexingJobPhase.RUNNING, 0, 2, List.of(source(DataSourceStatus.IN_PROGRESS, 5, 10))));
        display.message("note");
        display.update("a", job(IndexingJobPhase.RUNNING, 1, 2, List.of(source(DataSourceStatus.UPDATED, 10, 10))));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "a            [#...................]   5%  RUNNING     0/2 data sources  1/10 items", "note",
                "a            [##########..........]  50%  RUNNING     1/2 data sources  10/10 items");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\u001B");
    }

    @Test
    void autoIsPlainWithoutAConsoleAndAnsiOrPlainWhenForced() {
        assertThat(OutputMode.AUTO.resolve(null, Map.of("TERM", "xterm-256color"))).isEqualTo(OutputMode.PLAIN);
        assertThat(OutputMode.ANSI.resolve(null, Map.of())).isEqualTo(OutputMode.ANSI);
        assertThat(OutputMode.PLAIN.resolve(null, Map.of("TERM", "xterm"))).isEqualTo(OutputMode.PLAIN);
    }

    private static IndexingJob running() {
        return job(IndexingJobPhase.RUNNING, 2, 4, List.of(source(DataSourceStatus.UPDATED, 100, 100),
                source(DataSourceStatus.UPDATED, 80, 80), source(DataSourceStatus.IN_PROGRESS, 0, 100),
                source(DataSourceStatus.UNKNOWN, 0, 20)));
    }

    static IndexingJob job(IndexingJobPhase phase, long completed, long total, List<IndexedDataSource> sources) {
        return new IndexingJob(JOB, null, List.of(), sources, phase, IndexingJobStatus.UNKNOWN, completed, total, null,
                null, null, null, null, null, null, null, null, null);
    }

    static IndexedDataSource source(DataSourceStatus status, long indexed, long total) {
        return new IndexedDataSource(null, status, null, null, null, null, BigInteger.valueOf(indexed), null, null,
                null, null, BigInteger.valueOf(total), null, null);
    }

}
