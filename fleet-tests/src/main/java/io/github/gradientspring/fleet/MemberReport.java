package io.github.gradientspring.fleet;

import java.util.List;

/**
 * A member's report to the harness ({@code GET /member/report}). Instants are epoch milliseconds: {@code finishedAt}
 * on the API's clock (the job's {@code finished_at}), {@code seenAt} on the member's wall clock.
 * @param member the member's name
 * @param watches how many watches it started
 * @param states how many states its watches delivered
 * @param backInTime how many of them were older than the one before
 * @param ends every terminal state it saw, one per job
 * @param failures every watch that ended without its terminal state, with the reason
 * @param calls its application calls
 */
public record MemberReport(String member, long watches, long states, long backInTime, List<End> ends,
        List<String> failures, Calls calls) {

    /**
     * A job's end as a member saw it.
     * @param uuid the job
     * @param phase its terminal phase
     * @param finishedAt its {@code finished_at}, or -1
     * @param seenAt when the member's watch delivered it
     */
    public record End(String uuid, String phase, long finishedAt, long seenAt) {
    }

    /**
     * The member's application calls.
     * @param ok how many succeeded
     * @param failed how many failed
     * @param maxMillis the longest one took
     * @param errors the first few failures
     * @param budget what the client's request budget said before the calls: the least it had left in the minute,
     * the most requests waiting, the last pause
     */
    public record Calls(long ok, long failed, long maxMillis, List<String> errors, String budget) {
    }

}
