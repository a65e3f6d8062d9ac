package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.curriculum.Curriculum;

@DisplayName("Curriculum")
class CurriculumTest {

    @Test
    @DisplayName("reads sections in order, with hints over several indented lines")
    void readsSections() {
        var curriculum = Curriculum.parse(List.of(
                "# Curriculum",
                "Notes for maintainers are skipped.",
                "",
                "## l01a_first",
                "lesson: 01",
                "title: The first one",
                "hint: gentle",
                "hint: explicit, which goes on",
                "  over a second line",
                "",
                "## l01b_second",
                "lesson: 01",
                "title: The second one"));
        assertThat(curriculum.names()).containsExactly("l01a_first", "l01b_second");
        var first = curriculum.find("l01a_first").orElseThrow();
        assertThat(first.lesson()).isEqualTo("01");
        assertThat(first.hints()).containsExactly("gentle", "explicit, which goes on\nover a second line");
        assertThat(curriculum.find("l01b_second").orElseThrow().hints()).isEmpty();
    }

    @Test
    @DisplayName("names the line it cannot read")
    void rejectsAnUnknownLine() {
        assertThatThrownBy(() -> Curriculum.parse(List.of("## l01a_first", "lesson: 01", "title: t", "hnt: typo")))
                .hasMessageContaining("line 4").hasMessageContaining("hnt: typo");
    }

    @Test
    @DisplayName("the shipped curriculum lists its exercises in lesson order")
    void shippedCurriculumIsInLessonOrder() {
        var names = Curriculum.load().names();
        assertThat(names).isSortedAccordingTo(String::compareTo);
    }
}
