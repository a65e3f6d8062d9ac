package workbook.runner.check;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads an exercise's freshly compiled classes ahead of any class of the same name further up.
 *
 * <p>A class loader normally asks its parent first. But the parent's class path may hold another
 * build of the same exercise: under Maven or an IDE, {@code exercises/} is a test-source root, so
 * the stub as shipped sits in {@code target/test-classes}. Asked parent-first, the check would test
 * that stub instead of the solution it was given. Classes the exercise compiled are therefore
 * taken from its own folder; everything else (the testkit, JUnit, the JDK) from the parent.
 */
public final class ExerciseClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    public ExerciseClassLoader(Path classes, ClassLoader parent) throws MalformedURLException {
        super(new URL[] {classes.toUri().toURL()}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            var loaded = findLoadedClass(name);
            if (loaded == null && findResource(name.replace('.', '/') + ".class") != null) {
                loaded = findClass(name);
            }
            if (loaded == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
