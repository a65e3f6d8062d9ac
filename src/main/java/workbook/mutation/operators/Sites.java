package workbook.mutation.operators;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;

/**
 * What the operators need to know about a syntax tree without resolving types: calls by name, the
 * statement a call stands alone in, the member and class a node belongs to, the declared type of a
 * name, and small arithmetic on an argument. The mutation analysis reads only the workbook's own
 * small answers, so looking a name up in its method and class is enough.
 */
final class Sites {

    private Sites() {}

    /** The calls named one of {@code names} under {@code root}, in source order. */
    static List<MethodCallExpr> calls(Node root, Set<String> names) {
        return root.findAll(MethodCallExpr.class, call -> names.contains(call.getNameAsString()));
    }

    /** The call when it is a statement of its own (its result unused), else empty. */
    static Optional<ExpressionStmt> asStatement(MethodCallExpr call) {
        return call.getParentNode().filter(ExpressionStmt.class::isInstance).map(ExpressionStmt.class::cast);
    }

    /** The text of the call's scope ({@code lock} in {@code lock.unlock()}), or empty for an unqualified call. */
    static String scope(MethodCallExpr call) {
        return call.getScope().map(Expression::toString).orElse("");
    }

    /** Removes a statement: from its block, or, where a statement is required, by an empty block. */
    static void remove(Statement statement) {
        if (statement.getParentNode().orElse(null) instanceof BlockStmt block) {
            block.getStatements().remove(indexIn(block.getStatements(), statement));
        } else {
            statement.replace(new BlockStmt());
        }
    }

    /** The position of {@code node} in {@code list} by identity (a node's equals compares structure). */
    static int indexIn(NodeList<? extends Node> list, Node node) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == node) {
                return i;
            }
        }
        return -1;
    }

    /** The simple name of the innermost named class around {@code node}. */
    static String typeOf(Node node) {
        return node.findAncestor(TypeDeclaration.class).map(TypeDeclaration::getNameAsString).orElse("?");
    }

    /**
     * {@code Class.member} for the method, constructor ({@code Class.new}), field or initializer
     * ({@code Class.init}) that holds {@code node}.
     */
    static String memberOf(Node node) {
        for (Node at = node; at != null; at = at.getParentNode().orElse(null)) {
            if (at instanceof MethodDeclaration method) {
                return typeOf(method) + "." + method.getNameAsString();
            } else if (at instanceof ConstructorDeclaration constructor) {
                return typeOf(constructor) + ".new";
            } else if (at instanceof FieldDeclaration field) {
                return typeOf(field) + "." + field.getVariable(0).getNameAsString();
            } else if (at instanceof InitializerDeclaration initializer) {
                return typeOf(initializer) + ".init";
            }
        }
        return typeOf(node) + ".?";
    }

    /** Whether {@code node} is inside a static method or a static initializer, where {@code this} does not exist. */
    static boolean inStaticContext(Node node) {
        return node.findAncestor(CallableDeclaration.class).map(c -> c.isStatic()).orElse(false)
                || node.findAncestor(InitializerDeclaration.class).map(InitializerDeclaration::isStatic).orElse(false);
    }

    /** The declared type of a name (a parameter, a local variable or a field), as written, when it can be found. */
    static Optional<String> declaredType(NameExpr name) {
        var identifier = name.getNameAsString();
        var callable = name.findAncestor(CallableDeclaration.class);
        if (callable.isPresent()) {
            for (Parameter parameter : ((CallableDeclaration<?>) callable.get()).getParameters()) {
                if (parameter.getNameAsString().equals(identifier)) {
                    return Optional.of(parameter.getTypeAsString());
                }
            }
            var local = callable.get().findFirst(VariableDeclarator.class, v -> v.getNameAsString().equals(identifier));
            if (local.isPresent()) {
                return Optional.of(local.get().getTypeAsString());
            }
        }
        return name.findAncestor(TypeDeclaration.class).flatMap(type -> type.getFieldByName(identifier))
                .map(field -> ((FieldDeclaration) field).getElementType().asString());
    }

    /** {@code expression + delta}, folded when the expression is a number literal. */
    static Expression plus(Expression expression, long delta) {
        var value = literalValue(expression);
        if (value.isPresent()) {
            return number(value.get() + delta, expression instanceof LongLiteralExpr);
        }
        return StaticJavaParser.parseExpression(grouped(expression) + (delta < 0 ? " - " + -delta : " + " + delta));
    }

    /** {@code expression / 2}, folded when the expression is a number literal. */
    static Expression half(Expression expression) {
        var value = literalValue(expression);
        if (value.isPresent()) {
            return number(value.get() / 2, expression instanceof LongLiteralExpr);
        }
        return StaticJavaParser.parseExpression(grouped(expression) + " / 2");
    }

    /** The expression's text, in parentheses unless it is a name, a literal, a call or {@code this}. */
    static String grouped(Expression expression) {
        boolean atomic = expression instanceof NameExpr || expression instanceof LiteralExpr || expression instanceof MethodCallExpr
                || expression instanceof EnclosedExpr || expression instanceof ThisExpr || expression.isFieldAccessExpr();
        return atomic ? expression.toString() : "(" + expression + ")";
    }

    static Optional<Long> literalValue(Expression expression) {
        if (expression instanceof IntegerLiteralExpr integer) {
            return Optional.of(integer.asNumber().longValue());
        }
        if (expression instanceof LongLiteralExpr longLiteral) {
            return Optional.of(longLiteral.asNumber().longValue());
        }
        return Optional.empty();
    }

    private static Expression number(long value, boolean asLong) {
        return StaticJavaParser.parseExpression((value < 0 ? "(" + value : Long.toString(value)) + (asLong ? "L" : "") + (value < 0 ? ")" : ""));
    }
}
