package io.flowanalyzer.launcher.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.flowanalyzer.elastic.ElasticsearchClients;
import io.flowanalyzer.elastic.ElasticsearchEndpoint;
import io.flowanalyzer.launcher.EmbeddedStack;
import io.flowanalyzer.model.IndexLayout;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.PortalProperties;
import io.flowanalyzer.portal.search.SessionParams;
import io.flowanalyzer.portal.search.SessionQueries;
import io.flowanalyzer.portal.search.SessionQuery;
import io.flowanalyzer.portal.search.SessionSearch;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./flowanalyzer bench search [--docs N] [--rounds R]}: loads N generated sessions (30 days, 100,000
 * subscribers, three ISPs) into the session indices of a throw-away embedded stack, then times the
 * investigator's typical searches — MSISDN over 30 days, CIDR and a time range, free text, facets and
 * histogram — through the portal (the search page with a signed-in session, and the JSON API with HTTP
 * Basic) against the same Elasticsearch requests sent straight from the portal's own query builder, in
 * the same run: p50 and p95 of each, and the portal's share on top.
 */
public final class SearchBenchmark {
    private static final String PASSWORD = "Bench-Search-Pass-2026";
    private static final Instant FIRST = Instant.parse("2024-03-01T00:00:00Z");
    private static final long SPAN_SECONDS = 30L * 86_400;
    private static final int SUBSCRIBERS = 100_000;
    private static final String[] ISPS = {"jio", "airtel", "vi"};
    private static final String[] APPS = {"WhatsApp", "Telegram", "YouTube", "Google", null, null};

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        long docs = 10_000_000;
        int rounds = 40;
        String heap = "2g";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "search" -> {}
                case "--docs" -> docs = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--es-heap" -> heap = args[++i];
                default -> {
                    System.err.println("usage: flowanalyzer bench search [--docs N] [--rounds R] [--es-heap SIZE]");
                    System.exit(64);
                }
            }
        }
        System.setProperty("flowanalyzer.portal.admin-password", PASSWORD);
        long n = docs;
        int r = rounds;
        int code = BenchStack.run("flowanalyzer-bench-search-", heap, (stack, data, work) -> run(stack, n, r));
        System.exit(code);
    }

    private static void run(EmbeddedStack stack, long docs, int rounds) throws Exception {
        ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchEndpoint.of(stack.elasticsearchUrl()));
        try {
            long t0 = System.nanoTime();
            load(client, stack.indexLayout(), docs);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long count = client.count(c -> c.index(Indices.SESSIONS_ALIAS)).count();
            System.out.printf(
                    "%nLoaded %,d sessions into %s in %.0f s (%,.0f docs/s)%n",
                    count, Indices.SESSIONS_ALIAS, loadSeconds, count / loadSeconds);
            // periods that no longer change are merged down, as a deployment does with past indices: the
            // searches then do not race the merges the load left running
            long m0 = System.nanoTime();
            String task = client.indices()
                    .forcemerge(f -> f.index(Indices.SESSIONS_PREFIX + "*")
                            .maxNumSegments(1L)
                            .waitForCompletion(false))
                    .task();
            // a merge of millions of documents outlasts one HTTP request: wait for its task in steps
            while (task != null && !merged(client, task)) {
                System.out.println("  merging …");
            }
            System.out.printf(
                    "Merged the session indices to one segment each in %.0f s%n", (System.nanoTime() - m0) / 1e9);

            PortalProperties properties = new PortalProperties("", Duration.ofSeconds(20), 50, 10_000, "91", 10, "");
            SessionQueries queries = new SessionQueries(properties, null, null);
            SessionSearch direct = new SessionSearch(client, properties, queries, null, null);
            Portal portal = new Portal(stack.httpPort());

            Random random = new Random(7);
            List<Case> cases = List.of(
                    new Case(
                            "MSISDN over 30 days",
                            () -> "q=" + enc("msisdn:" + national(random.nextInt(SUBSCRIBERS)))
                                    + "&from=2024-03-01&to=2024-03-31",
                            EnumSet.allOf(SessionSearch.Part.class)),
                    new Case(
                            "CIDR and a time range",
                            () -> "f=" + enc("ip:157.240." + random.nextInt(256) + ".0/24") + "&from=2024-03-10&to="
                                    + enc("2024-03-12T23:59:59Z"),
                            EnumSet.allOf(SessionSearch.Part.class)),
                    new Case(
                            "Free text (an IMEI)",
                            () -> "q=" + imei(random.nextInt(SUBSCRIBERS)),
                            EnumSet.allOf(SessionSearch.Part.class)),
                    new Case(
                            "Facets and histogram, 30 days of one ISP",
                            // the end minute varies so that no two rounds ask the same (Elasticsearch caches the
                            // answers of size-0 requests per shard until the next refresh)
                            () -> "f=isp:" + ISPS[random.nextInt(3)] + "&from=2024-03-01&to="
                                    + enc(String.format(
                                            "2024-03-31T%02d:%02d:00Z", random.nextInt(24), random.nextInt(60))),
                            EnumSet.allOf(SessionSearch.Part.class)));

            System.out.printf(
                    "%n%-42s %12s %12s %12s %12s %12s %12s %12s %12s%n",
                    "search (" + rounds + " rounds each)",
                    "direct p50",
                    "direct p95",
                    "page p50",
                    "page p95",
                    "parts p50",
                    "parts p95",
                    "API p50",
                    "API p95");
            for (Case c : cases) {
                List<String> params = new ArrayList<>();
                for (int i = 0; i < rounds + 5; i++) {
                    params.add(c.params().get());
                }
                List<java.util.function.Consumer<String>> ways = List.of(
                        p -> direct.execute(query(p), c.parts()),
                        p -> portal.page("/search?" + p),
                        p -> {
                            portal.api("/api/sessions?size=50&" + p);
                            portal.api("/api/sessions/facets?" + p);
                            portal.api("/api/sessions/histogram?" + p);
                        },
                        p -> {
                            // what the three API calls ask Elasticsearch, one part per call as they do
                            SessionQuery one = query(p);
                            direct.execute(one, EnumSet.of(SessionSearch.Part.HITS));
                            direct.execute(withoutHits(one), EnumSet.of(SessionSearch.Part.FACETS));
                            direct.execute(withoutHits(one), EnumSet.of(SessionSearch.Part.HISTOGRAM));
                        });
                long[][] ms = time(params, ways);
                long[] d = ms[0];
                long[] page = ms[1];
                long[] api = ms[2];
                long[] parts = ms[3];
                System.out.printf(
                        "%-42s %9.0f ms %9.0f ms %9.0f ms %9.0f ms %9.0f ms %9.0f ms %9.0f ms %9.0f ms%n",
                        c.name(),
                        p(d, 50),
                        p(d, 95),
                        p(page, 50),
                        p(page, 95),
                        p(parts, 50),
                        p(parts, 95),
                        p(api, 50),
                        p(api, 95));
                System.out.printf(
                        "%-42s the page takes %.2f× the direct p95 (%+.0f %%), the API %.2f× its direct parts (%+.0f %%)%n",
                        "",
                        p(page, 95) / p(d, 95),
                        100 * (p(page, 95) / p(d, 95) - 1),
                        p(api, 95) / p(parts, 95),
                        100 * (p(api, 95) / p(parts, 95) - 1));
            }
            // what every signed-in page pays before it does anything: a static file through the same HTTP
            // client, Tomcat and security chain (the floor under the page's overhead)
            long[] floor = time(
                    java.util.Collections.nCopies(rounds + 5, ""), List.of(p -> portal.fetch("/css/portal.css")))[0];
            System.out.printf(
                    "%-42s %9.1f ms %9.1f ms  (a static file, signed in: HTTP + security chain)%n",
                    "Floor of any signed-in request", p(floor, 50), p(floor, 95));
            graph(client, properties, queries, portal, docs, rounds);
            browser(client, queries, portal, docs);
            System.out.println();
            System.out.println(
                    "  direct: the same Elasticsearch requests the portal sends (its own query builder), no HTTP, no audit;");
            System.out.println(
                    "  page: GET /search with a signed-in session (hits, facets, histogram, audit entry, HTML);");
            System.out.println(
                    "  parts: direct, one request per API call (hits, facets, histogram), as the API asks them;");
            System.out.println(
                    "  API: /api/sessions + /facets + /histogram with HTTP Basic (three calls, three audit entries).");
        } finally {
            ElasticsearchClients.closeQuietly(client);
        }
    }

    /**
     * The link graph of a search matching about a million sessions (the days that hold them): the graph
     * service on its own (its aggregations and the answer) and {@code GET /api/graph} (HTTP, audit, JSON).
     * The drawing is timed in the browser by the end-to-end test (the page's {@code data-drawn-ms}).
     */
    private static void graph(
            ElasticsearchClient client,
            PortalProperties properties,
            SessionQueries queries,
            Portal portal,
            long docs,
            int rounds)
            throws java.io.IOException {
        int days = (int) Math.max(1, Math.min(30, Math.round(30.0 * 1_000_000 / docs)));
        String to = java.time.LocalDate.of(2024, 3, 1).plusDays(days - 1) + "T23:59:59Z";
        String params = "from=2024-03-01&to=" + enc(to);
        long matching = client.count(c -> c.index(Indices.SESSIONS_ALIAS).query(queries.build(query(params))))
                .count();
        io.flowanalyzer.portal.graph.PartyGraph service = new io.flowanalyzer.portal.graph.PartyGraph(
                new io.flowanalyzer.portal.search.SessionAggregations(client, properties),
                queries,
                new io.flowanalyzer.portal.graph.GraphProperties(1500, 40, 12, 20, 6, 20000),
                null,
                null);
        List<String> each = java.util.Collections.nCopies(Math.max(10, rounds / 2) + 5, params);
        System.out.printf(
                "%n%-42s %12s %12s %12s %12s%n",
                "link graph of " + String.format("%,d", matching) + " sessions (" + days + " days)",
                "service p50",
                "service p95",
                "API p50",
                "API p95");
        for (io.flowanalyzer.portal.graph.Grouping group : io.flowanalyzer.portal.graph.Grouping.values()) {
            long[][] ms = time(
                    each,
                    List.of(
                            p -> service.build(query(p), group),
                            p -> portal.apiAnswer("/api/graph?group=" + group.key() + "&" + p, "\"links\"")));
            System.out.printf(
                    "%-42s %9.0f ms %9.0f ms %9.0f ms %9.0f ms%n",
                    "  B-parties by " + group.label().toLowerCase(java.util.Locale.ROOT),
                    p(ms[0], 50),
                    p(ms[0], 95),
                    p(ms[1], 50),
                    p(ms[1], 95));
        }
    }

    /**
     * The graph, the map and a subscriber's timeline of the same search in a real headless Chromium: from
     * asking for the page to drawn, and the page script's own figure (its data request and the drawing).
     */
    private static void browser(ElasticsearchClient client, SessionQueries queries, Portal portal, long docs)
            throws Exception {
        if (!java.nio.file.Files.isExecutable(BrowserTiming.CHROMIUM)) {
            System.out.printf(
                    "%nIn the browser: skipped, no Chromium at %s (./flowanalyzer test installs it)%n",
                    BrowserTiming.CHROMIUM);
            return;
        }
        int days = (int) Math.max(1, Math.min(30, Math.round(30.0 * 1_000_000 / docs)));
        String to = java.time.LocalDate.of(2024, 3, 1).plusDays(days - 1) + "T23:59:59Z";
        String params = "from=2024-03-01&to=" + enc(to);
        long matching = client.count(c -> c.index(Indices.SESSIONS_ALIAS).query(queries.build(query(params))))
                .count();
        java.net.HttpCookie session = portal.session();
        List<String[]> pages = List.of(
                new String[] {"link graph (by address)", "/graph?group=ip&" + params},
                new String[] {"map (A-party cells)", "/map?" + params},
                new String[] {
                    "timeline of one subscriber", "/timeline?subject=" + enc("msisdn:" + national(7)) + "&" + params
                });
        System.out.printf(
                "%n%-42s %12s %12s %12s %12s%n",
                "in Chromium, " + String.format("%,d", matching) + " sessions",
                "page p50",
                "page max",
                "script p50",
                "script max");
        try (BrowserTiming chromium = BrowserTiming.start(portal.base(), session.getName(), session.getValue())) {
            for (String[] page : pages) {
                int rounds = 6;
                long[] whole = new long[rounds];
                long[] script = new long[rounds];
                chromium.time(portal.base() + page[1], Duration.ofSeconds(60)); // first: caches, JIT
                for (int i = 0; i < rounds; i++) {
                    BrowserTiming.Drawn d = chromium.time(portal.base() + page[1], Duration.ofSeconds(60));
                    whole[i] = d.page() * 1000; // as microseconds, like the other figures
                    script[i] = d.script() * 1000;
                }
                Arrays.sort(whole);
                Arrays.sort(script);
                System.out.printf(
                        "%-42s %9.0f ms %9.0f ms %9.0f ms %9.0f ms%n",
                        "  " + page[0], p(whole, 50), p(whole, 100), p(script, 50), p(script, 100));
            }
        }
        System.out.println(
                "  page: from asking for the page to its script's first frame drawn (HTML, scripts, data, drawing);");
        System.out.println("  script: from the script's data request to that frame (the figure the page records).");
    }

    /** Whether the merge task is done, waiting up to 50 s for it (a wait that times out answers no). */
    private static boolean merged(ElasticsearchClient client, String task) throws java.io.IOException {
        try {
            return client.tasks()
                    .get(t -> t.taskId(task).waitForCompletion(true).timeout(tm -> tm.time("50s")))
                    .completed();
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException | java.io.IOException e) {
            // the server answers a wait that ran out with a timeout_exception (which the client may hand on
            // as an IOException around the HTTP response)
            if (String.valueOf(e.getMessage()).contains("timeout_exception")
                    || String.valueOf(e.getMessage()).contains("timed out")) {
                return false;
            }
            throw e;
        }
    }

    private record Case(String name, java.util.function.Supplier<String> params, Set<SessionSearch.Part> parts) {}

    /** The query of a call that asks for no hits (the facets and histogram calls: size 0). */
    private static SessionQuery withoutHits(SessionQuery q) {
        return new SessionQuery(q.q(), q.from(), q.to(), q.filters(), q.sort(), q.descending(), 0, 0, q.columns());
    }

    private static SessionQuery query(String params) {
        String q = null, from = null, to = null;
        List<String> f = new ArrayList<>();
        for (String kv : params.split("&")) {
            int eq = kv.indexOf('=');
            String k = kv.substring(0, eq);
            String v = java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            switch (k) {
                case "q" -> q = v;
                case "from" -> from = v;
                case "to" -> to = v;
                case "f" -> f.add(v);
                default -> {}
            }
        }
        return new SessionParams(q, from, to, f, null, null, 50, null).query(50);
    }

    /**
     * Microseconds of each way of searching, per round after 5 warm-up rounds, sorted. Each round runs
     * every way with the same parameters, in an order that rotates from round to round, so none of them
     * always finds the caches warmed by another.
     */
    private static long[][] time(List<String> params, List<java.util.function.Consumer<String>> ways) {
        long[][] ms = new long[ways.size()][params.size() - 5];
        for (int i = 0; i < params.size(); i++) {
            for (int k = 0; k < ways.size(); k++) {
                int way = (i + k) % ways.size();
                long t = System.nanoTime();
                ways.get(way).accept(params.get(i));
                if (i >= 5) {
                    ms[way][i - 5] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t);
                }
            }
        }
        for (long[] way : ms) {
            Arrays.sort(way);
        }
        return ms;
    }

    /** The percentile in milliseconds of sorted microseconds. */
    private static double p(long[] sorted, int percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String national(int subscriber) {
        return "98" + String.format("%08d", subscriber);
    }

    private static String imei(int subscriber) {
        return "35" + String.format("%013d", 3_593_000_000L + subscriber);
    }

    /** Generated sessions, spread evenly over 30 days, written straight into the indices the job would write. */
    private static void load(ElasticsearchClient client, IndexLayout layout, long docs) throws Exception {
        Random random = new Random(42);
        long step = Math.max(1, SPAN_SECONDS * 1000 / docs);
        try (BulkIngester<Void> ingester = BulkIngester.of(b ->
                b.client(client).maxOperations(5_000).maxConcurrentRequests(2).flushInterval(5, TimeUnit.SECONDS))) {
            for (long i = 0; i < docs; i++) {
                Instant start = FIRST.plusMillis(i * step);
                int s = random.nextInt(SUBSCRIBERS);
                String isp = ISPS[s % 3];
                String app = APPS[random.nextInt(APPS.length)];
                String dst = random.nextInt(3) == 0
                        ? "2409:4042:" + Integer.toHexString(random.nextInt(65536)) + "::1"
                        : "157.240." + random.nextInt(256) + "." + random.nextInt(256);
                String id = "b" + i;
                String json = "{\"@timestamp\":\"" + start + "\",\"event\":{\"id\":\"" + id + "\",\"start\":\"" + start
                        + "\",\"end\":\"" + start.plusSeconds(30 + random.nextInt(600)) + "\",\"dataset\":\"bench\"},"
                        + "\"source\":{\"ip\":\"10." + (s >> 16) + "." + ((s >> 8) & 255) + "." + (s & 255)
                        + "\",\"port\":" + (1024 + random.nextInt(60000)) + ",\"bytes\":" + random.nextInt(5_000_000)
                        + ",\"nat\":{\"ip\":\"100.64." + random.nextInt(256) + "." + random.nextInt(256)
                        + "\",\"port\":"
                        + (1024 + random.nextInt(60000)) + "}},"
                        + "\"destination\":{\"ip\":\"" + dst + "\",\"port\":443,\"bytes\":" + random.nextInt(50_000_000)
                        + "},\"network\":{\"transport\":\"tcp\"},"
                        + "\"ipdr\":{\"isp\":\"" + isp + "\",\"a_party\":{\"msisdn\":\"91" + national(s)
                        + "\",\"imsi\":\"40445"
                        + String.format("%010d", s) + "\",\"imei\":\"" + imei(s) + "\",\"subscriber_id\":\"S" + s
                        + "\"},"
                        + (app == null ? "" : "\"b_party\":{\"app\":\"" + app + "\"},")
                        + "\"cell\":{\"id\":\"40445-" + (s % 997) + "\"},"
                        + "\"attribution\":{\"method\":\"direct\"},"
                        + "\"delivery\":{\"id\":\"d" + (i / 100_000) + "\",\"line\":" + (i % 100_000 + 2) + "}},"
                        + "\"log\":{\"file\":{\"path\":\"bench-" + (i / 100_000) + ".csv\"}}}";
                BinaryData doc = BinaryData.of(json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
                String index = layout.sessionsIndexFor(start);
                ingester.add(op -> op.index(ix -> ix.index(index).id(id).document(doc)));
                if (i > 0 && i % 1_000_000 == 0) {
                    System.out.printf("  %,d sessions sent%n", i);
                }
            }
        }
        client.indices().refresh(r -> r.index(Indices.SESSIONS_ALIAS));
    }

    /** The portal as an investigator's browser (a signed-in session) and as an API client (HTTP Basic). */
    private static final class Portal {
        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final HttpClient api = HttpClient.newHttpClient();
        private final String basic =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        Portal(int port) throws Exception {
            this.base = "http://127.0.0.1:" + port;
            HttpResponse<String> login = browser.send(
                    HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            HttpResponse<String> signedIn = browser.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "username=admin&password=" + enc(PASSWORD) + "&_csrf=" + enc(token.group(1))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!signedIn.headers().firstValue("Location").orElse("").endsWith("/search")) {
                throw new IllegalStateException("could not sign in to the portal");
            }
        }

        /** The signed-in session's cookie, for a real browser to carry the same session. */
        java.net.HttpCookie session() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().toUpperCase(java.util.Locale.ROOT).contains("SESSION"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the portal gave no session cookie"));
        }

        String base() {
            return base;
        }

        void page(String path) {
            send(browser, HttpRequest.newBuilder(URI.create(base + path)).build(), "id=\"total\"");
        }

        /** Any resource with the signed-in session; it must answer 200. */
        void fetch(String path) {
            send(browser, HttpRequest.newBuilder(URI.create(base + path)).build(), "");
        }

        void api(String path) {
            apiAnswer(path, "\"total\"");
        }

        void apiAnswer(String path, String expected) {
            send(
                    api,
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", basic)
                            .build(),
                    expected);
        }

        private static void send(HttpClient http, HttpRequest request, String expected) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains(expected)) {
                    throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
