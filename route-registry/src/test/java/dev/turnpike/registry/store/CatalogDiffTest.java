package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogDiffTest {
    @Test
    void equalCatalogsNeedNoChange() {
        assertThat(CatalogDiff.between(CatalogFixtures.full(1), CatalogFixtures.full(1), true).isEmpty()).isTrue();
    }

    @Test
    void applyingTheDiffWithPruneMakesTheCatalogsEqualAndASecondDiffIsEmpty() {
        Catalog current = CatalogFixtures.full(1);
        Catalog desired = CatalogFixtures.full(2);

        CatalogDiff diff = CatalogDiff.between(current, desired, true);
        Catalog applied = CatalogChange.applyAll(current, diff.changes());

        assertThat(CatalogDiff.between(applied, desired, true).isEmpty()).isTrue();
        assertThat(applied.apis()).containsExactlyInAnyOrderElementsOf(desired.apis());
        assertThat(applied.pools()).containsExactlyInAnyOrderElementsOf(desired.pools());
        assertThat(applied.consumers()).containsExactlyInAnyOrderElementsOf(desired.consumers());
        assertThat(applied.subscriptions()).containsExactlyInAnyOrderElementsOf(desired.subscriptions());
        // full(n) renames the orders pool and the batch consumer: both are created and the old ones deleted.
        assertThat(diff.describe()).contains("+ pool orders-2", "- pool orders-1", "+ consumer batch-2",
                "- consumer batch-1", "~ api reviews", "- subscription batch-1/products");
    }

    @Test
    void withoutPruneNothingIsDeleted() {
        Catalog current = CatalogFixtures.full(1);
        CatalogDiff diff = CatalogDiff.between(current, CatalogFixtures.plain(1), false);

        assertThat(diff.deleted()).isEmpty();
        assertThat(CatalogChange.applyAll(current, diff.changes())).isEqualTo(current);
    }

    @Test
    void changesOfOneWriteMayPassThroughInvalidStatesInAnyOrder() {
        Catalog current = CatalogFixtures.full(1);
        Catalog desired = CatalogFixtures.full(2);
        List<CatalogChange> reversed = new java.util.ArrayList<>(CatalogDiff.between(current, desired, true).changes());
        java.util.Collections.reverse(reversed); // deletes of pools still targeted come before the new APIs

        assertThat(CatalogDiff.between(CatalogChange.applyAll(current, reversed), desired, true).isEmpty()).isTrue();
    }
}
