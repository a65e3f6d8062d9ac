package workbook.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the JSON reader of the benchmark charts")
class JsonTest {

    @Test
    @DisplayName("reads objects, arrays, strings with escapes, numbers, booleans and null")
    void readsEveryKindOfValue() {
        var value = Json.parse("""
                [ {"name" : "a\\"b\\u00b5", "score" : -1.5e2, "list" : [1, 2], "empty" : {}, "none" : [],
                   "yes" : true, "no" : false, "nothing" : null} ]
                """);
        assertThat(value).isInstanceOf(List.class);
        var object = (Map<?, ?>) ((List<?>) value).getFirst();
        assertThat(object.get("name")).isEqualTo("a\"bµ");
        assertThat(object.get("score")).isEqualTo(-150.0);
        assertThat(object.get("list")).isEqualTo(List.of(1.0, 2.0));
        assertThat(object.get("empty")).isEqualTo(Map.of());
        assertThat(object.get("none")).isEqualTo(List.of());
        assertThat(object.get("yes")).isEqualTo(true);
        assertThat(object.get("no")).isEqualTo(false);
        assertThat(object.containsKey("nothing")).isTrue();
        assertThat(object.get("nothing")).isNull();
    }

    @Test
    @DisplayName("says where a malformed text goes wrong")
    void namesTheLineOfAnError() {
        assertThatThrownBy(() -> Json.parse("[\n{\"score\" : }\n]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> Json.parse("[1, 2"))
                .hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("[] []"))
                .hasMessageContaining("text after the end");
    }
}
