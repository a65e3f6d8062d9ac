package workbook.mutation;

import workbook.mutation.operators.Mutation;
import workbook.mutation.operators.MutationOperator;
import workbook.mutation.operators.Operators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;

/**
 * Turns one source file into its mutants: every mutation of every operator, each applied alone to
 * a fresh parse of the file and printed back with the file's own layout, so that a mutant differs
 * from the original only where the operator changed it.
 *
 * <p>A mutant whose code is the same as the original's, or as an earlier mutant's (compared as
 * pretty-printed code, so layout does not count), is dropped and only counted. Ids name the member
 * and the operator's site within it, not a line number, so they survive edits elsewhere in the file.
 */
public final class MutantGenerator {

    private final List<MutationOperator> operators;
    private final JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_21));

    public MutantGenerator(List<MutationOperator> operators) {
        this.operators = List.copyOf(operators);
    }

    /** The generator with every operator of {@link Operators}. */
    public static MutantGenerator standard() {
        return new MutantGenerator(Operators.all());
    }

    /** The mutants of one file, and how many duplicates were dropped. */
    public record Generated(List<Mutant> mutants, int duplicates) {}

    public Generated generate(String answer, String fileName, String source) {
        var original = parse(source, fileName);
        var seen = new HashSet<String>();
        seen.add(original.toString());
        var ids = new HashSet<String>();
        var mutants = new ArrayList<Mutant>();
        int duplicates = 0;
        for (var operator : operators) {
            var listed = operator.mutations(original);
            var sitesByMember = new HashMap<String, Map<Node, Integer>>();
            for (int k = 0; k < listed.size(); k++) {
                var mutation = listed.get(k);
                var id = answer + "/" + operator.code() + "/" + siteName(mutation, sitesByMember);
                for (int again = 2; !ids.add(id); again++) {
                    id = id.replaceFirst("~\\d+$", "") + "~" + again;
                }
                var mutated = mutate(source, fileName, operator, k);
                if (!seen.add(mutated.normalized)) {
                    duplicates++;
                    continue;
                }
                int line = mutation.site().getBegin().map(position -> position.line).orElse(0);
                mutants.add(new Mutant(id, operator.code(), answer, fileName, line, mutation.description(),
                        mutated.base, mutated.text));
            }
        }
        return new Generated(List.copyOf(mutants), duplicates);
    }

    private static String siteName(Mutation mutation, Map<String, Map<Node, Integer>> sitesByMember) {
        var member = mutation.member();
        if (mutation.site() instanceof FieldDeclaration) {
            return member;
        }
        var sites = sitesByMember.computeIfAbsent(member, m -> new IdentityHashMap<>());
        int n = sites.computeIfAbsent(mutation.site(), s -> sites.size() + 1);
        return member + "#" + n + (mutation.variant().isEmpty() ? "" : "." + mutation.variant());
    }

    private record Printed(String base, String text, String normalized) {}

    private Printed mutate(String source, String fileName, MutationOperator operator, int index) {
        var unit = parse(source, fileName);
        LexicalPreservingPrinter.setup(unit);
        operator.mutations(unit).get(index).apply().run();
        try {
            return new Printed(source, LexicalPreservingPrinter.print(unit), unit.toString());
        } catch (RuntimeException layoutLost) {
            // The layout-keeping printer gives up on some changes; the plain printer never does, and
            // the diff is then taken against the plainly printed original.
            return new Printed(parse(source, fileName).toString(), unit.toString(), unit.toString());
        }
    }

    private CompilationUnit parse(String source, String fileName) {
        var result = parser.parse(source);
        return result.getResult().filter(unit -> result.isSuccessful())
                .orElseThrow(() -> new IllegalArgumentException("cannot parse " + fileName + ": " + result.getProblems()));
    }
}
