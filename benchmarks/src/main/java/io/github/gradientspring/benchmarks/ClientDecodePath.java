package io.github.gradientspring.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;

/**
 * The client's own decode path, without the network: its package-private {@code GradientJson} reading from an
 * {@link InputStream}, as the client does over the joined response buffers. Reached by reflection once, so that
 * the benchmark measures the client's code and not a copy of it.
 */
final class ClientDecodePath {

    private static final Object JSON;

    private static final MethodHandle READ_PAGE;

    private static final MethodHandle READ_JOB;

    static {
        try {
            Class<?> type = Class.forName("io.github.gradientspring.client.internal.GradientJson");
            Field instance = type.getDeclaredField("INSTANCE");
            instance.setAccessible(true);
            JSON = instance.get(null);
            Method readPage = type.getDeclaredMethod("readPage", InputStream.class);
            readPage.setAccessible(true);
            Method readJob = type.getDeclaredMethod("readJob", InputStream.class);
            readJob.setAccessible(true);
            READ_PAGE = MethodHandles.lookup().unreflect(readPage);
            READ_JOB = MethodHandles.lookup().unreflect(readJob);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private ClientDecodePath() {
    }

    static IndexingJobPage decodePage(byte[] json) {
        try {
            return (IndexingJobPage) READ_PAGE.invoke(JSON, new ByteArrayInputStream(json));
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    static IndexingJob decodeJob(byte[] json) {
        try {
            return (IndexingJob) READ_JOB.invoke(JSON, new ByteArrayInputStream(json));
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

}
