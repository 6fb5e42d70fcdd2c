package io.github.gradientspring.fleet;

import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;
import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;
import reactor.core.Disposables;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The harness's way in: {@code POST /member/watch} with a JSON array of job UUIDs starts a watch of each;
 * {@code GET /member/report} says what the member saw.
 */
@RestController
class MemberController {

    private final IndexingJobsClient client;

    private final WatchLog log;

    private final ApplicationCalls calls;

    private final MemberProperties properties;

    private final Disposable.Composite watches = Disposables.composite();

    MemberController(IndexingJobsClient client, WatchLog log, ApplicationCalls calls, MemberProperties properties) {
        this.client = client;
        this.log = log;
        this.calls = calls;
        this.properties = properties;
    }

    @PostMapping("/member/watch")
    int watch(@RequestBody List<String> jobUuids) {
        this.log.watching(jobUuids.size());
        for (String uuid : jobUuids) {
            this.watches.add(this.client.watch(uuid)
                    .subscribe((job) -> this.log.state(uuid, job), (ex) -> this.log.failed(uuid, ex),
                            () -> this.log.completed(uuid)));
        }
        return jobUuids.size();
    }

    @GetMapping("/member/report")
    MemberReport report() {
        return this.log.report(this.properties.name(), this.calls.report());
    }

    @PreDestroy
    void stopWatching() {
        this.watches.dispose();
    }

}
