package workbook.testkit.preemption;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the classes of the exercise packages ({@code l01a_…} to {@code l19z_…}, and the
 * testkit's fixtures in {@code l00_…}) so that they call {@link PreemptionPoints#reached()} where a thread may lose the processor to another with
 * an effect the test can see: before it enters a monitor, after it leaves one, and before and
 * after a call into {@code java.util.concurrent} (locks, semaphores, conditions, queues,
 * atomics), into {@code Object.wait}, or into a method of the exercise itself (so that two calls
 * of the answer's own {@code synchronized} methods have a point between them). Constructors'
 * {@code <init>} calls are left alone. Nothing else changes: the inserted call takes and leaves
 * nothing on the operand stack, so no frame changes.
 */
final class PreemptionPointInserter implements ClassFileTransformer {

    static final Pattern EXERCISE_CLASS = Pattern.compile("l\\d\\d[a-z]?_[^/]+/[^/]+");

    private static final String POINTS = PreemptionPoints.class.getName().replace('.', '/');

    private volatile RuntimeException firstFailure;

    /**
     * True for the answer's classes, nested ones included, and false for the exercise's tests:
     * points in a test would only be counted twice around each call it makes into the answer.
     */
    static boolean isExerciseClass(String internalName) {
        if (internalName == null || !EXERCISE_CLASS.matcher(internalName).matches()) {
            return false;
        }
        int nested = internalName.indexOf('$');
        return !(nested < 0 ? internalName : internalName.substring(0, nested)).endsWith("Test");
    }

    /**
     * Fails when a class could not be given its points: a test would then force nothing and pass
     * a wrong answer, so it must not go on.
     */
    void assertEveryClassInstrumented() {
        var failure = firstFailure;
        if (failure != null) {
            throw new AssertionError("could not put preemption points into the exercise's classes: " + failure, failure);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (!isExerciseClass(className)) {
            return null;
        }
        try {
            var reader = new ClassReader(bytes);
            var writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new PointsAroundSynchronization(
                            super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            // The JVM would drop the exception and load the class without points; keep it for the test.
            if (firstFailure == null) {
                firstFailure = new IllegalStateException(className + ": " + e, e);
            }
            return null;
        }
    }

    private static final class PointsAroundSynchronization extends MethodVisitor {

        PointsAroundSynchronization(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.MONITORENTER) {
                point();
                super.visitInsn(opcode);
            } else if (opcode == Opcodes.MONITOREXIT) {
                super.visitInsn(opcode);
                point();
            } else {
                super.visitInsn(opcode);
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            boolean around = !name.equals("<init>") && (owner.startsWith("java/util/concurrent/")
                    || owner.equals("java/lang/Object") && name.equals("wait")
                    || isExerciseClass(owner));
            if (around) {
                point();
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (around) {
                point();
            }
        }

        private void point() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, "reached", "()V", false);
        }
    }
}
