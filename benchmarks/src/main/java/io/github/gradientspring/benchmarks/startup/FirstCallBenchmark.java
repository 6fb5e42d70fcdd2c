package io.github.gradientspring.benchmarks.startup;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.benchmarks.Payloads;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first call of a freshly started application with the starter: one {@code cancel} against the
 * {@link ResponderProcess responder}, in a fresh JVM, after {@link FirstCallApp#start(String)} (not measured) from the
 * {@code with-starter} class path. What the client puts off while the application starts, this call pays; with
 * {@link StartupBenchmark} it shows where the time went.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(15)
@State(Scope.Benchmark)
public class FirstCallBenchmark {

    private ResponderProcess responder;

    private URLClassLoader loader;

    private Object context;

    private @Nullable String answered;

    @Setup(Level.Trial)
    public void start() throws Exception {
        this.responder = ResponderProcess.start();
        this.loader = StartupClassLoaders.open("with-starter");
        Class<?> app = this.loader.loadClass(FirstCallApp.class.getName());
        this.context = inApplicationLoader(() -> app.getMethod("start", String.class).invoke(null,
                this.responder.baseUrl()));
    }

    @Benchmark
    public @Nullable String firstCall() throws Exception {
        Class<?> app = this.loader.loadClass(FirstCallApp.class.getName());
        Class<?> contextType = this.loader.loadClass("org.springframework.context.ConfigurableApplicationContext");
        this.answered = inApplicationLoader(
                () -> (String) app.getMethod("firstCall", contextType).invoke(null, this.context));
        return this.answered;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException, URISyntaxException {
        try {
            ((AutoCloseable) this.context).close();
        }
        catch (Exception ex) {
            throw new IllegalStateException("the application did not close", ex);
        }
        finally {
            this.loader.close();
            this.responder.close();
        }
        if (!Payloads.JOB_UUID.equals(this.answered)) {
            throw new IllegalStateException("the first call did not return the cancelled job: " + this.answered);
        }
    }

    private <T> T inApplicationLoader(Callable<T> action) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(this.loader);
        try {
            return action.call();
        }
        finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

}
