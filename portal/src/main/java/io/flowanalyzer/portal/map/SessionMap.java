package io.flowanalyzer.portal.map;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.GeoTileGridBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.flowanalyzer.model.Fields;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.privacy.IdentifierMasking;
import io.flowanalyzer.portal.search.Documents;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.GeoBox;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionAggregations;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.search.TimeOrdered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Where the sessions of a search happened, for the map: counts per map tile from a geotile_grid
 * aggregation (millions of sessions in one request, never the records themselves), and one
 * subscriber's cell locations in time order.
 */
@Service
public class SessionMap {
    /** Tiles one answer holds at most; a view with more is drawn with its busiest. */
    static final int MAX_CLUSTERS = 5000;
    /** Points of one subscriber's path at most. */
    static final int MAX_PATH = 5000;

    private final SessionAggregations aggregations;
    private final TimeOrdered ordered;
    private final SessionQueries queries;
    private final IdentifierMasking masking;

    public SessionMap(
            SessionAggregations aggregations, TimeOrdered ordered, SessionQueries queries, IdentifierMasking masking) {
        this.aggregations = aggregations;
        this.ordered = ordered;
        this.queries = queries;
        this.masking = masking;
    }

    /** What the map shows: where the A-party was (the cell), or where the B-party is (its address's location). */
    public enum Layer {
        CELL("cell", Fields.CELL_LOCATION),
        DESTINATION("destination", "destination.geo.location");

        private final String key;
        private final String field;

        Layer(String key, String field) {
            this.key = key;
            this.field = field;
        }

        public String key() {
            return key;
        }

        public String field() {
            return field;
        }

        public static Layer of(String key) {
            if (key == null || key.isBlank()) {
                return CELL;
            }
            for (Layer l : values()) {
                if (l.key.equalsIgnoreCase(key.strip())) {
                    return l;
                }
            }
            throw new InvalidSearch(
                    "The map shows the cell or the destination layer, not '" + Filter.shorten(key) + "'.");
        }
    }

    /** Sessions in one map tile: where their centre is, how many, how many flagged. */
    public record Cluster(String tile, double lat, double lon, long sessions, long flagged) {}

    /** {@code located}: the sessions that have a location in this layer (the others cannot be drawn). */
    public record Clusters(
            String layer, int precision, long sessions, long located, boolean cut, List<Cluster> clusters) {}

    /** One session on a subscriber's path. */
    public record Point(String time, double lat, double lon, String cell, List<String> flags, String session) {}

    public record Path(String msisdn, long sessions, boolean cut, List<Point> points) {}

    /** Tiles a map at {@code zoom} shows about four of across one tile of its own: two levels finer. */
    static int precision(int zoom) {
        return Math.max(0, Math.min(29, zoom + 2));
    }

    public Clusters clusters(SessionQuery q, Layer layer, int zoom, String bounds) {
        int precision = precision(zoom);
        Query base = queries.build(q);
        Query query = bounds == null || bounds.isBlank()
                ? base
                : Query.of(x -> x.bool(b -> b.filter(base).filter(inBox(layer, GeoBox.parse(bounds)))));
        Map<String, Aggregation> aggs = Map.of(
                "tiles",
                Aggregation.of(a -> a.geotileGrid(
                                g -> g.field(layer.field()).precision(precision).size(MAX_CLUSTERS))
                        .aggregations("centre", c -> c.geoCentroid(g -> g.field(layer.field())))
                        .aggregations("flagged", f -> f.filter(e -> e.exists(x -> x.field("ipdr.flags.name"))))),
                "located",
                Aggregation.of(a -> a.filter(f -> f.exists(e -> e.field(layer.field())))));
        SearchResponse<Void> response = aggregations.run(query, aggs);
        List<Cluster> clusters = new ArrayList<>();
        long drawn = 0;
        for (GeoTileGridBucket b :
                response.aggregations().get("tiles").geotileGrid().buckets().array()) {
            var centre = b.aggregations().get("centre").geoCentroid().location();
            double lat = centre == null ? 0 : centre.latlon().lat();
            double lon = centre == null ? 0 : centre.latlon().lon();
            clusters.add(new Cluster(
                    b.key(),
                    lat,
                    lon,
                    b.docCount(),
                    b.aggregations().get("flagged").filter().docCount()));
            drawn += b.docCount();
        }
        long located = response.aggregations().get("located").filter().docCount();
        long total =
                response.hits().total() == null ? 0 : response.hits().total().value();
        return new Clusters(layer.key(), precision, total, located, drawn < located, clusters);
    }

    /** Cells one answer names at most (the busiest, when a view holds more). */
    static final int MAX_CELLS = 2000;

    /** A cell tower's sector as the sessions name it: where, which way it faces, how busy it was. */
    public record Tower(
            String id,
            String name,
            double lat,
            double lon,
            Integer azimuth,
            long sessions,
            long subscribers,
            long flagged) {}

    public record Towers(long sessions, long cells, boolean cut, List<Tower> towers) {}

    /**
     * The cells the search's sessions were on, within the view: each with its place, its sector's azimuth
     * and site name (from the cell reference data, as enrichment wrote them on the sessions), its sessions,
     * subscribers (by MSISDN) and flagged sessions.
     */
    public Towers cells(SessionQuery q, String bounds) {
        Query base = queries.build(q);
        Query query = Query.of(x -> x.bool(b -> {
            b.filter(base).filter(f -> f.exists(e -> e.field(Fields.CELL_LOCATION)));
            if (bounds != null && !bounds.isBlank()) {
                b.filter(inBox(Layer.CELL, GeoBox.parse(bounds)));
            }
            return b;
        }));
        Map<String, Aggregation> aggs = Map.of(
                "cells",
                Aggregation.of(a -> a.terms(t -> t.field(Fields.CELL_ID).size(MAX_CELLS))
                        .aggregations("centre", c -> c.geoCentroid(g -> g.field(Fields.CELL_LOCATION)))
                        .aggregations(
                                "site",
                                c -> c.topHits(h -> h.size(1)
                                        .source(src ->
                                                src.filter(f -> f.includes("ipdr.cell.azimuth", "ipdr.cell.name")))
                                        .sort(so -> so.field(f -> f.field(Fields.TIMESTAMP)
                                                .order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))))
                        .aggregations("subscribers", c -> c.cardinality(d -> d.field(Fields.MSISDN)))
                        .aggregations("flagged", f -> f.filter(e -> e.exists(x -> x.field("ipdr.flags.name"))))),
                "count",
                Aggregation.of(a -> a.cardinality(c -> c.field(Fields.CELL_ID).precisionThreshold(40000))));
        SearchResponse<Void> response = aggregations.run(query, aggs);
        List<Tower> towers = new ArrayList<>();
        for (var b : response.aggregations().get("cells").sterms().buckets().array()) {
            var centre = b.aggregations().get("centre").geoCentroid().location();
            Integer azimuth = null;
            String name = null;
            var hits = b.aggregations().get("site").topHits().hits().hits();
            if (!hits.isEmpty() && hits.get(0).source() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = hits.get(0).source().to(Map.class);
                Object az = Documents.at(doc, "ipdr.cell.azimuth");
                azimuth = az instanceof Number n ? n.intValue() : null;
                name = Documents.text(doc, "ipdr.cell.name");
            }
            towers.add(new Tower(
                    b.key().stringValue(),
                    name,
                    centre == null ? 0 : centre.latlon().lat(),
                    centre == null ? 0 : centre.latlon().lon(),
                    azimuth,
                    b.docCount(),
                    b.aggregations().get("subscribers").cardinality().value(),
                    b.aggregations().get("flagged").filter().docCount()));
        }
        long total =
                response.hits().total() == null ? 0 : response.hits().total().value();
        var terms = response.aggregations().get("cells").sterms();
        boolean cut = terms.sumOtherDocCount() != null && terms.sumOtherDocCount() > 0;
        long cells = response.aggregations().get("count").cardinality().value();
        return new Towers(total, Math.max(cells, towers.size()), cut, towers);
    }

    /** A subscriber's cell locations in time order, within the search (its chips, range and scope). */
    public Path path(SessionQuery q, String msisdn) {
        if (masking != null) {
            masking.current().requireIdentifiers("A subscriber's path is followed by MSISDN");
        }
        if (msisdn == null || msisdn.isBlank()) {
            throw new InvalidSearch("Name the subscriber (MSISDN) whose path to draw.");
        }
        Filter who = Filter.parse(FilterKind.MSISDN.key() + ":" + msisdn);
        Query base = queries.build(q);
        Query query = Query.of(x -> x.bool(b ->
                b.filter(base).filter(queries.clause(who)).filter(f -> f.exists(e -> e.field(Fields.CELL_LOCATION)))));
        TimeOrdered.Page page = ordered.search(
                Indices.SESSIONS_ALIAS,
                query,
                MAX_PATH,
                List.of(Fields.TIMESTAMP, Fields.EVENT_ID, Fields.CELL_ID, Fields.CELL_LOCATION, "ipdr.flags.name"),
                Map.of());
        List<Point> points = new ArrayList<>();
        for (Map<String, Object> doc : page.hits()) {
            double[] at = location(Documents.at(doc, Fields.CELL_LOCATION));
            if (at == null) {
                continue;
            }
            points.add(new Point(
                    Documents.text(doc, Fields.TIMESTAMP),
                    at[0],
                    at[1],
                    Documents.text(doc, Fields.CELL_ID),
                    Documents.names(Documents.at(doc, "ipdr.flags")),
                    Documents.text(doc, Fields.EVENT_ID)));
        }
        return new Path(who.value(), page.total(), page.total() > points.size(), points);
    }

    private static Query inBox(Layer layer, GeoBox box) {
        return Query.of(x -> x.geoBoundingBox(g -> g.field(layer.field())
                .boundingBox(bb -> bb.tlbr(t -> t.topLeft(
                                tl -> tl.latlon(ll -> ll.lat(box.north()).lon(box.west())))
                        .bottomRight(br -> br.latlon(ll -> ll.lat(box.south()).lon(box.east())))))));
    }

    /** A geo_point as stored: {"lat", "lon"}, [lon, lat] or "lat,lon". */
    static double[] location(Object v) {
        if (v instanceof Map<?, ?> m && m.get("lat") instanceof Number lat && m.get("lon") instanceof Number lon) {
            return new double[] {lat.doubleValue(), lon.doubleValue()};
        }
        if (v instanceof List<?> l
                && l.size() == 2
                && l.get(0) instanceof Number lon
                && l.get(1) instanceof Number lat) {
            return new double[] {lat.doubleValue(), lon.doubleValue()};
        }
        if (v instanceof String s && s.contains(",")) {
            String[] parts = s.split(",");
            try {
                return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())};
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
