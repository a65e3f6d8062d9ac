package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.preemption.Preemption;

@DisplayName("JdkThreads")
class JdkThreadsTest {

    @Test
    @DisplayName("counts JUnit's timeout threads, common-pool workers and virtual-thread carriers as the JDK's own")
    void jdkOwnThreads() throws Exception {
        assertThat(JdkThreads.isJdkOwn(Thread.ofPlatform().name("junit-timeout-thread-1").unstarted(() -> {}))).isTrue();
        assertThat(JdkThreads.isJdkOwn(Thread.ofPlatform().name("ForkJoinPool.commonPool-worker-3").unstarted(() -> {}))).isTrue();
        assertThat(JdkThreads.isJdkOwn(Thread.ofPlatform().name("producer-1").unstarted(() -> {}))).isFalse();
        assertThat(JdkThreads.isJdkOwn(Thread.ofPlatform().name("Attach Listener").daemon().unstarted(() -> {})))
                .as("an answer's daemon named as the JVM's attach thread").isFalse();
        Preemption.instrument().close();
        assertThat(Thread.getAllStackTraces().keySet()).as("the JVM's threads once an agent attached")
                .filteredOn(thread -> thread.getName().equals("Attach Listener"))
                .isNotEmpty()
                .allMatch(JdkThreads::isJdkOwn);
        var carrier = new CompletableFuture<Thread>();
        Thread.ofVirtual().start(() -> carrier.complete(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getClass().getName().equals("jdk.internal.misc.CarrierThread")).findFirst().orElse(null))).join();
        assertThat(carrier.get(10, TimeUnit.SECONDS)).as("a carrier of virtual threads").isNotNull()
                .matches(JdkThreads::isJdkOwn, "is the JDK's own");
    }
}
