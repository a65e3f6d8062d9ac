package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

/**
 * Operators on one call to a concurrency method: remove it (RCXC), wake one thread instead of all
 * (RNA), sleep instead of joining (RJS), and try to take a lock or a permit instead of waiting for
 * it, ignoring whether it was taken (ELPA).
 *
 * <p>RCXC removes only calls that stand alone as a statement (their result unused), so the mutant
 * still compiles. {@code close()} counts only on a receiver whose name says it is an executor or a
 * pool, since types are not resolved. RJS sleeps for the join's own timeout, or for 10 ms when the
 * join had none: a guess at how long the other thread needs, which is the mistake.
 */
final class CallOperators {

    private CallOperators() {}

    private static final Set<String> CONCURRENCY_CALLS = Set.of("wait", "notify", "notifyAll", "join", "sleep", "lock",
            "lockInterruptibly", "unlock", "acquire", "release", "signal", "signalAll", "await", "countDown", "interrupt",
            "setDaemon", "shutdown", "shutdownNow", "close");

    static final MutationOperator RCXC = new Operator("RCXC", "remove a call to a concurrency method (wait, notify, lock, unlock, acquire, ...)",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var call : Sites.calls(unit, CONCURRENCY_CALLS)) {
                    if (call.getNameAsString().equals("close") && !Sites.scope(call).toLowerCase(Locale.ROOT).matches(".*(executor|pool|service).*")) {
                        continue;
                    }
                    Sites.asStatement(call).ifPresent(statement -> mutations.add(
                            new Mutation(call, "removes the call " + call, () -> Sites.remove(statement))));
                }
                return mutations;
            });

    private static final Map<String, String> WAKE_ONE = Map.of("notifyAll", "notify", "signalAll", "signal");

    static final MutationOperator RNA = new Operator("RNA", "notifyAll() -> notify(), signalAll() -> signal()",
            unit -> Sites.calls(unit, WAKE_ONE.keySet()).stream()
                    .map(call -> new Mutation(call, call.getNameAsString() + "() -> " + WAKE_ONE.get(call.getNameAsString()) + "()",
                            () -> call.setName(WAKE_ONE.get(call.getNameAsString()))))
                    .toList());

    static final MutationOperator RJS = new Operator("RJS", "join() -> Thread.sleep() for the join's timeout (10 ms when it had none)",
            unit -> Sites.calls(unit, Set.of("join")).stream()
                    .filter(call -> call.getArguments().size() <= 1 && !Sites.scope(call).equals("String") && Sites.asStatement(call).isPresent())
                    .map(call -> {
                        Expression pause = call.getArguments().isEmpty() ? StaticJavaParser.parseExpression("10") : call.getArgument(0);
                        return new Mutation(call, call + " -> Thread.sleep(" + pause + ")", () -> call.replace(
                                new MethodCallExpr(new NameExpr("Thread"), "sleep", new NodeList<>(pause.clone()))));
                    })
                    .toList());

    private static final Map<String, String> TRY_INSTEAD = Map.of("lock", "tryLock", "lockInterruptibly", "tryLock",
            "acquire", "tryAcquire", "acquireUninterruptibly", "tryAcquire");

    static final MutationOperator ELPA = new Operator("ELPA", "lock() -> tryLock(), acquire() -> tryAcquire(), result ignored",
            unit -> Sites.calls(unit, TRY_INSTEAD.keySet()).stream()
                    .filter(call -> call.getScope().isPresent() && call.getArguments().size() <= 1 && Sites.asStatement(call).isPresent())
                    .map(call -> new Mutation(call, call + " -> " + Sites.scope(call) + "." + TRY_INSTEAD.get(call.getNameAsString())
                            + "(" + (call.getArguments().isEmpty() ? "" : call.getArgument(0)) + "), its result ignored",
                            () -> call.setName(TRY_INSTEAD.get(call.getNameAsString()))))
                    .toList());

}
