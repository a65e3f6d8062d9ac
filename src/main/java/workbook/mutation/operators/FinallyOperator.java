package workbook.mutation.operators;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.VarType;

/**
 * RFU: the {@code finally} around an unlock or a release goes, and its statements move to the end
 * of the {@code try} body, so the lock stays held (or the permit stays taken) whenever the body
 * ends by an exception.
 *
 * <p>Where the body ends with {@code return value;}, the value is kept in a local first and the
 * moved statements run before the {@code return}; where it ends with {@code throw}, they run before
 * it: otherwise they would be unreachable and the mutant would not compile, while a student's
 * version of the same mistake does. A {@code try} left with neither {@code catch} nor
 * {@code finally} gives way to its body.
 */
final class FinallyOperator {

    private FinallyOperator() {}

    static final MutationOperator RFU = new Operator("RFU", "remove the finally around an unlock/release (its statements end the try body)",
            unit -> unit.findAll(TryStmt.class, FinallyOperator::releasesInFinally).stream()
                    .map(attempt -> new Mutation(attempt, "the finally { " + attempt.getFinallyBlock().orElseThrow().getStatements().get(0)
                            + " ... } becomes the end of the try body", () -> unwrap(attempt)))
                    .toList());

    private static boolean releasesInFinally(TryStmt attempt) {
        return attempt.getFinallyBlock().stream().flatMap(block -> block.findAll(MethodCallExpr.class).stream())
                .anyMatch(call -> call.getNameAsString().startsWith("unlock") || call.getNameAsString().startsWith("release"));
    }

    private static void unwrap(TryStmt attempt) {
        var body = attempt.getTryBlock().getStatements();
        var released = attempt.getFinallyBlock().orElseThrow().getStatements().stream().map(Statement::clone).toList();
        var last = body.isEmpty() ? null : body.get(body.size() - 1);
        if (last instanceof ReturnStmt returned && returned.getExpression().isPresent()) {
            var value = new VariableDeclarationExpr(new VarType(), "returned");
            value.getVariable(0).setInitializer(returned.getExpression().get().clone());
            body.remove(body.size() - 1);
            body.add(new ExpressionStmt(value));
            body.addAll(released);
            body.add(new ReturnStmt(new NameExpr("returned")));
        } else if (last instanceof ReturnStmt || last instanceof ThrowStmt) {
            body.remove(body.size() - 1);
            body.addAll(released);
            body.add(last);
        } else {
            body.addAll(released);
        }
        attempt.removeFinallyBlock();
        if (attempt.getCatchClauses().isEmpty() && attempt.getResources().isEmpty()) {
            attempt.replace(new BlockStmt(new NodeList<>(body)));
        }
    }

}
