package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChildJvm")
class ChildJvmTest {

    /** Prints its arguments and exits with code 3. */
    public static final class Greeter {
        public static void main(String[] args) {
            System.out.println("hello " + String.join(" ", args));
            System.err.println("to stderr");
            System.exit(3);
        }
    }

    /** Returns from main, but a non-daemon thread keeps the JVM alive. */
    public static final class KeptAlive {
        public static void main(String[] args) {
            Thread.ofPlatform().daemon(false).start(() -> {
                while (true) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            System.out.println("main returns");
        }
    }

    /** Returns from main while a daemon thread still runs: the JVM exits anyway. */
    public static final class DaemonOnly {
        public static void main(String[] args) {
            Thread.ofPlatform().daemon(true).start(() -> {
                while (true) {
                    Thread.onSpinWait();
                }
            });
            System.out.println("main returns");
        }
    }

    @Test
    @DisplayName("hands out the command line that starts a main class in a JVM like this one")
    void commandStartsTheMainClass() throws Exception {
        var process = new ProcessBuilder(ChildJvm.command(List.of("-Xshare:auto"), Greeter.class, "by", "hand"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(output).contains("hello by hand").contains("to stderr");
    }

    @Test
    @DisplayName("runs a main class in a child JVM and hands back its exit code and output")
    void runsAMainClass() {
        var result = ChildJvm.run(Greeter.class, Duration.ofSeconds(20), "from", "the", "parent");
        assertThat(result.exitedByItself()).as(result.describe()).isTrue();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).contains("hello from the parent");
        assertThat(result.stderr()).contains("to stderr");
    }

    @Test
    @DisplayName("kills a child that is still running at the deadline, and says so")
    void killsAChildAtTheDeadline() {
        var result = ChildJvm.run(KeptAlive.class, Duration.ofSeconds(3));
        assertThat(result.killedAtDeadline()).as(result.describe()).isTrue();
        assertThat(result.stdout()).contains("main returns");
        assertThat(result.describe()).contains("was still running at the deadline and was killed");
    }

    @Test
    @DisplayName("sees a JVM exit while only a daemon thread is left")
    void seesADaemonDieWithTheJvm() {
        var result = ChildJvm.run(DaemonOnly.class, Duration.ofSeconds(20));
        assertThat(result.exitedByItself()).as(result.describe()).isTrue();
        assertThat(result.exitCode()).isZero();
    }
}
