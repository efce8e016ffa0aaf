package se.kvalitet.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.domain.TextDiff.Line;
import se.kvalitet.registry.domain.TextDiff.Op;

class TextDiffTest {

    static List<String> render(List<Line> lines) {
        return lines.stream()
                .map(l -> switch (l.op()) {
                    case SAME -> "  " + l.text();
                    case ADDED -> "+ " + l.text();
                    case REMOVED -> "- " + l.text();
                })
                .toList();
    }

    @Test
    void aChangedLineIsRemovedThenAddedBetweenWhatStays() {
        List<Line> d = TextDiff.diff(
                "Rubrik\nKvittera nyckeln.\nLås in den.\nKlart",
                "Rubrik\nKvittera nyckeln i pärmen.\nLås in den.\nKlart\n");
        assertThat(render(d))
                .containsExactly(
                        "  Rubrik", "- Kvittera nyckeln.", "+ Kvittera nyckeln i pärmen.", "  Lås in den.", "  Klart");
        assertThat(d.get(1).fromLine()).isEqualTo(2);
        assertThat(d.get(2).toLine()).isEqualTo(2);
        assertThat(d.get(4)).isEqualTo(new Line(Op.SAME, 4, 4, "Klart"));
    }

    @Test
    void insertionsAndDeletionsInTheMiddleKeepTheCommonLines() {
        assertThat(render(TextDiff.diff("a\nb\nc\nd\ne", "a\nx\nc\ne\nf")))
                .containsExactly("  a", "- b", "+ x", "  c", "- d", "  e", "+ f");
        assertThat(render(TextDiff.diff(null, "ny"))).containsExactly("+ ny");
        assertThat(render(TextDiff.diff("gammal", ""))).containsExactly("- gammal");
        assertThat(TextDiff.diff("samma\r\ntext", "samma\ntext"))
                .extracting(Line::op)
                .containsOnly(Op.SAME);
    }

    @Test
    void aHugeRewriteIsReportedAsAWholeWithinBoundedMemory() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            a.append("rad ").append(i).append('\n');
            b.append("annan ").append(i).append('\n');
        }
        List<Line> d = TextDiff.diff("start\n" + a + "slut", "start\n" + b + "slut");
        assertThat(d).hasSize(6002);
        assertThat(d.get(0).op()).isEqualTo(Op.SAME);
        assertThat(d.subList(1, 3001)).extracting(Line::op).containsOnly(Op.REMOVED);
        assertThat(d.subList(3001, 6001)).extracting(Line::op).containsOnly(Op.ADDED);
        assertThat(d.get(6001).text()).isEqualTo("slut");
    }
}
