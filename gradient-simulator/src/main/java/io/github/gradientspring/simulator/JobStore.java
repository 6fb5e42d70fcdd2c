package io.github.gradientspring.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The simulated account: seeded knowledge bases, the jobs started on them, and the scripts waiting for the next
 * jobs. Lookups by UUID are lock-free; ordered views and creation take the store's lock.
 */
final class JobStore {

    /** gradient-api.md §1.7: the per-knowledge-base listing returns the latest 15 jobs. */
    static final int LATEST_PER_KNOWLEDGE_BASE = 15;

    private final Map<String, SeededKnowledgeBase> knowledgeBases = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, JobScript> knowledgeBaseScripts = new ConcurrentHashMap<>();

    // Guarded by this.
    private final Map<String, SeededKnowledgeBase> knowledgeBasesInOrder = new LinkedHashMap<>();
    private final List<Job> jobsInOrder = new ArrayList<>();
    private final Map<String, List<Job>> jobsByKnowledgeBase = new ConcurrentHashMap<>();
    private final Deque<JobScript> nextJobScripts = new ArrayDeque<>();

    synchronized SeededKnowledgeBase add(KnowledgeBaseSpec spec) {
        if (spec.dataSources().isEmpty()) {
            throw new IllegalArgumentException("Knowledge base '" + spec.name() + "' needs at least one data source");
        }
        String uuid = spec.uuid() != null ? spec.uuid() : Uuids.random();
        if (knowledgeBases.containsKey(uuid)) {
            throw new IllegalArgumentException("A knowledge base with UUID " + uuid + " already exists");
        }
        List<SeededDataSource> sources = new ArrayList<>();
        for (KnowledgeBaseSpec.DataSourceSpec source : spec.dataSources()) {
            String sourceUuid = source.uuid() != null ? source.uuid() : Uuids.random();
            if (dataSourceExists(sourceUuid) || sources.stream().anyMatch(s -> s.uuid().equals(sourceUuid))) {
                throw new IllegalArgumentException("A data source with UUID " + sourceUuid + " already exists");
            }
            sources.add(new SeededDataSource(sourceUuid, source.items(), source.bytes()));
        }
        SeededKnowledgeBase seeded = new SeededKnowledgeBase(uuid, spec.name(), sources);
        knowledgeBasesInOrder.put(uuid, seeded);
        knowledgeBases.put(uuid, seeded);
        jobsByKnowledgeBase.put(uuid, new ArrayList<>());
        return seeded;
    }

    private boolean dataSourceExists(String uuid) {
        return knowledgeBases.values().stream().anyMatch(kb -> kb.dataSourceUuids().contains(uuid));
    }

    @Nullable SeededKnowledgeBase knowledgeBase(String uuid) {
        return knowledgeBases.get(uuid);
    }

    synchronized List<SeededKnowledgeBase> knowledgeBases() {
        return List.copyOf(knowledgeBasesInOrder.values());
    }

    @Nullable Job job(String uuid) {
        return jobs.get(uuid);
    }

    /** Starts a job on the given data sources (already checked to belong to the knowledge base). */
    synchronized Job create(SeededKnowledgeBase knowledgeBase, List<SeededDataSource> sources, Instant now, JobTiming timing) {
        JobScript script = nextJobScripts.pollFirst();
        if (script == null) {
            script = knowledgeBaseScripts.getOrDefault(knowledgeBase.uuid(), JobScript.succeed());
        }
        Job job = new Job(Uuids.random(), knowledgeBase.uuid(), sources, now, timing, script);
        jobs.put(job.uuid, job);
        jobsInOrder.add(job);
        jobsByKnowledgeBase.computeIfAbsent(knowledgeBase.uuid(), (kb) -> new ArrayList<>()).add(job);
        return job;
    }

    synchronized int jobCount() {
        return jobsInOrder.size();
    }

    /** Jobs newest first, {@code limit} of them from {@code offset}. */
    synchronized List<Job> newestFirst(long offset, int limit) {
        List<Job> page = new ArrayList<>(Math.min(limit, jobsInOrder.size()));
        for (long i = jobsInOrder.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(jobsInOrder.get((int) i));
        }
        return page;
    }

    /** The latest {@link #LATEST_PER_KNOWLEDGE_BASE} jobs of a knowledge base, newest first. */
    synchronized List<Job> latestOf(String knowledgeBaseUuid) {
        List<Job> all = jobsByKnowledgeBase.getOrDefault(knowledgeBaseUuid, List.of());
        List<Job> latest = new ArrayList<>(LATEST_PER_KNOWLEDGE_BASE);
        for (int i = all.size() - 1; i >= 0 && latest.size() < LATEST_PER_KNOWLEDGE_BASE; i--) {
            latest.add(all.get(i));
        }
        return latest;
    }

    synchronized void scriptNextJob(JobScript script) {
        nextJobScripts.addLast(script);
    }

    void scriptKnowledgeBase(String knowledgeBaseUuid, JobScript script) {
        if (!knowledgeBases.containsKey(knowledgeBaseUuid)) {
            throw new IllegalArgumentException("Unknown knowledge base: " + knowledgeBaseUuid);
        }
        knowledgeBaseScripts.put(knowledgeBaseUuid, script);
    }

    /** Forgets every job and script; knowledge bases stay. */
    synchronized void clearJobs() {
        jobs.clear();
        jobsInOrder.clear();
        jobsByKnowledgeBase.values().forEach(List::clear);
        nextJobScripts.clear();
        knowledgeBaseScripts.clear();
    }
}
