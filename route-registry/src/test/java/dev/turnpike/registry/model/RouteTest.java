package dev.turnpike.registry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Route templates: the hand-written check accepts exactly what the documented segment grammar accepts. */
class RouteTest {
    /** The grammar as documented: {@code {name}}, a literal without braces or slashes, or {@code **}. */
    private static final Pattern SEGMENT = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_.-]*}|[^{}/]+|\\*\\*");
    private static final String ALPHABET = "{}/*_.-aZ09~ ";

    @Test
    void templateCheckAgreesWithTheSegmentGrammar() {
        Random random = new Random(11);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder segment = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                segment.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = segment.toString();
            if (s.isEmpty() || s.indexOf('/') >= 0) {
                continue;
            }
            boolean expected = SEGMENT.matcher(s).matches();
            assertThat(Route.templateProblem("/a/" + s + "/b") == null).as(s).isEqualTo(expected && !s.equals("**"));
            assertThat(Route.templateProblem("/a/" + s) == null).as(s).isEqualTo(expected);
        }
    }

    @Test
    void namesWhatIsWrongWithATemplate() {
        assertThat(Route.templateProblem("items")).isEqualTo("a path starting with /");
        assertThat(Route.templateProblem("/a//b")).isEqualTo("no empty segments (//)");
        assertThat(Route.templateProblem("/a/{1x}")).isEqualTo("segments that are literal, {name} or a final **");
        assertThat(Route.templateProblem("/a/**/b")).isEqualTo("** only as the last segment");
        assertThat(Route.templateProblem("/a/{id}/")).isNull();
    }
}
