package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.report.FailureMessages;

@DisplayName("failure messages")
class FailureMessagesTest {

    @Test
    @DisplayName("AssertJ's line counts, java.util.prefs logging, ISO durations and text-block spaces are taken out")
    void libraryNoiseIsRemoved() {
        var noisy = """
                poll() waited PT2S, then PT0.5S more, and its deadline was PT0.0005S.
                Dec 01, 2026 4:00:00 PM java.util.prefs.FileSystemPreferences$1 run
                INFO: Created user preferences directory.
                The buffer was full      the whole time.
                    at l06b_timed_buffer.TimedBuffer.poll(TimedBuffer.java:30)
                (12 remaining lines not displayed - this can be changed with Assertions.setMaxStackTraceElementsDisplayed)
                """;
        assertThat(FailureMessages.clean(noisy)).isEqualTo("""
                poll() waited 2 s, then 500 ms more, and its deadline was 500 µs.
                The buffer was full the whole time.
                    at l06b_timed_buffer.TimedBuffer.poll(TimedBuffer.java:30)""");
    }

    @Test
    @DisplayName("AssertJ's bare \"Expecting value to be true\" gives way to the test's own description")
    void descriptionReplacesBareTrue() {
        var error = new AssertionError("[the writer thread is a daemon] \nExpecting value to be true but was false");
        assertThat(FailureMessages.explain(error)).isEqualTo("the writer thread is a daemon");
        var listed = new AssertionError("[names of the threads] \nExpecting actual:\n  [\"Thread-0\"]");
        assertThat(FailureMessages.explain(listed)).isEqualTo("names of the threads:\nExpecting actual:\n  [\"Thread-0\"]");
    }

    @Test
    @DisplayName("an exception shows every frame of the student's code, however deep in the JDK, and no test or JUnit frame")
    void exceptionShowsTheStudentsFrames() {
        var thrown = new java.util.ConcurrentModificationException();
        thrown.setStackTrace(new StackTraceElement[] {
                frame("java.base", "java.util.HashMap$HashIterator", "nextNode", "HashMap.java", 1605),
                frame("java.base", "java.util.HashMap$EntryIterator", "next", "HashMap.java", 1638),
                frame("java.base", "java.util.HashMap", "putMapEntries", "HashMap.java", 511),
                frame("java.base", "java.util.HashMap", "<init>", "HashMap.java", 487),
                frame(null, "l03a_snapshot_cache.SnapshotCache", "copy", "SnapshotCache.java", 40),
                frame(null, "l03a_snapshot_cache.SnapshotCache$$Lambda/0x000001", "get", null, -1),
                frame(null, "l03a_snapshot_cache.SnapshotCache", "snapshot", "SnapshotCache.java", 31),
                frame(null, "l03a_snapshot_cache.SnapshotCacheTest", "readers", "SnapshotCacheTest.java", 77),
                frame(null, "org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", "ReflectionUtils.java", 767),
                frame("java.base", "java.lang.Thread", "run", "Thread.java", 1583)});
        assertThat(FailureMessages.explain(thrown)).isEqualTo("""
                java.util.ConcurrentModificationException
                    at java.util.HashMap$HashIterator.nextNode(HashMap.java:1605)
                    ... 2 frames in the JDK
                    at java.util.HashMap.<init>(HashMap.java:487)
                    at l03a_snapshot_cache.SnapshotCache.copy(SnapshotCache.java:40)
                    at l03a_snapshot_cache.SnapshotCache.snapshot(SnapshotCache.java:31)
                    ... 3 more frames (the callers)""");
    }

    private static StackTraceElement frame(String module, String className, String method, String file, int line) {
        return new StackTraceElement(null, module, module == null ? null : "25.0.3", className, method, file, line);
    }
}
