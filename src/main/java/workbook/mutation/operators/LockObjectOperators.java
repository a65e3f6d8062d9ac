package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

/**
 * Operators on which object guards a region: remove a {@code synchronized} block and keep its body
 * (RSB), lock a different object in it (ESP: {@code this}, another field of the class, or a
 * {@code new Object()} that nobody else can lock), and exchange the lock objects of two
 * acquisitions in one method (EELO), which turns a consistent lock order into a deadlock or two
 * guards into the wrong ones.
 */
final class LockObjectOperators {

    private LockObjectOperators() {}

    static final MutationOperator RSB = new Operator("RSB", "remove a synchronized block, keeping its body",
            unit -> unit.findAll(SynchronizedStmt.class).stream()
                    .map(block -> new Mutation(block, "removes synchronized (" + block.getExpression() + ") around its body",
                            () -> block.replace(block.getBody().clone())))
                    .toList());

    static final MutationOperator ESP = new Operator("ESP", "change a synchronized block's lock: to this, to another field, to a new Object()",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var block : unit.findAll(SynchronizedStmt.class)) {
                    var guard = block.getExpression();
                    var others = new ArrayList<Expression>();
                    if (!(guard instanceof ThisExpr) && !Sites.inStaticContext(block)) {
                        others.add(new ThisExpr());
                    }
                    for (var field : referenceFields(block)) {
                        if (!field.equals(guard.toString()) && !guard.toString().equals("this." + field)) {
                            others.add(new NameExpr(field));
                        }
                    }
                    others.add(new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "Object"), new NodeList<>()));
                    for (var other : others) {
                        var variant = other instanceof ObjectCreationExpr ? "new" : other.toString();
                        mutations.add(new Mutation(block, variant, "synchronized (" + guard + ") -> synchronized (" + other + ")",
                                () -> block.setExpression(other)));
                    }
                }
                return mutations;
            });

    private static List<String> referenceFields(SynchronizedStmt block) {
        return block.findAncestor(TypeDeclaration.class).stream()
                .flatMap(type -> ((TypeDeclaration<?>) type).getFields().stream())
                .filter(field -> !field.getElementType().isPrimitiveType())
                .filter(field -> !Sites.inStaticContext(block) || field.isStatic())
                .flatMap(field -> field.getVariables().stream())
                .map(variable -> variable.getNameAsString())
                .toList();
    }

    private static final Set<String> ACQUISITIONS = Set.of("lock", "lockInterruptibly", "tryLock", "acquire", "tryAcquire",
            "readLock", "writeLock", "acquireUninterruptibly");

    static final MutationOperator EELO = new Operator("EELO", "exchange the lock objects of two acquisitions in one method",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var body : unit.findAll(CallableDeclaration.class)) {
                    var acquired = new ArrayList<Expression>();
                    for (var node : ((Node) body).findAll(Node.class,
                            n -> n instanceof SynchronizedStmt || n instanceof MethodCallExpr call && ACQUISITIONS.contains(call.getNameAsString())
                                    && call.getScope().isPresent())) {
                        acquired.add(node instanceof SynchronizedStmt block ? block.getExpression() : ((MethodCallExpr) node).getScope().orElseThrow());
                    }
                    for (int i = 0; i + 1 < acquired.size(); i++) {
                        var first = acquired.get(i);
                        var second = acquired.get(i + 1);
                        if (!first.toString().equals(second.toString())) {
                            mutations.add(new Mutation(first, "exchanges the lock objects " + first + " and " + second, () -> {
                                var firstCopy = first.clone();
                                first.replace(second.clone());
                                second.replace(firstCopy);
                            }));
                        }
                    }
                }
                return mutations;
            });

}
