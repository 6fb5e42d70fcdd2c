package io.github.gradientspring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The aggregation of {@code compare.sh}'s rounds into the table, the ratio rows and the chart. */
class CompareReportTest {

    /**
     * Three rounds at concurrency 1 and 64 of the client, raw WebClient and the retired SDK; round 2 had a slow
     * machine for the client at 64. DoTs is added where a test needs it ({@link #WITH_DOTS}).
     */
    private static final List<CompareReport.Run> RUNS = List.of(
            run(1, "client", 1, 5000, 0.150, 0.300, 400),
            run(1, "raw", 1, 5000, 0.140, 0.280, 350),
            run(1, "ts-sdk", 1, 2000, 0.400, 4.000, 140),
            run(1, "client", 64, 20000, 3.0, 9.0, 420),
            run(1, "raw", 64, 20000, 3.0, 9.5, 360),
            run(1, "ts-sdk", 64, 2000, 30.0, 50.0, 170),
            run(2, "raw", 1, 6000, 0.130, 0.250, 355),
            run(2, "ts-sdk", 1, 2500, 0.380, 3.500, 141),
            run(2, "client", 1, 5400, 0.145, 0.290, 410),
            run(2, "raw", 64, 25000, 2.5, 8.0, 365),
            run(2, "ts-sdk", 64, 2500, 25.0, 45.0, 175),
            run(2, "client", 64, 10000, 6.0, 20.0, 430),
            run(3, "ts-sdk", 1, 1900, 0.420, 4.500, 139),
            run(3, "client", 1, 4600, 0.160, 0.320, 405),
            run(3, "raw", 1, 5000, 0.150, 0.270, 352),
            run(3, "ts-sdk", 64, 2100, 29.0, 52.0, 171),
            run(3, "client", 64, 21000, 2.9, 8.8, 425),
            run(3, "raw", 64, 22000, 2.8, 8.9, 362));

    private static final List<CompareReport.Run> WITH_DOTS = concat(RUNS, List.of(
            run(1, "dots", 1, 1000, 0.900, 5.000, 180),
            run(1, "dots", 64, 1600, 38.0, 60.0, 200),
            run(2, "dots", 1, 1250, 0.800, 4.500, 181),
            run(2, "dots", 64, 2000, 31.0, 55.0, 201),
            run(3, "dots", 1, 1150, 0.850, 4.800, 182),
            run(3, "dots", 64, 1750, 35.0, 58.0, 202)));

    private static List<CompareReport.Run> concat(List<CompareReport.Run> a, List<CompareReport.Run> b) {
        List<CompareReport.Run> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static CompareReport.Run run(int round, String impl, int concurrency, double rps, double p50, double p99,
            double rss) {
        return new CompareReport.Run(round, impl, concurrency, (int) (rps * 10), 10.0, rps, p50, p99, rss, 0,
                (int) (rps * 20), 20.0);
    }

    @Test
    void parsesTheRoundAndTheLoopsLine() {
        CompareReport.Run run = CompareReport.Run
            .parse("2\tts-sdk\t64\t21000\t10.004\t2099\t30.112\t55.001\t176.3\t0\t42000\t20.1");

        assertThat(run).isEqualTo(
                new CompareReport.Run(2, "ts-sdk", 64, 21000, 10.004, 2099, 30.112, 55.001, 176.3, 0, 42000, 20.1));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CompareReport.Run.parse("client\t1\t20000\t2.0\t10000\t0.1\t0.2\t400\t0"));
    }

    @Test
    void aCellIsTheMedianOfItsRoundsWithTheMedianRoundsLatenciesAndTheHighestPeakMemory() {
        CompareReport.Cell client64 = CompareReport.cells(RUNS)
            .stream()
            .filter((cell) -> cell.impl().equals("client") && cell.concurrency() == 64)
            .findFirst()
            .orElseThrow();

        assertThat(client64.medianRps()).isEqualTo(20000);
        assertThat(client64.minRps()).isEqualTo(10000);
        assertThat(client64.maxRps()).isEqualTo(21000);
        assertThat(client64.medianRun().round()).isEqualTo(1);
        assertThat(client64.peakRssMib()).isEqualTo(430);
        assertThat(client64.requests()).isEqualTo(510_000);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(CompareReport.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
        assertThat(CompareReport.median(new double[] { 3, 1, 2 })).isEqualTo(2);
        assertThat(CompareReport.median(new double[0])).isNaN();
    }

    @Test
    void ratiosAreTakenWithinEachRoundAndTheirMedianReported() {
        // client ÷ raw at 64 per round: 1.00, 0.40, 0.95; the median of the cells' medians would be 20,000 / 22,000.
        assertThat(CompareReport.ratiosByRound(RUNS, "client", "raw", 64)).containsExactly(1.0, 0.4, 21000.0 / 22000);

        String ratios = CompareReport.ratios(RUNS);

        assertThat(ratios).contains("| client ÷ raw WebClient | 0.92 (0.90–1.00) | 0.95 (0.40–1.00) | ≥ 0.90 at 1 and 64 |");
        assertThat(ratios).contains("| client ÷ retired TypeScript SDK | 2.42 (2.16–2.50) | 10.00 (4.00–10.00) | ≥ 5 at 64 |");
        assertThat(ratios).doesNotContain("DoTs");
    }

    @Test
    void aRoundWithoutOneSideIsLeftOutOfTheRatiosAndShownInTheRoundsColumn() {
        List<CompareReport.Run> missing = RUNS.stream()
            .filter((run) -> !(run.round() == 2 && run.impl().equals("raw") && run.concurrency() == 64))
            .toList();

        assertThat(CompareReport.ratiosByRound(missing, "client", "raw", 64)).containsExactly(1.0, 21000.0 / 22000);
        assertThat(CompareReport.table(missing, 3)).contains("| raw WebClient + Jackson | 64 | 2 of 3 | 420,000 | 21,000 | 20,000–22,000 |");
    }

    @Test
    void theTableHasOneRowPerCellInConcurrencyThenImplementationOrder() {
        String table = CompareReport.table(RUNS, 3);

        assertThat(table.lines()).hasSize(2 + 6);
        assertThat(table.lines().skip(2).map((line) -> line.split(" \\| ")[0] + " | " + line.split(" \\| ")[1]))
            .containsExactly("| IndexingJobsClient (this library) | 1", "| raw WebClient + Jackson | 1",
                    "| TypeScript SDK @digitalocean/gradient (retired) | 1", "| IndexingJobsClient (this library) | 64",
                    "| raw WebClient + Jackson | 64", "| TypeScript SDK @digitalocean/gradient (retired) | 64");
        assertThat(table).contains(
                "| IndexingJobsClient (this library) | 64 | 3 | 510,000 | 20,000 | 10,000–21,000 | 3.000 | 9.000 | 430 | 0 |");
    }

    @Test
    void oneRoundHasNoRangeAndItsRatiosNoSpread() {
        List<CompareReport.Run> one = RUNS.stream().filter((run) -> run.round() == 1).toList();

        assertThat(CompareReport.table(one, 1))
            .contains("| IndexingJobsClient (this library) | 64 | 1 | 200,000 | 20,000 | – | 3.000 | 9.000 | 420 | 0 |");
        assertThat(CompareReport.ratios(one)).contains("| client ÷ retired TypeScript SDK | 2.50 | 10.00 | ≥ 5 at 64 |");
        assertThat(CompareReport.svg(one, 1)).contains("median of 1 round,").doesNotContain("whisker");
    }

    @Test
    void doTsGetsItsRowsItsRatioAndTheNoteThatItRanOnTheJobWithoutDataSourceUuids() {
        String table = CompareReport.table(WITH_DOTS, 3);

        assertThat(table.lines().skip(2).filter((line) -> line.startsWith("| "))
            .map((line) -> line.split(" \\| ")[0] + " | " + line.split(" \\| ")[1]))
            .hasSize(8)
            .startsWith("| IndexingJobsClient (this library) | 1", "| raw WebClient + Jackson | 1",
                    "| DoTs (@digitalocean/dots)* | 1", "| TypeScript SDK @digitalocean/gradient (retired) | 1");
        assertThat(table).contains("| DoTs (@digitalocean/dots)* | 64 | 3 | 53,500 | 1,750 | 1,600–2,000 |")
            .endsWith(CompareReport.DOTS_NOTE);
        // client ÷ DoTs per round: at 1, 5.0, 4.32, 4.0; at 64, 12.5, 5.0, 12.0
        assertThat(CompareReport.ratios(WITH_DOTS)).contains("| client ÷ DoTs* | 4.32 (4.00–5.00) | 12.00 (5.00–12.50) | none set |");
        assertThat(CompareReport.svg(WITH_DOTS, 3)).contains(">DoTs*<").contains("without data_source_uuids");
    }

    @Test
    void withoutTheRetiredSdkItsRowsRatioAndLegendAreLeftOut() {
        List<CompareReport.Run> withoutRetired = WITH_DOTS.stream().filter((run) -> !run.impl().equals("ts-sdk")).toList();

        assertThat(CompareReport.table(withoutRetired, 3)).doesNotContain("retired");
        assertThat(CompareReport.ratios(withoutRetired)).doesNotContain("retired").contains("client ÷ DoTs*");
        assertThat(CompareReport.svg(withoutRetired, 3)).doesNotContain("retired");
    }

    @Test
    void theDecodingTableShowsWhatEachSdkDecodedOrTheErrorItRaised(@TempDir Path dir) throws IOException {
        Path decode = dir.resolve("decode.tsv");
        Files.writeString(decode, "dots\tno\tError: encountered an unsupported type during deserialization undefined\n"
                + "ts-sdk\tyes\tphase BATCH_JOB_PHASE_CANCELLED, 2 data_source_uuids\n");

        assertThat(CompareReport.decoding(decode).lines().skip(2)).containsExactly(
                "| DoTs (@digitalocean/dots) | **no** | `Error: encountered an unsupported type during deserialization undefined` |",
                "| TypeScript SDK @digitalocean/gradient (retired) | yes | `phase BATCH_JOB_PHASE_CANCELLED, 2 data_source_uuids` |");
    }

    @Test
    void theChartHasABarAndAWhiskerPerCell() {
        String svg = CompareReport.svg(RUNS, 3);

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("median of 3 rounds");
        assertThat(svg.split("class=\"whisker\"", -1)).hasSize(6 + 1);
        assertThat(svg).contains(">20,000<").contains(">concurrency 64<");
    }

    @Test
    void writesTheSectionBetweenTheMarkersAndLeavesTheRestOfThePage(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results.tsv");
        StringBuilder tsv = new StringBuilder();
        for (CompareReport.Run run : RUNS) {
            tsv.append(String.join("\t", String.valueOf(run.round()), run.impl(), String.valueOf(run.concurrency()),
                    String.valueOf(run.requests()), String.valueOf(run.seconds()), String.valueOf(run.rps()),
                    String.valueOf(run.p50()), String.valueOf(run.p99()), String.valueOf(run.peakRssMib()),
                    String.valueOf(run.failures()), String.valueOf(run.warmupRequests()),
                    String.valueOf(run.warmupSeconds())))
                .append('\n');
        }
        Files.writeString(results, tsv);
        Files.writeString(dir.resolve("machine.txt"), "date: today\n");
        Files.writeString(dir.resolve("commands.txt"), "bash benchmarks/compare.sh\n");
        Path markdown = dir.resolve("page.md");
        Files.writeString(markdown, "# Before\n\n" + CompareReport.BEGIN + "\nold\n" + CompareReport.END + "\n\n# After\n");
        Path svg = dir.resolve("chart").resolve("x.svg");
        Files.createDirectories(svg.getParent());

        CompareReport.main(new String[] { "--results", results.toString(), "--rounds", "3", "--machine",
                dir.resolve("machine.txt").toString(), "--commands", dir.resolve("commands.txt").toString(),
                "--markdown", markdown.toString(), "--svg", svg.toString() });

        String page = Files.readString(markdown, StandardCharsets.UTF_8);
        assertThat(page).startsWith("# Before\n\n" + CompareReport.BEGIN).endsWith(CompareReport.END + "\n\n# After\n");
        assertThat(page).doesNotContain("\nold\n")
            .contains("![Requests per second and p99 latency](chart/x.svg)")
            .contains("<details><summary>Every round</summary>")
            .contains("| 3 | raw WebClient + Jackson | 64 | 20.0 | 440,000 | 220,000 | 10.0 | 22,000 |")
            .contains("date: today");
        assertThat(Files.readString(svg)).startsWith("<svg");
    }

}
