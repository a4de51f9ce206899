package io.spinestream.bench;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the analyzer core on one thread: one invocation analyses a whole recording
 * ({@link BenchRecordings#SAMPLES} samples, already decoded {@link TelemetryBatch}es) on a
 * fresh {@link BeltAnalyzer} and closes its session, and counts as {@code SAMPLES}
 * operations, so the score is samples per second per core. Decoding (JSON, Protobuf) and
 * Kafka are not included: this is the per-sample path of form-analysis.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnalyzerBenchmark {

    @Param({"deadlift-50hz", "deadlift-400hz", "walking", "sitting"})
    public String workload;

    @Param({"50", "2000"})
    public int batchSize;

    private TelemetryBatch[] batches;
    private BatchContext context;
    private final CountingSink sink = new CountingSink();

    /** Counts the events raised (a few per thousand samples), so nothing is optimised away. */
    static final class CountingSink implements EventSink {
        long events;

        @Override
        public void accept(AnalysisEvent event) {
            events++;
        }
    }

    @Setup(Level.Trial)
    public void prepare() {
        List<TelemetryBatch> recording = BenchRecordings.recording(Workload.byId(workload), batchSize);
        batches = recording.toArray(new TelemetryBatch[0]);
        context = BenchRecordings.context();
        BenchRecordings.settle();
    }

    @Benchmark
    @OperationsPerInvocation(BenchRecordings.SAMPLES)
    public long analyze() {
        BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
        for (TelemetryBatch batch : batches) {
            analyzer.analyze(batch, context, sink);
        }
        analyzer.closeSession(sink);
        return sink.events;
    }
}
