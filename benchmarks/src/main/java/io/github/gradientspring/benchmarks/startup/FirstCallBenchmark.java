package io.github.gradientspring.benchmarks.startup;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
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
            Class<?> app = this.loader.loadClass(FirstCallApp.class.getName());
            Class<?> contextType = this.loader.loadClass("org.springframework.context.ConfigurableApplicationContext");
            inApplicationLoader(() -> app.getMethod("stop", contextType).invoke(null, this.context));
        }
        catch (Exception ex) {
            throw new IllegalStateException("the application did not close", ex);
        }
        finally {
            endThreadsOfTheApplication();
            this.loader.close();
            this.responder.close();
        }
        if (!Payloads.JOB_UUID.equals(this.answered)) {
            throw new IllegalStateException("the first call did not return the cancelled job: " + this.answered);
        }
    }

    /**
     * Waits, at most 10 s, until the Netty threads the application started have ended, so that none of them still
     * needs a class of the loader once it is closed.
     */
    private void endThreadsOfTheApplication() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread thread : nettyThreadsOf(this.loader)) {
            {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
            }
        }
    }

    /**
     * The live Netty threads of a class loader's Netty: Reactor Netty's event loops. Not the client's deadline
     * timer ({@code gradient-attempt-deadlines}), a process-wide daemon that nothing can stop and that does no
     * more than tick once the application is closed.
     * @param loader the application's class loader
     * @return the threads
     */
    static List<Thread> nettyThreadsOf(ClassLoader loader) {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("gradient-attempt-deadlines")) {
                continue;
            }
            for (Class<?> type = thread.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals("io.netty.util.concurrent.FastThreadLocalThread")
                        && type.getClassLoader() == loader && thread.isAlive()) {
                    threads.add(thread);
                    break;
                }
            }
        }
        return threads;
    }

    /** The class loader of the application, for the test that no thread of it outlives {@link #stop()}. */
    ClassLoader applicationLoader() {
        return this.loader;
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
