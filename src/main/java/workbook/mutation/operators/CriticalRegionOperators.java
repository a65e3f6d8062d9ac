package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;

/**
 * Operators that move the edges of a critical region: shift it one statement up or down (SHCR),
 * shrink it by moving its first or last statement out (SKCR), expand it by moving the statement just
 * before or just after it in (EXCR), and split it in two regions, after each of its statements but
 * the last (SPCR).
 *
 * <p>A critical region is a {@code synchronized} block, or a {@code lock()} (or {@code acquire()},
 * {@code writeLock()}, ...) statement followed by a {@code try} whose {@code finally} unlocks or
 * releases. Shrinking and splitting leave a check or a step unguarded, or let another thread in
 * between two steps that belong together; expanding and shifting find tests that never notice a
 * region grown over a blocking call or a slow step. A move that breaks the code (a variable used
 * outside the block it was declared in, a statement after a {@code return}) makes a stillborn
 * mutant, counted and not run.
 */
final class CriticalRegionOperators {

    private CriticalRegionOperators() {}

    /**
     * A critical region: the statements {@code first..last} of {@code block} (one for a synchronized
     * block, the lock call and the try for an explicit lock), whose guarded statements are {@code body}.
     */
    private record Region(BlockStmt block, Statement first, Statement last) {

        BlockStmt body() {
            return bodyOf(last);
        }

        int start() {
            return Sites.indexIn(block.getStatements(), first);
        }

        int end() {
            return Sites.indexIn(block.getStatements(), last);
        }

        String name() {
            return first instanceof SynchronizedStmt sync ? "synchronized (" + sync.getExpression() + ")" : "the region " + first.toString().strip().replaceFirst(";$", "") + " ... finally";
        }
    }

    private static BlockStmt bodyOf(Statement last) {
        return last instanceof SynchronizedStmt sync ? sync.getBody() : ((TryStmt) last).getTryBlock();
    }

    private static List<Region> regions(CompilationUnit unit) {
        var regions = new ArrayList<Region>();
        for (var block : unit.findAll(BlockStmt.class)) {
            var statements = block.getStatements();
            for (int i = 0; i < statements.size(); i++) {
                var statement = statements.get(i);
                if (statement instanceof SynchronizedStmt) {
                    regions.add(new Region(block, statement, statement));
                } else if (i + 1 < statements.size() && acquires(statement) && statements.get(i + 1) instanceof TryStmt attempt
                        && attempt.getFinallyBlock().filter(CriticalRegionOperators::releases).isPresent()) {
                    regions.add(new Region(block, statement, attempt));
                }
            }
        }
        return regions;
    }

    private static boolean acquires(Statement statement) {
        return statement.findFirst(MethodCallExpr.class).map(MethodCallExpr::getNameAsString)
                .filter(name -> name.startsWith("lock") || name.equals("acquire") || name.equals("acquireUninterruptibly")
                        || name.equals("writeLock") || name.equals("readLock"))
                .isPresent();
    }

    private static boolean releases(BlockStmt block) {
        return block.findAll(MethodCallExpr.class).stream()
                .anyMatch(call -> call.getNameAsString().startsWith("unlock") || call.getNameAsString().startsWith("release"));
    }

    private static MutationOperator operator(String code, String summary, String[] variants, String[] descriptions,
                                             List<Consumer<Region>> changes, BiPredicate<Region, Integer> applies) {
        return new Operator(code, summary, unit -> {
            var mutations = new ArrayList<Mutation>();
            for (var region : regions(unit)) {
                for (int v = 0; v < variants.length; v++) {
                    if (applies.test(region, v)) {
                        int variant = v;
                        mutations.add(new Mutation(region.first(), variants[v], descriptions[v] + " " + region.name(),
                                () -> changes.get(variant).accept(region)));
                    }
                }
            }
            return mutations;
        });
    }

    private static void moveFirstOut(Region region) {
        var moved = region.body().getStatements().remove(0);
        region.block().getStatements().add(region.start(), moved);
    }

    private static void moveLastOut(Region region) {
        var body = region.body().getStatements();
        var moved = body.remove(body.size() - 1);
        region.block().getStatements().add(region.end() + 1, moved);
    }

    private static void moveBeforeIn(Region region) {
        var moved = region.block().getStatements().remove(region.start() - 1);
        region.body().getStatements().add(0, moved);
    }

    private static void moveAfterIn(Region region) {
        var moved = region.block().getStatements().remove(region.end() + 1);
        region.body().getStatements().add(moved);
    }

    private static boolean hasBefore(Region region) {
        return region.start() > 0;
    }

    private static boolean hasAfter(Region region) {
        return region.end() + 1 < region.block().getStatements().size();
    }

    static final MutationOperator SKCR = operator("SKCR", "shrink a critical region: its first or its last statement moves out",
            new String[] {"first", "last"}, new String[] {"moves the first statement out of", "moves the last statement out of"},
            List.of(CriticalRegionOperators::moveFirstOut, CriticalRegionOperators::moveLastOut),
            (region, v) -> !region.body().getStatements().isEmpty());

    static final MutationOperator EXCR = operator("EXCR", "expand a critical region: the statement just before or after it moves in",
            new String[] {"before", "after"}, new String[] {"moves the statement before it into", "moves the statement after it into"},
            List.of(CriticalRegionOperators::moveBeforeIn, CriticalRegionOperators::moveAfterIn),
            (region, v) -> v == 0 ? hasBefore(region) : hasAfter(region));

    static final MutationOperator SHCR = operator("SHCR", "shift a critical region one statement up or down",
            new String[] {"up", "down"}, new String[] {"shifts one statement up", "shifts one statement down"},
            List.of(region -> {
                moveLastOut(region);
                moveBeforeIn(region);
            }, region -> {
                moveFirstOut(region);
                moveAfterIn(region);
            }),
            (region, v) -> !region.body().getStatements().isEmpty() && (v == 0 ? hasBefore(region) : hasAfter(region)));

    static final MutationOperator SPCR = new Operator("SPCR", "split a critical region in two, after each of its statements but the last",
            unit -> {
                var mutations = new ArrayList<Mutation>();
                for (var region : regions(unit)) {
                    int size = region.body().getStatements().size();
                    for (int k = 1; k < size; k++) {
                        int splitAt = k;
                        mutations.add(new Mutation(region.first(), "after" + k, "splits " + region.name() + " in two after its statement " + k,
                                () -> split(region, splitAt)));
                    }
                }
                return mutations;
            });

    private static void split(Region region, int splitAt) {
        var statements = region.block().getStatements();
        var copies = new NodeList<Statement>();
        for (int i = region.start(); i <= region.end(); i++) {
            // A fresh parse rather than clone(): the layout-keeping printer would print a changed clone as its original.
            copies.add(StaticJavaParser.parseStatement(statements.get(i).toString()));
        }
        var secondBody = bodyOf(copies.get(copies.size() - 1)).getStatements();
        for (int i = 0; i < splitAt; i++) {
            secondBody.remove(0);
        }
        var firstBody = region.body().getStatements();
        while (firstBody.size() > splitAt) {
            firstBody.remove(firstBody.size() - 1);
        }
        statements.addAll(region.end() + 1, copies);
    }
}
