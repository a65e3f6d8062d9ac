package l00_testkit_fixtures;

/** Wrong: a stop flag that is neither volatile nor guarded, so a compiled reader may never see it set. */
public class PlainFlag {

    private boolean stopped;

    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }
}
