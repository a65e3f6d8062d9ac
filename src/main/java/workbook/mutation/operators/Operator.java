package workbook.mutation.operators;

import java.util.List;
import java.util.function.Function;

import com.github.javaparser.ast.CompilationUnit;

/** An operator made of its name, its summary and the function that finds its mutations. */
record Operator(String code, String summary, Function<CompilationUnit, List<Mutation>> finder) implements MutationOperator {

    @Override
    public List<Mutation> mutations(CompilationUnit unit) {
        return finder.apply(unit);
    }
}
