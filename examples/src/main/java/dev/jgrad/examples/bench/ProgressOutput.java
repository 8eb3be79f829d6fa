package dev.jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's own output goes to a log file; the console gets one line per benchmark, so that a run of
 * several minutes shows where it is without burying the report under iteration lines.
 */
final class ProgressOutput implements OutputFormat {
    private final OutputFormat log;
    private final PrintStream console;
    private final long start = System.nanoTime();
    private int started;

    ProgressOutput(OutputFormat log, PrintStream console) {
        this.log = log;
        this.console = console;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        String name = params.getBenchmark();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        StringBuilder line = new StringBuilder();
        for (String key : params.getParamsKeys()) {
            line.append(' ').append(key).append('=').append(params.getParam(key));
        }
        console.printf("  [%3d | %5.0f s] %s%s%n", started, (System.nanoTime() - start) / 1e9, name, line);
        log.startBenchmark(params);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
            IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
