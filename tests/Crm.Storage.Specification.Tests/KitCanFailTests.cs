using NodaTime;

namespace Crm.Storage.Specification.Tests;

/// <summary>
/// The kit proves it can fail: each deliberately broken store fails the tests named for its
/// defect, and the same tests pass on the correct store, so the failure is the defect's.
/// </summary>
public sealed class KitCanFailTests
{
    public static TheoryData<string, string> DefectsAndTests => new()
    {
        { nameof(NoVersionCheckKit), "Commit_with_stale_version_fails_and_writes_nothing" },
        { nameof(NoVersionCheckKit), "Delete_with_stale_version_fails" },
        { nameof(NoVersionCheckKit), "Concurrent_writers_at_a_barrier_lose_no_update" },
        { nameof(NoVersionCheckKit), "Store_reports_an_outcome_per_write_when_a_commit_fails" },
        { nameof(TenantBlindAlternateKeysKit), "Alternate_key_lookup_never_returns_another_tenants_record" },
        { nameof(PartialCommitKit), "Multi_aggregate_commit_with_one_conflict_writes_nothing" },
        { nameof(PartialCommitKit), "Duplicate_alternate_key_is_refused_and_nothing_is_written" },
        { nameof(PartialCommitKit), "Same_alternate_key_twice_in_one_commit_is_refused" },
        { nameof(PartialCommitKit), "Store_reports_an_outcome_per_write_when_a_commit_fails" },
        { nameof(SharedMutableObjectsKit), "Loaded_record_is_not_changed_by_a_later_commit" },
        { nameof(KeysetWithoutIdTieBreakKit), "Timeline_pages_newest_first_by_keyset" },
    };

    [Theory]
    [MemberData(nameof(DefectsAndTests))]
    public async Task Broken_store_fails_the_test_named_for_its_defect(string kit, string test)
    {
        var failure = await KitRunner.RunAsync(KitType(kit), test);

        Assert.NotNull(failure);
        Assert.IsNotType<ArgumentException>(failure);
    }

    [Theory]
    [MemberData(nameof(DefectsAndTests))]
    public async Task Correct_store_passes_the_same_test(string kit, string test)
    {
        _ = kit;
        var failure = await KitRunner.RunAsync(typeof(CorrectKit), test);

        Assert.Null(failure);
    }

    [Fact]
    public async Task Each_broken_store_still_passes_tests_unrelated_to_its_defect()
    {
        foreach (var kit in new[] { typeof(NoVersionCheckKit), typeof(TenantBlindAlternateKeysKit), typeof(PartialCommitKit), typeof(SharedMutableObjectsKit), typeof(KeysetWithoutIdTieBreakKit) })
        {
            Assert.Null(await KitRunner.RunAsync(kit, "Inserted_contact_loads_by_id_with_all_its_parts"));
            Assert.Null(await KitRunner.RunAsync(kit, "Change_feed_is_per_tenant"));
        }
    }

    private static Type KitType(string name) => typeof(KitCanFailTests).GetNestedType(name, System.Reflection.BindingFlags.NonPublic)!;

    private sealed class CorrectKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult(BrokenStores.Correct(clock));
    }

    private sealed class NoVersionCheckKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new BrokenStores.NoVersionCheck(BrokenStores.Correct(clock)));
    }

    private sealed class TenantBlindAlternateKeysKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new BrokenStores.TenantBlindAlternateKeys(BrokenStores.Correct(clock)));
    }

    private sealed class PartialCommitKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new BrokenStores.PartialCommit(BrokenStores.Correct(clock)));
    }

    private sealed class SharedMutableObjectsKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new BrokenStores.SharedMutableObjects(BrokenStores.Correct(clock)));
    }

    private sealed class KeysetWithoutIdTieBreakKit : StoreSpecification
    {
        protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new BrokenStores.KeysetWithoutIdTieBreak(BrokenStores.Correct(clock)));
    }
}
