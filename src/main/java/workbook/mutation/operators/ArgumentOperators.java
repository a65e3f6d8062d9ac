package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Operators on the numbers and flags given to concurrency calls and constructors: a timeout
 * (MXT: to zero, and halved), a count of permits, of a latch or of a queue's capacity (MXC: one
 * more, one less), and the fairness of a semaphore or a lock (MSF: fair becomes unfair and back).
 *
 * <p>A timeout of zero is the edge case students miss most ({@code join(0)} and {@code wait(0)}
 * wait for ever, {@code tryLock(0, unit)} does not wait at all); a halved timeout finds tests that
 * never measure how long a call waited. A timeout is the argument just before a {@code TimeUnit},
 * or the only argument of {@code wait}, {@code join}, {@code sleep} and {@code awaitNanos}; it is a
 * {@code Duration} when it is written as one or declared as one.
 */
final class ArgumentOperators {

    private ArgumentOperators() {}

    private static final Set<String> TIMED_CALLS = Set.of("wait", "join", "sleep", "await", "awaitNanos", "tryLock", "tryAcquire",
            "poll", "offer", "get", "awaitTermination");
    private static final Set<String> SINGLE_TIMEOUT = Set.of("wait", "join", "sleep", "awaitNanos");
    private static final Set<String> TIME_UNITS = Set.of("NANOSECONDS", "MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS", "DAYS");
    private static final Set<String> DURATION_MAKERS = Set.of("ofNanos", "ofMillis", "ofSeconds", "ofMinutes", "ofHours", "ofDays", "of",
            "between", "minus", "minusMillis", "minusNanos", "minusSeconds", "plus", "plusMillis", "plusNanos", "plusSeconds",
            "dividedBy", "multipliedBy", "abs", "negated");

    static final MutationOperator MXT = new Operator("MXT", "modify a timeout: to zero, and halved",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var call : Sites.calls(unit, TIMED_CALLS)) {
                    int position = timeoutPosition(call);
                    if (position < 0) {
                        continue;
                    }
                    var timeout = call.getArgument(position);
                    boolean duration = isDuration(timeout);
                    var zero = duration ? StaticJavaParser.parseExpression("java.time.Duration.ZERO") : StaticJavaParser.parseExpression("0");
                    var half = duration ? StaticJavaParser.parseExpression(Sites.grouped(timeout) + ".dividedBy(2)") : Sites.half(timeout);
                    if (!timeout.toString().equals("0") && !timeout.toString().endsWith("Duration.ZERO")) {
                        mutations.add(new Mutation(call, "zero", "timeout " + timeout + " -> " + zero + " in " + call.getNameAsString() + "()",
                                () -> call.setArgument(position, zero)));
                    }
                    mutations.add(new Mutation(call, "half", "timeout " + timeout + " -> " + half + " in " + call.getNameAsString() + "()",
                            () -> call.setArgument(position, half)));
                }
                return mutations;
            });

    private static int timeoutPosition(MethodCallExpr call) {
        var arguments = call.getArguments();
        if (arguments.size() >= 2 && isTimeUnit(arguments.get(arguments.size() - 1))) {
            return arguments.size() - 2;
        }
        if (arguments.size() == 1 && SINGLE_TIMEOUT.contains(call.getNameAsString()) && !Sites.scope(call).equals("String")) {
            return 0;
        }
        return -1;
    }

    private static boolean isTimeUnit(Expression expression) {
        if (expression instanceof FieldAccessExpr access) {
            return TIME_UNITS.contains(access.getNameAsString());
        }
        if (expression instanceof NameExpr name) {
            return TIME_UNITS.contains(name.getNameAsString())
                    || Sites.declaredType(name).filter(type -> type.endsWith("TimeUnit")).isPresent();
        }
        return false;
    }

    private static boolean isDuration(Expression expression) {
        if (expression instanceof NameExpr name) {
            return Sites.declaredType(name).filter(type -> type.endsWith("Duration")).isPresent();
        }
        if (expression instanceof MethodCallExpr call) {
            return Sites.scope(call).endsWith("Duration") || DURATION_MAKERS.contains(call.getNameAsString());
        }
        return expression instanceof FieldAccessExpr access && access.getScope().toString().endsWith("Duration");
    }

    private static final Set<String> COUNTED_TYPES = Set.of("Semaphore", "CountDownLatch", "CyclicBarrier", "ArrayBlockingQueue",
            "LinkedBlockingQueue", "LinkedBlockingDeque");
    private static final Set<String> PERMIT_CALLS = Set.of("acquire", "acquireUninterruptibly", "release", "tryAcquire");

    static final MutationOperator MXC = new Operator("MXC", "permit, latch or capacity count +1 and -1",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var creation : unit.findAll(ObjectCreationExpr.class, c -> COUNTED_TYPES.contains(c.getType().getNameAsString()))) {
                    if (!creation.getArguments().isEmpty()) {
                        addCounts(mutations, creation, creation.getArguments(), "new " + creation.getType().getNameAsString());
                    }
                }
                for (var call : Sites.calls(unit, PERMIT_CALLS)) {
                    int size = call.getArguments().size();
                    if (size == 1 || (size == 3 && call.getNameAsString().equals("tryAcquire"))) {
                        addCounts(mutations, call, call.getArguments(), call.getNameAsString());
                    }
                }
                return mutations;
            });

    private static void addCounts(List<Mutation> mutations, Node site, NodeList<Expression> arguments, String what) {
        var count = arguments.get(0);
        for (int delta : new int[] {1, -1}) {
            var changed = Sites.plus(count, delta);
            mutations.add(new Mutation(site, delta > 0 ? "plus" : "minus", "count " + count + " -> " + changed + " in " + what + "(...)",
                    () -> arguments.set(0, changed)));
        }
    }

    private static final Set<String> FAIR_TYPES = Set.of("Semaphore", "ReentrantLock", "ReentrantReadWriteLock");

    static final MutationOperator MSF = new Operator("MSF", "fairness true <-> false for a Semaphore, ReentrantLock or ReentrantReadWriteLock",
            unit -> unit.findAll(ObjectCreationExpr.class, c -> FAIR_TYPES.contains(c.getType().getNameAsString())).stream()
                    .map(creation -> {
                        var arguments = creation.getArguments();
                        int fairAt = creation.getType().getNameAsString().equals("Semaphore") ? 1 : 0;
                        if (arguments.size() > fairAt) {
                            var fair = arguments.get(fairAt);
                            var flipped = fair instanceof BooleanLiteralExpr literal ? new BooleanLiteralExpr(!literal.getValue())
                                    : new UnaryExpr(StaticJavaParser.parseExpression(Sites.grouped(fair)), UnaryExpr.Operator.LOGICAL_COMPLEMENT);
                            return new Mutation(creation, "fairness " + fair + " -> " + flipped + " in " + creation,
                                    () -> arguments.set(fairAt, flipped));
                        }
                        return new Mutation(creation, "fair " + creation, () -> arguments.add(new BooleanLiteralExpr(true)));
                    })
                    .toList());

}
