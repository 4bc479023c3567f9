package io.flowanalyzer.portal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void readsChipsAndPutsValuesInTheirStoredForm() {
        assertThat(Filter.parse("app:WhatsApp")).isEqualTo(new Filter(FilterKind.APP, "WhatsApp", false));
        assertThat(Filter.parse("-isp:jio")).isEqualTo(new Filter(FilterKind.ISP, "jio", true));
        assertThat(Filter.parse("ip:157.240.12.7/16")).isEqualTo(new Filter(FilterKind.IP, "157.240.0.0/16", false));
        assertThat(Filter.parse("destination:2409:4042:2D8A:0::1"))
                .isEqualTo(new Filter(FilterKind.DESTINATION, "2409:4042:2d8a::1", false));
        assertThat(Filter.parse("msisdn:+91 98200-00106"))
                .isEqualTo(new Filter(FilterKind.MSISDN, "919820000106", false));
        assertThat(Filter.parse("country:in")).isEqualTo(new Filter(FilterKind.COUNTRY, "IN", false));
        assertThat(Filter.parse("geo:28.9,76.8,28.4,77.40"))
                .isEqualTo(new Filter(FilterKind.GEO, "28.9,76.8,28.4,77.4", false));
        assertThat(Filter.parse("tagged:CR-2026-114").label()).isEqualTo("Files of case: CR-2026-114");
        assertThat(Filter.parse("-app:WhatsApp").label()).isEqualTo("not App: WhatsApp");
        assertThat(Filter.parse("-app:WhatsApp").param()).isEqualTo("-app:WhatsApp");
    }

    @Test
    void refusesChipsThatCannotMatchWithASentence() {
        assertThatThrownBy(() -> Filter.parse("colour:red"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage(
                        "There is no filter called 'colour'; the filters are ip, destination, subscriber, msisdn, imsi, imei, isp, app, flag, country, network, attribution, geo, tagged, list.");
        assertThatThrownBy(() -> Filter.parse("ip:10.0.0.300"))
                .hasMessage("'10.0.0.300' is not an IP address or network (such as 10.1.2.3 or 157.240.0.0/16).");
        assertThatThrownBy(() -> Filter.parse("imei:35-98-AB"))
                .hasMessage("The IMEI '35-98-AB' should be digits only.");
        assertThatThrownBy(() -> Filter.parse("tagged:FIR 12")).hasMessage("'FIR 12' is not a case number.");
        assertThatThrownBy(() -> Filter.parse("app"))
                .hasMessage("The filter 'app' is not kind:value; for example app:WhatsApp or ip:10.0.0.0/8.");
        assertThatThrownBy(() -> Filter.parse("geo:10,20,30,40"))
                .hasMessage("The area's north edge (10.0) is south of its south edge (30.0).");
        assertThatThrownBy(() -> Filter.parse("geo:1,2,3")).hasMessageStartingWith("An area is four numbers");
    }

    @Test
    void aListOfIdentifiersIsSortedIntoAddressesNumbersAndIdsWithAStableId() {
        IdList list = IdList.parse("919820000106\n+919820000107, 10.0.0.0/8;2409:4042::1\tSUB-77\n919820000106\n");
        assertThat(list.numbers()).containsExactly("919820000106", "919820000107");
        assertThat(list.addresses()).containsExactly("10.0.0.0/8", "2409:4042::1");
        assertThat(list.others()).containsExactly("SUB-77");
        assertThat(list.describe()).isEqualTo("5 identifiers: 2 numbers, 2 addresses, 1 other id");
        assertThat(IdList.parse("SUB-77 2409:4042::1 10.0.0.0/8 919820000107 919820000106")
                        .id())
                .isEqualTo(list.id());
        assertThat(list.id()).hasSize(24).matches("[0-9a-f]+");
        assertThatThrownBy(() -> IdList.parse(" \n "))
                .hasMessage("The list is empty: paste or upload the identifiers, one per line.");
        assertThatThrownBy(() -> IdList.parse("<script>alert(1)</script>"))
                .hasMessage("'<script>alert(1)</script>' in the list is not an address, a number or an id.");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= IdList.MAX_ENTRIES; i++) {
            many.append(9_000_000_000L + i).append('\n');
        }
        assertThatThrownBy(() -> IdList.parse(many.toString()))
                .hasMessageStartingWith("A list holds at most 10,000 identifiers");
    }

    @Test
    void chooseColumnsByKeyOnceEach() {
        assertThat(Column.chosen(null)).isEqualTo(Column.DEFAULTS);
        assertThat(Column.chosen(List.of("start,a_party", "app", "start")))
                .containsExactly(Column.START, Column.A_PARTY, Column.APP);
        assertThatThrownBy(() -> Column.chosen(List.of("password_hash")))
                .hasMessage("There is no column called 'password_hash'.");
    }
}
