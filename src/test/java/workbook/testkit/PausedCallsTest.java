package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves that {@link PausedCalls} holds only the armed thread, at its next call with arguments, and loses no call. */
@DisplayName("PausedCalls")
class PausedCallsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** A queue behind a lock, as the code under test keeps its parts: only the queue field is an interface to proxy. */
    static final class Mailbox {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final Lock lock = new ReentrantLock();
        private final ArrayDeque<String> log = new ArrayDeque<>();
        private static final List<String> SHARED = List.of();

        void send(String message) {
            lock.lock();
            try {
                queue.add(message);
            } finally {
                lock.unlock();
            }
        }

        List<String> drain() {
            var all = new ArrayList<String>();
            queue.drainTo(all);
            return all;
        }
    }

    @Test
    @DisplayName("only an instance field of an interface type that is not a lock is replaced")
    void replacesOnlyInterfaceFields() {
        var mailbox = new Mailbox();
        var lock = mailbox.lock;
        var calls = PausedCalls.in(mailbox);
        assertThat(calls.fields()).isEqualTo(1);
        assertThat(mailbox.lock).isSameAs(lock);
        assertThat(mailbox.log).isInstanceOf(ArrayDeque.class);
        assertThat(Mailbox.SHARED).isEmpty();
    }

    @Test
    @DisplayName("the armed thread stops before its call, holding its lock; others pass; nothing is lost")
    void holdsTheArmedThreadBeforeItsCall() throws InterruptedException {
        var mailbox = new Mailbox();
        var calls = PausedCalls.in(mailbox);
        var pause = calls.before();
        var sender = BlockingCall.run("sender", () -> {
            pause.armThisThread();
            mailbox.send("first");
        });
        assertThat(ThreadWatch.pollUntil(DEADLINE, pause::reached)).as("the armed thread reached its pause").isTrue();
        assertThat(mailbox.drain()).as("nothing was added before the armed call").isEmpty();
        var other = BlockingCall.run("other", () -> mailbox.send("second"));
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.staysWaitingIn(other.thread(), Mailbox.class,
                Duration.ofMillis(50)))).as("another sender waits for the lock the held thread keeps").isTrue();
        pause.release();
        sender.awaitResult(DEADLINE, "the released sender did not finish");
        other.awaitResult(DEADLINE, "the other sender did not finish");
        assertThat(mailbox.drain()).containsExactly("first", "second");
    }

    @Test
    @DisplayName("a pause after the call lets the call through first, and stops only the next call with arguments")
    void holdsTheArmedThreadAfterItsCall() throws InterruptedException {
        var mailbox = new Mailbox();
        var calls = PausedCalls.in(mailbox);
        var pause = calls.after();
        var sender = BlockingCall.run("sender", () -> {
            pause.armThisThread();
            mailbox.queue.isEmpty();
            mailbox.send("first");
            mailbox.send("second");
        });
        assertThat(ThreadWatch.pollUntil(DEADLINE, pause::reached)).as("the armed thread reached its pause").isTrue();
        assertThat(mailbox.queue).as("the call before the pause went through; the next one waits").containsExactly("first");
        pause.release();
        sender.awaitResult(DEADLINE, "the released sender did not finish");
        assertThat(mailbox.drain()).containsExactly("first", "second");
    }
}
