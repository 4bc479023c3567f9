package io.flowanalyzer.portal.graph;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How large a link graph may be drawn.
 *
 * @param maxLinks the A-party → B-party links a search may have for the graph to show every one of
 *     them; a search with more is drawn as its busiest parties (an overview) and says so
 * @param overviewParties the busiest A-parties an overview draws
 * @param overviewContacts the busiest B-parties an overview draws for each of them
 * @param maxSelected how many parties one link-analysis question may name
 * @param maxChainHops the longest chain of links the shortest-chain question follows
 * @param maxChainParties how many parties a shortest-chain search may reach before it gives up
 */
@ConfigurationProperties("flowanalyzer.graph")
public record GraphProperties(
        @DefaultValue("1500") int maxLinks,
        @DefaultValue("40") int overviewParties,
        @DefaultValue("12") int overviewContacts,
        @DefaultValue("20") int maxSelected,
        @DefaultValue("6") int maxChainHops,
        @DefaultValue("20000") int maxChainParties) {}
