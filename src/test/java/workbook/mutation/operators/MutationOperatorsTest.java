package workbook.mutation.operators;

import workbook.mutation.Mutant;
import workbook.mutation.MutantGenerator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each operator makes its mutant on a small class, with the id the equivalent-mutant lists rely on;
 * ids survive an unrelated edit; a mutant identical to the original is dropped.
 */
class MutationOperatorsTest {

    private static final String BOX = """
            import java.util.concurrent.*;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.concurrent.locks.ReentrantLock;

            class Box {
                private volatile boolean running;
                private static int made;
                private final Object guard = new Object();
                private final ReentrantLock lock = new ReentrantLock();
                private final Semaphore permits = new Semaphore(2, true);
                private final AtomicInteger count = new AtomicInteger();
                private final ConcurrentHashMap<String, Integer> totals = new ConcurrentHashMap<>();
                private int value;

                synchronized void put() throws InterruptedException {
                    while (value == 0) {
                        wait();
                    }
                    value++;
                    notifyAll();
                }

                void locked() {
                    int before = value;
                    lock.lock();
                    try {
                        value++;
                        value--;
                    } finally {
                        lock.unlock();
                    }
                    int after = value;
                }

                void block() {
                    synchronized (guard) {
                        value = 1;
                        value = 2;
                    }
                }

                void nested() {
                    synchronized (guard) {
                        synchronized (lock) {
                            value++;
                        }
                    }
                }

                void timed(Thread t) throws InterruptedException {
                    t.join(100);
                    permits.tryAcquire(50, TimeUnit.MILLISECONDS);
                    permits.acquire(2);
                }

                int next() {
                    totals.merge("all", 1, Integer::sum);
                    return count.incrementAndGet();
                }
            }
            """;

    private static Map<String, Mutant> mutants(MutationOperator operator, String source) {
        return new MutantGenerator(List.of(operator)).generate("solution", "Box.java", source).mutants().stream()
                .collect(Collectors.toMap(Mutant::id, Function.identity()));
    }

    /** The mutant's method body on one line, so that an assertion reads as the code it expects. */
    private static String body(Mutant mutant, String method) {
        return StaticJavaParser.parse(mutant.source()).findFirst(MethodDeclaration.class, m -> m.getNameAsString().equals(method))
                .orElseThrow().toString().replaceAll("\\s+", " ");
    }

    private static Mutant only(MutationOperator operator, String id) {
        var all = mutants(operator, BOX);
        assertThat(all).as("mutants of %s", operator.code()).containsKey(id);
        return all.get(id);
    }

    @Test
    @DisplayName("modifiers: RSK, ASK, RVK, RSTK, ASTK")
    void modifiers() {
        assertThat(body(only(ModifierOperators.RSK, "solution/RSK/Box.put#1"), "put")).startsWith("void put()");
        assertThat(body(only(ModifierOperators.ASK, "solution/ASK/Box.block#1"), "block")).startsWith("synchronized void block()");
        assertThat(only(ModifierOperators.RVK, "solution/RVK/Box.running").source()).contains("    private boolean running;");
        assertThat(only(ModifierOperators.RSTK, "solution/RSTK/Box.made").source()).contains("    private int made;");
        assertThat(only(ModifierOperators.ASTK, "solution/ASTK/Box.value").source()).contains("    private static int value;");
        assertThat(mutants(ModifierOperators.ASTK, BOX)).as("a final field set by the constructor cannot be static").hasSize(7);
    }

    @Test
    @DisplayName("calls: RCXC, RNA, RJS, ELPA")
    void calls() {
        assertThat(body(only(CallOperators.RCXC, "solution/RCXC/Box.put#1"), "put")).doesNotContain("wait()");
        assertThat(body(only(CallOperators.RCXC, "solution/RCXC/Box.locked#2"), "locked")).contains("finally { }");
        assertThat(body(only(CallOperators.RNA, "solution/RNA/Box.put#1"), "put")).contains("notify();").doesNotContain("notifyAll");
        assertThat(body(only(CallOperators.RJS, "solution/RJS/Box.timed#1"), "timed")).contains("Thread.sleep(100);");
        assertThat(body(only(CallOperators.ELPA, "solution/ELPA/Box.locked#1"), "locked")).contains("lock.tryLock();");
    }

    @Test
    @DisplayName("wait loop and finally: WIF, RFU")
    void waitLoopAndFinally() {
        assertThat(body(only(WaitLoopOperator.WIF, "solution/WIF/Box.put#1"), "put")).contains("if (value == 0) { wait(); }");
        assertThat(body(only(FinallyOperator.RFU, "solution/RFU/Box.locked#1"), "locked"))
                .contains("lock.lock(); { value++; value--; lock.unlock(); }").doesNotContain("finally");
    }

    @Test
    @DisplayName("arguments: MXT, MXC, MSF")
    void arguments() {
        assertThat(body(only(ArgumentOperators.MXT, "solution/MXT/Box.timed#1.zero"), "timed")).contains("t.join(0);");
        assertThat(body(only(ArgumentOperators.MXT, "solution/MXT/Box.timed#1.half"), "timed")).contains("t.join(50);");
        assertThat(body(only(ArgumentOperators.MXT, "solution/MXT/Box.timed#2.zero"), "timed")).contains("tryAcquire(0, TimeUnit.MILLISECONDS)");
        assertThat(only(ArgumentOperators.MXC, "solution/MXC/Box.permits#1.plus").source()).contains("new Semaphore(3, true)");
        assertThat(body(only(ArgumentOperators.MXC, "solution/MXC/Box.timed#1.minus"), "timed")).contains("permits.acquire(1);");
        assertThat(only(ArgumentOperators.MSF, "solution/MSF/Box.permits#1").source()).contains("new Semaphore(2, false)");
        assertThat(only(ArgumentOperators.MSF, "solution/MSF/Box.lock#1").source()).contains("new ReentrantLock(true)");
    }

    @Test
    @DisplayName("lock objects: RSB, ESP, EELO")
    void lockObjects() {
        assertThat(body(only(LockObjectOperators.RSB, "solution/RSB/Box.block#1"), "block")).isEqualTo("void block() { { value = 1; value = 2; } }");
        assertThat(body(only(LockObjectOperators.ESP, "solution/ESP/Box.block#1.this"), "block")).contains("synchronized (this)");
        assertThat(body(only(LockObjectOperators.ESP, "solution/ESP/Box.block#1.lock"), "block")).contains("synchronized (lock)");
        assertThat(body(only(LockObjectOperators.ESP, "solution/ESP/Box.block#1.new"), "block")).contains("synchronized (new Object())");
        assertThat(body(only(LockObjectOperators.EELO, "solution/EELO/Box.nested#1"), "nested"))
                .contains("synchronized (lock) { synchronized (guard) { value++; } }");
    }

    @Test
    @DisplayName("critical regions: SKCR, EXCR, SHCR, SPCR, on a lock() ... finally and on a synchronized block")
    void criticalRegions() {
        assertThat(body(only(CriticalRegionOperators.SKCR, "solution/SKCR/Box.locked#1.first"), "locked"))
                .contains("int before = value; value++; lock.lock(); try { value--; } finally");
        assertThat(body(only(CriticalRegionOperators.SKCR, "solution/SKCR/Box.block#1.last"), "block"))
                .contains("synchronized (guard) { value = 1; } value = 2;");
        assertThat(body(only(CriticalRegionOperators.EXCR, "solution/EXCR/Box.locked#1.before"), "locked"))
                .contains("lock.lock(); try { int before = value; value++; value--; }");
        assertThat(body(only(CriticalRegionOperators.EXCR, "solution/EXCR/Box.locked#1.after"), "locked"))
                .contains("try { value++; value--; int after = value; }");
        assertThat(body(only(CriticalRegionOperators.SHCR, "solution/SHCR/Box.locked#1.up"), "locked"))
                .contains("lock.lock(); try { int before = value; value++; } finally { lock.unlock(); } value--;");
        assertThat(body(only(CriticalRegionOperators.SPCR, "solution/SPCR/Box.locked#1.after1"), "locked"))
                .contains("try { value++; } finally { lock.unlock(); } lock.lock(); try { value--; } finally { lock.unlock(); }");
        assertThat(body(only(CriticalRegionOperators.SPCR, "solution/SPCR/Box.block#1.after1"), "block"))
                .contains("synchronized (guard) { value = 1; } synchronized (guard) { value = 2; }");
    }

    @Test
    @DisplayName("atomicity: EAN on an atomic counter and on a concurrent map")
    void atomicity() {
        var all = mutants(AtomicityOperator.EAN, BOX);
        assertThat(body(all.get("solution/EAN/Box.next#2"), "next")).contains("return (count.getAndSet(count.get() + 1) + 1);");
        assertThat(body(all.get("solution/EAN/Box.next#1"), "next"))
                .contains("totals.put(\"all\", totals.get(\"all\") == null ? 1 : Integer.sum(totals.get(\"all\"), 1));");
    }

    @Test
    @DisplayName("a mutant differs from the original only where the operator changed it")
    void layoutKept() {
        var mutant = only(ModifierOperators.RVK, "solution/RVK/Box.running");
        assertThat(mutant.diff()).isEqualTo("   6 -     private volatile boolean running;\n   6 +     private boolean running;");
        assertThat(mutant.line()).isEqualTo(6);
    }

    @Test
    @DisplayName("ids survive an edit elsewhere in the file")
    void idsAreStable() {
        var edited = BOX.replace("class Box {", """
                class Box {
                    // a new helper, with its own concurrency calls, above everything else
                    private final Object other = new Object();

                    void helper() throws InterruptedException {
                        synchronized (other) {
                            other.wait(10);
                            other.notifyAll();
                        }
                    }
                """);
        var before = new MutantGenerator(Operators.all()).generate("solution", "Box.java", BOX).mutants();
        var after = new MutantGenerator(Operators.all()).generate("solution", "Box.java", edited).mutants().stream()
                .collect(Collectors.toMap(Mutant::id, Mutant::description));
        assertThat(before).hasSizeGreaterThan(40);
        for (var mutant : before) {
            if (!mutant.operator().equals("ESP")) { // a new field is a new lock to switch to; the old ids stay
                assertThat(after).as("the id %s after an unrelated edit", mutant.id()).containsEntry(mutant.id(), mutant.description());
            }
        }
    }

    @Test
    @DisplayName("a mutant that is the same code as the original, or as another mutant, is dropped and counted")
    void duplicatesDropped() {
        var nothing = new Operator("NOP", "changes nothing", unit -> List.of(new Mutation(unit, "nothing", () -> {})));
        var generated = new MutantGenerator(List.of(nothing, ModifierOperators.RVK, ModifierOperators.RVK)).generate("solution", "Box.java", BOX);
        assertThat(generated.mutants()).extracting(Mutant::id).containsExactly("solution/RVK/Box.running");
        assertThat(generated.duplicates()).isEqualTo(2);
    }
}
