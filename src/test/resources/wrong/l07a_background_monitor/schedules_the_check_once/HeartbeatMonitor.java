package l07a_background_monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wrong: schedule() runs the check once, after the delay, and never again. */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    public void start() {
        var daemons = Thread.ofPlatform().name("heartbeat-monitor").daemon().factory();
        Executors.newSingleThreadScheduledExecutor(daemons).schedule(check, interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
