package io.github.gradientspring.client;

import java.util.List;

import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingJobStatus;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.client.model.PageLinks;
import io.github.gradientspring.client.model.PageMeta;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Reflection and resource hints for a native image, registered in {@code META-INF/spring/aot.factories} so that
 * every Spring application on the client gets them, with or without the starter: the client's own Jackson mapper
 * reflects on the public model records and the wire enums' {@code @JsonCreator} factories (named by class) and on
 * its package-private envelope records (named by string, so that this class does not tie itself to them), and
 * reads its version from {@code META-INF/gradient/client.properties} for the {@code User-Agent}.
 */
final class GradientClientRuntimeHints implements RuntimeHintsRegistrar {

    /**
     * The members Jackson uses: record constructors, accessors and creators, and the fields behind them. The public
     * categories are listed too, because Spring's hint model does not count public members as declared ones.
     */
    static final MemberCategory[] JSON_BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
            MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
            MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

    /** The public records and enums the client reads from JSON. */
    static final List<Class<?>> MODEL_TYPES = List.of(IndexingJob.class, IndexedDataSource.class,
            IndexingJobPage.class, PageLinks.class, PageMeta.class, IndexingJobPhase.class, IndexingJobStatus.class,
            DataSourceStatus.class, IndexingSchedule.class);

    /**
     * The client's package-private envelope records. {@code GradientClientRuntimeHintsTests} fails when a name no
     * longer loads.
     */
    static final List<String> ENVELOPE_TYPES = List.of("JobEnvelope", "JobsEnvelope", "WireLinks", "WirePages",
            "DataSourcesEnvelope", "SignedUrlEnvelope", "ErrorBody", "CreateBody", "ScheduleEnvelope", "ScheduleBody")
        .stream()
        .map((name) -> "io.github.gradientspring.client.internal.GradientJson$" + name)
        .toList();

    /** The resource holding the client's version. */
    static final String CLIENT_PROPERTIES = "META-INF/gradient/client.properties";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        for (Class<?> type : MODEL_TYPES) {
            hints.reflection().registerType(type, JSON_BINDING);
        }
        for (String type : ENVELOPE_TYPES) {
            hints.reflection().registerType(TypeReference.of(type), JSON_BINDING);
        }
        hints.resources().registerPattern(CLIENT_PROPERTIES);
    }

}
