package workbook.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * False sharing: two threads that share no data still slow each other down when the fields they
 * write sit on the same cache line, because a core must own the whole line to write any byte of it.
 *
 * <p>Each group runs two threads at once ({@code @Group} with {@code @GroupThreads(1)} on each of its
 * two methods): one writes only {@code first}, the other only {@code second}, so no write is ever
 * lost and no lock is needed. The groups differ only in where the two fields are:
 * <ul>
 * <li>{@code neighbours}: two {@code volatile long}s declared side by side, 8 bytes apart, one state
 *     object shared by the group ({@code Scope.Group});
 * <li>{@code padded}: the same, with 128 bytes of unused fields between them. HotSpot lays out a
 *     superclass's fields before its subclass's, so the padding is put in a class between the two
 *     fields' classes (fields of one class may be reordered). 128 rather than 64 bytes, because some
 *     Intel cores fetch cache lines in pairs. ({@code @jdk.internal.vm.annotation.Contended} does this
 *     for the JDK's own classes, but is internal API and needs {@code -XX:-RestrictContended}.)
 * <li>{@code separate}: each thread its own object ({@code Scope.Thread}), which JMH pads itself.
 * </ul>
 * The fields are {@code volatile} so that every write really goes to memory in order: a plain field
 * could be kept in a register across JMH's loop and written once, which would hide the effect. The
 * score is the group's throughput, writes per microsecond by both threads together (higher is better).
 * With fewer than two free cores the two threads take turns instead of running at once, and the
 * difference shrinks: the chart names the machine and its load.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FalseSharingBenchmark {

    @State(Scope.Group)
    public static class Neighbours {
        volatile long first;
        volatile long second;
    }

    public static class FirstField {
        volatile long first;
    }

    public static class Padding extends FirstField {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }

    @State(Scope.Group)
    public static class Padded extends Padding {
        volatile long second;
    }

    @State(Scope.Thread)
    public static class OwnCounter {
        volatile long value;
    }

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursWriteFirst(Neighbours fields) {
        fields.first++;
    }

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursWriteSecond(Neighbours fields) {
        fields.second++;
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedWriteFirst(Padded fields) {
        fields.first++;
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedWriteSecond(Padded fields) {
        fields.second++;
    }

    @Benchmark
    @Group("separate")
    @GroupThreads(1)
    public void separateWriteFirst(OwnCounter counter) {
        counter.value++;
    }

    @Benchmark
    @Group("separate")
    @GroupThreads(1)
    public void separateWriteSecond(OwnCounter counter) {
        counter.value++;
    }
}
