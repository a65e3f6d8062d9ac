package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;

/**
 * EAN: an atomic read-modify-write becomes a read, then a write, with room for another thread in
 * between (a lost update). On an atomic variable, {@code incrementAndGet()} and its kin become
 * {@code x.set(x.get() + 1)} (or, where the result is used, {@code x.getAndSet(x.get() + 1)} plus
 * the change), and {@code compareAndSet(a, b)} becomes "if {@code x.get() == a}, set b". On a
 * concurrent map, {@code merge}, {@code compute} and {@code putIfAbsent} standing alone as a
 * statement become a {@code get} then a {@code put}; a {@code merge} or {@code compute} function
 * is applied in line when it is a method reference {@code Type::method} or a lambda with an
 * expression body.
 */
final class AtomicityOperator {

    private AtomicityOperator() {}

    /** The atomic steps by one, each with the change it makes. */
    private static final Map<String, String> STEPS = Map.of("incrementAndGet", "+ 1", "getAndIncrement", "+ 1",
            "decrementAndGet", "- 1", "getAndDecrement", "- 1");
    private static final Set<String> RETURN_NEW = Set.of("incrementAndGet", "decrementAndGet", "addAndGet");
    private static final Set<String> ATOMIC_CALLS = Set.of("incrementAndGet", "getAndIncrement", "decrementAndGet", "getAndDecrement",
            "addAndGet", "getAndAdd", "compareAndSet", "merge", "compute", "putIfAbsent");

    static final MutationOperator EAN = new Operator("EAN", "atomic call -> non-atomic read then write",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var call : Sites.calls(unit, ATOMIC_CALLS)) {
                    if (call.getScope().isEmpty()) {
                        continue;
                    }
                    var replacement = nonAtomic(call);
                    if (replacement != null) {
                        mutations.add(new Mutation(call, call + " -> " + replacement, () -> {
                            if (replacement.startsWith("if ")) {
                                Sites.asStatement(call).orElseThrow().replace(StaticJavaParser.parseStatement(replacement));
                            } else {
                                call.replace(StaticJavaParser.parseExpression(replacement));
                            }
                        }));
                    }
                }
                return mutations;
            });

    /** The non-atomic code for the call, or null when there is none this operator can write. */
    private static String nonAtomic(MethodCallExpr call) {
        var x = Sites.grouped(call.getScope().orElseThrow());
        var name = call.getNameAsString();
        var arguments = call.getArguments();
        boolean alone = Sites.asStatement(call).isPresent();
        String change = STEPS.containsKey(name) && arguments.isEmpty() ? STEPS.get(name)
                : (name.equals("addAndGet") || name.equals("getAndAdd")) && arguments.size() == 1 ? "+ " + Sites.grouped(arguments.get(0)) : null;
        if (change != null) {
            if (alone) {
                return x + ".set(" + x + ".get() " + change + ")";
            }
            return RETURN_NEW.contains(name) ? "(" + x + ".getAndSet(" + x + ".get() " + change + ") " + change + ")"
                    : x + ".getAndSet(" + x + ".get() " + change + ")";
        }
        if (name.equals("compareAndSet") && arguments.size() == 2) {
            var expected = Sites.grouped(arguments.get(0));
            var update = arguments.get(1);
            return alone ? "if (" + x + ".get() == " + expected + ") " + x + ".set(" + update + ");"
                    : "(" + x + ".get() == " + expected + " && (java.util.Objects.isNull(" + x + ".getAndSet(" + update + ")) || true))";
        }
        if (!alone) {
            return null;
        }
        if (name.equals("putIfAbsent") && arguments.size() == 2) {
            return "if (!" + x + ".containsKey(" + arguments.get(0) + ")) " + x + ".put(" + arguments.get(0) + ", " + arguments.get(1) + ");";
        }
        if (name.equals("merge") && arguments.size() == 3) {
            var key = arguments.get(0).toString();
            var old = x + ".get(" + key + ")";
            var applied = applied(arguments.get(2), old, arguments.get(1).toString());
            return applied == null ? null : x + ".put(" + key + ", " + old + " == null ? " + arguments.get(1) + " : " + applied + ")";
        }
        if (name.equals("compute") && arguments.size() == 2) {
            var key = arguments.get(0).toString();
            var applied = applied(arguments.get(1), key, x + ".get(" + key + ")");
            return applied == null ? null : x + ".put(" + key + ", " + applied + ")";
        }
        return null;
    }

    /** {@code function(first, second)} written out, for a method reference or an expression lambda of two parameters. */
    private static String applied(Expression function, String first, String second) {
        if (function instanceof MethodReferenceExpr reference && reference.getScope().isTypeExpr()) {
            return reference.getScope() + "." + reference.getIdentifier() + "(" + first + ", " + second + ")";
        }
        if (function instanceof LambdaExpr lambda && lambda.getParameters().size() == 2 && lambda.getExpressionBody().isPresent()) {
            var body = lambda.getExpressionBody().get().clone();
            var names = List.of(lambda.getParameter(0).getNameAsString(), lambda.getParameter(1).getNameAsString());
            var values = List.of(first, second);
            for (var use : body.findAll(NameExpr.class)) {
                int which = names.indexOf(use.getNameAsString());
                if (which >= 0) {
                    use.replace(StaticJavaParser.parseExpression("(" + values.get(which) + ")"));
                }
            }
            return "(" + body + ")";
        }
        return null;
    }
}
