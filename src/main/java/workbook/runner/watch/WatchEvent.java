package workbook.runner.watch;

/** What the watch loop reacts to: a key the student pressed, a saved exercise, or the end. */
public sealed interface WatchEvent {

    /** A key: a single character, or one of {@code up}, {@code down}, {@code enter}, {@code escape}. */
    record Key(String name) implements WatchEvent {}

    /** A Java file of this exercise was saved (or created, renamed, deleted). */
    record Saved(String exercise) implements WatchEvent {}

    /** The student quit (q, Ctrl-C, or the input ended). */
    record Quit() implements WatchEvent {}
}
