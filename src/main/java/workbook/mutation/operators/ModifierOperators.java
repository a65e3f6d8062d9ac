package workbook.mutation.operators;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier.Keyword;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.LiteralExpr;

/**
 * Operators that add or remove a modifier: {@code synchronized} on a method (RSK, ASK),
 * {@code volatile} on a field (RVK) and {@code static} on a field (RSTK, ASTK).
 *
 * <p>Removing {@code synchronized} or {@code volatile} is the classic missing guard. Adding
 * {@code synchronized} finds tests that never notice a method that now blocks, or waits on a
 * monitor it should not hold. {@code static} by mistake makes two instances share one counter or
 * one lock; a {@code static final} constant of a literal is left alone, because taking its
 * {@code static} away changes nothing, and so is a {@code final} field the constructor sets, which
 * cannot be made {@code static} at all.
 */
final class ModifierOperators {

    private ModifierOperators() {}

    static final MutationOperator RSK = new Operator("RSK", "remove synchronized from a method",
            unit -> unit.findAll(MethodDeclaration.class, MethodDeclaration::isSynchronized).stream()
                    .map(method -> new Mutation(method, "removes synchronized from " + method.getNameAsString() + "()",
                            () -> method.setModifier(Keyword.SYNCHRONIZED, false)))
                    .toList());

    static final MutationOperator ASK = new Operator("ASK", "add synchronized to a method",
            unit -> unit.findAll(MethodDeclaration.class, m -> !m.isSynchronized() && m.getBody().isPresent()).stream()
                    .map(method -> new Mutation(method, "makes " + method.getNameAsString() + "() synchronized",
                            () -> method.setModifier(Keyword.SYNCHRONIZED, true)))
                    .toList());

    static final MutationOperator RVK = new Operator("RVK", "remove volatile from a field",
            unit -> fields(unit, FieldDeclaration::isVolatile, "removes volatile from ", field -> field.setModifier(Keyword.VOLATILE, false)));

    static final MutationOperator RSTK = new Operator("RSTK", "remove static from a field (not from a literal constant)",
            unit -> fields(unit, field -> field.isStatic() && !isLiteralConstant(field), "removes static from ",
                    field -> field.setModifier(Keyword.STATIC, false)));

    static final MutationOperator ASTK = new Operator("ASTK", "add static to a field",
            unit -> fields(unit, field -> !field.isStatic() && !isSetByConstructor(field), "makes static the field ", field -> field.setModifier(Keyword.STATIC, true)));

    private static List<Mutation> fields(CompilationUnit unit, Predicate<FieldDeclaration> which,
                                         String what, Consumer<FieldDeclaration> change) {
        return unit.findAll(FieldDeclaration.class, which).stream()
                .map(field -> new Mutation(field, what + field.getVariable(0).getNameAsString(), () -> change.accept(field)))
                .toList();
    }

    /** A final field without an initializer is set in the constructor, which a static final field cannot be: it would never compile. */
    private static boolean isSetByConstructor(FieldDeclaration field) {
        return field.isFinal() && field.getVariables().stream().anyMatch(v -> v.getInitializer().isEmpty());
    }

    private static boolean isLiteralConstant(FieldDeclaration field) {
        return field.isFinal() && field.getVariables().stream()
                .allMatch(v -> v.getInitializer().filter(LiteralExpr.class::isInstance).isPresent());
    }

}
