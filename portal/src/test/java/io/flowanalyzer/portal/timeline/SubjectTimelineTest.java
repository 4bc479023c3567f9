package io.flowanalyzer.portal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowanalyzer.portal.search.Column;
import io.flowanalyzer.portal.search.Filter;
import io.flowanalyzer.portal.search.FilterKind;
import io.flowanalyzer.portal.search.InvalidSearch;
import io.flowanalyzer.portal.search.SessionQuery;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectTimelineTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private static SubjectTimeline.Hour hour(String hour, long sessions, String first, String last) {
        return new SubjectTimeline.Hour(hour, sessions, first, last);
    }

    @Test
    void aSubjectIsOneSubscriberNamedByAnIdentifier() {
        assertThat(SubjectTimeline.subject("msisdn:+91 98765-43210").param()).isEqualTo("msisdn:919876543210");
        assertThat(SubjectTimeline.subject("imei:356938035643809").kind()).isEqualTo(FilterKind.IMEI);
        assertThat(SubjectTimeline.subject("subscriber:9198765@jio.example").kind())
                .isEqualTo(FilterKind.SUBSCRIBER);
        assertThatThrownBy(() -> SubjectTimeline.subject("app:WhatsApp"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("A timeline follows one subscriber, named by msisdn:…, imsi:…, imei:… or subscriber:…;"
                        + " 'app:WhatsApp' is not one.");
        assertThatThrownBy(() -> SubjectTimeline.subject("-msisdn:919876543210"))
                .isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> SubjectTimeline.subject(" "))
                .hasMessage("Name the subject of the timeline: msisdn:…, imsi:…, imei:… or subscriber:….");
    }

    @Test
    void hoursAreCountedInTheZoneAskedAndABadZoneIsASentence() {
        SubjectTimeline t = new SubjectTimeline(
                null, null, null, null, new TimelineProperties(2000, IST, Duration.ofHours(6), 10, 50), null);
        assertThat(t.zone(null)).isEqualTo(IST);
        assertThat(t.zone("UTC")).isEqualTo(ZoneId.of("UTC"));
        assertThat(t.zone("+05:30")).isEqualTo(ZoneId.of("+05:30"));
        assertThatThrownBy(() -> t.zone("Mars/Olympus"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage("'Mars/Olympus' is not a time zone; use a name such as Asia/Kolkata or UTC, or an offset"
                        + " such as +05:30.");
    }

    @Test
    void theWeekPatternPutsEachHoursSessionsOnItsLocalDayAndHour() {
        // 2026-11-24 is a Tuesday; 23:30 UTC on Monday is already 05:00 on Tuesday in India
        List<SubjectTimeline.Hour> activity = List.of(
                hour("2026-11-24T05:00+05:30", 3, "2026-11-23T23:30:00Z", "2026-11-23T23:59:00Z"),
                hour("2026-11-24T16:00+05:30", 2, "2026-11-24T10:30:00Z", "2026-11-24T10:40:00Z"),
                hour("2026-11-29T23:00+05:30", 1, "2026-11-29T17:45:00Z", "2026-11-29T17:46:00Z"));
        SubjectTimeline.Pattern p = SubjectTimeline.Pattern.of(activity, IST);
        assertThat(p.week()[1][5]).isEqualTo(3);
        assertThat(p.week()[1][16]).isEqualTo(2);
        assertThat(p.week()[6][23]).isEqualTo(1);
        assertThat(p.days()).containsExactly(0, 5, 0, 0, 0, 0, 1);
        assertThat(p.hours()[5]).isEqualTo(3);
        assertThat(p.hours()[16]).isEqualTo(2);
        assertThat(p.night()).isEqualTo(3);
        // the same hours in UTC: Monday 23:00 and Tuesday 10:00
        SubjectTimeline.Pattern utc = SubjectTimeline.Pattern.of(activity, ZoneId.of("UTC"));
        assertThat(utc.week()[0][23]).isEqualTo(3);
        assertThat(utc.week()[1][10]).isEqualTo(2);
        assertThat(utc.night()).isZero();
    }

    @Test
    void aSilenceRunsFromTheLastEndToTheNextStartAndALongSessionCoversItsHours() {
        List<SubjectTimeline.Hour> activity = List.of(
                // a session from 01:10 lasting until 09:00 covers the quiet hours after it
                hour("2026-11-24T01:00Z", 2, "2026-11-24T01:10:00Z", "2026-11-24T09:00:00Z"),
                hour("2026-11-24T03:00Z", 1, "2026-11-24T03:05:00Z", "2026-11-24T03:06:00Z"),
                hour("2026-11-24T16:00Z", 1, "2026-11-24T16:30:00Z", "2026-11-24T16:31:00Z"),
                hour("2026-11-24T22:00Z", 1, "2026-11-24T22:31:00Z", "2026-11-24T22:32:00Z"),
                hour("2026-11-26T10:00Z", 1, "2026-11-26T10:32:00Z", "2026-11-26T10:40:00Z"));
        List<SubjectTimeline.Gap> gaps = SubjectTimeline.gaps(activity, Duration.ofHours(6), 10);
        assertThat(gaps)
                .containsExactly(
                        new SubjectTimeline.Gap("2026-11-24T22:32:00Z", "2026-11-26T10:32:00Z", 36.0),
                        new SubjectTimeline.Gap("2026-11-24T09:00:00Z", "2026-11-24T16:30:00Z", 7.5),
                        new SubjectTimeline.Gap("2026-11-24T16:31:00Z", "2026-11-24T22:31:00Z", 6.0));
        assertThat(SubjectTimeline.gaps(activity, Duration.ofHours(6), 1)).hasSize(1);
        assertThat(SubjectTimeline.gaps(List.of(), Duration.ofHours(6), 10)).isEmpty();
    }

    @Test
    void aChipThatNamesASubscriberLeadsToTheirTimelineWithTheRestOfTheSearch() {
        SessionQuery q = new SessionQuery(
                "app:WhatsApp",
                "now-7d",
                null,
                List.of(Filter.parse("isp:jio"), Filter.parse("msisdn:919876543210")),
                Column.START,
                true,
                0,
                50,
                Column.DEFAULTS);
        assertThat(q.timelineUrl())
                .isEqualTo("/timeline?q=app:WhatsApp&from=now-7d&f=isp:jio&subject=msisdn:919876543210");
        SessionQuery none =
                q.without(Filter.parse("msisdn:919876543210")).withFilter(Filter.parse("-imsi:404450000012345"));
        assertThat(none.timelineUrl()).isNull();
    }
}
