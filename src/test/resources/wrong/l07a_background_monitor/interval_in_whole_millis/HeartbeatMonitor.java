package l07a_background_monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wrong: toMillis() of an interval under 1 ms is 0, and a scheduler refuses a period of 0 with IllegalArgumentException. */
public class HeartbeatMonitor {

    private final Duration interval;
    private final Runnable check;

    public HeartbeatMonitor(Duration interval, Runnable check) {
        this.interval = interval;
        this.check = check;
    }

    public void start() {
        var daemons = Thread.ofPlatform().name("heartbeat-monitor").daemon().factory();
        Executors.newSingleThreadScheduledExecutor(daemons)
                .scheduleAtFixedRate(check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
