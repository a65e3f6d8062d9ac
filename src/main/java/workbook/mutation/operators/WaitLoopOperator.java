package workbook.mutation.operators;

import java.util.Set;

import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

/**
 * WIF: the {@code while} loop around a {@code wait()} or {@code await()} becomes an {@code if}, so a
 * thread that wakes up goes on without checking its condition again. Wake-ups come without a
 * notify (spurious), or after another thread already took what the notify was for; the workbook
 * teaches the loop for both reasons.
 */
final class WaitLoopOperator {

    private WaitLoopOperator() {}

    private static final Set<String> WAITS = Set.of("wait", "await", "awaitNanos", "awaitUntil");

    static final MutationOperator WIF = new Operator("WIF", "while -> if around a wait()/await()",
            unit -> unit.findAll(WhileStmt.class, loop -> !Sites.calls(loop.getBody(), WAITS).isEmpty()).stream()
                    .map(loop -> new Mutation(loop, "while (" + loop.getCondition() + ") -> if, around a wait",
                            () -> loop.replace(new IfStmt(loop.getCondition().clone(), loop.getBody().clone(), null))))
                    .toList());

}
