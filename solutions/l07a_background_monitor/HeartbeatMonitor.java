package l07a_background_monitor;

import java.time.Duration;

/**
 * Runs a check every interval on a background thread for as long as the program runs: a heartbeat,
 * a metrics sample, a look at the free disk space.
 *
 * <p>The thread is a daemon, so the JVM does not wait for it: once {@code main} and every other
 * thread that is not a daemon have ended, the JVM exits and the monitor stops wherever it is. That
 * is right for a monitor, whose work may stop at any moment without loss. The flag is set by the
 * builder before the thread starts; {@code setDaemon(true)} before {@code start()} does the same.
 * Without it the thread would inherit the flag of the thread calling {@code start()}, usually
 * {@code main}, which is not a daemon.
 */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    /** Starts the checks on a daemon thread named "heartbeat-monitor", and returns at once. */
    public void start() {
        Thread.ofPlatform().name("heartbeat-monitor").daemon().start(this::checkForever);
    }

    private void checkForever() {
        try {
            while (true) {
                check.run();
                Thread.sleep(interval);
            }
        } catch (InterruptedException e) {
            // asked to stop: a monitor has nothing to clean up
        }
    }
}
