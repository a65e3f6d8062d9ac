package workbook.runner.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON text into maps, lists, strings, numbers ({@code Double}), booleans and null: what the
 * charts need of JMH's result files. The JDK has no JSON reader and JMH only writes JSON, so this
 * small one saves the workbook a library. A malformed text fails with the position where it went
 * wrong.
 */
final class Json {

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        var json = new Json(text);
        var value = json.value();
        json.skipWhitespace();
        if (json.position != text.length()) {
            throw json.error("text after the end of the value");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("a value, found the end of the text");
        }
        return switch (text.charAt(position)) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        var members = new LinkedHashMap<String, Object>();
        position++;
        skipWhitespace();
        if (take('}')) {
            return members;
        }
        do {
            skipWhitespace();
            var name = string();
            skipWhitespace();
            expect(':');
            members.put(name, value());
            skipWhitespace();
        } while (take(','));
        expect('}');
        return members;
    }

    private List<Object> array() {
        var elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (take(']')) {
            return elements;
        }
        do {
            elements.add(value());
            skipWhitespace();
        } while (take(','));
        expect(']');
        return elements;
    }

    private String string() {
        expect('"');
        var string = new StringBuilder();
        while (position < text.length() && text.charAt(position) != '"') {
            char next = text.charAt(position++);
            if (next != '\\') {
                string.append(next);
                continue;
            }
            if (position >= text.length()) {
                break;
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case 'n' -> string.append('\n');
                case 't' -> string.append('\t');
                case 'r' -> string.append('\r');
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("four hex digits after \\u");
                    }
                    string.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> string.append(escaped);
            }
        }
        expect('"');
        return string.toString();
    }

    private Double number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (start == position) {
            throw error("a value");
        }
        try {
            return Double.valueOf(text.substring(start, position));
        } catch (NumberFormatException e) {
            throw error("a number, found " + text.substring(start, position));
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error(word);
        }
        position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    /** Moves past {@code wanted} when it comes next, and says whether it did. */
    private boolean take(char wanted) {
        if (position < text.length() && text.charAt(position) == wanted) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char wanted) {
        if (!take(wanted)) {
            throw error("'" + wanted + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        int line = 1;
        for (int index = 0; index < Math.min(position, text.length()); index++) {
            if (text.charAt(index) == '\n') {
                line++;
            }
        }
        return new IllegalArgumentException("Not JSON: expected " + expected + " at line " + line + " (character " + position + ")");
    }
}
