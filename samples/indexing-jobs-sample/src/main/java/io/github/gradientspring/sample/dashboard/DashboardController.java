package io.github.gradientspring.sample.dashboard;

import java.time.Clock;
import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two small JSON endpoints the dashboard reads besides {@code /jobs}: the knowledge bases it offers and the
 * request budget. Neither sends a request to DigitalOcean, so the page can poll them while DigitalOcean's rate
 * limit pauses everything else.
 */
@RestController
class DashboardController {

    private final KnowledgeBaseCatalog catalog;

    private final IndexingJobsClient client;

    private final Clock clock = Clock.systemUTC();

    DashboardController(KnowledgeBaseCatalog catalog, IndexingJobsClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    /** The knowledge bases to offer in the form that starts a job, with their data sources. */
    @GetMapping("/knowledge-bases")
    List<OfferedKnowledgeBase> knowledgeBases() {
        return this.catalog.knowledgeBases();
    }

    /** Requests left in the minute and the hour, and whether DigitalOcean's 429s pause requests now. */
    @GetMapping("/budget")
    BudgetView budget() {
        return BudgetView.of(this.client.budget(), this.clock.instant());
    }

}
