package io.github.gradientspring.benchmarks.startup;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of a minimal Spring Boot application ({@link StartupApp}), with and without the starter: the time of
 * {@code SpringApplicationBuilder.run()} and {@code close()}, cold, as an application pays it once. Each fork is a
 * fresh JVM that starts the application once, from a class loader of its own over the class path the build wrote to
 * {@code target/startup/} (so Spring's classes are loaded inside the measurement, as in a real start). With
 * {@code -wi 5 -i 10} instead it measures warm starts: the same application started again in the same JVM.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(15)
@State(Scope.Benchmark)
public class StartupBenchmark {

    @Param({ "without-starter", "webclient-without-starter", "with-starter" })
    public String classpath;

    private URLClassLoader loader;

    private Method startAndClose;

    private @Nullable String started;

    @Setup(Level.Trial)
    public void load() throws IOException, ReflectiveOperationException, URISyntaxException {
        this.loader = StartupClassLoaders.open(this.classpath);
        this.startAndClose = this.loader.loadClass(StartupApp.class.getName()).getMethod("startAndClose");
    }

    @Benchmark
    public String start() throws IllegalAccessException, InvocationTargetException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(this.loader);
        try {
            this.started = (String) this.startAndClose.invoke(null);
            return this.started;
        }
        finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @TearDown(Level.Trial)
    public void check() throws IOException {
        this.loader.close();
        boolean withStarter = this.classpath.equals("with-starter");
        boolean bare = this.classpath.equals("without-starter");
        // The comparison is only fair if "without" has nothing of the starter, "webclient-without" has Boot's
        // WebClient support but no client, and "with" has the client.
        if (this.started == null || (withStarter != this.started.contains("clients=1"))
                || (bare && !this.started.contains("foreignAutoConfigurations=0"))) {
            throw new IllegalStateException("unexpected application for " + this.classpath + ": " + this.started);
        }
    }

}
