package workbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal while watch mode runs: single key presses without Enter, a screen redrawn in place,
 * and the terminal handed back exactly as it was on the way out, also after Ctrl-C.
 *
 * <p>Without a terminal (output to a pipe, a CI log) there is nothing to redraw: each screen is
 * printed as plain lines after the last, and keys are read from standard input as they come.
 */
final class TerminalSession implements AutoCloseable {

    private static final int KEY_POLL_MILLIS = 100;
    private static final int ESCAPE_SEQUENCE_MILLIS = 50;

    private final Terminal terminal;
    private final Attributes original;
    private final boolean interactive;

    TerminalSession() {
        try {
            this.terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
        this.interactive = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
        this.original = terminal.enterRawMode();
        if (interactive) {
            terminal.puts(Capability.cursor_invisible);
        }
    }

    /** Draws a whole screen: in place on a terminal, as more plain lines elsewhere. */
    Consumer<String> display() {
        return screen -> {
            if (interactive) {
                terminal.puts(Capability.clear_screen);
            } else {
                terminal.writer().println("-".repeat(72));
            }
            terminal.writer().print(screen);
            if (!interactive && !screen.endsWith("\n")) {
                terminal.writer().println();
            }
            terminal.flush();
        };
    }

    /**
     * Rewrites the screen's last line in place (the running check's clock). Elsewhere it does
     * nothing: a log gets the line once, with the screen, rather than five times a second.
     */
    Consumer<String> tick() {
        return line -> {
            if (interactive) {
                terminal.writer().print("\r" + line);
                terminal.puts(Capability.clr_eol);
                terminal.flush();
            }
        };
    }

    /** Starts reading keys for {@code watch}; Ctrl-C and the end of the input quit it. */
    void sendKeysTo(WatchMode watch) {
        terminal.handle(Terminal.Signal.INT, signal -> watch.post(new WatchEvent.Quit()));
        Thread.ofPlatform().daemon().name("key-reader").start(() -> {
            var reader = terminal.reader();
            try {
                while (true) {
                    int c = reader.read(KEY_POLL_MILLIS);
                    if (c == NonBlockingReader.EOF) {
                        watch.post(new WatchEvent.Quit());
                        return;
                    }
                    if (c != NonBlockingReader.READ_EXPIRED) {
                        watch.post(new WatchEvent.Key(keyName(c, reader)));
                    }
                }
            } catch (IOException e) {
                watch.post(new WatchEvent.Quit());
            }
        });
    }

    /** Arrow keys arrive as ESC [ A; a lone ESC is the escape key. */
    private static String keyName(int c, NonBlockingReader reader) throws IOException {
        return switch (c) {
            case '\r', '\n' -> "enter";
            case 27 -> {
                int next = reader.read(ESCAPE_SEQUENCE_MILLIS);
                if (next != '[' && next != 'O') {
                    yield "escape";
                }
                yield switch (reader.read(ESCAPE_SEQUENCE_MILLIS)) {
                    case 'A' -> "up";
                    case 'B' -> "down";
                    default -> "escape";
                };
            }
            default -> String.valueOf((char) Character.toLowerCase(c));
        };
    }

    @Override
    public void close() {
        if (interactive) {
            terminal.puts(Capability.cursor_normal);
        }
        terminal.setAttributes(original);
        terminal.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
