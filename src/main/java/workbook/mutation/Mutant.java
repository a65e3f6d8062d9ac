package workbook.mutation;

/**
 * One mutated version of one file of an answer.
 *
 * @param id          stable across unrelated edits: {@code <answer>/<OP>/<Class>.<member>#<n>}, where n
 *                    counts that operator's sites in that member from 1, followed by {@code .<variant>}
 *                    when the operator makes several changes at one site; a field operator's id ends
 *                    at the field's name ({@code solution/RVK/Background.running})
 * @param operator    the operator's code
 * @param answer      {@code solution}, or the folder name of a right answer
 * @param file        the file's name
 * @param line        the line of the original where the change is
 * @param description the change in one line
 * @param original    the source the change was made to
 * @param source      the mutated source
 */
public record Mutant(String id, String operator, String answer, String file, int line, String description,
                     String original, String source) {

    /** The changed lines, original against mutant. */
    public String diff() {
        return LineDiff.between(original, source);
    }
}
