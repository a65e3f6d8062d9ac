package l07a_background_monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wrong: a scheduled executor made with the default thread factory runs the checks on a thread that is not a daemon. */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    public void start() {
        Executors.newSingleThreadScheduledExecutor()
                .scheduleWithFixedDelay(check, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
