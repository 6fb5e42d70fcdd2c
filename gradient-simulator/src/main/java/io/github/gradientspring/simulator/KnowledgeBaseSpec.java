package io.github.gradientspring.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to seed: a knowledge base and its data sources. Immutable; each method returns a new spec.
 *
 * <pre>{@code
 * SeededKnowledgeBase kb = simulator.addKnowledgeBase(
 *         KnowledgeBaseSpec.named("docs").dataSource(120, 4_000_000).dataSource(8, 65_536));
 * }</pre>
 *
 * UUIDs are generated unless given with {@link #withUuid(String)} or {@link #dataSource(String, long, long)}, so a
 * demo or a test can use stable identifiers.
 */
public final class KnowledgeBaseSpec {

    private final String name;
    private final @Nullable String uuid;
    private final List<DataSourceSpec> dataSources;

    private KnowledgeBaseSpec(String name, @Nullable String uuid, List<DataSourceSpec> dataSources) {
        this.name = name;
        this.uuid = uuid;
        this.dataSources = List.copyOf(dataSources);
    }

    /** A knowledge base with this display name and no data sources yet. */
    public static KnowledgeBaseSpec named(String name) {
        Objects.requireNonNull(name, "name");
        return new KnowledgeBaseSpec(name, null, List.of());
    }

    /** The same spec with a fixed knowledge-base UUID instead of a generated one. */
    public KnowledgeBaseSpec withUuid(String knowledgeBaseUuid) {
        return new KnowledgeBaseSpec(name, Uuids.requireValid(knowledgeBaseUuid, "knowledgeBaseUuid"), dataSources);
    }

    /**
     * Adds a data source with a generated UUID.
     *
     * @param items number of items (files) the data source holds; indexed counts grow towards it
     * @param bytes total size in bytes; tokens are derived from it (one token per four bytes)
     */
    public KnowledgeBaseSpec dataSource(long items, long bytes) {
        return dataSource(null, items, bytes);
    }

    /** Adds a data source with a fixed UUID (or a generated one when {@code dataSourceUuid} is null). */
    public KnowledgeBaseSpec dataSource(@Nullable String dataSourceUuid, long items, long bytes) {
        if (items < 0 || bytes < 0) {
            throw new IllegalArgumentException("items and bytes must not be negative, got " + items + " and " + bytes);
        }
        String checked = dataSourceUuid == null ? null : Uuids.requireValid(dataSourceUuid, "dataSourceUuid");
        List<DataSourceSpec> more = new ArrayList<>(dataSources);
        more.add(new DataSourceSpec(checked, items, bytes));
        return new KnowledgeBaseSpec(name, uuid, more);
    }

    /** The display name. */
    public String name() {
        return name;
    }

    /** The fixed UUID, or null when one will be generated. */
    public @Nullable String uuid() {
        return uuid;
    }

    /** The data sources in the order they were added. */
    public List<DataSourceSpec> dataSources() {
        return dataSources;
    }

    /**
     * One data source to seed.
     *
     * @param uuid  fixed UUID, or null to generate one
     * @param items number of items
     * @param bytes total size in bytes
     */
    public record DataSourceSpec(@Nullable String uuid, long items, long bytes) {
    }
}
