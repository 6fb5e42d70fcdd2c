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

    /** The UUID of the {@linkplain #demo() demo knowledge base}. */
    public static final String DEMO_KNOWLEDGE_BASE_UUID = "9758a232-b351-11ef-bf8f-4e013e2ddde4";

    /** The UUIDs of the {@linkplain #demo() demo knowledge base}'s four data sources, in order. */
    public static final List<String> DEMO_DATA_SOURCE_UUIDS = List.of("9a825ee0-bbb1-11ef-bf8f-4e013e2ddde4",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde5", "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde6",
            "9a825ee0-bbb1-11ef-bf8f-4e013e2ddde7");

    /**
     * The demo knowledge base, "demo-docs", with fixed UUIDs so that documented commands can be pasted as they
     * are: four data sources of 120 items (4.8 MB), 80 items (2 MB), 35 items (1.2 MB) and 8 items (64 KiB),
     * 243 items in all. The standalone jar's {@code --demo} seeds it; the sample application's local mode seeds
     * the same contents.
     *
     * @return the demo knowledge base's spec
     */
    public static KnowledgeBaseSpec demo() {
        return named("demo-docs").withUuid(DEMO_KNOWLEDGE_BASE_UUID)
                .dataSource(DEMO_DATA_SOURCE_UUIDS.get(0), 120, 4_800_000)
                .dataSource(DEMO_DATA_SOURCE_UUIDS.get(1), 80, 2_000_000)
                .dataSource(DEMO_DATA_SOURCE_UUIDS.get(2), 35, 1_200_000)
                .dataSource(DEMO_DATA_SOURCE_UUIDS.get(3), 8, 65_536);
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
