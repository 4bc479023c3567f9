package io.flowanalyzer.model.bindings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs binding events into intervals: the events of one binding (same ISP, kind, addresses, ports,
 * accounting session) are ordered in time; a start opens an interval, an end closes it, and an end that
 * states its own start (a duration, an allocation time, a session time) is an interval by itself.
 * Overlapping intervals of one binding merge. A binding whose end was not (yet) delivered is open for
 * at most {@code openLimit}; one whose start was not delivered begins at most {@code openLimit} before
 * its end, and says so.
 */
public final class BindingIntervals {
    private BindingIntervals() {}

    /** One binding over a time: the events that prove it, and whether its ends are known or assumed. */
    public record Interval(
            BindingEvent first,
            Instant start,
            Instant end,
            boolean startKnown,
            boolean endKnown,
            List<BindingEvent> events) {
        public boolean covers(Instant t, Duration skew) {
            return !t.isBefore(start.minus(skew)) && !t.isAfter(end.plus(skew));
        }

        /** The ids of the records that prove the interval. */
        public List<String> evidence() {
            return events.stream().map(BindingEvent::id).toList();
        }

        /** Who the binding names, from all its records (a Stop may leave out what its Start said). */
        public BindingEvent.Subscriber subscriber() {
            BindingEvent.Subscriber s = new BindingEvent.Subscriber(null, null, null, null, null);
            for (BindingEvent e : events) {
                s = s.fill(e.subscriber());
            }
            return s;
        }
    }

    public static List<Interval> of(List<BindingEvent> events, Duration openLimit) {
        Map<String, List<BindingEvent>> byBinding = new LinkedHashMap<>();
        for (BindingEvent e : events) {
            byBinding.computeIfAbsent(e.bindingKey(), k -> new ArrayList<>()).add(e);
        }
        List<Interval> intervals = new ArrayList<>();
        for (List<BindingEvent> binding : byBinding.values()) {
            intervals.addAll(merge(raw(binding, openLimit)));
        }
        return intervals;
    }

    /** A binding seen to start (or to be active), not yet seen to end. */
    private static final class Open {
        final BindingEvent first;
        final Instant start;
        final List<BindingEvent> evidence = new ArrayList<>();

        Open(BindingEvent first, Instant start) {
            this.first = first;
            this.start = start;
            evidence.add(first);
        }

        Interval closedAt(Instant end, BindingEvent closing) {
            List<BindingEvent> all = new ArrayList<>(evidence);
            all.add(closing);
            return new Interval(first, start, end, true, true, List.copyOf(all));
        }

        /** Never seen to end: open for the limit, or until the same binding starts again. */
        Interval unclosed(Duration openLimit, Instant nextStart) {
            Instant end = start.plus(openLimit);
            if (nextStart != null && nextStart.isBefore(end)) {
                end = nextStart;
            }
            return new Interval(first, start, end, true, false, List.copyOf(evidence));
        }
    }

    /** The intervals each event or start/end pair stands for, before merging. */
    private static List<Interval> raw(List<BindingEvent> binding, Duration openLimit) {
        binding.sort(Comparator.comparing(BindingEvent::at).thenComparing(BindingEvent::id));
        List<Interval> out = new ArrayList<>();
        Open open = null;
        for (BindingEvent e : binding) {
            switch (e.action() == null ? "" : e.action()) {
                case "end" -> {
                    Instant end = e.end() != null ? e.end() : e.at();
                    if (e.start() != null) {
                        out.add(new Interval(e, e.start(), end, true, true, List.of(e)));
                        if (open != null && !open.start.isAfter(end)) {
                            out.add(open.closedAt(end, e));
                            open = null;
                        }
                    } else if (open != null && !open.start.isAfter(end)) {
                        out.add(open.closedAt(end, e));
                        open = null;
                    } else {
                        out.add(new Interval(e, end.minus(openLimit), end, false, true, List.of(e)));
                    }
                }
                case "start" -> {
                    Instant start = e.start() != null ? e.start() : e.at();
                    if (open != null) {
                        out.add(open.unclosed(openLimit, start));
                    }
                    open = new Open(e, start);
                }
                default -> { // interim: the binding is active, since its start when the event states it
                    if (open == null) {
                        open = new Open(e, e.start() != null ? e.start() : e.at());
                    } else {
                        open.evidence.add(e);
                    }
                }
            }
        }
        if (open != null) {
            out.add(open.unclosed(openLimit, null));
        }
        return out;
    }

    /** Overlapping intervals of one binding are one: the earliest start, the latest end, all the evidence. */
    private static List<Interval> merge(List<Interval> intervals) {
        intervals.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : intervals) {
            // overlapping, not merely touching: a binding reused right after it ended keeps its own evidence
            if (!merged.isEmpty()
                    && i.start().isBefore(merged.get(merged.size() - 1).end())) {
                Interval last = merged.remove(merged.size() - 1);
                List<BindingEvent> evidence = new ArrayList<>(last.events());
                i.events().stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
                boolean laterEnd = i.end().isAfter(last.end());
                merged.add(new Interval(
                        last.first(),
                        last.start(),
                        laterEnd ? i.end() : last.end(),
                        last.startKnown(),
                        laterEnd
                                ? i.endKnown()
                                : last.endKnown() || i.endKnown() && i.end().equals(last.end()),
                        List.copyOf(evidence)));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }
}
