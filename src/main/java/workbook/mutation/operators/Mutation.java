package workbook.mutation.operators;

import com.github.javaparser.ast.Node;

/**
 * One change an operator can make at one place in a compilation unit.
 *
 * @param site        the node the change is anchored to: it gives the mutant its line and its member
 *                    (method, constructor or field), hence its id
 * @param variant     which of several changes at the same site this is ({@code "zero"}, {@code "half"},
 *                    {@code "this"}, ...), or empty when the operator makes one change per site
 * @param description the change in one line, for the report
 * @param apply       makes the change, in place, in the unit the site belongs to
 */
public record Mutation(Node site, String variant, String description, Runnable apply) {

    public Mutation(Node site, String description, Runnable apply) {
        this(site, "", description, apply);
    }

    /** The method, constructor or field the site belongs to, as the mutant's id names it. */
    public String member() {
        return Sites.memberOf(site);
    }
}
