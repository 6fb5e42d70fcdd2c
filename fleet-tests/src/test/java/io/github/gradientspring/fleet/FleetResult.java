package io.github.gradientspring.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link FleetRun} measured: for the fleet (the four members on one simulator) and for the member alone, the
 * requests the simulator received after the jobs were created, its 429 answers, and for each member the ends it saw,
 * missed or lost to a failed watch, how late it saw them (from the job's {@code finished_at} to the member's watch),
 * and its application calls.
 */
record FleetResult(String run, boolean fleet, long requests, long rateLimited, long aloneRequests,
        long aloneRateLimited, List<Member> members, Member alone, Map<String, Long> operations,
        Map<String, Long> aloneOperations) {

    /**
     * One member's figures.
     * @param name its name
     * @param killed whether the run killed it
     * @param watched how many jobs it watched
     * @param missed the jobs whose end it neither saw nor was told of by a failed watch
     * @param failures its watches that failed
     * @param delays how late it saw each end it saw, in milliseconds, sorted
     * @param backInTime states older than the one before
     * @param calls its application calls
     */
    record Member(String name, boolean killed, int watched, List<String> missed, List<String> failures,
            List<Long> delays, long backInTime, MemberReport.Calls calls) {

        long delayMillis(double quantile) {
            if (this.delays.isEmpty()) {
                return -1;
            }
            int index = (int) Math.ceil(quantile * this.delays.size()) - 1;
            return this.delays.get(Math.max(0, Math.min(index, this.delays.size() - 1)));
        }

        long lost() {
            return this.missed.size() + this.failures.size();
        }

    }

    static FleetResult of(String run, boolean fleet, Duration offset, Map<MemberProcess, List<String>> watched,
            Map<MemberProcess, MemberReport> reports, Set<MemberProcess> killed, long requests, long rateLimited,
            long aloneRequests, long aloneRateLimited, MemberProcess aloneProcess, Map<String, Long> operations,
            Map<String, Long> aloneOperations) {
        List<Member> members = new ArrayList<>();
        Member alone = null;
        for (Map.Entry<MemberProcess, List<String>> entry : watched.entrySet()) {
            MemberProcess process = entry.getKey();
            MemberReport report = reports.get(process);
            Member member = member(process.name(), killed.contains(process), entry.getValue(), report, offset);
            if (process == aloneProcess) {
                alone = member;
            }
            else {
                members.add(member);
            }
        }
        return new FleetResult(run, fleet, requests, rateLimited, aloneRequests, aloneRateLimited, members, alone,
                operations, aloneOperations);
    }

    private static Member member(String name, boolean killed, List<String> watched, MemberReport report,
            Duration offset) {
        if (report == null) {
            return new Member(name, killed, watched.size(), List.copyOf(watched), List.of(), List.of(), 0,
                    new MemberReport.Calls(0, 0, 0, List.of(), "n/a"));
        }
        Map<String, MemberReport.End> ends = report.ends().stream()
                .collect(Collectors.toMap(MemberReport.End::uuid, (end) -> end, (a, b) -> a));
        Set<String> failed = report.failures().stream().map((line) -> line.substring(0, line.indexOf(' ')))
                .collect(Collectors.toSet());
        List<String> missed = watched.stream().filter((uuid) -> !ends.containsKey(uuid) && !failed.contains(uuid))
                .toList();
        List<Long> delays = watched.stream().map(ends::get).filter((end) -> end != null && end.finishedAt() > 0)
                // finished_at is on the simulators' clock, which runs `offset` ahead of the member's.
                .map((end) -> end.seenAt() - (end.finishedAt() - offset.toMillis()))
                .sorted()
                .toList();
        return new Member(name, killed, watched.size(), missed, report.failures(), delays, report.backInTime(),
                report.calls());
    }

    /** The live members (not killed by the run). */
    List<Member> survivors() {
        return this.members.stream().filter((member) -> !member.killed()).toList();
    }

    long maxDelayMillis(Collection<Member> of) {
        return of.stream().mapToLong((member) -> member.delayMillis(1.0)).max().orElse(-1);
    }

    double requestRatio() {
        return (double) this.requests / this.aloneRequests;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(this.run).append(" (fleet mode ").append(this.fleet ? "on" : "off").append(")\n\n");
        out.append(String.format(Locale.ROOT, "Requests after the creates: four members %,d (429: %,d); "
                + "one member alone %,d (429: %,d); ratio %.2f%n%n", this.requests, this.rateLimited,
                this.aloneRequests, this.aloneRateLimited, requestRatio()));
        out.append("By operation: four members ").append(this.operations).append("; one member alone ")
            .append(this.aloneOperations).append("\n\n");
        out.append("| Member | Watched | Ends seen | Lost | Delay p50 | p99 | max | Back in time | Calls ok | "
                + "failed | longest |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Member> all = new ArrayList<>(this.members);
        all.add(this.alone);
        for (Member member : all) {
            out.append(String.format(Locale.ROOT, "| %s%s | %d | %d | %d | %s | %s | %s | %d | %d | %d | %s |%n",
                    member.name(), member.killed() ? " (killed)" : "", member.watched(), member.delays().size(),
                    member.lost(), seconds(member.delayMillis(0.5)), seconds(member.delayMillis(0.99)),
                    seconds(member.delayMillis(1.0)), member.backInTime(), member.calls().ok(),
                    member.calls().failed(), seconds(member.calls().maxMillis())));
        }
        out.append('\n');
        for (Member member : all) {
            out.append(member.name()).append(" budget: ").append(member.calls().budget()).append('\n');
        }
        for (Member member : all) {
            if (!member.missed().isEmpty() || !member.failures().isEmpty() || !member.calls().errors().isEmpty()) {
                out.append("\n").append(member.name()).append(": missed ").append(member.missed().size())
                        .append(", failed ").append(member.failures().stream().limit(5).toList())
                        .append(", call errors ").append(member.calls().errors());
            }
        }
        return out.append('\n').toString();
    }

    private static String seconds(long millis) {
        return (millis < 0) ? "n/a" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    void write(Path file) {
        try {
            Files.writeString(file, table());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
