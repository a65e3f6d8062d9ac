package l00_testkit_fixtures;

/** A stop flag every reader sees promptly: a volatile write happens-before every later read of it. */
public class VolatileFlag {

    private volatile boolean stopped;

    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }
}
