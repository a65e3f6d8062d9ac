package workbook.mutation.operators;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue: every operator the mutation analysis applies, in the order of the workbook's
 * priorities (the missing guard first, the subtle region changes last).
 */
public final class Operators {

    private Operators() {}

    public static List<MutationOperator> all() {
        var all = new ArrayList<MutationOperator>();
        all.add(ModifierOperators.RSK);
        all.add(LockObjectOperators.RSB);
        all.add(ModifierOperators.RVK);
        all.add(CallOperators.RCXC);
        all.add(CallOperators.RNA);
        all.add(WaitLoopOperator.WIF);
        all.add(FinallyOperator.RFU);
        all.add(ArgumentOperators.MXT);
        all.add(ArgumentOperators.MXC);
        all.add(ArgumentOperators.MSF);
        all.add(ModifierOperators.RSTK);
        all.add(ModifierOperators.ASTK);
        all.add(ModifierOperators.ASK);
        all.add(LockObjectOperators.ESP);
        all.add(CriticalRegionOperators.SHCR);
        all.add(CriticalRegionOperators.SKCR);
        all.add(CriticalRegionOperators.EXCR);
        all.add(CriticalRegionOperators.SPCR);
        all.add(LockObjectOperators.EELO);
        all.add(CallOperators.RJS);
        all.add(AtomicityOperator.EAN);
        all.add(CallOperators.ELPA);
        return List.copyOf(all);
    }
}
