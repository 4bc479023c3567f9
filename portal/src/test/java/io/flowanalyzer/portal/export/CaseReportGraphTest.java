package io.flowanalyzer.portal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowanalyzer.portal.graph.PartyGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseReportGraphTest {
    @Test
    void aLargeGraphIsDrawnAsItsBusiestSubscribersAndTheBPartiesTheyReachedMost() {
        List<PartyGraph.Node> nodes = new ArrayList<>();
        List<PartyGraph.Link> links = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String a = "a:9198200001" + String.format("%02d", i);
            nodes.add(new PartyGraph.Node(a, "a", a.substring(2), 100 - i, 0, 0, 2, null));
            // each reaches a B-party of its own, and subscriber 0..9 also the shared one
            String own = "b:10.0.0." + i;
            nodes.add(new PartyGraph.Node(own, "b", own.substring(2), 100 - i - 1, 0, 0, 1, null));
            links.add(new PartyGraph.Link(a, own, 100 - i - 1, 0, 0, null, null));
            if (i < 10) {
                links.add(new PartyGraph.Link(a, "b:157.240.16.35", 50, 0, 0, null, null));
            }
        }
        nodes.add(new PartyGraph.Node("b:157.240.16.35", "b", "157.240.16.35", 500, 0, 0, 10, null));
        List<PartyGraph.Contact> contacts = List.of(
                new PartyGraph.Contact("l1", "a:919820000100", "a:919820000101", 0.9, "WhatsApp", "r", null),
                // one party beyond the page: not drawn
                new PartyGraph.Contact("l2", "a:919820000100", "a:919820000129", 0.9, "WhatsApp", "r", null));
        CaseReportGraph.Selection s =
                CaseReportGraph.select(new PartyGraph.Graph(4000, 0, "ip", true, nodes, links, contacts, null, false));
        assertThat(s.a()).hasSize(CaseReportGraph.MAX_SIDE);
        assertThat(s.a().get(0).id()).isEqualTo("a:919820000100");
        assertThat(s.aTotal()).isEqualTo(30);
        assertThat(s.bTotal()).isEqualTo(31);
        // 22 B-parties: the shared one (500 sessions from them) and the own ones of the 21 busiest subscribers
        assertThat(s.b()).hasSize(CaseReportGraph.MAX_SIDE);
        assertThat(s.b().get(0).id()).isEqualTo("b:157.240.16.35");
        assertThat(s.b())
                .extracting(PartyGraph.Node::id)
                .contains("b:10.0.0.20")
                .doesNotContain("b:10.0.0.21");
        assertThat(s.links()).allMatch(l -> s.b().stream().anyMatch(b -> b.id().equals(l.b())));
        assertThat(s.contacts()).extracting(PartyGraph.Contact::id).containsExactly("l1");
        assertThat(s.linksTotal()).isEqualTo(40);
    }
}
