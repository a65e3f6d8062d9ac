package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Lesson;

@DisplayName("Lesson")
class LessonTest {

    @Test
    @DisplayName("names its demo class after its slug")
    void demoClassFromSlug() {
        var lesson = Lesson.of(Path.of("lessons/02-race-conditions.md"));
        assertThat(lesson.number()).isEqualTo("02");
        assertThat(lesson.script()).isEqualTo(Path.of("lessons/02-race-conditions.jsh"));
        assertThat(lesson.demoClass()).isEqualTo("workbook.demos.RaceConditionsDemo");
    }

    @Test
    @DisplayName("every lesson has its demo, with a main method for ./workbook demo")
    void everyLessonHasARunnableDemo() throws Exception {
        var workbook = new Workbook(Path.of("").toAbsolutePath(), Curriculum.load());
        assertThat(workbook.lessons()).isNotEmpty();
        for (var lesson : workbook.lessons()) {
            var main = Class.forName(lesson.demoClass()).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(lesson.demoClass() + ".main is static").isTrue();
        }
    }
}
