package l12b_graceful_stop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * Wrong: submit asks "is it stopping?" in one hold of the queue's monitor and adds the job in a
 * second. A stop() that comes between them puts its end markers and drains the queue first, so the
 * job lands behind the markers: it never runs, and stop() does not report it.
 */
public final class JobService {

    private record Job(String name, Runnable work) {}

    private static final Job END = new Job("end", () -> {});

    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean stopping; // guarded by queue

    public JobService(String name, int workers) {
        for (int i = 1; i <= workers; i++) {
            var worker = new Thread(this::work, name + "-" + i);
            this.workers.add(worker);
            worker.start();
        }
    }

    public void submit(String name, Runnable work) {
        synchronized (queue) {
            if (stopping) {
                throw new RejectedExecutionException("the service is stopping");
            }
        }
        synchronized (queue) {
            queue.add(new Job(name, work));
        }
    }

    public List<String> stop(Duration limit) {
        synchronized (queue) {
            stopping = true;
            workers.forEach(worker -> queue.add(END));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            for (var worker : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        var left = new ArrayList<Job>();
        queue.drainTo(left);
        workers.forEach(worker -> queue.add(END));
        workers.forEach(Thread::interrupt);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left.stream().filter(job -> job != END).map(Job::name).toList();
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == END) {
                return;
            }
            job.work().run();
        }
    }
}
