package workbook.mutation.operators;

import java.util.List;

import com.github.javaparser.ast.CompilationUnit;

/**
 * One of the concurrency mutation operators: a source transformation that reproduces a real
 * concurrency mistake (Bradbury, Cordy and Dingel's ConMAn catalogue, see ../shared/TESTING.md, plus
 * {@code while} to {@code if} around a wait, which the workbook teaches).
 *
 * <p>An operator lists every place it can change in a compilation unit, in source order, each as a
 * {@link Mutation} that changes the unit in place when applied. The order must depend only on the
 * source, because the generator lists the mutations once, then applies the k-th one to a fresh parse
 * of the same source for each mutant.
 */
public interface MutationOperator {

    /** The operator's short name, as in ConMAn: RSK, RSB, MXT, ... */
    String code();

    /** What the operator does, in one line, for the documentation and the usage text. */
    String summary();

    /** Every mutation this operator can make in {@code unit}, in an order that depends only on the source. */
    List<Mutation> mutations(CompilationUnit unit);
}
