package l07a_background_monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Right, with a scheduler: its one thread comes from a factory that makes daemons, so the
 * scheduler, never shut down, does not keep the JVM alive. The delay between checks is given in
 * nanoseconds, so an interval under a millisecond is kept as it is (toMillis() would make it 0).
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
        var daemons = Thread.ofPlatform().name("heartbeat-monitor").daemon().factory();
        Executors.newSingleThreadScheduledExecutor(daemons)
                .scheduleWithFixedDelay(check, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
