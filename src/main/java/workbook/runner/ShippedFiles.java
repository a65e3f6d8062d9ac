package workbook.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exercises as shipped, read from the workbook's git history: the upstream branch the workbook
 * was cloned from when there is one ({@code origin/HEAD}), else the last commit. Reading the
 * upstream first means that a student who commits their own work still gets the stub back.
 */
final class ShippedFiles {

    private final Path root;
    private final String reference;

    ShippedFiles(Path root) throws IOException, InterruptedException {
        this.root = root;
        var upstream = git("rev-parse", "--verify", "--quiet", "origin/HEAD^{commit}");
        if (upstream.succeeded()) {
            this.reference = "origin/HEAD";
        } else if (git("rev-parse", "--verify", "--quiet", "HEAD^{commit}").succeeded()) {
            this.reference = "HEAD";
        } else {
            throw new IllegalStateException("""
                    reset restores a stub from the workbook's git history, and this copy has none \
                    (it was not cloned with git, or git is not installed). Download the exercise's \
                    folder again from the workbook's repository instead.""");
        }
    }

    String reference() {
        return reference;
    }

    /** The shipped files under {@code folder}, as paths relative to the workbook. */
    List<String> filesUnder(String folder) throws IOException, InterruptedException {
        var listing = git("ls-tree", "-r", "--name-only", reference, "--", folder + "/");
        return Arrays.stream(listing.text().split("\n")).filter(line -> !line.isBlank()).toList();
    }

    boolean matchesWorkingCopy(String file) {
        try {
            var path = root.resolve(file);
            return Files.exists(path) && Arrays.equals(Files.readAllBytes(path), content(file));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    byte[] content(String file) throws IOException, InterruptedException {
        var shown = git("show", reference + ":" + file);
        if (!shown.succeeded()) {
            throw new IOException("git could not show " + file + ": " + shown.text());
        }
        return shown.bytes();
    }

    /**
     * What restoring would undo, as a unified diff from the student's file to the shipped one: lines
     * marked {@code -} are the student's and would be lost, lines marked {@code +} come back. Git's
     * own headers ({@code a/} and {@code b/}, swapped by {@code -R}) are replaced by labels that say so.
     */
    String diff(List<String> files) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("diff", "--no-color", "--no-prefix", "-R", reference, "--"));
        args.addAll(files);
        var diff = git(args.toArray(String[]::new)).text();
        if (diff.isBlank()) {
            return "  (files missing from your copy: " + String.join(", ", files) + ")";
        }
        var labelled = new StringBuilder();
        for (var line : diff.split("\n", -1)) {
            if (line.startsWith("diff --git ") || line.startsWith("index ")) {
                continue;
            }
            if (line.startsWith("--- ")) {
                var name = line.substring(4);
                labelled.append("--- yours (would be lost): ").append(name.equals("/dev/null") ? "(missing)" : name);
            } else if (line.startsWith("+++ ")) {
                labelled.append("+++ as shipped: ").append(line.substring(4));
            } else {
                labelled.append(line);
            }
            labelled.append('\n');
        }
        return labelled.toString().stripTrailing();
    }

    private record Result(int exitCode, byte[] bytes) {
        boolean succeeded() {
            return exitCode == 0;
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Result git(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return new Result(127, new byte[0]);
        }
        process.getOutputStream().close();
        var output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        return new Result(process.waitFor(), output.toByteArray());
    }
}
